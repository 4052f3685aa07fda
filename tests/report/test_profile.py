"""Profiles: every sentence passes `factbeat check` (arithmetic not inconsistent, data supported)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factbeat.cli import cli
from factbeat.taxonomy.areas import boroughs


@pytest.fixture(scope="module")
def fb_profiles(real_store):
    import factbeat

    fb = factbeat.open(real_store, read_only=True)
    yield fb
    fb.close()


@pytest.mark.parametrize("borough", [b.name for b in boroughs()])
def test_every_profile_sentence_checks_out(fb_profiles, borough):
    from factbeat.claims import check_text
    from factbeat.claims.ground.grounding import ground_result
    from factbeat.report.profile import build_profile

    profile = build_profile(fb_profiles, borough, 2016)
    assert len(profile.measures) == 7 and not profile.skipped
    result = ground_result(fb_profiles, check_text(profile.text))
    kinds = {c.kind.value for c in result.claims}
    assert {"percent_change", "rate", "share"} <= kinds
    for claim in result.claims:
        assert claim.verdict.value != "inconsistent", (claim.text, claim.explanation)
        assert claim.data["verdict"] == "supported", (claim.text, claim.data["explanation"])
    checked = [c for c in result.claims if c.kind.value == "percent_change"]
    assert all(c.verdict.value == "consistent" for c in checked)


def test_profile_html_has_text_table_and_two_charts(real_store, tmp_path):
    out = tmp_path / "barnet.html"
    result = CliRunner().invoke(cli, ["--db", str(real_store), "profile", "Barnet", "--year", "2016", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "6,050 offences of violence against the person, up 7.1 per cent from 5,651 in 2015" in result.output
    # The text profile also says where the figures come from, in which scheme and what they count.
    assert "Violence against the person: Home Office categories" in result.output
    assert "source: " in result.output and "Open Government Licence" in result.output
    html = out.read_text()
    assert html.count("<svg") >= 2 and html.count("data:image/png;base64,") >= 4
    assert "<table>" in html and "Definitions" in html and "Home Office categories" in html


def test_profile_json(real_store):
    result = CliRunner().invoke(cli, ["--db", str(real_store), "profile", "Barnet", "--year", "2016", "--json"])
    data = json.loads(result.output)
    vap = data["measures"][0]
    assert vap["figure"]["count"] == 6050 and vap["rank"] == {"rank": 6, "order": "asc", "of": 32, "by": "rate"}
    assert vap["change"]["significance"]["label"] == "a real rise"
    assert vap["trend"]["first_year"] == 2011  # the Home Office series' first whole year


def test_change_json_has_significance(real_store):
    result = CliRunner().invoke(cli, ["--db", str(real_store), "change", "Barnet", "violence against the person",
                                      "2015", "2016", "--scheme", "mps_legacy", "--json"])
    sig = json.loads(result.output)["significance"]
    assert set(sig) >= {"p_value", "ci_low", "ci_high", "label"}
    assert sig["label"] == "a real rise" and sig["p_value"] < 0.001
