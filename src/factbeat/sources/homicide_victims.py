"""Reader for the MPS homicide victims file (one row per victim, with the method of killing).

Each victim becomes one observation of count 1 in the ``homicide_victims`` scheme, dated by the
*recorded* year and month (not the date of death), in the borough the file names ('Unmapped'
goes to the Met's 'Unknown' area).  The category is the method of killing (major) and
'sex; age group; domestic abuse' (minor), so counts by method, sex, age group and domestic
abuse all come from the same rows, and every victim keeps the line it came from.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa

from factbeat.sources.formats import SourceFormat
from factbeat.sources.rows import DataRows, whole_number
from factbeat.sources.series import SERIES_SCHEMA, SeriesTable, add_row, empty_columns
from factbeat.taxonomy.geography import police_area
from factbeat.taxonomy.text import name_key

SCHEME = "homicide_victims"
COLUMNS = ("count of victims", "age group", "sex", "methodofkilling", "domestic abuse", "recorded year", "recorded month", "borough")
MONTHS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def minor_label(sex: str, age_group: str, domestic_abuse: str) -> str:
    """The minor category of a victim: 'Male; 20 to 24; Not Domestic Abuse'."""
    return f"{sex}; {age_group}; {domestic_abuse}"


def read_homicide_victims(path: Path, fmt: SourceFormat, encoding: str = "utf-8") -> SeriesTable:
    """Read the victims file; a row that cannot be placed in a borough and month refuses the file."""
    rows = DataRows(path, encoding)
    header, problems, index = rows.header, rows.problems, rows.index(COLUMNS)
    columns = empty_columns()
    for line, cells in rows:
        value = {c: cells[index[c]].strip() for c in COLUMNS}
        victims = whole_number(value["count of victims"])
        if victims is None or victims < 1:
            problems.add(line, header[index["count of victims"]], f"{value['count of victims']!r} is not a number of victims")
            continue
        year = int(value["recorded year"]) if value["recorded year"].isdigit() else 0
        month = MONTHS.get(name_key(value["recorded month"])[:3])
        if not 1900 < year < 2200:
            problems.add(line, header[index["recorded year"]], f"{value['recorded year']!r} is not a year")
            continue
        if month is None:
            problems.add(line, header[index["recorded month"]], f"{value['recorded month']!r} is not a month name")
            continue
        area = police_area(value["borough"])
        if area is None:
            problems.add(line, header[index["borough"]], f"unknown borough {value['borough']!r}")
            continue
        method = value["methodofkilling"] or "Not known/Not Recorded"
        minor = minor_label(value["sex"] or "Unknown", value["age group"] or "Unknown", value["domestic abuse"] or "Unknown")
        add_row(columns, SCHEME, area.code, area.name, None, method, minor, date(year, month, 1), victims, line)
    rows.finish()
    return SeriesTable(
        path=path, format=fmt.name, kind="series", scheme=SCHEME,
        table=pa.table(columns, schema=SERIES_SCHEMA), rows_read=rows.rows_read,
        publisher=fmt.publisher, licence=fmt.licence,
        notes=["dated by recorded year and month, not by date of offence or death"],
    )
