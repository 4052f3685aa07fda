"""The JSON API under ``/api/``: the same results, with the same keys, as ``factbeat ... --json``.

Each endpoint resolves its parameters (see :mod:`factbeat.web.params`), makes one library call
and returns ``to_dict()`` of the result.  Tables (areas, measures, sources, rank, series) also
answer as CSV at the same path with ``.csv``.  Handlers are plain functions, so FastAPI runs them
in its thread pool: DuckDB queries block, and each runs on its own cursor.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from factbeat.api import Factbeat
from factbeat.web import params as p
from factbeat.web import views
from factbeat.web.checkview import (
    DEFAULT_BUDGET,
    MAX_SERVER_BUDGET,
    MAX_TEXT_CHARS,
    parse_date,
    run_check,
)
from factbeat.web.render import csv_response, json_response

router = APIRouter(prefix="/api", tags=["api"])


def fb_of(request: Request) -> Factbeat:
    return request.app.state.fb


def _table(rows: list[dict], key: str, columns: tuple[str, ...], fmt: str) -> Response:
    if fmt == "csv":
        return csv_response(rows, columns, f"{key}.csv")
    return json_response({key: rows})


@router.get("/health", summary="Is the server up, and what does the store hold")
def health(request: Request) -> Response:
    fb = fb_of(request)
    return json_response(
        {
            "ok": True,
            "sources": len(fb.sources()),
            "generation": fb.store.generation,
            "read_only": fb.store.read_only,
        }
    )


@router.get("/areas", summary="Areas: London, the City and the 32 boroughs, with ONS codes")
@router.get("/areas.csv", include_in_schema=False)
def areas(request: Request) -> Response:
    fmt = "csv" if request.url.path.endswith(".csv") else "json"
    return _table(views.area_rows(fb_of(request)), "areas", views.AREA_COLUMNS, fmt)


@router.get("/measures", summary="Crime measures, their definitions, aliases and schemes")
@router.get("/measures.csv", include_in_schema=False)
def measures(request: Request) -> Response:
    fmt = "csv" if request.url.path.endswith(".csv") else "json"
    return _table(fb_of(request).measures(), "measures", views.MEASURE_COLUMNS, fmt)


@router.get("/sources", summary="Stored files: name, format, scheme, rows, months, when ingested")
@router.get("/sources.csv", include_in_schema=False)
def sources(request: Request) -> Response:
    fmt = "csv" if request.url.path.endswith(".csv") else "json"
    return _table(views.source_rows(fb_of(request)), "sources", views.SOURCE_COLUMNS, fmt)


@router.get("/figure", summary="Count of a measure in an area over a period, with rate and sources")
def figure(
    request: Request,
    area: p.AreaQ,
    measure: p.MeasureQ,
    period: p.PeriodQ,
    scheme: p.SchemeQ = None,
) -> Response:
    return json_response(p.figure_of(fb_of(request), area, measure, period, scheme).to_dict())


@router.get("/change", summary="Change between two periods, with a significance test")
def change(
    request: Request,
    area: p.AreaQ,
    measure: p.MeasureQ,
    from_: p.FromQ,
    to: p.ToQ,
    scheme: p.SchemeQ = None,
) -> Response:
    return json_response(p.change_of(fb_of(request), area, measure, from_, to, scheme).to_dict())


@router.get("/share", summary="An area's share of London's total")
def share(
    request: Request,
    area: p.AreaQ,
    measure: p.MeasureQ,
    period: p.PeriodQ,
    scheme: p.SchemeQ = None,
) -> Response:
    fb = fb_of(request)
    args = p.area(fb, area), p.measure(fb, measure), p.period(fb, period)
    return json_response(fb.share(*args, scheme or None).to_dict())


@router.get("/rank", summary="Boroughs ranked by count or rate per 1,000 residents")
@router.get("/rank.csv", include_in_schema=False)
def rank(
    request: Request,
    measure: p.MeasureQ,
    period: p.PeriodQ,
    by: p.ByQ = "rate",
    order: p.OrderQ = "desc",
    scheme: p.SchemeQ = None,
) -> Response:
    fb = fb_of(request)
    result = fb.rank(
        p.measure(fb, measure), p.period(fb, period), by=by, order=order, scheme=scheme or None
    ).to_dict()
    if request.url.path.endswith(".csv"):
        return csv_response(views.rank_rows(result), views.RANK_COLUMNS, "rank.csv")
    return json_response(result)


@router.get("/series", summary="Monthly or yearly counts of a measure in an area, in one scheme")
@router.get("/series.csv", include_in_schema=False)
def series(
    request: Request,
    area: p.AreaQ,
    measure: p.MeasureQ,
    grain: Annotated[p.Grain, Query(description="month or year")] = "month",
    scheme: p.SchemeQ = None,
) -> Response:
    fb = fb_of(request)
    result = views.series(
        fb, p.area(fb, area), p.measure(fb, measure), grain, scheme or None
    ).to_dict()
    if request.url.path.endswith(".csv"):
        return csv_response(result["points"], views.SERIES_COLUMNS, "series.csv")
    return json_response(result)


@router.get("/search", summary="Areas and crime types matching a search")
def search(
    request: Request, q: Annotated[str, Query(min_length=1, max_length=p.MAX_NAME)]
) -> Response:
    from factbeat.web.search import search as find

    return json_response(find(fb_of(request), q))


class CheckRequest(BaseModel):
    """A text to check.  ``date`` (YYYY-MM-DD) resolves phrases like 'last year'."""

    text: str = Field(max_length=MAX_TEXT_CHARS, description="The story, as plain text")
    date: str | None = Field(default=None, max_length=40, description="Article date, YYYY-MM-DD")
    ground: bool = Field(
        default=True, description="Compare claims with the stored data when possible"
    )
    budget: float = Field(
        default=DEFAULT_BUDGET, gt=0, le=MAX_SERVER_BUDGET,
        description="Seconds the check may take; when they run out the answer holds the claims of the "
        "sentences checked so far and a notice in 'notes' (stopped after N s: M of K sentences checked)",
    )


@router.post("/check", summary="Find and check every numeric claim in a text (body limit 256 KB)")
def check(request: Request, body: CheckRequest) -> Response:
    result = run_check(fb_of(request), body.text, parse_date(body.date), body.ground, body.budget)
    return json_response(result.to_dict())
