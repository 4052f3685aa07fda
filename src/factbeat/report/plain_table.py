"""A ranking's table as plain text, character for character as Rich draws it to a pipe or file.

Importing Rich and laying out a 32-row table cost ``factbeat rank`` about 40 ms of its 200
(issue 13's start-up target is 20x a bare interpreter).  When the output is not a terminal
Rich writes its table unstyled, so :func:`render` draws the same characters itself, for the one
shape of table the CLI prints (``rich.table.Table`` with a title and its defaults: heavy head
box, header, padding of one space, columns left or right justified, cells that wrap at spaces
and end in an ellipsis when a word does not fit).  It follows Rich's own steps (``Table``:
measure each column, collapse the widest columns until the table fits the console, measure
again; ``Text``: wrap at spaces, justify, truncate) and returns None for anything outside them
(text that is not plain printable ASCII, a console narrower than the table's borders), which
the caller then hands to Rich.  ``tests/report/test_plain_table.py`` compares the two on every
ranking of the real files at several widths and on made-up tables.
"""

from __future__ import annotations

import os
import re

_WORD = re.compile(r"\s*\S+\s*")
_PRINTABLE = re.compile(r"[ -~]*")  # printable ASCII: one cell a character, nothing Rich rewrites


def console_width() -> int:
    """The width Rich's console takes when writing to a pipe: a terminal's on one of the standard
    streams, else 80; ``COLUMNS`` overrides either (``Console.size``)."""
    width = 0
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


def render(title: str, headers: list[str], justify: list[str], rows: list[list[str]], width: int) -> str | None:
    """The table as Rich prints it ``width`` columns wide, or None if Rich might print it otherwise."""
    cells = [headers, *rows]
    if not headers or any(len(row) != len(headers) for row in cells):
        return None
    if not all(_PRINTABLE.fullmatch(text) for text in [title, *(c for row in cells for c in row)]):
        return None
    extra = len(headers) + 1  # the borders: two edges and one between each pair of columns
    widths = _column_widths(cells, width - extra)
    if widths is None:
        return None
    out = [title] if title else []
    out.append("┏" + "┳".join("━" * w for w in widths) + "┓")
    out += _row(headers, widths, justify, "┃", header=True)
    out.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    for row in rows:
        out += _row(row, widths, justify, "│")
    out.append("└" + "┴".join("─" * w for w in widths) + "┘")
    return "\n".join(out) + "\n"


def _measure(text: str, limit: int) -> tuple[int, int]:
    """(minimum, maximum) width of a cell with its padding, at most ``limit`` (Rich: Padding and
    Text measurements, normalised and capped)."""
    if limit - 2 < 1:
        return limit, limit
    inner = limit - 2
    longest_line = max((len(line) for line in text.splitlines()), default=0)
    words = text.split()
    longest_word = max((len(word) for word in words), default=longest_line)
    low = min(max(0, longest_word), longest_line)  # Measurement.normalize
    high = max(0, low, longest_line)
    low, high = min(low, inner), min(high, inner)  # .with_maximum(inner)
    if high < 1:
        low, high = 0, 0
    low = min(max(0, low), high)
    return min(low + 2, limit), min(high + 2, limit)


def _column_range(cells: list[list[str]], column: int, limit: int) -> tuple[int, int]:
    if limit < 1:
        return 0, 0
    sizes = [_measure(row[column], limit) for row in cells]
    return min(max(s[0] for s in sizes), limit), min(max(s[1] for s in sizes), limit)


def _column_widths(cells: list[list[str]], limit: int) -> list[int] | None:
    if limit < 1:
        return None
    n = len(cells[0])
    widths = [_column_range(cells, i, limit)[1] or 1 for i in range(n)]
    if sum(widths) > limit:
        widths = _collapse(widths, limit)
        if sum(widths) > limit:
            widths = _ratio_reduce(sum(widths) - limit, [1] * n, widths, widths)
        widths = [_column_range(cells, i, w)[1] or 0 for i, w in enumerate(widths)]
    if any(w < 3 for w in widths):
        return None  # a cell too narrow for its padding: leave it to Rich
    return widths


def _collapse(widths: list[int], limit: int) -> list[int]:
    """Narrow the widest columns, all of them wrappable, until the total fits (Rich's
    ``Table._collapse_widths``)."""
    total = sum(widths)
    excess = total - limit
    while total and excess > 0:
        widest = max(widths)
        second = max((w if w != widest else 0) for w in widths)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not any(ratios) or not difference:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - limit
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """Take ``total`` off ``values`` in proportion to ``ratios``, at most ``maximums`` each
    (Rich's ``_ratio.ratio_reduce``, rounding as Python's ``round`` does)."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, result = total, []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _row(row: list[str], widths: list[int], justify: list[str], edge: str, *, header: bool = False) -> list[str]:
    """The lines of one row: each cell wrapped in its column and padded; a shorter cell gets blank
    lines below it, or above it in the header (Rich aligns header cells to the bottom)."""
    columns = [_cell_lines(text, width - 2, how) for text, width, how in zip(row, widths, justify, strict=True)]
    height = max(len(lines) for lines in columns)
    blocks = []
    for lines, width in zip(columns, widths, strict=True):
        padded = [f" {line} " for line in lines]
        blank = [" " * width] * (height - len(lines))
        blocks.append(blank + padded if header else padded + blank)
    return [edge + edge.join(block[i] for block in blocks) + edge for i in range(height)]


def _cell_lines(text: str, width: int, justify: str) -> list[str]:
    """A cell's text wrapped at spaces to ``width`` (a word too long is cut with an ellipsis),
    then justified (Rich's ``Text.wrap`` with ``divide_line`` and ``Lines.justify``)."""
    lines: list[str] = []
    for line in text.split("\n"):
        pieces = [line[a:b] for a, b in _spans(line, _breaks(line, width))]
        for piece in pieces:
            if len(piece) > width:  # trailing spaces beyond the width go first
                spaces = len(piece) - len(piece.rstrip())
                piece = piece[: len(piece) - min(spaces, len(piece) - width)]
            if justify == "right":
                piece = _truncate(piece.rstrip(), width)
                piece = " " * (width - len(piece)) + piece
            else:
                piece = _truncate(piece, width)
                piece = piece + " " * (width - len(piece))
            lines.append(_truncate(piece, width))
    return lines


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _breaks(text: str, width: int) -> list[int]:
    """Where a line is broken to fit ``width`` cells, without folding long words."""
    breaks, offset = [], 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if start:
                breaks.append(start)
            offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _spans(text: str, breaks: list[int]) -> list[tuple[int, int]]:
    edges = [0, *breaks, len(text)]
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]
