"""Street-level (data.police.uk) files: every row kept, counted per force, area and month.

* :mod:`~factbeat.store.street.sql` - the tables and statements.
* :mod:`~factbeat.store.street.mapping` and :mod:`~factbeat.store.street.checks` - a chunk of rows
  mapped to months, forces, areas and text ids, and vouched for, before the store sees it
  (on the worker thread; no database).
* :mod:`~factbeat.store.street.writer` and :mod:`~factbeat.store.street.tally` - one file's rows
  written, checked, counted and revised inside the open transaction.
* :mod:`~factbeat.store.street.ingest` - one file's sources row and report.
* :mod:`~factbeat.store.street.state` - what the store holds, remembered between files.
* :mod:`~factbeat.store.street.upgrade` - stores written before texts were kept as ids.
"""
