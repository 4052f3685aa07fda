"""What the store holds, cached: categories per scheme, months per scheme, sources, populations.

Every figure needs these small lookups; reading them once per store generation keeps a figure
to a single aggregate query (the web API answers thousands of figures a second from this).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from factbeat.errors import NoDataError
from factbeat.stats import queries
from factbeat.store import Store
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.schemes import PREFERENCE


@dataclass(frozen=True)
class Population:
    """A population figure and where it came from."""

    value: int
    year: int
    estimate_type: str
    source_ids: tuple[int, ...]
    note: str = ""


class Catalog:
    """Cached metadata of one store; call :meth:`refresh` (done automatically) after ingests."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._generation = -1
        self.refresh()

    def refresh(self) -> None:
        if self._generation == self.store.generation:
            return
        self._generation = self.store.generation
        self.categories = self.store.categories()
        self.months: dict[str, set[date]] = defaultdict(set)
        for scheme, month in self.store.query(queries.SCHEME_MONTHS):
            self.months[scheme].add(month)
        self.areas: dict[str, set[str]] = defaultdict(set)
        for scheme, area_code in self.store.query(queries.SCHEME_AREAS):
            self.areas[scheme].add(area_code)
        self.sources = {row["source_id"]: row for row in self.store.query_dicts(queries.SOURCES_BY_ID)}
        self._populations: dict[int, dict[str, tuple]] = {}

    def scheme_categories(self) -> list[tuple[str, str, str]]:
        """(scheme, major, minor) triples, for name lookups."""
        self.refresh()
        return [(scheme, major, minor) for _id, scheme, major, minor in self.categories]

    def category_ids(self, measure: Measure, scheme: str) -> list[int]:
        """The stored category ids that make up ``measure`` in ``scheme`` (empty if none)."""
        self.refresh()
        selectors = measure.selectors(scheme)
        return [
            cid for cid, s, major, minor in self.categories
            if s == scheme and any(sel.matches(major, minor) for sel in selectors)
        ]

    def schemes_for(self, measure: Measure) -> list[str]:
        """Schemes in which the measure has stored categories, in preference order."""
        return [s for s in PREFERENCE if self.category_ids(measure, s)]

    def missing_months(self, scheme: str, months: list[date]) -> list[date]:
        self.refresh()
        have = self.months.get(scheme, set())
        return [m for m in months if m not in have]

    def populations(self, year: int) -> dict[str, tuple]:
        """area_code -> (population, estimate_type, source_id) for one year."""
        self.refresh()
        if year not in self._populations:
            rows = self.store.query(queries.POPULATION_YEAR, [year])
            self._populations[year] = {code: (pop, kind, sid) for code, pop, kind, sid in rows}
        return self._populations[year]

    def population_years(self) -> list[int]:
        self.refresh()
        return sorted(r[0] for r in self.store.query("SELECT DISTINCT year FROM population_best"))

    def nearest_population_year(self, year: int) -> int:
        """``year`` if stored, else the closest stored year (the caller states the substitution)."""
        years = self.population_years()
        if not years:
            raise NoDataError("no population data stored; ingest a population file to get rates")
        return min(years, key=lambda y: (abs(y - year), -y))
