"""Read one sentence: its quantities, what each one states, and the frames among its figures.

This is the per-sentence half of the checker.  The document-level half
(:mod:`factbeat.claims.link`) then decides which stated relation uses which figures, looking back
one sentence for changes and anywhere in the text for shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factbeat.claims import patterns
from factbeat.claims.link.frames import ChangeFrame, ShareFrame, change_frames, share_frames
from factbeat.claims.read.mentions import NumberMention
from factbeat.claims.read.phrases import find_phrases, may_hold_phrase
from factbeat.claims.read.quantities import qualify, read_sentence_numbers
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Direction, Marker, Role, change_direction, marker_of, role_of
from factbeat.claims.read.sentences import Sentence

_DOWN_MULTIPLE_AFTER = patterns.compile(
    r"\s*(?:as\s+)?(?:lower|fewer|less|smaller|reduction|fall|drop|decrease|cut)\b", re.I
)


@dataclass(slots=True)
class Stated:
    """A quantity that states something to check, and the direction word that goes with it."""

    q: Quantity
    role: Role
    direction: Direction | None = None


@dataclass
class SentenceReading:
    """Everything the checker read in one sentence."""

    sentence: Sentence
    quantities: list[Quantity] = field(default_factory=list)
    years: list[tuple[int, int, int]] = field(default_factory=list)
    levels: list[Quantity] = field(default_factory=list)
    markers: dict[int, Marker] = field(default_factory=dict)
    stated: list[Stated] = field(default_factory=list)
    frames: list[ChangeFrame] = field(default_factory=list)
    shares: list[ShareFrame] = field(default_factory=list)

    @property
    def index(self) -> int:
        return self.sentence.index

    def year_values(self) -> list[int]:
        return sorted({y for y, _, _ in self.years})


def _overlaps(m: NumberMention, phrases: list[Quantity]) -> bool:
    return any(p.start < m.end and m.start < p.end for p in phrases)


def _classify(reading: SentenceReading, text: str, q: Quantity) -> None:
    """File ``q`` as a level or as a stated relation of the right role."""
    start = reading.sentence.start
    if q.kind == QuantityKind.FRACTION:
        direction = change_direction(q, text, start)
        if direction is not None:  # "rose by a third": a percentage change said as a fraction
            q.kind, q.value, q.style = QuantityKind.PERCENT, q.value * 100, "word"
            reading.stated.append(Stated(q, Role.CHANGE, direction))
        else:
            reading.stated.append(Stated(q, Role.SHARE))
    elif q.kind in (QuantityKind.MULTIPLE, QuantityKind.RANK, QuantityKind.RATE):
        if q.kind == QuantityKind.MULTIPLE and q.direction == 0:
            q.direction = -1 if _DOWN_MULTIPLE_AFTER.match(text, q.end) else 1
            if q.direction == -1 and q.value > 1:
                q.value = 1 / q.value
        reading.stated.append(
            Stated(q, Role.CHANGE if q.kind == QuantityKind.MULTIPLE else Role.LEVEL)
        )
        if q.kind == QuantityKind.RATE:  # "50 crimes per thousand in 1990 and 17 … in 2014": a level too
            reading.levels.append(q)
    else:
        role, direction = role_of(q, text, start)
        if role == Role.LEVEL:
            reading.levels.append(q)
        else:
            reading.stated.append(Stated(q, role, direction))
        if role == Role.SHARE:  # "7.8 % of crimes …, down from 9.1 %": also a level
            reading.levels.append(q)


_FROM_TO_RATE = patterns.compile(r"\s+to\s+$", re.I)
_FROM_BEFORE = patterns.compile(r"\bfrom\W*$")


def _rates_from_to(reading: SentenceReading, text: str) -> None:
    """ "fell from 1,258.2 to 1,240.7 offences per 100,000": the rate's unit, written once, covers
    both ends, so the earlier figure is a rate too, and both are levels a change can compare."""
    rates = [s.q for s in reading.stated if s.q.kind == QuantityKind.RATE]
    for rate in rates:
        earlier = [q for q in reading.levels if q.kind == QuantityKind.COUNT and q.end <= rate.phrase_start
                   and q.unit is None and _FROM_TO_RATE.fullmatch(text[q.end : rate.phrase_start])]  # fmt: skip
        if not earlier or not _FROM_BEFORE.search(text[max(0, earlier[-1].phrase_start - 8) : earlier[-1].phrase_start]):
            continue
        first = earlier[-1]
        first.kind, first.base, first.unit = QuantityKind.RATE, rate.base, rate.unit


def read_sentence(text: str, sentence: Sentence, mentions: list[NumberMention],
                  hinted: bool | None = None) -> SentenceReading:
    """Quantities, roles and frames of one sentence; ``mentions`` are that sentence's numbers,
    ``hinted`` whether it may hold a phrase (:func:`may_hold_phrase`), when the caller knows."""
    reading = SentenceReading(sentence)
    if hinted is None:
        hinted = may_hold_phrase(text, sentence.start, sentence.end)
    if not mentions and not hinted:
        return reading  # most sentences of a story hold no figure at all
    phrases = find_phrases(text, sentence.start, sentence.end, mentions, sentence.index, hinted)
    for q in phrases:
        qualify(q, text, sentence.start)
    rest = [m for m in mentions if not _overlaps(m, phrases)] if phrases else mentions
    numbers = read_sentence_numbers(text, sentence.start, sentence.end, rest, sentence.index)
    reading.years = numbers.years
    reading.quantities = sorted(phrases + numbers.quantities, key=lambda q: q.start)
    for q in reading.quantities:
        _classify(reading, text, q)
    _rates_from_to(reading, text)
    reading.markers = {id(q): marker_of(q, text, sentence.start) for q in reading.levels}
    reading.frames = change_frames(text, reading.levels, reading.markers, sentence.start)
    reading.shares = share_frames(text, reading.levels, sentence.start)
    return reading
