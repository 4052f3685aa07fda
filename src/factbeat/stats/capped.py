"""Honest figures from a capped file: which borough-months are missing, and a lower bound.

The only copy of the 2015-2016 dashboard series lost every row above a count cap (see
store/series.py).  In the months such a file supplies, a borough-month with no row may be a
zero or may have been deleted, so a figure over those months:

* lists every borough-month (for London, each of the 32 boroughs) with no row;
* fills each one, where the Safer Neighbourhood Team (ward) rows of that borough and month
  exist, with their sum: a lower bound, because ward rows leave out offences not assigned to a
  team, and ward rows above the cap were deleted too;
* is then marked a lower bound ("at least"), never complete.

A borough whose every month is present needs no estimate: rows were deleted whole, so the
rows that remain are exact.  An absent row whose wider series survived for the same borough and
month (lethal barrel discharges within gun crime) is a zero, not a gap: the wider count was at
or below the cap, so the part was too (taxonomy/series.py).  Rows of the airports and 'unknown' areas cannot be checked
(they are often absent for real) and are summed as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from factbeat.stats import queries
from factbeat.stats.catalog import Catalog
from factbeat.store.ward_sums import FEW_BOROUGHS
from factbeat.taxonomy.areas import Area, boroughs
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period
from factbeat.taxonomy.schemes import SCHEMES
from factbeat.taxonomy.series import wider_series
from factbeat.taxonomy.text import name_key


@dataclass
class CappedGaps:
    """What a capped file leaves open in one figure."""

    capped_months: list[date]
    area_months: int  # borough-months checked (boroughs x capped months)
    missing: list[tuple[str, date]] = field(default_factory=list)  # (borough code, month), any category absent
    filled: int = 0  # added from ward rows
    filled_months: int = 0  # missing borough-months that had ward rows

    def to_dict(self) -> dict:
        return {
            "capped_months": [m.isoformat()[:7] for m in self.capped_months],
            "borough_months_checked": self.area_months,
            "missing_borough_months": [{"area": code, "month": m.isoformat()[:7]} for code, m in self.missing],
            "filled_from_wards": self.filled,
            "missing_filled": self.filled_months,
        }


def ward_scheme(scheme: str) -> str | None:
    """The ward-level scheme that borrows this scheme's categories (mps_dashboard -> mps_dashboard_ward)."""
    return next((s.key for s in SCHEMES.values() if s.level == "ward" and s.categories_from == scheme), None)


def capped_gaps(catalog: Catalog, area: Area, measure: Measure, period: Period, scheme: str) -> CappedGaps | None:
    """The gaps a capped file leaves in this figure, or None when no month of it is capped."""
    ids = catalog.category_ids(measure, scheme)
    if not ids:
        return None
    by_category = catalog.capped_series_months(scheme)  # read once per scheme and store generation
    capped = [(cid, month) for cid in ids for month in sorted(by_category.get(cid, ()))
              if period.start <= month <= period.end]
    if not capped:
        return None
    codes = [b.code for b in boroughs()] if area.kind == "region" else [area.code] if area.is_borough else []
    months = sorted({m for _c, m in capped})
    gaps = CappedGaps(months, len(codes) * len(months))
    if not codes:
        return gaps
    present = _rows_present(catalog, scheme, ids, codes, period)
    absent = [(code, cid, month) for code in codes for cid, month in capped if (code, cid, month) not in present]
    absent = _not_zero(catalog, scheme, ids, absent, codes, period)
    gaps.missing = sorted({(code, month) for code, _cid, month in absent})
    if not absent:
        return gaps  # nothing to fill: the ward rows (a scan of the ward scheme, 7-15 ms) are not read
    fills = _ward_sums(catalog, measure, scheme, period, codes)
    keys = _major_keys(catalog)
    names = {cid: keys[cid] for cid in ids if cid in keys}
    filled_months = set()
    for code, cid, month in absent:
        value = fills.get((code, names.get(cid), month), 0)
        gaps.filled += value
        if value:
            filled_months.add((code, month))
    gaps.filled_months = len(filled_months)
    return gaps


def _not_zero(catalog: Catalog, scheme: str, ids: list[int], absent: list[tuple], codes: list[str],
              period: Period) -> list[tuple]:
    """Drop the absent rows that must be zeros: a wider series' row survived for that borough and
    month, so the part was at or below the cap and was not deleted (taxonomy/series.py)."""
    if not absent:
        return absent
    names = {cid: (s, major) for cid, s, major, _minor in catalog.categories}
    by_key = {name_key(major): cid for cid, (s, major) in names.items() if s == scheme}
    wider = {cid: [by_key[k] for k in wider_series(names[cid][1]) if k in by_key] for cid in ids}
    wanted = sorted({w for ws in wider.values() for w in ws})
    if not wanted:
        return absent
    survived = _rows_present(catalog, scheme, wanted, codes, period)
    return [(code, cid, month) for code, cid, month in absent
            if not any((code, w, month) in survived for w in wider[cid])]


def _ward_sums(catalog: Catalog, measure: Measure, scheme: str, period: Period, codes: list[str]) -> dict[tuple, int]:
    """(borough code, category name key, month) -> sum of that borough's ward rows."""
    ward = ward_scheme(scheme)
    if ward is None:
        return {}
    ids = catalog.category_ids(measure, ward)
    if not ids:
        return {}
    # Summed per category and named in Python: joining the categories table cost a fifth of the query.
    rows = catalog.store.ward_sums(ward, ids, codes, period.start, period.end)
    keys = _major_keys(catalog)
    sums: dict[tuple, int] = {}
    for parent, cid, month, total in rows:
        key = keys.get(cid)
        if key is not None:  # as the join with categories did: a category without its row adds nothing
            sums[parent, key, month] = sums.get((parent, key, month), 0) + int(total)
    return sums


def _rows_present(catalog: Catalog, scheme: str, ids: list[int], codes: list[str], period: Period) -> set[tuple]:
    """(area code, category id, month) of every stored row of these categories and areas in the
    period, asked once per store generation: a capped measure's own rows are asked again as the
    wider series of its parts (knife crime for knife crime with injury)."""
    def read() -> frozenset[tuple]:
        # Up to FEW_BOROUGHS areas are named in the SQL; more (London: all 32 boroughs) are picked
        # here from the rows of every area, as the stored ward sums are (the few other areas of a
        # borough scheme, such as the airports, add a handful of rows).
        few = len(codes) <= FEW_BOROUGHS
        rows = catalog.store.query(queries.rows_present(len(ids), len(codes) if few else None),
                                   [scheme, *ids, *(codes if few else ()), period.start, period.end])
        wanted = set(codes)
        return frozenset(rows if few else (row for row in rows if row[0] in wanted))

    return catalog.remembered(("capped rows present", scheme, tuple(ids), tuple(codes), period.start, period.end), read)


def _major_keys(catalog: Catalog) -> dict[int, str]:
    """category id -> its major name key as stored, read once per store generation (not once a measure)."""
    return catalog.remembered(("category major keys",), lambda: dict(
        catalog.store.query("SELECT category_id, major_key FROM categories")))
