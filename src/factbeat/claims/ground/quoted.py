"""Figures quoted from a registered source that counts something the open series do not.

Some words name a measure whose quoted figures usually come from another count than the open
series of the same name.  "Firearm discharges" in a Freedom of Information answer count any
discharge (non-lethal weapons, discharges with no offence recorded), while the MPS dashboard's
'lethal barrel discharge' counts offences with a lethal-barrelled firearm discharged
(``data/measures.yaml``).  When the figures register (FOI answers, police statements) holds
exactly the stated figure for the area and period, under the claim's measure or one of its
documented alternative readings, and that registered measure is one of :data:`DIFFERENT_COUNTS`,
the claim quotes the registered source, and:

- the open series of that measure gives a complete figure that differs: **not the same measure**
  (``not_in_data``, never ``contradicted``), and the explanation gives both figures (Barnet's
  "7 ... 32" firearm discharges against 6 and 18 lethal barrel discharges);
- the open series gives only a lower bound, or nothing: **register only**, checked against the
  register and saying that no open series counts it (London's 690 and 384 "firearms offences",
  an FOI count of discharges).

A registered figure of a measure the open series do count the same way (Barnet gun crime 76) is
not used here: the open series decides (``close`` to the stored 75).
"""

from __future__ import annotations

from factbeat.claims.ground.estimates import bound_words, is_lower_bound
from factbeat.claims.ground.evidence import Evidence, cite, cite_figure
from factbeat.errors import FactbeatError
from factbeat.taxonomy.measures import Measure

SUPPORTED, NOT_IN_DATA = "supported", "not_in_data"
# measures whose figures in FOI answers or statements are usually a different count than the open
# series, with what the difference is
DIFFERENT_COUNTS = {
    "firearm_discharges": "'firearm discharges' in FOI answers count any discharge, lethal barrel discharges "
                          "only offences in which a lethal-barrelled firearm was discharged",
}


def registered_quote(lookups, area, measure: Measure, period, stated: float, *,
                     alternatives: bool = True) -> tuple[Measure, Evidence] | None:
    """The registered figure equal to ``stated`` (same area, exactly the same period) of a measure
    in :data:`DIFFERENT_COUNTS`, among the claim's measure and (``alternatives``) its documented
    alternatives; None otherwise."""
    from factbeat.taxonomy.measures import concept

    for key in (measure.key, *(measure.alternatives if alternatives else ())):
        if key not in DIFFERENT_COUNTS:
            continue
        try:
            candidate = measure if key == measure.key else concept(key)
        except FactbeatError:
            continue
        found = lookups.registered(area, candidate, period)
        if isinstance(found, Evidence) and not found.bound and found.value == stated \
                and found.period_label == period.label:
            return candidate, found
    return None


def judge_quote(lookups, area, period, quoted: tuple[Measure, Evidence], stated: float):
    """(verdict, value, says, explanation, sources) for a stated figure the register holds, or None
    when the open series of the registered measure gives exactly the stated figure (the data decide)."""
    measure, evidence = quoted
    fig = lookups.figure(area, measure, period)
    register = f"the registered source says {stated:,g}"
    note = f"; {evidence.notes[0]}" if evidence.notes else ""
    if isinstance(fig, FactbeatError) or (not fig.complete and not is_lower_bound(fig)):
        series = f"the open {measure.label.lower()} series has no figure for {area.name} in {period.label}"
        open_value = None
        sources = [cite(evidence)]
    else:
        if fig.complete and fig.count == stated:
            return None
        series = f"the open series gives {bound_words(fig)} {measure.label.lower()} for {area.name} in {period.label}"
        open_value = fig.count
        sources = [cite(evidence), cite_figure(fig)]
    if open_value is not None and fig.complete:
        says = f"not the same measure: {register}; {series} ({DIFFERENT_COUNTS[measure.key]})"
        value = {"stated_source": stated, "open_series": open_value, "open_measure": measure.label}
        return NOT_IN_DATA, value, says, says + note, sources
    says = f"register only: no open series counts this as the source does; {register}; {series} ({DIFFERENT_COUNTS[measure.key]})"
    value = {"register": stated, "open_series_lower_bound": open_value, "open_measure": measure.label}
    return SUPPORTED, value, says, says + note, sources
