"""Vega-Lite chart specs for trends, London comparisons and rankings, built with Altair.

The builders take the plain JSON dicts the statistics return (``Series.to_dict()``,
``Ranking.to_dict()``), not the result objects, so any consumer holding JSON can draw the same
chart: the web pages embed the spec and render it with vega-embed, and the profile report turns
the same spec into PNG or SVG with vl-convert (:func:`to_svg`).  The data is inlined in the spec,
so rendering never fetches anything.  No statistic is computed here: every value plotted is a
field of the result.
"""

from __future__ import annotations

from collections.abc import Iterable

WIDTH = "container"
_TOOLTIP_NUMBER = ",.0f"
FONT_SIZE = 12  # axis and legend text: readable on a phone, as in ONS and Datawrapper charts
MAX_TICKS = 8
AREA_COLOUR = "#1f5fa8"
LONDON_COLOUR = "#6b6b6b"


def _alt():
    """Altair, imported late: it is slow to import and only charts need it."""
    import altair as alt

    return alt


def _styled(chart) -> dict:
    """Readable type (12 px and up), no chart border, then the spec as a dict."""
    return (
        chart.configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=180)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, symbolStrokeWidth=2.5, symbolSize=200)
        .configure_title(fontSize=14)
        .configure_view(strokeWidth=0)
        .to_dict()
    )


def _series_rows(series_list: Iterable[dict], value: str) -> list[dict]:
    """Long-form rows (one per point) for the series dicts, labelled by area and measure."""
    rows = []
    for s in series_list:
        label = s["measure"]["name"]
        for p in s["points"]:
            if p.get(value) is None:
                continue
            rows.append(
                {
                    "series": label,
                    "area": s["area"]["name"],
                    "period": p["period"],
                    "start": p["start"],
                    "value": p[value],
                    "scheme": s.get("scheme_label", s["scheme"]),
                }
            )
    return rows


def _time_axis(alt, grain: str):
    return alt.X("start:T", timeUnit="yearmonth" if grain == "month" else "year", title=None,
                 axis=alt.Axis(tickCount={"interval": "year", "step": 2}, labelOverlap=True, format="%Y"))


def _count_axis(alt, title: str):
    """Whole-number ticks (no '2.5 offences'), at most :data:`MAX_TICKS` of them."""
    return alt.Axis(format=",d", tickMinStep=1, tickCount=MAX_TICKS // 2, title=title)


def trend_chart(series_list: Iterable[dict], *, title: str = "", height: int = 240) -> dict:
    """Counts over time for one crime type (one axis per scale: each crime type gets its own chart).

    Several series are drawn as lines labelled by colour with a legend; pages pass one at a time
    so a small series is never flattened next to all crime.
    """
    alt = _alt()
    series_list = list(series_list)
    grain = series_list[0]["grain"] if series_list else "month"
    rows = _series_rows(series_list, "count")
    several = len({r["series"] for r in rows}) > 1
    chart = (
        alt.Chart(alt.Data(values=rows), title=title, height=height, width=WIDTH)
        .mark_line(point=grain == "year", interpolate="linear", color=AREA_COLOUR)
        .encode(
            x=_time_axis(alt, grain),
            y=alt.Y("value:Q", axis=_count_axis(alt, "offences recorded")),
            tooltip=[
                alt.Tooltip("series:N", title="crime type"),
                alt.Tooltip("period:N", title="period"),
                alt.Tooltip("value:Q", title="offences", format=_TOOLTIP_NUMBER),
                alt.Tooltip("scheme:N", title="categories"),
            ],
        )
    )
    if several:
        chart = chart.encode(color=alt.Color("series:N", title="crime type", legend=alt.Legend(orient="bottom", columns=2)))
    return _styled(chart)


def comparison_chart(
    area_series: Iterable[dict],
    london_series: Iterable[dict],
    *,
    title: str = "",
    height: int = 240,
) -> dict:
    """Yearly rate per 1,000 residents for one crime type: the area (solid, blue) against London
    (dashed, grey), with a legend that shows both the colour and the dash."""
    alt = _alt()
    own = _series_rows(area_series, "rate_per_1000")
    reference = _series_rows(london_series, "rate_per_1000")
    rows = own + reference
    areas = list(dict.fromkeys(r["area"] for r in own)) + list(dict.fromkeys(r["area"] for r in reference))
    colours = [AREA_COLOUR if i < len({r["area"] for r in own}) else LONDON_COLOUR for i in range(len(areas))]
    dashes = [[1, 0] if c == AREA_COLOUR else [6, 4] for c in colours]
    # A legend only when there is something to tell apart (the London page draws one line).
    legend = alt.Legend(orient="bottom", title=None, symbolType="stroke", symbolStrokeWidth=2.5) if reference else None
    chart = (
        alt.Chart(alt.Data(values=rows), title=title, height=height, width=WIDTH)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=_time_axis(alt, "year"),
            y=alt.Y("value:Q", title="per 1,000 residents", axis=alt.Axis(tickCount=MAX_TICKS // 2)),
            color=alt.Color("area:N", scale=alt.Scale(domain=areas, range=colours), legend=legend),
            strokeDash=alt.StrokeDash("area:N", scale=alt.Scale(domain=areas, range=dashes), legend=legend),
            tooltip=[
                alt.Tooltip("area:N"),
                alt.Tooltip("series:N", title="crime type"),
                alt.Tooltip("period:N", title="year"),
                alt.Tooltip("value:Q", title="per 1,000", format=".1f"),
            ],
        )
    )
    return _styled(chart)


def rank_chart(ranking: dict, *, highlight: str | None = None, title: str = "", london: float | None = None,
               per: int = 1000) -> dict:
    """One bar per area in rank order with its value written beside it; ``highlight`` (an area
    code) in a second colour; by rate, the 95 % rate interval as a line through each bar and
    London's rate (``london``, per 1,000 like the ranking's rows) as a dashed rule.

    Rates are shown per ``per`` residents (100,000 for rare crimes, so bars read '13.1', not '0.1')."""
    scale = per / 1000
    alt = _alt()
    by_rate = ranking["by"] == "rate"
    rows = [
        {
            "area": r["area"]["name"],
            "code": r["area"]["code"],
            "rank": r["rank"],
            "value": row_rate(r, per) if by_rate else r["count"],
            "label": f"{row_rate(r, per):.1f}" if by_rate else f"{r['count']:,}",
            "count": r["count"],
            "low": _scaled((r.get("rate_ci") or [None, None])[0], scale),
            "high": _scaled((r.get("rate_ci") or [None, None])[1], scale),
            "highlight": r["area"]["code"] == highlight,
        }
        for r in ranking["rows"]
        if (r["rate_per_1000"] if by_rate else r["count"]) is not None
    ]
    label = f"per {per:,} residents" if by_rate else "offences recorded"
    london = _scaled(london, scale)
    # Room on the right for the value labels written past the longest bar.
    top = max([r["high"] or r["value"] for r in rows] + [london or 0, 0]) * 1.18 or 1
    y = alt.Y("area:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None,
              axis=alt.Axis(labelLimit=160))
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar(color="#4c78a8").encode(
        y=y,
        x=alt.X("value:Q", title=label, scale=alt.Scale(domain=[0, top], nice=False),
                axis=alt.Axis(tickCount=MAX_TICKS // 2, format=",.0f" if not by_rate else ",.1~f")),
        color=alt.condition(alt.datum.highlight, alt.value("#c0392b"), alt.value("#4c78a8")),
        tooltip=[
            alt.Tooltip("rank:Q"),
            alt.Tooltip("area:N", title="area"),
            alt.Tooltip("value:Q", title=label, format=".1f" if by_rate else _TOOLTIP_NUMBER),
            alt.Tooltip("count:Q", title="offences", format=_TOOLTIP_NUMBER),
        ],
    )
    layers = [bars]
    if by_rate and any(r["low"] is not None for r in rows):
        layers.append(base.mark_rule(color="#1d2329", strokeWidth=1.5).encode(y=y, x="low:Q", x2="high:Q"))
    layers.append(base.mark_text(align="left", dx=4, fontSize=FONT_SIZE, color="#1d2329").encode(
        y=y, x=alt.X("high:Q" if by_rate and any(r["high"] for r in rows) else "value:Q"), text="label:N"))
    if london is not None:
        line = alt.Chart(alt.Data(values=[{"value": london, "label": f"London {london:.1f}"}]))
        layers.append(line.mark_rule(color=LONDON_COLOUR, strokeDash=[6, 4], strokeWidth=2).encode(x="value:Q"))
        layers.append(line.mark_text(align="left", dx=4, dy=-2, baseline="bottom", fontSize=FONT_SIZE,
                                     color=LONDON_COLOUR, fontWeight="bold")
                      .encode(x="value:Q", y=alt.value(0), text="label:N"))
    chart = alt.layer(*layers, title=title, width=WIDTH, height=alt.Step(18),
                      autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return _styled(chart)


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def table_csv(rows: list[dict]) -> str:
    """The rows a chart draws, as CSV text (the download beside each chart)."""
    import csv
    import io

    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def to_svg(spec: dict) -> str:
    """Render a spec to SVG offline with vl-convert (for reports; pages render in the browser)."""
    import vl_convert

    fixed = {**spec, "width": 640} if spec.get("width") == WIDTH else spec
    return vl_convert.vegalite_to_svg(fixed)


def row_rate(row: dict, per: int) -> float | None:
    """A ranking row's rate per ``per`` residents from its count and population: the JSON's
    ``rate_per_1000`` is rounded to 4 places, and scaling a rounded rate then rounding it again
    can print 13.2 for 13.149."""
    if not row.get("population"):
        return None if row.get("rate_per_1000") is None else row["rate_per_1000"] * per / 1000
    return row["count"] * per / row["population"]
