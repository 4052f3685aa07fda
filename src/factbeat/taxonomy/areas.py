"""Areas: London (known in advance) and, beyond it, districts and police forces learned from data.

Codes are the ONS GSS codes (E09... for boroughs, E12000007 for London).  Police files also
carry two areas that are not local authorities ("London Heathrow and London City Airports",
and "Unknown"); they get stable pseudo-codes so that London totals include them while borough
rankings do not.

Street-level files (data.police.uk) reach every force in England and Wales, but name districts
only through the LSOA name ('Leeds 001A') and forces only by name.  Those areas are *learned*:
the store records them and registers them here with :func:`learn_areas`, and lookups consult
the known London list first.  Their codes are stable pseudo-codes, documented in
:func:`district_area` and :func:`force_area`, because the files carry no ONS codes for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    kind: str  # "borough", "city", "region", "police_only"; learned: "district", "force", "no_location", "ward", "lsoa"
    aliases: tuple[str, ...] = field(default=())
    parent: str | None = None  # the borough a ward or LSOA lies in (taxonomy/wards.py)

    @property
    def is_borough(self) -> bool:
        """True for the 32 London boroughs, the units every ranking is over."""
        return self.kind == "borough"

    def to_dict(self) -> dict:
        out = {"name": self.name, "code": self.code}
        if self.parent:
            out["kind"] = self.kind
            out["borough"] = self.parent
        return out


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
    """The area ``text`` names, or None.  Accepts codes, names, aliases and 'London Borough of X'.

    The known London list wins over areas learned from data, so no file can redefine 'Barnet'.
    """
    key = name_key(text)
    return _index().get(key) or _LEARNED_INDEX.get(key)


def resolve_area(text: str) -> Area:
    """Like :func:`find_area` but raises :class:`UnknownNameError` with close matches."""
    area = find_area(text)
    if area is None:
        from factbeat.taxonomy.suggest import suggest

        names = [a.name for a in all_areas()] + [a.name for a in learned_areas()]
        raise UnknownNameError("area", text, suggest(text, names))
    return area


def area_by_code(code: str) -> Area:
    """The area with ONS code (or pseudo-code) ``code``."""
    for area in all_areas():
        if area.code == code:
            return area
    if code in _LEARNED:
        return _LEARNED[code]
    raise UnknownNameError("area code", code)


# -- areas learned from street-level data ------------------------------------------------------
_LEARNED: dict[str, Area] = {}
_LEARNED_INDEX: dict[str, Area] = {}
_FORCE_WORDS = {"police", "constabulary", "service"}
_SLUG = re.compile(r"[^a-z0-9]+")


def learn_areas(areas: Iterable[Area]) -> None:
    """Register areas found in stored data so that names and codes resolve to them.

    The registry is per process and only ever grows; pseudo-codes are derived from names, so two
    stores agree on what a code means.  A second spelling of a known code (another store's
    'B Constabulary' for ``PFA:b``) is indexed too, and resolves to the same area.
    """
    for area in areas:
        if any(a.code == area.code for a in all_areas()):
            continue
        known = _LEARNED.setdefault(area.code, area)
        for name in (area.name, area.code, *area.aliases):
            _LEARNED_INDEX.setdefault(name_key(name), known)


def learned_areas() -> tuple[Area, ...]:
    return tuple(_LEARNED.values())


def slug(text: str) -> str:
    """'Kingston upon Hull, City of' -> 'kingston-upon-hull-city-of': the stable part of a pseudo-code."""
    return _SLUG.sub("-", name_key(text)).strip("-")


@cache
def _london_by_name() -> dict[str, Area]:
    """Official names only (no aliases), so a district called 'Richmondshire' never becomes Richmond."""
    return {name_key(a.name): a for a in all_areas() if a.kind in ("borough", "city")}


@cache
def district_area(name: str) -> Area:
    """The local authority district called ``name`` (an LSOA name's prefix, e.g. 'Leeds').

    London boroughs and the City keep their ONS codes; any other district gets the pseudo-code
    ``LAD:<slug>`` (e.g. ``LAD:leeds``), because street files carry no district codes.
    """
    known = _london_by_name().get(name_key(name))
    if known is not None:
        return known
    return Area(f"LAD:{slug(name)}", name.strip(), "district")


@cache
def force_area(name: str) -> Area:
    """The police force called ``name`` (the 'Reported by' column).

    The Metropolitan Police Service is London (E12000007), as in the MPS borough files; any other
    force gets ``PFA:<slug>`` without the words police/constabulary/service, e.g.
    'West Yorkshire Police' -> ``PFA:west-yorkshire`` (alias 'West Yorkshire').
    """
    known = find_area(name)
    if known is not None and known.kind == "region":
        return known
    words = [w for w in name.split() if name_key(w) not in _FORCE_WORDS]
    while words and name_key(words[0]) == "of":
        words = words[1:]
    short = " ".join(words) or name.strip()
    clash = name_key(short) == name_key(name) or find_area(short) is not None
    return Area(f"PFA:{slug(short)}", name.strip(), "force", () if clash else (short,))


def no_location_area(force: Area) -> Area:
    """Where a force's rows without an LSOA are counted ('Unknown' for the Met, as in its own files)."""
    if force.code == LONDON_CODE:
        return area_by_code("MPS-UNKNOWN")
    return Area(f"{force.code}:no-location", f"{force.name}: no location", "no_location")
