"""Fetching official files: from the publisher, a mirror folder, or a mirror URL.

A download goes to a temporary file and is renamed into place only when complete (the byte count
must match Content-Length), so an interrupted transfer never reaches the store.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

from factbeat.errors import DownloadError
from factbeat.sources.catalogue import CatalogueFile, Dataset


def cache_dir() -> Path:
    """Where fetched files are kept (``$FACTBEAT_CACHE`` or the user's cache directory)."""
    if env := os.environ.get("FACTBEAT_CACHE"):
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("factbeat", appauthor=False)) / "downloads"


def locate(dataset: Dataset, file: CatalogueFile, mirror: str | None) -> tuple[Path, str]:
    """A local path for one catalogue file, fetching it if needed; returns (path, address)."""
    if mirror and not mirror.startswith(("http://", "https://")):
        path = Path(mirror) / dataset.name / file.name
        if not path.is_file():
            raise DownloadError(f"{path}: not in the mirror folder (expected <mirror>/{dataset.name}/{file.name})")
        return path, str(path.resolve())
    if mirror:
        url = mirror.rstrip("/") + "/" + quote(dataset.name) + "/" + quote(file.name)
    elif file.url:
        url = file.url
    else:
        raise DownloadError(
            f"no known download address for {file.name!r} in {dataset.name}; the publisher re-issues it at "
            f"{dataset.page} - download it there and run 'factbeat ingest', or use --mirror"
        )
    return fetch(url, cache_dir() / dataset.name / file.name), url


def fetch(url: str, dest: Path, timeout: float = 60.0) -> Path:
    """Stream ``url`` to ``dest`` atomically; raise :class:`DownloadError` on any failure."""
    import httpx

    dest.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=dest.parent, prefix=".part-", delete=False)  # noqa: SIM115
    try:
        with handle, httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            if response.status_code != 200:
                raise DownloadError(f"{url}: the server answered HTTP {response.status_code}; nothing was stored")
            expected = response.headers.get("content-length")
            received = 0
            for chunk in response.iter_bytes():
                handle.write(chunk)
                received += len(chunk)
        if expected is not None and received != int(expected):
            raise DownloadError(f"{url}: download interrupted ({received} of {expected} bytes); nothing was stored")
        shutil.move(handle.name, dest)
        return dest
    except httpx.HTTPError as exc:
        raise DownloadError(f"{url}: download failed ({type(exc).__name__}: {exc}); nothing was stored") from None
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
