"""The borough choropleth: its spec, an offline PNG, and the drawing looked at in real Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from datafiles import DATA, ROOT

from factbeat.sources.boundaries import read_boundaries

BOUNDARIES = DATA / "london-borough-boundaries" / "london-2021-lad22-gen20.geojson"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture()
def gun_map(fb_london):
    return fb_london.borough_map("gun crime", "2023", highlight="Barnet", mirror=str(DATA))


def test_every_borough_is_drawn_and_coloured_by_its_rate(fb_london, gun_map):
    shapes = gun_map["data"]["values"]
    assert len(shapes) == 33
    ranking = fb_london.rank("gun crime", "2023")
    barnet = next(s for s in shapes if s["properties"]["code"] == "E09000003")
    row = ranking.position(fb_london.area("Barnet"))
    assert barnet["properties"]["value"] == pytest.approx(row.rate_per_1000 * 100, abs=0.01)  # per 100,000 (from the rounded JSON)
    assert barnet["properties"]["highlight"] and barnet["properties"]["rank"] == row.rank
    city = next(s for s in shapes if s["properties"]["code"] == "E09000001")
    assert city["properties"]["value"] is None  # grey: policed by the City of London Police
    fill, outline = gun_map["layer"][1], gun_map["layer"][2]
    assert fill["encoding"]["color"]["scale"]["type"] == "quantile"
    assert fill["encoding"]["color"]["title"] == "per 100,000 residents"
    assert outline["mark"]["stroke"] and outline["transform"] == [{"filter": "datum.properties.highlight"}]
    assert gun_map["title"]["text"] == "Gun crime, 2023: per 100,000 residents"


def test_exterior_rings_are_wound_for_d3():
    """A ring wound the RFC 7946 way would fill the whole world except the borough."""
    for feature in read_boundaries(BOUNDARIES):
        for polygon in feature["geometry"]["coordinates"]:
            ring = polygon[0]
            area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))
            assert area < 0


def test_a_bad_boundary_file_is_named(tmp_path):
    from factbeat.errors import InputFileError

    bad = tmp_path / "b.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"properties": {}, "geometry": null}]}', encoding="utf-8")
    with pytest.raises(InputFileError, match="feature 1 has no area code"):
        read_boundaries(bad)


def test_map_command_writes_a_png_offline(london_store, tmp_path):
    from factbeat.cli import cli

    target = tmp_path / "knife.png"
    result = CliRunner().invoke(cli, ["--db", str(london_store), "map", "knife crime", "2024", "--highlight", "Lambeth",
                                      "--png", str(target), "--mirror", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "Knife crime, 2024: per 1,000 residents: map written to" in result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_the_map_in_chromium(gun_map):
    """Render the map's SVG in a page in headless Chromium, count the shapes, keep a screenshot."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium at /usr/bin/chromium")
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    from factbeat.report.maps import to_svg

    svg = to_svg(gun_map)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 900, "height": 700})
        page.route("**/*", lambda route: route.abort())  # nothing may be fetched
        page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
        paths = page.locator("svg path").count()
        outlined = page.locator("svg path[stroke='#111111']").count()
        box = page.locator("svg").bounding_box()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "london-map-gun-crime-2023.png"), full_page=True)
        browser.close()
    assert paths >= 33 + 32 + 1  # grey base shapes, coloured boroughs, the outline
    assert outlined == 1
    assert box["width"] > 600 and box["height"] > 450
