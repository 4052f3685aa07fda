"""Is a change between two counts more than chance?  The exact conditional test for two Poissons.

Why this test: recorded offences in a year are well described as a Poisson count, and the
question a reporter asks ("did it really go up?") is whether two such counts come from the same
underlying rate.  Conditioning on the total n = c1 + c2 removes the unknown common rate: under
"no change", c2 ~ Binomial(n, p0) with p0 = e2 / (e1 + e2), where e1, e2 are the exposures
(population, or 1 when the same place is compared with itself).  That gives an *exact* p-value
and an *exact* interval, valid for counts as small as 0 and 7 -- exactly where normal
approximations mislead.

* p-value: two-sided, "minlike" definition -- the total probability of every outcome no more
  likely than the one observed.  It is what ``scipy.stats.binomtest(c2, n, p0).pvalue`` returns;
  it is computed in plain Python (:mod:`factbeat.stats.exact`, the same search over outcomes), so
  a change never waits a second for SciPy to import.
* Interval for the rate ratio (to / from): the Clopper-Pearson interval [pL, pU] for the
  binomial proportion, mapped through RR = p / (1 - p) * e1 / e2.  It is central (each tail
  alpha/2), so in rare borderline cases it can include 1 while the minlike p is just below 0.05,
  or vice versa; the label follows the p-value.

The label rule (also in ``docs/significance.md``):

* p < 0.05 and the rate went up   -> "a real rise"
* p < 0.05 and the rate went down -> "a real fall"
* otherwise                       -> "within normal variation"
* ... except that when *both* counts are below ``SMALL_COUNT_THRESHOLD`` and p >= 0.05 the label
  is "too few to tell": with so few offences even a large change could not have been detected,
  and "normal variation" would claim more than the data know.

With another ``confidence`` the threshold 0.05 becomes ``1 - confidence``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from factbeat.stats.exact import binom_odds_limits, binom_test_two_sided
from factbeat.stats.small_numbers import (
    SMALL_COUNT_THRESHOLD,
    alpha_from,
    as_count,
    as_exposure,
    format_p_value,
    is_small,
    json_float,
    small_number_warning,
)

__all__ = ["ChangeLabel", "ChangeSignificance", "compare_counts"]

# alpha_from rounds a float (1 - 0.95 is not 0.05 in binary), which costs more than the whole test
# of two small counts; every change a text states asks for the same one or two levels.
_alpha_from = lru_cache(maxsize=16)(alpha_from)


class ChangeLabel(StrEnum):
    """The plain-language verdict on a change (a closed vocabulary, safe to show as is)."""

    REAL_RISE = "a real rise"
    REAL_FALL = "a real fall"
    NORMAL_VARIATION = "within normal variation"
    TOO_FEW = "too few to tell"


@dataclass(slots=True, unsafe_hash=True)
class ChangeSignificance:
    """The result of :func:`compare_counts`: read-only by convention, and hashed by its fields as
    a frozen one would be (a frozen dataclass sets each of its twelve fields through
    ``object.__setattr__``, which was a third of testing a change the checker found).

    ``rate_ratio`` is (count_to / exposure_to) / (count_from / exposure_from): 2.0 means the rate
    doubled.  It is ``inf`` for a rise from zero and ``nan`` when both counts are zero.
    ``small_numbers`` is true when either count is below the small-number threshold, so that a
    warning is shown even beside "a real rise".
    """

    count_from: int
    count_to: int
    exposure_from: float
    exposure_to: float
    p_value: float
    ci_low: float
    ci_high: float
    rate_ratio: float
    label: ChangeLabel
    rule: str
    small_numbers: bool
    confidence: float = 0.95

    @property
    def warning(self) -> str | None:
        """The small-number warning for the smaller of the two counts, if any."""
        return small_number_warning(min(self.count_from, self.count_to))

    def to_dict(self) -> dict:
        """JSON-safe: floats to 4 significant figures, inf/nan as ``None``; exposures unrounded."""
        return {
            "count_from": self.count_from,
            "count_to": self.count_to,
            "exposure_from": self.exposure_from,
            "exposure_to": self.exposure_to,
            "rate_ratio": json_float(self.rate_ratio),
            "p_value": json_float(self.p_value),
            "ci_low": json_float(self.ci_low),
            "ci_high": json_float(self.ci_high),
            "confidence": self.confidence,
            "label": self.label.value,
            "rule": self.rule,
            "small_numbers": self.small_numbers,
            "warning": self.warning,
        }


def compare_counts(
    count_from: int,
    count_to: int,
    exposure_from: float = 1.0,
    exposure_to: float = 1.0,
    *,
    confidence: float = 0.95,
) -> ChangeSignificance:
    """Test whether ``count_to`` differs from ``count_from`` by more than chance.

    Pass populations as exposures to compare rates when the population changed; only their
    ratio matters, so any unit will do.

    >>> r = compare_counts(7, 32)
    >>> r.label.value, round(r.rate_ratio, 2), r.p_value < 0.001
    ('a real rise', 4.57, True)
    >>> compare_counts(67, 76).label.value
    'within normal variation'
    """
    c1, c2 = as_count(count_from, "count_from"), as_count(count_to, "count_to")
    e1, e2 = as_exposure(exposure_from, "exposure_from"), as_exposure(exposure_to, "exposure_to")
    alpha = _alpha_from(confidence)
    n = c1 + c2
    if n == 0:
        p_value, ci_low, ci_high, ratio = 1.0, 0.0, math.inf, math.nan
    else:
        p_value = binom_test_two_sided(c2, n, e2 / (e1 + e2))
        odds_low, odds_high = binom_odds_limits(c2, n, alpha)
        ci_low, ci_high = odds_low * e1 / e2, odds_high * e1 / e2
        ratio = (c2 * e1) / (c1 * e2) if c1 else math.inf
    label, rule = _label(c1, c2, e1, e2, p_value, alpha)
    return ChangeSignificance(
        count_from=c1,
        count_to=c2,
        exposure_from=e1,
        exposure_to=e2,
        p_value=p_value,
        ci_low=ci_low,
        ci_high=ci_high,
        rate_ratio=ratio,
        label=label,
        rule=rule,
        small_numbers=is_small(min(c1, c2)),
        confidence=confidence,
    )


def _label(
    c1: int, c2: int, e1: float, e2: float, p_value: float, alpha: float
) -> tuple[ChangeLabel, str]:
    """Apply the documented label rule and say, in one sentence, why it gave that label."""
    p_text = format_p_value(p_value)
    if c1 == c2 == 0:
        return ChangeLabel.TOO_FEW, "No offences in either period, so there is no change to test."
    if p_value < alpha:
        rose = c2 * e1 > c1 * e2
        label = ChangeLabel.REAL_RISE if rose else ChangeLabel.REAL_FALL
        moved = "rose" if rose else "fell"
        return label, (
            f"The rate {moved} and the exact test gives {p_text}, below {alpha:g}: "
            "a change this large rarely happens by chance alone."
        )
    if is_small(c1) and is_small(c2):
        return ChangeLabel.TOO_FEW, (
            f"Both counts are under {SMALL_COUNT_THRESHOLD} and the exact test gives {p_text}, "
            f"not below {alpha:g}: too few offences to tell a change from chance."
        )
    return ChangeLabel.NORMAL_VARIATION, (
        f"The exact test gives {p_text}, not below {alpha:g}: "
        "a change this size often happens by chance alone."
    )
