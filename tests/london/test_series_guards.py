"""The issue-15 ingest guards hold for the London series files too (merge of main into london)."""

from __future__ import annotations

import pytest

import factbeat
from factbeat.errors import InputFileError
from factbeat.sources.series_readers import read_series

SNAKE = "month_year,area_type,borough_snt,area_name,area_code,crime_type,crime_subtype,measure,financial_year,fy_fyindex,count,refresh_date,sheet\n"
WARD = "majortext,minortext,wardname,wardcode,lookup_boroughname,202403,202404\n"
VICTIMS = ("Count of Victims,Age Group,Sex,MethodofKilling,Domestic Abuse,Recorded Year,Recorded Month,"
           "Homicide Offence Type,Solved Status,Borough,Officer Observed Ethnicity\n")
GOOD_WARD = "BURGLARY,BURGLARY BUSINESS AND COMMUNITY,Burnt Oak,E05013630,Barnet,3,4\n"
MISSPELT_WARD = "BURGLARY,BURGLERY BUSINESS AND COMMUNITY,Burnt Oak,E05013630,Barnet,1,2\n"


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_ward_category_the_home_office_scheme_does_not_publish_is_refused_unless_accepted(tmp_path):
    path = _write(tmp_path, "w.csv", WARD + GOOD_WARD + MISSPELT_WARD)
    with pytest.raises(InputFileError, match="BURGLERY") as caught:
        read_series(path)
    assert caught.value.line == 3 and "--accept-new-categories" in str(caught.value)
    table = read_series(path, accept_new_categories=True)
    assert table.table.num_rows == 4


def test_a_refused_series_file_leaves_the_whole_command_unstored(tmp_path):
    dashboard = _write(tmp_path, "a.csv", SNAKE + "2023-05-01,Borough,Barnet,Barnet,E09000003,Gun Crime,Gun Crime,"
                       "Offences,fy23-24,23-24_01,4,2025-08-02,Sheet\n")
    ward = _write(tmp_path, "b.csv", WARD + MISSPELT_WARD)
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        with pytest.raises(InputFileError, match=r"a\.csv\) was not stored either"):
            fb.ingest([dashboard, ward])
        assert fb.sources() == []
        assert fb.store.query("SELECT COUNT(*) FROM observations") == [(0,)]
        reports = fb.ingest([dashboard, ward], accept_new_categories=True)
        assert [r.status for r in reports] == ["stored", "stored"]


def test_the_homicide_file_is_read_without_a_final_line_break(tmp_path):
    path = _write(tmp_path, "v.csv", VICTIMS + "1,20 to 24,Male,Shooting,Not Domestic Abuse,2016,Sep,Murder,Solved,Barnet,Black")
    assert read_series(path).table.num_rows == 1
    cut = _write(tmp_path, "v2.csv", VICTIMS + "1,20 to 24,Male,Shooting,Not Domestic Abuse,2016,Sep,Murder")
    with pytest.raises(InputFileError, match="line 2"):
        read_series(cut)


def test_a_homicide_method_not_in_the_list_is_refused_unless_accepted(tmp_path):
    path = _write(tmp_path, "v.csv", VICTIMS + "1,20 to 24,Male,Poisson,Not Domestic Abuse,2016,Sep,Murder,Solved,Barnet,Black\n")
    with pytest.raises(InputFileError, match="Poisson"):
        read_series(path)
    assert read_series(path, accept_new_categories=True).table.num_rows == 1
