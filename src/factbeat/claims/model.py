"""The public result types of the claim checker: verdicts, claim kinds, claims and results.

These are plain dataclasses so that callers (the CLI, the web app, a later data-grounding step)
can read fields directly, and ``to_dict`` gives the JSON shape documented in
``docs/check-json.md``.  Spans are ``(start, end)`` character offsets into ``CheckResult.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """Whether the words of a claim agree with the numbers it talks about."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNVERIFIABLE = "unverifiable"


class Outcome(StrEnum):
    """The one verdict a reporter reads first, combining the arithmetic and the data."""

    CORRECT = "correct"
    WRONG = "wrong"
    CLOSE = "close"
    CANT_CHECK = "cant_check"


OUTCOME_LABELS = {"correct": "correct", "wrong": "wrong", "close": "close", "cant_check": "can't check"}


def outcome_summary(summary: dict[str, Any]) -> str:
    """'3 correct, 1 wrong, 0 close, 2 can't check': the line the CLI and the web page both show."""
    counts = summary["by_outcome"]
    return ", ".join(f"{counts[key]} {label}" for key, label in OUTCOME_LABELS.items())


def outcome_without_data(verdict: Verdict) -> Outcome:
    """The outcome when no data were consulted: wrong arithmetic is wrong, the rest cannot be checked."""
    return Outcome.WRONG if verdict == Verdict.INCONSISTENT else Outcome.CANT_CHECK


class ClaimKind(StrEnum):
    """What a claim asserts; decides which arithmetic checks it."""

    PERCENT_CHANGE = "percent_change"
    ABSOLUTE_CHANGE = "absolute_change"
    MULTIPLE = "multiple"
    SHARE = "share"
    RATE = "rate"
    SUM = "sum"
    RANK = "rank"
    COMPARISON = "comparison"
    COUNT = "count"


def plain_number(value: float | None, digits: int = 4) -> float | int | None:
    """Round a figure for JSON: whole numbers become ints, others keep ``digits`` decimals."""
    if value is None:
        return None
    rounded = round(float(value), digits)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 1e15 else rounded


def plain_float(value: float | None, digits: int = 4) -> float | None:
    """Round a stated or computed value for JSON, keeping it a float (13.0, 0.1667, 1.7969)."""
    return None if value is None else round(float(value), digits)


@dataclass
class Claim:
    """One numeric claim found in the text, with the numbers it uses and its verdict.

    ``numbers`` maps roles (``from``/``to``, ``part``/``whole``, ``count``, ``total``,
    ``parts``…) to values and ``number_spans`` maps the same roles to character spans, so a
    later step can read the words around each number (area, crime type).  ``years`` holds the
    years mentioned in the claim's sentence as context; ``data`` is filled in by data grounding.
    """

    kind: ClaimKind
    text: str
    span: tuple[int, int]
    sentence_index: int
    sentence: str
    stated: str
    stated_value: float | None
    verdict: Verdict
    explanation: str
    unit: str | None = None
    numbers: dict[str, float] = field(default_factory=dict)
    number_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    computed_value: float | None = None
    qualifier: str | None = None
    direction: str | None = None
    years: list[int] = field(default_factory=list)
    data: dict[str, Any] | None = None
    significance: dict[str, Any] | None = None
    caveats: list[str] = field(default_factory=list)
    outcome: Outcome | None = None
    outcome_reason: str | None = None
    origin: str = "text"  # "text": found by the read/link stages; "data": a figure only the data can check

    @property
    def final(self) -> Outcome:
        """The outcome, or the one the arithmetic alone gives when the claim was not grounded."""
        return self.outcome or outcome_without_data(self.verdict)

    def to_dict(self) -> dict[str, Any]:
        """The claim as plain JSON values (see ``docs/check-json.md``)."""
        return {
            "kind": self.kind.value,
            "text": self.text,
            "span": list(self.span),
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "stated": self.stated,
            "stated_value": plain_float(self.stated_value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "direction": self.direction,
            "numbers": {role: plain_number(v) for role, v in self.numbers.items()},
            "number_spans": {role: list(s) for role, s in self.number_spans.items()},
            "computed_value": plain_float(self.computed_value),
            "outcome": self.final.value,
            "outcome_reason": self.outcome_reason or (self.explanation if self.final == Outcome.WRONG else None),
            "origin": self.origin,
            "verdict": self.verdict.value,
            "explanation": self.explanation,
            "years": list(self.years),
            "significance": self.significance,
            "caveats": list(self.caveats),
            "data": self.data,
        }


@dataclass
class CheckResult:
    """Everything ``check_text`` found in one text, in reading order.

    ``notes`` are the notices a reader must see: what a size cap or the time budget left
    unchecked (see :mod:`factbeat.claims.limits`).  ``sentences_checked`` of ``sentences`` were
    checked; fewer when the budget ran out.  ``budget`` is the check's
    :class:`~factbeat.claims.limits.Budget`, which data grounding goes on spending.
    """

    text: str
    date: dt.date | None
    claims: list[Claim]
    notes: list[str] = field(default_factory=list)
    sentences: int = 0
    sentences_checked: int = 0
    budget: Any = field(default=None, repr=False, compare=False)

    @property
    def complete(self) -> bool:
        """Every sentence was checked (the budget did not run out)."""
        return self.sentences_checked >= self.sentences

    @property
    def summary(self) -> dict[str, Any]:
        """Counts per verdict and per kind (every key present, zeros included)."""
        by_verdict = {v.value: 0 for v in Verdict}
        by_kind = {k.value: 0 for k in ClaimKind}
        by_outcome = {o.value: 0 for o in Outcome}
        for claim in self.claims:
            by_verdict[claim.verdict.value] += 1
            by_kind[claim.kind.value] += 1
            by_outcome[claim.final.value] += 1
        return {
            "claims": len(self.claims),
            "by_outcome": by_outcome,
            "by_verdict": by_verdict,
            "by_kind": by_kind,
            "date": self.date.isoformat() if self.date else None,
            "sentences": self.sentences,
            "sentences_checked": self.sentences_checked,
        }

    def to_dict(self) -> dict[str, Any]:
        """``{"claims": [...], "summary": {...}}``, the shape of ``factbeat check --json``, with
        ``"notes"`` when a cap or the budget left something unchecked."""
        out: dict[str, Any] = {"claims": [c.to_dict() for c in self.claims], "summary": self.summary}
        if self.notes:
            out["notes"] = list(self.notes)
        return out
