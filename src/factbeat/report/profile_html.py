"""The profile as a self-contained HTML page: text, table and two charts (SVG inline, PNG embedded).

Charts are Vega-Lite specs from :mod:`factbeat.report.charts`, rendered offline by vl-convert, so
the page needs no network and can be emailed or archived as one file.
"""

from __future__ import annotations

import base64
from importlib import resources

from factbeat import __version__
from factbeat.report.profile import Profile


def _charts(fb, profile: Profile) -> list[dict]:
    import vl_convert

    from factbeat.report.charts import rank_chart, to_svg, trend_chart
    from factbeat.stats.series import series

    specs = []
    yearly = [series(fb.catalog, profile.area, m.measure, "year", m.figure.scheme).to_dict() for m in profile.measures]
    if yearly:
        specs.append(("trend", f"{profile.area.name}: offences recorded each year", trend_chart(yearly)))
    if profile.measures:
        first = profile.measures[0]
        ranking = fb.rank(first.measure, str(profile.year), by="rate", order="asc", scheme=first.figure.scheme)
        specs.append(("ranking", f"{first.measure.label} per 1,000 residents, {profile.year}: the London boroughs",
                      rank_chart(ranking.to_dict(), highlight=profile.area.code)))
    out = []
    for name, title, spec in specs:
        png = vl_convert.vegalite_to_png({**spec, "width": 640} if spec.get("width") == "container" else spec, scale=1.5)
        out.append({"name": f"{profile.area.name.lower().replace(' ', '-')}-{name}", "title": title,
                    "svg": to_svg(spec), "png": base64.b64encode(png).decode("ascii"), "spec": spec})
    return out


def _intervals(profile: Profile) -> dict[str, str]:
    from factbeat.stats.intervals import rate_interval

    out = {}
    for m in profile.measures:
        fig = m.figure
        if fig.population:
            ci = rate_interval(fig.count, fig.population)
            out[m.measure.key] = f"{ci.low:.1f}-{ci.high:.1f}"
        else:
            out[m.measure.key] = ""
    return out


def render_profile_html(fb, profile: Profile) -> str:
    """The full HTML page for ``profile``."""
    import jinja2

    template = resources.files("factbeat.report").joinpath("templates/profile.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True)
    return env.from_string(template).render(p=profile, charts=_charts(fb, profile), intervals=_intervals(profile),
                                            version=__version__)
