"""rate_interval and indistinguishable_ranks, cross-checked against SciPy and statsmodels."""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.rates import confint_poisson

from factbeat.stats.intervals import RateInterval, indistinguishable_ranks, rate_interval

EXAMPLES = 600
N_COVERAGE_DRAWS = 4000
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

counts = st.integers(min_value=0, max_value=100_000)
populations = st.floats(min_value=100.0, max_value=1e7, allow_nan=False)
confidences = st.sampled_from([0.8, 0.9, 0.95, 0.99])


def test_barnet_gun_crime_rate():
    result = rate_interval(76, 386_198)
    assert result.rate == pytest.approx(0.19679, rel=1e-4)
    assert (result.low, result.high) == (
        pytest.approx(0.15505, rel=1e-4),
        pytest.approx(0.24630, rel=1e-4),
    )
    assert not result.small_numbers and result.warning is None


def test_zero_count_has_a_positive_upper_limit():
    result = rate_interval(0, 10_000)
    assert result.rate == 0 and result.low == 0
    assert result.high == pytest.approx(-math.log(0.025) / 10_000 * 1000)  # 3.689 per 10,000
    assert result.small_numbers
    assert result.to_dict()["warning"].startswith("No offences recorded")


def test_small_count_carries_its_warning_into_json():
    as_json = rate_interval(7, 50_000).to_dict()
    assert as_json["small_numbers"] is True
    assert as_json["warning"] == "Based on 7 offences: small numbers vary a lot from year to year."
    json.dumps(as_json, allow_nan=False)


def test_per_changes_only_the_scale():
    per_1000 = rate_interval(250, 200_000)
    per_100k = rate_interval(250, 200_000, per=100_000)
    for a, b in [(per_1000.rate, per_100k.rate), (per_1000.low, per_100k.low)]:
        assert b == pytest.approx(a * 100)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((-1, 1000), ValueError),
        ((5, 0), ValueError),
        ((5, 1000, 0), ValueError),
        ((2.5, 10), TypeError),
    ],
)
def test_bad_input_is_rejected(args, error):
    with pytest.raises(error):
        rate_interval(*args)


def test_bad_confidence_is_rejected():
    with pytest.raises(ValueError, match="confidence"):
        rate_interval(5, 1000, confidence=1.5)


# --- cross-checks --------------------------------------------------------------------------


@settings(max_examples=EXAMPLES, deadline=None)
@given(counts, populations, confidences)
def test_interval_matches_statsmodels_exact_poisson_interval(count, population, confidence):
    result = rate_interval(count, population, confidence=confidence)
    low, high = confint_poisson(count, population / 1000, method="exact-c", alpha=1 - confidence)
    assert result.low == pytest.approx(0.0 if count == 0 else low, rel=1e-9, abs=1e-300)
    assert result.high == pytest.approx(high, rel=1e-9)
    assert result.low <= result.rate <= result.high
    json.dumps(result.to_dict(), allow_nan=False)


@settings(max_examples=EXAMPLES, deadline=None)
@given(counts, populations, confidences)
def test_limits_invert_the_poisson_tails(count, population, confidence):
    """The exact limits are the means at which each one-sided Poisson tail equals alpha/2."""
    result = rate_interval(count, population, confidence=confidence)
    half_alpha = (1 - confidence) / 2
    scale = population / 1000
    assert stats.poisson.cdf(count, result.high * scale) == pytest.approx(half_alpha, rel=1e-7)
    if count:
        assert stats.poisson.sf(count - 1, result.low * scale) == pytest.approx(
            half_alpha, rel=1e-7
        )
    # ... and the same numbers through the gamma form of the relationship
    assert result.high * scale == pytest.approx(stats.gamma.ppf(1 - half_alpha, count + 1))


def test_interval_covers_the_true_rate_at_least_95_percent_of_the_time():
    rng = np.random.default_rng(1000)
    for true_mean in [0.5, 3, 8, 25, 140]:
        draws = rng.poisson(true_mean, N_COVERAGE_DRAWS)
        covered = np.mean(
            [(r := rate_interval(int(k), 1000)).low <= true_mean <= r.high for k in draws]
        )
        assert covered >= 0.94


# --- indistinguishable ranks ---------------------------------------------------------------


def _row(rank: int, low: float, high: float) -> tuple[int, RateInterval]:
    """A ranked row with a hand-made interval, so the overlaps are obvious to the reader."""
    mid = (low + high) / 2
    return rank, RateInterval(mid, low, high, 100, 1000.0, 1000, False)


LADDER = [
    _row(1, 1.0, 2.0),
    _row(2, 2.5, 3.5),
    _row(3, 3.0, 4.0),
    _row(4, 3.2, 4.2),
    _row(5, 3.9, 4.9),
    _row(6, 3.95, 6.0),
    _row(7, 6.5, 7.5),
]


@pytest.mark.parametrize(
    ("position", "expected"),
    [(0, (1, 1)), (1, (2, 4)), (2, (2, 6)), (3, (2, 6)), (6, (7, 7))],
)
def test_indistinguishable_ranks_on_a_ladder(position, expected):
    assert indistinguishable_ranks(LADDER, position) == expected


def test_band_is_contiguous_even_if_a_wide_interval_further_away_overlaps():
    rows = [_row(1, 1.0, 2.0), _row(2, 2.5, 3.0), _row(3, 1.5, 9.0)]
    assert indistinguishable_ranks(rows, 0) == (1, 1)  # row 3 overlaps row 1, row 2 does not


def test_tied_ranks_are_reported_as_given():
    rows = [_row(1, 1.0, 2.0), _row(2, 1.9, 3.0), _row(2, 1.9, 3.0), _row(4, 2.9, 4.0)]
    assert indistinguishable_ranks(rows, 1) == (1, 4)
    assert indistinguishable_ranks(rows, 0) == (1, 2)


@pytest.mark.parametrize("position", [-1, 7])
def test_position_out_of_range(position):
    with pytest.raises(IndexError):
        indistinguishable_ranks(LADDER, position)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=33),
    st.data(),
)
def test_band_against_a_brute_force_definition(borough_counts, data):
    intervals = sorted((rate_interval(c, 20_000) for c in borough_counts), key=lambda r: r.rate)
    ranks = [1 + sum(other.rate < r.rate for other in intervals) for r in intervals]
    rows = list(zip(ranks, intervals, strict=True))
    position = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    first, last = indistinguishable_ranks(rows, position)
    target = intervals[position]
    overlapping = [r.low <= target.high and target.low <= r.high for r in intervals]
    # brute force: grow the run of overlapping rows around the position
    lo = hi = position
    while lo > 0 and overlapping[lo - 1]:
        lo -= 1
    while hi < len(rows) - 1 and overlapping[hi + 1]:
        hi += 1
    assert (first, last) == (ranks[lo], ranks[hi])
    assert first <= ranks[position] <= last


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data")
def test_real_london_violence_ranking_2016():
    """Violence against the person per 1,000, 2016 (legacy MPS categories, GLA population).

    Barnet is 6th-lowest of the 32 boroughs, indistinguishable from 6th-8th (Merton, Bromley).
    """
    population = {}
    with open(SHARED / "london-borough-population/london_borough_population_2008_2024.csv") as f:
        for row in csv.DictReader(f):
            if row["year"] == "2016":
                population[row["name"]] = int(row["population"])
    counts: dict[str, int] = defaultdict(int)
    path = SHARED / "mps-borough-crime-historic/MPS_Borough_Level_Crime_Historic.csv"
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["Major Category"] == "Violence Against the Person":
                counts[row["Borough"]] += sum(
                    int(v) for k, v in row.items() if k.startswith("2016")
                )
    table = sorted(
        ((name, rate_interval(c, population[name])) for name, c in counts.items()),
        key=lambda item: item[1].rate,
    )
    rows = [(rank, interval) for rank, (_, interval) in enumerate(table, start=1)]
    barnet = [name for name, _ in table].index("Barnet")
    assert barnet + 1 == 6
    assert table[barnet][1].count == 7631
    assert indistinguishable_ranks(rows, barnet) == (6, 8)
