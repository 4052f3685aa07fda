"""DuckDB's engine, without the Python layer that reading a store does not use.

``import duckdb`` loads the engine (the ``_duckdb`` extension module) and then the package's
Python layer: the relation API (``con.sql``, ``con.table``, ...), the Arrow sources and the
package version, which asks ``importlib.metadata`` (email, zipfile, csv...).  That layer costs
about twice what the engine does, and a command that reads the store (a figure, a check's
grounding) uses none of it: connections, cursors, ``execute``, ``fetchall``, ``description``
and the exception classes, which are the engine's own objects (the package re-exports them).

So a read-only store connects through :data:`engine` alone and loads the whole package
(:func:`python_api`) where the Python layer is needed: Arrow results (``Store.query_arrow``) and
every store opened for writing (ingest registers Arrow tables).  Loading the package adds its
methods to the connection class, so connections opened before it gain them too.  Without a
separate engine module (another DuckDB build), :data:`engine` is the package itself.
"""

from __future__ import annotations

from types import ModuleType

try:
    import _duckdb as engine
except ImportError:  # pragma: no cover - a DuckDB build without the split: the package is the engine
    import duckdb as engine


def python_api() -> ModuleType:
    """The whole ``duckdb`` package (relations, Arrow sources), imported on first use."""
    import duckdb

    return duckdb


__all__ = ["engine", "python_api"]
