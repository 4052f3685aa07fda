"""An area's share of the London total, for the same measure, scheme and period."""

from __future__ import annotations

from factbeat.stats.catalog import Catalog
from factbeat.stats.counts import figure
from factbeat.stats.model import Share
from factbeat.taxonomy.areas import LONDON_CODE, Area, area_by_code
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period


def share(catalog: Catalog, area: Area, measure: Measure, period: Period, scheme: str | None = None, *,
          with_others: bool = True) -> Share:
    """``area``'s count as a fraction of London's (the Met's whole area, airports included);
    ``with_others=False`` leaves out each figure's counts in the other stored schemes."""
    part = figure(catalog, area, measure, period, scheme, with_others=with_others)
    whole = figure(catalog, area_by_code(LONDON_CODE), measure, period, part.scheme, with_others=with_others)
    return Share(part, whole)
