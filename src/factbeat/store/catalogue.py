"""The DuckDB catalogue: every ingested file, every observation, and what each one replaced.

Design rules (see docs/store.md):

* **Provenance** - every observation keeps the source file id and the line it came from.
* **Idempotent** - a file whose SHA-256 is already stored is skipped.
* **Revisions** - a file covering months already stored for its category scheme replaces those
  months; the replaced values move to ``observations_history`` and stay queryable.
* **Atomic** - each ingest command is one transaction (:meth:`Store.command_transaction`; a file
  ingested on its own is one too); any failure rolls the store back to where it was.
* **Schemes never mix** - observations carry their scheme; categories are per scheme.

Street-level files (data.police.uk) keep every row in ``street_rows`` (read through the
``street_incidents`` view) and revise per
(force, month) rather than per month, because many forces share one scheme; see
:mod:`factbeat.store.street`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factbeat.errors import FactbeatError
from factbeat.store.categories import street_category_ids
from factbeat.store.connection import DB_ALIAS, INGEST_MEMORY, connect, default_db_path
from factbeat.store.engine import engine, python_api
from factbeat.store.report import IngestReport
from factbeat.store.schema import TABLE_NAMES, TABLES_KEY, create_or_upgrade
from factbeat.store.street.sql import SCHEME as STREET_SCHEME
from factbeat.store.summary import (
    AREAS_FROM_OBSERVATIONS,
    AREAS_FROM_SUMMARY,
    MONTHS_FROM_OBSERVATIONS,
    MONTHS_FROM_SUMMARY,
    SCHEME_AREAS_FROM_OBSERVATIONS,
    SCHEME_AREAS_FROM_SUMMARY,
    VERSION,
    VERSION_KEY,
    refresh_summary,
    touched_schemes,
)
from factbeat.store.ward_sums import read_ward_sums, refresh_ward_sums, sums_current

if TYPE_CHECKING:
    import pyarrow as pa

    from factbeat.sources.archive import InputFile
    from factbeat.sources.formats import SourceFormat
    from factbeat.sources.police_uk_street import Fingerprint, StreetReader
    from factbeat.sources.table import SourceTable
    from factbeat.store.street.state import StreetState
    from factbeat.store.street.writer import Progress


# Which source holds these bytes?  Asked, on the writer's own connection, only for a street file
# whose SHA-256 the store's street state knows (see store/street/state.py).
_STORED_AS = "SELECT source_id, format, scheme, file_name FROM sources WHERE sha256 = ?"
# DuckDB threads while an ingest writes (see Store.one_writer_thread); the checkpoint after it has all.
INGEST_THREADS = 1



class Store:
    """One DuckDB file holding the catalogue.  Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False,
                 threads: int | None = None) -> None:
        """``threads``: DuckDB's worker threads (default: one per core; see :func:`connect`)."""
        self.path = Path(path) if path else default_db_path()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise FactbeatError(f"no factbeat store at {self.path}; run 'factbeat ingest' or 'factbeat download' first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.path, read_only, threads=threads)
        self._cursors: dict[int, engine.DuckDBPyConnection] = {}
        self._cursor_lock = threading.Lock()
        self._in_command = False  # inside command_transaction: files share its transaction
        self._summary_due: set[str] = set()  # schemes written whose summary is not refreshed yet
        if not read_only:
            create_or_upgrade(self.con)
            self._sweep_temp_folder()
        self.generation = 0  # bumped on every change, so caches know when to forget
        self._table_names: tuple[int, frozenset[str]] | None = None  # (generation, names): has_table
        self._probed: tuple[int, dict[str, bool]] = (-1, {})  # (generation, name -> found): _probe_table
        self._meta: tuple[int, dict[str, str]] | None = None  # (generation, the meta table): meta()
        self._summary_present: bool | None = None  # read-only stores: has store/summary.py's tables
        self._street_state: StreetState | None = None  # read on the first street file (street/state.py)
        self._block_pool = False  # see bounded_memory
        self._unordered = False  # preserve_insertion_order is off (see _keep_insertion_order)
        self.learned_codes: set[str] = set()  # areas learned from street files, in street_areas
        self._learn_stored_areas()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for cursor in list(self._cursors.values()):
            cursor.close()
        self._cursors.clear()
        self.con.close()

    # -- reading -----------------------------------------------------------------------------
    def _cursor(self) -> engine.DuckDBPyConnection:
        """This thread's own cursor, opened once: a figure runs several small queries, and a new
        cursor (which starts in the host database, hence USE) costs as much as a query."""
        key = threading.get_ident()
        cursor = self._cursors.get(key)
        if cursor is None:
            cursor = self.con.cursor()
            cursor.execute(f"USE {DB_ALIAS}")
            with self._cursor_lock:
                self._cursors[key] = cursor
        return cursor

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        """Run one parameterised query on this thread's cursor (safe across threads)."""
        return self._cursor().execute(sql, params or []).fetchall()

    def query_arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        """Run one parameterised query and return its result as an Arrow table (no Python rows)."""
        python_api()  # relations (``sql``) are the package's Python layer, not the engine's
        return self._cursor().sql(sql, params=params or []).to_arrow_table()

    def query_dicts(self, sql: str, params: list[Any] | None = None) -> list[dict]:
        cursor = self._cursor()
        cursor.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def source_by_sha(self, sha256: str) -> dict | None:
        rows = self.query_dicts("SELECT * FROM sources WHERE sha256 = ?", [sha256])
        return rows[0] if rows else None

    def stored_as(self, sha256: str) -> dict | None:
        """:meth:`source_by_sha` asked on the writer's own connection, so it also sees files stored
        earlier in the same ingest command (not committed yet); call it from the writing thread."""
        cursor = self.con.execute("SELECT * FROM sources WHERE sha256 = ?", [sha256])
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        return dict(zip(names, rows[0], strict=True)) if rows else None

    # -- temporary copies --------------------------------------------------------------------
    @property
    def temp_folder(self) -> Path:
        """Where ingest decompresses ``.gz`` files and zip entries: beside the store, and swept
        each time the store opens for writing (a ``kill -9`` mid-ingest leaves its copy here)."""
        return self.path.with_name(self.path.name + ".ingest-tmp")

    def _sweep_temp_folder(self) -> None:
        """Remove copies a killed ingest left behind.  Safe: only the process holding the write
        lock (this one, now) ever writes there."""
        if self.temp_folder.is_dir():
            import shutil

            shutil.rmtree(self.temp_folder, ignore_errors=True)

    def sources(self) -> list[dict]:
        return self.query_dicts("SELECT * FROM sources ORDER BY source_id")

    def meta(self) -> dict[str, str]:
        """The ``meta`` table (versions, the schema's tables), read once per generation."""
        meta = self._meta
        if meta is None or meta[0] != self.generation:
            try:
                rows = self.query("SELECT key, value FROM meta")
            except engine.CatalogException:  # a store older than the meta table
                rows = []
            meta = self._meta = (self.generation, dict(rows))
        return meta[1]

    def has_table(self, name: str) -> bool:
        """True if the store has this table or view (a read-only store may predate it).  Those the
        store had when last opened for writing are listed in ``meta`` (schema.TABLES_KEY); others
        are asked once per generation: DuckDB's catalogue functions cost several milliseconds."""
        listed = self.meta().get(TABLES_KEY)
        if listed is not None and name in listed.split(","):
            return True
        tables = self._table_names
        if listed is None and self.read_only and (tables is None or tables[0] != self.generation):
            found = self._probe_table(name)
            if found is not None:
                return found
            tables = self._table_names
        if tables is None or tables[0] != self.generation:
            tables = self._table_names = (self.generation, frozenset(r[0] for r in self.query(TABLE_NAMES)))
        return name in tables[1]

    def _probe_table(self, name: str) -> bool | None:
        """A read-only store written before the table list was kept in ``meta``: True if the store
        has ``name``, found by binding a query on it (under a millisecond, against 6-7 ms for
        DuckDB's catalogue functions), else None to ask the catalogue.  A name the store lacks
        makes DuckDB's binder look for names like it (about 13 ms), so after one miss the rest of
        the generation asks the catalogue, once, as before.  Tables are never dropped, so a name
        found stays found; the answer is kept for the generation."""
        probed = self._probed
        if probed[0] != self.generation:
            probed = self._probed = (self.generation, {})
        if name in probed[1]:
            return probed[1][name]
        if False in probed[1].values():
            return None
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            self.query(f"SELECT 1 FROM {DB_ALIAS}.main.{quoted} LIMIT 0")
        except engine.CatalogException:
            probed[1][name] = False
            return None
        probed[1][name] = True
        return True

    def scheme_months(self) -> list[tuple[str, date]]:
        """(scheme, month) for every month a scheme holds, from the summary (store/summary.py)."""
        return self.query(MONTHS_FROM_SUMMARY if self._has_summary() else MONTHS_FROM_OBSERVATIONS)

    def scheme_areas(self) -> list[tuple[str, str]]:
        """(scheme, area code) for every area a scheme holds, from the summary (store/summary.py)."""
        return self.query(AREAS_FROM_SUMMARY if self._has_summary() else AREAS_FROM_OBSERVATIONS)

    def areas_of_scheme(self, scheme: str) -> list[str]:
        """The area codes one scheme holds, from the summary (store/summary.py)."""
        sql = SCHEME_AREAS_FROM_SUMMARY if self._has_summary() else SCHEME_AREAS_FROM_OBSERVATIONS
        return [row[0] for row in self.query(sql, [scheme])]

    def areas_of_schemes(self, schemes: list[str]) -> dict[str, list[str]]:
        """:meth:`areas_of_scheme` of several schemes, in one query when the store has its summary."""
        if not self._has_summary() or len(schemes) < 2:
            return {scheme: self.areas_of_scheme(scheme) for scheme in schemes}
        out: dict[str, list[str]] = {scheme: [] for scheme in schemes}
        marks = ", ".join("?" * len(schemes))
        for scheme, code in self.query(f"SELECT scheme, area_code FROM scheme_areas WHERE scheme IN ({marks})", schemes):
            out[scheme].append(code)
        return out

    def _has_summary(self) -> bool:
        if not self.read_only:
            return True  # written when the store was opened (schema.create_or_upgrade)
        if self._summary_present is None:  # a read-only store cannot gain one while open
            self._summary_present = self.meta().get(VERSION_KEY) == VERSION and self.has_table("scheme_months")
        return self._summary_present

    def ward_sums(self, ward: str, category_ids: list[int], parent_codes: list[str], start: date,
                  end: date) -> list[tuple]:
        """(borough code, category id, month, sum) of a ward scheme's rows per borough, category and
        month from ``start`` to ``end`` (stats/capped.py), from ``ward_sums`` (store/ward_sums.py)
        or, in a read-only store written before it, from the observations."""
        # A store opened for writing has them (schema.create_or_upgrade); a read-only one may predate
        # them, or an older factbeat may have written rows since without summing them.
        from_table = not self.read_only or sums_current(self.meta())
        if not from_table and not self.has_table("small_areas"):
            return []
        return read_ward_sums(self.query, from_table, ward, category_ids, parent_codes, start, end)

    def _learn_stored_areas(self) -> None:
        """Register the districts and forces earlier street files taught this store."""
        if not self.has_table("street_areas"):
            return
        from factbeat.taxonomy.areas import Area, learn_areas

        rows = self.query("SELECT area_code, name, kind, aliases FROM street_areas")
        learn_areas(
            Area(code, name, kind, tuple(aliases or ())) for code, name, kind, aliases in rows
        )
        self.learned_codes = {row[0] for row in rows}

    def categories(self) -> list[tuple[int, str, str, str]]:
        """(category_id, scheme, major, minor) for every stored category."""
        return self.query("SELECT category_id, scheme, major, minor FROM categories ORDER BY category_id")

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def command_transaction(self) -> Iterator[None]:
        """One transaction around a whole ingest command: every file is stored, or none is.

        Inside it, :meth:`ingest` and :meth:`ingest_street` write into this transaction instead
        of opening their own.  After a failure the street state (which each file updated, for
        the next) and the areas learned are read again from the store as it is.
        """
        self.con.execute("BEGIN TRANSACTION")
        self._in_command = True
        self._summary_due = set()
        try:
            yield
            self._in_command = False
            self._keep_insertion_order(True)
            self._refresh_summary()  # once for the command's files, in its transaction
            self.con.execute("COMMIT")
        except BaseException:
            self._in_command = False
            with suppress(engine.Error):
                self.con.execute("ROLLBACK")
            self._unordered = True  # whatever the failure left, set it back
            self._keep_insertion_order(True)
            self._street_state = None
            self.learned_codes = set()
            with suppress(engine.Error):
                self._learn_stored_areas()
            raise
        finally:
            self.generation += 1

    @contextmanager
    def _file_transaction(self) -> Iterator[None]:
        """One file's transaction, unless the file is part of a command's (see above)."""
        if self._in_command:
            yield
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _keep_insertion_order(self, keep: bool) -> None:
        """DuckDB's ``preserve_insertion_order``, off only while street rows are written.  Inside
        an ingest command it stays off from one street file to the next (two statements a file,
        2-3 ms), and comes back before any other write and at the command's end."""
        if keep == (not self._unordered):
            return
        if keep:
            with suppress(engine.Error):  # an aborted command transaction refuses SET until rolled back
                self.con.execute("RESET preserve_insertion_order")
        else:
            self.con.execute("SET preserve_insertion_order = false")
        self._unordered = not keep

    def _refresh_summary(self) -> None:
        """Bring the per-scheme summary (store/summary.py) up to date with the schemes written
        since, in the open transaction; inside a command, once at its end."""
        if self._in_command or not self._summary_due:
            return
        refresh_summary(self.con, self._summary_due)
        refresh_ward_sums(self.con, self._summary_due)
        self._summary_due = set()

    def ingest(self, source: SourceTable, sha256: str, *, url: str | None = None) -> IngestReport:
        """Store one file's rows in a single transaction (see the module docstring)."""
        from factbeat.store.borough import store_table  # pyarrow: loaded only by ingests

        return self.ingest_with(store_table, source, sha256, url=url)

    def ingest_with(self, writer: Callable[..., IngestReport], source, sha256: str, *,
                    url: str | None = None) -> IngestReport:
        """Run ``writer(con, source, sha256, url)`` in the file's transaction, unless these bytes are stored.

        The writer knows one kind of file (borough tables: store/borough.py; London series:
        store/series.py); idempotence, atomicity (inside a command's transaction when one is
        open, see :meth:`command_transaction`) and the generation count are the same for all.
        """
        existing = self.stored_as(sha256)
        if existing:
            return IngestReport(
                file=str(source.path), status="unchanged", format=existing["format"], scheme=existing["scheme"],
                source_id=existing["source_id"], note=f"already stored as source {existing['source_id']} ({existing['file_name']})",
            )
        self._keep_insertion_order(True)
        with self._file_transaction():
            report = writer(self.con, source, sha256, url)
            self._summary_due.update(touched_schemes(self.con, report.source_id))
            self._refresh_summary()
        self.generation += 1
        return report

    def street_category_ids(self, scheme: str, crime_types: list[str]) -> dict[str, int]:
        """Ids of street crime types (major categories with an empty minor), created as needed."""
        return street_category_ids(self.con, scheme, crime_types)

    # -- street-level files ------------------------------------------------------------------
    @contextmanager
    def bounded_memory(self) -> Iterator[None]:
        """Run an ingest under :data:`INGEST_MEMORY`, checkpoint, then give DuckDB its default back
        (the block pool, which DuckDB cannot shrink, stays until the store closes).

        The checkpoint writes what the ingest left in the WAL (each file's last, partial row
        groups) into the store file.  Closing the store would do it anyway, but under the memory
        limit it takes well under half the time (10 M rows: 0.4 s instead of 0.9 s, measured).
        """
        if not self._block_pool:
            self.con.execute(f"SET block_allocator_memory = '{INGEST_MEMORY}'")
            self._block_pool = True
        self.con.execute(f"SET memory_limit = '{INGEST_MEMORY}'")
        try:
            yield
            with suppress(engine.Error):  # e.g. another connection is writing: closing will do it
                self.con.execute("CHECKPOINT")
        finally:
            self.con.execute("RESET memory_limit")

    @contextmanager
    def one_writer_thread(self) -> Iterator[None]:
        """Run an ingest on :data:`INGEST_THREADS` DuckDB thread, then give back the one set before.

        The worker thread preparing the next files (sources/prepare.py) needs a core to itself:
        with DuckDB's default of a thread per core, its inserts and the worker took turns on both
        cores, and the worker, the slower side, waited.  One DuckDB thread leaves the two sides a
        core each; it also costs less CPU, fewer row groups are left part-filled by parallel
        appends (1 M rows: a store of 55 MB, not 57-59) and peak memory is lower (398-447 MB, not
        454-491), measured in benchmarks/README.md (session 9).
        """
        threads = self.con.execute("SELECT current_setting('threads')").fetchall()[0][0]
        self.con.execute(f"SET threads = {INGEST_THREADS}")
        try:
            yield
        finally:
            self.con.execute(f"SET threads = {threads}")

    @property
    def street_state(self) -> StreetState:
        """What street ingest needs to know of the store, read once (see store/street/state.py)."""
        if self._street_state is None:
            from factbeat.store.street.state import StreetState

            self._street_state = StreetState.load(self.con)
        return self._street_state

    def ingest_street(self, item: InputFile, reader: StreetReader, fp: Fingerprint, fmt: SourceFormat, *,
                      url: str | None = None, progress: Progress | None = None,
                      accept_new_categories: bool = False, accept_shrink: bool = False) -> IngestReport:
        """Store one street-level CSV in one transaction (see :mod:`factbeat.store.street.ingest`)."""
        from factbeat.store.street.ingest import store_street_file
        from factbeat.taxonomy.areas import learn_areas

        state = self.street_state
        existing = self.con.execute(_STORED_AS, [fp.sha256]).fetchall() if fp.sha256 in state.shas else []
        if existing:
            source_id, fmt_name, scheme, file_name = existing[0]
            return IngestReport(file=item.display, status="unchanged", format=fmt_name, scheme=scheme,
                                source_id=source_id, note=f"already stored as source {source_id} ({file_name})")
        # Rows carry their line, so DuckDB may write them in any order: each row group as it fills.
        self._keep_insertion_order(False)
        try:
            with self._file_transaction():
                report, areas, change = store_street_file(
                    self.con, state, self.street_category_ids, self.learned_codes, item, reader, fp, fmt, url,
                    progress, accept_new_categories=accept_new_categories, accept_shrink=accept_shrink)
                self._summary_due.add(STREET_SCHEME)
                self._refresh_summary()
        finally:
            if not self._in_command:  # in a command: until its next other write, or its end
                self._keep_insertion_order(True)
        state.apply(change)
        learn_areas(areas)
        self.learned_codes.update(a.code for a in areas)
        self.generation += 1
        return report
