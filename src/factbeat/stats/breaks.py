"""Documented breaks in a series: changes in how crime was recorded, which a comparison across
them must state (a new recording system can move counts without any change in crime).

Each break names the schemes it affects, the first month recorded the new way and where it is
documented; :func:`breaks_between` lists the ones two periods straddle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factbeat.taxonomy.periods import Period


@dataclass(frozen=True)
class SeriesBreak:
    schemes: tuple[str, ...]
    first_month: date
    note: str


BREAKS: tuple[SeriesBreak, ...] = (
    SeriesBreak(
        ("home_office", "ho_detailed"),
        date(2024, 2, 1),
        "the MPS moved to a new crime recording system (Connect) in early 2024; compare months from "
        "2024 on with earlier ones with care (MPS notes to the London Datastore borough files)",
    ),
)


def breaks_between(scheme: str, before: Period, after: Period, london: bool = True) -> list[str]:
    """Notes for the documented breaks that fall between (or inside) the two periods compared."""
    if not london:
        return []
    first, last = min(before.start, after.start), max(before.end, after.end)
    return [b.note for b in BREAKS if scheme in b.schemes and first < b.first_month <= last]
