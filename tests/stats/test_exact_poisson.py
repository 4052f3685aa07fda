"""The Poisson limits' speed-ups change no answer: tails summed four terms a turn are the same
doubles as term by term, and the limits started from Temme's approximation equal those started
from Wilson-Hilferty's guesses (the way before) to a few units in the last place."""

from __future__ import annotations

import math
import random

import pytest

from factbeat.stats import exact


def cdf_term_by_term(k: int, mean: float) -> float:
    if k < 0:
        return 0.0
    if k > math.floor(mean):
        return 1.0 - sf_term_by_term(k, mean)
    term = total = exact.poisson_pmf(k, mean)
    for i in range(k, 0, -1):
        term *= i / mean
        total += term
        if term <= total * exact._STOP:
            break
    return total


def sf_term_by_term(k: int, mean: float) -> float:
    first = k + 1
    if first <= 0:
        return 1.0
    if first < math.floor(mean):
        return 1.0 - cdf_term_by_term(k, mean)
    term = total = exact.poisson_pmf(first, mean)
    i = first
    while term > total * exact._STOP:
        i += 1
        term *= mean / i
        total += term
    return total


def test_tails_are_the_same_doubles_as_term_by_term():
    rng = random.Random(5)
    ks = [*range(0, 60), *(rng.randint(0, 500_000) for _ in range(600))]
    for k in ks:
        for factor in (0.3, 0.9, 0.99, 1.0, 1.01, 1.1, 3.0):
            mean = max(k * factor + rng.random() * 4, 1e-3)
            assert exact.poisson_cdf(k, mean) == cdf_term_by_term(k, mean), (k, mean)
            assert exact.poisson_sf(k, mean) == sf_term_by_term(k, mean), (k, mean)


@pytest.mark.parametrize("alpha", [0.05, 0.01, 0.2])
def test_limits_from_temme_equal_limits_from_wilson_hilferty(alpha, monkeypatch):
    rng = random.Random(int(alpha * 1000))
    ks = [*range(95, 140), 999, 1000, 30_000, *(rng.randint(100, 600_000) for _ in range(150))]
    fast = [exact.poisson_mean_limits.__wrapped__(k, alpha) for k in ks]
    monkeypatch.setattr(exact, "_UNIFORM_FROM", math.inf)  # every count the way it was done before
    before = [exact.poisson_mean_limits.__wrapped__(k, alpha) for k in ks]
    for k, (low, high), (low0, high0) in zip(ks, fast, before, strict=True):
        assert low == pytest.approx(low0, rel=1e-14, abs=0) and high == pytest.approx(high0, rel=1e-14, abs=0), k
        half = alpha / 2
        assert exact.poisson_cdf(k, high) == pytest.approx(half, rel=1e-12)
        assert exact.poisson_sf(k - 1, low) == pytest.approx(half, rel=1e-12)


def test_temme_start_is_close():
    for k in (100, 1000, 30_000):
        low, high = exact.poisson_mean_limits(k, 0.05)
        z = exact._exact_normal_upper_quantile(0.025)
        assert 0.5 * math.erfc(z / math.sqrt(2)) == pytest.approx(0.025, rel=1e-15)
        assert exact._temme_tail(k + 1, high, upper=True) == pytest.approx(0.025, rel=1e-4 * 100 / k)
        assert exact._temme_tail(k, low, upper=False) == pytest.approx(0.025, rel=1e-4 * 100 / k)
