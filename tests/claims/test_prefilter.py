"""The sentence prefilter (``factbeat.claims.prefilter``) only ever skips sentences a pattern cannot match."""

from __future__ import annotations

import random
import re

import pytest

from factbeat.claims import prefilter
from factbeat.claims.ground import figures
from factbeat.claims.link import comparisons, rank_search
from factbeat.claims.prefilter import Prefilter, fold, may_match, necessary_words
from factbeat.claims.read.sentences import split_sentences

FILTERED = [rank_search._RANK, comparisons._VERB, comparisons._NOUN, comparisons._STABLE, comparisons._PHRASE]
FIGURE_PATTERNS = [figures._compiled(i) for i in range(len(figures._SPECS))]

# Written for this test: the words of the patterns in odd cases and places, and sentences without them.
SENTENCES = """\
Barnet had the Third-Highest rate of burglary in London, FOLLOWED BY Brent and Ealing.
Knife crime rose Slightly in 2016, to 1,203 offences.
There was a SIGNIFICANT increase in robbery; it remained broadly stable in Camden.
Violence was higher than in Croydon, and well above the London average.
Offences in Hackney were in line with the year before, similar to Islington.
Police said the amnesty runs until Saturday.
A 24-year-old man was arrested on Tuesday.
Theft fell marginally, down from 5,203 to 5,190, topping the table.
The borough was second only to Westminster, the safest in the capital.
Shoplifting was up 4 per cent, and vehicle crime down 2 per cent.
Crime İn the Borough roſe ſlightly; KNIFE crime went down ſignificantly.
Residents want more officers, and fewer closures.
Burglary fell by almost a third, and robbery rose 12 per cent in 2016, up 4% on 2015.
Crime more than doubled, to twice the London average, three times as many as Brent.
The rate was 7.9 offences per 1,000 residents; the London average was 6.2.
One in five of London's knife crimes, or 16 per cent of the total, happened here.
Camden ranked fourth, the second-placed borough, with more robberies than any other.
It was the highest number since 2008, more than in any year since at least 2003.
Only Croydon and Lambeth recorded more. An increase of 253 offences, 456 more than in 2023.
"""


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
