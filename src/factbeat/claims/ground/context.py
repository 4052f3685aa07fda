"""Where a claim is, what it is about and when: areas, measures and periods named in the text.

A claim rarely names everything itself: 'the previous year', a borough named in the headline, a
crime type named one sentence earlier.  :class:`TextContext` indexes every mention once, and
answers "which area/measure/period applies at this character offset", saying how it was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from factbeat.taxonomy.areas import Area, all_areas
from factbeat.taxonomy.measures import Measure, concepts
from factbeat.taxonomy.periods import Period, add_months, calendar_year, financial_year, make_period

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE = re.compile(
    rf"\b(\d{{1,2}}) ({_MONTHS}) ((?:19|20)\d\d)\b|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b", re.I
)
_YEAR = re.compile(
    r"(?<![\d,.£$])((?:19|20)\d\d)(?:\s?[/-]\s?(\d\d))?(?![\d%])(?!\s?(?:per ?cent|percent))"
)
_RELATIVE = re.compile(
    r"\b(last year|this year|the (?:previous|preceding|prior) year|the year before|a year earlier|"
    r"(?:over|in|during) the (?:past|last) (?:year|12 months|twelve months)|"
    r"(?:over |in |during )?the (?:past|last) (?:two|three|four|five|2|3|4|5) years)\b",
    re.I,
)


# "the 32 London boroughs" names the set a rank is within, not the area a claim is about.
_COMPARISON_SET = re.compile(r"\s+boroughs?\b", re.I)
_JOINED_AFTER = re.compile(r"^\s*(?:offences\s+|crimes\s+|cases\s+|incidents\s+)?(?:in|over|during|for|throughout)\s+(?:the\s+)?$", re.I)
_JOINED_BEFORE = re.compile(r"^['’]s\s+(?:total\s+(?:of\s+)?)?$", re.I)

_YEARS_WORDS = {"two": 2, "2 ": 2, "three": 3, "3 ": 3, "four": 4, "4 ": 4, "five": 5, "5 ": 5}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    sentence: int
    value: object  # Area, Measure or a period resolver
    words: str


@dataclass(frozen=True)
class Found:
    """A resolved part of a claim and how it was found (shown to the reader)."""

    value: object
    how: str
    words: str


@cache
def _alias_pattern(kind: str) -> tuple[re.Pattern, dict[str, object]]:
    names: dict[str, object] = {}
    if kind == "area":
        for area in all_areas():
            for name in (area.name, *area.aliases):
                if len(name) > 3 and name not in ("Unknown", "MPS"):
                    names[name.lower()] = area
    else:
        for measure in concepts():
            for name in (measure.label, *measure.aliases):
                if name.lower() not in ("crime", "crimes", "offences"):
                    names[name.lower()] = measure
    words = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    return pattern, names


def article_date(text: str) -> date | None:
    """The first full date written in the text ('10 February 2017' or '2017-02-10'), if any."""
    match = _DATE.search(text)
    if not match:
        return None
    from factbeat.taxonomy.periods import _MONTHS as month_numbers

    if match.group(1):
        return date(int(match.group(3)), month_numbers[match.group(2).lower()], int(match.group(1)))
    return date(int(match.group(4)), int(match.group(5)), int(match.group(6)))


class TextContext:
    """Every area, measure and period mention in one text, by position and sentence."""

    def __init__(self, text: str, sentence_spans: list[tuple[int, int]], when: date | None) -> None:
        self.text = text
        self.spans = sentence_spans
        self.date = when or article_date(text)
        self.areas = self._find("area")
        self.measures = self._find("measure")
        self.periods = self._find_periods()

    def sentence_of(self, offset: int) -> int:
        for index, (start, end) in enumerate(self.spans):
            if start <= offset < end:
                return index
        return max(0, len(self.spans) - 1)

    def _find(self, kind: str) -> list[Mention]:
        pattern, names = _alias_pattern(kind)
        return [
            Mention(
                m.start(),
                m.end(),
                self.sentence_of(m.start()),
                names[m.group(1).lower()],
                m.group(1),
            )
            for m in pattern.finditer(self.text)
            if not (kind == "area" and _COMPARISON_SET.match(self.text, m.end()))
        ]

    def _find_periods(self) -> list[Mention]:
        out = []
        for m in _YEAR.finditer(self.text):
            first = int(m.group(1))
            if m.group(2) and (first + 1) % 100 == int(m.group(2)):
                period, words = financial_year(first), m.group(0)
            else:
                period, words = calendar_year(first), m.group(1)
            out.append(
                Mention(
                    m.start(), m.start() + len(words), self.sentence_of(m.start()), period, words
                )
            )
        for m in _RELATIVE.finditer(self.text):
            out.append(
                Mention(
                    m.start(), m.end(), self.sentence_of(m.start()), m.group(1).lower(), m.group(1)
                )
            )
        return sorted(out, key=lambda x: x.start)

    # -- resolution ------------------------------------------------------------------------
    def area_at(self, start: int, end: int, *, boroughs_only: bool = False) -> Found | None:
        """The area for a claim; rank claims need a borough ('London' is what they rank within)."""
        mentions = [m for m in self.areas if m.value.is_borough] if boroughs_only else self.areas
        return self._nearest(mentions, start, end, "area")

    def measure_at(self, start: int, end: int) -> Found | None:
        return self._nearest(self.measures, start, end, "crime type")

    def _nearest(self, mentions: list[Mention], start: int, end: int, noun: str) -> Found | None:
        sentence = self.sentence_of(start)
        same = [m for m in mentions if m.sentence == sentence]
        if same:
            best = min(same, key=lambda m: _distance(m, start, end))
            return Found(best.value, f"{noun} named in the same sentence", best.words)
        earlier = [m for m in mentions if m.sentence < sentence]
        if earlier:
            best = earlier[-1]
            how = "headline" if best.sentence == 0 else f"sentence {best.sentence + 1}"
            return Found(best.value, f"{noun} named earlier, in the {how}", best.words)
        later = [m for m in mentions if m.sentence > sentence]
        if later:
            return Found(later[0].value, f"{noun} named later in the text", later[0].words)
        return None

    def period_at(self, start: int, end: int, other: Period | None = None) -> Found | None:
        """The period for the number at [start, end): the nearest year in its sentence, else earlier."""
        sentence = self.sentence_of(start)
        same = [m for m in self.periods if m.sentence == sentence]
        if same:
            for mention in sorted(same, key=lambda m: self._distance(m, start, end)):
                period = self._period_value(mention, other)
                if period is not None:
                    return Found(period, f"period '{mention.words}' in the same sentence", mention.words)
        return self._inherited_period(sentence)

    def _inherited_period(self, sentence: int) -> Found | None:
        """The latest period of the nearest earlier sentence that names one: the story's 'current' period."""
        for index in range(sentence - 1, -1, -1):
            resolved = []
            for mention in (m for m in self.periods if m.sentence == index):
                period = self._period_value(mention, resolved[-1][0] if resolved else None)
                if period is not None:
                    resolved.append((period, mention))
            if resolved:
                period, mention = max(resolved, key=lambda pm: pm[0].end)
                return Found(period, f"period '{mention.words}' named earlier, in sentence {index + 1}", mention.words)
        return None

    def _distance(self, mention: Mention, start: int, end: int) -> int:
        """Characters between a number and a period mention; 'N in 2016' and "2015's N" count as adjacent."""
        if mention.start >= end and _JOINED_AFTER.match(self.text[end:mention.start]):
            return 0
        if mention.end <= start and _JOINED_BEFORE.match(self.text[mention.end:start]):
            return 0
        return _distance(mention, start, end)

    def _period_value(self, mention: Mention, other: Period | None) -> Period | None:
        if isinstance(mention.value, Period):
            return mention.value
        phrase = str(mention.value)
        if (
            "previous" in phrase
            or "preceding" in phrase
            or "prior" in phrase
            or "before" in phrase
            or "earlier" in phrase
        ):
            return other.shifted_years(-1) if other else None
        if self.date is None:
            return None
        if phrase == "this year":
            return calendar_year(self.date.year)
        if phrase == "last year":
            return calendar_year(self.date.year - 1)
        years = next((n for word, n in _YEARS_WORDS.items() if word in phrase), 1)
        end = add_months(date(self.date.year, self.date.month, 1), -1)
        return make_period("rolling", add_months(end, 1 - 12 * years), end)


def _distance(mention: Mention, start: int, end: int) -> int:
    if mention.end <= start:
        return start - mention.end
    if mention.start >= end:
        return (
            mention.start - end + 1
        )  # a mention after the number is slightly less likely to apply
    return 0


def is_area(value: object) -> bool:
    return isinstance(value, Area)


def is_measure(value: object) -> bool:
    return isinstance(value, Measure)
