"""Category schemes: the different ways police data classifies crime.

Counts from different schemes are never added together.  When a measure exists in several
schemes, a figure uses the first scheme in :data:`PREFERENCE` that holds data for the area and
covers the whole period, and says which one it used and how to ask for the others.  The current
Home Office series comes first because it is what the MPS publishes today (April 2010 onward);
the legacy MPS categories answer only for months the Home Office series does not cover (before
April 2010), and data.police.uk crime types for areas outside London.  One rule, used by every
command and page (README: "Which category scheme").
"""

from __future__ import annotations

from dataclasses import dataclass

from factbeat.errors import UnknownNameError


@dataclass(frozen=True)
class Scheme:
    key: str
    label: str
    description: str


SCHEMES: dict[str, Scheme] = {
    s.key: s
    for s in (
        Scheme("mps_legacy", "MPS legacy categories", "Metropolitan Police categories used in borough files to 2018 (9 major groups)."),
        Scheme("home_office", "Home Office categories", "Home Office notifiable offence groups used in MPS borough files from April 2010."),
        Scheme("ho_detailed", "Home Office detailed categories (2022 vintage)", "The 2022 issue of the MPS borough file, with about 55 fine minor categories (firearm and knife possession)."),
        Scheme("police_uk", "data.police.uk crime types", "The 14 crime types of data.police.uk street-level files (any force)."),
    )
}

PREFERENCE: tuple[str, ...] = ("home_office", "ho_detailed", "mps_legacy", "police_uk")


def get_scheme(key: str) -> Scheme:
    """The scheme called ``key``; unknown keys get the list of known ones."""
    if key not in SCHEMES:
        raise UnknownNameError("scheme", key, [k for k in SCHEMES if k[:3] == key[:3]], hint="schemes: " + ", ".join(SCHEMES))
    return SCHEMES[key]
