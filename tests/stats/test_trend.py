"""fit_trend: IRLS in numpy, checked against statsmodels' GLM (Poisson and quasi-Poisson)."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from factbeat.stats.trend import TrendDirection, fit_trend

N_GLM_CASES = 600


def _statsmodels_fits(counts, exposures):
    """Plain Poisson fit and quasi-Poisson fit (Pearson scale, t on n - 2 df) from statsmodels."""
    x = np.arange(len(counts), dtype=float)
    design = sm.add_constant(x - x.mean())
    model = sm.GLM(
        np.asarray(counts, float), design, family=sm.families.Poisson(), offset=np.log(exposures)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(tol=1e-12), model.fit(tol=1e-12, scale="X2", use_t=True)


def _generated_series(rng):
    n = int(rng.integers(3, 16))
    exposures = rng.uniform(0.5, 3.0) * np.exp(rng.normal(0, 0.1, n).cumsum())
    mean = rng.uniform(0.8, 3000) * exposures * np.exp(rng.normal(0, 0.15) * np.arange(n))
    if rng.random() < 0.5:  # overdispersed: a gamma-mixed (negative binomial) count
        mean = mean * rng.gamma(4.0, 0.25, n)
    return [int(c) for c in rng.poisson(mean)], exposures


def test_matches_statsmodels_glm_on_generated_series():
    rng = np.random.default_rng(2008)
    checked = quasi = 0
    for _ in range(N_GLM_CASES):
        counts, exposures = _generated_series(rng)
        positive = np.flatnonzero(counts)
        if len(positive) <= 1:
            continue  # all offences in one period: no finite slope (tested separately)
        trend = fit_trend(list(range(2000, 2000 + len(counts))), counts, exposures)
        plain, scaled = _statsmodels_fits(counts, exposures)
        assert trend.slope == pytest.approx(plain.params[1], rel=1e-6, abs=1e-9)
        assert trend.dispersion == pytest.approx(plain.pearson_chi2 / plain.df_resid, rel=1e-5)
        reference = scaled if trend.overdispersed else plain
        quasi += trend.overdispersed
        assert trend.std_error == pytest.approx(reference.bse[1], rel=1e-5)
        assert trend.p_value == pytest.approx(reference.pvalues[1], rel=1e-4, abs=1e-12)
        low, high = reference.conf_int()[1]
        assert trend.ci_low_pct == pytest.approx(100 * math.expm1(low), rel=1e-5, abs=1e-6)
        assert trend.ci_high_pct == pytest.approx(100 * math.expm1(high), rel=1e-5, abs=1e-6)
        assert trend.annual_change_pct == pytest.approx(100 * math.expm1(plain.params[1]), abs=1e-6)
        json.dumps(trend.to_dict(), allow_nan=False)
        checked += 1
    assert checked >= 0.95 * N_GLM_CASES
    assert 0.2 * checked < quasi < 0.9 * checked  # both branches well exercised


def test_steady_rise_is_rising():
    trend = fit_trend([2012, 2013, 2014, 2015, 2016], [40, 52, 61, 75, 90])
    assert trend.direction is TrendDirection.RISING
    assert trend.annual_change_pct == pytest.approx(21.73, abs=0.01)
    assert not trend.overdispersed and trend.method == "Poisson regression"


def test_erratic_series_is_widened_and_not_a_trend():
    trend = fit_trend([2012, 2013, 2014, 2015, 2016], [7, 32, 5, 40, 3])
    assert trend.overdispersed and trend.dispersion > 20
    assert trend.method.startswith("quasi-Poisson")
    assert trend.direction is TrendDirection.NO_CLEAR_TREND


def test_population_growth_turns_flat_counts_into_a_falling_rate():
    years = list(range(2008, 2017))
    counts = [1000] * len(years)
    assert fit_trend(years, counts).direction is TrendDirection.NO_CLEAR_TREND
    growing = [300_000 * 1.05**i for i in range(len(years))]
    trend = fit_trend(years, counts, growing)
    assert trend.direction is TrendDirection.FALLING
    assert trend.annual_change_pct == pytest.approx(100 * (1 / 1.05 - 1), rel=1e-9)


def test_string_periods_are_taken_in_order():
    trend = fit_trend(["2014-15", "2015-16", "2016-17"], [100, 120, 144])
    assert trend.annual_change_pct == pytest.approx(20.0, rel=1e-9)
    assert trend.to_dict()["periods"] == ["2014-15", "2015-16", "2016-17"]


def test_numpy_periods_and_counts_are_json_safe():
    trend = fit_trend(np.arange(2014, 2017), np.array([100, 120, 144]), np.array([1.0, 1.0, 1.0]))
    assert trend.periods == (2014, 2015, 2016)
    assert json.loads(json.dumps(trend.to_dict(), allow_nan=False))["periods"] == [2014, 2015, 2016]


def test_real_series_barnet_rape_2008_2016():
    # Barnet, "Sexual Offences / Rape", legacy MPS categories, calendar years 2008-2016,
    # with the GLA population estimates for Barnet as exposures.
    counts = [44, 80, 102, 90, 85, 115, 146, 162, 199]
    population = [339212, 345829, 351438, 357653, 364071, 369203, 375030, 379806, 386198]
    years = list(range(2008, 2017))
    in_counts, in_rate = fit_trend(years, counts), fit_trend(years, counts, population)
    assert in_counts.annual_change_pct == pytest.approx(15.93, abs=0.01)
    assert in_rate.annual_change_pct == pytest.approx(14.11, abs=0.01)  # population grew too
    assert (in_rate.ci_low_pct, in_rate.ci_high_pct) == (
        pytest.approx(8.79, abs=0.01),
        pytest.approx(19.69, abs=0.01),
    )
    assert in_rate.direction is TrendDirection.RISING
    assert in_rate.overdispersed


def test_huge_counts_converge():
    counts = [10_000_000, 10_100_000, 10_201_000, 10_303_010]
    trend = fit_trend([1, 2, 3, 4], counts)
    assert trend.annual_change_pct == pytest.approx(1.0, rel=1e-6)
    assert trend.direction is TrendDirection.RISING


@pytest.mark.parametrize(
    ("counts", "direction", "change"),
    [([0, 0, 8], TrendDirection.RISING, None), ([8, 0, 0, 0], TrendDirection.FALLING, -100.0)],
)
def test_all_offences_in_an_end_period(counts, direction, change):
    """The slope is infinite; the p-value comes from the likelihood-ratio test, no interval."""
    trend = fit_trend(list(range(len(counts))), counts)
    assert trend.direction is direction
    as_json = trend.to_dict()
    assert as_json["annual_change_pct"] == change
    assert as_json["ci_low_pct"] is None and as_json["ci_high_pct"] is None
    json.dumps(as_json, allow_nan=False)
    # statsmodels drifts towards the infinite slope; its log-likelihood converges all the same
    plain, _ = _statsmodels_fits(counts, np.ones(len(counts)))
    null = sm.GLM(
        np.asarray(counts, float), np.ones((len(counts), 1)), family=sm.families.Poisson()
    )
    statistic = 2 * (plain.llf - null.fit().llf)
    assert trend.p_value == pytest.approx(stats.chi2.sf(statistic, 1), rel=1e-6)


def test_no_offences_at_all():
    trend = fit_trend([2014, 2015, 2016], [0, 0, 0])
    assert trend.direction is TrendDirection.NO_CLEAR_TREND
    assert trend.p_value == 1.0
    assert trend.small_numbers
    json.dumps(trend.to_dict(), allow_nan=False)


def test_small_numbers_flag():
    assert fit_trend([1, 2, 3], [12, 9, 15]).small_numbers
    assert not fit_trend([1, 2, 3], [12, 10, 15]).small_numbers


@pytest.mark.parametrize(
    ("periods", "counts", "exposures", "message"),
    [
        ([2015, 2016], [7, 32], None, "at least 3 periods"),
        ([2014, 2015, 2016], [1, 2], None, "2 counts for 3 periods"),
        ([2014, 2015, 2016], [1, 2, 3], [1.0, 1.0], "2 exposures"),
        ([2014, 2015, 2017], [1, 2, 3], None, "equally spaced"),
        ([2016, 2015, 2014], [1, 2, 3], None, "increasing"),
        (["a", "b", "a"], [1, 2, 3], None, "repeat"),
        ([1, 2, 3], [1, -2, 3], None, "negative"),
        ([1, 2, 3], [1, 2, 3], [1.0, 0.0, 1.0], "positive"),
    ],
)
def test_bad_input_is_rejected(periods, counts, exposures, message):
    with pytest.raises(ValueError, match=message):
        fit_trend(periods, counts, exposures)
