"""Storing the London series (dashboards, homicide victims, wards, LSOAs) with provenance.

The rules of docs/store.md hold (each file one transaction, a stored SHA-256 is skipped, every
observation keeps its file and line, replaced values move to ``observations_history``), with
two differences that these files need:

* **Revisions per series and month.**  A borough file covers every category, so it replaces
  whole months.  The dashboard extracts do not: the knife-crime extract covers only the knife
  series, so a file replaces, in each scheme, only the (category, month) pairs it covers: the
  categories it has, over every month from its first to its last (the dashboards omit zero
  rows, so an area absent from a covered month is a zero).
* **Capped files never replace complete ones.**  A file from which rows above a count cap were
  deleted (:attr:`SeriesTable.capped`) covers only the months it has rows for (each with all
  its categories, since a busy series can lose every row of a month), and only where no
  complete file holds that pair: its rows there go straight to
  ``observations_history``, marked as replaced by the complete file, so the older issue stays
  queryable (revisions, the data verdict 'close') and every row is stored or reported.
  ``series_coverage`` records which file holds each pair and whether it is capped, which is
  how a figure knows that an absent borough-month may have been deleted (stats/capped.py).

Ward and LSOA rows also record their area in ``small_areas`` (code, name, kind and the borough
the file names), from which taxonomy/wards.py resolves ward names.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from factbeat.store.report import IngestReport
from factbeat.taxonomy.schemes import scheme_level

if TYPE_CHECKING:
    import pyarrow as pa

    from factbeat.sources.series import SeriesTable
    from factbeat.store.catalogue import Store


SMALL_AREAS = (
    "SELECT area_code, arg_max(name, last_month) AS name, MIN(kind) AS kind, arg_max(parent_code, last_month) AS parent_code, "
    "MAX(last_month) AS last_month FROM small_areas GROUP BY area_code"
)


def ingest_series(store: Store, source: SeriesTable, sha256: str, *, url: str | None = None) -> IngestReport:
    """Store one series file in a single transaction (see the module docstring)."""
    return store.ingest_with(write_series, source, sha256, url=url)


def write_series(con, source: SeriesTable, sha256: str, url: str | None) -> IngestReport:
    """Write one series file in the open transaction (Store.ingest_with opens and commits it)."""
    import pyarrow.compute as pc  # loaded only by ingests: figures read coverage without pyarrow

    source_id = con.execute("SELECT nextval('source_id_seq')").fetchone()[0]
    refused = len(source.refused)
    con.execute(
        "INSERT INTO sources (source_id, file_name, path, sha256, format, kind, scheme, publisher, licence, url, "
        "rows_read, rows_stored, rows_refused, observations, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [source_id, source.path.name, str(source.path.resolve()), sha256, source.format, source.kind, source.scheme,
         source.publisher, source.licence, url, source.rows_read, source.rows_read - refused, refused,
         source.table.num_rows, datetime.now()],
    )
    report = IngestReport(
        file=str(source.path), status="stored", format=source.format, scheme=source.scheme,
        rows_read=source.rows_read, rows_stored=source.rows_read - refused, rows_refused=refused,
        observations=source.table.num_rows, source_id=source_id,
        note="; ".join(source.notes),
    )
    replaced_files: set[str] = set()
    for scheme in source.schemes:
        rows = source.table.filter(pc.equal(source.table["scheme"], scheme))
        _store_scheme(con, rows, scheme, source_id, source.capped, report, replaced_files)
    report.replaced_files = sorted(replaced_files)
    if source.refused:
        con.executemany(
            "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?)",
            [[source_id, source.path.name, r.line, r.reason, r.raw] for r in source.refused],
        )
    months = pc.min_max(source.table["month"]).as_py() if source.table.num_rows else {"min": None, "max": None}
    report.first_month = months["min"].isoformat() if months["min"] else None
    report.last_month = months["max"].isoformat() if months["max"] else None
    con.execute(
        "UPDATE sources SET first_month = ?, last_month = ?, values_replaced = ?, values_changed = ? WHERE source_id = ?",
        [report.first_month, report.last_month, report.values_replaced, report.values_changed, source_id],
    )
    return report


def _store_scheme(con, rows: pa.Table, scheme: str, source_id: int, capped: bool,
                  report: IngestReport, replaced_files: set[str]) -> None:
    from factbeat.store.borough import _with_category_ids  # pyarrow

    incoming = _with_category_ids(con, rows, scheme)
    con.register("incoming", incoming)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE covered AS " + _covered_sql(capped), [scheme])
        # Pairs a complete file holds are not taken by a capped one: its rows there are history.
        con.execute(
            "CREATE OR REPLACE TEMP TABLE blocked AS SELECT c.category_id, c.month, MIN(s.source_id) AS holder "
            "FROM covered c JOIN series_coverage s ON s.scheme = ? AND s.category_id = c.category_id "
            "AND s.month = c.month AND NOT s.capped AND ? GROUP BY c.category_id, c.month",
            [scheme, capped],
        )
        con.execute("DELETE FROM covered WHERE (category_id, month) IN (SELECT category_id, month FROM blocked)")
        con.execute(
            "INSERT INTO observations_history SELECT ?, i.area_code, i.category_id, i.month, i.count, ?, i.line, "
            "b.holder, now() FROM incoming i JOIN blocked b USING (category_id, month)",
            [scheme, source_id],
        )
        where = "WHERE scheme = ? AND (category_id, month) IN (SELECT category_id, month FROM covered)"
        report.values_replaced += con.execute(f"SELECT COUNT(*) FROM observations {where}", [scheme]).fetchone()[0]
        report.values_changed += con.execute(
            "SELECT COUNT(*) FROM (SELECT area_code, category_id, month, SUM(count) AS count FROM observations "
            f"{where} GROUP BY ALL) AS o FULL OUTER JOIN (SELECT area_code, category_id, month, SUM(count) AS count "
            "FROM incoming WHERE (category_id, month) IN (SELECT category_id, month FROM covered) AND (category_id, month) IN "
            f"(SELECT category_id, month FROM observations {where}) GROUP BY ALL) AS n USING (area_code, category_id, month) "
            "WHERE o.count IS DISTINCT FROM n.count", [scheme, scheme]).fetchone()[0]
        replaced_files.update(r[0] for r in con.execute(
            f"SELECT DISTINCT s.file_name FROM observations o JOIN sources s USING (source_id) {where.replace('scheme', 'o.scheme', 1)}",
            [scheme]).fetchall())
        con.execute(f"INSERT INTO observations_history SELECT *, ?, now() FROM observations {where}", [source_id, scheme])
        con.execute(f"DELETE FROM observations {where}", [scheme])
        con.execute(
            "INSERT INTO observations SELECT ?, area_code, category_id, month, count, ?, line FROM incoming "
            "WHERE (category_id, month) IN (SELECT category_id, month FROM covered)", [scheme, source_id])
        con.execute(
            "DELETE FROM series_coverage WHERE scheme = ? AND (category_id, month) IN (SELECT category_id, month FROM covered)",
            [scheme])
        con.execute("INSERT INTO series_coverage SELECT ?, category_id, month, ?, ? FROM covered", [scheme, source_id, capped])
        if scheme_level(scheme) != "borough":
            con.execute(
                "INSERT INTO small_areas SELECT area_code, MIN(area_name), ?, MIN(parent_code), ?, MIN(month), MAX(month), ? "
                "FROM incoming GROUP BY area_code", [scheme_level(scheme), scheme, source_id])
    finally:
        con.unregister("incoming")
        con.execute("DROP TABLE IF EXISTS covered")
        con.execute("DROP TABLE IF EXISTS blocked")


def _covered_sql(capped: bool) -> str:
    """The (category, month) pairs a file covers: each of its categories in every month it has
    rows for if capped (a month can lose all rows of a busy series), else in every month of its
    range (absent rows of a complete file are zeros)."""
    if capped:
        return ("SELECT c.category_id, m.month FROM (SELECT DISTINCT category_id FROM incoming) c, "
                "(SELECT DISTINCT month FROM incoming WHERE ? IS NOT NULL) m")
    return (
        "SELECT c.category_id, CAST(m.month AS DATE) AS month FROM (SELECT DISTINCT category_id FROM incoming) c, "
        "(SELECT unnest(generate_series(MIN(month), MAX(month), INTERVAL 1 MONTH)) AS month FROM incoming WHERE ? IS NOT NULL) m"
    )


def load_small_areas(store: Store) -> None:
    """Register the wards and LSOAs the store holds with the taxonomy (taxonomy/wards.py), read
    from the store on the first ward or LSOA lookup (a store that is closed by then adds none)."""
    from factbeat.taxonomy.wards import SmallArea, learn_small_areas_later

    def read() -> list[SmallArea]:
        import duckdb

        try:
            if not store.has_table("small_areas"):
                return []
            rows = store.query(SMALL_AREAS)
        except duckdb.ConnectionException:  # closed before anything asked for a ward
            return []
        return [SmallArea(code, name, kind, parent, last) for code, name, kind, parent, last in rows]

    learn_small_areas_later(read)


def covered_months(store: Store, scheme: str, *, capped_only: bool = False) -> dict[int, set]:
    """category id -> the months some stored file (or some capped file) covers in the scheme (for
    missing-month checks and capped gaps)."""
    if not store.has_table("series_coverage"):
        return {}
    out: dict[int, set] = {}
    sql = "SELECT category_id, month FROM series_coverage WHERE scheme = ?" + (" AND capped" if capped_only else "")
    for cid, month in store.query(sql, [scheme]):
        out.setdefault(cid, set()).add(month)
    return out


def capped_months(store: Store, scheme: str) -> dict[int, set]:
    """category id -> the months a capped file supplies in the scheme (stats/capped.py)."""
    return covered_months(store, scheme, capped_only=True)


def coverage_schemes(store: Store) -> set[str]:
    """The schemes some London series file covers (the others have no coverage rows to read)."""
    if not store.has_table("series_coverage"):
        return set()
    return {row[0] for row in store.query("SELECT DISTINCT scheme FROM series_coverage")}


def both_covered_months(store: Store, scheme: str) -> tuple[dict[int, set], dict[int, set]]:
    """(:func:`covered_months`, :func:`capped_months`) of the scheme, in one query."""
    covered: dict[int, set] = {}
    capped: dict[int, set] = {}
    if not store.has_table("series_coverage"):
        return covered, capped
    for cid, month, is_capped in store.query(
            "SELECT category_id, month, capped FROM series_coverage WHERE scheme = ?", [scheme]):
        covered.setdefault(cid, set()).add(month)
        if is_capped:
            capped.setdefault(cid, set()).add(month)
    return covered, capped
