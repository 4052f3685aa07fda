"""Bringing a store written by an earlier factbeat to the current street-level layout.

Stores made before street texts were kept as ids (schema version 1) hold the rows in a table
``street_incidents`` with the texts in place.  Opening such a store for writing moves those rows
into ``street_rows`` and ``street_texts`` in one transaction (the same rows, lines and values;
``street_incidents`` becomes the view of them), so an analyst's queries keep working.
"""

from __future__ import annotations

from factbeat.store.street import sql as street_sql

_TEXT_UNION = " UNION ".join(f"SELECT {c} FROM street_incidents WHERE {c} IS NOT NULL" for c in street_sql.TEXT_COLUMNS)
_JOINS = " ".join(f"LEFT JOIN street_texts t_{c} ON t_{c}.text = i.{c}" for c in street_sql.TEXT_COLUMNS)
_IDS = ", ".join(f"t_{c}.text_id" for c in street_sql.TEXT_COLUMNS[:2]) + ", i.longitude, i.latitude, " + ", ".join(
    f"t_{c}.text_id" for c in street_sql.TEXT_COLUMNS[2:])

UPGRADE = [
    street_sql.ROW_TABLES,  # street_rows and street_texts
    "INSERT INTO street_texts SELECT (row_number() OVER (ORDER BY text) - 1)::INTEGER, text "
    f"FROM ({_TEXT_UNION}) AS texts(text)",
    "INSERT INTO street_rows SELECT i.source_id, i.line, i.force_code, i.area_code, i.category_id, i.month, "
    f"i.crime_id, {_IDS}, i.context, NULL FROM street_incidents i {_JOINS}",  # IDs stay text (crime_ids.py)
    "DROP VIEW IF EXISTS street_incidents_current",
    "DROP TABLE street_incidents",
]


def needs_upgrade(con) -> bool:
    """True if the store keeps street rows in the version 1 table ``street_incidents``."""
    return bool(con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'street_incidents'").fetchall())


def upgrade(con) -> None:
    """Move version 1 street rows to the current layout, all or nothing."""
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in UPGRADE:
            con.execute(statement)
        con.execute(street_sql.DDL)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
