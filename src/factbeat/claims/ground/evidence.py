"""Looking a figure up for a claim: stored data first, then the figures register.

An :class:`Evidence` is one value with its citation; :class:`Missing` says why there is none.
The comparison rules are the arithmetic checker's (``claims/tolerance.py``), so "more than 420"
or "almost doubling" mean the same thing against the data as against the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from factbeat.claims.judge.tolerance import compare
from factbeat.errors import FactbeatError
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period

SUPPORTED, CONTRADICTED, NOT_IN_DATA = "supported", "contradicted", "not_in_data"


@dataclass
class Evidence:
    value: float
    source: dict
    definition: str
    period_label: str
    bound: str | None = None  # the register's qualifier band when it gives only a bound
    notes: list[str] = field(default_factory=list)
    complete: bool = True


@dataclass
class Missing:
    reason: str


def lookup(fb, area: Area, measure: Measure, period: Period) -> Evidence | Missing:
    """The value of ``measure`` in ``area`` over ``period``: data if stored, else the register."""
    if fb.catalog.schemes_for(measure):
        try:
            from factbeat.stats.counts import contemporary_scheme

            fig = fb.figure(area, measure, period, contemporary_scheme(fb.catalog, measure, period, area), with_others=False)
        except FactbeatError as exc:
            return Missing(str(exc))
        source = {"kind": "data", "scheme": fig.scheme, "files": fig.sources}
        evidence = Evidence(fig.count, source, f"{measure.label} ({fig.scheme}): {measure.definition}",
                            period.label, notes=list(fig.notes), complete=fig.complete)
        return evidence if fig.complete else Missing(f"{period.label} is incomplete in the stored {fig.scheme} data")
    return _registered(fb, area, measure, period)


def _registered(fb, area: Area, measure: Measure, period: Period) -> Evidence | Missing:
    from factbeat.claims.read.lexicon import QUALIFIERS
    from factbeat.stats.counts import not_in_data_reason

    figures = fb.registered(area, measure)
    exact = [f for f in figures if f.period_start == period.start.isoformat() and f.period_end == period.end.isoformat()]
    overlapping = [f for f in figures if f.period_start <= period.end.isoformat() and f.period_end >= period.start.isoformat()]
    chosen = exact or overlapping
    if not chosen:
        return Missing(not_in_data_reason(measure) if not figures else
                       f"no {measure.label.lower()} figure for {area.name} in {period.label} in the stored data or the register")
    fig = chosen[0]
    source = {"kind": "register", "title": fig.source_title, "publisher": fig.publisher, "url": fig.url, "date": fig.date}
    notes = [fig.note] if fig.note else []
    if not exact:
        notes.append(f"registered for {fig.period_label}, not exactly {period.label}")
    band = QUALIFIERS.get((fig.qualifier or "").lower()) if fig.qualifier else None
    return Evidence(fig.value, source, f"{measure.label}: {measure.definition}", fig.period_label, band, notes)


def judge_count(stated: float, band: str | None, evidence: Evidence) -> tuple[str, str]:
    """(verdict, reason) for a stated count against evidence, with the shared tolerance rules."""
    if evidence.bound:
        if band == evidence.bound and Fraction(stated) == Fraction(evidence.value):
            return SUPPORTED, "the source gives the same bound"
        if band is None and not compare(Fraction(stated), Fraction(evidence.value), 0, evidence.bound).ok:
            return CONTRADICTED, f"the source says {evidence.bound.replace('_', ' ')} {evidence.value:g}"
        return NOT_IN_DATA, f"the source gives only a bound ({evidence.bound.replace('_', ' ')} {evidence.value:g})"
    ok = compare(Fraction(evidence.value), Fraction(stated), 0, band).ok if band else rounded_match(stated, evidence.value)
    return (SUPPORTED, "matches") if ok else (CONTRADICTED, "does not match")


def rounded_match(stated: float, actual: float) -> bool:
    """Exact for small numbers; a round number of 1,000 or more may be rounded (half up) at its last non-zero digit."""
    if stated == actual:
        return True
    if stated < 1000 or stated != int(stated):
        return False
    step = 1
    while int(stated) % (step * 10) == 0:
        step *= 10
    scaled = Decimal(actual) / step
    return stated == float(scaled.quantize(Decimal(1), ROUND_HALF_UP) * step)


def judge_value(stated: float, decimals: int, band: str | None, actual: float, style: str = "exact") -> bool:
    """A stated percent, share or multiple against the value computed from data."""
    return compare(Fraction(abs(actual)).limit_denominator(10**9), Fraction(stated).limit_denominator(10**9),
                   decimals, band, style).ok


def combine(verdicts: list[str]) -> str:
    """One verdict from several checks: any contradiction wins, all supported is supported."""
    if CONTRADICTED in verdicts:
        return CONTRADICTED
    if verdicts and all(v == SUPPORTED for v in verdicts):
        return SUPPORTED
    return NOT_IN_DATA


def cite(evidence: Evidence) -> str:
    """A one-line citation for the evidence line under a claim."""
    src = evidence.source
    if src.get("kind") == "register":
        return f"register: {src['title']}; {src['publisher']}" + (f", {src['date']}" if src.get("date") else "")
    files = ", ".join(f"{f['file_name']} lines {_short(f['lines'])}" for f in src.get("files", []))
    return f"data ({src.get('scheme')}): {files}"


def _short(lines: str, limit: int = 48) -> str:
    """Line ranges, shortened for one printed line (the JSON keeps them all)."""
    if len(lines) <= limit:
        return lines
    return lines[: lines.rfind(",", 0, limit)] + f", ... ({lines.count(',') + 1} ranges)"


_CITED: dict[int, tuple[object, str]] = {}  # id(figure) -> (the figure, its citation line): see cite_figure
_CITED_SIZE = 4096


def cite_figure(fig) -> str:
    """The citation line for a stored figure (``stats`` Figure): scheme, files and lines.

    Written once per figure object: figures come from the grounding's shared cache (``lookups``), and a
    story cites each several times (both ends of a change, the check in the scheme of the time, each
    alternative reading).  The figure is kept beside its line, so its id is never another's; the last
    few thousand are kept."""
    if hasattr(fig, "citation"):
        return fig.citation
    known = _CITED.get(id(fig))
    if known is not None and known[0] is fig:
        return known[1]
    line = cite(Evidence(fig.count, {"kind": "data", "scheme": fig.scheme, "files": fig.sources}, "", ""))
    if len(_CITED) >= _CITED_SIZE:
        _CITED.clear()
    _CITED[id(fig)] = (fig, line)
    return line
