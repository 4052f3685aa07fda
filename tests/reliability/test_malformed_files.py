"""Each kind of malformed file the issue found ends in one clear error naming the file (and the
line and field where there is one), exit code 1, and the store exactly as it was."""

from __future__ import annotations

import gzip

import pytest
from rel_files import (
    HO_HEADER,
    HO_ROWS,
    LEGACY_HEADER,
    LEGACY_ROWS,
    POP_HEADER,
    POP_ROWS,
    STREET_HEADER,
    assert_clean_refusal,
    checksum,
    csv_bytes,
    run,
    seeded_store,
    street_rows,
    write,
)

import factbeat
from factbeat.errors import InputFileError

LEGACY = csv_bytes(LEGACY_HEADER, LEGACY_ROWS)


def legacy_with(cell: str, column: int = 4) -> bytes:
    rows = [list(r) for r in LEGACY_ROWS]
    rows[0][column] = cell
    return csv_bytes(LEGACY_HEADER, rows)


# (name, file name, bytes, words the message must hold, line, field)
CASES = [
    ("month-13", "m.csv", csv_bytes(LEGACY_HEADER[:4] + ["201613"], [r[:5] for r in LEGACY_ROWS]),
     "not a month", 1, "201613"),
    ("month-00", "m.csv", csv_bytes(LEGACY_HEADER[:4] + ["201600"], [r[:5] for r in LEGACY_ROWS]),
     "not a month", 1, "201600"),
    ("count-1e20", "c.csv", legacy_with("100000000000000000000"), "more offences", 2, "201602"),
    ("count-2^63", "c.csv", legacy_with(str(2**63)), "more offences", 2, "201602"),
    ("superscript", "s.csv", legacy_with("\u00b2"), "not a whole number", 2, "201602"),
    ("arabic-digits", "s.csv", legacy_with("\u0661\u0662"), "not a whole number", 2, "201602"),
    ("fullwidth-digits", "s.csv", legacy_with("\uff11\uff12"), "not a whole number", 2, "201602"),
    ("exponent", "s.csv", legacy_with("1e3"), "not a whole number", 2, "201602"),
    ("nan", "s.csv", legacy_with("nan"), "not a whole number", 2, "201602"),
    ("negative", "s.csv", legacy_with("-4"), "not a whole number", 2, "201602"),
    ("fraction", "s.csv", legacy_with("4.5"), "not a whole number", 2, "201602"),
    ("cr-in-header", "h.csv", LEGACY.replace(b"Major Category", b"Major\rCategory", 1), "carriage return", 1,
     "Major\rCategory"),
    ("nul-in-category", "n.csv", legacy_with("Burglary\x00", 1), "control character", 2, "Major Category"),
    ("tab-in-category", "n.csv", legacy_with("Burglary in\ta Dwelling", 2), "control character", 2,
     "Minor Category"),
    ("misspelt-category", "k.csv", legacy_with("Burglary in a Dweling", 2), "--accept-new-categories", 2, None),
    ("repeated-month", "d.csv", csv_bytes(LEGACY_HEADER + ["201601"], [r + ["5"] for r in LEGACY_ROWS]),
     "columns 4 and 6", 1, "201601"),
    ("london-row", "l.csv", legacy_with("London", 0), "not a borough", 2, "Borough"),
    ("city-row", "l.csv", legacy_with("City of London", 0), "not a borough", 2, "Borough"),
    ("ho-london-row", "l.csv", csv_bytes(HO_HEADER, [*HO_ROWS, ["Burglary", "Domestic Burglary", "London", "1", "2"]]),
     "not a borough", 4, "BoroughName"),
    ("cut-short", "t.csv", LEGACY[:-7], "cut short", 4, None),
    ("population-zero", "p.csv", csv_bytes(POP_HEADER, [POP_ROWS[0], ["E09000005", "Brent", "2016", "0"]]),
     "not a population", 3, "population"),
    ("population-negative", "p.csv", csv_bytes(POP_HEADER, [["E09000005", "Brent", "2016", "-5"]]),
     "not a whole number", 2, "population"),
    ("population-arabic", "p.csv", csv_bytes(POP_HEADER, [["E09000005", "Brent", "2016", "\u0663\u0662\u0668"]]),
     "not a whole number", 2, "population"),
    ("population-year-arabic", "p.csv", csv_bytes(POP_HEADER, [["E09000005", "Brent", "\u0662\u0660\u0661\u0666", "5"]]),
     "not a year", 2, "year"),
    ("population-huge", "p.csv", csv_bytes(POP_HEADER, [["E09000005", "Brent", "2016", "1" + "0" * 20]]),
     "not a population", 2, "population"),
    ("unbalanced-quote", "q.csv", LEGACY + b'Brent,"Burglary,Burglary in a Dwelling,1,2\r\n', "truncated or shifted", 5, None),
    ("utf16", "u.csv", LEGACY.decode().encode("utf-16"), "not valid utf-8", None, None),
    ("binary", "b.csv", bytes(range(256)) * 4, "b.csv", None, None),
    ("empty", "e.csv", b"", "empty", 1, None),
    ("header-only", "e.csv", LEGACY.splitlines(keepends=True)[0], "no data rows", 2, None),
    ("street-cut-short", "2020-02-x-street.csv", csv_bytes(STREET_HEADER, street_rows(40, "2020-02"))[:-900],
     "cut short", None, None),
]


@pytest.fixture()
def store(tmp_path):
    return seeded_store(tmp_path / "store.duckdb", tmp_path / "seed")


@pytest.mark.parametrize(("name", "file", "data", "words", "line", "field"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file_is_refused_naming_file_line_and_field(tmp_path, store, name, file, data, words, line, field):
    before = checksum(store)
    path = write(tmp_path / "in" / file, data)
    with factbeat.open(store) as fb, pytest.raises(InputFileError) as info:
        fb.ingest([path])
    error = info.value
    assert error.path == str(path) and words in str(error), str(error)
    if line is not None:
        assert error.line == line, str(error)
    if field is not None:
        assert error.field == field, str(error)
    assert_clean_refusal(run(store, "ingest", "-q", str(path)), file)
    assert checksum(store) == before


@pytest.mark.parametrize("kind", ["cut", "corrupt", "not-gzip", "empty"])
@pytest.mark.parametrize("content", ["borough", "street"])
def test_damaged_gzip_names_the_file_not_aborted(tmp_path, store, kind, content):
    data = LEGACY if content == "borough" else csv_bytes(STREET_HEADER, street_rows(2000, "2020-03"))
    packed = gzip.compress(data)
    damaged = {"cut": packed[: len(packed) // 2], "corrupt": packed[:30] + bytes(200) + packed[230:],
               "not-gzip": b"plain text, not gzip", "empty": b""}[kind]
    path = tmp_path / f"2020-03-x-street-{kind}.csv.gz"
    path.write_bytes(damaged)
    before = checksum(store)
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, path.name)
    assert checksum(store) == before


def test_unknown_encoding_is_one_clear_line(tmp_path, store):
    path = write(tmp_path / "good.csv", LEGACY)
    result = run(store, "ingest", "--encoding", "nope", str(path))
    assert result.exit_code == 1 and "unknown text encoding 'nope'" in result.output
    assert "Traceback" not in result.output


def test_new_category_is_stored_only_with_the_flag(tmp_path, store):
    path = write(tmp_path / "new.csv", legacy_with("Burglary by Drone", 2))
    assert_clean_refusal(run(store, "ingest", "-q", str(path)), "new.csv")
    result = run(store, "ingest", "-q", "--accept-new-categories", str(path))
    assert result.exit_code == 0, result.output
    with factbeat.open(store, read_only=True) as fb:
        assert "Burglary by Drone" in {minor for _i, _s, _major, minor in fb.store.categories()}


def test_repeated_month_column_does_not_double_count(tmp_path, store):
    """The issue's Barnet example: a header repeating 201601 took January from 392 to 716."""
    path = write(tmp_path / "dup.csv", csv_bytes(LEGACY_HEADER + ["201601"], [r + ["324"] for r in LEGACY_ROWS]))
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, "dup.csv")
    assert "columns 4 and 6" in result.output
    with factbeat.open(store, read_only=True) as fb:
        assert fb.figure("Barnet", "burglary", "January 2016", "mps_legacy").count == 392


def test_bomb_limit_covers_borough_and_population_gzip(tmp_path, store):
    """A .csv.gz borough or population file expanding beyond 100x (and 1 MiB) is refused as a bomb."""
    padding = [["Barnet", "Burglary", "Burglary in a Dwelling", "1", "1"]] * 1
    data = csv_bytes(LEGACY_HEADER, padding) + b" " * (3 << 20)  # 3 MiB of blanks deflate ~1000x
    for name in ("bomb-borough.csv.gz", "bomb-pop.csv.gz"):
        path = write(tmp_path / name, data if "borough" in name else csv_bytes(POP_HEADER, POP_ROWS) + b" " * (3 << 20))
        result = run(store, "ingest", "-q", str(path))
        assert_clean_refusal(result, name)
        assert "bomb" in result.output
