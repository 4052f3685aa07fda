"""The results the statistics return: plain dataclasses that know how to become JSON.

The JSON keys are part of the public interface (docs/json.md); renaming one is a breaking change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


@dataclass
class Figure:
    """A count for one area, measure and period in one category scheme, with its provenance."""

    area: Area
    measure: Measure
    scheme: str
    period: Period
    count: int
    complete: bool
    missing_months: list[date]
    population: int | None = None
    population_year: int | None = None
    population_source: str | None = None
    sources: list[dict] = field(default_factory=list)
    other_schemes: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bound: str | None = None  # "lower" when rows may be missing from a capped file (stats/capped.py)
    capped: dict | None = None  # the capped file's gaps (CappedGaps.to_dict)
    per: int | None = None  # rate base chosen by the caller; None: the measure's own (1,000 or 100,000)

    @property
    def rate_per_1000(self) -> float | None:
        if not self.population:
            return None
        return self.count * 1000 / self.population

    @property
    def rate_base(self) -> int:
        """Residents per rate: 100,000 for rare crimes (homicide, gun crime), else 1,000, unless chosen."""
        return self.per or self.measure.rate_per

    @property
    def rate(self) -> float | None:
        """Offences per :attr:`rate_base` residents."""
        if not self.population:
            return None
        return self.count * self.rate_base / self.population

    def to_dict(self) -> dict:
        return {
            "area": self.area.to_dict(),
            "measure": self.measure.to_dict(self.scheme),
            "period": self.period.to_dict(),
            "count": self.count,
            "population": self.population,
            "population_year": self.population_year,
            "population_source": self.population_source,
            "rate_per_1000": _round(self.rate_per_1000),
            "rate": _round(self.rate),
            "rate_per": self.rate_base,
            "complete": self.complete,
            "bound": self.bound,
            "missing_months": [m.isoformat()[:7] for m in self.missing_months],
            "capped": self.capped,
            "sources": self.sources,
            "other_schemes": self.other_schemes,
            "notes": self.notes,
        }


@dataclass
class Change:
    """The change between two figures in the same scheme."""

    before: Figure
    after: Figure
    significance: dict | None = None

    @property
    def absolute(self) -> int:
        return self.after.count - self.before.count

    @property
    def percent(self) -> float | None:
        return None if self.before.count == 0 else 100 * self.absolute / self.before.count

    @property
    def ratio(self) -> float | None:
        return None if self.before.count == 0 else self.after.count / self.before.count

    def to_dict(self) -> dict:
        return {
            "area": self.after.area.to_dict(),
            "measure": self.after.measure.to_dict(self.after.scheme),
            "from": self.before.to_dict(),
            "to": self.after.to_dict(),
            "absolute": self.absolute,
            "percent": _round(self.percent),
            "ratio": _round(self.ratio),
            "complete": self.before.complete and self.after.complete,
            "significance": self.significance,
        }


@dataclass
class Share:
    """An area's share of its parent's total (London) for the same measure, scheme and period."""

    part: Figure
    whole: Figure

    @property
    def share(self) -> float | None:
        return None if self.whole.count == 0 else self.part.count / self.whole.count

    def to_dict(self) -> dict:
        return {
            "part": self.part.to_dict(),
            "whole": self.whole.to_dict(),
            "share": _round(self.share, 6),
            "percent": _round(None if self.share is None else 100 * self.share, 2),
            "complete": self.part.complete and self.whole.complete,
        }


@dataclass
class RankRow:
    rank: int
    area: Area
    count: int
    population: int | None
    rate_per_1000: float | None
    rate_ci: tuple[float, float] | None = None  # exact 95 % Poisson interval of the rate
    indistinguishable: tuple[int, int] | None = None  # ranks whose intervals overlap this one's

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            "area": self.area.to_dict(),
            "count": self.count,
            "population": self.population,
            "rate_per_1000": _round(self.rate_per_1000),
            "rate_ci": [_round(v) for v in self.rate_ci] if self.rate_ci else None,
            "indistinguishable_from": list(self.indistinguishable) if self.indistinguishable else None,
        }


@dataclass
class Ranking:
    """Boroughs ranked by count or rate; rank 1 is the highest (desc) or lowest (asc)."""

    measure: Measure
    scheme: str
    period: Period
    by: str
    order: str
    rows: list[RankRow]
    complete: bool
    missing_months: list[date]
    population_year: int | None
    population_source: str | None
    sources: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    within: Area | None = None

    def position(self, area: Area) -> RankRow | None:
        return next((row for row in self.rows if row.area.code == area.code), None)

    def to_dict(self) -> dict:
        return {
            "measure": self.measure.to_dict(self.scheme),
            "period": self.period.to_dict(),
            "within": self.within.to_dict() if self.within else None,
            "by": self.by,
            "order": self.order,
            "complete": self.complete,
            "missing_months": [m.isoformat()[:7] for m in self.missing_months],
            "population_year": self.population_year,
            "population_source": self.population_source,
            "rows": [row.to_dict() for row in self.rows],
            "sources": self.sources,
            "notes": self.notes,
        }
