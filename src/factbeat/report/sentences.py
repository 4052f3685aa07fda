"""Quotable sentences for each statistic.  Every number in them comes from the result object.

These sentences are meant to be pasted into copy, so they state the scheme, the population
estimate and any incompleteness instead of leaving them to a footnote.  A period with most of
its months missing does not lead with a number: it says first how little is stored.
"""

from __future__ import annotations

from factbeat.report.wording import (
    direction,
    month_list,
    number,
    ordinal,
    p_value,
    place,
    signed_percent,
)
from factbeat.stats.model import Change, Figure, Ranking, Share
from factbeat.taxonomy.schemes import get_scheme


def scheme_label(key: str) -> str:
    return get_scheme(key).label


def present_months(fig: Figure) -> list:
    missing = set(fig.missing_months)
    return [m for m in fig.period.months if m not in missing]


def mostly_missing(fig: Figure) -> bool:
    """True when fewer than half the period's months are stored: the count is not the period's."""
    return not fig.complete and 2 * len(present_months(fig)) < fig.period.n_months


def figure_sentence(fig: Figure) -> str:
    head = f"{fig.measure.label} in {fig.area.name}, {fig.period.label}"
    bound = "at least " if fig.bound == "lower" else ""
    unit = ("victim" if fig.count == 1 else "victims") if fig.scheme == "homicide_victims" else "offences"
    if mostly_missing(fig):
        stored = present_months(fig)
        return (
            f"{head}: only {len(stored)} of {fig.period.n_months} months stored ({month_list(stored)}): "
            f"{bound}{number(fig.count)} {unit} in {'that month' if len(stored) == 1 else 'those months'} "
            f"({scheme_label(fig.scheme)}). Not a figure for the whole period."
        )
    text = f"{head}: {bound}{number(fig.count)} {unit}"
    if fig.rate is not None:
        text += f", {bound}{number(fig.rate, 1)} per {number(fig.rate_base)} residents"
    text += f" ({scheme_label(fig.scheme)}"
    if fig.population_year:
        text += f"; population {number(fig.population)}, {fig.population_source} {fig.population_year}"
    text += ")."
    if fig.bound == "lower" and fig.capped:
        text += (f" A lower bound: {len(fig.capped['missing_borough_months'])} of {fig.capped['borough_months_checked']} "
                 "borough-months are missing from a copy of the data with high counts deleted.")
    elif not fig.complete:
        text += f" Incomplete: {month_list(fig.missing_months)} not stored."
    return text


def significance_sentence(result: Change) -> str:
    """'The rate per resident rose 1.6%, within normal variation (p = 0.28).'"""
    sig = result.significance or {}
    if not sig.get("label"):
        return ""
    on_rates = sig.get("on") == "rates"
    ratio = sig.get("rate_ratio")
    what = "The rate per resident" if on_rates else "The monthly count"
    if ratio is None or ratio == 1:
        moved = f"{what} did not change"
    else:
        moved = f"{what} {'rose' if ratio > 1 else 'fell'} {abs(100 * (ratio - 1)):.1f}%"
    text = f"{moved}: {sig['label']} ({p_value(sig.get('p_value'))}, exact Poisson test"
    text += " on rates, allowing for population change)." if on_rates else " on counts)."
    return text


def change_sentence(result: Change) -> str:
    before, after = result.before, result.after
    text = (
        f"{after.measure.label} in {after.area.name} {direction(result.absolute)} from {number(before.count)} "
        f"in {before.period.label} to {number(after.count)} in {after.period.label}"
    )
    if result.absolute:
        text += f", {'up' if result.absolute > 0 else 'down'} {number(abs(result.absolute))} ({signed_percent(result.percent)})"
    text += f" ({scheme_label(after.scheme)})."
    if sig := significance_sentence(result):
        text += " " + sig
    return text


def share_sentence(result: Share) -> str:
    part, whole = result.part, result.whole
    if result.share is None:
        return f"London recorded no {part.measure.label.lower()} in {part.period.label}."
    return (
        f"{part.area.name} accounted for {number(100 * result.share, 1)}% of London's "
        f"{part.measure.label.lower()} in {part.period.label} ({number(part.count)} of {number(whole.count)}; "
        f"{scheme_label(part.scheme)})."
    )


def rank_place(ranking: Ranking, code: str) -> str | None:
    """'the 3rd-lowest' (or 'the highest'...), counted from the nearer end of the ranking."""
    row = next((r for r in ranking.rows if r.area.code == code), None)
    if row is None:
        return None
    from_other_end = 1 + sum(1 for r in ranking.rows if r.rank > row.rank)
    return place(row.rank, from_other_end, ranking.order)


def rank_sentence(ranking: Ranking, code: str) -> str | None:
    row = next((r for r in ranking.rows if r.area.code == code), None)
    if row is None:
        return None
    basis = "rate of" if ranking.by == "rate" else "number of"
    base = ranking.measure.rate_per
    rate = None if row.rate_per_1000 is None else row.rate_per_1000 * base / 1000
    value = f"{number(rate, 1)} per {base:,}" if ranking.by == "rate" else number(row.count)
    within = ranking.within
    group = "London boroughs" if within is None or within.kind == "region" else f"districts policed by {within.name}"
    text = (
        f"{row.area.name} had {rank_place(ranking, code)} {basis} {ranking.measure.label.lower()} "
        f"of {len(ranking.rows)} {group} in {ranking.period.label} ({value})"
    )
    if row.indistinguishable and row.indistinguishable[0] != row.indistinguishable[1]:
        first, last = row.indistinguishable
        from_other_end = 1 + sum(1 for r in ranking.rows if r.rank > row.rank)
        if from_other_end < row.rank:  # the place was said from the other end: so is the band
            word = "highest" if ranking.order == "asc" else "lowest"
            low, high = (1 + sum(1 for r in ranking.rows if r.rank > k) for k in (last, first))
            text += f", though statistically it cannot be told apart from those ranked {ordinal(low)}- to {ordinal(high)}-{word}"
        else:
            word = "lowest" if ranking.order == "asc" else "highest"
            text += f", though statistically it cannot be told apart from those ranked {ordinal(first)}- to {ordinal(last)}-{word}"
    return text + "."
