"""The stores the reliability tests share: a small seeded one per test (written on the spot, so
a test may break it), and one read-only store of the real files for the whole session."""

from __future__ import annotations

import pytest
from datafiles import real_store
from rel_files import seeded_store


@pytest.fixture()
def store(tmp_path):
    """A fresh store holding a borough file, a population file and a street file."""
    return seeded_store(tmp_path / "store.duckdb", tmp_path / "seed")


@pytest.fixture(scope="session")
def real_fb(tmp_path_factory):
    """The real borough and population files (``../shared/data``), opened read-only."""
    import factbeat

    fb = factbeat.open(real_store(tmp_path_factory.mktemp("real") / "real.duckdb"), read_only=True)
    yield fb
    fb.close()
