"""What one ingest did: the record every ingest path returns to its caller."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class IngestReport:
    """What one ingest did, for the CLI to print and tests to assert on."""

    file: str
    status: str  # "stored" or "unchanged"
    format: str = ""
    scheme: str | None = None
    rows_read: int = 0
    rows_stored: int = 0
    rows_refused: int = 0
    observations: int = 0
    first_month: str | None = None
    last_month: str | None = None
    values_replaced: int = 0
    values_changed: int = 0
    replaced_files: list[str] = field(default_factory=list)
    source_id: int | None = None
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)



def file_sha256(path: Path) -> str:
    import hashlib  # OpenSSL's loading: only ingests and registers hash files, not every command

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
