"""factbeat: figures from official police-recorded crime data, and checks of printed figures.

The public Python API is small and lazily imported so that ``factbeat --help`` stays fast:

>>> import factbeat
>>> fb = factbeat.open("crime.duckdb")          # doctest: +SKIP
>>> fb.figure("Barnet", "violence against the person", "2016").count   # doctest: +SKIP
7631
>>> factbeat.check_text("76 cases, up from 67, a rise of 13 per cent")  # doctest: +SKIP
>>> out, summary = factbeat.check_archive("articles.jsonl", "checked/")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["open", "check_text", "check_archive", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from factbeat.api import Factbeat


def open(db: str | None = None, *, read_only: bool = False, threads: int | None = None) -> Factbeat:  # noqa: A001
    """Open (or create) a factbeat store and return the API object for it; ``threads`` caps
    DuckDB's worker threads (default: one per core)."""
    from factbeat.api import Factbeat

    return Factbeat(db, read_only=read_only, threads=threads)


def check_text(text: str, date: Any = None, **kwargs: Any):
    """Find and check every numeric claim in ``text``; see :mod:`factbeat.claims`."""
    from factbeat.claims import check_text as _check_text

    return _check_text(text, date=date, **kwargs)


def check_archive(input: Any, out: Any, **kwargs: Any):  # noqa: A002
    """Check every article of an archive into a Parquet dataset; see :mod:`factbeat.batch`.

    Returns ``(output_path, summary)``.
    """
    from factbeat.batch import check_archive as _check_archive

    return _check_archive(input, out, **kwargs)
