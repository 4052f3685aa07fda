"""The catalogue picks each (area, year)'s population in Python as ``population_best`` does in SQL."""

from __future__ import annotations

from factbeat.stats import queries


def test_populations_are_the_views(fb_real):
    catalog = fb_real.catalog
    from_view: dict[int, dict[str, tuple]] = {}
    for code, year, pop, kind, sid in fb_real.store.query(queries.POPULATIONS):
        from_view.setdefault(year, {})[code] = (pop, kind, sid)
    assert catalog.population_years() == sorted(from_view)
    for year, rows in from_view.items():
        assert catalog.populations(year) == rows, year


def test_ons_first_then_the_latest_file(fresh_db):
    import factbeat

    with factbeat.open(fresh_db) as fb:
        con = fb.store.con
        rows = [("E09000003", 2016, 100, "GLA projection", 1), ("E09000003", 2016, 200, "ONS mid-year", 1),
                ("E09000003", 2016, 300, "ONS mid-year", 2), ("E09000003", 2017, 400, "GLA projection", 1),
                ("E09000003", 2017, 500, "GLA projection", 3)]
        con.executemany("INSERT INTO population VALUES (?, ?, ?, ?, ?, NULL)", rows)
        fb.store.generation += 1
        view = {(c, y): (p, k, s) for c, y, p, k, s in fb.store.query(queries.POPULATIONS)}
        assert view == {("E09000003", 2016): (300, "ONS mid-year", 2), ("E09000003", 2017): (500, "GLA projection", 3)}
        assert fb.catalog.populations(2016) == {"E09000003": view["E09000003", 2016]}
        assert fb.catalog.populations(2017) == {"E09000003": view["E09000003", 2017]}
