"""A ranking printed to a pipe without Rich is, character for character, what Rich prints.

``report/plain_table.py`` follows Rich's table layout (measure, collapse to the console's width,
wrap, justify); these tests compare the two on the real files' rankings at several console
widths, and on made-up tables of every shape the layout meets (long words cut with an ellipsis,
multi-line headers, narrow consoles, empty cells)."""

from __future__ import annotations

import io
import random
import sys

import pytest

from factbeat.report.console import PlainConsole, rich_console
from factbeat.report.plain_table import render
from factbeat.report.tables import print_ranking


def _printed(make, monkeypatch: pytest.MonkeyPatch, print_it) -> str:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    print_it(make())
    monkeypatch.setattr(sys, "stdout", sys.__stdout__)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_forced_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("columns", ["80", "60", "100", "44"])
def test_real_rankings_as_rich_draws_them(fb_real, monkeypatch, columns) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    compared = 0
    for measure in ("burglary", "violence against the person", "homicide", "all recorded crime"):
        for period in ("2016", "2019/20", "2012-07"):
            for by, order in (("rate", "desc"), ("count", "asc")):
                ranking = fb_real.rank(measure, period, by=by, order=order)
                plain = _printed(PlainConsole, monkeypatch, lambda c, r=ranking: print_ranking(r, c))
                drawn = _printed(rich_console, monkeypatch, lambda c, r=ranking: print_ranking(r, c))
                assert plain == drawn, (measure, period, by, order, columns)
                compared += 1
    assert compared == 24


def test_made_up_tables_as_rich_draws_them() -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def drawn(title, headers, justify, rows, width):
        out = io.StringIO()
        table = Table(title=Text(title, style="table.title"))
        for header, how in zip(headers, justify, strict=True):
            table.add_column(Text(header), justify=how)
        for row in rows:
            table.add_row(*map(Text, row))
        Console(file=out, highlight=False, soft_wrap=True, width=width).print(table)
        return out.getvalue()

    rng = random.Random(3)
    words = ["Barnet", "Kensington", "and", "Chelsea", "Kingston", "upon", "Thames", "of", "a" * 25, "x",
             "3,402", "12.5", "2nd-highest", "", " "]
    compared = 0
    for _ in range(1500):
        n = rng.randint(1, 7)
        headers = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(n)]
        justify = [rng.choice(["left", "right"]) for _ in range(n)]
        rows = [[" ".join(rng.choice(words) for _ in range(rng.randint(0, 5))) for _ in range(n)]
                for _ in range(rng.randint(0, 6))]
        title = " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        width = rng.choice([12, 20, 30, 40, 60, 80, 100, 200])
        plain = render(title, headers, justify, rows, width)
        if plain is not None:
            assert plain == drawn(title, headers, justify, rows, width), (title, headers, justify, rows, width)
            compared += 1
    assert compared > 1200


def test_what_it_leaves_to_rich() -> None:
    assert render("t", ["a"], ["left"], [["café"]], 80) is None  # not plain ASCII: cell widths vary
    assert render("t", ["a", "b"], ["left", "right"], [["x"]], 80) is None  # a short row
    assert render("t", ["a"] * 30, ["left"] * 30, [["x"] * 30], 40) is None  # too narrow for the borders
