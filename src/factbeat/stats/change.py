"""Change between two periods: absolute, percent and ratio, always within one scheme."""

from __future__ import annotations

from factbeat.errors import NoDataError
from factbeat.stats.breaks import breaks_between
from factbeat.stats.catalog import Catalog
from factbeat.stats.counts import choose_scheme, figure
from factbeat.stats.model import Change
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period


def change(
    catalog: Catalog, area: Area, measure: Measure, before: Period, after: Period, scheme: str | None = None,
    *, with_others: bool = True,
) -> Change:
    """Compare two periods.  Both use the same scheme: the first one complete for both periods.
    ``with_others=False`` leaves out each figure's counts in the other stored schemes."""
    if scheme is None:
        scheme = _common_scheme(catalog, area, measure, before, after)
    result = Change(figure(catalog, area, measure, before, scheme, with_others=with_others),
                    figure(catalog, area, measure, after, scheme, with_others=with_others))
    result.significance = _significance(result)
    result.notes = breaks_between(result.after.scheme, before, after, london=area.kind != "district")
    return result


def _common_scheme(catalog: Catalog, area: Area, measure: Measure, before: Period, after: Period) -> str | None:
    """The scheme default of :func:`~factbeat.stats.counts.choose_scheme`, for both periods at once."""
    from factbeat.stats.counts import _has_area

    schemes = [s for s in catalog.schemes_for(measure) if _has_area(catalog, area, s)] or catalog.schemes_for(measure)
    for scheme in schemes:
        if not catalog.missing_months(scheme, before.months + after.months):
            return scheme
    if not schemes:
        return None  # figure() raises the not-in-data error with its reason
    # Neither scheme covers both: the one covering the later period (figure() names a gap).
    return choose_scheme(catalog, measure, after, None, area)


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
    on = "rates" if before.population and after.population else "counts"
    try:
        return {**compare_counts(before.count, after.count, exposure_before, exposure_after).to_dict(), "on": on}
    except (ValueError, NoDataError):
        return None
