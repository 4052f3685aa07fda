"""The figures behind the seed articles, from the stored series (fb.figure, not the claim checker).

Press figures for comparison: Barnet gun crime 67 (2015) and 76 (2016); Barnet 'firearm
discharges' 7 and 32 (an FOI answer, a wider measure); 12 fatal shootings in London in 2016,
two of them in Barnet.  The stored series say 67 and 75, 6 and 18 lethal barrel discharges, and
14 and 1 shooting victims (by recorded month).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("measure", "year", "expected"), [
    ("gun crime", 2015, 67), ("gun crime", 2016, 75),
    ("lethal barrel discharges", 2015, 6), ("lethal barrel discharges", 2016, 18),
])
def test_barnet_dashboard_figures_are_complete_in_the_capped_copy(fb_london, measure, year, expected):
    fig = fb_london.figure("Barnet", measure, str(year))
    assert fig.count == expected
    assert fig.complete and fig.bound is None and fig.scheme == "mps_dashboard"
    assert fig.capped["missing_borough_months"] == [] and fig.capped["borough_months_checked"] == 12


def test_the_press_figure_76_is_one_more_than_the_stored_issue(fb_london):
    assert fb_london.figure("Barnet", "gun crime", "2016").count == 76 - 1


@pytest.mark.parametrize(("area", "expected"), [("London", 14), ("Barnet", 1)])
def test_fatal_shootings_2016(fb_london, area, expected):
    fig = fb_london.figure(area, "fatal shootings", "2016")
    assert fig.count == expected and fig.complete
    assert "recorded" in fig.measure.definition  # the recorded-date caveat travels with the figure


def test_london_gun_crime_rise_from_the_lower_bounds(fb_london):
    before, after = (fb_london.figure("London", "gun crime", y) for y in ("2015", "2016"))
    assert (before.count, after.count) == (1878, 2303)
    assert before.bound == after.bound == "lower"
    assert after.count - before.count > 420 and round(100 * (after.count - before.count) / before.count) == 23


def test_76_is_close_to_the_stored_75_within_the_revision_margin(fb_london):
    from factbeat.stats.close import close_verdict, within_revision_margin

    fig = fb_london.figure("Barnet", "gun crime", "2016")
    verdict = close_verdict(fb_london.catalog, fig, 76)
    assert verdict["verdict"] == "close" and verdict["difference"] == 1
    assert verdict["explanation"].startswith("differs by 1 from the November 2023 issue of the data (75)")
    assert "MPS revises past months at each monthly refresh" in verdict["explanation"]
    assert close_verdict(fb_london.catalog, fig, 75) is None  # equal: supported, not close
    assert close_verdict(fb_london.catalog, fig, 80) is None  # 5 off: contradicted
    # at most 2 offences and at most 2 % of the stored count: both limits
    assert within_revision_margin(1002, 1000) and not within_revision_margin(1003, 1000)
    assert within_revision_margin(98, 100) and not within_revision_margin(97, 100)
    assert within_revision_margin(51, 50) and not within_revision_margin(11, 10)
    assert not within_revision_margin(1020, 1000)  # 2 % of a large count is more than a revision


def test_the_homicide_file_is_never_close(fb_london):
    from factbeat.stats.close import close_verdict

    fig = fb_london.figure("London", "fatal shootings", "2016")
    assert fig.count == 14 and close_verdict(fb_london.catalog, fig, 13) is None


def test_a_lower_bound_is_never_close(fb_london):
    from factbeat.stats.close import close_verdict

    assert close_verdict(fb_london.catalog, fb_london.figure("London", "gun crime", "2016"), 2304) is None
