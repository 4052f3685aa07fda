"""Which month, force and area each street-level row belongs to, worked out per distinct value.

A chunk of 60,000 rows has one or two months, one force and a few thousand LSOA names, so each
distinct value is mapped once in Python and the result is spread over the rows with Arrow's
dictionary encoding (vectorised, no Python loop per row).  Nothing here touches the database,
which lets it run on the worker thread that parses the next file (see sources/prepare.py).

A value that cannot be mapped (an impossible month, an empty force or crime type) is left null;
the store's checks then refuse the row with its reason.  An LSOA name that does not follow the
ONS pattern counts the row as 'no location' for its force (the row itself is kept unchanged).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from factbeat.taxonomy.areas import Area, district_area, force_area, no_location_area

CHUNK_ROWS = 250_000
LEARNED_KINDS = ("district", "force", "no_location")  # areas known only from data (see taxonomy.areas)
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass
class MappedChunk:
    """Rows plus ``month_date``, ``force_code`` and ``area_code`` columns, and what was met."""

    table: pa.Table
    forces: dict[str, Area]  # 'Reported by' text -> force
    areas: list[Area]  # every area a row of the chunk is counted in
    crime_types: list[str]


def mapped_chunks(batches: Iterator[pa.RecordBatch]) -> Iterator[MappedChunk]:
    """Group batches into chunks of about CHUNK_ROWS rows (bounded memory) and map each."""
    pending: list[pa.RecordBatch] = []
    size = 0
    for batch in batches:
        pending.append(batch)
        size += batch.num_rows
        if size >= CHUNK_ROWS:
            yield map_chunk(pa.Table.from_batches(pending))
            pending, size = [], 0
    if pending:
        yield map_chunk(pa.Table.from_batches(pending))


def map_chunk(table: pa.Table) -> MappedChunk:
    month_text, month_values = _distinct_map(table["month"], parse_month)
    month_dates = _spread(table["month"], month_text, month_values, pa.date32())
    forces_text, forces = _distinct_map(table["reported_by"], force_area)
    force_code = _spread(table["reported_by"], forces_text, [a.code for a in forces])
    nowhere = _spread(table["reported_by"], forces_text, [no_location_area(a).code for a in forces])
    lsoa_text, lsoas = _distinct_map(table["lsoa_name"], lsoa_area)
    area_code = pc.coalesce(_spread(table["lsoa_name"], lsoa_text, [a.code if a else None for a in lsoas]), nowhere)
    table = table.append_column("month_date", month_dates).append_column("force_code", force_code)
    table = table.append_column("area_code", area_code)
    by_force = dict(zip(forces_text, forces, strict=True))
    areas = {a.code: a for a in (*forces, *map(no_location_area, forces), *(a for a in lsoas if a))}
    crime_types = sorted(v for v in pc.unique(table["crime_type"]).to_pylist() if v is not None)
    return MappedChunk(table, by_force, list(areas.values()), crime_types)


def _distinct_map(column: pa.ChunkedArray, mapper) -> tuple[list[str], list]:
    values = [v for v in pc.unique(column).to_pylist() if v is not None]
    return values, [mapper(v) for v in values]


def _spread(column: pa.ChunkedArray, keys: list[str], values: list, kind: pa.DataType | None = None) -> pa.Array:
    """values[i] for every row whose text is keys[i] (null for null or unknown text)."""
    index = pc.index_in(column, value_set=pa.array(keys, pa.string()))
    return pc.take(pa.array(values, kind or pa.string()), index)


def parse_month(text: str) -> date | None:
    """'2016-07' -> 2016-07-01; anything else (other spellings, month 13) -> None, so the row
    is refused: only the canonical form is stored, which keeps the original text recoverable."""
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


@lru_cache(maxsize=100_000)
def lsoa_area(lsoa_name: str) -> Area | None:
    """The district an LSOA is counted in (cached: the same LSOAs come back every month)."""
    district = district_name(lsoa_name)
    return district_area(district) if district else None


def district_name(lsoa_name: str) -> str | None:
    """The district an LSOA belongs to, from its name: 'Leeds 001A' -> 'Leeds'.

    LSOA names are '<local authority> <3 digits><letter>' (ONS convention, 2011 and 2021).
    """
    head, _, tail = lsoa_name.strip().rpartition(" ")
    if head and len(tail) == 4 and tail[:3].isdigit() and tail[3].isalpha():
        return head
    return None


def learned_area_rows(areas: list[Area]) -> pa.Table:
    """``street_areas`` rows for areas that are not in the known London list."""
    learned = [a for a in areas if a.kind in LEARNED_KINDS]
    return pa.table({
        "area_code": pa.array([a.code for a in learned], pa.string()),
        "name": pa.array([a.name for a in learned], pa.string()),
        "kind": pa.array([a.kind for a in learned], pa.string()),
        "aliases": pa.array([list(a.aliases) for a in learned], pa.list_(pa.string())),
    })
