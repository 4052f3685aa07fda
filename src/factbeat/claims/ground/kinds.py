"""One data check per claim kind: count, change, share, rank.

Each check takes a :class:`Reading` (the claim plus the area, measure and period found for it)
and returns the ``data`` dict.  They share the lookup and tolerance rules of ``evidence.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from factbeat.claims.ground.context import Found, TextContext
from factbeat.claims.ground.evidence import (
    CONTRADICTED,
    NOT_IN_DATA,
    SUPPORTED,
    Evidence,
    Missing,
    cite,
    combine,
    judge_count,
    judge_value,
    lookup,
)
from factbeat.claims.model import Claim
from factbeat.errors import FactbeatError
from factbeat.taxonomy.areas import LONDON_CODE, area_by_code
from factbeat.taxonomy.periods import Period


@dataclass(frozen=True)
class Reading:
    fb: Any
    context: TextContext
    claim: Claim
    area: Found
    measure: Found

    def with_measure(self, measure: Found) -> Reading:
        return replace(self, measure=measure)

    def period_for(self, role: str, other: Period | None = None) -> Found | None:
        span = self.claim.number_spans.get(role, self.claim.span)
        return self.context.period_at(*span, other=other)

    def base(self, verdict: str, value: Any, period: Any, evidence: list[Evidence], explanation: str, reason: str | None = None) -> dict:
        measure = self.measure.value
        return {
            "verdict": verdict, "value": value, "reason": reason,
            "area": {**self.area.value.to_dict(), "how": self.area.how, "words": self.area.words},
            "measure": {"name": measure.label, "key": measure.key, "how": self.measure.how, "words": self.measure.words},
            "period": period, "definition": evidence[0].definition if evidence else measure.definition,
            "source": list(dict.fromkeys(cite(e) for e in evidence)) or None,
            "notes": [n for e in evidence for n in e.notes],
            "alternatives": [], "explanation": explanation,
        }


def _qualifier_band(reading: Reading, role: str) -> str | None:
    """The qualifier written just before a number ('more than 420'), as a tolerance band."""
    from factbeat.claims.read.lexicon import QUALIFIER_BEFORE, QUALIFIERS

    span = reading.claim.number_spans.get(role)
    if span is None:
        return None
    match = QUALIFIER_BEFORE.search(reading.context.text[max(0, span[0] - 30):span[0]])
    return QUALIFIERS.get(" ".join(match.group("q").lower().split())) if match else None


def _period_dict(found: Found | None) -> dict | None:
    return None if found is None else {**found.value.to_dict(), "how": found.how}


def _value_check(reading: Reading, role: str, period: Found | None) -> tuple[str, Evidence | None, str]:
    """Check one stated number (role 'count', 'from', 'to', 'part' ...) against data."""
    if period is None:
        return NOT_IN_DATA, None, f"no period for the {role} figure (give --date to resolve 'last year')"
    evidence = lookup(reading.fb, reading.area.value, reading.measure.value, period.value)
    if isinstance(evidence, Missing):
        return NOT_IN_DATA, None, evidence.reason
    stated = reading.claim.numbers[role]
    verdict, why = judge_count(stated, _qualifier_band(reading, role), evidence)
    return verdict, evidence, f"{role} {stated:g} vs {evidence.value:g} ({period.value.label}): {why}"


def check_count(reading: Reading) -> dict:
    period = reading.period_for("count")
    verdict, evidence, text = _value_check(reading, "count", period)
    value = evidence.value if evidence else None
    return reading.base(verdict, value, _period_dict(period), [evidence] if evidence else [], text,
                        None if verdict != NOT_IN_DATA else text)


def check_change(reading: Reading) -> dict:
    claim = reading.claim
    after = reading.period_for("to") if "to" in claim.numbers else reading.context.period_at(*claim.span)
    before = reading.period_for("from", after.value if after else None) if "from" in claim.numbers else None
    if before is None and after is not None:
        before = Found(after.value.shifted_years(-1), "the year before the later period", "")
    if before is not None and after is not None and before.value == after.value:
        before = Found(after.value.shifted_years(-1), "the year before the later period", before.words)
    verdicts, evidence, lines = [], [], []
    for role, found in (("from", before), ("to", after)):
        if role in claim.numbers:
            verdict, ev, text = _value_check(reading, role, found)
            verdicts.append(verdict)
            lines.append(text)
            evidence += [ev] if ev else []
    stated_change = _stated_change_check(reading, before, after)
    if stated_change:
        verdicts.append(stated_change[0])
        lines.append(stated_change[1])
        evidence += stated_change[2]
    verdict = combine(verdicts)
    period = {"from": _period_dict(before), "to": _period_dict(after)}
    values = {"from": evidence[0].value if len(evidence) > 1 else None, "to": evidence[-1].value if evidence else None}
    return reading.base(verdict, values, period, evidence, "; ".join(lines), None if verdict != NOT_IN_DATA else "; ".join(lines))


def _stated_change_check(reading: Reading, before: Found | None, after: Found | None):
    """For 'a 22 per cent rise' with no numbers given: compare with the change in the data or register."""
    claim = reading.claim
    if claim.kind.value != "percent_change" or claim.stated_value is None or "from" in claim.numbers:
        return None
    if after is None:
        return NOT_IN_DATA, "no period for the change", []
    registered = [f for f in reading.fb.registered(reading.area.value, reading.measure.value, "percent_change")
                  if f.period_start == after.value.start.isoformat()]
    if registered:
        fig = registered[0]
        ev = Evidence(fig.value, {"kind": "register", "title": fig.source_title, "publisher": fig.publisher,
                                  "url": fig.url, "date": fig.date}, reading.measure.value.definition, fig.period_label)
        ok = judge_value(claim.stated_value, 0, None, fig.value)
        return (SUPPORTED if ok else CONTRADICTED), f"stated {claim.stated_value:g}% vs registered {fig.value:g}%", [ev]
    first = lookup(reading.fb, reading.area.value, reading.measure.value, before.value)
    second = lookup(reading.fb, reading.area.value, reading.measure.value, after.value)
    if isinstance(first, Missing) or isinstance(second, Missing) or not first.value:
        return NOT_IN_DATA, (first.reason if isinstance(first, Missing) else getattr(second, "reason", "no earlier count")), []
    actual = 100 * (second.value - first.value) / first.value
    ok = judge_value(claim.stated_value, 0, None, actual) and (claim.direction in (None, "up") if actual > 0 else claim.direction != "up")
    return (SUPPORTED if ok else CONTRADICTED), f"data change {actual:+.1f}% vs stated {claim.stated_value:g}%", [first, second]


def check_share(reading: Reading) -> dict:
    claim = reading.claim
    period = reading.period_for("part") or reading.context.period_at(*claim.span)
    if period is None:
        return reading.base(NOT_IN_DATA, None, None, [], "no period found", "no period found")
    london = area_by_code(LONDON_CODE)
    part = lookup(reading.fb, reading.area.value, reading.measure.value, period.value)
    whole = lookup(reading.fb, london, reading.measure.value, period.value)
    if isinstance(part, Missing) or isinstance(whole, Missing) or not whole.value:
        reason = part.reason if isinstance(part, Missing) else getattr(whole, "reason", "London total is zero")
        return reading.base(NOT_IN_DATA, None, _period_dict(period), [], reason, reason)
    share = part.value / whole.value
    ok = claim.stated_value is None or _share_matches(claim, share)
    verdicts = [SUPPORTED if ok else CONTRADICTED]
    for role, ev in (("part", part), ("whole", whole)):
        if role in claim.numbers:
            verdicts.append(judge_count(claim.numbers[role], None, ev)[0])
    text = f"{reading.area.value.name} {part.value:g} of London's {whole.value:g} = {share:.3f}; stated {claim.stated_value or 0:.3f}"
    verdict = combine(verdicts)
    return reading.base(verdict, {"part": part.value, "whole": whole.value, "share": round(share, 4)},
                        _period_dict(period), [part, whole], text, None if verdict != NOT_IN_DATA else text)


def _share_matches(claim: Claim, share: float) -> bool:
    """Percent shares ('4.2 per cent') match at their stated decimals; word shares ('one sixth') within 5 %."""
    stated = claim.stated.lower()
    if "%" in stated or "per cent" in stated or "percent" in stated:
        return judge_value(100 * claim.stated_value, _decimals(claim.stated), None, 100 * share)
    return judge_value(claim.stated_value, 2, None, share, "word")


def _decimals(words: str) -> int:
    match = re.search(r"\d+\.(\d+)", words)
    return len(match.group(1)) if match else 0


def check_rate(reading: Reading) -> dict:
    """'19.8 offences per 1,000 residents': the stored count over the population, at the stated decimals."""
    claim = reading.claim
    period = reading.context.period_at(*claim.span)
    if period is None or claim.stated_value is None:
        return reading.base(NOT_IN_DATA, None, None, [], "no period found", "no period found")
    try:
        from factbeat.stats.counts import contemporary_scheme

        scheme = contemporary_scheme(reading.fb.catalog, reading.measure.value, period.value, reading.area.value)
        fig = reading.fb.figure(reading.area.value, reading.measure.value, period.value, scheme, with_others=False)
    except FactbeatError as exc:
        return reading.base(NOT_IN_DATA, None, _period_dict(period), [], str(exc), str(exc))
    per = 1000.0 if "1,000" in claim.stated or "1000" in claim.stated or "thousand" in claim.stated else 100000.0
    if fig.population is None or not fig.complete:
        reason = "no population stored for a rate" if fig.population is None else f"{period.value.label} is incomplete"
        return reading.base(NOT_IN_DATA, None, _period_dict(period), [], reason, reason)
    rate = fig.count * per / fig.population
    verdict = SUPPORTED if judge_value(claim.stated_value, _decimals(claim.stated), None, rate) else CONTRADICTED
    ev = Evidence(fig.count, {"kind": "data", "scheme": fig.scheme, "files": fig.sources},
                  f"{reading.measure.value.label} ({fig.scheme}): {reading.measure.value.definition}", period.value.label)
    text = (f"{fig.count:,} / {fig.population:,} x {per:,.0f} = {rate:.2f} ({fig.population_source} {fig.population_year}); "
            f"stated {claim.stated_value:g}")
    return reading.base(verdict, {"rate": round(rate, 3), "count": fig.count, "population": fig.population,
                                  "population_year": fig.population_year}, _period_dict(period), [ev], text)


def check_rank(reading: Reading) -> dict:
    claim = reading.claim
    words = (claim.text + " " + claim.sentence).lower()
    order = "asc" if any(w in claim.text.lower() for w in ("lowest", "fewest", "least", "safest", "smallest")) else "desc"
    by = "rate" if "rate" in words or "per 1,000" in words or "per head" in words else "count"
    period = reading.context.period_at(*claim.span)
    if period is None:
        return reading.base(NOT_IN_DATA, None, None, [], "no period found", "no period found")
    try:
        from factbeat.stats.counts import contemporary_scheme

        scheme = contemporary_scheme(reading.fb.catalog, reading.measure.value, period.value)
        ranking = reading.fb.rank(reading.measure.value, period.value, by=by, order=order, scheme=scheme)
    except FactbeatError as exc:
        return reading.base(NOT_IN_DATA, None, _period_dict(period), [], str(exc), str(exc))
    row = ranking.position(reading.area.value)
    if row is None or claim.stated_value is None:
        reason = f"{reading.area.value.name} is not among the ranked boroughs"
        return reading.base(NOT_IN_DATA, None, _period_dict(period), [], reason, reason)
    from factbeat.report.wording import rank_phrase

    verdict = SUPPORTED if row.rank == int(claim.stated_value) else CONTRADICTED
    value = {"rank": row.rank, "of": len(ranking.rows), "by": by, "order": order, "scheme": ranking.scheme,
             "indistinguishable_from": list(row.indistinguishable) if row.indistinguishable else None,
             "rate_per_1000": round(row.rate_per_1000, 2) if row.rate_per_1000 else None,
             "population_year": ranking.population_year, "population_source": ranking.population_source}
    text = (f"{reading.area.value.name} has {rank_phrase(row.rank, order)} {by} of {len(ranking.rows)} boroughs for "
            f"{reading.measure.value.label.lower()} {period.value.label} ({ranking.scheme}; population {ranking.population_year})")
    ev = Evidence(row.rank, {"kind": "data", "scheme": ranking.scheme, "files": ranking.sources},
                  f"{reading.measure.value.label} ({ranking.scheme}): {reading.measure.value.definition}", period.value.label)
    return reading.base(verdict, value, _period_dict(period), [ev], text)


CHECKS = {
    "count": check_count,
    "percent_change": check_change,
    "absolute_change": check_change,
    "multiple": check_change,
    "share": check_share,
    "rank": check_rank,
    "rate": check_rate,
}
