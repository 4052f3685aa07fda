"""Collecting the problems of one file so a user sees all of them at once, not one per run."""

from __future__ import annotations

from pathlib import Path

from factbeat.errors import InputFileError

MAX_PROBLEMS = 50


class Problems:
    """Gathers (line, field, message) triples; :meth:`raise_if_any` raises one error for all."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[tuple[int | None, str | None, str]] = []

    def add(self, line: int | None, field: str | None, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append((line, field, message))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        line, field, message = self.items[0]
        texts = [f"line {ln}" + (f", field {fd!r}" if fd else "") + f": {msg}" for ln, fd, msg in self.items]
        raise InputFileError(
            str(self.path), message + "; nothing was stored", line=line, field=field, problems=texts
        )
