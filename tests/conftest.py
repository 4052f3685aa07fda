"""Shared fixtures: where the real data lives, and stores built from it.

The real public files live in ``../shared/data`` beside the repository (never inside it).
Tests that need them skip with a clear reason when the folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from datafiles import (  # noqa: F401  (re-exported for tests)
    DATA,
    DETAILED,
    HO_HIST,
    HO_RECENT,
    LEGACY,
    LEGACY_2017,
    ONS_POPULATION,
    POPULATION,
    REAL_FILES,
    ROOT,
    SHARED,
    need_data,
)
from hypothesis import settings

# No time limit per generated example: on a shared, busy machine one slow example is no bug
# (speed is measured in benchmarks/, never asserted in tests).
settings.register_profile("factbeat", deadline=None)
settings.load_profile("factbeat")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    need_data()
    return DATA


@pytest.fixture(scope="session")
def real_store(tmp_path_factory: pytest.TempPathFactory):
    """A read-write store with the legacy, Home Office, detailed and population files (session-wide)."""
    need_data()
    import factbeat

    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    with factbeat.open(path) as fb:
        fb.ingest(REAL_FILES)
    return path


@pytest.fixture()
def fb_real(real_store: Path):
    """The real store opened read-only for one test."""
    import factbeat

    fb = factbeat.open(real_store, read_only=True)
    yield fb
    fb.close()


@pytest.fixture()
def fresh_db(tmp_path: Path) -> Path:
    return tmp_path / "fresh.duckdb"
