"""The CLI as a user runs it: commands, --json keys, errors with 'did you mean'."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from factbeat.cli import cli


@pytest.fixture()
def run(real_store):
    def _run(*args: str, ok: bool = True):
        result = CliRunner().invoke(cli, ["--db", str(real_store), *args])
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return _run


def test_figure_json_keys(run):
    data = json.loads(run("figure", "Barnet", "violence against the person", "2016", "--scheme", "mps_legacy", "--json").output)
    assert data["area"] == {"name": "Barnet", "code": "E09000003"}
    assert data["measure"]["name"] == "Violence against the person" and data["measure"]["scheme"] == "mps_legacy"
    assert data["period"] == {"label": "2016", "start": "2016-01-01", "end": "2016-12-31", "kind": "calendar_year"}
    assert data["count"] == 7631 and data["population"] == 386198 and data["population_year"] == 2016
    assert round(data["rate_per_1000"], 1) == 19.8 and data["complete"] is True
    assert data["sources"][0]["file_name"] == "MPS_Borough_Level_Crime_Historic.csv"


def test_figure_human_output_is_a_quotable_sentence(run):
    out = run("figure", "Barnet", "violence against the person", "2016").output
    assert "Violence against the person in Barnet, 2016: 6,050 offences, 15.7 per 1,000 residents" in out
    assert "(Home Office categories;" in out and "--scheme mps_legacy" in out  # the default, and the other one


def test_change_json(run):
    data = json.loads(run("change", "Barnet", "violence", "2015", "2016", "--scheme", "mps_legacy", "--json").output)
    assert data["from"]["count"] == 6948 and data["to"]["count"] == 7631
    assert data["absolute"] == 683 and data["percent"] == pytest.approx(9.8302, abs=1e-3)
    assert data["ratio"] == pytest.approx(1.0983, abs=1e-3)


def test_rank_json_has_32_rows(run):
    data = json.loads(run("rank", "violence against the person", "2016", "--by", "rate", "--order", "asc", "--json").output)
    assert len(data["rows"]) == 32
    assert set(data["rows"][0]) >= {"rank", "area", "count", "population", "rate_per_1000"}
    barnet = next(r for r in data["rows"] if r["area"]["name"] == "Barnet")
    assert barnet["rank"] == 6


def test_rank_table(run):
    out = run("rank", "violence against the person", "2016", "--order", "asc", "--scheme", "mps_legacy").output
    assert "Richmond upon Thames" in out and "16.3" in out


def test_share_and_sources_and_measures(run):
    assert "Barnet accounted for" in run("share", "Barnet", "homicide", "2016").output
    data = json.loads(run("sources", "--json").output)
    assert len(data["sources"]) == 7
    measures = json.loads(run("measures", "--json").output)["measures"]
    violent = next(m for m in measures if m["key"] == "violence_against_the_person")
    assert "violent crime" in violent["aliases"] and violent["stored_in"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("figure", "Barnit", "burglary", "2016"), "did you mean 'Barnet'"),
        (("figure", "Barnet", "burglery", "2016"), "did you mean 'Burglary'"),
        (("figure", "Barnet", "burglary", "sometime"), "periods are written like"),
        (("figure", "Barnet", "burglary", "2016", "--scheme", "nope"), "unknown scheme"),
    ],
)
def test_unknown_names_get_did_you_mean(run, args, words):
    result = run(*args, ok=False)
    assert result.exit_code == 1
    assert words in result.output


def test_ingest_prints_what_happened(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Borough,Major Category,Minor Category,201601\nBarnet,Burglary,Burglary in a Dwelling,5\n")
    db = str(tmp_path / "x.duckdb")
    first = CliRunner().invoke(cli, ["--db", db, "ingest", str(path), "--json"])
    assert json.loads(first.output)["files"][0]["status"] == "stored"
    second = CliRunner().invoke(cli, ["--db", db, "ingest", str(path)])
    assert "already stored" in second.output


def test_help_does_not_import_heavy_modules():
    code = ("import sys; from factbeat.cli import cli; "
            "heavy = [m for m in ('duckdb', 'pyarrow', 'rich', 'scipy', 'fastapi', 'altair') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_console_script_help_runs():
    out = subprocess.run([sys.executable, "-m", "factbeat.cli", "figure", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "Example" in out.stdout
