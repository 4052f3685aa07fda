"""Hostile text through the whole checker, grounding on: no crash, bounded time, valid JSON.

Generated texts mix long digit runs, impossible dates, thousands of numbers in one sentence and
claim-shaped phrases.  Each is checked against a real store (borough files, population, register)
and its JSON serialised with ``allow_nan=False``.  Times are not asserted (no timed tests); the
hypothesis deadline only stops a run that hangs.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from datafiles import REAL_FILES, need_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "rose 12 per cent from 1,200 to 1,344", "up from 67 in 2015", "a third of the 90 burglaries",
    "the third-lowest rate", "31 September 2016", "2017-02-29", "0001-01-01", "last year",
    "9" * 400, "1" * 5000, "18446744073709551617", "1e308", "NaN", "½", "١٢٣٤٥", "£1.2m",
    "one every 57 minutes", "almost doubled", "Barnet", "Westminster", "the 12 months to January 2024",
    "76", "76 76 76 76 76 76 76 76", "-5%", "3.14159265358979", "per 1,000 residents", ";", "\n\n",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    need_data()
    import factbeat

    path = tmp_path_factory.mktemp("hostile") / "h.duckdb"
    with factbeat.open(path) as fb:
        fb.ingest(REAL_FILES)
    fb = factbeat.open(path, read_only=True)
    yield fb
    fb.close()


def _check(fb, text: str, date: dt.date | None) -> dict:
    from factbeat.claims import check_text
    from factbeat.claims.ground.grounding import ground_result

    result = ground_result(fb, check_text(text, date=date))
    return json.loads(json.dumps(result.to_dict(), allow_nan=False))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60),
    date=st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
def test_hostile_text_never_crashes_the_grounded_checker(store, pieces, date):
    data = _check(store, " ".join(pieces), date)
    assert set(data) >= {"claims", "summary"}


@pytest.mark.parametrize("repeat", [700, 2000])
def test_thousands_of_numbers_in_one_sentence(store, repeat):
    data = _check(store, " ".join(["76"] * repeat), dt.date(2017, 2, 10))
    assert data["summary"]["claims"] <= repeat


def test_impossible_dates_and_huge_numbers_give_a_result(store):
    text = ("On 31 September 2016 Barnet recorded " + "9" * 400 + " burglaries, up 5 per cent from "
            "18446744073709551617 on 2017-02-29; last year there were 1,200.")
    data = _check(store, text, dt.date(1, 1, 1))
    assert all(c["verdict"] in ("consistent", "inconsistent", "unverifiable") for c in data["claims"])
