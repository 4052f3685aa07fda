"""Property tests: the checker never crashes, and generated change sentences get the right verdict."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factbeat.claims import Verdict, check_text

SUBJECTS = ["Burglary", "Knife crime", "Gun crime in the borough", "Reported robberies",
            "Vehicle theft", "Shoplifting", "Recorded violence"]  # fmt: skip
NUMBERISH = ["76", "1,400", "12.5", "13 per cent", "13%", "rose", "fell", "from", "to", "up",
             "down", "doubled", "almost", "one sixth", "a third of", "2016", "11am", "February 12",
             "per 1,000", "a total of", "third-lowest", "of the", ",", ".", "\n\n", "“", "”",
             "seventy-six", "half", "one in five", "times", "percentage points", "£1.2m", "0"]  # fmt: skip


def _round_half_up(value: Fraction) -> int:
    return int((Decimal(value.numerator) / Decimal(value.denominator)).quantize(0, ROUND_HALF_UP))


def _percent_claim(text: str):
    claims = [c for c in check_text(text).claims if c.kind.value == "percent_change"]
    assert len(claims) == 1, [c.to_dict() for c in check_text(text).claims]
    return claims[0]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
@example("")
@example("1,,,2..3%%% per per cent from to from to")
@example("\u2028\u2029\x00½ ⅓ ١٢٣ 12\u00a0000")
def test_arbitrary_text_never_raises(text):
    result = check_text(text)
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert set(data) == {"claims", "summary"}
    for claim in result.claims:
        start, end = claim.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == claim.text


@settings(max_examples=200)
@given(st.lists(st.sampled_from(NUMBERISH) | st.text(max_size=5), max_size=40))
def test_number_soup_never_raises(tokens):
    text = " ".join(tokens)
    result = check_text(text)
    assert result.summary["claims"] == len(result.claims)


@settings(max_examples=200)
@given(
    subject=st.sampled_from(SUBJECTS),
    start=st.integers(min_value=1, max_value=500_000),
    rise=st.integers(min_value=1, max_value=500_000),
    noun=st.sampled_from(["a rise of", "an increase of", "up"]),
)
def test_correctly_rounded_rise_is_consistent(subject, start, rise, noun):
    end = start + rise
    percent = _round_half_up(Fraction(rise * 100, start))
    text = f"{subject} rose from {start:,} to {end:,}, {noun} {percent:,} per cent."
    claim = _percent_claim(text)
    assert claim.verdict == Verdict.CONSISTENT, claim.explanation


@settings(max_examples=200)
@given(
    subject=st.sampled_from(SUBJECTS),
    start=st.integers(min_value=1, max_value=500_000),
    rise=st.integers(min_value=1, max_value=500_000),
    off=st.integers(min_value=2, max_value=60) | st.integers(min_value=-60, max_value=-2),
)
def test_rise_off_by_more_than_the_tolerance_is_inconsistent(subject, start, rise, off):
    end = start + rise
    percent = _round_half_up(Fraction(rise * 100, start)) + off
    if percent < 0:
        percent = -percent + 2 * abs(off)
    text = f"{subject} rose from {start:,} to {end:,}, a rise of {percent:,} per cent."
    claim = _percent_claim(text)
    assert claim.verdict == Verdict.INCONSISTENT, claim.explanation


@settings(max_examples=150)
@given(
    subject=st.sampled_from(SUBJECTS),
    start=st.integers(min_value=2, max_value=500_000),
    data=st.data(),
)
def test_correctly_rounded_fall_is_consistent(subject, start, data):
    end = data.draw(st.integers(min_value=1, max_value=start - 1))
    percent = _round_half_up(Fraction((start - end) * 100, start))
    text = f"{subject} fell from {start:,} to {end:,}, a fall of {percent:,} per cent."
    claim = _percent_claim(text)
    assert claim.verdict == Verdict.CONSISTENT, claim.explanation


@settings(max_examples=100)
@given(
    start=st.integers(min_value=1, max_value=100_000),
    rise=st.integers(min_value=1, max_value=100_000),
)
def test_a_rise_stated_for_a_fall_is_inconsistent(start, rise):
    text = f"Robberies fell from {start + rise:,} to {start:,}, a rise of 5 per cent."
    assert _percent_claim(text).verdict == Verdict.INCONSISTENT
