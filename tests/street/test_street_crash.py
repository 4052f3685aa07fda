"""kill -9 during ingest: the store is as it was before the file being written, and still opens.

One test pauses a subprocess at chosen points inside the file's transaction (the rows stored and
nothing counted; the revisions and counts done; nothing committed) and kills it there; the other kills a folder ingest
at a range of moments and checks that every file is either wholly stored or not at all.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from street_testdata import snapshot, street_row, write_street

import factbeat

PAUSE = """
import sys, time
import factbeat, factbeat.store.street.writer as ss
hook = getattr(ss.StreetWriter, sys.argv[3])
def paused(self, *args):
    hook(self, *args)
    print("INSIDE", flush=True)
    time.sleep(120)
setattr(ss.StreetWriter, sys.argv[3], paused)
with factbeat.open(sys.argv[1]) as fb:
    fb.ingest([sys.argv[2]])
"""

INGEST = """
import sys, factbeat
from pathlib import Path
with factbeat.open(sys.argv[1]) as fb:
    for path in sorted(Path(sys.argv[2]).glob("*.csv")):
        fb.ingest([path])
        print("STORED", flush=True)
"""


def big_file(path: Path, rows: int, month: str = "2020-02", force: str = "Test Police") -> Path:
    districts = ["Leeds", "Bradford", "Kirklees", "Wakefield"]
    lines = [street_row(month, force, f"{districts[i % 4]} {i % 900:03d}A", ("Burglary", "Drugs")[i % 2],
                        crime_id=f"{i:064x}") for i in range(rows)]
    return write_street(path, lines)


def start(script: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(factbeat.__file__).parents[1])}
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def assert_whole_files_only(db: Path) -> list[tuple]:
    """Every stored source is complete and consistent; nothing belongs to a source not stored."""
    with factbeat.open(db) as fb:  # opening read-write also proves the store recovers
        q = fb.store.query
        sources = q("SELECT source_id, rows_read, rows_stored, rows_refused, observations FROM sources")
        for source_id, read, stored, refused, observations in sources:
            assert read == stored + refused
            assert q("SELECT COUNT(*) FROM street_incidents WHERE source_id = ?", [source_id])[0][0] == stored
            assert q("SELECT COUNT(*) FROM observations WHERE source_id = ?", [source_id])[0][0] == observations
        for table in ("street_incidents", "observations", "quarantine", "street_months"):
            orphans = q(f"SELECT COUNT(*) FROM {table} WHERE source_id NOT IN (SELECT source_id FROM sources)")
            assert orphans[0][0] == 0, table
    return sources


@pytest.mark.parametrize("hook", ["_store_rows", "_revise_and_count"])
def test_kill_inside_the_transaction_leaves_the_store_as_it_was(tmp_path, hook):
    db = tmp_path / "crash.duckdb"
    with factbeat.open(db) as fb:
        fb.ingest([write_street(tmp_path / "2020-01-test-street.csv", [street_row() for _ in range(50)])])
    before = snapshot(db)
    path = big_file(tmp_path / "2020-02-test-street.csv", 40_000)
    process = start(PAUSE, db, path, hook)
    try:
        assert process.stdout.readline().strip() == "INSIDE", process.stderr.read()
    finally:
        kill(process)
    assert snapshot(db) == before
    with factbeat.open(db) as fb:  # and the store takes the file afterwards, whole
        report = fb.ingest([path])[0]
        assert (report.status, report.rows_stored) == ("stored", 40_000)
        assert fb.figure("Test Police", "total crime", "February 2020").count == 40_000


def test_kill_at_any_moment_never_leaves_part_of_a_file(tmp_path):
    folder = tmp_path / "archive"
    for month in range(1, 7):
        big_file(folder / f"2020-{month:02d}-test-street.csv", 25_000, f"2020-{month:02d}")
    chance = random.Random(7)
    for committed in range(5):  # kill while file committed+1 is somewhere in its ingest
        db = tmp_path / f"random-{committed}.duckdb"
        process = start(INGEST, db, folder)
        for _ in range(committed):
            assert process.stdout.readline().strip() == "STORED"
        time.sleep(chance.uniform(0.0, 0.08))
        kill(process)
        stored = assert_whole_files_only(db)
        assert committed <= len(stored) <= committed + 1
    process = start(INGEST, db, folder)
    assert process.communicate(timeout=120)[0].split().count("STORED") == 6
    sources = assert_whole_files_only(db)
    assert len(sources) == 6 and sum(s[2] for s in sources) == 150_000
    with factbeat.open(db, read_only=True) as fb:
        assert fb.figure("Leeds", "burglary", "January 2020 to June 2020").count == 6 * 6_250  # rows i % 4 == 0
