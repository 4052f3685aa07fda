"""A ranking read from the in-memory index, or from the one statement a command runs, is the
ranking the SQL statements give, row for row.

A server indexes a scheme once it is asked often (stats/catalog.py) and then ranks from memory;
a one-off command sums each area's source lines in one statement (``queries.area_lines``) and
ranks them in Python; ``queries.ranked`` and ``queries.provenance`` define the answer.  Compared
on the real MPS files for several measures, periods (a year, a financial year, a month with ties
likely), both orders and both keys.
"""

from __future__ import annotations

import pytest

from factbeat.stats import queries
from factbeat.stats.rank import _ranked_rows, ranked_codes

MEASURES = ("violence against the person", "burglary", "robbery", "theft from the person")
PERIODS = ("2016", "2019/20", "March 2021", "2012-07")


@pytest.mark.parametrize("measure", MEASURES)
def test_the_index_ranks_as_the_sql_does(fb_real, measure):
    catalog = fb_real.catalog
    compared = 0
    for scheme in catalog.schemes_for(fb_real.measure(measure)):
        ids = catalog.category_ids(fb_real.measure(measure), scheme)
        codes = ranked_codes(catalog, scheme, None)
        index = catalog.observations(scheme)
        for text in PERIODS:
            period = fb_real.period(text)
            year = catalog.nearest_population_year(period.population_year)
            for by in ("rate", "count"):
                for order in ("desc", "asc"):
                    args = (catalog, scheme, ids, codes, period, year, by, order)
                    params = [scheme, *ids, *codes, period.start, period.end]
                    by_sql = (catalog.store.query(queries.ranked(len(ids), len(codes), by, order), [*params, year]),
                              catalog.store.query(queries.provenance(len(ids), len(codes)), params))
                    catalog.index_if_asked_often = lambda s: None  # noqa: B023 - one statement
                    by_statement = _ranked_rows(*args)
                    catalog.index_if_asked_often = lambda s: index  # noqa: B023 - from memory
                    by_index = _ranked_rows(*args)
                    del catalog.index_if_asked_often
                    for rows, lines in (by_statement, by_index):
                        assert [tuple(r) for r in by_sql[0]] == rows, (scheme, text, by, order)
                        assert set(by_sql[1]) == set(lines), (scheme, text, by, order)
                        assert lines == sorted(set(lines), key=lambda p: (p[0], p[1] or 0))
                    compared += bool(by_sql[0])
    assert compared >= 4


@pytest.mark.parametrize("measure", MEASURES[:2])
def test_area_totals_are_the_areas_matches(fb_real, measure):
    """``ObservationIndex.area_totals`` (one pass for a ranking) against ``matches`` area by area."""
    catalog = fb_real.catalog
    for scheme in catalog.schemes_for(fb_real.measure(measure)):
        ids = catalog.category_ids(fb_real.measure(measure), scheme)
        codes = [*ranked_codes(catalog, scheme, None), "E09000001", "NOT-AN-AREA"]
        index = catalog.observations(scheme)
        for text in PERIODS:
            period = fb_real.period(text)
            totals, pairs = index.area_totals(ids, codes, period.start, period.end)
            expected, cited = {}, set()
            for code in codes:
                found = index.matches(ids, [code], period.start, period.end)
                if len(found.counts):
                    expected[code] = found.total
                    cited.update(found.citations())
            assert totals == expected and set(pairs) == cited and len(pairs) == len(cited), (scheme, text)
