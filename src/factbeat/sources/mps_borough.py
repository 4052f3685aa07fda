"""Reader for the MPS borough-level monthly crime files (wide: one column per month).

Two header families exist: the legacy MPS categories (``Borough, Major Category, Minor
Category``) and the Home Office categories (``MajorText, MinorText, BoroughName``).  Both become
the same tidy rows: one per area, category and month.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa

from factbeat.sources.csvfile import iter_rows
from factbeat.sources.formats import MONTH_COLUMN, SourceFormat
from factbeat.sources.problems import Problems
from factbeat.sources.rows import whole_number
from factbeat.sources.table import CRIME_SCHEMA, SourceTable
from factbeat.taxonomy.areas import find_area
from factbeat.taxonomy.text import name_key

# The Home Office files come in a coarse form (~33 minor categories) and, in the 2022 vintage, a
# detailed one (~55).  Mixing them in one scheme would double count, so a file with more distinct
# minor categories than this is stored under its own 'ho_detailed' scheme.
DETAILED_MINOR_THRESHOLD = 40


def read_mps_borough(path: Path, fmt: SourceFormat, encoding: str = "utf-8") -> SourceTable:
    """Read a wide MPS borough file into tidy rows, refusing the whole file on any bad cell."""
    rows = iter_rows(path, encoding)
    _line, header = next(rows)
    legacy = fmt.name == "mps_borough_legacy"
    key_columns = (0, 1, 2) if legacy else (2, 0, 1)  # (borough, major, minor)
    months = [_month(h) for h in header[3:]]
    problems = Problems(path)
    columns: dict[str, list] = {name: [] for name in CRIME_SCHEMA.names}
    seen: dict[tuple[str, str, str], int] = {}
    rows_read = 0
    for line, cells in rows:
        rows_read += 1
        if len(cells) != len(header):
            problems.add(line, None, f"the row has {len(cells)} cells but the header has {len(header)} (truncated or shifted row)")
            continue
        borough, major, minor = (cells[i].strip() for i in key_columns)
        area = find_area(borough)
        if area is None:
            problems.add(line, header[key_columns[0]], f"unknown borough {borough!r}")
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
            for name, item in zip(CRIME_SCHEMA.names, (area.code, borough, major, minor, month, value, line), strict=True):
                columns[name].append(item)
    if rows_read == 0:
        problems.add(2, None, "the file has a header but no data rows")
    problems.raise_if_any()
    scheme = "mps_legacy" if legacy else _home_office_scheme(columns["minor"])
    return SourceTable(
        path=path, format=fmt.name, kind="crime", scheme=scheme,
        table=pa.table(columns, schema=CRIME_SCHEMA), rows_read=rows_read,
        publisher=fmt.publisher, licence=fmt.licence,
    )


def _month(column: str) -> date:
    match = MONTH_COLUMN.match(column.strip())
    assert match, column  # the format test already checked every month column
    return date(int(match.group(1)), int(match.group(2)), 1)


def _home_office_scheme(minors: list[str]) -> str:
    distinct = {name_key(m) for m in minors}
    return "ho_detailed" if len(distinct) > DETAILED_MINOR_THRESHOLD else "home_office"
