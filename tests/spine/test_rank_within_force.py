"""Figures, change and rank work for any force's street-level data, not only the Met's."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from datafiles import DATA, need_data

from factbeat.cli import cli

WEST_YORKSHIRE = DATA / "data-police-uk-street-west-yorkshire"


@pytest.fixture(scope="module")
def wy_store(tmp_path_factory):
    need_data()
    import factbeat

    path = tmp_path_factory.mktemp("wy") / "wy.duckdb"
    with factbeat.open(path) as fb:
        fb.ingest([WEST_YORKSHIRE])
    return path


def _counts_from_raw(month: str, crime_type: str) -> dict[str, int]:
    import csv
    import gzip

    counts: dict[str, int] = {}
    with gzip.open(WEST_YORKSHIRE / f"{month}-west-yorkshire-street.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Crime type"] == crime_type and row["LSOA name"]:
                district = row["LSOA name"].rsplit(" ", 1)[0]
                counts[district] = counts.get(district, 0) + 1
    return counts


def test_rank_districts_within_a_force(wy_store):
    out = CliRunner().invoke(cli, ["--db", str(wy_store), "rank", "burglary", "July 2018", "--within", "West Yorkshire",
                                   "--by", "count", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    raw = _counts_from_raw("2018-07", "Burglary")
    # Only the force's own districts: a stray incident over the border (Harrogate) is not ranked.
    own = {"Leeds", "Bradford", "Kirklees", "Wakefield", "Calderdale"}
    assert {r["area"]["name"]: r["count"] for r in data["rows"]} == {k: v for k, v in raw.items() if k in own}
    assert data["rows"][0]["area"]["name"] == "Leeds" and data["rows"][0]["rank"] == 1
    assert data["within"]["name"] == "West Yorkshire Police"


def test_change_for_a_district(wy_store):
    out = CliRunner().invoke(cli, ["--db", str(wy_store), "change", "Leeds", "burglary", "July 2017", "July 2018", "--json"])
    data = json.loads(out.output)
    assert data["from"]["count"] == _counts_from_raw("2017-07", "Burglary")["Leeds"]
    assert data["to"]["count"] == _counts_from_raw("2018-07", "Burglary")["Leeds"]
    assert data["significance"]["label"]


def test_rank_by_rate_without_population_says_so(wy_store):
    out = CliRunner().invoke(cli, ["--db", str(wy_store), "rank", "burglary", "July 2018", "--within", "West Yorkshire"])
    assert out.exit_code == 0, out.output
    assert "ranked by number of offences, not by rate" in out.output
    assert "n/a" not in out.output and "Harrogate" not in out.output and "Oldham" not in out.output
    ranks = [line.split()[1] for line in out.output.splitlines() if line.startswith("│")]
    assert ranks[:5] == ["1", "2", "3", "4", "5"]


def test_areas_lists_learned_districts(wy_store):
    out = CliRunner().invoke(cli, ["--db", str(wy_store), "areas", "--json"])
    names = {a["name"] for a in json.loads(out.output)["areas"]}
    assert {"Leeds", "Bradford", "West Yorkshire Police", "Barnet"} <= names
