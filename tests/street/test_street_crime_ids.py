"""Crime IDs stored as 32 bytes (store/street/crime_ids.py) read back exactly as published.

The 64 lower-case hex digits of a SHA-256 are kept as bytes; anything else stays text.  The
view gives the published text back either way, in the quarantine too, and the rows are stored
in whole row groups (no blocks left free in the file by rewritten short ones).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pyarrow as pa
import pytest
from street_testdata import as_version_2, street_row, write_street

import factbeat
from factbeat.store.street.crime_ids import _PAIRS, _decode, split_crime_ids


def sha(i: int) -> str:
    return hashlib.sha256(str(i).encode()).hexdigest()


ODD = ["", "ABCDEF" + sha(1)[6:], sha(2)[:63], sha(3) + "0", "z" * 64, "id-7", "é" * 32, sha(4)[:62] + "é"]


@pytest.mark.parametrize("values", [
    [sha(i) for i in range(10)],
    [sha(0), None, *ODD, sha(5), None],
    [None, None],
    [],
    ODD,
    [sha(1), "ABCDEF" + sha(1)[6:], None, sha(2)],  # hex digits all, one ID in upper case
    [sha(1).upper(), sha(2).upper()],
])
def test_split_gives_every_id_back(values):
    kept, as_bytes = split_crime_ids(pa.chunked_array([pa.array(values, pa.string())]))
    back = [k if k is not None else (b.hex() if b is not None else None)
            for k, b in zip(kept.to_pylist(), as_bytes.to_pylist(), strict=True)]
    assert back == values
    assert all(b is None or len(b) == 32 for b in as_bytes.to_pylist())
    assert [k is None and v is not None for k, v in zip(kept.to_pylist(), values, strict=True)] == \
        [b is not None for b in as_bytes.to_pylist()]


def test_one_call_decodes_as_the_table_does():
    """The whole-buffer decode (every ID lower-case hex) and the table of character pairs agree."""
    ids = [sha(i) for i in range(50)]
    chars = np.frombuffer("".join(ids).encode(), np.uint8)
    fast, all_good = _decode(chars, len(ids))
    assert all_good is None
    assert fast.tolist() == _PAIRS[chars.view("<u2")].reshape(len(ids), 32).tolist()
    assert [bytes(row).hex() for row in fast] == ids


def test_split_of_a_sliced_array():
    values = pa.array([sha(i) for i in range(6)] + ["x"], pa.string()).slice(2)
    kept, as_bytes = split_crime_ids(values)
    assert [k or b.hex() for k, b in zip(kept.to_pylist(), as_bytes.to_pylist(), strict=True)] == values.to_pylist()


def test_store_gives_published_ids_back(tmp_path, fresh_db):
    ids = [sha(i) for i in range(20_000)] + ODD  # more than two row groups, then the odd ones
    path = write_street(tmp_path / "2020-01-test-street.csv", [street_row(crime_id=i) for i in ids]
                        + [street_row(month="2020-13", crime_id=sha(99))])  # refused: goes to quarantine
    with factbeat.open(fresh_db) as fb:
        fb.ingest([path])
        stored = fb.store.query("SELECT crime_id FROM street_incidents ORDER BY line")
        assert [c or "" for (c,) in stored] == ids
        as_bytes = fb.store.query("SELECT COUNT(crime_id_bytes), COUNT(crime_id_text_id) FROM street_rows")[0]
        assert as_bytes == (20_000, len([i for i in ODD if i]))
        raw = fb.store.query("SELECT raw FROM quarantine")[0][0]
        assert raw.startswith(sha(99) + ",2020-13,")
        free = fb.store.query("SELECT free_blocks FROM pragma_database_size() WHERE database_name = current_database()")
        assert free == [(0,)]


def test_a_store_from_before_keeps_its_text_ids(tmp_path, fresh_db):
    first = write_street(tmp_path / "2020-01-test-street.csv", [street_row(crime_id=sha(i)) for i in range(5)])
    second = write_street(tmp_path / "2020-02-test-street.csv", [street_row("2020-02", crime_id=sha(i)) for i in range(5, 9)])
    with factbeat.open(fresh_db) as fb:
        fb.ingest([first])
    as_version_2(fresh_db, crime_ids_as_text=True)  # as the version before bytes left it: IDs as text
    with factbeat.open(fresh_db) as fb:
        fb.ingest([second])
        stored = fb.store.query("SELECT crime_id FROM street_incidents ORDER BY source_id, line")
        assert [c for (c,) in stored] == [sha(i) for i in range(9)]


@pytest.mark.parametrize("ids_as_text", [False, True])
def test_a_schema_2_store_keeps_odd_ids_and_context(tmp_path, fresh_db, ids_as_text):
    """Odd Crime IDs and a Context, stored as text by schema 2, come back the same after the upgrade."""
    rows = [street_row(crime_id=i) for i in [sha(0), *ODD, sha(1)]]
    rows[2] += "a note"  # Context is the last cell
    path = write_street(tmp_path / "2020-01-test-street.csv", rows)
    with factbeat.open(fresh_db) as fb:
        fb.ingest([path])
        before = fb.store.query("SELECT * FROM street_incidents ORDER BY line")
    assert [r[16] for r in before] == [None, None, "a note"] + [None] * (len(rows) - 3)  # Context
    as_version_2(fresh_db, crime_ids_as_text=ids_as_text)
    with factbeat.open(fresh_db) as fb:
        assert fb.store.query("SELECT * FROM street_incidents ORDER BY line") == before
        assert fb.store.query("SELECT COUNT(crime_id_bytes) FROM street_rows")[0][0] == 2
