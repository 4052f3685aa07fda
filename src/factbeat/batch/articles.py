"""Reading an archive of articles: JSON Lines or Parquet, one file or a folder of them.

The archive is cut into :class:`Partition` s of a fixed number of articles before any checking
starts.  A partition is only a pointer (file, byte or row range), so the plan is cheap to send
to worker processes or Spark executors, each of which reads its own slice.  Partition keys are
stable across runs (file name, a hash of its path, chunk number), which is what lets a re-run
skip the partitions already written.

Reading never raises for one bad article: a line that is not JSON, a missing ``id`` or a
``text`` that is not a string comes back as an :class:`Article` with ``problem`` set, so it is
reported in the output rather than stopping the run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from factbeat.errors import InputFileError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")
FIELDS = ("id", "date", "text", "url", "outlet")
_BLOCK = 1 << 22


@dataclass(frozen=True)
class Partition:
    """A slice of one input file: bytes ``start:stop`` (JSON Lines) or rows (Parquet)."""

    key: str
    path: str
    fmt: str
    start: int
    stop: int
    first_line: int
    articles: int

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Partition:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


@dataclass
class Article:
    """One input row; ``where`` is ``file:line`` (or ``file:row N``) for error messages."""

    id: str | None
    date: str | None
    text: object
    url: str | None
    outlet: str | None
    where: str
    problem: str | None = None


def input_files(source: str | Path) -> list[Path]:
    """The article files of ``source``: the file itself, or a folder's files in name order."""
    path = Path(source)
    if path.is_file():
        if _fmt(path) is None:
            raise InputFileError(str(path), "expected a JSON Lines (.jsonl) or Parquet (.parquet) file")
        return [path]
    if not path.is_dir():
        raise InputFileError(str(path), "no such file or folder")
    files = sorted(
        p for p in path.rglob("*")
        if p.is_file() and _fmt(p) and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
    )
    if not files:
        raise InputFileError(str(path), "the folder holds no .jsonl or .parquet files")
    return files


def plan_partitions(source: str | Path, size: int) -> list[Partition]:
    """Cut every input file into partitions of at most ``size`` articles, in a stable order."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    parts: list[Partition] = []
    for path in input_files(source):
        fmt = _fmt(path)
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", path.stem)[:40] or "input"
        tag = f"{stem}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]}"
        ranges = _jsonl_ranges(path, size) if fmt == "jsonl" else _parquet_ranges(path, size)
        for n, (start, stop, first, count) in enumerate(ranges):
            parts.append(Partition(f"{tag}-{n:06d}", str(path), fmt, start, stop, first, count))
    return parts


def read_partition(part: Partition) -> Iterator[Article]:
    """The articles of one partition, in file order."""
    if part.fmt == "jsonl":
        yield from _read_jsonl(part)
    else:
        yield from _read_parquet(part)


def _fmt(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def _jsonl_ranges(path: Path, size: int) -> list[tuple[int, int, int, int]]:
    """Byte ranges of ``size`` lines each, found by one pass over the file counting newlines."""
    ranges, start, first, lines, offset, last = [], 0, 1, 0, 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            pos = 0
            while (found := block.find(b"\n", pos)) >= 0:
                lines += 1
                pos = found + 1
                if lines == size:
                    ranges.append((start, offset + pos, first, lines))
                    start, first, lines = offset + pos, first + lines, 0
            offset += len(block)
            last = block[-1:]
    if offset > start and (lines or last != b"\n"):
        ranges.append((start, offset, first, lines + (last != b"\n")))
    return ranges


def _parquet_ranges(path: Path, size: int) -> list[tuple[int, int, int, int]]:
    import pyarrow.parquet as pq

    try:
        rows = pq.ParquetFile(path).metadata.num_rows
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InputFileError(str(path), f"not a readable Parquet file ({exc})") from None
    return [(lo, min(lo + size, rows), lo + 1, min(lo + size, rows) - lo) for lo in range(0, rows, size)]


def _read_jsonl(part: Partition) -> Iterator[Article]:
    with open(part.path, "rb") as handle:
        handle.seek(part.start)
        data = handle.read(part.stop - part.start)
    for number, raw in enumerate(data.splitlines(), start=part.first_line):
        where = f"{part.path}:{number}"
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            yield Article(None, None, None, None, None, where, f"line is not JSON ({exc})")
            continue
        if not isinstance(row, dict):
            yield Article(None, None, None, None, None, where, "line is not a JSON object")
            continue
        yield _article(row, where)


def _read_parquet(part: Partition) -> Iterator[Article]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(part.path)
    columns = [name for name in FIELDS if name in handle.schema_arrow.names]
    meta, row, groups, skip = handle.metadata, 0, [], None
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if row + n > part.start and row < part.stop:
            groups.append(g)
            skip = row if skip is None else skip
        row += n
    table = handle.read_row_groups(groups, columns=columns)
    table = table.slice(part.start - (skip or 0), part.stop - part.start)
    for number, values in enumerate(table.to_pylist(), start=part.first_line):
        yield _article(values, f"{part.path}:row {number}")


def _article(row: dict, where: str) -> Article:
    """An article from one row's values, with the first problem found (if any)."""
    ident, date = row.get("id"), row.get("date")
    problem = None
    if ident is None or ident == "":
        problem = "missing field 'id'"
    elif not isinstance(ident, str | int):
        problem = f"field 'id' should be text or a whole number, not {type(ident).__name__}"
    if isinstance(date, dt.datetime):
        date = date.date().isoformat()
    elif isinstance(date, dt.date):
        date = date.isoformat()
    elif date is not None and not isinstance(date, str):
        problem = problem or f"field 'date' should be YYYY-MM-DD text, not {type(date).__name__}"
        date = None
    if "text" not in row or row["text"] is None:
        problem = problem or "missing field 'text'"
    elif not isinstance(row["text"], str):
        problem = problem or f"field 'text' should be text, not {type(row['text']).__name__}"
    return Article(
        id=None if ident is None else str(ident), date=date, text=row.get("text"),
        url=_text_or_none(row.get("url")), outlet=_text_or_none(row.get("outlet")),
        where=where, problem=problem,
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)
