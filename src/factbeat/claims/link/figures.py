"""Claims about single figures and groups of figures: rates, totals, ranks and plain counts.

Run after changes and shares are linked, so that a figure already used by another claim is not
reported twice; every figure left over becomes a ``count`` claim (a percentage left over, such
as "a detection rate of 12 per cent", becomes a ``rate`` claim).
"""

from __future__ import annotations

import re

from factbeat.claims import patterns
from factbeat.claims.link.draft import Draft
from factbeat.claims.model import ClaimKind
from factbeat.claims.prefilter import fold_afresh
from factbeat.claims.read.analyse import SentenceReading
from factbeat.claims.read.quantity import Quantity, QuantityKind

_POPULATION_AFTER = patterns.compile(r"\s*(?:residents|people|inhabitants|population|households)\b", re.I)
_POPULATION_BEFORE = patterns.compile(
    r"\bpopulation(?:\s*:\s*|\s+(?:of\s+)?)(?:about\s+|around\s+|some\s+|roughly\s+)?$", re.I
)
_TOTAL_BEFORE = patterns.compile(
    r"(?:\b(?:grand\s+|combined\s+)?total\s+of|\b(?:taking|bringing|took|brought|takes|brings)\s+"
    r"the\s+(?:total|number|tally|figure)\s+to|\baltogether,?|\bcombined,?|\bin\s+total,?)\s+$",
    re.I,
)
_TOTAL_AFTER = patterns.compile(
    r"\s+(?:[a-z]+\s+){0,3}?(?:in\s+total|altogether|combined|in\s+all|between\s+them)\b", re.I
)
# The last word of every _TOTAL_BEFORE match, before an optional comma and the spaces
_TOTAL_BEFORE_ENDS = ("of", "to", "altogether", "combined", "total")


def _total_before(before: str) -> bool:
    """Whether :data:`_TOTAL_BEFORE` is found in ``before``: looked for only when the words end
    as every match does (a search that fails tries each of its phrases at every place, some
    10 µs for the 40 characters before each count)."""
    stripped = before.rstrip()
    if len(stripped) == len(before) or not fold_afresh(stripped).rstrip(",").endswith(_TOTAL_BEFORE_ENDS):
        return False
    return _TOTAL_BEFORE.search(before) is not None


_LIST_JOIN = patterns.compile(r"(?:,|\band\b|\bplus\b|\bwith\b|;)", re.I)


_THRESHOLD = patterns.compile(r"\s+(?:mark|barrier|milestone|threshold)\b", re.I)


def is_threshold(text: str, q: Quantity) -> bool:
    """ "broke the 20,000 mark": a round threshold passed, not a count of anything."""
    return bool(_THRESHOLD.match(text, q.end))


def _is_population(q: Quantity, text: str, sentence_start: int) -> bool:
    before = text[max(sentence_start, q.phrase_start - 30) : q.phrase_start]
    return bool(_POPULATION_AFTER.match(text, q.end) or _POPULATION_BEFORE.search(before))


POPULATION_REACH = 3  # sentences either side where a rate's count and population may be told


def link_rates(text: str, readings: list[SentenceReading], used: set[int]) -> list[Draft]:
    """ "a rate of 5.2 per 1,000 residents": the count and the population the text gives.

    The population is a figure the words call one ("a population of 114,475", "Population:
    2,728,695"); the count is any other count nearby.  Every (count, population) pair within a
    few sentences is a reading, nearest first; the judge calls the rate consistent if one of them
    gives it.  Only a reading inside the rate's own sentence (or the one before) may contradict
    it: a fact box or a worked example often spreads its figures over several lines.
    """
    drafts = []
    for reading in readings:
        for item in reading.stated:
            q = item.q
            if q.kind != QuantityKind.RATE:
                continue
            lo, hi = max(0, reading.index - POPULATION_REACH), reading.index + POPULATION_REACH + 1
            pool = [p for r in readings[lo:hi] for p in r.levels
                    if p.kind == QuantityKind.COUNT and not p.weak and p.unit is None]  # fmt: skip
            populations = [p for p in pool if _is_population(p, text, readings[p.sentence].sentence.start)]
            counts = [p for p in pool if all(p is not x for x in populations) and id(p) not in used]
            options = sorted(((c, pop) for c in counts for pop in populations if c.value < pop.value),
                             key=lambda o: _distance(q, o))  # fmt: skip
            draft = Draft(ClaimKind.RATE, reading.index, q, (q.phrase_start, q.end))
            if options:
                (count, population), *others = options
                draft.numbers = {"count": count, "population": population}
                draft.alternatives = [{"count": c, "population": p} for c, p in others[:12]]
                if any(not 0 <= reading.index - x.sentence <= 1 for x in (count, population)):
                    draft.tentative = "the count and population are told away from the rate"
            else:  # what the text gives, for the explanation of what is missing
                near = [p for p in pool if abs(p.sentence - reading.index) <= 1]
                own = [p for p in near if all(p is not x for x in populations) and id(p) not in used]
                if own:
                    draft.numbers["count"] = own[-1]
                if populations and abs(populations[-1].sentence - reading.index) <= 1:
                    draft.numbers["population"] = populations[-1]
            drafts.append(draft)
    return drafts


def _distance(q: Quantity, option: tuple[Quantity, Quantity]) -> tuple[int, int]:
    """How far a (count, population) reading is from the stated rate: sentences, then characters."""
    return (sum(abs(x.sentence - q.sentence) for x in option),
            sum(abs(x.start - q.start) for x in option))  # fmt: skip


def _parts_for(
    text: str, total: Quantity, levels: list[Quantity], used: set[int]
) -> list[Quantity]:
    """The listed figures next to a total ("400 burglaries and 290 robberies, a total of 690"):
    the run of figures joined by commas or "and" that ends just before, or starts just after,
    the total."""
    pool = [q for q in levels if id(q) not in used and not q.weak and q.compatible(total)
            and not is_threshold(text, q)]  # fmt: skip
    position = next((i for i, q in enumerate(pool) if q is total), None)
    if position is None:
        return []
    before = _run(text, pool[:position][::-1], reverse=True)
    after = _run(text, pool[position + 1 :], reverse=False)
    parts = before if len(before) >= 2 else after if len(after) >= 2 else []
    return parts if all(p.value < total.value for p in parts) else []  # no part exceeds a total


def _run(text: str, candidates: list[Quantity], reverse: bool) -> list[Quantity]:
    run: list[Quantity] = []
    for q in candidates:
        if run:
            a, b = (q, run[-1]) if reverse else (run[-1], q)
            if not _LIST_JOIN.search(text, a.end, b.phrase_start):
                break
        run.append(q)
    return run[::-1] if reverse else run


def link_sums(text: str, readings: list[SentenceReading], used: set[int]) -> list[Draft]:
    """ "400 burglaries and 290 robberies, a total of 690": the parts must add up to the total."""
    drafts = []
    for reading in readings:
        start = reading.sentence.start
        for q in reading.levels:
            if id(q) in used or q.kind != QuantityKind.COUNT:
                continue
            before = text[max(start, q.phrase_start - 40) : q.phrase_start]
            if not (_total_before(before) or _TOTAL_AFTER.match(text, q.end)):
                continue
            parts = _parts_for(text, q, reading.levels, used)
            if parts:
                drafts.append(
                    Draft(ClaimKind.SUM, reading.index, q, (q.phrase_start, q.end), parts=parts)
                )
                used.update(id(p) for p in (q, *parts))
    return drafts


def link_counts(readings: list[SentenceReading], used: set[int]) -> list[Draft]:
    """Every figure no other claim used: a plain count (or a rate, for a percentage)."""
    drafts = []
    for reading in readings:
        for q in reading.levels:
            if id(q) in used or q.weak:
                continue
            kind = ClaimKind.RATE if q.kind == QuantityKind.PERCENT else ClaimKind.COUNT
            drafts.append(Draft(kind, reading.index, q, (q.phrase_start, q.end)))
    return drafts
