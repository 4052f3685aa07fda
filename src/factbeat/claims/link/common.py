"""Helpers shared by the linking steps: distances, clauses, free figures, word overlap.

Linking decides which figures a stated relation talks about.  The rules only ever look at how
far apart things are, whether a clause boundary ("; while …") separates them, and which
figures are still unpaired, never at whether the arithmetic would then agree.
"""

from __future__ import annotations

import re

from factbeat.claims.link.frames import ChangeFrame, ShareFrame
from factbeat.claims.read.analyse import SentenceReading
from factbeat.claims.read.lexicon import words
from factbeat.claims.read.quantity import Quantity, QuantityKind

MAX_LINK_DISTANCE = 120  # characters between a stated relation and the figures it uses
CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|but|although|meanwhile)\b", re.I)
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


def separated(text: str, lo: int, hi: int) -> bool:
    """True if a clause boundary ("; while robbery fell…") lies in ``text[lo:hi]``."""
    return lo < hi and bool(CLAUSE_BREAK.search(text, lo, hi))


def separated_from(text: str, q: Quantity, frame: ChangeFrame | ShareFrame) -> bool:
    lo, hi = (q.end, frame.start) if q.end <= frame.start else (frame.end, q.phrase_start)
    return separated(text, lo, hi)


def framed(reading: SentenceReading) -> set[int]:
    """Ids of the figures already paired in a change frame of this sentence."""
    return {id(q) for f in reading.frames for q in f.members()}


def free_levels(reading: SentenceReading, stated: Quantity) -> list[Quantity]:
    """Figures of the sentence not yet paired that could go with ``stated``."""
    paired = framed(reading)
    kinds = (QuantityKind.PERCENT,) if stated.kind == QuantityKind.POINTS else (QuantityKind.COUNT,)
    return [q for q in reading.levels if id(q) not in paired and q.kind in kinds
            and (stated.kind != QuantityKind.COUNT or q.unit == stated.unit)]  # fmt: skip


def same_clause(text: str, q: Quantity, levels: list[Quantity]) -> list[Quantity]:
    """The figures in ``levels`` that no clause boundary separates from ``q``."""
    return [p for p in levels
            if not separated(text, *((p.end, q.phrase_start) if p.end <= q.phrase_start else (q.end, p.phrase_start)))]  # fmt: skip


def content_words(sentence: str) -> set[str]:
    """The words that say what a sentence is about (for linking far-apart sentences)."""
    found = {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", sentence.lower())}
    return found - _STOPWORDS
