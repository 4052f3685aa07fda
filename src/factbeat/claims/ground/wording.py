"""How close the data must be to what the words say: the judging rules for data checks.

The same bands the arithmetic checker reads from words (``docs/claims.md``), stated against
the data: exact counts and ranks; digits "to the text's own rounding" (19 per cent accepts 18.5
to 19.5); "about"/"around"/"some" within 5 %; "almost"/"nearly" a little under (0.95 X to X);
"more than"/"over" above but not far above (X to 1.1 X); "just over" X to 1.05 X; fractions in
words within 10 % of the fraction ("almost a fifth" accepts 18 %, "one in five" 18 to 22 %);
multiples within 5 % ("almost" from 0.875 X, as the arithmetic rules say).

A count off by a revision-sized amount is ``close``: that rule is ``factbeat.stats.close`` (one
rule for the checker and the figure commands).
"""

from __future__ import annotations


def matches(stated: float, actual: float, *, band: str | None, style: str, decimals: int = 0) -> bool:
    """True when ``actual`` (from the data) is what the words ``stated`` with ``band`` allow."""
    x, v = abs(stated), abs(actual)
    if style == "fraction":
        if band == "almost":
            return 0.9 * x <= v < 1.01 * x
        if band == "more_than":
            return x < v <= 1.15 * x
        if band == "just_over":
            return x < v <= 1.1 * x
        if band == "less_than":
            return v < x
        return abs(v - x) <= 0.1 * x
    if style == "multiple":
        if band == "less_than":
            return v < x
        if band == "almost":
            return 0.875 * x <= v < 1.01 * x
        if band == "more_than":
            return x < v <= 1.25 * x
        return abs(v - x) <= 0.05 * x
    if band == "about":
        return abs(v - x) <= max(0.05 * x, 0.5 * 10 ** -decimals)
    if band == "almost":
        return 0.95 * x <= v < x
    if band == "more_than":
        return x < v <= 1.1 * x
    if band == "just_over":
        return x < v <= 1.05 * x
    if band == "less_than":
        return v < x
    if band == "at_least":
        return v >= x
    if style == "exact":
        return v == x
    half = 0.5 * 10 ** -decimals
    return x - half <= v <= x + half + 1e-9

