"""``check_archive``: plan, skip what is done, run an engine, summarise.

The interfaces (CLI, notebooks) call this; progress goes out through a callback so the library
never draws anything itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from factbeat.claims.limits import DEFAULT_BUDGET
from factbeat.errors import FactbeatError

ENGINES = ("local", "spark")

Progress = Callable[[int, int], None]
"""Called as ``progress(articles_done, articles_to_do)`` after each partition (this run's only)."""


class ArchiveRun(NamedTuple):
    """What :func:`check_archive` returns: the output folder and the summary of everything in it."""

    out: Path
    summary: dict


def check_archive(
    input: str | Path,  # noqa: A002  (the word users see in the CLI)
    out: str | Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    ground: bool = False,
    db: str | Path | None = None,
    master: str | None = None,
    partition_size: int | None = None,
    progress: Progress | None = None,
    spark=None,
    budget: float | None = DEFAULT_BUDGET,
) -> ArchiveRun:
    """Check every article of ``input`` (JSON Lines or Parquet, file or folder) into ``out``.

    ``out`` gets ``claims/`` and ``articles/`` Parquet files, one pair per partition of
    ``partition_size`` articles (1000 by default).  Running again with the same ``out`` skips the
    partitions already written.  ``ground`` compares claims with a read-only copy of the store
    ``db``.  ``engine='spark'`` runs on ``master`` (``local[2]`` by default), or on the given
    ``spark`` session.  Each article is checked within ``budget`` seconds (``None``: no limit);
    an article that runs out keeps the claims of the sentences checked, and its row's ``notes``
    say so.
    """
    from factbeat.batch.articles import plan_partitions
    from factbeat.batch.output import done_partitions, prepare_output
    from factbeat.batch.summary import summarize

    if engine not in ENGINES:
        raise FactbeatError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if budget is not None:
        from factbeat.claims.limits import checked_seconds

        budget = checked_seconds(budget)  # a bad budget is one clear error, not one per article
    if ground:
        db = _store_path(db)
    out = Path(out)
    size = prepare_output(out, str(input), partition_size)
    done = done_partitions(out)
    todo = [p for p in plan_partitions(input, size) if p.key not in done]
    snapshot = _snapshot(db, out) if ground and todo else None
    total, finished = sum(p.articles for p in todo), 0
    started = time.perf_counter()
    statuses = []
    try:
        for status in _engine(engine, todo, out, snapshot, workers, master, spark, budget):
            statuses.append(status)
            finished += status["articles"]
            if progress is not None:
                progress(finished, total)
        if progress is not None and statuses:
            progress(finished, finished)  # the plan counts lines; blank ones hold no article
    finally:
        if snapshot is not None:
            from factbeat.batch.snapshot import remove_snapshot

            remove_snapshot(out)
    summary = summarize(out)
    summary["this_run"] = _this_run(statuses, len(done), time.perf_counter() - started, engine, ground)
    return ArchiveRun(out.resolve(), summary)


def _engine(engine, todo, out, snapshot, workers, master, spark, budget):
    snap = None if snapshot is None else str(snapshot)
    if engine == "local":
        from factbeat.batch.local import run_local

        return run_local(todo, str(out), snap, workers, budget)
    from factbeat.batch.spark import run_spark, spark_session

    return run_spark(todo, str(out), snap, spark or spark_session(master), budget)


def _store_path(db: str | Path | None) -> Path:
    from factbeat.store import default_db_path

    path = Path(db or default_db_path())
    if not path.is_file():
        raise FactbeatError(f"{path}: no store to ground claims against (load data first, or use --no-ground)")
    return path


def _snapshot(db: Path, out: Path) -> Path:
    from factbeat.batch.snapshot import make_snapshot

    return make_snapshot(db, out)


def _this_run(statuses: list[dict], skipped: int, seconds: float, engine: str, ground: bool) -> dict:
    """What this invocation did (the rest of the summary covers the whole output)."""
    articles = sum(s["articles"] for s in statuses)
    rss: dict[int, int] = {}
    for s in statuses:
        rss[s["pid"]] = max(rss.get(s["pid"], 0), s["peak_rss_kb"])
    return {
        "engine": engine, "grounded": ground, "partitions_written": len(statuses),
        "partitions_skipped": skipped, "articles": articles, "seconds": seconds,
        "articles_per_second": articles / seconds if seconds > 0 else None,
        "workers": len(rss), "peak_rss_mb_per_worker": max(rss.values()) / 1024 if rss else None,
    }  # fmt: skip
