"""Caveats a verdict carries because of how its series counts.

The homicide victims file counts a victim in the month the homicide was *recorded*, not the
month of death, so a year's total can differ from a figure by date of death or from an FOI answer
(12 fatal shootings in London in 2016 in the press, 14 recorded that year).  A reporter reading
"wrong" needs that caveat beside the figure.
"""

from __future__ import annotations

RECORDED_DATE = ("homicide victims are counted by the month the homicide was recorded, not the date of death, "
                 "so a year's total can differ from figures by date of death or from FOI answers")


def series_caveat(*figures) -> str:
    """'; <caveat>' for the figures' series, or ''."""
    if any(getattr(f, "scheme", None) == "homicide_victims" for f in figures):
        return f" ({RECORDED_DATE})"
    return ""
