"""London areas: the 32 boroughs, the City of London, the MPS-only areas and London itself.

Codes are the ONS GSS codes (E09... for boroughs, E12000007 for London).  Police files also
carry two areas that are not local authorities ("London Heathrow and London City Airports",
and "Unknown"); they get stable pseudo-codes so that London totals include them while borough
rankings do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from factbeat.errors import UnknownNameError
from factbeat.taxonomy.text import name_key

LONDON_CODE = "E12000007"
CITY_CODE = "E09000001"


@dataclass(frozen=True)
class Area:
    """One area: its ONS code, its official name, its kind and the other names people use."""

    code: str
    name: str
    kind: str  # "borough", "city", "region", "police_only"
    aliases: tuple[str, ...] = field(default=())

    @property
    def is_borough(self) -> bool:
        """True for the 32 London boroughs, the units every ranking is over."""
        return self.kind == "borough"

    def to_dict(self) -> dict:
        return {"name": self.name, "code": self.code}


_BOROUGHS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("E09000002", "Barking and Dagenham", ("Barking", "Dagenham", "B&D")),
    ("E09000003", "Barnet", ()),
    ("E09000004", "Bexley", ()),
    ("E09000005", "Brent", ()),
    ("E09000006", "Bromley", ()),
    ("E09000007", "Camden", ()),
    ("E09000008", "Croydon", ()),
    ("E09000009", "Ealing", ()),
    ("E09000010", "Enfield", ()),
    ("E09000011", "Greenwich", ("Royal Borough of Greenwich",)),
    ("E09000012", "Hackney", ()),
    ("E09000013", "Hammersmith and Fulham", ("Hammersmith", "Fulham", "H&F")),
    ("E09000014", "Haringey", ()),
    ("E09000015", "Harrow", ()),
    ("E09000016", "Havering", ()),
    ("E09000017", "Hillingdon", ()),
    ("E09000018", "Hounslow", ()),
    ("E09000019", "Islington", ()),
    ("E09000020", "Kensington and Chelsea", ("Kensington", "Chelsea", "RBKC", "Royal Borough of Kensington and Chelsea")),
    ("E09000021", "Kingston upon Thames", ("Kingston", "Royal Borough of Kingston upon Thames")),
    ("E09000022", "Lambeth", ()),
    ("E09000023", "Lewisham", ()),
    ("E09000024", "Merton", ()),
    ("E09000025", "Newham", ()),
    ("E09000026", "Redbridge", ()),
    ("E09000027", "Richmond upon Thames", ("Richmond",)),
    ("E09000028", "Southwark", ()),
    ("E09000029", "Sutton", ()),
    ("E09000030", "Tower Hamlets", ()),
    ("E09000031", "Waltham Forest", ()),
    ("E09000032", "Wandsworth", ()),
    ("E09000033", "Westminster", ("City of Westminster",)),
)


@cache
def all_areas() -> tuple[Area, ...]:
    """Every area factbeat knows, London first."""
    areas = [
        Area(LONDON_CODE, "London", "region", ("Greater London", "the capital", "capital", "MPS", "Met", "Metropolitan Police", "Metropolitan Police Service", "London-wide", "across London")),
        Area(CITY_CODE, "City of London", "city", ("the City", "Square Mile")),
    ]
    areas += [Area(code, name, "borough", aliases) for code, name, aliases in _BOROUGHS]
    areas += [
        Area("MPS-AIRPORTS", "London Heathrow and London City Airports", "police_only", ("Heathrow", "Heathrow Airport", "London City Airport", "Airports")),
        Area("MPS-UNKNOWN", "Unknown", "police_only", ()),
    ]
    return tuple(areas)


def boroughs() -> tuple[Area, ...]:
    """The 32 London boroughs (not the City of London, which the Met does not police)."""
    return tuple(a for a in all_areas() if a.is_borough)


@cache
def _index() -> dict[str, Area]:
    index: dict[str, Area] = {}
    prefixes = ("london borough of ", "royal borough of ", "borough of ")
    for area in all_areas():
        for name in (area.name, area.code, *area.aliases):
            index[name_key(name)] = area
        for prefix in prefixes:
            index[name_key(prefix + area.name)] = area
    return index


def find_area(text: str) -> Area | None:
    """The area ``text`` names, or None.  Accepts codes, names, aliases and 'London Borough of X'."""
    return _index().get(name_key(text))


def resolve_area(text: str) -> Area:
    """Like :func:`find_area` but raises :class:`UnknownNameError` with close matches."""
    area = find_area(text)
    if area is None:
        from factbeat.taxonomy.suggest import suggest

        raise UnknownNameError("area", text, suggest(text, [a.name for a in all_areas()]))
    return area


def area_by_code(code: str) -> Area:
    """The area with ONS code (or pseudo-code) ``code``."""
    for area in all_areas():
        if area.code == code:
            return area
    raise UnknownNameError("area code", code)
