"""Claims in flattened tables: rows of figures under a header that names the columns.

Text copied from a PDF report or a slide keeps a table's cells but loses its grid:
"Offence 2019 2020 % change Burglary 1,210 1,090 -10 Robbery 400 452 13".  Two layouts are
common in police reports and are checked here:

* **change tables**: the header names k percent-change columns, each after two period columns,
  so every row holds k groups of (earlier, later, change);
* **index tables**: lines of "period, figure, (index)" where one line's index is (100): every
  other index is that line's figure as a percentage of the base line's.

A table is only read this way when the layout holds: the header words are there, every row has
the expected number of cells, and at least half of its rows agree with the reading.  A run of
numbers that merely looks like a table (a list of years, a phone number) gives nothing, and a
table whose rows mostly disagree is one we misread, not one full of errors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.link.candidates import TextIndex
from factbeat.claims.link.draft import Draft
from factbeat.claims.model import ClaimKind
from factbeat.claims.prefilter import fold
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Direction

_CHANGE_HEADER = patterns.compile(
    r"\b(?:percent(?:age)?|per\s+cent|pct)\.?\s+change\b|%\s*change\b|\bchange\s*\(\s*%\s*\)", re.I
)
_YEAR = patterns.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_CELL = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ROW = patterns.compile(
    r"(?P<label>[A-Za-z][A-Za-z'’/&.-]*(?:\s+[A-Za-z][A-Za-z'’/&.-]*){0,4})\s+"
    r"(?P<cells>" + _CELL + r"(?:\s+" + _CELL + r")+)(?=\s+[A-Za-z]|\s*$)"
)
_INDEX_ROW = patterns.compile(
    r"^[ \t>•*·-]*(?P<period>(?:19|20)\d\d(?:[/–-]\d{2,4})?)[\s:]+(?P<value>\d{1,3}(?:,\d{3})+|\d+)"
    r"\s*\(\s*(?P<index>\d+(?:\.\d+)?)\s*\)\s*$",
    re.M,
)
AGREEING_SHARE = Fraction(1, 2)  # rows that must agree before a layout is believed


def _number(text: str) -> Fraction:
    return Fraction(text.replace(",", "").replace("−", "-"))


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


class _Locator:
    """Sentence index of a character offset."""

    def __init__(self, index: TextIndex) -> None:
        self.starts = [r.sentence.start for r in index.readings]

    def sentence(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


def _quantity(kind: QuantityKind, match_text: str, start: int, sentence: int) -> Quantity:
    value = abs(_number(match_text)) if kind == QuantityKind.PERCENT else _number(match_text)
    return Quantity(kind, value, start, start + len(match_text), match_text, sentence=sentence,
                    decimals=_decimals(match_text))  # fmt: skip


def _agrees(earlier: Fraction, later: Fraction, stated: Fraction, decimals: int) -> bool:
    """The stated change equals the computed one, rounded or truncated to its precision."""
    if earlier <= 0:
        return False
    change = (later - earlier) / earlier * 100
    step = Fraction(1, 10**decimals)
    return abs(change - stated) <= step or (change > 0) != (stated > 0) and abs(change) < step


def _change_tables(index: TextIndex, where: _Locator) -> list[Draft]:
    text = index.text
    if "change" not in fold(text):
        return []  # every header says "change": one fast look spares the pattern's
    headers = list(_CHANGE_HEADER.finditer(text))
    if not headers:
        return []
    drafts: list[Draft] = []
    groups_per_row = len(headers)
    header_text = text[: headers[-1].end()]
    if len(_YEAR.findall(header_text)) < 2 * groups_per_row:
        return []
    rows = []
    for row in _ROW.finditer(text, headers[-1].end()):
        cells = [(m.group(), row.start("cells") + m.start())
                 for m in re.finditer(_CELL, row.group("cells"))]  # fmt: skip
        if len(cells) != 3 * groups_per_row:
            continue
        rows.append(cells)
    found = []
    for cells in rows:
        for g in range(groups_per_row):
            (a, a_at), (b, b_at), (c, c_at) = cells[3 * g : 3 * g + 3]
            if "." in a or "." in b or _number(a) <= 0 or _number(b) < 0:
                continue
            found.append(((a, a_at), (b, b_at), (c, c_at)))
    agreeing = sum(_agrees(_number(a), _number(b), _number(c), _decimals(c))
                   for (a, _), (b, _), (c, _) in found)  # fmt: skip
    if not found or agreeing < AGREEING_SHARE * len(found):
        return []
    for (a, a_at), (b, b_at), (c, c_at) in found:
        sentence = where.sentence(c_at)
        stated = _quantity(QuantityKind.PERCENT, c, c_at, sentence)
        earlier = _quantity(QuantityKind.COUNT, a, a_at, where.sentence(a_at))
        later = _quantity(QuantityKind.COUNT, b, b_at, where.sentence(b_at))
        sign = -1 if _number(c) < 0 else 1 if _number(c) > 0 else 0
        directions = [Direction(sign, f"change column: {c}", c_at, c_at + len(c))] if sign else []
        draft = Draft(ClaimKind.PERCENT_CHANGE, sentence, stated, (a_at, c_at + len(c)),
                      numbers={"from": earlier, "to": later}, directions=directions)  # fmt: skip
        drafts.append(draft)
    return drafts


def _index_tables(index: TextIndex, where: _Locator) -> list[Draft]:
    if "(" not in index.text:
        return []  # every row ends with its index in brackets: one fast look spares the pattern's
    rows = list(_INDEX_ROW.finditer(index.text))
    bases = [r for r in rows if _number(r.group("index")) == 100]
    if len(rows) < 3 or len(bases) != 1:
        return []
    base = bases[0]
    whole = _quantity(QuantityKind.COUNT, base.group("value"), base.start("value"),
                      where.sentence(base.start("value")))  # fmt: skip
    others = [r for r in rows if r is not base]
    agreeing = sum(abs(_number(r.group("value")) / whole.value * 100 - _number(r.group("index")))
                   <= Fraction(1, 10 ** _decimals(r.group("index"))) for r in others)  # fmt: skip
    if agreeing < AGREEING_SHARE * len(others):
        return []
    drafts = []
    for r in others:
        at = r.start("index")
        sentence = where.sentence(at)
        stated = _quantity(QuantityKind.PERCENT, r.group("index"), at, sentence)
        part = _quantity(QuantityKind.COUNT, r.group("value"), r.start("value"), sentence)
        drafts.append(Draft(ClaimKind.SHARE, sentence, stated, (r.start("period"), r.end("index") + 1),
                            numbers={"part": part, "whole": whole}))  # fmt: skip
    return drafts


def link_tables(index: TextIndex) -> list[Draft]:
    """Drafts for the cells of flattened change tables and index tables (none if no table)."""
    where = _Locator(index)
    return _change_tables(index, where) + _index_tables(index, where)
