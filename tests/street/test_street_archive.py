"""data.police.uk zip archives: the official layout is read, unsafe entries are refused before
anything is stored, and folders and gzip files work the same way."""

from __future__ import annotations

import gzip
import stat
import zipfile

import pytest
from street_testdata import HEADER, street_row, write_street

import factbeat
from factbeat.errors import ArchiveSafetyError
from factbeat.sources.archive import MAX_RATIO, _copy_capped, expand_inputs

OUTCOMES = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\r\n"
            "abc,2020-01,Test Police,Test Police,-1.5,53.8,On or near X,E01011111,Leeds 001A,Under investigation\r\n")
STOP_SEARCH = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude\r\n"


def official_zip(folder, months=("2020-01", "2020-02")):
    """A monthly archive laid out as data.police.uk publishes it."""
    path = folder / "archive.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for month in months:
            street = write_street(folder / "tmp.csv", [street_row(month, crime_id=f"{month}-{i}") for i in range(5)])
            archive.write(street, f"{month}/{month}-test-street.csv")
            archive.writestr(f"{month}/{month}-test-outcomes.csv", OUTCOMES.replace("2020-01", month))
            archive.writestr(f"{month}/{month}-test-stop-and-search.csv", STOP_SEARCH)
        archive.writestr("README.txt", "not data")
    return path


def test_an_official_archive_is_read_entry_by_entry(tmp_path, fresh_db):
    path = official_zip(tmp_path)
    with factbeat.open(fresh_db) as fb:
        reports = fb.ingest([path])
        shown = [(r.file.split("!")[1], r.status) for r in reports]
        assert shown == [("2020-01/2020-01-test-outcomes.csv", "skipped"),
                         ("2020-01/2020-01-test-stop-and-search.csv", "skipped"),
                         ("2020-01/2020-01-test-street.csv", "stored"),
                         ("2020-02/2020-02-test-outcomes.csv", "skipped"),
                         ("2020-02/2020-02-test-stop-and-search.csv", "skipped"),
                         ("2020-02/2020-02-test-street.csv", "stored")]
        assert "recognised but not read yet" in reports[0].note
        assert fb.figure("Test Police", "burglary", "January 2020 to February 2020").count == 10
        source = fb.sources()[0]
        assert source["file_name"] == "2020-01-test-street.csv"
        assert source["path"].endswith("archive.zip!2020-01/2020-01-test-street.csv")
        assert {r.status for r in fb.ingest([path]) if r.status != "skipped"} == {"unchanged"}


def unsafe_zip(folder, name, data=b"x", attr=None):
    path = folder / "unsafe.zip"
    good = write_street(folder / "good.csv", [street_row()])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(good, "2020-01/2020-01-good-street.csv")
        info = zipfile.ZipInfo(name)
        if attr is not None:
            info.external_attr = attr
        archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("name, data, attr, reason", [
    ("/etc/2020-01-x-street.csv", b"x", None, "absolute path"),
    ("../../2020-01-x-street.csv", b"x", None, "path contains '..'"),
    ("2020-01/link-street.csv", b"/etc/passwd", (stat.S_IFLNK | 0o777) << 16, "symbolic link"),
    ("2020-01/bomb-street.csv", b"\0" * (20 << 20), None, "zip bomb"),
])
def test_unsafe_archives_are_refused_and_nothing_is_stored(tmp_path, fresh_db, name, data, attr, reason):
    path = unsafe_zip(tmp_path, name, data, attr)
    with factbeat.open(fresh_db) as fb:
        with pytest.raises(ArchiveSafetyError, match=reason) as caught:
            fb.ingest([path])
        assert "unsafe archive, nothing was read" in str(caught.value)
        assert fb.store.query("SELECT COUNT(*) FROM sources")[0][0] == 0


def test_extraction_stops_as_soon_as_an_entry_writes_more_than_it_declared(tmp_path):
    class Endless:
        def read(self, size):
            return b"0" * size

    with open(tmp_path / "out", "wb") as sink, pytest.raises(ArchiveSafetyError, match="zip bomb"):
        _copy_capped(Endless(), sink, 5 << 20, "entry")
    assert (tmp_path / "out").stat().st_size <= 5 << 20


def test_a_gzip_bomb_is_refused(tmp_path, fresh_db):
    bomb = tmp_path / "2020-01-x-street.csv.gz"
    bomb.write_bytes(gzip.compress((HEADER + "\r\n" + "0" * (MAX_RATIO * 3 << 15)).encode()))
    with factbeat.open(fresh_db) as fb, pytest.raises(ArchiveSafetyError, match="zip bomb"):
        fb.ingest([bomb])


def test_folders_are_read_in_name_order_and_skip_what_is_not_data(tmp_path):
    write_street(tmp_path / "b" / "2020-02-x-street.csv", [street_row("2020-02")])
    write_street(tmp_path / "a" / "2020-01-x-street.csv.gz", [street_row()])
    (tmp_path / "SOURCE.md").write_text("# not data")
    (tmp_path / "c").mkdir()
    official_zip(tmp_path / "c")
    names = [item.name for item in expand_inputs([tmp_path])]
    assert names == ["2020-01-x-street.csv.gz", "2020-02-x-street.csv", "2020-01-test-outcomes.csv",
                     "2020-01-test-stop-and-search.csv", "2020-01-test-street.csv", "2020-02-test-outcomes.csv",
                     "2020-02-test-stop-and-search.csv", "2020-02-test-street.csv", "tmp.csv"]
