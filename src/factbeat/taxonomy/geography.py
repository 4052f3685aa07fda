"""London's geography as a hierarchy: LSOA -> borough, ward -> borough -> London.

The MPS files name boroughs in several ways ('Hammersmith & Fulham', 'Kingston Upon Thames',
'Aviation Security(SO18)', 'Other / NK', 'Unmapped'), and name a Safer Neighbourhood Team as
'<borough> <ward>' ('Barnet Burnt Oak').  This module turns those into areas; the borough part
always comes from the borough the file names, never from adding wards up.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from factbeat.taxonomy.areas import Area, area_by_code, boroughs, find_area
from factbeat.taxonomy.text import name_key

AIRPORTS = "MPS-AIRPORTS"
UNKNOWN = "MPS-UNKNOWN"
_AIRPORT = re.compile(r"^aviation security|^heathrow$|^so18$")
_UNKNOWN = {"", "other nk", "nk", "n k", "unknown", "unmapped", "non met police force", "1", "non athena force"}


@lru_cache(maxsize=4096)
def police_area(name: str) -> Area | None:
    """The borough (or MPS pseudo-area) a police file's borough column names, or None.

    'Aviation Security (SO18)' and its spellings are the airports; 'Other / NK', 'Unknown',
    'Unmapped' and 'Non MET police force' are the Met's 'Unknown' area (they count towards London).
    """
    key = name_key(name or "")
    if _AIRPORT.match(key):
        return area_by_code(AIRPORTS)
    if is_unallocated(name):
        return area_by_code(UNKNOWN)
    area = find_area(name)
    return area if area is not None and area.kind in ("borough", "police_only") else None


def is_unallocated(name: str | None) -> bool:
    """True for the labels the Met uses for offences with no known place ('Other / NK', '-1')."""
    key = name_key(name or "")
    return key in _UNKNOWN or key.startswith(("n k", "non met", "non athena"))


@cache
def _prefixes() -> tuple[tuple[str, Area], ...]:
    names = [(name_key(n), b) for b in boroughs() for n in (b.name, *b.aliases) if len(name_key(n)) > 3]
    names.append(("aviation security so18", area_by_code(AIRPORTS)))
    names.append(("aviation security", area_by_code(AIRPORTS)))
    return tuple(sorted(names, key=lambda item: -len(item[0])))


@lru_cache(maxsize=1 << 14)
def borough_prefix(text: str) -> Area | None:
    """The borough that starts an SNT label ('Barnet Burnt Oak' -> Barnet), longest name first."""
    key = name_key(text or "")
    for prefix, area in _prefixes():
        if key == prefix or key.startswith(prefix + " "):
            return area
    return None


def level_of(area: Area) -> str:
    """The geography level of an area: 'ward', 'lsoa', or 'borough' (boroughs, London, forces)."""
    return area.kind if area.kind in ("ward", "lsoa") else "borough"


def ward_code(code: str, borough: Area | None) -> str:
    """The stored code of a ward row: its own code, except for the airport part of a ward.

    Heathrow Villages (E05013570) is listed twice, under Hillingdon and under 'Aviation Security
    (SO18)' (the airport); the airport part is stored as ``E05013570:aviation`` so the two never
    merge and each keeps its parent.
    """
    if borough is not None and borough.code == AIRPORTS and not code.endswith(":aviation"):
        return f"{code}:aviation"
    return code
