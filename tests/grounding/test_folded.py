"""A case-insensitive pattern tried in the story's fold without re.I finds exactly the same places."""

from __future__ import annotations

import re
import string
import sys

import pytest

from factbeat.claims.ground import anchors, figures, folded, lexicon, when
from factbeat.claims.prefilter import fold

# Every character there is (surrogates left out: no text holds them alone), in one string.
EVERY = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)


def test_the_fold_keeps_each_character_one_character():
    assert len(fold(EVERY)) == len(EVERY)


def test_an_ascii_letter_under_re_i_matches_exactly_the_characters_folding_to_it():
    folded_every = fold(EVERY)
    # the characters some ASCII letter matches under re.I, and those folding to an ASCII letter
    matched = {m.group() for m in re.finditer(r"[a-z]", EVERY, re.I)}
    folding = {c for c, f in zip(EVERY, folded_every, strict=True) if f in string.ascii_lowercase}
    assert matched == folding
    assert {"K", "ſ", "İ", "ı"} <= matched  # Kelvin sign, long s, dotted and dotless i
    for c in matched:
        assert [letter for letter in string.ascii_lowercase if re.fullmatch(letter, c, re.I)] == [fold(c)]


@pytest.mark.parametrize("category", [r"\w", r"\d", r"\s", r"\W"])
def test_word_digit_and_space_classes_hold_for_a_character_and_its_fold(category):
    folded_every = fold(EVERY)
    assert [m.start() for m in re.finditer(category, EVERY)] == [m.start() for m in re.finditer(category, folded_every)]


@pytest.mark.parametrize("pattern", [
    r"robbery|Burglary",  # an upper-case letter
    r"in [A-Z]\w+",  # a class of upper-case letters
    r"than (?-i:[a-z])",  # a part that sets its own case
    r"caf[é]s?",  # a lower-case letter outside ASCII ('σ' matches 'ς' under re.I, and the fold keeps 'ς')
    r"(\w+) and \1",  # a back-reference
])
def test_patterns_the_fold_cannot_take_are_left_as_they_are(pattern):
    assert folded.case_blind(re.compile(pattern, re.I)) is None


def test_patterns_without_re_i_or_with_re_ascii_are_left_as_they_are():
    assert folded.case_blind(re.compile(r"rose by \d+")) is None
    assert folded.case_blind(re.compile(r"rose by \d+", re.I | re.ASCII)) is None
    twin = folded.case_blind(re.compile(r"\b(?:rose|fell)\s+by\s+[\d,]+(?!\s*%)['’]?", re.I))
    assert twin is not None and not twin.flags & re.IGNORECASE


TEXTS = [
    "Burglary ROSE by 12 per cent; ſome 40 ſtolen cars, a riſe of 3 per cent. \u212aingston had 55 and İslington 4.",
    "The İNCREASE OF 253 was less than half the rate in Westminster, twice as many as Camden’s 7.5 per 1,000.",
    "Robberies Fell By A Quarter, to almost nine in ten of them; the third-highest rate in London since 2008.",
]


def _all_patterns() -> list[re.Pattern]:
    found = [figures._compiled(i) for i in range(len(figures._SPECS))]
    found += [pattern.pattern for _kind, pattern in when._ANCHORED]
    found += [lexicon._area_pattern()[0].pattern]
    found += [p for p in (lexicon._measure_pattern(letter) for letter in lexicon._measure_sources()) if p is not None]
    return found


@pytest.mark.parametrize("variant", [str, str.upper, str.lower, str.title])
def test_the_grounding_patterns_match_the_fold_where_they_match_the_text(variant):
    taken = 0
    for text in map(variant, TEXTS + ["\n\n".join(TEXTS) * 3]):
        low = fold(text)
        for pattern in _all_patterns():
            twin = folded.case_blind(pattern)
            if twin is None:
                continue
            taken += 1
            plain = [(m.span(), [m.span(g) for g in range(1, pattern.groups + 1)]) for m in pattern.finditer(text)]
            assert [(m.span(), [m.span(g) for g in range(1, twin.groups + 1)]) for m in twin.finditer(low)] == plain
            assert [(m.span(), m.groups()) for m in folded.confirmed(pattern, text, twin.finditer(low))] == \
                [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert taken > 100  # most of them can be


def test_which_patterns_qualify_is_read_back_as_worked_out(monkeypatch, tmp_path):
    from factbeat.taxonomy import parsed_cache

    monkeypatch.setattr(parsed_cache, "cache_folder", lambda: tmp_path)
    sources = [(r"\brose\s+by\b", re.I), (r"\bin\s+(?-i:[A-Z])", re.I), (r"\b(?:fell|dropped)\b", re.I)]
    monkeypatch.setattr(folded, "_BLIND", {})
    folded.decide("test-blind", sources)
    first = dict(folded._BLIND)
    assert list(first.values()) == [True, False, True]
    assert list(tmp_path.iterdir())  # kept in the cache folder
    monkeypatch.setattr(folded, "_BLIND", {})
    monkeypatch.setattr(folded, "_blind", lambda *_a: pytest.fail("worked out again"))
    folded.decide("test-blind", sources)
    assert first == folded._BLIND


NEEDS = [  # one or more figures of every pattern that has a 'needs'
    "Thefts rose by 19 per cent, a rise of 4%, and 6 percent higher; up by almost half, a fall of a third.",
    "Offences more than doubled, double the 32 recorded in Enfield, and halved; less than half the rate in Camden.",
    "Twice as many as Brent, 2.5 times higher than the London average; 456 more than in 2023, fewer than the year before.",
    "It had 7.9 offences per 1,000 residents, 63 for every 100,000 people; one in five of London's total.",
    "The third-highest rate, the safest borough in London; the highest number since 2008, more than in any year since 2003.",
    "Hackney recorded more than Lambeth, below that of Westminster, ahead of Camden; nine in ten of them, almost a third.",
]


@pytest.mark.parametrize("variant", [str, str.upper, str.title])
def test_figure_needs_hold_in_the_fold_wherever_their_pattern_matches(variant):
    text = variant("\n\n".join(NEEDS + TEXTS))
    low = fold(text)
    asked = 0
    for i, (_kind, _source, needs) in enumerate(figures._SPECS):
        if needs is not None and figures._compiled(i).search(text):
            asked += 1
            assert needs.search(low), (i, needs.pattern)
    assert asked >= 15


def test_word_starts_are_worked_out_once_per_prefix_set():
    text = "\n\n".join(TEXTS) * 20
    words = anchors.WordIndex(text)
    wanted = frozenset({("ros", False), ("#", False), ("a", True)})
    first = words.starts(wanted)
    keys = [(m.start(), m.group()) for m in re.finditer(r"\b\w{1,3}", text)]
    plain = [at for at, key in keys if not key.isascii() or key[0].isdigit() or key.lower() in ("ros", "a")]
    assert first == words._find_starts(wanted) == plain
    assert words.starts(frozenset(wanted)) is first
