"""A read-only snapshot of the store for grounding on workers.

Workers never share the live store: the DuckDB file is copied once into the output's work
folder (its write-ahead log folded in), and each worker opens that copy read-only once.  Spark ships the
same copy to every executor with ``SparkContext.addFile``, so no task opens a connection to the
live database.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from factbeat.errors import FactbeatError

WORK = "_work"


def make_snapshot(db: str | Path, out: str | Path) -> Path:
    """Copy the store ``db`` into ``out/_work/`` and return the copy's path."""
    source = Path(db)
    if not source.is_file():
        raise FactbeatError(f"{source}: no store to ground claims against (load data first, or use --no-ground)")
    folder = Path(out) / WORK
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"store-{uuid.uuid4().hex[:12]}.duckdb"  # a new name per run: Spark ships files by name
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():  # fold the log into the copy, so the snapshot is one file to ship
        import duckdb

        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
        with duckdb.connect(str(target)) as con:
            con.execute("CHECKPOINT")
    return target


def remove_snapshot(out: str | Path) -> None:
    shutil.rmtree(Path(out) / WORK, ignore_errors=True)
