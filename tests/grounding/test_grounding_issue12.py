"""The seven paragraphs of issue 12, in our own words (same facts), and the period and rank rules.

Each sentence states figures from the real MPS borough files; the expected outcome is what the
current data say.
"""

from __future__ import annotations

import pytest


def run(check, text, date):
    return check(text, date=date), text


def at(claims, text, words):
    start = text.index(words)
    best = max(claims, key=lambda c: min(c.span[1], start + len(words)) - max(c.span[0], start))
    assert min(best.span[1], start + len(words)) - max(best.span[0], start) > 0, words
    return best


def test_source_attribution_does_not_beat_the_named_borough(check):
    text = ("According to the Metropolitan Police, robberies in Southwark went up 19 per cent in 2023, "
            "from 1,658 offences in 2022 to 1,969.")
    claims, text = run(check, text, "2024-02-01")
    change = at(claims, text, "went up 19 per cent")
    assert change.data["area"]["name"] == "Southwark"
    assert change.outcome.value == "correct"
    assert at(claims, text, "1,969").outcome.value == "correct"
    assert at(claims, text, "1,658").data["period"]["label"] == "2022"


def test_share_of_london_and_second_only_to(check):
    text = ("Southwark recorded 1,969 robberies in 2023. The borough's robberies were about 6 per cent of all "
            "robberies in London, second only to Westminster.")
    claims, text = run(check, text, "2024-02-01")
    share = at(claims, text, "about 6 per cent")
    assert share.data["area"]["name"] == "Southwark" and share.data["value"]["whole_area"] == "London"
    assert share.outcome.value == "correct"
    rank = at(claims, text, "second only to")
    assert rank.kind.value == "rank" and rank.data["area"]["name"] == "Southwark"
    assert rank.outcome.value == "correct" and rank.data["value"]["rank"] == 2


def test_rank_by_rate_is_about_the_subject_not_london(check):
    text = ("With 17.4 violent offences per 1,000 residents in 2024, Barnet had the third-lowest rate of "
            "violent crime in London.")
    claims, text = run(check, text, "2025-02-01")
    rate = at(claims, text, "17.4 violent offences per 1,000 residents")
    assert rate.data["area"]["name"] == "Barnet" and rate.outcome.value == "correct"
    rank = at(claims, text, "third-lowest rate")
    assert rank.data["value"]["by"] == "rate" and rank.outcome.value == "correct"


def test_each_figure_keeps_its_own_crime_type(check):
    text = "In Barnet thefts went up by a quarter in 2024, to 7,201, while robberies fell to 842 from 937."
    claims, text = run(check, text, "2025-02-01")
    quarter = at(claims, text, "went up by a quarter")
    assert quarter.data["measure"]["key"] == "theft"
    assert quarter.outcome.value == "wrong" and "15.9" in quarter.outcome_reason
    assert at(claims, text, "7,201").outcome.value == "correct"
    robbery = at(claims, text, "842")
    assert robbery.data["measure"]["key"] == "robbery" and robbery.outcome.value == "correct"


def test_more_than_any_other_borough_is_checked(check):
    text = "Croydon recorded more burglaries than any other borough in 2023, 1,806 in all."
    claims, text = run(check, text, "2024-02-01")
    rank = at(claims, text, "more burglaries than any other borough")
    assert rank.kind.value == "rank" and rank.outcome.value == "wrong"
    assert "Westminster" in rank.data["value"]["first"]


def test_rolling_twelve_months(check, fb_g):
    before = fb_g.figure("Croydon", "burglary", "12 months to January 2023").count
    after = fb_g.figure("Croydon", "burglary", "12 months to January 2024").count
    pct = 100 * (after - before) / before
    direction = "fell" if pct < 0 else "rose"
    text = f"Burglaries in Croydon {direction} by {abs(pct):.0f} per cent in the 12 months to January 2024, to {after:,}."
    claims, text = run(check, text, "2024-03-01")
    change = at(claims, text, f"{direction} by")
    assert change.data["period"]["to"]["label"] == "12 months to January 2024"
    assert change.data["period"]["from"]["label"] == "12 months to January 2023"
    assert change.outcome.value == "correct"


def test_almost_a_fifth_accepts_eighteen_point_seven():
    from factbeat.claims.ground.wording import matches

    assert matches(20, 18.7, band="almost", style="fraction")
    assert matches(20, 18.7, band=None, style="fraction")
    assert not matches(20, 17.5, band="almost", style="fraction")
    assert not matches(20, 20.5, band="almost", style="fraction")


@pytest.mark.parametrize(("words", "outcome"), [("about one in eight", "correct"), ("almost a fifth", "wrong")])
def test_word_fractions_against_the_data(check, words, outcome):
    text = f"Westminster accounted for {words} of all robberies in London in 2023."  # 4,135 of 33,868
    claims, text = run(check, text, "2024-02-01")
    assert at(claims, text, words).outcome.value == outcome


@pytest.mark.parametrize("text", ["Burglary fell on 31 September 2016 in Barnet, to 2,000.",
                                  "Robberies in Lambeth reached 1,500 on 2017-02-29.",
                                  "Barnet recorded 7,631 violent crimes last year."])
def test_impossible_dates_never_crash(check, text):
    check(text, date="2017-02-10")


def test_year_one_with_last_year_does_not_crash(check):
    claims = check("Barnet recorded 7,631 violent crimes last year.", date="0001-01-01")
    assert all(c.outcome is not None for c in claims)


def test_financial_year_and_quarter_are_read(fb_g):
    from datetime import date

    from factbeat.claims.ground.when import Relative, period_mentions

    found = {m.words: m.value for m in period_mentions(
        "In 2023/24 and in Q1 2024, unlike the year to March, and the same period last year.", date(2024, 6, 1))}
    assert found["2023/24"].kind == "financial_year"
    assert found["Q1 2024"].start == date(2024, 1, 1) and found["Q1 2024"].end == date(2024, 3, 1)
    assert found["the year to March"].end == date(2024, 3, 1)
    assert isinstance(found["the same period last year"], Relative)


def test_figures_that_are_not_police_data_cannot_be_checked(check):
    text = "The council says it has fitted 350 door locks in Barnet in 2016."
    claims, text = run(check, text, "2017-02-10")
    assert at(claims, text, "350").outcome.value == "cant_check"
