"""Periods as reporters write them, found in text and resolved against the story's date.

Covers calendar years ("in 2023", "calendar year 2024"), financial years ("2023/24"), rolling
12 months ("the 12 months to January 2024", "the year to March 2025", "the year to March"),
quarters ("Q1 2024", "the first three months of 2024"), half years ("the first half of 2023"), single months ("in January 2024"), and relative phrases ("last year",
"this year", "the year before", "the previous 12 months", "the same period last year", "over
the same period").  Relative phrases are kept as :class:`Relative` and resolved by the caller
against the story date or the period being talked about.  Impossible dates never raise: a
phrase that cannot be a period is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from factbeat.claims import patterns
from factbeat.claims.ground import anchors
from factbeat.taxonomy.periods import Period, add_months, calendar_year, financial_year, make_period

_MONTH_NUMBERS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTHS = "|".join(_MONTH_NUMBERS)

_PATTERNS = [
    # "tripled since October last year", "up since the attack on 7 October 2023": the months since then against
    # as many months before
    ("since_month", patterns.compile(
        rf"\bsince\b[^.,;:]{{0,60}}?\b(?:(?:on|in)\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTHS})"
        rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:(?P<last>last year)|(?P<year>(?:19|20)\d\d))\b", re.I)),
    # "in the past two years": the months before the story's date (a change over them otherwise)
    ("past_years", patterns.compile(r"\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last)\s+"
                              r"(?P<n>two|three|four|five|2|3|4|5)\s+years\b", re.I)),
    ("rolling", patterns.compile(rf"\b(?:the\s+)?(?:(?P<n>12|twelve)\s+months|year)\s+(?:to|ending(?: in)?|up to)\s+(?:the end of\s+)?(?P<month>{_MONTHS})(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("quarter", patterns.compile(r"\bQ(?P<q>[1-4])\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    # "the first three months of 2024", "the first half of 2023", "the last six months of 2022"
    ("part_year", patterns.compile(r"\b(?:the\s+)?(?P<which>first|last|second)\s+(?P<n>three|six|nine|3|6|9|half|quarter)"
                             r"(?:\s+months)?\s+of\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("fy", patterns.compile(r"(?<![\d,.£$])(?P<year>(?:19|20)\d\d)\s?[/-]\s?(?P<next>\d\d)(?![\d%])")),
    ("between", patterns.compile(r"\bbetween\s+(?P<a>(?:19|20)\d\d)\s+and\s+(?P<b>(?:19|20)\d\d)\b", re.I)),
    ("month", patterns.compile(rf"\b(?:in\s+)?(?P<month>{_MONTHS})\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("year", patterns.compile(r"(?<![\d,.£$])(?P<year>(?:19|20)\d\d)(?![\d%/])(?!\s?(?:per ?cent|percent))")),
    ("relative", patterns.compile(
        r"\b(?P<rel>(?:over |in |during )?the same period (?:last|a) year|(?:over |in |during )?the same period|last year|this year|"
        r"the (?:previous|preceding|prior) (?:year|12 months|twelve months)|the year before|a year earlier|"
        r"the previous financial year|(?:during|over) the year|in two years|in three years|over two years|"
        r"over three years)\b", re.I)),
]


_ANCHORED = [(kind, anchors.Anchored(pattern)) for kind, pattern in _PATTERNS]


@dataclass(frozen=True)
class Relative:
    """A period named relative to something else: 'last year', 'the year before', 'the same period'."""

    phrase: str

    @property
    def years_back(self) -> int:
        """How many years before the period being talked about ('the year before' = 1)."""
        p = self.phrase
        if "previous" in p or "preceding" in p or "prior" in p or "before" in p or "earlier" in p or \
                "same period last year" in p or "same period a year" in p:
            return 1
        return 0

    @property
    def span_years(self) -> int:
        """'in two years' -> 2: a change over that many years."""
        for n, word in enumerate(("two", "three", "four", "five"), start=2):
            if f"{word} years" in self.phrase or f"{n} years" in self.phrase:
                return n
        return 0


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    value: Period | Relative | tuple[Period, Period]
    words: str


def period_mentions(text: str, story_date: date | None) -> list[PeriodMention]:
    """Every period phrase in ``text``, earlier patterns winning where phrases overlap."""
    taken: list[tuple[int, int]] = []
    out: list[PeriodMention] = []
    words = anchors.word_index(text)  # a long text is matched only where each pattern can start
    for kind, pattern in _ANCHORED:
        for m in pattern.finditer(text, words):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = _value(kind, m, story_date)
            if value is None:
                continue
            taken.append(m.span())
            out.append(PeriodMention(m.start(), m.end(), value, m.group(0)))
    return sorted(out, key=lambda p: p.start)


def _value(kind: str, m: re.Match, story_date: date | None):
    try:
        if kind == "rolling":
            month = _MONTH_NUMBERS[m.group("month").lower()]
            if m.group("year"):
                year = int(m.group("year"))
            elif story_date is not None:
                year = story_date.year if month < story_date.month else story_date.year - 1
            else:
                return None
            end = date(year, month, 1)
            return make_period("rolling", add_months(end, -11), end)
        if kind == "since_month":
            return _since_month(m, story_date)
        if kind == "past_years":
            if story_date is None:
                return Relative(m.group(0).lower())  # a span of years: no period of its own
            n = {"two": 2, "three": 3, "four": 4, "five": 5}.get(m.group("n").lower()) or int(m.group("n"))
            end = add_months(date(story_date.year, story_date.month, 1), -1)
            return make_period("month_range", add_months(end, -(12 * n - 1)), end)
        if kind == "part_year":
            n = {"three": 3, "3": 3, "quarter": 3, "six": 6, "6": 6, "half": 6, "nine": 9, "9": 9}[m.group("n").lower()]
            year = int(m.group("year"))
            start = date(year, 1, 1) if m.group("which").lower() == "first" else date(year, 13 - n, 1)
            if m.group("which").lower() == "second" and n == 3:
                start = date(year, 4, 1)  # 'the second quarter of 2024'
            return make_period("month_range", start, add_months(start, n - 1))
        if kind == "quarter":
            first = date(int(m.group("year")), 3 * int(m.group("q")) - 2, 1)
            return make_period("month_range", first, add_months(first, 2))
        if kind == "fy":
            first = int(m.group("year"))
            return financial_year(first) if (first + 1) % 100 == int(m.group("next")) else None
        if kind == "between":
            return (calendar_year(int(m.group("a"))), calendar_year(int(m.group("b"))))
        if kind == "month":
            month = date(int(m.group("year")), _MONTH_NUMBERS[m.group("month").lower()], 1)
            return make_period("month", month, month)
        if kind == "year":
            return calendar_year(int(m.group("year")))
        return Relative(m.group("rel").lower())
    except (ValueError, OverflowError):
        return None


def _since_month(m: re.Match, story_date: date | None) -> tuple[Period, Period] | None:
    """'since October last year' in a story of 8 October 2024: October 2023 to September 2024 (the last full
    month), against the same number of months before it."""
    if story_date is None:
        return None
    year = story_date.year - 1 if m.group("last") else int(m.group("year"))
    start = date(year, _MONTH_NUMBERS[m.group("month").lower()], 1)
    end = add_months(date(story_date.year, story_date.month, 1), -1)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months < 2 or months > 36:
        return None
    kind = "rolling" if months == 12 else "month_range"
    before = make_period(kind, add_months(start, -months), add_months(start, -1))
    return (before, make_period(kind, start, end))


def relative_to_date(phrase: str, story_date: date | None) -> Period | None:
    """'last year' / 'this year' against the story date; None without a usable date."""
    if story_date is None:
        return None
    try:
        if phrase == "last year":
            return calendar_year(story_date.year - 1) if story_date.year > 1 else None
        if phrase == "this year":
            return calendar_year(story_date.year)
    except (ValueError, OverflowError):
        return None
    return None


def shifted(period: Period | None, years: int) -> Period | None:
    """The same period ``years`` later (negative: earlier); None when that leaves the calendar."""
    if period is None:
        return None
    try:
        return period.shifted_years(years)
    except (ValueError, OverflowError):
        return None
