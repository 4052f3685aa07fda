"""A figure read from its area and period's lines (every category in one query, stats/catalog.py)
equals the figure summed by the store for its own categories (queries.matched)."""

from __future__ import annotations

from datetime import date

from factbeat.stats import queries

CASES = [
    ("Barnet", "burglary", "2016"), ("Barnet", "residential burglary", "2015"), ("Camden", "theft", "2016"),
    ("Croydon", "violence against the person", "2016/17"), ("Croydon", "violence with injury", "2016/17"),
    ("Hackney", "robbery", "2012"), ("Westminster", "total crime", "2014"),
]


def _matched(fb, scheme, ids, code, start, end):
    rows = fb.store.query(queries.matched(len(ids), 1), [scheme, *ids, code, start, end])
    return sum(int(n) for _s, _l, n in rows), {(s, line) for s, line, _n in rows}


def test_area_period_lines_equal_the_store_sums(fb_real):
    catalog = fb_real.catalog
    asked = 0
    for area, measure, period in CASES:
        a, m, p = fb_real.area(area), fb_real.measure(measure), fb_real.period(period)
        for scheme in catalog.schemes_for(m):
            ids = catalog.category_ids(m, scheme)
            found = catalog._matched_in_sql(scheme, ids, [a.code], p.start, p.end)
            assert (found.total, set(found.pairs)) == _matched(fb_real, scheme, ids, a.code, p.start, p.end)
            assert len(found.pairs) == len(set(found.pairs))
            asked += 1
    assert asked > len(CASES)
    nothing = catalog._matched_in_sql("home_office", [catalog.categories[0][0]], ["E09000003"],
                                      date(1990, 1, 1), date(1990, 12, 1))
    assert (nothing.total, nothing.pairs) == (0, ())
