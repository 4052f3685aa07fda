"""Archives and folders: what is wrong inside one is named as the user knows it
(``archive.zip!entry``), and an archive or folder with nothing to read says so instead of
storing nothing silently."""

from __future__ import annotations

import warnings
import zipfile

import pytest
from rel_files import (
    LEGACY_HEADER,
    LEGACY_ROWS,
    STREET_HEADER,
    assert_clean_refusal,
    checksum,
    csv_bytes,
    run,
    street_rows,
    write,
)


def make_zip(path, entries: list[tuple[str, bytes]]):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we write on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return path


def bad_borough() -> bytes:
    rows = [list(r) for r in LEGACY_ROWS]
    rows[1][3] = "lots"
    return csv_bytes(LEGACY_HEADER, rows)


@pytest.mark.parametrize(
    ("entries", "words"),
    [
        ([], "no CSV files"),
        ([("README.txt", b"hello")], "no CSV files"),
        ([("inner.zip", b"PK")], "archives inside archives"),
        ([("2020-05/2020-05-x-street.csv.gz", b"..")], "archives inside archives"),
        ([("a.csv", csv_bytes(LEGACY_HEADER, LEGACY_ROWS)), ("a.csv", bad_borough())], "two entries have this name"),
    ],
    ids=["empty", "no-csv", "nested-zip", "nested-gz", "same-name-twice"],
)
def test_archive_with_nothing_safe_to_read_is_refused(tmp_path, store, entries, words):
    path = make_zip(tmp_path / "archive.zip", entries)
    before = checksum(store)
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, "archive.zip")
    assert words in result.output
    assert checksum(store) == before


def test_folder_with_no_data_is_refused(tmp_path, store):
    folder = tmp_path / "empty-folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("nothing to see")
    result = run(store, "ingest", "-q", str(folder))
    assert_clean_refusal(result, "empty-folder")
    assert "no data files" in result.output


@pytest.mark.parametrize(
    ("entry", "data", "words"),
    [
        ("2016/borough.csv", bad_borough(), "line 3, field '201601'"),
        ("2020-04/2020-04-x-street.csv", csv_bytes(STREET_HEADER, street_rows(50, "2020-04"))[:-400], "cut short"),
        ("2020-04/unknown.csv", b"when,what\n1,2\n", "unknown header"),
    ],
    ids=["borough", "street-cut-short", "unknown-header"],
)
def test_error_inside_a_zip_names_archive_and_entry(tmp_path, store, entry, data, words):
    path = make_zip(tmp_path / "archive.zip", [(entry, data)])
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, f"archive.zip!{entry}")
    assert words in result.output
    assert "factbeat-" not in result.output  # no temporary path


def test_error_inside_a_gzip_street_file_names_the_gz_file(tmp_path, store):
    path = write(tmp_path / "2020-06-x-street.csv.gz", b"when,what\n1,2\n")
    result = run(store, "ingest", "-q", str(path))
    assert_clean_refusal(result, "2020-06-x-street.csv.gz")
    assert "factbeat-" not in result.output


def test_a_borough_file_from_a_zip_keeps_the_archive_as_its_provenance(tmp_path, store):
    path = make_zip(tmp_path / "archive.zip", [("2016/borough.csv", csv_bytes(LEGACY_HEADER[:3] + ["201604"],
                                                                            [r[:4] for r in LEGACY_ROWS]))])
    assert run(store, "ingest", "-q", str(path)).exit_code == 0
    import factbeat

    with factbeat.open(store, read_only=True) as fb:
        paths = [s["path"] for s in fb.sources()]
    assert f"{path}!2016/borough.csv" in paths
    assert not any(".ingest-tmp" in p for p in paths)
