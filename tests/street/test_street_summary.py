"""The per-scheme summary (store/summary.py) after one ingest command of borough and street files."""

from __future__ import annotations

from street_testdata import street_row, write_street

import factbeat
from factbeat.store.summary import (
    AREAS_FROM_OBSERVATIONS,
    AREAS_FROM_SUMMARY,
    MONTHS_FROM_OBSERVATIONS,
    MONTHS_FROM_SUMMARY,
)


def ho_file(path, months, rows):
    header = "MajorText,MinorText,BoroughName," + ",".join(months) + "\n"
    path.write_text(header + "".join(f"BURGLARY,DOMESTIC BURGLARY,{b},{','.join(map(str, n))}\n" for b, *n in rows))
    return path


def test_summary_after_one_command_of_several_files(tmp_path, fresh_db):
    first = ho_file(tmp_path / "a.csv", ["201601", "201602"], [("Barnet", 1, 2), ("Brent", 3, 4)])
    second = ho_file(tmp_path / "b.csv", ["201602", "201603"], [("Barnet", 5, 6)])
    street = write_street(tmp_path / "2020-01-test-street.csv", [street_row(crime_id=f"c{i}") for i in range(3)])
    with factbeat.open(fresh_db) as fb:
        fb.ingest([first, second, street])  # one transaction: the summary is refreshed once, before its commit
        store = fb.store
        assert sorted(store.query(MONTHS_FROM_SUMMARY)) == sorted(store.query(MONTHS_FROM_OBSERVATIONS))
        assert sorted(store.query(AREAS_FROM_SUMMARY)) == sorted(store.query(AREAS_FROM_OBSERVATIONS))
        assert {s for s, _m in store.scheme_months()} == {"home_office", "police_uk"}
