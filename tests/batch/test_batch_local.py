"""check-archive with the local engine: same rows whatever the workers, resume, bad articles."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from corpus import article_table, claim_table, corpus, write_jsonl, write_parquet

import factbeat
from factbeat.batch.articles import Article, plan_partitions
from factbeat.batch.checker import ArticleChecker
from factbeat.cli import cli
from factbeat.errors import FactbeatError


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stories")
    rows = corpus(40)
    return {"rows": rows, "jsonl": write_jsonl(folder / "stories.jsonl", rows),
            "parquet": write_parquet(folder / "stories.parquet", rows)}


@pytest.fixture(scope="module")
def one_process(stories, tmp_path_factory):
    """The reference run: one process, in this process."""
    out = tmp_path_factory.mktemp("ref") / "out"
    run = factbeat.check_archive(stories["jsonl"], out, workers=1, partition_size=6)
    return out, run


def test_claims_found_and_summarised(stories, one_process):
    out, run = one_process
    assert run.out == out.resolve()
    summary = run.summary
    assert summary["articles"] == 40 and summary["articles_with_errors"] == 0
    assert summary["claims"] == len(claim_table(out)) > 40
    assert summary["verdicts"]["inconsistent"] > 0 and summary["verdicts"]["consistent"] > 0
    assert sum(summary["verdicts"].values()) == summary["claims"]
    top = summary["outlets_most_inconsistent"]
    assert top and top == sorted(top, key=lambda r: -r["inconsistent"])
    assert summary["this_run"]["partitions_written"] == 7


def test_claim_rows_carry_the_checker_values(stories, one_process):
    out, _ = one_process
    text = stories["rows"][0]["text"]
    expected = factbeat.check_text(text, date=stories["rows"][0]["date"]).claims
    rows = [r for r in claim_table_dicts(out) if r["article_id"] == "a0000"]
    rows.sort(key=lambda r: r["claim_index"])
    assert [(r["span_start"], r["span_end"], r["kind"], r["verdict"]) for r in rows] == [
        (c.span[0], c.span[1], c.kind.value, c.verdict.value) for c in expected]
    assert json.loads(rows[0]["numbers"]) == expected[0].to_dict()["numbers"]


def claim_table_dicts(out):
    import pyarrow.dataset as ds

    return ds.dataset(out / "claims", format="parquet").to_table().to_pylist()


def test_two_processes_and_parquet_input_give_the_same_tables(stories, one_process, tmp_path):
    reference, _ = one_process
    two = factbeat.check_archive(stories["jsonl"], tmp_path / "two", workers=2, partition_size=6)
    assert two.summary["this_run"]["workers"] == 2
    assert claim_table(tmp_path / "two") == claim_table(reference)
    factbeat.check_archive(stories["parquet"], tmp_path / "pq", workers=1, partition_size=6)
    assert claim_table(tmp_path / "pq") == claim_table(reference)
    assert article_table(tmp_path / "pq") == article_table(reference)


def test_a_folder_is_one_dataset(stories, one_process, tmp_path):
    folder = tmp_path / "archive"
    (folder / "2019").mkdir(parents=True)
    write_jsonl(folder / "2019" / "first.jsonl", stories["rows"][:25])
    write_parquet(folder / "second.parquet", stories["rows"][25:])
    (folder / "notes.txt").write_text("not an article file")
    factbeat.check_archive(folder, tmp_path / "out", workers=1, partition_size=10)
    assert claim_table(tmp_path / "out") == claim_table(one_process[0])


def test_resume_after_a_partial_run(stories, one_process, tmp_path):
    out = tmp_path / "out"
    factbeat.check_archive(stories["jsonl"], out, workers=1, partition_size=6)
    # What a run killed after four partitions leaves: three partitions missing, one half-written
    # (its claims file renamed into place, its articles file not), and a stray temporary file.
    keys = sorted(p.stem for p in (out / "articles").glob("*.parquet"))
    for key in keys[4:]:
        (out / "articles" / f"{key}.parquet").unlink()
    for key in keys[5:]:
        (out / "claims" / f"{key}.parquet").unlink()
    (out / "articles" / f".{keys[4]}.123.tmp").write_bytes(b"half a file")
    run = factbeat.check_archive(stories["jsonl"], out, workers=2)
    assert run.summary["this_run"]["partitions_skipped"] == 4
    assert run.summary["this_run"]["partitions_written"] == 3
    assert run.summary["articles"] == 40
    assert claim_table(out) == claim_table(one_process[0])
    again = factbeat.check_archive(stories["jsonl"], out)
    assert again.summary["this_run"]["partitions_written"] == 0 and again.summary["articles"] == 40


def test_resume_refuses_another_partition_size(stories, one_process):
    with pytest.raises(FactbeatError, match="partitions of 6 articles"):
        factbeat.check_archive(stories["jsonl"], one_process[0], partition_size=10)


def test_bad_articles_are_reported_not_fatal(tmp_path):
    good = corpus(3)
    lines = [json.dumps(good[0]), "{not json", json.dumps({"id": "n1", "text": 42}), "",
             json.dumps({"text": "No id here, 5 burglaries."}), json.dumps([1, 2]),
             json.dumps({"id": 7, "date": "2019-02-31", "text": "Robberies rose to 40 from 20."}),
             json.dumps(good[1])]
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines))  # no newline after the last line
    run = factbeat.check_archive(source, tmp_path / "out", workers=2, partition_size=3)
    rows = {r["source"].rsplit(":", 1)[1]: r for r in article_rows(tmp_path / "out")}
    assert sorted(rows, key=int) == ["1", "2", "3", "5", "6", "7", "8"]
    assert rows["1"]["error"] is None and rows["8"]["error"] is None and rows["1"]["claims"] > 0
    assert "not JSON" in rows["2"]["error"]
    assert rows["3"]["error"] == "field 'text' should be text, not int" and rows["3"]["article_id"] == "n1"
    assert rows["5"]["error"] == "missing field 'id'"
    assert rows["6"]["error"] == "line is not a JSON object"
    assert "invalid date" in rows["7"]["error"] and rows["7"]["article_id"] == "7"
    assert run.summary["articles"] == 7 and run.summary["articles_with_errors"] == 5
    assert run.summary["first_errors"][0]["source"].endswith("mixed.jsonl:2")


def article_rows(out):
    import pyarrow.dataset as ds

    return ds.dataset(out / "articles", format="parquet").to_table().to_pylist()


def test_a_checker_exception_is_reported_on_its_article():
    checker = ArticleChecker()

    def broken(text, date=None, **options):
        raise RuntimeError("the reader tripped")

    checker.check_text = broken
    article = Article("x1", "2019-01-01", "Some text with 5 numbers.", None, "Post", "in.jsonl:9")
    claims, row = checker.check(article, "p0")
    assert claims == [] and row["error"] == "RuntimeError: the reader tripped" and row["claims"] == 0


def test_partitions_are_stable_and_cover_every_line(stories):
    parts = plan_partitions(stories["jsonl"], 6)
    assert [p.key for p in parts] == [p.key for p in plan_partitions(stories["jsonl"], 6)]
    assert sum(p.articles for p in parts) == 40 and [p.first_line for p in parts[:3]] == [1, 7, 13]


def test_bad_input_paths_are_clear_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(FactbeatError, match="no .jsonl or .parquet files"):
        factbeat.check_archive(tmp_path / "empty", tmp_path / "out")
    (tmp_path / "x.csv").write_text("id,text\n")
    with pytest.raises(FactbeatError, match="JSON Lines"):
        factbeat.check_archive(tmp_path / "x.csv", tmp_path / "out2")
    with pytest.raises(FactbeatError, match="unknown engine"):
        factbeat.check_archive(tmp_path / "x.csv", tmp_path / "out3", engine="dask")


def test_cli_json_and_text(stories, tmp_path):
    out = tmp_path / "cli"
    args = ["--db", str(tmp_path / "none.duckdb"), "check-archive", str(stories["jsonl"]), "--out", str(out),
            "--workers", "1", "--partition-size", "20"]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["summary"]["articles"] == 40 and data["summary"]["this_run"]["grounded"] is False
    result = CliRunner().invoke(cli, [*args, "-q"])
    assert result.exit_code == 0, result.output
    assert "40 articles" in result.output and "2 partitions already done" in result.output
    result = CliRunner().invoke(cli, [*args, "--ground"])
    assert result.exit_code == 1 and "no store to ground" in result.output


def test_grounding_on_a_store_snapshot(real_store, tmp_path):
    story = {"id": "g1", "date": "2017-02-10", "outlet": "Post",
             "text": "Police recorded 7,631 offences of violence against the person in Barnet in 2016."}
    source = write_jsonl(tmp_path / "g.jsonl", [story, {**story, "id": "g2"}])
    run = factbeat.check_archive(source, tmp_path / "out", workers=2, partition_size=1, ground=True,
                                 db=real_store)
    rows = claim_table_dicts(tmp_path / "out")
    assert {(r["data_verdict"], r["area"], r["measure"], r["period"], r["data_value"]) for r in rows} == {
        ("supported", "Barnet", "Violence against the person", "2016", 7631.0)}
    assert run.summary["data_verdicts"] == {"supported": 2}
    assert not (tmp_path / "out" / "_work").exists()  # the snapshot is removed after the run
    for again in ("one", "two"):  # in this process, twice: each run opens its own snapshot
        run = factbeat.check_archive(source, tmp_path / again, workers=1, ground=True, db=real_store)
        assert run.summary["data_verdicts"] == {"supported": 2}
