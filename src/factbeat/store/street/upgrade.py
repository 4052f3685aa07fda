"""Bringing a store written by an earlier factbeat to the current street-level layout.

* Schema 1 kept the rows in a table ``street_incidents`` with the texts in place.
* Schema 2 kept them in ``street_rows`` with the published texts as ids into ``street_texts``,
  but the force and area codes each row is counted under, Crime IDs that are not 64 hex digits
  (or, before those were bytes, every Crime ID) and Context as text.
* Schema 3 (now) keeps those as ids into ``street_texts`` too (``force_code_id``,
  ``area_code_id``, ``crime_id_text_id``, ``context_id``) and 64-hex-digit Crime IDs as bytes:
  text columns cost DuckDB more per row group than integers (sql.py).

Opening an older store for writing moves its rows into the current layout in one transaction
(the same rows, lines and values; ``street_incidents`` is the view of them, giving the same
columns as before), so an analyst's queries keep working.  A store opened read-only is read as
it is: its own views still describe its own layout.
"""

from __future__ import annotations

from factbeat.store.street import sql as street_sql

_HEX_ID = "regexp_full_match(i.crime_id, '[0-9a-f]{64}')"  # kept as bytes (store/street/crime_ids.py)


def _texts(text_columns: tuple[str, ...]) -> dict[str, str]:
    """Each column's text as an expression over the old rows ``i``: the codes, the
    Crime IDs not kept as bytes, and ``text_columns`` (the texts still in place)."""
    columns = {c: f"i.{c}" for c in (*street_sql.CODE_COLUMNS, *text_columns)}
    columns["crime_id"] = f"CASE WHEN NOT {_HEX_ID} THEN i.crime_id END"
    return columns


def _new_texts(table: str, texts: dict[str, str]) -> str:
    """Insert into ``street_texts`` each distinct text of ``texts`` it lacks, with the next free
    ids (in text order)."""
    union = " UNION ".join(f"SELECT {expr} FROM {table} i" for expr in texts.values())
    return ("INSERT INTO street_texts SELECT (SELECT coalesce(MAX(text_id) + 1, 0) FROM street_texts) "
            f"+ (row_number() OVER (ORDER BY text) - 1)::INTEGER, text FROM ({union}) AS texts(text) "
            "WHERE text IS NOT NULL AND text NOT IN (SELECT text FROM street_texts)")


def _rows_select(table: str, texts: dict[str, str], crime_id_bytes: str) -> str:
    """The rows of ``table`` in the current column order, each text in ``texts`` swapped for its id."""
    ids = {c: f"t_{c}.text_id" if c in texts else f"i.{c}_id" for c in (*street_sql.TEXT_COLUMNS, "crime_id")}
    joins = " ".join(f"LEFT JOIN street_texts t_{c} ON t_{c}.text = {expr}" for c, expr in texts.items())
    return (f"SELECT i.source_id, i.line, t_force_code.text_id, t_area_code.text_id, i.category_id, i.month, "
            f"{ids['crime_id']}, {ids['reported_by']}, {ids['falls_within']}, i.longitude, i.latitude, "
            f"{ids['location']}, {ids['lsoa_code']}, {ids['lsoa_name']}, {ids['crime_type']}, {ids['last_outcome']}, "
            f"{ids['context']}, {crime_id_bytes} FROM {table} i {joins}")


_V1 = _texts(street_sql.TEXT_COLUMNS)
_V2 = _texts(("context",))

UPGRADE_1 = [
    street_sql.ROW_TABLES,  # street_rows and street_texts
    _new_texts("street_incidents", _V1),
    "INSERT INTO street_rows " + _rows_select("street_incidents", _V1, f"CASE WHEN {_HEX_ID} THEN unhex(i.crime_id) END"),
    "DROP VIEW IF EXISTS street_incidents_current",
    "DROP TABLE street_incidents",
]

UPGRADE_2 = [
    street_sql.CRIME_ID_BYTES,  # a schema 2 store from before Crime IDs as bytes: all are text
    _new_texts("street_rows", _V2),
    f"CREATE TABLE street_rows_3 {street_sql.STREET_ROWS_COLUMNS}",
    "INSERT INTO street_rows_3 " + _rows_select(
        "street_rows", _V2, f"coalesce(i.crime_id_bytes, CASE WHEN {_HEX_ID} THEN unhex(i.crime_id) END)"),
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
    """Move schema 1 or 2 street rows to the current layout, inside the caller's transaction
    (store/schema.py: create_or_upgrade), so all or nothing."""
    version_1 = bool(con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'street_incidents'").fetchall())
    for statement in UPGRADE_1 if version_1 else UPGRADE_2:
        con.execute(statement)
    con.execute(street_sql.DDL)
