"""Exact binomial and Poisson tails in plain Python: the arithmetic under the significance tests.

Why not SciPy: importing ``scipy.stats`` costs a command about a second of CPU, and even
``scipy.special`` a quarter of one, which is most of what ``factbeat change`` or ``rank`` would
spend.  The tests need only a few functions: the binomial and Poisson probability of one outcome,
their tails, and the parameter at which a tail equals a given probability.  These are computed
here to about 1e-13 relative error, 1e-10 where the uniform expansion below is used (the tests
hold them to SciPy, statsmodels and brute force).

* One outcome's probability uses Loader's saddle-point form (``stirlerr`` and ``bd0``, as in R's
  ``dbinom`` and ``dpois``), which stays accurate for counts in the hundreds of thousands where
  ``lgamma`` differences lose digits.
* A tail is summed outward from its inner end, each term from the last by the ratio of
  neighbouring probabilities, until the terms stop mattering.  The inner end is always on the
  far side of the mode from the bulk, so the terms only shrink.
* A limit (the mean or proportion at which a tail equals alpha/2) is found by Newton's method
  inside a bracket that halves whenever a step would leave it.
* The binomial side is what every change claim asks for, so it takes short cuts (each held to
  the long way in tests/stats/test_exact_binomial.py): the p-value at p = 1/2 is twice one tail;
  a Clopper-Pearson limit is found by Halley's steps, and from 200 events on each side on
  Temme's uniform asymptotic expansion of the tail instead of its sum, which takes about
  6 sqrt(n p q) terms.  compare_counts went from about 150 to about 20 microseconds a claim.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache, partial

_LN_2PI = math.log(2 * math.pi)
_LN_SQRT_2PI = 0.5 * _LN_2PI
_STOP = 1e-17  # a term below this share of the sum no longer changes a double
_TOLERANCE = 1e-14  # relative: a limit this close is exact for every purpose here (tests ask 1e-9)
_QUADRATIC = 1e-8  # a Newton correction below this (relative) leaves an error near its square
_COMB_UP_TO = 150  # up to this many trials, one outcome's probability is C(n, k) p^k q^(n-k) as it stands


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
    if n <= _COMB_UP_TO:
        # Up to 150 the binomial coefficient is a quick exact integer, and the product is within
        # a few units in the last place (Loader's form loses up to 1e-13 to lgamma there), unless
        # p^k q^(n-k) is so small that subnormal doubles would cost it its digits.
        product = p**k * q ** (n - k)
        if product >= 1e-290:
            return math.comb(n, k) * product
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
    each would, to the last bit.  The counters are floats holding whole numbers (exact up to
    2^53), which gives the same quotients as integers at a fifth less cost.

    Tails below about 2e-291 are where ``total * _STOP`` is subnormal and a subnormal term times
    a ratio above 1/2 can round back to itself, so the loop can go on adding the same tiny term
    for millions of terms (a tail near 1e-306 at two million offences took 125 ms).  One that
    starts below 2.4e-308 goes to :func:`_subnormal_tail`, which gives the same double without
    that; one that starts above is summed scaled up by 2^600, exact to the last bits instead of
    carrying those added-on rounding errors (at most a few parts in 1e8 of a tail near 1e-307)."""
    if term < _SCALED_BELOW:
        if term < _SUBNORMAL_TOTAL:
            return _subnormal_tail(term, float(i), float(j) + 1.0, ratio)
        return _tail(term * _SCALE, i, j, ratio) / _SCALE
    total = term
    stop = _STOP
    i = float(i)
    j = float(j) + 1.0  # the next denominator
    while i >= 4.0:
        t1 = term * (i / j * ratio)
        t2 = t1 * ((i - 1.0) / (j + 1.0) * ratio)
        t3 = t2 * ((i - 2.0) / (j + 2.0) * ratio)
        term = t3 * ((i - 3.0) / (j + 3.0) * ratio)
        total = total + t1 + t2 + t3 + term
        if term <= total * stop:
            return total
        i -= 4.0
        j += 4.0
    while i > 0.0:
        term *= i / j * ratio
        total += term
        if term <= total * stop:
            break
        i -= 1.0
        j += 1.0
    return total


_SUBNORMAL_TOTAL = 2.4e-308  # below about this, total * _STOP rounds to 0 and sums are exact in units of 2^-1074
_SCALED_BELOW = 2e-291  # below this, total * _STOP is subnormal
_SCALE = 2.0**600


def _subnormal_tail(term: float, i: float, j: float, ratio: float) -> float:
    """What :func:`_tail` returns for a first term below 2.4e-308 (``j`` the next denominator),
    as the same double when the tail is below 2.4e-308 too, and without the loop's worst case.

    Why: there ``total * _STOP`` is 0, so the loop stops only when a term rounds to 0, and a
    subnormal term times a ratio above 1/2 can round back to itself: a tail near 1e-315 at ten
    million offences kept the loop adding the smallest double for millions of terms (170 ms).
    Below 2.4e-308 every sum is exact (whole units of 2^-1074) and which terms are checked does
    not matter, so each run of terms that keep their value is added at once, its length found by
    bisection (the ratios only fall).  Once the total passes 2.4e-308 the rest is summed scaled
    up by 2^600: exact to the last bits, where the loop kept the rounding of subnormal terms
    (at most a few parts in 1e8 of a tail that small)."""
    total = term
    while i > 0.0 and term > 0.0:
        following = term * (i / j * ratio)
        if total >= _SUBNORMAL_TOTAL:
            return total + _tail(following * _SCALE, int(i) - 1, int(j), ratio) / _SCALE
        if following != term:
            term = following
            total += term
            i -= 1.0
            j += 1.0
            continue
        lo, hi = 1.0, i  # how many terms from here on keep this value
        while hi - lo > 0.5:
            mid = math.floor((lo + hi + 1.0) / 2.0)
            if term * ((i - mid + 1.0) / (j + mid - 1.0) * ratio) == term:
                lo = mid
            else:
                hi = mid - 1.0
        if total + term * lo >= _SUBNORMAL_TOTAL:
            return total + _tail(following * _SCALE, int(i) - 1, int(j), ratio) / _SCALE
        total += term * lo
        i -= lo
        j += lo
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


@lru_cache(maxsize=16)  # every limit a change asks for starts from the same alpha / 2
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


@lru_cache(maxsize=8192)  # checked texts repeat small counts ("from 3 to 12"); a hit costs a lookup
def binom_odds_limits(k: int, n: int, alpha: float) -> tuple[float, float]:
    """Clopper-Pearson limits for the proportion k/n, returned as odds p / (1 - p): the odds at
    which P(X >= k) and P(X <= k) equal alpha / 2 (0 for k = 0, infinity for k = n).  Solved in
    log-odds, so odds near 0 or infinity keep their digits.

    Each limit is where a binomial tail I_x(a, b) = P(X >= a), X ~ Binomial(a + b - 1, x), equals
    alpha / 2 with x below the middle: the lower limit with (a, b) = (k, n - k + 1) and x = p, the
    upper with (n - k, k + 1) and x = 1 - p (P(X <= k) read from the other side); see
    :func:`_small_tail_log_odds` for how, and why it is fast.
    """
    half = alpha / 2
    log_half = math.log(half)
    if k == 0:
        low = 0.0
    elif k == n:  # P(X >= n) = p^n: the limit in closed form
        low = math.exp(log_half / n) / -math.expm1(log_half / n)
    else:
        low = math.exp(_small_tail_log_odds(k, n - k + 1, half))
    if k == n:
        high = math.inf
    elif k == 0:  # P(X <= 0) = q^n
        high = -math.expm1(log_half / n) / math.exp(log_half / n)
    else:
        high = math.exp(-_small_tail_log_odds(n - k, k + 1, half))
    return low, high


_HALLEY_ERROR = 1e-15  # a step whose predicted remaining error (in log-odds) is below this ends the search
_UNIFORM_LIMITS_FROM = 200  # from min(a, b) = 200 on, a limit is the root of the uniform expansion
_UNIFORM_START_FROM = 3  # from min(a, b) = 3 on, the exact search starts from that root
_START_ERROR = 1e-9  # as a start, the uniform root needs no closer than this


def _small_tail_log_odds(a: int, b: int, half: float) -> float:
    """The log-odds s of the x at which I_x(a, b) = ``half`` (a, b >= 1; x below a / (a + b)).

    Why it is fast: with f(s) = I_x(a, b) - ``half``, the slope f'(s) is x^a (1 - x)^b / B(a, b)
    and f''(s) = f'(s) (a - (a + b) x), so Halley's step (cubic, :func:`_halley`) costs no more
    than Newton's.  The search runs first on the three-term uniform expansion of the tail
    (:func:`_uniform_tail`, a dozen operations an evaluation, two evaluations from Paulson's
    start).  From min(a, b) = 200 on that root is the limit: near the 2.5 % point the expansion
    is within about 1e-10 of the tail there (1e-12 from 1,000 on), and a relative error e in the
    tail moves the root by about e / (2 sqrt(a b / (a + b))) in log-odds.  Below 200 it is a start,
    within about 1e-6 or better, and one Halley step on the exact sum (:func:`_tail_and_first`)
    finishes: a sum of about 6 sqrt(a b / (a + b)) terms, at most about 60 there.  If a step
    misbehaves, the bracketed Newton search (:func:`_solve`) on the exact tail takes over.
    """
    r = a + b
    n = r - 1
    centre = math.log((a + 0.5) / (b - 0.5))
    lo, hi = -2 * math.log(r) - 40, centre + 1
    s = min(max(_beta_log_odds_guess(a, b, -_normal_upper_quantile(half), centre - 1), lo), hi)
    if min(a, b) >= _UNIFORM_START_FROM:
        constants = _uniform_constants(a, b)
        final = min(a, b) >= _UNIFORM_LIMITS_FROM
        # As a start, one step is usually enough: the exact step after it squares and cubes
        # whatever is left of Paulson's error along with the expansion's own.
        # partial, not a lambda: each evaluation one Python call instead of two
        root = _halley(partial(_uniform_tail, constants), a, r, half, s, lo, hi,
                       tolerance=_HALLEY_ERROR if final else _START_ERROR)
        if root is not None:
            if final:
                return root
            s = root

    def exact_tail(x: float, y: float) -> tuple[float, float]:
        tail, pmf = _tail_and_first(a, n, x, y)
        return tail, a * y * pmf

    root = _halley(exact_tail, a, r, half, s, lo, hi)
    if root is not None:
        return root
    return _solve(lambda u: exact_tail(*_logistic(u))[0] - half, lambda u: exact_tail(*_logistic(u))[1],
                  lo, hi, s, increasing=True)


def _halley(
    evaluate: Callable[[float, float], tuple[float, float] | None],
    a: int, r: int, half: float, s: float, lo: float, hi: float, *, tolerance: float = _HALLEY_ERROR,
) -> float | None:
    """The root in (lo, hi) of evaluate(x, 1 - x)[0] = ``half``, x = logistic(s), by Halley's
    steps from ``s``; ``evaluate`` gives (I_x(a, b), its slope in s), and the slope's own
    log-derivative is a - r x.  A Halley step leaves an error of about K e^3 with
    K = L^2 / 12 + r x (1 - x) / 6 (L = a - r x), so the search ends when that is below
    ``tolerance`` instead of taking one more step only to see it move by nothing.  ``None``
    if an evaluation declines, a step leaves the bracket or eight steps do not settle it."""
    for _ in range(8):
        x, y = _logistic(s)
        found = evaluate(x, y)
        if found is None or not found[1]:
            return None
        tail, slope = found
        bend = a - r * x
        newton = (tail - half) / slope
        shrink = 1 - 0.5 * newton * bend
        if 0.5 < shrink < 2:  # Halley's step, cubic
            step = newton / shrink
            error = (bend * bend / 12 + r * x * y / 6) * abs(step) ** 3
        else:  # too far for Halley's correction to be trusted: Newton's, quadratic
            step = newton
            error = abs(bend) * step * step
        moved = s - step
        if not lo < moved < hi:
            return None
        if 10 * error <= tolerance or moved == s:
            return moved
        s = moved
    return None


def _tail_and_first(k: int, n: int, p: float, q: float) -> tuple[float, float]:
    """(P(X >= k), P(X = k)) for X ~ Binomial(n, p): the tail and the term it starts from,
    computed once for both (a limit's search needs the term for the tail's slope)."""
    pmf = binom_pmf(k, n, p, q)
    if k >= math.floor((n + 1) * p):  # the tail is on the far side of the mode: sum it from k outward
        return _tail(pmf, n - k, k, p / q), pmf
    return 1.0 - binom_cdf(k - 1, n, p, q), pmf


_UniformConstants = tuple[int, float, float, float, float, float]


def _uniform_constants(a: int, b: int) -> _UniformConstants:
    """What :func:`_uniform_tail` needs of (a, b), worked out once for all the x of a search:
    r = a + b, x0 = a / r, y0 = b / r, sqrt(x0 y0), F1(0) = (1 / x0 + 1 / y0 - 1) / 12 and the
    normalisation S = exp(stirlerr(a) + stirlerr(b) - stirlerr(r)) = B(a, b) over its Stirling
    form, exact, so the expansion's own series for S is not needed."""
    r = a + b
    x0, y0 = a / r, b / r
    norm = math.exp(_stirlerr(a) + _stirlerr(b) - _stirlerr(r))
    return r, x0, y0, math.sqrt(x0 * y0), (1 / x0 + 1 / y0 - 1) / 12, norm


def _uniform_tail(constants: _UniformConstants, x: float, y: float) -> tuple[float, float] | None:
    """(I_x(a, b), its derivative in the log-odds of x) for x below x0 = a / (a + b), by Temme's
    uniform asymptotic expansion to three terms (Temme 1996, section 11.3.3; DLMF 8.18(ii)):

        I_x(a, b) = erfc(-eta sqrt(r/2)) / 2 - exp(-r eta^2 / 2) / sqrt(2 pi r) (G0 + G1 / r + G2 / r^2) / S,

    r = a + b, x0 = a / r, y0 = b / r, eta^2 / 2 = x0 log(x0 / x) + y0 log(y0 / y) (eta of the
    sign of u = x - x0) and, writing the integrand of I_x(a, b) in eta as proportional to
    exp(-r eta^2 / 2) F0(eta), F0 = sqrt(x0 y0) eta / u: G_k = (F_k(eta) - F_k(0)) / eta and
    F_(k+1) = G_k' (integration by parts, once per term), so
    F1 = 1 / eta^2 - sqrt(x0 y0) eta x y / u^3, F1(0) = (1 / x0 + 1 / y0 - 1) / 12 and
    F2(0) = F1(0)^2 / 2; S is the exact normalisation.  The slope is x^a y^b / B(a, b) =
    sqrt(x0 y0) sqrt(r / (2 pi)) exp(-r eta^2 / 2) / S.

    Relative error (against the exact sum, tests/stats/test_exact_binomial.py): mostly the next
    term's, up to about 4e-10 from min(a, b) = 200 on (far tails of lopsided counts), 1e-12 and
    below near the limits' 2.5 % from 1,000 on, and up to about 2e-11 in far tails at millions of
    events (where eta's own rounding shows).  ``None`` where it does not hold: within one standard
    deviation of the middle (r eta^2 / 2 < 1/2: the closed forms of G1 and G2 lose their digits
    to cancellation there) and in tails below about 1e-290 (erfc underflows)."""
    r, x0, y0, sigma, f1_0, norm = constants
    u = x - x0
    half_eta2 = -x0 * math.log1p(u / x0) - y0 * math.log1p(-u / y0)
    exponent = r * half_eta2
    if u >= 0 or exponent < 0.5 or exponent > 665:
        return None
    eta = -math.sqrt(2 * half_eta2)
    xy = x * y
    g0 = sigma / u - 1 / eta
    u3 = u * u * u
    f1 = 1 / (eta * eta) - sigma * eta * xy / u3
    g1 = (f1 - f1_0) / eta
    du = eta * xy / u  # d u / d eta
    f1_prime = -sigma * (xy / u3 + eta * du * (y - x) / u3 - 3 * eta * xy * du / (u3 * u)) - 2 / (eta * eta * eta)
    g2 = ((f1_prime - g1) / eta - 0.5 * f1_0 * f1_0) / eta
    density = math.exp(-exponent)
    scale = 1 / math.sqrt(2 * math.pi * r)
    tail = 0.5 * math.erfc(-eta * math.sqrt(0.5 * r)) - density * scale * (g0 + (g1 + g2 / r) / r) / norm
    return tail, sigma * r * scale * density / norm


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
    than ``k`` (relative tolerance 1e-7 on 'no likelier'), as ``scipy.stats.binomtest`` gives.

    With p = 1/2 (equal exposures: every change claim) the distribution is symmetric, so the
    outcomes no likelier than k are the two tails beyond k and n - k, and the p-value is twice
    one tail: no search.  No outcome between the tails is within the 1e-7 tolerance as long as
    the likelihood ratio of neighbours, (n - inner) / (inner + 1), is clearly above 1 + 1e-7,
    which holds below about ten million; the search (:func:`_minlike_search`) would find exactly
    these tails, and is kept for the rest, and for p-values below 1e-290: there the tails' terms
    are subnormal doubles with a few bits each, so only the same two sums give the same value."""
    if k == p * n:
        return 1.0
    if p == 0.5:
        inner = min(k, n - k)
        if n - inner >= (inner + 1) * (1 + 1e-6):
            tail = _symmetric_tail(inner, n)
            if tail >= _SUBNORMAL_AHEAD:
                return min(1.0, 2.0 * tail)
    return _minlike_search(k, n, p)


_SUBNORMAL_AHEAD = 1e-290  # a tail below this is left to the search's own two sums (subnormal terms)


def _minlike_search(k: int, n: int, p: float) -> float:
    """The 'minlike' p-value by SciPy's search: the outcomes on the other side of the mean that are
    no likelier than ``k``, found by binary search, plus the tail beyond ``k``."""
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


_UNIFORM_P_FROM = 500  # from the smaller count 500 on, a slowly falling p = 1/2 tail comes from the expansion


def _symmetric_tail(inner: int, n: int) -> float:
    """P(X <= inner) = P(X >= n - inner) for X ~ Binomial(n, 1/2), inner < n / 2.

    The sum from ``inner`` outward falls at first by inner / (n - inner + 1) a term: fast when the
    counts are far apart, but about (9 - z) sqrt(n) / 2 terms when they are z standard deviations
    apart.  So: from the smaller count 500 on, the three-term uniform expansion
    (:func:`_uniform_tail`, within about 1e-11, a dozen operations) unless within one standard
    deviation of the middle; otherwise, within three, (1 - P(inner < X < n - inner)) / 2, whose
    sum has z sqrt(n) / 2 terms and a p-value above 0.002 to lose no more than 1e-13 to the
    subtraction; beyond, the tail's own sum."""
    top = n - inner
    if inner + 1 >= _UNIFORM_P_FROM and 2 * inner > top + 1:
        found = _uniform_tail(_uniform_constants(top, inner + 1), 0.5, 0.5)
        if found is not None:
            return found[0]
    gap = top - inner
    if gap * gap < 9 * n:
        return 0.5 * (1.0 - _symmetric_middle(inner, n))
    return binom_cdf(inner, n, 0.5, 0.5)


def _symmetric_middle(inner: int, n: int) -> float:
    """P(inner < X < n - inner) for X ~ Binomial(n, 1/2), inner < n / 2: twice the sum from the
    upper mode (n + 1) // 2 to n - inner - 1, less the mode itself when n is even (then it is the
    middle of the range and not mirrored)."""
    first = (n + 1) // 2
    last = n - inner - 1
    term = binom_pmf(first, n, 0.5, 0.5)
    total = 0.0
    i = float(first)
    while i <= last:
        total += term
        term *= (n - i) / (i + 1.0)
        i += 1.0
    middle = 2.0 * total
    if n % 2 == 0:
        middle -= binom_pmf(n // 2, n, 0.5, 0.5)
    return middle
