"""Street figures from the in-memory observation index equal the SQL aggregate over the rows."""

from __future__ import annotations

from datetime import date


def test_every_street_area_and_crime_type_matches_a_count_of_the_rows(fb_street):
    catalog = fb_street.catalog
    index = catalog.observations("police_uk")
    forces = {code for (code,) in fb_street.store.query("SELECT DISTINCT force_code FROM street_months")}
    checked = 0
    for code in sorted(catalog.areas["police_uk"]):
        for cid, scheme, _major, _minor in catalog.categories:
            if scheme != "police_uk":
                continue
            found = index.matches([cid], [code], date(2000, 1, 1), date(2100, 1, 1))
            column = "force_code" if code in forces else "area_code"  # the Met's total is London's
            rows = fb_street.store.query(
                f"SELECT COUNT(*) FROM street_incidents_current WHERE {column} = ? AND category_id = ?", [code, cid])
            assert found.total == rows[0][0], (code, cid)
            checked += 1
    assert checked > 100
