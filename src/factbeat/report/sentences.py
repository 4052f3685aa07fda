"""Quotable sentences for each statistic.  Every number in them comes from the result object.

These sentences are meant to be pasted into copy, so they state the scheme, the population
estimate and any incompleteness instead of leaving them to a footnote.
"""

from __future__ import annotations

from factbeat.report.wording import direction, number, ordinal, rank_phrase, signed_percent
from factbeat.stats.model import Change, Figure, Ranking, Share
from factbeat.taxonomy.schemes import get_scheme


def figure_sentence(fig: Figure) -> str:
    bound = "at least " if fig.bound == "lower" else ""
    unit = ("victim" if fig.count == 1 else "victims") if fig.scheme == "homicide_victims" else "offences"
    text = f"{fig.measure.label} in {fig.area.name}, {fig.period.label}: {bound}{number(fig.count)} {unit}"
    if fig.rate is not None:
        text += f", {bound}{number(fig.rate, 1)} per {number(fig.rate_base)} residents"
    text += f" ({get_scheme(fig.scheme).label}"
    if fig.population_year:
        text += f"; population {number(fig.population)}, {fig.population_source} {fig.population_year}"
    text += ")."
    if fig.bound == "lower" and fig.capped:
        text += (f" A lower bound: {len(fig.capped['missing_borough_months'])} of {fig.capped['borough_months_checked']} "
                 "borough-months are missing from a copy of the data with high counts deleted.")
    elif not fig.complete:
        text += f" Incomplete: {len(fig.missing_months)} month(s) missing."
    return text


def change_sentence(result: Change) -> str:
    before, after = result.before, result.after
    text = (
        f"{after.measure.label} in {after.area.name} {direction(result.absolute)} from {number(before.count)} "
        f"in {before.period.label} to {number(after.count)} in {after.period.label}"
    )
    if result.absolute:
        text += f", {'up' if result.absolute > 0 else 'down'} {number(abs(result.absolute))} ({signed_percent(result.percent)})"
    text += f" ({get_scheme(after.scheme).label})."
    if result.significance and result.significance.get("label"):
        text += f" Statistically: {result.significance['label']} (p = {result.significance['p_value']:.3g})."
    return text


def share_sentence(result: Share) -> str:
    part, whole = result.part, result.whole
    if result.share is None:
        return f"London recorded no {part.measure.label.lower()} in {part.period.label}."
    return (
        f"{part.area.name} accounted for {number(100 * result.share, 1)}% of London's "
        f"{part.measure.label.lower()} in {part.period.label} ({number(part.count)} of {number(whole.count)})."
    )


def rank_sentence(ranking: Ranking, code: str) -> str | None:
    row = next((r for r in ranking.rows if r.area.code == code), None)
    if row is None:
        return None
    basis = "rate of" if ranking.by == "rate" else "number of"
    base = ranking.measure.rate_per
    rate = None if row.rate_per_1000 is None else row.rate_per_1000 * base / 1000
    value = f"{number(rate, 1)} per {base:,}" if ranking.by == "rate" else number(row.count)
    within = ranking.within
    group = "London boroughs" if within is None or within.kind == "region" else f"areas covered by {within.name}"
    text = (
        f"{row.area.name} had {rank_phrase(row.rank, ranking.order)} {basis} {ranking.measure.label.lower()} "
        f"of {len(ranking.rows)} {group} in {ranking.period.label} ({value})"
    )
    if row.indistinguishable and row.indistinguishable[0] != row.indistinguishable[1]:
        first, last = row.indistinguishable
        text += f", though statistically it cannot be told apart from those ranked {ordinal(first)} to {ordinal(last)}"
    return text + "."
