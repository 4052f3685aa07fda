"""A store written before street texts were ids (schema 1), or before the codes, odd Crime IDs and
Context were (schema 2), is upgraded on opening, losing nothing, or left as it was if that fails."""

from __future__ import annotations

import duckdb
import pytest
from street_testdata import MET_SAMPLE, WY_FILES, as_version_2, need_real

import factbeat
from factbeat.store.schema import SCHEMA_VERSION


def _as_version_1(db) -> None:
    """Rewrite a current store into the version 1 layout: one table with the texts in place."""
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE v1_rows AS SELECT * FROM street_incidents")
    con.execute("DROP VIEW street_incidents_current")
    con.execute("DROP VIEW street_incidents")
    con.execute("DROP TABLE street_rows")
    con.execute("DROP TABLE street_texts")
    con.execute("ALTER TABLE v1_rows RENAME TO street_incidents")
    con.execute("CREATE VIEW street_incidents_current AS SELECT i.* FROM street_incidents i JOIN street_months m "
                "ON i.source_id = m.source_id AND i.force_code = m.force_code AND i.month = m.month "
                "WHERE m.replaced_by IS NULL")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()


def _two_files_stored(db):
    """Two West Yorkshire months stored by today's code: every row as the views give it, and one figure."""
    need_real()
    with factbeat.open(db) as fb:
        fb.ingest(WY_FILES[:2])
        return (fb.store.query("SELECT * FROM street_incidents ORDER BY source_id, line"),
                fb.figure("Leeds", "burglary", "July 2017").count)


def test_a_version_1_store_keeps_every_row_and_takes_new_files(fresh_db):
    before, figure = _two_files_stored(fresh_db)
    _as_version_1(fresh_db)
    with factbeat.open(fresh_db) as fb:
        assert fb.store.query("SELECT * FROM street_incidents ORDER BY source_id, line") == before
        assert fb.store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0][0] == SCHEMA_VERSION
        texts = fb.store.query("SELECT COUNT(*), COUNT(DISTINCT text), MIN(text_id), MAX(text_id) FROM street_texts")[0]
        assert texts[0] == texts[1] == texts[3] + 1 and texts[2] == 0  # each text once, ids dense
        reports = fb.ingest([WY_FILES[2], MET_SAMPLE])
        assert [r.status for r in reports] == ["stored", "stored"]
        assert fb.figure("Leeds", "burglary", "July 2017").count == figure
        stored = sum(r.rows_stored for r in reports)
        assert fb.store.query("SELECT COUNT(*) FROM street_incidents")[0][0] == len(before) + stored


def test_a_version_2_store_keeps_every_row_and_takes_new_files(fresh_db):
    before, figure = _two_files_stored(fresh_db)
    as_version_2(fresh_db)
    with factbeat.open(fresh_db, read_only=True) as fb:  # read as it is, not upgraded
        assert fb.figure("Leeds", "burglary", "July 2017").count == figure
    with factbeat.open(fresh_db) as fb:
        assert fb.store.query("SELECT * FROM street_incidents ORDER BY source_id, line") == before
        assert fb.store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0][0] == SCHEMA_VERSION
        texts = fb.store.query("SELECT COUNT(*), COUNT(DISTINCT text) FROM street_texts")[0]
        assert texts[0] == texts[1]  # each text once
        reports = fb.ingest([WY_FILES[2], MET_SAMPLE, WY_FILES[1]])
        assert [r.status for r in reports] == ["stored", "stored", "unchanged"]
        assert fb.figure("Leeds", "burglary", "July 2017").count == figure
        stored = sum(r.rows_stored for r in reports)
        assert fb.store.query("SELECT COUNT(*) FROM street_incidents")[0][0] == len(before) + stored


def test_an_upgrade_that_fails_leaves_the_store_as_it_was(fresh_db, monkeypatch):
    """Opening runs in one transaction (store/schema.py): a failure half way through the upgrade
    leaves the schema 2 store as it was, and the next opening upgrades it."""
    from factbeat.store.street import upgrade

    before, _figure = _two_files_stored(fresh_db)
    as_version_2(fresh_db)
    monkeypatch.setattr(upgrade, "UPGRADE_2", [*upgrade.UPGRADE_2[:4], "SELECT * FROM no_such_table"])
    with pytest.raises(duckdb.Error, match="no_such_table"):
        factbeat.open(fresh_db)
    con = duckdb.connect(str(fresh_db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("2",)]
    assert con.execute("SELECT COUNT(*) FROM duckdb_tables() WHERE table_name = 'street_rows_3'").fetchall() == [(0,)]
    con.close()
    monkeypatch.undo()
    with factbeat.open(fresh_db) as fb:
        assert fb.store.query("SELECT * FROM street_incidents ORDER BY source_id, line") == before
        assert fb.store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0][0] == SCHEMA_VERSION
