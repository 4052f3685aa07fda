"""Small pieces of the web layer, in process: claim segments, CSV cells, the cache, charts, series."""

from __future__ import annotations

import asyncio

import pytest

from factbeat.report import charts
from factbeat.web.checkview import segments
from factbeat.web.errors import error_body
from factbeat.web.middleware import LRU, BodyLimit
from factbeat.web.render import _cell


def test_segments_cover_the_text_once_and_skip_overlaps() -> None:
    text = "Up from 10 to 20, a rise of 100%. Then 5."
    claims = [
        {"span": [5, 32], "verdict": "consistent"},
        {"span": [8, 10], "verdict": "inconsistent"},
        {"span": [39, 40], "verdict": "unverifiable", "data": {"verdict": "contradicted"}},
    ]
    parts = segments(text, claims)
    assert "".join(p["text"] for p in parts) == text
    marked = [(p["claim"], p["verdict"]) for p in parts if p["claim"] is not None]
    assert marked == [(0, "consistent"), (2, "contradicted")]


def test_csv_cells_never_start_a_formula() -> None:
    assert _cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert _cell("-12.5") == "-12.5"
    assert _cell(["a", "b"]) == "a; b"
    assert _cell(None) == ""


def test_error_body_keeps_its_fixed_keys_first() -> None:
    body = error_body(404, "nope", "X", ok=True, status=200, suggestions=["a"], hint=None)
    assert body == {"ok": False, "error": "nope", "status": 404, "type": "X", "suggestions": ["a"]}


def test_lru_is_bounded_by_entries_and_bytes() -> None:
    cache = LRU(max_entries=2, max_bytes=64)
    cache.put(("a",), (200, [], b"1" * 3))
    cache.put(("b",), (200, [], b"2" * 3))
    assert cache.get(("a",))  # a is now the most recent
    cache.put(("c",), (200, [], b"3" * 3))
    assert cache.get(("b",)) is None and cache.get(("a",)) and cache.get(("c",))
    cache.put(("big",), (200, [], b"x" * 60))  # more than max_bytes/16: never stored
    assert cache.get(("big",)) is None


def test_body_limit_refuses_a_stream_that_grows_past_the_limit() -> None:
    sent: list[dict] = []

    async def app(scope, receive, send):  # pragma: no cover - must not be reached
        raise AssertionError("the app saw an oversized body")

    async def receive():
        return {"type": "http.request", "body": b"x" * 600, "more_body": True}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "headers": [], "path": "/api/check"}
    asyncio.run(BodyLimit(app, limit=1000)(scope, receive, send))
    assert sent[0]["status"] == 413


SERIES = {
    "area": {"name": "Barnet", "code": "E09000003"},
    "measure": {"name": "Burglary"},
    "scheme": "home_office",
    "grain": "year",
    "points": [
        {"period": "2015", "start": "2015-01-01", "count": 10, "rate_per_1000": 1.5},
        {"period": "2016", "start": "2016-01-01", "count": 12, "rate_per_1000": None},
    ],
}


def test_trend_and_comparison_specs_carry_their_data() -> None:
    trend = charts.trend_chart([SERIES])
    assert trend["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert [row["value"] for row in trend["data"]["values"]] == [10, 12]
    london = {**SERIES, "area": {"name": "London", "code": "E12000007"}}
    compare = charts.comparison_chart([SERIES], [london])
    assert {row["area"] for row in compare["data"]["values"]} == {"Barnet", "London"}
    assert len(compare["data"]["values"]) == 2  # points without a rate are left out


def test_rank_spec_highlights_one_borough_and_renders_offline() -> None:
    ranking = {
        "by": "count",
        "rows": [
            {"rank": 1, "area": {"name": "A", "code": "X1"}, "count": 5, "rate_per_1000": None},
            {"rank": 2, "area": {"name": "B", "code": "X2"}, "count": 3, "rate_per_1000": None},
        ],
    }
    spec = charts.rank_chart(ranking, highlight="X2")
    assert [r["highlight"] for r in spec["data"]["values"]] == [False, True]
    svg = charts.to_svg(spec)
    assert svg.startswith("<svg") and "mark-rect" in svg


@pytest.fixture(scope="module")
def fb(web_store):
    import factbeat

    with factbeat.open(web_store, read_only=True) as handle:
        yield handle


def test_series_stays_in_one_scheme_and_drops_part_years(fb) -> None:
    from factbeat.stats.series import latest_complete_year, latest_twelve_months, series

    yearly = series(
        fb.catalog, fb.area("Barnet"), fb.measure("violence against the person"), "year"
    )
    assert yearly.scheme == "home_office"  # the scheme that reaches furthest forward
    labels = [p.label for p in yearly.points]
    assert "2010" not in labels and labels == sorted(labels)
    assert any("left out" in note for note in yearly.notes)
    legacy = series(
        fb.catalog,
        fb.area("Barnet"),
        fb.measure("violence against the person"),
        "year",
        "mps_legacy",
    )
    assert {p.label: p.count for p in legacy.points}["2016"] == 7631
    assert latest_twelve_months(fb.catalog, "home_office").n_months == 12
    assert latest_complete_year(fb.catalog, "mps_legacy").label == "2018"
