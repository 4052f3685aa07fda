"""Wards and LSOAs: small areas learned from the stored ward, LSOA and dashboard files.

Small areas are not known in advance: the store records each one it ingests (code, name, kind
and the borough the file names) and registers them here with :func:`learn_small_areas`.

Ward names are not unique across London ('Highgate' is a ward of Camden and of Haringey) and
many changed in 2022.  A name is resolved with its borough when the text gives one ('Highgate,
Camden', 'Highgate (Haringey)', 'Highgate in Camden'); a bare name that fits several wards is an
error listing the choices, never a guess.  When one ward name has several codes in one borough
(the dashboards' older SNT codes next to the 2022 ward codes), the code seen in the most recent
data wins and the others stay reachable by code.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from factbeat.errors import UnknownNameError
from factbeat.taxonomy.areas import Area, area_by_code, find_area, resolve_area
from factbeat.taxonomy.text import name_key


@dataclass(frozen=True)
class SmallArea:
    """A ward or LSOA as the store records it."""

    code: str
    name: str
    kind: str  # "ward" or "lsoa"
    parent: str | None
    last_month: date | None = None


_BY_CODE: dict[str, Area] = {}
_BY_NAME: dict[str, dict[tuple[str | None, str], tuple[date | None, Area]]] = {}
_PENDING: list[Callable[[], Iterable[SmallArea]]] = []  # stores' small areas, read on the first lookup
_PENDING_LOCK = threading.Lock()
_SPLIT = re.compile(r"^(?P<name>.+?)\s*(?:,|\bin\b|\()\s*(?P<borough>[^()]+?)\)?\s*$", re.IGNORECASE)


def learn_small_areas(rows: Iterable[SmallArea]) -> None:
    """Register wards and LSOAs read from the store (the registry only grows)."""
    for row in rows:
        area = Area(row.code, row.name, row.kind, (), row.parent)
        _BY_CODE[row.code] = area
        if row.kind != "ward" or "@" in row.code:  # '@': a ward's rows listed under another borough
            continue
        slot = _BY_NAME.setdefault(name_key(row.name), {})
        key = (row.parent, row.kind)
        held = slot.get(key)
        if held is None or (row.last_month or date.min) > (held[0] or date.min):
            slot[key] = (row.last_month, area)


def learn_small_areas_later(load: Callable[[], Iterable[SmallArea]]) -> None:
    """Register wards and LSOAs on the first lookup that needs them: a store holds thousands, and
    most commands (a borough figure, a ranking) never ask for one."""
    with _PENDING_LOCK:
        _PENDING.append(load)


def _learn_pending() -> None:
    if not _PENDING:
        return
    with _PENDING_LOCK:
        while _PENDING:
            learn_small_areas(_PENDING.pop(0)())


def small_area_by_code(code: str) -> Area | None:
    _learn_pending()
    return _BY_CODE.get(code)


def wards_named(name: str, borough: Area | None = None) -> list[Area]:
    """The wards called ``name`` (in ``borough`` if given), one per borough."""
    _learn_pending()
    found = [area for (_parent, _kind), (_m, area) in _BY_NAME.get(name_key(name), {}).items()]
    if borough is not None:
        found = [a for a in found if a.parent == borough.code]
    return sorted(found, key=lambda a: (a.parent or "", a.code))


def describe(area: Area) -> str:
    """'Highgate (Camden)': a ward with its borough, as the choices in an error list it."""
    if not area.parent:
        return area.name
    try:
        parent = area_by_code(area.parent).name
    except UnknownNameError:
        parent = area.parent
    return f"{area.name} ({parent})"


def resolve_small_area(text: str, borough: Area | str | None = None) -> Area | None:
    """The ward or LSOA ``text`` names, or None if it names none.

    Raises :class:`UnknownNameError` listing the choices when a ward name fits wards of several
    boroughs and neither the text nor ``borough`` says which.
    """
    _learn_pending()
    text = text.strip()
    if text in _BY_CODE:
        return _BY_CODE[text]
    if isinstance(borough, str):
        borough = find_area(borough)
    candidates = wards_named(text, borough)
    if not candidates and borough is None and (match := _SPLIT.match(text)):
        named = find_area(match.group("borough"))
        if named is not None:
            candidates = wards_named(match.group("name"), named)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        choices = [describe(a) for a in candidates]
        raise UnknownNameError(
            "area", text, choices,
            hint=f"{len(choices)} wards have this name; name the borough, e.g. {choices[0]!r}",
        )
    return None


def resolve_place(text: str, borough: Area | str | None = None) -> Area:
    """Any area by name or code: London, a borough or a force first, then a ward or LSOA.

    Unknown names raise :class:`UnknownNameError` with close matches; a ward name shared by
    several boroughs raises it with the choices.
    """
    return find_area(text) or resolve_small_area(text, borough) or resolve_area(text)
