"""The real West Yorkshire months and the Met sample: every row accounted for, every figure equal to
a count made independently from the raw file with the csv module."""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter

import pytest
from click.testing import CliRunner
from street_testdata import MET_SAMPLE, WY_DIR, WY_FILES, raw_rows, snapshot

import factbeat
from factbeat.cli import cli
from factbeat.taxonomy.areas import find_area, resolve_area


def physical_data_lines(path) -> int:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.count(b"\n") - 1


def test_every_file_reconciles_and_every_line_is_accounted_for(fb_street):
    sources = {s["file_name"]: s for s in fb_street.sources()}
    for path in [*WY_FILES, MET_SAMPLE]:
        s = sources[path.name]
        assert s["rows_read"] == s["rows_stored"] + s["rows_refused"] == physical_data_lines(path)
        stored = fb_street.store.query("SELECT COUNT(*), MIN(line), MAX(line), COUNT(DISTINCT line) "
                                       "FROM street_incidents WHERE source_id = ?", [s["source_id"]])[0]
        assert stored == (s["rows_stored"], 2, s["rows_read"] + 1, s["rows_stored"])


def test_stored_lines_point_at_the_rows_they_came_from(fb_street):
    path = WY_FILES[0]
    raw = raw_rows(path)
    source = next(s for s in fb_street.sources() if s["file_name"] == path.name)
    rows = fb_street.store.query("SELECT line, crime_id, location, lsoa_name, crime_type, longitude FROM street_incidents "
                                 "WHERE source_id = ?", [source["source_id"]])
    for line, crime_id, location, lsoa, crime, lon in random.Random(1).sample(rows, 300):
        row = raw[line - 2]
        assert (crime_id or "", location, lsoa or "", crime) == (row["Crime ID"], row["Location"], row["LSOA name"],
                                                                 row["Crime type"])
        assert (lon is None and row["Longitude"] == "") or lon == float(row["Longitude"])


@pytest.mark.parametrize("district", ["Leeds", "Bradford", "Kirklees", "Wakefield", "Calderdale"])
@pytest.mark.parametrize("crime", ["Burglary", "Violence and sexual offences", "Anti-social behaviour"])
def test_district_figures_equal_raw_counts(fb_street, district, crime):
    raw = Counter((r["LSOA name"].rsplit(" ", 1)[0], r["Crime type"]) for r in raw_rows(WY_FILES[0]) if r["LSOA name"])
    figure = fb_street.figure(district, crime, "July 2016")
    assert figure.count == raw[(district, crime)] and figure.complete
    assert figure.area.code == f"LAD:{district.lower()}"


def test_force_figures_count_every_row_including_rows_without_location(fb_street):
    for path in WY_FILES:
        rows = raw_rows(path)
        month = rows[0]["Month"]
        assert fb_street.figure("West Yorkshire Police", "total crime", month).count == len(rows)
        nowhere = sum(1 for r in rows if not r["LSOA code"])
        assert nowhere > 0
        no_location = fb_street.figure("West Yorkshire Police: no location", "total crime", month)
        assert no_location.count == nowhere


def test_met_sample_boroughs_and_london(fb_street):
    rows = raw_rows(MET_SAMPLE)
    counts = Counter(r["LSOA name"].rsplit(" ", 1)[0] for r in rows)
    assert fb_street.figure("Barnet", "total crime", "January 2023").count == counts["Barnet"]
    assert fb_street.figure("Barking and Dagenham", "all crime", "January 2023").count == counts["Barking and Dagenham"]
    assert fb_street.figure("London", "total crime", "January 2023").count == len(rows)  # the Met's own total
    assert fb_street.figure("Met", "burglary", "January 2023").count == sum(r["Crime type"] == "Burglary" for r in rows)
    assert fb_street.figure("Arun", "total crime", "January 2023").count == counts["Arun"]


def test_figures_cite_the_file_they_came_from(fb_street):
    leeds = fb_street.figure("Leeds", "burglary", "July 2016")
    assert [s["file_name"] for s in leeds.sources] == ["2016-07-west-yorkshire-street.csv.gz"]
    assert leeds.sources[0]["licence"] == "Open Government Licence v3.0"


def test_a_year_with_one_stored_month_is_incomplete_and_names_the_force(fb_street):
    figure = fb_street.figure("Leeds", "burglary", "2016")
    assert not figure.complete and len(figure.missing_months) == 11
    assert any("West Yorkshire Police has no stored data for 2016-01..2016-06, 2016-08..2016-12" in n
               for n in figure.notes)


def test_reingesting_the_same_files_stores_nothing(real_street_db):
    before = snapshot(real_street_db)
    with factbeat.open(real_street_db) as fb:
        reports = fb.ingest([WY_DIR, MET_SAMPLE])
    assert {r.status for r in reports} == {"unchanged"}
    assert snapshot(real_street_db) == before


def test_coverage_reports_rows_and_missing_months_per_force(fb_street):
    result = fb_street.coverage()
    wy = next(f for f in result["forces"] if f["force"] == "West Yorkshire Police")
    assert [m["month"] for m in wy["months"]] == ["2016-07", "2017-07", "2018-07"]
    for month, path in zip(wy["months"], WY_FILES, strict=True):
        rows = raw_rows(path)
        assert month["rows"] == len(rows)
        assert month["no_location"] == sum(1 for r in rows if not r["LSOA code"])
    assert result["span"] == {"first": "2016-07", "last": "2023-01", "months": 79}
    assert len(wy["missing_months"]) == 76 and not result["complete"]


def test_cli_ingests_a_folder_and_prints_coverage(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", db, "ingest", "--json", str(WY_DIR)])
    assert done.exit_code == 0, done.output
    files = json.loads(done.output)["files"]
    assert [(f["file"].rsplit("/", 1)[-1], f["status"]) for f in files] == [(p.name, "stored") for p in WY_FILES]
    shown = runner.invoke(cli, ["--db", db, "coverage"])
    assert shown.exit_code == 0, shown.output
    assert "West Yorkshire Police" in shown.output and "2017-08..2018-06" in shown.output
    as_json = runner.invoke(cli, ["--db", db, "coverage", "--json"])
    assert '"missing_months"' in as_json.output


def test_areas_learned_from_data_resolve_but_london_comes_first(fb_street):
    assert resolve_area("Leeds").code == "LAD:leeds"
    assert resolve_area("West Yorkshire").code == "PFA:west-yorkshire"
    assert find_area("Barnet").code == "E09000003" and find_area("Met").code == "E12000007"
    assert find_area("Richmond").code == "E09000027"


def test_each_published_text_is_stored_once_and_every_row_reads_back_its_texts(fb_street):
    """Texts are kept as ids (street_texts); the street_incidents view gives the published values."""
    q = fb_street.store.query
    count, distinct, low, high = q("SELECT COUNT(*), COUNT(DISTINCT text), MIN(text_id), MAX(text_id) FROM street_texts")[0]
    assert count == distinct and (low, high) == (0, count - 1)
    rows = q("SELECT COUNT(*) FROM street_rows")[0][0]
    assert q("SELECT COUNT(*) FROM street_incidents WHERE reported_by IS NOT NULL AND crime_type IS NOT NULL")[0][0] == rows
    dangling = q("SELECT COUNT(*) FROM street_rows r WHERE location_id IS NOT NULL AND location_id NOT IN "
                 "(SELECT text_id FROM street_texts)")[0][0]
    assert dangling == 0
