"""The catalogue's coverage maps (one query a scheme, none for a scheme no series covers) equal
what store/series.py reads scheme by scheme."""

from __future__ import annotations

from factbeat.store.series import capped_months, covered_months
from factbeat.taxonomy.schemes import SCHEMES


def test_coverage_maps_equal_the_per_scheme_reads(fb_london):
    catalog = fb_london.catalog
    schemes = sorted(set(SCHEMES) | set(catalog.months))
    assert any(catalog.capped_series_months(s) for s in schemes)  # the store has a capped file
    for scheme in schemes:
        assert catalog.series_months(scheme) == covered_months(fb_london.store, scheme)
        assert catalog.capped_series_months(scheme) == capped_months(fb_london.store, scheme)
