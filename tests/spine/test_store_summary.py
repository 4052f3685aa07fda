"""The per-scheme summary (store/summary.py) always says what the observations say.

Commands read which months and areas each scheme holds from ``scheme_months`` and
``scheme_areas`` instead of scanning the observations; these tests compare the two after every
kind of write: a first file, a revision that drops an area, a rolled-back ingest, an older store
without the summary, and the real files.
"""

from __future__ import annotations

import duckdb
import pytest

import factbeat
from factbeat.store import borough
from factbeat.store.summary import (
    AREAS_FROM_OBSERVATIONS,
    AREAS_FROM_SUMMARY,
    MONTHS_FROM_OBSERVATIONS,
    MONTHS_FROM_SUMMARY,
)


def assert_summary_true(store) -> None:
    assert sorted(store.query(MONTHS_FROM_SUMMARY)) == sorted(store.query(MONTHS_FROM_OBSERVATIONS))
    assert sorted(store.query(AREAS_FROM_SUMMARY)) == sorted(store.query(AREAS_FROM_OBSERVATIONS))


def ho_file(tmp_path, name, header_months, rows):
    path = tmp_path / name
    header = "MajorText,MinorText,BoroughName," + ",".join(header_months) + "\n"
    path.write_text(header + "".join(f"BURGLARY,DOMESTIC BURGLARY,{b},{','.join(map(str, n))}\n" for b, *n in rows))
    return path


def test_summary_follows_files_and_revisions(tmp_path, fresh_db):
    first = ho_file(tmp_path, "a.csv", ["201601", "201602"], [("Barnet", 1, 2), ("Brent", 3, 4)])
    # The revision covers February again, without Brent, and adds March.
    second = ho_file(tmp_path, "b.csv", ["201602", "201603"], [("Barnet", 5, 6)])
    with factbeat.open(fresh_db) as fb:
        fb.ingest([first])
        assert_summary_true(fb.store)
        fb.ingest([second])
        assert_summary_true(fb.store)
        months = {str(m) for s, m in fb.store.scheme_months() if s == "home_office"}
        assert months == {"2016-01-01", "2016-02-01", "2016-03-01"}
        assert fb.catalog.months["home_office"] == {m for s, m in fb.store.query(MONTHS_FROM_OBSERVATIONS)}


def test_rolled_back_ingest_leaves_summary_as_it_was(tmp_path, fresh_db, monkeypatch):
    good = ho_file(tmp_path, "good.csv", ["201601"], [("Barnet", 1)])
    other = ho_file(tmp_path, "other.csv", ["201701"], [("Camden", 7)])
    with factbeat.open(fresh_db) as fb:
        fb.ingest([good])

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(borough, "_replace_crime_months", explode)
    with factbeat.open(fresh_db) as fb:
        with pytest.raises(Exception, match="disk on fire"):
            fb.ingest([other])
        assert_summary_true(fb.store)
        assert [str(m) for _s, m in fb.store.scheme_months()] == ["2016-01-01"]


def test_store_without_summary_gets_it_when_opened_for_writing(tmp_path, fresh_db):
    path = ho_file(tmp_path, "a.csv", ["201601", "201602"], [("Barnet", 1, 2)])
    with factbeat.open(fresh_db) as fb:
        fb.ingest([path])
    con = duckdb.connect(str(fresh_db))  # as an older factbeat left it: no summary tables
    con.execute("DROP TABLE scheme_months")
    con.execute("DROP TABLE scheme_areas")
    con.execute("DELETE FROM meta WHERE key = 'summary_version'")
    con.close()
    with factbeat.open(fresh_db, read_only=True) as fb:  # read-only: answered from the observations
        assert fb.catalog.areas["home_office"] == {"E09000003"}
    with factbeat.open(fresh_db) as fb:
        assert_summary_true(fb.store)
        assert fb.store.query("SELECT COUNT(*) FROM scheme_months")[0][0] == 2


def test_summary_of_the_real_store(real_store):
    with factbeat.open(real_store, read_only=True) as fb:
        assert_summary_true(fb.store)

