"""Hostile text through the whole checker, grounding on: no crash, bounded time, valid JSON.

Generated texts mix long digit runs, impossible dates, thousands of numbers in one sentence and
claim-shaped phrases.  The size caps a hostile text meets say what they left out (the budget's own
tests are in ``test_check_budget.py``).  Each is checked against a real store (borough files, population, register)
and its JSON serialised with ``allow_nan=False``.  Times are not asserted (no timed tests); the
hypothesis deadline only stops a run that hangs.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "rose 12 per cent from 1,200 to 1,344", "up from 67 in 2015", "a third of the 90 burglaries",
    "the third-lowest rate", "31 September 2016", "2017-02-29", "0001-01-01", "last year",
    "9" * 400, "1" * 5000, "18446744073709551617", "1e308", "NaN", "½", "١٢٣٤٥", "£1.2m",
    "one every 57 minutes", "almost doubled", "Barnet", "Westminster", "the 12 months to January 2024",
    "76", "76 76 76 76 76 76 76 76", "-5%", "3.14159265358979", "per 1,000 residents", ";", "\n\n",
]


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
def test_hostile_text_never_crashes_the_grounded_checker(real_fb, pieces, date):
    data = _check(real_fb, " ".join(pieces), date)
    assert set(data) >= {"claims", "summary"}


@pytest.mark.parametrize("repeat", [700, 2000])
def test_thousands_of_numbers_in_one_sentence(real_fb, repeat):
    data = _check(real_fb, " ".join(["76"] * repeat), dt.date(2017, 2, 10))
    assert data["summary"]["claims"] <= repeat
    # The caps are not silent: the sentence and what was left out are named.
    assert any("sentence 1 ('76 76" in n and f"has {repeat:,} numbers" in n and f"{repeat - 60:,} were not" in n
               for n in data["notes"]), data.get("notes")
    assert any(n.startswith("only the first 400 figures were checked against the data") for n in data["notes"])


def test_impossible_dates_and_huge_numbers_give_a_result(real_fb):
    text = ("On 31 September 2016 Barnet recorded " + "9" * 400 + " burglaries, up 5 per cent from "
            "18446744073709551617 on 2017-02-29; last year there were 1,200.")
    data = _check(real_fb, text, dt.date(1, 1, 1))
    assert all(c["verdict"] in ("consistent", "inconsistent", "unverifiable") for c in data["claims"])
