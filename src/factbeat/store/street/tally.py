"""A clean street-level file's rows counted once, and the bookkeeping rows that follow from it.

When every chunk of a file was vouched for (see :mod:`factbeat.store.street.checks`), the chunks'
row counts are exactly the counts of the rows stored.  Adding them up here, per (force, area,
category, month), gives the file's ``street_months`` rows, its observations and its
(area, force) pairs without reading the stored rows back: a few hundred groups in Python
instead of several SQL statements each with its own plan (see :mod:`factbeat.store.street.writer`).

These are the same sums as ``sql.COUNTED``, ``ADD_MONTHS`` and ``OBSERVE_NEW``, which
remain the way for files with refused rows and for revisions; the tests ingest clean files both
ways and compare the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa

Key = tuple[str, str, int, date]  # force code, area code, category id, month


@dataclass(frozen=True)
class Tally:
    """Rows per (force, area, category, month), and the first 'Reported by' text of each force-month."""

    counts: dict[Key, int]
    force_names: dict[tuple[str, date], str]

    @classmethod
    def of(cls, chunks: list[pa.Table]) -> Tally:
        """Add up the chunks' counts (columns of :func:`checks.row_counts` plus ``category_id``)."""
        counts: dict[Key, int] = {}
        names: dict[tuple[str, date], str] = {}
        for chunk in chunks:
            columns = [chunk[c].to_pylist() for c in ("force_code", "area_code", "category_id", "month_date",
                                                      "reported_by", "count_all")]
            for force, area, category, month, name, n in zip(*columns, strict=True):
                key = (force, area, category, month)
                counts[key] = counts.get(key, 0) + n
                if (force, month) not in names or name < names[(force, month)]:
                    names[(force, month)] = name
        return cls(counts, names)

    @property
    def force_months(self) -> set[tuple[str, date]]:
        return set(self.force_names)

    @property
    def area_forces(self) -> set[tuple[str, str]]:
        """What ``street_area_forces`` must hold: each area with its force, and each force itself."""
        return {(area, force) for force, area, _c, _m in self.counts} | {(f, f) for f, _m in self.force_names}

    def counted(self) -> pa.Table:
        """The ``street_counted`` table, for the SQL statements that revise older files."""
        keys = list(self.counts)
        return pa.table({
            "force_code": pa.array([k[0] for k in keys], pa.string()),
            "area_code": pa.array([k[1] for k in keys], pa.string()),
            "category_id": pa.array([k[2] for k in keys], pa.int32()),
            "month": pa.array([k[3] for k in keys], pa.date32()),
            "n": pa.array(list(self.counts.values()), pa.int64()),
            "force_name": pa.array([self.force_names[(k[0], k[3])] for k in keys], pa.string()),
        })

    def month_rows(self, source_id: int, no_location: dict[str, str]) -> pa.Table:
        """``street_months`` rows: one per force-month, with its rows and its rows without a location."""
        rows: dict[tuple[str, date], list[int]] = {}
        for (force, area, _category, month), n in self.counts.items():
            total = rows.setdefault((force, month), [0, 0])
            total[0] += n
            total[1] += n if area == no_location[force] else 0
        keys = sorted(rows)
        return pa.table({
            "force_code": pa.array([k[0] for k in keys], pa.string()),
            "force_name": pa.array([self.force_names[k] for k in keys], pa.string()),
            "month": pa.array([k[1] for k in keys], pa.date32()),
            "source_id": pa.array([source_id] * len(keys), pa.int32()),
            "row_count": pa.array([rows[k][0] for k in keys], pa.int64()),
            "no_location": pa.array([rows[k][1] for k in keys], pa.int64()),
            "replaced_by": pa.nulls(len(keys), pa.int32()),
            "replaced_at": pa.nulls(len(keys), pa.timestamp("us")),
        })

    def observations(self, scheme: str, source_id: int) -> pa.Table:
        """Observation rows: the counts per area, then per force (line NULL: each sums many rows)."""
        per_area: dict[tuple[str, int, date], int] = {}
        per_force: dict[tuple[str, int, date], int] = {}
        for (force, area, category, month), n in self.counts.items():
            per_area[(area, category, month)] = per_area.get((area, category, month), 0) + n
            per_force[(force, category, month)] = per_force.get((force, category, month), 0) + n
        keys = [*per_area, *per_force]
        return pa.table({
            "scheme": pa.array([scheme] * len(keys), pa.string()),
            "area_code": pa.array([k[0] for k in keys], pa.string()),
            "category_id": pa.array([k[1] for k in keys], pa.int32()),
            "month": pa.array([k[2] for k in keys], pa.date32()),
            "count": pa.array([*per_area.values(), *per_force.values()], pa.int64()),
            "source_id": pa.array([source_id] * len(keys), pa.int32()),
            "line": pa.nulls(len(keys), pa.int32()),
        })


def pairs_table(pairs: set[tuple[str, str]]) -> pa.Table:
    """``street_area_forces`` rows."""
    ordered = sorted(pairs)
    return pa.table({"area_code": pa.array([p[0] for p in ordered], pa.string()),
                     "force_code": pa.array([p[1] for p in ordered], pa.string())})
