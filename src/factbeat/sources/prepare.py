"""Getting each input ready before the store needs it: a few steps ahead, on a worker thread.

Preparing a street file (decompressing it, reading it into memory once, hashing it, counting its
lines, parsing it into Arrow, working out each row's month, force and area, vouching for its
rows and counting them) needs no database, so it runs on a worker thread while the store writes
earlier files: pyarrow, hashlib, numpy and DuckDB all release the GIL, and the two overlap.

Up to :data:`AHEAD` files are prepared ahead, so the worker keeps busy while the store runs its
single-threaded statements (bookkeeping, commit) and the store never waits for the worker but at
the start.  Only files up to :data:`PREFETCH_BYTES` are read whole and parsed ahead, so memory
stays bounded; bigger files are hashed ahead and parsed in chunks when their turn comes.

A file whose hash is already stored is not parsed at all, so re-ingesting an archive is cheap.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from factbeat.errors import FactbeatError, InputFileError, UnexpectedInputError
from factbeat.sources import detect_file_format
from factbeat.sources.archive import InputFile, materialize, shown_as
from factbeat.sources.csvfile import CUT_SHORT
from factbeat.sources.formats import SourceFormat
from factbeat.sources.police_uk_street import (
    Fingerprint,
    StreetReader,
    Transform,
    fingerprint,
    fingerprint_bytes,
)

PREFETCH_BYTES = 64 << 20  # a month of the Met is about 20 MB
AHEAD = 2  # files prepared ahead of the one being stored (one worker: no more CPU, fewer waits)


@dataclass
class Prepared:
    """One input, ready: a plain CSV on disk, its format and, for street files, its reader."""

    item: InputFile
    path: Path
    fmt: SourceFormat
    fingerprint: Fingerprint | None = None
    reader: StreetReader | None = None
    cleanup: ExitStack = field(default_factory=ExitStack)

    def close(self) -> None:
        """Remove temporary copies (decompressed gzip files and archive entries)."""
        self.cleanup.close()


def prepare(item: InputFile, encoding: str, known: Callable[[str], bool] = lambda sha: False,
            transform: Transform | None = None, temp_root: Path | None = None) -> Prepared:
    """Materialize, detect and (for street files) fingerprint and parse one input.  ``transform``
    turns a street file's parsed batches into what the store writes (the store passes its own,
    see factbeat.store.ingest); without one, street files are parsed when their turn comes.
    ``temp_root``: where decompressed copies go (see archive.materialize)."""
    stack = ExitStack()
    try:
        fmt = detect_file_format(item.path, encoding) if item.member is None else None
        if fmt is not None and fmt.kind not in ("street", "unsupported"):
            return Prepared(item, item.path, fmt, cleanup=stack)  # borough files: read by the store
        path = stack.enter_context(materialize(item, temp_root))
        with shown_as(item, path):
            fmt = fmt or detect_file_format(path, encoding)
        if fmt.kind != "street":
            return Prepared(item, path, fmt, cleanup=stack)
        if path.stat().st_size <= PREFETCH_BYTES:
            data = path.read_bytes()
            fp = fingerprint_bytes(data)
            reader = StreetReader(path, fp.lines, encoding, print_name=item.display, data=data)
            del data  # held by the reader alone, which lets go of it once parsed
            if known(fp.sha256):
                reader.data = None  # stored already: the store reports it unchanged, reading nothing
            elif transform is not None:
                reader.prefetch(transform)
        else:
            fp = fingerprint(path)
            reader = StreetReader(path, fp.lines, encoding, print_name=item.display)
        if not fp.complete:
            raise InputFileError(item.display, "the last record " + CUT_SHORT + "; nothing was stored",
                                 line=fp.lines)
        return Prepared(item, path, fmt, fp, reader, stack)
    except FactbeatError:
        stack.close()
        raise
    except Exception as exc:  # no check foresaw this: still name the file (see errors.py)
        stack.close()
        raise UnexpectedInputError.of(item.display, exc) from exc
    except BaseException:
        stack.close()
        raise


def prepared_inputs(items: Iterable[InputFile], encoding: str, known: Callable[[str], bool] = lambda sha: False,
                    transform: Transform | None = None, temp_root: Path | None = None) -> Iterator[Prepared]:
    """Yield each input prepared, preparing the next :data:`AHEAD` meanwhile.  The caller closes each one.

    An input that cannot be prepared raises when its turn comes, after the earlier ones were
    yielded, so 'stops at the first bad file' still holds.
    """
    ahead: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbeat-prepare") as pool:
        try:
            for item in items:
                ahead.append(pool.submit(prepare, item, encoding, known, transform, temp_root))
                if len(ahead) > AHEAD:
                    yield ahead.popleft().result()
            while ahead:
                yield ahead.popleft().result()
        finally:
            for future in ahead:  # the caller stopped early: discard what was prepared ahead
                _discard(future)


def _discard(future: Future) -> None:
    try:
        future.result().close()
    except Exception:  # its own error no longer matters: an earlier file already failed
        return
