"""Readers for official data files: one per format, each returning a tidy Arrow table.

:func:`read_source` looks at the header, picks the reader, and refuses files it does not know
with the list of formats it does.  No database code lives here.

Street-level files (data.police.uk) are too big to hold as one table: they are streamed in
batches by :class:`factbeat.sources.police_uk_street.StreetReader` straight into the store, and
folders and zip archives are expanded by :mod:`factbeat.sources.archive`.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import TYPE_CHECKING

from factbeat.errors import InputFileError, UnknownFormatError
from factbeat.sources.csvfile import check_encoding, read_header
from factbeat.sources.formats import FORMATS, SourceFormat, detect_format, known_formats_text
from factbeat.sources.gzipfile import open_bytes

if TYPE_CHECKING:
    from factbeat.sources.table import SourceTable

__all__ = ["read_source", "detect_file_format", "SourceTable", "SourceFormat", "FORMATS"]


def detect_file_format(path: str | os.PathLike, encoding: str = "utf-8") -> SourceFormat:
    """The format of the file at ``path``, judged from its header row."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(str(path), "no such file")
    header = _header_line(path, encoding)
    fmt = detect_format(header)
    if fmt is None:
        shown = ", ".join(h if len(h) <= 40 else h[:37] + "..." for h in header[:6]) + (", ..." if len(header) > 6 else "")
        raise UnknownFormatError(
            str(path), f"unknown header ({shown}); factbeat reads: {known_formats_text()}", line=1
        )
    return fmt


def _header_line(path: Path, encoding: str) -> list[str]:
    """The header row, decoded on its own: a bad byte further down is for the reader to report
    (a street file refuses that one row), not a reason to fail to recognise the file."""
    check_encoding(encoding)
    try:
        with open_bytes(path) as raw:
            first = raw.readline(1 << 16)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read the file ({exc})") from None
    try:
        text = first.decode(encoding).lstrip("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError:
        text = ""
    if not text.strip():
        return read_header(path, encoding)  # its error names the empty file or the bad byte
    try:
        return next(csv.reader([text]))
    except csv.Error as exc:
        bad = next((cell for cell in text.split(",") if "\r" in cell), None)
        why = f"a carriage return (CR) inside the column name {bad!r}" if bad else str(exc)
        raise InputFileError(str(path), f"malformed header row: {why}", line=1, field=bad) from None


def read_source(path: str | os.PathLike, encoding: str = "utf-8", *,
                accept_new_categories: bool = False) -> SourceTable:
    """Read any known official file into a :class:`SourceTable` (categories the scheme does not
    publish are refused unless ``accept_new_categories``, see sources/categories.py)."""
    path = Path(path)
    fmt = detect_file_format(path, encoding)
    if fmt.kind in ("street", "unsupported"):
        raise InputFileError(
            str(path),
            f"{fmt.name} files are streamed row by row into the store, not read as one "
            "table; use Factbeat.ingest (factbeat ingest)",
        )
    if fmt.kind == "series":
        raise InputFileError(str(path), f"{fmt.name} files are read with read_series (sources/series_readers.py)")
    if fmt.kind == "crime":
        from factbeat.sources.mps_borough import read_mps_borough

        return read_mps_borough(path, fmt, encoding, accept_new_categories=accept_new_categories)
    from factbeat.sources.population import read_population

    return read_population(path, fmt, encoding)


def __getattr__(name: str):
    """``SourceTable`` loads pyarrow: imported only when asked for, so that reading the catalogue
    of official addresses (``sources.catalogue``) keeps one-off commands free of pyarrow."""
    if name == "SourceTable":
        from factbeat.sources.table import SourceTable

        return SourceTable
    raise AttributeError(name)
