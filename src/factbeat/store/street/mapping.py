"""Which month, force and area each street-level row belongs to, worked out per distinct value.

A chunk of 60,000 rows has one or two months, one force and a few thousand LSOA names, so each
column is dictionary-encoded once (one hashing pass), each distinct value is mapped once in
Python, and the results are spread over the rows by position (vectorised, no Python loop per
row).  Nothing here touches the database, which lets it run on the worker thread that parses
files ahead of the store (see sources/prepare.py).

A value that cannot be mapped (an impossible month, an empty force or crime type) is left null;
the store's checks then refuse the row with its reason.  An LSOA name that does not follow the
ONS pattern counts the row as 'no location' for its force (the row itself is kept unchanged).

Each chunk is also checked here in bulk (:mod:`factbeat.store.street.checks`): a chunk with no row to
refuse carries typed coordinates and its row counts, so the store copies it without a per-row
check and counts it without reading it back.  The table leaves here in record batches of one
row group each (:data:`INSERT_BATCH_ROWS`), which lets DuckDB compress each as it arrives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import MappingProxyType

import pyarrow as pa
import pyarrow.compute as pc

from factbeat.store.connection import ROW_GROUP_ROWS
from factbeat.store.street.checks import row_counts, vouch
from factbeat.store.street.crime_ids import split_crime_ids
from factbeat.store.street.sql import TEXT_COLUMNS
from factbeat.taxonomy.areas import Area, district_area, force_area, no_location_area

CHUNK_ROWS = 250_000
INSERT_BATCH_ROWS = ROW_GROUP_ROWS  # one row group per batch: DuckDB compresses each as it arrives
# What the store reads of a vouched chunk (street/writer.py); the text ids travel in MappedChunk.texts.
VOUCHED_COLUMNS = ["line", "crime_id", "crime_id_bytes", "month_date", "crime_index", "lon", "lat"]
LEARNED_KINDS = ("district", "force", "no_location")  # areas known only from data (see taxonomy.areas)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only (\d would take other scripts')


@dataclass
class MappedChunk:
    """Rows plus ``month_date``, ``force_index`` (the position of the row's 'Reported by' text in
    ``forces``), ``area_index`` (the position of the area it is counted in, in ``area_codes``) and
    ``crime_index`` (the position of its crime type in ``crime_types``) columns, and what was met.
    ``crime_id`` keeps only the IDs that are not 64 lower-case hex digits; ``crime_id_bytes`` holds the others.
    The force and area codes leave as ids, in ``texts`` (:data:`sql.CODE_COLUMNS`).  A vouched
    chunk keeps only :data:`VOUCHED_COLUMNS` (with typed ``lon`` and ``lat``)."""

    table: pa.Table
    forces: dict[str, Area]  # 'Reported by' text -> force, in force_index order
    areas: list[Area]  # every area a row of the chunk is counted in
    crime_types: list[str]
    area_codes: list[str]  # in area_index order
    counts: pa.Table | None = None  # rows per force, area, crime type and month, if vouched for
    texts: dict[str, TextColumn] = field(default_factory=dict)  # each of sql.TEXT_COLUMNS and sql.CODE_COLUMNS

    @property
    def vouched(self) -> bool:
        """No row of the chunk can be refused: it has typed ``lon``/``lat`` and its ``counts``."""
        return self.counts is not None


@dataclass
class TextColumn:
    """A published text column as ids into ``street_texts``: its distinct values, each row's
    position among them, and each value's id where the store held it when the chunk was mapped
    (None: the store gives it one).  ``row_ids`` is each row's id, once every value has one."""

    values: list[str]
    positions: pa.Array
    ids: list[int | None]
    row_ids: pa.Array | None = None

    @classmethod
    def of(cls, values: list[str], positions: pa.Array, texts: Mapping[str, int]) -> TextColumn:
        ids = [texts.get(value) for value in values]
        column = cls(values, positions, ids)
        if None not in ids:
            column.row_ids = pc.take(pa.array(ids, pa.int32()), positions)
        return column


def mapped_chunks(batches: Iterator[pa.RecordBatch], texts: Mapping[str, int] = MappingProxyType({})) -> Iterator[MappedChunk]:
    """Group batches into chunks of about CHUNK_ROWS rows (bounded memory) and map each.

    ``texts`` is what the store's ``street_texts`` holds (text -> id), read as it changes: this
    runs ahead of the store on the worker thread, and any text not in it yet gets its id from
    the store (see street/writer.py), so a stale view costs a lookup, never a wrong id."""
    pending: list[pa.RecordBatch] = []
    size = 0
    for batch in batches:
        pending.append(batch)
        size += batch.num_rows
        if size >= CHUNK_ROWS:
            yield map_chunk(pa.Table.from_batches(pending), texts)
            pending, size = [], 0
    if pending:
        yield map_chunk(pa.Table.from_batches(pending), texts)


def map_chunk(table: pa.Table, texts: Mapping[str, int] = MappingProxyType({})) -> MappedChunk:
    # One contiguous array per column, once: the encodes below then copy nothing, and the chunk
    # leaves in whole row groups (see the end).
    table = table.combine_chunks()
    months, month_index = _encode(table["month"])
    month_dates = _spread(month_index, [parse_month(m) for m in months], pa.date32())
    names, force_index = _encode(table["reported_by"])
    forces = [force_area(name) for name in names]
    lsoa_names, lsoa_index = _encode(table["lsoa_name"])
    lsoas = [lsoa_area(name) for name in lsoa_names]
    # Each row's area as a position among the chunk's distinct area codes, worked out per distinct
    # LSOA and force (integers: no hashing of a text per row, here or in the counts).
    area_codes = list(dict.fromkeys([*(a.code for a in lsoas if a), *(no_location_area(a).code for a in forces)]))
    position = {code: i for i, code in enumerate(area_codes)}
    area_index = pc.coalesce(_spread(lsoa_index, [position[a.code] if a else None for a in lsoas], pa.int32()),
                             _spread(force_index, [position[no_location_area(a).code] for a in forces], pa.int32()))
    met_types, met_index = _encode(table["crime_type"])
    crime_types = sorted(met_types)  # categories the store has not seen get ids in this order
    crime_index = _spread(met_index, [crime_types.index(c) for c in met_types], pa.int32())
    for name, column in (("month_date", month_dates), ("force_index", force_index), ("area_index", area_index),
                         ("crime_index", crime_index)):
        table = table.append_column(name, column)
    encoded = {"reported_by": (names, force_index), "lsoa_name": (lsoa_names, lsoa_index),
               "crime_type": (met_types, met_index)}
    text_columns = {name: TextColumn.of(*(encoded.get(name) or _encode(table[name])), texts) for name in TEXT_COLUMNS}
    # The codes each row is counted under are stored as ids too (street/sql.py: CODE_COLUMNS).
    text_columns["force_code"] = TextColumn.of([a.code for a in forces], force_index, texts)
    text_columns["area_code"] = TextColumn.of(area_codes, area_index, texts)
    areas = {a.code: a for a in (*forces, *map(no_location_area, forces), *(a for a in lsoas if a))}
    # Crime IDs as their bytes where they are 64 hex digits, the others kept as text for the store
    # to give ids (street/crime_ids.py).  Here, on the worker: the store's thread is the slower side.
    kept, as_bytes = split_crime_ids(table["crime_id"])
    table = table.set_column(table.schema.get_field_index("crime_id"), "crime_id", kept).append_column(
        "crime_id_bytes", as_bytes)
    vouched = vouch(table)
    counts = None
    if vouched is not None:
        # The store copies a vouched chunk from its ids and typed coordinates (street/sql.py:
        # INCIDENTS_VOUCHED) and never reads its published texts again, so the chunk keeps only
        # what the store reads: a file waiting its turn holds less than half the memory (a synthetic
        # Met month of 63,000 rows: 24 -> 10 MB).
        table, counts = vouched.select(VOUCHED_COLUMNS), row_counts(vouched)
    # Whole row groups but the chunk's last (every column is one array, so the batches are cut
    # only every INSERT_BATCH_ROWS rows): the reader's batches end anywhere, and a short batch in
    # the middle became a short row group that DuckDB merged and wrote again at the commit, leaving
    # the first copy's blocks free in the file (a fifth of the store at 1 M rows, measured).
    table = pa.Table.from_batches(table.to_batches(max_chunksize=INSERT_BATCH_ROWS))
    return MappedChunk(table, dict(zip(names, forces, strict=True)), list(areas.values()), crime_types, area_codes,
                       counts, text_columns)


def _encode(column: pa.ChunkedArray) -> tuple[list, pa.Array]:
    """The column's distinct non-null values, and each row's position among them (null for null):
    one hashing pass, where distinct values and then a lookup took two."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    return encoded.dictionary.to_pylist(), encoded.indices


def _spread(index: pa.Array, values: list, kind: pa.DataType | None = None) -> pa.Array:
    """values[i] for every row at position i (null where the position is null)."""
    return pc.take(pa.array(values, kind or pa.string()), index)


def parse_month(text: str) -> date | None:
    """'2016-07' -> 2016-07-01; anything else (other spellings, month 13) -> None, so the row
    is refused: only the canonical form is stored, which keeps the original text recoverable."""
    match = _MONTH.fullmatch(text)
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:  # no year 0000
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
