"""What each page shows, as plain data: the same dict feeds the template and the ``.json`` twin.

No statistic is computed here.  Every number comes from a :class:`~factbeat.api.Factbeat` call or
from :mod:`factbeat.stats.series`; this module only chooses which calls a page needs (the latest
twelve months, the same twelve months a year earlier, London for comparison) and gathers their
``to_dict()`` results with the quotable sentences from :mod:`factbeat.report.sentences`.
"""

from __future__ import annotations

from factbeat.api import Factbeat
from factbeat.errors import FactbeatError
from factbeat.report.sentences import change_sentence, figure_sentence, rank_sentence
from factbeat.stats import series as trend
from factbeat.taxonomy.areas import LONDON_CODE, Area, area_by_code
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period

DEFAULT_MEASURES = ("total_crime", "violence_against_the_person", "burglary")
DEFAULT_RANK_MEASURE = "total_crime"


def stored_measures(fb: Factbeat) -> list[dict]:
    """Documented measures that have data, for the crime-type pickers."""
    return [m for m in fb.measures() if m["stored_in"]]


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
    """Stored files without their absolute path on the server's disk (the file name identifies them)."""
    return [{k: v for k, v in row.items() if k != "path"} for row in fb.sources()]


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
RANK_COLUMNS = ("rank", "area", "code", "count", "population", "rate_per_1000")
SERIES_COLUMNS = ("period", "start", "count", "population", "rate_per_1000")


def rank_rows(ranking: dict) -> list[dict]:
    return [
        {**row, "area": row["area"]["name"], "code": row["area"]["code"]} for row in ranking["rows"]
    ]
