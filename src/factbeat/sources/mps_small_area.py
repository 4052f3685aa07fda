"""Readers for the MPS ward-level and LSOA-level files (wide: one column per month).

Both use the Home Office categories of the borough files, so their rows go to the schemes
``home_office_ward`` and ``home_office_lsoa``, whose measures are those of ``home_office``
(taxonomy/schemes.py).  Each row names the borough its ward or LSOA lies in; that borough is
kept as the row's parent so a ward can be found by name within its borough, but a borough
figure always comes from the borough file, never from adding wards up (not every offence is
geocoded to a ward).

The ward files come as a historical file (to Feb 2024) and a current one (from Feb 2024), in
different column orders; they overlap by one month, February 2024, which the current file holds
only in part (see :func:`_drop_partial_first_month`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa

from factbeat.sources.formats import MONTH_COLUMN, SourceFormat
from factbeat.sources.rows import DataRows, whole_number
from factbeat.sources.series import SERIES_SCHEMA, SeriesTable, empty_columns
from factbeat.taxonomy.areas import find_area
from factbeat.taxonomy.geography import police_area, ward_code
from factbeat.taxonomy.text import name_key

PARTIAL_SHARE = 0.05  # a first month with under 5 % of the next month's offences is a partial month

# format name -> (scheme, key columns by normalised name: area code, area name, borough, major, minor)
LAYOUTS = {
    "mps_ward_home_office": ("home_office_ward", ("wardcode", "wardname", "lookup boroughname", "majortext", "minortext")),
    "mps_lsoa_home_office": ("home_office_lsoa", ("lsoa code", "lsoa name", "borough", "major category", "minor category")),
}


def read_small_area(path: Path, fmt: SourceFormat, encoding: str = "utf-8") -> SeriesTable:
    """Read a ward or LSOA file into tidy rows, refusing the whole file on any bad cell."""
    scheme, names = LAYOUTS[fmt.name]
    rows = DataRows(path, encoding)
    header, problems = rows.header, rows.problems
    code_i, name_i, borough_i, major_i, minor_i = rows.index(names).values()
    month_columns = [(i, _month(h)) for i, h in enumerate(header) if MONTH_COLUMN.match(h.strip())]
    months = [m for _i, m in month_columns]
    columns = empty_columns()
    seen: dict[tuple[str, str, str], int] = {}
    for line, cells in rows:
        code, name = cells[code_i].strip(), cells[name_i].strip()
        borough_text, major, minor = cells[borough_i].strip(), cells[major_i].strip(), cells[minor_i].strip()
        borough = police_area(borough_text) or find_area(borough_text)
        if borough is None:
            problems.add(line, header[borough_i], f"unknown borough {borough_text!r}")
            continue
        if not code:
            problems.add(line, header[code_i], "no area code")
            continue
        code = ward_code(code, borough)
        key = (code, name_key(major), name_key(minor))
        if key in seen:
            problems.add(line, None, f"duplicates line {seen[key]} (same area, major and minor category)")
            continue
        seen[key] = line
        counts = [whole_number(cells[i]) for i, _m in month_columns]
        for (i, _m), value in zip(month_columns, counts, strict=True):
            if value is None:
                problems.add(line, header[i], f"{cells[i]!r} is not a whole number of offences")
        if None in counts:
            continue
        n = len(counts)  # one row per month, added column by column (millions of values per file)
        for column, value in (("scheme", scheme), ("area_code", code), ("area_name", name or code),
                              ("parent_code", borough.code), ("major", major), ("minor", minor), ("line", line)):
            columns[column].extend([value] * n)
        columns["month"].extend(months)
        columns["count"].extend(counts)
    rows.finish()
    table = pa.table(columns, schema=SERIES_SCHEMA)
    table, notes = _drop_partial_first_month(table, [m for _i, m in month_columns])
    return SeriesTable(
        path=path, format=fmt.name, kind="series", scheme=scheme, table=table, rows_read=rows.rows_read,
        publisher=fmt.publisher, licence=fmt.licence, notes=notes,
    )


def _drop_partial_first_month(table: pa.Table, months: list[date]) -> tuple[pa.Table, list[str]]:
    """Leave out a first month that holds almost nothing next to the month after it.

    The current ward file starts with February 2024, the month the Met moved to a new recording
    system: it holds 40 offences where the historical file holds about 74,000.  Stored, it would
    revise the historical month to nearly zero; so a first month under :data:`PARTIAL_SHARE` of
    the next month's total is not stored, and the ingest report says so.
    """
    import pyarrow.compute as pc

    if len(months) < 2:
        return table, []
    first, second = (pc.sum(table.filter(pc.equal(table["month"], m))["count"]).as_py() or 0 for m in months[:2])
    if second == 0 or first >= PARTIAL_SHARE * second:
        return table, []
    label = months[0].isoformat()[:7]
    note = (f"{label} not stored: it holds {first:,} offences against {second:,} the month after (a partial month; "
            "kept out so that an earlier file's figures for it stand)")
    return table.filter(pc.not_equal(table["month"], months[0])), [note]


def _month(column: str) -> date:
    match = MONTH_COLUMN.match(column.strip())
    assert match, column
    return date(int(match.group(1)), int(match.group(2)), 1)
