"""Independent computations straight from the raw CSV rows, for checking factbeat's figures.

Deliberately written without any factbeat code: csv module, plain dicts and sums.
"""

from __future__ import annotations

import csv
from pathlib import Path


def legacy_total(path: Path, borough: str | None, major: str, months: list[str], minor: str | None = None) -> int:
    """Sum of month columns for a legacy-format file (Borough, Major Category, Minor Category, ...)."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return sum(
        int(row[m]) for row in rows for m in months
        if (borough is None or row["Borough"] == borough) and row["Major Category"] == major
        and (minor is None or row["Minor Category"] == minor)
    )


def ho_total(path: Path, borough: str | None, major: str, months: list[str], minor: str | None = None) -> int:
    """Sum for a Home Office-format file (majortext/minortext/boroughname in any case)."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        lower = [h.lower() for h in header]
        b = lower.index("boroughname") if "boroughname" in lower else lower.index("lookup_boroughname")
        idx = [header.index(m) for m in months]
        total = 0
        for row in reader:
            if borough is not None and row[b] != borough:
                continue
            if row[0].lower() != major.lower() or (minor is not None and row[1].lower() != minor.lower()):
                continue
            total += sum(int(row[i]) for i in idx)
        return total


def population(path: Path, name: str, year: int) -> int:
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["name"] == name and int(row["year"]) == year:
                return int(row["population"])
    raise KeyError((name, year))


def boroughs(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return sorted({row["Borough"] for row in csv.DictReader(handle)})


def months_of_year(year: int) -> list[str]:
    return [f"{year}{m:02d}" for m in range(1, 13)]


def months_of_financial_year(first: int) -> list[str]:
    return [f"{first}{m:02d}" for m in range(4, 13)] + [f"{first + 1}{m:02d}" for m in range(1, 4)]


def competition_ranks(values: dict[str, float], ascending: bool) -> dict[str, int]:
    """'1224' ranking computed the obvious way: 1 + the number of strictly better values."""
    return {
        key: 1 + sum(1 for other in values.values() if (other < value if ascending else other > value))
        for key, value in values.items()
    }
