"""Decide what part each quantity plays: a stated change, a share, or a level (a figure).

"a rise of 13 per cent" states a change; "13 per cent of victims" states a share; "from 12
per cent" is a level.  "up from 67" marks 67 as the earlier figure and "rose to 76" marks 76 as
the later one.  All decisions read only the words right next to the number, so they work the
same in any article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from factbeat.claims import patterns
from factbeat.claims.guard import Guarded, GuardedEndings
from factbeat.claims.read import lexicon as lx
from factbeat.claims.read.cues import change_word_before, direction_words
from factbeat.claims.read.quantity import Quantity, QuantityKind


class Role(StrEnum):
    CHANGE = "change"  # states a change: "rose 13 per cent", "up by 9", "9 more"
    SHARE = "share"  # states a share: "13 per cent of"
    LEVEL = "level"  # a figure: "76 cases", "from 12 per cent"


class Marker(StrEnum):
    FROM = "from"  # "up from 67", "compared with 67", "on last year's 67"
    TO = "to"  # "rose to 76", "reaching 76"
    NONE = ""


@dataclass(frozen=True, slots=True)
class Direction:
    """A direction word: +1 (rise), -1 (fall), 0 (unchanged); ``None`` sign means neutral."""

    sign: int | None
    word: str
    start: int
    end: int


_DIR_WORD = (
    r"(?P<up>"
    + lx.UP_VERBS
    + r")|(?P<down>"
    + lx.DOWN_VERBS
    + r")|(?P<flat>"
    + lx.FLAT_WORDS
    + r")"
)
_DIR_NOUN = (
    r"(?P<upn>"
    + lx.UP_NOUNS
    + r")|(?P<downn>"
    + lx.DOWN_NOUNS
    + r")|(?P<neutral>"
    + lx.NEUTRAL_NOUNS
    + r")"
)
_MODIFIER = r"(?:(?!(?:of|in|on|to|from|and|were|was|than|the|for|by|is|are)\b)[\w-]+\s+)"
_CHANGE_AFTER = patterns.compile(
    r"\s*"
    + _MODIFIER
    + r"{0,2}?(?:"
    + _DIR_NOUN
    + r"|(?P<upc>"
    + lx.UP_COMPARATIVES
    + r")|(?P<downc>"
    + lx.DOWN_COMPARATIVES
    + r"))\b",
    re.I,
)
_COUNT_MORE_AFTER = patterns.compile(  # "394 more", "394 (3,492 compared to 3,098) more"
    r"(?:\s*\([^()]{1,60}\))?\s+(?:(?P<upc>more|extra|additional)|(?P<downc>fewer|less))\b", re.I
)
_DIFFERENCE_BEFORE = patterns.compile(r"\b(?P<w>difference)\b[^.;:\d]{0,40}?\b(?:is|was|of)\s+(?:just\s+|only\s+)?$", re.I)
_EXTRA_BEFORE = Guarded(patterns.compile(r"\b(?P<upc>extra|additional|further)\s+$", re.I))
_PHRASAL_VERB_BEFORE = patterns.compile(
    r"\b(?:pick(?:ed|s|ing)?|set(?:s|ting)?|round(?:ed|s|ing)?|lock(?:ed|s|ing)?|ma(?:de|ke|kes|king)"
    r"|t(?:ook|ake|akes|aking)|summ?(?:ed|s|ing)?|add(?:ed|s|ing)?|lin(?:ed|e|es|ing)|back(?:ed|s)?"
    r"|beat(?:en|s)?|bl(?:ew|own|ow)|turn(?:ed|s|ing)?|sign(?:ed|s|ing)?|br(?:oke|oken|eak)|shut(?:s)?"
    r"|put(?:s|ting)?|us(?:ed|e|es)|call(?:ed|s|ing)?|t(?:ied|ie)|track(?:ed|s|ing)?|hunt(?:ed|s|ing)?"
    r"|gun(?:ned|s)?|mow(?:ed|n)?|struck|strike|knock(?:ed|s)?|hand(?:ed|s|ing)?|play(?:ed|s|ing)?"
    r"|clean(?:ed)?|cover(?:ed)?|follow(?:ed)?|wrap(?:ped)?)\s+$",
    re.I,
)
_SHARE_BEFORE = Guarded(patterns.compile(
    r"\b(?:account(?:ed|ing|s)?\s+for|ma(?:de|ke|kes|king)\s+up|represent(?:ed|ing|s)?"
    r"|comprise[ds]?|comprising|constitut(?:ed|es|ing|e)|equat(?:ed|es|ing|e)\s+to"
    r"|amount(?:ed|ing|s)?\s+to|share\s+of|proportion\s+of|,\s*of\s+(?:which|whom))\s+$",
    re.I,
))
_SHARE_AFTER = patterns.compile(r"\)?\s+(?:of\b|share\b|proportion\b)", re.I)
_POSSESSIVE_WORDS = (
    r"(?:(?:the|a|an|last|this|that|previous|prior|preceding|same|total|totals|of|figure|figures"
    r"|number|level|period|[\w-]+['’]s|[\w-]+s['’]|\d{4}['’]s|\d{4}|year|years)\s+){0,5}"
)
_FROM_BEFORE = patterns.compile(
    r"\b(?P<m>from|on|compar(?:ed|es|e|ing)\s+(?:with|to)|in\s+comparison\s+(?:with|to)|against|versus|vs\.?|than"
    r"|since|over)\s+"
    + _POSSESSIVE_WORDS
    + r"$",
    re.I,
)
_FROM_END = Guarded(patterns.compile(r"\bfrom\s+$", re.I))
_COMPARED_WITH_BEFORE = Guarded(patterns.compile(r"\b(?:compar(?:ed|es|e|ing)|in\s+comparison)\s+(?:with|to)\s+$", re.I))
_TO_AFTER = patterns.compile(r"\s+to\b")
# "on the previous year, when 7,429 were recorded", "two years ago when 202 offences": the earlier
# figure named after the period it belongs to.
_FROM_WHEN_BEFORE = Guarded(patterns.compile(
    r"(?:\b(?:year|years|period|months?|ago|decade|earlier|before|previously)|\d{4}(?:[-/]\d{2,4})?)\W{0,3}\s*"
    r"(?:when|in\s+which)\s+(?:there\s+(?:were|was|had\s+been)\s+|it\s+was\s+|the\s+figure\s+was\s+)?"
    r"(?:just\s+|only\s+)?$",
    re.I,
))
# "having stood at 1,200 in 2014", "Ten years earlier, thefts came to 3,100": a figure the words
# place before the story's own time.
_EARLIER_BEFORE = Guarded(patterns.compile(
    r"\bhaving\s+(?:stood\s+at|been|reached|totalled|numbered)\s+(?:just\s+|only\s+)?$"
    r"|\b(?:years?|months?|decades?)\s+(?:earlier|before|ago|previously)\s*,?[^.;:\d]{0,60}?"
    r"\b(?:came\s+to|stood\s+at|totalled|totaled|numbered|was|were|had\s+been)\s+(?:just\s+|only\s+)?$",
    re.I,
))
# "a 38.7 per cent leap on the previous year with 2956 cases"
_ON_LAST_YEAR = Guarded(patterns.compile(
    r"\b(?:on|from|than|over)\s+(?:the\s+)?(?:previous|last|prior|preceding)\s+(?:year|12\s+months|period)"
    r"(?:['’]s)?\s*,?\s*(?:with|of|at|when)?\s*(?:just\s+|only\s+)?$",
    re.I,
))
_TO_BEFORE = Guarded(patterns.compile(
    r"\b(?:to|reaching|reached|reach|hitting|hit)\s+(?:an?\s+(?:total|record|new|high|low|peak)"
    r"(?:\s+\w+)?\s+of\s+|a\s+|the\s+)?$"
    r"|\bfrom\s+[\d,]+\s*[-–]\s*$",  # "from 207-348"
    re.I,
))


def _sign(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("up") or groups.get("upn") or groups.get("upc"):
        return 1
    if groups.get("down") or groups.get("downn") or groups.get("downc"):
        return -1
    if groups.get("flat"):
        return 0
    return None


def _word_span(match: re.Match[str], offset: int) -> tuple[str, int, int]:
    for name in ("up", "down", "flat", "upn", "downn", "neutral", "upc", "downc"):
        if match.groupdict().get(name):
            return match.group(name), offset + match.start(name), offset + match.end(name)
    return match.group(), offset + match.start(), offset + match.end()


def _bare_up_down(word: str, text: str, floor: int, start: int) -> bool:
    """True for "picked up 12": a bare up/down that is part of another verb, not a change."""
    if word.lower() not in ("up", "down"):
        return False
    return bool(_PHRASAL_VERB_BEFORE.search(text, max(floor, start - 20), start))


def change_direction(q: Quantity, text: str, sentence_start: int) -> Direction | None:
    """The direction word that makes ``q`` a stated change ("rose 13 per cent", "a 13 % rise")."""
    hit = change_word_before(text, sentence_start, q.phrase_start)
    if hit is not None:
        sign, first, last = hit
        if not _bare_up_down(
            first.text if first is last else "", text, sentence_start, first.start
        ):
            return Direction(sign, text[first.start : last.end], first.start, last.end)
    before = text[max(sentence_start, q.phrase_start - 30) : q.phrase_start]
    if q.kind == QuantityKind.COUNT and (extra := _EXTRA_BEFORE.search(before)):
        return Direction(1, *_word_span(extra, q.phrase_start - len(before)))
    pattern = _COUNT_MORE_AFTER if q.kind == QuantityKind.COUNT else _CHANGE_AFTER
    match = pattern.match(text, q.end, min(len(text), q.end + 60))
    return Direction(_sign(match), *_word_span(match, 0)) if match else None


def role_of(q: Quantity, text: str, sentence_start: int) -> tuple[Role, Direction | None]:
    """The role of a count, percentage or points quantity, and its direction word if a change."""
    before = text[max(sentence_start, q.phrase_start - 40) : q.phrase_start]
    if q.kind == QuantityKind.PERCENT and (
        _SHARE_BEFORE.search(before) or _SHARE_AFTER.match(text, q.end)
    ):
        return Role.SHARE, None
    if q.kind == QuantityKind.COUNT and (more := _COUNT_MORE_AFTER.match(text, q.end)):
        return Role.CHANGE, Direction(_sign(more), *_word_span(more, 0))  # "6,849 fewer victims"
    if _TO_BEFORE.search(before) or _FROM_END.search(before):
        return Role.LEVEL, None
    if q.kind == QuantityKind.COUNT and (diff := _DIFFERENCE_BEFORE.search(before)):
        # "the difference between assaults reported is 2": an amount of change, either way
        return Role.CHANGE, Direction(None, diff.group("w"), q.phrase_start - len(before) + diff.start("w"),
                                      q.phrase_start - len(before) + diff.end("w"))  # fmt: skip
    direction = change_direction(q, text, sentence_start)
    if direction is not None and not q.weak:
        return Role.CHANGE, direction
    if q.kind == QuantityKind.POINTS:
        return Role.CHANGE, None
    return Role.LEVEL, None


def told_as_earlier(q: Quantity, text: str, sentence_start: int) -> bool:
    """Whether the words place a figure before the story's own time ("having stood at 1,200",
    "Ten years earlier, thefts came to 3,100") rather than only marking it as a change's start."""
    return bool(_EARLIER_BEFORE.search(text[max(sentence_start, q.phrase_start - 80) : q.phrase_start]))


# The guarded patterns marking an earlier figure, told at once where the words before a level end
# with none of their endings
_EARLIER_ENDINGS = GuardedEndings(_COMPARED_WITH_BEFORE, _FROM_WHEN_BEFORE, _ON_LAST_YEAR, _EARLIER_BEFORE)


def marker_of(q: Quantity, text: str, sentence_start: int) -> Marker:
    """Whether a level is marked as the earlier (``FROM``) or later (``TO``) figure."""
    before = text[max(sentence_start, q.phrase_start - 60) : q.phrase_start]
    earlier = _EARLIER_ENDINGS.may_match(before)  # (False for most: "up from", "were")
    if earlier and _COMPARED_WITH_BEFORE.search(before):
        return Marker.FROM  # "compared to 2,161": the earlier figure, not a "to"
    if _TO_BEFORE.search(before):
        return Marker.TO
    if _FROM_BEFORE.search(before) or earlier and (
            _FROM_WHEN_BEFORE.search(before) or _ON_LAST_YEAR.search(before) or _EARLIER_BEFORE.search(before)):
        return Marker.FROM
    return Marker.NONE


def direction_between(text: str, start: int, end: int) -> Direction | None:
    """The last direction word in ``text[start:end]`` ("went up", "up from", "fell"), if any."""
    found = None
    for sign, first, last in direction_words(text, start, end):
        bare = first is last and last.lower in ("up", "down")
        if bare and _TO_AFTER.match(text[last.end : last.end + 4]):
            continue  # "up to 20" is a bound, not a direction
        found = Direction(sign, text[first.start : last.end], first.start, last.end)
    return found
