"""The checker's 'close' rule and lower bounds, in our own sentences, against the London series.

Figures (from the raw files, see test_seed_figures.py): Barnet gun crime 67 (2015) and 75 (2016),
complete; London gun crime at least 1,878 (2015) and at least 2,303 (2016), lower bounds from the
capped file; fatal shootings in London 2016: 14 (homicide victims file).
"""

from __future__ import annotations

import pytest


@pytest.fixture()
def check(fb_london):
    from factbeat.claims import check_text
    from factbeat.claims.ground.grounding import ground_result

    def _check(text: str):
        return ground_result(fb_london, check_text(text, date="2017-03-01")).claims

    return _check


def _by_value(claims, value, kind):
    return next(c for c in claims if c.kind.value == kind and c.stated_value is not None and abs(c.stated_value - value) < 1e-9)


def test_one_off_is_close_and_the_change_from_it_follows(check):
    claims = check("Police in Barnet logged 76 gun crimes during 2016, up from 67 the year before, a jump of 13 per cent.")
    count = _by_value(claims, 76, "count")
    assert count.outcome.value == "close" and "November 2023 issue" in count.outcome_reason
    change = _by_value(claims, 13, "percent_change")
    assert change.outcome.value == "close" and "follows from the close figure" in change.outcome_reason


@pytest.mark.parametrize("stated", [78, 80, 70])
def test_more_than_the_margin_is_wrong(check, stated):
    claim = _by_value(check(f"Police in Barnet logged {stated} gun crimes in 2016."), stated, "count")
    assert claim.outcome.value == "wrong" and claim.data["value"] == 75


def test_the_homicide_file_has_no_revision_margin(check):
    claim = _by_value(check("In 2016, 13 people were shot dead in London."), 13, "count")
    assert claim.outcome.value == "wrong" and claim.data["value"] == 14
    assert "recorded, not the date of death" in claim.outcome_reason


def test_a_count_the_lower_bound_rules_out_is_wrong(check):
    claim = _by_value(check("Police in London logged 1,500 gun crimes in 2016."), 1500, "count")
    assert claim.outcome.value == "wrong" and "at least 2,303" in claim.outcome_reason


def test_more_than_a_figure_the_lower_bound_exceeds_is_supported(check):
    claim = _by_value(check("Police in London logged more than 2,200 gun crimes in 2016."), 2200, "count")
    assert claim.outcome.value == "correct" and "lower-bound estimate" in claim.data["explanation"]


def test_more_than_a_figure_above_the_lower_bound_cannot_be_checked(check):
    claim = _by_value(check("Police in London logged more than 3,000 gun crimes in 2016."), 3000, "count")
    assert claim.outcome.value == "cant_check" and "only a lower bound" in claim.data["reason"]


def test_a_change_between_lower_bounds_is_an_estimate(check):
    supported = _by_value(check("Across London gun crime rose by 23 per cent in 2016."), 23, "percent_change")
    assert supported.outcome.value == "correct" and supported.data["value"]["estimate"]
    assert "estimate from lower bounds" in supported.data["explanation"]
    unsettled = _by_value(check("Across London gun crime rose by 40 per cent in 2016."), 40, "percent_change")
    assert unsettled.outcome.value == "cant_check"  # an estimate never contradicts
    assert "+22.6 %" in unsettled.data["reason"]


def test_the_rules_on_their_own():
    from types import SimpleNamespace

    from factbeat.claims.ground import estimates

    gaps = {"borough_months_checked": 384, "missing_borough_months": [{}] * 39, "missing_filled": 22}
    lower = SimpleNamespace(count=2303, bound="lower", capped=gaps)
    assert estimates.judge_count(2200, "more_than", lower)[0] == "supported"
    assert estimates.judge_count(420, "more_than", lower)[0] == "contradicted"  # 'more than 420' is not written for 2,303+
    assert estimates.judge_count(2303, "at_least", lower)[0] == "supported"
    assert estimates.judge_count(2400, None, lower)[0] == "not_in_data"
    assert estimates.judge_count(2000, "almost", lower)[0] == "contradicted"
    assert round(estimates.unfilled_share(lower), 4) == round(17 / 384, 4)
    sparse = SimpleNamespace(count=1000, bound="lower", capped={**gaps, "missing_borough_months": [{}] * 80})
    change = SimpleNamespace(value=22.0, band=None, style="round", decimals=0, direction="up")
    assert estimates.judge_change(change, sparse, lower, 22.0, "+22.0 %")[0] == "not_in_data"
