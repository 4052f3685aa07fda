"""Rank the 32 London boroughs by count or by rate per 1,000 residents.

Ties share a rank and the next rank is skipped (competition ranking, '1224'), so 'third-lowest'
has one meaning: two boroughs ranked above it, whatever the ties.
"""

from __future__ import annotations

from factbeat.errors import FactbeatError
from factbeat.stats import queries
from factbeat.stats.catalog import Catalog
from factbeat.stats.counts import choose_scheme
from factbeat.stats.model import Ranking, RankRow
from factbeat.stats.provenance import cite
from factbeat.taxonomy.areas import area_by_code, boroughs
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period

BY = ("rate", "count")
ORDERS = ("desc", "asc")


def rank(
    catalog: Catalog, measure: Measure, period: Period, *, by: str = "rate", order: str = "desc",
    scheme: str | None = None,
) -> Ranking:
    """All boroughs with data for ``measure`` in ``period``, ranked; rank 1 = highest (desc) or lowest (asc)."""
    if by not in BY or order not in ORDERS:
        raise FactbeatError(f"rank by must be one of {BY} and order one of {ORDERS}")
    scheme = choose_scheme(catalog, measure, period, scheme)
    ids = catalog.category_ids(measure, scheme)
    codes = [b.code for b in boroughs() if b.code in catalog.areas.get(scheme, set())]
    year = catalog.nearest_population_year(period.population_year) if catalog.population_years() else period.population_year
    if by == "rate" and not catalog.populations(year):
        raise FactbeatError("ranking by rate needs population data; ingest a population file or use --by count")
    sql = queries.ranked(len(ids), len(codes), by, order)
    rows = catalog.store.query(sql, [scheme, *ids, *codes, period.start, period.end, year])
    missing = catalog.missing_months(scheme, period.months)
    result = Ranking(
        measure, scheme, period, by, order,
        [RankRow(int(r), area_by_code(code), int(c), pop, rate) for r, code, c, pop, rate, _k, _s in rows],
        complete=not missing, missing_months=missing, population_year=year,
        population_source=", ".join(sorted({k for *_x, k, _s in rows if k})) or None,
    )
    lines = catalog.store.query(queries.provenance(len(ids), len(codes)), [scheme, *ids, *codes, period.start, period.end])
    result.sources = cite(lines, catalog.sources)
    if year != period.population_year:
        result.notes.append(f"population for {period.population_year} is not stored; used {year}")
    if missing:
        result.notes.append(f"incomplete: {len(missing)} of {period.n_months} months missing from {scheme}")
    return result
