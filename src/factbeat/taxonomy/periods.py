"""Periods as reporters write them: '2016', '2016/17', 'January 2016', '12 months to March 2017',
'Q1 2024', 'the year to March 2024', and the relative 'last year', 'this year', 'latest 12 months'.

Relative periods need two dates: ``today`` (for 'last year' and 'this year') and ``latest``, the
last month with stored data (for 'latest 12 months', and to end 'this year' where the data ends).

Every period is a closed range of whole calendar months, because police data is monthly.  The
label is kept as the user wrote it in canonical form, so output can say exactly what was counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from factbeat.errors import UnknownNameError

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]

EXAMPLES = ("2016", "2016/17", "FY2016-17", "January 2016", "2016-01", "January 2016 to June 2016",
            "12 months to March 2017", "Q1 2024", "the year to March 2024", "last year", "latest 12 months")


@dataclass(frozen=True)
class Period:
    """A closed range of months, [start, end], both given as the first day of the month."""

    label: str
    start: date
    end: date
    kind: str  # calendar_year, financial_year, month, month_range, rolling, quarter

    @property
    def months(self) -> list[date]:
        """Every month in the period, in order (a new list; the months of a span are computed once)."""
        return list(_months_between(self.start, self.end))

    @property
    def n_months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def population_year(self) -> int:
        """The mid-year estimate that best matches the period: the year its middle month falls in.

        ONS estimates are for 30 June, so the calendar year 2016 and the financial year 2016/17
        both use mid-2016.
        """
        middle = add_months(self.start, (self.n_months - 1) // 2)
        return middle.year

    def shifted_years(self, years: int) -> Period:
        """The same kind of period ``years`` earlier (negative) or later: '2016' -> '2015'."""
        return make_period(self.kind, add_months(self.start, 12 * years), add_months(self.end, 12 * years))

    def to_dict(self) -> dict:
        return {"label": self.label, "start": self.start.isoformat(), "end": last_day(self.end).isoformat(), "kind": self.kind}


def add_months(month: date, n: int) -> date:
    """The first of the month ``n`` months after ``month``."""
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def last_day(month: date) -> date:
    """The last day of ``month`` (so that JSON 'end' reads as an inclusive date)."""
    from datetime import timedelta

    return add_months(month, 1) - timedelta(days=1)


def month_label(month: date) -> str:
    return f"{_MONTH_NAMES[month.month - 1]} {month.year}"


def make_period(kind: str, start: date, end: date) -> Period:
    """Build a period with its canonical label."""
    if kind == "calendar_year":
        label = str(start.year)
    elif kind == "financial_year":
        label = f"{start.year}/{str(start.year + 1)[2:]}"
    elif kind == "month":
        label = month_label(start)
    elif kind == "quarter":
        label = f"Q{(start.month - 1) // 3 + 1} {start.year}"
    elif kind == "rolling":
        label = f"12 months to {month_label(end)}" if (end.year - start.year) * 12 + end.month - start.month == 11 else f"{month_label(start)} to {month_label(end)}"
    else:
        label = f"{month_label(start)} to {month_label(end)}"
    return Period(label, start, end, kind)


def calendar_year(year: int) -> Period:
    return make_period("calendar_year", date(year, 1, 1), date(year, 12, 1))


def financial_year(first_year: int) -> Period:
    """April of ``first_year`` to March of the next: the police and Home Office year."""
    return make_period("financial_year", date(first_year, 4, 1), date(first_year + 1, 3, 1))


_YEAR = re.compile(r"^(?:calendar year |cy ?)?(\d{4})$")
_FY = re.compile(r"^(?:fy ?|financial year |fye ?)?(\d{4}) ?[/-] ?(\d{2}|\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-?(\d{2})$")
_NAMED_MONTH = re.compile(r"^([a-z]+)\.? (\d{4})$")
_ROLLING = re.compile(r"^(?:(\d+|twelve) months|year) (?:to|ending|up to) (?:the end of )?(.+)$")
_QUARTER = re.compile(r"^(?:q([1-4]) ?(\d{4})|(\d{4}) ?q([1-4]))$")
_RELATIVE_YEAR = re.compile(r"^(last|this|previous|past) (?:calendar )?year$")
_LATEST = re.compile(r"^(?:the )?(?:latest|last|past|most recent) (\d+|twelve) months$")
_RANGE = re.compile(r"^(?:from )?(.+?) (?:to|until|through|-|–|\.\.) (.+)$")


def _parse_month(text: str) -> date | None:
    text = text.strip().lower()
    if m := _ISO_MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        return date(year, month, 1) if 1 <= month <= 12 else None
    if (m := _NAMED_MONTH.match(text)) and m.group(1) in _MONTHS:
        return date(int(m.group(2)), _MONTHS[m.group(1)], 1)
    return None


def parse_period(text: str, *, today: date | None = None, latest: date | None = None) -> Period:
    """Parse a period as people write it; raise :class:`UnknownNameError` listing the forms known.

    ``today`` (default: the system date) anchors 'last year' and 'this year'; ``latest`` (the
    last stored month) anchors 'latest 12 months' and ends 'this year' where the data ends.
    """
    clean = " ".join(text.strip().lower().replace(",", " ").split())
    clean = clean.replace("..", " .. ")
    clean = " ".join(clean.split())
    if clean.startswith("the "):
        clean = clean[4:]
    if m := _YEAR.match(clean):
        return calendar_year(int(m.group(1)))
    if m := _FY.match(clean):
        first, second = int(m.group(1)), m.group(2)
        if (first + 1) % (100 if len(second) == 2 else 10000) == int(second):
            return financial_year(first)
    if m := _QUARTER.match(clean):
        quarter, year = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
        start = date(year, 3 * quarter - 2, 1)
        return make_period("quarter", start, add_months(start, 2))
    if relative := _relative(clean, today or date.today(), latest):
        return relative
    if month := _parse_month(clean):
        return make_period("month", month, month)
    if m := _ROLLING.match(clean):
        n = 12 if m.group(1) in (None, "twelve") else int(m.group(1))
        end = _parse_month(m.group(2))
        if end and n >= 1:
            return make_period("rolling", add_months(end, 1 - n), end)
    if m := _RANGE.match(clean):
        start, end = _parse_month(m.group(1)), _parse_month(m.group(2))
        if start and end and start <= end:
            return make_period("month_range", start, end)
    raise UnknownNameError("period", text, hint="periods are written like " + ", ".join(repr(e) for e in EXAMPLES))


def _relative(clean: str, today: date, latest: date | None) -> Period | None:
    """'last year' (the previous calendar year), 'this year' (January to the latest month, or to
    last month), 'latest 12 months' (the twelve months to the latest stored month)."""
    last_month = add_months(date(today.year, today.month, 1), -1)
    if m := _RELATIVE_YEAR.match(clean):
        if m.group(1) != "this":
            return calendar_year(today.year - 1)
        end = min(latest, last_month) if latest else last_month
        if end.year < today.year:
            return calendar_year(today.year)  # nothing stored yet this year: an error names the range
        return make_period("month_range", date(today.year, 1, 1), end)
    if m := _LATEST.match(clean):
        n = 12 if m.group(1) == "twelve" else int(m.group(1))
        end = latest or last_month
        if n >= 1:
            return make_period("rolling", add_months(end, 1 - n), end)
    return None


@lru_cache(maxsize=4096)
def _months_between(start: date, end: date) -> tuple[date, ...]:
    """The first days of the months from ``start`` to ``end``: a figure asks for its period's
    months several times (missing months, coverage, the other schemes), a check for every claim."""
    out, current = [], start
    while current <= end:
        out.append(current)
        current = add_months(current, 1)
    return tuple(out)
