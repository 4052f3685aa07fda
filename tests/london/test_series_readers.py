"""Each London series reader: good rows read, bad rows named by line and field, nothing half-read."""

from __future__ import annotations

import pytest

from factbeat.errors import InputFileError
from factbeat.sources.series_readers import read_series

SNAKE = "month_year,area_type,borough_snt,area_name,area_code,crime_type,crime_subtype,measure,financial_year,fy_fyindex,count,refresh_date,sheet\n"
TITLE = "Area Type,Month_year,Borough_SNT,Area Name,Area Code,Crime Type,Crime Subtype,Measure,Financial Year,Count\n"
VICTIMS = ("Count of Victims,Age Group,Sex,MethodofKilling,Domestic Abuse,Recorded Year,Recorded Month,"
           "Homicide Offence Type,Solved Status,Borough,Officer Observed Ethnicity\n")
WARD_NEW = "majortext,minortext,wardname,wardcode,lookup_boroughname,202402,202403\n"
WARD_OLD = "wardname,wardcode,majortext,minortext,lookup_boroughname,202401,202402\n"
LSOA = "lsoa_code,lsoa_name,borough,major_category,minor_category,202402,202403\n"


def _snake(month, kind, snt, name, code, ctype, subtype, measure, count):
    return f"{month},{kind},{snt},{name},{code},{ctype},{subtype},{measure},fy23-24,23-24_01,{count},2025-08-02,Sheet\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_snake_case_dashboard_rows_become_borough_ward_and_outcome_schemes(tmp_path):
    path = _write(tmp_path, "d.csv", SNAKE
                  + _snake("2023-05-01", "Borough", "Barnet", "Barnet", "E09000003", "Gun Crime", "Gun Crime", "Offences", 4)
                  + _snake("2023-05-01", "Borough", "Barnet", "Barnet", "E09000003", "Gun Crime", "Gun Crime", "Positive Outcomes", 1)
                  + _snake("2023-05-01", "Safer Neighbourhood Teams", "Barnet Burnt Oak", "Burnt Oak", "E05013630",
                           "Lethal Barrel Discharge", "Lethal Barrel Discharge", "Offences", 2)
                  + _snake("2023-05-01", "Borough", "Other / NK", "", "", "Hate crime", "AntiSemitic", "Offences", 3))
    table = read_series(path)
    rows = table.table.to_pylist()
    assert [(r["scheme"], r["area_code"], r["major"], r["count"], r["line"]) for r in rows] == [
        ("mps_dashboard", "E09000003", "Gun Crime", 4, 2),
        ("mps_dashboard_outcomes", "E09000003", "Gun Crime", 1, 3),
        ("mps_dashboard_ward", "E05013630", "Lethal Barrel Discharge", 2, 4),
        ("mps_dashboard", "MPS-UNKNOWN", "Antisemitic Crime", 3, 5),
    ]
    assert rows[2]["parent_code"] == "E09000003" and not table.capped and table.rows_read == 4


def test_title_case_dashboard_spellings_meet_the_current_names(tmp_path):
    path = _write(tmp_path, "fy.csv", TITLE
                  + "Borough,2016-02-01,Hammersmith & Fulham,Hammersmith & Fulham,FH,Gun crime,Personal Robbery,Offences,fy15-16,2\n"
                  + "Borough,2016-02-01,Aviation Security(SO18),Aviation Security(SO18),SO18,Hate crime,Anti-Semitic,Offences,fy15-16,1\n"
                  + "Borough,2016-02-01,Barnet,Barnet,SX,Hate crime,Transgender Crime,Outcomes,fy15-16,1\n")
    rows = read_series(path).table.to_pylist()
    assert [(r["scheme"], r["area_code"], r["major"]) for r in rows] == [
        ("mps_dashboard", "E09000013", "Gun Crime Personal Robbery"),
        ("mps_dashboard", "MPS-AIRPORTS", "Antisemitic Crime"),
        ("mps_dashboard_outcomes", "E09000003", "Transphobic Crime"),
    ]


def test_a_dashboard_with_only_small_counts_of_busy_series_is_marked_capped(tmp_path):
    rows = "".join(_snake(f"2016-{m:02d}-01", "Borough", "Barnet", "Barnet", "E09000003", "Miscalleneous", "TNO Victim Based",
                          "Offences", 9) for m in range(1, 4))
    table = read_series(_write(tmp_path, "c.csv", SNAKE + rows))
    assert table.capped and "lower bounds" in table.notes[0]
    full = rows + _snake("2016-04-01", "Borough", "Barnet", "Barnet", "E09000003", "Miscalleneous", "TNO Victim Based", "Offences", 2400)
    assert not read_series(_write(tmp_path, "f.csv", SNAKE + full)).capped


def test_an_exact_repeat_of_a_dashboard_row_is_refused_not_stored(tmp_path):
    row = _snake("2023-05-01", "Safer Neighbourhood Teams", "Barnet Edgware", "Edgware", "E05013637", "Gun Crime", "Gun Crime", "Offences", 1)
    spelt = _snake("2023-05-01", "Safer Neighbourhood Teams", "Barnet Edgware", "Edgware (SX)", "E05013637", "Gun Crime", "Gun Crime", "Offences", 2)
    table = read_series(_write(tmp_path, "r.csv", SNAKE + row + row + spelt))
    assert [r["line"] for r in table.table.to_pylist()] == [2, 4]  # a second spelling is part of the count
    assert [(r.line, r.reason) for r in table.refused] == [(3, "repeats line 2 (same month, area, series and measure)")]


@pytest.mark.parametrize(("row", "line", "field", "message"), [
    (_snake("2023-05-01", "Borough", "Barnet", "Barnet", "E09000003", "Gun Crime", "Gun Crime", "Offences", "x"), 2, "count", "not a whole number"),
    (_snake("2023-13-01", "Borough", "Barnet", "Barnet", "E09000003", "Gun Crime", "Gun Crime", "Offences", 1), 2, "month_year", "not a month"),
    (_snake("2023-05-01", "Borough", "Gotham", "Gotham", "E09", "Gun Crime", "Gun Crime", "Offences", 1), 2, "borough_snt", "unknown borough"),
    (_snake("2023-05-01", "Borough", "Barnet", "Barnet", "E09000003", "Gun Crime", "Ray Gun Crime", "Offences", 1), 2, "crime_subtype", "unknown dashboard series"),
    (_snake("2023-05-01", "Borough", "Barnet", "Barnet", "E09000003", "Gun Crime", "Gun Crime", "Arrests", 1), 2, "measure", "unknown measure"),
    ("2023-05-01,Borough,Barnet\n", 2, None, "the row has 3 cells"),
])
def test_bad_dashboard_rows_refuse_the_file_naming_line_and_field(tmp_path, row, line, field, message):
    good = _snake("2023-04-01", "Borough", "Barnet", "Barnet", "E09000003", "Gun Crime", "Gun Crime", "Offences", 1)
    with pytest.raises(InputFileError, match=message) as caught:
        read_series(_write(tmp_path, "bad.csv", SNAKE + row + good))
    assert caught.value.line == line and caught.value.field == field


def test_homicide_victims_are_one_observation_each_by_recorded_month(tmp_path):
    path = _write(tmp_path, "v.csv", VICTIMS
                  + '1,20 to 24,Male,Shooting,Not Domestic Abuse,2016,Sep,Murder,Solved,Barnet,Black\n'
                  + '1,35 to 44,Female,"Physical Assault, no weapon",Domestic Abuse,2016,Dec,Murder,Solved,Unmapped,White\n')
    rows = read_series(path).table.to_pylist()
    assert [(r["area_code"], r["major"], r["minor"], r["month"].isoformat(), r["line"]) for r in rows] == [
        ("E09000003", "Shooting", "Male; 20 to 24; Not Domestic Abuse", "2016-09-01", 2),
        ("MPS-UNKNOWN", "Physical Assault, no weapon", "Female; 35 to 44; Domestic Abuse", "2016-12-01", 3),
    ]


@pytest.mark.parametrize(("row", "field", "message"), [
    ("1,20 to 24,Male,Shooting,Not Domestic Abuse,2016,Smarch,Murder,Solved,Barnet,Black\n", "Recorded Month", "not a month name"),
    ("1,20 to 24,Male,Shooting,Not Domestic Abuse,twenty,Sep,Murder,Solved,Barnet,Black\n", "Recorded Year", "not a year"),
    ("1,20 to 24,Male,Shooting,Not Domestic Abuse,2016,Sep,Murder,Solved,Gotham,Black\n", "Borough", "unknown borough"),
    ("0,20 to 24,Male,Shooting,Not Domestic Abuse,2016,Sep,Murder,Solved,Barnet,Black\n", "Count of Victims", "not a number of victims"),
])
def test_bad_victim_rows_refuse_the_file(tmp_path, row, field, message):
    with pytest.raises(InputFileError, match=message) as caught:
        read_series(_write(tmp_path, "v.csv", VICTIMS + row))
    assert caught.value.line == 2 and caught.value.field == field


@pytest.mark.parametrize("header", [WARD_NEW, WARD_OLD])
def test_both_ward_layouts_read_to_the_same_rows(tmp_path, header):
    first = header.split(",")[0]
    cells = {"majortext": "BURGLARY", "minortext": "BURGLARY BUSINESS AND COMMUNITY", "wardname": "Burnt Oak",
             "wardcode": "E05013630", "lookup_boroughname": "Barnet"}
    keys = header.strip().split(",")[:5]
    row = ",".join(cells[k] for k in keys) + ",3,4\n"
    table = read_series(_write(tmp_path, f"{first}.csv", header + row))
    assert table.format == "mps_ward_home_office"
    rows = table.table.to_pylist()
    assert [(r["scheme"], r["area_code"], r["parent_code"], r["count"]) for r in rows] == [
        ("home_office_ward", "E05013630", "E09000003", 3), ("home_office_ward", "E05013630", "E09000003", 4)]


def test_the_airport_part_of_a_ward_is_its_own_area(tmp_path):
    text = WARD_NEW + ("ROBBERY,ROBBERY OF PERSONAL PROPERTY,Heathrow Villages,E05013570,Aviation Security (SO18),1,0\n"
                       "ROBBERY,ROBBERY OF PERSONAL PROPERTY,Heathrow Villages,E05013570,Hillingdon,2,0\n")
    codes = {r["area_code"] for r in read_series(_write(tmp_path, "w.csv", text)).table.to_pylist()}
    assert codes == {"E05013570:aviation", "E05013570"}


@pytest.mark.parametrize(("row", "line", "field", "message"), [
    ("E01000006,Barking and Dagenham 016A,E09000002,ROBBERY,ROBBERY OF PERSONAL PROPERTY,1,x\n", 2, "202403", "not a whole number"),
    ("E01000006,Barking and Dagenham 016A,E09999999,ROBBERY,ROBBERY OF PERSONAL PROPERTY,1,0\n", 2, "borough", "unknown borough"),
    (",Barking and Dagenham 016A,E09000002,ROBBERY,ROBBERY OF PERSONAL PROPERTY,1,0\n", 2, "lsoa_code", "no area code"),
    ("E01000006,Barking and Dagenham 016A,E09000002,ROBBERY\n", 2, None, "the row has 4 cells"),
])
def test_bad_lsoa_rows_refuse_the_file(tmp_path, row, line, field, message):
    with pytest.raises(InputFileError, match=message) as caught:
        read_series(_write(tmp_path, "l.csv", LSOA + row))
    assert caught.value.line == line and caught.value.field == field


def test_a_repeated_ward_row_refuses_the_file(tmp_path):
    row = "BURGLARY,BURGLARY BUSINESS AND COMMUNITY,Burnt Oak,E05013630,Barnet,3,4\n"
    with pytest.raises(InputFileError, match="duplicates line 2") as caught:
        read_series(_write(tmp_path, "w.csv", WARD_NEW + row + row))
    assert caught.value.line == 3


def test_a_nearly_empty_first_month_is_left_out_and_reported(tmp_path):
    """The current ward file's February 2024 holds a handful of offences: it must not revise the
    historical file's full month to nearly zero."""
    rows = "".join(f"BURGLARY,BURGLARY BUSINESS AND COMMUNITY,Ward {i},E0500{i:04d},Barnet,{int(i == 0)},30\n" for i in range(40))
    table = read_series(_write(tmp_path, "w.csv", WARD_NEW + rows))
    assert {r["month"].isoformat() for r in table.table.to_pylist()} == {"2024-03-01"}
    assert table.notes == ["2024-02 not stored: it holds 1 offences against 1,200 the month after "
                           "(a partial month; kept out so that an earlier file's figures for it stand)"]
