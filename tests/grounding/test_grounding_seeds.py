"""The two seed articles against the real data and the example register (read from ../shared/seeds)."""

from __future__ import annotations

import csv

import pytest
from datafiles import LEGACY, POPULATION, SHARED

SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []


@pytest.fixture(params=SEEDS, ids=lambda p: p.name)
def seed_claims(request, check):
    return check(request.param.read_text(encoding="utf-8"))


@pytest.mark.skipif(not SEEDS, reason="seed articles not present")
def test_every_claim_gets_a_data_verdict_or_a_reason(seed_claims):
    assert seed_claims
    for claim in seed_claims:
        data = claim.data
        assert data["verdict"] in ("supported", "contradicted", "not_in_data")
        if data["verdict"] == "not_in_data":
            assert data["reason"] or any(a["verdict"] == "supported" for a in data["alternatives"])
        assert data["explanation"]


def _by_numbers(claims, **numbers):
    for claim in claims:
        if all(claim.numbers.get(k) == v for k, v in numbers.items()):
            return claim
    raise AssertionError(f"no claim with {numbers}")


@pytest.mark.skipif(len(SEEDS) < 2, reason="seed articles not present")
def test_seed_one_verdicts(check):
    claims = check(SEEDS[0].read_text(encoding="utf-8"))
    barnet = _by_numbers(claims, **{"from": 67, "to": 76})
    assert barnet.data["verdict"] == "supported"
    assert barnet.data["area"]["name"] == "Barnet" and barnet.data["measure"]["key"] == "gun_crime"
    assert barnet.data["period"]["from"]["label"] == "2015" and barnet.data["period"]["to"]["label"] == "2016"
    assert "register" in barnet.data["source"][0]
    london = next(c for c in claims if c.kind.value == "percent_change" and c.stated_value == 22)
    assert london.data["area"]["name"] == "London" and london.data["verdict"] == "supported"


def _independent_rank(major: str, minors: set[str] | None, year: int = 2016) -> int:
    """Barnet's rank (lowest rate = 1) computed straight from the raw CSV and population file."""
    months = [f"{year}{m:02d}" for m in range(1, 13)]
    counts: dict[str, int] = {}
    with open(LEGACY, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Major Category"] == major and (minors is None or row["Minor Category"] in minors):
                counts[row["Borough"]] = counts.get(row["Borough"], 0) + sum(int(row[m]) for m in months)
    with open(POPULATION, newline="", encoding="utf-8") as handle:
        pop = {r["name"]: int(r["population"]) for r in csv.DictReader(handle) if int(r["year"]) == year}
    rates = {b: c / pop[b] for b, c in counts.items()}
    return 1 + sum(1 for r in rates.values() if r < rates["Barnet"])


@pytest.mark.skipif(len(SEEDS) < 2, reason="seed articles not present")
def test_third_lowest_rate_of_violent_offences_is_checked_against_every_borough(check):
    claims = check(SEEDS[0].read_text(encoding="utf-8"))
    rank = next(c for c in claims if c.kind.value == "rank")
    data = rank.data
    expected = _independent_rank("Violence Against the Person", None)
    assert expected == 6
    assert data["value"]["rank"] == expected and data["value"]["of"] == 32
    assert data["value"]["population_year"] == 2016
    assert data["verdict"] == "contradicted"
    alternatives = {a["measure"]["key"]: a for a in data["alternatives"]}
    injury = _independent_rank("Violence Against the Person", {"Assault with Injury", "Wounding/GBH", "Grievous Bodily Harm"})
    assert alternatives["violence_with_injury"]["value"]["rank"] == injury == 3
    assert alternatives["violence_with_injury"]["verdict"] == "supported"
    assert alternatives["assault_with_injury"]["value"]["rank"] == _independent_rank(
        "Violence Against the Person", {"Assault with Injury"}) == 3


@pytest.mark.skipif(len(SEEDS) < 2, reason="seed articles not present")
def test_seed_two_verdicts(check):
    claims = check(SEEDS[1].read_text(encoding="utf-8"))
    share = next(c for c in claims if c.kind.value == "share")
    assert share.data["verdict"] == "supported"
    assert share.data["area"]["name"] == "Barnet"
    assert (share.data["value"]["part"], share.data["value"]["whole"]) == (2, 12)
    assert _by_numbers(claims, **{"from": 7, "to": 32}).data["verdict"] == "supported"
    doubling = _by_numbers(claims, **{"from": 384, "to": 690})
    # both ends are FOI figures only the register holds: the doubling follows from them, register only
    assert doubling.data["verdict"] == "supported"
    assert doubling.data["says"].startswith("register only") and doubling.data["value"]["register"] == [384, 690]
