"""Vouching for a whole chunk of street-level rows at once, on the worker thread.

The store's SQL (:data:`factbeat.store.street.sql.CHECKED`) is the authority on which rows are refused
and why.  Running it costs a CASE per row inside the insert, and a second pass to count what was
stored, so it runs only for chunks this module cannot vouch for.  Almost every chunk of a real
file is clean; for those the insert is a plain copy (see :mod:`factbeat.store.street.writer`) and the
counts come ready-made from here.

The vouching is deliberately *stricter* than the SQL, never looser: a chunk is vouched for only
if no row could be refused.  Coordinates must parse under pyarrow's strict cast (decimals and
exponents; no spaces or separators), which accepts a subset of what DuckDB's ``TRY_CAST`` does,
to the same double, and be finite and in range; so a vouched row is one the SQL would store,
with the same values.  A chunk with anything unusual goes the SQL way, where each refused row
gets its line and reason (tests/street/test_street_fast_paths.py holds the two ways equal).
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.acero  # noqa: F401 - what group_by runs on; else it is imported by the first file
import pyarrow.compute as pc

_COUNT_KEYS = ["force_index", "area_index", "crime_index", "month_date"]  # numbers hash faster than text


def vouch(table: pa.Table) -> pa.Table | None:
    """``table`` with typed ``lon`` and ``lat`` columns if every row passes every check, else None.

    ``table`` is a mapped chunk (see :func:`factbeat.store.street.mapping.map_chunk`): text columns plus
    ``month_date`` and the force, area and crime type positions.
    """
    if table.num_rows == 0:
        return None
    for column in ("month_date", "reported_by", "crime_type"):
        if table[column].null_count:
            return None
    longitude, latitude = table["longitude"], table["latitude"]
    if not pc.all(pc.equal(pc.is_null(longitude), pc.is_null(latitude))).as_py():
        return None
    try:
        lon = pc.cast(longitude, pa.float64())
        lat = pc.cast(latitude, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if not (_within(lon, 180.0) and _within(lat, 90.0)):
        return None
    return table.append_column("lon", lon).append_column("lat", lat)


def _within(values: pa.ChunkedArray, limit: float) -> bool:
    """Every non-null value is at most ``limit`` from zero (infinity and NaN are not)."""
    return bool(pc.all(pc.less_equal(pc.abs(values), limit)).as_py())


def row_counts(table: pa.Table) -> pa.Table:
    """Rows per ('Reported by' text, area, crime type, month) of a vouched chunk, texts and areas given by
    their positions (see :class:`factbeat.store.street.mapping.MappedChunk`).

    The store adds these up per force and category (:mod:`factbeat.store.street.tally`); it uses them
    only when every chunk of the file was vouched for, so they count exactly the rows stored.
    """
    return table.select(_COUNT_KEYS).group_by(_COUNT_KEYS, use_threads=False).aggregate([([], "count_all")])
