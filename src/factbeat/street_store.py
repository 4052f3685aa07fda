"""Storing one street-level file: check, quarantine, store, revise, count.

Runs inside the transaction :meth:`factbeat.store.Store.ingest_street` opens, so a failure or a
``kill -9`` at any point leaves the store as it was before the file.

Rows arrive as mapped chunks (see :mod:`factbeat.street_map`: at most ``CHUNK_ROWS`` rows, with
their month, force and area already worked out), which DuckDB reads in place: memory is bounded
by the chunk, not the file.  Each chunk is checked in SQL; valid rows go to ``street_incidents``
and the others to ``quarantine`` with their line and reason (that second pass runs only when a
chunk has invalid rows).  The file is refused outright if ``rows read != rows stored + rows
refused``: that would be a bug, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from factbeat import street_sql as sql
from factbeat.errors import FactbeatError
from factbeat.sources.police_uk_street import StreetReader
from factbeat.street_map import MappedChunk, mapped_chunks
from factbeat.taxonomy.areas import Area, no_location_area

Progress = Callable[[int], None]


@dataclass
class StreetResult:
    """What the writer did, for the sources row and the ingest report."""

    rows_read: int = 0
    rows_stored: int = 0
    rows_refused: int = 0
    values_replaced: int = 0
    values_changed: int = 0
    replaced_files: list[str] = field(default_factory=list)
    observations: int = 0
    first_month: date | None = None
    last_month: date | None = None
    areas: dict[str, Area] = field(default_factory=dict)
    forces: dict[str, Area] = field(default_factory=dict)
    note: str = ""


class StreetWriter:
    """Writes one file's rows through an open connection; the caller owns the transaction."""

    def __init__(self, con, category_ids: Callable[[str, list[str]], dict[str, int]]) -> None:
        self.con = con
        self.category_ids = category_ids

    def write(self, reader: StreetReader, source_id: int, file_name: str,
              progress: Progress | None = None) -> StreetResult:
        result = StreetResult()
        try:
            self._store_rows(reader, source_id, file_name, result, progress)
            result.rows_read, result.note = reader.rows_read, reader.note
            result.rows_refused += self._quarantine_malformed(reader, source_id, file_name)
            if result.rows_read != result.rows_stored + result.rows_refused:
                raise FactbeatError(f"{file_name}: {result.rows_read} rows read but {result.rows_stored} stored and "
                                    f"{result.rows_refused} refused; nothing was stored (please report this)")
            self._register_forces(result.forces)
            self._revise_and_count(source_id, result)
        finally:
            self._release()
        return result

    def _store_rows(self, reader: StreetReader, source_id: int, file_name: str,
                    result: StreetResult, progress: Progress | None) -> None:
        """Store every chunk; if the reader must start again, forget what this file stored."""

        def restart() -> None:
            self.con.execute("DELETE FROM street_incidents WHERE source_id = ?", [source_id])
            self.con.execute("DELETE FROM quarantine WHERE source_id = ?", [source_id])
            if progress:
                progress(-(result.rows_stored + result.rows_refused))
            result.rows_stored = result.rows_refused = 0

        for chunk in reader.items(restart, mapped_chunks):
            self._register_chunk(chunk, result)
            stored = self.con.execute(sql.INCIDENTS, [source_id]).fetchall()[0][0]
            result.rows_stored += stored
            if stored < chunk.table.num_rows:
                result.rows_refused += self.con.execute(sql.QUARANTINE, [source_id, file_name]).fetchall()[0][0]
            if progress:
                progress(chunk.table.num_rows)

    def _quarantine_malformed(self, reader: StreetReader, source_id: int, file_name: str) -> int:
        """Rows the reader could not split into the 12 columns (found only when reading line by line)."""
        if reader.refused:
            rows = [(source_id, file_name, r.line, r.reason, r.raw) for r in reader.refused]
            self.con.executemany("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?)", rows)
        return len(reader.refused)

    def _register_chunk(self, chunk: MappedChunk, result: StreetResult) -> None:
        """Add category ids (the one map that needs the store) and expose the chunk to SQL."""
        ids = self.category_ids(sql.SCHEME, chunk.crime_types)
        index = pc.index_in(chunk.table["crime_type"], value_set=pa.array(chunk.crime_types, pa.string()))
        category = pc.take(pa.array([ids[c] for c in chunk.crime_types], pa.int32()), index)
        self.con.register("street_chunk", chunk.table.append_column("category_id", category))
        result.forces.update(chunk.forces)
        result.areas.update((a.code, a) for a in chunk.areas)

    def _register_forces(self, forces: dict[str, Area]) -> None:
        self.con.register("street_force_map", pa.table({
            "reported_by": pa.array(list(forces), pa.string()),
            "force_code": pa.array([a.code for a in forces.values()], pa.string()),
            "no_location_code": pa.array([no_location_area(a).code for a in forces.values()], pa.string()),
        }))

    def _revise_and_count(self, source_id: int, result: StreetResult) -> None:
        """Replace force-months held by older files (keeping them as history), then count."""
        con = self.con
        con.execute(sql.COUNTED, [source_id])
        if con.execute(sql.REPLACED).fetchall()[0][0]:
            result.values_replaced = con.execute(sql.COUNT_REPLACED).fetchall()[0][0]
            result.values_changed = con.execute(sql.CHANGED).fetchall()[0][0]
            result.replaced_files = [r[0] for r in con.execute(sql.REPLACED_FILES).fetchall()]
            con.execute(sql.ARCHIVE_REPLACED, [source_id])
            con.execute(sql.DELETE_REPLACED)
            con.execute(sql.MARK_REPLACED, [source_id])
            months = [row[0] for row in con.execute(sql.ADD_MONTHS, [source_id]).fetchall()]
            con.execute(sql.OBSERVE_REMAINDER)
        else:
            months = [row[0] for row in con.execute(sql.ADD_MONTHS, [source_id]).fetchall()]
        result.observations = con.execute(sql.OBSERVE_NEW, [source_id, source_id]).fetchall()[0][0]
        con.execute(sql.AREA_FORCES)
        result.first_month, result.last_month = (min(months), max(months)) if months else (None, None)

    def _release(self) -> None:
        """Let go of the chunk's memory.  The small temporary tables and the view stay for the
        next file (each is re-created on use); after a failure the caller's ROLLBACK drops them."""
        try:
            self.con.unregister("street_chunk")
        except Exception:  # the transaction is aborted; the original error is on its way
            return
