"""Every figure a story states about the data, found by the grounding stage itself.

The read/link stages find *derived* claims (a change with both ends given, a share with its part
and whole).  A reporter's paragraph also states plain figures that only the data can check: a
count ("2,329 robberies in 2024"), a change with no numbers ("rose by a quarter"), a rank ("the
third-lowest rate in London"), a superlative ("more than any other borough"), a fraction of a
total ("one in five of London's knife crimes") and a rate ("7.9 offences per 1,000 residents").
:func:`find_figures` returns one :class:`Figure` per such phrase, with its character span, in
text order; phrases that overlap an earlier, more specific phrase are skipped.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache

from factbeat.claims import patterns
from factbeat.claims.ground import anchors, rx
from factbeat.claims.ground.folded import case_blind, confirmed, decide
from factbeat.claims.guard import Guarded
from factbeat.claims.prefilter import fold, may_match
from factbeat.claims.read.mentions import NumberMention
from factbeat.claims.read.nonclaims import why_not_a_claim

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD_NUMBER = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(k for k in _UNITS if _UNITS[k] < 10)
                + r"))?|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")")
NUMBER = rf"(?<![\d,.])(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_WORD_NUMBER}\b)"

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")"

# Fractions as words, in per cent.
_FRACTION_WORDS = {
    "a half": 50.0, "half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two-thirds": 200 / 3,
    "two thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
    "three-quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0, "two-fifths": 40.0, "a tenth": 10.0,
    "a sixth": 100 / 6, "one sixth": 100 / 6, "an eighth": 12.5, "one eighth": 12.5, "a seventh": 100 / 7,
    "one seventh": 100 / 7, "one tenth": 10.0, "two fifths": 40.0, "three-fifths": 60.0,
}
FRACTION = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine|\d) in (?:every )?(?:\d{1,3}\b|"
            + _WORD_NUMBER + r")|" + "|".join(re.escape(k) for k in sorted(_FRACTION_WORDS, key=len, reverse=True))
            + r")")
QUALIFIER = (r"(?:(?:just|slightly|a little) (?:over|under|more than|less than)|more than|less than|fewer than|"
             r"almost|nearly|around|about|roughly|some|approximately|over|at least|close to|well over|under)")
_QUALIFIER_BANDS = {
    "just over": "just_over", "slightly over": "just_over", "a little over": "just_over",
    "just more than": "just_over", "slightly more than": "just_over", "a little more than": "just_over",
    "more than": "more_than", "over": "more_than", "well over": "more_than",
    "almost": "almost", "nearly": "almost", "close to": "almost", "just under": "almost",
    "slightly under": "almost", "a little under": "almost",
    "around": "about", "about": "about", "roughly": "about", "some": "about", "approximately": "about",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "at least": "at_least",
}
_MULTIPLES = {"half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "twice": 2.0, "treble": 3.0, "doubled": 2.0, "double": 2.0, "doubling": 2.0, "tripled": 3.0, "trebled": 3.0, "triple": 3.0,
              "tripling": 3.0, "trebling": 3.0, "quadrupled": 4.0, "halved": 0.5, "halving": 0.5}

UP = r"(?:rose|risen|rise|rising|rises|up|increased|increase|increases|grew|grown|climbed|jumped|soared|went up|higher)"
DOWN = r"(?:fell|fallen|fall|falling|falls|down|decreased|decrease|dropped|drop|declined|decline|lower|went down|cut)"
PERCENT = r"(?:\s?%|\s?per\s?cent\b|\s?percent\b)"

_SPECS: list[tuple[str, str, re.Pattern | None]] = []
_HEADS: dict[int, str] = {}  # the head each pattern starts with, by its place in _SPECS (see _spec)
_COMPILED: dict[int, re.Pattern] = {}  # the patterns compiled so far, by their place in _SPECS
_STARTS: dict[int, frozenset | None] = {}  # the word prefixes each pattern's matches start with (claims/ground/anchors.py)


def _spec(kind: str, pattern: str, needs: re.Pattern | None = None, head: str | None = None) -> None:
    """A figure pattern; ``needs`` is a cheap search without which the pattern cannot match (skips the
    costly scan of a story that has, say, no 'per cent' at all).  Compiled the first time a story may
    hold it: compiling all of them was 15 ms of every ``factbeat check``.  ``head``: the pattern
    starts with it (``pattern`` is ``head`` and more), so it can match only where ``head`` does."""
    if head is not None:
        assert pattern.startswith(head)
        _HEADS[len(_SPECS)] = head
    _SPECS.append((kind, pattern, needs))


def _compiled(i: int) -> re.Pattern:
    found = _COMPILED.get(i)
    if found is None:
        found = _COMPILED[i] = patterns.compile(_SPECS[i][1], re.I)
    return found


# Each ``needs`` search runs on the story's fold (claims/prefilter.fold: lower case, same offsets),
# so it is written in lower case and compiled without re.I: it finds the same places as the
# case-insensitive search of the text would (as the prefilter's strings do), without the engine
# lower-casing every character it tries.  Several patterns share one; each is searched once per
# text.  A 'needs' only has to be true wherever its patterns match, so none starts with a '\b' or
# a class: the engine then skips ahead to its first letters instead of trying every place.
_HAS_PERCENT = patterns.compile(r"%|per\s?cent|percent")
_HAS_FRACTION = patterns.compile(r"(?:half|thirds?|quarters?|fifths?|sixth|seventh|eighth|tenth)\b|"
                           r"(?:one|two|three|four|five|six|seven|eight|nine|\d) in\b")
_HAS_MULTIPLE = patterns.compile(r"doubl|tripl|trebl|quadrupl|halv")
_HAS_SINCE = patterns.compile(r"since\s+(?:at\s+least\s+)?(?:19|20)\d\d")
_HAS_SAFEST = patterns.compile(r"(?:safest|most dangerous)\s+(?:london\s+)?borough\b")
_HAS_TWICE = patterns.compile(r"(?:twice|double|triple|treble)\b")
_HAS_TIMES = patterns.compile(r"times\b")
_HAS_RATE_UNIT = patterns.compile(r"(?:per|for every)\s")
_HAS_MORE_THAN = patterns.compile(r"(?:more|fewer|less)\s+than\b")
_HAS_COMPARATIVE = patterns.compile(r"(?:higher|lower|more|fewer|less|greater|above|below|ahead|behind)\b")
_HAS_ORDINAL_RANK = patterns.compile(r"highest|lowest|largest|biggest|most|fewest|worst|safest|smallest|best")


# Most figures start as a count does, with a number and maybe a qualifier before it: each of those
# patterns is tried only where this head matches (worked out once per story, find_figures)
_NUMBER_HEAD = rf"\b(?P<q>{QUALIFIER}\s+)?(?P<num>{NUMBER})"
_PERCENT_HEAD = _NUMBER_HEAD + PERCENT

# changes in per cent or in words: "rose by 19 per cent", "up 6 per cent", "a fall of around a tenth",
# "1 per cent up", "rose by a quarter", "up by almost half"
_spec("percent_change", rf"\b(?P<dir>{UP}|{DOWN})(?: by| of)?\s+(?P<q>{QUALIFIER}\s+)?(?P<num>{NUMBER}){PERCENT}", _HAS_PERCENT)
_spec("percent_change", rf"\b(?P<dir>rise|increase|fall|drop|decrease|reduction|cut|jump)\s+of\s+(?P<q>{QUALIFIER}\s+)?(?P<num>{NUMBER}){PERCENT}", _HAS_PERCENT)
_spec("percent_change", _PERCENT_HEAD + r"\s+(?P<dir>up|down|higher|lower|rise|fall|increase|decrease|drop)\b", _HAS_PERCENT,
      _PERCENT_HEAD)
_spec("percent_change", rf"\b(?P<dir>{UP}|{DOWN})(?: by)?\s+(?P<q>{QUALIFIER}\s+)?(?P<frac>{FRACTION})(?!\s+of\b)", _HAS_FRACTION)
_spec("percent_change", rf"\b(?P<dir>rise|increase|fall|drop|decrease|reduction)\s+of\s+(?P<q>{QUALIFIER}\s+)?(?P<frac>{FRACTION})(?!\s+of\b)", _HAS_FRACTION)
# multiples: "more than doubled", "almost tripled", "more than double the 32 recorded in X"
_spec("multiple", r"\b(?:have\s+|has\s+|had\s+)?(?P<q>more than |almost |nearly |over )?(?P<mult>doubled|doubling|tripled|tripling|trebled|trebling|quadrupled|halved|halving)\b", _HAS_MULTIPLE)
_spec("multiple", r"\b(?P<q>more than |almost |nearly )?(?P<mult>double|triple)\s+the\b", _HAS_MULTIPLE)
# "less than half the rate in Westminster", "a third of that of Camden": a fraction of another area's figure
_spec("multiple", r"\b(?P<q>less than |more than |almost |nearly |about |roughly |just over |under )?(?P<mult>half|a third|a quarter)\s+"
      r"(?=(?:the\s+(?:rate|number|level|figure|total)\s+(?:in|of|for)\s+)?(?-i:[A-Z])|that\s+of\b|those\s+of\b|"
      r"the\s+(?:London|capital['’]?s?)\s+(?:average|rate))", _HAS_FRACTION)
# "twice Camden's rate", "twice as many as Brent", "twice the London average", "twice that of Enfield"
_spec("multiple", r"\b(?P<q>more than |almost |nearly |about |roughly )?(?P<mult>twice|double|triple|treble)\s+"
      r"(?=as\s+(?:many|much|high|large|common|likely)\b|the\s+(?:London|capital)|that\s+of\b|those\s+of\b|(?-i:[A-Z]))",
      _HAS_TWICE)
_spec("multiple", rf"\b(?P<q>more than |almost |nearly |about )?(?P<num>{NUMBER}(?: and a half)?)\s+times\s+(?:as many|more|higher|the)\b", _HAS_TIMES)
# absolute changes: "an increase of 253", "456 more than in 2023", "one more than in 2022"
_spec("absolute_change", rf"\b(?:an?\s+)?(?P<dir>increase|rise|fall|drop|decrease|reduction)\s+of\s+(?P<q>{QUALIFIER}\s+)?(?P<num>{NUMBER})(?!{PERCENT})(?!\s*(?:per|offences per))")
_spec("absolute_change", rf"\b(?:just\s+)?(?P<num>{NUMBER})\s+(?P<dir>more|fewer|less)\s+than\s+(?:in|on|the)\b", _HAS_MORE_THAN)
# rates: "6.7 offences per 1,000 residents", "a rate of 63.2 per 100,000", "56 offences for every 1,000 people"
_spec("rate", _NUMBER_HEAD + r"\s+(?:[a-z-]+\s+){0,6}?(?:per|for every)\s+(?P<per>1,000|1000|100,000|100000|10,000|thousand)\b(?:\s+(?:residents|people|population|londoners|inhabitants|head)(?:\s+living in the borough)?)?", _HAS_RATE_UNIT,
      _NUMBER_HEAD)
_spec("rate", rf"\b(?:london|london-wide|borough|national)(?: average| rate| average rate| figure)?(?: was| of| stood at| is)\s+(?P<q>{QUALIFIER}\s+)?(?P<num>{NUMBER})(?!{PERCENT})(?![\d,])")
# shares and fractions of a whole: "one in five of London's total", "16 per cent of the total", "almost a third of"
_spec("share", rf"\b(?P<q>{QUALIFIER}\s+)?(?P<frac>{FRACTION})\s+(?:of|of all)\b", _HAS_FRACTION)
_spec("share", _PERCENT_HEAD + r"\s+of\b", _HAS_PERCENT, _PERCENT_HEAD)
# ranks and superlatives
_spec("rank", rf"\b(?:the\s+|only\s+the\s+)?(?P<ord>{ORDINAL})[- ](?P<dir>highest|lowest|largest|biggest|most|fewest|worst|safest|smallest|best)\b", _HAS_ORDINAL_RANK)
_spec("rank", r"\b(?:the\s+)?(?P<dir>safest|most\s+dangerous)\s+(?:london\s+)?borough\b(?:\s+in\s+(?:london|the\s+capital))?",
      _HAS_SAFEST)
_spec("rank", rf"\branked\s+(?:only\s+)?(?P<ord>{ORDINAL})\b")
_spec("rank", r"\b(?P<ord>second)[- ]only\s+to\b")
_spec("rank", r"\b(?P<ord>second)-placed\b")
_spec("rank", r"\b(?:more|higher)\b(?:\s+[\w'-]+){0,10}?\s+than\s+(?:in\s+)?any(?:where)?\s+(?:other|else)\b")
_spec("rank", r"\b(?P<dir>fewer|less|lower)\b(?:\s+[\w'-]+){0,10}?\s+than\s+(?:in\s+)?any(?:where)?\s+(?:other|else)\b")
_spec("rank", r"\b[Oo]nly\s+(?P<names>[A-Z][\w' &-]+?(?:(?:,\s+with\s+[\d,]+,)?)(?:(?:,\s+|,?\s+and\s+)[A-Z][\w' &-]+?)*),?\s+(?:recorded|had|saw|has|have)\s+(?:more|a\s+steeper|a\s+higher|a\s+bigger|higher|fewer)\b")
_spec("rank", r"\b(?<!-)(?:the\s+|had\s+the\s+)?(?P<dir>highest|lowest|most|fewest|largest|biggest|steepest|sharpest)\b(?:\s+(?:number|total|rate|rise|increase|fall))?(?:\s+of\s+(?!any\b)[a-z][\w' -]{1,40}?(?=\s+(?:of\s+any|in\s+(?:london|the\s+capital)|among)))?(?:\s+of\s+any|\s+in\s+(?:london|the capital)|\s+among\s+(?:the\s+)?(?:\d+\s+)?(?:london\s+)?boroughs|\s+of\s+[A-Z][\w' ]+'\s*\d+\s+wards|,\s+\d)")
_spec("rank", r"\bamong\s+the\s+(?P<ord>\w+)\s+(?P<dir>worst|highest|lowest|best)\b")
# records over the years: "the highest number since 2008", "more than in any year since at least 2003"
_spec("comparison", r"\b(?:the\s+)?(?P<dir>highest|lowest|most|fewest|largest|smallest)(?:\s+(?:number|total|level|"
      r"figure|count|rate))?\s+since\s+(?P<since>(?:19|20)\d\d)\b", _HAS_SINCE)
_spec("comparison", r"\b(?P<dir>more|fewer|higher|lower)\s+than\s+in\s+any\s+(?:other\s+)?year\s+since\s+"
      r"(?:at\s+least\s+)?(?P<since>(?:19|20)\d\d)\b", _HAS_SINCE)
# comparisons with another area: "more than Lambeth", "below that of Westminster", "ahead of Camden",
# "higher than the London average" (no number: the data decide the sign)
_spec("comparison", r"\b(?P<dir>higher|lower|more|fewer|less|greater|above|below|ahead\s+of|behind)\s+"
      r"(?:(?:(?-i:[a-z][\w-]*)\s+){0,5}?than\s+(?:in\s+|that\s+of\s+|those\s+of\s+)?|that\s+of\s+|those\s+of\s+)?"
      r"(?:neighbouring\s+)?(?=(?-i:[A-Z][a-z])|the\s+(?:London|capital's|capital['’]s)\s+(?:average|rate|figure))",
      _HAS_COMPARATIVE)
# fractions and percentages standing alone: "more than two in three", "around 55 per cent"
_spec("share", rf"\b(?P<q>{QUALIFIER}\s+)?(?P<frac>(?:one|two|three|four|five|six|seven|eight|nine|\d) in (?:every )?(?:\d{{1,3}}\b|{_WORD_NUMBER}))", _HAS_FRACTION)
_spec("share", _PERCENT_HEAD, _HAS_PERCENT, _PERCENT_HEAD)
# a fraction closing a clause restates the figures before it: "..., 3,018 of them with injury, almost a third."
_spec("share", rf"(?<=,\s)(?P<q>{QUALIFIER}\s+)?(?P<frac>{FRACTION})(?=\s*(?:[.;,)]|$))", _HAS_FRACTION)
# counts: every other number
_spec("count", _NUMBER_HEAD + rf"(?!{PERCENT})", None, _NUMBER_HEAD)


@dataclass
class Figure:
    """One stated figure: what kind, where, and the value the words assert."""

    kind: str
    span: tuple[int, int]
    number_span: tuple[int, int]
    words: str
    value: float | None
    band: str | None = None  # qualifier band: more_than, almost, about, just_over, less_than ...
    style: str = "round"  # round (digits), fraction (word fractions), multiple, exact (counts, ranks)
    decimals: int = 0
    direction: str | None = None  # up / down for changes; highest / lowest for ranks
    per: float | None = None  # rate unit
    extra: dict = field(default_factory=dict)


def parse_number(text: str) -> float | None:
    """'2,329' -> 2329, 'Ninety-four' -> 94, 'three and a half' -> 3.5; None when not a number."""
    words = text.lower().strip()
    half = 0.0
    if words.endswith(" and a half"):
        words, half = words[: -len(" and a half")], 0.5
    digits = words.replace(",", "")
    if len(digits) > 15 and digits.replace(".", "").isdigit():
        return None  # longer than any count: an identifier or noise (as the read stage treats it)
    try:
        value = float(digits) + half
        return value if math.isfinite(value) else None
    except ValueError:
        pass
    total = 0
    for part in rx.split(r"[- ]", words):
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return total + half


def ordinal_value(text: str) -> int | None:
    text = text.lower()
    if text in _ORDINALS:
        return _ORDINALS[text]
    digits = rx.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    return parse_number(text) and int(parse_number(text))


def fraction_value(text: str) -> float:
    """A fraction phrase in per cent: 'one in five' -> 20, 'almost a third' -> 33.3."""
    text = text.lower()
    if text in _FRACTION_WORDS:
        return _FRACTION_WORDS[text]
    m = rx.match(r"(\w+) in (?:every )?([\w-]+)", text)
    top, bottom = parse_number(m.group(1)), parse_number(m.group(2))
    return 100.0 * top / bottom


_YEARISH = patterns.compile(r"^(?:19|20)\d\d$")
_YEAR_SPAN = patterns.compile(r"\d{4}[/-]\d")  # '2019/20', '2015-16': a year, not a count
_NOT_A_COUNT_AFTER = patterns.compile(
    r"^(?:(?:st|nd|rd|th)\b|\s*(?:months?|years?|days?|weeks?|hours?|minutes?|wards|london boroughs|boroughs|"
    r"or under|-strong|-year|-month|times\b)|-\d|\s*/\s*\d|\s+and a half times|\s*(?:million|billion|bn|m)\b)",
    re.I)
# (the 12 characters before a count: searched only where they end as a match must, claims/guard.py)
_NOT_A_COUNT_BEFORE = Guarded(patterns.compile(
    r"(?:£|\$|€|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+|"
    r"aged\s+|age\s+|per\s+|for every\s+|q|\bthe\s+(?=\d+\s+(?:london\s+)?boroughs)|\d\s*-\s*|/)$", re.I))


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``: changes, multiples, rates, shares, ranks, then counts, in text order."""
    taken = _Taken()
    out: list[Figure] = []
    folded = fold(text)
    words = anchors.word_index(text)  # a long text is matched only where each pattern can start
    has: dict[re.Pattern, bool] = {}  # each 'needs' search's answer for this text (patterns share them)
    heads: dict[str, list[int]] = {}  # where each head matches in this text (patterns share them)
    for i, (kind, _source, needs) in enumerate(_SPECS):
        starts = _starts(i) if words is not None else None
        at = None if starts is None else words.starts(starts)
        head = _HEADS.get(i)
        if at and head is not None:
            at = heads.get(head)
            if at is None:
                at = heads[head] = _heads(head, text, folded, words)
        if at == []:
            continue  # no word the pattern starts with
        if needs is not None:
            found = has.get(needs)
            if found is None:
                found = has[needs] = needs.search(folded) is not None
            if not found:
                continue  # not the words it needs
        pattern = _compiled(i)
        # (a text read whole only: the prefilter scans all of it, which costs more than trying the
        # pattern at the few words it can start with: 2.6 M instructions of a 600-word story)
        if at is None and not may_match(pattern, folded, 0, len(text)):
            continue  # none of the words every match holds (claims/prefilter.py): the same figures, sooner
        for m in _matches(kind, pattern, text, folded, at):
            if kind == "count" and taken.overlaps(m.span("num")):
                continue  # (a count's number span is its number: one an earlier figure holds is not read)
            figure = _figure(kind, m, text)
            if figure is None or taken.overlaps(figure.number_span):
                continue
            taken.add(figure.number_span)
            out.append(figure)
    out.sort(key=lambda f: f.span)
    return [f for i, f in enumerate(out) if not _names_those_ahead(text, out[:i], f)]


class _Taken:
    """The number spans of the figures kept so far, in order; none overlaps another, as each is
    kept only then.  So their ends come in order too, and whether a span overlaps one is a binary
    search: the last span starting before it ends is the one reaching furthest (a story's fifty
    counts each asked all the spans kept before)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Whether ``span`` shares a character with a kept span: some ``s < span[1]`` and ``span[0] < e``."""
        before = bisect_left(self._spans, (span[1],))  # the spans starting before this one ends
        return before > 0 and self._spans[before - 1][1] > span[0]

    def add(self, span: tuple[int, int]) -> None:
        insort(self._spans, span)


def _matches(kind: str, pattern: re.Pattern, text: str, folded: str, at: list[int] | None) -> Iterator[re.Match]:
    """``pattern.finditer(text)``: for a long text tried only at the words ``at`` (anchors.py),
    and there in the text's fold without ``re.I`` where that finds the same places (folded.py;
    not for the counts, which match at most of the places they are tried: each match is
    matched again on the text for its words)."""
    if at is None:
        return pattern.finditer(text)
    _decided()
    blind = None if kind == "count" else case_blind(pattern)
    if blind is None:
        return anchors.finditer(pattern, text, at)
    return confirmed(pattern, text, anchors.finditer(blind, folded, at))


def _heads(head: str, text: str, folded: str, words: anchors.WordIndex) -> list[int]:
    """The words of a long text where ``head`` matches: once per text for the patterns starting
    with it (a number, maybe with a qualifier before it, starts half the words those patterns
    would be tried at otherwise), tried in the text's fold where that finds the same (folded.py)."""
    match, in_fold, starts = _head(head)
    where = folded if in_fold else text
    return [at for at in words.starts(starts) if match(where, at)]


@cache
def _head(head: str) -> tuple[Callable[[str, int], re.Match | None], bool, frozenset]:
    """A head's match (in the fold when it can be), and the word prefixes it starts with, once per process."""
    _decided()
    pattern = patterns.compile(head, re.I)
    blind = case_blind(pattern)
    starts = anchors.prefixes(head, re.I)
    assert starts is not None, "a head starts a word"
    return (pattern.match, False, starts) if blind is None else (blind.match, True, starts)


@cache
def _decided() -> None:
    """Whether each figure pattern can be tried in the fold, read back from the user's cache."""
    heads = dict.fromkeys(_HEADS.values())
    decide("figure-blind", [(source, re.I) for _kind, source, _needs in _SPECS] + [(head, re.I) for head in heads])


def _starts(i: int) -> frozenset | None:
    """Pattern ``i``'s first word prefixes, read from its parse tree once per process (a few
    milliseconds for all of them, so a short text, which scans quickly anyway, does not ask)."""
    if i not in _STARTS:
        _STARTS[i] = anchors.prefixes(_SPECS[i][1], re.I)
    return _STARTS[i]


def _names_those_ahead(text: str, earlier: list[Figure], figure: Figure) -> bool:
    """'the third-highest, behind Brent and Westminster': the areas ahead of a rank, part of the rank, not a comparison."""
    if figure.kind != "comparison":
        return False
    ranks = [f for f in earlier if f.kind == "rank" and f.value > 1 and 0 <= figure.span[0] - f.span[1] < 80]
    return bool(ranks) and not rx.search(r"[.;!?]", text[ranks[-1].span[1]:figure.span[0]])


def _band(m: re.Match) -> str | None:
    q = (m.groupdict().get("q") or "").strip().lower()
    return _QUALIFIER_BANDS.get(q) if q else None


def _direction(word: str | None) -> str | None:
    if not word:
        return None
    return "down" if rx.fullmatch(DOWN, word, re.I) else "up"


def _figure(kind: str, m: re.Match, text: str) -> Figure | None:
    groups = m.groupdict()
    span = (m.start(), m.end())
    if kind == "count":
        return _count(m, text)
    if groups.get("num") and _YEARISH.match(groups["num"]) and kind != "rank":
        return None
    if kind in ("percent_change", "share"):
        if groups.get("frac"):
            value, style = fraction_value(groups["frac"]), "fraction"
            number_span = m.span("frac")
        else:
            value, style = parse_number(groups["num"]), "round"
            number_span = m.span("num")
            if value is None:
                return None
        direction = _direction(groups.get("dir"))
        decimals = _decimals(groups.get("num") or "")
        return Figure(kind, span, number_span, m.group(0), value, _band(m), style, decimals, direction)
    if kind == "multiple":
        if groups.get("mult"):
            value = _MULTIPLES[groups["mult"].lower()]
            number_span = m.span("mult")
        else:
            value = parse_number(groups["num"])
            number_span = m.span("num")
        extra = {"comparison": not groups.get("mult") or groups["mult"].lower() in ("double", "triple", "twice", "treble", "half",
                                                                                    "a third", "a quarter")}
        if groups.get("mult") and groups["mult"].lower() in ("half", "a third", "a quarter"):
            extra["fraction_of"] = True  # judged as a fraction in words: within 10 %
        if extra["comparison"] and rx.match(r"(?:\s+[\w-]+){0,6}?\s+(?:as|than)\s+(?:in\s+)?any\s+other\s+(?:london\s+)?borough",
                                            text[m.end():m.end() + 90], re.I):
            extra["vs_any_other"] = True  # 'three times as many as any other borough': against the next highest
        return Figure(kind, span, number_span, m.group(0), value, _band(m), "multiple", 0, "up", extra=extra)
    if kind == "absolute_change":
        value = parse_number(groups["num"])
        if value is None:
            return None
        direction = "down" if groups["dir"].lower() in ("fewer", "less", "fall", "drop", "decrease", "reduction") else "up"
        return Figure(kind, span, m.span("num"), m.group(0), value, _band(m), "exact", 0, direction)
    if kind == "rate":
        value = parse_number(groups["num"])
        if value is None:
            return None
        per = groups.get("per")
        per_value = None if not per else (1000.0 if per in ("1,000", "1000", "thousand") else
                                          10000.0 if per.startswith("10,") or per == "10000" else 100000.0)
        lead = rx.search(r"\b(?:an?|the|its|at)\s+$", text[max(0, span[0] - 5):span[0]])
        span = (span[0] - (len(lead.group(0)) if lead else 0), span[1])
        return Figure(kind, span, m.span("num"), text[span[0]:span[1]], value, _band(m), "round", _decimals(groups["num"]),
                      per=per_value)
    if kind == "rank":
        figure = _rank(m)
        outside = rx.match(r"\s+(?:borough\s+)?outside\s+(?P<names>(?-i:[A-Z][\w'-]+(?:\s+(?:and\s+)?[A-Z][\w'-]+)*))",
                           text[m.end():m.end() + 60], re.I)
        if outside:  # 'the highest of any borough outside Westminster': ranked without it
            figure.extra["outside"] = [n.strip() for n in rx.split(r"\s+and\s+", outside.group("names"))]
        return figure
    if kind == "comparison":
        return _comparison(m, text)
    return None


_NOT_A_PLACE = patterns.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Christmas|Easter|The|This|That|It|Its|In|A|An)\b")


def _comparison(m: re.Match, text: str) -> Figure | None:
    """'below that of Westminster': the subject's figure against another area's, +1 (higher) or -1 (lower)."""
    since = m.groupdict().get("since")
    if not since and (_NOT_A_PLACE.match(text, m.end()) or (m.start() > 0 and text[max(0, m.start() - 1)] == "-")):
        return None
    word = rx.sub(r"\s+", " ", m.group("dir").lower())
    sign = -1.0 if word in ("lower", "fewer", "less", "below", "behind", "lowest", "fewest", "smallest") else 1.0
    extra: dict = {}
    if since:
        # 'the highest since 2008' beats every year after 2008; 'than in any year since 2003' every year from 2003
        extra = {"since": int(since), "inclusive": "any" in m.group(0).lower()}
        if rx.search(r"\brate\b", m.group(0), re.I):
            extra["by_rate"] = True
    return Figure("comparison", (m.start(), m.end()), m.span("dir"), m.group(0), sign, None, "sign", 0,
                  "higher" if sign > 0 else "lower", extra=extra)


def _rank(m: re.Match) -> Figure:
    groups = m.groupdict()
    words = m.group(0)
    lower = words.lower()
    direction = (groups.get("dir") or "").lower()
    direction = rx.sub(r"\s+", " ", direction)
    low = direction in ("lowest", "fewest", "safest", "smallest", "best", "fewer", "less", "lower")
    position = ordinal_value(groups["ord"]) if groups.get("ord") else 1
    span = (m.start(), m.end())
    extra: dict = {"order": "asc" if low else "desc"}
    if groups.get("names"):
        names = rx.sub(r",\s+with\s+[\d,]+,", "", groups["names"])
        above = [n.strip() for n in rx.split(r"\s+and\s+|,\s*", names) if n.strip()]
        position = len(above) + 1
        extra["above"] = above
        span = (m.start(), m.start("names") + len(above[0]))
        extra["phrase_end"] = m.end()  # 'Only Westminster, with 134, recorded more': the whole phrase is the claim
        extra["order"] = "asc" if "fewer" in lower else "desc"
        if "steeper" in lower:
            extra["by"] = "change"
    if "second only to" in lower or "second-only to" in lower:
        extra["leader_after"] = True
    if "second-placed" in lower:
        extra["placed"] = True
    if direction in ("safest", "most dangerous") and not groups.get("ord"):
        extra["by_rate"] = True  # 'the safest borough': the lowest crime rate
        extra["overall"] = True  # all recorded crime unless a crime is named
    if direction in ("steepest", "sharpest") or rx.search(r"\b(?:rise|increase|fall)\b", lower):
        extra["by"] = "change"
    if lower.startswith("among"):
        extra["among"] = True
        position = parse_number(groups["ord"]) or ordinal_value(groups["ord"])
    core = (m.start("ord"), m.end("dir")) if groups.get("ord") and groups.get("dir") else m.span("ord") if groups.get("ord") else m.span("dir") if groups.get("dir") else (m.end() - 4, m.end())
    return Figure("rank", span, core, words, float(position or 1), None, "exact",
                  0, "lowest" if low else "highest", extra=extra)


def _count(m: re.Match, text: str) -> Figure | None:
    raw = m.group("num")
    start, end = m.span("num")
    if _YEARISH.match(raw) or _YEAR_SPAN.match(text, start, end + 2):
        return None
    if _NOT_A_COUNT_AFTER.match(text[end:end + 24]) or _NOT_A_COUNT_BEFORE.search(text[max(0, start - 12):start]):
        return None
    value = parse_number(raw)
    if value is None or value != int(value):
        return None
    if _not_a_claim(text, raw, start, end, value):
        return None
    if raw.lower() == "one" and rx.match(r"\s+(?:of|in|more)\b", text[end:end + 6]) is None:
        return None
    if raw.lower() == "one" and rx.match(r"\s+of\s+the\s+(?:\w+est|most|least)\b", text[end:end + 40], re.I):
        return None  # "one of the safest boroughs": a superlative, not a count
    q_start = m.start("q") if m.group("q") else start
    lead = _LEAD.search(text[max(0, q_start - 30):q_start])
    q_start -= len(lead.group(0)) if lead else 0
    tail = _TAIL.match(text[end:end + 80])
    stop = end + (tail.end() if tail else 0)
    return Figure("count", (q_start, stop), (start, end), text[q_start:stop], value, _band(m), "exact", 0)


def _not_a_claim(text: str, raw: str, start: int, end: int, value: float) -> bool:
    """The read stage's rules for numbers that are not figures ("11am", "30 Under 30", ages,
    dates, phone numbers): a data-only count obeys them too."""
    mention = NumberMention(Fraction(int(value)), start, end, spelled=not raw[:1].isdigit())
    line_start = text.rfind("\n", 0, start) + 1
    return why_not_a_claim(mention, raw, text[max(line_start, start - 32):start], text[end:end + 80]) is not None


# words around a count that belong to its phrase ("rising from 2,231 in 2022", "the 2,400 recorded in 2023/24")
_LEAD = Guarded(patterns.compile(r"(?:\b(?:(?:rising|rose|fell|falling|up|down|dropped|climbed|increased|decreased)\s+)?(?:from|to)|"
                   r"\bwith|\bthe|\ba|\bcompared with|\bagainst)\s+$", re.I))  # searched only where the words end as a match must
_TAIL = patterns.compile(r"(?:\s+[a-z][a-z'-]*){0,3}?(?:\s+(?:in|during)\s+(?:the\s+)?(?:(?:19|20)\d\d(?:/\d\d)?|"
                   r"(?:12 months|year) to [A-Z][a-z]+(?: (?:19|20)\d\d)?)|\s+(?:last year|the year before|a year earlier|"
                   r"the previous year|in the previous 12 months))|(?:\s+[a-z][a-z'-]*){1,3}")


def _decimals(number: str) -> int:
    match = rx.search(r"\.(\d+)", number or "")
    return len(match.group(1)) if match else 0
