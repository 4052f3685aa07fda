"""Exact binomial and Poisson tails in plain Python: the arithmetic under the significance tests.

Why not SciPy: importing ``scipy.stats`` costs a command about a second of CPU, and even
``scipy.special`` a quarter of one, which is most of what ``factbeat change`` or ``rank`` would
spend.  The tests need only a few functions: the binomial and Poisson probability of one outcome,
their tails, and the parameter at which a tail equals a given probability.  These are computed
here to about 1e-13 relative error (the tests hold them to SciPy, statsmodels and brute force).

* One outcome's probability uses Loader's saddle-point form (``stirlerr`` and ``bd0``, as in R's
  ``dbinom`` and ``dpois``), which stays accurate for counts in the hundreds of thousands where
  ``lgamma`` differences lose digits.
* A tail is summed outward from its inner end, each term from the last by the ratio of
  neighbouring probabilities, until the terms stop mattering.  The inner end is always on the
  far side of the mode from the bulk, so the terms only shrink.
* A limit (the mean or proportion at which a tail equals alpha/2) is found by Newton's method
  inside a bracket that halves whenever a step would leave it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

_LN_2PI = math.log(2 * math.pi)
_LN_SQRT_2PI = 0.5 * _LN_2PI
_STOP = 1e-17  # a term below this share of the sum no longer changes a double
_TOLERANCE = 1e-14  # relative: a limit this close is exact for every purpose here (tests ask 1e-9)
_QUADRATIC = 1e-8  # a Newton correction below this (relative) leaves an error near its square


def _stirlerr(n: float) -> float:
    """log(n!) - log(sqrt(2 pi n) (n/e)^n): the error of Stirling's formula (Loader 2000)."""
    if n <= 15:
        return math.lgamma(n + 1) - (n + 0.5) * math.log(n) + n - _LN_SQRT_2PI
    nn = n * n
    s0, s1, s2, s3, s4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188
    if n > 500:
        return (s0 - s1 / nn) / n
    if n > 80:
        return (s0 - (s1 - s2 / nn) / nn) / n
    if n > 35:
        return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n


def _bd0(x: float, mean: float) -> float:
    """x log(x / mean) + mean - x, without the cancellation when x is close to mean."""
    if abs(x - mean) < 0.1 * (x + mean):
        v = (x - mean) / (x + mean)
        s = (x - mean) * v
        ej = 2 * x * v
        v2 = v * v
        for j in range(1, 1000):
            ej *= v2
            s1 = s + ej / (2 * j + 1)
            if s1 == s:
                return s1
            s = s1
    return x * math.log(x / mean) + mean - x


def binom_pmf(k: int, n: int, p: float, q: float | None = None) -> float:
    """P(X = k) for X ~ Binomial(n, p); ``q`` is 1 - p (pass it when it is known more exactly)."""
    q = 1.0 - p if q is None else q
    if k < 0 or k > n:
        return 0.0
    if n == 0:
        return 1.0
    if p == 0.0 or q == 0.0:
        return float(k == (0 if p == 0.0 else n))
    if k == 0:
        return math.exp(-_bd0(n, n * q) - n * p if p < 0.1 else n * math.log(q))
    if k == n:
        return math.exp(-_bd0(n, n * p) - n * q if q < 0.1 else n * math.log(p))
    lc = _stirlerr(n) - _stirlerr(k) - _stirlerr(n - k) - _bd0(k, n * p) - _bd0(n - k, n * q)
    lf = _LN_2PI + math.log(k) + math.log1p(-k / n)
    return math.exp(lc - 0.5 * lf)


def binom_cdf(k: int, n: int, p: float, q: float | None = None) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    q = 1.0 - p if q is None else q
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if k > math.floor((n + 1) * p):  # the tail holds the mode: take the other one
        return 1.0 - binom_sf(k, n, p, q)
    # P(X = i - 1) = P(X = i) * i q / ((n - i + 1) p), for i = k, k - 1, ..., 1
    return _tail(binom_pmf(k, n, p, q), k, n - k, q / p)


def binom_sf(k: int, n: int, p: float, q: float | None = None) -> float:
    """P(X > k) for X ~ Binomial(n, p)."""
    q = 1.0 - p if q is None else q
    first = k + 1
    if first > n:
        return 0.0
    if first <= 0:
        return 1.0
    if first < math.floor((n + 1) * p):
        return 1.0 - binom_cdf(k, n, p, q)
    # P(X = i + 1) = P(X = i) * (n - i) p / ((i + 1) q), for i = first, ..., n - 1
    return _tail(binom_pmf(first, n, p, q), n - first, first, p / q)


def _tail(term: float, i: int, j: int, ratio: float) -> float:
    """``term`` plus the terms after it, each the last times ``i / (j + 1) * ratio`` with ``i``
    counting down to 1 and ``j`` up, until a term no longer changes the sum: a binomial tail summed
    outward from its inner end.  Four terms a round (the loop's own cost was most of the time):
    the terms only shrink, and one at most ``_STOP`` of the sum no longer changes the float
    (below half a unit in its last place), so checking every fourth gives the sum that checking
    each would, to the last bit."""
    total = term
    stop = _STOP
    while i >= 4:
        t1 = term * (i / (j + 1) * ratio)
        t2 = t1 * ((i - 1) / (j + 2) * ratio)
        t3 = t2 * ((i - 2) / (j + 3) * ratio)
        term = t3 * ((i - 3) / (j + 4) * ratio)
        total = total + t1 + t2 + t3 + term
        if term <= total * stop:
            return total
        i -= 4
        j += 4
    while i > 0:
        j += 1
        term *= i / j * ratio
        total += term
        if term <= total * stop:
            break
        i -= 1
    return total


def poisson_pmf(k: int, mean: float) -> float:
    """P(X = k) for X ~ Poisson(mean)."""
    if k < 0:
        return 0.0
    if k == 0 or mean == 0.0:
        return math.exp(-mean) if k == 0 else 0.0
    return math.exp(-_stirlerr(k) - _bd0(k, mean)) / math.sqrt(2 * math.pi * k)


def poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean)."""
    if k < 0:
        return 0.0
    if k > math.floor(mean):
        return 1.0 - poisson_sf(k, mean)
    term = total = poisson_pmf(k, mean)
    i = k
    # P(X = i - 1) = P(X = i) * i / mean, four terms a turn (a tail near 30,000 has about 1,500).
    # Checking the stop once a turn adds at most three terms past it, each below a millionth of
    # an ulp of the total, so the sum is the same double as term by term.
    while i >= 4:
        t1 = term * (i / mean)
        t2 = t1 * ((i - 1) / mean)
        t3 = t2 * ((i - 2) / mean)
        term = t3 * ((i - 3) / mean)
        total += t1
        total += t2
        total += t3
        total += term
        i -= 4
        if term <= total * _STOP:
            return total
    for j in range(i, 0, -1):
        term *= j / mean
        total += term
        if term <= total * _STOP:
            break
    return total


def poisson_sf(k: int, mean: float) -> float:
    """P(X > k) for X ~ Poisson(mean)."""
    first = k + 1
    if first <= 0:
        return 1.0
    if first < math.floor(mean):
        return 1.0 - poisson_cdf(k, mean)
    term = total = poisson_pmf(first, mean)
    i = first
    while term > total * _STOP:  # P(X = i + 1) = P(X = i) * mean / (i + 1), four a turn as above
        t1 = term * (mean / (i + 1))
        t2 = t1 * (mean / (i + 2))
        t3 = t2 * (mean / (i + 3))
        term = t3 * (mean / (i + 4))
        total += t1
        total += t2
        total += t3
        total += term
        i += 4
    return total


def _solve(f: Callable[[float], float], slope: Callable[[float], float], lo: float, hi: float,
           start: float, *, increasing: bool) -> float:
    """The root of the monotone ``f`` in [lo, hi], by Newton's method kept inside the bracket."""
    x = min(max(start, lo), hi)
    for _ in range(200):
        fx = f(x)
        if fx == 0.0:
            return x
        if (fx > 0) == increasing:
            hi = x
        else:
            lo = x
        d = slope(x)
        step = x - fx / d if d else math.nan
        if step == x:  # the correction is below one unit in the last place
            return x
        newton = lo < step < hi
        x_new = step if newton else 0.5 * (lo + hi)
        scale = max(abs(x), 1e-300)
        if abs(x_new - x) <= _TOLERANCE * scale or hi - lo <= _TOLERANCE * max(abs(hi), 1e-300):
            return x_new
        if newton and abs(x_new - x) <= _QUADRATIC * scale:
            # Newton's error squares with each step: after a correction this small the next would
            # be far below _TOLERANCE, so the tail need not be summed once more to see it.
            return x_new
        x = x_new
    return x


_UNIFORM_FROM = 100  # from this count on, start Newton from Temme's uniform approximation (below)


@lru_cache(maxsize=8192)  # a ranking by rate asks for the same counts in both orders
def poisson_mean_limits(k: int, alpha: float) -> tuple[float, float]:
    """The exact (Garwood) two-sided 1 - alpha limits for a Poisson mean, having seen ``k``:
    the means at which P(X >= k) and P(X <= k) equal alpha / 2 (the lower limit is 0 for k = 0).
    These are chi2.ppf(alpha/2, 2k)/2 and chi2.ppf(1 - alpha/2, 2k + 2)/2.

    Each exact tail is a sum of about 9 sqrt(k) terms, so the cost is in how many Newton steps
    need one.  Wilson-Hilferty's guesses are within 1e-6 to 1e-8 of the limit, and Newton then
    needs two or three tails; from ``k`` = 100 on, the guesses are first moved to the root of
    Temme's uniform approximation of the tail (:func:`_temme_tail`, no sum: within about 1e-8
    at 1,000 and 1e-10 at 10,000), from where one exact tail and one step are enough.
    """
    half = alpha / 2
    if k == 0:
        return 0.0, -math.log(half)
    z = _normal_upper_quantile(half)
    spread = 10 * math.sqrt(k + 1) + 10
    # Wilson-Hilferty guesses: Newton then needs three or four steps.
    guess_high = (k + 1) * (1 - 1 / (9 * (k + 1)) + z / (3 * math.sqrt(k + 1))) ** 3
    guess_low = k * max(1 - 1 / (9 * k) - z / (3 * math.sqrt(k)), 0.0) ** 3
    if k >= _UNIFORM_FROM:
        z = _exact_normal_upper_quantile(half)
        guess_high = (k + 1) * (1 - 1 / (9 * (k + 1)) + z / (3 * math.sqrt(k + 1))) ** 3
        guess_low = k * (1 - 1 / (9 * k) - z / (3 * math.sqrt(k))) ** 3
        guess_high = _refined(lambda m: (_temme_tail(k + 1, m, upper=True) - half) / poisson_pmf(k, m), guess_high)
        guess_low = _refined(lambda m: -(_temme_tail(k, m, upper=False) - half) / poisson_pmf(k - 1, m), guess_low)
    high = _solve(lambda m: poisson_cdf(k, m) - half, lambda m: -poisson_pmf(k, m),
                  float(k), k + spread, guess_high, increasing=False)
    low = _solve(lambda m: poisson_sf(k - 1, m) - half, lambda m: poisson_pmf(k - 1, m),
                 0.0, float(k), guess_low, increasing=True)
    return low, high


def _refined(step: Callable[[float], float], guess: float) -> float:
    """Three Newton steps ``guess + step(guess)`` on the approximation; the guess as it was if a
    step is not a finite move to a positive mean (the exact solver then starts from there)."""
    for _ in range(3):
        try:
            moved = guess + step(guess)
        except (ZeroDivisionError, OverflowError, ValueError):
            return guess
        if not math.isfinite(moved) or moved <= 0:
            return guess
        guess = moved
    return guess


def _temme_tail(a: int, x: float, *, upper: bool) -> float:
    """Q(a, x) = P(X <= a - 1) for X ~ Poisson(x) (``upper``), or P(a, x) = 1 - Q(a, x) = P(X >= a),
    by the first two terms of Temme's uniform asymptotic expansion of the incomplete gamma
    function (Temme 1979; DLMF 8.12.3-8.12.8):

        Q(a, x) ~ erfc(eta sqrt(a / 2)) / 2 + exp(-a eta^2 / 2) / sqrt(2 pi a) * c0(eta),

    with lambda = x / a, eta^2 / 2 = lambda - 1 - log(lambda) (eta of the sign of lambda - 1) and
    c0(eta) = 1 / (lambda - 1) - 1 / eta.  The error is of order a^(-3/2) in the tail, which moves
    the root by about a thousandth of a count at a = 100: a starting point, never the answer."""
    sigma = (x - a) / a
    if abs(sigma) < 0.1:  # lambda - 1 - log(lambda), summed: the difference would cancel
        power, phi = sigma * sigma, 0.0
        for n in range(2, 40):
            phi += power / n if n % 2 == 0 else -power / n
            power *= sigma
            if abs(power) < 1e-18:
                break
    else:
        phi = sigma - math.log1p(sigma)
    eta = math.copysign(math.sqrt(2 * max(phi, 0.0)), sigma)
    c0 = -1 / 3 if eta == 0.0 or sigma == 0.0 else 1 / sigma - 1 / eta
    correction = math.exp(-0.5 * a * eta * eta) / math.sqrt(2 * math.pi * a) * c0
    y = eta * math.sqrt(a / 2)
    if upper:
        return 0.5 * math.erfc(y) + correction
    return 0.5 * math.erfc(-y) - correction


@lru_cache(maxsize=16)
def _exact_normal_upper_quantile(tail: float) -> float:
    """z with P(Z > z) = tail to the last digit or two: Newton's method on erfc from the guess below."""
    z = _normal_upper_quantile(tail)
    for _ in range(4):
        density = math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
        z += (0.5 * math.erfc(z / math.sqrt(2)) - tail) / density
    return z


def _normal_upper_quantile(tail: float) -> float:
    """z with P(Z > z) = tail, to about 4.5e-4 (Abramowitz and Stegun 26.2.23): a starting guess."""
    t = math.sqrt(-2 * math.log(tail))
    return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t**3)


def _logistic(t: float) -> tuple[float, float]:
    """(p, 1 - p) for log-odds t, each without cancellation."""
    if t >= 0:
        e = math.exp(-t)
        return 1 / (1 + e), e / (1 + e)
    e = math.exp(t)
    return e / (1 + e), 1 / (1 + e)


def binom_odds_limits(k: int, n: int, alpha: float) -> tuple[float, float]:
    """Clopper-Pearson limits for the proportion k/n, returned as odds p / (1 - p): the odds at
    which P(X >= k) and P(X <= k) equal alpha / 2 (0 for k = 0, infinity for k = n).  Solved in
    log-odds, so odds near 0 or infinity keep their digits."""
    half = alpha / 2

    def upper_tail(t: float) -> float:  # P(X >= k), rising with t
        p, q = _logistic(t)
        return binom_sf(k - 1, n, p, q) - half

    def lower_tail(t: float) -> float:  # P(X <= k), falling with t
        p, q = _logistic(t)
        return binom_cdf(k, n, p, q) - half

    def slope_upper(t: float) -> float:  # d/dt P(X >= k) = n P_{n-1}(X = k - 1) p q
        p, q = _logistic(t)
        return n * binom_pmf(k - 1, n - 1, p, q) * p * q

    def slope_lower(t: float) -> float:
        p, q = _logistic(t)
        return -n * binom_pmf(k, n - 1, p, q) * p * q

    bound = 2 * math.log(n + 1) + 40  # log-odds far beyond any limit for these n and alpha
    centre = math.log((k + 0.5) / (n - k + 0.5))
    z = _normal_upper_quantile(half)
    low = 0.0 if k == 0 else math.exp(_solve(upper_tail, slope_upper, -bound, centre + 1,
                                             _beta_log_odds_guess(k, n - k + 1, -z, centre - 1), increasing=True))
    high = math.inf if k == n else math.exp(_solve(lower_tail, slope_lower, centre - 1, bound,
                                                   _beta_log_odds_guess(k + 1, n - k, z, centre + 1), increasing=False))
    return low, high


def _beta_log_odds_guess(a: float, b: float, z: float, fallback: float) -> float:
    """Log-odds of the Beta(a, b) quantile at normal deviate ``z``, by Paulson's cube-root
    approximation of the F distribution (X / (1 - X) * b / a ~ F(2a, 2b)): a starting point
    within about a thousandth, from which Newton needs two or three steps instead of six to
    ten from the middle.  ``fallback`` where the approximation breaks down (a few events)."""
    p1, p2 = 2 / (9 * 2 * a), 2 / (9 * 2 * b)
    denominator = (1 - p2) ** 2 - z * z * p2
    inner = (1 - p2) ** 2 * p1 + p2 * (1 - p1) ** 2 - z * z * p1 * p2
    if denominator <= 0 or inner < 0:
        return fallback
    y = ((1 - p2) * (1 - p1) + z * math.sqrt(inner)) / denominator
    if y <= 0:
        return fallback
    return math.log(a / b) + 3 * math.log(y)


def _binary_search(value: Callable[[int], float], target: float, lo: int, hi: int) -> int:
    """The i in [lo, hi] with value(i) <= target < value(i + 1), for ``value`` rising (as SciPy's
    binomtest searches, so the two agree on which outcomes are 'no likelier')."""
    while lo < hi:
        mid = lo + (hi - lo) // 2
        v = value(mid)
        if v < target:
            lo = mid + 1
        elif v > target:
            hi = mid - 1
        else:
            return mid
    return lo if value(lo) <= target else lo - 1


def binom_test_two_sided(k: int, n: int, p: float) -> float:
    """Two-sided exact binomial test, 'minlike': the probability of every outcome no likelier
    than ``k`` (relative tolerance 1e-7 on 'no likelier'), as ``scipy.stats.binomtest`` gives."""
    q = 1.0 - p
    d = binom_pmf(k, n, p, q)
    rerr = 1 + 1e-7
    if k == p * n:
        return 1.0
    if k < p * n:
        ix = _binary_search(lambda x: -binom_pmf(x, n, p, q), -d * rerr, math.ceil(p * n), n)
        y = n - ix + int(d * rerr == binom_pmf(ix, n, p, q))
        value = binom_cdf(k, n, p, q) + binom_sf(n - y, n, p, q)
    else:
        ix = _binary_search(lambda x: binom_pmf(x, n, p, q), d * rerr, 0, math.floor(p * n))
        y = ix + 1
        value = binom_cdf(y - 1, n, p, q) + binom_sf(k - 1, n, p, q)
    return min(1.0, value)
