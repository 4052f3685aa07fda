"""The JSON API against a real uvicorn server on loopback: every endpoint, with the real data.

Expected numbers are the sanity figures in ``../shared/data/README.md`` (Barnet, violence
against the person, legacy MPS categories), so the web layer is checked against the published
files, not against itself.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import httpx
import pytest

VAP = "violence against the person"


def _checker_available() -> bool:
    try:
        from factbeat.claims import check_text  # noqa: F401
    except ImportError:
        return False
    return True


needs_checker = pytest.mark.skipif(
    not _checker_available(), reason="factbeat.claims.check_text is not available"
)


def test_openapi_schema_lists_every_api_endpoint(http: httpx.Client) -> None:
    schema = http.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/api/areas",
        "/api/measures",
        "/api/sources",
        "/api/figure",
        "/api/change",
        "/api/share",
        "/api/rank",
        "/api/series",
        "/api/search",
        "/api/check",
        "/api/health",
    ):
        assert path in paths, path
    assert "post" in schema["paths"]["/api/check"]


def test_figure_gives_the_published_count_and_rate(http: httpx.Client) -> None:
    body = http.get(
        "/api/figure", params={"area": "Barnet", "measure": VAP, "period": "2016", "scheme": "mps_legacy"}
    ).json()
    assert body["count"] == 7631
    assert body["population"] == 386198
    assert round(body["rate_per_1000"], 1) == 19.8
    assert body["measure"]["scheme"] == "mps_legacy"
    assert body["sources"][0]["file_name"] == "MPS_Borough_Level_Crime_Historic.csv"


def test_figure_json_is_the_same_as_the_cli(http: httpx.Client, web_store) -> None:
    args = ["Barnet", VAP, "2016"]
    cli = subprocess.run(
        [sys.executable, "-m", "factbeat.cli", "--db", str(web_store), "figure", *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    api = http.get(
        "/api/figure", params=dict(zip(("area", "measure", "period"), args, strict=True))
    ).json()
    assert api == json.loads(cli.stdout)


def test_change_between_two_years(http: httpx.Client) -> None:
    body = http.get(
        "/api/change",
        params={"area": "Barnet", "measure": VAP, "from": "2015", "to": "2016", "scheme": "mps_legacy"},
    ).json()
    assert (body["from"]["count"], body["to"]["count"], body["absolute"]) == (6948, 7631, 683)
    assert body["significance"] is None or "p_value" in body["significance"]


def test_share_of_london(http: httpx.Client) -> None:
    body = http.get(
        "/api/share", params={"area": "Barnet", "measure": VAP, "period": "2016", "scheme": "mps_legacy"}
    ).json()
    assert body["part"]["count"] == 7631
    assert 0 < body["share"] < 1


def test_rank_puts_barnet_sixth_lowest(http: httpx.Client) -> None:
    params = {"measure": VAP, "period": "2016", "by": "rate", "order": "asc", "scheme": "mps_legacy"}
    body = http.get("/api/rank", params=params).json()
    names = [row["area"]["name"] for row in body["rows"]]
    assert len(names) == 32
    assert names[:6] == [
        "Richmond upon Thames",
        "Harrow",
        "Kingston upon Thames",
        "Sutton",
        "Bexley",
        "Barnet",
    ]
    table = list(csv.DictReader(io.StringIO(http.get("/api/rank.csv", params=params).text)))
    assert [r["area"] for r in table] == names
    assert table[5]["rank"] == "6" and table[5]["code"] == "E09000003"


def test_rank_by_count_descending(http: httpx.Client) -> None:
    body = http.get(
        "/api/rank", params={"measure": "burglary", "period": "2016/17", "by": "count"}
    ).json()
    counts = [row["count"] for row in body["rows"]]
    assert counts == sorted(counts, reverse=True)
    assert body["by"] == "count" and body["period"]["label"] == "2016/17"


@pytest.mark.parametrize(
    "path,key",
    [("/api/areas", "areas"), ("/api/measures", "measures"), ("/api/sources", "sources")],
)
def test_tables_as_json_and_csv(http: httpx.Client, path: str, key: str) -> None:
    rows = http.get(path).json()[key]
    assert rows
    response = http.get(path + ".csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(response.text)))) == len(rows)


def test_sources_name_every_stored_file_without_server_paths(http: httpx.Client) -> None:
    rows = http.get("/api/sources").json()["sources"]
    assert {
        "MPS_Borough_Level_Crime_Historic.csv",
        "recorded-crime-borough.csv",
        "london_borough_population_2008_2024.csv",
    } <= {r["file_name"] for r in rows}
    assert all("path" not in r and r["sha256"] and r["ingested_at"] for r in rows)


def test_series_by_year_leaves_out_part_years(http: httpx.Client) -> None:
    body = http.get(
        "/api/series",
        params={"area": "Barnet", "measure": VAP, "grain": "year", "scheme": "mps_legacy"},
    ).json()
    points = {p["period"]: p["count"] for p in body["points"]}
    assert points["2015"] == 6948 and points["2016"] == 7631
    monthly = http.get(
        "/api/series.csv", params={"area": "Barnet", "measure": VAP, "scheme": "mps_legacy"}
    ).text
    rows = list(csv.DictReader(io.StringIO(monthly)))
    assert sum(int(r["count"]) for r in rows if r["period"].startswith("2016")) == 7631


def test_search_finds_areas_and_measures(http: httpx.Client) -> None:
    assert (
        http.get("/api/search", params={"q": "RBKC"}).json()["area"]["name"]
        == "Kensington and Chelsea"
    )
    assert (
        http.get("/api/search", params={"q": "violent crime"}).json()["measure"]["key"]
        == "violence_against_the_person"
    )
    miss = http.get("/api/search", params={"q": "Hackny"}).json()
    assert miss["area"] is None and "Hackney" in miss["suggestions"]["areas"]


@needs_checker
def test_check_returns_the_same_json_as_the_cli(http: httpx.Client, web_store) -> None:
    text = (
        "Violent crime in Barnet rose from 6,948 in 2015 to 7,631 in 2016, a rise of 15 per cent."
    )
    api = http.post("/api/check", json={"text": text, "date": "2017-02-10"})
    assert api.status_code == 200
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "factbeat.cli",
            "--db",
            str(web_store),
            "check",
            "-",
            "--date",
            "2017-02-10",
            "--json",
        ],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    assert api.json() == json.loads(cli.stdout)
    verdicts = [c["verdict"] for c in api.json()["claims"]]
    assert "inconsistent" in verdicts


@needs_checker
def test_check_answers_repeat_requests_from_the_cache(http: httpx.Client) -> None:
    payload = {"text": "Robberies went up from 100 to 150, a rise of 50%."}
    first, second = http.post("/api/check", json=payload), http.post("/api/check", json=payload)
    assert first.json() == second.json()
    assert second.headers.get("x-factbeat-cache") == "hit"


def test_cached_get_is_identical(http: httpx.Client) -> None:
    params = {"area": "Hackney", "measure": "robbery", "period": "2015"}
    first, second = http.get("/api/figure", params=params), http.get("/api/figure", params=params)
    assert first.content == second.content
    assert second.headers.get("x-factbeat-cache") == "hit"


def test_security_headers_and_no_cors_by_default(http: httpx.Client) -> None:
    response = http.get("/api/areas", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    preflight = http.options(
        "/api/figure",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_only_when_asked(web_store) -> None:
    from fastapi.testclient import TestClient

    from factbeat.web.app import create_app

    with TestClient(create_app(str(web_store), cors=True)) as client:
        response = client.get("/api/areas", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_borough_schemes_are_indexed_as_the_server_starts(web_store) -> None:
    """The server indexes the borough-level schemes in the background when it starts (no request
    waits for an index build); the answers are those of the SQL path (tests/stats/test_rank_paths.py)."""
    import time

    from fastapi.testclient import TestClient

    from factbeat.taxonomy.schemes import scheme_level
    from factbeat.web.app import create_app

    app = create_app(str(web_store))
    with TestClient(app) as client:
        assert client.get("/api/rank?measure=burglary&period=2016").status_code == 200
        catalog = app.state.fb.catalog
        wanted = {s for s in catalog.months if scheme_level(s) == "borough"}
        deadline = time.monotonic() + 60
        while not wanted <= set(catalog._indexes) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert wanted and wanted <= set(catalog._indexes)
        assert not {s for s in catalog._indexes if scheme_level(s) != "borough"}


def _pool_size(client) -> int:
    from anyio import to_thread

    return client.portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens)


def test_requests_answered_at_once_are_the_apps_setting(web_store) -> None:
    """The handlers' thread pool is the app's (two by default, see web/app.py: HANDLER_THREADS),
    and more requests than that in flight are all answered, in turn."""
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from factbeat.web.app import HANDLER_THREADS, create_app

    with TestClient(create_app(str(web_store))) as client:
        assert _pool_size(client) == HANDLER_THREADS == 2
        boroughs = ["Barnet", "Camden", "Hackney", "Sutton", "Brent", "Ealing", "Harrow", "Merton"]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda b: client.get(f"/api/figure?area={b}&measure=burglary&period=2016"),
                                    boroughs))
        assert [a.status_code for a in answers] == [200] * len(boroughs)
        assert [a.json()["area"]["name"] for a in answers] == boroughs
    with TestClient(create_app(str(web_store), handler_threads=5)) as client:
        assert _pool_size(client) == 5
    with pytest.raises(ValueError, match="at least 1"):
        create_app(str(web_store), handler_threads=0)


def test_serve_refuses_a_pool_of_no_threads() -> None:
    from click.testing import CliRunner

    from factbeat.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--threads", "0"])
    assert result.exit_code == 2 and "--threads" in result.output
