"""Reading a CSV file row by row with exact line numbers and clear encoding errors.

The borough files are small (about a thousand rows), so the standard library's ``csv`` module is
plenty fast and, unlike bulk readers, tells us the line each row came from: every error message
can then point at the file, line and field.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from factbeat.errors import FactbeatError, InputFileError
from factbeat.sources.gzipfile import open_bytes


def check_encoding(encoding: str) -> str:
    """``encoding`` if Python knows it; otherwise one clear error (not a LookupError traceback)."""
    try:
        return codecs.lookup(encoding).name
    except (LookupError, TypeError, ValueError):
        raise FactbeatError(
            f"unknown text encoding {encoding!r} (--encoding); use e.g. utf-8 (the default) or cp1252"
        ) from None


def open_text(path: Path, encoding: str = "utf-8") -> io.TextIOBase:
    """Open a plain or gzip-compressed text file; decoding errors surface as they are read."""
    check_encoding(encoding)
    return io.TextIOWrapper(open_bytes(path), encoding=encoding, errors="strict", newline="")


def read_header(path: Path, encoding: str = "utf-8") -> list[str]:
    """The first row of the file, with a byte-order mark removed."""
    rows = iter_rows(path, encoding)
    try:
        _line, header = next(rows)
    except StopIteration:
        raise InputFileError(str(path), "the file is empty (no header row)", line=1) from None
    finally:
        rows.close()
    return header


CUT_SHORT = ("does not end with a line break: the file looks cut short (an interrupted download "
             "or copy?), and its last value may be cut too; if the file is complete, end it with a line break")


def iter_rows(path: Path, encoding: str = "utf-8", *,
              final_break: bool = True) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, cells)`` for each non-blank row.

    A decoding error names the exact line and column and suggests ``--encoding``; a file whose
    last line has no line break is refused (see :data:`CUT_SHORT`) after its rows were read,
    unless ``final_break`` is False (a format published without one, whose reader checks every
    row's cells instead: the MPS homicide victims file).
    """
    last = [""]

    def lines(handle: io.TextIOBase) -> Iterator[str]:
        for text in handle:
            last[0] = text
            yield text

    with open_text(path, encoding) as handle:
        reader = csv.reader(lines(handle))
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                line, column = _find_bad_byte(path, encoding)
                raise InputFileError(
                    str(path),
                    f"the bytes at column {column} are not valid {encoding} ({exc.reason}); "
                    "if the file was saved by Excel on Windows, try --encoding cp1252",
                    line=line,
                ) from None
            except csv.Error as exc:
                raise InputFileError(str(path), f"malformed CSV: {exc}", line=reader.line_num) from None
            if start == 1 and cells and cells[0].startswith("\ufeff"):
                cells[0] = cells[0][1:]
            if cells:
                yield start, cells
    if final_break and last[0] and not last[0].endswith(("\n", "\r")):
        raise InputFileError(str(path), "the last line " + CUT_SHORT + "; nothing was stored",
                             line=max(reader.line_num, 1))


def _find_bad_byte(path: Path, encoding: str) -> tuple[int, int]:
    """Locate the first undecodable byte as (line, column): text decoders only report block offsets."""
    with open_bytes(path) as raw:
        for number, line in enumerate(raw, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError as exc:
                return number, exc.start + 1
    return 0, 0
