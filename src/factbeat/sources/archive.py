"""Inputs as users have them: files, gzip files, folders and data.police.uk zip archives.

data.police.uk publishes one zip per month laid out as ``YYYY-MM/YYYY-MM-<force>-street.csv``
(plus outcomes and stop-and-search files).  :func:`expand_inputs` turns whatever the user named
into a flat, sorted list of CSV inputs; :func:`materialize` gives each one as a plain CSV file on
disk, so every reader downstream handles exactly one case.

Archives come from the internet, so they are checked before anything is read: entries with
absolute paths or ``..`` (path traversal), symlinks, and entries that expand far beyond their
compressed size (zip bombs) are refused with :class:`ArchiveSafetyError`, and extraction
stops the moment an entry writes more bytes than it declared.
"""

from __future__ import annotations

import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from factbeat.errors import ArchiveSafetyError, InputFileError
from factbeat.sources.gzipfile import MAX_RATIO, RATIO_FLOOR, CheckedGzip

DATA_SUFFIXES = (".csv", ".csv.gz", ".zip")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputFile:
    """One CSV to ingest: a plain file, a .gz file, or one entry of a zip archive."""

    path: Path  # the file on disk (the archive, for zip entries)
    member: str | None = None  # the zip entry name
    size: int = 0  # uncompressed bytes if known, for progress

    @property
    def display(self) -> str:
        """What reports show: the path, or ``archive.zip!2016-07/2016-07-x-street.csv``."""
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def name(self) -> str:
        return PurePosixPath(self.member).name if self.member else self.path.name


def expand_inputs(paths: Iterable[str | Path]) -> list[InputFile]:
    """Every CSV named by ``paths``: files as given, folders and archives in name order."""
    out: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_data(p.name))
            if not found:
                raise InputFileError(str(path), "the folder holds no data files (.csv, .csv.gz or .zip); nothing was stored")
            for item in found:
                out += _expand_file(item)
        elif path.is_file():
            out += _expand_file(path)
        else:
            raise InputFileError(str(path), "no such file or folder")
    return out


def _is_data(name: str) -> bool:
    return name.lower().endswith(DATA_SUFFIXES)


def _expand_file(path: Path) -> list[InputFile]:
    if path.suffix.lower() != ".zip":
        return [InputFile(path, None, path.stat().st_size)]
    entries = checked_entries(path)
    nested = [i.filename for i in entries if i.filename.lower().endswith((".zip", ".gz"))]
    if nested:
        raise InputFileError(
            str(path), "the archive holds compressed files inside it (" + ", ".join(map(repr, nested[:5]))
            + "); factbeat does not open archives inside archives: extract them first; nothing was stored")
    found = [InputFile(path, i.filename, i.file_size) for i in entries if i.filename.lower().endswith(".csv")]
    if not found:
        shown = ", ".join(repr(i.filename) for i in entries[:5]) or "none"
        raise InputFileError(str(path), f"the archive holds no CSV files (entries: {shown}); nothing was stored")
    return found


def checked_entries(path: Path) -> list[zipfile.ZipInfo]:
    """The archive's file entries in name order, after refusing the whole archive if any is unsafe."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise InputFileError(str(path), f"not a readable zip archive ({exc})") from None
    problems = [f"{info.filename!r}: {reason}" for info in infos if (reason := unsafe_reason(info))]
    names: set[str] = set()
    for info in infos:
        if info.filename in names:
            problems.append(f"{info.filename!r}: two entries have this name (which one is the data?)")
        names.add(info.filename)
    if problems:
        raise ArchiveSafetyError(
            str(path),
            "unsafe archive, nothing was read: " + "; ".join(problems[:5]),
            problems=problems,
        )
    return sorted((i for i in infos if not i.is_dir()), key=lambda i: i.filename)


def unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    """Why an entry must not be extracted, or None if it is safe."""
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if ".." in parts:
        return "path contains '..' (it would write outside the target folder)"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link"
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (
            f"expands from {info.compress_size:,} to {info.file_size:,} bytes "
            f"(more than {MAX_RATIO}x: a zip bomb)"
        )
    return None


@contextmanager
def materialize(item: InputFile, temp_root: Path | None = None) -> Iterator[Path]:
    """``item`` as a plain CSV file: the file itself, or a checked, decompressed temporary copy
    (in ``temp_root`` when given: the store's own folder, which it sweeps when it opens, so a
    copy left by a killed process does not stay behind)."""
    if item.member is None and not item.path.name.lower().endswith(".gz"):
        yield item.path
        return
    if temp_root is not None:
        temp_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="factbeat-", dir=temp_root) as folder:
        target = Path(folder) / item.name.removesuffix(".gz").removesuffix(".GZ")
        if item.member is None:
            _gunzip(item.path, target)
        else:
            _extract(item, target)
        yield target


@contextmanager
def shown_as(item: InputFile, path: Path) -> Iterator[None]:
    """Errors about ``path`` (a temporary copy) name ``item`` as the user knows it instead:
    ``archive.zip!2016-07/...-street.csv`` or the ``.gz`` file."""
    try:
        yield
    except InputFileError as exc:
        if exc.path == str(path) and item.display != exc.path:
            raise exc.renamed(item.display) from None
        raise


def _extract(item: InputFile, target: Path) -> None:
    with zipfile.ZipFile(item.path) as archive:
        info = archive.getinfo(item.member)
        reason = unsafe_reason(info)
        if reason:
            raise ArchiveSafetyError(item.display, f"unsafe archive entry: {reason}")
        try:
            with archive.open(info) as source, open(target, "wb") as sink:
                _copy_capped(source, sink, info.file_size, item.display)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
            raise InputFileError(item.display, f"cannot extract the entry ({exc})") from None


def _gunzip(path: Path, target: Path) -> None:
    """Decompress; a damaged, cut-short or bomb file is refused by CheckedGzip, naming it."""
    with CheckedGzip(path) as source, open(target, "wb") as sink:
        _copy_capped(source, sink, source.limit, str(path))


def _copy_capped(source, sink, limit: int, where: str) -> None:
    """Copy until EOF, refusing as soon as more than ``limit`` bytes come out."""
    written = 0
    while block := source.read(_CHUNK):
        written += len(block)
        if written > limit:
            raise ArchiveSafetyError(
                where,
                f"expands beyond {limit:,} bytes (declared size or {MAX_RATIO}x "
                "its compressed size): refused as a zip bomb",
            )
        sink.write(block)
