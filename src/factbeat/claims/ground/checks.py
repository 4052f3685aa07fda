"""The data check of one resolved figure: count, change, multiple, share, rate or rank.

Each check returns the ``data`` block of a claim: the data verdict (``supported``,
``contradicted``, ``close`` or ``not_in_data``), the value found, the area, crime type and
period with how each was chosen, the source lines, and ``says``: the right figure in words
("the data says 2,547, up 1.6 %") for a reporter to use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from factbeat.claims.ground import estimates, rx
from factbeat.claims.ground.caveats import series_caveat
from factbeat.claims.ground.evidence import Evidence, Missing, cite_figure, judge_count
from factbeat.claims.ground.lexicon import NOT_DATA, SERIES_NOT_STORED, measure_for_key
from factbeat.claims.ground.lookups import Lookups
from factbeat.claims.ground.quoted import judge_quote, registered_quote
from factbeat.claims.ground.resolve import Choice, Resolved
from factbeat.claims.ground.wording import matches
from factbeat.claims.guard import Guarded
from factbeat.errors import FactbeatError
from factbeat.stats.close import close_verdict
from factbeat.taxonomy.areas import LONDON_CODE, area_by_code
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period

SUPPORTED, CONTRADICTED, CLOSE, NOT_IN_DATA = "supported", "contradicted", "close", "not_in_data"


class _Missing(Exception):
    """No data for this figure; the message says why."""


def check(lookups: Lookups, item: Resolved) -> dict[str, Any]:
    """The data block for one figure."""
    figure = item.figure
    try:
        if item.not_data:
            raise _Missing(item.not_data)
        measure = _measure(item.measure)
        if item.area is None:
            raise _Missing("no area is named for this figure")
        if item.period is None:
            raise _Missing("no period is named for this figure (give --date to resolve 'last year')")
        handler = _HANDLERS[figure.kind]
        verdict, value, says, explanation, sources = handler(lookups, item, measure)
        if verdict != SUPPORTED:
            verdict, value, says, explanation, sources = _as_published_then(
                lookups, item, measure, handler, (verdict, value, says, explanation, sources))
    except _Missing as why:
        block = _block(item, NOT_IN_DATA, None, None, f"not in data: {why}", [], reason=str(why))
        block["alternatives"] = _alternatives(lookups, item)
        if item.not_data or (item.measure is not None and item.measure.value == NOT_DATA):
            block["about_other_data"] = True  # another source's figure, or something police data do not count
        return block
    block = _block(item, verdict, value, says, explanation, sources, reason=says if verdict == NOT_IN_DATA else None)
    if verdict not in (SUPPORTED, CLOSE):
        block["alternatives"] = _alternatives(lookups, item)
    return block


def _as_published_then(lookups: Lookups, item: Resolved, measure: Measure, handler, result):
    """The same check in the scheme the MPS published at the time the story covers, if it differs
    from today's default (a 2016 story quotes legacy categories) and supports the claim there."""
    with lookups.contemporary_schemes() as switched:
        if not switched:
            return result
        try:
            then = handler(lookups, item, measure)
        except _Missing:
            return result
    better = then[0] == SUPPORTED or (then[0] == CLOSE and result[0] == CONTRADICTED)
    return then if better else result


def _alternatives(lookups: Lookups, item: Resolved) -> list[dict]:
    """The other documented readings of the crime words, each checked and listed, never silently used."""
    measure = item.measure.value if item.measure else None
    if isinstance(measure, str):
        measure = measure_for_key(measure)
    if not isinstance(measure, Measure) or item.area is None or item.period is None or item.not_data:
        return []
    from factbeat.taxonomy.measures import concept

    out = []
    for key in measure.alternatives:
        other = concept(key)
        try:
            verdict, value, says, explanation, sources = _HANDLERS[item.figure.kind](lookups, item, other)
            reason = None
        except _Missing as why:
            verdict, value, says, explanation, sources, reason = NOT_IN_DATA, None, None, f"not in data: {why}", [], str(why)
        out.append({"verdict": verdict, "value": value, "measure": {"name": other.label, "key": other.key},
                    "explanation": explanation, "source": sources or None, "reason": reason, "says": says})
    return out


def _measure(choice: Choice | None) -> Measure:
    if choice is None:
        raise _Missing("no crime type is named for this figure")
    value = choice.value
    if isinstance(value, Measure):
        return value
    if value == NOT_DATA:
        raise _Missing(f"'{choice.words}' is not something the police crime data count")
    measure = measure_for_key(value)
    if measure is None:
        if value in SERIES_NOT_STORED:
            raise _Missing(f"'{choice.words}' needs a series that is not in the store (MPS dashboard or homicide victims)")
        raise _Missing(f"'{choice.words}' is not a category in any stored dataset")
    return measure


@dataclass
class _Registered:
    """A registered figure in the shape of a stored one (count, scheme, sources, citation)."""

    count: float
    evidence: Evidence
    scheme: str = "register"
    complete: bool = True
    population: int | None = None
    population_year: int | None = None

    @property
    def citation(self) -> str:
        from factbeat.claims.ground.evidence import cite

        return cite(self.evidence)


def _count_of(lookups: Lookups, area, measure: Measure, period: Period, *, bounds: bool = False):
    """The stored (or registered) count; ``bounds`` also accepts a lower bound from the capped file."""
    if not lookups.stored(measure):
        found = lookups.registered(area, measure, period)
        if isinstance(found, Missing):
            raise _Missing(found.reason)
        return _Registered(found.value, found)
    fig = lookups.figure(area, measure, period)
    if isinstance(fig, FactbeatError):
        raise _Missing(str(fig))
    if not fig.complete and not (bounds and estimates.is_lower_bound(fig)):
        raise _Missing(f"{period.label} is incomplete in the stored {fig.scheme} data")
    return fig


def _count(lookups: Lookups, item: Resolved, measure: Measure):
    figure = item.figure
    area, period = item.area.value, item.period.value
    own = item.measure is not None and getattr(item.measure.value, "key", item.measure.value) == measure.key
    quoted = registered_quote(lookups, area, measure, period, figure.value, alternatives=own) if figure.band is None else None
    if quoted is not None:
        judged = judge_quote(lookups, area, period, quoted, figure.value)
        if judged is not None:
            return judged
    fig = _count_of(lookups, area, measure, period, bounds=True)
    if isinstance(fig, _Registered) and fig.evidence.bound:
        verdict, why = judge_count(figure.value, _ARITHMETIC_BANDS.get(figure.band), fig.evidence)
        if verdict == NOT_IN_DATA:
            raise _Missing(why)
        return verdict, fig.count, f"the source says {why}", f"stated {_words(figure)}: {why}", [cite_figure(fig)]
    says = f"the data says {fig.count:,} ({area.name}, {measure.label.lower()}, {period.label})"
    explanation = f"stated {_words(figure)} vs {fig.count:,} in the data"
    if estimates.is_lower_bound(fig):
        verdict, why = estimates.judge_count(figure.value, figure.band, fig)
        says, explanation = f"the data says {estimates.bound_words(fig)} ({area.name}, {measure.label.lower()}, {period.label})", \
            f"stated {_words(figure)}: {why}"
    elif matches(figure.value, fig.count, band=figure.band, style="exact"):
        verdict = SUPPORTED
    elif figure.band is None and not isinstance(fig, _Registered) and \
            (near := close_verdict(lookups.fb.catalog, fig, figure.value)) is not None:
        verdict = CLOSE
        says, explanation = f"{says}: {near['explanation']}", f"stated {_words(figure)}: {near['explanation']}"
    else:
        verdict = CONTRADICTED
    if verdict in (CONTRADICTED, NOT_IN_DATA):
        rise = _as_the_change(lookups, item, measure)
        if rise is not None:
            return rise
    if verdict == NOT_IN_DATA:
        raise _Missing(explanation)
    if verdict != SUPPORTED:
        says, explanation = says + series_caveat(fig), explanation + series_caveat(fig)
    return verdict, fig.count, says, explanation, [cite_figure(fig)]


def _as_the_change(lookups: Lookups, item: Resolved, measure: Measure):
    """'burglary rose by a fifth, with over 300 more break-ins': a count in a sentence about a rise or
    fall may be the size of the change.  Checked on the year before; used only when it supports the claim."""
    from factbeat.claims.ground.figures import UP
    from factbeat.claims.ground.when import shifted

    figure = item.figure
    if figure.kind != "count" or item.period.value.n_months != 12:
        return None
    sentence = figure.extra.get("sentence", "")
    head = sentence[:max(0, sentence.find(figure.words))] if figure.words in sentence else ""
    moved = _moved_words().search(head)
    if not moved:
        return None
    as_change = replace(figure, kind="absolute_change", direction="up" if rx.match(UP, moved.group(0), re.I) else "down")
    rise = Resolved(as_change, item.area, item.measure, item.period, Choice(shifted(item.period.value, -1), "the year before", ""))
    try:
        first, second = _ends(lookups, rise, measure, bounds=True)
        if not (estimates.is_lower_bound(first) or estimates.is_lower_bound(second)) and \
                not matches(figure.value, second.count - first.count, band=figure.band, style="exact"):
            return None  # not the size of the change (as most are not): _absolute would only word why
        verdict, value, says, explanation, sources = _absolute(lookups, rise, measure)
    except _Missing:
        return None
    if verdict != SUPPORTED:
        return None
    return verdict, value, f"read as the change on the year before: {says}", \
        f"read as the change on the year before: {explanation}", sources


@cache
def _moved_words() -> Guarded:
    """A rise or fall word (figures.UP, figures.DOWN), compiled once rather than formatted for every count."""
    from factbeat.claims.ground.figures import DOWN, UP

    return Guarded(rx.compiled(rf"\b(?:{UP}|{DOWN})\b", re.I))  # (most heads hold none: see claims/guard.py)


def _ends(lookups: Lookups, item: Resolved, measure: Measure, *, bounds: bool = False):
    if item.before is None or item.before.value is None:
        raise _Missing("no earlier period for the change")
    first = _count_of(lookups, item.area.value, measure, item.before.value, bounds=bounds)
    second = _count_of(lookups, item.area.value, measure, item.period.value, bounds=bounds)
    return first, second


def _estimated(figure, first, second, actual: float, what: str, value: dict, says: str):
    """The check of a change with a lower bound at either end: an estimate (``estimates.judge_change``)."""
    verdict, why = estimates.judge_change(figure, first, second, actual, what)
    if verdict == NOT_IN_DATA:
        raise _Missing(why)
    return verdict, {**value, "estimate": True}, f"{says} (an estimate from lower bounds)", \
        f"{why}; stated {_words(figure)}", [cite_figure(first), cite_figure(second)]


_ARITHMETIC_BANDS = {"more_than": "above", "just_over": "just_above", "almost": "almost", "about": "about",
                     "less_than": "below", "at_least": "at_least"}


def _change(lookups: Lookups, item: Resolved, measure: Measure):
    figure = item.figure
    if not lookups.stored(measure) and figure.kind == "percent_change":
        registered = lookups.registered_change(item.area.value, measure, item.period.value)
        if registered is not None:
            ok = matches(figure.value, registered.value, band=figure.band, style=figure.style, decimals=figure.decimals)
            ev = Evidence(registered.value, {"kind": "register", "title": registered.source_title,
                                             "publisher": registered.publisher, "url": registered.url,
                                             "date": registered.date}, measure.definition, registered.period_label)
            from factbeat.claims.ground.evidence import cite

            return (SUPPORTED if ok else CONTRADICTED), {"percent_change": registered.value}, \
                f"the source says {registered.value:g} %", f"registered {registered.value:g} %; stated {_words(figure)}", [cite(ev)]
    first, second = _ends(lookups, item, measure, bounds=True)
    if not first.count:
        raise _Missing(f"no {measure.label.lower()} in {item.before.value.label} to compare with")
    actual = 100.0 * (second.count - first.count) / first.count
    if estimates.is_lower_bound(first) or estimates.is_lower_bound(second):
        return _estimated(figure, first, second, actual, f"{actual:+.1f} %",
                          {"from": first.count, "to": second.count, "percent_change": round(actual, 4)},
                          f"the data says {estimates.end_words(second)}, {'up' if actual >= 0 else 'down'} {abs(actual):.1f} % "
                          f"on {estimates.end_words(first)} in {item.before.value.label}")
    direction_ok = figure.direction is None or (figure.direction == "up") == (actual > 0) or actual == 0
    ok = direction_ok and matches(figure.value, actual, band=figure.band, style=figure.style, decimals=figure.decimals)
    says = (f"the data says {second.count:,}, {'up' if actual >= 0 else 'down'} {abs(actual):.1f} % on "
            f"{first.count:,} in {item.before.value.label}")
    explanation = f"{first.count:,} ({item.before.value.label}) -> {second.count:,} ({item.period.value.label}) = {actual:+.1f} %; stated {_words(figure)}"
    value = {"from": first.count, "to": second.count, "percent_change": round(actual, 4)}
    return (SUPPORTED if ok else CONTRADICTED), value, says, explanation, [cite_figure(first), cite_figure(second)]


def _absolute(lookups: Lookups, item: Resolved, measure: Measure):
    figure = item.figure
    first, second = _ends(lookups, item, measure, bounds=True)
    actual = second.count - first.count
    if estimates.is_lower_bound(first) or estimates.is_lower_bound(second):
        return _estimated(figure, first, second, actual, f"{actual:+,}", {"from": first.count, "to": second.count, "change": actual},
                          f"the data says {estimates.end_words(second)}, {actual:+,} on {estimates.end_words(first)} "
                          f"in {item.before.value.label}")
    ok = (actual > 0) == (figure.direction == "up") and matches(figure.value, actual, band=figure.band, style="exact")
    says = f"the data says {second.count:,}, {actual:+,} on {first.count:,} in {item.before.value.label}"
    explanation = f"{first.count:,} -> {second.count:,} = {actual:+,}; stated {_words(figure)}"
    return (SUPPORTED if ok else CONTRADICTED), {"from": first.count, "to": second.count, "change": actual}, says, \
        explanation, [cite_figure(first), cite_figure(second)]


def _against(this, other, where: str) -> tuple[float, str]:
    """The ratio of two stored counts and how the verdict says it ("… against … in 2022 (x1.40)")."""
    ratio = this.count / other.count
    return ratio, f"the data says {this.count:,} against {other.count:,} in {where} (x{ratio:.2f})"


def _multiple(lookups: Lookups, item: Resolved, measure: Measure):
    figure = item.figure
    if figure.extra.get("comparison") and item.other_area is None and item.before is not None:
        # 'three times the 550 recorded in the year to March 2022': the same area in an earlier period
        first = _count_of(lookups, item.area.value, measure, item.before.value)
        second = _count_of(lookups, item.area.value, measure, item.period.value)
        if not first.count:
            raise _Missing("no earlier count to compare with")
        ratio, says = _against(second, first, item.before.value.label)
        ok = matches(figure.value, ratio, band=figure.band, style="multiple")
        return (SUPPORTED if ok else CONTRADICTED), round(ratio, 4), says, f"ratio {ratio:.3f}; stated {_words(figure)}", \
            [cite_figure(first), cite_figure(second)]
    if figure.extra.get("vs_any_other"):
        ranking = lookups.rank(measure, item.period.value, "rate" if figure.extra.get("by_rate") else "count", "desc")
        if isinstance(ranking, FactbeatError):
            raise _Missing(str(ranking))
        others = [r for r in ranking.rows if r.area.code != item.area.value.code]
        if not others or ranking.position(item.area.value) is None:
            raise _Missing(f"{item.area.value.name} is not among the ranked boroughs")
        item.other_area = Choice(others[0].area, "the highest of the other boroughs", others[0].area.name)
    if figure.extra.get("comparison"):
        if item.other_area is None:
            raise _Missing("no area to compare with")
        this = _count_of(lookups, item.area.value, measure, item.period.value)
        other = _count_of(lookups, item.other_area.value, measure, item.period.value)
        if not other.count:
            raise _Missing("the compared figure is zero")
        ratio, says = _against(this, other, item.other_area.value.name)
        if figure.extra.get("by_rate"):  # 'twice Camden's rate': rates, each over its own population
            if not this.population or not other.population:
                raise _Missing("no population stored for a rate")
            ratio = (this.count / this.population) / (other.count / other.population)
            says = (f"the data says a rate {ratio:.2f} times {item.other_area.value.name}'s ({this.count:,} and "
                    f"{other.count:,} offences)")
        sources = [cite_figure(this), cite_figure(other)]
    else:
        first, second = _ends(lookups, item, measure)
        if not first.count:
            raise _Missing("no earlier count to compare with")
        ratio = second.count / first.count  # "halved" is compared as the ratio itself, 0.5
        says = f"the data says {first.count:,} -> {second.count:,} (x{ratio:.2f})"
        sources = [cite_figure(first), cite_figure(second)]
    if figure.extra.get("fraction_of"):  # 'less than half the rate in Westminster': a fraction in words
        ok = matches(100 * figure.value, 100 * ratio, band=figure.band, style="fraction")
    else:
        ok = matches(figure.value, ratio, band=figure.band, style="multiple")
    return (SUPPORTED if ok else CONTRADICTED), round(ratio, 4), says, f"ratio {ratio:.3f}; stated {_words(figure)}", sources


def _compare(lookups: Lookups, item: Resolved, measure: Measure):
    """'higher than Lambeth', 'below that of Westminster': the sign of the difference, by rate when the
    sentence is about rates, else by count, for the same crime and period."""
    figure = item.figure
    if "since" in figure.extra:
        return _record(lookups, item, measure)
    if item.other_area is None:
        raise _Missing("no area to compare with")
    by = "rate" if figure.extra.get("by_rate") else "count"
    this = _count_of(lookups, item.area.value, measure, item.period.value)
    other = _count_of(lookups, item.other_area.value, measure, item.period.value)
    a, b = float(this.count), float(other.count)
    if by == "rate":
        if not this.population or not other.population:
            raise _Missing("no population stored for a rate")
        per = float(measure.rate_per)
        a, b = a * per / this.population, b * per / other.population
    difference = a - b
    ok = difference != 0 and (difference > 0) == (figure.value > 0)
    if item.combined:  # 'more than Kensington and Chelsea and Camden combined'
        if by == "rate":
            raise _Missing("a rate of several areas combined is not checked")
        for extra_area in item.more_areas:
            b += float(_count_of(lookups, extra_area.value, measure, item.period.value).count)
        difference = a - b
        ok = difference != 0 and (difference > 0) == (figure.value > 0)
    for extra_area in [] if item.combined else item.more_areas:  # every area in 'more than Southwark and Croydon'
        more = _count_of(lookups, extra_area.value, measure, item.period.value)
        c = float(more.count)
        if by == "rate":
            if not more.population:
                raise _Missing("no population stored for a rate")
            c = c * float(measure.rate_per) / more.population
        ok = ok and a != c and (a > c) == (figure.value > 0)
    unit = f" per {measure.rate_per:,}" if by == "rate" else ""
    says = (f"the data says {item.area.value.name} {a:,.1f}{unit} against {b:,.1f}{unit} in {item.other_area.value.name}"
            if by == "rate" else
            f"the data says {item.area.value.name} {this.count:,} against {other.count:,} in {item.other_area.value.name}")
    value = {"this": round(a, 4), "other": round(b, 4), "difference": round(difference, 4), "by": by}
    explanation = f"{item.area.value.name} {a:,.2f} vs {item.other_area.value.name} {b:,.2f} ({by}); stated {_words(figure)}"
    return (SUPPORTED if ok else CONTRADICTED), value, says, explanation, [cite_figure(this), cite_figure(other)]


def _record(lookups: Lookups, item: Resolved, measure: Measure):
    """'the highest number since 2008': the year's figure against every year since (after 2008; from 2003 for
    'more than in any year since 2003'), the same area and crime; the value is the margin over the nearest."""
    from factbeat.claims.ground.when import shifted

    figure = item.figure
    period = item.period.value
    first = figure.extra["since"] + (0 if figure.extra.get("inclusive") else 1)
    # the same stretch of each earlier year ending in or after the first year ('12 months to June' of 2011 to 2023)
    years = [shifted(period, -k) for k in range(1, period.end.year - first + 1)]
    if not years or any(y is None for y in years):
        raise _Missing(f"no years between {figure.extra['since']} and {period.label} to compare with")
    this = _count_of(lookups, item.area.value, measure, period)
    others = [(y, _count_of(lookups, item.area.value, measure, y)) for y in years]
    higher = figure.value > 0
    nearest_year, nearest = (max if higher else min)(others, key=lambda pair: pair[1].count)
    margin = this.count - nearest.count
    ok = margin > 0 if higher else margin < 0
    says = (f"the data says {this.count:,} in {period.label}; the {'highest' if higher else 'lowest'} of the "
            f"{len(years)} years before it (from {years[-1].label}) was {nearest_year.label} with {nearest.count:,}")
    value = {"this": this.count, "nearest": nearest.count, "nearest_period": nearest_year.label, "difference": margin}
    explanation = f"{period.label} {this.count:,} vs {nearest_year.label} {nearest.count:,}; stated {_words(figure)}"
    return (SUPPORTED if ok else CONTRADICTED), value, says, explanation, [cite_figure(this), cite_figure(nearest)]


def _share(lookups: Lookups, item: Resolved, measure: Measure):
    figure = item.figure
    whole_measure = _measure(item.whole_measure) if item.whole_measure else measure
    whole_area = item.whole_area.value if item.whole_area else item.area.value
    if whole_measure.key == measure.key and whole_area.code == item.area.value.code:
        whole_area = area_by_code(LONDON_CODE)
    if whole_area.code == item.area.value.code and whole_measure.key == measure.key:
        raise _Missing("the share's whole is not named")
    part = _count_of(lookups, item.area.value, measure, item.period.value)
    whole = _count_of(lookups, whole_area, whole_measure, item.period.value)
    if not whole.count:
        raise _Missing("the whole is zero")
    actual = 100.0 * part.count / whole.count
    ok = matches(figure.value, actual, band=figure.band, style=figure.style, decimals=figure.decimals)
    says = (f"the data says {part.count:,} of {whole.count:,} ({actual:.1f} %): {item.area.value.name} "
            f"{measure.label.lower()} of {whole_area.name} {whole_measure.label.lower()}, {item.period.value.label}")
    if not ok:
        says += series_caveat(part, whole)
    value = {"part": part.count, "whole": whole.count, "share": round(actual, 4), "whole_area": whole_area.name,
             "whole_measure": whole_measure.label}
    return (SUPPORTED if ok else CONTRADICTED), value, says, f"{actual:.2f} %; stated {_words(figure)}", \
        [cite_figure(part), cite_figure(whole)]


def _rate(lookups: Lookups, item: Resolved, measure: Measure):
    figure = item.figure
    per = figure.per or _per_from_sentence(item) or 1000.0
    fig = _count_of(lookups, item.area.value, measure, item.period.value)
    if not fig.population:
        raise _Missing("no population stored for a rate")
    rate = fig.count * per / fig.population
    ok = matches(figure.value, rate, band=figure.band, style="round", decimals=figure.decimals)
    says = (f"the data says {rate:.1f} per {per:,.0f} ({fig.count:,} offences, population {fig.population:,} "
            f"for {fig.population_year})")
    value = {"rate": round(rate, 4), "per": per, "count": fig.count, "population": fig.population,
             "population_year": fig.population_year}
    explanation = f"{fig.count:,} / {fig.population:,} x {per:,.0f} = {rate:.2f} (population {fig.population_year}); stated {_words(figure)}"
    return (SUPPORTED if ok else CONTRADICTED), value, says, explanation, [cite_figure(fig)]


def _per_from_sentence(item: Resolved) -> float | None:
    words = item.figure.extra.get("sentence", "")
    if "100,000" in words:
        return 100000.0
    if "1,000" in words:
        return 1000.0
    return None


def _rank(lookups: Lookups, item: Resolved, measure: Measure):
    figure = item.figure
    area = item.area.value
    if area.kind == "ward":
        return _rank_wards(lookups, item, measure, figure.extra.get("order", "desc"))
    if area.kind != "borough":
        raise _Missing(f"ranks are among the 32 boroughs or the wards of a borough; {area.name} is neither")
    order = figure.extra.get("order", "desc")
    by = figure.extra.get("by") or ("rate" if figure.extra.get("by_rate") else "count")
    if by == "change":
        return _rank_change(lookups, item, measure, order)
    ranking = lookups.rank(measure, item.period.value, by, order)
    if isinstance(ranking, FactbeatError):
        raise _Missing(str(ranking))
    row = ranking.position(area)
    if row is None:
        raise _Missing(f"{area.name} is not among the ranked boroughs")
    rows = [(r.area, r.rank) for r in ranking.rows]
    if figure.extra.get("outside"):  # 'outside Westminster': the ranking without the areas named
        from factbeat.taxonomy.areas import find_area

        left_out = {a.code for a in (find_area(n) for n in figure.extra["outside"]) if a is not None}
        value = (lambda r: r.rate_per_1000) if by == "rate" else (lambda r: r.count)
        kept = [(r.area, value(r)) for r in ranking.rows if r.area.code not in left_out]
        rows = _competition(kept, order)
        position = next(rank for a, rank in rows if a.code == area.code)
        return _rank_verdict(item, rows, position, by, order, ranking.scheme, cite_rank(ranking), None)
    result = _rank_verdict(item, rows, row.rank, by, order, ranking.scheme, cite_rank(ranking),
                           list(row.indistinguishable) if getattr(row, "indistinguishable", None) else None)
    if by == "rate":
        result[1]["population_year"] = ranking.population_year
    return result


def _rank_wards(lookups: Lookups, item: Resolved, measure: Measure, order: str):
    """A ward's place among the wards of its borough, by count (competition ranking)."""
    ward = item.area.value
    wards = lookups.wards_of(ward.parent)
    counts = []
    for other in wards:
        fig = lookups.figure(other, measure, item.period.value)
        if not isinstance(fig, FactbeatError) and fig.complete:
            counts.append((other, fig.count))
    if not any(a.code == ward.code for a, _c in counts):
        raise _Missing(f"no {measure.label.lower()} figure for {ward.name} in {item.period.value.label}")
    rows = _competition(counts, order)
    position = next(rank for a, rank in rows if a.code == ward.code)
    try:
        borough = area_by_code(ward.parent).name
    except FactbeatError:
        borough = ward.parent
    result = _rank_verdict(item, rows, position, "count", order, "ward files", [], None)
    result[1]["within"] = f"the {len(rows)} wards of {borough}"
    return result


def _rank_change(lookups: Lookups, item: Resolved, measure: Measure, order: str):
    if item.before is None:
        from factbeat.claims.ground.when import shifted

        item.before = Choice(shifted(item.period.value, -1), "the year before", "")
    now = lookups.rank(measure, item.period.value, "count", "desc")
    then = lookups.rank(measure, item.before.value, "count", "desc")
    if isinstance(now, FactbeatError) or isinstance(then, FactbeatError):
        raise _Missing(str(now if isinstance(now, FactbeatError) else then))
    before = {r.area.code: r.count for r in then.rows}
    changes = [(r.area, 100.0 * (r.count - before[r.area.code]) / before[r.area.code]) for r in now.rows
               if before.get(r.area.code)]
    rows = _competition(changes, order)
    position = next((rank for a, rank in rows if a.code == item.area.value.code), None)
    if position is None:
        raise _Missing(f"{item.area.value.name} is not among the ranked boroughs")
    return _rank_verdict(item, rows, position, "change", order, now.scheme, cite_rank(now), None)


def _competition(values: list[tuple[Any, float]], order: str) -> list[tuple[Any, int]]:
    """Competition ranking ('1224'): 1 + the number of areas strictly better."""
    better = (lambda a, b: a > b) if order == "desc" else (lambda a, b: a < b)
    return sorted(((area, 1 + sum(better(other, v) for _o, other in values)) for area, v in values), key=lambda x: x[1])


def _rank_verdict(item: Resolved, rows, position: int, by: str, order: str, scheme: str, sources, band):
    figure = item.figure
    stated = int(figure.value)
    ok = position <= stated if figure.extra.get("among") else position == stated
    if ok and figure.extra.get("leader_after") and item.other_area is not None:
        leader = [a for a, r in rows if r == 1]
        ok = any(a.code == item.other_area.value.code for a in leader)
    if ok and figure.extra.get("above"):
        from factbeat.taxonomy.areas import find_area

        named = [find_area(n) for n in figure.extra["above"]]
        ahead = {a.code for a, r in rows if r < position}
        ok = all(a is None or a.code in ahead for a in named)
    word = {"desc": "highest", "asc": "lowest"}[order]
    what = {"count": "number", "rate": "rate", "change": "change"}[by]
    unit = "wards" if item.area.value.kind == "ward" else "boroughs"
    says = f"the data says {item.area.value.name} ranks {_ordinal(position)}-{word} by {what} of {len(rows)} {unit}"
    leaders = ", ".join(a.name for a, r in rows if r == 1)
    value = {"rank": position, "of": len(rows), "by": by, "order": order, "scheme": scheme, "first": leaders,
             "indistinguishable_from": band}
    explanation = f"{item.area.value.name} is {_ordinal(position)}-{word} by {what} ({leaders} first); stated {_words(figure)}"
    return (SUPPORTED if ok else CONTRADICTED), value, says, explanation, sources


def cite_rank(ranking) -> list[str]:
    from factbeat.claims.ground.evidence import Evidence, cite

    return [cite(Evidence(0, {"kind": "data", "scheme": ranking.scheme, "files": ranking.sources}, "", ""))]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _words(figure) -> str:
    return f"'{figure.words.strip()}'"


_HANDLERS = {
    "count": _count, "percent_change": _change, "absolute_change": _absolute, "multiple": _multiple,
    "share": _share, "rate": _rate, "rank": _rank, "comparison": _compare,
}


def _choice_dict(choice: Choice | None) -> dict | None:
    if choice is None:
        return None
    value = choice.value
    if hasattr(value, "code"):
        return {**value.to_dict(), "how": choice.how, "words": choice.words}
    if isinstance(value, Measure):
        return {"name": value.label, "key": value.key, "how": choice.how, "words": choice.words}
    if isinstance(value, Period):
        return {**value.to_dict(), "how": choice.how}
    measure = measure_for_key(value) if isinstance(value, str) else None
    if measure is not None:  # a measure named by its key: give its readable name too
        return {"name": measure.label, "key": measure.key, "how": choice.how, "words": choice.words}
    return {"name": str(value), "key": str(value), "how": choice.how, "words": choice.words}


def _block(item: Resolved, verdict: str, value, says, explanation: str, sources: list, reason: str | None = None) -> dict:
    figure = item.figure
    if item.before is not None and (figure.kind in ("percent_change", "absolute_change") or figure.extra.get("by") == "change") or \
            (figure.kind == "multiple" and item.before is not None and item.other_area is None):
        period = {"from": _choice_dict(item.before), "to": _choice_dict(item.period)}
    else:
        period = _choice_dict(item.period)
    measure = item.measure.value if item.measure else None
    return {
        "verdict": verdict, "value": value, "reason": reason, "says": says,
        "area": _choice_dict(item.area), "measure": _choice_dict(item.measure), "period": period,
        "compared_with": _choice_dict(item.other_area),
        "definition": measure.definition if isinstance(measure, Measure) else None,
        "source": [s for group in sources for s in (group if isinstance(group, list) else [group])] or None,
        "notes": list(item.notes), "alternatives": [], "explanation": explanation,
    }
