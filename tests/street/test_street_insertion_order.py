"""DuckDB's ``preserve_insertion_order`` is off only while street rows are written: an ingest
command keeps it off from one street file to the next, and gives it back for any other write,
at its end, and after a failure; and it runs on one DuckDB thread, giving the store's own
setting back after."""

from __future__ import annotations

import pytest
from street_testdata import street_row, write_street

import factbeat
from factbeat.errors import FactbeatError


def preserving(fb) -> bool:
    return fb.store.con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]


def test_order_comes_back_after_files_and_commands(tmp_path, fresh_db):
    first = write_street(tmp_path / "2020-01-test-street.csv", [street_row("2020-01")])
    second = write_street(tmp_path / "2020-02-test-street.csv", [street_row("2020-02")])
    third = write_street(tmp_path / "2020-03-test-street.csv", [street_row("2020-03")])
    with factbeat.open(fresh_db) as fb:
        fb.ingest([first, second])  # one command: both files in one transaction
        assert preserving(fb)
        fb.ingest([third])
        assert preserving(fb)
        assert fb.store.query("SELECT COUNT(*) FROM street_rows")[0][0] == 3


def test_order_comes_back_after_a_failed_command(tmp_path, fresh_db):
    good = write_street(tmp_path / "2020-01-test-street.csv", [street_row("2020-01")])
    bad = write_street(tmp_path / "2020-02-test-street.csv", [street_row("2020-02", crime="Not A Crime Type")])
    with factbeat.open(fresh_db) as fb:
        with pytest.raises(FactbeatError, match="Not A Crime Type"):
            fb.ingest([good, bad])  # refused while writing, after the first file's rows
        assert preserving(fb)
        assert fb.store.query("SELECT COUNT(*) FROM street_rows")[0][0] == 0


def threads(fb) -> int:
    return fb.store.con.execute("SELECT current_setting('threads')").fetchall()[0][0]


@pytest.mark.parametrize("opened_with", [None, 3])
def test_an_ingest_writes_on_one_duckdb_thread_and_gives_the_others_back(tmp_path, fresh_db, monkeypatch,
                                                                      opened_with):
    """Store.one_writer_thread: one DuckDB thread while the rows are written (the worker that
    prepares the next files has the other core), and the store's own setting after, even when
    the command fails."""
    from factbeat.store.street import writer

    seen = []
    on_chunk = writer.StreetWriter._on_chunk

    def spy(self, statement, params):
        seen.append(self.con.execute("SELECT current_setting('threads')").fetchall()[0][0])
        return on_chunk(self, statement, params)

    monkeypatch.setattr(writer.StreetWriter, "_on_chunk", spy)
    good = write_street(tmp_path / "2020-01-test-street.csv", [street_row("2020-01")])
    bad = write_street(tmp_path / "2020-02-test-street.csv", [street_row("2020-02", crime="Not A Crime Type")])
    with factbeat.open(fresh_db, threads=opened_with) as fb:
        before = threads(fb)
        fb.ingest([good])
        assert seen == [1]
        assert threads(fb) == before
        with pytest.raises(FactbeatError, match="Not A Crime Type"):
            fb.ingest([bad])
        assert threads(fb) == before
        assert fb.store.query("SELECT COUNT(*) FROM street_rows")[0][0] == 1
