"""What a reporter sees on the command line: figures that never mislead (issue 16).

Each test runs the real CLI over a store built from the real files in ../shared/data (legacy,
Home Office and detailed borough files, populations, and three West Yorkshire street months).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from click.testing import CliRunner
from datafiles import DATA, REAL_FILES, need_data

from factbeat.cli import cli
from factbeat.taxonomy.periods import parse_period

WEST_YORKSHIRE = DATA / "data-police-uk-street-west-yorkshire"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    need_data()
    import factbeat

    path = tmp_path_factory.mktemp("reporter") / "reporter.duckdb"
    with factbeat.open(path) as fb:
        fb.ingest([*REAL_FILES, WEST_YORKSHIRE])
    return path


@pytest.fixture()
def run(store):
    def _run(*args: str, ok: bool = True, env: dict | None = None):
        result = CliRunner(env=env).invoke(cli, ["--db", str(store), *args])
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return _run


@pytest.mark.parametrize(("area", "period"), [("Barnet", "2027"), ("Barnet", "2007"), ("Barnet", "1999")])
def test_no_data_is_an_error_naming_the_stored_range_not_zero(run, area, period):
    result = run("figure", area, "burglary", period, ok=False)
    assert result.exit_code != 0
    assert f"no data for {period}: stored months run 2008-01 to 2026-02" in result.output
    assert "0 offences" not in result.output


def test_placeholder_zeros_are_not_a_figure(run):
    # The Home Office file has rows of zeros for the airports before they were reported separately.
    out = run("figure", "Heathrow", "burglary", "2016").output
    assert "0 offences" not in out and "Home Office categories: 0" not in out
    assert "14 offences" in out  # the detailed file records them


def test_mostly_missing_period_does_not_lead_with_a_number(run):
    out = run("figure", "Barnet", "burglary", "2022", "--scheme", "ho_detailed").output
    assert re.match(r"Burglary in Barnet, 2022: only 1 of 12 months stored \(January 2022\): [\d,]+ offences in that month", out)


def test_no_also_stored_line_for_a_scheme_that_ended_years_earlier(run):
    out = run("figure", "Barnet", "burglary", "2024").output
    assert "MPS legacy" not in out and "(incomplete)" not in out


def test_the_scheme_follows_the_data(run):
    leeds = json.loads(run("figure", "Leeds", "burglary", "July 2017", "--json").output)
    assert leeds["measure"]["scheme"] == "police_uk" and leeds["count"] > 0
    figure = json.loads(run("figure", "Lambeth", "violence against the person", "2017", "--json").output)
    change = json.loads(run("change", "Lambeth", "violence against the person", "2017", "2024", "--json").output)
    assert figure["measure"]["scheme"] == change["measure"]["scheme"] == "home_office"
    assert figure["count"] == change["from"]["count"] == 8544
    assert json.loads(run("figure", "Barnet", "burglary", "2009", "--json").output)["measure"]["scheme"] == "mps_legacy"


def test_a_comparison_across_the_2024_recording_change_says_so(run):
    out = run("change", "Lambeth", "violence against the person", "2017", "2024").output
    assert "Connect" in out and "early 2024" in out
    assert "Connect" not in run("change", "Lambeth", "violence against the person", "2016", "2017").output


def test_significance_a_reporter_can_read(run):
    out = run("change", "Lambeth", "violence against the person", "2017", "2024").output
    assert "The rate per resident rose 1.6%: within normal variation (p = 0.28" in out
    strong = run("change", "Barnet", "burglary", "2015", "2016").output
    assert "p < 0.001" in strong or re.search(r"p = 0\.\d+", strong)
    assert not re.search(r"\de-\d", strong)


def test_change_cites_the_files_of_both_periods_with_notes_once(run):
    out = run("change", "Lambeth", "violence against the person", "2017", "2024").output
    assert "recorded-crime-borough-historical.csv" in out and "recorded-crime-borough.csv" in out
    notes = [line for line in out.splitlines() if line.strip().startswith("note:")]
    assert len(notes) == len(set(notes))


def test_share_prints_scheme_definition_and_sources(run):
    out = run("share", "Barnet", "homicide", "2016").output
    assert "scheme: Home Office categories" in out and "definition:" in out and "source:" in out


def test_london_figures_summarise_line_ranges(run):
    out = run("figure", "London", "burglary", "2016").output
    source = next(line for line in out.splitlines() if "source:" in line)
    assert "more ranges" in source and len(source) < 300


def test_text_profile_prints_scheme_definition_and_sources(run):
    out = run("profile", "Barnet", "--year", "2016").output
    assert "Home Office categories" in out and "source: " in out and "All burglary" in out


def test_rank_within_a_force_without_population_ranks_by_count_and_says_so(run):
    out = run("rank", "anti-social behaviour", "July 2017", "--within", "West Yorkshire").output
    assert "ranked by number of offences, not by rate" in out and "n/a" not in out
    assert "Harrogate" not in out and "Oldham" not in out
    assert {"Leeds", "Bradford", "Kirklees", "Wakefield", "Calderdale"} <= set(re.findall(r"[A-Z][a-z]+", out))


def test_rank_says_3rd_lowest_rather_than_30th_highest(run):
    out = run("rank", "burglary", "2024", env={"COLUMNS": "120"}).output
    assert "3rd-lowest" in out and "highest" in out
    from factbeat.report.wording import place

    assert place(30, 3, "desc") == "the 3rd-lowest" and place(2, 31, "desc") == "the 2nd-highest"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("last year", date(2025, 1, 1), date(2025, 12, 1)),
        ("this year", date(2026, 1, 1), date(2026, 2, 1)),
        ("latest 12 months", date(2025, 3, 1), date(2026, 2, 1)),
        ("Q1 2024", date(2024, 1, 1), date(2024, 3, 1)),
        ("the year to March 2024", date(2023, 4, 1), date(2024, 3, 1)),
    ],
)
def test_periods_people_say(text, start, end):
    period = parse_period(text, today=date(2026, 12, 1), latest=date(2026, 2, 1))
    assert (period.start, period.end) == (start, end)


def test_relative_periods_on_the_command_line(run):
    out = run("figure", "Barnet", "burglary", "latest 12 months").output
    assert out.startswith("Burglary in Barnet, 12 months to February 2026:")
    assert run("figure", "Barnet", "burglary", "Q1 2024").output.startswith("Burglary in Barnet, Q1 2024: 662 offences")


@pytest.mark.parametrize("command", ["sources", "areas"])
def test_tables_fit_80_columns_with_headers(run, command):
    out = run(command, env={"COLUMNS": "80"}).output
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "┃" in line)
    assert ("file" in header and "months" in header) if command == "sources" else ("area" in header and "code" in header)
    assert "…" not in out  # folded, never cut


def test_json_urls_are_official_addresses(run):
    for source in json.loads(run("sources", "--json").output)["sources"]:
        assert source["url"] is None or source["url"].startswith("https://"), source
    figure = json.loads(run("figure", "Barnet", "burglary", "2016", "--json").output)
    assert all(s["url"].startswith("https://") for s in figure["sources"])


def test_contemporary_scheme_is_what_the_mps_published_at_the_time(store):
    import factbeat
    from factbeat.stats.counts import contemporary_scheme

    with factbeat.open(store, read_only=True) as fb:
        vap = fb.measure("violence against the person")
        assert contemporary_scheme(fb.catalog, vap, fb.period("2016"), fb.area("Barnet")) == "mps_legacy"
        assert contemporary_scheme(fb.catalog, vap, fb.period("2024"), fb.area("Barnet")) == "home_office"
        assert contemporary_scheme(fb.catalog, vap, fb.period("2030"), fb.area("Barnet")) is None
