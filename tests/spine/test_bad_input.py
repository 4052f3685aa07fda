"""Bad files get one clear error naming file, line and field, and leave the store untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

import factbeat
from factbeat.errors import InputFileError, UnknownFormatError

HEADER = "Borough,Major Category,Minor Category,201601,201602\n"
GOOD = HEADER + "Barnet,Burglary,Burglary in a Dwelling,10,12\nBrent,Burglary,Burglary in a Dwelling,7,9\n"


def write(tmp_path: Path, text: str, name: str = "file.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def store_state(db: Path) -> tuple:
    with factbeat.open(db) as fb:
        return (
            fb.store.query("SELECT COUNT(*), COALESCE(SUM(count), 0) FROM observations")[0],
            fb.store.query("SELECT COUNT(*) FROM sources")[0],
        )


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("", 1, None, "empty"),
        (HEADER, 2, None, "no data rows"),
        (HEADER + "Barnet,Burglary,Burglary in a Dwelling,10\n", 2, None, "truncated"),
        (HEADER + "Barnet,Burglary,Burglary in a Dwelling,10,lots\n", 2, "201602", "not a whole number"),
        (HEADER + "Barnet,Burglary,Burglary in a Dwelling,10,-3\n", 2, "201602", "not a whole number"),
        (HEADER + "Narnia,Burglary,Burglary in a Dwelling,10,12\n", 2, "Borough", "unknown borough"),
        (GOOD + "Barnet,Burglary,Burglary in a Dwelling,10,12\n", 4, None, "duplicates line 2"),
    ],
    ids=["empty", "header-only", "truncated", "non-numeric", "negative", "unknown-borough", "duplicate"],
)
def test_bad_file_is_refused_with_location_and_nothing_stored(tmp_path, fresh_db, text, line, field, words):
    with factbeat.open(fresh_db) as fb:
        fb.ingest([write(tmp_path, GOOD, "good.csv")])
    before = store_state(fresh_db)
    bad = write(tmp_path, text)
    with factbeat.open(fresh_db) as fb, pytest.raises(InputFileError) as info:
        fb.ingest([bad])
    error = info.value
    assert error.path == str(bad) and error.line == line and error.field == field
    assert words in str(error)
    assert str(bad) in str(error)
    assert store_state(fresh_db) == before


def test_unknown_header_lists_known_formats(tmp_path, fresh_db):
    path = write(tmp_path, "when,what,how many\n2016,thing,3\n")
    with factbeat.open(fresh_db) as fb, pytest.raises(UnknownFormatError) as info:
        fb.ingest([path])
    message = str(info.value)
    assert "unknown header" in message
    for name in ("mps_borough_legacy", "mps_borough_home_office", "gla_borough_population"):
        assert name in message


def test_every_problem_is_listed_not_only_the_first(tmp_path, fresh_db):
    text = HEADER + "Barnet,Burglary,X,1,a\nNarnia,Burglary,X,1,2\nBrent,Burglary,X,1\n"
    with factbeat.open(fresh_db) as fb, pytest.raises(InputFileError) as info:
        fb.ingest([write(tmp_path, text)])
    assert len(info.value.problems) == 3
    assert "line 3" in info.value.problems[1] and "line 4" in info.value.problems[2]


def test_cp1252_file_names_the_line_and_suggests_the_encoding(tmp_path, fresh_db):
    text = HEADER + "Barnet,Burglary,Burglary in a Dwelling,1,2\nBrent,Burglary,Caf\u00e9 burglary \u2013 other,3,4\n"
    path = write(tmp_path, text, encoding="cp1252")
    with factbeat.open(fresh_db) as fb, pytest.raises(InputFileError) as info:
        fb.ingest([path])
    assert info.value.line == 3
    assert "--encoding cp1252" in str(info.value)
    with factbeat.open(fresh_db) as fb:
        report = fb.ingest([path], encoding="cp1252", accept_new_categories=True)[0]
        assert report.status == "stored"
        minors = {m for _i, _s, _maj, m in fb.store.categories()}
    assert "Caf\u00e9 burglary \u2013 other" in minors


def test_missing_file(fresh_db, tmp_path):
    with factbeat.open(fresh_db) as fb, pytest.raises(InputFileError, match="no such file"):
        fb.ingest([tmp_path / "nope.csv"])
