"""Reader for borough population tables (GLA series and ONS mid-year estimate totals)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from factbeat.sources.csvfile import iter_rows
from factbeat.sources.formats import SourceFormat
from factbeat.sources.problems import Problems
from factbeat.sources.table import POPULATION_SCHEMA, SourceTable
from factbeat.taxonomy.areas import find_area


def read_population(path: Path, fmt: SourceFormat, encoding: str = "utf-8") -> SourceTable:
    """Read ``code, name, year, population[, estimate_type]`` rows; refuse the file on any bad row."""
    rows = iter_rows(path, encoding)
    _line, header = next(rows)
    default_type = "ONS MYE" if fmt.name == "ons_borough_population" else "unstated"
    problems = Problems(path)
    columns: dict[str, list] = {name: [] for name in POPULATION_SCHEMA.names}
    seen: dict[tuple[str, int, str], int] = {}
    rows_read = 0
    for line, cells in rows:
        rows_read += 1
        if len(cells) < 4:
            problems.add(line, None, f"the row has {len(cells)} cells; expected at least 4")
            continue
        code, name, year_text, pop_text = (c.strip() for c in cells[:4])
        area = find_area(code) or find_area(name)
        if area is None:
            problems.add(line, header[0], f"unknown area {code!r} ({name!r})")
            continue
        year, population = _int(year_text), _int(pop_text)
        if year is None or not 1800 < year < 2200:
            problems.add(line, header[2], f"{year_text!r} is not a year")
            continue
        if population is None:
            problems.add(line, header[3], f"{pop_text!r} is not a whole number of people")
            continue
        estimate_type = cells[4].strip() if len(cells) > 4 and cells[4].strip() else default_type
        key = (area.code, year, estimate_type)
        if key in seen:
            problems.add(line, None, f"duplicates line {seen[key]} (same area, year and estimate type)")
            continue
        seen[key] = line
        for column, item in zip(POPULATION_SCHEMA.names, (area.code, name, year, population, estimate_type, line), strict=True):
            columns[column].append(item)
    if rows_read == 0:
        problems.add(2, None, "the file has a header but no data rows")
    problems.raise_if_any()
    return SourceTable(
        path=path, format=fmt.name, kind="population", scheme=None,
        table=pa.table(columns, schema=POPULATION_SCHEMA), rows_read=rows_read,
        publisher=fmt.publisher, licence=fmt.licence,
    )


def _int(text: str) -> int | None:
    cleaned = text.replace(",", "")
    return int(cleaned) if cleaned.isdigit() else None
