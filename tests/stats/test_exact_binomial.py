"""The binomial side of factbeat.stats.exact after its speed-ups: the same answers as before.

compare_counts asks for a two-sided p-value at p = 1/2 and two Clopper-Pearson limits for every
change claim.  These are now twice one tail (no search), Halley steps on Temme's three-term
uniform expansion (from 200 events on each side) or on the exact sum (below), and tails below
2e-291 summed without the subnormal loop's worst case.  Each is held here to SciPy, to the way
it was computed before, and to the exact sums.

Case counts: the small grid has every pair of counts 0..60 (3,721); the large grid 176 pairs up
to ten million; the random loops name their size in ``N_...``.
"""

from __future__ import annotations

import math
import random

import pytest
from scipy import stats

from factbeat.stats import exact
from factbeat.stats.significance import compare_counts

N_BEFORE = 150
N_UNIFORM = 600

SMALL = [(c1, c2) for c1 in range(61) for c2 in range(61) if c1 + c2]
_SIZES = [61, 100, 199, 200, 201, 499, 500, 777, 1000, 1234, 4000, 12_345, 10**5, 654_321, 10**6, 5 * 10**6]
LARGE = sorted(
    {(m, m + d) for m in _SIZES for d in (1, 2, 7, int(math.sqrt(m)), m // 10, m // 3, m)}
    | {(m + d, m) for m in _SIZES for d in (1, int(math.sqrt(m)), m // 3)}
    | {(0, 10**7), (1, 10**7 - 1), (10, 10**7 - 10), (10**7 - 1, 1), (5 * 10**6, 5 * 10**6)}
)


def limits_as_before(k: int, n: int, alpha: float) -> tuple[float, float]:
    """The limits the way they were computed before: bracketed Newton on the exact tails,
    started from Paulson's approximation, to 1e-14."""
    half = alpha / 2

    def upper_tail(t: float) -> float:
        p, q = exact._logistic(t)
        return exact.binom_sf(k - 1, n, p, q) - half

    def lower_tail(t: float) -> float:
        p, q = exact._logistic(t)
        return exact.binom_cdf(k, n, p, q) - half

    def slope_upper(t: float) -> float:
        p, q = exact._logistic(t)
        return n * exact.binom_pmf(k - 1, n - 1, p, q) * p * q

    def slope_lower(t: float) -> float:
        p, q = exact._logistic(t)
        return -n * exact.binom_pmf(k, n - 1, p, q) * p * q

    bound = 2 * math.log(n + 1) + 40
    centre = math.log((k + 0.5) / (n - k + 0.5))
    z = exact._normal_upper_quantile(half)
    low = 0.0 if k == 0 else math.exp(exact._solve(
        upper_tail, slope_upper, -bound, centre + 1,
        exact._beta_log_odds_guess(k, n - k + 1, -z, centre - 1), increasing=True))
    high = math.inf if k == n else math.exp(exact._solve(
        lower_tail, slope_lower, centre - 1, bound,
        exact._beta_log_odds_guess(k + 1, n - k, z, centre + 1), increasing=False))
    return low, high


def scipy_odds_limits(k: int, n: int, alpha: float) -> tuple[float, float]:
    low = stats.beta.ppf(alpha / 2, k, n - k + 1) if k else 0.0
    high = stats.beta.ppf(1 - alpha / 2, k + 1, n - k) if k < n else 1.0
    return low / (1 - low), (math.inf if high == 1.0 else high / (1 - high))


# --- the p-value at p = 1/2 -------------------------------------------------------------------


@pytest.mark.parametrize("pairs", [SMALL, LARGE], ids=["small", "large"])
def test_p_value_at_one_half_matches_scipy_binomtest(pairs):
    for c1, c2 in pairs:
        n = c1 + c2
        expected = stats.binomtest(c2, n, 0.5).pvalue
        got = exact.binom_test_two_sided(c2, n, 0.5)
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-250), (c1, c2)


@pytest.mark.parametrize("pairs", [SMALL, LARGE], ids=["small", "large"])
def test_twice_one_tail_is_what_the_search_finds(pairs):
    for c1, c2 in pairs:
        n = c1 + c2
        got = exact.binom_test_two_sided(c2, n, 0.5)
        assert got == pytest.approx(exact._minlike_search(c2, n, 0.5), rel=1e-10, abs=0), (c1, c2)


def test_p_value_of_close_huge_counts_needs_the_search_and_gets_it():
    # (n - inner) / (inner + 1) within 1e-6 of 1: an outcome between the tails may be within
    # the 1e-7 tolerance, so the symmetric short cut is not taken.
    for c1, c2 in [(2 * 10**6, 2 * 10**6 + 1), (3 * 10**6 + 2, 3 * 10**6)]:
        expected = stats.binomtest(c2, c1 + c2, 0.5).pvalue
        assert exact.binom_test_two_sided(c2, c1 + c2, 0.5) == pytest.approx(expected, rel=1e-9)


def test_subnormal_p_values_are_the_doubles_the_search_gives():
    for c1, c2 in [(40, 1244), (300, 2016), (2000, 5160), (3100, 6820), (4000, 8160)]:
        got = exact.binom_test_two_sided(c2, c1 + c2, 0.5)
        assert 0 < got < 1e-300
        assert got == exact._minlike_search(c2, c1 + c2, 0.5)


# --- the Clopper-Pearson limits ---------------------------------------------------------------


@pytest.mark.parametrize("alpha", [0.05, 0.01, 0.2])
def test_limits_match_scipy_beta_ppf_on_small_counts(alpha):
    for c1, c2 in SMALL[::3] if alpha != 0.05 else SMALL:
        n = c1 + c2
        got = exact.binom_odds_limits(c2, n, alpha)
        for value, expected in zip(got, scipy_odds_limits(c2, n, alpha), strict=True):
            assert value == pytest.approx(expected, rel=1e-9, abs=0), (c1, c2, alpha)


def test_limits_match_scipy_beta_ppf_on_large_counts():
    for c1, c2 in LARGE:
        n = c1 + c2
        low, high = exact.binom_odds_limits(c2, n, 0.05)
        if min(c1, c2) <= 10 and n >= 10**6:
            continue  # beta.ppf loses digits here (1e-9 to 4e-9): see the next test
        s_low, s_high = scipy_odds_limits(c2, n, 0.05)
        assert low == pytest.approx(s_low, rel=1e-9, abs=0), (c1, c2)
        assert high == pytest.approx(s_high, rel=1e-9), (c1, c2)


@pytest.mark.parametrize(("c1", "c2"), [(1, 10**7 - 1), (2, 10**7 - 2), (10**7 - 1, 1), (10, 10**7 - 10)])
def test_limits_at_huge_ratios_invert_the_exact_tails(c1, c2):
    """Where SciPy's beta.ppf is off: the tails at the limits are alpha / 2 (exact sums), and
    one count of 1 has the limit in closed form."""
    n = c1 + c2
    low, high = exact.binom_odds_limits(c2, n, 0.05)
    p_low, p_high = low / (1 + low), high / (1 + high)
    assert exact.binom_sf(c2 - 1, n, p_low, 1 / (1 + low)) == pytest.approx(0.025, rel=1e-9)
    assert exact.binom_cdf(c2, n, p_high, 1 / (1 + high)) == pytest.approx(0.025, rel=1e-9)
    if c1 == 1:  # P(X <= n - 1) = 1 - p^n = 0.025
        q = -math.expm1(math.log(0.975) / n)
        assert high == pytest.approx((1 - q) / q, rel=1e-12)


def test_limits_equal_the_way_before():
    rng = random.Random(2026)
    cases = [(rng.randint(0, 3000), rng.randint(0, 3000)) for _ in range(N_BEFORE)]
    cases += [(rng.randint(150, 250), rng.randint(150, 250)) for _ in range(20)]  # either side of 200
    cases += [(rng.randint(10**4, 2 * 10**5), rng.randint(10**4, 2 * 10**5)) for _ in range(10)]
    for c1, c2 in cases:
        if c1 + c2 == 0:
            continue
        for alpha in (0.05, 0.01):
            got = exact.binom_odds_limits(c2, c1 + c2, alpha)
            before = limits_as_before(c2, c1 + c2, alpha)
            for value, expected in zip(got, before, strict=True):
                assert value == pytest.approx(expected, rel=1e-10, abs=0), (c1, c2, alpha)


@pytest.mark.parametrize("confidence", [0.5, 0.8, 0.9, 0.99, 0.999, 0.999999])
def test_limits_at_other_confidence_levels_equal_the_way_before(confidence):
    """Near the middle (confidence 0.5) the expansion declines and the exact sums are used."""
    alpha = 1 - confidence
    for c1, c2 in [(3, 9), (40, 70), (150, 260), (250, 240), (1200, 3000), (40_000, 41_000), (7, 90_000)]:
        got = exact.binom_odds_limits(c2, c1 + c2, alpha)
        for value, expected in zip(got, limits_as_before(c2, c1 + c2, alpha), strict=True):
            assert value == pytest.approx(expected, rel=1e-10, abs=0), (c1, c2)


@pytest.mark.parametrize("n", [1, 2, 3, 10, 61, 1000, 10**5, 10**7])
def test_limits_for_none_and_all_are_in_closed_form(n):
    half = 0.025
    assert exact.binom_odds_limits(0, n, 0.05)[0] == 0.0
    assert exact.binom_odds_limits(n, n, 0.05)[1] == math.inf
    p_high = 1 - half ** (1 / n)  # P(X <= 0) = (1 - p)^n = alpha / 2
    high = exact.binom_odds_limits(0, n, 0.05)[1]
    assert high == pytest.approx(p_high / (1 - p_high), rel=1e-9)
    low = exact.binom_odds_limits(n, n, 0.05)[0]
    assert low == pytest.approx(1 / high, rel=1e-12)  # the mirror image


# --- the uniform expansion ----------------------------------------------------------------------


def _uniform_cases(rng: random.Random, count: int):
    for _ in range(count):
        smaller = int(10 ** rng.uniform(math.log10(200), math.log10(3 * 10**6)))
        share = rng.choice([0.03, 0.1, 0.3, 0.5, 0.55, 0.6, 0.67, 0.8, 0.9, 0.97])
        if share >= 0.5:
            a, b = max(smaller, round(smaller * share / (1 - share))), smaller
        else:
            a, b = smaller, round(smaller * (1 - share) / share)
        z = rng.choice([1.0, 1.28, 1.645, 1.96, 2.58, 3.29, 5.0, 10.0, 20.0, 35.0])
        yield a, b, z


def test_uniform_expansion_is_within_its_stated_error():
    """Against the exact sum: within 1e-9 relative from 200 events on the smaller side (seen: up
    to 4e-10, in far tails of lopsided counts), and within 5e-11 in the p-value's region, smaller
    side >= 500 and x0 at most 2/3 (seen: up to 2e-11, at millions of events)."""
    rng = random.Random(1979)
    for a, b, z in _uniform_cases(rng, N_UNIFORM):
        r = a + b
        x0 = a / r
        x = x0 - z * math.sqrt(x0 * (1 - x0) / r) * rng.uniform(0.95, 1.05)
        if x <= 0:
            continue
        found = exact._uniform_tail(exact._uniform_constants(a, b), x, 1 - x)
        tail, pmf = exact._tail_and_first(a, r - 1, x, 1 - x)
        if found is None:  # within one standard deviation of the middle, or below 1e-290
            exponent = r * (-x0 * math.log1p((x - x0) / x0) - (1 - x0) * math.log1p((x0 - x) / (1 - x0)))
            assert exponent < 0.5 or exponent > 665
            continue
        bound = 5e-11 if min(a, b) >= 500 and x0 <= 2 / 3 else 1e-9
        assert found[0] == pytest.approx(tail, rel=bound), (a, b, z)
        assert found[1] == pytest.approx(a * (1 - x) * pmf, rel=1e-10), (a, b, z)  # the slope


def test_uniform_expansion_declines_near_the_middle_and_above_it():
    constants = exact._uniform_constants(3000, 2000)
    x0 = 0.6
    sd = math.sqrt(0.24 / 5000)
    assert exact._uniform_tail(constants, x0 - 0.5 * sd, 1 - x0 + 0.5 * sd) is None
    assert exact._uniform_tail(constants, x0 + 2 * sd, 1 - x0 - 2 * sd) is None
    assert exact._uniform_tail(constants, x0 - 2 * sd, 1 - x0 + 2 * sd) is not None


def test_large_counts_take_no_exact_sum(monkeypatch):
    c1, c2 = 1_000_000, 1_004_000  # about 2.8 standard deviations apart
    expected = exact.binom_odds_limits(c2, c1 + c2, 0.05), exact.binom_test_two_sided(c2, c1 + c2, 0.5)

    def no_sums(*args):
        raise AssertionError("summed a tail")

    monkeypatch.setattr(exact, "_tail", no_sums)
    assert exact.binom_odds_limits.__wrapped__(c2, c1 + c2, 0.05) == expected[0]  # not the cache
    assert exact.binom_test_two_sided(c2, c1 + c2, 0.5) == expected[1]
    assert 1e-4 < expected[1] < 0.05


# --- tails in subnormal doubles -----------------------------------------------------------------


def tail_as_before(term: float, i: int, j: int, ratio: float) -> float:
    """The summing loop as it was (integer counters, no special case for tiny tails)."""
    total = term
    while i >= 4:
        t1 = term * (i / (j + 1) * ratio)
        t2 = t1 * ((i - 1) / (j + 2) * ratio)
        t3 = t2 * ((i - 2) / (j + 3) * ratio)
        term = t3 * ((i - 3) / (j + 4) * ratio)
        total = total + t1 + t2 + t3 + term
        if term <= total * exact._STOP:
            return total
        i -= 4
        j += 4
    while i > 0:
        j += 1
        term *= i / j * ratio
        total += term
        if term <= total * exact._STOP:
            break
        i -= 1
    return total


def test_tails_are_the_same_doubles_as_before_and_tiny_ones_too():
    rng = random.Random(315)
    for _ in range(1500):
        i, j = rng.randint(1, 5000), rng.randint(0, 5000)
        ratio = rng.uniform(0.3, 1.2)
        if i / (j + 1) * ratio > 1:
            continue  # the tails start past the mode: terms only shrink
        term = rng.choice([5e-324, 3e-322, 10 ** rng.uniform(-320, -308), 10 ** rng.uniform(-308, -290),
                           10 ** rng.uniform(-290, 0)])
        before = tail_as_before(term, i, j, ratio)
        got = exact._tail(term, i, j, ratio)
        if before < 2.4e-308 or term >= exact._SCALED_BELOW:
            assert got == before, (term, i, j, ratio)
        else:  # summed scaled: exact, where the loop kept subnormal rounding errors
            assert got == pytest.approx(before, rel=1e-9), (term, i, j, ratio)


def test_a_tail_near_1e_315_at_millions_is_the_same_double_as_before():
    # Before, this sum ran for millions of terms, adding the smallest double each time.
    n, k = 3_836_178 + 3_731_827, 3_731_827
    first = exact.binom_pmf(k, n, 0.5, 0.5)
    got = exact.binom_cdf(k, n, 0.5, 0.5)
    assert 0 < got < 1e-300
    assert got == tail_as_before(first, k, n - k, 1.0)


# --- compare_counts at the edges ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("c1", "c2"),
    [(0, 1), (1, 0), (0, 10**7), (10**7, 0), (1, 1), (10**7 // 2, 10**7 // 2), (1, 9_999_999),
     (4_999_999, 5_000_001), (123_456, 123_457), (40, 41), (5000, 10_000), (199, 201), (200, 400)],
)
def test_compare_counts_at_the_edges_matches_scipy(c1, c2):
    result = compare_counts(c1, c2)
    n = c1 + c2
    assert result.p_value == pytest.approx(stats.binomtest(c2, n, 0.5).pvalue, rel=1e-9, abs=1e-250)
    low, high = exact.binom_odds_limits(c2, n, 0.05)
    assert (result.ci_low, result.ci_high) == (low, high)
    if min(c1, c2) > 10:
        s_low, s_high = scipy_odds_limits(c2, n, 0.05)
        assert low == pytest.approx(s_low, rel=1e-9) and high == pytest.approx(s_high, rel=1e-9)
    assert result.ci_low <= result.rate_ratio <= result.ci_high or math.isnan(result.rate_ratio)
