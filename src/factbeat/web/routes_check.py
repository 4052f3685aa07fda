"""The check page, and the figure and change pages that the area page links to.

The check page is a plain form post: the server runs the checker and returns the text with each
claim wrapped in a mark coloured by its verdict, so the result needs no script to be read (a
small script only opens a claim's evidence when its mark is clicked).  ``POST /check.json`` takes
the same form and returns the JSON of ``POST /api/check``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from factbeat.claims.model import OUTCOME_LABELS, outcome_summary
from factbeat.report.sentences import change_sentence, figure_sentence, mostly_missing
from factbeat.report.tables import merged_sources
from factbeat.web import params as p
from factbeat.web.checkview import (
    DEFAULT_BUDGET,
    MAX_SERVER_BUDGET,
    MAX_TEXT_CHARS,
    parse_date,
    run_check,
    segments,
    verdict_of,
)
from factbeat.web.render import json_response
from factbeat.web.routes_api import fb_of
from factbeat.web.routes_pages import _fmt, page

router = APIRouter(include_in_schema=False)

EXAMPLE = (
    "Violent crime in Barnet rose from 6,948 offences in 2015 to 7,631 in 2016, a rise of 15 per cent. "
    "Gun crime went up from 67 to 76, an increase of 13%."
)


@router.get("/check")
def check_form(request: Request) -> Response:
    return page(
        request,
        "check.html",
        "Check a story",
        text="",
        date="",
        result=None,
        example=EXAMPLE,
        json_url="",
        limit=MAX_TEXT_CHARS,
    )


@router.post("/check")
@router.post("/check.json")
def check_post(
    request: Request,
    text: Annotated[str, Form()],
    date: Annotated[str, Form(max_length=40)] = "",
    budget: Annotated[float, Form(gt=0, le=MAX_SERVER_BUDGET)] = DEFAULT_BUDGET,
) -> Response:
    if len(text) > MAX_TEXT_CHARS and _fmt(request) != "json":
        # Keep the paste and say how much to cut, rather than an error page that loses it.
        over = len(text) - MAX_TEXT_CHARS
        response = page(
            request, "check.html", "Check a story", text=text, date=date, result=None, example=EXAMPLE,
            json_url="", limit=MAX_TEXT_CHARS,
            too_long=f"This text has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
                     f"Cut {over:,} characters (about {max(1, round(over / 6)):,} words) and check again.",
        )
        response.status_code = 413
        return response
    result = run_check(fb_of(request), text, parse_date(date), budget=budget)
    data = result.to_dict()
    if _fmt(request) == "json":
        return json_response(data)
    return page(
        request,
        "check.html",
        "Check a story",
        text=text,
        date=date,
        result=data,
        example=EXAMPLE,
        verdicts=[verdict_of(c) for c in data["claims"]],
        segments=segments(result.text, data["claims"]),
        outcome_line=outcome_summary(data["summary"]),
        outcome_labels=OUTCOME_LABELS,
        json_url="",
        limit=MAX_TEXT_CHARS,
    )


@router.get("/figure")
@router.get("/figure.json")
def figure_page(
    request: Request,
    area: p.AreaQ,
    measure: p.MeasureQ,
    period: p.PeriodQ,
    scheme: p.SchemeQ = None,
) -> Response:
    result = p.figure_of(fb_of(request), area, measure, period, scheme)
    if _fmt(request) == "json":
        return json_response(result.to_dict())
    title = f"{result.measure.label} in {result.area.name}, {result.period.label}"
    return page(
        request, "figure.html", title, figure=result.to_dict(), sentence=figure_sentence(result),
        mostly_missing=mostly_missing(result),
    )


@router.get("/change")
@router.get("/change.json")
def change_page(
    request: Request,
    area: p.AreaQ,
    measure: p.MeasureQ,
    from_: p.FromQ,
    to: p.ToQ,
    scheme: p.SchemeQ = None,
) -> Response:
    result = p.change_of(fb_of(request), area, measure, from_, to, scheme)
    if _fmt(request) == "json":
        return json_response(result.to_dict())
    title = f"{result.after.measure.label} in {result.after.area.name}: {result.before.period.label} to {result.after.period.label}"
    return page(
        request, "change.html", title, change=result.to_dict(), sentence=change_sentence(result),
        sources=merged_sources(result.before.sources, result.after.sources),
    )
