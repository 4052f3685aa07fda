"""One scheme's observations held in memory as sorted NumPy columns, for single figures.

Why: a figure is a sum over a few dozen stored observations, and DuckDB's fixed cost per query
(planning, a parallel scan, result conversion: about 0.5-0.8 ms here) is most of a figure's
time.  The observations of a scheme are small next to the rows they count (a million
street-level rows become about 7,000 observations), so they are read once per store generation,
sorted two ways, and a figure becomes two binary searches per (area, category) and a slice sum:
tens of microseconds.  Rankings and other many-area aggregates still run as SQL.

The answers are the same numbers the SQL statements in ``queries`` give
(``tests/spine/test_observation_index.py`` compares them on real data).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
NO_LINE = -1  # a street-level observation sums many rows and has no single line


def _days(day: date) -> int:
    return day.toordinal() - _EPOCH_ORDINAL


@dataclass(frozen=True)
class Matches:
    """The observations a figure sums: their source ids, lines (None: many rows) and counts."""

    source_ids: np.ndarray
    lines: np.ndarray
    counts: np.ndarray

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def citations(self) -> Iterable[tuple[int, int | None]]:
        """(source_id, line) pairs, each once, in the shape ``provenance.cite`` takes."""
        pairs = set(zip(self.source_ids.tolist(), self.lines.tolist(), strict=True))
        return ((sid, None if line == NO_LINE else line) for sid, line in pairs)


class _Groups:
    """Rows sorted by a key then by month, with each key's [start, end) slice."""

    def __init__(self, order: np.ndarray, months: np.ndarray, key_columns: list[np.ndarray], key_of: Callable[[int], Hashable]) -> None:
        """``key_columns``: integer codes per row; ``key_of(row)``: the key those codes stand for."""
        self.order = order
        self.months = months[order]
        sorted_keys = [column[order] for column in key_columns]
        changed = np.zeros(len(order), dtype=bool)
        if len(order):
            changed[0] = True
            for column in sorted_keys:
                changed[1:] |= column[1:] != column[:-1]
        starts = np.flatnonzero(changed)
        ends = np.append(starts[1:], len(order)) if len(order) else starts
        self.slices: dict = {key_of(int(order[s])): (int(s), int(e)) for s, e in zip(starts, ends, strict=True)}

    def positions(self, key, first: int, last: int) -> np.ndarray | None:
        """Positions (in the original row order) of ``key``'s rows with first <= month <= last."""
        span = self.slices.get(key)
        if span is None:
            return None
        lo, hi = span
        months = self.months[lo:hi]
        a = lo + int(np.searchsorted(months, first, side="left"))
        b = lo + int(np.searchsorted(months, last, side="right"))
        return self.order[a:b] if a < b else None


def _numbers(column: pa.ChunkedArray | pa.Array, missing: int | None = None) -> np.ndarray:
    """An integer column as int64 NumPy values (nulls as ``missing``), read from the Arrow
    buffers: pyarrow's own ``to_numpy`` and ``fill_null`` import pandas (half a second)."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    n, offset = len(array), array.offset
    if n == 0:
        return np.zeros(0, np.int64)
    validity, data = array.buffers()[0], array.buffers()[1]
    values = np.frombuffer(data, dtype=_DTYPES[array.type], count=n + offset)[offset:].astype(np.int64)
    if array.null_count:
        if missing is None:
            raise ValueError("the observation index reads this column without nulls")
        valid = np.unpackbits(np.frombuffer(validity, np.uint8), bitorder="little")[offset:offset + n]
        values[valid == 0] = missing
    return values


_DTYPES = {pa.int8(): np.int8, pa.int16(): np.int16, pa.int32(): np.int32, pa.int64(): np.int64,
           pa.uint8(): np.uint8, pa.uint16(): np.uint16, pa.uint32(): np.uint32, pa.uint64(): np.uint64}


class ObservationIndex:
    """Observations of one scheme: by (area, category) for one area, by category for all areas."""

    def __init__(self, table: pa.Table) -> None:
        """``table``: columns area_code, category_id, month (date), source_id, line, count."""
        self.rows = table.num_rows
        months = _numbers(table["month"].cast(pa.int32()))
        self.source_ids = _numbers(table["source_id"])
        self.lines = _numbers(table["line"], missing=NO_LINE)
        self.counts = _numbers(table["count"])
        # Areas as small integers by dictionary encoding (one hashing pass; np.unique over the
        # strings sorted them, most of the index's cost).  Any numbering groups them the same.
        encoded = table["area_code"].combine_chunks().dictionary_encode()
        area_names, area_codes = encoded.dictionary, _numbers(encoded.indices)
        categories = _numbers(table["category_id"])
        by_area = np.lexsort((months, categories, area_codes))
        by_category = np.lexsort((months, categories))
        names = area_names.to_pylist()
        self._area_of_row = area_codes  # each row's area, as a position in _area_names
        self._area_names = names
        self._area_number = {name: i for i, name in enumerate(names)}
        self._by_area = _Groups(by_area, months, [area_codes, categories],
                                lambda i: (names[area_codes[i]], int(categories[i])))
        self._by_category = _Groups(by_category, months, [categories], lambda i: int(categories[i]))

    def matches(self, category_ids: list[int], area_codes: list[str] | None, start: date, end: date) -> Matches:
        """Observations of these categories in these areas (None: every area), start <= month <= end."""
        first, last = _days(start), _days(end)
        if area_codes is None:
            found = [self._by_category.positions(cid, first, last) for cid in category_ids]
        else:
            found = [self._by_area.positions((code, cid), first, last) for code in area_codes for cid in category_ids]
        parts = [p for p in found if p is not None]
        at = np.concatenate(parts) if parts else np.array([], dtype=np.int64)
        return Matches(self.source_ids[at], self.lines[at], self.counts[at])

    def area_totals(self, category_ids: list[int], area_codes: list[str], start: date,
                    end: date) -> tuple[dict[str, int], list[tuple[int, int | None]]]:
        """Per area with any observation of these categories in start <= month <= end, its total;
        and the (source, line) pairs summed, each once, sorted: what :meth:`matches` gives area by
        area, in one pass over the categories (a ranking of 32 areas by 40 categories was 1,280
        searches and as many small arrays)."""
        first, last = _days(start), _days(end)
        parts = [p for p in (self._by_category.positions(cid, first, last) for cid in category_ids) if p is not None]
        wanted = np.array([self._area_number.get(code, -1) for code in area_codes], dtype=np.int64)
        if not parts or not len(wanted):
            return {}, []
        at = np.concatenate(parts)
        at = at[np.isin(self._area_of_row[at], wanted)]
        areas = self._area_of_row[at]
        counts = self.counts[at]
        present = np.bincount(areas, minlength=len(self._area_names)) > 0
        sums = np.zeros(len(self._area_names), dtype=np.int64)
        np.add.at(sums, areas, counts)
        totals = {code: int(sums[i]) for code, i in zip(area_codes, wanted.tolist(), strict=True)
                  if i >= 0 and present[i]}
        # source ids and lines (NO_LINE = -1 first, as None sorts first) as one sortable number
        keys = np.unique(self.source_ids[at] * (1 << 32) + (self.lines[at] + 1))
        pairs = [(int(k >> 32), None if line == 0 else int(line) - 1)
                 for k, line in zip(keys.tolist(), (keys & 0xFFFFFFFF).tolist(), strict=True)]
        return totals, pairs
