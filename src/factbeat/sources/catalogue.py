"""The official datasets factbeat knows how to fetch: publisher, licence, address, format.

The London Datastore re-issues its files every month under new addresses, so each file records
the dataset's page and the last address known to us.  ``--mirror`` points at a local folder or
base URL laid out as ``<dataset>/<file>`` (the layout of the project's shared data folder), which
is how factbeat runs offline.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbeat.errors import UnknownNameError

DATASTORE = "https://data.london.gov.uk/dataset/recorded_crime_summary"
_DL = "https://data.london.gov.uk/download/recorded_crime_summary/"


@dataclass(frozen=True)
class CatalogueFile:
    name: str
    url: str | None  # last known official download address


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    publisher: str
    licence: str
    page: str
    format: str
    files: tuple[CatalogueFile, ...]
    note: str = ""


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "mps-borough-crime-historic", "MPS Borough Level Crime, legacy MPS categories (2008-2018)",
        "Metropolitan Police Service", "Open Government Licence v2.0", DATASTORE, "mps_borough_legacy",
        (CatalogueFile("MPS_Borough_Level_Crime_Historic.csv", None),
         CatalogueFile("MPS Borough Level Crime (most recent 24 months).csv", None)),
    ),
    Dataset(
        "mps-borough-crime-2010-2025", "MPS Borough Level Crime, Home Office categories (2025 issue)",
        "Metropolitan Police Service", "Open Government Licence v2.0", DATASTORE, "mps_borough_home_office",
        (CatalogueFile("MPS Borough Level Crime (Historical).csv",
                       _DL + "3cdda2b7-b56f-4f21-b8f1-a8cfd7da3bf5/MPS%20Borough%20Level%20Crime%20%28Historical%29.csv"),
         CatalogueFile("MPS Borough Level Crime (most recent 24 months).csv",
                       _DL + "d2e9ccfc-a054-41e3-89fb-53c2bc3ed87a/MPS%20Borough%20Level%20Crime%20%28most%20recent%2024%20months%29.csv")),
    ),
    Dataset(
        "mps-borough-crime-2010-2026", "MPS recorded crime: geographic breakdown, boroughs, Home Office categories (2026 issue)",
        "Metropolitan Police Service", "Open Government Licence v2.0", DATASTORE, "mps_borough_home_office",
        (CatalogueFile("recorded-crime-borough-historical.csv", None), CatalogueFile("recorded-crime-borough.csv", None)),
    ),
    Dataset(
        "mps-borough-crime-detailed-2010-2024", "MPS Borough Level Crime, detailed Home Office minor categories (2022 issue)",
        "Metropolitan Police Service", "Open Government Licence v2.0", DATASTORE, "mps_borough_home_office",
        (CatalogueFile("APR2010-FEB2022.csv", None), CatalogueFile("FEB2022-FEB2024.csv", None)),
    ),
    Dataset(
        "london-borough-population", "London borough population (ONS mid-year estimates, GLA projections)",
        "Greater London Authority / Office for National Statistics", "Open Government Licence",
        "https://data.london.gov.uk/dataset/land-area-and-population-density-ward-and-borough", "gla_borough_population",
        (CatalogueFile("london_borough_population_2008_2024.csv", None),
         CatalogueFile("ons_mye_borough_totals_2019_2020_from_lsoa.csv", None)),
    ),
)

DASHBOARD = "https://data.london.gov.uk/dataset/mps-monthly-crime-dahboard-data"
MPS = "Metropolitan Police Service"
OGL2 = "Open Government Licence v2.0"

DATASETS += (
    Dataset(
        "mps-crime-dashboard-other-2015-2023-capped",
        "MPS Monthly Crime Dashboard 'Other Crime Data', Jan 2015 - Oct 2023, rows above a count cap deleted by a third party",
        MPS, OGL2, DASHBOARD, "mps_dashboard_other_fy",
        (CatalogueFile("mps_othercrime_fy14-15_to_fy23-24_capped.csv.gz", None),),
        note="the only copy of 2015-2016 borough gun crime; figures from it are lower bounds where borough-months are missing",
    ),
    Dataset(
        "mps-crime-dashboard-other-2021-2025",
        "MPS Monthly Crime Dashboard 'Other Crime Data' (gun, knife, hate crime, domestic abuse...), Aug 2021 - Jul 2025",
        MPS, OGL2, DASHBOARD, "mps_dashboard_other",
        (CatalogueFile("mps_monthly_crime_dashboard_othercrime_2021-08_2025-07.csv.gz", None),),
    ),
    Dataset(
        "mps-knife-crime-dashboard-2022-2026", "MPS Monthly Crime Dashboard, knife crime extract, Mar 2022 - Feb 2026",
        MPS, OGL2, DASHBOARD, "mps_dashboard_other",
        (CatalogueFile("monthly-crime-dashboard-knife-crime.csv.gz", None),),
    ),
    Dataset(
        "mps-homicide-victims-2003-2024", "MPS homicide victims (one row per victim, with method of killing), 2003 - Mar 2024",
        MPS, OGL2, "https://data.london.gov.uk/dataset/mps-homicide-dashboard-data", "mps_homicide_victims",
        (CatalogueFile("mps_homicide_victims_2003-2024.csv", None),),
    ),
    Dataset(
        "mps-ward-crime-2010-2026", "MPS ward-level crime, Home Office categories (2022 wards), Apr 2010 - Feb 2026",
        MPS, OGL2, DATASTORE, "mps_ward_home_office",
        (CatalogueFile("recorded-crime-ward-historical.csv.gz", None), CatalogueFile("recorded-crime-ward.csv", None)),
    ),
    Dataset(
        "mps-lsoa-crime-2024-2026", "MPS LSOA-level crime (2021 LSOAs), Home Office categories, Feb 2024 - Feb 2026",
        MPS, OGL2, DATASTORE, "mps_lsoa_home_office",
        (CatalogueFile("recorded-crime-lsoa.csv.gz", None),),
    ),
    Dataset(
        "data-police-uk-street-west-yorkshire", "data.police.uk street-level crime, West Yorkshire Police, July 2016-2018",
        "Home Office (data.police.uk)", "Open Government Licence v3.0", "https://data.police.uk/data/", "police_uk_street",
        (CatalogueFile("2016-07-west-yorkshire-street.csv.gz", None), CatalogueFile("2017-07-west-yorkshire-street.csv.gz", None),
         CatalogueFile("2018-07-west-yorkshire-street.csv.gz", None)),
    ),
)

# In the project's mirror but not loaded, and why (the README lists them).
NOT_LOADED: dict[str, str] = {
    "data-police-uk-metropolitan-street-sample": "the first 4,000 rows of one month, not a full month: its counts would look like a fall in crime",
    "data-police-uk-metropolitan-stop-and-search": "stop and search is not recorded crime (the format is recognised, not read)",
    "mps-homicide-accused-2003-2024": "persons proceeded against, dated by proceedings: not a count of homicides",
    "london-lsoa-lookup": "the LSOA file names each LSOA's borough itself; the lookup is not needed to place LSOAs",
    "london-borough-boundaries": "geometry, read by 'factbeat map' from the mirror, not stored",
}

# What 'factbeat download all' fetches, in this order: later issues of the same scheme come last
# so that their revisions are the ones kept current.
ALL = tuple(d.name for d in DATASETS)


def get_dataset(name: str) -> Dataset:
    for dataset in DATASETS:
        if dataset.name == name:
            return dataset
    from factbeat.taxonomy.suggest import suggest

    raise UnknownNameError("dataset", name, suggest(name, [d.name for d in DATASETS]),
                           hint="known datasets: " + ", ".join(ALL) + ", or 'all'")


def expand(names: tuple[str, ...] | list[str]) -> list[Dataset]:
    """Dataset objects for the names given ('all' means every dataset)."""
    out: list[Dataset] = []
    for name in names:
        for dataset in (DATASETS if name == "all" else (get_dataset(name),)):
            if dataset not in out:
                out.append(dataset)
    return out
