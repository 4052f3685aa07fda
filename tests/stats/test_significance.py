"""compare_counts: the worked examples, the label rule, and cross-checks against SciPy/statsmodels.

Case counts (kept here so the report can quote them): the hypothesis tests run 600 examples
each; the seeded loops run the number of cases named in their ``N_...`` constant.
"""

from __future__ import annotations

import doctest
import json
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import test_poisson_2indep as sm_test_poisson_2indep

from factbeat.stats import intervals, significance, small_numbers, trend
from factbeat.stats.significance import ChangeLabel, compare_counts
from factbeat.stats.small_numbers import SMALL_COUNT_THRESHOLD

EXAMPLES = 600
N_BRUTE_FORCE = 600
N_STATSMODELS = 600
N_E_TEST = 600
N_COVERAGE_DRAWS = 2000

counts = st.integers(min_value=0, max_value=5000)
exposures = st.floats(min_value=0.05, max_value=20.0, allow_nan=False, allow_infinity=False)
slow_ok = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# --- the worked examples in docs/significance.md -------------------------------------------


@pytest.mark.parametrize(
    ("c1", "c2", "p", "low", "high", "label"),
    [
        (7, 32, 7.025e-05, 1.982, 12.27, ChangeLabel.REAL_RISE),  # firearm discharges, Barnet
        (67, 76, 0.5036, 0.8060, 1.600, ChangeLabel.NORMAL_VARIATION),  # gun crime, Barnet
        (384, 690, 7.223e-21, 1.584, 2.041, ChangeLabel.REAL_RISE),  # firearms offences, London
    ],
)
def test_worked_examples(c1, c2, p, low, high, label):
    result = compare_counts(c1, c2)
    assert result.p_value == pytest.approx(p, rel=1e-3)
    assert result.ci_low == pytest.approx(low, rel=1e-3)
    assert result.ci_high == pytest.approx(high, rel=1e-3)
    assert result.label is label
    assert result.rate_ratio == pytest.approx(c2 / c1)


def test_seven_to_thirty_two_is_real_but_flagged_small():
    result = compare_counts(7, 32)
    assert result.small_numbers
    assert result.to_dict()["warning"] == (
        "Based on 7 offences: small numbers vary a lot from year to year."
    )


def test_population_growth_is_taken_into_account():
    # Barnet gun crime 67 -> 76 with the GLA populations for 2015 and 2016.
    result = compare_counts(67, 76, 379_806, 386_198)
    assert result.rate_ratio == pytest.approx((76 / 386_198) / (67 / 379_806))
    assert result.p_value == pytest.approx(
        stats.binomtest(76, 143, 386_198 / (379_806 + 386_198)).pvalue
    )
    assert result.label is ChangeLabel.NORMAL_VARIATION


def test_a_rise_in_count_can_be_no_rise_in_rate():
    # 30 % more offences but also 30 % more people: the rate did not move.
    assert compare_counts(1000, 1300, 1.0, 1.3).label is ChangeLabel.NORMAL_VARIATION
    assert compare_counts(1000, 1300).label is ChangeLabel.REAL_RISE
    # Same count, population halved: the rate doubled.
    assert compare_counts(500, 500, 2.0, 1.0).label is ChangeLabel.REAL_RISE


# --- edge cases ----------------------------------------------------------------------------


def test_both_zero():
    result = compare_counts(0, 0)
    assert result.p_value == 1.0
    assert result.label is ChangeLabel.TOO_FEW
    assert math.isnan(result.rate_ratio)
    assert (result.ci_low, result.ci_high) == (0.0, math.inf)
    as_json = result.to_dict()
    assert as_json["rate_ratio"] is None and as_json["ci_high"] is None
    json.dumps(as_json, allow_nan=False)


def test_rise_from_zero_has_infinite_ratio_and_upper_limit():
    result = compare_counts(0, 12)
    assert result.rate_ratio == math.inf and result.ci_high == math.inf
    assert result.ci_low > 1
    assert result.label is ChangeLabel.REAL_RISE  # p = 0.5 ** 12
    assert result.p_value == pytest.approx(0.5**11)
    assert result.to_dict()["rate_ratio"] is None


def test_fall_to_zero():
    result = compare_counts(12, 0)
    assert result.rate_ratio == 0.0 and result.ci_low == 0.0
    assert result.ci_high < 1
    assert result.label is ChangeLabel.REAL_FALL


@pytest.mark.parametrize("count", [0, 1, 9, 10, 500, 10**6])
def test_equal_counts_are_never_a_change(count):
    result = compare_counts(count, count)
    assert result.p_value == 1.0
    assert result.label in (ChangeLabel.NORMAL_VARIATION, ChangeLabel.TOO_FEW)
    assert result.label is ChangeLabel.TOO_FEW if count < SMALL_COUNT_THRESHOLD else True


def test_huge_counts():
    result = compare_counts(10**9, 10**9 + 10**5)
    assert result.label is ChangeLabel.REAL_RISE  # a 0.01 % rise, but on a billion offences
    assert result.ci_low == pytest.approx(1.0000, abs=1e-4)
    assert result.ci_low < result.rate_ratio < result.ci_high
    assert compare_counts(10**9, 10**9 + 10).label is ChangeLabel.NORMAL_VARIATION


def test_too_few_to_tell_needs_both_counts_small():
    assert compare_counts(3, 6).label is ChangeLabel.TOO_FEW
    assert compare_counts(9, 12).label is ChangeLabel.NORMAL_VARIATION
    assert compare_counts(0, 9).label is ChangeLabel.REAL_RISE  # small, but decisive


def test_label_is_a_str_enum():
    assert compare_counts(7, 32).label == "a real rise"
    assert {label.value for label in ChangeLabel} == {
        "a real rise",
        "a real fall",
        "within normal variation",
        "too few to tell",
    }


def test_other_confidence_levels_move_the_threshold():
    result = compare_counts(100, 127)  # p = 0.084
    assert result.label is ChangeLabel.NORMAL_VARIATION
    at_90 = compare_counts(100, 127, confidence=0.90)
    assert at_90.label is ChangeLabel.REAL_RISE
    assert at_90.ci_low > 1 > result.ci_low


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((-1, 5), ValueError),
        ((5, 7.5), TypeError),
        ((True, 5), TypeError),
        (("7", 5), TypeError),
        ((5, 5, 0.0, 1.0), ValueError),
        ((5, 5, 1.0, math.inf), ValueError),
        ((5, 5, 1.0, -2.0), ValueError),
    ],
)
def test_bad_input_is_rejected(args, error):
    with pytest.raises(error):
        compare_counts(*args)


@pytest.mark.parametrize("confidence", [0, 1, 95, -0.5])
def test_bad_confidence_is_rejected(confidence):
    with pytest.raises(ValueError, match="confidence"):
        compare_counts(5, 6, confidence=confidence)


def test_integral_floats_and_numpy_integers_are_accepted():
    expected = compare_counts(67, 76)
    assert compare_counts(67.0, np.int64(76)) == expected


@pytest.mark.parametrize("module", [significance, intervals, trend, small_numbers])
def test_docstring_examples(module):
    failed, attempted = doctest.testmod(module)
    assert attempted and not failed


def test_importing_the_stats_modules_does_not_import_scipy_or_numpy():
    code = (
        "import sys, factbeat.stats.significance, factbeat.stats.intervals, "
        "factbeat.stats.trend, factbeat.stats.small_numbers; "
        "print(sorted(m for m in ('scipy', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- property: the label rule and JSON safety ----------------------------------------------


@slow_ok
@given(counts, counts, exposures, exposures)
def test_label_follows_the_documented_rule(c1, c2, e1, e2):
    result = compare_counts(c1, c2, e1, e2)
    both_small = c1 < SMALL_COUNT_THRESHOLD and c2 < SMALL_COUNT_THRESHOLD
    if result.p_value < 0.05:
        expected = ChangeLabel.REAL_RISE if c2 / e2 > c1 / e1 else ChangeLabel.REAL_FALL
    elif both_small:
        expected = ChangeLabel.TOO_FEW
    else:
        expected = ChangeLabel.NORMAL_VARIATION
    assert result.label is expected
    assert result.small_numbers == (min(c1, c2) < SMALL_COUNT_THRESHOLD)
    assert result.rule.endswith(".")
    json.dumps(result.to_dict(), allow_nan=False)
    if c1 + c2:
        assert result.ci_low <= result.rate_ratio <= result.ci_high


# --- cross-checks --------------------------------------------------------------------------


@slow_ok
@given(counts, counts, exposures, exposures)
def test_p_value_matches_scipy_binomtest(c1, c2, e1, e2):
    """The wiring: which count is the 'success', and p0 = e2 / (e1 + e2)."""
    if c1 + c2 == 0:
        return
    expected = stats.binomtest(c2, c1 + c2, e2 / (e1 + e2)).pvalue
    # Below 1e-250 SciPy's own tails lose digits (binom.cdf(12, 3470, 0.18698109630682977) is
    # 1.55429e-286 where exact rational arithmetic gives 1.55431e-286), so there only the
    # magnitude is compared; above it, agreement to 9 digits (deep tails such as 1e-167 for 5,000
    # against 5,000 with unequal exposures differ from SciPy in the 12th digit, 1.3e-12 relative).
    assert compare_counts(c1, c2, e1, e2).p_value == pytest.approx(expected, rel=1e-9, abs=1e-250)


def _minlike_p_value(k: int, n: int, p0: float) -> float:
    """Two-sided 'minlike' p-value, written out: the mass of outcomes no likelier than k."""
    pmf = stats.binom.pmf(np.arange(n + 1), n, p0)
    return float(min(1.0, pmf[pmf <= pmf[k] * (1 + 1e-7)].sum()))


def test_p_value_matches_a_brute_force_minlike_sum():
    """Independent of binomtest: sum the binomial pmf over the whole outcome space."""
    rng = np.random.default_rng(20160101)
    for _ in range(N_BRUTE_FORCE):
        c1, c2 = (int(v) for v in rng.integers(0, 300, size=2))
        e1, e2 = rng.uniform(0.2, 5.0, size=2)
        if c1 + c2 == 0:
            continue
        expected = _minlike_p_value(c2, c1 + c2, e2 / (e1 + e2))
        assert compare_counts(c1, c2, e1, e2).p_value == pytest.approx(
            expected, rel=1e-6, abs=1e-14
        )


def test_p_value_matches_statsmodels_exact_conditional_test():
    rng = np.random.default_rng(2015)
    for _ in range(N_STATSMODELS):
        c1, c2 = (int(v) for v in rng.integers(0, 2000, size=2))
        e1, e2 = rng.uniform(0.2, 5.0, size=2)
        if c1 + c2 == 0:
            continue
        expected = sm_test_poisson_2indep(c2, e2, c1, e1, method="exact-cond").pvalue
        assert compare_counts(c1, c2, e1, e2).p_value == pytest.approx(expected, rel=1e-9)


@slow_ok
@given(counts, counts, exposures, exposures, st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_ratio_interval_is_the_mapped_clopper_pearson_interval(c1, c2, e1, e2, confidence):
    n = c1 + c2
    if n == 0:
        return
    result = compare_counts(c1, c2, e1, e2, confidence=confidence)
    ci = stats.binomtest(c2, n).proportion_ci(confidence_level=confidence, method="exact")
    sm_low, sm_high = proportion_confint(c2, n, alpha=1 - confidence, method="beta")
    for p_low, p_high in [(ci.low, ci.high), (sm_low, sm_high)]:
        low = p_low / (1 - p_low) * e1 / e2
        high = math.inf if p_high == 1 else p_high / (1 - p_high) * e1 / e2
        assert result.ci_low == pytest.approx(low, rel=1e-6, abs=1e-300)
        assert result.ci_high == pytest.approx(high, rel=1e-6)


def test_ratio_interval_limits_invert_the_one_sided_exact_tests():
    """At each limit the one-sided binomial tail is exactly alpha/2: what 'exact' means."""
    rng = np.random.default_rng(384)
    for _ in range(500):
        c1, c2 = (int(v) for v in rng.integers(1, 1000, size=2))
        e1, e2 = rng.uniform(0.2, 5.0, size=2)
        result = compare_counts(c1, c2, e1, e2)
        n = c1 + c2
        odds_low, odds_high = result.ci_low * e2 / e1, result.ci_high * e2 / e1
        p_low, p_high = odds_low / (1 + odds_low), odds_high / (1 + odds_high)
        assert stats.binom.sf(c2 - 1, n, p_low) == pytest.approx(0.025, rel=1e-6)
        assert stats.binom.cdf(c2, n, p_high) == pytest.approx(0.025, rel=1e-6)


def test_ratio_interval_covers_the_true_ratio_at_least_95_percent_of_the_time():
    rng = np.random.default_rng(690)
    for mean_from, true_ratio, e1, e2 in [(5, 1.0, 1, 1), (20, 2.0, 1, 1), (60, 0.7, 1.0, 1.3)]:
        c1s = rng.poisson(mean_from * e1, N_COVERAGE_DRAWS)
        c2s = rng.poisson(mean_from * true_ratio * e2, N_COVERAGE_DRAWS)
        results = [compare_counts(int(a), int(b), e1, e2) for a, b in zip(c1s, c2s, strict=True)]
        covered = np.mean([r.ci_low <= true_ratio <= r.ci_high for r in results])
        assert covered >= 0.94  # exact intervals are conservative: nominal 95 %, minus MC noise


def test_decision_agrees_with_scipy_poisson_means_test_on_most_cases():
    """scipy's poisson_means_test is the unconditional E-test (Krishnamoorthy & Thomson 2004).

    It is a different test, a little more powerful than the conditional one, so the two need
    not agree on every borderline case; they must agree on the verdict at 5 % nearly always.
    """
    rng = np.random.default_rng(76)
    agree = total = 0
    for _ in range(N_E_TEST):
        mean, ratio = rng.uniform(2, 150), rng.choice([1.0, 1.0, 1.3, 1.6, 2.0, 0.6])
        e1, e2 = rng.uniform(0.5, 2.0, size=2)
        c1, c2 = int(rng.poisson(mean * e1)), int(rng.poisson(mean * ratio * e2))
        if c1 + c2 == 0:
            continue
        ours = compare_counts(c1, c2, e1, e2).p_value < 0.05
        e_test = stats.poisson_means_test(c2, e2, c1, e1).pvalue < 0.05
        agree += ours == e_test
        total += 1
    assert agree / total >= 0.97


def test_p_value_and_interval_agree_when_exposures_are_equal():
    """With p0 = 1/2 the binomial is symmetric, minlike p = central p, so p < 0.05 exactly
    when the interval excludes 1.  With unequal exposures they can differ near p = 0.05 (see
    docs/significance.md); we check that this stays rare."""
    for c1 in range(0, 121, 3):
        for c2 in range(0, 121):
            if c1 + c2 == 0:
                continue
            result = compare_counts(c1, c2)
            excludes_one = result.ci_low > 1 or result.ci_high < 1
            assert excludes_one == (result.p_value < 0.05), (c1, c2)
    rng = np.random.default_rng(67)
    disagreements = 0
    for _ in range(1000):
        c1, c2 = (int(v) for v in rng.integers(0, 120, size=2))
        e1, e2 = rng.uniform(0.2, 5.0, size=2)
        result = compare_counts(c1, c2, e1, e2)
        excludes_one = result.ci_low > 1 or result.ci_high < 1
        if c1 + c2 and excludes_one != (result.p_value < 0.05):
            disagreements += 1
            assert 0.01 < result.p_value < 0.1
    assert disagreements <= 20


def test_p_exactly_at_the_threshold_is_not_significant():
    from factbeat.stats.small_numbers import alpha_from

    assert alpha_from(0.95) == 0.05  # not 0.050000000000000044
    assert alpha_from(0.9) == 0.1
