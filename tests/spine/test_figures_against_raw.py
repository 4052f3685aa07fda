"""Figures checked against values computed independently from the raw CSV rows."""

from __future__ import annotations

import pytest
from datafiles import HO_HIST, LEGACY, POPULATION
from rawdata import (
    boroughs,
    competition_ranks,
    ho_total,
    legacy_total,
    months_of_financial_year,
    months_of_year,
    population,
)

LEGACY_CASES = [
    ("Barnet", "violence against the person", "Violence Against the Person", None, 2016),
    ("Barnet", "violence against the person", "Violence Against the Person", None, 2015),
    ("Westminster", "burglary", "Burglary", None, 2014),
    ("Croydon", "robbery", "Robbery", None, 2012),
    ("Hackney", "Theft and Handling", "Theft and Handling", None, 2016),
    ("Tower Hamlets", "drugs", "Drugs", None, 2010),
    ("Lambeth", "rape", "Sexual Offences", "Rape", 2016),
    ("Sutton", "Wounding/GBH", "Violence Against the Person", "Wounding/GBH", 2013),
]


@pytest.mark.parametrize(("area", "measure", "major", "minor", "year"), LEGACY_CASES)
def test_calendar_year_counts_match_raw_legacy_rows(fb_real, area, measure, major, minor, year):
    fig = fb_real.figure(area, measure, str(year), scheme="mps_legacy")
    assert fig.count == legacy_total(LEGACY, area, major, months_of_year(year), minor)
    assert fig.complete
    assert fig.sources and fig.sources[0]["file_name"] == LEGACY.name


HO_CASES = [
    ("Barnet", "violence against the person", "VIOLENCE AGAINST THE PERSON", None, 2016),
    ("Camden", "burglary", "BURGLARY", None, 2019),
    ("Newham", "robbery", "ROBBERY", None, 2021),
    ("Ealing", "violence with injury", "VIOLENCE AGAINST THE PERSON", "VIOLENCE WITH INJURY", 2018),
    ("Islington", "homicide", "VIOLENCE AGAINST THE PERSON", "HOMICIDE", 2022),
]


@pytest.mark.parametrize(("area", "measure", "major", "minor", "year"), HO_CASES)
def test_financial_year_counts_match_raw_home_office_rows(fb_real, area, measure, major, minor, year):
    fig = fb_real.figure(area, measure, f"{year}/{str(year + 1)[2:]}", scheme="home_office")
    assert fig.count == ho_total(HO_HIST, area, major, months_of_financial_year(year), minor)
    assert fig.period.start.isoformat() == f"{year}-04-01"
    assert fig.complete


@pytest.mark.parametrize(("area", "measure", "major", "minor", "year"), HO_CASES[:3])
def test_calendar_year_counts_match_raw_home_office_rows(fb_real, area, measure, major, minor, year):
    fig = fb_real.figure(area, measure, str(year), scheme="home_office")
    assert fig.count == ho_total(HO_HIST, area, major, months_of_year(year), minor)


def test_barnet_violence_2016_is_the_documented_figure(fb_real):
    fig = fb_real.figure("Barnet", "violence against the person", "2016", scheme="mps_legacy")
    assert (fig.count, fig.scheme) == (7631, "mps_legacy")
    assert fig.population == 386198 and fig.population_year == 2016
    assert round(fig.rate_per_1000, 1) == 19.8
    others = {o["scheme"]: o["count"] for o in fig.other_schemes}
    assert others["home_office"] == 6050
    assert fig.to_dict()["other_schemes"][0]["how"].startswith("--scheme")


def test_the_default_scheme_is_the_home_office_series_where_it_covers_the_period(fb_real):
    assert fb_real.figure("Barnet", "violence against the person", "2016").scheme == "home_office"
    assert fb_real.figure("Barnet", "violence against the person", "2009").scheme == "mps_legacy"  # before April 2010


def test_london_total_is_sum_of_all_rows(fb_real):
    fig = fb_real.figure("London", "violence against the person", "2016", scheme="mps_legacy")
    assert fig.count == legacy_total(LEGACY, None, "Violence Against the Person", months_of_year(2016))


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_rank_of_every_borough_by_rate_matches_raw(fb_real, order):
    year = 2016
    rates = {
        b: legacy_total(LEGACY, b, "Violence Against the Person", months_of_year(year)) * 1000 / population(POPULATION, b, year)
        for b in boroughs(LEGACY)
    }
    expected = competition_ranks(rates, ascending=order == "asc")
    ranking = fb_real.rank("violence against the person", str(year), by="rate", order=order, scheme="mps_legacy")
    assert len(ranking.rows) == 32
    assert {row.area.name: row.rank for row in ranking.rows} == expected
    if order == "asc":
        assert ranking.position(fb_real.area("Barnet")).rank == 6


def test_rank_by_count_matches_raw_with_home_office_data(fb_real):
    counts = {b: ho_total(HO_HIST, b, "BURGLARY", months_of_year(2019)) for b in boroughs(LEGACY)}
    ranking = fb_real.rank("burglary", "2019", by="count", order="desc", scheme="home_office")
    assert {row.area.name: row.rank for row in ranking.rows} == competition_ranks(counts, ascending=False)


def test_share_of_london(fb_real):
    result = fb_real.share("Barnet", "homicide", "2016", scheme="mps_legacy")
    assert result.part.count == legacy_total(LEGACY, "Barnet", "Violence Against the Person", months_of_year(2016), "Murder")
    assert result.whole.count == legacy_total(LEGACY, None, "Violence Against the Person", months_of_year(2016), "Murder")
    assert result.share == pytest.approx(result.part.count / result.whole.count)


def test_change_between_years(fb_real):
    result = fb_real.change("Barnet", "violence against the person", "2015", "2016", scheme="mps_legacy")
    assert (result.before.count, result.after.count) == (6948, 7631)
    assert result.absolute == 683
    assert result.percent == pytest.approx(100 * 683 / 6948)
    assert result.ratio == pytest.approx(7631 / 6948)


def test_incomplete_period_is_flagged_not_silently_summed(fb_real):
    fig = fb_real.figure("Barnet", "burglary", "2010", scheme="home_office")  # HO data starts April 2010
    assert not fig.complete
    assert [m.isoformat()[:7] for m in fig.missing_months] == ["2010-01", "2010-02", "2010-03"]
    assert any("incomplete" in note for note in fig.notes)


def test_scheme_choice_prefers_a_complete_scheme(fb_real):
    fig = fb_real.figure("Barnet", "burglary", "2019")  # legacy data ends in 2018
    assert fig.scheme == "home_office" and fig.complete


def test_rolling_twelve_months_equals_financial_year(fb_real):
    rolling = fb_real.figure("Barnet", "robbery", "12 months to March 2017", scheme="home_office")
    fy = fb_real.figure("Barnet", "robbery", "2016/17", scheme="home_office")
    assert rolling.count == fy.count


def test_measure_missing_from_data_says_why(fb_real):
    from factbeat.errors import NoDataError

    with pytest.raises(NoDataError, match="gun crime is not a category in any stored dataset"):
        fb_real.figure("Barnet", "gun crime", "2016")


def test_city_of_london_has_no_met_data(fb_real):
    from factbeat.errors import NoDataError

    with pytest.raises(NoDataError, match="City of London Police"):
        fb_real.figure("City of London", "burglary", "2016")


def test_rank_rows_carry_rate_intervals_and_overlap_bands(fb_real):
    from factbeat.report.sentences import rank_sentence

    ranking = fb_real.rank("violence against the person", "2016", by="rate", order="asc", scheme="mps_legacy")
    barnet = ranking.position(fb_real.area("Barnet"))
    low, high = barnet.rate_ci
    assert low < barnet.rate_per_1000 < high
    assert barnet.indistinguishable == (6, 8)
    assert "cannot be told apart from those ranked 6th- to 8th-lowest" in rank_sentence(ranking, "E09000003")


def test_small_counts_carry_a_warning(fb_real):
    fig = fb_real.figure("Barnet", "homicide", "2016", scheme="mps_legacy")
    assert fig.count < 10
    assert any("small numbers vary" in note for note in fig.notes)
