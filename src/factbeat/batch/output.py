"""The output dataset: ``claims/`` and ``articles/`` folders of Parquet files, one per partition.

Each partition's two files are written to a temporary name and renamed into place, claims first
and articles last, so a partition counts as done exactly when its articles file exists.  A run
killed half-way leaves only whole partitions behind (and perhaps a stray temporary file, which
is ignored and overwritten); the next run skips the done partitions and does the rest.
``_factbeat_batch.json`` remembers the partition size, so a resumed run cuts the input the same way.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from factbeat.batch.rows import ARTICLE_COLUMNS, CLAIM_COLUMNS, arrow_schema
from factbeat.errors import FactbeatError

MANIFEST = "_factbeat_batch.json"


def prepare_output(out: str | Path, input_path: str, partition_size: int | None) -> int:
    """Create the folders and return the partition size to use (the stored one on a resume)."""
    root = Path(out)
    if root.exists() and not root.is_dir():
        raise FactbeatError(f"{root}: the output must be a folder (a Parquet dataset)")
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "articles").mkdir(parents=True, exist_ok=True)
    manifest = root / MANIFEST
    if manifest.exists():
        stored = json.loads(manifest.read_text(encoding="utf-8"))
        if partition_size is not None and partition_size != stored["partition_size"]:
            raise FactbeatError(
                f"{root} was started with partitions of {stored['partition_size']} articles; "
                f"resume with the same size (or write to a new folder)")
        return int(stored["partition_size"])
    size = partition_size or 1000
    _atomic_write(manifest, json.dumps({"input": input_path, "partition_size": size}, indent=2).encode())
    return size


def done_partitions(out: str | Path) -> set[str]:
    """Keys of the partitions whose articles file is in place."""
    folder = Path(out) / "articles"
    return {p.name[: -len(".parquet")] for p in folder.glob("*.parquet")} if folder.is_dir() else set()


def write_partition(out: str | Path, key: str, claims: list[dict], articles: list[dict]) -> None:
    """Write one partition's claim and article rows, each file atomically, articles last."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(out)
    for folder, rows, columns in (("claims", claims, CLAIM_COLUMNS), ("articles", articles, ARTICLE_COLUMNS)):
        table = pa.Table.from_pylist(rows, schema=arrow_schema(columns))
        final = root / folder / f"{key}.parquet"
        temp = final.with_name(f".{key}.{os.getpid()}.tmp")
        pq.write_table(table, temp, compression="zstd")
        os.replace(temp, final)


def _atomic_write(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)
