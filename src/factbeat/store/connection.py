"""Opening the store's DuckDB file: where it lives, how it is attached, and under what memory.

Every connection to a store goes through :func:`connect`, so the row-group size and the alias
the SQL is written against are the same for readers and writers.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

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

def default_db_path() -> Path:
    """``$FACTBEAT_DB`` if set, else ``factbeat.duckdb`` in the user's data directory."""
    if env := os.environ.get("FACTBEAT_DB"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("factbeat", appauthor=False)) / "factbeat.duckdb"


def connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Attach the store file to an in-memory host, which is how DuckDB takes a row-group size."""
    con = duckdb.connect()
    options = f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}" + (", READ_ONLY" if read_only else "")
    quoted = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS {DB_ALIAS} ({options})")
    except BaseException:
        con.close()
        raise
    con.execute(f"USE {DB_ALIAS}")
    return con


