"""Helpers for street-level (data.police.uk) tests: small files written on the spot, real files read
from ../shared/data, and a snapshot of everything a store holds (to prove nothing changed)."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest
from datafiles import DATA

import factbeat

HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
          "Last outcome category,Context")
WY_DIR = DATA / "data-police-uk-street-west-yorkshire"
WY_FILES = [WY_DIR / f"{y}-07-west-yorkshire-street.csv.gz" for y in (2016, 2017, 2018)]
MET_SAMPLE = DATA / "data-police-uk-metropolitan-street-sample" / "2023-01-metropolitan-street-sample.csv"
TABLES = ("sources", "categories", "observations", "observations_history", "quarantine", "street_incidents",
          "street_rows", "street_texts", "street_months", "street_areas", "street_area_forces")


def need_real() -> None:
    if not WY_DIR.is_dir() or not MET_SAMPLE.is_file():
        pytest.skip(f"real data.police.uk files are not present under {DATA}")


def street_row(month: str = "2020-01", force: str = "Test Police", lsoa: str | None = "Leeds 001A",
               crime: str = "Burglary", *, code: str | None = None, crime_id: str = "", lon: str = "-1.5",
               lat: str = "53.8", location: str = "On or near Test Street", outcome: str = "") -> str:
    """One CSV line (no newline) in the official column order."""
    lsoa_code = code if code is not None else ("E01011111" if lsoa else "")
    cells = [crime_id, month, force, force, lon if lsoa else "", lat if lsoa else "",
             location if lsoa else "No Location", lsoa_code, lsoa or "", crime, outcome, ""]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerow(cells)  # the terminator also decides what is quoted
    return text.getvalue().removesuffix("\r\n")


def write_street(path: Path, rows: list[str], newline: str = "\r\n", header: str = HEADER) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (newline.join([header, *rows]) + newline).encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def raw_rows(path: Path) -> list[dict]:
    """The file's data rows as dicts (the independent reading the store is checked against)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot(db: Path) -> dict:
    """Row counts of every table and the full sources list: equal snapshots, equal stores."""
    with factbeat.open(db, read_only=True) as fb:
        counts = {t: fb.store.query(f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES}
        sources = fb.store.query("SELECT source_id, file_name, sha256, rows_read, rows_stored, rows_refused "
                                 "FROM sources ORDER BY source_id")
    return {"counts": counts, "sources": sources}


def as_version_2(db, *, crime_ids_as_text: bool = False) -> None:
    """Rewrite a current store into the schema 2 layout: force and area codes, Crime IDs not kept as
    bytes and Context as text in ``street_rows`` (with ``crime_ids_as_text``, as before Crime IDs
    were bytes: every ID as text and no ``crime_id_bytes`` column)."""
    import duckdb

    crime_id = "coalesce(c.text, lower(hex(r.crime_id_bytes)))" if crime_ids_as_text else "c.text"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE v2_rows AS SELECT r.source_id, r.line, f.text AS force_code, a.text AS area_code, r.category_id, "
        f"r.month, {crime_id} AS crime_id, r.reported_by_id, r.falls_within_id, r.longitude, r.latitude, r.location_id, "
        "r.lsoa_code_id, r.lsoa_name_id, r.crime_type_id, r.last_outcome_id, x.text AS context"
        + ("" if crime_ids_as_text else ", r.crime_id_bytes") + " FROM street_rows r "
        "JOIN street_texts f ON f.text_id = r.force_code_id JOIN street_texts a ON a.text_id = r.area_code_id "
        "LEFT JOIN street_texts c ON c.text_id = r.crime_id_text_id LEFT JOIN street_texts x ON x.text_id = r.context_id")
    con.execute("DROP VIEW street_incidents_current")
    con.execute("DROP VIEW street_incidents")
    con.execute("DROP TABLE street_rows")
    con.execute("ALTER TABLE v2_rows RENAME TO street_rows")
    kept = " UNION ALL ".join(f"SELECT {c}_id FROM street_rows" for c in (
        "reported_by", "falls_within", "location", "lsoa_code", "lsoa_name", "crime_type", "last_outcome"))
    con.execute(f"DELETE FROM street_texts WHERE text_id NOT IN ({kept})")
    con.execute("CREATE VIEW street_incidents AS SELECT 1 AS old_view")  # replaced on opening
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
