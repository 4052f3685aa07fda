"""The shortcuts a one-off grounded check takes (issue 13) give what the longer ways gave.

* A calendar year of one area is read with the two years before it in one query; each year
  equals its own query.
* The borough-level schemes' areas are read together; each equals the scheme read on its own.
* A capped figure's ward sums are summed per category and named in Python; they equal the
  join with the categories table, and the rows present are asked once per store generation.
* A read-only store without the table list finds its tables without DuckDB's catalogue functions.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import duckdb

import factbeat
from factbeat.stats import capped, queries
from factbeat.stats.catalog import AreasByScheme
from factbeat.store.catalogue import Store
from factbeat.store.schema import TABLES_KEY


def _counting(monkeypatch, store) -> list[str]:
    asked: list[str] = []
    original = store.query

    def query(sql, params=None):
        asked.append(sql)
        return original(sql, params)

    monkeypatch.setattr(store, "query", query)
    return asked


def _as_sets(lines: dict[int, list[tuple]]) -> dict[int, Counter]:
    return {cid: Counter(rows) for cid, rows in lines.items()}


def _own_query(fb, scheme: str, code: str, start: date, end: date) -> dict[int, Counter]:
    out: dict[int, list[tuple]] = {}
    for cid, source_id, line, n in fb.store.query(queries.area_period_lines(), [scheme, code, start, end]):
        out.setdefault(cid, []).append((source_id, line, int(n)))
    return _as_sets(out)


def test_a_year_and_the_two_before_are_one_query_and_each_equals_its_own(fb_real, monkeypatch):
    catalog = fb_real.catalog
    asked = _counting(monkeypatch, fb_real.store)
    barnet = fb_real.area("Barnet").code
    first = catalog._area_period_lines("home_office", barnet, date(2016, 1, 1), date(2016, 12, 1))
    before = [catalog._area_period_lines("home_office", barnet, date(y, 1, 1), date(y, 12, 1)) for y in (2015, 2014)]
    assert len(asked) == 1 and "CASE" in asked[0]
    monkeypatch.undo()
    assert first and all(before)
    for year, lines in zip((2016, 2015, 2014), (first, *before), strict=True):
        assert _as_sets(lines) == _own_query(fb_real, "home_office", barnet, date(year, 1, 1), date(year, 12, 1))
    # a financial year is read on its own; years before any data are empty, as their own query says
    fy = catalog._area_period_lines("home_office", barnet, date(2016, 4, 1), date(2017, 3, 1))
    assert _as_sets(fy) == _own_query(fb_real, "home_office", barnet, date(2016, 4, 1), date(2017, 3, 1))
    early = catalog._area_period_lines("home_office", barnet, date(1991, 1, 1), date(1991, 12, 1))
    assert early == {} == catalog._area_period_lines("home_office", barnet, date(1990, 1, 1), date(1990, 12, 1))


def test_borough_schemes_read_together_equal_each_read_alone(fb_real, monkeypatch):
    catalog = fb_real.catalog
    together = AreasByScheme(fb_real.store, sorted(catalog.months))
    asked = _counting(monkeypatch, fb_real.store)
    assert together["home_office"]
    borough_schemes = [s for s in sorted(catalog.months) if s in together._read]
    assert len(asked) == 1 and len(borough_schemes) > 2
    monkeypatch.undo()
    for scheme in sorted(catalog.months):
        alone = set(fb_real.store.areas_of_scheme(scheme))
        try:
            got = together[scheme]
        except KeyError:
            got = set()
        assert got == alone, scheme
    assert set(together) == {s for s in catalog.months if fb_real.store.areas_of_scheme(s)}


SNAKE = ("month_year,area_type,borough_snt,area_name,area_code,crime_type,crime_subtype,measure,"
         "financial_year,fy_fyindex,count,refresh_date,sheet\n")


def _borough(month: str, subtype: str, count: int, name: str, code: str) -> str:
    return f"{month},Borough,{name},{name},{code},X,{subtype},Offences,fy,fy,{count},2025-08-02,Sheet\n"


def _team(month: str, subtype: str, count: int, borough: str, ward: str, code: str) -> str:
    return f"{month},Safer Neighbourhood Teams,{borough} {ward},{ward},{code},X,{subtype},Offences,fy,fy,{count},2025-08-02,Sheet\n"


def test_ward_sums_equal_the_join_and_rows_present_are_asked_once(tmp_path, monkeypatch):
    rows = [_borough("2016-02-01", "Knife Crime", 4, "Camden", "E09000007"),
            _borough("2016-01-01", "Knife Crime", 9, "Barnet", "E09000003"),
            _borough("2016-01-01", "Knife Crime with Injury", 2, "Barnet", "E09000003"),
            _team("2016-01-01", "Knife Crime", 3, "Camden", "Highgate", "E05013661"),
            _team("2016-01-01", "Knife Crime", 5, "Camden", "Kilburn", "E05013662"),
            _team("2016-02-01", "Knife Crime with Injury", 1, "Camden", "Kilburn", "E05013662"),
            _team("2016-01-01", "Knife Crime with Injury", 7, "Barnet", "Edgware", "E05013637"),
            # a busy series never above the cap: what marks the file as a capped copy
            _borough("2016-01-01", "TNO Victim Based", 9, "Barnet", "E09000003"),
            _borough("2016-02-01", "TNO Victim Based", 9, "Barnet", "E09000003")]
    path = tmp_path / "capped.csv"
    path.write_text(SNAKE + "".join(rows), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    with factbeat.open(db) as fb:
        assert fb.ingest([path])[0].status == "stored"
    with factbeat.open(db, read_only=True) as fb:
        catalog = fb.catalog
        period = fb.period("Jan 2016 to Feb 2016")
        codes = [b.code for b in capped.boroughs()]
        for measure in ("knife crime", "knife crime with injury"):
            m = fb.measure(measure)
            ward = capped.ward_scheme("mps_dashboard")
            ids = catalog.category_ids(m, ward)
            joined = fb.store.query(
                "SELECT a.parent_code, c.major_key, o.month, SUM(o.count) FROM observations o "
                "JOIN (SELECT DISTINCT area_code, parent_code FROM small_areas WHERE scheme = ?) a ON a.area_code = o.area_code "
                "JOIN categories c ON c.category_id = o.category_id "
                f"WHERE o.scheme = ? AND o.category_id IN ({queries.placeholders(len(ids))}) "
                f"AND a.parent_code IN ({queries.placeholders(len(codes))}) AND o.month >= ? AND o.month <= ? "
                "GROUP BY a.parent_code, c.major_key, o.month", [ward, ward, *ids, *codes, period.start, period.end])
            sums = capped._ward_sums(catalog, m, "mps_dashboard", period, codes)
            assert sums and sums == {(p, k, month): int(n) for p, k, month, n in joined}
        asked = _counting(monkeypatch, fb.store)
        first = fb.figure("Camden", "knife crime", "Jan 2016 to Feb 2016")
        present = [sql for sql in asked if "DISTINCT area_code, category_id, month" in sql]
        again = fb.figure("Camden", "knife crime", "Jan 2016 to Feb 2016", with_others=False)
        assert first.count == again.count == 4 + 3 + 5 and first.bound == "lower"
        assert [sql for sql in asked if "DISTINCT area_code, category_id, month" in sql] == present


def test_a_store_without_the_table_list_finds_its_tables_by_name(fresh_db, monkeypatch):
    Store(fresh_db).close()
    con = duckdb.connect(str(fresh_db))
    con.execute("DELETE FROM meta WHERE key = ?", [TABLES_KEY])
    con.close()
    with Store(fresh_db, read_only=True) as store:
        asked = _counting(monkeypatch, store)
        assert store.has_table("street_areas") and store.has_table("population_best") and store.has_table("scheme_months")
        assert store.has_table("street_areas")  # kept for the generation
        assert not any("duckdb_tables" in sql for sql in asked)
        assert len(asked) == 2  # street_areas was found when the store opened (its learned areas)
        assert not store.has_table("registered_figures")  # a name the store lacks: the catalogue, once
        assert not store.has_table("no_such_table") and store.has_table("observations")
        assert sum("duckdb_tables" in sql for sql in asked) == 1
        assert store.query("SELECT 1") == [(1,)]  # a failed probe leaves the cursor usable
