"""The stores the reliability tests share: a small seeded one per test (written on the spot, so
a test may break it), and one read-only store of the real files for the whole session."""

from __future__ import annotations

import pytest
from datafiles import REAL_FILES, need_data
from rel_files import seeded_store


@pytest.fixture()
def store(tmp_path):
    """A fresh store holding a borough file, a population file and a street file."""
    return seeded_store(tmp_path / "store.duckdb", tmp_path / "seed")


@pytest.fixture(scope="session")
def real_fb(tmp_path_factory):
    """The real borough and population files (``../shared/data``), opened read-only."""
    need_data()
    import factbeat

    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    with factbeat.open(path) as fb:
        fb.ingest(REAL_FILES)
    fb = factbeat.open(path, read_only=True)
    yield fb
    fb.close()
