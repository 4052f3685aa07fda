"""Reader for the MPS borough-level monthly crime files (wide: one column per month).

Two header families exist: the legacy MPS categories (``Borough, Major Category, Minor
Category``) and the Home Office categories (``MajorText, MinorText, BoroughName``).  Both become
the same tidy rows: one per area, category and month.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyarrow as pa

from factbeat.sources.categories import control_character, is_known, unknown_message
from factbeat.sources.csvfile import iter_rows
from factbeat.sources.formats import SourceFormat
from factbeat.sources.problems import Problems
from factbeat.sources.rows import whole_number
from factbeat.sources.table import CRIME_SCHEMA, SourceTable
from factbeat.taxonomy.areas import find_area
from factbeat.taxonomy.text import name_key

# The Home Office files come in a coarse form (~33 minor categories) and, in the 2022 vintage, a
# detailed one (~55).  Mixing them in one scheme would double count, so a file with more distinct
# minor categories than this is stored under its own 'ho_detailed' scheme.
DETAILED_MINOR_THRESHOLD = 40
# More offences than any borough could record in a month (London has nine million people): a
# bigger number is a typo, a unit mistake or a garbled cell, not a count.
MAX_COUNT = 10_000_000
# The rows a borough file may hold besides the 32 boroughs (see taxonomy.areas): the MPS files
# carry 'London Heathrow and London City Airports' and 'Unknown'.  Anything else ('London', a
# force or region total, the City of London, which its own police covers) would be added to
# London's total a second time.
AREA_KINDS = ("borough", "police_only")
_MONTH = re.compile(r"([0-9]{4})([0-9]{2})")


def read_mps_borough(path: Path, fmt: SourceFormat, encoding: str = "utf-8", *,
                     accept_new_categories: bool = False) -> SourceTable:
    """Read a wide MPS borough file into tidy rows, refusing the whole file on any bad cell."""
    rows = iter_rows(path, encoding)
    _line, header = next(rows)
    legacy = fmt.name == "mps_borough_legacy"
    key_columns = (0, 1, 2) if legacy else (2, 0, 1)  # (borough, major, minor)
    problems = Problems(path)
    months = _months(header, problems)
    problems.raise_if_any()  # a bad header makes every row wrong: say so before reading them
    columns: dict[str, list] = {name: [] for name in CRIME_SCHEMA.names}
    seen: dict[tuple[str, str, str], int] = {}
    rows_read = 0
    for line, cells in rows:
        rows_read += 1
        if len(cells) != len(header):
            problems.add(line, None, f"the row has {len(cells)} cells but the header has {len(header)} (truncated or shifted row)")
            continue
        borough, major, minor = (cells[i].strip() for i in key_columns)
        if _unprintable(line, (header[i] for i in key_columns), (borough, major, minor), problems):
            continue
        area = find_area(borough)
        if area is None:
            problems.add(line, header[key_columns[0]], f"unknown borough {borough!r}")
            continue
        if area.kind not in AREA_KINDS:
            problems.add(line, header[key_columns[0]], f"{borough!r} is not a borough: borough files hold the 32 "
                         "London boroughs, 'London Heathrow and London City Airports' and 'Unknown' only "
                         "(a London or other total row would be counted twice)")
            continue
        key = (area.code, name_key(major), name_key(minor))
        if key in seen:
            problems.add(line, None, f"duplicates line {seen[key]} (same borough, major and minor category)")
            continue
        seen[key] = line
        for column, month, cell in zip(header[3:], months, cells[3:], strict=True):
            value = whole_number(cell)
            if value is None:
                problems.add(line, column, f"{cell!r} is not a whole number of offences")
                continue
            if value > MAX_COUNT:
                problems.add(line, column, f"{cell.strip()[:30]!r} is more offences than a borough records in "
                             f"a month (at most {MAX_COUNT:,}): a typo or a garbled cell?")
                continue
            for name, item in zip(CRIME_SCHEMA.names, (area.code, borough, major, minor, month, value, line), strict=True):
                columns[name].append(item)
    if rows_read == 0:
        problems.add(2, None, "the file has a header but no data rows")
    problems.raise_if_any()
    scheme = "mps_legacy" if legacy else _home_office_scheme(columns["minor"])
    if not accept_new_categories:
        _refuse_unknown_categories(scheme, columns, problems)
    return SourceTable(
        path=path, format=fmt.name, kind="crime", scheme=scheme,
        table=pa.table(columns, schema=CRIME_SCHEMA), rows_read=rows_read,
        publisher=fmt.publisher, licence=fmt.licence,
    )


def _months(header: list[str], problems: Problems) -> list[date]:
    """The month of each month column; a column that is no month (201613), or a month that
    appears twice (which would count it twice), is a problem of line 1 naming the column."""
    months: list[date] = []
    first: dict[date, int] = {}
    for number, column in enumerate(header[3:], start=4):
        match = _MONTH.fullmatch(column.strip())
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
            problems.add(1, column, f"column {number} ({column.strip()!r}) is not a month (YYYYMM, month 01 to 12)")
            continue
        month = date(int(match.group(1)), int(match.group(2)), 1)
        if month in first:
            problems.add(1, column, f"the month {column.strip()} appears twice, in columns {first[month]} and "
                         f"{number} ({header[first[month] - 1]!r} and {column!r}): its offences would be counted twice")
            continue
        first[month] = number
        months.append(month)
    return months


def _unprintable(line: int, fields, values, problems: Problems) -> bool:
    """Refuse a name holding a control character (a NUL byte, a tab): garbled, never a category."""
    for column, value in zip(fields, values, strict=True):
        if bad := control_character(value):
            problems.add(line, column, f"{value!r} holds the control character {bad}: a garbled cell")
            return True
    return False


def _refuse_unknown_categories(scheme: str, columns: dict[str, list], problems: Problems) -> None:
    """Refuse categories the scheme does not publish, each named with the first line it is on."""
    unknown: dict[tuple[str, str], int] = {}
    checked: set[tuple[str, str]] = set()
    for major, minor, line in zip(columns["major"], columns["minor"], columns["line"], strict=True):
        if (major, minor) not in checked:
            checked.add((major, minor))
            if not is_known(scheme, major, minor):
                unknown[(major, minor)] = line
    if unknown:
        names = [f"{major!r} / {minor!r} (line {line})" for (major, minor), line in unknown.items()]
        first = next(iter(unknown.values()))
        problems.add(first, None, unknown_message(scheme, names))
        problems.raise_if_any()


def _home_office_scheme(minors: list[str]) -> str:
    distinct = {name_key(m) for m in minors}
    return "ho_detailed" if len(distinct) > DETAILED_MINOR_THRESHOLD else "home_office"
