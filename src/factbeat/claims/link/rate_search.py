"""Rates over time: "27 attacks a day", "more than 160 victims a day", "one every 57 minutes".

A rate over time needs a count and the length of the period it was counted over.  The period is
read from the words beside the count (or the stated rate): a calendar year (365 or 366 days),
"the year to March" (365), "between July and September" (92 days), "from 1 July until 31 August"
(62), "18 months", "the first quarter", "on 1 May" (one day).  "Every N minutes" is stored the
other way round, as time per event (RULES.md §1).  Each (count, period) pair nearby is a reading;
the claim is consistent if one of them fits, and inconsistent only when the count sits beside
the stated rate and the period is written out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from fractions import Fraction

from text_to_num import text2num

from factbeat.claims import patterns
from factbeat.claims.formatting import number
from factbeat.claims.link.candidates import TextIndex, refers_back, scanned, story_opening
from factbeat.claims.link.draft import Draft
from factbeat.claims.model import ClaimKind
from factbeat.claims.prefilter import fold
from factbeat.claims.read.lexicon import MINUTES_PER, MONTHS
from factbeat.claims.read.quantity import Quantity, QuantityKind

_MONTH_NUMBER = {m.lower()[:3]: i + 1 for i, m in enumerate(MONTHS[:12])}
_EVERY = scanned(patterns.compile(
    r"\b(?:(?:one|a\s+\w+)\s+)?every\s+(?P<n>\d+(?:\.\d+)?|[a-z-]+)\s+(?P<unit>second|minute|hour|day)s?\b",
    re.I,
))
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_PERIODS = [
    (patterns.compile(r"\bfrom\s+(?P<d1>\d{1,2})\s+(?P<m1>" + _MONTH + r")\s+(?P<y1>\d{4})\s+(?:until|to|and)\s+"
                r"(?P<d2>\d{1,2})\s+(?P<m2>" + _MONTH + r")\s+(?P<y2>\d{4})", re.I), "dates"),
    (patterns.compile(r"\bbetween\s+(?P<m1>" + _MONTH + r")\s+(?:(?P<y1>\d{4})\s+)?and\s+(?P<m2>" + _MONTH
                + r")(?:\s+(?P<y2>\d{4}))?", re.I), "months"),
    (patterns.compile(r"\b(?:in|during|over|throughout)\s+(?P<m1>" + _MONTH + r")\s+and\s+(?P<m2>" + _MONTH
                + r")(?:\s+(?P<y2>\d{4}))?", re.I), "two_months"),  # "in July and August"
    (patterns.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"eighteen|twenty-four)\s+months\b", re.I), "n_months"),
    (patterns.compile(r"\b(?P<n>\d+|one|two|three|four|five|six)\s+weeks\b", re.I), "n_weeks"),
    (patterns.compile(r"\b(?:first|second|third|fourth|final|last)\s+quarter\b", re.I), "quarter"),
    (patterns.compile(r"\b(?:on\s+(?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2})|a\s+typical\s+day|in\s+one\s+day"
                r"|on\s+any\s+given\s+day|24\s+hours)\b", re.I), "day"),
    (patterns.compile(r"\b(?:in|during|for)\s+(?P<y>(?:19|20)\d{2})\b(?![/-])", re.I), "calendar"),
    (patterns.compile(r"\b(?:year|12\s+months)\s+(?:to|ending|ended)\b|\blast\s+year\b|\bpast\s+year\b|\bthe\s+year\b"
                r"|\bannual(?:ly)?\b|\b(?:19|20)\d{2}[/-]\d{2,4}\b|\ba\s+year\b", re.I), "year"),
]  # fmt: skip


@dataclass
class Stated:
    """A stated rate over time: its value, its unit, and whether it is time per event."""

    value: Fraction
    unit: str
    start: int
    end: int
    sentence: int
    per_event: bool
    quantity: Quantity | None = None


def _number(word: str) -> Fraction | None:
    try:
        return Fraction(word)
    except ValueError:
        try:
            return Fraction(text2num(word.lower(), "en"))
        except ValueError:
            return None


def _days(match: re.Match[str], kind: str) -> Fraction | None:
    g = match.groupdict()
    if kind == "dates":
        try:
            d1 = dt.date(int(g["y1"]), _MONTH_NUMBER[g["m1"][:3].lower()], int(g["d1"]))
            d2 = dt.date(int(g["y2"]), _MONTH_NUMBER[g["m2"][:3].lower()], int(g["d2"]))
        except (ValueError, KeyError):
            return None
        return Fraction((d2 - d1).days + 1)
    if kind == "months":
        m1, m2 = _MONTH_NUMBER.get(g["m1"][:3].lower()), _MONTH_NUMBER.get(g["m2"][:3].lower())
        year = int(g.get("y2") or g.get("y1") or 2015)
        if m1 is None or m2 is None or m2 < m1:
            return None
        return Fraction(sum(calendar.monthrange(year, m)[1] for m in range(m1, m2 + 1)))
    if kind == "two_months":
        m1, m2 = _MONTH_NUMBER.get(g["m1"][:3].lower()), _MONTH_NUMBER.get(g["m2"][:3].lower())
        if m1 is None or m2 != m1 + 1:
            return None  # "in January and March" are two months apart, not a period
        year = int(g.get("y2") or 2015)
        return Fraction(sum(calendar.monthrange(year, m)[1] for m in (m1, m2)))
    if kind == "n_months":
        n = _number(g["n"])
        return None if n is None else n * Fraction(365, 12)
    if kind == "n_weeks":
        n = _number(g["n"])
        return None if n is None else n * 7
    if kind == "quarter":
        return Fraction(91)
    if kind == "day":
        return Fraction(1)
    if kind == "calendar":
        return Fraction(366 if calendar.isleap(int(g["y"])) else 365)
    return Fraction(365)


def _periods(text: str, lo: int, hi: int) -> list[tuple[int, Fraction, str]]:
    """(offset, days, kind) of every period phrase in ``text[lo:hi]``."""
    found = []
    for pattern, kind in _PERIODS:
        for m in pattern.finditer(text, lo, hi):
            days = _days(m, kind)
            if days:
                found.append((m.start(), days, kind))
    return found


def _stated_rates(index: TextIndex) -> list[Stated]:
    found = []
    # rare: one look at the whole text (at the words every match holds, first) spares one a sentence
    folded = fold(index.text)
    every = "every" in folded
    one_every = every and _ONE_EVERY_TAIL.search(folded) is not None and _ONE_EVERY.search(index.text) is not None
    spans = [(r.sentence.start, r.sentence.end) for r in index.readings]
    worth = index.places(_EVERY).sentences(spans) if every else [False] * len(spans)
    for r, every_here in zip(index.readings, worth, strict=True):
        if not (r.quantities or every_here or one_every):
            continue  # (most sentences: no figure, and no "every")
        for q in r.quantities:
            if q.kind == QuantityKind.COUNT and q.unit and q.unit.startswith("a "):
                found.append(Stated(q.value, q.unit[2:], q.phrase_start, q.end, r.index, False, q))
        for m in _EVERY.finditer(index.text, r.sentence.start, r.sentence.end) if every_here else ():
            n = _number(m.group("n"))
            if any(q.kind == QuantityKind.COUNT and not q.weak and q.end <= m.start()
                   and not index.separated(q.end, m.start()) for q in r.levels):  # fmt: skip
                continue  # "3,372 crimes are committed every 24 hours": a count per period, not one each
            if n is not None and n > 0 and m.group("n").lower() not in ("single", "other"):
                found.append(Stated(n, m.group("unit").lower(), m.start(), m.end(), r.index, True))
        for m in _ONE_EVERY.finditer(index.text, r.sentence.start, r.sentence.end) if one_every else ():
            qualifier = m.group("q").lower() if m.group("q") else None
            q = Quantity(QuantityKind.COUNT, Fraction(1), m.start(), m.end(), m.group(), sentence=r.index,
                         qualifier=qualifier, style="word", decimals=1)  # fmt: skip
            found.append(Stated(Fraction(1), m.group("unit").lower(), m.start(), m.end(), r.index, False, q))
    return found


# "there is a knife crime almost every day": one event in each unit of time
_ONE_EVERY = patterns.compile(
    r"\ban?\s+(?:[\w-]+\s+){0,2}?(?:crime|offence|attack|assault|burglary|robbery|theft|stabbing|shooting"
    r"|murder|killing|rape|break-in|incident|arrest)s?\s+(?:(?:is|was|are|were)\s+(?:\w+ed|\w+en)\s+)?"
    r"(?P<q>almost|nearly|roughly)?\s*every\s+(?P<unit>day|week|month|hour)\b", re.I)

_ONE_EVERY_TAIL = patterns.compile(r"every\s+(?:day|week|month|hour)\b")  # the end of each match, lower-cased


OPENING_REACH = 6  # sentences after the lede where a headline's or lede's rate finds its count
_FAR_BACK = 6  # sentences before a rate said per event in which its count may be told (confirm-only)


def _counts(index: TextIndex, stated: Stated) -> list[Quantity]:
    """Counts a rate over time may be worked out from: the sentence's neighbours, or for a
    headline or lede ("80 reports of domestic abuse every day") the first sentences of the body."""
    back = refers_back(index, stated.sentence)
    opening, lede = story_opening(index)
    reach = range(stated.sentence - (2 if back else 1), stated.sentence + 3)
    if not stated.quantity or stated.per_event:  # "one every 18 minutes" told of a count paragraphs above
        reach = range(stated.sentence - _FAR_BACK, stated.sentence + 3)
    if stated.sentence in opening:
        reach = range(0, lede + OPENING_REACH + 1)
    return [q for q in index.levels_in(reach.start, reach.stop - 1) if q.kind == QuantityKind.COUNT
            and (q.unit is None or q.unit == "a year" and stated.unit != "year")  # "5,400 a year - almost 15 a day"
            and not q.weak and q.value > 0 and q.value != stated.value]  # fmt: skip


def link_rates_over_time(index: TextIndex) -> list[Draft]:
    """Drafts for "N a day" and "one every N minutes" claims with their readings."""
    drafts = []
    text = index.text
    opening, _lede = story_opening(index)
    rates = _stated_rates(index)
    for stated in rates:
        readings = []
        back = refers_back(index, stated.sentence)
        counts = _counts(index, stated)
        for count in counts:
            own = count.sentence == stated.sentence or (back and count.sentence == stated.sentence - 1)
            lo = index.readings[min(count.sentence, stated.sentence)].sentence.start
            hi = index.readings[max(count.sentence, stated.sentence)].sentence.end
            periods = _periods(text, lo, hi)
            if not periods and abs(count.sentence - stated.sentence) <= 2:
                periods = [(count.start + 10**6, Fraction(365), "year")]  # none written: a year, weakly
            dated = [(o, d) for o, d, _k in periods if count.sentence == _sentence_at(index, o)]
            for offset, days, _kind in periods:
                near = abs(offset - count.start)
                strong = own and near < 120  # "… 6,643 in 13 months. That averages 18 a day"
                if stated.sentence in opening and len(counts) == 1 and (offset, days) in dated and near < 120:
                    strong = True  # a headline's "400 a day", the body's one count with its own period
                readings.append((not strong, near, count, days))
        if stated.per_event:  # "an arrest every 15 seconds" … "four people arrested a minute"
            readings += _from_another_rate(index, stated, rates)
        if not readings:
            continue
        readings.sort(key=lambda r: (r[0], r[1]))
        q = stated.quantity or Quantity(QuantityKind.COUNT, stated.value, stated.start, stated.end,
                                        text[stated.start : stated.end], sentence=stated.sentence)  # fmt: skip
        draft = Draft(ClaimKind.RATE, stated.sentence, q, (q.phrase_start, stated.end))
        draft.rate_over_time = (stated.unit, stated.per_event)
        options = [{"count": c, "days": _days_quantity(d, c)} for _w, _n, c, d in readings]
        draft.numbers, draft.alternatives = options[0], options[1:8]
        if readings[0][0]:
            draft.tentative = "the count and its period are not written beside the rate"
        drafts.append(draft)
    return drafts


_STEM = patterns.compile(r"[a-z]{5,}")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _STEM.findall(text.lower())}


def _from_another_rate(index: TextIndex, stated: Stated, rates: list[Stated]) -> list[tuple]:
    """ "there is an arrest every 15 seconds" told of "officers arrested four people a minute"
    a few sentences before: the same rate said the other way round, when the two name the same
    thing (a shared word stem next to each).  Such a reading may confirm, never contradict."""
    here = index.text[max(0, stated.start - 40) : stated.end + 10]
    found = []
    for other in rates:
        if other.per_event or other is stated or not 0 < abs(other.sentence - stated.sentence) <= 3:
            continue
        if not _stems(here) & _stems(index.text[max(0, other.start - 40) : other.end + 40]):
            continue
        per = MINUTES_PER.get(other.unit)
        if per is None or not other.value:
            continue
        days = per / 1440  # one unit of the other rate, in days
        near = other.quantity or Quantity(QuantityKind.COUNT, other.value, other.start, other.end,
                                          index.text[other.start : other.end], sentence=other.sentence)  # fmt: skip
        count = Quantity(QuantityKind.COUNT, other.value, near.start, near.end, near.text,
                         sentence=near.sentence, derived=f"{number(other.value)} a {other.unit}")  # fmt: skip
        found.append((True, 0, count, days))
    return found


def _sentence_at(index: TextIndex, offset: int) -> int:
    """The sentence holding a character offset (-1 if none), by binary search."""
    if "starts" not in index.memo:
        index.memo["starts"] = [r.sentence.start for r in index.readings]
    i = bisect_right(index.memo["starts"], offset) - 1
    return index.readings[i].index if i >= 0 and offset < index.readings[i].sentence.end else -1


def _days_quantity(days: Fraction, near: Quantity) -> Quantity:
    return Quantity(QuantityKind.COUNT, days, near.start, near.start, f"{float(days):g} days",
                    sentence=near.sentence, derived="the length of the period")  # fmt: skip
