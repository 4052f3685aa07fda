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


def _alt():
    """Altair, imported late: it is slow to import and only charts need it."""
    import altair as alt

    return alt


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


def trend_chart(series_list: Iterable[dict], *, title: str = "", height: int = 280) -> dict:
    """Counts over time, one line per measure (all series must share a grain: month or year)."""
    alt = _alt()
    series_list = list(series_list)
    grain = series_list[0]["grain"] if series_list else "month"
    time_unit = "yearmonth" if grain == "month" else "year"
    rows = _series_rows(series_list, "count")
    chart = (
        alt.Chart(alt.Data(values=rows), title=title, height=height, width=WIDTH)
        .mark_line(point=grain == "year", interpolate="linear")
        .encode(
            x=alt.X("start:T", timeUnit=time_unit, title=None),
            y=alt.Y("value:Q", title="offences recorded", axis=alt.Axis(format="~s")),
            color=alt.Color(
                "series:N", title="crime type", legend=alt.Legend(orient="bottom", columns=2)
            ),
            tooltip=[
                alt.Tooltip("series:N", title="crime type"),
                alt.Tooltip("period:N", title="period"),
                alt.Tooltip("value:Q", title="count", format=_TOOLTIP_NUMBER),
                alt.Tooltip("scheme:N"),
            ],
        )
    )
    return chart.to_dict()


def comparison_chart(
    area_series: Iterable[dict],
    london_series: Iterable[dict],
    *,
    title: str = "",
    height: int = 280,
) -> dict:
    """Yearly rate per 1,000 residents: the area (solid) against London (dashed), per measure."""
    alt = _alt()
    rows = _series_rows(area_series, "rate_per_1000") + _series_rows(london_series, "rate_per_1000")
    chart = (
        alt.Chart(alt.Data(values=rows), title=title, height=height, width=WIDTH)
        .mark_line(point=True)
        .encode(
            x=alt.X("start:T", timeUnit="year", title=None),
            y=alt.Y("value:Q", title="per 1,000 residents"),
            color=alt.Color(
                "series:N", title="crime type", legend=alt.Legend(orient="bottom", columns=2)
            ),
            strokeDash=alt.StrokeDash("area:N", title="area", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("area:N"),
                alt.Tooltip("series:N", title="crime type"),
                alt.Tooltip("period:N", title="year"),
                alt.Tooltip("value:Q", title="per 1,000", format=".1f"),
            ],
        )
    )
    return chart.to_dict()


def rank_chart(ranking: dict, *, highlight: str | None = None, title: str = "", per: int = 1000) -> dict:
    """One bar per borough in rank order; ``highlight`` (an area code) is drawn in a second colour.

    Rates are shown per ``per`` residents (100,000 for rare crimes, so bars read '13.1', not '0.1')."""
    alt = _alt()
    by_rate = ranking["by"] == "rate"
    rows = [
        {
            "area": r["area"]["name"],
            "code": r["area"]["code"],
            "rank": r["rank"],
            "value": r["rate_per_1000"] * per / 1000 if by_rate else r["count"],
            "count": r["count"],
            "highlight": r["area"]["code"] == highlight,
        }
        for r in ranking["rows"]
        if (r["rate_per_1000"] if by_rate else r["count"]) is not None
    ]
    label = f"per {per:,} residents" if by_rate else "offences recorded"
    chart = (
        alt.Chart(
            alt.Data(values=rows),
            title=title,
            width=WIDTH,
            height=alt.Step(16),
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        .mark_bar()
        .encode(
            y=alt.Y("area:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
            x=alt.X("value:Q", title=label),
            color=alt.condition(alt.datum.highlight, alt.value("#c0392b"), alt.value("#4c78a8")),
            tooltip=[
                alt.Tooltip("rank:Q"),
                alt.Tooltip("area:N", title="borough"),
                alt.Tooltip("value:Q", title=label, format=".1f" if by_rate else _TOOLTIP_NUMBER),
                alt.Tooltip("count:Q", format=_TOOLTIP_NUMBER),
            ],
        )
    )
    return chart.to_dict()


def to_svg(spec: dict) -> str:
    """Render a spec to SVG offline with vl-convert (for reports; pages render in the browser)."""
    import vl_convert

    fixed = {**spec, "width": 640} if spec.get("width") == WIDTH else spec
    return vl_convert.vegalite_to_svg(fixed)
