"""kill -9 during a large multi-file ingest: the store is exactly as before the command or
exactly as after it, never in between (one transaction per command), and it still opens; a
copy decompressed for the killed ingest is swept away the next time the store opens."""

from __future__ import annotations

import gzip
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from rel_files import STREET_HEADER, checksum, csv_bytes, seeded_store, street_rows, write

import factbeat

INGEST = """
import sys, factbeat
with factbeat.open(sys.argv[1]) as fb:
    print("OPEN", flush=True)
    fb.ingest(sys.argv[2:])
print("DONE", flush=True)
"""

PAUSE_INSIDE = """
import sys, time
import factbeat, factbeat.store.street.writer as writer
hook = writer.StreetWriter._store_rows
def paused(self, *args):
    hook(self, *args)
    print("INSIDE", flush=True)
    time.sleep(120)
writer.StreetWriter._store_rows = paused
with factbeat.open(sys.argv[1]) as fb:
    fb.ingest(sys.argv[2:])
"""


def start(script: str, *args) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(factbeat.__file__).parents[1])}
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def test_kill_during_a_multi_file_ingest_leaves_before_or_after(tmp_path):
    seed = seeded_store(tmp_path / "seed.duckdb", tmp_path / "seed")
    files = [write(tmp_path / "in" / f"2019-{m:02d}-test-street.csv", csv_bytes(STREET_HEADER, street_rows(25_000, f"2019-{m:02d}")))
             for m in range(1, 5)]
    before = checksum(seed, times=False)
    after_db = tmp_path / "after.duckdb"
    shutil.copyfile(seed, after_db)
    with factbeat.open(after_db) as fb:
        fb.ingest(files)
    after = checksum(after_db, times=False)
    chance = random.Random(15)
    outcomes = []
    for attempt in range(6):
        db = tmp_path / f"kill-{attempt}.duckdb"
        shutil.copyfile(seed, db)
        process = start(INGEST, db, *files)
        assert process.stdout.readline().strip() == "OPEN", process.stderr.read()
        time.sleep(chance.uniform(0.0, 2.0))
        kill(process)
        state = checksum(db, times=False)  # opening it also proves the store recovers
        assert state in (before, after), f"attempt {attempt}: the store is neither as before nor as after"
        outcomes.append("after" if state == after else "before")
    assert "before" in outcomes  # at least one kill landed inside the transaction


def test_a_copy_left_by_a_killed_gzip_ingest_is_swept(tmp_path):
    db = seeded_store(tmp_path / "store.duckdb", tmp_path / "seed")
    before = checksum(db)
    path = tmp_path / "2019-06-test-street.csv.gz"
    path.write_bytes(gzip.compress(csv_bytes(STREET_HEADER, street_rows(5_000, "2019-06"))))
    process = start(PAUSE_INSIDE, db, path)
    try:
        assert process.stdout.readline().strip() == "INSIDE", process.stderr.read()
    finally:
        kill(process)
    with factbeat.open(db, read_only=True) as fb:
        left = list(fb.store.temp_folder.rglob("*.csv"))
    assert left, "the killed ingest should have left its decompressed copy"
    assert checksum(db) == before
    with factbeat.open(db) as fb:  # opening for writing sweeps it
        assert not fb.store.temp_folder.exists()
