"""Trend series: one area's counts of one measure by month or by calendar year, in one scheme.

A chart of a trend must never join two category schemes into one line (their definitions
differ, see ``taxonomy/schemes.py``), so a series is computed in a single scheme: the one asked
for, else the scheme whose stored data reaches furthest forward (ties go to the preferred one),
because a reader of a trend chart wants the latest months.  Yearly points are calendar years;
only years with all twelve months stored are kept, and the ones left out are named in a note,
so a half-year is never drawn as a fall.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from factbeat.errors import NoDataError
from factbeat.stats import queries
from factbeat.stats.catalog import Catalog
from factbeat.stats.counts import _area_codes, not_in_data_reason
from factbeat.stats.model import _round
from factbeat.stats.provenance import cite
from factbeat.stats.rates import population_for, rate_per_1000
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.geography import level_of
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period, add_months, calendar_year, make_period
from factbeat.taxonomy.schemes import PREFERENCE, get_scheme

GRAINS = ("month", "year")


@dataclass
class SeriesPoint:
    """One month or year of a series."""

    label: str
    start: date
    count: int
    population: int | None = None
    rate_per_1000: float | None = None

    def to_dict(self) -> dict:
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "count": self.count,
            "population": self.population,
            "rate_per_1000": _round(self.rate_per_1000),
        }


@dataclass
class Series:
    """Counts of ``measure`` in ``area`` over time, all in ``scheme``."""

    area: Area
    measure: Measure
    scheme: str
    grain: str
    points: list[SeriesPoint]
    sources: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "area": self.area.to_dict(),
            "measure": self.measure.to_dict(self.scheme),
            "scheme": self.scheme,
            "scheme_label": get_scheme(self.scheme).label,
            "grain": self.grain,
            "points": [p.to_dict() for p in self.points],
            "sources": self.sources,
            "notes": self.notes,
        }


def trend_scheme(catalog: Catalog, measure: Measure, requested: str | None = None, level: str = "borough") -> str:
    """The scheme a trend is drawn in: ``requested``, else the one with the latest stored month
    among the schemes at the area's level (a ward's trend comes from ward rows)."""
    schemes = catalog.schemes_for(measure, level)
    if requested:
        get_scheme(requested)
        if requested not in schemes:
            raise NoDataError(
                f"{measure.label} has no stored categories in scheme {requested!r}; "
                f"stored in: {', '.join(schemes) or 'none'}"
            )
        return requested
    if not schemes:
        raise NoDataError(not_in_data_reason(measure))
    return max(schemes, key=lambda s: (max(catalog.months[s]), -PREFERENCE.index(s)))


def stored_range(catalog: Catalog, scheme: str, measure: Measure | None = None) -> tuple[date, date]:
    """First and last stored month of a scheme (of the measure's series in it, when given: the
    knife-crime extract runs further than the gun-crime series of the same scheme)."""
    months = catalog.months.get(scheme)
    if months and measure is not None:
        ids = catalog.category_ids(measure, scheme)
        months = set(months) - set(catalog.missing_months(scheme, sorted(months), None, ids))
    if not months:
        raise NoDataError(f"no data stored in scheme {scheme!r}")
    return min(months), max(months)


def latest_twelve_months(catalog: Catalog, scheme: str, measure: Measure | None = None) -> Period:
    """The twelve months to the last stored month: the freshest full year a page can quote."""
    _first, last = stored_range(catalog, scheme, measure)
    return make_period("rolling", add_months(last, -11), last)


def latest_complete_year(catalog: Catalog, scheme: str) -> Period:
    """The last calendar year with all twelve months stored (a default period for rankings)."""
    first, last = stored_range(catalog, scheme)
    for year in range(last.year, first.year - 1, -1):
        if not catalog.missing_months(scheme, calendar_year(year).months):
            return calendar_year(year)
    raise NoDataError(f"no complete calendar year stored in scheme {scheme!r}")


def monthly_counts(catalog: Catalog, area: Area, measure: Measure, scheme: str,
                   notes: list[str] | None = None) -> dict[date, int]:
    """Stored count per month (every month some file covers for the measure, zero where no row).

    Months of a capped file in which the area (for London: any borough) has no row are left out,
    not drawn as zeros: the row may have been deleted (stats/capped.py); ``notes`` hears which.
    """
    ids = catalog.category_ids(measure, scheme)
    codes = _area_codes(catalog, area, scheme)
    first, last = stored_range(catalog, scheme)
    params = [scheme, *ids, *(codes or []), first, last]
    rows = catalog.store.query(
        queries.monthly_counts(len(ids), len(codes) if codes else None), params
    )
    covered = set(catalog.months[scheme]) - set(catalog.missing_months(scheme, sorted(catalog.months[scheme]), None, ids))
    counts = dict.fromkeys(sorted(covered), 0)
    counts.update({month: int(count) for month, count in rows if month in covered})
    uncertain = _capped_months(catalog, area, measure, scheme, first, last)
    for month in uncertain:
        counts.pop(month, None)
    if uncertain and notes is not None:
        from factbeat.stats.coverage import compress_months

        notes.append("left out (rows may be missing from a copy of the data with high counts deleted): "
                     + compress_months([m.isoformat()[:7] for m in uncertain]))
    return counts


def _capped_months(catalog: Catalog, area: Area, measure: Measure, scheme: str, first: date, last: date) -> list[date]:
    from factbeat.stats.capped import capped_gaps

    gaps = capped_gaps(catalog, area, measure, make_period("range", first, last), scheme)
    return sorted({month for _code, month in gaps.missing}) if gaps else []


def series(
    catalog: Catalog, area: Area, measure: Measure, grain: str = "month", scheme: str | None = None
) -> Series:
    """The trend of ``measure`` in ``area`` by month or calendar year (see the module docstring)."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}")
    scheme = trend_scheme(catalog, measure, scheme, level_of(area))
    result = Series(area, measure, scheme, grain, [])
    counts = monthly_counts(catalog, area, measure, scheme, result.notes)
    if grain == "month":
        result.points = [SeriesPoint(m.strftime("%Y-%m"), m, c) for m, c in counts.items()]
    else:
        _fill_years(catalog, result, counts)
    result.sources = _sources(catalog, area, measure, scheme)
    return result


def _fill_years(catalog: Catalog, result: Series, counts: dict[date, int]) -> None:
    """Sum complete calendar years, with rates per 1,000 where a population is stored."""
    years = sorted({m.year for m in counts})
    partial = [y for y in years if sum(1 for m in counts if m.year == y) < 12]
    substituted = []
    for year in years:
        if year in partial:
            continue
        total = sum(c for m, c in counts.items() if m.year == year)
        population = population_for(catalog, result.area, year)
        value = population.value if population else None
        if population and population.year != year:
            substituted.append(f"{year} (used {population.year})")
        result.points.append(
            SeriesPoint(str(year), date(year, 1, 1), total, value, rate_per_1000(total, value))
        )
    if substituted:
        result.notes.append("population not stored for " + ", ".join(substituted))
    if partial:
        result.notes.append(
            "left out (not all twelve months stored): " + ", ".join(map(str, partial))
        )


def _sources(catalog: Catalog, area: Area, measure: Measure, scheme: str) -> list[dict]:
    ids = catalog.category_ids(measure, scheme)
    codes = _area_codes(catalog, area, scheme)
    first, last = stored_range(catalog, scheme)
    lines = catalog.store.query(
        queries.provenance(len(ids), len(codes) if codes else None),
        [scheme, *ids, *(codes or []), first, last],
    )
    return cite(lines, catalog.sources)
