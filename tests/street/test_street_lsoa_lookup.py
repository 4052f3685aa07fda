"""The LSOA-name prefix gives the same London borough as the ONS lookup, for every London LSOA of
both vintages: the check behind counting street rows by borough without the lookup file."""

from __future__ import annotations

import csv

import pytest
from datafiles import DATA

from factbeat.store.street.mapping import lsoa_area

LOOKUP = DATA / "london-lsoa-lookup"


@pytest.mark.parametrize("name, columns", [
    ("lsoa2011_to_borough_london.csv", ("LSOA11NM", "LAD11CD")),
    ("lsoa2021_to_borough_london.csv", ("LSOA21NM", "LAD22CD")),
])
def test_every_london_lsoa_name_gives_its_borough_code(name, columns):
    path = LOOKUP / name
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = [(row[columns[0]], row[columns[1]]) for row in csv.DictReader(handle)]
    assert len(rows) > 4_800
    wrong = [(lsoa, code, getattr(lsoa_area(lsoa), "code", None)) for lsoa, code in rows
             if getattr(lsoa_area(lsoa), "code", None) != code]
    assert wrong == []
