"""The home page's search box: one text that may name an area or a crime type.

An exact name (or alias) of an area or measure is returned as a match, so the page can go
straight there; otherwise the closest names of both kinds are offered, from the same
suggestion function the 404 errors use.
"""

from __future__ import annotations

from factbeat.api import Factbeat
from factbeat.taxonomy.areas import find_area
from factbeat.taxonomy.measures import concepts, find_measure
from factbeat.taxonomy.suggest import suggest


def search(fb: Factbeat, query: str) -> dict:
    """``{"query", "area", "measure", "suggestions": {"areas": [...], "measures": [...]}}``."""
    area = find_area(query)
    measure = find_measure(query, fb.catalog.scheme_categories())
    from factbeat.web.views import stored_measures

    names = [a.name for a in fb.areas() if a.kind in ("borough", "region", "city", "police_only")]
    stored = {m["key"] for m in stored_measures(fb)}
    labels = [m.label for m in concepts() if m.key in stored]  # only crime types with a page to go to
    return {
        "query": query,
        "area": {**area.to_dict(), "kind": area.kind} if area else None,
        "measure": measure.to_dict() if measure and measure.key in stored else None,
        "suggestions": {
            "areas": suggest(query, names, limit=5),
            "measures": suggest(query, labels, limit=5),
        },
    }
