"""The two seed articles in ../shared/seeds: every claim found and every verdict right.

The articles are read from the shared folder beside the repository; their sentences are never
copied here.  Claims are picked out by their figures (facts), not by their wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factbeat.claims import Claim, ClaimKind, Verdict, check_text

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(
            f"seed articles not found at {SEEDS.resolve()} (../shared/seeds beside the repo)"
        )
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed article {prefix}_*.txt not found in {SEEDS.resolve()}")
    return matches[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def first():
    return check_text(_seed("000"))


@pytest.fixture(scope="module")
def second():
    return check_text(_seed("001"))


def _find(claims: list[Claim], kind: ClaimKind, **numbers: float) -> Claim:
    for claim in claims:
        if claim.kind == kind and all(claim.numbers.get(k) == v for k, v in numbers.items()):
            return claim
    raise AssertionError(f"no {kind.value} claim with {numbers}: {[c.to_dict() for c in claims]}")


def _used_numbers(claims: list[Claim]) -> set[float]:
    return {v for c in claims for v in [c.stated_value, *c.numbers.values()] if v is not None}


def test_percent_change_67_to_76_stated_13_is_consistent(first):
    claim = _find(first.claims, ClaimKind.PERCENT_CHANGE, **{"from": 67, "to": 76})
    assert claim.stated_value == 13
    assert claim.verdict == Verdict.CONSISTENT
    assert "+13.4 %" in claim.explanation


def test_london_22_per_cent_rise_is_unverifiable(first):
    claim = next(
        c for c in first.claims if c.kind == ClaimKind.PERCENT_CHANGE and c.stated_value == 22
    )
    assert claim.verdict == Verdict.UNVERIFIABLE
    assert "from" not in claim.numbers  # only one side (more than 420) is given


def test_firearm_counts_are_plain_unverifiable_counts(first):
    for value in (1400, 230):
        claim = _find(first.claims, ClaimKind.COUNT, count=value)
        assert claim.verdict == Verdict.UNVERIFIABLE


def test_third_lowest_rate_is_an_unverifiable_rank(first):
    claim = next(c for c in first.claims if c.kind == ClaimKind.RANK)
    assert claim.stated_value == 3 and claim.verdict == Verdict.UNVERIFIABLE


def test_times_dates_and_opening_hours_are_not_claims(first):
    used = _used_numbers(first.claims)
    assert not {11, 12, 24} & used  # 11am, February 12, 24 hours a day
    assert all(c.kind != ClaimKind.COUNT or c.stated_value in (1400, 230) for c in first.claims)


def test_years_are_context_not_claims(first):
    claim = _find(first.claims, ClaimKind.PERCENT_CHANGE, **{"from": 67, "to": 76})
    assert claim.years == [2016]
    assert not {2014, 2015, 2016} & _used_numbers(first.claims)


def test_share_one_sixth_links_to_two_of_twelve_paragraphs_later(second):
    claim = _find(second.claims, ClaimKind.SHARE, part=2, whole=12)
    assert claim.verdict == Verdict.CONSISTENT
    assert round(claim.stated_value, 4) == 0.1667
    assert claim.sentence_index == 0
    part_offset = claim.number_spans["part"][0]
    assert part_offset > claim.span[1] + 200  # the figures sit far from the stated share


def test_seven_to_32_went_up_is_direction_consistent(second):
    claim = _find(second.claims, ClaimKind.ABSOLUTE_CHANGE, **{"from": 7, "to": 32})
    assert claim.direction == "up"
    assert claim.verdict == Verdict.CONSISTENT
    assert claim.stated.startswith("went up")


def test_384_to_690_almost_doubling_is_consistent(second):
    claim = _find(second.claims, ClaimKind.MULTIPLE, **{"from": 384, "to": 690})
    assert claim.qualifier == "almost" and claim.stated_value == 2
    assert claim.verdict == Verdict.CONSISTENT
    assert claim.computed_value == pytest.approx(690 / 384)


def test_birthday_and_list_name_are_not_claims(second):
    used = _used_numbers(second.claims)
    assert not {18, 30, 2010} & used


def test_no_inconsistent_verdicts_in_the_seeds(first, second):
    assert all(c.verdict != Verdict.INCONSISTENT for c in first.claims + second.claims)


def test_number_spans_point_at_the_figures(first, second):
    for result in (first, second):
        for claim in result.claims:
            assert result.text[claim.span[0] : claim.span[1]] == claim.text
            for role, (start, end) in claim.number_spans.items():
                written = result.text[start:end].replace(",", "")
                assert written, role
