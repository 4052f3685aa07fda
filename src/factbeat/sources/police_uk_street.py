"""Reader for data.police.uk street-level crime files: Arrow batches with exact line numbers.

A month of the Met is about 90,000 rows and England and Wales about 6 million rows a year, so
rows are parsed by pyarrow's CSV reader, never by a Python loop.  Its batches come in file order,
so a row's line is ``2 + its position`` *provided* every record is one physical line and no row
was skipped.  That proviso is checked, not assumed: the fingerprint counts the physical lines,
and the fast path is used only when that count equals the records read and pyarrow met no
malformed row.  Otherwise (blank lines, line breaks inside quoted values, rows with the wrong
number of fields, bytes that are not valid text) the file is re-read line by line with the
``csv`` module, which knows each record's first line, and malformed rows are refused with their
line and reason instead of failing the file.

Files of up to ``prepare.PREFETCH_BYTES`` are read into memory once (see sources/prepare.py):
the same bytes are hashed, counted, checked as UTF-8 (at memory speed, so pyarrow need not check
each value) and parsed, by the fast path and by the line-by-line one alike.  Bigger files are
hashed in one pass and parsed in another.

Why not DuckDB's own CSV reader inside the insert?  Measured: it cannot say which line a row
came from.  ``row_number() OVER ()`` or a positional join with ``range()`` gives the lines but
makes the insert single-threaded, which costs more than parsing here on the worker thread while
the store writes the previous file (benchmarks/README.md).

All cells are read as text; dates, areas and coordinates are checked in bulk on the worker thread
(:mod:`factbeat.store.street.checks`) or, for a chunk that check cannot vouch for, by the store in SQL,
which is where every refusal's reason is written.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from factbeat.errors import InputFileError
from factbeat.sources.formats import STREET_COLUMNS

FIELDS = (
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lsoa_name",
    "crime_type",
    "last_outcome",
    "context",
)
BATCH_SCHEMA = pa.schema([("line", pa.int64()), *((name, pa.string()) for name in FIELDS)])
BLOCK_BYTES = 8 << 20  # pyarrow block: about 40,000 rows, so memory stays bounded per file
HASH_BLOCK = 4 << 20  # read, hashed and counted at a time
EXACT_BATCH_ROWS = 50_000
Transform = Callable[[Iterator[pa.RecordBatch]], Iterator]


@dataclass(frozen=True)
class Fingerprint:
    """The file's identity (SHA-256 of its bytes) and its physical line count, from one pass."""

    sha256: str
    lines: int
    size: int
    complete: bool = True  # the last line ends with a line break (else the file looks cut short)


def fingerprint(path: Path) -> Fingerprint:
    """Hash the file and count its lines (a last line without a newline counts too), a block at
    a time: for files too big to hold in memory (see sources/prepare.py)."""
    digest, lines, size, last = hashlib.sha256(), 0, 0, b"\n"
    buffer = bytearray(HASH_BLOCK)  # reused: a fresh block per read costs page faults
    view = memoryview(buffer)
    with open(path, "rb") as handle:
        while n := handle.readinto(buffer):
            digest.update(view[:n])
            lines += _newlines(view[:n])
            size += n
            last = buffer[n - 1 : n]
    return Fingerprint(digest.hexdigest(), lines + (last != b"\n"), size, last in (b"\n", b"\r"))


def fingerprint_bytes(data: bytes) -> Fingerprint:
    """:func:`fingerprint` of a file already read into memory."""
    view = memoryview(data)
    lines = sum(_newlines(view[i : i + HASH_BLOCK]) for i in range(0, len(data), HASH_BLOCK))
    unterminated = bool(data) and not data.endswith(b"\n")
    complete = not data or data.endswith((b"\n", b"\r"))
    return Fingerprint(hashlib.sha256(data).hexdigest(), lines + unterminated, len(data), complete)


def _newlines(block: memoryview) -> int:
    """How many b"\\n" bytes (numpy compares four times faster than ``bytes.count``)."""
    return int(np.count_nonzero(np.frombuffer(block, np.uint8) == 10))


@dataclass(frozen=True)
class Refusal:
    """A row that is not stored: where it is and why (goes to the quarantine table)."""

    line: int
    reason: str
    raw: str


class _NeedExactRead(Exception):
    """The fast path cannot vouch for its line numbers; re-read line by line."""


@dataclass
class StreetReader:
    """One street-level CSV with ``lines`` physical lines (from :func:`fingerprint`), read once.

    ``refused`` holds malformed rows.  :meth:`prefetch` parses the whole file ahead of time (on a
    worker thread, while the store writes the previous file); otherwise rows are streamed.  With
    ``data`` (the file's bytes) both paths parse those bytes, not the file again.
    """

    path: Path
    lines: int
    encoding: str = "utf-8"
    print_name: str = ""
    rows_read: int = 0
    refused: list[Refusal] = field(default_factory=list)
    note: str = ""
    data: bytes | None = None  # the file's bytes, when it was read whole
    _parsed: list | None = None
    _exact_only: bool = False

    def prefetch(self, transform: Transform) -> None:
        """Run the fast path now and keep ``transform(batches)`` (memory: about the file's size)."""
        try:
            self._parsed = list(transform(self._fast(self.lines)))
            self.data = None  # parsed: the bytes are no longer needed
        except _NeedExactRead as why:
            self.note, self._exact_only = f"read line by line ({why})", True

    def items(self, restart: Callable[[], None], transform: Transform) -> Iterator:
        """``transform(batches)`` over every row in file order.  If the fast path fails its check,
        ``restart()`` is called (the caller discards what it stored) and the file is read again
        line by line."""
        if self._parsed is not None:
            yield from self._parsed
            self._parsed = None
            return
        if not self._exact_only:
            try:
                yield from transform(self._fast(self.lines))
                return
            except _NeedExactRead as why:
                self.note = f"read line by line ({why})"
            restart()
        yield from transform(self._exact())
        self.data = None

    def _fast(self, lines: int) -> Iterator[pa.RecordBatch]:
        malformed = []
        valid_text = self._valid_utf8()
        options = dict(
            read_options=pacsv.ReadOptions(
                skip_rows=1,
                column_names=list(FIELDS),
                encoding=self.encoding,
                block_size=BLOCK_BYTES,
                use_threads=False,
            ),
            parse_options=pacsv.ParseOptions(
                invalid_row_handler=lambda row: malformed.append(row) or "skip"
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={f: pa.string() for f in FIELDS},
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                check_utf8=not valid_text,  # checked already, on the whole file at once
            ),
        )
        line = 2
        try:
            source = pa.BufferReader(self.data) if self.data is not None else self.path
            for batch in pacsv.open_csv(source, **options):
                if malformed:
                    raise _NeedExactRead(f"{len(malformed)} malformed rows")
                yield _with_lines(batch, line)
                line += batch.num_rows
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise _NeedExactRead(str(exc).splitlines()[0][:120]) from None
        if malformed:
            raise _NeedExactRead(f"{len(malformed)} malformed rows")
        if line - 2 != lines - 1:
            raise _NeedExactRead(
                f"{lines - 1} lines after the header but {line - 2} records: "
                "blank lines or line breaks inside values"
            )
        self.rows_read = line - 2
        self.data = None  # read and checked: the bytes go before the last chunk is mapped, not after

    def _valid_utf8(self) -> bool:
        """True if the file is in memory, meant as UTF-8 and is valid UTF-8, checked at memory speed
        (``isascii`` is enough for almost every file); then pyarrow need not check each value."""
        if self.data is None or codecs.lookup(self.encoding).name != "utf-8":
            return False
        if not self.data.isascii():
            try:
                self.data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _NeedExactRead(f"bytes that are not valid utf-8 text at byte {exc.start}") from None
        return True

    def _text(self) -> io.TextIOBase:
        if self.data is None:
            return open(self.path, encoding=self.encoding, errors="surrogateescape", newline="")  # noqa: SIM115
        return io.TextIOWrapper(io.BytesIO(self.data), encoding=self.encoding, errors="surrogateescape", newline="")

    def _exact(self) -> Iterator[pa.RecordBatch]:
        self.rows_read, self.refused = 0, []
        with self._text() as handle:
            reader = csv.reader(handle)
            next(reader, None)
            columns: list[list] = [[] for _ in BATCH_SCHEMA.names]
            start = reader.line_num + 1
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    raise InputFileError(
                        self.print_name or str(self.path),
                        f"malformed CSV: {exc}; nothing was stored",
                        line=start,
                    ) from None
                line, start = start, reader.line_num + 1
                if cells:
                    self._take(line, cells, columns)
                if len(columns[0]) >= EXACT_BATCH_ROWS:
                    yield pa.RecordBatch.from_arrays(columns, schema=BATCH_SCHEMA)
                    columns = [[] for _ in BATCH_SCHEMA.names]
        if columns[0]:
            yield pa.RecordBatch.from_arrays(columns, schema=BATCH_SCHEMA)

    def _take(self, line: int, cells: list[str], columns: list[list]) -> None:
        """Count the record, then keep it in ``columns`` or refuse it."""
        self.rows_read += 1
        reason = _structural_problem(cells, self.encoding)
        if reason:
            self.refused.append(Refusal(line, reason, _raw(cells, self.encoding)))
            return
        columns[0].append(line)
        for column, cell in zip(columns[1:], cells, strict=True):
            column.append(cell or None)


def _with_lines(batch: pa.RecordBatch, first: int) -> pa.RecordBatch:
    # from_buffers, not pa.array(numpy): that one imports pandas (0.2 s) to look for pandas types
    numbers = np.arange(first, first + batch.num_rows, dtype=np.int64)
    lines = pa.Array.from_buffers(pa.int64(), batch.num_rows, [None, pa.py_buffer(numbers)])
    return pa.RecordBatch.from_arrays([lines, *batch.columns], schema=BATCH_SCHEMA)


def _structural_problem(cells: list[str], encoding: str) -> str | None:
    if len(cells) != len(FIELDS):
        return f"the row has {len(cells)} fields but a street-level file has {len(FIELDS)} ({', '.join(STREET_COLUMNS)})"
    try:
        "".join(cells).encode("utf-8")
    except UnicodeEncodeError:
        return f"bytes that are not valid {encoding} text (if the file was saved by Excel, try --encoding cp1252)"
    return None


def _raw(cells: list[str], encoding: str) -> str:
    """The refused record as CSV text, undecodable bytes shown as \\x.. escapes."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerow(cells)  # the terminator also decides what is quoted
    raw = text.getvalue().removesuffix("\r\n")
    return raw.encode(encoding, "surrogateescape").decode(encoding, "backslashreplace")
