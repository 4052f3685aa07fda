"""Issue 16 on the web, over HTTP: no data is a 404 naming the stored range, words not identifiers,
no server paths, no links to pages that cannot exist, close suggestions only, and the check
page's limit (the pages themselves are drawn in Chromium in test_web_phone.py)."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest

VAP = "violence against the person"
PAGES = [
    "/",
    "/area/Barnet",
    "/area/London",
    "/rank",
    "/rank?measure=burglary&period=2024&highlight=Barnet",
    "/compare?area=Barnet&area=Hackney&measure=burglary&period=2024",
    "/figure?area=Barnet&measure=burglary&period=2024",
    "/change?area=Lambeth&measure=violence+against+the+person&from=2017&to=2024",
    "/sources",
    "/measures",
    "/areas",
    "/glossary",
    "/check",
]


def visible_text(html: str) -> str:
    """The page's words (no scripts, no attributes): what a reader sees."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("path", ["/api/figure?area=Barnet&measure=burglary&period=2027",
                                  "/figure?area=Barnet&measure=burglary&period=2007",
                                  "/rank?period=1999", "/rank.json?period=1999"])
def test_no_data_is_a_404_naming_the_stored_range(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert "stored months run 2008-01 to 2026-02" in response.text


@pytest.mark.parametrize("path", PAGES)
def test_pages_show_words_not_identifiers(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 200, path
    text = visible_text(response.text)
    for identifier in ("home_office", "mps_legacy", "ho_detailed", "police_uk", "best complete"):
        assert identifier not in text, (path, identifier)
    assert not re.search(r"(?<![\w])\*(?![\w])", text), path


@pytest.mark.parametrize("path", PAGES)
def test_no_links_to_pages_that_cannot_exist(http: httpx.Client, path: str) -> None:
    html = http.get(path).text
    links = {h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"#]*)"', html)}
    for link in sorted(links):
        if link.startswith(("/static/", "/assets/")) or "embed=" in link:
            continue
        assert http.get(link).status_code == 200, (path, link)


def test_home_page_has_headlines_data_to_and_forms(http: httpx.Client) -> None:
    html = http.get("/").text
    assert "Data to February 2026" in html
    assert 'data-testid="headlines"' in html and "12 months to February 2026" in html
    assert 'action="/figure"' in html and 'action="/change"' in html
    assert "Anti-social behaviour" not in html  # not stored for the boroughs: no link to an empty page


def test_compare_two_or_more_boroughs_as_page_json_and_csv(http: httpx.Client) -> None:
    params = [("area", "Barnet"), ("area", "Hackney"), ("area", "Camden"), ("measure", "burglary"), ("period", "2024")]
    body = http.get("/compare.json", params=params).json()
    assert [r["area"]["name"] for r in body["rows"]] == ["Barnet", "Hackney", "Camden"]
    assert body["rows"][0]["count"] == http.get(
        "/api/figure", params={"area": "Barnet", "measure": "burglary", "period": "2024"}).json()["count"]
    rows = list(csv.DictReader(io.StringIO(http.get("/compare.csv", params=params).text)))
    assert [r["area"] for r in rows] == ["Barnet", "Hackney", "Camden"]


def test_rank_csv_has_places_and_rate_intervals(http: httpx.Client) -> None:
    rows = list(csv.DictReader(io.StringIO(http.get("/rank.csv?measure=burglary&period=2024").text)))
    assert rows[0]["place"] == "highest" and rows[-1]["place"] == "lowest"
    assert "3rd-lowest" in [r["place"] for r in rows]
    assert all(float(r["rate_low"]) <= float(r["rate_per_1000"]) <= float(r["rate_high"]) for r in rows)


def test_no_server_paths_in_sources(http: httpx.Client, web_store) -> None:
    for path in ("/sources", "/api/sources", "/sources.csv"):
        text = http.get(path).text
        assert "/shared/data" not in text and str(web_store.parent) not in text, path
    for row in http.get("/api/sources").json()["sources"]:
        assert row["url"].startswith("https://"), row


def test_error_pages_never_tell_a_web_user_to_run_a_command(http: httpx.Client) -> None:
    response = http.get("/figure?area=Barnet&measure=knife+crime&period=2016")
    assert response.status_code == 404
    text = visible_text(response.text)
    assert "not a category in any stored dataset" in text
    assert not re.search(r"factbeat (register|ingest|download|figure|rank|change)", text) and " --" not in text


def test_suggestions_only_for_close_matches(http: httpx.Client) -> None:
    assert http.get("/api/search", params={"q": "nonsense"}).json()["suggestions"] == {"areas": [], "measures": []}
    body = http.get("/area/Barnett.json").json()
    assert body["suggestions"] == ["Barnet"]
    assert "Barnet" in http.get("/area/Barnett").text


def test_check_page_states_the_limit_it_enforces_and_keeps_an_over_limit_text(http: httpx.Client) -> None:
    from factbeat.web.checkview import MAX_TEXT_CHARS

    assert f"up to {MAX_TEXT_CHARS:,} characters" in http.get("/check").text
    text = "Crime rose 5%. " * (MAX_TEXT_CHARS // 15 + 100)
    response = http.post("/check", data={"text": text})
    assert response.status_code == 413
    over = len(text) - MAX_TEXT_CHARS
    assert f"Cut {over:,} characters" in response.text
    assert text[:200] in response.text and text[-200:] in response.text  # the paste is kept


def test_change_page_cites_both_periods_and_the_recording_break(http: httpx.Client) -> None:
    html = http.get("/change", params={"area": "Lambeth", "measure": VAP, "from": "2017", "to": "2024"}).text
    assert "recorded-crime-borough-historical.csv" in html and "recorded-crime-borough.csv" in html
    assert "Connect" in html and "p = 0.28" in html and "rates per resident" in html


def test_glossary_explains_the_words(http: httpx.Client) -> None:
    text = visible_text(http.get("/glossary").text)
    for word in ("Category scheme", "Incomplete", "Rate interval", "p ="):
        assert word in text


def test_embed_link_renders_the_chart_and_may_be_framed(http: httpx.Client) -> None:
    html = http.get("/rank").text
    link = re.search(r'href="\?([^"]*embed=chart-rank)"', html).group(1).replace("&amp;", "&")
    response = http.get("/rank?" + link)
    assert 'data-embed="chart-rank"' in response.text
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in http.get("/rank").headers["content-security-policy"]


def test_london_has_its_own_page(http: httpx.Client) -> None:
    london = visible_text(http.get("/area/London").text)
    assert "London, same period" not in london and "(dashed)" not in london
    assert "All of the Metropolitan Police's area" in london
    assert "London, same period" in visible_text(http.get("/area/Barnet").text)
