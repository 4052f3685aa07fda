"""The local engine: partitions shared out to worker processes, one per core by default.

Processes, not threads: the checker is pure Python, so only processes use more than one core.
Each worker builds its checker once (see :mod:`factbeat.batch.checker`) and then takes
partitions from the pool until none are left.  ``workers=1`` runs in this process, which is the
baseline the benchmarks compare against.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from factbeat.batch.articles import Partition
from factbeat.batch.partition import process_partition
from factbeat.claims.limits import DEFAULT_BUDGET


def run_local(parts: list[Partition], out: str, snapshot: str | None, workers: int | None,
              budget: float | None = DEFAULT_BUDGET) -> Iterator[dict]:
    """Process ``parts``; yields each partition's status as it finishes (in finishing order)."""
    workers = max(1, workers or os.cpu_count() or 1)
    if workers == 1 or len(parts) <= 1:
        from factbeat.batch.checker import release_checkers

        try:
            for part in parts:
                yield process_partition(part, out, snapshot, budget)
        finally:
            release_checkers()  # the snapshot is removed after the run
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = mp.get_context("spawn")  # no inherited threads or open store handles
    with ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=context) as pool:
        futures = [pool.submit(process_partition, part.to_dict(), out, snapshot, budget) for part in parts]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise

