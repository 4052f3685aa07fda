"""The HTML pages, each with a ``.json`` twin at the same path (and ``.csv`` for tables).

Following Datasette, what a page shows can always be had as data by adding ``.json`` to its
path, with the same query string.  The page handlers build one dict (see :mod:`views`), render
it with a template, and hand the same dict to the twin; charts are Vega-Lite specs built by
:mod:`factbeat.report.charts` and drawn in the browser by the locally served vega-embed.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from factbeat.report import charts
from factbeat.report.sentences import rank_sentence
from factbeat.web import maps, views
from factbeat.web import params as p
from factbeat.web.errors import ParamError
from factbeat.web.render import csv_response, json_response
from factbeat.web.routes_api import fb_of
from factbeat.web.search import search as find

router = APIRouter(include_in_schema=False)
MAX_MEASURES = 8


def page(request: Request, template: str, title: str, **context) -> Response:
    json_url = (
        request.url.path.rstrip("/")
        + ".json"
        + (f"?{request.url.query}" if request.url.query else "")
    )
    return request.app.state.templates.TemplateResponse(
        request,
        template,
        {"title": title, "json_url": json_url if request.url.path != "/" else "/.json", **context},
    )


def _fmt(request: Request) -> str:
    path = request.url.path
    return "json" if path.endswith(".json") else "csv" if path.endswith(".csv") else "html"


@router.get("/")
@router.get("/.json")
def home(request: Request) -> Response:
    fb = fb_of(request)
    data = {
        "areas": views.area_rows(fb),
        "measures": views.stored_measures(fb),
        "sources": len(fb.sources()),
    }
    if _fmt(request) == "json":
        return json_response(data)
    return page(request, "home.html", "London crime figures", **data)


@router.get("/search")
@router.get("/search.json")
def search(request: Request, q: Annotated[str, Query(max_length=p.MAX_NAME)] = "") -> Response:
    data = (
        find(fb_of(request), q)
        if q.strip()
        else {
            "query": q,
            "area": None,
            "measure": None,
            "suggestions": {"areas": [], "measures": []},
        }
    )
    if _fmt(request) == "json":
        return json_response(data)
    if data["area"]:
        return RedirectResponse(f"/area/{quote(data['area']['name'])}", status_code=303)
    if data["measure"]:
        return RedirectResponse("/rank?" + urlencode({"measure": q}), status_code=303)
    return page(request, "search.html", "Search", **data)


@router.get("/areas")
@router.get("/areas.json")
@router.get("/areas.csv")
def areas(request: Request) -> Response:
    rows = views.area_rows(fb_of(request))
    return _list(request, "areas", rows, views.AREA_COLUMNS, "Areas")


@router.get("/measures")
@router.get("/measures.json")
@router.get("/measures.csv")
def measures(request: Request) -> Response:
    return _list(
        request, "measures", fb_of(request).measures(), views.MEASURE_COLUMNS, "Crime types"
    )


@router.get("/sources")
@router.get("/sources.json")
@router.get("/sources.csv")
def sources(request: Request) -> Response:
    return _list(
        request, "sources", views.source_rows(fb_of(request)), views.SOURCE_COLUMNS, "Sources"
    )


def _list(
    request: Request, key: str, rows: list[dict], columns: tuple[str, ...], title: str
) -> Response:
    fmt = _fmt(request)
    if fmt == "csv":
        return csv_response(rows, columns, f"{key}.csv")
    if fmt == "json":
        return json_response({key: rows})
    return page(request, f"{key}.html", title, rows=rows)


def _measures(fb, texts: list[str]) -> list:
    if len(texts) > MAX_MEASURES:
        raise ParamError("measure", f"at most {MAX_MEASURES} crime types at once")
    for text in texts:
        if not text or len(text) > p.MAX_NAME:
            raise ParamError("measure", f"must be 1 to {p.MAX_NAME} characters")
    chosen = [p.measure(fb, t) for t in texts] or [p.measure(fb, k) for k in views.DEFAULT_MEASURES]
    return list({m.key: m for m in chosen}.values())


@router.get("/area/{name}")
@router.get("/area/{name}.json")  # registered first (decorators apply bottom-up), so it wins
def area_page(
    request: Request,
    name: str,
    measure: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
    grain: Annotated[p.Grain, Query()] = "month",
) -> Response:
    fb = fb_of(request)
    if len(name) > p.MAX_NAME:
        raise ParamError("name", f"longer than {p.MAX_NAME} characters")
    area = p.area(fb, name, "name")
    data = views.area_view(fb, area, _measures(fb, measure), grain)
    if _fmt(request) == "json":
        return json_response(data)
    ok = [b for b in data["measures"] if "error" not in b]
    chart_specs = {}
    if ok:
        chart_specs["trend"] = charts.trend_chart([b["series"] for b in ok])
        chart_specs["compare"] = charts.comparison_chart(
            [b["yearly"] for b in ok], [b["london_yearly"] for b in ok if b["london_yearly"]]
        )
        if (map_spec := maps.area_map(fb, area, ok[0])) is not None:
            chart_specs["map"] = map_spec
    return page(
        request,
        "area.html",
        area.name,
        data=data,
        charts=chart_specs,
        all_measures=views.stored_measures(fb),
        chosen=[b["measure"]["key"] for b in data["measures"]],
    )


@router.get("/rank")
@router.get("/rank.json")
@router.get("/rank.csv")
def rank_page(
    request: Request,
    measure: Annotated[str, Query(max_length=p.MAX_NAME)] = "",
    period: Annotated[str, Query(max_length=p.MAX_NAME)] = "",
    by: p.ByQ = "rate",
    order: p.OrderQ = "desc",
    scheme: p.SchemeQ = None,
    highlight: Annotated[str, Query(max_length=p.MAX_NAME)] = "",
) -> Response:
    fb = fb_of(request)
    m = p.measure(fb, measure or views.DEFAULT_RANK_MEASURE)
    chosen = p.period(fb, period) if period.strip() else views.default_rank_period(fb, m)
    ranking = fb.rank(m, chosen, by=by, order=order, scheme=scheme or None)
    result = ranking.to_dict()
    fmt = _fmt(request)
    if fmt == "csv":
        return csv_response(views.rank_rows(result), views.RANK_COLUMNS, "rank.csv")
    if fmt == "json":
        return json_response(result)
    marked = p.area(fb, highlight, "highlight") if highlight else None
    spec = charts.rank_chart(result, highlight=marked.code if marked else None)
    map_spec = maps.ranking_map(ranking, marked)
    return page(
        request,
        "rank.html",
        f"{m.label}: boroughs ranked",
        ranking=result,
        charts={"rank": spec, **({"map": map_spec} if map_spec else {})},
        form={
            "measure": measure or m.label,
            "period": chosen.label,
            "by": by,
            "order": order,
            "scheme": scheme or "",
        },
        all_measures=views.stored_measures(fb),
        sentence=rank_sentence(ranking, marked.code) if marked else None,
    )
