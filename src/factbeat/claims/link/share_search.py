"""Candidate readings for a stated share: a part and a whole anywhere nearby, or the text's own
percentage that a fraction word paraphrases ("just under three-quarters (73 %)").

Used by :mod:`shares` after its sentence-level rules: when those find no complete part/whole,
the best of these readings is taken; the others may still confirm the claim.
"""

from __future__ import annotations

import re
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.link.candidates import (
    CONFIRM,
    STRONG,
    Reading,
    TextIndex,
    comparable,
    compatible,
    exact_value,
    noun_after,
    refers_back,
)
from factbeat.claims.read.analyse import Stated
from factbeat.claims.read.quantity import Quantity, QuantityKind

_WHOLE_BEFORE = patterns.compile(r"\b(?:of|out\s+of|of\s+the|of\s+all|from|among|total\s+of)\s+(?:the\s+|all\s+|its\s+|their\s+)?$", re.I)
_WHOLE_AFTER = patterns.compile(r"\s+(?:in\s+total|overall|altogether|in\s+all)\b", re.I)


def _paraphrases(index: TextIndex, item: Stated) -> list[Reading]:
    q = item.q
    if q.kind != QuantityKind.FRACTION:
        return []
    found = []
    near = index.figures if index.is_headline(q.sentence) else index.figures_in(q.sentence - 1, q.sentence + 1)
    for p in near:
        if p.kind != QuantityKind.PERCENT or p.style != "exact":
            continue
        gap = abs(p.sentence - q.sentence)
        score = 3.5 - gap * 1.5
        if gap == 0:
            score -= min(abs(p.phrase_start - q.end), 300) / 100
        found.append(Reading({"percent": p}, score, ["the text's own percentage"]))
    return found


_OF_A_CHANGE = patterns.compile(r"\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:decrease|increase|rise|fall|drop|reduction)\b", re.I)


def _pairs(index: TextIndex, item: Stated) -> list[Reading]:
    q = item.q
    pool = [p for p in index.window(q.sentence) if p.kind == QuantityKind.COUNT and not p.weak]
    if _OF_A_CHANGE.match(index.text, q.end):  # "88% of the total decrease": parts of changes
        near = {p.sentence for p in pool} | {q.sentence, q.sentence - 1, q.sentence - 2}
        pool += [p for p in index.figures if p.kind == QuantityKind.COUNT and p.sentence in near
                 and not p.weak and all(p is not x for x in pool)]  # fmt: skip
    pool = sorted(pool, key=lambda p: abs(p.start - q.start))[:16]
    valued = [(p, exact_value(p.value)) for p in pool]  # (the same order, and ints compare far faster than Fractions)
    found = []
    for whole, whole_value in valued:
        before = index.text[max(0, whole.phrase_start - 25) : whole.phrase_start]
        marked = bool(_WHOLE_BEFORE.search(before) or _WHOLE_AFTER.match(index.text, whole.end))
        for part, part_value in valued:
            if part is whole or not compatible(part, whole) or not part_value < whole_value:
                continue
            score = 0.5 + (2.0 if marked else 0.0)
            gap = max(abs(part.sentence - q.sentence), abs(whole.sentence - q.sentence))
            score -= gap * 1.0 + abs(part.sentence - whole.sentence) * 0.5
            if score >= CONFIRM:  # (share_readings keeps no other)
                found.append(Reading({"part": part, "whole": whole}, score))
    return found


def _derived_percent(value: Fraction, near: Quantity, how: str) -> Quantity:
    decimals = 0 if Fraction(value).denominator == 1 else 1
    return Quantity(QuantityKind.PERCENT, value, near.start, near.end, near.text, sentence=near.sentence,
                    decimals=decimals, derived=how)  # fmt: skip


def _partitions(index: TextIndex, item: Stated) -> list[Reading]:
    """A share in words that the text's own percentages add up to: "teenagers make up half of
    offenders … 41 per cent are aged 15 to 19 … eight per cent are aged 10 to 14" (49 %), or the
    rest of a breakdown: "about three-quarters lost under £250, 14 per cent … and 9 per cent …"
    (100 − 14 − 9 = 77 %).  Such readings may confirm the words, never contradict them."""
    q = item.q
    if q.kind != QuantityKind.FRACTION or any(c.isdigit() for c in q.text):
        return []  # "24 of 59" has its own part and whole
    same = [p for p in index.figures_in(q.sentence, q.sentence) if p.kind == QuantityKind.PERCENT
            and p.style == "exact" and p.start > q.end]  # fmt: skip
    found = []
    if 1 <= len(same) <= 3 and sum(p.value for p in same) < 100:
        rest = 100 - sum(p.value for p in same)
        how = "100 − " + " − ".join(p.text.strip() for p in same)
        found.append(Reading({"percent": _derived_percent(rest, same[0], how)}, STRONG - 1.5,
                             ["the rest of the breakdown"]))  # fmt: skip
    nearby = [p for p in index.figures_in(q.sentence + 1, q.sentence + 2) if p.kind == QuantityKind.PERCENT
              and p.style == "exact" and not p.qualifier]  # fmt: skip
    if len(nearby) == 2:
        total = nearby[0].value + nearby[1].value
        how = f"{nearby[0].text.strip()} + {nearby[1].text.strip()}"
        found.append(Reading({"percent": _derived_percent(total, nearby[0], how)}, STRONG - 2.0,
                             ["the text's percentages added"]))  # fmt: skip
    return found


def _named_pair(index: TextIndex, item: Stated) -> list[Reading]:
    """ "one in three shops" … "they went into 59 shops" … "24 shops failed": when exactly two
    counts of the text name the same thing as the share, they are its whole and its part, however
    far apart.  Such a reading may confirm the words, never contradict them."""
    q = item.q
    noun = noun_after(index.text, q)
    if q.kind != QuantityKind.FRACTION or noun is None:
        return []
    named = [p for p in index.levels_in(q.sentence - 10, q.sentence + 10) if p.kind == QuantityKind.COUNT and not p.weak and p is not q
             and noun_after(index.text, p) == noun]  # fmt: skip
    values = sorted({p.value for p in named})
    if len(named) != 2 or len(values) != 2:
        return []
    part, whole = sorted(named, key=lambda p: p.value)
    return [Reading({"part": part, "whole": whole}, STRONG - 1.0, [f"the two counts of {noun}s"])]


_OF_A_LEVEL = patterns.compile(r"\s+(?:the|a)\s+(?:number|rate|level|total|amount|figure|count)\b", re.I)
_VERSUS = patterns.compile(r"(?:\s+in\s+(?:19|20)\d\d)?\s*,?\s*(?:versus|vs\.?|compared\s+(?:with|to)|against)\s+$", re.I)


def _fraction_of_a_level(index: TextIndex, item: Stated) -> list[Reading]:
    """ "roughly half the number of murders … — 15 per 100,000 in 2021 versus 28 … in 1993",
    "only about half the rate in Baltimore (55.8)": a fraction of another level is the ratio of
    the subject's level (the first of a "versus" pair, or the last figure told before the words)
    to the level compared with."""
    q = item.q
    if q.kind != QuantityKind.FRACTION or any(c.isdigit() for c in q.text) or not _OF_A_LEVEL.match(index.text, q.end):
        return []
    own = [p for p in index.figures_in(q.sentence, q.sentence) if p is not q and not p.weak]
    after = [p for p in own if p.phrase_start >= q.end]
    for a, b in zip(after, after[1:], strict=False):
        if comparable(a, b) and _VERSUS.search(index.text, a.end, b.phrase_start):
            return [Reading({"part": a, "whole": b}, STRONG, ["a level against another"])]
    if not after or after[0].phrase_start - q.end > 60 or index.text[after[0].phrase_start - 1 : after[0].phrase_start] != "(":
        return []
    whole = after[0]
    if refers_back(index, q.sentence):
        before = [p for p in index.figures_in(q.sentence - 1, q.sentence - 1) if comparable(p, whole)]
    else:
        before = [p for p in own if p.end <= q.phrase_start and comparable(p, whole)
                  and not index.separated(p.end, q.phrase_start)]  # fmt: skip
    if not before:
        return []
    return [Reading({"part": before[-1], "whole": whole}, STRONG, ["a level against another"])]


def share_readings(index: TextIndex, item: Stated) -> list[Reading]:
    """Every part/whole or paraphrase reading scored at least :data:`CONFIRM`, best first."""
    readings = _paraphrases(index, item) + _pairs(index, item) + _partitions(index, item)
    readings += _named_pair(index, item) + _fraction_of_a_level(index, item)
    return sorted((r for r in readings if r.score >= CONFIRM), key=lambda r: -r.score)


def complete(numbers: dict[str, Quantity]) -> bool:
    return "percent" in numbers or ("part" in numbers and "whole" in numbers)
