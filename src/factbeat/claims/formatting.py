"""Format numbers for verdict explanations: "1,400", "+13.4 %", "×1.80", "0.1667".

Explanations show the arithmetic a sub-editor would do on paper, so figures keep thousands
separators, changes carry a sign, and computed values get one more decimal than was stated.
"""

from __future__ import annotations

from fractions import Fraction

from factbeat.claims.read.quantity import Quantity, QuantityKind

MINUS = "−"


_EXACT = 2**53  # whole numbers below this are exact as floats: formatting them as ints is the same


def _whole(value: Fraction | float) -> int | None:
    """``value`` as an int if it is a whole number a float holds exactly (most figures are: counts,
    stated percentages), else ``None``.  Such a number is formatted without a float conversion,
    which for a ``Fraction`` is a division through the abstract number classes."""
    if getattr(value, "denominator", None) == 1 and -_EXACT < value.numerator < _EXACT:
        return int(value.numerator)
    return None


def as_float(value: Fraction | float, per: int = 1) -> float:
    """``float(value / per)``, the same double: a Fraction's numerator over its denominator (times
    ``per``), the correctly rounded quotient ``float()`` gives, without its conversion through the
    abstract number classes (a method and two ``int()`` calls) or the division's new Fraction.
    Formatting a figure and building a claim (two to four figures each) both convert this way."""
    if type(value) is Fraction:
        return value.numerator / (value.denominator * per)
    return float(value / per) if per != 1 else float(value)


def number(value: Fraction | float, decimals: int = 2) -> str:
    """A figure with thousands separators and at most ``decimals`` places, trailing zeros cut."""
    whole = _whole(value)
    if whole is not None:
        return f"{whole:,}".replace("-", MINUS)
    text = f"{as_float(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace("-", MINUS) if text not in ("-0",) else "0"


def fixed(value: Fraction | float, decimals: int) -> str:
    """A figure with exactly ``decimals`` places ("13.4", "1.80")."""
    whole = _whole(value)
    if whole is not None:
        text = f"{whole:,}." + "0" * decimals if decimals > 0 else f"{whole:,}"
        return text.replace("-", MINUS)
    return f"{as_float(value):,.{decimals}f}".replace("-", MINUS)


def signed(value: Fraction | float, decimals: int = 1) -> str:
    """A change with its sign: "+13.4", "−47.5", "0.0"."""
    converted = as_float(value)  # once: a Fraction's conversion is slow, and it is exact enough here
    text = fixed(abs(converted), decimals)  # float(abs(x)) == abs(float(x)): rounding is symmetric
    if converted > 0:
        return "+" + text
    return MINUS + text if converted < 0 else text


def percent(value: Fraction | float, decimals: int = 1) -> str:
    return f"{signed(value, decimals)} %"


def ratio(value: Fraction | float) -> str:
    return f"×{fixed(value, 2)}"


def shown_decimals(stated_decimals: int) -> int:
    """Computed values are shown with one decimal more than the stated figure."""
    return min(stated_decimals + 1, 4)


def figure(q: Quantity) -> str:
    """A figure as the explanation shows it: "67", "12 %", "£1,200,000"."""
    text = number(q.value, max(q.decimals, 2))
    if q.kind == QuantityKind.PERCENT:
        return f"{text} %"
    return f"£{text}" if q.unit == "money" and q.text.startswith("£") else text
