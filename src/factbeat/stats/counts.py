"""count(area, measure, period): the figure everything else is built from.

A period with months missing from the chosen scheme is reported as incomplete, never summed
silently; a measure stored in several schemes uses the preferred complete scheme and lists the
others with their counts, so two schemes are never added together.
"""

from __future__ import annotations

from datetime import date

from factbeat.errors import NoDataError
from factbeat.stats.catalog import Catalog
from factbeat.stats.model import Figure
from factbeat.stats.provenance import cite
from factbeat.stats.rates import population_for
from factbeat.stats.small_numbers import small_number_warning
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.geography import level_of
from factbeat.taxonomy.measures import Measure, concept
from factbeat.taxonomy.periods import Period
from factbeat.taxonomy.schemes import get_scheme


def choose_scheme(
    catalog: Catalog, measure: Measure, period: Period, requested: str | None = None, area: Area | None = None
) -> str:
    """The scheme a figure uses: the one rule shared by every command and page.

    The requested scheme if given; else, among the schemes at the area's geography level (wards
    are never summed into boroughs) holding data for ``area``, the first in preference order
    (:data:`~factbeat.taxonomy.schemes.PREFERENCE`: the current Home Office series first) that
    covers the whole period, else the one covering most of it.  In the London series schemes a
    month counts only where a file covers the measure's own series.  A period with no stored
    month in the chosen scheme is an error naming the stored range: no data is never reported
    as zero.
    """
    level = level_of(area) if area is not None else "borough"
    schemes = catalog.schemes_for(measure, level)
    if requested:
        get_scheme(requested)
        if requested not in schemes:
            raise NoDataError(f"{measure.label} has no stored categories in scheme {requested!r}; stored in: {', '.join(schemes) or 'none'}")
        _require_months(catalog, [requested], period, get_scheme(requested).label + " ")
        return requested
    if not schemes:
        raise NoDataError(not_in_data_reason(measure, level))
    if area is not None:
        schemes = [s for s in schemes if _has_area(catalog, area, s)] or schemes  # figure() names the missing area
        # Files carry placeholder rows of zeros for areas they did not yet report (the airports
        # before 2019): a scheme with something recorded in the area is the one that knows it.
        schemes = [s for s in schemes if _records_anything(catalog, area, s, period)] or schemes

    def missing(s: str) -> int:
        return len(catalog.missing_months(s, period.months, None, catalog.category_ids(measure, s)))

    complete = next((s for s in schemes if not missing(s)), None)  # asked in order: the first will do
    if complete is not None:
        return complete
    _require_months(catalog, schemes, period)
    return min(schemes, key=missing)


CONTEMPORARY: tuple[str, ...] = ("mps_legacy", "home_office", "ho_detailed", "police_uk")


def contemporary_scheme(catalog: Catalog, measure: Measure, period: Period, area: Area | None = None) -> str | None:
    """The scheme the MPS published at the time, for checking what a story said then.

    A 2016 story quotes the legacy MPS categories (7,631 violent offences in Barnet), not today's
    Home Office series (6,050): the checker compares a claim with the first complete scheme in
    :data:`CONTEMPORARY` order.  None when no scheme covers the period (the default rule then
    applies).  Figures, changes and pages use :func:`choose_scheme` instead.
    """
    for scheme in CONTEMPORARY:
        if not catalog.category_ids(measure, scheme) or (area is not None and not _has_area(catalog, area, scheme)):
            continue
        if area is not None and not _records_anything(catalog, area, scheme, period):
            continue
        if not catalog.missing_months(scheme, period.months):
            return scheme
    return None


def stored_span(catalog: Catalog, schemes: list[str]) -> tuple[date, date] | None:
    """First and last stored month over ``schemes`` (None when nothing is stored)."""
    months = [m for s in schemes for m in catalog.months.get(s, ())]
    return (min(months), max(months)) if months else None


def _require_months(catalog: Catalog, schemes: list[str], period: Period, what: str = "") -> None:
    """Raise :class:`NoDataError` naming the stored range when no scheme has a month of ``period``."""
    if any(m in catalog.months.get(s, ()) for s in schemes for m in period.months):
        return
    span = stored_span(catalog, schemes)
    stored = f"stored months run {span[0]:%Y-%m} to {span[1]:%Y-%m}" if span else "nothing is stored"
    raise NoDataError(f"no {what}data for {period.label}: {stored}")


def not_in_data_reason(measure: Measure, level: str = "borough") -> str:
    """Why a measure cannot be counted, and what to do instead."""
    where = "" if level == "borough" else f" at {level} level"
    text = f"{measure.label.lower()} is not a category in any stored dataset{where} ({measure.definition})"
    others = [concept(key).label.lower() for key in measure.alternatives]
    if others:
        text += f"; related measures that are: {', '.join(others)}"
    return text + "; register a figure to check it (factbeat register)"


def _area_codes(catalog: Catalog, area: Area, scheme: str) -> list[str] | None:
    """The area codes to sum: None for London (every area in the scheme), else the area itself.

    Street data hold many forces and each force's own total (London's is the Met's), so there a
    region is one stored area like any other.
    """
    if area.kind == "region" and not catalog.has_force_totals(scheme):
        return None
    if area.code not in catalog.areas.get(scheme, set()):
        raise NoDataError(
            f"no {get_scheme(scheme).label} data stored for {area.name}"
            + (" (the City of London is policed by the City of London Police, not the Met)" if area.kind == "city" else "")
        )
    return [area.code]


def count_in_scheme(catalog: Catalog, area: Area, measure: Measure, period: Period, scheme: str) -> tuple[int, list]:
    """(count, missing months) for one scheme, with no population or provenance."""
    ids = catalog.category_ids(measure, scheme)
    codes = _area_codes(catalog, area, scheme)
    found = catalog.matches(scheme, ids, codes, period.start, period.end)
    return found.total, catalog.missing_months(
        scheme, period.months, codes[0] if codes else None, ids
    )


def figure(
    catalog: Catalog, area: Area, measure: Measure, period: Period, scheme: str | None = None, *,
    with_population: bool = True, with_others: bool = True, per: int | None = None,
) -> Figure:
    """The count of ``measure`` in ``area`` over ``period``, with rate, coverage and sources."""
    scheme = choose_scheme(catalog, measure, period, scheme, area)
    ids = catalog.category_ids(measure, scheme)
    codes = _area_codes(catalog, area, scheme)
    found = catalog.matches(scheme, ids, codes, period.start, period.end)
    count = found.total
    missing = catalog.missing_months(scheme, period.months, codes[0] if codes else None, ids)
    sources = cite(found.citations(), catalog.sources)
    result = Figure(area, measure, scheme, period, count, not missing, missing, sources=sources, per=per)
    _apply_capped(catalog, result)
    if missing:
        result.notes.append(
            f"incomplete: {len(missing)} of {period.n_months} months are not in the stored {get_scheme(scheme).label}; the count covers only the months present"
        )
    result.notes += _force_gap_notes(catalog, area, period, scheme)
    if not _records_anything(catalog, area, scheme, period):
        result.notes.append(
            f"nothing at all is recorded for {area.name} in the {get_scheme(scheme).label} over {period.label}: "
            "the file's rows for it are zeros, which may mean not reported rather than no crime"
        )
    if warning := small_number_warning(result.count):
        result.notes.append(warning)
    if with_population:
        _add_population(catalog, result)
    if with_others:
        result.other_schemes = _other_schemes(catalog, area, measure, period, scheme)
    return result


def _apply_capped(catalog: Catalog, result: Figure) -> None:
    """Months from a capped file: list the borough-months it lacks and make the count a lower bound."""
    from factbeat.stats.capped import capped_gaps
    from factbeat.stats.coverage import compress_months

    gaps = capped_gaps(catalog, result.area, result.measure, result.period, result.scheme)
    if gaps is None:
        return
    result.capped = gaps.to_dict()
    months = compress_months([m.isoformat()[:7] for m in gaps.capped_months])
    if not gaps.missing and gaps.area_months:
        result.notes.append(
            f"{months} come from a copy of the series from which rows above a count cap were deleted; every "
            "borough-month summed here is present (or a zero, where a wider series' row survived), so the count is complete")
        return
    result.complete = False
    result.bound = "lower"
    result.count += gaps.filled
    if not gaps.area_months:
        result.notes.append(f"lower bound: {months} come from a copy of the series from which rows above a count cap "
                            "were deleted, and rows of this area cannot be checked")
        return
    result.notes.append(
        f"at least {result.count:,}: {len(gaps.missing)} of {gaps.area_months} borough-months are missing from a copy of "
        f"the series from which rows above a count cap were deleted ({months}); {gaps.filled_months} of them filled "
        f"from ward rows ({gaps.filled:,} offences) as a lower bound, the others may be zero or deleted")
    result.notes.append("missing borough-months: " + _list_area_months(gaps.missing))


def _list_area_months(missing: list) -> str:
    """'Brent 2016-03, 2016-07; Lambeth 2016-01..2016-02' from (area code, month) pairs."""
    from factbeat.stats.coverage import compress_months
    from factbeat.taxonomy.areas import area_by_code

    by_area: dict[str, list[str]] = {}
    for code, month in missing:
        by_area.setdefault(code, []).append(month.isoformat()[:7])
    return "; ".join(f"{area_by_code(code).name} {compress_months(months)}" for code, months in sorted(by_area.items()))


def _force_gap_notes(catalog: Catalog, area: Area, period: Period, scheme: str) -> list[str]:
    """Name the forces whose months are missing (street data), e.g. half a year published."""
    from factbeat.stats.coverage import compress_months

    gaps: dict[str, list[str]] = {}
    for force, month in catalog.missing_force_months(area.code, scheme, period.months):
        gaps.setdefault(force, []).append(month.isoformat()[:7])
    return [
        f"incomplete: {catalog.force_names.get(force, force)} has no stored data for {compress_months(months)}"
        for force, months in gaps.items()
    ]


def _has_area(catalog: Catalog, area: Area, scheme: str) -> bool:
    if area.kind == "region" and not catalog.has_force_totals(scheme):
        return True
    return area.code in catalog.areas.get(scheme, set())


def _records_anything(catalog: Catalog, area: Area, scheme: str, period: Period) -> bool:
    """True unless every stored value for the area (all categories) over the period is zero."""
    if area.kind in ("region", "borough"):
        return True
    codes = _area_codes(catalog, area, scheme) if _has_area(catalog, area, scheme) else []
    if not codes:
        return bool(codes is None)
    every = [cid for cid, s, _major, _minor in catalog.categories if s == scheme]
    return catalog.observations(scheme).matches(every, codes, period.start, period.end).total > 0


def _add_population(catalog: Catalog, result: Figure) -> None:
    population = population_for(catalog, result.area, result.period.population_year)
    if population is None:
        return
    result.population = population.value
    result.population_year = population.year
    result.population_source = population.estimate_type
    if population.note:
        result.notes.append(population.note)


def _other_schemes(catalog: Catalog, area: Area, measure: Measure, period: Period, used: str) -> list[dict]:
    out = []
    for scheme in catalog.schemes_for(measure, level_of(area)):
        if scheme == used or not _has_area(catalog, area, scheme):
            continue
        if not any(m in catalog.months.get(scheme, ()) for m in period.months) or not _records_anything(
            catalog, area, scheme, period
        ):
            continue  # a scheme that ended (or had not begun) has nothing to say about this period
        count, missing = count_in_scheme(catalog, area, measure, period, scheme)
        if 2 * len(missing) > period.n_months:
            continue  # mostly missing: its count would read as a figure for the period
        out.append({"scheme": scheme, "label": get_scheme(scheme).label, "count": count,
                    "complete": not missing, "how": f"--scheme {scheme}"})
    return out
