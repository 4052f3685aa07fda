"""The catalogue's tables (street-level tables: :mod:`factbeat.store.street.sql`) and bringing
an older store up to date when it is opened for writing."""

from __future__ import annotations

from factbeat.store.series_schema import DDL as SERIES_DDL
from factbeat.store.street import sql as street_sql
from factbeat.store.street.upgrade import needs_upgrade, upgrade
from factbeat.store.summary import ensure_summary
from factbeat.store.ward_sums import ensure_ward_sums

# Every table and view in the store (DuckDB's catalogue functions: several milliseconds a call).
TABLE_NAMES = "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
# meta key: the tables and views the store had when last opened for writing (comma-separated).  A
# reader takes them as present without asking DuckDB's catalogue, which costs a one-off command
# 5-7 ms (Store.has_table); tables are never dropped, so the list can only be short, never wrong.
TABLES_KEY = "schema_tables"

# 2: street texts as ids; 3: force and area codes as ids (store/street/upgrade.py); Crime IDs as
# bytes is a column added in place; 4: every writer keeps ward_sums (store/ward_sums.py)
SCHEMA_VERSION = "4"

DDL = """
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



def create_or_upgrade(con) -> None:
    """Create what is missing, move version 1 or 2 street rows to the current layout, record the
    version: in one transaction, so an interrupted upgrade leaves the store as it was, and a new
    store costs one commit, not one per statement (each commit waits for the log to reach the
    disk: 5-10 ms here, about 50 ms of opening a new store, measured in benchmarks/README.md)."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(DDL)
        if needs_upgrade(con):
            upgrade(con)
        con.execute(street_sql.ROW_TABLES)
        con.execute(street_sql.CRIME_ID_BYTES)  # a store from before: its rows keep their IDs as text
        con.execute(street_sql.DDL)
        con.execute(SERIES_DDL)  # London series: which file covers each series and month; wards and LSOAs
        ensure_summary(con)  # which months and areas each scheme holds (store/summary.py)
        ensure_ward_sums(con)  # each borough's ward rows summed, for capped gaps (store/ward_sums.py)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        names = sorted(row[0] for row in con.execute(TABLE_NAMES).fetchall())
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [TABLES_KEY, ",".join(names)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
