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
from factbeat.taxonomy.areas import LONDON_CODE, Area, area_by_code, boroughs
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period
from factbeat.taxonomy.schemes import get_scheme

BY = ("rate", "count")
ORDERS = ("desc", "asc")


def ranked_codes(catalog: Catalog, scheme: str, within: Area | None) -> list[str]:
    """The areas a ranking is over: London's 32 boroughs, or the districts a police force covers."""
    stored = catalog.areas.get(scheme, set())
    if within is None or within.code == LONDON_CODE:
        return [b.code for b in boroughs() if b.code in stored]
    if within.kind != "force":
        raise FactbeatError(f"rankings are within London or within a police force, not within {within.name}")
    codes = sorted(code for code, forces in catalog.area_forces.items() if within.code in forces and code in stored)
    return [c for c in codes if area_by_code(c).kind in ("borough", "district")]


OWN_DISTRICT_SHARE = 0.01  # a force's own district holds at least 1 % of the rows it reports


def own_districts(catalog: Catalog, scheme: str, within: Area, codes: list[str], period: Period) -> list[str]:
    """The districts a force polices, not those where a handful of its rows happen to fall.

    Street files place a few incidents just over a force's border (West Yorkshire reports one in
    Oldham); a district with under 1 % of the force's rows over the period is not ranked.
    """
    index = catalog.observations(scheme)
    every = [cid for cid, s, _major, _minor in catalog.categories if s == scheme]
    totals = {c: index.matches(every, [c], period.start, period.end).total for c in codes}
    whole = sum(totals.values())
    return [c for c in codes if whole and totals[c] >= OWN_DISTRICT_SHARE * whole]


def rank(
    catalog: Catalog, measure: Measure, period: Period, *, by: str = "rate", order: str = "desc",
    scheme: str | None = None, within: Area | None = None,
) -> Ranking:
    """Areas with data for ``measure`` in ``period``, ranked; rank 1 = highest (desc) or lowest (asc).

    By default the 32 London boroughs; ``within`` a police force, the districts it covers.
    """
    if by not in BY or order not in ORDERS:
        raise FactbeatError(f"rank by must be one of {BY} and order one of {ORDERS}")
    scheme = choose_scheme(catalog, measure, period, scheme, within)
    ids = catalog.category_ids(measure, scheme)
    codes = ranked_codes(catalog, scheme, within)
    if within is not None and within.kind == "force":
        codes = own_districts(catalog, scheme, within, codes, period)
    if not codes:
        raise FactbeatError(f"no areas with {measure.label.lower()} data to rank within {(within or area_by_code(LONDON_CODE)).name}")
    year = catalog.nearest_population_year(period.population_year) if catalog.population_years() else period.population_year
    fallback = None
    if by == "rate" and not any(c in catalog.populations(year) for c in codes):
        by, fallback = "count", "no population is stored for these areas, so they are ranked by number of offences, not by rate"
    rows, lines = _ranked_rows(catalog, scheme, ids, codes, period, year, by, order)
    missing = catalog.missing_months(scheme, period.months, within.code if within and within.kind == "force" else None, ids)
    result = Ranking(
        measure, scheme, period, by, order,
        [RankRow(int(r), area_by_code(code), int(c), pop, rate) for r, code, c, pop, rate, _k, _s in rows],
        complete=not missing, missing_months=missing, population_year=year,
        population_source=", ".join(sorted({k for *_x, k, _s in rows if k})) or None,
        within=within or area_by_code(LONDON_CODE),
    )
    if by == "rate":
        _add_intervals(result.rows)
    result.sources = cite(lines, catalog.sources)
    if fallback:
        result.notes.append(fallback)
    if year != period.population_year and result.by == "rate":
        result.notes.append(f"population for {period.population_year} is not stored; used {year}")
    if missing:
        result.notes.append(f"incomplete: {len(missing)} of {period.n_months} months missing from the stored {get_scheme(scheme).label}")
    result.notes += _capped_notes(catalog, measure, period, scheme, result)
    small = [row for row in result.rows if row.count < SMALL_COUNT]
    if small:
        result.notes.append(
            f"{len(small)} of {len(result.rows)} areas have fewer than {SMALL_COUNT} offences: ranks built on "
            "single-figure counts move a lot from year to year")
    return result


SMALL_COUNT = 10


def _capped_notes(catalog: Catalog, measure: Measure, period: Period, scheme: str, result: Ranking) -> list[str]:
    """Boroughs whose counts come from a capped file with rows missing (stats/capped.py)."""
    from factbeat.stats.capped import capped_gaps

    short = []
    for row in result.rows:
        gaps = capped_gaps(catalog, row.area, measure, period, scheme) if row.area.is_borough else None
        if gaps is None:
            continue
        if gaps.missing:
            short.append(f"{row.area.name} ({len(gaps.missing)})")
    if not short:
        return []
    result.complete = False
    return [f"incomplete: {len(short)} boroughs lack borough-months in a copy of the data from which rows above a count "
            f"cap were deleted, so their counts are lower bounds and the ranking is uncertain: {', '.join(short)}"]


Row = tuple[int, str, int, int | None, float | None, str | None, int | None]


def _ranked_rows(catalog: Catalog, scheme: str, ids: list[int], codes: list[str], period: Period, year: int,
                 by: str, order: str) -> tuple[list[Row], list[tuple[int, int | None]]]:
    """(rank, area, count, population, rate, estimate type, population source) per area with data,
    and the (source, line) pairs counted: the areas' totals from the scheme's index when it has
    one (a server), else from one SQL statement (``queries.area_lines``), ranked here.  The two
    statements ``queries.ranked`` and ``queries.provenance`` define the answer (the tests compare)."""
    index = catalog.index_if_asked_often(scheme)
    totals: dict[str, int] = {}
    lines: set[tuple[int, int | None]] = set()
    if index is None:
        params = [scheme, *ids, *codes, period.start, period.end]
        for code, source_id, line, count in catalog.store.query(queries.area_lines(len(ids), len(codes)), params):
            totals[code] = totals.get(code, 0) + int(count)  # an area with any observation has a row
            lines.add((source_id, line))
        cited = sorted(lines, key=lambda p: (p[0], p[1] or 0))
    else:  # an area with no observation in the period has no total: no row in the SQL's GROUP BY either
        totals, cited = index.area_totals(ids, codes, period.start, period.end)  # sorted as above
    populations = catalog.populations(year)
    counted = []
    for code in codes:
        if code not in totals:
            continue
        population, kind, source = populations.get(code, (None, None, None))
        rate = totals[code] * 1000.0 / population if population else None  # as DuckDB computes it
        counted.append((code, totals[code], population, rate, kind, source))
    key = 1 if by == "count" else 3
    known = sorted((r[key] for r in counted if r[key] is not None), reverse=order == "desc")
    first_rank = {}
    for position, value in enumerate(known, start=1):
        first_rank.setdefault(value, position)  # RANK(): ties share the first position ('1224')
    ranked = [(first_rank[r[key]] if r[key] is not None else len(known) + 1, *r) for r in counted]
    return sorted(ranked, key=lambda r: (r[0], r[1])), cited


def _add_intervals(rows: list[RankRow]) -> None:
    """Rate intervals and, for each row, the band of ranks it cannot be told apart from.

    "3rd-lowest" reads as precise; when neighbours' 95 % intervals overlap, the honest sentence is
    "3rd-lowest, but indistinguishable from 2nd-6th" (docs/significance.md).
    """
    if not rows or any(not r.population for r in rows):
        return
    from factbeat.stats.intervals import indistinguishable_ranks, rate_interval

    intervals = [(r.rank, rate_interval(r.count, r.population)) for r in rows]
    for position, row in enumerate(rows):
        interval = intervals[position][1]
        row.rate_ci = (interval.low, interval.high)
        row.indistinguishable = indistinguishable_ranks(intervals, position)
