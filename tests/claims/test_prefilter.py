"""The sentence prefilter (``factbeat.claims.prefilter``) only ever skips sentences a pattern cannot match."""

from __future__ import annotations

import random
import re

import pytest
from pattern_sentences import SENTENCES

from factbeat.claims import prefilter
from factbeat.claims.ground import figures
from factbeat.claims.link import comparisons, rank_search
from factbeat.claims.prefilter import Prefilter, fold, may_match, necessary_words
from factbeat.claims.read.sentences import split_sentences

FILTERED = [rank_search._RANK, comparisons._VERB, comparisons._NOUN, comparisons._STABLE, comparisons._PHRASE]
FIGURE_PATTERNS = [figures._compiled(i) for i in range(len(figures._SPECS))]



def _sentences() -> list[tuple[str, int, int]]:
    text = SENTENCES
    rng = random.Random(3)
    words = re.findall(r"[\w'’-]+|[^\w\s]", SENTENCES)
    for _ in range(300):  # shuffled words: patterns meet their words in new company
        text += " ".join(rng.choice(words) for _ in range(rng.randint(3, 25))) + ".\n"
    return [(text, s.start, s.end) for s in split_sentences(text)]


@pytest.fixture
def no_warm_up(monkeypatch):
    monkeypatch.setattr(prefilter, "WARM_UP", 1)


def test_filter_never_skips_a_match(no_warm_up):
    sentences = _sentences()
    for pattern in FILTERED + FIGURE_PATTERNS:
        matched = 0
        for text, start, end in sentences:
            found = list(pattern.finditer(text, start, end))
            matched += bool(found)
            if found:
                assert may_match(pattern, fold(text), start, end), (pattern.pattern[:40], text[start:end])
        if pattern in FILTERED:
            assert matched, pattern.pattern[:40]  # the test sentences exercise every pattern


def test_sentences_at_once_agree_with_one_at_a_time(no_warm_up):
    """``sentences_that_may_match`` gives for each sentence what ``may_match`` gives for it,
    including strings that run past a sentence's end and ones that overlap."""
    sentences = _sentences()
    text = sentences[0][0]
    spans = [(start, end) for _, start, end in sentences]
    overlapping = re.compile(r"\b(?:more|moreover|over)\s+\w+", re.I)  # "more" begins "moreover"
    tight = "more.Moreover; over. more"  # sentences cut right after a string, and inside one
    for pattern in [*FILTERED, overlapping]:
        expected = [may_match(pattern, fold(text), start, end) for start, end in spans]
        assert prefilter.sentences_that_may_match(pattern, fold(text), spans) == expected
        cut = [(0, 4), (5, 9), (9, 14), (15, 19), (20, 25)]
        assert prefilter.sentences_that_may_match(pattern, fold(tight), cut) == \
            [may_match(pattern, fold(tight), start, end) for start, end in cut]
    # "moreover": "more" cut short, "more" whole, "over" found after a string that did not fit
    assert prefilter.sentences_that_may_match(overlapping, "moreover", [(0, 3)]) == [False]
    assert prefilter.sentences_that_may_match(overlapping, "moreover", [(0, 6)]) == [True]
    assert prefilter.sentences_that_may_match(overlapping, "xmoreover", [(0, 4), (4, 9)]) == [False, True]


def test_places_answer_as_may_match_for_any_window(no_warm_up):
    text = _sentences()[0][0]
    folded = fold(text)
    rng = random.Random(5)
    windows = [(start, start + rng.randint(0, 200)) for start in rng.sample(range(len(text)), 400)]
    for pattern in [*FILTERED, re.compile(r"\bof\s+(?:these|them|which|those)\b", re.I)]:
        places = prefilter.Places(pattern, folded)
        assert [places.may_match(a, b) for a, b in windows] == [may_match(pattern, folded, a, b) for a, b in windows]


def test_trie_finds_the_shortest_string_at_each_place():
    words = frozenset({"more", "moreover", "over", "most", "up", "upper", "a.b"})
    plain = re.compile("|".join(re.escape(w) for w in sorted(words)))
    trie = re.compile(prefilter._trie(words))
    for text in ("moreover, upper most a.b up", "mor ov a-b", "upperover"):
        for at in range(len(text)):
            found, expected = trie.search(text, at), plain.search(text, at)
            assert (found and found.span()) == (expected and expected.span())


def test_filter_skips_sentences_without_the_words(no_warm_up):
    text = "Police said the amnesty runs until Saturday, and 101 is the number to call."
    for pattern in (rank_search._RANK, comparisons._VERB, comparisons._NOUN, comparisons._STABLE):
        assert not may_match(pattern, fold(text), 0, len(text))


def test_no_filter_before_warm_up():
    pattern = re.compile(r"\bwarm(?:ed|ing)\s+up\b", re.I)
    for _ in range(prefilter.WARM_UP - 1):
        assert may_match(pattern, "nothing here", 0, 12)  # not read yet: every place is tried
    assert not may_match(pattern, "nothing here", 0, 12)


def test_figures_found_the_same_with_filters(monkeypatch):
    text = "".join(SENTENCES)
    monkeypatch.setattr(prefilter, "WARM_UP", 10**9)
    unfiltered = figures.find_figures(text)
    monkeypatch.setattr(prefilter, "WARM_UP", 1)
    assert figures.find_figures(text) == unfiltered
    assert unfiltered  # the sentences hold figures of many kinds


def test_necessary_words():
    assert necessary_words(re.compile(r"\b(?:rose|fell)\s+by\b", re.I)) == {"rose", "fell"}
    assert necessary_words(re.compile(r"(?:just\s+)?slightly\s+(?:higher|lower)", re.I)) == {"slightly"}
    assert necessary_words(re.compile(r"topp(?:ed|ing)|second\s+only", re.I)) == {"topp", "second"}
    assert necessary_words(re.compile(r"\d+|per\s+cent")) is None  # a branch with no fixed letters
    assert necessary_words(re.compile(r"(?:up)?\d+")) is None  # optional words are not necessary
    assert necessary_words(re.compile(r"(?:more)+than", re.I)) in ({"more"}, {"than"})  # each is in every match
    assert Prefilter(re.compile(r"[a-z]+", re.I)).may_match("anything", 0, 8)


def test_fold_keeps_offsets_and_matches_case_insensitive_letters():
    text = "İN the ſafest borough, ıt was KNIFE crime"
    folded = fold(text)
    assert len(folded) == len(text)
    for word in ("in", "safest", "it", "knife"):
        for m in re.finditer(word, text, re.I):
            assert folded[m.start():m.end()] == word


def test_places_of_several_patterns_are_each_ones_own(no_warm_up):
    """``Places.of_patterns`` (one search of the text) finds for each pattern the places its own
    ``Places`` finds, and its answers for whole sentences and the whole text are ``may_match``'s,
    with strings that overlap, nest, run past a sentence's end or belong to several patterns."""
    overlapping = re.compile(r"\b(?:more|moreover|over)\s+\w+", re.I)
    unfiltered = re.compile(r"\d+")  # no strings at all: every window may match
    sentences = _sentences()
    texts = [sentences[0][0], "more.Moreover; over. more", "xmoreover", "", "nothing to see"]
    groups = [(*FILTERED, overlapping), (overlapping, comparisons._PHRASE, unfiltered), (overlapping,),
              tuple(comparisons._FILTERED)]  # fmt: skip
    for text in texts:
        folded = fold(text)
        spans = [(s.start, s.end) for s in split_sentences(text)] or [(0, len(text))]
        for group in groups:
            for pattern, places in zip(group, prefilter.Places.of_patterns(group, folded), strict=True):
                alone = prefilter.Places(pattern, folded)
                assert places.places == alone.places and places.starts == alone.starts
                assert places.anywhere() == may_match(pattern, folded, 0, len(text))
                assert places.sentences(spans) == [may_match(pattern, folded, a, b) for a, b in spans]


def test_matches_at_the_places_of_their_first_strings_as_finditer():
    """A pattern tried only where one of the strings its matches start with is gives what its
    scan of the whole text gives (the sentence boundaries, and a pattern whose matches overlap
    the places of others)."""
    from factbeat.claims.prefilter import matches_at, places_of
    from factbeat.claims.read import sentences

    text = ("Det. Supt. J. Smith said… It rose!! “Why?” he asked. (Total: 9.) 12.5 per cent. St. Albans.\n"
            "Aaa.. Bbb?! “Ccc” 3.Dd. ") * 3  # fmt: skip
    for piece in (text, text[5:], text.upper(), "", "no stop here"):
        expected = [m.span() for m in sentences._BOUNDARY.finditer(piece)]
        assert [m.span() for m in matches_at(sentences._BOUNDARY, piece, places_of(piece, sentences._STOPS))] == expected
    overlapping = re.compile(r"aa|ab")
    assert places_of("aaab", ("aa", "ab")) == [0, 1, 2]
    assert [m.span() for m in matches_at(overlapping, "aaab", places_of("aaab", ("aa", "ab")))] == \
        [m.span() for m in overlapping.finditer("aaab")] == [(0, 2), (2, 4)]
