"""The plain console prints exactly what Rich prints to a pipe, and hands Rich what it cannot."""

from __future__ import annotations

import io
import sys

import pytest

from factbeat.report.console import PlainConsole, console, rich_console

SAMPLES = [
    "Burglary in Barnet, 2016: 3,405 offences, 8.8 per 1,000 residents (Home Office categories).",
    "[bold]Burglary in Barnet rose by 9.4% from 3,112 to 3,405[/bold]",
    "  source: file.csv (lines 36-39), Metropolitan Police Service, OGL v2.0, https://data.london.gov.uk/x",
    "  note: a time of 12:30:45 and an emoji :smile: and :thumbs_up: here",
    "[bold]a bold line with [brackets] inside[/bold]",
    "[bold]a bold line with a :smile: inside[/bold]",
    "[red]markup[/red] that is not ours, and \\[escaped]",
    "tabs\tinside\tthe text",
    "control \x07 bell \x08 backspace \x0b vt \x0c ff \r cr",
    "trailing spaces   ",
    "",
    "two\nlines",
    "unicode: café – £4m ✓",
    "[bold][/bold]",
    "x" * 300,
    "[bold]",
    "]",
    "::",
]


def _printed(make, monkeypatch: pytest.MonkeyPatch, *args, **kwargs) -> str:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    make().print(*args, **kwargs)
    monkeypatch.setattr(sys, "stdout", sys.__stdout__)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_forced_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("style", [None, "dim", "bold yellow"])
def test_same_characters_as_rich(text: str, style: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _printed(PlainConsole, monkeypatch, text, style=style) == _printed(rich_console, monkeypatch, text, style=style)


def test_tables_and_options_go_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.table import Table

    table = Table(title="t")
    table.add_column("a")
    table.add_row("1")
    assert _printed(PlainConsole, monkeypatch, table) == _printed(rich_console, monkeypatch, table)
    assert _printed(PlainConsole, monkeypatch) == _printed(rich_console, monkeypatch) == "\n"
    long = "word " * 40
    assert (_printed(PlainConsole, monkeypatch, long, soft_wrap=False) ==
            _printed(rich_console, monkeypatch, long, soft_wrap=False))


def test_plain_only_where_rich_would_not_style(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert isinstance(console(), PlainConsole)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not isinstance(console(), PlainConsole)
