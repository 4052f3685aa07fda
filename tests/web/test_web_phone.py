"""Every page in real Chromium at desktop and phone width (issue 16): no horizontal scroll at
390 px, charts that can be read (12 px text, at most 10 ticks, whole-number count ticks, a
legend that shows solid against dashed, value labels on rankings), downloads, and the check
page's limit and progress.

Screenshots of every page at both widths go to ``test-artifacts/<name>-<width>.png``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WAIT_MS = 30_000  # an upper bound for slow machines, not a timing assertion
PAGES = {
    "home": "/",
    "area": "/area/Barnet",
    "london": "/area/London",
    "rank": "/rank?measure=burglary&period=2024&highlight=Barnet",
    "rank-count": "/rank?measure=homicide&period=2024&by=count",
    "compare": "/compare?area=Barnet&area=Hackney&area=Camden&measure=burglary&period=2024",
    "figure": "/figure?area=Barnet&measure=burglary&period=2024",
    "change": "/change?area=Lambeth&measure=violence+against+the+person&from=2017&to=2024",
    "sources": "/sources",
    "measures": "/measures",
    "areas": "/areas",
    "glossary": "/glossary",
    "check": "/check",
    "search": "/search?q=barnett",
    "error": "/rank?period=1999",
    "embed": "/rank?embed=chart-rank",
}
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium at /usr/bin/chromium")
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        yield instance
        instance.close()


def open_page(browser, server: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, tab, errors


@pytest.fixture()
def tab(browser, server: str) -> Iterator:
    """A desktop-width page on the local server, closed after the test."""
    context, page, _errors = open_page(browser, server, 1280)
    yield page
    context.close()


def charts_drawn(tab) -> None:
    tab.wait_for_function(
        "Array.from(document.querySelectorAll('.chart')).every(c => c.dataset.rendered)", timeout=WAIT_MS
    )
    bad = tab.eval_on_selector_all(".chart[data-rendered=error]", "els => els.map(e => e.textContent)")
    assert not bad, bad


@pytest.mark.parametrize("width_name", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_the_screen(browser, server: str, name: str, width_name: str) -> None:
    width = WIDTHS[width_name]
    context, tab, errors = open_page(browser, server, width)
    try:
        tab.goto(PAGES[name])
        charts_drawn(tab)
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        assert scroll <= width, f"{name} is {scroll} px wide at {width} px"
        assert not errors, errors
    finally:
        context.close()


def _chart_texts(tab, chart: str) -> list[dict]:
    return tab.eval_on_selector_all(
        f"#{chart} svg text",
        "els => els.map(e => ({text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize)}))",
    )


def test_area_charts_are_readable(tab) -> None:
    tab.goto("/area/Barnet?measure=burglary&measure=homicide")
    charts_drawn(tab)
    for chart in ("chart-trend-burglary", "chart-trend-homicide", "chart-compare-homicide"):
        texts = _chart_texts(tab, chart)
        assert texts and all(t["size"] >= 12 for t in texts), (chart, [t for t in texts if t["size"] < 12])
        for axis in tab.locator(f"#{chart} .role-axis").all():
            assert axis.locator(".role-axis-label text").count() <= 10  # at most 10 ticks an axis
    # Each crime type has its own count axis, in whole numbers: homicide is not flattened next to burglary.
    labels = tab.eval_on_selector_all("#chart-trend-homicide .role-axis-label text", "els => els.map(e => e.textContent)")
    assert 0 < len(labels) <= 20  # x and y together, each at most 10
    counts = [t for t in labels if re.fullmatch(r"[\d,]+", t) and len(t) < 4]
    assert counts and all(re.fullmatch(r"\d+", t) for t in counts)
    # The London comparison has a legend whose symbols show the solid and the dashed line.
    legend = tab.eval_on_selector_all("#chart-compare-homicide .role-legend-label text", "els => els.map(e => e.textContent)")
    assert legend == ["Barnet", "London"]
    dashes = tab.eval_on_selector_all(
        "#chart-compare-homicide .role-legend-symbol path", "els => els.map(e => e.getAttribute('stroke-dasharray') || '')"
    )
    assert len(set(dashes)) == 2


def test_rank_chart_has_value_labels_intervals_and_a_london_line(tab) -> None:
    tab.goto("/rank?measure=burglary&period=2024")
    charts_drawn(tab)
    texts = [t["text"] for t in _chart_texts(tab, "chart-rank")]
    assert sum(1 for t in texts if re.fullmatch(r"\d+\.\d", t)) >= 32  # a value beside every bar
    assert any(t.startswith("London ") for t in texts)
    rules = tab.locator("#chart-rank .mark-rule path, #chart-rank .mark-rule line").count()
    assert rules >= 33  # 32 rate intervals and the London line
    assert "3rd-lowest" in tab.inner_text("[data-testid=rank-table]")


@pytest.mark.parametrize("kind", ["png", "svg", "csv"])
def test_every_chart_downloads(tab, kind: str, tmp_path: Path) -> None:
    tab.goto("/rank?measure=burglary&period=2024")
    charts_drawn(tab)
    with tab.expect_download() as info:
        tab.click(f"[data-download={kind}][data-for=chart-rank]")
    path = tmp_path / f"chart.{kind}"
    info.value.save_as(path)
    data = path.read_bytes()
    if kind == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif kind == "svg":
        assert b"<svg" in data[:200]
    else:
        assert data.decode().splitlines()[0].startswith("area,")
    with tab.expect_download() as table_info:
        tab.click("a[href*='rank.csv']")
    table = tmp_path / "table.csv"
    table_info.value.save_as(table)
    assert table.read_text().splitlines()[0].startswith("rank,place,area")
    # Tables without their own CSV address get one made in the page.
    tab.goto("/figure?area=Barnet&measure=burglary&period=2024")
    with tab.expect_download() as figure_info:
        tab.click("a.table-csv")
    figure_info.value.save_as(table)
    assert table.read_text().splitlines()[0].startswith("Offences,")


def test_embed_link_gives_code_for_an_iframe(tab) -> None:
    tab.goto("/rank")
    charts_drawn(tab)
    tab.click("a.embed-link[data-for=chart-rank]")
    code = tab.input_value("textarea.embed-code")
    assert code.startswith('<iframe src="') and "embed=chart-rank" in code
    tab.goto(re.search(r'src="([^"]+)"', code).group(1))
    charts_drawn(tab)
    assert not tab.locator("header.top").is_visible() and tab.locator("#chart-rank").is_visible()


def test_check_page_counts_characters_and_shows_progress(browser, server: str) -> None:
    from factbeat.web.checkview import MAX_TEXT_CHARS

    context, tab, _errors = open_page(browser, server, 390)
    try:
        tab.goto("/check")
        assert f"up to {MAX_TEXT_CHARS:,} characters" in tab.inner_text("form.check-form")
        tab.fill("#text", "x" * (MAX_TEXT_CHARS + 1234))
        assert "cut 1,234 characters" in tab.inner_text(".char-count")
        long_story = "Burglary in Barnet rose from 2,445 to 2,116, a fall of 13.5%. " * 800
        tab.fill("#text", long_story)
        # What the reader saw while waiting, kept across the page load that brings the result.
        tab.evaluate("""() => document.querySelector('form.check-form').addEventListener('submit', () =>
            setTimeout(() => sessionStorage.setItem('seen', document.querySelector('[data-testid=check-status]')
                .hidden ? '' : document.querySelector('[data-testid=check-status]').innerText), 0))""")
        with tab.expect_navigation():
            tab.click("form.check-form button[type=submit]")
        seen = tab.evaluate("() => sessionStorage.getItem('seen')")
        assert seen.strip().startswith(f"Checking {len(long_story):,} characters")
        assert tab.locator("[data-testid=check-result]").count() == 1
    finally:
        context.close()
