"""``Store.has_table`` answers from the list of tables the store records when opened for writing,
and still finds tables made after it (the figures register) or in a store without the list."""

from __future__ import annotations

import duckdb

import factbeat
from factbeat.store.catalogue import Store
from factbeat.store.schema import TABLE_NAMES, TABLES_KEY


def test_listed_tables_are_every_table(fresh_db):
    with Store(fresh_db) as store:
        listed = set(store.meta()[TABLES_KEY].split(","))
        assert listed == {row[0] for row in store.query(TABLE_NAMES)}
        assert {"observations", "street_months", "scheme_areas", "small_areas", "population_best"} <= listed


def test_read_only_store_answers_from_the_list(fresh_db, monkeypatch):
    Store(fresh_db).close()
    with Store(fresh_db, read_only=True) as store:
        asked = []
        original = store.query

        def query(sql, params=None):
            asked.append(sql)
            return original(sql, params)

        monkeypatch.setattr(store, "query", query)
        assert store.has_table("street_months") and store.has_table("scheme_months")
        assert not any("duckdb_tables" in sql for sql in asked)
        assert not store.has_table("registered_figures")  # not listed: asked of DuckDB
        assert any("duckdb_tables" in sql for sql in asked)


def test_tables_made_later_and_stores_without_the_list(fresh_db):
    Store(fresh_db).close()
    con = duckdb.connect(str(fresh_db))
    con.execute("CREATE TABLE registered_figures (x INTEGER)")
    con.execute("DELETE FROM meta WHERE key = ?", [TABLES_KEY])
    con.close()
    with Store(fresh_db, read_only=True) as store:
        assert TABLES_KEY not in store.meta()
        assert store.has_table("registered_figures") and store.has_table("observations")
        assert not store.has_table("no_such_table")
    with factbeat.open(fresh_db) as fb:  # opened for writing: listed again
        assert "registered_figures" in fb.store.meta()[TABLES_KEY].split(",")
