"""Revised figures stay queryable: earlier issues' values against today's, checked against the raw files."""

from __future__ import annotations

import json

from click.testing import CliRunner
from datafiles import DATA, HO_HIST, need_data
from rawdata import ho_total

from factbeat.cli import cli

OLD_HIST = DATA / "mps-borough-crime-2010-2025" / "MPS Borough Level Crime (Historical).csv"


def test_revisions_compare_earlier_issue_with_current(tmp_path):
    need_data()
    db = str(tmp_path / "rev.duckdb")
    runner = CliRunner()
    runner.invoke(cli, ["--db", db, "ingest", str(OLD_HIST), str(HO_HIST)], catch_exceptions=False)
    out = runner.invoke(cli, ["--db", db, "revisions", "Westminster", "violence against the person", "2023", "--json"])
    data = json.loads(out.output)
    months = [f"2023{m:02d}" for m in range(1, 12)]
    earlier = next(r for r in data["revisions"] if r["file"] == OLD_HIST.name)
    assert earlier["months"] == "2023-01..2023-11"
    assert earlier["count_then"] == ho_total(OLD_HIST, "Westminster", "VIOLENCE AGAINST THE PERSON", months)
    assert earlier["count_now"] == ho_total(HO_HIST, "Westminster", "VIOLENCE AGAINST THE PERSON", months)
    assert earlier["replaced_by"] == HO_HIST.name
    assert earlier["difference"] == earlier["count_now"] - earlier["count_then"]
