"""Numbers as reporters write them: '7,631', '19.8 per 1,000', '6th-lowest', 'up 9.8%', 'p < 0.001'.

One module for the CLI, the web pages and the profile, so a figure reads the same everywhere.
"""

from __future__ import annotations

from datetime import date


def number(value: int | float | None, digits: int = 0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_phrase(rank: int, order: str) -> str:
    """'the lowest', 'the 3rd-lowest', 'the highest', 'the 2nd-highest'."""
    word = "lowest" if order == "asc" else "highest"
    return f"the {word}" if rank == 1 else f"the {ordinal(rank)}-{word}"


def place(rank: int, from_other_end: int, order: str) -> str:
    """The place as people say it, from whichever end is nearer: 25th of 32 by 'highest' is
    'the 3rd-lowest' (``from_other_end`` is the rank counted the other way, ties shared)."""
    if from_other_end < rank:
        return rank_phrase(from_other_end, "desc" if order == "asc" else "asc")
    return rank_phrase(rank, order)


def places(ranks: list[int], order: str) -> list[str]:
    """:func:`place` for every row of a ranking, given the rows' ranks in order (competition ranking)."""
    return [place(r, 1 + sum(1 for other in ranks if other > r), order).removeprefix("the ") for r in ranks]


def signed_percent(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:+.{digits}f}%"


def direction(absolute: int) -> str:
    return "rose" if absolute > 0 else "fell" if absolute < 0 else "was unchanged"


def p_value(value: float | None) -> str:
    """'p < 0.001' or 'p = 0.28': never '9.71e-16'."""
    if value is None:
        return "p not available"
    return "p < 0.001" if value < 0.001 else f"p = {value:.2g}"


def month_list(months: list[date]) -> str:
    """'January', 'January to March 2024' style list of months (consecutive runs joined)."""
    if not months:
        return ""
    runs: list[list[date]] = [[months[0]]]
    for m in months[1:]:
        prev = runs[-1][-1]
        if (m.year * 12 + m.month) - (prev.year * 12 + prev.month) == 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    def name(d: date) -> str:
        return f"{d:%B %Y}"
    return ", ".join(name(r[0]) if len(r) == 1 else f"{name(r[0])} to {name(r[-1])}" for r in runs)


def compress_lines(lines: str, keep: int = 3) -> str:
    """'2-9, 40-47, ... (33 ranges)' for a long list of line ranges: enough to find, short to read."""
    parts = [p.strip() for p in lines.split(",")]
    if len(parts) <= keep + 1:
        return lines
    return f"{', '.join(parts[:keep])} and {len(parts) - keep} more ranges ({parts[0].split('-')[0]} to {parts[-1].split('-')[-1]})"
