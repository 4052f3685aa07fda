"""The data rows of a table file, checked for shape, with every problem gathered for one report.

Each reader of a table file wants the same frame: the header, then each data row with its line,
rows with the wrong number of cells reported rather than read, a count of the rows read, and a
file with no data rows refused.  :class:`DataRows` is that frame; the reader adds the checks of
its own columns to the same :class:`~factbeat.sources.problems.Problems`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from factbeat.sources.csvfile import iter_rows
from factbeat.sources.problems import Problems
from factbeat.taxonomy.text import name_key


class DataRows:
    """Iterate ``(line, cells)`` over a file's well-formed data rows; then call :meth:`finish`."""

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        self.path = path
        self._rows = iter_rows(path, encoding)
        _line, self.header = next(self._rows)
        self.keys = [name_key(h) for h in self.header]
        self.problems = Problems(path)
        self.rows_read = 0

    def index(self, names: tuple[str, ...] | list[str]) -> dict[str, int]:
        """Column positions by normalised header name (the format test checked they exist)."""
        return {name: self.keys.index(name) for name in names}

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        for line, cells in self._rows:
            self.rows_read += 1
            if len(cells) != len(self.header):
                self.problems.add(line, None, f"the row has {len(cells)} cells but the header has {len(self.header)} "
                                              "(truncated or shifted row)")
                continue
            yield line, cells

    def finish(self) -> None:
        """Refuse the file if it had no data rows or any problem (one error listing them all)."""
        if self.rows_read == 0:
            self.problems.add(2, None, "the file has a header but no data rows")
        self.problems.raise_if_any()


def whole_number(text: str) -> int | None:
    """A whole, non-negative number ('12', '12.0'), or None."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() and value >= 0 else None
