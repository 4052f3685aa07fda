"""Reader for the MPS Monthly Crime Dashboard "Other Crime Data" files (long: one row per count).

Two spellings of the same layout exist: the 2021+ files (and the knife-crime extract) in
snake_case (``month_year, area_type, borough_snt, ...``) and the older per-financial-year files
in title case (``Area Type, Month_year, Borough_SNT, ...``), which also spell the series
differently ('Gun crime', 'Personal Robbery', 'Anti-Semitic', 'Transgender Crime').  Both become
rows of one category scheme with the canonical subtype names below, so the issues of one series
revise each other month by month.

Rows go to three schemes: ``mps_dashboard`` (borough offences), ``mps_dashboard_ward`` (Safer
Neighbourhood Team offences: ward-level, never summed into boroughs) and, for positive outcomes,
``mps_dashboard_outcomes`` / ``mps_dashboard_ward_outcomes``.  Each subtype is its own major
category with an empty minor: the subtypes overlap (knife crime with injury is part of knife
crime; each hate-crime strand is part of hate crime), so no subtype may be summed into another.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from factbeat.sources.formats import SourceFormat
from factbeat.sources.rows import DataRows, whole_number
from factbeat.sources.series import (
    SERIES_SCHEMA,
    RefusedRow,
    SeriesTable,
    add_row,
    empty_columns,
)
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.geography import (
    UNKNOWN,
    borough_prefix,
    is_unallocated,
    police_area,
    ward_code,
)
from factbeat.taxonomy.text import name_key

# The columns both spellings share, by their normalised header names.
COLUMNS = ("month year", "area type", "borough snt", "area name", "area code", "crime type", "crime subtype", "measure", "count")

# Canonical subtype names; keys are name_key() of either spelling.
SUBTYPES = {
    "gun crime": "Gun Crime",
    "lethal barrel discharge": "Lethal Barrel Discharge",
    "gun crime personal robbery": "Gun Crime Personal Robbery",
    "personal robbery": "Gun Crime Personal Robbery",
    "knife crime": "Knife Crime",
    "knife crime with injury": "Knife Crime with Injury",
    "knife crime with injury personal robbery": "Knife Crime with Injury (Personal Robbery)",
    "knife injury victims 1 24": "Knife Injury Victims (1-24)",
    "knife injury victims non da 1 24": "Knife Injury Victims (non DA 1-24)",
    "knife injury victims non da 1 24 gang flagged": "Knife Injury Victims (non DA 1-24 Gang Flagged)",
    "hate crime": "Hate Crime",
    "racist crime": "Racist Crime",
    "racist and religious crime": "Racist and Religious Crime",
    "faith crime": "Faith Crime",
    "antisemitic": "Antisemitic Crime",
    "anti semitic": "Antisemitic Crime",
    "islamophobic crime": "Islamophobic Crime",
    "homophobic crime": "Homophobic Crime",
    "transphobic crime": "Transphobic Crime",
    "transgender crime": "Transphobic Crime",
    "disability crime": "Disability Crime",
    "domestic abuse": "Domestic Abuse",
    "domestic abuse violence with injury": "Domestic Abuse Violence with Injury",
    "domestic abuse incidents": "Domestic Abuse Incidents",
    "robbery mobile phone": "Robbery Mobile Phone",
    "theft person mobile phone": "Theft Person - Mobile Phone",
    "tno victim based": "TNO Victim Based",
    "tno non victim based": "TNO Non Victim Based",
    "dog attack": "Dog Attack",
}
MEASURES = {"offences": "", "statistics": "", "positive outcomes": "_outcomes", "outcomes": "_outcomes"}


def read_dashboard(path: Path, fmt: SourceFormat, encoding: str = "utf-8") -> SeriesTable:
    """Read a dashboard file; any cell that cannot be understood refuses the whole file.

    Rows for the same ward, month and series under two spellings of the ward ('Abbey' and
    'Abbey (KG)') are parts of one count and are both kept (figures add them), as are repeated
    unallocated rows ('Other / NK': the Met lists several unallocated groups).  A row repeating
    another exactly (same month, area as spelt, series and measure) is refused into the
    quarantine table, with the line it repeats.
    """
    rows = DataRows(path, encoding)
    header, problems, index = rows.header, rows.problems, rows.index(COLUMNS)
    columns = empty_columns()
    refused: list[RefusedRow] = []
    seen: dict[tuple, int] = {}
    for line, cells in rows:
        value = dict(zip(COLUMNS, (cells[index[c]].strip() for c in COLUMNS), strict=True))
        month = _month(value["month year"])
        if month is None:
            problems.add(line, header[index["month year"]], f"{value['month year']!r} is not a month (YYYY-MM-01)")
            continue
        count = whole_number(value["count"])
        if count is None:
            problems.add(line, header[index["count"]], f"{value['count']!r} is not a whole number")
            continue
        subtype = SUBTYPES.get(name_key(value["crime subtype"]))
        if subtype is None:
            problems.add(line, header[index["crime subtype"]], f"unknown dashboard series {value['crime subtype']!r}")
            continue
        suffix = MEASURES.get(name_key(value["measure"]))
        if suffix is None:
            problems.add(line, header[index["measure"]], f"unknown measure {value['measure']!r} (Offences, Positive Outcomes, Statistics)")
            continue
        place = _place(value["area type"], value["area name"], value["borough snt"], value["area code"])
        if place is None:
            problems.add(line, header[index["borough snt"]], f"unknown borough {value['borough snt']!r}")
            continue
        scheme, code, name, parent = place
        scheme += suffix
        key = (scheme, code, value["area name"], value["borough snt"], subtype, month)
        if key in seen and not (code == UNKNOWN or code.endswith(":unallocated")):
            refused.append(RefusedRow(line, f"repeats line {seen[key]} (same month, area, series and measure)", ",".join(cells)))
            continue
        seen.setdefault(key, line)
        add_row(columns, scheme, code, name, parent, subtype, "", month, count, line)
    rows.finish()
    _mark_strays(columns)
    return SeriesTable(
        path=path, format=fmt.name, kind="series", scheme="mps_dashboard",
        table=pa.table(columns, schema=SERIES_SCHEMA), rows_read=rows.rows_read,
        publisher=fmt.publisher, licence=fmt.licence, capped=False, refused=refused,
    )


@lru_cache(maxsize=1 << 14)
def _place(area_type: str, name: str, borough_snt: str, code: str) -> tuple[str, str, str, str | None] | None:
    """(scheme, area code, area name, parent borough code) for a borough or SNT row (a file
    repeats a few thousand places over hundreds of thousands of rows, hence the cache)."""
    if name_key(area_type) == "borough":
        area = police_area(name or borough_snt) or police_area(borough_snt)
        return None if area is None else ("mps_dashboard", area.code, area.name, None)
    borough: Area | None = borough_prefix(borough_snt)
    if not code or not name or is_unallocated(code) or is_unallocated(name):
        if borough is None:
            return "mps_dashboard_ward", UNKNOWN, "Unknown", None
        return "mps_dashboard_ward", f"{borough.code}:unallocated", f"{borough.name}: no ward", borough.code
    return "mps_dashboard_ward", ward_code(code, borough), name, borough.code if borough else None


@lru_cache(maxsize=4096)
def _month(text: str) -> date | None:
    try:
        parsed = date.fromisoformat(text[:10])
    except ValueError:
        return None
    return parsed if parsed.day == 1 else None


def _mark_strays(columns: dict[str, list]) -> None:
    """Keep the borough each SNT row is listed under, even when the Met lists a ward under two.

    A few wards appear now and then under another borough (Little Venice, a Westminster ward,
    under Hackney).  Each row's borough is what the file says, so such rows are stored as the
    area ``<ward code>@<borough code>``, with the ward's name: a lower bound built from one
    borough's ward rows (stats/capped.py) then sums exactly the rows listed under it.
    """
    from collections import Counter

    usual: dict[str, Counter] = {}
    for code, parent in zip(columns["area_code"], columns["parent_code"], strict=True):
        if parent is not None:
            usual.setdefault(code, Counter())[parent] += 1
    home = {code: counts.most_common(1)[0][0] for code, counts in usual.items() if len(counts) > 1}
    if not home:
        return
    for i, (code, parent) in enumerate(zip(columns["area_code"], columns["parent_code"], strict=True)):
        if code in home and parent != home[code]:
            columns["area_code"][i] = f"{code}@{parent}"
