"""check-archive on Spark local[2]: the same claim table as the local engine, resume, grounding.

One SparkSession for the module (starting one costs seconds); few partitions per job.
"""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from corpus import article_table, claim_table, corpus, write_jsonl

import factbeat

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 (apt-get install openjdk-17-jre-headless)"),
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="PySpark is not installed (pip install 'factbeat[spark]')"),
]


@pytest.fixture(scope="module")
def spark():
    from factbeat.batch.spark import spark_session

    session = spark_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark-stories")
    rows = corpus(30, seed=11)
    rows.insert(9, {"id": "bad", "text": ["not", "text"]})
    return write_jsonl(folder / "stories.jsonl", rows)


def test_spark_binds_to_loopback_without_ui(spark):
    conf = spark.sparkContext.getConf()
    assert conf.get("spark.driver.host") == "127.0.0.1" and conf.get("spark.driver.bindAddress") == "127.0.0.1"
    assert conf.get("spark.ui.enabled") == "false" and spark.sparkContext.master == "local[2]"


def test_spark_and_local_give_identical_tables(spark, stories, tmp_path):
    local = factbeat.check_archive(stories, tmp_path / "local", workers=1, partition_size=8)
    on_spark = factbeat.check_archive(stories, tmp_path / "spark", engine="spark", spark=spark, partition_size=8)
    assert claim_table(tmp_path / "spark") == claim_table(tmp_path / "local")
    assert article_table(tmp_path / "spark") == article_table(tmp_path / "local")
    assert on_spark.summary["this_run"]["partitions_written"] == 4
    assert {k: v for k, v in on_spark.summary.items() if k not in ("output", "this_run")} == {
        k: v for k, v in local.summary.items() if k not in ("output", "this_run")}
    assert on_spark.summary["articles_with_errors"] == 1
    assert "should be text, not list" in on_spark.summary["first_errors"][0]["error"]


def test_spark_resumes_a_partial_run(spark, stories, tmp_path):
    out = tmp_path / "out"
    factbeat.check_archive(stories, tmp_path / "ref", workers=1, partition_size=8)
    factbeat.check_archive(stories, out, workers=1, partition_size=8)
    for path in sorted((out / "articles").glob("*.parquet"))[1:3]:
        path.unlink()
    run = factbeat.check_archive(stories, out, engine="spark", spark=spark)
    assert run.summary["this_run"]["partitions_written"] == 2 and run.summary["this_run"]["partitions_skipped"] == 2
    assert claim_table(out) == claim_table(tmp_path / "ref")


def test_spark_grounds_on_the_shipped_snapshot(spark, real_store, tmp_path):
    text = "Police recorded 7,631 offences of violence against the person in Barnet in 2016."
    source = write_jsonl(tmp_path / "g.jsonl", [{"id": "g1", "date": "2017-02-10", "text": text}])
    for out in ("one", "two"):  # a second run in the same session ships a new snapshot
        run = factbeat.check_archive(source, tmp_path / out, engine="spark", spark=spark, ground=True, db=real_store)
        assert run.summary["data_verdicts"] == {"supported": 1}
