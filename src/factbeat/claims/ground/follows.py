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
"""

from __future__ import annotations

from factbeat.claims.ground.wording import matches

CHANGES = ("percent_change", "absolute_change")


def _key(block: dict, period: dict | None) -> tuple | None:
    area, measure = block.get("area") or {}, block.get("measure") or {}
    if not period or not area or not measure:
        return None
    return (area.get("code") or area.get("name"), measure.get("key"), period.get("start"), period.get("end"))


def follow_close_counts(figures: list, blocks: list[dict]) -> None:
    """Mark contradicted changes ``close`` when they follow from close stated counts (in place)."""
    counts: dict[tuple, tuple[float, dict]] = {}
    for figure, block in zip(figures, blocks, strict=True):
        if figure.kind == "count" and figure.band is None and block.get("verdict") in ("supported", "close"):
            key = _key(block, block.get("period"))
            if key is not None:
                counts.setdefault(key, (figure.value, block))
    for figure, block in zip(figures, blocks, strict=True):
        if figure.kind not in CHANGES or block.get("verdict") != "contradicted":
            continue
        period = block.get("period") or {}
        before, after = counts.get(_key(block, period.get("from"))), counts.get(_key(block, period.get("to")))
        if before is None or after is None or "close" not in (before[1]["verdict"], after[1]["verdict"]):
            continue
        (first, _), (second, close_block) = before, after
        if close_block["verdict"] != "close":
            close_block = before[1]
        if figure.kind == "percent_change":
            if not first:
                continue
            stated_change = 100.0 * (second - first) / first
            words = f"{first:,g} -> {second:,g} = {stated_change:+.1f} %"
        else:
            stated_change = second - first
            words = f"{first:,g} -> {second:,g} = {stated_change:+,g}"
        direction_ok = figure.direction is None or (figure.direction == "up") == (stated_change > 0)
        style = "exact" if figure.kind == "absolute_change" else figure.style
        if not direction_ok or not matches(figure.value, stated_change, band=figure.band, style=style, decimals=figure.decimals):
            continue
        revision = close_block.get("explanation", "").split(": ", 1)[-1]
        block["verdict"] = "close"
        block["says"] = f"follows from the close figure: {words} as stated; {block.get('says') or ''}"
        block["explanation"] = f"follows from a close figure ({revision}); {block.get('explanation', '')}"
        block["alternatives"] = []
