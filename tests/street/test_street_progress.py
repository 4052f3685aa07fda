"""The progress bar (rows and rows per second) for long ingests, --quiet for scripts, and the
benchmark generator's SYNTHETIC files."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner
from street_testdata import street_row, write_street

import factbeat
from factbeat.cli import cli


def test_progress_shows_rows_per_second_and_quiet_shows_nothing(tmp_path):
    path = write_street(tmp_path / "2020-01-test-street.csv", [street_row(crime_id=str(i)) for i in range(2_000)])
    runner = CliRunner()
    loud = runner.invoke(cli, ["--db", str(tmp_path / "a.duckdb"), "ingest", str(path)])
    assert loud.exit_code == 0, loud.output
    assert "rows/s" in loud.stderr and "2,000 rows" in loud.stderr
    quiet = runner.invoke(cli, ["--db", str(tmp_path / "b.duckdb"), "ingest", "--quiet", str(path)])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert "stored" in quiet.output


def test_the_generator_writes_labelled_files_that_ingest_cleanly(tmp_path):
    from street_testdata import need_real

    need_real()
    from datafiles import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate_street import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    files = generate(tmp_path / "out", rows=6_000, months=2, start="2020-01", seed=3, zip_months=True)
    assert [f.name for f in files] == ["SYNTHETIC-2020-01.zip", "SYNTHETIC-2020-02.zip"]
    with factbeat.open(tmp_path / "gen.duckdb") as fb:
        reports = fb.ingest(files)
        assert [r.file.split("!")[1] for r in reports] == [
            "2020-01/SYNTHETIC-2020-01-metropolitan-street.csv", "2020-01/SYNTHETIC-2020-01-west-yorkshire-street.csv",
            "2020-02/SYNTHETIC-2020-02-metropolitan-street.csv", "2020-02/SYNTHETIC-2020-02-west-yorkshire-street.csv"]
        assert sum(r.rows_stored for r in reports) == 6_000 and sum(r.rows_refused for r in reports) == 0
        boroughs = fb.store.query("SELECT COUNT(DISTINCT area_code) FROM street_incidents WHERE area_code LIKE 'E09%'")
        assert boroughs[0][0] >= 30  # LSOAs spread over the London boroughs


@pytest.mark.parametrize("progress", [True, False])
def test_the_api_reports_the_same_with_and_without_progress(tmp_path, progress):
    path = write_street(tmp_path / "2020-01-test-street.csv", [street_row() for _ in range(10)])
    heard: list[tuple[int, int]] = []
    with factbeat.open(tmp_path / "p.duckdb") as fb:
        report = fb.ingest([path], on_progress=(lambda done, total: heard.append((done, total))) if progress else None)[0]
    assert (report.status, report.rows_stored) == ("stored", 10)
    assert heard[-1:] == ([(10, 10)] if progress else [])  # the callback ends at rows stored of rows expected
