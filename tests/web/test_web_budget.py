"""The HTTP check has a time budget too: ``budget`` in the JSON body or the form (10 s by
default, at most 60), and a partial result carries its notice in ``notes`` and on the page.
Assertions are on the notices, never on timing."""

from __future__ import annotations

import re

import httpx
import pytest

PARAGRAPH = ("Burglaries in Barnet went up from 2,310 in 2015 to 2,650 in 2016, a rise of 15 per cent. "
             "Robbery in Camden fell by 4% to 1,100 offences last year.\n\n")
STOPPED = re.compile(r"stopped after 1e-06 s: ([\d,]+) of ([\d,]+) sentences checked")


def test_the_api_stops_at_its_budget_with_a_notice(http: httpx.Client) -> None:
    text = PARAGRAPH * 1000  # 150,000 characters, 2,000 sentences
    body = http.post("/api/check", json={"text": text, "budget": 0.000001}).json()
    found = [m for m in map(STOPPED.search, body["notes"]) if m]
    assert found and found[0].group(2) == "2,000", body["notes"]
    assert body["summary"]["sentences"] == 2000
    assert body["summary"]["sentences_checked"] < 2000
    assert all(c["sentence_index"] < body["summary"]["sentences_checked"] for c in body["claims"])


def test_the_api_says_what_the_numbers_cap_left_out(http: httpx.Client) -> None:
    body = http.post("/api/check", json={"text": "Counts: " + " ".join(["12"] * 300) + "."}).json()
    assert any("has 300 numbers: only the first 60 were checked, 240 were not" in n for n in body["notes"]), body


@pytest.mark.parametrize("budget", [0, -1, 61])
def test_a_budget_outside_0_to_60_seconds_is_refused(http: httpx.Client, budget) -> None:
    response = http.post("/api/check", json={"text": PARAGRAPH, "budget": budget})
    assert response.status_code == 422 and "budget" in response.text


def test_the_check_page_shows_the_notices(http: httpx.Client) -> None:
    page = http.post("/check", data={"text": PARAGRAPH * 1000, "budget": "0.000001"})
    assert page.status_code == 200
    notices = re.search(r'<ul class="notices" data-testid="check-notices"[^>]*>(.*?)</ul>', page.text, re.S)
    assert notices and STOPPED.search(notices.group(1)), page.text[:2000]
