"""Order two unmarked figures in time, for a change stated without "from … to …".

"There were 1,380 burglaries in 2016 and 1,200 in 2015, an increase of 15 per cent": nothing
says which figure is earlier except the years.  Evidence, strongest first: the years written
next to each figure; words marking one as earlier ("the previous year", "a year ago", "last
year" against "this year"); a comparison word before one of them ("compared with", "against").
Without any, reading order is used and the pair is marked ``guessed``, so a failed check
reports ``unverifiable`` rather than ``inconsistent``.  Two figures that name different things
("4,000 officers … 1,200 PCSOs") are never paired.
"""

from __future__ import annotations

import re

from factbeat.claims.link.frames import ChangeFrame
from factbeat.claims.read.quantity import Quantity
from factbeat.claims.read.roles import direction_between

_EARLIER_WORDS = re.compile(
    r"\b(?:previous|prior|preceding)\s+(?:year|twelve\s+months|12\s+months|period|month)|\byear\s+"
    r"(?:before|earlier)|\ba\s+year\s+(?:ago|earlier)|\blast\s+year['’]s\b|\bthe\s+year\s+before"
    r"|\bthe\s+same\s+(?:period|month|quarter)\s+(?:last|a)\s+year",
    re.I,
)
_LATER_WORDS = re.compile(r"\b(?:this\s+year|so\s+far|now|currently|latest)\b", re.I)
_LAST_YEAR = re.compile(r"\blast\s+year\b", re.I)
_COMPARED_BEFORE = re.compile(
    r"\b(?:compar(?:ed|es|e|ing)\s+(?:with|to)|against|versus|vs\.?|than|from)\b", re.I
)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:of|in|on|at|to|from|by|for|and|or|were|was|is|are|had|have|has|last|this|the|a|an"
    r"|more|fewer|less|per|up|down|than|compared|against|recorded|reported|a\s+year)\b)"
    r"([a-z][a-z’'-]+)",
    re.I,
)


def noun_after(text: str, q: Quantity) -> str | None:
    """The word naming what a figure counts ("1,200 burglaries" → "burglarie"), if written."""
    match = _NOUN_AFTER.match(text, q.end)
    return match.group(1).lower().rstrip("s") if match else None


def same_thing(text: str, a: Quantity, b: Quantity) -> bool:
    """False when both figures name what they count and the names differ."""
    nouns = noun_after(text, a), noun_after(text, b)
    return None in nouns or nouns[0] == nouns[1]


def _window(q: Quantity) -> tuple[int, int]:
    return max(0, q.phrase_start - 35), q.end + 35


def _year_near(q: Quantity, years: list[tuple[int, int, int]]) -> int | None:
    lo, hi = _window(q)
    near = [
        (abs((s + e) // 2 - (q.start + q.end) // 2), y) for y, s, e in years if lo <= s and e <= hi
    ]
    return min(near)[1] if near else None


def _time_score(text: str, q: Quantity) -> float:
    """−1 for "the previous year", +1 for "this year", −0.5 for "last year", else 0."""
    clause = text[slice(*_window(q))]
    if _EARLIER_WORDS.search(clause):
        return -1
    if _LATER_WORDS.search(clause):
        return 1
    return -0.5 if _LAST_YEAR.search(clause) else 0


def is_marked_earlier(text: str, q: Quantity) -> bool:
    return _time_score(text, q) == -1


def _order(
    text: str, first: Quantity, second: Quantity, years: list[tuple[int, int, int]]
) -> bool | None:
    """True to swap the pair, False to keep it, None when nothing says which is earlier."""
    y1, y2 = _year_near(first, years), _year_near(second, years)
    if y1 and y2 and y1 != y2:
        return y2 < y1
    s1, s2 = _time_score(text, first), _time_score(text, second)
    if s1 != s2:
        return s2 < s1
    if _COMPARED_BEFORE.search(text, first.end, second.phrase_start):
        return True  # "2,340 …, compared with … 2,543": the second is the earlier figure
    return None


def pair_frame(
    text: str, free: list[Quantity], years: list[tuple[int, int, int]]
) -> ChangeFrame | None:
    """A frame from the unpaired figures of a clause: two that name the same thing, in time
    order; or a one-sided frame from the only (or nearest) one."""
    strong = [q for q in free if not q.weak]
    if len(strong) == 2 and strong[0].compatible(strong[1]) and same_thing(text, *strong):
        first, second = strong
        swap = _order(text, first, second, years)
        if swap:
            first, second = second, first
        direction = direction_between(text, strong[0].end, strong[1].phrase_start)
        return ChangeFrame(first, second, direction, first.sentence, guessed=swap is None)
    if len(strong) == 1 or (len(strong) == 2 and not same_thing(text, *strong)):
        return None if len(strong) != 1 else one_sided(text, strong[0])
    return None


def one_sided(text: str, q: Quantity) -> ChangeFrame:
    """A frame with one figure: the earlier one if marked so ("132 the previous year",
    "compared with last year, when 1,000 were recorded"), else the later one."""
    compared = _COMPARED_BEFORE.search(text, max(0, q.phrase_start - 40), q.phrase_start)
    if is_marked_earlier(text, q) or compared:
        return ChangeFrame(q, None, None, q.sentence)
    return ChangeFrame(None, q, None, q.sentence)
