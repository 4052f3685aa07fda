"""Batch checking of a whole news archive, on this machine's cores or on a Spark cluster.

>>> import factbeat
>>> run = factbeat.check_archive("articles.jsonl", "checked/")        # doctest: +SKIP
>>> run.summary["verdicts"]                                             # doctest: +SKIP
{'consistent': 812, 'inconsistent': 57, 'unverifiable': 140}

Modules, in the order data flows:

* ``articles``: input files → stable partitions → articles (bad rows flagged, not raised);
* ``checker``: the per-worker checker (``check_text``, and grounding on a store snapshot);
* ``rows``: claims and articles as flat rows; ``output``: atomic per-partition Parquet files;
* ``partition``: one partition end to end, shared by both engines;
* ``local``: worker processes; ``spark``: PySpark ``mapInArrow``; ``snapshot``: the store copy;
* ``summary``: counts read back from the output; ``run``: :func:`check_archive` itself.

See ``docs/scale.md`` for throughput figures and running on a cluster.
"""

from __future__ import annotations

from factbeat.batch.run import ArchiveRun, check_archive

__all__ = ["ArchiveRun", "check_archive"]
