"""The judging stage's fast paths give what the plain code gave: explanations written late (an
alternative reading's, only if it is chosen) are those written at once, the result types that stopped being frozen
dataclasses still compare and hash by their fields, and the tolerance bands worked in integers
are the bands worked with Fraction's operators."""

from __future__ import annotations

import re
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from factbeat.claims import check_text
from factbeat.claims.judge import tolerance as tol
from factbeat.claims.judge.arithmetic import _ratio
from factbeat.claims.model import ClaimKind
from factbeat.claims.read import sentences as sentences_module
from factbeat.claims.read.lexicon import QUALIFIERS
from factbeat.claims.read.sentences import Sentence, split_sentences
from factbeat.stats.significance import compare_counts

# Written for these tests: a change with its arithmetic, a share, a wrong change and a multiple.
STORY = (
    "Burglaries in the borough rose from 410 to 492 last year, an increase of 20 per cent.\n\n"
    "Of the 492, some 123 were in the town centre, a quarter of the total.\n\n"
    "Thefts fell from 900 to 850, a fall of 12 per cent.\n\n"
    "Robberies doubled, from 31 to 64."
)
OTHER = "Assaults went up from 1,000 to 1,100, a rise of 10%. Arrests fell by a third, from 300 to 200."


def test_explanations_read_late_are_those_read_at_once():
    at_once = [c.to_dict() for c in check_text(STORY).claims]
    later = check_text(STORY)
    check_text(OTHER)  # another text checked in between changes nothing of the first's figures
    assert [c.to_dict() for c in later.claims] == at_once
    assert {c["verdict"] for c in at_once} >= {"consistent", "inconsistent"}
    assert all(" → " in c["explanation"] or ":" in c["explanation"] for c in at_once)


def test_a_change_claims_significance_is_the_tests():
    changes = [c for c in check_text(STORY).claims if c.kind == ClaimKind.PERCENT_CHANGE]
    assert changes
    for claim in changes:
        assert claim.significance == compare_counts(int(claim.numbers["from"]), int(claim.numbers["to"])).to_dict()


def test_sentences_compare_and_hash_by_their_fields():
    first, again = split_sentences(STORY)[0], split_sentences(STORY)[0]
    assert first == again and first is not again
    assert hash(first) == hash(again) == hash((first.index, first.start, first.end, first.text))
    assert len({first, again}) == 1
    assert first == Sentence(first.index, first.start, first.end, first.text)


def test_a_change_significance_compares_and_hashes_by_its_fields():
    a, b = compare_counts(67, 76), compare_counts(67, 76)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != compare_counts(67, 77)


# The tolerance bands as they were written with Fraction's operators, to hold the integer forms to.
def _plain_bounded(value, band, low, high, low_open=False, high_open=False):
    ok = (low is None or (value > low if low_open else value >= low)) and (
        high is None or (value < high if high_open else value <= high))  # fmt: skip
    return tol.Match(ok, band, low, high)


def _plain_open(value, stated, band):
    sides = {"above": (stated, None, True, False), "at_least": (stated, None, False, False),
             "below": (None, stated, False, True), "at_most": (None, stated, False, False)}  # fmt: skip
    return _plain_bounded(value, band, *sides[band]) if band in sides else None


def _plain_compare(value, stated, decimals, band, style="exact"):
    style = "fraction" if style == "word" else style
    if style in ("fraction", "multiple"):
        if band == "just_above":
            return _plain_bounded(value, band, stated, stated * Fraction(11, 10), low_open=True)
        factors = tol._WORD_BANDS[style].get(band)
        if factors is None:
            return _plain_open(value, stated, band or "exact") or tol.Match(False, band or style)
        low, high = stated * factors[0], stated * factors[1]
        high_open = band in ("almost", "just_below") and style == "fraction"
        match = _plain_bounded(value, band or style, low, high, high_open=high_open)
        if not match.ok and band is None and decimals > 0 and tol.rounds_to(value, stated, decimals):
            return tol.Match(True, style, low, high)
        return match
    band = band or "exact"
    u = Fraction(1, 10 ** max(0, min(decimals, 30)))
    if band == "exact":
        low, high = stated - u / 2, stated + u
        return tol.Match(low <= value < high, band, low, high)
    if band not in ("almost", "just_below", "about", "just_above"):
        return _plain_open(value, stated, band) or tol.Match(False, band)
    b = max(u, stated * Fraction(1, 10))
    if band in ("almost", "just_below"):
        return _plain_bounded(value, band, stated - b, stated + u / 2, high_open=True)
    if band == "about":
        return _plain_bounded(value, band, stated - b, stated + b)
    return _plain_bounded(value, band, stated, stated + b, low_open=True)


figures = st.one_of(st.fractions(min_value=0, max_value=10**6, max_denominator=10**4),
                    st.integers(0, 10**6).map(Fraction))  # fmt: skip
bands = st.sampled_from([None, *sorted(set(QUALIFIERS.values()))])


@settings(max_examples=400)
@given(figures, figures, st.integers(-2, 6), bands, st.sampled_from(["exact", "word", "fraction", "multiple"]))
def test_the_bands_in_integers_are_the_bands_in_fractions(value, stated, decimals, band, style):
    near = stated + (value - stated) / 1000  # also values at and just around the stated figure
    for v in (value, stated, near):
        got, want = tol.compare(v, stated, decimals, band, style), _plain_compare(v, stated, decimals, band, style)
        assert got == want
        for mine, theirs in ((got.low, want.low), (got.high, want.high)):  # the same reduced fractions
            assert (mine is None) == (theirs is None) and (mine is None or mine.as_integer_ratio() == theirs.as_integer_ratio())


def _plain_split(text: str) -> list[tuple[int, int, int, str]]:
    """``split_sentences`` as it was written before its one-sentence-paragraph path."""
    found: list[tuple[int, int, int, str]] = []
    stops = [match.span() for match in sentences_module._BOUNDARY.finditer(text)]
    glued = sentences_module._GLUED_HINT.search(text) is not None
    for para_start, para_end in sentences_module._paragraphs(text):
        bounds = [para_start, *sentences_module._breaks_in(text, para_start, para_end, stops, glued), para_end]
        for start, end in zip(bounds, bounds[1:], strict=False):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                found.append((len(found), start, end, text[start:end]))
    return found


_PIECES = ["Det Supt. Rose said", " rates rose 12.5%.", " Crime fell.", " Mr. Jones left!", " Why?", "\n", "\n\n",
           "  ", " (total in 2012: 9; 2013? 7)", " “It rose.” ", "in 2015.Police said", " St. Albans", " [...] ",
           " 11a.m. Then", "…", " A. Smith", " £3m. ", "\t", " 3 cases. 4 more."]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_splitting_gives_the_sentences_the_plain_loop_gave(pieces):
    text = "".join(pieces)
    assert [(s.index, s.start, s.end, s.text) for s in split_sentences(text)] == _plain_split(text)


ratios = st.fractions(max_denominator=1000).filter(lambda f: abs(f) < 10**9)


@given(ratios, ratios.filter(lambda f: f != 0), st.sampled_from([1, 100, 1000, 100_000]))
def test_a_ratio_is_the_fraction_formula(a, b, times):
    got = _ratio(a, b, times)
    assert got == a / b * times and got.as_integer_ratio() == (a / b * times).as_integer_ratio()


_STOP_TEXTS = st.text(alphabet=list(".!?… \n\tAa1“”)(['\"£…"), max_size=40)


@settings(max_examples=500)
@given(_STOP_TEXTS)
def test_the_boundary_pattern_finds_what_its_plain_spelling_finds(text):
    plain = re.compile(sentences_module._BOUNDARY.pattern.replace("[.!?…][.!?…]*", "[.!?…]+"))
    assert plain.pattern != sentences_module._BOUNDARY.pattern
    assert [(m.span(), m.groupdict()) for m in sentences_module._BOUNDARY.finditer(text)] == [
        (m.span(), m.groupdict()) for m in plain.finditer(text)
    ]


@given(figures, figures, st.integers(-2, 6))
def test_an_exact_match_reads_its_bounds_late_as_they_were_at_once(value, stated, decimals):
    late, plain = tol.compare(value, stated, decimals, None), _plain_compare(value, stated, decimals, None)
    assert late.ok == plain.ok and late.band == plain.band
    assert late.high.as_integer_ratio() == plain.high.as_integer_ratio()
    assert late.low.as_integer_ratio() == plain.low.as_integer_ratio()
    assert late == plain and repr(late) == f"Match(ok={plain.ok!r}, band='exact', low={plain.low!r}, high={plain.high!r})"


@given(st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**12), st.sampled_from([1, 100]))
def test_a_figures_float_is_floats(value, per):
    from factbeat.claims.formatting import as_float as _float
    from factbeat.claims.formatting import as_float as shown_float

    assert _float(value, per) == float(value / per)
    for same in (value, float(value), int(value)):
        assert shown_float(same) == float(same)
