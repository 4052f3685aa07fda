"""Fuzzing ingest: generated malformed files of every supported format, plain, gzipped and zipped.

Each example starts from a valid file, breaks it in one to three ways (a hostile cell, a cut, a
stray byte, a repeated or renamed column, a lost line) and runs ``factbeat ingest`` on a copy
of a seeded store.  Whatever the file, the command must end with exit code 0 (the file was
still valid) or 1 with one ``Error:`` line naming the file, never a traceback, 'Aborted!' or the
"this is a bug" safety net, and after a refusal the store must be byte for byte as before.

The budget is bounded for CI (20 examples per format, the same every run: about a minute in
all); ``FACTBEAT_FUZZ_EXAMPLES=300`` runs a longer campaign of random examples.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rel_files import (
    HO_HEADER,
    HO_ROWS,
    LEGACY_HEADER,
    LEGACY_ROWS,
    POP_HEADER,
    POP_ROWS,
    STREET_HEADER,
    checksum,
    csv_bytes,
    run,
    seeded_store,
    street_rows,
)

EXAMPLES = int(os.environ.get("FACTBEAT_FUZZ_EXAMPLES", "20"))
CAMPAIGN = "FACTBEAT_FUZZ_EXAMPLES" in os.environ  # random examples; CI runs the same ones every time
GLA_HEADER = ["code", "name", "year", "population", "estimate_type"]
GLA_ROWS = [[*r, "ONS MYE"] for r in POP_ROWS]
FORMATS = {
    "legacy": (LEGACY_HEADER, LEGACY_ROWS, "borough.csv"),
    "home_office": (HO_HEADER, HO_ROWS, "borough-ho.csv"),
    "ons_population": (POP_HEADER, POP_ROWS, "population.csv"),
    "gla_population": (GLA_HEADER, GLA_ROWS, "population-gla.csv"),
    "street": (STREET_HEADER, street_rows(40, "2020-02"), "2020-02-test-street.csv"),
}
HOSTILE_CELLS = [
    "", " ", "0", "-1", "201613", "0000-01", "2020-13", "9999-99", "1e3", "nan", "inf", "-inf", "1.5",
    "100000000000000000000", str(2**63), str(2**64), "9" * 400, "\u00b2", "\u0661\u0662\u0663", "\uff11",
    "\x00", "a\x00b", "\t", "\r", "\n", '"', '""', "London", "City of London", "Unknown", "Narnia",
    "Burglary\u200b", "\ufeff", "\u2028", "=SUM(A1)", "E09000003", "E12000007", "2016", "12,345",
    "1,2,3", "-", "NULL", "None", "181", "-91", "1e308", "1e309",
]
STRAY_BYTES = [b"\r", b"\n", b'"', b"\x00", b",", b"\xff\xfe", b"\xc3", b"\xe2\x80", b"\r\n\r\n", b"\x1a"]


def cell_text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=12), st.integers(-10, 10**25).map(str))


@st.composite
def mutated(draw, fmt: str) -> tuple[bytes, list[str]]:
    """A file of ``fmt`` broken in 1-3 ways, and what was done (for the failure message)."""
    header, rows, _name = FORMATS[fmt]
    header, rows = list(header), [list(r) for r in rows]
    done: list[str] = []
    byte_ops: list = []
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["cell", "cell", "header", "repeat", "drop-line", "cut", "byte", "blank"]))
        if op == "cell":
            r, c = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(header) - 1))
            rows[r] = rows[r] + [""] * (c + 1 - len(rows[r]))
            rows[r][c] = draw(cell_text())
            done.append(f"row {r} col {c} = {rows[r][c]!r}")
        elif op == "header":
            c = draw(st.integers(0, len(header) - 1))
            header[c] = draw(cell_text())
            done.append(f"header {c} = {header[c]!r}")
        elif op == "repeat":
            c = draw(st.integers(0, len(header) - 1))
            header.append(header[c])
            for row in rows:
                row.append(row[c] if c < len(row) else "")
            done.append(f"column {c} repeated")
        elif op == "drop-line" and len(rows) > 1:
            del rows[draw(st.integers(0, len(rows) - 1))]
            done.append("a line dropped")
        elif op == "blank":
            rows.insert(draw(st.integers(0, len(rows))), [])
            done.append("a blank line")
        else:
            byte_ops.append((op, draw(st.floats(0, 1)), draw(st.sampled_from(STRAY_BYTES))))
    data = csv_bytes(header, rows)
    for op, where, stray in byte_ops:
        at = int(where * len(data))
        data = data[:at] if op == "cut" else data[:at] + stray + data[at:]
        done.append(f"{op} at byte {at}" + (f" ({stray!r})" if op == "byte" else ""))
    return data, done


def packed(data: bytes, name: str, container: str, folder: Path) -> tuple[Path, str]:
    """The file on disk as given to ingest, and the name the error must hold."""
    if container == "gz":
        path = folder / (name + ".gz")
        path.write_bytes(gzip.compress(data))
        return path, path.name
    if container == "zip":
        path = folder / "archive.zip"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"data/{name}", data)
        path.write_bytes(buffer.getvalue())
        return path, f"archive.zip!data/{name}"
    path = folder / name
    path.write_bytes(data)
    return path, name


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("fuzz-seed")
    db = seeded_store(folder / "seed.duckdb", folder / "files")
    return db, checksum(db)


TALLY = {"tried": 0, "accepted": 0, "refused": 0}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_fuzzed_files_are_stored_or_refused_cleanly(fmt, pristine, tmp_path_factory):
    seed_db, seed_sum = pristine

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not CAMPAIGN,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(case=mutated(fmt), container=st.sampled_from(["plain", "plain", "gz", "zip"]))
    def check(case, container):
        data, done = case
        folder = tmp_path_factory.mktemp("fuzz")
        db = folder / "store.duckdb"
        shutil.copyfile(seed_db, db)
        path, shown = packed(data, FORMATS[fmt][2], container, folder)
        result = run(db, "ingest", "-q", str(path))
        TALLY["tried"] += 1
        context = f"{fmt}/{container}: {done}\n{result.output}"
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"crash {result.exception!r} for {context}")
        assert "Traceback" not in result.output and "Aborted!" not in result.output, context
        assert "this is a bug" not in result.output, context
        assert result.exit_code in (0, 1), context
        if result.exit_code == 1:
            TALLY["refused"] += 1
            assert "Error:" in result.output and shown in result.output, context
            assert checksum(db) == seed_sum, f"store changed by a refused file: {context}"
        else:
            TALLY["accepted"] += 1
        shutil.rmtree(folder, ignore_errors=True)

    check()
    print(f"fuzz {fmt}: {TALLY}")
