"""The in-memory observation index gives exactly what the SQL statements give.

Figures read one scheme's observations into memory (stats/observation_index.py) instead of
running an aggregate query each; these tests compare the two on the real MPS files, for every
stored area and scheme, and check the index forgets what an ingest changes.
"""

from __future__ import annotations

from datetime import date

import pytest

from factbeat.stats import queries
from factbeat.stats.observation_index import NO_LINE
from factbeat.taxonomy.periods import parse_period

MEASURES = ("violence against the person", "burglary", "robbery", "theft from the person")
PERIODS = ("2016", "2019/20", "March 2021", "2012")


def _sql(catalog, scheme, ids, codes, period):
    params = [scheme, *ids, *(codes or []), period.start, period.end]
    rows = catalog.store.query(queries.counts_with_provenance(len(ids), len(codes) if codes else None), params)
    return sum(int(c) for *_k, c in rows), {(s, line) for _m, s, line, _c in rows}


@pytest.mark.parametrize("measure", MEASURES)
def test_every_area_and_scheme_matches_the_sql(fb_real, measure):
    catalog = fb_real.catalog
    checked = 0
    for scheme in catalog.schemes_for(fb_real.measure(measure)):
        ids = catalog.category_ids(fb_real.measure(measure), scheme)
        index = catalog.observations(scheme)
        for text in PERIODS:
            period = parse_period(text)
            for codes in [None, *([code] for code in sorted(catalog.areas[scheme]))]:
                found = index.matches(ids, codes, period.start, period.end)
                total, cited = _sql(catalog, scheme, ids, codes, period)
                assert found.total == total, (scheme, codes, text)
                assert set(found.citations()) == cited, (scheme, codes, text)
                checked += 1
    assert checked > 100  # 35 areas and London, 4 periods, in each scheme that has the measure


def test_a_figure_cites_the_same_lines_as_before(fb_real):
    figure = fb_real.figure("Barnet", "violence against the person", "2016", scheme="mps_legacy")
    assert figure.count == 7631  # summed by hand from the legacy CSV, lines 60-67
    assert [s["lines"] for s in figure.sources] == ["60-67"]


def test_an_empty_match_is_zero_with_no_sources(fb_real):
    index = fb_real.catalog.observations("mps_legacy")
    found = index.matches([10**6], ["E09000003"], date(2016, 1, 1), date(2016, 12, 1))
    assert found.total == 0 and list(found.citations()) == []
    assert NO_LINE < 0  # never a real line number

