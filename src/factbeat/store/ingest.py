"""Paths in, reports out: the whole ingest of files, folders and archives, in one direction.

:mod:`factbeat.sources` finds and reads the inputs (a worker thread prepares the next few while
the store writes, see :mod:`factbeat.sources.prepare`); the store writes each file in its own
transaction; the caller receives one :class:`~factbeat.store.report.IngestReport` per file.
Progress goes out through a plain callback, ``on_progress(done, total)``: rows stored so far and
the rows expected in all inputs (estimated from the bytes not read yet, so it firms up as files
are counted; 0 while nothing is known).  The library draws nothing: the CLI turns the calls into
a progress bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial

from factbeat.sources import read_source
from factbeat.sources.archive import InputFile, expand_inputs
from factbeat.sources.prepare import Prepared, prepared_inputs
from factbeat.store.catalogue import Store
from factbeat.store.report import IngestReport, file_sha256
from factbeat.store.street.mapping import mapped_chunks

Progress = Callable[[int, int], None]


def ingest_paths(store: Store, paths: Iterable[str | os.PathLike], *, encoding: str = "utf-8",
                 url: str | None = None, on_progress: Progress | None = None) -> list[IngestReport]:
    """Ingest files, folders and zip archives, one file per transaction; stops at the first bad file.

    Folders are read in name order (``YYYY-MM...`` files are then chronological, so later
    revisions win); data.police.uk outcomes and stop-and-search files are skipped with a note.
    """
    items = expand_inputs(paths)
    counter = RowCounter(items, on_progress)
    reports = []
    with store.bounded_memory():
        texts = store.street_state.texts  # read by the worker as the store adds to it
        known = partial(_stored, store)
        for prepared in prepared_inputs(items, encoding, known=known, transform=partial(mapped_chunks, texts=texts)):
            try:
                reports.append(_ingest_prepared(store, prepared, encoding, url, counter))
            finally:
                prepared.close()
            counter.finished(prepared.item)
    counter.done()
    return reports


def _stored(store: Store, sha256: str) -> bool:
    return store.source_by_sha(sha256) is not None


def _ingest_prepared(store: Store, prepared: Prepared, encoding: str, url: str | None,
                     counter: RowCounter) -> IngestReport:
    item, fmt = prepared.item, prepared.fmt
    if fmt.kind == "unsupported":
        return IngestReport(file=item.display, status="skipped", format=fmt.name,
                            note=f"{fmt.name} files are recognised but not read yet")
    if fmt.kind == "series":
        return _ingest_series(store, prepared, encoding, url)
    if fmt.kind != "street":
        return _ingest_table(store, prepared, encoding, url)
    counter.started(item, prepared.fingerprint.lines)
    return store.ingest_street(item, prepared.reader, prepared.fingerprint, fmt, url=url, progress=counter.rows)


def _ingest_table(store: Store, prepared: Prepared, encoding: str, url: str | None) -> IngestReport:
    """Borough and population files: small, read whole into a tidy table (see Store.ingest)."""
    sha = file_sha256(prepared.path)
    return _unchanged(store, sha, prepared.item.display) or store.ingest(read_source(prepared.path, encoding), sha, url=url)


def _unchanged(store: Store, sha: str, shown: str) -> IngestReport | None:
    """The report for a file whose bytes are stored already (nothing is read), else None."""
    existing = store.source_by_sha(sha)
    if not existing:
        return None
    return IngestReport(
        file=shown,
        status="unchanged",
        format=existing["format"],
        scheme=existing["scheme"],
        source_id=existing["source_id"],
        note=f"already stored as source {existing['source_id']} ({existing['file_name']})",
    )


def _ingest_series(store: Store, prepared: Prepared, encoding: str, url: str | None) -> IngestReport:
    """London series (dashboards, homicide victims, wards, LSOAs): see factbeat.store.series."""
    from factbeat.sources.series_readers import read_series
    from factbeat.store.series import ingest_series

    sha = file_sha256(prepared.path)
    return _unchanged(store, sha, prepared.item.display) or ingest_series(
        store, read_series(prepared.path, prepared.fmt, encoding), sha, url=url)


class RowCounter:
    """Turns rows stored per chunk into ``on_progress(done, total)`` calls.

    The total is estimated from bytes: rows stored, plus the bytes not yet read divided by the
    bytes per row of the file being read (its line count is known before its rows are stored).
    """

    def __init__(self, items: list[InputFile], on_progress: Progress | None) -> None:
        self.on_progress = on_progress
        self.total_bytes = sum(item.size for item in items)
        self.finished_bytes = 0
        self.per_row = 0.0  # bytes per row of the file being stored; 0 before the first street file
        self.count = 0  # rows stored in all files
        self.count_in_file = 0

    def started(self, item: InputFile, lines: int) -> None:
        self.per_row = item.size / max(lines - 1, 1)
        self.count_in_file = 0

    def rows(self, n: int) -> None:
        """``n`` rows stored (negative: a file started again and forgot what it stored)."""
        self.count += n
        self.count_in_file += n
        self._report()

    def finished(self, item: InputFile) -> None:
        self.finished_bytes += item.size
        self.count_in_file = 0
        self._report()

    def done(self) -> None:
        if self.on_progress:
            self.on_progress(self.count, self.count)

    def _report(self) -> None:
        if not self.on_progress:
            return
        if not self.per_row:
            self.on_progress(self.count, 0)
            return
        read = self.finished_bytes + self.count_in_file * self.per_row
        left = max(self.total_bytes - read, 0.0)
        self.on_progress(self.count, self.count + round(left / self.per_row))
