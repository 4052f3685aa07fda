"""How the MPS dashboard series nest: each series and the wider series it is part of.

Lethal barrel discharges and gun-point robberies are gun crime; knife crime with injury is knife
crime; each hate-crime strand is hate crime.  The nesting lets a figure from the capped
2015-2023 copy tell a zero from a deleted row: rows were deleted only above a count cap, so when
the wider series' row for the same borough and month survived (at or below the cap), the part
was at or below the cap too, and its absence means zero (stats/capped.py).
"""

from __future__ import annotations

from factbeat.taxonomy.text import name_key

PART_OF: dict[str, str] = {
    "Lethal Barrel Discharge": "Gun Crime",
    "Gun Crime Personal Robbery": "Gun Crime",
    "Knife Crime with Injury": "Knife Crime",
    "Knife Crime with Injury (Personal Robbery)": "Knife Crime with Injury",
    "Racist Crime": "Racist and Religious Crime",
    "Faith Crime": "Racist and Religious Crime",
    "Antisemitic Crime": "Faith Crime",
    "Islamophobic Crime": "Faith Crime",
    "Racist and Religious Crime": "Hate Crime",
    "Homophobic Crime": "Hate Crime",
    "Transphobic Crime": "Hate Crime",
    "Disability Crime": "Hate Crime",
    "Domestic Abuse Violence with Injury": "Domestic Abuse",
}
_BY_KEY = {name_key(part): name_key(whole) for part, whole in PART_OF.items()}


def wider_series(name: str) -> list[str]:
    """The name keys of the series ``name`` is part of, nearest first ('lethal barrel discharge' -> ['gun crime'])."""
    out: list[str] = []
    key = name_key(name)
    while key in _BY_KEY and _BY_KEY[key] not in out:
        key = _BY_KEY[key]
        out.append(key)
    return out
