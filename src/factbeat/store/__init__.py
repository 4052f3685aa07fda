"""The DuckDB store: the catalogue of files and observations, and the ingest that fills it.

Data flows one way: :mod:`factbeat.sources` reads a file, the store writes it (one transaction
per file) and the caller gets an :class:`IngestReport` back; progress goes out through a plain
callback (:mod:`factbeat.store.ingest`).

* :mod:`~factbeat.store.connection` - where the file lives and how it is opened.
* :mod:`~factbeat.store.schema` - the tables, and upgrading an older store.
* :mod:`~factbeat.store.catalogue` - :class:`Store`: queries, generations, one file's transaction.
* :mod:`~factbeat.store.borough` and :mod:`~factbeat.store.categories` - borough-style files.
* :mod:`~factbeat.store.street` - street-level (data.police.uk) files, row by row.
* :mod:`~factbeat.store.ingest` - paths in, reports out: the whole ingest of files and folders.
"""

from factbeat.store.catalogue import Store
from factbeat.store.connection import default_db_path
from factbeat.store.report import IngestReport, file_sha256

__all__ = ["IngestReport", "Store", "default_db_path", "file_sha256"]
