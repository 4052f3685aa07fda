"""What every reader returns: a tidy Arrow table plus what is known about the file.

Readers touch no database; the store decides what to do with the table.  Keeping the contract
in one small class means a new official format needs only a reader function and a format entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

CRIME_SCHEMA = pa.schema(
    [
        ("area_code", pa.string()),
        ("area_name", pa.string()),
        ("major", pa.string()),
        ("minor", pa.string()),
        ("month", pa.date32()),
        ("count", pa.int64()),
        ("line", pa.int32()),
    ]
)

POPULATION_SCHEMA = pa.schema(
    [
        ("area_code", pa.string()),
        ("area_name", pa.string()),
        ("year", pa.int32()),
        ("population", pa.int64()),
        ("estimate_type", pa.string()),
        ("line", pa.int32()),
    ]
)


@dataclass
class SourceTable:
    """A file read into tidy rows.

    ``rows_read`` counts data rows in the file (a wide row with 108 month cells is one row);
    ``table`` holds one row per observation.
    """

    path: Path
    format: str
    kind: str  # "crime" or "population"
    scheme: str | None
    table: pa.Table
    rows_read: int
    publisher: str
    licence: str
    notes: list[str] = field(default_factory=list)
