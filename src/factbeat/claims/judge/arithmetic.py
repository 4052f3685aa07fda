"""The arithmetic behind each verdict, and the one-line explanation that shows it.

Each ``check_*`` function takes the stated quantity and the figures a claim links to, computes
the value (a percentage change, a ratio, a share…), compares it using :mod:`tolerance`, and
returns an :class:`Outcome` whose explanation reads like a sub-editor's margin note:
``(76 − 67) / 67 = +13.4 %; stated 13 % → consistent``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from factbeat.claims import formatting as fmt
from factbeat.claims.formatting import figure
from factbeat.claims.judge.explain import (
    accepted_range,
    band_of,
    direction_list,
    percent_words,
    stated_text,
)
from factbeat.claims.judge.tolerance import compare, rounds_to
from factbeat.claims.model import Verdict
from factbeat.claims.read.lexicon import MINUTES_PER
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Direction

FLAT_LIMIT = Fraction(1)  # "unchanged" allows a relative change below 1 %


class Outcome:
    """A verdict, the value it was computed from, and the explanation that shows the arithmetic.

    The explanation may be given as a function that writes it.  The judge tries the alternative
    readings of a claim's figures for their verdict alone and shows few of them, so their margin
    notes (many figures to format) are written only when someone reads ``explanation``.
    """

    __slots__ = ("verdict", "computed", "_explanation")

    def __init__(self, verdict: Verdict, computed: Fraction | None,
                 explanation: str | Callable[[], str]) -> None:  # fmt: skip
        self.verdict = verdict
        self.computed = computed
        self._explanation = explanation

    @property
    def explanation(self) -> str:
        if not isinstance(self._explanation, str):
            self._explanation = self._explanation()
        return self._explanation

    def __repr__(self) -> str:
        return f"Outcome({self.verdict!r}, {self.computed!r}, {self.explanation!r})"


def _verdict(ok: bool, notes: Callable[[], tuple[str, str]], inputs: Sequence[Quantity],
             computed: Fraction | None = None) -> Outcome:  # fmt: skip
    """Consistent if ``ok``; else inconsistent, or unverifiable when an input is only a bound.

    ``notes`` writes the arithmetic and the stated figure, called only when the explanation is read.
    """
    if ok:
        return Outcome(Verdict.CONSISTENT, computed, lambda: "{}; {} → consistent".format(*notes()))
    approximate = [q for q in inputs if q.qualifier]
    if approximate:

        def explain() -> str:
            arithmetic, stated = notes()
            words = ", ".join(f"“{q.qualifier} {figure(q)}”" for q in approximate)
            return f"{arithmetic}; {stated}, but {words} is only approximate → unverifiable"

        return Outcome(Verdict.UNVERIFIABLE, computed, explain)
    return Outcome(Verdict.INCONSISTENT, computed, lambda: "{}; {} → inconsistent".format(*notes()))


def direction_problem(
    change: Fraction, relative: Fraction | None, directions: Sequence[Direction]
) -> str | None:
    """Why a direction word disagrees with the sign of the change, or ``None`` if none does."""
    moved = _sign(change)
    for d in directions:
        if d.sign == 1 and moved <= 0 or d.sign == -1 and moved >= 0:
            said = "a rise" if d.sign == 1 else "a fall"
            return f"“{d.word}” says {said}, but the figure {_moved(change)}"
        if d.sign == 0 and relative is not None and abs(relative) >= FLAT_LIMIT:
            return f"“{d.word}” says no change, but the figure {_moved(change)}"
    return None


def _sign(value: Fraction) -> int:
    """1, 0 or -1 as ``value`` is above, at or below zero: the numerator's sign (a fraction's
    denominator is positive), without Fraction's comparison with an int (an abstract-class check)."""
    numerator = value.numerator
    return (numerator > 0) - (numerator < 0)


def _moved(change: Fraction) -> str:
    return "rose" if change > 0 else "fell" if change < 0 else "did not change"


_ROLE_NAMES = {"from": "the earlier figure", "to": "the later figure", "part": "the part",
               "whole": "the whole", "count": "the count", "population": "the population"}  # fmt: skip


def missing(what: str, stated: str | Callable[[], str],
            have: Sequence[tuple[str, Quantity | None]]) -> Outcome:  # fmt: skip
    """Unverifiable: the passage does not give every figure the check needs (``stated``: the
    stated figure as the explanation shows it, or a function that writes it when it is read)."""

    def explain() -> str:
        given = [f"{_ROLE_NAMES[role]} ({q.qualifier + ' ' if q.qualifier else ''}{figure(q)})"
                 for role, q in have if q is not None]  # fmt: skip
        gives = (
            f"it gives only {' and '.join(given)}"
            if given
            else "it gives no figures to check it against"
        )
        shown = stated if isinstance(stated, str) else stated()
        return f"{shown}; checking it needs {what}, and {gives} → unverifiable"

    return Outcome(Verdict.UNVERIFIABLE, None, explain)


def _percent_change(before: Fraction, after: Fraction) -> Fraction:
    """``(after − before) / before × 100``, exactly, as one fraction of integers: the same value
    as the three operations on fractions it replaces, reduced once instead of three times."""
    a, b = before.numerator, before.denominator
    c, d = after.numerator, after.denominator
    return Fraction((c * b - a * d) * 100, d * a)


def _ratio(a: Fraction, b: Fraction, times: int = 1) -> Fraction:
    """``a / b × times`` (``b`` non-zero), exactly, as one fraction of integers: the same value as
    the operations on fractions it replaces (see :func:`_percent_change`)."""
    return Fraction(a.numerator * b.denominator * times, a.denominator * b.numerator)


def check_percent_change(stated: Quantity, directions: Sequence[Direction], frm: Quantity | None,
                         to: Quantity | None) -> Outcome:  # fmt: skip
    """``(to − from) / from`` against a stated percentage change."""

    def label() -> str:
        return stated_text(stated, percent_words(stated)) + direction_list(directions)

    if frm is None or to is None:
        return missing("the earlier and the later figure", label, [("from", frm), ("to", to)])
    if frm.value == 0:
        return missing("a non-zero earlier figure", label, [("from", frm), ("to", to)])
    change = _percent_change(frm.value, to.value)
    shown = fmt.shown_decimals(stated.decimals)

    def arithmetic() -> str:
        earlier = figure(frm)
        worked = f"({figure(to)} − {earlier}) / {earlier} = {fmt.percent(change, shown)}"
        return f"earlier figure {frm.derived} = {earlier}; {worked}" if frm.derived else worked

    if problem := direction_problem(change, change, directions):
        return Outcome(Verdict.INCONSISTENT, change,
                       lambda: f"{arithmetic()}; {problem} → inconsistent")  # fmt: skip
    match = compare(abs(change), stated.value, stated.decimals, band_of(stated), stated.style)

    def accepted() -> str:
        return label() + accepted_range(match, lambda v: f"{fmt.number(v, shown)} %")

    if not match.ok and frm.kind == QuantityKind.PERCENT:
        points = abs(to.value - frm.value)
        if rounds_to(points, stated.value, stated.decimals):
            return Outcome(Verdict.INCONSISTENT, change,
                           lambda: f"{arithmetic()}; {accepted()}; {fmt.number(points, shown)} is "
                                   "the change in percentage points, not per cent → inconsistent")  # fmt: skip
    return _verdict(match.ok, lambda: (arithmetic(), accepted()), [frm, to], change)


def check_difference(stated: Quantity | None, directions: Sequence[Direction], frm: Quantity | None,
                     to: Quantity | None, unit: str = "") -> Outcome:  # fmt: skip
    """``to − from`` against a stated amount ("up by 9", "3 points") or just a direction."""

    def label() -> str:
        if stated:
            return stated_text(stated, fmt.number(stated.value, stated.decimals) + unit)
        return "stated " + (" / ".join(f"“{d.word}”" for d in directions) or "a change")

    if frm is None or to is None:
        return missing("the earlier and the later figure", label, [("from", frm), ("to", to)])
    change = to.value - frm.value
    decimals = max(frm.decimals, to.decimals, stated.decimals if stated else 0)

    def arithmetic() -> str:
        shown = f"{figure(to)} − {figure(frm)} = {fmt.signed(change, decimals)}{unit}"
        worked = [f"{q.derived} = {figure(q)}" for q in (frm, to) if q.derived and "/" in q.derived]
        return "; ".join(worked) + f"; {shown}" if worked else shown  # rates from counts: show how

    flat_word = any(d.sign == 0 for d in directions)  # only "unchanged" asks for the relative change
    relative = change / frm.value * 100 if frm.value and flat_word else None
    if problem := direction_problem(change, relative, directions):
        return Outcome(Verdict.INCONSISTENT, change,
                       lambda: f"{arithmetic()}; {problem} → inconsistent")  # fmt: skip
    if stated is None:
        if not directions:
            return Outcome(Verdict.UNVERIFIABLE, change,
                           lambda: f"{arithmetic()}; no direction stated → unverifiable")  # fmt: skip
        return Outcome(Verdict.CONSISTENT, change,
                       lambda: f"{arithmetic()}; {label()}: direction consistent")  # fmt: skip
    match = compare(abs(change), stated.value, stated.decimals, band_of(stated))

    def notes() -> tuple[str, str]:
        accepts = accepted_range(match, lambda v: fmt.number(v, decimals + 1) + unit)
        return arithmetic(), label() + accepts

    return _verdict(match.ok, notes, [frm, to], change)


def check_paraphrase(stated: Quantity, directions: Sequence[Direction], percent: Quantity,
                     kind: str) -> Outcome:  # fmt: skip
    """Words ("a third", "doubled", "three quarters") against the text's own percentage."""
    if kind == "multiple":
        value = 1 + percent.value / 100
        match = compare_multiple(value, stated)
    elif stated.kind == QuantityKind.PERCENT:  # a change said as a fraction: "rose by a third"
        value = percent.value
        match = compare(value, stated.value, stated.decimals, band_of(stated), "fraction")
    else:  # a share said as a fraction: "three quarters (76 %)"
        value = percent.value / 100
        match = compare(value, stated.value, 0, band_of(stated), "fraction")

    def notes() -> tuple[str, str]:
        given = (f"{percent.derived} = {figure(percent)}" if percent.derived
                 else f"the text's own figure {figure(percent)}")  # fmt: skip
        if kind == "multiple":
            shown = f"{given} = {fmt.ratio(value)}"
        elif stated.kind == QuantityKind.PERCENT:
            shown = given
        else:
            shown = f"{given} = {fmt.fixed(value, 4)}"
        qualifier = f"{stated.qualifier} " if stated.qualifier else ""
        label = f"stated “{qualifier}{stated.text.strip()}”"
        return shown, label + accepted_range(match, lambda v: fmt.number(v, 3))

    return _verdict(match.ok, notes, [percent], value)


def compare_multiple(ratio: Fraction, stated: Quantity):  # noqa: ANN201 - tolerance.Match
    """A ratio against a multiple word; a fall ("halved") is compared turned upside down."""
    if ratio <= 0:
        return compare(ratio, stated.value, stated.decimals, band_of(stated), "multiple")
    style = "exact" if stated.decimals > 0 and not stated.spelled else "multiple"
    if stated.value < 1:
        band = band_of(stated)
        flipped = {"above": "above", "below": "below"}.get(band or "", band)
        return compare(1 / ratio, 1 / stated.value, 0, flipped, "multiple")
    return compare(ratio, stated.value, stated.decimals, band_of(stated), style)


def check_multiple(stated: Quantity, frm: Quantity | None, to: Quantity | None) -> Outcome:
    """``to / from`` against a stated multiple ("doubled", "three times", "halved")."""

    def label() -> str:
        qualifier = f"{stated.qualifier} " if stated.qualifier else ""
        return f"stated “{qualifier}{stated.text.strip()}” (×{fmt.number(stated.value, 2)})"

    if frm is None or to is None:
        return missing("the earlier and the later figure", label, [("from", frm), ("to", to)])
    if frm.value == 0:
        return missing("a non-zero earlier figure", label, [("from", frm), ("to", to)])
    ratio = _ratio(to.value, frm.value)
    match = compare_multiple(ratio, stated)

    def notes() -> tuple[str, str]:
        arithmetic = f"{figure(to)} / {figure(frm)} = {fmt.ratio(ratio)}"
        return arithmetic, label() + accepted_range(match, fmt.ratio)

    return _verdict(match.ok, notes, [frm, to], ratio)


def check_share(stated: Quantity, part: Quantity | None, whole: Quantity | None) -> Outcome:
    """``part / whole`` against a stated fraction ("one sixth") or percentage share."""
    is_percent = stated.kind == QuantityKind.PERCENT

    def label() -> str:
        qualifier = f"{stated.qualifier} " if stated.qualifier else ""
        return (f"stated {qualifier}{fmt.fixed(stated.value, stated.decimals)} %" if is_percent
                else f"stated “{qualifier}{stated.text.strip()}” = {fmt.fixed(stated.value, 4)}")  # fmt: skip

    if part is None or whole is None or whole.value == 0:
        return missing("the part and the whole", label, [("part", part), ("whole", whole)])
    share = _ratio(part.value, whole.value)
    if is_percent:
        match = compare(_ratio(part.value, whole.value, 100), stated.value, stated.decimals, band_of(stated))
    else:
        match = compare(share, stated.value, 0, band_of(stated), style="word")

    def notes() -> tuple[str, str]:
        arithmetic = (f"{figure(part)} / {figure(whole)} = {fmt.fixed(share, 4)} "
                      f"({fmt.number(share * 100, 1)} %)")  # fmt: skip
        if is_percent:
            return arithmetic, label() + accepted_range(match, lambda v: f"{fmt.number(v, 1)} %")
        return arithmetic, label() + accepted_range(match, lambda v: fmt.fixed(v, 3))

    return _verdict(match.ok, notes, [part, whole], share)


def check_rate(stated: Quantity, count: Quantity | None, population: Quantity | None) -> Outcome:
    """``count / population × base`` against a stated rate ("5.2 per 1,000 residents")."""
    base = stated.base or 1

    def label() -> str:
        return stated_text(stated, f"{fmt.fixed(stated.value, stated.decimals)} per {base:,}")

    if count is None or population is None or population.value == 0:
        return missing(
            "the count and the population", label, [("count", count), ("population", population)]
        )
    rate = _ratio(count.value, population.value, base)
    match = compare(rate, stated.value, stated.decimals, band_of(stated))

    def notes() -> tuple[str, str]:
        shown = fmt.fixed(rate, fmt.shown_decimals(stated.decimals))
        return f"{figure(count)} / {figure(population)} × {base:,} = {shown}", label()

    return _verdict(match.ok, notes, [count, population], rate)


def check_rate_over_time(stated: Quantity, count: Quantity, days: Quantity, unit: str,
                         per_event: bool) -> Outcome:  # fmt: skip
    """ "27 a day": count / days; "one every 57 minutes": minutes in the period / count."""
    per = MINUTES_PER.get(unit, Fraction(1440))
    span = days.value * 1440 / per  # the period in the stated unit
    if count.value == 0 or span == 0:
        return missing("a count and a period", lambda: f"stated {figure(stated)}", [])
    value = span / count.value if per_event else count.value / span
    match = compare(value, stated.value, stated.decimals, band_of(stated))

    def notes() -> tuple[str, str]:
        if per_event and count.derived and count.derived.endswith(tuple(MINUTES_PER)):
            arithmetic = f"{count.derived} is one every {fmt.number(value, 2)} {unit}s"  # "4 a min"
            label = f"stated one every {fmt.number(stated.value, 2)} {unit}s"
        elif per_event:
            arithmetic = f"{fmt.number(days.value, 1)} days = {fmt.number(span, 1)} {unit}s / {figure(count)} = {fmt.number(value, 2)}"
            label = f"stated one every {fmt.number(stated.value, 2)} {unit}s"
        else:
            arithmetic = f"{figure(count)} / {fmt.number(span, 2)} {unit}s ({fmt.number(days.value, 1)} days) = {fmt.number(value, 2)}"
            label = stated_text(stated, f"{figure(stated)} a {unit}")
        return arithmetic, label + accepted_range(match, lambda v: fmt.number(v, 2))

    return _verdict(match.ok, notes, [count], value)


def check_sum(total: Quantity, parts: Sequence[Quantity], complete: bool = False) -> Outcome:
    """Parts against a stated total; parts below the total may be a partial breakdown, unless
    the words present them as the whole of it ("this consisted of …")."""
    added = sum((p.value for p in parts), Fraction(0))
    arithmetic = " + ".join(figure(p) for p in parts) + f" = {fmt.number(added, 2)}"
    label = stated_text(total, f"total {figure(total)}")
    match = compare(added, total.value, total.decimals, band_of(total))
    if match.ok:
        return Outcome(Verdict.CONSISTENT, added, f"{arithmetic}; {label} → consistent")
    if added < total.value and complete:
        return Outcome(Verdict.INCONSISTENT, added,
                       f"{arithmetic}; {label}: the parts given as the whole breakdown fall short → inconsistent")  # fmt: skip
    if added < total.value:
        return Outcome(Verdict.UNVERIFIABLE, added,
                       f"{arithmetic}; {label}: the parts may be only part of the breakdown → unverifiable")  # fmt: skip
    return Outcome(
        Verdict.INCONSISTENT,
        added,
        f"{arithmetic}; {label}: the parts exceed the total → inconsistent",
    )


_SIZE_BANDS = {
    "small": ("a small difference (at most 10 %)", lambda gap: abs(gap) <= 10),
    "large": ("a large difference (at least 20 %)", lambda gap: abs(gap) >= 20),
    "same": ("about the same (within 10 %)", lambda gap: abs(gap) <= 10),
}


def check_comparison(words: str, a: Quantity, b: Quantity, sign: int, size: str | None) -> Outcome:
    """ "slightly higher than": the sign of A − B, and for size words the gap (RULES.md §8)."""
    if b.value == 0:
        return missing("a non-zero figure to compare with", f"stated “{words}”", [])
    gap = (a.value / b.value - 1) * 100
    arithmetic = f"{figure(a)} against {figure(b)}: {fmt.percent(gap, 1)}"
    label = f"stated “{words.strip()}”"
    if sign and (gap * sign <= 0):
        said = "higher" if sign > 0 else "lower"
        return Outcome(Verdict.INCONSISTENT, gap,
                       f"{arithmetic}; {label} says {said} → inconsistent")  # fmt: skip
    if size in _SIZE_BANDS:
        wording, ok = _SIZE_BANDS[size]
        verdict = Verdict.CONSISTENT if ok(gap) else Verdict.INCONSISTENT
        return Outcome(verdict, gap, f"{arithmetic}; {label} means {wording} → {verdict.value}")
    return Outcome(Verdict.CONSISTENT, gap, f"{arithmetic}; {label}: direction consistent")


def check_rank(stated: Quantity, confirmed: bool | None = None) -> Outcome:
    """``confirmed``: True if the passage's figures put the subject at the stated place, False if
    they are a complete list (a numbered or ordered list) that puts it elsewhere, None if the
    passage does not give every value ranked."""
    if confirmed:
        return Outcome(Verdict.CONSISTENT, stated.value,
                       f"stated rank “{stated.text.strip()}” ({int(stated.value)}); the figures the "
                       "passage gives put it there → consistent")  # fmt: skip
    if confirmed is False:
        return Outcome(Verdict.INCONSISTENT, stated.value,
                       f"stated place {int(stated.value)} (“{stated.text.strip()}”); the figures the "
                       "list gives put it elsewhere → inconsistent")  # fmt: skip
    return Outcome(Verdict.UNVERIFIABLE, None,
                   f"stated rank “{stated.text.strip()}”; a ranking needs the figures for every "
                   "area compared, which the passage does not give → unverifiable")  # fmt: skip


def check_count(q: Quantity) -> Outcome:
    """A figure on its own: nothing to check it against (the commonest claim: its note is written
    only when read)."""

    def explain() -> str:
        shown = f"{q.qualifier} " if q.qualifier else ""
        return f"a single figure ({shown}{figure(q)}); nothing in the passage to check it against → unverifiable"

    return Outcome(Verdict.UNVERIFIABLE, None, explain)
