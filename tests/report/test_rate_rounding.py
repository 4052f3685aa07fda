"""A ranking's rate is shown from its count and population, never by rescaling a rounded rate."""

from factbeat.report.charts import row_rate


def test_rate_per_100000_is_not_rounded_twice():
    # 55 offences in 418,291 residents: 13.1487 per 100,000 prints 13.1; scaling the rate per
    # 1,000 rounded to four places (0.1315) would print 13.2
    row = {"count": 55, "population": 418_291, "rate_per_1000": 0.1315}
    assert f"{row_rate(row, 100_000):.1f}" == "13.1"


def test_rate_without_a_population_falls_back_to_the_stored_rate():
    assert row_rate({"count": 5, "population": None, "rate_per_1000": None}, 1000) is None
