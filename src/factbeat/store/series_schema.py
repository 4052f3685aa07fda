"""The London series tables (filled by :mod:`factbeat.store.series`), created with the rest of the schema."""

DDL = """
CREATE TABLE IF NOT EXISTS series_coverage (
    scheme VARCHAR NOT NULL, category_id INTEGER NOT NULL, month DATE NOT NULL, source_id INTEGER NOT NULL,
    capped BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS small_areas (
    area_code VARCHAR NOT NULL, name VARCHAR, kind VARCHAR NOT NULL, parent_code VARCHAR, scheme VARCHAR NOT NULL,
    first_month DATE, last_month DATE, source_id INTEGER NOT NULL);
"""
