"""The DuckDB catalogue: every ingested file, every observation, and what each one replaced.

Design rules (see docs/store.md):

* **Provenance** - every observation keeps the source file id and the line it came from.
* **Idempotent** - a file whose SHA-256 is already stored is skipped.
* **Revisions** - a file covering months already stored for its category scheme replaces those
  months; the replaced values move to ``observations_history`` and stay queryable.
* **Atomic** - each file is one transaction; any failure rolls the store back to where it was.
* **Schemes never mix** - observations carry their scheme; categories are per scheme.

Street-level files (data.police.uk) keep every row in ``street_rows`` (read through the
``street_incidents`` view) and revise per
(force, month) rather than per month, because many forces share one scheme; see
:mod:`factbeat.street_store` and :mod:`factbeat.street_sql`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from factbeat import street_sql
from factbeat.errors import FactbeatError
from factbeat.sources.table import SourceTable
from factbeat.taxonomy.text import name_key

if TYPE_CHECKING:
    from factbeat.sources.archive import InputFile
    from factbeat.sources.formats import SourceFormat
    from factbeat.sources.police_uk_street import Fingerprint, StreetReader
    from factbeat.street_state import StreetState
    from factbeat.street_store import Progress

SCHEMA_VERSION = "2"  # 2: street texts as ids (street_upgrade.py)
# Row groups of 8,192 rows instead of DuckDB's 122,880.  A street file (one force-month, 20,000
# to 90,000 rows) then fills whole row groups but for the last, which DuckDB compresses and writes
# to the file in parallel before the commit, instead of logging the raw rows and compressing them
# again at the next checkpoint; one transaction per file then costs about what one bulk load of
# all files does (see benchmarks/README.md).  Commits are exactly as atomic: uncommitted blocks
# are never referenced.
ROW_GROUP_ROWS = 8_192
DB_ALIAS = "factbeat_store"
# DuckDB's buffer pool may grow to most of the machine's memory as the store grows; ingest works
# one chunk at a time and needs little of it, so it runs under this limit (10 M rows: 0.92 GB peak).
# Its blocks come from a pool of the same size that DuckDB allocates once and keeps until the
# store closes: without it, a full pool frees and faults in memory for every new block, and
# street ingest slows by a fifth once the store outgrows the limit (see benchmarks/README.md).
INGEST_MEMORY = os.environ.get("FACTBEAT_INGEST_MEMORY", "512MB")

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS source_id_seq START 1;
CREATE TABLE IF NOT EXISTS sources (
    source_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, path VARCHAR, sha256 VARCHAR NOT NULL UNIQUE,
    format VARCHAR NOT NULL, kind VARCHAR NOT NULL, scheme VARCHAR, publisher VARCHAR, licence VARCHAR,
    url VARCHAR, rows_read BIGINT, rows_stored BIGINT, rows_refused BIGINT, observations BIGINT,
    first_month DATE, last_month DATE, values_replaced BIGINT, values_changed BIGINT,
    ingested_at TIMESTAMP);
CREATE SEQUENCE IF NOT EXISTS category_id_seq START 1;
CREATE TABLE IF NOT EXISTS categories (
    category_id INTEGER PRIMARY KEY, scheme VARCHAR NOT NULL, major VARCHAR NOT NULL, minor VARCHAR NOT NULL,
    major_key VARCHAR NOT NULL, minor_key VARCHAR NOT NULL, UNIQUE (scheme, major_key, minor_key));
CREATE TABLE IF NOT EXISTS observations (
    scheme VARCHAR NOT NULL, area_code VARCHAR NOT NULL, category_id INTEGER NOT NULL, month DATE NOT NULL,
    count BIGINT NOT NULL, source_id INTEGER NOT NULL, line INTEGER);
CREATE TABLE IF NOT EXISTS observations_history (
    scheme VARCHAR, area_code VARCHAR, category_id INTEGER, month DATE, count BIGINT, source_id INTEGER,
    line INTEGER, replaced_by INTEGER, replaced_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS population (
    area_code VARCHAR NOT NULL, year INTEGER NOT NULL, population BIGINT NOT NULL, estimate_type VARCHAR NOT NULL,
    source_id INTEGER NOT NULL, line INTEGER);
CREATE TABLE IF NOT EXISTS population_history (
    area_code VARCHAR, year INTEGER, population BIGINT, estimate_type VARCHAR, source_id INTEGER, line INTEGER,
    replaced_by INTEGER, replaced_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS quarantine (
    source_id INTEGER, file_name VARCHAR, line BIGINT, reason VARCHAR, raw VARCHAR);
CREATE OR REPLACE VIEW population_best AS
    SELECT area_code, year, population, estimate_type, source_id FROM (
        SELECT p.*, ROW_NUMBER() OVER (
            PARTITION BY area_code, year
            ORDER BY CASE WHEN estimate_type LIKE 'ONS%' THEN 0 ELSE 1 END, source_id DESC) AS rn
        FROM population p) AS ranked
    WHERE rn = 1;
"""


# Which source holds these bytes?  Asked, on the writer's own connection, only for a street file
# whose SHA-256 the store's street state knows (see street_state.py).
_STORED_AS = "SELECT source_id, format, scheme, file_name FROM sources WHERE sha256 = ?"


def default_db_path() -> Path:
    """``$FACTBEAT_DB`` if set, else ``factbeat.duckdb`` in the user's data directory."""
    if env := os.environ.get("FACTBEAT_DB"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("factbeat", appauthor=False)) / "factbeat.duckdb"


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Attach the store file to an in-memory host, which is how DuckDB takes a row-group size."""
    con = duckdb.connect()
    options = f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}" + (", READ_ONLY" if read_only else "")
    quoted = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS {DB_ALIAS} ({options})")
    except BaseException:
        con.close()
        raise
    con.execute(f"USE {DB_ALIAS}")
    return con


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class IngestReport:
    """What one ingest did, for the CLI to print and tests to assert on."""

    file: str
    status: str  # "stored" or "unchanged"
    format: str = ""
    scheme: str | None = None
    rows_read: int = 0
    rows_stored: int = 0
    rows_refused: int = 0
    observations: int = 0
    first_month: str | None = None
    last_month: str | None = None
    values_replaced: int = 0
    values_changed: int = 0
    replaced_files: list[str] = field(default_factory=list)
    source_id: int | None = None
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


class Store:
    """One DuckDB file holding the catalogue.  Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path else default_db_path()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise FactbeatError(f"no factbeat store at {self.path}; run 'factbeat ingest' or 'factbeat download' first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = _connect(self.path, read_only)
        self._cursors: dict[int, duckdb.DuckDBPyConnection] = {}
        self._cursor_lock = threading.Lock()
        if not read_only:
            self.con.execute(_DDL)
            from factbeat.street_upgrade import needs_upgrade, upgrade

            if needs_upgrade(self.con):
                upgrade(self.con)
            self.con.execute(street_sql.DDL)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION]
            )
        self.generation = 0  # bumped on every change, so caches know when to forget
        self._street_state: StreetState | None = None  # read on the first street file (street_state.py)
        self._block_pool = False  # see bounded_memory
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
    def _cursor(self) -> duckdb.DuckDBPyConnection:
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
        return self._cursor().sql(sql, params=params or []).to_arrow_table()

    def query_dicts(self, sql: str, params: list[Any] | None = None) -> list[dict]:
        cursor = self._cursor()
        cursor.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def source_by_sha(self, sha256: str) -> dict | None:
        rows = self.query_dicts("SELECT * FROM sources WHERE sha256 = ?", [sha256])
        return rows[0] if rows else None

    def sources(self) -> list[dict]:
        return self.query_dicts("SELECT * FROM sources ORDER BY source_id")

    def has_table(self, name: str) -> bool:
        """True if the store has this table or view (a read-only store may predate it)."""
        return bool(
            self.query(
                "SELECT 1 FROM duckdb_tables() WHERE table_name = ? UNION ALL "
                "SELECT 1 FROM duckdb_views() WHERE view_name = ?",
                [name, name],
            )
        )

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
    def ingest(self, source: SourceTable, sha256: str, *, url: str | None = None) -> IngestReport:
        """Store one file's rows in a single transaction (see the module docstring)."""
        existing = self.source_by_sha(sha256)
        if existing:
            return IngestReport(
                file=str(source.path), status="unchanged", format=existing["format"], scheme=existing["scheme"],
                source_id=existing["source_id"], note=f"already stored as source {existing['source_id']} ({existing['file_name']})",
            )
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            report = self._ingest_in_transaction(source, sha256, url)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.generation += 1
        return report

    def _ingest_in_transaction(self, source: SourceTable, sha256: str, url: str | None) -> IngestReport:
        con = self.con
        source_id = con.execute("SELECT nextval('source_id_seq')").fetchone()[0]
        con.execute(
            "INSERT INTO sources (source_id, file_name, path, sha256, format, kind, scheme, publisher, licence, url, "
            "rows_read, rows_stored, rows_refused, observations, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [source_id, source.path.name, str(source.path.resolve()), sha256, source.format, source.kind, source.scheme,
             source.publisher, source.licence, url, source.rows_read, source.rows_read, 0, source.table.num_rows,
             datetime.now()],
        )
        report = IngestReport(
            file=str(source.path), status="stored", format=source.format, scheme=source.scheme,
            rows_read=source.rows_read, rows_stored=source.rows_read, observations=source.table.num_rows,
            source_id=source_id,
        )
        if source.kind == "crime":
            self._store_crime(source, source_id, report)
        else:
            self._store_population(source.table, source_id, report)
        con.execute(
            "UPDATE sources SET first_month = ?, last_month = ?, values_replaced = ?, values_changed = ? WHERE source_id = ?",
            [report.first_month, report.last_month, report.values_replaced, report.values_changed, source_id],
        )
        return report

    def _store_crime(self, source: SourceTable, source_id: int, report: IngestReport) -> None:
        con, scheme = self.con, source.scheme
        incoming = self._with_category_ids(source.table, scheme)
        con.register("incoming", incoming)
        try:
            first, last = con.execute("SELECT MIN(month), MAX(month) FROM incoming").fetchone()
            report.first_month, report.last_month = first.isoformat(), last.isoformat()
            con.execute("CREATE OR REPLACE TEMP TABLE new_months AS SELECT DISTINCT month FROM incoming")
            self._replace_crime_months(scheme, source_id, report)
            con.execute(
                "INSERT INTO observations SELECT ?, area_code, category_id, month, count, ?, line FROM incoming",
                [scheme, source_id],
            )
        finally:
            con.unregister("incoming")
            con.execute("DROP TABLE IF EXISTS new_months")

    def _replace_crime_months(self, scheme: str, source_id: int, report: IngestReport) -> None:
        con = self.con
        replaced = "FROM observations WHERE scheme = ? AND month IN (SELECT month FROM new_months)"
        report.values_replaced = con.execute(f"SELECT COUNT(*) {replaced}", [scheme]).fetchone()[0]
        if not report.values_replaced:
            return
        report.values_changed = con.execute(
            "SELECT COUNT(*) FROM (SELECT area_code, category_id, month, count FROM observations "
            "WHERE scheme = ? AND month IN (SELECT month FROM new_months)) AS o "
            "FULL OUTER JOIN (SELECT * FROM incoming WHERE month IN (SELECT DISTINCT month FROM observations "
            "WHERE scheme = ?)) AS n USING (area_code, category_id, month) "
            "WHERE o.count IS DISTINCT FROM n.count", [scheme, scheme]).fetchone()[0]
        report.replaced_files = [r[0] for r in con.execute(
            "SELECT DISTINCT s.file_name FROM observations o JOIN sources s USING (source_id) "
            "WHERE o.scheme = ? AND o.month IN (SELECT month FROM new_months) ORDER BY 1", [scheme]).fetchall()]
        con.execute(f"INSERT INTO observations_history SELECT *, ?, now() {replaced}", [source_id, scheme])
        con.execute(f"DELETE {replaced}", [scheme])

    def _with_category_ids(self, table: pa.Table, scheme: str) -> pa.Table:
        """Add a ``category_id`` column, creating ids for categories the scheme has not seen."""
        pairs = (
            table.select(["major", "minor"]).group_by(["major", "minor"]).aggregate([]).to_pylist()
        )
        ids = self._category_ids(scheme, [(p["major"], p["minor"]) for p in pairs])
        mapping = {
            "major": [p["major"] for p in pairs],
            "minor": [p["minor"] for p in pairs],
            "category_id": [ids[(p["major"], p["minor"])] for p in pairs],
        }
        return table.join(pa.table(mapping), keys=["major", "minor"])

    def _category_ids(
        self, scheme: str, pairs: list[tuple[str, str]]
    ) -> dict[tuple[str, str], int]:
        """(major, minor) -> category id, creating ids the scheme has not seen (in the open transaction)."""
        known = {
            (r[0], r[1]): r[2]
            for r in self.con.execute(
                "SELECT major_key, minor_key, category_id FROM categories WHERE scheme = ?",
                [scheme],
            ).fetchall()
        }
        out = {}
        for major, minor in pairs:
            key = (name_key(major), name_key(minor))
            if key not in known:
                known[key] = self.con.execute("SELECT nextval('category_id_seq')").fetchall()[0][0]
                self.con.execute(
                    "INSERT INTO categories VALUES (?,?,?,?,?,?)",
                    [known[key], scheme, major, minor, *key],
                )
            out[(major, minor)] = known[key]
        return out

    def street_category_ids(self, scheme: str, crime_types: list[str]) -> dict[str, int]:
        """Street crime types are major categories with an empty minor, so ``[Burglary]`` selects them."""
        ids = self._category_ids(scheme, [(name, "") for name in crime_types])
        return {name: ids[(name, "")] for name in crime_types}

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
            with suppress(duckdb.Error):  # e.g. another connection is writing: closing will do it
                self.con.execute("CHECKPOINT")
        finally:
            self.con.execute("RESET memory_limit")

    @property
    def street_state(self) -> StreetState:
        """What street ingest needs to know of the store, read once (see street_state.py)."""
        if self._street_state is None:
            from factbeat.street_state import StreetState

            self._street_state = StreetState.load(self.con)
        return self._street_state

    def ingest_street(self, item: InputFile, reader: StreetReader, fp: Fingerprint, fmt: SourceFormat, *,
                      url: str | None = None, progress: Progress | None = None) -> IngestReport:
        """Store one street-level CSV in one transaction (see :mod:`factbeat.street_ingest`)."""
        from factbeat.street_ingest import store_street_file
        from factbeat.taxonomy.areas import learn_areas

        state = self.street_state
        existing = self.con.execute(_STORED_AS, [fp.sha256]).fetchall() if fp.sha256 in state.shas else []
        if existing:
            source_id, fmt_name, scheme, file_name = existing[0]
            return IngestReport(file=item.display, status="unchanged", format=fmt_name, scheme=scheme,
                                source_id=source_id, note=f"already stored as source {source_id} ({file_name})")
        # Rows carry their line, so DuckDB may write them in any order: on all cores.
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute("BEGIN TRANSACTION")
        try:
            report, areas, change = store_street_file(self, state, item, reader, fp, fmt, url, progress)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self.con.execute("RESET preserve_insertion_order")
        state.apply(change)
        learn_areas(areas)
        self.learned_codes.update(a.code for a in areas)
        self.generation += 1
        return report

    def _store_population(self, table: pa.Table, source_id: int, report: IngestReport) -> None:
        con = self.con
        con.register("incoming", table)
        try:
            match = ("FROM population p WHERE EXISTS (SELECT 1 FROM incoming i WHERE i.area_code = p.area_code "
                     "AND i.year = p.year AND i.estimate_type = p.estimate_type)")
            report.values_replaced = con.execute(f"SELECT COUNT(*) {match}").fetchone()[0]
            con.execute(f"INSERT INTO population_history SELECT p.*, ?, now() {match}", [source_id])
            con.execute(f"DELETE {match}")
            con.execute("INSERT INTO population SELECT area_code, year, population, estimate_type, ?, line FROM incoming",
                        [source_id])
        finally:
            con.unregister("incoming")

