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
            "url": public_url(meta),
            # Street-level observations sum many incident rows; their lines are in street_incidents.
            "lines": line_ranges(lines[source_id]) or "all rows",
        })
    return out


def public_url(meta: dict) -> str | None:
    """The official address of a stored file, never a path on the machine that ingested it.

    Files fetched from the publisher keep the address they came from; files read from a local
    folder or mirror get the catalogue's download address, else the publisher's dataset page.
    """
    url = meta.get("url")
    if url and str(url).startswith(("http://", "https://")) and "127.0.0.1" not in url and "localhost" not in url:
        return url
    from pathlib import PurePath

    from factbeat.sources.catalogue import DATASETS

    name = meta.get("file_name")
    folder = PurePath(str(meta.get("path") or url or "")).parent.name
    found = [(d, f) for d in DATASETS for f in d.files if f.name == name]
    found = [(d, f) for d, f in found if d.name == folder] or found
    if found:
        dataset, file = found[0]
        return file.url or dataset.page
    publisher = (meta.get("publisher") or "").lower()
    if "police.uk" in publisher:
        return "https://data.police.uk/data/"
    if "london datastore" in publisher or "greater london authority" in publisher:
        return "https://data.london.gov.uk/"
    if "ons" in publisher.split() or "office for national statistics" in publisher:
        return "https://www.ons.gov.uk/"
    return None
