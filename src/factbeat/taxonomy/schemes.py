"""Category schemes: the different ways police data classifies crime.

Counts from different schemes are never added together.  When a measure exists in several
schemes, a figure uses the first scheme in :data:`PREFERENCE` that covers the whole period, and
says which one it used and how to ask for the others.  The legacy MPS scheme comes first because
it is what the MPS published at the time for 2008-2018, so it matches contemporary reporting.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbeat.errors import UnknownNameError


@dataclass(frozen=True)
class Scheme:
    """A category scheme at one geography level.

    ``level`` is the kind of area its rows are about ('borough' covers boroughs, London and
    police forces; 'ward' and 'lsoa' are small areas).  A figure only uses schemes at its area's
    level, so wards are never added up into a borough.  ``categories_from`` names the scheme whose
    measure definitions apply (the ward file uses the Home Office categories of the borough file).
    """

    key: str
    label: str
    description: str
    level: str = "borough"
    categories_from: str | None = None


SCHEMES: dict[str, Scheme] = {
    s.key: s
    for s in (
        Scheme("mps_legacy", "MPS legacy categories", "Metropolitan Police categories used in borough files to 2018 (9 major groups)."),
        Scheme("home_office", "Home Office categories", "Home Office notifiable offence groups used in MPS borough files from April 2010."),
        Scheme("ho_detailed", "Home Office detailed categories (2022 vintage)", "The 2022 issue of the MPS borough file, with about 55 fine minor categories (firearm and knife possession)."),
        Scheme("police_uk", "data.police.uk crime types", "The 14 crime types of data.police.uk street-level files (any force)."),
        Scheme("mps_dashboard", "MPS crime dashboard series", "MPS Monthly Crime Dashboard 'Other Crime Data': gun crime, lethal barrel discharge, knife crime, hate crime, domestic abuse, mobile-phone robbery (offences, borough rows)."),
        Scheme("homicide_victims", "MPS homicide victims", "MPS homicide victims file: one victim per row, by recorded month, with the method of killing."),
        Scheme("home_office_ward", "Home Office categories, wards", "MPS ward-level files (2022 wards), Home Office categories.", "ward", "home_office"),
        Scheme("home_office_lsoa", "Home Office categories, LSOAs", "MPS LSOA-level file (2021 LSOAs), Home Office categories.", "lsoa", "home_office"),
        Scheme("mps_dashboard_ward", "MPS crime dashboard series, wards", "The dashboard's Safer Neighbourhood Team (ward) rows.", "ward", "mps_dashboard"),
        Scheme("mps_dashboard_outcomes", "MPS crime dashboard positive outcomes", "Positive outcomes (charges, cautions...) of the dashboard series, borough rows: not offences.", "borough", None),
        Scheme("mps_dashboard_ward_outcomes", "MPS crime dashboard positive outcomes, wards", "Positive outcomes of the dashboard series, ward rows.", "ward", None),
    )
}

PREFERENCE: tuple[str, ...] = (
    "mps_legacy", "home_office", "ho_detailed", "police_uk", "mps_dashboard", "homicide_victims",
    "home_office_ward", "mps_dashboard_ward", "home_office_lsoa", "mps_dashboard_outcomes", "mps_dashboard_ward_outcomes",
)


def scheme_level(key: str) -> str:
    """The geography level of a scheme ('borough' for unknown keys: the borough files' schemes)."""
    scheme = SCHEMES.get(key)
    return scheme.level if scheme else "borough"


def categories_scheme(key: str) -> str | None:
    """The scheme whose measure definitions a small-area scheme borrows, if any."""
    scheme = SCHEMES.get(key)
    return scheme.categories_from if scheme else None


def get_scheme(key: str) -> Scheme:
    """The scheme called ``key``; unknown keys get the list of known ones."""
    if key not in SCHEMES:
        raise UnknownNameError("scheme", key, [k for k in SCHEMES if k[:3] == key[:3]], hint="schemes: " + ", ".join(SCHEMES))
    return SCHEMES[key]
