"""Helpers of the sentence-level share rules (:mod:`shares`): distances and word overlap.

The reading search (:mod:`candidates`) has its own scoring; these remain for the share rules
that run before it, which look only at how far apart things are and which words two sentences
share, never at whether the arithmetic would then agree.
"""

from __future__ import annotations

import re

from factbeat.claims.link.frames import ChangeFrame, ShareFrame
from factbeat.claims.read.lexicon import words
from factbeat.claims.read.quantity import Quantity

MAX_LINK_DISTANCE = 120  # characters between a stated relation and the figures it uses
_STOPWORDS = frozenset(
    w.rstrip("s")
    for w in words(
        "that this with from have were which their there about after over year years last said "
        "also been into than more most other some what when where will would could should they "
        "them these those only just such very total figure figures number numbers recorded"
    )
)


def distance(q: Quantity, frame: ChangeFrame | ShareFrame) -> int:
    """Characters between ``q`` and the nearest end of ``frame`` (0 if inside it)."""
    if frame.start <= q.phrase_start and q.end <= frame.end:
        return 0
    return max(frame.start - q.end, q.phrase_start - frame.end, 0)


def content_words(sentence: str) -> set[str]:
    """The words that say what a sentence is about (for linking far-apart sentences)."""
    found = {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", sentence.lower())}
    return found - _STOPWORDS
