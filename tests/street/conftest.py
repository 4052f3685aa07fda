"""Fixtures for street-level tests (helpers live in street_testdata.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from street_testdata import MET_SAMPLE, WY_FILES, need_real

import factbeat


@pytest.fixture(scope="session")
def real_street_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the three real West Yorkshire months and the Met sample (built once)."""
    need_real()
    db = tmp_path_factory.mktemp("street") / "street.duckdb"
    with factbeat.open(db) as fb:
        fb.ingest([*WY_FILES, MET_SAMPLE])
    return db


@pytest.fixture()
def fb_street(real_street_db: Path):
    fb = factbeat.open(real_street_db, read_only=True)
    yield fb
    fb.close()
