"""The stored ward sums (store/ward_sums.py) always equal the sums of the ward rows.

A figure over months a capped file supplies fills missing borough-months from the ward rows of
the borough (stats/capped.py), read from ``ward_sums`` instead of summing the rows.  These tests
compare the table with the sums of the rows after every kind of write (a first file, a revision,
the same file again, a rolled-back ingest), check that a store written before the table gives the
same figures read-only and gets the table when opened for writing, and check the real files.
"""

from __future__ import annotations

import duckdb
import pytest
from london_files import write_dashboard_file

import factbeat
from factbeat.store import series
from factbeat.store.schema import TABLES_KEY
from factbeat.store.ward_sums import SUMMED, SUMS_FROM_OBSERVATIONS, VERSION_KEY

CAMDEN, BARNET = "E09000007", "E09000003"


def _borough(month: str, subtype: str, count: int, borough: str = "Barnet", code: str = BARNET) -> str:
    return f"{month},Borough,{borough},{borough},{code},X,{subtype},Offences,fy,fy,{count},2025-08-02,Sheet\n"


def _ward(month: str, subtype: str, count: int, team: str = "Camden Highgate", name: str = "Highgate",
          code: str = "E05013661") -> str:
    return f"{month},Safer Neighbourhood Teams,{team},{name},{code},X,{subtype},Offences,fy,fy,{count},2025-08-02,Sheet\n"



@pytest.fixture()
def files(tmp_path):
    """A capped file (Camden's January gun crime deleted, its wards kept), a capped revision of it
    with other ward counts and one more ward, and a complete file for March."""
    busy = "TNO Victim Based"  # a busy series: a capped file never has more than the cap of it
    capped = write_dashboard_file(tmp_path, "capped.csv", [
        _borough("2016-01-01", "Gun Crime", 5), _borough("2016-02-01", "Gun Crime", 4),
        _borough("2016-01-01", busy, 9), _borough("2016-02-01", busy, 9),
        _borough("2016-02-01", "Gun Crime", 3, "Camden", CAMDEN),
        _ward("2016-01-01", "Gun Crime", 6), _ward("2016-01-01", "Gun Crime", 2, "Camden Kilburn", "Kilburn", "E05013662"),
        _ward("2016-02-01", "Gun Crime", 1), _ward("2016-01-01", "Gun Crime Personal Robbery", 1)])
    revised = write_dashboard_file(tmp_path, "revised.csv", [
        _borough("2016-01-01", "Gun Crime", 5), _borough("2016-02-01", "Gun Crime", 4),
        _borough("2016-01-01", busy, 9), _borough("2016-02-01", busy, 9),
        _borough("2016-02-01", "Gun Crime", 3, "Camden", CAMDEN),
        _ward("2016-01-01", "Gun Crime", 7), _ward("2016-01-01", "Gun Crime", 4, "Camden Kilburn", "Kilburn", "E05013662"),
        _ward("2016-01-01", "Gun Crime", 2, "Barnet Hendon", "Hendon", "E05013640"),
        _ward("2016-02-01", "Gun Crime", 1)])
    complete = write_dashboard_file(tmp_path, "complete.csv", [
        _borough("2016-03-01", "Gun Crime", 8), _borough("2016-03-01", busy, 2500),
        _ward("2016-03-01", "Gun Crime", 3)])
    return capped, revised, complete


def stored_sums(store) -> list[tuple]:
    return sorted(store.query("SELECT scheme, parent_code, category_id, month, count FROM ward_sums"), key=repr)


def summed_rows(store) -> list[tuple]:
    """The sums of the ward rows, asked of the observations as a store without the table does."""
    sql = SUMS_FROM_OBSERVATIONS.format(where="")
    rows = [(scheme, *row[:3], int(row[3])) for scheme in sorted(SUMMED) for row in store.query(sql, [scheme] * 2)]
    return sorted(rows, key=repr)  # repr: a ward without a borough has no parent code (None)


def assert_sums_true(store) -> None:
    assert stored_sums(store) == summed_rows(store)


def test_sums_follow_files_revisions_and_repeats(tmp_path, files):
    capped, revised, complete = files
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        fb.ingest([capped])
        assert_sums_true(fb.store)
        assert (CAMDEN, "2016-01-01", 8) in {(p, str(m), n) for _s, p, _c, m, n in stored_sums(fb.store)}
        assert fb.figure("Camden", "gun crime", "Jan 2016 to Feb 2016").count == 3 + 6 + 2
        fb.ingest([revised])  # new ward counts and a ward of another borough
        assert_sums_true(fb.store)
        assert fb.figure("Camden", "gun crime", "Jan 2016 to Feb 2016").count == 3 + 7 + 4
        before = stored_sums(fb.store)
        assert fb.ingest([revised])[0].status == "unchanged"
        assert stored_sums(fb.store) == before
        fb.ingest([complete])
        assert_sums_true(fb.store)
        assert {str(m) for *_x, m, _n in stored_sums(fb.store)} == {"2016-01-01", "2016-02-01", "2016-03-01"}


def test_one_command_of_several_files_sums_them_once_at_its_end(tmp_path, files):
    capped, revised, complete = files
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        fb.ingest([capped, revised, complete])
        assert_sums_true(fb.store)
        assert stored_sums(fb.store)


def test_a_rolled_back_ingest_leaves_the_sums_as_they_were(tmp_path, files, monkeypatch):
    capped, revised, _complete = files
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        fb.ingest([capped])
        before = stored_sums(fb.store)

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(series, "_covered_sql", explode)
    with factbeat.open(tmp_path / "s.duckdb") as fb:
        with pytest.raises(Exception, match="disk on fire"):
            fb.ingest([revised])
        assert stored_sums(fb.store) == before
        assert_sums_true(fb.store)


def test_a_store_without_the_sums_gives_the_same_figures_and_gets_them_when_opened_for_writing(tmp_path, files):
    capped, revised, _complete = files
    db = tmp_path / "s.duckdb"
    questions = [("Camden", "gun crime", "Jan 2016 to Feb 2016"), ("London", "gun crime", "Jan 2016 to Feb 2016"),
                 ("Barnet", "gun crime", "2016")]
    with factbeat.open(db) as fb:
        fb.ingest([capped, revised])
        want = [fb.figure(*q).to_dict() for q in questions]
        sums = stored_sums(fb.store)
    con = duckdb.connect(str(db))  # as an older factbeat left it: no ward sums
    con.execute("DROP TABLE ward_sums")
    con.execute("DELETE FROM meta WHERE key = ?", [VERSION_KEY])
    tables = con.execute("SELECT value FROM meta WHERE key = ?", [TABLES_KEY]).fetchone()[0].split(",")
    con.execute("UPDATE meta SET value = ? WHERE key = ?", [",".join(t for t in tables if t != "ward_sums"), TABLES_KEY])
    con.close()
    with factbeat.open(db, read_only=True) as fb:  # answered from the ward rows
        assert not fb.store.has_table("ward_sums")
        assert [fb.figure(*q).to_dict() for q in questions] == want
    with factbeat.open(db) as fb:
        assert stored_sums(fb.store) == sums
        assert_sums_true(fb.store)
    with factbeat.open(db, read_only=True) as fb:  # now read from the table
        assert [fb.figure(*q).to_dict() for q in questions] == want


def test_the_sums_of_the_real_files(london_store):
    with factbeat.open(london_store, read_only=True) as fb:
        assert_sums_true(fb.store)
        assert {row[0] for row in stored_sums(fb.store)} == {"mps_dashboard_ward", "home_office_ward"}
        assert fb.figure("London", "gun crime", "2016").count == 2303  # filled from the ward sums


def test_sums_left_stale_by_an_older_writer_are_not_read_and_are_made_anew(tmp_path, files):
    """A factbeat from before the sums records its own schema version when it writes, and adds
    rows without summing them: until a writer that keeps them has opened the store, the rows answer."""
    capped, revised, _complete = files
    db = tmp_path / "s.duckdb"
    question = ("Camden", "gun crime", "Jan 2016 to Feb 2016")
    with factbeat.open(db) as fb:
        fb.ingest([capped])
        assert fb.figure(*question).count == 3 + 6 + 2
    con = duckdb.connect(str(db))  # an older writer: its version, and a ward row its sums never saw
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.execute("UPDATE observations SET count = count + 10 WHERE area_code = 'E05013662'")
    con.close()
    with factbeat.open(db, read_only=True) as fb:
        assert fb.figure(*question).count == 3 + 6 + 2 + 10
    with factbeat.open(db) as fb:  # opened for writing: summed anew
        assert_sums_true(fb.store)
    with factbeat.open(db, read_only=True) as fb:
        assert fb.figure(*question).count == 3 + 6 + 2 + 10
        assert_sums_true(fb.store)
