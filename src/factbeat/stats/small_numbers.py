"""Small numbers: the threshold below which a count carries a warning, and JSON-safe rounding.

Why a threshold at all: a police-recorded count behaves roughly like a Poisson count, whose
year-to-year noise is about its square root.  At 10 offences that noise is about a third of the
count (sqrt(10)/10 = 32 %), and the exact 95 % interval for the underlying level runs from about
4.8 to 18.4 -- from half to nearly double.  Below 10 a single incident more or less moves the
figure by over 10 %, so any rate, change or rank built on it needs a warning beside it.  Some
publishers of official statistics use a stricter line (the US National Center for Health
Statistics, for example, calls rates based on fewer than 20 events unreliable); we keep 10
because factbeat still *shows* the figure and only warns, and because the significance test
itself already accounts for the size of the counts.
See ``docs/significance.md``.

The other helpers live here because every module of :mod:`factbeat.stats` needs them: the same
checks on counts, exposures and confidence levels, the same rule for presenting floats in
``to_dict()`` (4 significant figures, no inf/nan in JSON), and the same way of writing a
p-value in a sentence.
"""

from __future__ import annotations

import math
import operator

__all__ = [
    "SMALL_COUNT_THRESHOLD",
    "alpha_from",
    "as_count",
    "as_exposure",
    "format_p_value",
    "is_small",
    "json_float",
    "small_number_warning",
]

#: Counts strictly below this carry a small-number warning wherever they are shown.
SMALL_COUNT_THRESHOLD = 10


def is_small(count: int) -> bool:
    """True when ``count`` is below :data:`SMALL_COUNT_THRESHOLD`."""
    return count < SMALL_COUNT_THRESHOLD


def small_number_warning(count: int, noun: str = "offence") -> str | None:
    """The sentence to print beside a figure based on a small count, or ``None``.

    >>> small_number_warning(7)
    'Based on 7 offences: small numbers vary a lot from year to year.'
    >>> small_number_warning(10) is None
    True
    """
    if not is_small(count):
        return None
    if count == 0:
        return f"No {noun}s recorded: a count this small says little about the underlying level."
    plural = noun if count == 1 else f"{noun}s"
    return f"Based on {count} {plural}: small numbers vary a lot from year to year."


def json_float(value: float | None, digits: int = 4) -> float | None:
    """Round to ``digits`` significant figures for display; inf and nan become ``None``.

    Significant figures rather than decimal places, so that a p-value of 0.00007 keeps its
    information and a rate ratio of 4.571 is not shown as 4.57142857.  JSON has no infinity, and
    an infinite rate ratio (a rise from zero) is shown as ``null`` with the counts beside it.
    """
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return float(f"{value:.{digits}g}")


def as_count(value: object, name: str = "count") -> int:
    """Check that ``value`` is a count: a non-negative whole number.

    Integral floats are accepted because databases return sums as floats or decimals; 7.5 or
    True are rejected, since a fractional or boolean count means a bug upstream.
    """
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, not {value!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        count = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{name} must be a whole number, not {value!r}") from None
    if count < 0:
        raise ValueError(f"{name} must not be negative, got {count}")
    return count


def as_exposure(value: float, name: str = "exposure") -> float:
    """Check that ``value`` is a usable exposure (a population, or 1): finite and positive."""
    exposure = float(value)
    if not (math.isfinite(exposure) and exposure > 0):
        raise ValueError(f"{name} must be a positive number (a population or 1), got {value!r}")
    return exposure


def alpha_from(confidence: float) -> float:
    """The significance level that goes with a confidence level (0.95 -> 0.05)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, e.g. 0.95; got {confidence!r}")
    return round(1 - confidence, 12)  # 1 - 0.95 is 0.050000000000000044 in binary floating point


def format_p_value(p: float) -> str:
    """A p-value as a reporter would print it: two significant figures, floor at 0.001."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.2g}"
