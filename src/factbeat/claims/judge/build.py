"""Judge a linked claim (a :class:`~factbeat.claims.link.draft.Draft`) and make it a public :class:`~factbeat.claims.model.Claim`.

The linking step decides *which* figures a stated relation uses; this module runs the matching
arithmetic, works out the claim's span and wording, and fills in the context a later
data-grounding step needs (number spans, years in the sentence).
"""

from __future__ import annotations

import re
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.formatting import as_float
from factbeat.claims.judge import arithmetic as ar
from factbeat.claims.judge.explain import band_of
from factbeat.claims.link.draft import Draft
from factbeat.claims.model import Claim, ClaimKind, Verdict
from factbeat.claims.read.analyse import SentenceReading
from factbeat.claims.read.quantity import QuantityKind

_NOUN_AFTER = patterns.compile(
    r"(?:\s+(?!(?:of|in|on|at|to|from|by|for|and|or|were|was|have|had|has|been|are|is|the|a|an|which|that|with|over|under|during|across|off|since|last|this)\b)[a-z][\w’'-]*){1,2}"
)


def _outcome(d: Draft) -> ar.Outcome:
    n, q = d.numbers, d.stated
    if d.rate_over_time is not None and "count" in n and "days" in n:
        unit, per_event = d.rate_over_time
        return ar.check_rate_over_time(q, n["count"], n["days"], unit, per_event)
    if "percent" in n:
        return ar.check_paraphrase(q, d.directions, n["percent"], d.kind)
    if d.kind == ClaimKind.COUNT:  # the commonest kind, first (the kinds below exclude it)
        return ar.check_count(q)
    if d.kind == ClaimKind.PERCENT_CHANGE:
        return ar.check_percent_change(q, d.directions, n.get("from"), n.get("to"))
    if d.kind == ClaimKind.ABSOLUTE_CHANGE:
        points = q is not None and q.kind == QuantityKind.POINTS
        levels_are_percent = any(v.kind == QuantityKind.PERCENT for v in n.values())
        unit = " points" if points or levels_are_percent else ""
        return ar.check_difference(q, d.directions, n.get("from"), n.get("to"), unit)
    if d.kind == ClaimKind.MULTIPLE:
        return ar.check_multiple(q, n.get("from"), n.get("to"))
    if d.kind == ClaimKind.SHARE:
        return ar.check_share(q, n.get("part"), n.get("whole"))
    if d.kind == ClaimKind.RATE and q.kind == QuantityKind.RATE:
        return ar.check_rate(q, n.get("count"), n.get("population"))
    if d.kind == ClaimKind.SUM:
        return ar.check_sum(q, d.parts, complete=d.complete_parts)
    if d.kind == ClaimKind.RANK:
        return ar.check_rank(q, d.rank_confirmed)
    if d.kind == ClaimKind.COMPARISON:
        sign, size = d.comparison or (0, None)
        return ar.check_comparison(d.text_of_span, n["a"], n["b"], sign, size)
    return ar.check_count(q)


def _stated_value(d: Draft) -> float | None:
    q = d.stated
    if q is None:
        return None
    if d.kind == ClaimKind.SHARE and q.kind == QuantityKind.PERCENT:
        return as_float(q.value, 100)
    return as_float(q.value)


_KIND_UNITS = {ClaimKind.PERCENT_CHANGE: "percent", ClaimKind.MULTIPLE: "ratio", ClaimKind.SHARE: "share",
               ClaimKind.RANK: "rank", ClaimKind.COMPARISON: "percent"}  # fmt: skip
_COUNTED = frozenset({ClaimKind.COUNT, ClaimKind.SUM})


def _unit(d: Draft) -> str | None:
    q = d.stated
    if unit := _KIND_UNITS.get(d.kind):  # the kinds whose unit the kind alone gives
        return unit
    if d.kind == ClaimKind.ABSOLUTE_CHANGE:
        kinds = {v.kind for v in d.numbers.values()} | ({q.kind} if q else set())
        if QuantityKind.POINTS in kinds or QuantityKind.PERCENT in kinds:
            return "points"
        return "money" if any(v.unit == "money" for v in d.used()) else "count"
    if d.kind in _COUNTED:
        return "money" if q is not None and q.unit == "money" else "count"
    # a rate
    if d.rate_over_time is not None:
        unit, per_event = d.rate_over_time
        return f"{unit}s per event" if per_event else f"per {unit}"
    return "percent" if q.kind == QuantityKind.PERCENT else q.unit


_DIRECTIONS = {1: "up", -1: "down", 0: "flat"}


def _direction(d: Draft) -> str | None:
    for direction in d.directions:
        if direction.sign is not None:
            return _DIRECTIONS[direction.sign]
    if d.kind == ClaimKind.MULTIPLE and d.stated is not None:
        return "up" if d.stated.value > 1 else "down"
    return None


_NOUN_KINDS = frozenset({ClaimKind.COUNT, ClaimKind.RATE, ClaimKind.RANK})  # "76 cases": the noun counts
_TWO_THINGS = patterns.compile(r"\b(?:than|above|below|ahead|behind|with|to|as)\b", re.I)  # "higher than", "in line with"


def _span(d: Draft, text: str, reading: SentenceReading) -> tuple[int, int]:
    """The words of the claim: the stated words plus every figure it uses in the same sentence."""
    start, end = d.stated_span
    if d.kind == ClaimKind.COMPARISON and not _TWO_THINGS.search(d.text_of_span):
        return start, end  # "fell slightly": a change's size word alone; each figure stays a claim
    for q in d.used():
        if q.sentence == d.sentence:
            start, end = min(start, q.phrase_start), max(end, q.end)
    sentence = reading.sentence
    for direction in d.directions:
        if sentence.start <= direction.start < sentence.end:
            start, end = min(start, direction.start), max(end, direction.end)
    if d.kind in _NOUN_KINDS:
        noun = _NOUN_AFTER.match(text, end, sentence.end)
        end = noun.end() if noun else end
    return start, end


_ONE_SIDED = frozenset({"above", "at_least", "below", "at_most"})


FAR_BEYOND = 2  # "more than 40 %" said of 85 % or more, "more than twice" of ×4: writers give a nearer bound


def _far_beyond(d: Draft, outcome: ar.Outcome) -> bool:
    """A one-sided figure ("more than twice", "over 50 %") that a reading satisfies only by a wide
    margin.  Such a figure agrees with almost any reading, so when the reading rests on weak
    evidence the agreement says nothing; writers bound a figure they know from nearby."""
    if band_of(d.stated) not in _ONE_SIDED or outcome.computed is None or not d.stated.value:
        return False
    ratio = abs(Fraction(outcome.computed)) / abs(d.stated.value)
    while ratio >= 50:
        ratio /= 100  # a percentage stated as a fraction, or the other way round
    while 0 < ratio <= Fraction(1, 50):
        ratio *= 100
    if band_of(d.stated) in ("above", "at_least"):
        return ratio > FAR_BEYOND
    return ratio < 1 / FAR_BEYOND


def _unconfirmed(outcome: ar.Outcome) -> ar.Outcome:
    """The verdict when only a weak reading far beyond a one-sided figure agrees with it."""
    why = "only figures linked on weak evidence agree, far beyond the one-sided figure"
    return ar.Outcome(Verdict.UNVERIFIABLE, outcome.computed,
                      lambda: outcome.explanation.replace("→ consistent", f"→ unverifiable ({why})"))  # fmt: skip


def _judged(d: Draft) -> ar.Outcome:
    """The chosen reading's outcome, unless a close alternative reading agrees with the words.

    A claim is called inconsistent only when every reasonable reading of its figures disagrees;
    when one of them agrees, the claim is consistent and the explanation names both readings.
    """
    outcome = _outcome(d)
    if outcome.verdict == Verdict.CONSISTENT and d.tentative and _far_beyond(d, outcome):
        return _unconfirmed(outcome)
    if outcome.verdict == Verdict.CONSISTENT or not d.alternatives:
        return outcome
    chosen = d.numbers
    for i, numbers in enumerate(d.alternatives):
        if numbers == chosen:
            continue  # the chosen reading listed again (a sixth of them): its outcome is the one above
        d.numbers = numbers
        other = _outcome(d)
        weak = i < len(d.alternatives_firm) and not d.alternatives_firm[i]
        if other.verdict == Verdict.CONSISTENT and not (weak and _far_beyond(d, other)):
            return _another_reading(other, outcome)
    d.numbers = chosen
    return outcome


def _weakly_linked(outcome: ar.Outcome, why: str) -> ar.Outcome:
    """An inconsistency found on figures linked on weak evidence (``why``) is only unverifiable."""
    return ar.Outcome(Verdict.UNVERIFIABLE, outcome.computed,
                      lambda: outcome.explanation.replace("→ inconsistent", f"→ unverifiable ({why})"))  # fmt: skip


def _another_reading(agreeing: ar.Outcome, chosen: ar.Outcome) -> ar.Outcome:
    """The verdict of a claim that only another reading of its figures confirms; the
    explanation names both readings."""

    def explain() -> str:
        note = chosen.explanation.replace("→ inconsistent", "").replace("→ unverifiable", "")
        return f"{agreeing.explanation} (another reading of the figures: {note.strip()})"

    return ar.Outcome(agreeing.verdict, agreeing.computed, explain)


def build_claim(d: Draft, text: str, readings: list[SentenceReading], offset: int = 0, first: int = 0) -> Claim:
    """Run the arithmetic for ``d`` and package the result with its spans and context.

    ``text`` is the block of whole sentences the draft was found in, starting ``offset``
    characters and ``first`` sentences into the whole text: the claim's spans and sentence index
    are the whole text's, written once rather than moved there afterwards (moving them was most of
    what a long text's check kept beyond its claims)."""
    outcome = _judged(d)
    if d.tentative and outcome.verdict == Verdict.INCONSISTENT:
        outcome = _weakly_linked(outcome, d.tentative)
    reading = readings[d.sentence]
    start, end = _span(d, text, reading)
    if d.kind == ClaimKind.COUNT and d.stated is not None:
        numbers = {"count": d.stated}
    else:
        numbers = dict(d.numbers)
        for i, q in enumerate(d.parts, 1):
            numbers[f"part_{i}"] = q
        if d.kind == ClaimKind.SUM:
            numbers["total"] = d.stated
    values, spans, sentences = {}, {}, {d.sentence}  # one pass over the figures for all three
    for role, q in numbers.items():
        values[role] = as_float(q.value)
        if not q.derived:
            spans[role] = (q.num_start + offset, q.num_end + offset)
        sentences.add(q.sentence)
    years = sorted({y for i in sentences for y, _, _ in readings[i].years})  # as year_values(), sorted once
    computed = outcome.computed
    return Claim(
        kind=d.kind,
        text=text[start:end],
        span=(start + offset, end + offset),
        sentence_index=d.sentence + first,
        sentence=reading.sentence.text,
        stated=text[d.stated_span[0] : d.stated_span[1]],
        stated_value=_stated_value(d),
        verdict=outcome.verdict,
        explanation=outcome.explanation,
        unit=_unit(d),
        numbers=values,
        number_spans=spans,
        computed_value=None if computed is None else as_float(computed),
        qualifier=d.stated.qualifier if d.stated is not None else None,
        direction=_direction(d),
        years=years,
    )
