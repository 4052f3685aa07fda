"""A change that follows from a close figure is close too, not wrong.

A story gives Barnet gun crime as 67 and then 76, and the rise between them as 13 per cent; the
stored issue of the data says 67 and 75, which makes the change +11.9 %.  The 76 is ``close`` (a revision
-sized difference, ``factbeat.stats.close``), and the 13 per cent is simply 67 -> 76 computed
right: a reporter would not call the percentage wrong when the only difference is the revised
count it was computed from.  So a contradicted change is ``close`` when

- the story states both ends as counts of the same area, crime and periods as the change,
- each of those counts was checked ``supported`` or ``close``, at least one ``close``, and
- the stated change agrees with the one computed from the stated ends (the change's own band).

The explanation says it follows from the close figure and gives the change in the stored data.
A change whose stated ends are further off, or not stated, stays as the data decide.

Likewise a change or multiple the data cannot check whose two stated ends were both checked
"register only" (``ground/quoted.py``: FOI figures no open series counts) follows from them and
is checked against them, saying so: London's 384 -> 690 "firearms offences", "almost doubling".
"""

from __future__ import annotations

from factbeat.claims.ground.wording import matches

CHANGES = ("percent_change", "absolute_change", "multiple")


def _key(block: dict, period: dict | None) -> tuple | None:
    area, measure = block.get("area") or {}, block.get("measure") or {}
    if not period or not area or not measure:
        return None
    return (area.get("code") or area.get("name"), measure.get("key"), period.get("start"), period.get("end"))


def _register_only(block: dict) -> bool:
    """A count checked against the register alone (``ground/quoted.py``)."""
    return isinstance(block.get("value"), dict) and "register" in block["value"]


def _stated_change(figure, first: float, second: float) -> tuple[float, str, str] | None:
    """The change the stated ends give, in the claim's unit, in words, and the style to judge it with."""
    if figure.kind == "percent_change":
        if not first:
            return None
        change = 100.0 * (second - first) / first
        return change, f"{first:,g} -> {second:,g} = {change:+.1f} %", figure.style
    if figure.kind == "multiple":
        if not first:
            return None
        return second / first, f"{first:,g} -> {second:,g} = x{second / first:.2f}", "multiple"
    return second - first, f"{first:,g} -> {second:,g} = {second - first:+,g}", "exact"


def follow_close_counts(figures: list, blocks: list[dict]) -> None:
    """Mark changes that follow from their stated ends (in place): ``close`` when a contradicted change
    follows from close counts; ``register only`` when a change the data cannot check follows from
    two counts checked against the register alone (London's 384 -> 690 "firearms offences", an FOI count)."""
    counts: dict[tuple, tuple[float, dict]] = {}
    for figure, block in zip(figures, blocks, strict=True):
        if figure.kind == "count" and figure.band is None and block.get("verdict") in ("supported", "close"):
            key = _key(block, block.get("period"))
            if key is not None:
                counts.setdefault(key, (figure.value, block))
    for figure, block in zip(figures, blocks, strict=True):
        if figure.kind not in CHANGES or block.get("verdict") not in ("contradicted", "not_in_data"):
            continue
        period = block.get("period") or {}
        before, after = counts.get(_key(block, period.get("from"))), counts.get(_key(block, period.get("to")))
        if before is None or after is None:
            continue
        ends = (before[1], after[1])
        if block["verdict"] == "contradicted" and any(b["verdict"] == "close" for b in ends):
            how = "close"
        elif block["verdict"] == "not_in_data" and all(_register_only(b) for b in ends):
            how = "register"
        else:
            continue
        found = _stated_change(figure, before[0], after[0])
        if found is None:
            continue
        change, words, style = found
        direction_ok = figure.kind == "multiple" or figure.direction is None or (figure.direction == "up") == (change > 0)
        if not direction_ok or not matches(figure.value, change, band=figure.band, style=style, decimals=figure.decimals):
            continue
        if how == "close":
            close_block = next(b for b in ends if b["verdict"] == "close")
            revision = close_block.get("explanation", "").split(": ", 1)[-1]
            block["verdict"] = "close"
            block["says"] = f"follows from the close figure: {words} as stated; {block.get('says') or ''}"
            block["explanation"] = f"follows from a close figure ({revision}); {block.get('explanation', '')}"
        else:
            block.update(verdict="supported", reason=None, value={"register": [before[0], after[0]], "change": round(change, 4)},
                         source=list(dict.fromkeys(s for b in ends for s in (b.get("source") or [])[:1])))
            block["says"] = f"register only: follows from the registered figures, {words}; no open series counts them"
            block["explanation"] = block["says"]
        block["alternatives"] = []
