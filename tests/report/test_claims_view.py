"""``factbeat check`` to a pipe prints, without Rich, exactly what Rich prints there."""

from __future__ import annotations

import io
import sys

import pytest

from factbeat.claims import check_text
from factbeat.report.claims_view import _plain_check, render_check
from factbeat.report.console import PlainConsole, rich_console

STORIES = [
    "Thefts in Ealing rose from 1,200 to 1,380 last year, an increase of 15 per cent.\n\n"
    "Robbery fell by a quarter, from 400 to 300 offences, the council said.\n",
    "[Update] Burglary rose from 10 to 12 [sic], up 20% :smile: in a year.",
    "Café owners said crime rose 10% – from 50 to 55 – in 2019, with £4m spent.\n\n\n   ",
    "Nothing to see here.",
    "Knife crime fell\tby 5 per cent, from 200 to 190.",  # a tab: Rich expands it
    "Offences rose \x07 from 20 to 30\r, up 50 per cent.",  # control codes: Rich removes them
    "Two lines\nand 7 of the 9 wards saw burglary fall in 2016.  ",
    "犯罪 rose from 10 to 20, doubling.",
]


@pytest.fixture(autouse=True)
def _no_forced_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


def _printed(console, result, monkeypatch: pytest.MonkeyPatch) -> str:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    render_check(result, console)
    monkeypatch.setattr(sys, "stdout", sys.__stdout__)
    return out.getvalue()


def _same(result, monkeypatch: pytest.MonkeyPatch) -> str:
    plain = _printed(PlainConsole(), result, monkeypatch)
    assert plain == _printed(rich_console(), result, monkeypatch)
    return plain


@pytest.mark.parametrize("story", STORIES)
def test_same_characters_as_rich(story: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _same(check_text(story, date="2020-03-01"), monkeypatch)


def test_with_data_blocks_and_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    result = check_text(STORIES[0], date="2020-03-01")
    result.claims[0].data = {"verdict": "contradicted", "explanation": "stated 1,380 vs 1,402 [in the data]",
                             "area": {"name": "Ealing"}, "measure": {"name": "Theft"},
                             "period": {"from": {"label": "2018"}, "to": {"label": "2019"}},
                             "source": ["data (home_office): file.csv lines 1-4"],
                             "alternatives": [{"verdict": "not_in_data", "measure": {"name": "Vehicle crime"},
                                               "reason": "no data: a :smile: code"}]}
    result.claims[1].data = {"explanation": "stored figure: 231 guns", "extra": None}
    assert "evidence: stored figure: 231 guns" in _same(result, monkeypatch)
    result.notes.append("stopped after 1 s: 1 of 2 sentences checked")  # printed by Rich itself
    _same(result, monkeypatch)


def test_a_grounded_check(fb_real, monkeypatch: pytest.MonkeyPatch) -> None:
    story = ("Burglary in Barnet rose to 3,400 offences in 2016, up from 3,100 the year before.\n\n"
             "Westminster had the highest rate of theft in London in 2016.\n")
    result = fb_real.check(story, date="2017-01-20")
    assert _plain_check(result) is not None  # written without Rich
    assert "data: contradicted (Barnet; burglary; 2016)" in _same(result, monkeypatch)


def test_rich_prints_what_it_would_change() -> None:
    assert _plain_check(check_text(STORIES[0])) is not None
    assert _plain_check(check_text(STORIES[4])) is None  # a tab
    assert _plain_check(check_text(STORIES[5])) is None  # control codes
