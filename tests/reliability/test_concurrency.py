"""Several factbeat processes on one store: a second writer or a reader waits a bounded time for
the writer, saying so, and then either proceeds or gives up with one clear line; ``check
--no-data`` needs no store at all.  Real processes, a real DuckDB file, no mocks.

A 'holder' process opens the store for writing (as an ingest does for its whole run) and keeps
it until told to stop, so each test controls exactly when the lock is released.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rel_files import STREET_HEADER, csv_bytes, street_rows, write

import factbeat

HOLD = """
import sys, factbeat
fb = factbeat.open(sys.argv[1])
print("HOLDING", flush=True)
sys.stdin.readline()
fb.close()
"""


def env(wait: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(Path(factbeat.__file__).parents[1]), "FACTBEAT_LOCK_WAIT": wait}


def cli(db: Path, *args: str, wait: str = "60") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "factbeat.cli", "--db", str(db), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(wait))


@pytest.fixture()
def holder(store):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env("60"))
    assert process.stdout.readline().strip() == "HOLDING", process.stderr.read()
    yield process
    if process.poll() is None:
        process.communicate("\n", timeout=60)


def release(process: subprocess.Popen) -> None:
    process.stdin.write("\n")
    process.stdin.flush()


def wait_for_message(process: subprocess.Popen) -> str:
    line = process.stderr.readline()
    assert "waiting for another factbeat process to finish writing" in line, line
    return line


@pytest.mark.parametrize("command", [
    ["figure", "Barnet", "burglary", "January 2016"],
    ["sources", "--json"],
    ["ingest", "-q", "{street}"],
    ["check", "{story}", "--json"],
], ids=["figure", "sources", "second-ingest", "check-with-data"])
def test_a_second_process_waits_for_the_writer_then_proceeds(tmp_path, store, holder, command):
    files = {"{street}": write(tmp_path / "2021-01-test-street.csv", csv_bytes(STREET_HEADER, street_rows(12, "2021-01"))),
             "{story}": write(tmp_path / "story.txt", "Burglary in Barnet rose from 392 to 401 in February 2016.")}
    process = cli(store, *[files[c].as_posix() if c in files else c for c in command])
    line = wait_for_message(process)
    assert f"PID {holder.pid}" in line
    release(holder)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def test_a_reader_gives_up_after_the_bounded_wait_with_one_clear_line(store, holder):
    process = cli(store, "figure", "Barnet", "burglary", "January 2016", wait="1")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert f"is being written by another factbeat process (PID {holder.pid}); waited 1 s" in err
    assert "Traceback" not in err and "IO Error" not in err


def test_serve_during_an_ingest_waits_then_gives_up_cleanly(store, holder):
    process = cli(store, "serve", "--port", "0", wait="1")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1 and "being written by another factbeat process" in err
    assert "Traceback" not in err


def test_check_without_data_runs_during_an_ingest(tmp_path, store, holder):
    story = write(tmp_path / "story.txt", "Robberies fell from 50 to 40, down 20 per cent.")
    process = cli(store, "check", str(story), "--no-data", "--json", wait="0")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "waiting" not in err


def test_two_ingests_at_once_both_store_their_files(tmp_path, store):
    """No holder: two real ingests race for the lock; the loser waits, both succeed, nothing mixes."""
    first = write(tmp_path / "a" / "2021-02-test-street.csv", csv_bytes(STREET_HEADER, street_rows(30_000, "2021-02")))
    second = write(tmp_path / "b" / "2021-03-test-street.csv", csv_bytes(STREET_HEADER, street_rows(20_000, "2021-03")))
    one, two = cli(store, "ingest", "-q", str(first)), cli(store, "ingest", "-q", str(second))
    results = [p.communicate(timeout=300) for p in (one, two)]
    assert (one.returncode, two.returncode) == (0, 0), results
    with factbeat.open(store, read_only=True) as fb:
        assert fb.figure("Test Police", "total crime", "February 2021").count == 30_000
        assert fb.figure("Test Police", "total crime", "March 2021").count == 20_000


def test_an_ingest_while_a_server_reads_gives_up_naming_the_reason(tmp_path, store):
    """A running reader (factbeat serve keeps the store open) blocks writers; the ingest says why."""
    reader = subprocess.Popen([sys.executable, "-c", HOLD.replace("factbeat.open(sys.argv[1])",
                                                                  "factbeat.open(sys.argv[1], read_only=True)"),
                               str(store)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env("60"))
    try:
        assert reader.stdout.readline().strip() == "HOLDING", reader.stderr.read()
        street = write(tmp_path / "2021-04-test-street.csv", csv_bytes(STREET_HEADER, street_rows(5, "2021-04")))
        out, err = cli(store, "ingest", "-q", str(street), wait="1").communicate(timeout=60)
        assert f"in use by another factbeat process (an ingest writing it, or a reader such as 'factbeat serve' " \
               f"holding it open) (PID {reader.pid})" in err
        assert "Traceback" not in err
    finally:
        reader.communicate("\n", timeout=60)
