"""Store guarantees: idempotent, revisions kept as history, atomic, schemes never mixed."""

from __future__ import annotations

import pytest

import factbeat
from factbeat.store import borough

HEADER = "MajorText,MinorText,BoroughName,201601,201602,201603\n"


def ho_file(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"BURGLARY,DOMESTIC BURGLARY,{b},{a},{c},{d}\n" for b, a, c, d in rows))
    return path


def test_same_file_twice_changes_nothing(tmp_path, fresh_db):
    path = ho_file(tmp_path, "a.csv", [("Barnet", 1, 2, 3)])
    with factbeat.open(fresh_db) as fb:
        first = fb.ingest([path])[0]
        second = fb.ingest([path])[0]
        assert (first.status, second.status) == ("stored", "unchanged")
        assert fb.store.query("SELECT COUNT(*) FROM observations")[0][0] == 3
        assert fb.store.query("SELECT COUNT(*) FROM sources")[0][0] == 1


def test_revision_replaces_months_and_keeps_history(tmp_path, fresh_db):
    old = ho_file(tmp_path, "old.csv", [("Barnet", 1, 2, 3), ("Brent", 4, 5, 6)])
    new = tmp_path / "new.csv"
    new.write_text("MajorText,MinorText,BoroughName,201603,201604\n"
                   "BURGLARY,DOMESTIC BURGLARY,Barnet,30,40\nBURGLARY,DOMESTIC BURGLARY,Brent,6,7\n")
    with factbeat.open(fresh_db) as fb:
        fb.ingest([old])
        report = fb.ingest([new])[0]
        assert report.values_replaced == 2 and report.values_changed == 1
        assert report.replaced_files == ["old.csv"]
        assert fb.figure("Barnet", "burglary", "January 2016 to April 2016").count == 1 + 2 + 30 + 40
        history = fb.store.query("SELECT area_code, month, count FROM observations_history ORDER BY area_code")
        assert [(c, str(m), n) for c, m, n in history] == [("E09000003", "2016-03-01", 3), ("E09000005", "2016-03-01", 6)]
        sources = {s["source_id"] for s in fb.figure("Barnet", "burglary", "2016-03").sources}
        assert sources == {report.source_id}


def test_failed_ingest_rolls_back(tmp_path, fresh_db, monkeypatch):
    good = ho_file(tmp_path, "good.csv", [("Barnet", 1, 2, 3)])
    other = ho_file(tmp_path, "other.csv", [("Barnet", 7, 8, 9)])
    with factbeat.open(fresh_db) as fb:
        fb.ingest([good])

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(borough, "_replace_crime_months", explode)
    with factbeat.open(fresh_db) as fb:
        with pytest.raises(Exception, match="disk on fire"):  # named with its file (errors.py)
            fb.ingest([other])
        assert fb.store.query("SELECT COUNT(*), SUM(count) FROM observations")[0] == (3, 6)
        assert fb.store.query("SELECT COUNT(*) FROM sources")[0][0] == 1
        assert fb.store.query("SELECT COUNT(*) FROM categories")[0][0] == 1


def test_schemes_are_never_added_together(fb_real):
    legacy = fb_real.figure("Barnet", "violence against the person", "2016", scheme="mps_legacy")
    home_office = fb_real.figure("Barnet", "violence against the person", "2016", scheme="home_office")
    detailed = fb_real.figure("Barnet", "violence against the person", "2016", scheme="ho_detailed")
    assert (legacy.count, home_office.count, detailed.count) == (7631, 6050, 6153)
    assert {s["format"] for s in legacy.sources} == {"mps_borough_legacy"}


def test_sources_table_records_provenance(fb_real):
    rows = {s["file_name"]: s for s in fb_real.sources()}
    legacy = rows["MPS_Borough_Level_Crime_Historic.csv"]
    assert legacy["rows_read"] == legacy["rows_stored"] == 1056
    assert legacy["observations"] == 1056 * 108
    assert len(legacy["sha256"]) == 64
    assert legacy["publisher"].startswith("Metropolitan Police") and "Open Government" in legacy["licence"]
    assert str(legacy["first_month"]) == "2008-01-01" and str(legacy["last_month"]) == "2016-12-01"


def test_population_prefers_ons_estimates(fb_real):
    fig = fb_real.figure("Barnet", "burglary", "2019")
    assert fig.population == 395869 and fig.population_source == "ONS MYE"
    fig2016 = fb_real.figure("Barnet", "burglary", "2016")
    assert fig2016.population_source == "GLA Population Projections"


def test_read_only_store_must_exist(tmp_path):
    from factbeat.errors import FactbeatError

    with pytest.raises(FactbeatError, match="no factbeat store"):
        factbeat.open(tmp_path / "missing.duckdb", read_only=True)


def test_a_reader_loads_the_engine_alone_until_it_needs_relations(real_store, fb_real):
    """A read-only store answers figures without duckdb's Python layer (store/engine.py), with the
    same answer as where the package is loaded (this process), and loads the package for Arrow."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, sys, factbeat\n"
        f"fb = factbeat.open({str(real_store)!r}, read_only=True)\n"
        "fig = fb.figure('Barnet', 'burglary', '2016')\n"
        "before = 'duckdb' in sys.modules\n"
        "table = fb.store.query_arrow('SELECT scheme, COUNT(*) AS n FROM observations GROUP BY scheme ORDER BY scheme')\n"
        "print(json.dumps([before, 'duckdb' in sys.modules, fig.count, fig.sources, table.to_pylist()]))\n"
    )
    src = str(Path(factbeat.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    before, after, count, sources, rows = json.loads(out)
    assert (before, after) == (False, True)
    fig = fb_real.figure("Barnet", "burglary", "2016")
    expected = fb_real.store.query("SELECT scheme, COUNT(*) AS n FROM observations GROUP BY scheme ORDER BY scheme")
    assert count == fig.count and sources == json.loads(json.dumps(fig.sources))
    assert [(r["scheme"], r["n"]) for r in rows] == expected


def test_threads_caps_the_engine_and_changes_no_answer(real_store, fb_real):
    with factbeat.open(real_store, read_only=True, threads=1) as fb:
        assert fb.store.query("SELECT current_setting('threads')") == [(1,)]
        one = fb.figure("Barnet", "burglary", "2016")
    assert (one.count, one.sources) == (fb_real.figure("Barnet", "burglary", "2016").count,
                                        fb_real.figure("Barnet", "burglary", "2016").sources)
