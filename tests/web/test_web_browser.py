"""The pages in real headless Chromium (Debian's ``chromium``, driven by Playwright).

Each test saves a full-page screenshot as ``test-artifacts/<test name>.png``.  Every request the
page makes is checked to go to the local server: a request anywhere else fails the test, which
is how "works with no internet" is tested (the charts' script is served by the app itself).
Without /usr/bin/chromium the tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WAIT_MS = 30_000  # an upper bound for slow machines, not a timing assertion


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "CI needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)"
            )
        pytest.skip(
            "no /usr/bin/chromium: install Debian's chromium package to run the browser tests"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=FLAGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture()
def page(browser, server: str, request: pytest.FixtureRequest) -> Iterator:
    """A fresh page that refuses every request not addressed to the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    outside: list[str] = []
    errors: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(server) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.set_default_timeout(WAIT_MS)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not outside, f"the page tried to reach the internet: {outside}"
    assert not errors, f"script errors: {errors}"


def chart_marks(page, chart_id: str) -> int:
    """Wait for vega-embed to finish drawing ``chart_id`` and count the SVG marks inside it."""
    page.wait_for_selector(f"#{chart_id}[data-rendered]")
    assert page.get_attribute(f"#{chart_id}", "data-rendered") == "true", page.inner_text(
        f"#{chart_id}"
    )
    return page.locator(f"#{chart_id} svg g[class^='mark-'] path").count()


def test_area_page_draws_trend_and_comparison_charts(page) -> None:
    page.goto("/area/Barnet")
    assert page.locator("h1").inner_text().startswith("Barnet")
    for key in ("total_crime", "violence_against_the_person", "burglary"):  # one chart per scale
        assert chart_marks(page, f"chart-trend-{key}") >= 1
        assert chart_marks(page, f"chart-compare-{key}") >= 2  # Barnet and London lines
    assert page.locator("section.measure").count() == 3
    assert page.locator("section.measure .sources").count() == 3
    assert page.locator("section.measure .definition").count() == 3


def test_area_page_changes_crime_type_and_grain(page) -> None:
    page.goto("/area/Hackney")
    chart_marks(page, "chart-trend-total_crime")
    page.click("details.picker summary")
    chosen = page.eval_on_selector_all(
        "input[name=measure]:checked", "els => els.map(e => e.value)"
    )
    for value in chosen:
        page.uncheck(f"input[name=measure][value={value}]")
    page.check("input[name=measure][value=robbery]")
    page.check("input[name=grain][value=year]")
    with page.expect_navigation():
        page.click("#area-form button[type=submit]")
    assert "measure=robbery" in page.url and "grain=year" in page.url
    assert chart_marks(page, "chart-trend-robbery") >= 1
    assert page.locator("section.measure").count() == 1
    assert page.locator("section.measure h2").inner_text() == "Robbery"
    assert "Robbery" in page.inner_text("#figure-chart-trend-robbery figcaption")


def test_ranking_page_table_and_bars(page) -> None:
    page.goto("/rank")
    chart_marks(page, "chart-rank")
    page.select_option("#rank-form select[name=measure]", "burglary")
    page.fill("#rank-form input[name=period]", "2016")
    page.select_option("#rank-form select[name=by]", "count")
    with page.expect_navigation():
        page.click("#rank-form button[type=submit]")
    assert "Burglary, 2016" in page.inner_text("h1")
    assert page.locator("[data-testid=rank-table] tbody tr").count() == 32
    assert (
        page.locator("#chart-rank svg .mark-rect path").count() == 32
        or chart_marks(page, "chart-rank") >= 32
    )


def test_check_page_highlights_claims_with_verdicts(page) -> None:
    pytest.importorskip("factbeat.claims", reason="claim checker not available")
    page.goto("/check")
    page.fill(
        "textarea[name=text]",
        "Violent crime in Barnet rose from 6,948 offences in 2015 to 7,631 in 2016, "
        "a rise of 15 per cent.\n\nGun crime went up from 67 to 76, an increase of 13%.",
    )
    with page.expect_navigation():
        page.click("[data-testid=check-form] button[type=submit]")
    marks = page.locator(".claim-mark")
    assert marks.count() >= 2
    wrong = page.locator(".claim-mark[data-verdict=inconsistent]").first
    right = page.locator(".claim-mark[data-verdict=consistent]").first
    assert wrong.evaluate("e => getComputedStyle(e).backgroundColor") != right.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    index = wrong.get_attribute("data-claim")
    wrong.click()
    detail = page.locator(f"[data-claim-detail='{index}']")
    assert detail.locator("details").first.evaluate("e => e.open")
    assert "9.8" in detail.locator(".explanation").inner_text()


def test_home_search_goes_to_the_area(page) -> None:
    page.goto("/")
    page.fill("#q", "Hackney")
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert page.url.endswith("/area/Hackney")
    chart_marks(page, "chart-trend-total_crime")


def test_sources_page_lists_files(page, http) -> None:
    page.goto("/sources")
    rows = page.locator("[data-testid=sources] tbody tr")
    assert rows.count() == len(http.get("/api/sources").json()["sources"])
    assert "MPS_Borough_Level_Crime_Historic.csv" in page.inner_text("[data-testid=sources]")
