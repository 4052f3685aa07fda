"""A borough choropleth: a ranking's counts or rates on London's map, drawn offline.

Like :mod:`factbeat.report.charts`, the builder takes plain JSON (``Ranking.to_dict()``) and the
boundary features (:mod:`factbeat.sources.boundaries`) and returns a Vega-Lite spec with the data
inlined, so the map renders with no network: in the browser with vega-embed, or to PNG/SVG with
vl-convert.  Boroughs are coloured in quantile classes (the legend lists each class's range);
areas with no figure (the City of London, policed by the City of London Police) are grey; the
highlighted borough is outlined.  Nothing is computed here but the unit of the rate shown.
"""

from __future__ import annotations

from factbeat.report.charts import row_rate

CLASSES = 5
NO_DATA = "#d9d9d9"
OUTLINE = "#111111"


def borough_map(ranking: dict, features: list[dict], *, highlight: str | None = None, per: int = 1000,
                classes: int = CLASSES, title: str | dict = "", width: int = 640, height: int = 500) -> dict:
    """The spec: one shape per feature, filled by the ranking's value for its code."""
    by_rate = ranking["by"] == "rate"
    values = {
        r["area"]["code"]: (row_rate(r, per) if by_rate else r["count"])
        for r in ranking["rows"]
    }
    ranks = {r["area"]["code"]: r["rank"] for r in ranking["rows"]}
    shapes = [
        {**f, "properties": {**f["properties"], "value": values.get(f["properties"]["code"]),
                             "rank": ranks.get(f["properties"]["code"]),
                             "highlight": f["properties"]["code"] == highlight}}
        for f in features
    ]
    label = f"per {per:,} residents" if by_rate else "offences recorded"
    data = {"values": shapes, "format": {"type": "json"}}
    base = {"mark": {"type": "geoshape", "fill": NO_DATA, "stroke": "white", "strokeWidth": 0.5}}
    fill = {
        "transform": [{"filter": "datum.properties.value != null"}],
        "mark": {"type": "geoshape", "stroke": "white", "strokeWidth": 0.5},
        "encoding": {
            "color": {
                "field": "properties.value", "type": "quantitative", "title": label,
                "scale": {"type": "quantile", "scheme": {"name": "oranges", "count": classes}},
                "legend": {"orient": "right", "format": ",.1f" if by_rate else ",.0f", "labelFontSize": 11},
            },
            "tooltip": [
                {"field": "properties.name", "title": "borough"},
                {"field": "properties.value", "title": label, "format": ",.1f" if by_rate else ",.0f"},
                {"field": "properties.rank", "title": "rank"},
            ],
        },
    }
    layers = [base, fill]
    if highlight is not None:
        layers.append({
            "transform": [{"filter": "datum.properties.highlight"}],
            "mark": {"type": "geoshape", "fill": None, "filled": False, "stroke": OUTLINE, "strokeWidth": 2.5},
        })
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": width,
        "height": height,
        "data": data,
        "projection": {"type": "mercator"},
        "layer": layers,
        "config": {"view": {"stroke": None}},
    }


def to_png(spec: dict, scale: float = 2.0) -> bytes:
    """Render the map to PNG offline with vl-convert."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale)


def to_svg(spec: dict) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)
