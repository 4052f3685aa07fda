"""The HTML pages and their ``.json``/``.csv`` twins, over the real server (no browser)."""

from __future__ import annotations

import csv
import io
import json
import re

import httpx
import pytest

PAGES = [
    "/",
    "/areas",
    "/measures",
    "/sources",
    "/area/Barnet",
    "/area/London",
    "/area/City%20of%20London",
    "/rank",
    "/rank?measure=burglary&period=2016&by=count&order=asc",
    "/check",
    "/figure?area=Barnet&measure=burglary&period=2016",
    "/change?area=Barnet&measure=burglary&from=2015&to=2016",
    "/search?q=Hackny",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_and_link_their_json_twin(http: httpx.Client, url: str) -> None:
    response = http.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<title>" in html and "Traceback" not in html
    link = re.search(r'href="([^"]+)" class="json-link"', html)
    if url != "/check":
        assert link, "every data page links its .json twin"
        twin = http.get(link.group(1).replace("&amp;", "&"))
        assert twin.status_code == 200 and twin.headers["content-type"].startswith(
            "application/json"
        )


def test_area_json_twin_has_trend_comparison_change_and_rank(http: httpx.Client) -> None:
    body = http.get(
        "/area/Barnet.json",
        params=[("measure", "burglary"), ("measure", "robbery"), ("grain", "year")],
    ).json()
    assert body["area"]["code"] == "E09000003" and body["grain"] == "year"
    assert [b["measure"]["key"] for b in body["measures"]] == ["burglary", "robbery"]
    block = body["measures"][0]
    assert block["series"]["points"] and block["london_yearly"]["area"]["name"] == "London"
    assert block["latest"]["period"]["kind"] == "rolling"
    assert block["change"]["to"]["count"] == block["latest"]["count"]
    assert 1 <= block["rank"]["rank"] <= block["rank"]["of"] == 32
    assert block["latest"]["sources"] and block["measure"]["definition"]


def test_area_page_embeds_vega_lite_specs_and_the_local_script(http: httpx.Client) -> None:
    html = http.get("/area/Hackney").text
    specs = re.findall(
        r'<script type="application/json" data-chart="[^"]+">(.*?)</script>', html, re.S
    )
    assert len(specs) == 6  # a trend and a London comparison per crime type: one axis per scale
    for spec in map(json.loads, specs):
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert spec["data"]["values"]
    assert '<script src="/assets/vega.js"></script>' in html
    assert "cdn" not in html.lower() and not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", html)


def test_vega_bundle_is_served_from_the_app(http: httpx.Client) -> None:
    response = http.get("/assets/vega.js")
    assert response.status_code == 200
    assert "vegaEmbed" in response.text and len(response.content) > 100_000


def test_area_for_the_city_explains_there_is_no_data(http: httpx.Client) -> None:
    body = http.get("/area/City%20of%20London.json").json()
    assert all("City of London Police" in b["error"] for b in body["measures"])


def test_rank_page_twins_agree(http: httpx.Client) -> None:
    params = {"measure": "robbery", "period": "2016", "by": "count"}
    ranking = http.get("/rank.json", params=params).json()
    assert ranking == http.get("/api/rank", params=params).json()
    rows = list(csv.DictReader(io.StringIO(http.get("/rank.csv", params=params).text)))
    assert [int(r["count"]) for r in rows] == [r["count"] for r in ranking["rows"]]
    html = http.get("/rank", params=params).text
    table = html.split('data-testid="rank-table"')[1].split("</table>")[0]
    assert table.count("<tr><td") == 32


def test_rank_page_defaults_to_the_last_complete_year(http: httpx.Client) -> None:
    body = http.get("/rank.json").json()
    assert body["measure"]["key"] == "total_crime" and body["complete"] is True
    assert body["period"]["kind"] == "calendar_year"


def test_search_redirects_to_area_or_ranking(http: httpx.Client) -> None:
    area = http.get("/search", params={"q": "kensington"})
    assert (
        area.status_code == 303 and area.headers["location"] == "/area/Kensington%20and%20Chelsea"
    )
    measure = http.get("/search", params={"q": "residential burglary"})
    assert measure.status_code == 303 and measure.headers["location"].startswith("/rank?measure=")
    # Not in this store (the detailed file is not loaded): no redirect to a ranking that cannot exist.
    assert http.get("/search", params={"q": "knife possession"}).status_code == 200


def test_sources_page_lists_each_file(http: httpx.Client) -> None:
    rows = http.get("/sources.json").json()["sources"]
    html = http.get("/sources").text
    for row in rows:
        assert row["file_name"] in html.replace("&#39;", "'").replace("&amp;", "&")
    assert len(list(csv.DictReader(io.StringIO(http.get("/sources.csv").text)))) == len(rows)


def test_check_page_marks_claims(http: httpx.Client) -> None:
    try:
        from factbeat.claims import check_text  # noqa: F401
    except ImportError:
        pytest.skip("factbeat.claims.check_text is not available")
    text = "Burglaries rose from 200 to 300, a rise of 20%."
    html = http.post("/check", data={"text": text}).text
    assert 'class="claim-mark v-inconsistent"' in html
    twin = http.post("/check.json", data={"text": text}).json()
    assert twin == http.post("/api/check", json={"text": text}).json()
