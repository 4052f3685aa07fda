"""Storing the London series: provenance, idempotence, atomicity, per-series revisions, capped files."""

from __future__ import annotations

import pytest
from london_files import write_dashboard_file

import factbeat
from factbeat.errors import InputFileError


def _row(month: str, subtype: str, count: int, borough: str = "Barnet", code: str = "E09000003") -> str:
    return f"{month},Borough,{borough},{borough},{code},X,{subtype},Offences,fy,fy,{count},2025-08-02,Sheet\n"


def _snt(month: str, subtype: str, count: int) -> str:
    return f"{month},Safer Neighbourhood Teams,Camden Highgate,Highgate,E05013661,X,{subtype},Offences,fy,fy,{count},2025-08-02,Sheet\n"


def _busy(month: str, count: int) -> str:
    """A row of a busy series: a full file has thousands, a capped one never more than the cap."""
    return _row(month, "TNO Victim Based", count)



@pytest.fixture()
def files(tmp_path):
    capped = write_dashboard_file(tmp_path, "capped.csv", [
        _row("2016-01-01", "Gun Crime", 5), _row("2016-02-01", "Gun Crime", 4), _busy("2016-01-01", 9), _busy("2016-02-01", 9),
        _row("2016-02-01", "Gun Crime", 3, "Camden", "E09000007"), _snt("2016-01-01", "Gun Crime", 6), _snt("2016-01-01", "Gun Crime Personal Robbery", 1),
        _row("2016-03-01", "Gun Crime", 7), _busy("2016-03-01", 9)])
    complete = write_dashboard_file(tmp_path, "complete.csv", [
        _row("2016-03-01", "Gun Crime", 8), _busy("2016-03-01", 2500), _row("2016-03-01", "Knife Crime", 20),
        _row("2016-04-01", "Knife Crime", 21), _busy("2016-04-01", 2600)])
    knife = write_dashboard_file(tmp_path, "knife.csv", [_row("2016-04-01", "Knife Crime", 22), _row("2016-05-01", "Knife Crime", 23)])
    return capped, complete, knife


def test_each_value_keeps_its_file_and_line_and_a_second_ingest_changes_nothing(tmp_path, files):
    capped, _complete, _knife = files
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        first = fb.ingest([capped])[0]
        assert first.status == "stored" and first.rows_stored == first.rows_read == 9 and first.rows_refused == 0
        assert fb.ingest([capped])[0].status == "unchanged"
        fig = fb.figure("Barnet", "gun crime", "Jan 2016 to Feb 2016")
        assert fig.count == 9 and [s["file_name"] for s in fig.sources] == ["capped.csv"]
        lines = fb.store.query("SELECT line FROM observations WHERE scheme = 'mps_dashboard' AND area_code = 'E09000003' "
                               "AND month = '2016-01-01' AND count = 5")
        assert lines == [(2,)]


def test_a_capped_month_missing_a_borough_is_a_lower_bound_filled_from_wards(tmp_path, files):
    capped, _complete, _knife = files
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        fb.ingest([capped])
        camden = fb.figure("Camden", "gun crime", "Jan 2016 to Feb 2016")
        assert camden.bound == "lower" and not camden.complete
        assert camden.count == 3 + 6  # February's row, January filled from the Highgate SNT row
        assert camden.capped["missing_borough_months"] == [{"area": "E09000007", "month": "2016-01"}]
        assert "missing borough-months: Camden 2016-01" in camden.notes
        assert fb.figure("Barnet", "gun crime", "Jan 2016 to Feb 2016").bound is None


def test_a_complete_file_replaces_capped_months_and_a_capped_one_never_replaces_complete(tmp_path, files):
    capped, complete, _knife = files
    for order in ([capped, complete], [complete, capped]):
        with factbeat.open(tmp_path / f"{order[0].stem}.duckdb") as fb:
            fb.ingest(order)
            march = fb.figure("Barnet", "gun crime", "Mar 2016")
            assert march.count == 8 and march.complete and march.capped is None
            assert fb.figure("Camden", "gun crime", "Mar 2016").count == 0  # absent from a complete file: zero
            history = fb.store.query("SELECT count FROM observations_history WHERE scheme = 'mps_dashboard' "
                                     "AND area_code = 'E09000003' AND month = '2016-03-01' AND count = 7")
            assert history == [(7,)]  # the capped issue stays queryable as history


def test_an_extract_of_one_series_revises_only_that_series(tmp_path, files):
    capped, complete, knife = files
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        reports = fb.ingest([capped, complete, knife])
        assert reports[2].values_replaced == 1 and reports[2].replaced_files == ["complete.csv"]
        assert fb.figure("Barnet", "knife crime", "Mar 2016 to May 2016").count == 20 + 22 + 23
        assert fb.figure("Barnet", "gun crime", "Mar 2016").count == 8  # untouched by the knife extract
        gun_may = fb.figure("Barnet", "gun crime", "Apr 2016 to May 2016")
        assert not gun_may.complete and [m.isoformat() for m in gun_may.missing_months] == ["2016-05-01"]


def test_a_bad_file_stores_nothing(tmp_path, files):
    capped, _complete, _knife = files
    bad = write_dashboard_file(tmp_path, "bad.csv", [_row("2016-06-01", "Gun Crime", 1), _row("2016-07-01", "Gun Crime", "many")])
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        fb.ingest([capped])
        before = fb.store.query("SELECT COUNT(*) FROM observations")
        with pytest.raises(InputFileError, match="line 3"):
            fb.ingest([bad])
        assert fb.store.query("SELECT COUNT(*) FROM observations") == before
        assert len(fb.sources()) == 1


def test_refused_rows_are_kept_in_quarantine(tmp_path):
    repeated = write_dashboard_file(tmp_path, "rep.csv", [_snt("2023-01-01", "Gun Crime", 1), _snt("2023-01-01", "Gun Crime", 1)])
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        report = fb.ingest([repeated])[0]
        assert (report.rows_read, report.rows_stored, report.rows_refused) == (2, 1, 1)
        assert fb.store.query("SELECT file_name, line, reason FROM quarantine") == [
            ("rep.csv", 3, "repeats line 2 (same month, area, series and measure)")]
