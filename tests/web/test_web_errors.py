"""Errors and hostile input against the real server: one error shape, 404/405/413/422, injection.

The error shape is pinned here: every JSON error body starts with exactly the keys ``ok``,
``error``, ``status`` and ``type``, ``ok`` is false and ``status`` equals the HTTP status.
Changing it breaks clients, so this test must change with it (and docs/web.md too).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import pytest

INJECTIONS = [
    "Barnet'; DROP TABLE observations; --",
    "' OR '1'='1",
    "1; DELETE FROM sources",
    'burglary" OR 1=1 --',
    "2016') UNION SELECT * FROM sources --",
    "'; ATTACH 'evil.db' AS e; COPY observations TO 'out.csv'; --",
    "%' OR category_id IN (SELECT category_id FROM categories) --",
    "\x00\n\r'\"",
]


def assert_error_shape(body: dict, status: int) -> None:
    assert list(body)[:4] == ["ok", "error", "status", "type"], body
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["type"], str) and body["type"]


def store_fingerprint(path: Path) -> tuple:
    """The file's bytes digest and every table's row count."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY 1"
            ).fetchall()
        ]
        counts = {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    return hashlib.sha256(path.read_bytes()).hexdigest(), counts


FIGURE = {"area": "Barnet", "measure": "burglary", "period": "2016"}
CHANGE = {"area": "Barnet", "measure": "burglary", "from": "2015", "to": "2016"}
RANK = {"measure": "burglary", "period": "2016", "by": "rate", "order": "desc"}

ERRORS = [
    ("GET", "/api/figure", {**FIGURE, "area": "Barnt"}, 404),
    ("GET", "/api/figure", {**FIGURE, "measure": "burglery"}, 404),
    ("GET", "/api/figure", {**FIGURE, "period": "20x6"}, 422),
    ("GET", "/api/figure", {"area": "Barnet"}, 422),
    ("GET", "/api/rank", {**RANK, "by": "size"}, 422),
    ("GET", "/api/nothing-here", {}, 404),
    ("DELETE", "/api/figure", FIGURE, 405),
    ("GET", "/area/Barnt.json", {}, 404),
    ("GET", "/rank.json", {"measure": "gun crime", "period": "2016"}, 404),
]


@pytest.mark.parametrize("method,path,params,status", ERRORS)
def test_every_error_has_the_one_shape(
    http: httpx.Client, method: str, path: str, params: dict, status: int
) -> None:
    response = http.request(method, path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert_error_shape(response.json(), status)


def test_error_shape_is_pinned(http: httpx.Client) -> None:
    body = http.get("/api/figure", params={**FIGURE, "area": "Barnt"}).json()
    assert list(body)[:4] == ["ok", "error", "status", "type"]
    assert body == {
        "ok": False,
        "error": body["error"],
        "status": 404,
        "type": "UnknownNameError",
        "parameter": "area",
        "kind": "area",
        "value": "Barnt",
        "suggestions": body["suggestions"],
    }


def test_unknown_names_get_404_with_suggestions(http: httpx.Client) -> None:
    area = http.get("/api/figure", params={**FIGURE, "area": "Hammersmith & Fulam"}).json()
    assert area["status"] == 404 and "Hammersmith and Fulham" in area["suggestions"]
    measure = http.get("/api/rank", params={**RANK, "measure": "burglery"}).json()
    assert measure["parameter"] == "measure" and "Burglary" in measure["suggestions"]


@pytest.mark.parametrize(
    "path,params,parameter",
    [
        ("/api/rank", {**RANK, "by": "size"}, "by"),
        ("/api/rank", {**RANK, "order": "up"}, "order"),
        ("/api/figure", {**FIGURE, "scheme": "nypd"}, "scheme"),
        ("/api/figure", {**FIGURE, "period": "the olden days"}, "period"),
        ("/api/change", {**CHANGE, "from": "yesteryear"}, "from"),
        ("/api/change", {**CHANGE, "to": "2016-13"}, "to"),
        ("/api/series", {"area": "Barnet", "measure": "burglary", "grain": "week"}, "grain"),
        ("/api/figure", {**FIGURE, "area": "x" * 500}, "area"),
        ("/api/figure", {"measure": "burglary", "period": "2016"}, "area"),
        ("/area/Barnet.json", {"grain": "decade"}, "grain"),
    ],
)
def test_invalid_parameters_get_422_naming_the_parameter(
    http: httpx.Client, path: str, params: dict, parameter: str
) -> None:
    body = http.get(path, params=params).json()
    assert body["status"] == 422
    assert body["parameter"] == parameter
    assert repr(parameter) in body["error"]


def test_check_date_must_be_a_date(http: httpx.Client) -> None:
    body = http.post("/api/check", json={"text": "Up from 2 to 4.", "date": "last Tuesday"}).json()
    assert (body["status"], body["parameter"]) == (422, "date")
    missing = http.post("/api/check", json={"words": "no text key"}).json()
    assert (missing["status"], missing["parameter"]) == (422, "text")


def test_bodies_over_the_limit_get_413(http: httpx.Client) -> None:
    big = "Burglary rose from 10 to 20. " * 10_000  # about 290 KB
    response = http.post("/api/check", json={"text": big})
    assert response.status_code == 413
    assert_error_shape(response.json(), 413)
    chunked = http.post(
        "/api/check",
        content=iter([b'{"text": "', b"x" * 300_000, b'"}']),
        headers={"content-type": "application/json"},
    )
    assert chunked.status_code == 413
    form = http.post("/check", data={"text": big})
    assert form.status_code == 413


def test_html_pages_answer_errors_in_html(http: httpx.Client) -> None:
    response = http.get("/area/Barnt")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/area/Barnet"' in response.text
    bad = http.get("/rank", params={"by": "size"})
    assert bad.status_code == 422 and "by" in bad.text


def test_injection_strings_are_harmless_everywhere(http: httpx.Client, web_store: Path) -> None:
    """Every parameter of every endpoint, with SQL-injection strings: no 500, the store unchanged."""
    before = store_fingerprint(web_store)
    cases = [
        ("/api/figure", FIGURE),
        ("/api/change", CHANGE),
        ("/api/share", FIGURE),
        ("/api/rank", RANK),
        ("/api/series", {"area": "Barnet", "measure": "burglary", "grain": "year"}),
        ("/api/search", {"q": "x"}),
        ("/rank.json", RANK),
        ("/figure.json", FIGURE),
        ("/change.json", CHANGE),
        ("/search.json", {"q": "x"}),
    ]
    seen = 0
    for path, params in cases:
        for name in params:
            for attack in INJECTIONS:
                response = http.get(path, params={**params, name: attack})
                assert response.status_code in (200, 404, 422), (
                    path,
                    name,
                    attack,
                    response.text[:300],
                )
                if response.status_code != 200:
                    assert_error_shape(response.json(), response.status_code)
                seen += 1
    for attack in INJECTIONS:
        assert http.get(f"/area/{quote(attack, safe='')}.json").status_code in (404, 422)
        assert http.post("/api/check", json={"text": attack, "date": None}).status_code in (
            200,
            503,
        )
        assert http.post("/api/check", json={"text": "x", "date": attack}).status_code == 422
    assert seen > 100
    assert store_fingerprint(web_store) == before


def test_the_server_does_not_write(http: httpx.Client, web_store: Path) -> None:
    assert http.get("/api/health").json()["read_only"] is True
    for method in ("PUT", "PATCH", "DELETE"):
        assert http.request(method, "/api/sources").status_code == 405
    with duckdb.connect(str(web_store), read_only=True) as con:
        assert con.execute("SELECT COUNT(*) FROM sources").fetchone()[0] >= 4
