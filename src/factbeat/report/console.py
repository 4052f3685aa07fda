"""The console the CLI prints to: Rich's on a terminal, plain text where Rich would print plain text.

Importing Rich costs a one-off command about a tenth of its CPU (issue 13), yet a figure, a
change or a share printed to a pipe or a file is lines of text that Rich writes unstyled.  So
when the output is not a terminal, :class:`PlainConsole` writes those lines itself and hands
anything else (a table, or text Rich would change: markup, emoji codes, tabs, control
characters) to a Rich console created on first need.  What reaches the output is character for
character what ``rich.console.Console(highlight=False, soft_wrap=True)`` prints
(``tests/report/test_console.py`` compares the two).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

# Text Rich prints as it is (no wrapping: soft_wrap): no markup tag, no ':name:' emoji code, no tab
# (expanded) and none of the control characters Rich removes (bell, backspace, vertical tab, form
# feed, carriage return).  Anything else goes to Rich itself.
_NOT_AS_IS = re.compile(r"[\[\t\x07\x08\x0b\x0c\r]|:\S*?:")
_BOLD = ("[bold]", "[/bold]")


def as_text(text: str, style: str = "") -> Any:
    """``text`` as a Rich ``Text`` when Rich would print it as it is, else the string: what a table
    prints is the same, but Rich then skips its markup and emoji pass, whose first use loads
    3,000 emoji names (3 ms of a ranking's start).  ``style`` is the one Rich would give the string
    (a table's title: ``table.title``)."""
    if _NOT_AS_IS.search(text):
        return text
    from rich.text import Text

    return Text(text, style=style)


def rich_console() -> Any:
    """Rich's console as the CLI configures it."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def console() -> Any:
    """A console for the CLI's output: plain when standard output is not a terminal."""
    return PlainConsole() if _plain_output() else rich_console()


def _plain_output() -> bool:
    """True when Rich would print standard output without colours or styles: not a terminal and
    nothing in the environment telling Rich to treat it as one (see ``Console.is_terminal``)."""
    if any(name in os.environ for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")):
        return False
    if "idlelib" in sys.modules or "IPython" in sys.modules:
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:
        return False


class PlainConsole:
    """``print`` as Rich's console does it for unstyled output, without importing Rich."""

    def __init__(self) -> None:
        self._rich: Any = None

    def print(self, *objects: Any, style: str | None = None, **options: Any) -> None:
        text = objects[0] if len(objects) == 1 and not options and type(objects[0]) is str else None
        if text is not None:
            if text.startswith(_BOLD[0]) and text.endswith(_BOLD[1]) and len(text) >= len(_BOLD[0] + _BOLD[1]):
                inner = text[len(_BOLD[0]):-len(_BOLD[1])]
                text = None if _NOT_AS_IS.search(inner) else inner
            elif _NOT_AS_IS.search(text):
                text = None
        if text is None:
            if self._rich is None:
                self._rich = rich_console()
            self._rich.print(*objects, style=style, **options)
            return
        sys.stdout.write(text + "\n")
        sys.stdout.flush()  # as Rich does after each print, so stdout and stderr interleave the same


def print_table(console: Any, title: str, headers: list[str], justify: list[str], rows: list[list[str]]) -> None:
    """A titled table (left or right justified columns of text), drawn by Rich on a terminal and
    by :mod:`factbeat.report.plain_table` (the same characters, without importing Rich) where
    Rich would print it unstyled."""
    if isinstance(console, PlainConsole) and _plain_box():
        from factbeat.report.plain_table import console_width, render

        text = render(title, headers, justify, rows, console_width())
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
    from rich.table import Table

    table = Table(title=as_text(title, style="table.title"))
    for header, how in zip(headers, justify, strict=True):
        table.add_column(as_text(header), justify=how)
    for row in rows:
        table.add_row(*map(as_text, row))
    console.print(table)


def _plain_box() -> bool:
    """Rich draws its box characters (not ASCII ones) on this output: UTF-8, not legacy Windows."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    return encoding.startswith("utf") and os.name != "nt"
