"""Reader for borough population tables (GLA series and ONS mid-year estimate totals)."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

from factbeat.sources.categories import control_character
from factbeat.sources.csvfile import iter_rows
from factbeat.sources.formats import SourceFormat
from factbeat.sources.problems import Problems
from factbeat.sources.table import POPULATION_SCHEMA, SourceTable
from factbeat.taxonomy.areas import find_area

# More people than any area factbeat knows (London: about nine million); a bigger number is a
# typo or a garbled cell, and a rate per 1,000 residents would be wrong without a word.
MAX_POPULATION = 100_000_000
_WHOLE = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


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
        garbled = next(((header[i], bad) for i, c in enumerate(cells[:5]) if (bad := control_character(c))), None)
        if garbled:
            problems.add(line, garbled[0], f"holds the control character {garbled[1]}: a garbled cell")
            continue
        area = find_area(code) or find_area(name)
        if area is None:
            problems.add(line, header[0], f"unknown area {code!r} ({name!r})")
            continue
        year, population = _int(year_text), _int(pop_text)
        if year is None or not 1800 < year < 2200:
            problems.add(line, header[2], f"{year_text!r} is not a year")
            continue
        if population is None:
            problems.add(line, header[3], f"{pop_text[:30]!r} is not a whole number of people")
            continue
        if not 0 < population <= MAX_POPULATION:
            problems.add(line, header[3], f"{pop_text[:30]!r} is not a population (more than 0 and at most "
                         f"{MAX_POPULATION:,}): rates per resident would be infinite or wrong")
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
    """A whole number in ASCII digits, '12345' or '12,345' (other scripts' digits are refused:
    Python would read '١٢٣' as 123 without a word)."""
    if _WHOLE.fullmatch(text) or _GROUPED.fullmatch(text):
        return int(text.replace(",", ""))
    return None
