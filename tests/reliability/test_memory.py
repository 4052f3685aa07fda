"""Streaming: the memory a street file's ingest holds does not grow with the file.

Measured through pyarrow's allocator (deterministic, no timing): with small chunks, the Arrow
memory held after the last chunks is about what the first chunks held.  Before the store read
chunks through a replacement scan, each chunk registered inside the ingest's transaction stayed
referenced until the commit, so memory grew with every chunk (1.3 GB for a 435 MB file).
"""

from __future__ import annotations

import pyarrow as pa
from rel_files import STREET_HEADER, csv_bytes, street_rows, write

import factbeat


def test_arrow_memory_stays_flat_over_the_chunks_of_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr("factbeat.store.street.mapping.CHUNK_ROWS", 2_000)
    monkeypatch.setattr("factbeat.sources.police_uk_street.BLOCK_BYTES", 1 << 18)
    monkeypatch.setattr("factbeat.sources.prepare.PREFETCH_BYTES", 0)  # streamed, not read whole
    path = write(tmp_path / "2020-01-test-street.csv", csv_bytes(STREET_HEADER, street_rows(60_000)))
    held: list[int] = []
    with factbeat.open(tmp_path / "store.duckdb") as fb:
        report = fb.ingest([path], on_progress=lambda done, total: held.append(pa.total_allocated_bytes()))[0]
    assert report.rows_stored == 60_000 and len(held) > 20
    early, late = max(held[2:6]), max(held[-6:-2])  # retained chunks: 11.2 MB early, 18.4 MB late
    assert late < 1.25 * early, f"Arrow memory grew from {early:,} to {late:,} bytes over the file"
