"""Changes told by a direction word alone: "went up drastically from 7 to 32".

A complete from/to frame with a direction word but no stated amount is a claim only when the
words say more than the figures show by inspection: a size adverb ("drastically") or a dramatic
word ("soared", which gets the significance caveat).  A bare "148 … up from 143" that agrees is
true by inspection and is not reported (RULES.md §0 of the real-text set); one the figures
contradict is reported as inconsistent.
"""

from __future__ import annotations

import re

from factbeat.claims import patterns
from factbeat.claims.link.comparisons import LARGE, SMALL
from factbeat.claims.link.draft import Draft, stated_words_end
from factbeat.claims.model import ClaimKind
from factbeat.claims.read.analyse import SentenceReading, Stated
from factbeat.claims.read.lexicon import DRAMATIC

_AMOUNT_BEFORE = patterns.compile(r"(?:%|\bper\s*cent|\bpercent)\s*,?\s*(?:or|and)\s+(?:by\s+)?$", re.I)
_SIZE = patterns.compile(r"\b(?:" + SMALL + "|" + LARGE + r")\b", re.I)


def stated_span(item: Stated) -> tuple[int, int]:
    """The words being checked: the stated figure with its qualifier and direction word."""
    start, end = item.q.phrase_start, item.q.end
    if item.direction is not None:
        start, end = min(start, item.direction.start), max(end, item.direction.end)
    return start, end


def link_direction_only(text: str, readings: list[SentenceReading]) -> list[Draft]:
    """ "went up drastically from 7 to 32": a complete frame with a direction word but no amount."""
    drafts = []
    for reading in readings:
        for frame in reading.frames:
            d = frame.direction
            if frame.claimed or not frame.complete or d is None or d.sign is None:
                continue
            if _AMOUNT_BEFORE.search(text, max(0, frame.from_q.phrase_start - 30), frame.from_q.phrase_start):
                continue  # "fell by 5.6 per cent or 22,876 incidents to 383,100": 22,876 is the amount
            end = stated_words_end(text, d.end, reading.sentence.end)
            agrees = (frame.to_q.value - frame.from_q.value) * d.sign > 0
            if agrees and _SIZE.search(text, d.end, end):
                continue  # "increased only slightly": the size word is judged as a comparison
            dramatic = DRAMATIC.search(text, reading.sentence.start, reading.sentence.end)
            if end == d.end and not dramatic and agrees:
                # "148 … up from 143": a bare direction word, true by inspection, is no claim;
                # both figures stay figures of their own, for the data to check
                frame.claimed = True
                continue
            drafts.append(Draft(ClaimKind.ABSOLUTE_CHANGE, reading.index, None, (d.start, end),
                                {"from": frame.from_q, "to": frame.to_q}, [d]))  # fmt: skip
            frame.claimed = True
    return drafts
