"""What the store holds, cached: categories, months and areas per scheme, sources, populations,
and each scheme's observations (see observation_index).

Every figure needs these lookups; reading them once per store generation lets a figure run no
query at all (the web API answers thousands of figures a second from this).  Indexing a scheme's
observations costs NumPy's import and a few hundred milliseconds, which a command that prints
one figure would spend for nothing: a scheme is answered in SQL until it has been asked
:data:`INDEX_AFTER` times in a store generation, and from its index after that.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from factbeat.errors import NoDataError
from factbeat.stats import queries
from factbeat.store.catalogue import Store
from factbeat.store.street.sql import SCHEME as STREET_SCHEME
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.schemes import PREFERENCE, scheme_level

if TYPE_CHECKING:
    from factbeat.stats.observation_index import Matches, ObservationIndex

INDEX_AFTER = 16  # figures asked of one scheme in a generation before its observations are indexed
REMEMBERED = 2048  # results kept per store generation by Catalog.remembered (least recently used go)
AREA_PERIODS = 256  # areas and periods whose lines Catalog keeps per store generation (oldest go)

T = TypeVar("T")


@dataclass(frozen=True)
class Found:
    """A figure's observations as the store summed them: total and (source, line) pairs."""

    total: int
    pairs: tuple[tuple[int, int | None], ...]

    def citations(self) -> Iterable[tuple[int, int | None]]:
        return self.pairs


@dataclass(frozen=True)
class Population:
    """A population figure and where it came from."""

    value: int
    year: int
    estimate_type: str
    source_ids: tuple[int, ...]
    note: str = ""


class AreasByScheme(Mapping[str, set[str]]):
    """scheme -> the area codes it holds, each scheme read from the store on first use (a figure
    asks two or three schemes; every area of every scheme is thousands of rows, read only when
    someone iterates over them all).  A borough-level scheme is read together with the store's
    other borough-level schemes (a few dozen areas each), in one query: choosing a figure's
    scheme asks three or four of them, a query each (issue 13)."""

    def __init__(self, store: Store, schemes: Iterable[str] = ()) -> None:
        self._store = store
        self._schemes = tuple(schemes)  # the store's schemes, read together by level
        self._areas: dict[str, set[str]] = {}
        self._read: set[str] = set()  # schemes read (those holding no area are not in _areas)
        self._complete = False

    def __getitem__(self, scheme: str) -> set[str]:
        areas = self._areas.get(scheme)
        if areas is None:
            if self._complete:
                raise KeyError(scheme)
            if scheme not in self._read:
                self._read_with_level(scheme)
            areas = self._areas.get(scheme)
            if not areas:
                raise KeyError(scheme)  # as the mapping of every scheme would not hold it
        return areas

    def _read_with_level(self, scheme: str) -> None:
        together = [scheme]
        if scheme_level(scheme) == "borough":
            together += [s for s in self._schemes if s != scheme and s not in self._read and scheme_level(s) == "borough"]
        for key, codes in self._store.areas_of_schemes(together).items():
            if codes:
                self._areas[key] = set(codes)
        self._read.update(together)

    def _read_all(self) -> dict[str, set[str]]:
        if not self._complete:
            areas: dict[str, set[str]] = defaultdict(set)
            for scheme, area_code in self._store.scheme_areas():
                areas[scheme].add(area_code)
            self._areas, self._complete = dict(areas), True
        return self._areas

    def __iter__(self) -> Iterator[str]:
        return iter(self._read_all())

    def __len__(self) -> int:
        return len(self._read_all())


class Catalog:
    """Cached metadata of one store; call :meth:`refresh` (done automatically) after ingests."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._generation = -1
        self._index_lock = threading.Lock()
        self.refresh()

    def refresh(self) -> None:
        if self._generation == self.store.generation:
            return
        self._generation = self.store.generation
        self.categories = self.store.categories()
        self._category_ids: dict[tuple, list[int]] = {}
        self._schemes_for: dict[tuple, list[str]] = {}  # see schemes_for
        self._by_scheme: dict[str, list[tuple[int, str, str]]] | None = None  # see _scheme_categories
        self.months: dict[str, set[date]] = defaultdict(set)
        for scheme, month in self.store.scheme_months():  # from the store's summary (store/summary.py)
            self.months[scheme].add(month)
        self.areas = AreasByScheme(self.store, sorted(self.months))
        self.sources = {row["source_id"]: row for row in self.store.query_dicts(queries.SOURCES_BY_ID)}
        self._populations: dict[int, dict[str, tuple]] = {}
        self._population_years: list[int] | None = None
        self._indexes: dict[str, ObservationIndex] = {}
        self._asked: dict[str, int] = defaultdict(int)  # figures per scheme this generation
        self._remembered: OrderedDict[Hashable, object] = OrderedDict()
        self._area_lines: dict[tuple, dict[int, list[tuple]]] = {}  # see _area_period_lines
        self._force_data: tuple | None = None  # street force months and areas, read on first use
        from factbeat.store.series import load_small_areas

        load_small_areas(self.store)
        self._series_months: dict[str, dict[int, set[date]]] = {}  # scheme -> category id -> months
        self._capped_months: dict[str, dict[int, set[date]]] = {}  # the same, capped files only
        self._coverage_schemes: set[str] | None = None  # schemes with coverage rows, read on first use

    def series_months(self, scheme: str) -> dict[int, set[date]]:
        """category id -> the months a stored London series file covers in this scheme; read on
        first use of the scheme in a generation (most figures never need it)."""
        self.refresh()
        months = self._series_months.get(scheme)
        if months is None:
            self._read_coverage(scheme)
            months = self._series_months[scheme]
        return months

    def capped_series_months(self, scheme: str) -> dict[int, set[date]]:
        """category id -> the months a capped London series file supplies in this scheme (see
        stats/capped.py); read once per scheme in a generation, not once per figure."""
        self.refresh()
        months = self._capped_months.get(scheme)
        if months is None:
            self._read_coverage(scheme)
            months = self._capped_months[scheme]
        return months

    def _read_coverage(self, scheme: str) -> None:
        """Both coverage maps of a scheme in one query, and none for a scheme no series file covers
        (most figures ask about three or four schemes, and a grounded check about a dozen)."""
        from factbeat.store.series import both_covered_months, coverage_schemes

        if self._coverage_schemes is None:
            self._coverage_schemes = coverage_schemes(self.store)
        if scheme in self._coverage_schemes:
            self._series_months[scheme], self._capped_months[scheme] = both_covered_months(self.store, scheme)
        else:
            self._series_months[scheme], self._capped_months[scheme] = {}, {}

    @property
    def force_months(self) -> dict[str, set[date]]:
        """Street data: the months each force has (read on first use in a generation)."""
        return self._forces()[0]

    @property
    def area_forces(self) -> dict[str, set[str]]:
        """Street data: the forces that report in each area."""
        return self._forces()[1]

    @property
    def force_names(self) -> dict[str, str]:
        """Street data: each force's name as this store's files spell it."""
        return self._forces()[2]

    def _forces(self) -> tuple[dict[str, set[date]], dict[str, set[str]], dict[str, str]]:
        self.refresh()
        forces = self._force_data
        if forces is None:
            months: dict[str, set[date]] = defaultdict(set)
            areas: dict[str, set[str]] = defaultdict(set)
            names: dict[str, str] = {}
            if self.has_table("street_months"):
                for force, month, name in self.store.query(queries.FORCE_MONTHS):
                    months[force].add(month)
                    names[force] = name
                for area_code, force in self.store.query(queries.AREA_FORCES):
                    areas[area_code].add(force)
            forces = self._force_data = (months, areas, names)
        return forces

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s result for ``key``, computed once per store generation (rankings: the
        web and claim grounding ask the same one many times).  The result is shared between
        callers, so treat it as read-only; errors are not remembered."""
        self.refresh()
        cache = self._remembered  # this generation's: an ingest replaces it, not its entries
        with self._index_lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]  # type: ignore[return-value]
        value = compute()
        with self._index_lock:
            cache[key] = value
            while len(cache) > REMEMBERED:
                cache.popitem(last=False)
        return value

    def has_table(self, name: str) -> bool:
        """True if the store has this table or view, asked of the store once per generation (claims
        ask for the figures register once per claim; a register load bumps the generation)."""
        self.refresh()
        return self.store.has_table(name)

    def observations(self, scheme: str) -> ObservationIndex:
        """The scheme's observations in memory, read on first use in each store generation."""
        self.refresh()
        indexes = self._indexes  # this generation's: an ingest meanwhile replaces the dict, not its entries
        index = indexes.get(scheme)
        if index is None:
            with self._index_lock:
                index = indexes.get(scheme)
                if index is None:
                    from factbeat.stats.observation_index import ObservationIndex

                    index = ObservationIndex(self.store.query_arrow(queries.SCHEME_OBSERVATIONS, [scheme]))
                    indexes[scheme] = index
        return index

    def index_level(self, level: str = "borough") -> list[str]:
        """Index now every stored scheme at this geography level (a server, before its first
        requests: building a scheme's index inside a request held every other request behind it,
        23-150 ms).  Borough-level schemes are small (a few hundred thousand observations); ward
        and LSOA schemes are left to be indexed when asked often.  Returns the schemes indexed."""
        from factbeat.taxonomy.schemes import scheme_level

        self.refresh()
        schemes = sorted(s for s in self.months if scheme_level(s) == level)
        for scheme in schemes:
            self.observations(scheme)
        return schemes

    def matches(self, scheme: str, category_ids: list[int], area_codes: list[str] | None,
                start: date, end: date) -> Found | Matches:
        """Observations of these categories in these areas (None: every area), start <= month <= end:
        from the scheme's index if it has one or has been asked often enough, else in SQL."""
        index = self.index_if_asked_often(scheme)
        if index is None:
            return self._matched_in_sql(scheme, category_ids, area_codes, start, end)
        return index.matches(category_ids, area_codes, start, end)

    def index_if_asked_often(self, scheme: str) -> ObservationIndex | None:
        """The scheme's index once it has been asked for more than :data:`INDEX_AFTER` times in
        this store generation (counting this ask), else None: answer in SQL."""
        self.refresh()
        if scheme not in self._indexes:
            self._asked[scheme] += 1  # a lost update under threads only delays the index
            if self._asked[scheme] <= INDEX_AFTER:
                return None
        return self.observations(scheme)

    def _matched_in_sql(self, scheme: str, category_ids: list[int], area_codes: list[str] | None,
                        start: date, end: date) -> Found:
        if not category_ids or area_codes == []:
            return Found(0, ())
        if area_codes is not None and len(area_codes) == 1:
            by_category = self._area_period_lines(scheme, area_codes[0], start, end)
            total, pairs = 0, {}
            for cid in set(category_ids):
                for source_id, line, n in by_category.get(cid, ()):
                    total += n
                    pairs[source_id, line] = None
            return Found(total, tuple(pairs))
        rows = self.store.query(queries.matched(len(category_ids), len(area_codes) if area_codes else None),
                                [scheme, *category_ids, *(area_codes or ()), start, end])
        return Found(sum(int(n) for _s, _l, n in rows), tuple((sid, line) for sid, line, _n in rows))

    def _area_period_lines(self, scheme: str, area_code: str, start: date, end: date) -> dict[int, list[tuple]]:
        """category id -> (source, line, total) for one area and period, every category in one query
        (what ``matched`` sums for some of them), kept for the store generation: a claim's figure,
        its other readings and the scheme published at the time ask the same area and period, each
        a query of about the same cost as this one (issue 13)."""
        key = (scheme, area_code, start, end)
        cache = self._area_lines  # this generation's
        found = cache.get(key)
        if found is None:
            periods = [(start, end), *(p for p in _years_before(start, end) if (scheme, area_code, *p) not in cache)]
            read = self._read_area_periods(scheme, area_code, periods)
            with self._index_lock:
                for (first, last), lines in zip(periods, read, strict=True):
                    cache[scheme, area_code, first, last] = lines
                while len(cache) > AREA_PERIODS:
                    cache.pop(next(iter(cache)))
            found = read[0]
        return found

    def _read_area_periods(self, scheme: str, area_code: str, periods: list[tuple[date, date]]) -> list[dict[int, list[tuple]]]:
        """:meth:`_area_period_lines` of each period (they do not overlap), in one query: the
        store's fixed cost of a query on the observations (checking the bounds of each of its
        row groups, setting up the sums) is most of what a year of one area costs."""
        out: list[dict[int, list[tuple]]] = [{} for _ in periods]
        if len(periods) == 1:
            rows: Iterable[tuple] = ((0, *row) for row in self.store.query(
                queries.area_period_lines(), [scheme, area_code, *periods[0]]))
        else:
            rows = self.store.query(queries.area_periods_lines(len(periods)), [
                *(month for period in periods for month in period), scheme, area_code,
                min(first for first, _last in periods), max(last for _first, last in periods)])
        for index, cid, source_id, line, n in rows:
            if index is not None:
                out[index].setdefault(cid, []).append((source_id, line, int(n)))
        return out

    def has_force_totals(self, scheme: str) -> bool:
        """True when the scheme stores each force's own total (street data): a region is then
        one stored area (London = the Met's total), never the sum of every area in the scheme."""
        self.refresh()
        return scheme == STREET_SCHEME and bool(self.force_months)

    def missing_force_months(
        self, area_code: str, scheme: str, months: list[date]
    ) -> list[tuple[str, date]]:
        """(force, month) pairs missing for a force that reports in the area (street data only)."""
        self.refresh()
        if scheme != STREET_SCHEME:
            return []
        forces = sorted(self.area_forces.get(area_code, ()))
        return [(f, m) for f in forces for m in months if m not in self.force_months.get(f, ())]

    def scheme_categories(self) -> list[tuple[str, str, str]]:
        """(scheme, major, minor) triples, for name lookups."""
        self.refresh()
        return [(scheme, major, minor) for _id, scheme, major, minor in self.categories]

    def category_ids(self, measure: Measure, scheme: str) -> list[int]:
        """The stored category ids that make up ``measure`` in ``scheme`` (empty if none)."""
        self.refresh()
        selectors = measure.selectors(scheme)
        key = (scheme, selectors)
        if key not in self._category_ids:
            self._category_ids[key] = [
                cid for cid, major, minor in self._scheme_categories().get(scheme, ())
                if any(sel.matches(major, minor) for sel in selectors)
            ]
        return self._category_ids[key]

    def _scheme_categories(self) -> dict[str, list[tuple[int, str, str]]]:
        """scheme -> (category id, major, minor) in the store's order: a grounded check looks up
        dozens of measures, each in a few schemes, and every scheme's categories were scanned."""
        by_scheme = self._by_scheme
        if by_scheme is None:
            by_scheme = {}
            for cid, scheme, major, minor in self.categories:
                by_scheme.setdefault(scheme, []).append((cid, major, minor))
            self._by_scheme = by_scheme
        return by_scheme

    def schemes_for(self, measure: Measure, level: str = "borough") -> list[str]:
        """Schemes at this geography level ('borough', 'ward', 'lsoa') in which the measure has
        stored categories, in preference order: a ward figure never comes from borough rows, nor
        a borough figure from wards."""
        self.refresh()
        key = (measure.key, level, tuple(measure.categories.items()))
        found = self._schemes_for.get(key)
        if found is None:  # once per measure and level in a generation: a grounded story asks for every figure
            found = self._schemes_for[key] = [s for s in PREFERENCE if scheme_level(s) == level and self.category_ids(measure, s)]
            if len(self._schemes_for) > 4096:  # bounded: measures built from text could be many
                self._schemes_for.pop(next(iter(self._schemes_for)))
        return list(found)

    def missing_months(
        self, scheme: str, months: list[date], area_code: str | None = None, category_ids: list[int] | None = None
    ) -> list[date]:
        """Months with no data in the scheme; for an area with street data, also the months any
        force reporting there has not published (a half-published year is not a fall in crime).

        In the London series schemes, whose files cover some series and not others (the
        knife-crime extract), a month counts as present only if a file covers one of
        ``category_ids`` in it."""
        self.refresh()
        have = self.months.get(scheme, set())
        series = self.series_months(scheme) if category_ids else {}
        if any(cid in series for cid in category_ids or ()):
            have = set().union(*(series.get(cid, set()) for cid in category_ids or ()))
        missing = {m for m in months if m not in have}
        if area_code is not None:
            missing |= {m for _f, m in self.missing_force_months(area_code, scheme, months)}
        return sorted(missing)

    def populations(self, year: int) -> dict[str, tuple]:
        """area_code -> (population, estimate_type, source_id) for one year."""
        self._read_populations()
        return self._populations.get(year, {})

    def population_years(self) -> list[int]:
        """Stored population years, read once per store generation (every figure asks)."""
        self._read_populations()
        return self._population_years or []

    def _read_populations(self) -> None:
        """Every best population (a few hundred rows), in one query per store generation: a
        figure needs the years and one year's table, which were two queries of a window view."""
        self.refresh()
        if self._population_years is not None:
            return
        by_year: dict[int, dict[str, tuple]] = defaultdict(dict)
        best: dict[tuple[str, int], tuple] = {}
        for code, year, pop, kind, sid in self.store.query(queries.POPULATION_ROWS):
            # population_best's order: ONS estimates first, then the latest file
            rank = (0 if kind.startswith("ONS") else 1, -sid)
            if (code, year) not in best or rank < best[code, year][0]:
                best[code, year] = (rank, pop, kind, sid)
        for (code, year), (_rank, pop, kind, sid) in best.items():
            by_year[year][code] = (pop, kind, sid)
        self._populations = dict(by_year)
        self._population_years = sorted(by_year)

    def nearest_population_year(self, year: int) -> int:
        """``year`` if stored, else the closest stored year (the caller states the substitution)."""
        years = self.population_years()
        if not years:
            raise NoDataError("no population data stored; ingest a population file to get rates")
        return min(years, key=lambda y: (abs(y - year), -y))


def _years_before(start: date, end: date) -> list[tuple[date, date]]:
    """The two calendar years before a calendar year (else none): a grounded claim about a year
    asks its area the years before too (the change it reports, the figure 'the year before', the
    series published then), so they are read in the same pass (issue 13)."""
    if not (start.month == 1 and end.month == 12 and start.year == end.year and start.day == end.day == 1):
        return []
    return [(date(start.year - back, 1, 1), date(start.year - back, 12, 1)) for back in (1, 2)]
