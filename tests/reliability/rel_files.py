"""Small input files written on the spot, a checksum of everything a store holds, and the CLI run
in-process, for the reliability tests (docs/reliability.md says what each test guarantees)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from pathlib import Path

from click.testing import CliRunner, Result

import factbeat
from factbeat.cli import cli

LEGACY_HEADER = ["Borough", "Major Category", "Minor Category", "201601", "201602"]
LEGACY_ROWS = [
    ["Barnet", "Burglary", "Burglary in a Dwelling", "392", "401"],
    ["Brent", "Burglary", "Burglary in a Dwelling", "210", "199"],
    ["Barking and Dagenham", "Burglary", "Burglary in a Dwelling", "150", "160"],
]
HO_HEADER = ["MajorText", "MinorText", "BoroughName", "201601", "201602"]
HO_ROWS = [
    ["Burglary", "Domestic Burglary", "Barnet", "300", "310"],
    ["Burglary", "Domestic Burglary", "Brent", "120", "130"],
]
POP_HEADER = ["code", "name", "year", "population"]
POP_ROWS = [["E09000003", "Barnet", "2016", "386083"], ["E09000005", "Brent", "2016", "328254"]]
STREET_HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                 "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]


def street_rows(n: int, month: str = "2020-01", force: str = "Test Police") -> list[list[str]]:
    types = ("Burglary", "Drugs", "Robbery")
    return [[f"{i:064x}", month, force, force, "-1.5", "53.8", "On or near Test Street", "E01011111",
             f"Leeds {i % 50:03d}A", types[i % 3], "Under investigation", ""] for i in range(n)]


def csv_bytes(header: list[str], rows: list[list[str]], newline: str = "\r\n") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = data.encode("utf-8") if isinstance(data, str) else data
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def checksum(db: Path, *, times: bool = True) -> str:
    """A digest of every row of every table (sorted), so 'unchanged' means byte for byte.
    ``times=False`` leaves out timestamp columns (when a file was ingested), to compare two
    stores that took the same files at different moments."""
    digest = hashlib.sha256()
    with factbeat.open(db, read_only=True) as fb:
        tables = [r[0] for r in fb.store.query("SELECT table_name FROM duckdb_tables() ORDER BY 1")]
        for table in tables:
            columns = [name for name, kind in fb.store.query(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [table]) if times or not kind.startswith("TIMESTAMP")]
            rows = fb.store.query(f"SELECT {', '.join(columns)} FROM {table}")
            digest.update(table.encode())
            for row in sorted(repr(r) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()


def seeded_store(db: Path, folder: Path) -> Path:
    """A store holding a borough file, a population file and a street file."""
    files = [write(folder / "seed-legacy.csv", csv_bytes(LEGACY_HEADER, LEGACY_ROWS)),
             write(folder / "seed-pop.csv", csv_bytes(POP_HEADER, POP_ROWS)),
             write(folder / "2020-01-test-street.csv", csv_bytes(STREET_HEADER, street_rows(30)))]
    with factbeat.open(db) as fb:
        fb.ingest(files)
    return db


def run(db: Path, *args: str) -> Result:
    """``factbeat --db DB ARGS`` in this process (exceptions are kept, not raised)."""
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=True)


def assert_clean_refusal(result: Result, name: str) -> None:
    """Exit 1 with one 'Error: ...' message naming the file; no traceback, no 'Aborted!'."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Error:" in result.output and name in result.output, result.output
    assert "Traceback" not in result.output and "Aborted!" not in result.output, result.output
