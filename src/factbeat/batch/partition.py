"""One unit of work: read a partition, check each article, write the two files.

Both engines call :func:`process_partition`, so they produce the same rows by construction;
they differ only in how partitions are handed to workers.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

from factbeat.batch.articles import Partition, read_partition
from factbeat.batch.checker import worker_checker
from factbeat.batch.output import write_partition
from factbeat.claims.limits import DEFAULT_BUDGET

STATUS_COLUMNS = [("key", "string"), ("articles", "int64"), ("claims", "int64"), ("errors", "int64"),
                  ("pid", "int64"), ("peak_rss_kb", "int64"), ("seconds", "float64")]


def process_partition(part: Partition | dict, out: str, snapshot: str | None, budget: float | None = DEFAULT_BUDGET) -> dict:
    """Check every article of ``part`` (each within ``budget`` seconds) and write its output;
    returns counts for progress and the summary."""
    part = part if isinstance(part, Partition) else Partition.from_dict(part)
    started = time.perf_counter()
    checker = worker_checker(snapshot)
    claims, articles = [], []
    for article in read_partition(part):
        claim_rows, row = checker.check(article, part.key, budget)
        claims += claim_rows
        articles.append(row)
    write_partition(out, part.key, claims, articles)
    return {
        "key": part.key, "articles": len(articles), "claims": len(claims),
        "errors": sum(1 for row in articles if row["error"]), "pid": os.getpid(),
        "peak_rss_kb": peak_rss_kb(),
        "seconds": time.perf_counter() - started,
    }  # fmt: skip


def peak_rss_kb() -> int:
    """This process's peak resident memory, in kB.

    ``VmHWM`` where Linux has it: ``ru_maxrss`` survives ``exec``, so a spawned worker would
    report its parent's peak as its own.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
