"""Request parameters: their declared types and their resolution through the taxonomy.

Parameters are never put into SQL.  Each one is either a closed choice checked by FastAPI
(``by``, ``order``, ``scheme``, ``grain``: anything else is a 422 naming the parameter) or a
name resolved through the taxonomy to a known area, measure or period object, whose own codes
and dates are what reach the (parameterised) queries.  An unknown area or measure is a 404 with
suggestions; a period that cannot be read is a 422, since it is malformed rather than unknown.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from factbeat.api import Factbeat
from factbeat.errors import UnknownNameError
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import EXAMPLES, Period
from factbeat.web.errors import ParamError

MAX_NAME = 200

Scheme = Literal["mps_legacy", "home_office", "ho_detailed", "police_uk"]
By = Literal["rate", "count"]
Order = Literal["desc", "asc"]
Grain = Literal["month", "year"]

AreaQ = Annotated[
    str,
    Query(
        min_length=1, max_length=MAX_NAME, description="Area name, alias or ONS code, e.g. Barnet"
    ),
]
MeasureQ = Annotated[
    str,
    Query(
        min_length=1,
        max_length=MAX_NAME,
        description="Crime type, e.g. burglary or 'violent crime'",
    ),
]
PeriodQ = Annotated[
    str,
    Query(
        min_length=1, max_length=MAX_NAME, description="Period, e.g. 2016, 2016/17, 'January 2016'"
    ),
]
FromQ = Annotated[
    str, Query(alias="from", min_length=1, max_length=MAX_NAME, description="The earlier period")
]
ToQ = Annotated[str, Query(min_length=1, max_length=MAX_NAME, description="The later period")]
# An empty value (a form's "any scheme" option) means no scheme: handlers pass ``scheme or None``.
SchemeQ = Annotated[
    Literal["mps_legacy", "home_office", "ho_detailed", "police_uk", ""] | None,
    Query(description="Category scheme (default: the preferred complete one)"),
]
ByQ = Annotated[By, Query(description="Rank by rate per 1,000 residents or by count")]
OrderQ = Annotated[
    Order, Query(description="desc: rank 1 is the highest; asc: rank 1 is the lowest")
]


def _named(lookup, text: str, parameter: str):
    """Resolve a name, tagging a miss with the query parameter it came from (for the 404 body)."""
    try:
        return lookup(text)
    except UnknownNameError as exc:
        exc.parameter = parameter
        raise


def area(fb: Factbeat, text: str, parameter: str = "area") -> Area:
    return _named(fb.area, text, parameter)


def measure(fb: Factbeat, text: str, parameter: str = "measure") -> Measure:
    return _named(fb.measure, text, parameter)


def period(fb: Factbeat, text: str, parameter: str = "period") -> Period:
    try:
        return fb.period(text)
    except UnknownNameError:
        raise ParamError(
            parameter,
            f"cannot read {text!r} as a period; write it like "
            + ", ".join(repr(e) for e in EXAMPLES),
        ) from None


def figure_of(fb: Factbeat, area_text: str, measure_text: str, period_text: str, scheme: str | None):
    """The figure a request asks for, shared by the API route and the page route."""
    return fb.figure(area(fb, area_text), measure(fb, measure_text), period(fb, period_text), scheme or None)


def change_of(fb: Factbeat, area_text: str, measure_text: str, from_text: str, to_text: str, scheme: str | None):
    """The change a request asks for, shared by the API route and the page route."""
    return fb.change(area(fb, area_text), measure(fb, measure_text), period(fb, from_text, "from"),
                     period(fb, to_text, "to"), scheme or None)
