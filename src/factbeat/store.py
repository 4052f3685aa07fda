"""The DuckDB catalogue: every ingested file, every observation, and what each one replaced.

Design rules (see docs/store.md):

* **Provenance** - every observation keeps the source file id and the line it came from.
* **Idempotent** - a file whose SHA-256 is already stored is skipped.
* **Revisions** - a file covering months already stored for its category scheme replaces those
  months; the replaced values move to ``observations_history`` and stay queryable.
* **Atomic** - each file is one transaction; any failure rolls the store back to where it was.
* **Schemes never mix** - observations carry their scheme; categories are per scheme.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from factbeat.errors import FactbeatError
from factbeat.sources.table import SourceTable
from factbeat.taxonomy.text import name_key

SCHEMA_VERSION = "1"

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


def default_db_path() -> Path:
    """``$FACTBEAT_DB`` if set, else ``factbeat.duckdb`` in the user's data directory."""
    if env := os.environ.get("FACTBEAT_DB"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("factbeat", appauthor=False)) / "factbeat.duckdb"


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
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self.con.execute(_DDL)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        self.generation = 0  # bumped on every change, so caches know when to forget

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- reading -----------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        """Run one parameterised query on a private cursor (safe across threads)."""
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, params or []).fetchall()
        finally:
            cursor.close()

    def query_dicts(self, sql: str, params: list[Any] | None = None) -> list[dict]:
        cursor = self.con.cursor()
        try:
            cursor.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def source_by_sha(self, sha256: str) -> dict | None:
        rows = self.query_dicts("SELECT * FROM sources WHERE sha256 = ?", [sha256])
        return rows[0] if rows else None

    def sources(self) -> list[dict]:
        return self.query_dicts("SELECT * FROM sources ORDER BY source_id")

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
        known = {(r[0], r[1]): r[2] for r in self.con.execute(
            "SELECT major_key, minor_key, category_id FROM categories WHERE scheme = ?", [scheme]).fetchall()}
        pairs = table.select(["major", "minor"]).group_by(["major", "minor"]).aggregate([]).to_pylist()
        mapping = {"major": [], "minor": [], "category_id": []}
        for pair in pairs:
            key = (name_key(pair["major"]), name_key(pair["minor"]))
            if key not in known:
                known[key] = self.con.execute("SELECT nextval('category_id_seq')").fetchone()[0]
                self.con.execute("INSERT INTO categories VALUES (?,?,?,?,?,?)",
                                 [known[key], scheme, pair["major"], pair["minor"], *key])
            mapping["major"].append(pair["major"])
            mapping["minor"].append(pair["minor"])
            mapping["category_id"].append(known[key])
        return table.join(pa.table(mapping), keys=["major", "minor"])

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
