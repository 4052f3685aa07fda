"""Readers for official data files: one per format, each returning a tidy Arrow table.

:func:`read_source` looks at the header, picks the reader, and refuses files it does not know
with the list of formats it does.  No database code lives here.
"""

from __future__ import annotations

import os
from pathlib import Path

from factbeat.errors import InputFileError, UnknownFormatError
from factbeat.sources.csvfile import read_header
from factbeat.sources.formats import FORMATS, SourceFormat, detect_format, known_formats_text
from factbeat.sources.table import SourceTable

__all__ = ["read_source", "detect_file_format", "SourceTable", "SourceFormat", "FORMATS"]


def detect_file_format(path: str | os.PathLike, encoding: str = "utf-8") -> SourceFormat:
    """The format of the file at ``path``, judged from its header row."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(str(path), "no such file")
    header = read_header(path, encoding)
    fmt = detect_format(header)
    if fmt is None:
        shown = ", ".join(header[:6]) + (", ..." if len(header) > 6 else "")
        raise UnknownFormatError(
            str(path), f"unknown header ({shown}); factbeat reads: {known_formats_text()}", line=1
        )
    return fmt


def read_source(path: str | os.PathLike, encoding: str = "utf-8") -> SourceTable:
    """Read any known official file into a :class:`SourceTable`."""
    path = Path(path)
    fmt = detect_file_format(path, encoding)
    if fmt.kind == "crime":
        from factbeat.sources.mps_borough import read_mps_borough

        return read_mps_borough(path, fmt, encoding)
    from factbeat.sources.population import read_population

    return read_population(path, fmt, encoding)
