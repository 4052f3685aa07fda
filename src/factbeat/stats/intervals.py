"""Exact confidence intervals for rates, and which neighbours in a ranking they cannot be told from.

Why exact intervals: a borough's rate per 1,000 is a Poisson count divided by a population that
is known (near enough) without error, so all the uncertainty is in the count.  The exact
(Garwood) interval for a Poisson mean k uses the link between the Poisson and chi-square
distributions:

    lower = chi2.ppf(alpha/2, 2k) / 2          (0 when k = 0)
    upper = chi2.ppf(1 - alpha/2, 2k + 2) / 2

each then scaled by ``per / population``.  The quantiles are computed in plain Python
(:func:`factbeat.stats.exact.poisson_mean_limits`, the means at which each Poisson tail equals
alpha/2, which is the same thing), so a ranking never waits for SciPy to import.  It never goes below zero and keeps at least its
nominal coverage even for a count of 0 or 3, where the usual "rate +/- 1.96 SE" fails.

Why "indistinguishable" ranks: a league table of boroughs ranks rates that are all estimates.
When two boroughs' intervals overlap, the data cannot say which of the two truly ranks higher,
so "3rd-lowest" should come with "but indistinguishable from 2nd-6th".  Overlap is a cautious
criterion: non-overlapping 95 % intervals certainly differ significantly, but overlapping ones
may still differ a little; we prefer the caution in a sentence a reporter will quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factbeat.stats.exact import poisson_mean_limits
from factbeat.stats.small_numbers import (
    alpha_from,
    as_count,
    as_exposure,
    is_small,
    json_float,
    small_number_warning,
)

__all__ = ["RankedRate", "RateInterval", "indistinguishable_ranks", "rate_interval"]


@dataclass(frozen=True)
class RateInterval:
    """A rate per ``per`` people with its exact confidence interval [low, high]."""

    rate: float
    low: float
    high: float
    count: int
    population: float
    per: float
    small_numbers: bool
    confidence: float = 0.95

    @property
    def warning(self) -> str | None:
        """The small-number warning to print beside this rate, if any."""
        return small_number_warning(self.count)

    def overlaps(self, other: RateInterval) -> bool:
        """True when the two intervals share at least one point."""
        return self.low <= other.high and other.low <= self.high

    def to_dict(self) -> dict:
        """JSON-safe: rate and limits to 4 significant figures; count and population exact."""
        return {
            "rate": json_float(self.rate),
            "low": json_float(self.low),
            "high": json_float(self.high),
            "count": self.count,
            "population": self.population,
            "per": self.per,
            "confidence": self.confidence,
            "small_numbers": self.small_numbers,
            "warning": self.warning,
        }


#: One row of a ranking: its competition rank (1, 2, 2, 4, ...) and its rate interval.
RankedRate = tuple[int, RateInterval]


def rate_interval(
    count: int, population: float, per: float = 1000, confidence: float = 0.95
) -> RateInterval:
    """The rate ``count / population * per`` with its exact Poisson confidence interval.

    >>> r = rate_interval(76, 386_198)          # gun crime, Barnet 2016, per 1,000 residents
    >>> round(r.rate, 3), round(r.low, 3), round(r.high, 3)
    (0.197, 0.155, 0.246)
    """
    k = as_count(count)
    population = as_exposure(population, "population")
    per = as_exposure(per, "per")
    alpha = alpha_from(confidence)
    scale = per / population
    low, high = poisson_mean_limits(k, alpha)
    return RateInterval(
        rate=k * scale,
        low=low * scale,
        high=high * scale,
        count=k,
        population=population,
        per=per,
        small_numbers=is_small(k),
        confidence=confidence,
    )


def indistinguishable_ranks(rows: Sequence[RankedRate], position: int) -> tuple[int, int]:
    """The span of ranks, around ``rows[position]``, whose intervals overlap that row's.

    ``rows`` are ``(rank, RateInterval)`` pairs in rank order (as a league table prints them);
    ``position`` is a 0-based index into ``rows``.  Starting from that row we walk outwards in
    both directions and stop at the first row whose interval does not overlap it, so the band
    is contiguous -- it is what the sentence "3rd-lowest, but indistinguishable from 2nd-6th"
    can say.  Returns ``(first_rank, last_rank)``; ``(rank, rank)`` when no neighbour overlaps.

    >>> rows = [(1, rate_interval(5, 1000)), (2, rate_interval(6, 1000)), (3, rate_interval(90, 1000))]
    >>> indistinguishable_ranks(rows, 0)
    (1, 2)
    """
    if not 0 <= position < len(rows):
        raise IndexError(f"position {position} is outside the {len(rows)} ranked rows")
    target = rows[position][1]
    first = position
    while first > 0 and rows[first - 1][1].overlaps(target):
        first -= 1
    last = position
    while last < len(rows) - 1 and rows[last + 1][1].overlaps(target):
        last += 1
    return rows[first][0], rows[last][0]
