"""The seed articles (../shared/seeds) against every dataset of the mirror and the example register.

Issue 14: with everything loaded (``download all`` plus the example register), each figure an open
series covers gets a data verdict and the register answers only for the rest.  The articles are
read from ../shared at test time (never copied here); claims are found by their numbers.  The
stored figures are checked against the raw files in ``tests/london/test_london_figures_against_raw.py``;
here the verdicts are.
"""

from __future__ import annotations

import shutil

import pytest
from datafiles import ROOT, SHARED

SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
REGISTER = ROOT / "examples" / "register-barnet-firearms-2016.yaml"

pytestmark = pytest.mark.skipif(len(SEEDS) < 2, reason="seed articles not present in ../shared/seeds")


@pytest.fixture(scope="module")
def seed_store(downloaded_store, tmp_path_factory):
    """A copy of the ``download all`` store with the example figures register loaded."""
    import factbeat

    path = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    shutil.copyfile(downloaded_store, path)
    with factbeat.open(path) as fb:
        fb.register(REGISTER)
    return path


@pytest.fixture(scope="module")
def seeds(seed_store):
    """Each seed article checked as ``factbeat check --date 2017-02-10`` checks it: its claims."""
    import factbeat
    from factbeat.claims import check_text
    from factbeat.claims.ground.grounding import ground_result

    with factbeat.open(seed_store, read_only=True) as fb:
        return [ground_result(fb, check_text(p.read_text(encoding="utf-8"), date="2017-02-10")).claims for p in SEEDS]


def _claim(claims, value, kind: str | None = None):
    found = [c for c in claims if c.stated_value is not None and abs(c.stated_value - value) < 1e-9
             and (kind is None or c.kind.value == kind)]
    assert found, f"no claim stating {value} ({kind or 'any kind'})"
    return found[0]


def _claim_from(claims, start: float):
    return next(c for c in claims if (c.numbers or {}).get("from") == start)


def _says(claim) -> str:
    data = claim.data
    return " ".join(str(data.get(k) or "") for k in ("says", "explanation", "reason"))


def test_barnet_gun_crime_2015_is_supported(seeds):
    claim = _claim(seeds[0], 67, "count")
    assert claim.outcome.value == "correct" and claim.data["verdict"] == "supported"
    assert claim.data["area"]["name"] == "Barnet" and claim.data["measure"]["key"] == "gun_crime"
    assert claim.data["value"] == 67 and "register" not in claim.data["source"][0]


def test_barnet_gun_crime_2016_is_close_to_the_stored_issue(seeds):
    claim = _claim(seeds[0], 76, "count")
    assert claim.outcome.value == "close" and claim.data["verdict"] == "close"
    assert claim.data["value"] == 75 and claim.data["period"]["label"] == "2016"
    assert "differs by 1 from the November 2023 issue of the data" in claim.outcome_reason
    assert "MPS revises past months at each monthly refresh" in claim.outcome_reason


def test_the_13_per_cent_follows_from_the_close_figure(seeds):
    claim = _claim(seeds[0], 13, "percent_change")
    assert claim.outcome.value == "close"
    assert claim.data["value"]["from"] == 67 and claim.data["value"]["to"] == 75
    assert "follows from the close figure" in claim.outcome_reason and "11.9 %" in claim.outcome_reason


def test_london_rise_is_supported_by_the_lower_bound_estimate(seeds):
    rise = _claim(seeds[0], 22, "percent_change")
    assert rise.outcome.value == "correct" and rise.data["area"]["name"] == "London"
    assert rise.data["value"]["from"] == 1878 and rise.data["value"]["to"] == 2303 and rise.data["value"]["estimate"]
    assert "estimate from lower bounds" in _says(rise)
    more = _claim(seeds[0], 420, "count")
    assert more.outcome.value == "correct" and more.data["area"]["name"] == "London"
    assert more.data["value"]["change"] == 2303 - 1878 and more.data["value"]["estimate"]
    assert "estimate from lower bounds" in _says(more) and "change on the year before" in _says(more)


def test_third_lowest_rate_is_contradicted_with_the_injury_reading_listed(seeds):
    rank = _claim(seeds[0], 3, "rank")
    assert rank.outcome.value == "wrong" and rank.data["measure"]["key"] == "violence_against_the_person"
    assert rank.data["value"]["rank"] == 6
    alternatives = {a["measure"]["key"]: a for a in rank.data["alternatives"]}
    assert alternatives["violence_with_injury"]["verdict"] == "supported"
    assert alternatives["violence_with_injury"]["value"]["rank"] == 3


def test_firearm_discharges_are_not_the_same_measure(seeds):
    for claim, stated, stored in ((_claim_from(seeds[1], 7), 7, 6), (_claim(seeds[1], 32, "count"), 32, 18)):
        assert claim.outcome.value == "cant_check" and claim.data["verdict"] == "not_in_data"
        assert claim.data["value"]["stated_source"] == stated and claim.data["value"]["open_series"] == stored
        words = _says(claim)
        assert words.startswith("not the same measure") and f"says {stated}" in words and f"gives {stored} " in words
        assert "wrong" not in words


@pytest.mark.parametrize(("value", "area", "stored"), [(2, "Barnet", 1), (12, "London", 14)])
def test_fatal_shootings_are_contradicted_by_the_homicide_file(seeds, value, area, stored):
    claim = _claim(seeds[1], value, "count")
    assert claim.outcome.value == "wrong" and claim.data["area"]["name"] == area
    assert claim.data["measure"]["key"] == "fatal_shootings" and claim.data["value"] == stored
    assert "recorded, not the date of death" in claim.outcome_reason


def test_one_sixth_is_contradicted_by_14_and_1(seeds):
    share = _claim(seeds[1], 100 / 6 / 100, "share") if any(c.kind.value == "share" for c in seeds[1]) else None
    share = share or next(c for c in seeds[1] if c.kind.value == "share")
    assert share.outcome.value == "wrong"
    assert (share.data["value"]["part"], share.data["value"]["whole"]) == (1, 14)


@pytest.mark.parametrize("value", [690, 384])
def test_firearms_offences_are_register_only(seeds, value):
    claim = _claim(seeds[1], value, "count")
    assert claim.data["area"]["name"] == "London"
    assert claim.data["verdict"] == "supported" and "register" in claim.data["source"][0]
    assert _says(claim).startswith("register only: no open series")


def test_the_doubling_follows_from_the_registered_figures(seeds):
    doubling = next(c for c in seeds[1] if c.kind.value == "multiple")
    assert (doubling.numbers or {}).get("from") == 384 and doubling.numbers.get("to") == 690
    assert doubling.outcome.value == "correct" and doubling.data["value"]["register"] == [384, 690]
    assert _says(doubling).startswith("register only: follows from the registered figures")


def test_past_two_years_is_the_two_years_before_the_story(seeds):
    """ "In the past two years … more than 1,400 firearms … including 230 handed in … in November
    2014 and 2015": the 1,400 is of the two years to the story's date, not of November 2014, so
    the register's 230 for November does not make it wrong."""
    claim = _claim(seeds[0], 1400)
    assert claim.outcome.value != "wrong"
    assert claim.data["period"]["label"] == "February 2015 to January 2017"
