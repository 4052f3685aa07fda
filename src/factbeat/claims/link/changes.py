"""Link stated changes ("up 13 per cent", "almost doubling", "9 more") to their figures.

A change takes the nearest earlier/later pair in its own clause; failing that, a complete pair
in the previous sentence, then in the next one ("Knife crime rose 18 %. There were 512
offences, compared with 434."); a one-sided change may borrow the lone figure of the previous
sentence.  Pairs taken from another sentence on such weak evidence are *tentative*: they can
confirm a claim but never make it inconsistent.  A pair with a direction word and no stated
amount ("went up drastically from 7 to 32") becomes a direction-only claim.
"""

from __future__ import annotations

import re

from factbeat.claims.formatting import figure
from factbeat.claims.link.common import (
    MAX_LINK_DISTANCE,
    distance,
    free_levels,
    same_clause,
    separated_from,
)
from factbeat.claims.link.draft import Draft, stated_words_end
from factbeat.claims.link.frames import ChangeFrame, multiple_frame
from factbeat.claims.link.pairing import one_sided, pair_frame, same_thing
from factbeat.claims.model import ClaimKind
from factbeat.claims.read.analyse import SentenceReading, Stated
from factbeat.claims.read.lexicon import DRAMATIC
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Role


def _fits(stated: Quantity, frame: ChangeFrame) -> bool:
    """Whether the frame's figures are the kind the stated change is about."""
    member = frame.members()[0]
    if member.kind == QuantityKind.PERCENT and not frame.complete:
        return False  # "rose 7 %, compared with 4 % in Essex": another change, not a level
    if stated.kind == QuantityKind.POINTS:
        return member.kind == QuantityKind.PERCENT
    if stated.kind == QuantityKind.COUNT:
        return member.kind == QuantityKind.COUNT and member.unit == stated.unit
    return member.kind in (QuantityKind.COUNT, QuantityKind.PERCENT, QuantityKind.RATE)


def _between(text: str, reading: SentenceReading, item: Stated, frame: ChangeFrame) -> bool:
    """True if another stated change sits between ``item`` and the frame: "dropped from 1,234
    to 1,100 – a fall of 11 per cent – as officer numbers fell by 400" (400 is not 1,234 → 1,100)."""
    lo, hi = (
        (item.q.end, frame.start) if item.q.end <= frame.start else (frame.end, item.q.phrase_start)
    )
    return any(s is not item and s.role == Role.CHANGE and lo <= s.q.phrase_start and s.q.end <= hi
               for s in reading.stated)  # fmt: skip


def _usable(text: str, reading: SentenceReading, item: Stated, frame: ChangeFrame) -> bool:
    return (
        _fits(item.q, frame)
        and distance(item.q, frame) <= MAX_LINK_DISTANCE
        and not separated_from(text, item.q, frame)
        and not (frame.complete and _between(text, reading, item, frame))
        and (
            frame.complete or item.q.kind not in frame.claimed_by
        )  # one-sided: one change per kind
    )


def _frame_in_sentence(text: str, reading: SentenceReading, item: Stated,
                       taken: dict[int, set[QuantityKind]]) -> ChangeFrame | None:  # fmt: skip
    candidates = list(reading.frames)
    if item.q.kind == QuantityKind.MULTIPLE and (
        extra := multiple_frame(text, item.q, reading.levels)
    ):
        candidates.append(extra)
    candidates = [f for f in candidates if _usable(text, reading, item, f)]
    if candidates:
        return min(candidates, key=lambda f: (not f.complete, distance(item.q, f)))
    free = [
        q
        for q in same_clause(text, item.q, free_levels(reading, item.q))
        if item.q.kind not in taken.get(id(q), ())
    ]
    frame = pair_frame(text, free, reading.years)
    if frame is None and free:  # two figures about different things: take the nearer one
        before = [q for q in free if q.end <= item.q.phrase_start]
        frame = one_sided(text, before[-1] if before else free[0])
    return frame


def _frame_nearby(text: str, reading: SentenceReading | None, item: Stated,
                  taken: dict[int, set[QuantityKind]]) -> ChangeFrame | None:  # fmt: skip
    """A complete pair in a neighbouring sentence (its frames, else its two free figures)."""
    if reading is None:
        return None
    complete = [f for f in reading.frames if f.complete and _fits(item.q, f)]
    if complete:
        return sorted(complete, key=lambda f: (not f.claimed, f.start))[-1]
    free = [q for q in free_levels(reading, item.q) if id(q) not in taken]
    frame = pair_frame(text, free, reading.years)
    return frame if frame is not None and frame.complete else None


def _borrow_from_previous(text: str, previous: SentenceReading | None, frame: ChangeFrame,
                          taken: dict[int, set[QuantityKind]]) -> bool:  # fmt: skip
    """ "Last year there were 1,200 burglaries. This year 1,380, up 15 %": the lone free figure
    of the previous sentence fills the missing side of a one-sided change, if that sentence
    states no change of its own and the two figures do not name different things."""
    known = frame.to_q or frame.from_q
    if previous is None or known is None or frame.complete:
        return False
    if any(s.role == Role.CHANGE for s in previous.stated):
        return False
    strong = [q for q in free_levels(previous, known)
              if not q.weak and q.compatible(known) and id(q) not in taken]  # fmt: skip
    if len(strong) != 1 or not same_thing(text, known, strong[0]):
        return False
    if frame.from_q is None:
        frame.from_q = strong[0]
    else:
        frame.to_q = strong[0]
    return True


def _change_kind(q: Quantity) -> ClaimKind:
    if q.kind == QuantityKind.MULTIPLE:
        return ClaimKind.MULTIPLE
    return ClaimKind.PERCENT_CHANGE if q.kind == QuantityKind.PERCENT else ClaimKind.ABSOLUTE_CHANGE


def stated_span(item: Stated) -> tuple[int, int]:
    """The words being checked: the stated figure with its qualifier and direction word."""
    start, end = item.q.phrase_start, item.q.end
    if item.direction is not None:
        start, end = min(start, item.direction.start), max(end, item.direction.end)
    return start, end


def _neighbours(readings: list[SentenceReading], index: int) -> tuple[SentenceReading | None, ...]:
    before = readings[index - 1] if index > 0 else None
    after = readings[index + 1] if index + 1 < len(readings) else None
    return before, after


GUESSED_ORDER = "nothing in the text says which figure is the earlier one"
FROM_PREVIOUS = "a figure was taken from the previous sentence and may be about something else"
FROM_NEXT = "the figures were taken from the next sentence and may be about something else"


def _find_frame(text: str, readings: list[SentenceReading], reading: SentenceReading, item: Stated,
                taken: dict[int, set[QuantityKind]]) -> tuple[ChangeFrame | None, str | None]:  # fmt: skip
    """The frame for a stated change, and why it is tentative (``None`` if it is not)."""
    previous, following = _neighbours(readings, reading.index)
    frame = _frame_in_sentence(text, reading, item, taken)
    if frame is None:
        frame = _frame_nearby(text, previous, item, taken)
        next_states_change = following is not None and any(
            s.role == Role.CHANGE for s in following.stated
        )
        if frame is None and not next_states_change:
            frame = _frame_nearby(text, following, item, taken)
            return frame, FROM_NEXT if frame is not None else None
        return frame, GUESSED_ORDER if frame is not None and frame.guessed else None
    if not frame.complete:
        frame.claimed = True  # borrow on a copy, so the sentence's own frame stays one-sided
        frame.claimed_by.add(item.q.kind)
        frame = ChangeFrame(frame.from_q, frame.to_q, frame.direction, frame.sentence)
        return frame, FROM_PREVIOUS if _borrow_from_previous(text, previous, frame, taken) else None
    return frame, GUESSED_ORDER if frame.guessed else None


_BY_TO_GAP = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:to|at)\s+(?:a\s+total\s+of\s+)?$", re.I)


_ASIDE_GAP = re.compile(r"^(?:\s+[a-z][\w’'-]*){0,2}\s*[,(–—-]\s*$", re.I)


def _derive_from(text: str, reading: SentenceReading, to: Quantity) -> Quantity | None:
    """ "rose by 1,000 to 11,000, a rise of 10 per cent" or "to 1,500 offences, 300 more than in
    2015": the earlier figure is worked out as 11,000 − 1,000 (or 1,500 − 300)."""
    for s in reading.stated:
        q, d = s.q, s.direction
        if (
            s.role != Role.CHANGE
            or q.kind != QuantityKind.COUNT
            or q.unit != to.unit
            or not d
            or d.sign not in (1, -1)
        ):
            continue
        before = q.end <= to.phrase_start and _BY_TO_GAP.match(text[q.end : to.phrase_start])
        after = to.end <= q.phrase_start and _ASIDE_GAP.match(text[to.end : q.phrase_start])
        if before or after:
            value = to.value - d.sign * q.value
            if value <= 0:
                return None
            how = f"{figure(to)} {'−' if d.sign == 1 else '+'} {figure(q)}"
            return Quantity(QuantityKind.COUNT, value, q.start, q.end, q.text, q.sentence, q.num_start, q.num_end,
                            qualifier=q.qualifier, qualifier_start=q.qualifier_start, unit=q.unit, derived=how)  # fmt: skip
    return None


def _is_addition(item: Stated) -> bool:
    """ "an extra 20", "a further 1,000", "another 30": an amount added, said before the figure."""
    d = item.direction
    return (
        d is not None
        and d.end <= item.q.phrase_start
        and d.word.lower() in ("extra", "further", "additional")
    )


def _draft_change(text: str, readings: list[SentenceReading], reading: SentenceReading,
                  item: Stated, taken: dict[int, set[QuantityKind]]) -> Draft:  # fmt: skip
    draft = Draft(_change_kind(item.q), reading.index, item.q, stated_span(item))
    draft.directions = [d for d in (item.direction,) if d is not None]
    frame, draft.tentative = _find_frame(text, readings, reading, item, taken)
    if _is_addition(item) and (frame is None or not frame.complete):
        # "a further 1,000 were handed in": an added amount, not a change of a level
        return Draft(ClaimKind.COUNT, reading.index, item.q, (item.q.phrase_start, item.q.end))
    if frame is None:
        return draft
    frame.claimed = True
    if frame.from_q is None and frame.to_q is not None and item.q.kind != QuantityKind.COUNT:
        frame = ChangeFrame(_derive_from(text, reading, frame.to_q), frame.to_q, frame.direction)
    draft.numbers = {r: q for r, q in (("from", frame.from_q), ("to", frame.to_q)) if q is not None}
    for q in draft.numbers.values():
        taken.setdefault(id(q), set()).add(item.q.kind)
    if frame.direction is not None and frame.direction not in draft.directions:
        draft.directions.append(frame.direction)
    return draft


def link_changes(text: str, readings: list[SentenceReading]) -> list[Draft]:
    """Drafts for every stated change, with the frame it uses (possibly one-sided or none)."""
    taken: dict[int, set[QuantityKind]] = {}
    return [_draft_change(text, readings, reading, item, taken)
            for reading in readings for item in reading.stated if item.role == Role.CHANGE]  # fmt: skip


def link_direction_only(text: str, readings: list[SentenceReading]) -> list[Draft]:
    """ "went up drastically from 7 to 32": a complete frame with a direction word but no amount."""
    drafts = []
    for reading in readings:
        for frame in reading.frames:
            d = frame.direction
            if frame.claimed or not frame.complete or d is None or d.sign is None:
                continue
            end = stated_words_end(text, d.end, reading.sentence.end)
            dramatic = DRAMATIC.search(text, reading.sentence.start, reading.sentence.end)
            if end == d.end and not dramatic and (frame.to_q.value - frame.from_q.value) * d.sign > 0:
                # "148 … up from 143": a bare direction word, true by inspection, is no claim;
                # both figures stay figures of their own, for the data to check
                frame.claimed = True
                continue
            drafts.append(Draft(ClaimKind.ABSOLUTE_CHANGE, reading.index, None, (d.start, end),
                                {"from": frame.from_q, "to": frame.to_q}, [d]))  # fmt: skip
            frame.claimed = True
    return drafts
