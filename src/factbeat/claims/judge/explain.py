"""Wording of verdict explanations: how figures, stated values and accepted ranges are shown.

Kept apart from :mod:`arithmetic` so that the checks read as arithmetic and the phrasing of the
margin notes ("stated almost “doubling” (×2) (accepts ×1.70 to just under ×2.00)") can be
changed in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from factbeat.claims import formatting as fmt
from factbeat.claims.judge.tolerance import Match
from factbeat.claims.read.lexicon import QUALIFIERS
from factbeat.claims.read.quantity import Quantity
from factbeat.claims.read.roles import Direction


def band_of(q: Quantity | None) -> str | None:
    """The tolerance band named by the qualifier of ``q`` ("almost" → "almost"), if any."""
    return QUALIFIERS.get(q.qualifier) if q is not None and q.qualifier else None


def accepted_range(match: Match, show: Callable[[Fraction], str]) -> str:
    """The range a figure accepts, e.g. " (accepts 1.70 to just under 2.00)"; a figure in digits
    accepts what rounds or cuts off to it: "13 %" accepts 12.5 % to just under 14 %."""
    low, high = match.low, match.high
    if low is None and high is None:
        return ""
    if match.band in ("almost", "just_below", "exact"):
        return f" (accepts {show(low)} to just under {show(high)})"
    if match.band == "just_above":
        return f" (accepts just over {show(low)} to {show(high)})"
    if low is not None and high is not None:
        return f" (accepts {show(low)} to {show(high)})"
    if low is not None:
        return f" (accepts {'above' if match.band == 'above' else 'at least'} {show(low)})"
    return f" (accepts {'below' if match.band == 'below' else 'at most'} {show(high)})"


def stated_text(q: Quantity, shown: str) -> str:
    """ "stated almost 50 %": the stated figure with its qualifier."""
    return f"stated {q.qualifier + ' ' if q.qualifier else ''}{shown}"


def direction_list(directions: Sequence[Direction]) -> str:
    """The direction words as quoted text: " (“rise”, “up”)"."""
    return " (" + ", ".join(f"“{d.word}”" for d in directions) + ")" if directions else ""


def percent_words(stated: Quantity) -> str:
    """ "13 %", or "“a third” (33.3 %)" for a change said as a fraction."""
    if stated.style != "exact":
        return f"“{stated.text.strip()}” ({fmt.number(stated.value, 1)} %)"
    return f"{fmt.fixed(stated.value, stated.decimals)} %"
