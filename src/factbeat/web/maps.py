"""The borough map on the area and ranking pages, when boundary shapes are at hand.

The shapes come from the mirror's boundary file (``FACTBEAT_MIRROR``, read once); without it
the pages simply have no map.  The spec is built by :mod:`factbeat.report.maps` from the same
ranking the page shows, so the map and the table cannot disagree.
"""

from __future__ import annotations

import os
from functools import cache

from factbeat.api import Factbeat
from factbeat.errors import FactbeatError
from factbeat.stats.model import Ranking
from factbeat.taxonomy.areas import Area


@cache
def _features(path: str) -> tuple:
    from factbeat.sources.boundaries import read_boundaries

    return tuple(read_boundaries(path))


def boundaries() -> list[dict] | None:
    """The borough shapes from the mirror, or None when no mirror with boundaries is set."""
    from factbeat.sources.boundaries import boundaries_path

    mirror = os.environ.get("FACTBEAT_MIRROR")
    if not mirror or not boundaries_path(mirror).is_file():
        return None
    return list(_features(str(boundaries_path(mirror))))


def ranking_map(ranking: Ranking, highlight: Area | None = None) -> dict | None:
    """The map of a ranking shown on a page (by its own count or rate), or None without shapes."""
    from factbeat.report.maps import borough_map

    features = boundaries()
    if features is None or not ranking.rows:
        return None
    spec = borough_map(ranking.to_dict(), features, highlight=highlight.code if highlight else None,
                       per=ranking.measure.rate_per, width=560, height=440)
    return spec


def area_map(fb: Factbeat, area: Area, block: dict) -> dict | None:
    """The map of a borough page's first crime type over its latest twelve months, the borough outlined."""
    if not area.is_borough or not block.get("rank"):
        return None
    link = block["rank"]["link"]
    try:
        ranking = fb.rank(link["measure"], link["period"], by="rate", scheme=link["scheme"])
    except FactbeatError:
        return None
    return ranking_map(ranking, area)
