"""How a figure was revised: what earlier files said for the same months, against today's value.

The MPS re-issues its whole history every month, so a figure quoted last year may differ from
today's.  Replaced values stay in ``observations_history``; this compares them, month range by
month range, with the current values, so a reporter can say "first published as 412, now 415".
"""

from __future__ import annotations

from factbeat.stats import queries
from factbeat.stats.catalog import Catalog
from factbeat.stats.counts import _area_codes, choose_scheme
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.geography import level_of
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period


def revisions(catalog: Catalog, area: Area, measure: Measure, period: Period, scheme: str | None = None) -> dict:
    """Each earlier file's count for the period's months it covered, and the current count for those months."""
    scheme = choose_scheme(catalog, measure, period, scheme, level_of(area))
    ids = catalog.category_ids(measure, scheme)
    codes = _area_codes(catalog, area, scheme)
    n_areas = len(codes) if codes else None
    params = [scheme, *ids, *(codes or []), period.start, period.end]
    earlier = catalog.store.query(queries.revised_counts(len(ids), n_areas), params)
    current = {m: int(c) for m, c in catalog.store.query(queries.monthly_counts(len(ids), n_areas), params)}
    rows = []
    for source_id, replaced_by, first, last, months, count in earlier:
        now = sum(c for m, c in current.items() if first <= m <= last)
        rows.append({
            "file": catalog.sources.get(source_id, {}).get("file_name"),
            "replaced_by": catalog.sources.get(replaced_by, {}).get("file_name"),
            "months": f"{first.isoformat()[:7]}..{last.isoformat()[:7]}", "n_months": int(months),
            "count_then": int(count), "count_now": now, "difference": now - int(count),
        })
    return {"area": area.to_dict(), "measure": measure.to_dict(scheme), "period": period.to_dict(),
            "count_now": sum(current.values()), "revisions": rows}
