"""Areas, measures and periods as people write them."""

from __future__ import annotations

from datetime import date

import pytest

from factbeat.errors import UnknownNameError
from factbeat.taxonomy.areas import all_areas, boroughs, resolve_area
from factbeat.taxonomy.measures import concepts, resolve_measure
from factbeat.taxonomy.periods import parse_period


@pytest.mark.parametrize(
    ("text", "code"),
    [("Barnet", "E09000003"), ("London Borough of Barnet", "E09000003"), ("Kensington & Chelsea", "E09000020"),
     ("royal borough of kensington and chelsea", "E09000020"), ("E09000033", "E09000033"), ("the capital", "E12000007"),
     ("Richmond", "E09000027"), ("City of London", "E09000001")],
)
def test_area_aliases(text, code):
    assert resolve_area(text).code == code


def test_there_are_32_boroughs_with_unique_codes():
    assert len(boroughs()) == 32
    codes = [a.code for a in all_areas()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("text", "key"),
    [("violent crime", "violence_against_the_person"), ("violent offences", "violence_against_the_person"),
     ("violence", "violence_against_the_person"), ("knife crime", "knife_crime"), ("burglaries", "burglary"),
     ("murder", "homicide"), ("homicide", "homicide"), ("robbery", "robbery"), ("gun crime", "gun_crime")],
)
def test_measure_aliases(text, key):
    assert resolve_measure(text).key == key


def test_every_alias_is_unique_and_documented():
    seen = {}
    for measure in concepts():
        assert measure.definition, measure.key
        for alias in measure.aliases:
            assert alias.lower() not in seen, f"{alias} in {measure.key} and {seen.get(alias.lower())}"
            seen[alias.lower()] = measure.key
        for other in measure.alternatives:
            assert other in {m.key for m in concepts()}


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2016", date(2016, 1, 1), date(2016, 12, 1), "calendar_year"),
        ("2016/17", date(2016, 4, 1), date(2017, 3, 1), "financial_year"),
        ("2016-17", date(2016, 4, 1), date(2017, 3, 1), "financial_year"),
        ("FY2016/2017", date(2016, 4, 1), date(2017, 3, 1), "financial_year"),
        ("January 2016", date(2016, 1, 1), date(2016, 1, 1), "month"),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 1), "month"),
        ("Jan 2016 to Mar 2016", date(2016, 1, 1), date(2016, 3, 1), "month_range"),
        ("12 months to March 2017", date(2016, 4, 1), date(2017, 3, 1), "rolling"),
        ("year ending June 2018", date(2017, 7, 1), date(2018, 6, 1), "rolling"),
    ],
)
def test_periods(text, start, end, kind):
    period = parse_period(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)


@pytest.mark.parametrize("text", ["2016/18", "Smarch 2016", "", "March 2017 to January 2017"])
def test_bad_periods(text):
    with pytest.raises(UnknownNameError):
        parse_period(text)
