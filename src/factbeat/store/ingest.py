"""Paths in, reports out: the whole ingest of files, folders and archives, in one direction.

:mod:`factbeat.sources` finds and reads the inputs (a worker thread prepares the next few while
the store writes, see :mod:`factbeat.sources.prepare`); the store writes all of them in one
transaction (every file or none); the caller receives one :class:`~factbeat.store.report.IngestReport` per file.
Progress goes out through a plain callback, ``on_progress(done, total)``: rows stored so far and
the rows expected in all inputs (estimated from the bytes not read yet, so it firms up as files
are counted; 0 while nothing is known).  The library draws nothing: the CLI turns the calls into
a progress bar.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import duckdb

from factbeat.errors import FactbeatError, UnexpectedInputError
from factbeat.sources import read_source
from factbeat.sources.archive import InputFile, expand_inputs, shown_as
from factbeat.sources.csvfile import check_encoding
from factbeat.sources.prepare import Prepared, prepared_inputs
from factbeat.store.catalogue import Store
from factbeat.store.report import IngestReport, file_sha256
from factbeat.store.street.mapping import mapped_chunks

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IngestOptions:
    """What the user allowed beyond the defaults (see docs/reliability.md)."""

    accept_new_categories: bool = False  # store categories the scheme does not publish
    accept_shrink: bool = False  # let a street file drop a large share of a force-month's rows


def ingest_paths(store: Store, paths: Iterable[str | os.PathLike], *, encoding: str = "utf-8",
                 url: str | None = None, on_progress: Progress | None = None,
                 options: IngestOptions = IngestOptions(),  # noqa: B008 - frozen
                 urls: Mapping[str, str] | None = None) -> list[IngestReport]:
    """Ingest files, folders and zip archives in one transaction: every file is stored or none
    (the first bad file stops the command, and the error says so).

    ``url`` is the official address recorded for every file; ``urls`` gives one per path instead
    (keyed by the path as given, e.g. the files of ``factbeat download``), ``url`` being the default.

    Folders are read in name order (``YYYY-MM...`` files are then chronological, so later
    revisions win); data.police.uk outcomes and stop-and-search files are skipped with a note.
    """
    check_encoding(encoding)
    items = expand_inputs(paths)
    counter = RowCounter(items, on_progress)
    reports: list[IngestReport] = []
    try:
        with store.bounded_memory(), store.one_writer_thread(), store.command_transaction():
            texts = store.street_state.texts  # read by the worker as the store adds to it
            known = partial(_stored, store)
            for prepared in prepared_inputs(items, encoding, known=known, transform=partial(mapped_chunks, texts=texts),
                                            temp_root=store.temp_folder):
                try:
                    address = urls.get(str(prepared.item.path), url) if urls else url
                    reports.append(_ingest_prepared(store, prepared, encoding, address, counter, options))
                except (FactbeatError, duckdb.Error):
                    raise
                except Exception as exc:  # no check foresaw this: still name the file (errors.py)
                    raise UnexpectedInputError.of(prepared.item.display, exc) from exc
                finally:
                    prepared.close()
                counter.finished(prepared.item)
    except FactbeatError as exc:
        raise _with_earlier_files(exc, reports) from exc.__cause__
    finally:
        with contextlib.suppress(OSError):
            store.temp_folder.rmdir()  # empty by now; kept if another copy is somehow still there
    counter.done()
    return reports


def _with_earlier_files(exc: FactbeatError, reports: list[IngestReport]) -> FactbeatError:
    """The error, saying also that the files before it in this command were not stored either
    (the command is one transaction), so 'nothing was stored' is true of the whole command."""
    written = [r.file for r in reports if r.status == "stored"]
    if not written:
        return exc
    names = ", ".join(written[:3]) + (f" and {len(written) - 3} more" if len(written) > 3 else "")
    return exc.with_note(f"; the {len(written)} file{'s' if len(written) > 1 else ''} read before it "
                         f"({names}) {'were' if len(written) > 1 else 'was'} not stored either: an ingest "
                         "stores all its files or none")


def _stored(store: Store, sha256: str) -> bool:
    return store.source_by_sha(sha256) is not None


def _ingest_prepared(store: Store, prepared: Prepared, encoding: str, url: str | None,
                     counter: RowCounter, options: IngestOptions) -> IngestReport:
    item, fmt = prepared.item, prepared.fmt
    if fmt.kind == "unsupported":
        return IngestReport(file=item.display, status="skipped", format=fmt.name,
                            note=f"{fmt.name} files are recognised but not read yet")
    if fmt.kind == "series":
        with shown_as(item, prepared.path):
            return _ingest_series(store, prepared, encoding, url, options)
    if fmt.kind != "street":
        with shown_as(item, prepared.path):
            return _ingest_table(store, prepared, encoding, url, options)
    counter.started(item, prepared.fingerprint.lines)
    return store.ingest_street(item, prepared.reader, prepared.fingerprint, fmt, url=url, progress=counter.rows,
                               accept_new_categories=options.accept_new_categories,
                               accept_shrink=options.accept_shrink)


def _ingest_table(store: Store, prepared: Prepared, encoding: str, url: str | None,
                  options: IngestOptions) -> IngestReport:
    """Borough and population files: small, read whole into a tidy table (see Store.ingest)."""
    sha = file_sha256(prepared.path)
    existing = _unchanged(store, sha, prepared.item.display)
    if existing:
        return existing
    table = read_source(prepared.path, encoding, accept_new_categories=options.accept_new_categories)
    if prepared.item.member:  # provenance names the archive and entry, not the deleted temporary copy
        table = replace(table, path=Path(prepared.item.display))
    return store.ingest(table, sha, url=url)


def _unchanged(store: Store, sha: str, shown: str) -> IngestReport | None:
    """The report for a file whose bytes are stored already (nothing is read), else None."""
    existing = store.stored_as(sha)
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


def _ingest_series(store: Store, prepared: Prepared, encoding: str, url: str | None,
                   options: IngestOptions) -> IngestReport:
    """London series (dashboards, homicide victims, wards, LSOAs): see factbeat.store.series."""
    from factbeat.sources.series_readers import read_series
    from factbeat.store.series import ingest_series

    sha = file_sha256(prepared.path)
    existing = _unchanged(store, sha, prepared.item.display)
    if existing:
        return existing
    table = read_series(prepared.path, prepared.fmt, encoding, accept_new_categories=options.accept_new_categories)
    if prepared.item.member:  # provenance names the archive and entry, not the deleted temporary copy
        table.path = Path(prepared.item.display)
    return ingest_series(store, table, sha, url=url)


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
