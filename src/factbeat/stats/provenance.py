"""Turning (source, line) pairs into the citation a figure carries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def line_ranges(lines: Iterable[int]) -> str:
    """'2-9, 40-47, 51' for sorted line numbers: short enough to print, exact enough to check."""
    out: list[str] = []
    start = prev = None
    for line in sorted(set(lines)):
        if start is None:
            start = prev = line
        elif line == prev + 1:
            prev = line
        else:
            out.append(f"{start}-{prev}" if start != prev else str(start))
            start = prev = line
    if start is not None:
        out.append(f"{start}-{prev}" if start != prev else str(start))
    return ", ".join(out)


def cite(rows: Iterable[tuple[int, int | None]], sources: dict[int, dict]) -> list[dict]:
    """One citation per source file: its identity, publisher, licence and the lines used."""
    lines: dict[int, list[int]] = defaultdict(list)
    for source_id, line in rows:
        if line is not None:
            lines[source_id].append(line)
        else:
            lines.setdefault(source_id, [])
    out = []
    for source_id in sorted(lines):
        meta = sources.get(source_id, {})
        out.append({
            "source_id": source_id,
            "file_name": meta.get("file_name"),
            "sha256": meta.get("sha256"),
            "format": meta.get("format"),
            "publisher": meta.get("publisher"),
            "licence": meta.get("licence"),
            "url": meta.get("url"),
            # Street-level observations sum many incident rows; their lines are in street_incidents.
            "lines": line_ranges(lines[source_id]) or "all rows",
        })
    return out
