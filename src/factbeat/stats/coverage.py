"""Coverage of street-level data: which force published which months, and how completely.

A well-known trap with data.police.uk is a force that published only part of a year: summed
over 'the year', its figure looks like a fall in crime.  This module answers, per force and
month, how many rows are stored, how many have no location, and which months are missing, and
gives the catalogue the (force, month) pairs it needs to mark such figures incomplete.

Missing months are judged against the span of all stored street data (the first to the last
month any force has), so a force that stops publishing shows up as missing, not as quiet.
A month with fewer than half the force's median rows is flagged ``low`` (published, but
perhaps partially).

The statement below is plain ANSI SQL, like those in :mod:`factbeat.stats.queries` (which holds
the two the catalogue reads: ``FORCE_MONTHS`` and ``AREA_FORCES``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from factbeat.taxonomy.periods import add_months

if TYPE_CHECKING:
    from factbeat.stats.catalog import Catalog

FORCE_MONTH_ROWS = (
    "SELECT m.force_code, m.force_name, m.month, m.row_count, m.no_location, m.source_id, s.file_name, "
    "s.rows_refused FROM street_months m JOIN sources s ON s.source_id = m.source_id "
    "WHERE m.replaced_by IS NULL ORDER BY m.force_name, m.month"
)

LOW_SHARE = 0.5  # a month below half the force's median row count is flagged


def coverage(catalog: Catalog) -> dict:
    """Per force: each stored month (rows, rows without location, refused), missing and low months."""
    store = catalog.store
    rows = store.query_dicts(FORCE_MONTH_ROWS) if store.has_table("street_months") else []
    if not rows:
        return {
            "span": None,
            "complete": True,
            "forces": [],
            "notes": [
                "no street-level (data.police.uk) files are stored; run 'factbeat ingest' on some"
            ],
        }
    first, last = min(r["month"] for r in rows), max(r["month"] for r in rows)
    span = month_range(first, last)
    forces = [
        _force(code, [r for r in rows if r["force_code"] == code], span)
        for code in dict.fromkeys(r["force_code"] for r in rows)
    ]
    notes = [
        f"{f['force']}: {len(f['missing_months'])} of {len(span)} months missing "
        f"({compress_months(f['missing_months'])}); figures over those months are marked incomplete"
        for f in forces
        if f["missing_months"]
    ]
    notes += [
        f"{f['force']}: unusually few rows in {compress_months(f['low_months'])} (under half its median month)"
        for f in forces
        if f["low_months"]
    ]
    return {
        "span": {"first": _ym(first), "last": _ym(last), "months": len(span)},
        "complete": not any(f["missing_months"] for f in forces),
        "forces": forces,
        "notes": notes,
    }


def _force(code: str, rows: list[dict], span: list[date]) -> dict:
    from statistics import median  # here: its import (fractions, decimal) would cost every command

    typical = median(r["row_count"] for r in rows)
    low = [r["month"] for r in rows if len(rows) >= 3 and r["row_count"] < LOW_SHARE * typical]
    have = {r["month"] for r in rows}
    months = [
        {
            "month": _ym(r["month"]),
            "rows": r["row_count"],
            "no_location": r["no_location"],
            "refused_in_file": r["rows_refused"],
            "file": r["file_name"],
            "source_id": r["source_id"],
            "low": r["month"] in low,
        }
        for r in rows
    ]
    return {
        "force": rows[0]["force_name"],
        "code": code,
        "first": months[0]["month"],
        "last": months[-1]["month"],
        "months_present": len(rows),
        "rows": sum(r["row_count"] for r in rows),
        "no_location": sum(r["no_location"] for r in rows),
        "missing_months": [_ym(m) for m in span if m not in have],
        "low_months": [_ym(m) for m in low],
        "months": months,
    }


def month_range(first: date, last: date) -> list[date]:
    out, current = [], first
    while current <= last:
        out.append(current)
        current = add_months(current, 1)
    return out


def compress_months(months: list[str]) -> str:
    """'2016-01..2016-06, 2016-09' from sorted 'YYYY-MM' strings."""
    runs: list[list[str]] = []
    for month in months:
        if runs and _next(runs[-1][-1]) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}..{r[-1]}" for r in runs)


def _next(month: str) -> str:
    return _ym(add_months(date(int(month[:4]), int(month[5:7]), 1), 1))


def _ym(month: date) -> str:
    return month.isoformat()[:7]
