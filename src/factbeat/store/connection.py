"""Opening the store's DuckDB file: where it lives, how it is attached, and under what memory.

Every connection to a store goes through :func:`connect`, so the row-group size and the alias
the SQL is written against are the same for readers and writers.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from factbeat.errors import StoreBusyError
from factbeat.store.engine import engine, python_api

# Row groups of 8,192 rows instead of DuckDB's 122,880.  A street file (one force-month, 20,000
# to 90,000 rows) then fills whole row groups but for the last, which DuckDB compresses and writes
# to the file in parallel before the commit, instead of logging the raw rows and compressing them
# again at the next checkpoint; one transaction per file then costs about what one bulk load of
# all files does (see benchmarks/README.md).  Commits are exactly as atomic: uncommitted blocks
# are never referenced.
ROW_GROUP_ROWS = 8_192
DB_ALIAS = "factbeat_store"
# DuckDB's buffer pool may grow to most of the machine's memory as the store grows; ingest works
# one chunk at a time and needs little of it, so it runs under this limit (10 M rows: 0.92 GB peak).
# Its blocks come from a pool of the same size that DuckDB allocates once and keeps until the
# store closes: without it, a full pool frees and faults in memory for every new block, and
# street ingest slows by a fifth once the store outgrows the limit (see benchmarks/README.md).
INGEST_MEMORY = os.environ.get("FACTBEAT_INGEST_MEMORY", "512MB")
# A store open for writing is locked (DuckDB: one writing process, or any number of readers).
# Another process waits this long for it, saying so, instead of failing at once with DuckDB's
# lock error; then it gives up with a clear message.  FACTBEAT_LOCK_WAIT sets it (seconds).
LOCK_WAIT = float(os.environ.get("FACTBEAT_LOCK_WAIT", "60"))
_LOCK_POLL = 0.25
_HOLDER = re.compile(r"held in (.*?) \(PID (\d+)\)")
_reporter: Callable[[str], None] | None = None


def report_waits_to(callback: Callable[[str], None] | None) -> None:
    """Where 'waiting for another factbeat process' goes when :func:`connect` is given no
    ``on_wait`` (the CLI sends it to stderr; the library itself prints nothing)."""
    global _reporter
    _reporter = callback

def default_db_path() -> Path:
    """``$FACTBEAT_DB`` if set, else ``factbeat.duckdb`` in the user's data directory."""
    if env := os.environ.get("FACTBEAT_DB"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("factbeat", appauthor=False)) / "factbeat.duckdb"


def connect(path: Path, read_only: bool, *, on_wait: Callable[[str], None] | None = None,
            wait: float | None = None, threads: int | None = None) -> engine.DuckDBPyConnection:
    """Attach the store file to an in-memory host, which is how DuckDB takes a row-group size.

    A read-only store is opened on DuckDB's engine alone (see :mod:`factbeat.store.engine`).
    ``threads`` caps DuckDB's worker threads (default: one per core).

    If another process is writing to the store, wait up to ``wait`` seconds (default
    :data:`LOCK_WAIT`) for it to finish, telling ``on_wait`` once; then :class:`StoreBusyError`.
    """
    limit = LOCK_WAIT if wait is None else wait
    on_wait = on_wait or _reporter
    deadline = time.monotonic() + limit
    told = False
    while True:
        try:
            return _attach(path, read_only, threads)
        except engine.IOException as exc:
            holder = _lock_holder(exc)
            if holder is None:
                raise
            if time.monotonic() >= deadline:
                who = ("being written by another factbeat process" if read_only else
                       "in use by another factbeat process (an ingest writing it, or a reader such as "
                       "'factbeat serve' holding it open)")
                raise StoreBusyError(
                    f"the store {path} is {who} ({holder}); waited {limit:g} s for it to finish; "
                    "try again when it has (FACTBEAT_LOCK_WAIT sets the wait)"
                ) from None
            if not told and on_wait is not None:
                on_wait(f"waiting for another factbeat process to finish writing {path} ({holder}; "
                        f"up to {limit:g} s) ...")
                told = True
            time.sleep(_LOCK_POLL)


def _lock_holder(exc: engine.IOException) -> str | None:
    """'PID 1234' if ``exc`` is DuckDB's 'could not set lock' error, else None."""
    text = str(exc)
    if "lock" not in text.lower():
        return None
    match = _HOLDER.search(text)
    return f"PID {match.group(2)}" if match else "another process"


def _attach(path: Path, read_only: bool, threads: int | None = None) -> engine.DuckDBPyConnection:
    # A writer registers Arrow tables (ingest): that needs the package's Python layer; a reader
    # needs only the engine (store/engine.py).
    con = (engine if read_only else python_api()).connect(config={"threads": threads} if threads else {})
    options = f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}" + (", READ_ONLY" if read_only else "")
    quoted = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS {DB_ALIAS} ({options})")
    except BaseException:
        con.close()
        raise
    con.execute(f"USE {DB_ALIAS}")
    return con


