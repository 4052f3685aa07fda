"""Opening a data file as bytes, with gzip files checked as they are read.

Every reader opens its input through :func:`open_bytes`, so a damaged or cut-short ``.gz`` file
(which Python reports as ``EOFError``, ``zlib.error`` or ``BadGzipFile``, none naming the file)
becomes one :class:`InputFileError` naming it, and a ``.gz`` file that expands far beyond its
compressed size (a gzip bomb) is refused as soon as it passes the limit, for borough and
population files as for street files and zip entries.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from factbeat.errors import ArchiveSafetyError, InputFileError

MAX_RATIO = 100  # official CSVs deflate about 5-10x; 100x is a bomb, not a spreadsheet
RATIO_FLOOR = 1 << 20  # files smaller than 1 MiB expanded cannot hurt, whatever their ratio
GZIP_ERRORS = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def gzip_limit(path: Path) -> int:
    """How many bytes a gzip file may expand to before it is refused as a bomb."""
    return max(RATIO_FLOOR, MAX_RATIO * path.stat().st_size)


def gzip_problem(exc: BaseException) -> str:
    """What a gzip decoding error means, in words a user can act on."""
    if isinstance(exc, EOFError):
        return "the gzip file is cut short (an interrupted download or copy?)"
    return f"not a readable gzip file, it is damaged ({exc})"


class CheckedGzip(io.RawIOBase):
    """A gzip file's decompressed bytes; errors name the file, and at most ``limit`` bytes come out."""

    def __init__(self, path: Path, limit: int | None = None, shown: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.shown = shown or str(path)
        self.limit = gzip_limit(path) if limit is None else limit
        self.produced = 0
        self._gzip = gzip.open(path, "rb")  # noqa: SIM115 - closed by close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            n = self._gzip.readinto(buffer)
        except GZIP_ERRORS as exc:
            raise InputFileError(self.shown, gzip_problem(exc) + "; nothing was stored") from None
        self.produced += n
        if self.produced > self.limit:
            raise ArchiveSafetyError(
                self.shown,
                f"expands beyond {self.limit:,} bytes ({MAX_RATIO}x its compressed size): "
                "refused as a gzip bomb; nothing was stored",
            )
        return n

    def close(self) -> None:
        if not self.closed:
            self._gzip.close()
        super().close()


def open_bytes(path: Path, shown: str | None = None) -> io.BufferedIOBase:
    """The file's bytes: plain files as they are, ``.gz`` files decompressed and checked."""
    if is_gzip(path):
        return io.BufferedReader(CheckedGzip(path, shown=shown))
    return open(path, "rb")  # noqa: SIM115 - the caller closes it
