"""Pair up the figures a stated relation talks about: earlier/later and part/whole.

A *change frame* holds the earlier (``from``) and later (``to``) figure of a change ("up from 67",
"from 560 to 294", "climbed sharply to 40", "almost doubling 2015's 384").  A *share frame*
holds a part and its whole ("2 of London's 12", "two …, making up a portion of London's total
of 12").  Frames are built from the words between figures only, never from whether the
arithmetic would then agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factbeat.claims import patterns
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Direction, Marker, direction_between


@dataclass(slots=True)
class ChangeFrame:
    """An earlier and a later figure; either may be missing (a one-sided change)."""

    from_q: Quantity | None
    to_q: Quantity | None
    direction: Direction | None = None
    sentence: int = -1
    claimed: bool = False
    claimed_by: set[str] = field(default_factory=set)  # kinds of the stated changes using it
    guessed: bool = False  # order taken from reading order alone, with no word to confirm it
    via: list[Quantity] = field(default_factory=list)  # "500 … to 600 in 2016 and 700 in 2017"

    @property
    def start(self) -> int:
        return min(q.phrase_start for q in (self.from_q, self.to_q) if q is not None)

    @property
    def end(self) -> int:
        return max(q.end for q in (self.from_q, self.to_q) if q is not None)

    @property
    def complete(self) -> bool:
        return self.from_q is not None and self.to_q is not None

    def members(self) -> list[Quantity]:
        return [q for q in (self.from_q, self.to_q, *self.via) if q is not None]


@dataclass(slots=True)
class ShareFrame:
    """A part and the whole it belongs to."""

    part: Quantity | None
    whole: Quantity | None
    sentence: int = -1
    claimed: bool = False

    @property
    def start(self) -> int:
        return min(q.phrase_start for q in (self.part, self.whole) if q is not None)

    @property
    def end(self) -> int:
        return max(q.end for q in (self.part, self.whole) if q is not None)

    def members(self) -> list[Quantity]:
        return [q for q in (self.part, self.whole) if q is not None]


def _nearest_before(q: Quantity, levels: list[Quantity], used: set[int]) -> Quantity | None:
    candidates = [
        p for p in levels if p.end <= q.phrase_start and id(p) not in used and p.compatible(q)
    ]
    return candidates[-1] if candidates else None


def _nearest_after(q: Quantity, levels: list[Quantity], used: set[int]) -> Quantity | None:
    candidates = [
        p for p in levels if p.phrase_start >= q.end and id(p) not in used and p.compatible(q)
    ]
    return candidates[0] if candidates else None


def _from_after(q: Quantity, levels: list[Quantity], markers: dict[int, Marker]) -> Quantity | None:
    """ "fell to 4,100 from 4,000": a "from" figure written right after the "to" figure."""
    later = [p for p in levels if p.phrase_start >= q.end and p.phrase_start - q.end <= 40]
    if later and markers[id(later[0])] == Marker.FROM and later[0].compatible(q):
        return later[0]
    return None


_CLAUSE_START = patterns.compile(
    r".*(?:,(?!\d)|[;:(]|\b(?:but|while|whereas|although|and)\b)(?!\s*(?:from|to)\b)", re.S | re.I
)


def _clause_start(text: str, position: int, floor: int) -> int:
    """Start of the clause holding ``position``, looking back at most 60 characters."""
    lo = max(floor, position - 60)
    match = _CLAUSE_START.match(text, lo, position)
    return match.end() if match else lo


def _to_frames(
    text: str,
    levels: list[Quantity],
    markers: dict[int, Marker],
    used: set[int],
    sentence_start: int,
) -> list[ChangeFrame]:
    frames = []
    to_marked = {id(p) for p in levels if markers[id(p)] == Marker.TO}
    for q in levels:
        if markers[id(q)] != Marker.TO or q.weak:
            continue
        earlier = _nearest_before(q, levels, used | to_marked) or _from_after(q, levels, markers)
        explicit = earlier is not None and markers[id(earlier)] == Marker.FROM
        first, last = q.phrase_start, q.phrase_start
        if earlier is not None:
            first, last = min(first, earlier.phrase_start), max(last, earlier.phrase_start)
        direction = direction_between(text, _clause_start(text, first, sentence_start), last)
        if direction is None and not explicit:
            continue  # "handed in to 12 stations": a "to" without a change verb
        if earlier is not None and earlier.weak and not explicit and earlier.value != 0:
            earlier = None
        frame = ChangeFrame(earlier, q, direction, q.sentence)
        _extend_series(text, frame, levels, used)
        frames.append(frame)
        used.update(id(p) for p in frame.members())
    return frames


_SERIES_GAP = patterns.compile(
    r"^(?:\s+in\s+\d{4}(?:[/-]\d{2,4})?)?\s*,?\s*(?:and|then|and\s+then|before\s+reaching)\s+(?:to\s+)?$"
)


def _extend_series(text: str, frame: ChangeFrame, levels: list[Quantity], used: set[int]) -> None:
    """ "from 500 in 2015 to 600 in 2016 and 700 in 2017": the change runs to the last figure."""
    while frame.to_q is not None:
        later = [p for p in levels if p.phrase_start >= frame.to_q.end and id(p) not in used]
        if not later or not later[0].compatible(frame.to_q):
            return
        if not _SERIES_GAP.match(text[frame.to_q.end : later[0].phrase_start]):
            return
        frame.via.append(frame.to_q)
        frame.to_q = later[0]


def change_frames(
    text: str, levels: list[Quantity], markers: dict[int, Marker], sentence_start: int
) -> list[ChangeFrame]:
    """Frames from "to"-marked figures ("rose to 76") and "from"-marked ones ("up from 67")."""
    used: set[int] = set()
    frames = _to_frames(text, levels, markers, used, sentence_start)
    for q in levels:
        if markers[id(q)] != Marker.FROM or id(q) in used:
            continue
        later = _nearest_before(q, levels, used) or _nearest_after(q, levels, used)
        if later is not None and later.weak:
            later = None
        span = (later.end, q.phrase_start) if later and later.end <= q.phrase_start else None
        direction = direction_between(text, *span) if span else None
        frames.append(ChangeFrame(q, later, direction, q.sentence))
        used.update(id(p) for p in (later, q) if p is not None)
    return frames + _year_labelled(text, levels, used, sentence_start)


_YEAR_LABEL = patterns.compile(r"\b((?:19|20)\d\d)\s*[:?=]\s*$")


def _year_labelled(text: str, levels: list[Quantity], used: set[int], sentence_start: int) -> list[ChangeFrame]:
    """ "(January 2012: 9; January 2013: 7)": two figures each labelled with its year are the
    earlier and the later figure of one change, in the order of their years."""
    labelled = []
    for q in levels:
        label = _YEAR_LABEL.search(text, max(sentence_start, q.phrase_start - 12), q.phrase_start)
        if label and id(q) not in used and not q.weak:
            labelled.append((int(label.group(1)), q))
    if len(labelled) != 2 or labelled[0][0] == labelled[1][0] or not labelled[0][1].compatible(labelled[1][1]):
        return []
    (_, earlier), (_, later) = sorted(labelled, key=lambda item: item[0])
    used.update((id(earlier), id(later)))
    return [ChangeFrame(earlier, later, None, earlier.sentence)]


_PART_OF_WHOLE = patterns.compile(
    r"^\s*(?:[a-z][\w-]*\s+){0,2}?(?:out\s+)?of\s+(?:(?:the|all|a|an|its|their|his|her|total|this"
    r"|these|those|[\w-]+['’]s|\d{4}['’]s)\s+){0,4}$"
)
_SHARE_LINK = patterns.compile(
    r"\b(?:mak(?:ing|es|e)\s+up|made\s+up|account(?:ing|ed|s)?\s+for|out\s+of|portion|proportion"
    r"|share|fraction|part|among)\b",
    re.I,
)
_WHOLE_END = patterns.compile(
    r"\b(?:of|among)\s+(?:(?:the|all|a|an|its|their|total|of|[\w-]+['’]s|\d{4}['’]s)\s+){0,4}$",
    re.I,
)
_OF_THE_START = patterns.compile(
    r"(?:^|[;:,]\s*)(?:out\s+)?of\s+(?:the|all|all\s+the|those|these)?\s*$", re.I
)


NEAR = 8  # figures after a part where its whole may be named; keeps long lists linear


def share_frames(text: str, levels: list[Quantity], sentence_start: int) -> list[ShareFrame]:
    """Part/whole pairs: "2 of the 12", "two …, making up … London's total of 12", "Of the 12, two"."""
    frames: list[ShareFrame] = []
    counts = [q for q in levels if q.kind == QuantityKind.COUNT and not q.weak]
    for i, part in enumerate(counts):
        for whole in counts[i + 1 : i + 1 + NEAR]:  # a whole is named within a few figures
            gap = text[part.end : whole.phrase_start]
            if part.value > whole.value or not part.compatible(whole):
                continue
            tight = _PART_OF_WHOLE.match(gap)
            loose = ";" not in gap and _SHARE_LINK.search(gap) and _WHOLE_END.search(gap)
            if tight or loose:
                frames.append(ShareFrame(part, whole, part.sentence))
                break
    for i, whole in enumerate(counts[:-1]):
        part = counts[i + 1]
        before = text[sentence_start : whole.phrase_start]
        gap = text[whole.end : part.phrase_start]
        if _OF_THE_START.search(before) and "," in gap and part.value <= whole.value:
            frames.append(ShareFrame(part, whole, part.sentence))
    return frames


_OBJECT_GAP = patterns.compile(r"^\s*(?:[\w’'-]+\s+){0,5}$")


def multiple_frame(text: str, multiple: Quantity, levels: list[Quantity]) -> ChangeFrame | None:
    """ "690 offences, almost doubling 2015's total of 384": subject before, object after."""
    after = [q for q in levels if q.phrase_start >= multiple.end and not q.weak]
    if not after or not _OBJECT_GAP.match(text[multiple.end : after[0].phrase_start]):
        return None
    earlier = [q for q in levels if q.end <= multiple.phrase_start and q.compatible(after[0])]
    subject = earlier[-1] if earlier else None
    return ChangeFrame(after[0], subject, None, multiple.sentence)


def whole_after(text: str, share: Quantity, levels: list[Quantity]) -> Quantity | None:
    """ "a third of the 90 burglaries": the whole named right after the share."""
    for q in levels:
        if q.phrase_start >= share.end and not q.weak:
            gap = text[share.end : q.phrase_start]
            return (
                q if _PART_OF_WHOLE.match(gap) or re.match(r"^\s*of\s+(?:the\s+)?$", gap) else None
            )
    return None
