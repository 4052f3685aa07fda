"""A store with the London series from ../shared/data (dashboards, homicide victims, wards, LSOAs).

Built once per session in publication order: the capped 2015-2023 dashboard copy first, then the
complete 2021-2025 file and the knife-crime extract, which revise it.  The historical ward file
(3.5 million values) is left out to keep the suite quick: ward figures are checked on the
current ward file.
"""

from __future__ import annotations

import pytest
from datafiles import DATA, POPULATION, need_data

CAPPED = DATA / "mps-crime-dashboard-other-2015-2023-capped" / "mps_othercrime_fy14-15_to_fy23-24_capped.csv.gz"
DASHBOARD = DATA / "mps-crime-dashboard-other-2021-2025" / "mps_monthly_crime_dashboard_othercrime_2021-08_2025-07.csv.gz"
KNIFE = DATA / "mps-knife-crime-dashboard-2022-2026" / "monthly-crime-dashboard-knife-crime.csv.gz"
HOMICIDE = DATA / "mps-homicide-victims-2003-2024" / "mps_homicide_victims_2003-2024.csv"
WARD = DATA / "mps-ward-crime-2010-2026" / "recorded-crime-ward.csv"
WARD_HISTORICAL = DATA / "mps-ward-crime-2010-2026" / "recorded-crime-ward-historical.csv.gz"
LSOA = DATA / "mps-lsoa-crime-2024-2026" / "recorded-crime-lsoa.csv.gz"

LONDON_FILES = [POPULATION, CAPPED, DASHBOARD, KNIFE, HOMICIDE, WARD, LSOA]


@pytest.fixture(scope="session")
def london_store(tmp_path_factory):
    need_data()
    import factbeat

    path = tmp_path_factory.mktemp("london") / "london.duckdb"
    with factbeat.open(path) as fb:
        reports = fb.ingest(LONDON_FILES)
    assert [r.status for r in reports] == ["stored"] * len(LONDON_FILES)
    return path


@pytest.fixture()
def fb_london(london_store):
    import factbeat

    fb = factbeat.open(london_store, read_only=True)
    yield fb
    fb.close()
