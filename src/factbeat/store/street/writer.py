"""Storing one street-level file: check, quarantine, store, revise, count.

Runs inside the transaction :meth:`factbeat.store.Store.ingest_street` opens, so a failure or a
``kill -9`` at any point leaves the store as it was before the file.

Rows arrive as mapped chunks (see :mod:`factbeat.store.street.mapping`: at most ``CHUNK_ROWS`` rows, with
their month, force and area already worked out, in record batches of one row group each), which
DuckDB reads in place: memory is bounded by the chunk, not the file.  Rows may land in any order
(``preserve_insertion_order`` is off while the store ingests), which lets DuckDB compress and
write each row group as it fills; each row carries its own line, so nothing depends on order.
DuckDB has one thread while an ingest writes (``Store.one_writer_thread``): the worker preparing
the next files has the other core.

Each text column's values are swapped for their ids in ``street_texts`` (texts met for the first
time are added to it, in the same transaction).  A chunk the worker thread vouched for (no row
can be refused, see :mod:`factbeat.store.street.checks`) is copied as it is.  Any other chunk is
checked row by row in SQL: valid rows go to ``street_rows`` and the others to ``quarantine``
with their line and reason.  The file is refused outright if ``rows read != rows stored + rows
refused``: that would be a bug, and nothing is stored.

Then the bookkeeping.  A file whose chunks were all vouched for and whose force-months no other
file holds (the usual case) is counted from the chunks' own counts (:mod:`factbeat.store.street.tally`)
and needs three small inserts.  Otherwise the counting and the revision of older files run in
SQL (:mod:`factbeat.store.street.sql`), from the rows just stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import pyarrow as pa
import pyarrow.compute as pc

from factbeat.errors import FactbeatError, InputFileError, ShrinkError
from factbeat.sources.categories import control_character, is_known, unknown_message
from factbeat.sources.police_uk_street import StreetReader
from factbeat.store.street import sql
from factbeat.store.street.mapping import MappedChunk, mapped_chunks
from factbeat.store.street.state import StateChange, StreetState
from factbeat.store.street.tally import Tally, pairs_table
from factbeat.taxonomy.areas import Area, no_location_area
from factbeat.taxonomy.text import name_key

Progress = Callable[[int], None]
# A revision may drop at most this share of a force-month's rows without --accept-shrink.
# Published revisions move a force-month by a few rows in a thousand; a file cut at a line
# break (which no other check can see) or a partial extract drops far more.
MAX_SHRINK = 0.10


@dataclass
class StreetResult:
    """What the writer did, for the sources row, the ingest report and the store's state."""

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
    counts: list[pa.Table] | None = field(default_factory=list)  # None once a chunk was not vouched for
    change: StateChange = field(default_factory=StateChange)


class StreetWriter:
    """Writes one file's rows through an open connection; the caller owns the transaction.

    Refuses the whole file (nothing of it stored) if it has no row to store, names a crime type
    data.police.uk does not publish (unless ``accept_new_categories``) or holds a control
    character in one, or would replace a force-month with :data:`MAX_SHRINK` fewer rows or more
    (unless ``accept_shrink``).
    """

    def __init__(self, con, category_ids: Callable[[str, list[str]], dict[str, int]], state: StreetState, *,
                 accept_new_categories: bool = False, accept_shrink: bool = False) -> None:
        self.con = con
        self.category_ids = category_ids
        self.state = state
        self.accept_new_categories = accept_new_categories
        self.accept_shrink = accept_shrink
        self.shown = ""
        self._chunk: pa.Table | None = None  # the chunk being stored (see _on_chunk)

    def write(self, reader: StreetReader, source_id: int, file_name: str,
              progress: Progress | None = None) -> StreetResult:
        result = StreetResult()
        self.shown = reader.print_name or file_name
        try:
            self._store_rows(reader, source_id, file_name, result, progress)
            result.rows_read, result.note = reader.rows_read, reader.note
            result.rows_refused += self._quarantine_malformed(reader, source_id, file_name)
            if result.rows_read != result.rows_stored + result.rows_refused:
                raise FactbeatError(f"{file_name}: {result.rows_read} rows read but {result.rows_stored} stored and "
                                    f"{result.rows_refused} refused; nothing was stored (please report this)")
            if not result.rows_stored:
                raise InputFileError(self.shown, self._nothing_to_store(result, source_id))
            self._revise_and_count(source_id, result)
        finally:
            self._release()
        return result

    def _store_rows(self, reader: StreetReader, source_id: int, file_name: str,
                    result: StreetResult, progress: Progress | None) -> None:
        """Store every chunk; if the reader must start again, forget what this file stored."""

        def restart() -> None:
            self.con.execute("DELETE FROM street_rows WHERE source_id = ?", [source_id])
            self.con.execute("DELETE FROM quarantine WHERE source_id = ?", [source_id])
            if progress:
                progress(-(result.rows_stored + result.rows_refused))
            result.rows_stored = result.rows_refused = 0
            result.counts = []

        for chunk in reader.items(restart, partial(mapped_chunks, texts=self.state.texts)):
            ids = self._register_chunk(chunk, result)
            if chunk.vouched:
                result.rows_stored += self._on_chunk(sql.INCIDENTS_VOUCHED, [source_id])
                if result.counts is not None:
                    result.counts.append(_named_counts(chunk, ids))
            else:
                result.counts = None
                stored = self._on_chunk(sql.INCIDENTS, [source_id])
                result.rows_stored += stored
                if stored < chunk.table.num_rows:
                    result.rows_refused += self._on_chunk(sql.QUARANTINE, [source_id, file_name])
            if progress:
                progress(chunk.table.num_rows)

    def _nothing_to_store(self, result: StreetResult, source_id: int) -> str:
        """Why a file with no row to store is refused: no data is an error, never a zero."""
        if not result.rows_read:
            return "the file has a header but no data rows; nothing was stored"
        first = self.con.execute("SELECT line, reason FROM quarantine WHERE source_id = ? ORDER BY line LIMIT 3",
                                 [source_id]).fetchall()
        shown = "; ".join(f"line {line}: {reason}" for line, reason in first)
        return f"every one of its {result.rows_read:,} rows was refused ({shown}); nothing was stored"

    def _quarantine_malformed(self, reader: StreetReader, source_id: int, file_name: str) -> int:
        """Rows the reader could not split into the 12 columns (found only when reading line by line)."""
        if reader.refused:
            rows = [(source_id, file_name, r.line, r.reason, r.raw) for r in reader.refused]
            self.con.executemany("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?)", rows)
        return len(reader.refused)

    def _register_chunk(self, chunk: MappedChunk, result: StreetResult) -> dict[str, int]:
        """Add category and text ids (the maps that need the store) and expose the chunk to SQL."""
        ids = self._category_ids(chunk.crime_types, result.change.categories)
        category = pc.take(pa.array([ids[c] for c in chunk.crime_types], pa.int32()), chunk.table["crime_index"])
        table = chunk.table.append_column("category_id", category)
        # Crime IDs arrive split into bytes and the odd ones left as text (street/mapping.py).
        new_texts = result.change.texts
        already = len(new_texts)
        table = table.append_column("crime_id_text_id", self._text_ids(table["crime_id"], new_texts))
        for name, column in chunk.texts.items():
            row_ids = column.row_ids
            if row_ids is None:  # texts the store did not hold when the worker mapped the chunk
                text_ids = self.state.text_ids(column.values, column.ids, new_texts)
                row_ids = pc.take(pa.array(text_ids, pa.int32()), column.positions)
            table = table.append_column(f"{name}_id", row_ids)
        if len(new_texts) > already:
            added = list(new_texts.items())[already:]
            street_new_texts = pa.table({  # noqa: F841 - read by DuckDB's replacement scan (see _on_chunk)
                "text": pa.array([t for t, _i in added], pa.string()),
                "text_id": pa.array([i for _t, i in added], pa.int32())})
            self.con.execute(sql.ADD_TEXTS)
        self._chunk = table
        result.forces.update(chunk.forces)
        result.areas.update((a.code, a) for a in chunk.areas)
        return ids

    def _text_ids(self, column: pa.ChunkedArray, new_texts: dict[str, int]) -> pa.Array:
        """Each row's id in ``street_texts`` for a column the worker did not map (Crime IDs not
        kept as bytes: in published files, none)."""
        if column.null_count == len(column):
            return pa.nulls(len(column), pa.int32())
        encoded = pc.dictionary_encode(column.combine_chunks())
        values = encoded.dictionary.to_pylist()
        ids = self.state.text_ids(values, [None] * len(values), new_texts)
        return pc.take(pa.array(ids, pa.int32()), encoded.indices)

    def _category_ids(self, crime_types: list[str], new: dict[str, int]) -> dict[str, int]:
        """Ids from the store's state, asking the store (which may add categories) only for new names."""
        known = self.state.categories
        missing = [c for c in crime_types if c not in known and c not in new]
        if missing:
            self._refuse_unknown(missing)
            new.update(self.category_ids(sql.SCHEME, missing))
        return {c: known[c] if c in known else new[c] for c in crime_types}

    def _refuse_unknown(self, names: list[str]) -> None:
        """Refuse crime types with control characters, and (unless accepted) those that neither
        data.police.uk publishes (data/categories.yaml) nor the store already holds."""
        for name in names:
            if bad := control_character(name):
                raise InputFileError(self.shown, f"the crime type {name!r} holds the control character {bad}: "
                                     "a garbled cell; nothing was stored", field="Crime type")
        unknown = [n for n in names if not is_known(sql.SCHEME, n)]
        if not unknown or self.accept_new_categories:
            return
        stored = {key for (key,) in self.con.execute(
            "SELECT major_key FROM categories WHERE scheme = ? AND minor_key = ''", [sql.SCHEME]).fetchall()}
        unknown = [n for n in unknown if name_key(n) not in stored]
        if unknown:
            raise InputFileError(self.shown, unknown_message(sql.SCHEME, [repr(n) for n in unknown])
                                 + "; nothing was stored", field="Crime type")

    def _refuse_shrink(self) -> None:
        """Refuse a revision that drops more than :data:`MAX_SHRINK` of a force-month's rows."""
        if self.accept_shrink:
            return
        shrunk = self.con.execute(sql.SHRUNK, [1 - MAX_SHRINK]).fetchall()
        if not shrunk:
            return
        parts = [f"{name} {month:%B %Y} from {old:,} to {new:,} rows ({1 - new / old:.0%} fewer)"
                 for _code, name, month, old, new in shrunk[:3]]
        more = f" and {len(shrunk) - 3} more force-months" if len(shrunk) > 3 else ""
        raise ShrinkError(self.shown, "this file would revise " + "; ".join(parts) + more
                          + f", dropping more than {MAX_SHRINK:.0%} of the rows stored (a file cut short, or a "
                          "partial extract?); nothing was stored; if the revision is real, ingest again with "
                          "--accept-shrink")

    def _register_forces(self, forces: dict[str, Area]) -> None:
        self.con.register("street_force_map", pa.table({
            "reported_by": pa.array(list(forces), pa.string()),
            "force_code": pa.array([a.code for a in forces.values()], pa.string()),
            "no_location_code": pa.array([no_location_area(a).code for a in forces.values()], pa.string()),
        }))

    def _revise_and_count(self, source_id: int, result: StreetResult) -> None:
        """Replace force-months held by older files (keeping them as history), then count."""
        tally = Tally.of(result.counts) if result.counts else None
        if tally is not None and tally.force_months.isdisjoint(self.state.held):
            self._count_tally(source_id, tally, result)
        else:
            self._count_in_sql(source_id, tally, result)
        months = sorted(month for _force, month in result.change.held)
        result.first_month, result.last_month = (months[0], months[-1]) if months else (None, None)

    def _count_tally(self, source_id: int, tally: Tally, result: StreetResult) -> None:
        """Nothing to revise and the counts known: write the bookkeeping rows as they are."""
        con = self.con
        no_location = {a.code: no_location_area(a).code for a in result.forces.values()}
        # Inserted from local tables by DuckDB's replacement scan (see _on_chunk): a relation's
        # insert_into binds and runs through the Python relation layer, 3-6 ms a file.
        street_month_rows = tally.month_rows(source_id, no_location)  # noqa: F841
        con.execute(sql.ADD_MONTH_ROWS)
        street_observed = tally.observations(sql.SCHEME, source_id)
        con.execute(sql.ADD_OBSERVED)
        result.observations = street_observed.num_rows
        new_pairs = tally.area_forces - self.state.area_forces
        if new_pairs:  # rare: a district or force not met before
            street_new_pairs = pairs_table(new_pairs)  # noqa: F841
            result.change.area_forces = set(con.execute(sql.ADD_AREA_FORCES).fetchall())
        result.change.held = tally.force_months

    def _count_in_sql(self, source_id: int, tally: Tally | None, result: StreetResult) -> None:
        """Count in SQL (from the tally, or from the rows stored if a chunk had refusals), then
        replace the force-months older files hold, keeping their values as history."""
        con = self.con
        self._register_forces(result.forces)
        if tally is None:
            con.execute(sql.COUNTED, [source_id])
        else:
            con.register("street_tally", tally.counted())
            try:
                con.execute(sql.COUNTED_FROM_TALLY)
            finally:
                con.unregister("street_tally")
        if con.execute(sql.REPLACED).fetchall()[0][0]:
            self._refuse_shrink()
            result.values_replaced = con.execute(sql.COUNT_REPLACED).fetchall()[0][0]
            result.values_changed = con.execute(sql.CHANGED).fetchall()[0][0]
            result.replaced_files = [r[0] for r in con.execute(sql.REPLACED_FILES).fetchall()]
            con.execute(sql.ARCHIVE_REPLACED, [source_id])
            con.execute(sql.DELETE_REPLACED)
            con.execute(sql.MARK_REPLACED, [source_id])
            added = con.execute(sql.ADD_MONTHS, [source_id]).fetchall()
            con.execute(sql.OBSERVE_REMAINDER)
        else:
            added = con.execute(sql.ADD_MONTHS, [source_id]).fetchall()
        result.observations = con.execute(sql.OBSERVE_NEW, [source_id, source_id]).fetchall()[0][0]
        result.change.held = {(force, month) for force, month in added}
        result.change.area_forces = set(con.execute(sql.AREA_FORCES).fetchall())

    def _on_chunk(self, statement: str, params: list) -> int:
        """Run a statement over the current chunk, which it reads as ``street_chunk``.

        The chunk is found by DuckDB's replacement scan (a local variable of that name), not
        registered: a table registered inside a transaction stays referenced until the commit,
        even once unregistered, so an ingest command (one transaction) would hold every chunk of
        every file in memory, and peak memory would grow with the input's size (measured: 1.3 GB
        for a 435 MB file).  A replacement scan holds the chunk for the statement only.
        """
        street_chunk = self._chunk  # noqa: F841 - read by DuckDB through the statement's FROM
        return self.con.execute(statement, params).fetchall()[0][0]

    def _release(self) -> None:
        """Let go of the chunk's memory.  The small temporary tables stay for the next file (each
        is re-created on use); after a failure the caller's ROLLBACK drops them."""
        self._chunk = None


def _named_counts(chunk: MappedChunk, ids: dict[str, int]) -> pa.Table:
    """A vouched chunk's counts, positions replaced by force codes, 'Reported by' texts and category ids."""
    counts, names = chunk.counts, list(chunk.forces)
    force = counts["force_index"]
    return pa.table({
        "force_code": pc.take(pa.array([chunk.forces[n].code for n in names], pa.string()), force),
        "area_code": pc.take(pa.array(chunk.area_codes, pa.string()), counts["area_index"]),
        "category_id": pc.take(pa.array([ids[c] for c in chunk.crime_types], pa.int32()), counts["crime_index"]),
        "month_date": counts["month_date"],
        "reported_by": pc.take(pa.array(names, pa.string()), force),
        "count_all": counts["count_all"],
    })
