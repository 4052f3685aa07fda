"""A store with the real MPS data, population and the example figures register."""

from __future__ import annotations

import pytest
from datafiles import DATA, ROOT, need_data, real_store

REGISTER = ROOT / "examples" / "register-barnet-firearms-2016.yaml"


@pytest.fixture(scope="session")
def grounded_store(tmp_path_factory):
    return real_store(tmp_path_factory.mktemp("grounding") / "g.duckdb", REGISTER)


@pytest.fixture()
def fb_g(grounded_store):
    import factbeat

    fb = factbeat.open(grounded_store, read_only=True)
    yield fb
    fb.close()


@pytest.fixture()
def check(fb_g):
    """check(text, date) -> list of claims with their data blocks."""
    from factbeat.claims import check_text
    from factbeat.claims.ground.grounding import ground_result

    def _check(text: str, date: str | None = "2017-02-10"):
        return ground_result(fb_g, check_text(text, date=date)).claims

    return _check


@pytest.fixture(scope="session")
def downloaded_store(tmp_path_factory):
    """Every catalogue dataset of the mirror, as ``factbeat download all --mirror ../shared/data`` stores it
    (built once per session; tests that write copy it first)."""
    need_data()
    import factbeat

    path = tmp_path_factory.mktemp("downloaded") / "all.duckdb"
    with factbeat.open(path) as fb:
        fb.download(["all"], mirror=str(DATA))
    return path
