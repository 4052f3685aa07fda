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
