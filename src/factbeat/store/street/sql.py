"""The tables and statements behind street-level (data.police.uk) ingest, in one place.

Tables:

* ``street_rows`` - every stored row of every street file, append-only, with its source file and
  line, the reporting force, the area it is counted in and its category.  The published text
  columns are stored as ids into ``street_texts`` (below); read the rows through the views.
* ``street_texts`` - each distinct text of those columns once (a force's name, an LSOA, a
  location, an outcome), and of the force and area codes each row is counted under, with its id.
* ``street_incidents`` (view) - the rows with their published texts, as the files have them;
  ``street_incidents_current`` the same without rows a newer file replaced.
* ``street_months`` - which source holds each (force, month).  A newer file for the same force
  and month replaces the holder (``replaced_by``); the old rows stay in ``street_rows`` as
  history, visible through ``street_incidents_current`` only while their source is current.
* ``street_areas`` / ``street_area_forces`` - districts, forces and no-location areas learned
  from the files, and which forces report in each area (for force-month completeness).

Statements take ``?`` parameters; where there is one, it is the new file's source id.

A file whose chunks were all vouched for (street/checks.py) and that revises nothing needs only
``INCIDENTS_VOUCHED`` here: its counts, force-months and observations are added up in Python
(street/tally.py) from the same counts these statements would compute.
"""

from __future__ import annotations

SCHEME = "police_uk"

# Crime IDs: the 64 hex digits as their 32 bytes in ``crime_id_bytes``, any other ID as a text
# (``crime_id_text_id``, store/street/crime_ids.py); the views give the published text back.
CRIME_ID_BYTES = "ALTER TABLE street_rows ADD COLUMN IF NOT EXISTS crime_id_bytes BLOB USING COMPRESSION uncompressed"

# Why texts are ids: a month of one force repeats a few hundred locations, a few thousand LSOAs,
# one force name and a dozen outcomes over 90,000 rows.  Compressing text is most of the cost of
# storing rows (DuckDB analyses and compresses each text column per row group); small integers
# cost a fraction of it, and the store is smaller (benchmarks/README.md).  Crime IDs are random
# 64-digit hex (SHA-256), kept as their 32 bytes (above).  Context is empty in every published
# file: as an id it is an integer column of nulls, which costs DuckDB less than a text one.
# The column order of the ``street_incidents`` view is the published one, after the bookkeeping.
TEXT_COLUMNS = ("reported_by", "falls_within", "location", "lsoa_code", "lsoa_name", "crime_type", "last_outcome",
                "context")
# The force and area a row is counted under are ids into ``street_texts`` too (schema 3): a text
# column costs DuckDB an analysis and a dictionary per row group, an integer a fraction of it
# (1 M rows: the insert 1.2-1.4 -> 1.0-1.15 CPU-s, benchmarks/README.md).  The views give the codes.
CODE_COLUMNS = ("force_code", "area_code")

# Columns that hold one value per file (a file is one force's month; odd Crime IDs and Context are
# null in published files) are run-length encoded without DuckDB trying its other methods on them
# first (bit-packing's analysis was the costliest step of the insert; measured in benchmarks/README.md).
_RUNS = "USING COMPRESSION rle"
STREET_ROWS_COLUMNS = f"""(
    source_id INTEGER NOT NULL {_RUNS}, line BIGINT NOT NULL, force_code_id INTEGER NOT NULL {_RUNS},
    area_code_id INTEGER NOT NULL, category_id INTEGER NOT NULL, month DATE NOT NULL {_RUNS},
    crime_id_text_id INTEGER {_RUNS}, reported_by_id INTEGER NOT NULL {_RUNS}, falls_within_id INTEGER {_RUNS},
    longitude DOUBLE, latitude DOUBLE, location_id INTEGER, lsoa_code_id INTEGER, lsoa_name_id INTEGER,
    crime_type_id INTEGER NOT NULL, last_outcome_id INTEGER, context_id INTEGER {_RUNS},
    crime_id_bytes BLOB USING COMPRESSION uncompressed)"""

ROW_TABLES = f"""
CREATE TABLE IF NOT EXISTS street_rows {STREET_ROWS_COLUMNS};
CREATE TABLE IF NOT EXISTS street_texts (text_id INTEGER PRIMARY KEY, text VARCHAR NOT NULL);
"""

# street_rows with its force and area codes as text, for the statements that count or revise
# (the views join every text; these need only the two codes).
_CODED_ROWS = """(SELECT r.*, force_code.text AS force_code, area_code.text AS area_code FROM street_rows r
    JOIN street_texts force_code ON force_code.text_id = r.force_code_id
    JOIN street_texts area_code ON area_code.text_id = r.area_code_id)"""

DDL = ROW_TABLES + """
CREATE TABLE IF NOT EXISTS street_months (
    force_code VARCHAR NOT NULL, force_name VARCHAR NOT NULL, month DATE NOT NULL, source_id INTEGER NOT NULL,
    row_count BIGINT NOT NULL, no_location BIGINT NOT NULL, replaced_by INTEGER, replaced_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS street_areas (
    area_code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, aliases VARCHAR[]);
CREATE TABLE IF NOT EXISTS street_area_forces (
    area_code VARCHAR NOT NULL, force_code VARCHAR NOT NULL, PRIMARY KEY (area_code, force_code));
CREATE OR REPLACE VIEW street_incidents AS
    SELECT r.source_id, r.line, force_code.text AS force_code, area_code.text AS area_code, r.category_id, r.month,
        coalesce(crime_id.text, lower(hex(r.crime_id_bytes))) AS crime_id,
        reported_by.text AS reported_by, falls_within.text AS falls_within, r.longitude, r.latitude,
        location.text AS location, lsoa_code.text AS lsoa_code, lsoa_name.text AS lsoa_name,
        crime_type.text AS crime_type, last_outcome.text AS last_outcome, context.text AS context
    FROM street_rows r
    LEFT JOIN street_texts force_code ON force_code.text_id = r.force_code_id
    LEFT JOIN street_texts area_code ON area_code.text_id = r.area_code_id
    LEFT JOIN street_texts crime_id ON crime_id.text_id = r.crime_id_text_id
    LEFT JOIN street_texts reported_by ON reported_by.text_id = r.reported_by_id
    LEFT JOIN street_texts falls_within ON falls_within.text_id = r.falls_within_id
    LEFT JOIN street_texts location ON location.text_id = r.location_id
    LEFT JOIN street_texts lsoa_code ON lsoa_code.text_id = r.lsoa_code_id
    LEFT JOIN street_texts lsoa_name ON lsoa_name.text_id = r.lsoa_name_id
    LEFT JOIN street_texts crime_type ON crime_type.text_id = r.crime_type_id
    LEFT JOIN street_texts last_outcome ON last_outcome.text_id = r.last_outcome_id
    LEFT JOIN street_texts context ON context.text_id = r.context_id;
CREATE OR REPLACE VIEW street_incidents_current AS
    SELECT i.* FROM street_incidents i JOIN street_months m
    ON i.source_id = m.source_id AND i.force_code = m.force_code AND i.month = m.month
    WHERE m.replaced_by IS NULL;
"""

# Each chunk of rows (registered as ``street_chunk``, with the month, force, area and category
# worked out per distinct value by street/mapping.py) and why a row cannot be stored (NULL: it can).
# Every row is counted, so only rows that could not be counted correctly are refused: no month,
# force or crime type, or coordinates that are not numbers (a sign of shifted columns).
CHECKED = """(SELECT *, CASE
    WHEN month IS NULL THEN 'Month is empty'
    WHEN month_date IS NULL THEN 'Month ''' || month || ''' is not YYYY-MM'
    WHEN reported_by IS NULL THEN 'Reported by is empty'
    WHEN crime_type IS NULL THEN 'Crime type is empty'
    WHEN longitude IS NOT NULL AND TRY_CAST(longitude AS DOUBLE) IS NULL
        THEN 'Longitude ''' || longitude || ''' is not a number'
    WHEN latitude IS NOT NULL AND TRY_CAST(latitude AS DOUBLE) IS NULL
        THEN 'Latitude ''' || latitude || ''' is not a number'
    WHEN (longitude IS NULL) <> (latitude IS NULL) THEN 'only one of Longitude and Latitude is given'
    WHEN abs(TRY_CAST(longitude AS DOUBLE)) > 180 OR abs(TRY_CAST(latitude AS DOUBLE)) > 90
        THEN 'coordinates out of range'
    END AS reason
FROM street_chunk) AS checked"""

# A chunk the worker vouched for (see street/checks.py): no row can be refused, and its coordinates
# arrive as doubles (``lon``, ``lat``), so the rows are copied with no per-row check.
_IDS = ("reported_by_id, falls_within_id, {lon}, {lat}, location_id, lsoa_code_id, lsoa_name_id, crime_type_id, "
        "last_outcome_id, context_id")
INCIDENTS_VOUCHED = f"""
INSERT INTO street_rows SELECT ?, line, force_code_id, area_code_id, category_id, month_date, crime_id_text_id,
    {_IDS.format(lon="lon", lat="lat")}, crime_id_bytes
FROM street_chunk
"""

INCIDENTS = f"""
INSERT INTO street_rows SELECT ?, line, force_code_id, area_code_id, category_id, month_date, crime_id_text_id,
    {_IDS.format(lon="TRY_CAST(longitude AS DOUBLE)", lat="TRY_CAST(latitude AS DOUBLE)")}, crime_id_bytes
FROM {CHECKED} WHERE reason IS NULL
"""

QUARANTINE = f"""
INSERT INTO quarantine SELECT ?, ?, line, reason, concat_ws(',', coalesce(crime_id, lower(hex(crime_id_bytes)), ''),
    coalesce(month, ''),
    coalesce(reported_by, ''), coalesce(falls_within, ''), coalesce(longitude, ''), coalesce(latitude, ''),
    coalesce(location, ''), coalesce(lsoa_code, ''), coalesce(lsoa_name, ''), coalesce(crime_type, ''),
    coalesce(last_outcome, ''), coalesce(context, ''))
FROM {CHECKED} WHERE reason IS NOT NULL
"""

# The file's rows counted once; everything below reads this small table, not the rows again.
COUNTED = f"""
CREATE OR REPLACE TEMP TABLE street_counted AS
SELECT r.force_code, r.area_code, r.category_id, r.month, COUNT(*) AS n, MIN(t.text) AS force_name
FROM {_CODED_ROWS} r JOIN street_texts t ON t.text_id = r.reported_by_id
WHERE r.source_id = ? GROUP BY r.force_code, r.area_code, r.category_id, r.month
"""

# The same, already counted from the vouched chunks (registered as ``street_tally``, see street/tally.py).
COUNTED_FROM_TALLY = "CREATE OR REPLACE TEMP TABLE street_counted AS SELECT * FROM street_tally"

# What the store holds, read once per store (see street/state.py).
STORED_SHAS = "SELECT sha256 FROM sources"
HELD = "SELECT force_code, month FROM street_months WHERE replaced_by IS NULL"
KNOWN_AREA_FORCES = "SELECT area_code, force_code FROM street_area_forces"
KNOWN_TEXTS = "SELECT text, text_id FROM street_texts"

# A chunk's texts not stored before (registered as ``street_new_texts``; ids from street/state.py).
ADD_TEXTS = "INSERT INTO street_texts SELECT text_id, text FROM street_new_texts"

# The (force, month) pairs this file brings that another file holds now.  CREATE ... AS returns
# its row count, so the revision statements below run only when there is something to revise.
REPLACED = """
CREATE OR REPLACE TEMP TABLE street_replaced AS
SELECT m.force_code, m.month, m.source_id AS old_source FROM street_months m
WHERE m.replaced_by IS NULL AND (m.force_code, m.month) IN (SELECT force_code, month FROM street_counted)
"""

# Force-months the new file holds with fewer rows than the file it replaces, by more than the
# share allowed (the parameter is 1 - that share): a cut-short file or a partial extract would
# otherwise replace a complete month (see writer.MAX_SHRINK).
SHRUNK = """
SELECT r.force_code, m.force_name, r.month, m.row_count, c.n FROM street_replaced r
JOIN street_months m ON m.force_code = r.force_code AND m.month = r.month AND m.source_id = r.old_source
JOIN (SELECT force_code, month, SUM(n) AS n FROM street_counted GROUP BY ALL) c
    ON c.force_code = r.force_code AND c.month = r.month
WHERE c.n < m.row_count * ? ORDER BY r.month, r.force_code
"""

# Counts per (force, area, category, month) that differ between the replaced rows and the new ones.
CHANGED = f"""
WITH old AS (SELECT i.force_code, i.area_code, i.category_id, i.month, COUNT(*) AS n FROM {_CODED_ROWS} i
             JOIN street_replaced r ON i.source_id = r.old_source AND i.force_code = r.force_code AND i.month = r.month
             GROUP BY ALL),
     new AS (SELECT c.force_code, c.area_code, c.category_id, c.month, c.n FROM street_counted c
             JOIN street_replaced r ON c.force_code = r.force_code AND c.month = r.month)
SELECT COUNT(*) FROM old FULL OUTER JOIN new USING (force_code, area_code, category_id, month)
WHERE old.n IS DISTINCT FROM new.n
"""

_REPLACED_OBSERVATIONS = ("FROM observations WHERE scheme = 'police_uk' AND (source_id, month) IN "
                          "(SELECT old_source, month FROM street_replaced)")
COUNT_REPLACED = f"SELECT COUNT(*) {_REPLACED_OBSERVATIONS}"
REPLACED_FILES = ("SELECT DISTINCT s.file_name FROM sources s JOIN street_replaced r ON s.source_id = r.old_source "
                  "ORDER BY 1")
ARCHIVE_REPLACED = f"INSERT INTO observations_history SELECT *, ?, now() {_REPLACED_OBSERVATIONS}"
DELETE_REPLACED = f"DELETE {_REPLACED_OBSERVATIONS}"
MARK_REPLACED = """
UPDATE street_months AS m SET replaced_by = ?, replaced_at = now() FROM street_replaced r
WHERE m.force_code = r.force_code AND m.month = r.month AND m.source_id = r.old_source AND m.replaced_by IS NULL
"""
ADD_MONTHS = """
INSERT INTO street_months
SELECT c.force_code, MIN(c.force_name), c.month, ?, SUM(c.n),
    coalesce(SUM(c.n) FILTER (WHERE c.area_code = f.no_location_code), 0), NULL, NULL
FROM street_counted c JOIN (SELECT DISTINCT force_code, no_location_code FROM street_force_map) f
    ON c.force_code = f.force_code
GROUP BY c.force_code, c.month
RETURNING force_code, month
"""

# Observations are the current incidents counted per area and per force (line is NULL: each
# one sums many rows, whose lines are in street_rows).  After a revision, an old source's
# rows for other forces in the same months are counted again (usually none: a file is a force).
_PER_AREA_AND_FORCE = """
SELECT 'police_uk', area_code, category_id, month, SUM(n), {source}, NULL FROM {rows} GROUP BY ALL
UNION ALL
SELECT 'police_uk', force_code, category_id, month, SUM(n), {source}, NULL FROM {rows} GROUP BY ALL
"""
OBSERVE_NEW = "INSERT INTO observations " + _PER_AREA_AND_FORCE.format(source="?", rows="street_counted")
OBSERVE_REMAINDER = "INSERT INTO observations WITH remainder AS (" + f"""
    SELECT i.source_id, i.force_code, i.area_code, i.category_id, i.month, COUNT(*) AS n
    FROM {_CODED_ROWS} i JOIN street_months m
        ON i.source_id = m.source_id AND i.force_code = m.force_code AND i.month = m.month AND m.replaced_by IS NULL
    WHERE (i.source_id, i.month) IN (SELECT old_source, month FROM street_replaced) GROUP BY ALL)
""" + _PER_AREA_AND_FORCE.format(source="source_id", rows="remainder")

# Returns the pairs it added (not the ones it ignored), for street/state.py.
AREA_FORCES = """
INSERT OR IGNORE INTO street_area_forces
SELECT DISTINCT area_code, force_code FROM street_counted
UNION SELECT DISTINCT force_code, force_code FROM street_counted
RETURNING area_code, force_code
"""


# New (area, force) pairs of a file counted in Python (registered as ``street_new_pairs``).
# A file counted in Python (street/tally.py): its force-months and observations, as they are.
ADD_MONTH_ROWS = "INSERT INTO street_months SELECT * FROM street_month_rows"
ADD_OBSERVED = "INSERT INTO observations SELECT * FROM street_observed"

ADD_AREA_FORCES = "INSERT OR IGNORE INTO street_area_forces SELECT * FROM street_new_pairs RETURNING area_code, force_code"

SOURCE_ROW = """
INSERT INTO sources (source_id, file_name, path, sha256, format, kind, scheme, publisher, licence, url, rows_read,
    rows_stored, rows_refused, observations, first_month, last_month, values_replaced, values_changed, ingested_at)
VALUES (?, ?, ?, ?, ?, ?, 'police_uk', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
