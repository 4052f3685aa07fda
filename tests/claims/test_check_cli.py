"""``factbeat check`` end to end through click's CliRunner (JSON and human output)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factbeat.cli import cli

STORY = (
    "Burglaries rose from 67 to 76 last year, an increase of 15 per cent.\n\n"
    "Robberies fell by 47 per cent, from 560 to 294.\n\n"
    "The amnesty ends at 10am on Saturday, March 4.\n"
)


@pytest.fixture
def story_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _run(args, **kwargs):
    result = CliRunner().invoke(cli, args, catch_exceptions=False, **kwargs)
    assert result.exit_code == 0, result.output
    return result


def test_check_file_json(story_file):
    data = json.loads(_run(["check", str(story_file), "--json", "--no-data"]).output)
    assert set(data) == {"claims", "summary"}
    verdicts = [(c["kind"], c["stated_value"], c["verdict"]) for c in data["claims"]]
    assert verdicts == [
        ("percent_change", 15.0, "inconsistent"),
        ("percent_change", 47.0, "consistent"),
    ]
    assert data["summary"]["by_verdict"] == {"consistent": 1, "inconsistent": 1, "unverifiable": 0}
    first = data["claims"][0]
    for key in ("kind", "text", "span", "sentence", "stated", "stated_value", "numbers",
                "computed_value", "verdict", "explanation"):  # fmt: skip
        assert key in first
    assert first["numbers"] == {"from": 67, "to": 76}
    assert STORY[first["span"][0] : first["span"][1]] == first["text"]


def test_check_stdin_json():
    data = json.loads(_run(["check", "-", "--json", "--no-data"], input=STORY).output)
    assert [c["verdict"] for c in data["claims"]] == ["inconsistent", "consistent"]


def test_check_date_is_carried(story_file):
    data = json.loads(
        _run(["check", str(story_file), "--date", "2017-02-10", "--json", "--no-data"]).output
    )
    assert data["summary"]["date"] == "2017-02-10"


def test_check_html_file(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><style>p{}</style></head><body><h1>Crime report</h1>"
        "<p>Robberies fell by 47 per cent, from <b>560</b> to 294.</p>"
        "<script>var x = 99;</script></body></html>",
        encoding="utf-8",
    )
    data = json.loads(_run(["check", str(page), "--json", "--no-data"]).output)
    assert [(c["kind"], c["verdict"]) for c in data["claims"]] == [("percent_change", "consistent")]


def test_check_human_output_lists_verdicts(story_file):
    output = _run(["check", str(story_file), "--no-data"]).output
    assert "inconsistent" in output and "consistent" in output
    assert "(76 − 67) / 67 = +13.4 %" in output
    assert "[1]" in output and "[2]" in output


def test_check_missing_file_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.txt"), "--json", "--no-data"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
