"""The judge's fast paths give what the plain code gave: whole numbers are formatted as ints but
print what the float formatting prints, a percentage change is one fraction of integers but the
same value, and explanations are written only when read."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from factbeat.claims import formatting as fmt
from factbeat.claims.judge.arithmetic import Outcome, _percent_change
from factbeat.claims.model import Verdict

MINUS = fmt.MINUS


def _by_float_number(value, decimals: int) -> str:
    """``formatting.number`` as it was written before its whole-number path."""
    text = f"{float(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace("-", MINUS) if text != "-0" else "0"


def _by_float_fixed(value, decimals: int) -> str:
    return f"{float(value):,.{decimals}f}".replace("-", MINUS)


def _by_float_signed(value, decimals: int) -> str:
    text = _by_float_fixed(abs(value), decimals)
    if float(value) > 0:
        return "+" + text
    return MINUS + text if float(value) < 0 else text


values = st.one_of(
    st.integers(-(10**18), 10**18).map(Fraction),
    st.integers(-(2**53) - 5, 2**53 + 5).map(Fraction),
    st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**15),
    st.integers(-(10**18), 10**18),
    st.floats(-1e15, 1e15, allow_nan=False),
)


@given(values, st.integers(0, 6))
def test_number_fixed_signed_print_what_the_float_formatting_prints(value, decimals):
    assert fmt.number(value, decimals) == _by_float_number(value, decimals)
    assert fmt.fixed(value, decimals) == _by_float_fixed(value, decimals)
    assert fmt.signed(value, decimals) == _by_float_signed(value, decimals)


def test_whole_numbers_keep_separators_and_the_minus_sign():
    assert fmt.number(Fraction(1400)) == "1,400"
    assert fmt.number(Fraction(-47), 1) == f"{MINUS}47"
    assert fmt.fixed(Fraction(13), 1) == "13.0"
    assert fmt.fixed(Fraction(-1200), 0) == f"{MINUS}1,200"
    assert fmt.signed(Fraction(0), 1) == "0.0"


def test_an_outcome_writes_its_explanation_once_and_only_when_read():
    calls = []

    def write() -> str:
        calls.append(1)
        return "76 − 67 = +9; stated 9 → consistent"

    outcome = Outcome(Verdict.CONSISTENT, Fraction(9), write)
    assert not calls
    assert outcome.explanation == outcome.explanation == "76 − 67 = +9; stated 9 → consistent"
    assert len(calls) == 1
    assert Outcome(Verdict.INCONSISTENT, None, "given").explanation == "given"


nonzero = st.fractions(max_denominator=1000).filter(lambda f: f != 0 and abs(f) < 10**9)


@given(nonzero, st.fractions(max_denominator=1000).filter(lambda f: abs(f) < 10**9))
def test_percent_change_is_the_fraction_formula(before, after):
    assert _percent_change(before, after) == (after - before) / before * 100
