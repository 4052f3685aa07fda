"""The capped file's ward fills (stats/capped.py) are the sums of the wards' rows per borough,
category name and month, with the category names read once per store generation."""

from __future__ import annotations

from factbeat.stats.capped import _ward_sums, ward_scheme
from factbeat.stats.queries import placeholders
from factbeat.taxonomy.areas import boroughs


def _joined(fb, measure, scheme, period, codes):
    ward = ward_scheme(scheme)
    ids = fb.catalog.category_ids(measure, ward)
    rows = fb.store.query(
        "SELECT a.parent_code, c.major_key, o.month, SUM(o.count) FROM observations o "
        "JOIN (SELECT DISTINCT area_code, parent_code FROM small_areas WHERE scheme = ?) a ON a.area_code = o.area_code "
        "JOIN categories c ON c.category_id = o.category_id "
        f"WHERE o.scheme = ? AND o.category_id IN ({placeholders(len(ids))}) AND a.parent_code IN ({placeholders(len(codes))}) "
        "AND o.month >= ? AND o.month <= ? GROUP BY a.parent_code, c.major_key, o.month",
        [ward, ward, *ids, *codes, period.start, period.end])
    return {(parent, key, month): int(total) for parent, key, month, total in rows}


def test_ward_sums_equal_the_join(fb_london):
    every = [b.code for b in boroughs()]
    compared = 0
    for measure in ("knife crime", "knife crime with injury", "gun crime", "robbery"):
        m = fb_london.measure(measure)
        if not fb_london.catalog.category_ids(m, ward_scheme("mps_dashboard")):
            continue
        for period in ("2015", "2016", "2016/17"):
            p = fb_london.period(period)
            for codes in (every, every[:1], every[5:7]):
                got = _ward_sums(fb_london.catalog, m, "mps_dashboard", p, codes)
                assert got == _joined(fb_london, m, "mps_dashboard", p, codes)
                compared += bool(got)
    assert compared  # some fills to compare
