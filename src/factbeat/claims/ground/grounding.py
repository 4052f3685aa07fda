"""Check claims against stored data and registered figures: which area, crime and period, and is it right?

For each claim this finds the area, measure and period (saying how each was found), looks the
figures up (:mod:`factbeat.claims.ground.evidence`), and sets ``claim.data`` to
``{verdict, value, area, measure, period, definition, source, alternatives, ...}``.  When the
primary reading of the words is contradicted or missing, the other documented readings are tried
and listed, never silently used.
"""

from __future__ import annotations

import re
from typing import Any

from factbeat.claims.ground.context import Found, TextContext
from factbeat.claims.ground.evidence import (
    CONTRADICTED,
    NOT_IN_DATA,
    SUPPORTED,
    Evidence,
    Missing,
    combine,
)
from factbeat.claims.ground.kinds import CHECKS, Reading
from factbeat.claims.model import CheckResult, Claim
from factbeat.claims.read.sentences import split_sentences
from factbeat.taxonomy.measures import concept


def ground_result(fb, result: CheckResult) -> CheckResult:
    """Fill ``claim.data`` for every claim of ``result`` (in place) and return it."""
    spans = [(s.start, s.end) for s in split_sentences(result.text)]
    context = TextContext(result.text, spans, result.date)
    for claim in result.claims:
        claim.data = ground_claim(fb, context, claim)
    return result


def ground_claim(fb, context: TextContext, claim: Claim) -> dict[str, Any]:
    """The data block of one claim."""
    check = CHECKS.get(claim.kind.value)
    if claim.kind.value == "count" and (known := _borough_count(context, claim)):
        return known
    anchor = _anchor(claim)
    area = context.area_at(*anchor, boroughs_only=claim.kind.value in ("rank", "share"))
    measure = context.measure_at(*anchor)
    if check is None:
        return _missing(f"{claim.kind.value} claims are not checked against data yet", area, measure)
    if area is None or measure is None:
        what = "area" if area is None else "crime type"
        return _missing(f"no {what} is named in or before this sentence", area, measure)
    reading = Reading(fb, context, claim, area, measure)
    primary = check(reading)
    if primary["verdict"] != SUPPORTED:
        primary["alternatives"] = _alternatives(reading, check)
    return primary


_BOROUGHS_AFTER = re.compile(r"\s*(?:London\s+)?boroughs\b", re.I)


def _borough_count(context: TextContext, claim: Claim) -> dict[str, Any] | None:
    """'the 32 London boroughs' is a fact about London's geography, not a crime figure."""
    span = claim.number_spans.get("count")
    if span is None or not _BOROUGHS_AFTER.match(context.text, span[1]):
        return None
    from factbeat.taxonomy.areas import boroughs

    actual = len(boroughs())
    verdict = SUPPORTED if claim.numbers.get("count") == actual else "contradicted"
    result = _missing("", None, None)
    result.update(verdict=verdict, reason=None, value=actual, source=["factbeat areas: ONS E09 codes"],
                  explanation=f"London has {actual} boroughs, plus the City of London")
    return result


def _anchor(claim: Claim) -> tuple[int, int]:
    """Where to look for the claim's area and measure: its first number, else the claim itself."""
    if claim.kind.value in ("rate", "rank"):
        return claim.span
    spans = [span for role, span in claim.number_spans.items() if role in ("part", "to", "count")]
    spans = spans or list(claim.number_spans.values())
    return min(spans) if spans else claim.span


def _alternatives(reading: Reading, check) -> list[dict]:
    """Other documented readings of the same words, each checked and listed with its verdict."""
    out = []
    for key in reading.measure.value.alternatives:
        other = reading.with_measure(Found(concept(key), f"alternative reading of '{reading.measure.words}'", reading.measure.words))
        result = check(other)
        out.append({k: result.get(k) for k in ("verdict", "value", "measure", "period", "explanation", "source", "reason")})
    return out


def _missing(reason: str, area: Found | None, measure: Found | None) -> dict[str, Any]:
    return {
        "verdict": NOT_IN_DATA, "reason": reason, "value": None,
        "area": _describe_area(area), "measure": _describe_measure(measure), "period": None,
        "definition": None, "source": None, "alternatives": [], "explanation": f"not in data: {reason}",
    }


def _describe_area(found: Found | None) -> dict | None:
    return None if found is None else {**found.value.to_dict(), "how": found.how, "words": found.words}


def _describe_measure(found: Found | None) -> dict | None:
    if found is None:
        return None
    return {"name": found.value.label, "key": found.value.key, "how": found.how, "words": found.words}


__all__ = ["ground_result", "ground_claim", "Evidence", "Missing", "combine", "CONTRADICTED"]
