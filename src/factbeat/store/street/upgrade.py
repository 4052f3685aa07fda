"""Bringing a store written by an earlier factbeat to the current street-level layout.

* Schema 1 kept the rows in a table ``street_incidents`` with the texts in place.
* Schema 2 kept them in ``street_rows`` with the published texts as ids into ``street_texts``,
  but the force and area codes each row is counted under as text.
* Schema 3 (now) keeps those two codes as ids into ``street_texts`` too (``force_code_id``,
  ``area_code_id``): text columns cost DuckDB more per row group than integers (sql.py).

Opening an older store for writing moves its rows into the current layout in one transaction
(the same rows, lines and values; ``street_incidents`` is the view of them, giving the same
columns as before), so an analyst's queries keep working.  A store opened read-only is read as
it is: its own views still describe its own layout.
"""

from __future__ import annotations

from factbeat.store.street import sql as street_sql

_CODES = street_sql.CODE_COLUMNS


def _new_texts(columns: tuple[str, ...], table: str) -> str:
    """Insert into ``street_texts`` each distinct text of ``columns`` of ``table`` it lacks, with
    the next free ids (in text order)."""
    union = " UNION ".join(f"SELECT {c} FROM {table} WHERE {c} IS NOT NULL" for c in columns)
    return ("INSERT INTO street_texts SELECT (SELECT coalesce(MAX(text_id) + 1, 0) FROM street_texts) "
            f"+ (row_number() OVER (ORDER BY text) - 1)::INTEGER, text FROM ({union}) AS texts(text) "
            "WHERE text NOT IN (SELECT text FROM street_texts)")


def _rows_select(table: str, text_columns: tuple[str, ...], crime_id_bytes: str) -> str:
    """The rows of ``table`` (texts in ``text_columns`` and both codes in place) in the current
    column order, each text swapped for its id."""
    ids = {c: f"t_{c}.text_id" if c in text_columns else f"i.{c}_id" for c in street_sql.TEXT_COLUMNS}
    joins = " ".join(f"LEFT JOIN street_texts t_{c} ON t_{c}.text = i.{c}" for c in (*_CODES, *text_columns))
    return (f"SELECT i.source_id, i.line, t_force_code.text_id, t_area_code.text_id, i.category_id, i.month, "
            f"i.crime_id, {ids['reported_by']}, {ids['falls_within']}, i.longitude, i.latitude, {ids['location']}, "
            f"{ids['lsoa_code']}, {ids['lsoa_name']}, {ids['crime_type']}, {ids['last_outcome']}, i.context, "
            f"{crime_id_bytes} FROM {table} i {joins}")


UPGRADE_1 = [
    street_sql.ROW_TABLES,  # street_rows and street_texts
    _new_texts((*street_sql.TEXT_COLUMNS, *_CODES), "street_incidents"),
    "INSERT INTO street_rows " + _rows_select("street_incidents", street_sql.TEXT_COLUMNS, "NULL"),  # IDs stay text
    "DROP VIEW IF EXISTS street_incidents_current",
    "DROP TABLE street_incidents",
]

UPGRADE_2 = [
    street_sql.CRIME_ID_BYTES,  # a schema 2 store from before Crime IDs as bytes
    _new_texts(_CODES, "street_rows"),
    f"CREATE TABLE street_rows_3 {street_sql.STREET_ROWS_COLUMNS}",
    "INSERT INTO street_rows_3 " + _rows_select("street_rows", (), "i.crime_id_bytes"),
    "DROP VIEW IF EXISTS street_incidents_current",
    "DROP VIEW IF EXISTS street_incidents",
    "DROP TABLE street_rows",
    "ALTER TABLE street_rows_3 RENAME TO street_rows",
]


def needs_upgrade(con) -> bool:
    """True if the store keeps street rows in an earlier layout (schema 1 or 2)."""
    return bool(con.execute(
        "SELECT 1 FROM duckdb_tables() WHERE table_name = 'street_incidents' UNION ALL "
        "SELECT 1 FROM duckdb_columns() WHERE table_name = 'street_rows' AND column_name = 'force_code'").fetchall())


def upgrade(con) -> None:
    """Move schema 1 or 2 street rows to the current layout, all or nothing."""
    version_1 = bool(con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'street_incidents'").fetchall())
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in UPGRADE_1 if version_1 else UPGRADE_2:
            con.execute(statement)
        con.execute(street_sql.DDL)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
