"""Comparisons with another area, and the resolution rules found on the development set's misses.

Sentences are our own; expected values are computed from the same store the check reads.
"""

from __future__ import annotations

from datetime import date

from factbeat.claims.ground.figures import find_figures
from factbeat.claims.ground.resolve import Story
from factbeat.claims.read.sentences import split_sentences


def at(claims, text, words):
    """The claim whose words overlap ``words`` most (as the grounding set's scorer picks it)."""
    start = text.index(words)
    end = start + len(words)
    best = max(claims, key=lambda c: min(c.span[1], end) - max(c.span[0], start))
    assert min(best.span[1], end) - max(best.span[0], start) > 0, words
    return best


def resolved(text: str, when: str = "2024-02-01"):
    spans = [(s.start, s.end) for s in split_sentences(text)]
    return Story(text, spans, date.fromisoformat(when)).resolve(find_figures(text))


def test_more_than_another_borough_is_checked_by_count(check, fb_g):
    ealing, hounslow = (fb_g.figure(b, "burglary", "2023").count for b in ("Ealing", "Hounslow"))
    assert ealing > hounslow
    text = "Ealing recorded more burglaries than Hounslow in 2023, police figures show."
    claim = at(check(text, date="2024-03-01"), text, "more burglaries than Hounslow")
    assert claim.kind.value == "comparison"
    assert claim.data["area"]["name"] == "Ealing" and claim.data["compared_with"]["name"] == "Hounslow"
    assert claim.data["value"]["by"] == "count" and claim.outcome.value == "correct"
    text = "Hounslow recorded more burglaries than Ealing in 2023."
    assert at(check(text, date="2024-03-01"), text, "more burglaries than Ealing").outcome.value == "wrong"


def test_below_that_of_another_borough_compares_rates(check, fb_g):
    sutton = fb_g.figure("Sutton", "violence_against_the_person", "2023")
    text = (f"Sutton recorded {sutton.count:,} violent offences in 2023. Its rate of violence per 1,000 residents "
            "was below that of Enfield.")
    claim = at(check(text, date="2024-03-01"), text, "below that of Enfield")
    assert claim.data["value"]["by"] == "rate" and claim.data["compared_with"]["name"] == "Enfield"
    assert claim.data["value"]["difference"] < 0 and claim.outcome.value == "correct"


def test_higher_than_the_london_average(check):
    text = "Westminster's robbery rate per 1,000 residents in 2023 was higher than the London average."
    claim = at(check(text, date="2024-03-01"), text, "higher than the London average")
    assert claim.data["compared_with"]["name"] == "London" and claim.outcome.value == "correct"


def test_a_multiple_of_another_boroughs_figure(check, fb_g):
    merton = fb_g.figure("Merton", "robbery", "2023").count
    text = (f"Haringey's robbery total in 2023 was more than triple the {merton:,} recorded in neighbouring Merton, "
            "the Met says.")
    claim = at(check(text, date="2024-03-01"), text, "more than triple")
    assert claim.data["area"]["name"] == "Haringey" and claim.data["compared_with"]["name"] == "Merton"
    assert claim.outcome.value == "correct"


def test_the_boroughs_ahead_of_a_rank_are_part_of_it():
    figures = find_figures("Enfield had the third-highest number in London, behind Croydon and Westminster.")
    assert [f.kind for f in figures] == ["rank"]


def test_another_areas_figure_after_compared_with_is_the_same_period():
    text = "Ealing recorded 933 robberies in 2023, compared with 615 in Hounslow."
    items = {int(r.figure.value): r for r in resolved(text)}
    assert items[615].area.value.name == "Hounslow" and items[615].period.value.label == "2023"
    assert items[933].area.value.name == "Ealing"


def test_with_a_figure_after_a_container_is_the_subjects():
    text = "Westminster accounted for almost a third of all robberies in the capital, with 6,000."
    items = {r.figure.kind: r for r in resolved(text)}
    assert items["count"].area.value.name == "Westminster"


def test_a_london_container_before_a_colon_is_not_the_figures_area():
    text = "Ealing saw more robberies in 2023 than anywhere else in the capital: 933 were recorded."
    count = next(r for r in resolved(text) if r.figure.kind == "count")
    assert count.area.value.name == "Ealing"


def test_a_year_looked_back_to_does_not_become_the_storys_period():
    text = ("Ealing recorded 1,959 burglaries in 2023, the highest number since 2019, when 1,990 were recorded. "
            "Robberies reached 933.")
    items = {int(r.figure.value): r for r in resolved(text) if r.figure.kind == "count"}
    assert items[1990].period.value.label == "2019"
    assert items[933].period.value.label == "2023"


def test_teenagers_killed_are_teenage_homicide_victims():
    text = "Eleven teenagers were killed in London in 2022, police said. Seven of the dead were teenagers in 2023."
    keys = [r.measure.value for r in resolved(text) if r.figure.kind == "count"]
    assert keys == ["teenage_homicide", "teenage_homicide"]
    text = "Some 40 teenagers joined the youth club in Ealing in 2023."
    assert [r.measure.value for r in resolved(text)] == ["not_data"]


def test_a_ward_after_a_sentence_opening_word():
    from factbeat.claims.ground.lexicon import ward_mentions
    from factbeat.taxonomy.areas import find_area
    from factbeat.taxonomy.wards import SmallArea, learn_small_areas

    learn_small_areas([SmallArea("E05999901", "Larkspur Green", "ward", "E09000030")])  # a made-up ward
    text = "Crime in Tower Hamlets fell. Neighbouring Larkspur Green saw a rise. Nearby Spot was quiet."
    found = ward_mentions(text, [find_area("Tower Hamlets")])
    assert [(w, a.code) for _s, _e, a, w in found] == [("Larkspur Green", "E05999901")]


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole)


def test_of_the_total_is_the_areas_all_crime(check, fb_g):
    part, whole = (fb_g.figure("Ealing", m, "2023").count for m in ("burglary", "total_crime"))
    text = f"Ealing recorded {whole:,} crimes in 2023. Burglary accounted for {part:,}, {_percent(part, whole)} per cent of the total."
    claim = at(check(text, date="2024-03-01"), text, f"{_percent(part, whole)} per cent of the total")
    assert claim.data["value"]["whole_measure"] == "All recorded crime" and claim.data["value"]["whole_area"] == "Ealing"
    assert claim.outcome.value == "correct"


def _personal_robbery_share(fb_g) -> tuple[int, int, str]:
    """Ealing's robberies in 2023, those of personal property, and the one's share of the other."""
    from factbeat.claims.ground.lexicon import measure_for_key

    whole = fb_g.figure("Ealing", "robbery", "2023").count
    part = fb_g.figure("Ealing", measure_for_key("robbery_personal"), "2023").count
    return whole, part, _percent(part, whole)


def test_all_such_is_the_broader_crime_named_before(check, fb_g):
    whole, part, share = _personal_robbery_share(fb_g)
    text = (f"Robberies in Ealing rose to {whole:,} in 2023. The borough recorded {part:,} robberies of personal "
            f"property, around {share} per cent of all such robberies.")
    claim = at(check(text, date="2024-03-01"), text, f"around {share} per cent")
    assert claim.data["value"]["whole_measure"] == "Robbery" and claim.outcome.value == "correct"


def test_a_share_after_of_them_restates_part_and_whole(check, fb_g):
    whole, part, share = _personal_robbery_share(fb_g)
    text = (f"Ealing recorded {whole:,} robberies in 2023. Police data show {part:,} of them were robberies of "
            f"personal property, roughly {share} per cent.")
    claim = at(check(text, date="2024-03-01"), text, f"roughly {share} per cent")
    assert claim.data["value"]["whole"] == whole and claim.outcome.value == "correct"


def test_of_the_n_names_the_whole_of_a_share_standing_alone(check, fb_g):
    from factbeat.claims.ground.lexicon import measure_for_key

    whole = fb_g.figure("Ealing", "violence_against_the_person", "2023").count
    part = fb_g.figure("Ealing", measure_for_key("violence_with_injury"), "2023").count
    text = (f"Of the {whole:,} violent offences recorded in Ealing in 2023, {part:,} involved violence with injury, "
            "around three in ten.")
    claim = at(check(text, date="2024-03-01"), text, "around three in ten")
    assert claim.data["value"]["whole"] == whole and claim.outcome.value == "correct"


def test_half_of_all_x_were_y_reads_whole_then_part():
    text = "Ealing recorded many violent offences in 2023; more than a quarter of all violent offences were violence with injury."
    share = next(r for r in resolved(text) if r.figure.kind == "share")
    assert share.whole_measure.value == "violence_against_the_person" and share.measure.value == "violence_with_injury"


def test_a_fraction_closing_a_clause_is_a_share():
    figures = find_figures("Of the 900 burglaries, 310 were in homes, just over a third.")
    assert [(f.kind, f.words) for f in figures][-1] == ("share", "just over a third")


def test_only_x_with_n_recorded_more_keeps_the_rank_and_the_leaders_count(check, fb_g):
    ranking = fb_g.rank("burglary", "2023", by="count")
    first, second = ranking.rows[0], ranking.rows[1]
    text = (f"{second.area.name} recorded {second.count:,} burglaries in 2023. Only {first.area.name}, with "
            f"{first.count:,}, recorded more.")
    claims = check(text, date="2024-03-01")
    rank = at(claims, text, f"Only {first.area.name}, with {first.count:,}, recorded more")
    assert rank.kind.value == "rank" and rank.outcome.value == "correct"
    count = at(claims, text, f"Only {first.area.name}, with {first.count:,}")
    assert count.kind.value == "count" and count.data["area"]["name"] == first.area.name
    assert count.outcome.value == "correct"


def test_a_change_after_a_count_keeps_its_own_words(check, fb_g):
    then, now = (fb_g.figure("Ealing", "burglary", y).count for y in ("2022", "2023"))
    text = f"Ealing recorded {now:,} burglaries in 2023, an increase of {now - then:,} on 2022, the Met says."
    claims = check(text, date="2024-03-01")
    count = at(claims, text, f"{now:,} burglaries")
    assert count.kind.value == "count" and count.data["period"]["label"] == "2023"
    change = at(claims, text, f"an increase of {now - then:,} on 2022")
    assert change.kind.value == "absolute_change" and change.outcome.value == "correct"


def test_a_change_of_something_police_do_not_count_cannot_be_checked(check, fb_g):
    burglaries = fb_g.figure("Ealing", "burglary", "2023").count
    text = (f"Ealing recorded {burglaries:,} burglaries in 2023. A survey by the council found footfall in the "
            "town centre rose by 7 per cent over the same period.")
    claim = at(check(text, date="2024-03-01"), text, "rose by 7 per cent")
    assert claim.outcome.value == "cant_check"
    text = f"Ealing recorded {burglaries:,} burglaries in 2023, while door locks fitted rose by 12 per cent."
    claim = at(check(text, date="2024-03-01"), text, "rose by 12 per cent")
    assert claim.outcome.value == "cant_check" and claim.data["measure"]["key"] == "not_data"


def test_a_part_of_a_flagged_crime_uses_the_combined_measure():
    text = "Croydon recorded 4,000 domestic abuse offences in 2023, and 1,100 of them involved violence with injury."
    counts = {int(r.figure.value): r for r in resolved(text) if r.figure.kind == "count"}
    assert counts[1100].measure.value == "domestic_abuse_violence_with_injury"


def test_a_record_since_a_year_is_checked_against_every_year_since(check):
    # Ealing robberies: 1,293 in 2019, then 865, 612, 667 and 933 in 2023
    text = "Ealing recorded 933 robberies in 2023, the highest number since 2019, police figures show."
    claim = at(check(text, date="2024-03-01"), text, "the highest number since 2019")
    assert claim.outcome.value == "correct" and claim.data["value"]["nearest_period"] == "2020"
    assert claim.data["period"]["label"] == "2023"
    text = "Ealing recorded 933 robberies in 2023, the highest number since 2018."
    assert at(check(text, date="2024-03-01"), text, "the highest number since 2018").outcome.value == "wrong"


def test_more_than_in_any_year_since_includes_that_year(check):
    text = "Ealing recorded 933 robberies in 2023, more than in any year since 2020."
    assert at(check(text, date="2024-03-01"), text, "more than in any year since 2020").outcome.value == "correct"
    text = "Ealing recorded 933 robberies in 2023, more than in any year since at least 2019."
    assert at(check(text, date="2024-03-01"), text, "more than in any year since at least 2019").outcome.value == "wrong"
    text = "Ealing recorded 612 robberies in 2021, the lowest number since 2015."
    assert at(check(text, date="2022-03-01"), text, "the lowest number since 2015").outcome.value == "correct"


def test_since_a_month_last_year_is_the_months_since_against_as_many_before():
    text = "Robberies in Ealing have doubled since the opening of the new station in May last year."
    change = next(r for r in resolved(text, "2024-05-20") if r.figure.kind == "multiple")
    assert change.period.value.label == "12 months to April 2024"
    assert change.before.value.label == "12 months to April 2023"
    text = "Burglaries in Hounslow have fallen by 10 per cent since 1 November 2023."
    change = next(r for r in resolved(text, "2024-03-02") if r.figure.kind == "percent_change")
    assert (change.before.value.label, change.period.value.label) == ("July 2023 to October 2023", "November 2023 to February 2024")


def test_twice_another_boroughs_count_and_rate(check):
    # robbery in 2023: Lambeth 1,870 and Ealing 933 offences; rates per 1,000: Camden 6.1, Brent 3.1, Barnet 2.4
    text = "Lambeth recorded twice as many robberies as Ealing in 2023, police figures show."
    claim = at(check(text, date="2024-03-01"), text, "twice as many robberies as Ealing")
    assert claim.kind.value == "multiple" and claim.data["compared_with"]["name"] == "Ealing"
    assert claim.outcome.value == "correct"
    text = "In 2023 Camden's robbery rate per 1,000 residents was twice Brent's."
    claim = at(check(text, date="2024-03-01"), text, "twice Brent's")
    assert claim.data["area"]["name"] == "Camden" and claim.outcome.value == "correct"
    text = "In 2023 Camden's robbery rate per 1,000 residents was twice Ealing's."
    assert at(check(text, date="2024-03-01"), text, "twice Ealing's").outcome.value == "wrong"


def test_a_comparison_with_no_area_after_it_is_not_a_claim(check):
    text = "Ealing recorded 933 robberies in 2023, more than Met officers had expected."
    claims = check(text, date="2024-03-01")
    assert not [c for c in claims if c.kind.value == "comparison" and c.origin == "data"]


def test_a_list_of_boroughs_ahead_are_all_targets():
    text = "Newham recorded 1,501 robberies in 2023. Only Westminster, Lambeth and Southwark recorded more."
    items = resolved(text)
    rank = next(r for r in items if r.figure.kind == "rank")
    assert rank.area.value.name == "Newham" and rank.figure.extra["above"] == ["Westminster", "Lambeth", "Southwark"]


def test_per_cent_of_them_were_x_names_the_part():
    text = "Newham recorded 1,501 robberies in 2023. About 90 per cent of them were robberies of personal property."
    share = next(r for r in resolved(text) if r.figure.kind == "share")
    assert share.measure.value == "robbery_personal" and share.whole_measure.value == "robbery"
    assert share.area.value.name == "Newham"


def test_an_area_in_a_later_clause_is_not_the_subject_of_a_change():
    text = "Haringey recorded 1,532 robberies in 2023. That was up 18 per cent on 2022, while Enfield saw 914."
    change = next(r for r in resolved(text) if r.figure.kind == "percent_change")
    assert change.area.value.name == "Haringey"


def test_than_in_another_borough_is_a_target():
    text = "Knife crime in Southwark was higher than in Lambeth in 2023, though the borough's rate was lower than Lambeth's."
    comparisons = [r for r in resolved(text) if r.figure.kind == "comparison"]
    assert [(r.area.value.name, r.other_area.value.name) for r in comparisons] == [("Southwark", "Lambeth")] * 2


def test_its_names_the_storys_subject_and_a_share_of_another_boroughs_number(check):
    # burglary 2023/24: Kingston upon Thames 759, Hackney 2,493 (30 per cent)
    text = ("Burglary in Kingston upon Thames stayed low in 2023/24. Its 759 burglaries were about a third of the "
            "number in Hackney.")
    claims = check(text, date="2024-06-01")
    assert at(claims, text, "759 burglaries").data["area"]["name"] == "Kingston upon Thames"
    share = at(claims, text, "about a third of the number in Hackney")
    assert share.data["value"]["whole_area"] == "Hackney" and share.outcome.value == "correct"


def test_times_the_figure_of_an_earlier_period(check):
    # Harrow shoplifting: 514 in 2021/22, 1,957 in 2024/25 (x3.8)
    text = "Shoplifting in Harrow reached 1,957 offences in 2024/25, almost four times the 514 recorded in 2021/22."
    claims = check(text, date="2025-06-01")
    multiple = at(claims, text, "almost four times")
    assert multiple.data["period"]["from"]["label"] == "2021/22" and multiple.outcome.value == "correct"
    assert at(claims, text, "the 514 recorded in 2021/22").data["period"]["label"] == "2021/22"


def test_a_lower_rate_than_any_other_borough_is_a_rank(check):
    text = "Bexley had a lower rate of burglary than any other borough in 2023/24."
    claim = at(check(text, date="2024-06-01"), text, "a lower rate of burglary than any other borough")
    assert claim.kind.value == "rank" and claim.data["value"]["by"] == "rate" and claim.outcome.value == "correct"


def test_times_as_many_as_any_other_borough_is_against_the_next_highest(check, fb_g):
    ranking = fb_g.rank("theft_from_the_person", "2023", by="count")
    first, second = ranking.rows[0], ranking.rows[1]
    ratio = first.count / second.count
    text = (f"{first.area.name} recorded about {round(ratio)} times as many thefts from the person as any other "
            "borough in 2023.")
    claim = at(check(text, date="2024-03-01"), text, f"about {round(ratio)} times")
    assert claim.data["compared_with"]["name"] == second.area.name
    assert claim.data["value"] == round(ratio, 4)


def test_a_record_over_rolling_twelve_months_compares_the_same_months_of_earlier_years(check):
    text = "Shoplifting in Croydon reached 3,175 offences in the year to June 2024, the highest number since 2010."
    claim = at(check(text, date="2024-08-01"), text, "the highest number since 2010")
    assert claim.data["period"]["label"] == "12 months to June 2024"
    assert claim.data["value"]["nearest_period"].startswith("12 months to June")


def test_more_than_two_boroughs_must_beat_both(check):
    # robbery 2023: Southwark 1,969, Lambeth 1,870, Ealing 933
    text = "Southwark recorded more robberies than Lambeth and Ealing in 2023."
    assert at(check(text, date="2024-03-01"), text, "more robberies than Lambeth and Ealing").outcome.value == "correct"
    text = "Lambeth recorded more robberies than Ealing and Southwark in 2023."
    assert at(check(text, date="2024-03-01"), text, "more robberies than Ealing and Southwark").outcome.value == "wrong"


def test_a_share_of_them_at_the_end_of_a_sentence():
    text = "Lambeth recorded 1,870 robberies in 2023. Robberies of personal property made up about nine in ten of them."
    share = next(r for r in resolved(text) if r.figure.kind == "share")
    assert share.measure.value == "robbery_personal" and share.whole_measure.value == "robbery"


def test_the_highest_number_of_x_of_any_borough_outside_one(check):
    text = "Southwark had the highest number of robberies of any borough outside Westminster in 2023."
    claim = at(check(text, date="2024-03-01"), text, "the highest number of robberies of any borough outside Westminster")
    assert claim.kind.value == "rank" and claim.data["value"]["of"] == 31 and claim.outcome.value == "correct"
    text = "Lambeth had the highest number of robberies of any borough in 2023."
    assert at(check(text, date="2024-03-01"), text, "the highest number of robberies").outcome.value == "wrong"


def test_more_than_several_boroughs_combined_is_their_sum(check):
    # thefts from the person 2023: Westminster 24,531, Camden 6,029, Kensington and Chelsea 2,255
    text = "Westminster recorded more thefts from the person than Camden and Kensington and Chelsea combined in 2023."
    claim = at(check(text, date="2024-03-01"), text, "more thefts from the person than Camden")
    assert claim.data["value"]["other"] == 6029 + 2255 and claim.outcome.value == "correct"


def test_the_safest_borough_is_the_lowest_crime_rate(check):
    # all recorded crime per 1,000 residents in 2023: Harrow 57.8, Richmond upon Thames 58.3
    text = "Harrow was the safest borough in London in 2023, police figures show."
    claim = at(check(text, date="2024-03-01"), text, "the safest borough in London")
    assert claim.kind.value == "rank" and claim.data["value"]["by"] == "rate"
    assert claim.data["measure"]["key"] == "total_crime" and claim.outcome.value == "correct"
    text = "Richmond upon Thames was the safest borough in London in 2023."
    assert at(check(text, date="2024-03-01"), text, "the safest borough in London").outcome.value == "wrong"


def test_less_than_half_the_rate_in_another_borough(check):
    text = "In 2023 the rate of crimes per 1,000 residents in Harrow was less than half the rate in Westminster."
    claim = at(check(text, date="2024-03-01"), text, "less than half the rate in Westminster")
    assert claim.data["compared_with"]["name"] == "Westminster" and claim.outcome.value == "correct"
    text = "In 2023 the rate of crimes per 1,000 residents in Harrow was less than half the rate in Sutton."
    assert at(check(text, date="2024-03-01"), text, "less than half the rate in Sutton").outcome.value == "wrong"


def test_part_of_a_year_and_the_same_period_last_year():
    text = "Burglaries in Bromley fell to 378 in the first three months of 2024, down from 441 in the same period last year."
    items = {int(r.figure.value): r for r in resolved(text, "2024-05-01") if r.figure.kind == "count"}
    assert items[378].period.value.label == "January 2024 to March 2024"
    assert items[441].period.value.label == "January 2023 to March 2023"
    text = "Robbery in Brent rose to 600 in the first half of 2023."
    assert next(r for r in resolved(text)).period.value.label == "January 2023 to June 2023"


def test_two_stated_changes_compared_are_checked_on_the_data(check):
    # robbery 2022 -> 2023: Ealing +39.9 %, London +22.4 %, Hounslow +53.4 %
    text = "Robbery in Ealing rose by 40 per cent in 2023, more than the London-wide rise of 22 per cent."
    claim = next(c for c in check(text, date="2024-03-01") if c.kind.value == "comparison")
    assert claim.data["compared_with"]["name"] == "London" and claim.outcome.value == "correct"
    text = "Robbery in Ealing rose by 40 per cent in 2023, more than the rise of 53 per cent in Hounslow."
    claim = next(c for c in check(text, date="2024-03-01") if c.kind.value == "comparison")
    assert claim.outcome.value == "wrong"
