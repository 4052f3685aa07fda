"""Revisions and idempotency per (force, month), and the half-published-year trap."""

from __future__ import annotations

import gzip

from street_testdata import street_row, write_street

import factbeat


def month_file(folder, name, month, burglaries, force="Test Police", lsoa="Leeds 001A", other=0):
    rows = [street_row(month, force, lsoa, crime_id=f"b{i}") for i in range(burglaries)]
    rows += [street_row(month, force, lsoa, "Drugs", crime_id=f"d{i}") for i in range(other)]
    return write_street(folder / name, rows)


def test_a_newer_file_replaces_its_force_month_and_keeps_the_old_values(tmp_path, fresh_db):
    old = month_file(tmp_path / "v1", "2020-01-test-street.csv", "2020-01", 10, other=3)
    new = month_file(tmp_path / "v2", "2020-01-test-street.csv", "2020-01", 12, other=3)
    with factbeat.open(fresh_db) as fb:
        first = fb.ingest([old])[0]
        report = fb.ingest([new])[0]
        assert report.status == "stored" and report.replaced_files == ["2020-01-test-street.csv"]
        assert report.values_replaced == 4  # (district, force) x (burglary, drugs)
        assert report.values_changed == 1  # one (force, area, category, month) count moved: burglary
        assert fb.figure("Leeds", "burglary", "January 2020").count == 12
        assert fb.figure("Test Police", "burglary", "January 2020").count == 12
        history = fb.store.query("SELECT area_code, count, source_id, replaced_by FROM observations_history "
                                 "WHERE category_id = (SELECT category_id FROM categories WHERE major = 'Burglary') "
                                 "ORDER BY area_code")
        assert history == [("LAD:leeds", 10, first.source_id, report.source_id),
                           ("PFA:test", 10, first.source_id, report.source_id)]
        months = fb.store.query("SELECT source_id, row_count, replaced_by FROM street_months ORDER BY source_id")
        assert months == [(first.source_id, 13, report.source_id), (report.source_id, 15, None)]
        assert fb.store.query("SELECT COUNT(*) FROM street_incidents")[0][0] == 28  # old rows kept as history
        assert fb.store.query("SELECT COUNT(*) FROM street_incidents_current")[0][0] == 15


def test_observations_replaced_are_all_the_old_file_s_values(tmp_path, fresh_db):
    old = month_file(tmp_path / "v1", "a.csv", "2020-01", 2, other=1)
    new = month_file(tmp_path / "v2", "a.csv", "2020-01", 2, other=2)
    with factbeat.open(fresh_db) as fb:
        fb.ingest([old])
        before = fb.store.query("SELECT COUNT(*) FROM observations")[0][0]
        report = fb.ingest([new])[0]
        assert report.values_replaced == before == 4  # (district + force) x (burglary, drugs)
        assert fb.store.query("SELECT COUNT(*) FROM observations_history")[0][0] == before


def test_the_same_rows_in_another_container_are_recognised(tmp_path, fresh_db):
    plain = month_file(tmp_path, "2020-01-test-street.csv", "2020-01", 5)
    packed = tmp_path / "copy" / "2020-01-test-street.csv.gz"
    packed.parent.mkdir()
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    with factbeat.open(fresh_db) as fb:
        assert [r.status for r in fb.ingest([plain, packed, plain])] == ["stored", "unchanged", "unchanged"]
        assert fb.store.query("SELECT COUNT(*) FROM street_incidents")[0][0] == 5


def test_two_forces_in_the_same_month_do_not_replace_each_other(tmp_path, fresh_db):
    a = month_file(tmp_path, "2020-01-a-street.csv", "2020-01", 4, force="A Police", lsoa="Leeds 001A")
    b = month_file(tmp_path, "2020-01-b-street.csv", "2020-01", 7, force="B Constabulary", lsoa="Leeds 002A")
    with factbeat.open(fresh_db) as fb:
        reports = fb.ingest([a, b])
        assert [r.values_replaced for r in reports] == [0, 0]
        assert fb.figure("Leeds", "burglary", "January 2020").count == 11
        assert fb.figure("A Police", "burglary", "January 2020").count == 4
        assert fb.figure("B Constabulary", "burglary", "January 2020").count == 7


def test_half_a_year_published_as_a_year_is_marked_incomplete(tmp_path, fresh_db):
    full = [month_file(tmp_path, f"2020-{m:02d}-a-street.csv", f"2020-{m:02d}", 3, force="A Police",
                       lsoa="Leeds 001A") for m in range(1, 13)]
    half = [month_file(tmp_path, f"2020-{m:02d}-b-street.csv", f"2020-{m:02d}", 5, force="B Police",
                       lsoa="Bradford 001A") for m in range(1, 7)]
    with factbeat.open(fresh_db) as fb:
        fb.ingest(full + half)
        a = fb.figure("A Police", "burglary", "2020")
        assert a.count == 36 and a.complete
        b = fb.figure("Bradford", "burglary", "2020")
        assert b.count == 30 and not b.complete
        assert [m.month for m in b.missing_months] == [7, 8, 9, 10, 11, 12]
        assert "incomplete: B Police has no stored data for 2020-07..2020-12" in b.notes
        change = fb.change("B Police", "burglary", "2020", "2020")
        assert change.to_dict()["complete"] is False
        coverage = fb.coverage()
        gaps = {f["force"]: f["missing_months"] for f in coverage["forces"]}
        assert gaps == {"A Police": [], "B Police": [f"2020-{m:02d}" for m in range(7, 13)]}
        assert not coverage["complete"]


def test_a_figure_asked_before_a_revision_is_not_served_stale_after_it(tmp_path, fresh_db):
    """Figures read observations from an in-memory index; an ingest must make it forget."""
    old = month_file(tmp_path / "v1", "2020-01-test-street.csv", "2020-01", 10)
    new = month_file(tmp_path / "v2", "2020-01-test-street.csv", "2020-01", 12)
    with factbeat.open(fresh_db) as fb:
        fb.ingest([old])
        assert fb.figure("Leeds", "burglary", "January 2020").count == 10
        fb.ingest([new])
        assert fb.figure("Leeds", "burglary", "January 2020").count == 12
        assert fb.figure("Test Police", "burglary", "January 2020").count == 12
