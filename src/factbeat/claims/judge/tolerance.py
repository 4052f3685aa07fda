"""When does a stated figure match a computed one?  The rules of docs/claims.md, in code.

Two styles of matching:

* **precise** figures (percentages, counts, rates, points): the computed value must round
  (half up) *or* truncate to the stated value at the stated number of decimals, so "13 per cent"
  matches 13.4 and 13.9 but not 14.5, and "47 per cent" matches 47.5 (truncated);
* **word** figures (fractions and multiples said in words, "a third", "doubled"): within 5 % of
  the stated value, or rounding to it at the stated decimals ("2.5-fold" matches 2.46).

A qualifier replaces the exact match by a band: "almost X" is X minus up to 15 % (but below X);
"more than X" is above X; "about X" is within 10 % of X; see :data:`BANDS`.
All arithmetic uses exact fractions, so 47.5 is exactly 47.5 and rounds predictably.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

ALMOST_MARGIN = Fraction(15, 100)
JUST_MARGIN = Fraction(5, 100)
ABOUT_MARGIN = Fraction(10, 100)
WORD_MARGIN = Fraction(5, 100)

BANDS: dict[str, str] = {
    "exact": "rounds or truncates to the stated figure",
    "word": "within 5 % of the stated figure",
    "above": "more than the stated figure",
    "just_above": "above the stated figure by at most 5 %",
    "almost": "below the stated figure by at most 15 %",
    "just_below": "below the stated figure by at most 5 %",
    "below": "less than the stated figure",
    "at_least": "the stated figure or more",
    "at_most": "the stated figure or less",
    "about": "within 10 % of the stated figure",
}


@dataclass(frozen=True, slots=True)
class Match:
    """Outcome of comparing a computed value with a stated one, and the band that was used."""

    ok: bool
    band: str
    low: Fraction | None = None
    high: Fraction | None = None


def _at_precision(value: Fraction, decimals: int, rounding: str) -> Fraction:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    quantum = Decimal(1).scaleb(-decimals)
    return Fraction(exact.quantize(quantum, rounding=rounding))


def rounds_to(value: Fraction, stated: Fraction, decimals: int) -> bool:
    """True if ``value`` rounds half-up or truncates to ``stated`` at ``decimals`` places."""
    return stated in (
        _at_precision(value, decimals, ROUND_HALF_UP),
        _at_precision(value, decimals, ROUND_DOWN),
    )


def unit_of(decimals: int) -> Fraction:
    """The smallest step at the stated precision: 1 for "13", 0.1 for "13.4".

    Bands are never narrower than one step, so "almost 5 per cent" accepts 4.0 to 4.99.
    """
    return Fraction(1, 10**decimals)


def compare(value: Fraction, stated: Fraction, decimals: int, qualifier_band: str | None,
            style: str = "exact") -> Match:  # fmt: skip
    """Compare a non-negative computed ``value`` with the ``stated`` figure."""
    unit = unit_of(decimals) if style == "exact" else Fraction(0)
    band = qualifier_band or style
    if band == "exact":
        return Match(rounds_to(value, stated, decimals), band)
    if band == "word":
        margin = stated * WORD_MARGIN
        ok = abs(value - stated) <= margin or (decimals > 0 and rounds_to(value, stated, decimals))
        return Match(ok, band, stated - margin, stated + margin)
    if band == "about":
        margin = max(stated * ABOUT_MARGIN, unit)
        may_round = style == "exact" or decimals > 0
        ok = abs(value - stated) <= margin or (may_round and rounds_to(value, stated, decimals))
        return Match(ok, band, stated - margin, stated + margin)
    if band in ("almost", "just_below"):
        margin = max(stated * (ALMOST_MARGIN if band == "almost" else JUST_MARGIN), unit)
        return Match(stated - margin <= value < stated, band, stated - margin, stated)
    if band == "just_above":
        margin = max(stated * JUST_MARGIN, unit)
        return Match(stated < value <= stated + margin, band, stated, stated + margin)
    checks = {
        "above": value > stated,
        "below": value < stated,
        "at_least": value >= stated,
        "at_most": value <= stated,
    }
    return Match(checks[band], band, stated if band in ("above", "at_least") else None,
                 stated if band in ("below", "at_most") else None)  # fmt: skip


def is_approximate(qualifier_band: str | None) -> bool:
    """True if a qualifier makes a figure a bound or estimate rather than an exact value."""
    return qualifier_band is not None
