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
