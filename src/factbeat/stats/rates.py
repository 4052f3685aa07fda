"""Populations and rates per 1,000 residents, naming the population year and estimate used."""

from __future__ import annotations

from factbeat.stats.catalog import Catalog, Population
from factbeat.taxonomy.areas import Area, boroughs


def population_for(catalog: Catalog, area: Area, year: int) -> Population | None:
    """The population of ``area`` for ``year`` (or the nearest stored year, with a note).

    London's population for MPS figures is the sum of the 32 boroughs: the Met's area, which
    leaves out the City of London (policed separately).
    """
    if not catalog.population_years():
        return None
    used = catalog.nearest_population_year(year)
    table = catalog.populations(used)
    note = "" if used == year else f"population for {year} is not stored; used {used}"
    if area.kind == "region":
        rows = [table.get(b.code) for b in boroughs()]
        if any(r is None for r in rows):
            return None
        kinds = sorted({r[1] for r in rows})
        note = "; ".join(filter(None, [note, "London population is the sum of the 32 boroughs (the Met's area, without the City of London)"]))
        return Population(sum(r[0] for r in rows), used, " + ".join(kinds), tuple(sorted({r[2] for r in rows})), note)
    row = table.get(area.code)
    if row is None:
        return None
    return Population(row[0], used, row[1], (row[2],), note)


def rate_per_1000(count: int, population: int | None) -> float | None:
    """Offences per 1,000 residents, or None without a population."""
    return None if not population else count * 1000 / population
