"""Resolution rules and data verdicts on the project's own texts (real data, example register)."""

from __future__ import annotations

import pytest


def only(claims, kind=None):
    # figures only the data can check are claims of their own (origin "data"); these tests read the text's claims
    found = [c for c in claims if (kind is None or c.kind.value == kind) and c.origin == "text"]
    assert len(found) == 1, [(c.kind.value, c.text) for c in claims]
    return found[0]


def stated(claims, words):
    """The claim whose stated words are ``words`` (a bare "up from" pair gives two figures)."""
    found = [c for c in claims if c.stated == words]
    assert len(found) == 1, [(c.kind.value, c.stated) for c in claims]
    return found[0]


def test_relative_years_resolve_against_the_article_date(check):
    claims = check("Barnet police recorded 7,631 violent crimes last year, up from 6,948 the year before.")
    counts = {k: c.data for c in claims for k in (7631, 6948)
              if f"{k:,}" in (c.data or {}).get("explanation", "").split(" vs ")[0]}
    assert counts[7631]["period"]["label"] == "2016" and counts[6948]["period"]["label"] == "2015"
    assert counts[7631]["verdict"] == counts[6948]["verdict"] == "supported"


def test_relative_year_without_a_date_is_not_guessed(check):
    claim = only(check("Barnet recorded 7,631 violent crimes last year.", date=None))
    assert claim.data["verdict"] == "not_in_data"


def test_change_on_last_year_without_a_date_is_not_guessed(check):
    """'up 12% on last year' in an undated story: the earlier end cannot be placed, so the change is
    not in the data (this crashed the grounding when the sentence also named a year)."""
    claims = check("Robberies in Barnet rose to 812 in 2016, an increase of 12% on last year.", date=None)
    change = next(c for c in claims if c.kind.value == "percent_change")
    assert change.data["verdict"] == "not_in_data"
    assert change.data["reason"] == "no earlier period for the change"


def test_financial_year(check, fb_g):
    count = fb_g.figure("Camden", "burglary", "2016/17", scheme="mps_legacy").count  # what the MPS published then
    claim = only(check(f"Camden recorded {count:,} burglaries in 2016/17."))
    assert claim.data["period"]["kind"] == "financial_year" and claim.data["verdict"] == "supported"


def test_borough_named_only_in_the_headline(check):
    text = ("Violence rises in Barnet\n\nPolice figures show violence against the person reached 7,631 offences "
            "in 2016, up from 6,948 in 2015.")
    claim = next(c for c in check(text) if "7,631" in (c.data or {}).get("explanation", ""))
    assert claim.data["area"]["name"] == "Barnet" and "headline" in claim.data["area"]["how"]
    assert claim.data["verdict"] == "supported"


@pytest.mark.parametrize("alias", ["violent crime", "violent offences", "violence against the person"])
def test_measure_aliases(check, alias):
    claim = stated(check(f"In 2016 Barnet recorded 7,631 offences of {alias}, up from 6,948 in 2015."), "7,631")
    assert claim.data["measure"]["key"] == "violence_against_the_person" and claim.data["verdict"] == "supported"


def test_right_arithmetic_wrong_data(check):
    claim = only(check("Burglaries in Barnet fell by 10 per cent, from 3,000 in 2015 to 2,700 in 2016."))
    assert claim.verdict.value == "consistent"
    assert claim.data["verdict"] == "contradicted"


def test_right_arithmetic_wrong_rank(check):
    claim = only(check("Barnet had the third-lowest rate of violence against the person of the 32 London boroughs in 2016."), "rank")
    assert claim.data["verdict"] == "contradicted" and claim.data["value"]["rank"] == 6


def test_rate_claim(check):
    claim = only(check("Barnet recorded 19.8 offences of violence against the person per 1,000 residents in 2016."), "rate")
    assert claim.data["verdict"] == "supported" and claim.data["value"]["population"] == 386198
    wrong = only(check("Barnet recorded 24.1 offences of violence against the person per 1,000 residents in 2016."), "rate")
    assert wrong.data["verdict"] == "contradicted"


def test_share_of_london(check):
    claim = only(check("Barnet accounted for 6.1 per cent of London's robberies in 2016."), "share")
    assert claim.data["value"]["whole_area"] == "London" and claim.data["area"]["name"] == "Barnet"


def test_measure_not_in_data_says_so(check):
    claim = only(check("There were 35 knife crimes in Sutton in 2016."))
    assert claim.data["verdict"] == "not_in_data"
    assert "not a category in any stored dataset" in claim.data["reason"]


def test_cli_check_shows_data_and_no_data_flag(grounded_store, tmp_path):
    import json

    from click.testing import CliRunner

    from factbeat.cli import cli

    story = tmp_path / "story.txt"
    story.write_text("Barnet recorded 7,631 violent crimes in 2016, up from 6,948 in 2015.")
    out = CliRunner().invoke(cli, ["--db", str(grounded_store), "check", str(story), "--json"])
    data = json.loads(out.output)["claims"][0]["data"]
    assert set(data) >= {"verdict", "value", "area", "measure", "period", "definition", "source", "alternatives"}
    bare = CliRunner().invoke(cli, ["--db", str(grounded_store), "check", str(story), "--json", "--no-data"])
    assert json.loads(bare.output)["claims"][0]["data"] is None
    human = CliRunner().invoke(cli, ["--db", str(grounded_store), "check", str(story)])
    assert "supported" in human.output
