"""Nothing lost: every row of a damaged file is stored or quarantined with its file, line and reason,
and rows read = rows stored + rows refused is recorded on the file's sources row."""

from __future__ import annotations

import pytest
from street_testdata import HEADER, street_row, write_street

import factbeat
from factbeat.errors import InputFileError

BAD = {
    3: (street_row(month="2020-13", crime_id="m"), "Month '2020-13' is not YYYY-MM"),
    4: (street_row(crime="", crime_id="c"), "Crime type is empty"),
    5: (street_row(lon="west", crime_id="l"), "Longitude 'west' is not a number"),
    6: (street_row(lat="", crime_id="h"), "only one of Longitude and Latitude is given"),
    7: (street_row(month="", crime_id="e"), "Month is empty"),
    8: (street_row(lon="200", crime_id="r"), "coordinates out of range"),
}


def damaged_file(tmp_path):
    rows = [street_row(crime_id="good2")]
    rows += [BAD[line][0] for line in sorted(BAD)]
    rows += [street_row(crime_id="good9"), "a,b,c", street_row(crime_id="good11", lsoa="Bradford 001A")]
    return write_street(tmp_path / "2020-01-test-street.csv", rows)


def test_every_row_is_stored_or_quarantined_with_line_and_reason(tmp_path, fresh_db):
    path = damaged_file(tmp_path)
    with factbeat.open(fresh_db) as fb:
        report = fb.ingest([path])[0]
        assert (report.rows_read, report.rows_stored, report.rows_refused) == (10, 3, 7)
        source = fb.sources()[0]
        assert (source["rows_read"], source["rows_stored"], source["rows_refused"]) == (10, 3, 7)
        quarantined = fb.store.query("SELECT file_name, line, reason FROM quarantine ORDER BY line")
        expected = [(path.name, line, reason) for line, (_row, reason) in sorted(BAD.items())]
        assert quarantined[:6] == expected
        assert quarantined[6][1] == 10 and quarantined[6][2].startswith("the row has 3 fields")
        stored = fb.store.query("SELECT crime_id, line FROM street_incidents ORDER BY line")
        assert stored == [("good2", 2), ("good9", 9), ("good11", 11)]
        assert fb.figure("Test Police", "burglary", "January 2020").count == 3
        assert fb.figure("Leeds", "burglary", "January 2020").count == 2


def test_quarantine_keeps_the_refused_text(tmp_path, fresh_db):
    with factbeat.open(fresh_db) as fb:
        fb.ingest([damaged_file(tmp_path)])
        raw = dict(fb.store.query("SELECT line, raw FROM quarantine"))
    assert raw[5].startswith("l,2020-01,Test Police,Test Police,west,53.8,")
    assert raw[10] == "a,b,c"


def test_wrong_encoding_is_refused_per_row_and_the_right_one_reads_it(tmp_path):
    path = tmp_path / "2020-01-test-street.csv"
    path.write_bytes("\r\n".join([HEADER, street_row(crime_id="a"), street_row(crime_id="b", location="On or near £ Shop")])
                     .encode("cp1252") + b"\r\n")
    with factbeat.open(tmp_path / "utf8.duckdb") as fb:
        report = fb.ingest([path])[0]
        assert (report.rows_stored, report.rows_refused) == (1, 1)
        assert "try --encoding cp1252" in fb.store.query("SELECT reason FROM quarantine")[0][0]
    with factbeat.open(tmp_path / "cp1252.duckdb") as fb:
        report = fb.ingest([path], encoding="cp1252")[0]
        assert (report.rows_stored, report.rows_refused) == (2, 0)
        assert fb.store.query("SELECT location FROM street_incidents WHERE line = 3")[0][0] == "On or near £ Shop"


def test_a_header_only_file_is_refused(tmp_path, fresh_db):
    """No data is an error, never a zero (docs/reliability.md)."""
    path = write_street(tmp_path / "2020-01-empty-street.csv", [])
    with factbeat.open(fresh_db) as fb:
        with pytest.raises(InputFileError, match="no data rows"):
            fb.ingest([path])
        assert fb.store.query("SELECT COUNT(*) FROM sources")[0][0] == 0


def test_rows_without_lsoa_are_kept_and_counted_for_their_force(tmp_path, fresh_db):
    rows = [street_row(lsoa=None, crime_id="x"), street_row(lsoa="Leeds 002B"), street_row(lsoa="Odd name", code="E01")]
    path = write_street(tmp_path / "2020-01-test-street.csv", rows)
    with factbeat.open(fresh_db) as fb:
        fb.ingest([path])
        assert fb.figure("Test Police: no location", "burglary", "January 2020").count == 2
        assert fb.figure("Test Police", "burglary", "January 2020").count == 3
        kept = fb.store.query("SELECT location, lsoa_code, lsoa_name FROM street_incidents ORDER BY line")
        assert kept == [("No Location", None, None), ("On or near Test Street", "E01011111", "Leeds 002B"),
                        ("On or near Test Street", "E01", "Odd name")]
        month = fb.coverage()["forces"][0]["months"][0]
        assert (month["rows"], month["no_location"]) == (3, 2)
