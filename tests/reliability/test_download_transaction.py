"""``factbeat download`` is one transaction, like ``ingest``: a mirror folder holding one broken
file stores none of the command's files, and the error names the file, line and field.

The mirror is a temporary folder holding copies of a few real files from the shared data folder
(never committed), laid out as ``<dataset>/<file>``, with one cell of one file spoilt.
"""

from __future__ import annotations

import shutil

import pytest
from datafiles import DATA, need_data
from rel_files import assert_clean_refusal, checksum, run

DATASETS = {
    "london-borough-population": ["london_borough_population_2008_2024.csv",
                                  "ons_mye_borough_totals_2019_2020_from_lsoa.csv"],
    "mps-borough-crime-historic": ["MPS_Borough_Level_Crime_Historic.csv",
                                   "MPS Borough Level Crime (most recent 24 months).csv"],
}
BROKEN = "mps-borough-crime-historic/MPS Borough Level Crime (most recent 24 months).csv"


@pytest.fixture()
def mirror(tmp_path):
    need_data()
    root = tmp_path / "mirror"
    for dataset, files in DATASETS.items():
        (root / dataset).mkdir(parents=True)
        for name in files:
            shutil.copyfile(DATA / dataset / name, root / dataset / name)
    return root


def spoil(path, line: int, column: str, value: str) -> None:
    """Put ``value`` in ``column`` of ``line`` (1 = the header) of a CSV without quoted commas."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[line - 1].split(",")
    cells[header.index(column)] = value
    lines[line - 1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_broken_file_in_the_mirror_stores_none_of_the_command_s_files(store, mirror):
    spoil(mirror / BROKEN, 40, "201703", "lots")
    before = checksum(store)
    result = run(store, "download", "london-borough-population", "mps-borough-crime-historic",
                 "--mirror", str(mirror))
    assert_clean_refusal(result, "MPS Borough Level Crime (most recent 24 months).csv")
    message = " ".join(result.output.split())
    assert "line 40" in message and "201703" in message and "'lots'" in message, message
    # The three files read before it were in the same transaction: the message says so, truly.
    assert "the 3 files read before it" in message and "were not stored either" in message, message
    assert checksum(store) == before


def test_a_good_mirror_stores_every_file_in_one_command(store, mirror):
    result = run(store, "download", "london-borough-population", "mps-borough-crime-historic",
                 "--mirror", str(mirror), "--json")
    assert result.exit_code == 0, result.output
    assert '"stored"' in result.output
    import factbeat

    with factbeat.open(store, read_only=True) as fb:
        names = {s["file_name"] for s in fb.sources()}
        assert set(DATASETS["mps-borough-crime-historic"]) <= names
        # The official address is recorded, not the mirror folder the bytes were read from.
        assert not any(str(mirror) in (s["url"] or "") for s in fb.sources())
