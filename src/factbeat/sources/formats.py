"""The official file formats factbeat can read, recognised from their header row.

Each entry names the publisher and licence so that provenance is recorded with every figure.
An unknown header is refused with the list below, so a user sees at once what factbeat reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from factbeat.taxonomy.text import name_key

MONTH_COLUMN = re.compile(r"^(\d{4})(\d{2})$")
MPS = "Metropolitan Police Service (London Datastore)"
OGL2 = "Open Government Licence v2.0"
OGL3 = "Open Government Licence v3.0"
POLICE_UK = "Home Office (data.police.uk), crimes recorded by the force named in each row"
STREET_COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)


@dataclass(frozen=True)
class SourceFormat:
    name: str
    kind: str  # "crime", "population", "street", "series" (London series, sources/series.py); "unsupported" is recognised but not read (yet)
    publisher: str
    licence: str
    header: str  # how the header looks, for error messages and docs
    matches: Callable[[list[str]], bool]


def _keys(header: list[str]) -> list[str]:
    return [name_key(h) for h in header]


def _wide(first: list[str]) -> Callable[[list[str]], bool]:
    def matches(header: list[str]) -> bool:
        keys = _keys(header)
        return keys[: len(first)] == first and len(header) > len(first) and all(
            MONTH_COLUMN.match(h.strip()) for h in header[len(first):]
        )

    return matches


def _wide_any(first: set[str]) -> Callable[[list[str]], bool]:
    """These key columns in any order, then month columns (the two ward files order them differently)."""

    def matches(header: list[str]) -> bool:
        n = len(first)
        return set(_keys(header)[:n]) == first and len(header) > n and all(
            MONTH_COLUMN.match(h.strip()) for h in header[n:]
        )

    return matches


def _is_ho(header: list[str]) -> bool:
    keys = _keys(header)
    return (
        keys[:2] == ["majortext", "minortext"]
        and len(keys) > 3
        and keys[2] in ("boroughname", "lookup boroughname")
        and all(MONTH_COLUMN.match(h.strip()) for h in header[3:])
    )


def _columns(*names: str) -> Callable[[list[str]], bool]:
    def matches(header: list[str]) -> bool:
        return _keys(header)[: len(names)] == list(names)

    return matches


def _exactly(*names: str) -> Callable[[list[str]], bool]:
    """The header is these columns and no others (street files are read by position)."""
    keys = [name_key(n) for n in names]

    def matches(header: list[str]) -> bool:
        return _keys(header) == keys

    return matches


DASHBOARD = ("crime type", "crime subtype", "measure")

FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat(
        "mps_dashboard_other",
        "series",
        MPS,
        OGL2,
        "MPS Monthly Crime Dashboard 'Other Crime Data': month_year, area_type, borough_snt, area_name, area_code, "
        "crime_type, crime_subtype, measure, ..., count",
        _columns("month year", "area type", "borough snt", "area name", "area code", *DASHBOARD),
    ),
    SourceFormat(
        "mps_dashboard_other_fy",
        "series",
        MPS,
        OGL2,
        "MPS Monthly Crime Dashboard 'Other Crime Data' (per financial year): Area Type, Month_year, Borough_SNT, "
        "Area Name, Area Code, Crime Type, Crime Subtype, Measure, Financial Year, Count",
        _columns("area type", "month year", "borough snt", "area name", "area code", *DASHBOARD),
    ),
    SourceFormat(
        "mps_homicide_victims",
        "series",
        MPS,
        OGL2,
        "MPS homicide victims: Count of Victims, Age Group, Sex, MethodofKilling, Domestic Abuse, Recorded Year, "
        "Recorded Month, ..., Borough, ...",
        _columns("count of victims", "age group", "sex", "methodofkilling", "domestic abuse", "recorded year", "recorded month"),
    ),
    SourceFormat(
        "mps_ward_home_office",
        "series",
        MPS,
        OGL2,
        "MPS ward-level crime: WardName, WardCode, MajorText, MinorText, LookUp_BoroughName (any order), then YYYYMM month columns",
        _wide_any({"wardname", "wardcode", "majortext", "minortext", "lookup boroughname"}),
    ),
    SourceFormat(
        "mps_lsoa_home_office",
        "series",
        MPS,
        OGL2,
        "MPS LSOA-level crime: lsoa_code, lsoa_name, borough, major_category, minor_category, then YYYYMM month columns",
        _wide(["lsoa code", "lsoa name", "borough", "major category", "minor category"]),
    ),
    SourceFormat(
        "mps_borough_legacy",
        "crime",
        MPS,
        OGL2,
        "Borough, Major Category, Minor Category, then YYYYMM month columns",
        _wide(["borough", "major category", "minor category"]),
    ),
    SourceFormat(
        "mps_borough_home_office",
        "crime",
        MPS,
        OGL2,
        "MajorText, MinorText, BoroughName (or LookUp_BoroughName), then YYYYMM month columns",
        _is_ho,
    ),
    SourceFormat(
        "gla_borough_population",
        "population",
        "Greater London Authority (ONS mid-year estimates and GLA projections)",
        OGL2,
        "code, name, year, population, estimate_type[, provenance]",
        _columns("code", "name", "year", "population", "estimate type"),
    ),
    SourceFormat(
        "ons_borough_population",
        "population",
        "Office for National Statistics",
        OGL3,
        "code, name, year, population",
        _columns("code", "name", "year", "population"),
    ),
    SourceFormat(
        "police_uk_street",
        "street",
        POLICE_UK,
        OGL3,
        "data.police.uk street-level crime: " + ", ".join(STREET_COLUMNS),
        _exactly(*STREET_COLUMNS),
    ),
    SourceFormat(
        "police_uk_outcomes",
        "unsupported",
        POLICE_UK,
        OGL3,
        "data.police.uk outcomes: Crime ID, Month, ..., LSOA name, Outcome type",
        _exactly(*STREET_COLUMNS[:9], "Outcome type"),
    ),
    SourceFormat(
        "police_uk_stop_and_search",
        "unsupported",
        POLICE_UK,
        OGL3,
        "data.police.uk stop and search: Type, Date, Part of a policing operation, ...",
        _columns("type", "date", "part of a policing operation"),
    ),
)


def detect_format(header: list[str]) -> SourceFormat | None:
    """The first format whose header test accepts ``header``, or None."""
    for fmt in FORMATS:
        if fmt.matches(header):
            return fmt
    return None


def known_formats_text() -> str:
    """One line per known format, for the 'unknown header' error."""
    return "; ".join(f"{f.name} ({f.header})" for f in FORMATS if f.kind != "unsupported")
