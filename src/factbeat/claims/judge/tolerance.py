"""When does a stated figure match a computed one?  The verdict rules, in code.

The rules are those of the real-text development set (``claims-dev/RULES.md``), summarised in
``docs/claims.md``.  Three styles of figure:

* **exact** figures (percentages, counts, rates, points written in digits or number words): with
  p decimals written, one step u = 10^-p; the computed value m may be rounded or cut off to the
  stated X but may not round up past the next step: X - u/2 <= m < X + u.  A qualifier replaces
  that by a band of width b = max(u, 10 % of X) (see :func:`_exact_band`).
* **fraction** words ("a third", "one in 14", "half"): within 10 % of X; "almost" 0.9X to 1.01X.
* **multiple** words ("doubled", "trebled", "ten times"): within 10 % of X; "almost" 0.875X to
  1.01X; "about" within 12.5 %.

All arithmetic uses exact fractions, so 47.5 is exactly 47.5 and rounds predictably.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

TENTH = Fraction(1, 10)
_ELEVEN_TENTHS = Fraction(11, 10)

BANDS: dict[str, str] = {
    "exact": "rounds or cuts off to the stated figure",
    "word": "within 10 % of the stated figure",
    "fraction": "within 10 % of the stated fraction",
    "multiple": "within 10 % of the stated multiple",
    "above": "more than the stated figure",
    "just_above": "above the stated figure by at most 10 %",
    "almost": "a little below the stated figure",
    "just_below": "a little below the stated figure",
    "below": "less than the stated figure",
    "at_least": "the stated figure or more",
    "at_most": "the stated figure or less",
    "about": "within 10 % of the stated figure",
}

# Word figures: (low factor, high factor) of the stated value per qualifier band.
_WORD_BANDS: dict[str, dict[str | None, tuple[Fraction, Fraction]]] = {
    "fraction": {
        None: (Fraction(9, 10), Fraction(11, 10)),
        "almost": (Fraction(9, 10), Fraction(101, 100)),
        "just_below": (Fraction(9, 10), Fraction(101, 100)),
        "about": (Fraction(9, 10), Fraction(11, 10)),
    },
    "multiple": {
        None: (Fraction(9, 10), Fraction(11, 10)),
        "almost": (Fraction(7, 8), Fraction(101, 100)),
        "just_below": (Fraction(7, 8), Fraction(101, 100)),
        "about": (Fraction(7, 8), Fraction(9, 8)),
    },
}


class Match:
    """Outcome of comparing a computed value with a stated one, and the band that was used.

    ``low`` and ``high`` are the band's bounds.  For the commonest band (a figure in digits, no
    qualifier) they are worked out only when read: linking compares many candidate figures and
    the judge many alternative readings only for ``ok``, and the bounds' two reduced fractions
    were most of such a comparison; only the explanation of a claim reads them.  Not frozen:
    no one changes a match after (a frozen class's ``__init__`` costs three times as much).
    Compares by its four fields, as the dataclass it was did.
    """

    __slots__ = ("ok", "band", "_low", "_high", "_stated", "_step")

    def __init__(self, ok: bool, band: str, low: Fraction | None = None, high: Fraction | None = None) -> None:
        self.ok = ok
        self.band = band
        self._low, self._high = low, high
        self._step = None  # set by exact(): the bounds are written when first read

    @classmethod
    def exact(cls, ok: bool, stated: Fraction, step: int) -> Match:
        """The exact band's match; its bounds, stated - u / 2 and stated + u (u = 1 / 10^step),
        are written when first read.  Held as the figure and the step, no closure: a match is
        made for every figure compared, and each extra object made is the collector's work."""
        match = cls(ok, "exact")
        match._stated, match._step = stated, step
        return match

    def _settle(self) -> None:
        stated, step = self._stated, self._step
        self._low, self._high = _plus(stated, -1, 2 * _TENS[step]), _plus(stated, 1, _TENS[step])
        self._step = self._stated = None

    @property
    def low(self) -> Fraction | None:
        if self._step is not None:
            self._settle()
        return self._low

    @property
    def high(self) -> Fraction | None:
        if self._step is not None:
            self._settle()
        return self._high

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return (self.ok, self.band, self.low, self.high) == (other.ok, other.band, other.low, other.high)

    __hash__ = None  # mutable, compared by value: unhashable, as the dataclass was

    def __repr__(self) -> str:
        return f"Match(ok={self.ok!r}, band={self.band!r}, low={self.low!r}, high={self.high!r})"


def _at_precision(value: Fraction, decimals: int, rounding: str) -> Fraction:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    quantum = Decimal(1).scaleb(-decimals)
    return Fraction(exact.quantize(quantum, rounding=rounding))


def rounds_to(value: Fraction, stated: Fraction, decimals: int) -> bool:
    """True if ``value`` rounds half-up or truncates to ``stated`` at ``decimals`` places."""
    if not -30 <= decimals <= 30 or abs(value) > 10**30:
        return value == stated
    return stated in (
        _at_precision(value, decimals, ROUND_HALF_UP),
        _at_precision(value, decimals, ROUND_DOWN),
    )


_UNITS = tuple(Fraction(1, 10**d) for d in range(31))  # (every figure checked asks for one)
_HALF_UNITS = tuple(u / 2 for u in _UNITS)  # the rounding margin below a figure, made once


def unit_of(decimals: int) -> Fraction:
    """The smallest step at the stated precision: 1 for "13", 0.1 for "13.4"."""
    return _UNITS[max(0, min(decimals, 30))]


_TENS = tuple(10**d for d in range(31))  # 1 / _TENS[d] is _UNITS[d]

# Exact arithmetic on numerators and denominators, for the bands below.  Fraction's own operators
# dispatch through the abstract number classes and reduce at every step (about 1.5 microseconds
# an operation), and every figure compared, the judge's and the linking's candidates alike, takes
# several.  These give the same values (a fraction of integers is reduced once, to the same
# lowest terms) and the same comparisons (denominators are positive), for Fractions and ints.


def _plus(x: Fraction, n: int, d: int) -> Fraction:
    """``x + n / d`` (``d`` > 0)."""
    return Fraction(x.numerator * d + n * x.denominator, x.denominator * d)


def _times(x: Fraction, factor: Fraction) -> Fraction:
    """``x × factor``."""
    return Fraction(x.numerator * factor.numerator, x.denominator * factor.denominator)


def _exceeds(x: Fraction, y: Fraction, strictly: bool) -> bool:
    """``x > y`` if ``strictly``, else ``x >= y``."""
    difference = x.numerator * y.denominator - y.numerator * x.denominator
    return difference > 0 if strictly else difference >= 0


def _bounded(value: Fraction, band: str, low: Fraction | None, high: Fraction | None,
             low_open: bool = False, high_open: bool = False) -> Match:  # fmt: skip
    ok = (low is None or _exceeds(value, low, low_open)) and (high is None or _exceeds(high, value, high_open))
    return Match(ok, band, low, high)


def _rounds_or_cuts_to(value: Fraction, stated: Fraction, step: int) -> bool:
    """``stated - u / 2 <= value < stated + u`` with u = 1 / 10^step, in integers: with
    value = a / b, stated = p / q and t = 10^step (b, q > 0), 2tqa >= (2tp - q) b and
    tqa < (tp + q) b.  No fraction of the bounds is made (see :class:`Match`)."""
    a, b = value.numerator, value.denominator
    p, q = stated.numerator, stated.denominator
    t = _TENS[step]
    scaled = t * q * a
    return 2 * scaled >= (2 * t * p - q) * b and scaled < (t * p + q) * b


def _open_band(value: Fraction, stated: Fraction, band: str) -> Match | None:
    """The one-sided bands, the same for every style: more than, at least, under, up to."""
    if band == "above":
        return _bounded(value, band, stated, None, low_open=True)
    if band == "at_least":
        return _bounded(value, band, stated, None)
    if band == "below":
        return _bounded(value, band, None, stated, high_open=True)
    if band == "at_most":
        return _bounded(value, band, None, stated)
    return None


def _exact_band(value: Fraction, stated: Fraction, decimals: int, band: str) -> Match:
    step = max(0, min(decimals, 30))
    if band == "exact":  # the commonest: stated - u / 2 <= value < stated + u, u = 1 / 10^step
        return Match.exact(_rounds_or_cuts_to(value, stated, step), stated, step)
    u, half = _UNITS[step], _HALF_UNITS[step]  # as unit_of(decimals), and half of it
    if band not in ("almost", "just_below", "about", "just_above"):
        return _open_band(value, stated, band) or Match(False, band)
    b = max(u, _times(stated, TENTH))
    if band in ("almost", "just_below"):
        return _bounded(value, band, stated - b, stated + half, high_open=True)
    if band == "about":
        return _bounded(value, band, stated - b, stated + b)
    return _bounded(value, band, stated, stated + b, low_open=True)  # just above


def _word_band(value: Fraction, stated: Fraction, decimals: int, band: str | None,
               style: str) -> Match:  # fmt: skip
    if band == "just_above":
        return _bounded(value, band, stated, _times(stated, _ELEVEN_TENTHS), low_open=True)
    factors = _WORD_BANDS[style].get(band)
    if factors is None:
        return _open_band(value, stated, band or "exact") or Match(False, band or style)
    low, high = _times(stated, factors[0]), _times(stated, factors[1])
    high_open = band in ("almost", "just_below") and style == "fraction"
    match = _bounded(value, band or style, low, high, high_open=high_open)
    if not match.ok and band is None and decimals > 0 and rounds_to(value, stated, decimals):
        return Match(True, style, low, high)  # "2.5 times" written in digits rounds as digits
    return match


def compare(value: Fraction, stated: Fraction, decimals: int, qualifier_band: str | None,
            style: str = "exact") -> Match:  # fmt: skip
    """Compare a non-negative computed ``value`` with the ``stated`` figure.

    ``style`` is ``"exact"`` for figures in digits or number words, ``"fraction"`` (or the older
    name ``"word"``) for fraction words and ``"multiple"`` for multiple words.
    """
    if style == "word":
        style = "fraction"
    if style in ("fraction", "multiple"):
        return _word_band(value, stated, decimals, qualifier_band, style)
    return _exact_band(value, stated, decimals, qualifier_band or "exact")


def is_approximate(qualifier_band: str | None) -> bool:
    """True if a qualifier makes a figure a bound or estimate rather than an exact value."""
    return qualifier_band is not None
