"""The shortcuts of street ingest give exactly what the long way gives.

Clean chunks are vouched for on the worker thread and counted in Python (store/street/checks.py,
store/street/tally.py); anything else is checked and counted in SQL.  Each test here ingests the same
files both ways (the long way by refusing to vouch) and compares every table.  Also: line
numbers survive multi-block files written in parallel, and the store's remembered state
(store/street/state.py) always equals what a fresh read of the store says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from street_testdata import HEADER, street_row, write_street

import factbeat
import factbeat.store.street.mapping
from factbeat.store.street.state import StreetState
from factbeat.store.street.writer import StreetWriter

TABLES = {
    "street_incidents": "SELECT * FROM street_incidents ORDER BY source_id, line",
    "street_texts": "SELECT * FROM street_texts ORDER BY text_id",
    "quarantine": "SELECT * FROM quarantine ORDER BY source_id, line",
    "observations": "SELECT * FROM observations ORDER BY ALL",
    "observations_history": "SELECT * EXCLUDE (replaced_at) FROM observations_history ORDER BY ALL",
    "street_months": "SELECT * EXCLUDE (replaced_at) FROM street_months ORDER BY ALL",
    "street_area_forces": "SELECT * FROM street_area_forces ORDER BY ALL",
    "street_areas": "SELECT * FROM street_areas ORDER BY ALL",
    "categories": "SELECT * FROM categories ORDER BY ALL",
    "sources": "SELECT * EXCLUDE (ingested_at, path) FROM sources ORDER BY source_id",
}


def contents(db: Path) -> dict:
    with factbeat.open(db, read_only=True) as fb:
        return {name: fb.store.query(sql) for name, sql in TABLES.items()}


def ingest_both_ways(tmp_path: Path, monkeypatch, batches: list[list[Path]]) -> tuple[dict, dict, list]:
    """Ingest each batch in turn into a fresh store, vouching and not; return both stores' contents
    and the reports of the first, each with ``tallied``: True if it was counted in Python."""
    fast, slow = tmp_path / "fast.duckdb", tmp_path / "slow.duckdb"
    reports, tallied = [], []
    count_tally = StreetWriter._count_tally
    monkeypatch.setattr(StreetWriter, "_count_tally", lambda *a: tallied.append(1) or count_tally(*a))
    with factbeat.open(fast) as fb:
        for batch in batches:
            for path in batch:
                before = len(tallied)
                reports += fb.ingest([path])
                reports[-1].tallied = len(tallied) > before
    monkeypatch.undo()
    with monkeypatch.context() as patch:
        patch.setattr(factbeat.store.street.mapping, "vouch", lambda table: None)
        with factbeat.open(slow) as fb:
            for batch in batches:
                fb.ingest(batch)
    return contents(fast), contents(slow), reports


def mixed_month(folder: Path, name: str, month: str, n: int, force: str = "Test Police") -> Path:
    """Several districts, crime types, rows without location, an odd LSOA name and non-ASCII text."""
    districts = ["Leeds", "Bradford", "Barnet", "Kingston upon Hull, City of"]
    rows = []
    for i in range(n):
        lsoa = None if i % 7 == 0 else ("Odd name" if i % 11 == 0 else f"{districts[i % 4]} {i % 50:03d}A")
        rows.append(street_row(month, force, lsoa, ("Burglary", "Drugs", "Anti-social behaviour")[i % 3],
                               crime_id=f"{i:064x}", location=f"On or near Café {i % 13}"))
    return write_street(folder / name, rows)


def test_clean_files_are_stored_the_same_both_ways(tmp_path, monkeypatch):
    first = [mixed_month(tmp_path / "a", f"2020-{m:02d}-test-street.csv", f"2020-{m:02d}", 300) for m in (1, 2)]
    other = [mixed_month(tmp_path / "a", "2020-01-other-street.csv", "2020-01", 200, force="Other Constabulary")]
    fast, slow, reports = ingest_both_ways(tmp_path, monkeypatch, [first, other])
    assert fast == slow
    assert [(r.note, r.tallied) for r in reports] == [("", True)] * 3  # the fast reader, counted in Python
    assert len(fast["street_incidents"]) == 800 and fast["quarantine"] == []


def test_a_revision_is_the_same_both_ways(tmp_path, monkeypatch):
    old = mixed_month(tmp_path / "v1", "2020-01-test-street.csv", "2020-01", 300)
    new = mixed_month(tmp_path / "v2", "2020-01-test-street.csv", "2020-01", 280)
    later = mixed_month(tmp_path / "v2", "2020-02-test-street.csv", "2020-02", 100)
    fast, slow, reports = ingest_both_ways(tmp_path, monkeypatch, [[old], [new, later]])
    assert fast == slow
    assert [r.tallied for r in reports] == [True, False, True]  # a revision is counted in SQL
    assert reports[1].replaced_files == ["2020-01-test-street.csv"] and reports[1].values_changed > 0
    assert len(fast["observations_history"]) == reports[1].values_replaced


@pytest.mark.parametrize("lon, lat, stored", [
    ("-1.5", "53.8", (-1.5, 53.8)),
    ("+1.5", "53.8", (1.5, 53.8)),
    (" 1.5", "53.8", (1.5, 53.8)),  # pyarrow will not vouch for the space; DuckDB reads it
    ("1_0", "53.8", (10.0, 53.8)),
    ("1e1", "5.38e1", (10.0, 53.8)),
    ("1e3", "53.8", None),  # out of range
    ("nan", "53.8", None),
    ("inf", "53.8", None),
    ("0x1p3", "53.8", None),  # not a number to either
    ("1,5", "53.8", None),
])
def test_odd_coordinates_are_judged_the_same_both_ways(tmp_path, monkeypatch, lon, lat, stored):
    path = write_street(tmp_path / "2020-01-test-street.csv",
                        [street_row(crime_id="a"), street_row(crime_id="b", lon=lon, lat=lat)])
    fast, slow, reports = ingest_both_ways(tmp_path, monkeypatch, [[path]])
    assert fast == slow
    coordinates = [(r[9], r[10]) for r in fast["street_incidents"] if r[6] == "b"]
    assert coordinates == ([stored] if stored else [])
    assert (reports[0].rows_stored, reports[0].rows_refused) == ((2, 0) if stored else (1, 1))


def test_refused_rows_send_the_file_the_long_way_and_it_is_the_same(tmp_path, monkeypatch):
    rows = [street_row(crime_id=f"r{i}") for i in range(50)]
    rows[20] = street_row(crime_id="bad", month="2020-13")
    path = write_street(tmp_path / "2020-01-test-street.csv", rows)
    fast, slow, reports = ingest_both_ways(tmp_path, monkeypatch, [[path]])
    assert fast == slow and not reports[0].tallied
    assert [(q[2], q[3]) for q in fast["quarantine"]] == [(22, "Month '2020-13' is not YYYY-MM")]


def test_every_row_keeps_its_line_through_blocks_batches_and_parallel_writes(tmp_path, fresh_db):
    """150,000 rows: several pyarrow blocks, many insert batches, rows written in any order."""
    path = tmp_path / "2020-01-test-street.csv"
    row = street_row(crime_id="{}")
    path.write_text(HEADER + "\r\n" + "".join(row.format(line) + "\r\n" for line in range(2, 150_002)))
    with factbeat.open(fresh_db) as fb:
        report = fb.ingest([path])[0]
        assert (report.rows_stored, report.note) == (150_000, "")
        wrong = fb.store.query("SELECT COUNT(*) FROM street_incidents WHERE crime_id <> line::VARCHAR")[0][0]
        lines = fb.store.query("SELECT COUNT(DISTINCT line), MIN(line), MAX(line) FROM street_incidents")[0]
    assert wrong == 0 and lines == (150_000, 2, 150_001)


def test_non_ascii_text_is_read_fast_and_kept(tmp_path, fresh_db):
    path = write_street(tmp_path / "2020-01-test-street.csv",
                        [street_row(crime_id="a", location="On or near Café Zoë"), street_row(crime_id="b")])
    with factbeat.open(fresh_db) as fb:
        assert fb.ingest([path])[0].note == ""
        assert fb.store.query("SELECT location FROM street_incidents WHERE crime_id = 'a'")[0][0] == \
            "On or near Café Zoë"


def state_matches_store(fb) -> None:
    remembered, fresh = fb.store._street_state, StreetState.load(fb.store.con)
    assert (remembered.shas, remembered.held, remembered.area_forces) == (fresh.shas, fresh.held, fresh.area_forces)
    ids = dict(fb.store.query("SELECT major, category_id FROM categories WHERE scheme = 'police_uk'"))
    assert remembered.categories == {name: ids[name] for name in remembered.categories}


def test_the_remembered_state_is_the_store_s_after_every_kind_of_file(tmp_path, fresh_db, monkeypatch):
    clean = mixed_month(tmp_path / "v1", "2020-01-test-street.csv", "2020-01", 120)
    revised = mixed_month(tmp_path / "v2", "2020-01-test-street.csv", "2020-01", 100)
    refused = write_street(tmp_path / "2020-02-test-street.csv",
                           [street_row("2020-02", lsoa="Wakefield 001A"), street_row("2020-02", crime="")])
    newcomer = mixed_month(tmp_path, "2020-03-new-street.csv", "2020-03", 50, force="New Police")
    with factbeat.open(fresh_db) as fb:
        for path in (clean, revised, refused):
            fb.ingest([path])
            state_matches_store(fb)
        with monkeypatch.context() as patch:  # a file that fails inside its transaction
            patch.setattr("factbeat.store.street.writer.Tally.observations", lambda *a: 1 / 0)
            with pytest.raises(ZeroDivisionError):
                fb.ingest([newcomer])
        state_matches_store(fb)
        assert fb.ingest([newcomer])[0].status == "stored"
        state_matches_store(fb)
        assert fb.figure("New Police", "burglary", "March 2020").count == 17


def test_files_too_big_to_hold_are_streamed_to_the_same_result(tmp_path, monkeypatch):
    """Above PREFETCH_BYTES a file is hashed in blocks and parsed when its turn comes."""
    clean = mixed_month(tmp_path, "2020-01-test-street.csv", "2020-01", 400)
    blank = write_street(tmp_path / "2020-02-test-street.csv", [street_row("2020-02"), "", street_row("2020-02")])
    held, streamed = tmp_path / "held.duckdb", tmp_path / "streamed.duckdb"
    with factbeat.open(held) as fb:
        notes = [r.note for r in fb.ingest([clean, blank])]
    monkeypatch.setattr("factbeat.sources.prepare.PREFETCH_BYTES", 0)
    with factbeat.open(streamed) as fb:
        assert [r.note for r in fb.ingest([clean, blank])] == notes
    assert notes[0] == "" and notes[1].startswith("read line by line")
    assert contents(held) == contents(streamed)
