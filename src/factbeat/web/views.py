"""What each page shows, as plain data: the same dict feeds the template and the ``.json`` twin.

No statistic is computed here.  Every number comes from a :class:`~factbeat.api.Factbeat` call or
from :mod:`factbeat.stats.series`; this module only chooses which calls a page needs (the latest
twelve months, the same twelve months a year earlier, London for comparison) and gathers their
``to_dict()`` results with the quotable sentences from :mod:`factbeat.report.sentences`.
"""

from __future__ import annotations

from factbeat.api import Factbeat
from factbeat.errors import FactbeatError
from factbeat.report.sentences import change_sentence, figure_sentence, rank_place, rank_sentence
from factbeat.stats import series as trend
from factbeat.taxonomy.areas import LONDON_CODE, Area, area_by_code
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period

DEFAULT_MEASURES = ("total_crime", "violence_against_the_person", "burglary")
DEFAULT_RANK_MEASURE = "total_crime"
DEFAULT_COMPARE = ("Camden", "Hackney", "Islington")


LONDON_SCHEMES = ("home_office", "ho_detailed", "mps_legacy")  # the borough files' schemes
HEADLINE_MEASURES = ("total_crime", "violence_against_the_person", "burglary", "robbery")


def stored_measures(fb: Factbeat) -> list[dict]:
    """Measures stored for London's boroughs (so a picker or link never leads to an empty page),
    each with its schemes' readable labels."""
    from factbeat.taxonomy.schemes import get_scheme

    return [
        {**m, "stored_labels": [get_scheme(s).label for s in m["stored_in"]]}
        for m in fb.measures()
        if any(s in LONDON_SCHEMES for s in m["stored_in"])
    ]


def data_to(fb: Factbeat) -> str:
    """'February 2026': the last month of the current Home Office series (or any series)."""
    from factbeat.taxonomy.periods import month_label

    months = fb.catalog.months.get("home_office") or {m for v in fb.catalog.months.values() for m in v}
    return month_label(max(months)) if months else ""


def home_view(fb: Factbeat) -> dict:
    """Headline London figures for the latest twelve months, with the change on a year earlier."""
    london = area_by_code(LONDON_CODE)
    headlines = []
    for key in HEADLINE_MEASURES:
        try:
            measure = fb.measure(key)
            scheme = trend.trend_scheme(fb.catalog, measure)
            latest = trend.latest_twelve_months(fb.catalog, scheme)
            result = fb.change(london, measure, latest.shifted_years(-1), latest, scheme)
        except FactbeatError:
            continue
        headlines.append({
            "measure": measure.to_dict(scheme),
            "period": latest.label,
            "count": result.after.count,
            "rate_per_1000": result.after.rate_per_1000,
            "percent": result.percent,
            "label": (result.significance or {}).get("label"),
            "sentence": change_sentence(result),
        })
    return {"data_to": data_to(fb), "headlines": headlines}


def compare_view(fb: Factbeat, areas: list[Area], measure: Measure, period: Period) -> dict:
    """Several areas side by side for one crime type and period, in one scheme, with London."""
    london = area_by_code(LONDON_CODE)
    first = fb.figure(areas[0], measure, period, with_others=False)
    scheme = first.scheme
    figures = [first] + [fb.figure(a, measure, period, scheme, with_others=False) for a in areas[1:]]
    earlier = period.shifted_years(-1)
    rows = []
    for fig in figures:
        try:
            change = fb.change(fig.area, measure, earlier, period, scheme)
            change_percent, label = change.percent, (change.significance or {}).get("label")
        except FactbeatError:
            change_percent, label = None, None
        rows.append({**fig.to_dict(), "sentence": figure_sentence(fig), "change_percent": change_percent,
                     "change_label": label, "earlier": earlier.label})
    try:
        london_figure = fb.figure(london, measure, period, scheme, with_others=False).to_dict()
    except FactbeatError:
        london_figure = None
    return {"measure": measure.to_dict(scheme), "period": period.to_dict(), "scheme": scheme,
            "rows": rows, "london": london_figure}


def series(
    fb: Factbeat, area: Area, measure: Measure, grain: str, scheme: str | None = None
) -> trend.Series:
    """The trend series (until the lead adds ``Factbeat.series``, called on the catalog directly)."""
    method = getattr(fb, "series", None)
    if method is not None:
        return method(area, measure, grain=grain, scheme=scheme)
    return trend.series(fb.catalog, area, measure, grain, scheme)


def area_view(fb: Factbeat, area: Area, measures: list[Measure], grain: str) -> dict:
    """Everything the area page shows, one block per chosen measure."""
    blocks = []
    for measure in measures:
        try:
            blocks.append(measure_block(fb, area, measure, grain))
        except FactbeatError as exc:
            blocks.append({"measure": measure.to_dict(), "error": str(exc)})
    return {"area": {**area.to_dict(), "kind": area.kind}, "grain": grain, "measures": blocks}


def measure_block(fb: Factbeat, area: Area, measure: Measure, grain: str) -> dict:
    """Trend, London comparison, latest twelve months, change on a year earlier, and rank."""
    london = area_by_code(LONDON_CODE)
    shown = series(fb, area, measure, grain)
    scheme = shown.scheme
    yearly = shown if grain == "year" else series(fb, area, measure, "year", scheme)
    latest = trend.latest_twelve_months(fb.catalog, scheme, measure)
    figure = fb.figure(area, measure, latest, scheme)
    london_figure = fb.figure(london, measure, latest, scheme)
    change = fb.change(area, measure, latest.shifted_years(-1), latest, scheme)
    block = {
        "measure": measure.to_dict(scheme),
        "scheme": scheme,
        "series": shown.to_dict(),
        "yearly": yearly.to_dict(),
        "london_yearly": series(fb, london, measure, "year", scheme).to_dict()
        if area.code != LONDON_CODE
        else None,
        "latest": figure.to_dict(),
        "london": london_figure.to_dict(),
        "change": change.to_dict(),
        "rank": _rank_position(fb, area, measure, latest, scheme),
        "sentences": {
            "latest": figure_sentence(figure),
            "london": figure_sentence(london_figure),
            "change": change_sentence(change),
        },
    }
    if block["rank"]:
        block["sentences"]["rank"] = block["rank"]["sentence"]
    return block


def _rank_position(
    fb: Factbeat, area: Area, measure: Measure, period: Period, scheme: str
) -> dict | None:
    """The area's place among the boroughs by rate (None for London, the City, or no population)."""
    if not area.is_borough:
        return None
    try:
        ranking = fb.rank(measure, period, by="rate", order="desc", scheme=scheme)
    except FactbeatError:
        return None
    row = ranking.position(area)
    if row is None:
        return None
    return {
        "rank": row.rank,
        "place": rank_place(ranking, area.code),
        "of": len(ranking.rows),
        "by": "rate",
        "order": "desc",
        "period": period.to_dict(),
        "rate_per_1000": row.to_dict()["rate_per_1000"],
        "sentence": rank_sentence(ranking, area.code),
        "link": {"measure": measure.key, "period": period.label, "scheme": scheme},
    }


def default_rank_period(fb: Factbeat, measure: Measure) -> Period:
    """The last complete calendar year of the scheme a trend of this measure would use."""
    return trend.latest_complete_year(fb.catalog, trend.trend_scheme(fb.catalog, measure))


def area_rows(fb: Factbeat) -> list[dict]:
    """Areas as table rows (the same fields as ``factbeat areas --json``)."""
    return [{**a.to_dict(), "kind": a.kind, "aliases": list(a.aliases)} for a in fb.areas()]


def source_rows(fb: Factbeat) -> list[dict]:
    """Stored files without their path on the server's disk; ``url`` is the official address."""
    from factbeat.taxonomy.schemes import get_scheme

    return [
        {**{k: v for k, v in row.items() if k != "path"},
         "scheme_label": get_scheme(row["scheme"]).label if row.get("scheme") else None}
        for row in fb.sources()
    ]


SOURCE_COLUMNS = (
    "source_id",
    "file_name",
    "format",
    "kind",
    "scheme",
    "publisher",
    "licence",
    "url",
    "rows_read",
    "rows_stored",
    "observations",
    "first_month",
    "last_month",
    "values_replaced",
    "values_changed",
    "ingested_at",
    "sha256",
)
AREA_COLUMNS = ("code", "name", "kind", "aliases")
MEASURE_COLUMNS = ("key", "name", "definition", "aliases", "stored_in")
RANK_COLUMNS = ("rank", "place", "area", "code", "count", "population", "rate_per_1000", "rate_low", "rate_high")
COMPARE_COLUMNS = ("area", "code", "period", "count", "population", "rate_per_1000", "change_percent", "change_label")
SERIES_COLUMNS = ("period", "start", "count", "population", "rate_per_1000")


def rank_rows(ranking: dict) -> list[dict]:
    from factbeat.report.wording import places

    said = places([row["rank"] for row in ranking["rows"]], ranking["order"])
    return [
        {**row, "place": place, "area": row["area"]["name"], "code": row["area"]["code"],
         "rate_low": (row.get("rate_ci") or [None, None])[0], "rate_high": (row.get("rate_ci") or [None, None])[1]}
        for row, place in zip(ranking["rows"], said, strict=True)
    ]


def compare_rows(view: dict) -> list[dict]:
    return [{**r, "area": r["area"]["name"], "code": r["area"]["code"], "period": r["period"]["label"]}
            for r in view["rows"]]
