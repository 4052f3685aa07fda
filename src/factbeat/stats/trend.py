"""Is a series of yearly counts going up or down?  Poisson regression on the period index.

Why a regression and not "first year against last year": two end points carry only their own
noise, and a reporter choosing them can make almost any series rise or fall.  A log-linear
Poisson regression uses every year:

    log E[count_t] = a + b * t + log(exposure_t)

so ``exp(b) - 1`` is the average change per period (per year for factbeat's annual series), and
the exposure offset (population) turns it into a change in the *rate* when population grew.

Why quasi-Poisson: crime counts are often more variable than a Poisson count (a bad year for one
gang, a change in recording practice).  The Pearson statistic over its degrees of freedom,
``chi2 / (n - 2)``, estimates that extra variation.  When it exceeds 1 we multiply the standard
error by its square root and use Student's t with n - 2 degrees of freedom -- the quasi-Poisson
model, as R's ``glm(family = quasipoisson)`` reports it -- so that an erratic series is not
called a trend.  When it is 1 or less we keep the plain Poisson standard error (never narrower).

Direction label: p < 0.05 and b > 0 -> "rising"; p < 0.05 and b < 0 -> "falling"; otherwise
"no clear trend".

Fitted by iteratively reweighted least squares in numpy; statsmodels is only used in the tests
to check the numbers.  Periods are assumed consecutive and equally spaced, in order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from numbers import Integral
from typing import TYPE_CHECKING

from factbeat.stats.small_numbers import (
    SMALL_COUNT_THRESHOLD,
    as_count,
    as_exposure,
    format_p_value,
    json_float,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["Trend", "TrendDirection", "fit_trend"]

_ALPHA = 0.05
_MAX_ITERATIONS = 100
_TOLERANCE = 1e-10


class TrendDirection(StrEnum):
    """The plain-language verdict on a series."""

    RISING = "rising"
    FALLING = "falling"
    NO_CLEAR_TREND = "no clear trend"


@dataclass(frozen=True)
class Trend:
    """The result of :func:`fit_trend`.

    ``annual_change_pct`` is the average change per period in percent (+12.5 means each year is
    12.5 % above the one before, on average), with its 95 % confidence interval.  ``slope`` and
    ``std_error`` are on the log scale, as a regression reports them.  ``method`` says whether
    the standard error was widened for overdispersion.
    """

    periods: tuple[int | str, ...]
    counts: tuple[int, ...]
    annual_change_pct: float
    ci_low_pct: float
    ci_high_pct: float
    p_value: float
    direction: TrendDirection
    slope: float
    std_error: float
    dispersion: float
    overdispersed: bool
    method: str
    rule: str
    small_numbers: bool

    def to_dict(self) -> dict:
        """JSON-safe: floats to 4 significant figures, inf/nan as ``None``."""
        return {
            "periods": list(self.periods),
            "counts": list(self.counts),
            "annual_change_pct": json_float(self.annual_change_pct),
            "ci_low_pct": json_float(self.ci_low_pct),
            "ci_high_pct": json_float(self.ci_high_pct),
            "p_value": json_float(self.p_value),
            "direction": self.direction.value,
            "slope": json_float(self.slope),
            "std_error": json_float(self.std_error),
            "dispersion": json_float(self.dispersion),
            "overdispersed": self.overdispersed,
            "method": self.method,
            "rule": self.rule,
            "small_numbers": self.small_numbers,
        }


def fit_trend(
    periods: Sequence[int | str],
    counts: Sequence[int],
    exposures: Sequence[float] | None = None,
) -> Trend:
    """Fit a log-linear (quasi-)Poisson trend to ``counts`` over ``periods``.

    ``exposures`` (e.g. the population each year) makes it a trend in the rate.  Needs at
    least 3 periods: with 2, use :func:`factbeat.stats.significance.compare_counts`.

    >>> t = fit_trend([2012, 2013, 2014, 2015, 2016], [40, 52, 61, 75, 90])
    >>> t.direction.value, round(t.annual_change_pct, 1)
    ('rising', 21.7)
    """
    import numpy as np  # imported here, like scipy, so that importing factbeat stays fast

    periods, y, e = _validate(periods, counts, exposures)
    small = bool((y < SMALL_COUNT_THRESHOLD).any())
    x = np.arange(len(y), dtype=float)
    x -= x.mean()  # centring keeps the intercept and slope nearly uncorrelated
    positive = np.flatnonzero(y > 0)
    if positive.size == 0 or (positive.size == 1 and positive[0] in (0, len(y) - 1)):
        return _boundary_trend(periods, y, e, small)
    slope, se, dispersion = _fit(x, y, np.log(e))
    return _wald_trend(periods, y, slope, se, dispersion, small)


def _validate(
    periods: Sequence[int | str], counts: Sequence[int], exposures: Sequence[float] | None
) -> tuple[tuple[int | str, ...], np.ndarray, np.ndarray]:
    import numpy as np

    # Periods are labels: whole numbers (numpy's too) stay ints, anything else becomes its text.
    periods = tuple(int(p) if isinstance(p, Integral) else str(p) for p in periods)
    if len(periods) < 3:
        raise ValueError(
            f"a trend needs at least 3 periods, got {len(periods)}; "
            "to compare two periods use compare_counts()"
        )
    if len(counts) != len(periods):
        raise ValueError(f"got {len(counts)} counts for {len(periods)} periods")
    if exposures is not None and len(exposures) != len(periods):
        raise ValueError(f"got {len(exposures)} exposures for {len(periods)} periods")
    if len(set(periods)) != len(periods):
        raise ValueError(f"periods repeat: {list(periods)}")
    if all(isinstance(p, int) for p in periods):
        steps = {b - a for a, b in zip(periods, periods[1:], strict=False)}  # type: ignore[operator]
        if len(steps) != 1 or steps.pop() <= 0:
            raise ValueError(f"periods must be increasing and equally spaced, got {list(periods)}")
    y = np.array([as_count(c, "count") for c in counts], dtype=float)
    e = np.ones(len(y)) if exposures is None else np.array([as_exposure(v) for v in exposures])
    return periods, y, e


def _fit(x: np.ndarray, y: np.ndarray, offset: np.ndarray) -> tuple[float, float, float]:
    """IRLS for the Poisson log-linear model; returns slope, its (model) SE and dispersion."""
    import numpy as np

    design = np.column_stack([np.ones_like(x), x])
    mu = (y + y.mean()) / 2  # the usual GLM start: positive even where y is 0
    eta = np.log(mu)
    deviance = math.inf
    for _ in range(_MAX_ITERATIONS):
        working = eta - offset + (y - mu) / mu
        weighted = design * mu[:, None]
        beta = np.linalg.solve(design.T @ weighted, weighted.T @ working)
        eta = design @ beta + offset
        mu = np.exp(eta)
        previous, deviance = deviance, _deviance(y, mu)
        if abs(deviance - previous) <= _TOLERANCE * (abs(deviance) + 0.1):
            break
    covariance = np.linalg.inv(design.T @ (design * mu[:, None]))
    dispersion = float(np.sum((y - mu) ** 2 / mu) / (len(y) - 2))
    return float(beta[1]), float(math.sqrt(covariance[1, 1])), dispersion


def _deviance(y: np.ndarray, mu: np.ndarray) -> float:
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y > 0, y * np.log(y / mu), 0.0) - (y - mu)
    return float(2 * terms.sum())


def _wald_trend(
    periods: tuple[int | str, ...],
    y: np.ndarray,
    slope: float,
    se: float,
    dispersion: float,
    small: bool,
) -> Trend:
    """Wald p-value and interval; quasi-Poisson (scaled SE, t on n - 2 df) if overdispersed."""
    from scipy.stats import norm
    from scipy.stats import t as student_t

    overdispersed = dispersion > 1
    if overdispersed:
        se *= math.sqrt(dispersion)
        reference = student_t(df=len(y) - 2)
        method = (
            f"quasi-Poisson regression: the counts vary {dispersion:.2g} times as much as "
            f"chance alone would make them, so the standard error is {math.sqrt(dispersion):.2g} "
            "times wider"
        )
    else:
        reference = norm()
        method = "Poisson regression"
    z = slope / se
    p_value = float(2 * reference.sf(abs(z)))
    margin = float(reference.isf(_ALPHA / 2)) * se
    return Trend(
        periods=periods,
        counts=tuple(int(c) for c in y),
        annual_change_pct=_pct(slope),
        ci_low_pct=_pct(slope - margin),
        ci_high_pct=_pct(slope + margin),
        p_value=p_value,
        direction=_direction(slope, p_value),
        slope=slope,
        std_error=se,
        dispersion=dispersion,
        overdispersed=overdispersed,
        method=method,
        rule=_rule(slope, p_value),
        small_numbers=small,
    )


def _boundary_trend(
    periods: tuple[int | str, ...], y: np.ndarray, e: np.ndarray, small: bool
) -> Trend:
    """Series whose every offence falls in the first or the last period (or none at all).

    There the fitted slope is infinite and a Wald test is meaningless, so the p-value comes from
    the likelihood-ratio test against a constant rate, and no interval is given.
    """
    import numpy as np
    from scipy.stats import chi2

    total = y.sum()
    if total == 0:
        slope, p_value = math.nan, 1.0
    else:
        slope = math.inf if y[-1] > 0 else -math.inf
        expected = total * e / e.sum()
        positive = y > 0
        statistic = 2 * float(np.sum(y[positive] * np.log(y[positive] / expected[positive])))
        p_value = float(chi2.sf(statistic, 1))
    return Trend(
        periods=periods,
        counts=tuple(int(c) for c in y),
        annual_change_pct=_pct(slope),
        ci_low_pct=math.nan,
        ci_high_pct=math.nan,
        p_value=p_value,
        direction=_direction(slope, p_value),
        slope=slope,
        std_error=math.nan,
        dispersion=math.nan,
        overdispersed=False,
        method="likelihood-ratio test (all offences in one end period; no interval)",
        rule=_rule(slope, p_value),
        small_numbers=small,
    )


def _pct(log_change: float) -> float:
    return 100 * math.expm1(log_change) if not math.isnan(log_change) else math.nan


def _direction(slope: float, p_value: float) -> TrendDirection:
    if p_value < _ALPHA and slope > 0:
        return TrendDirection.RISING
    if p_value < _ALPHA and slope < 0:
        return TrendDirection.FALLING
    return TrendDirection.NO_CLEAR_TREND


def _rule(slope: float, p_value: float) -> str:
    p_text = format_p_value(p_value)
    if math.isnan(slope):
        return "No offences in any period, so there is no trend to test."
    if p_value < _ALPHA:
        way = "upward" if slope > 0 else "downward"
        return f"The {way} slope has {p_text}, below {_ALPHA:g}: more than year-to-year chance."
    return f"The slope has {p_text}, not below {_ALPHA:g}: no clear trend beyond chance."
