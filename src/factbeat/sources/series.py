"""What the readers of the London series return: tidy rows that may span several schemes.

The MPS dashboard files hold borough rows and Safer Neighbourhood Team (ward-like) rows, and
offences next to positive outcomes; the ward and LSOA files hold small areas inside boroughs.
Each row therefore carries its own ``scheme`` (which also says its geography level) and, for a
small area, the borough it lies in (``parent_code``), so a borough figure is never built by
summing wards.  Readers touch no database, exactly like :mod:`factbeat.sources.table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

SERIES_SCHEMA = pa.schema(
    [
        ("scheme", pa.string()),
        ("area_code", pa.string()),
        ("area_name", pa.string()),
        ("parent_code", pa.string()),  # the borough a ward or LSOA lies in; null for borough rows
        ("major", pa.string()),
        ("minor", pa.string()),
        ("month", pa.date32()),
        ("count", pa.int64()),
        ("line", pa.int32()),
    ]
)


@dataclass
class RefusedRow:
    """An input row not stored, with the reason: kept in the store's quarantine table."""

    line: int
    reason: str
    raw: str


@dataclass
class SeriesTable:
    """A file read into tidy rows for one or more schemes.

    ``capped`` marks a file from which a third party deleted rows above a count cap: a row
    absent from it may be zero or may have been deleted, so figures built on it are lower bounds
    (see stats/capped.py).  ``complete_zeros`` marks files that omit zero rows (the dashboards):
    an area-month absent from a complete file is a zero.
    """

    path: Path
    format: str
    kind: str  # always "series"
    scheme: str  # the main scheme (borough rows), for the sources table
    table: pa.Table
    rows_read: int
    publisher: str
    licence: str
    capped: bool = False
    refused: list[RefusedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def schemes(self) -> list[str]:
        return sorted(set(self.table.column("scheme").to_pylist()))


def empty_columns() -> dict[str, list]:
    return {name: [] for name in SERIES_SCHEMA.names}


def add_row(columns: dict[str, list], *values: object) -> None:
    for name, value in zip(SERIES_SCHEMA.names, values, strict=True):
        columns[name].append(value)

