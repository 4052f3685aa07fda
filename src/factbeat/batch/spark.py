"""The Spark engine: the same partitions, handed to Spark executors with ``mapInArrow``.

The driver plans the partitions (see :mod:`factbeat.batch.articles`) and makes a DataFrame
with one partition description per Spark partition.  Each Python worker builds one checker on
its first task and keeps it (Spark reuses Python workers), reads its slice of the input, and
writes its two Parquet files itself, exactly as the local engine does; Spark only schedules,
retries failed tasks and shows its own progress.  Input and output must therefore be paths
every executor can see (a local folder here; a shared or mounted filesystem on a cluster).

On a ``local[...]`` master Spark listens on 127.0.0.1 only and its web UI is off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from factbeat.batch.articles import Partition
from factbeat.batch.partition import STATUS_COLUMNS
from factbeat.claims.limits import DEFAULT_BUDGET
from factbeat.errors import FactbeatError

DEFAULT_MASTER = "local[2]"


def spark_session(master: str | None = None):
    """A SparkSession for ``master`` (``local[2]`` unless run under spark-submit).

    Local masters listen on 127.0.0.1 only; a cluster master keeps Spark's own address settings
    (executors must reach the driver), and under spark-submit its ``--conf`` settings apply.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise FactbeatError("the Spark engine needs PySpark: pip install 'factbeat[spark]'") from None
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # under spark-submit, which sets master and conf
    if master is None and not submitted:
        master = DEFAULT_MASTER
    builder = SparkSession.builder.appName("factbeat check-archive").config("spark.ui.enabled", "false")
    builder = builder.config("spark.python.worker.reuse", "true")
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers use this interpreter
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    import warnings

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    return builder.getOrCreate()


def run_spark(parts: list[Partition], out: str, snapshot: str | None, spark,
              budget: float | None = DEFAULT_BUDGET) -> Iterator[dict]:
    """Process ``parts`` on ``spark``; yields each partition's status when the job is done."""
    if not parts:
        return
    shipped = None
    if snapshot is not None:
        spark.sparkContext.addFile(str(snapshot))
        shipped = Path(snapshot).name
    columns = list(parts[0].to_dict())
    rows = [tuple(part.to_dict()[c] for c in columns) for part in parts]
    schema = ", ".join(f"{c} {'string' if isinstance(rows[0][i], str) else 'long'}" for i, c in enumerate(columns))
    frame = spark.createDataFrame(spark.sparkContext.parallelize(rows, len(rows)), schema)
    status_schema = ", ".join(f"{name} {'double' if kind == 'float64' else 'long' if kind == 'int64' else kind}"
                              for name, kind in STATUS_COLUMNS)
    results = frame.mapInArrow(_task(str(Path(out).resolve()), shipped, budget), status_schema).collect()
    for row in results:
        yield row.asDict()


def _task(out: str, shipped: str | None, budget: float | None):
    """The function each executor runs over its batches of partition descriptions."""

    def run(batches):
        import pyarrow as pa

        from factbeat.batch.partition import STATUS_COLUMNS, process_partition
        from factbeat.batch.rows import arrow_schema

        snapshot = None
        if shipped is not None:
            from pyspark import SparkFiles

            snapshot = SparkFiles.get(shipped)
        schema = arrow_schema(STATUS_COLUMNS)
        for batch in batches:
            for spec in batch.to_pylist():
                status = process_partition(spec, out, snapshot, budget)
                yield pa.RecordBatch.from_pylist([status], schema=schema)

    return run
