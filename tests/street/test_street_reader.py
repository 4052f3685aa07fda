"""The street-level reader: exact line numbers on the fast path, and a line-by-line fallback that
refuses malformed rows (with their line) instead of losing or shifting them."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest
from street_testdata import HEADER, street_row, write_street

from factbeat.sources.police_uk_street import StreetReader, fingerprint
from factbeat.store.street.mapping import VOUCHED_COLUMNS, district_name, map_chunk, parse_month


def read_all(path):
    fp = fingerprint(path)
    reader = StreetReader(path, fp.lines)
    restarts = []
    table = pa.Table.from_batches(list(reader.items(lambda: restarts.append(1), lambda b: b)))
    return reader, table


def lines_by_id(table: pa.Table) -> dict[str, int]:
    return dict(zip(table["crime_id"].to_pylist(), table["line"].to_pylist(), strict=True))


def test_fingerprint_counts_lines_with_and_without_a_final_newline(tmp_path):
    with_newline = write_street(tmp_path / "a.csv", [street_row(), street_row()])
    without = tmp_path / "b.csv"
    without.write_bytes(with_newline.read_bytes().rstrip(b"\r\n"))
    assert fingerprint(with_newline).lines == fingerprint(without).lines == 3
    assert fingerprint(with_newline).sha256 != fingerprint(without).sha256


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_fast_path_gives_each_row_its_file_line(tmp_path, newline):
    rows = [street_row(crime_id=f"id{i}") for i in range(2, 502)]
    reader, table = read_all(write_street(tmp_path / "s.csv", rows, newline))
    assert reader.note == "" and reader.rows_read == 500 and not reader.refused
    assert lines_by_id(table) == {f"id{i}": i for i in range(2, 502)}


def test_blank_lines_and_line_breaks_in_values_fall_back_to_exact_lines(tmp_path):
    rows = [street_row(crime_id="id2"), "", street_row(crime_id="id4", location="On or near\nTwo Lines"),
            street_row(crime_id="id6")]
    reader, table = read_all(write_street(tmp_path / "s.csv", rows))
    assert reader.note.startswith("read line by line")
    assert lines_by_id(table) == {"id2": 2, "id4": 4, "id6": 6}
    assert table["location"].to_pylist()[1] == "On or near\nTwo Lines"
    assert reader.rows_read == 3


def test_malformed_rows_are_refused_with_their_line_and_reason(tmp_path):
    path = tmp_path / "s.csv"
    good = street_row(crime_id="id2")
    path.write_bytes("\r\n".join([HEADER, good, "x,2020-01,Test Police", street_row(crime_id="id4")]).encode()
                     + b"\r\n" + street_row(crime_id="id5", location="Caf\xe9").encode("latin-1") + b"\r\n")
    reader, table = read_all(path)
    assert lines_by_id(table) == {"id2": 2, "id4": 4}
    assert [(r.line, r.reason.split(" (")[0]) for r in reader.refused] == [
        (3, "the row has 3 fields but a street-level file has 12"),
        (5, "bytes that are not valid utf-8 text"),
    ]
    assert "Caf\\xe9" in reader.refused[1].raw
    assert reader.rows_read == 4


@pytest.mark.parametrize("name, district", [
    ("Leeds 001A", "Leeds"), ("Barking and Dagenham 016E", "Barking and Dagenham"),
    ("Kingston upon Hull, City of 003B", "Kingston upon Hull, City of"), ("Leeds", None), ("Leeds 01A", None),
])
def test_district_name_is_the_lsoa_name_prefix(name, district):
    assert district_name(name) == district


@pytest.mark.parametrize("text, month", [
    ("2016-07", date(2016, 7, 1)), ("2016-13", None), ("2016-7", None), (" 2016-07", None), ("July 2016", None),
])
def test_only_canonical_months_are_accepted(text, month):
    assert parse_month(text) == month


def test_rows_are_mapped_to_month_force_and_area(tmp_path):
    rows = [street_row(lsoa="Leeds 001A"), street_row(lsoa="Barnet 031A", force="Metropolitan Police Service"),
            street_row(lsoa=None), street_row(lsoa="Nowhere in particular", month="2020-13")]
    _reader, table = read_all(write_street(tmp_path / "s.csv", rows))
    mapped = map_chunk(table)
    chunk = mapped.table
    # Areas and forces leave as positions among the chunk's distinct ones (stored as text ids).
    assert [mapped.area_codes[i] for i in chunk["area_index"].to_pylist()] == [
        "LAD:leeds", "E09000003", "PFA:test:no-location", "PFA:test:no-location"]
    forces = list(mapped.forces.values())
    assert [forces[i].code for i in chunk["force_index"].to_pylist()] == ["PFA:test", "E12000007", "PFA:test", "PFA:test"]
    assert chunk["month_date"].to_pylist() == [date(2020, 1, 1)] * 3 + [None]


def test_a_vouched_chunk_keeps_only_what_the_store_reads(tmp_path):
    """The published texts of a vouched chunk travel as ids (MappedChunk.texts); the table keeps
    the line, Crime ID, month, crime type and typed coordinates, which a file waiting for the store
    holds in memory."""
    rows = [street_row(lsoa="Leeds 001A"), street_row(lsoa="Barnet 031A", force="Metropolitan Police Service")]
    _reader, table = read_all(write_street(tmp_path / "s.csv", rows))
    mapped = map_chunk(table)
    assert mapped.vouched
    assert mapped.table.column_names == VOUCHED_COLUMNS
    assert mapped.table["line"].to_pylist() == [2, 3]
    assert set(mapped.texts) >= {"location", "lsoa_name", "reported_by", "force_code", "area_code"}
