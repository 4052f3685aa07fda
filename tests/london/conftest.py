"""A store with the London series from ../shared/data (dashboards, homicide victims, wards, LSOAs).

Built once per session in publication order: the capped 2015-2023 dashboard copy first, then the
complete 2021-2025 file and the knife-crime extract, which revise it.  The historical ward file
(3.5 million values) is left out to keep the suite quick: ward figures are checked on the
current ward file.
"""

from __future__ import annotations

import pytest
from datafiles import POPULATION, need_data
from london_files import CAPPED, DASHBOARD, HOMICIDE, KNIFE, LSOA, WARD

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
