"""The borough map on the ranking and area pages, served on loopback and drawn in headless Chromium."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
from datafiles import DATA, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def map_server(london_store):
    """The web app over the London store, with the mirror's boundaries, on a free loopback port."""
    import uvicorn

    from factbeat.web.app import create_app

    previous = os.environ.get("FACTBEAT_MIRROR")
    os.environ["FACTBEAT_MIRROR"] = str(DATA)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(london_store)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):  # up to a minute on a slow machine; not a timing assertion
        if server.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)
    if previous is None:
        os.environ.pop("FACTBEAT_MIRROR", None)
    else:
        os.environ["FACTBEAT_MIRROR"] = previous


@pytest.fixture()
def tab(map_server, request):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium at /usr/bin/chromium")
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=map_server)
        outside: list[str] = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(map_server)
                      else (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / f"{request.node.name}.png"), full_page=True)
        browser.close()
    assert not outside, f"the page tried to reach the internet: {outside}"


def _map_paths(page) -> int:
    page.wait_for_selector("#chart-map[data-rendered]")
    assert page.get_attribute("#chart-map", "data-rendered") == "true", page.inner_text("#chart-map")
    return page.locator("#chart-map svg path").count()


def test_ranking_page_shows_the_map_with_the_borough_outlined(tab):
    tab.goto("/rank?measure=gun_crime&period=2023&highlight=Barnet")
    assert _map_paths(tab) >= 33 + 32 + 1
    assert tab.locator("#chart-map svg path[stroke='#111111']").count() == 1


def test_area_page_shows_the_map_of_its_first_crime_type(tab):
    tab.goto("/area/Lambeth?measure=knife_crime")
    assert _map_paths(tab) >= 33 + 32 + 1
    assert "Lambeth outlined" in tab.inner_text("figure:has(#chart-map) figcaption")
