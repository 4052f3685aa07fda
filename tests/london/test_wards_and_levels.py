"""Wards and LSOAs as a hierarchy: names resolved with their borough, never summed into boroughs."""

from __future__ import annotations

import pytest

from factbeat.errors import NoDataError, UnknownNameError


def test_a_ward_name_in_two_boroughs_asks_which(fb_london):
    with pytest.raises(UnknownNameError) as caught:
        fb_london.area("Highgate")
    assert caught.value.suggestions == ["Highgate (Camden)", "Highgate (Haringey)"]
    assert "name the borough" in str(caught.value)


@pytest.mark.parametrize("text", ["Highgate, Haringey", "Highgate (Haringey)", "Highgate in Haringey"])
def test_a_ward_name_with_its_borough_resolves(fb_london, text):
    area = fb_london.area(text)
    assert (area.name, area.kind, area.parent) == ("Highgate", "ward", "E09000014")


def test_ward_and_lsoa_codes_resolve_to_their_borough(fb_london):
    assert fb_london.area("E01000006").parent == "E09000002"
    assert fb_london.area("E05013630").name == "Burnt Oak"


def test_a_borough_figure_never_comes_from_ward_or_lsoa_rows(fb_london):
    """The store holds ward and LSOA burglary but no borough burglary file: no borough figure."""
    with pytest.raises(NoDataError, match="not a category in any stored dataset"):
        fb_london.figure("Barnet", "burglary", "2025")
    with pytest.raises(NoDataError):
        fb_london.figure("London", "burglary", "2025")


def test_a_ward_figure_never_comes_from_borough_rows(fb_london):
    fig = fb_london.figure("Burnt Oak", "knife crime", "2023")
    assert fig.scheme == "mps_dashboard_ward"
    assert fig.count < fb_london.figure("Barnet", "knife crime", "2023").count


def test_ward_and_borough_rankings_stay_apart(fb_london):
    ranking = fb_london.rank("gun crime", "2023", by="count")
    assert len(ranking.rows) == 32 and all(row.area.is_borough for row in ranking.rows)


def test_rates_per_100000_for_rare_crimes_and_per_override(fb_london):
    shootings = fb_london.figure("London", "fatal shootings", "2016")
    assert shootings.rate_base == 100_000
    assert shootings.rate == pytest.approx(14 * 100_000 / shootings.population)
    assert fb_london.figure("London", "fatal shootings", "2016", per=1000).rate == pytest.approx(14 * 1000 / shootings.population)
    knife = fb_london.figure("Lambeth", "knife crime", "2023")
    assert knife.rate_base == 1000 and knife.to_dict()["rate_per"] == 1000
