"""Nothing wrong is stored silently: the issue's reproductions that need the store, each a test.

Cut-short and shrinking street files, all-or-nothing commands and archives, refused rows and
files, unknown crime types, population revisions reported truly, the temporary folder swept,
JSON without NaN, relative redirects, and ``check --no-data`` without a store.
"""

from __future__ import annotations

import json
import math
import zipfile

import pytest
from datafiles import DATA
from rel_files import (
    LEGACY_HEADER,
    LEGACY_ROWS,
    POP_HEADER,
    POP_ROWS,
    STREET_HEADER,
    assert_clean_refusal,
    checksum,
    csv_bytes,
    run,
    street_rows,
    write,
)

import factbeat
from factbeat.errors import InputFileError, ShrinkError
from factbeat.jsontext import dumps

MET_SAMPLE = DATA / "data-police-uk-metropolitan-street-sample" / "2023-01-metropolitan-street-sample.csv"


def need_met() -> bytes:
    if not MET_SAMPLE.is_file():
        pytest.skip(f"{MET_SAMPLE} is not present")
    return MET_SAMPLE.read_bytes()


def test_cut_short_street_file_does_not_replace_the_month(tmp_path, fresh_db):
    """The issue: the first 60 % of the Met's January 2023 file took London from 4,000 to 2,341."""
    data = need_met()
    mid_record = write(tmp_path / "mid" / "2023-01-metropolitan-street.csv", data[: int(len(data) * 0.6)])
    lines = data.split(b"\n")
    at_line_break = write(tmp_path / "line" / "2023-01-metropolitan-street.csv",
                          b"\n".join(lines[: int(len(lines) * 0.6)]) + b"\n")
    with factbeat.open(fresh_db) as fb:
        fb.ingest([MET_SAMPLE])
    before = checksum(fresh_db)
    result = run(fresh_db, "ingest", "-q", str(mid_record))
    assert_clean_refusal(result, str(mid_record))
    assert "cut short" in result.output
    result = run(fresh_db, "ingest", "-q", str(at_line_break))
    assert_clean_refusal(result, str(at_line_break))
    assert "from 4,000 to 2,400 rows (40% fewer)" in result.output and "--accept-shrink" in result.output
    assert checksum(fresh_db) == before
    with factbeat.open(fresh_db, read_only=True) as fb:
        assert fb.figure("London", "total crime", "January 2023").count == 4000
    assert run(fresh_db, "ingest", "-q", "--accept-shrink", str(at_line_break)).exit_code == 0
    with factbeat.open(fresh_db, read_only=True) as fb:
        assert fb.figure("London", "total crime", "January 2023").count == 2400


def test_small_revisions_need_no_flag(tmp_path, store):
    """Published revisions move a force-month by a few rows: 30 -> 28 rows is accepted."""
    path = write(tmp_path / "v2" / "2020-01-test-street.csv", csv_bytes(STREET_HEADER, street_rows(28)))
    with factbeat.open(store) as fb:
        assert fb.ingest([path])[0].status == "stored"
    bigger_drop = write(tmp_path / "v3" / "2020-01-test-street.csv", csv_bytes(STREET_HEADER, street_rows(20)))
    with factbeat.open(store) as fb, pytest.raises(ShrinkError, match="29% fewer"):
        fb.ingest([bigger_drop])


def test_a_failing_command_stores_none_of_its_files_and_says_so(tmp_path, store):
    good = write(tmp_path / "a-good.csv", csv_bytes(LEGACY_HEADER[:3] + ["201603"], [r[:4] for r in LEGACY_ROWS]))
    street = write(tmp_path / "2020-05-test-street.csv", csv_bytes(STREET_HEADER, street_rows(10, "2020-05")))
    bad_rows = [list(r) for r in LEGACY_ROWS]
    bad_rows[2][4] = "many"
    bad = write(tmp_path / "z-bad.csv", csv_bytes(LEGACY_HEADER, bad_rows))
    before = checksum(store)
    result = run(store, "ingest", "-q", str(good), str(street), str(bad))
    assert_clean_refusal(result, "z-bad.csv")
    assert "the 2 files read before it" in result.output and "were not stored either" in result.output
    assert checksum(store) == before
    with factbeat.open(store) as fb:  # and the store still works, and takes the good files
        assert [r.status for r in fb.ingest([good, street])] == ["stored", "stored"]
        assert fb.figure("Test Police", "total crime", "May 2020").count == 10


def test_a_zip_is_all_or_nothing(tmp_path, store):
    bad_rows = [list(r) for r in LEGACY_ROWS]
    bad_rows[0][0] = "London"
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("2020-06/2020-06-test-street.csv", csv_bytes(STREET_HEADER, street_rows(10, "2020-06")))
        archive.writestr("2020-07/2020-07-test-street.csv", csv_bytes(STREET_HEADER, street_rows(10, "2020-07")))
        archive.writestr("zz/borough.csv", csv_bytes(LEGACY_HEADER, bad_rows))
    before = checksum(store)
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, "archive.zip!zz/borough.csv")
    assert "not a borough" in result.output and "were not stored either" in result.output
    assert checksum(store) == before


def test_the_same_file_twice_in_one_command_is_stored_once(tmp_path, store):
    path = write(tmp_path / "twice.csv", csv_bytes(LEGACY_HEADER[:3] + ["201605"], [r[:4] for r in LEGACY_ROWS]))
    copy = write(tmp_path / "copy" / "twice.csv", path.read_bytes())
    street = write(tmp_path / "2020-08-test-street.csv", csv_bytes(STREET_HEADER, street_rows(5, "2020-08")))
    with factbeat.open(store) as fb:
        statuses = [r.status for r in fb.ingest([path, copy, street, street])]
    assert statuses == ["stored", "unchanged", "stored", "unchanged"]


def test_street_file_with_every_row_refused_exits_non_zero(tmp_path, store):
    rows = street_rows(6, "2020-09")
    for row in rows:
        row[1] = "September"
    path = write(tmp_path / "2020-09-test-street.csv", csv_bytes(STREET_HEADER, rows))
    before = checksum(store)
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, "2020-09-test-street.csv")
    assert "every one of its 6 rows was refused" in result.output and "line 2: Month 'September'" in result.output
    assert checksum(store) == before


def test_street_month_0000_refuses_that_row_only(tmp_path, store):
    rows = street_rows(5, "2020-10")
    rows[2][1] = "0000-01"
    rows[3][1] = "\uff12\uff10\uff12\uff10-10"  # full-width digits
    path = write(tmp_path / "2020-10-test-street.csv", csv_bytes(STREET_HEADER, rows))
    with factbeat.open(store) as fb:
        report = fb.ingest([path])[0]
        assert (report.rows_stored, report.rows_refused) == (3, 2)
        refused = fb.store.query("SELECT line, reason FROM quarantine WHERE file_name = ? ORDER BY line", [path.name])
    assert refused == [(4, "Month '0000-01' is not YYYY-MM"), (5, "Month '２０２０-10' is not YYYY-MM")]


@pytest.mark.parametrize("crime", ["Burglery", "Burglary\x00", "Drugs\u2028"])
def test_unknown_or_garbled_crime_type_is_refused(tmp_path, store, crime):
    rows = street_rows(4, "2020-11")
    rows[1][9] = crime
    path = write(tmp_path / "2020-11-test-street.csv", csv_bytes(STREET_HEADER, rows))
    before = checksum(store)
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, "2020-11-test-street.csv")
    assert ("--accept-new-categories" if crime.isprintable() else "control character") in result.output
    assert checksum(store) == before
    accepted = run(store, "ingest", "-q", "--accept-new-categories", str(path))
    assert accepted.exit_code == (0 if crime.isprintable() else 1), accepted.output


def test_population_revision_is_reported_truly(tmp_path, store):
    revised = write(tmp_path / "pop-2.csv", csv_bytes(POP_HEADER, [POP_ROWS[0][:3] + ["386100"], POP_ROWS[1]]))
    result = run(store, "ingest", "-q", str(revised))
    assert result.exit_code == 0, result.output
    assert "revised 2 stored values (1 changed) from seed-pop.csv" in result.output
    assert "from ;" not in result.output


def test_stale_temporary_copies_are_swept_when_the_store_opens(tmp_path, store):
    with factbeat.open(store) as fb:
        folder = fb.store.temp_folder
    (folder / "factbeat-dead").mkdir(parents=True)
    (folder / "factbeat-dead" / "2016-07-big-street.csv").write_bytes(b"x" * 1000)
    with factbeat.open(store, read_only=True):
        assert folder.exists()  # readers never touch it
    with factbeat.open(store):
        assert not folder.exists()


def test_gzip_and_zip_copies_go_to_the_store_s_folder_and_are_removed(tmp_path, store, monkeypatch):
    seen = []
    import factbeat.sources.archive as archive

    real = archive._gunzip

    def spy(path, target):
        seen.append(target)
        return real(path, target)

    monkeypatch.setattr(archive, "_gunzip", spy)
    path = write(tmp_path / "2020-12-test-street.csv.gz", csv_bytes(STREET_HEADER, street_rows(5, "2020-12")))
    with factbeat.open(store) as fb:
        fb.ingest([path])
        assert seen and seen[0].is_relative_to(fb.store.temp_folder)
        assert not fb.store.temp_folder.exists()


def test_json_never_holds_nan_or_infinity():
    data = {"rate": math.inf, "rows": [math.nan, 1.5, -math.inf], "ok": 2}
    text = dumps(data)
    assert json.loads(text) == {"rate": None, "rows": [None, 1.5, None], "ok": 2}
    assert "Infinity" not in text and "NaN" not in text


def test_population_zero_never_reaches_a_rate(tmp_path, store):
    """The issue: Barnet's population 0 ranked it first with an infinite rate, as 'Infinity' in JSON."""
    zero = write(tmp_path / "pop-zero.csv", csv_bytes(POP_HEADER, [["E09000003", "Barnet", "2016", "0"]]))
    assert_clean_refusal(run(store, "ingest", "-q", str(zero)), "pop-zero.csv")
    result = run(store, "rank", "burglary", "2016", "--json")
    assert result.exit_code == 0, result.output
    assert "Infinity" not in result.output and "NaN" not in result.output
    json.loads(result.output)


def test_static_redirect_does_not_reflect_the_host_header(store):
    from fastapi.testclient import TestClient

    from factbeat.web.app import create_app

    with TestClient(create_app(str(store))) as client:
        response = client.get("/static", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code in (301, 307, 308)
    assert response.headers["location"] == "/static/"


def test_check_no_data_never_opens_the_store(tmp_path, monkeypatch):
    import factbeat.store.catalogue as catalogue

    def refuse(*args, **kwargs):
        raise AssertionError("check --no-data opened the store")

    monkeypatch.setattr(catalogue.Store, "__init__", refuse)
    story = write(tmp_path / "story.txt", "Burglaries rose from 100 to 120, a rise of 20 per cent.")
    result = run(tmp_path / "store.duckdb", "check", str(story), "--no-data")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "store.duckdb").exists()


def test_reading_a_store_that_does_not_exist_is_one_clear_line(tmp_path):
    result = run(tmp_path / "none.duckdb", "figure", "Barnet", "burglary", "2016")
    assert result.exit_code == 1 and "no factbeat store" in result.output


def test_errors_name_file_line_and_field_in_json_too(tmp_path, store):
    bad = write(tmp_path / "bad.csv", csv_bytes(LEGACY_HEADER, [["Barnet", "Burglary", "Burglary in a Dwelling", "1", "x"]]))
    with factbeat.open(store) as fb, pytest.raises(InputFileError) as info:
        fb.ingest([bad])
    assert info.value.to_dict() | {"problems": []} == {
        "error": str(info.value), "type": "InputFileError", "file": str(bad), "line": 2, "field": "201602",
        "problems": []}
