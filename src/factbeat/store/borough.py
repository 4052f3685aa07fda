"""Storing one borough-style file (a tidy table of counts, or of populations) in the open transaction.

The caller (:meth:`factbeat.store.catalogue.Store.ingest`) opens and commits the transaction;
everything here runs inside it.  A crime file covering months already stored for its scheme
replaces those months, and the replaced values move to ``observations_history``; a population
file replaces the same (area, year, estimate type) the same way.
"""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from factbeat.sources.table import SourceTable
from factbeat.store.categories import category_ids
from factbeat.store.report import IngestReport


def store_table(con, source: SourceTable, sha256: str, url: str | None) -> IngestReport:
    """Write the file's sources row and its observations (or populations); return the report."""
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
        _store_crime(con, source, source_id, report)
    else:
        _store_population(con, source.table, source_id, report)
    con.execute(
        "UPDATE sources SET first_month = ?, last_month = ?, values_replaced = ?, values_changed = ? WHERE source_id = ?",
        [report.first_month, report.last_month, report.values_replaced, report.values_changed, source_id],
    )
    return report


def _store_crime(con, source: SourceTable, source_id: int, report: IngestReport) -> None:
    scheme = source.scheme
    incoming = _with_category_ids(con, source.table, scheme)
    con.register("incoming", incoming)
    try:
        first, last = con.execute("SELECT MIN(month), MAX(month) FROM incoming").fetchone()
        report.first_month, report.last_month = first.isoformat(), last.isoformat()
        con.execute("CREATE OR REPLACE TEMP TABLE new_months AS SELECT DISTINCT month FROM incoming")
        _replace_crime_months(con, scheme, source_id, report)
        con.execute(
            "INSERT INTO observations SELECT ?, area_code, category_id, month, count, ?, line FROM incoming",
            [scheme, source_id],
        )
    finally:
        con.unregister("incoming")
        con.execute("DROP TABLE IF EXISTS new_months")


def _replace_crime_months(con, scheme: str, source_id: int, report: IngestReport) -> None:
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


def _with_category_ids(con, table: pa.Table, scheme: str) -> pa.Table:
    """Add a ``category_id`` column, creating ids for categories the scheme has not seen."""
    pairs = table.select(["major", "minor"]).group_by(["major", "minor"]).aggregate([]).to_pylist()
    ids = category_ids(con, scheme, [(p["major"], p["minor"]) for p in pairs])
    mapping = {
        "major": [p["major"] for p in pairs],
        "minor": [p["minor"] for p in pairs],
        "category_id": [ids[(p["major"], p["minor"])] for p in pairs],
    }
    return table.join(pa.table(mapping), keys=["major", "minor"])


def _store_population(con, table: pa.Table, source_id: int, report: IngestReport) -> None:
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
