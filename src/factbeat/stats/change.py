"""Change between two periods: absolute, percent and ratio, always within one scheme."""

from __future__ import annotations

from factbeat.errors import NoDataError
from factbeat.stats.catalog import Catalog
from factbeat.stats.counts import figure
from factbeat.stats.model import Change
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period


def change(
    catalog: Catalog, area: Area, measure: Measure, before: Period, after: Period, scheme: str | None = None
) -> Change:
    """Compare two periods.  Both use the same scheme: the first one complete for both periods."""
    if scheme is None:
        scheme = _common_scheme(catalog, measure, before, after)
    result = Change(figure(catalog, area, measure, before, scheme), figure(catalog, area, measure, after, scheme))
    result.significance = _significance(result)
    return result


def _common_scheme(catalog: Catalog, measure: Measure, before: Period, after: Period) -> str | None:
    schemes = catalog.schemes_for(measure)
    for scheme in schemes:
        if not catalog.missing_months(scheme, before.months + after.months):
            return scheme
    if not schemes:
        return None  # figure() raises the not-in-data error with its reason
    return schemes[0]


def _significance(result: Change) -> dict | None:
    """Whether the change is more than chance (exact Poisson test; rates if population changed)."""
    try:
        from factbeat.stats.significance import compare_counts
    except ImportError:  # pragma: no cover - the module ships with the package
        return None
    before, after = result.before, result.after
    exposure_before = before.population or 1
    exposure_after = after.population or 1
    if before.population and after.population:
        exposure_before, exposure_after = before.population * before.period.n_months, after.population * after.period.n_months
    else:
        exposure_before, exposure_after = before.period.n_months, after.period.n_months
    try:
        return compare_counts(before.count, after.count, exposure_before, exposure_after).to_dict()
    except (ValueError, NoDataError):
        return None
