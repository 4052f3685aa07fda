"""Numbers as reporters write them: '7,631', '19.8 per 1,000', '6th-lowest', 'up 9.8%'."""

from __future__ import annotations


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


def signed_percent(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:+.{digits}f}%"


def direction(absolute: int) -> str:
    return "rose" if absolute > 0 else "fell" if absolute < 0 else "was unchanged"
