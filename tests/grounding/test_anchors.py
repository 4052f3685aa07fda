"""Matching a long story only where a pattern can start gives exactly the plain scan's matches."""

from __future__ import annotations

import re

import pytest

from factbeat.claims.ground import anchors, figures, lexicon, when

# Written for this test: every kind of figure, period and area, with the awkward cases (upper case,
# digits starting words, word numbers, hyphens, letters that fold to ASCII ones under IGNORECASE).
PARAGRAPHS = [
    "Burglary in Barnet rose by 12 per cent in the 12 months to March 2024, from 2,040 to 2,285.",
    "KNIFE CRIME IN CROYDON FELL BY A QUARTER, TO ALMOST 900 OFFENCES IN 2023/24.",
    "Robbery went up 7.5% in Q1 2024 and twenty-one more cases than in 2022 were recorded.",
    "Hackney had the third-highest rate in London, 9.1 offences per 1,000 residents, more than Camden.",
    "Only Westminster, with 4,102, recorded more; the borough was the safest borough in the capital.",
    "Offences more than doubled between 2015 and 2019, the highest number since 2008.",
    "One in five thefts happened in the first half of 2023, almost a third of the London total.",
    "ſome 40 ſtolen cars, a riſe of 3 per cent; ٣ per cent up on the year before. \u212aingston had 55.",
    "Nearly 1,000 arrests were made over the same period last year, twice as many as in Enfield.",
    "In January 2022 there were 31 robberies, 4 fewer than in the previous 12 months; 3rd-highest of any borough.",
    "The rate was 2.5 times higher than the London average and ranked 2nd of the 32 boroughs.",
    "x12 months to June, a2019 and 1st-placed, 100,000 people; since October last year it has tripled.",
]


def _story(n: int) -> str:
    text = "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(n))
    assert len(text) >= anchors.ANCHORED_FROM
    return text


def _same(pattern: re.Pattern, text: str) -> None:
    wanted = anchors.prefixes(pattern.pattern, pattern.flags)
    if wanted is None:
        return
    plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    anchored = [(m.span(), m.groups()) for m in anchors.finditer(pattern, text, anchors.WordIndex(text).starts(wanted))]
    assert anchored == plain


@pytest.mark.parametrize("variant", [str, str.upper, str.lower, lambda t: t.replace(" ", "  \n")])
def test_every_pattern_matches_as_the_plain_scan(variant):
    text = variant(_story(40))
    for i in range(len(figures._SPECS)):
        _same(figures._compiled(i), text)
    for _kind, pattern in when._PATTERNS:
        _same(pattern, text)
    _same(lexicon._area_pattern()[0].pattern, text)


def test_prefixes_read_from_the_pattern():
    found = anchors.prefixes(r"\b(?:the\s+)?(?:(?P<n>12|twelve)\s+months|year)\s+to\b", re.I)
    assert found == {("the", False), ("#", False), ("twe", False), ("yea", False)}  # '12' is a word starting with a digit
    assert anchors.prefixes(r"\b(?:a|an)\s+rise", re.I) == {("a", True), ("an", True)}
    assert anchors.prefixes(r"(?<!\d)\d{4}", 0) is None  # no leading \b: may start inside a word
    assert anchors.prefixes(r"\b\w+ed\b", 0) is None  # any word at all


@pytest.mark.parametrize("variant", [str, str.upper, lambda t: t.replace(" ", "  \n")])
def test_find_figures_and_periods_unchanged_on_a_long_story(monkeypatch, variant):
    # a long story is matched at the words each pattern starts with, in its fold where the pattern
    # allows (folded.py), crime types only at their phrases' first letters: as a short one is
    text = variant(_story(60) + "\n\nKnife-crime and knife crime, gun crimes, robberies of personal property, drug "
                   "trafficking, CCTV cameras, arrests, violence against the person, ſhoplifting, \u212anife crime.")
    anchored = figures.find_figures(text)
    periods = when.period_mentions(text, None)
    areas = lexicon.area_mentions(text)
    measures = lexicon.measure_mentions(text)
    monkeypatch.setattr(anchors, "ANCHORED_FROM", 10**9)
    assert anchors.word_index(text) is None
    assert figures.find_figures(text) == anchored
    assert when.period_mentions(text, None) == periods
    assert lexicon.area_mentions(text) == areas
    assert lexicon.measure_mentions(text) == measures
    assert len(anchored) > 100 and periods and areas and len(measures) > 10


def test_sentence_lookup_by_binary_search_matches_the_scan():
    from factbeat.claims.ground.grounding import _Sentences

    def scan(spans, offset):
        return next(((s, e) for s, e in spans if s <= offset < e), None)

    for spans in ([(0, 5), (5, 5), (5, 9), (12, 20)], [(0, 10), (3, 8), (8, 12)], [], [(4, 6)]):
        sentences = _Sentences(spans)
        for offset in range(-1, 22):
            assert sentences.at(offset) == scan(spans, offset), (spans, offset)


def _plain_starts(text: str, wanted: frozenset) -> list[int]:
    """WordIndex.starts as first written: every word tried against every prefix."""
    out = []
    for m in re.finditer(r"\b\w{1,3}", text):
        key = m.group()
        if not key.isascii():
            out.append(m.start())
            continue
        key = "#" if key[0].isdigit() else key.lower()
        if any(key == p if exact or len(p) == 3 or p == "#" else key != "#" and key.startswith(p) for p, exact in wanted):
            out.append(m.start())
    return out


@pytest.mark.parametrize("wanted", [
    frozenset({("a", True), ("an", True), ("abo", False), ("#", False)}),
    frozenset({("ab", False), ("ab", True), ("abo", False)}),  # a prefix cut short, and the same one whole
    frozenset({("t", False), ("the", False), ("k", False)}),
    frozenset({("zzz", False)}),
])
def test_word_index_files_each_word_as_a_plain_reading_does(wanted):
    text = _story(30) + " The THE tHe ab abc Abroad about 3rd 2,040 ſome \u212aingston Éclair é 12ab a. An"
    assert anchors.WordIndex(text).starts(wanted) == _plain_starts(text, wanted)


def test_first_strings_read_from_the_pattern():
    assert anchors.first_strings(r"(?<![\d,.£$])(?P<year>(?:19|20)\d\d)") == {"19", "20"}
    assert anchors.first_strings(r"(?<!x)(?:ab|c)d\d") == {"abd", "cd"}  # both branches fixed: read on
    assert anchors.first_strings(r"(?:Ab|c\w)d", re.I) == {"ab", "c"}  # lower case, to be found in the fold
    assert anchors.first_strings(r"(?<!x)(?:ab|cd)?e") is None  # may start with 'e': not pinned down
    assert anchors.first_strings(r"\d{4}") is None
    assert anchors.first_strings(r"(?:a|b|c|d|e|f|g|h|i|j)x") is None  # too many to look for one by one
    assert anchors.first_strings(r"é\d", re.I) is None  # outside ASCII the fold may not keep it


@pytest.mark.parametrize("variant", [str, str.upper, lambda t: t.replace(" ", "  \n")])
def test_patterns_found_by_their_first_strings_match_as_the_plain_scan(variant):
    text = variant(_story(40) + " a2019 x1920s 2020/21 £2019 1,2019 20192020 19")
    tried = 0
    for _kind, pattern in when._PATTERNS:
        if anchors.prefixes(pattern.pattern, pattern.flags) is not None:
            continue
        tried += 1
        plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        found = [(m.span(), m.groups()) for m in anchors.Anchored(pattern).finditer(text, anchors.WordIndex(text))]
        assert found == plain and plain
    assert tried == 2  # the financial years and the years


@pytest.mark.parametrize("variant", [str, str.upper])
def test_a_figure_pattern_matches_only_where_its_head_does(variant):
    text = variant(_story(40))
    words = anchors.WordIndex(text)
    assert figures._HEADS
    for i, head in figures._HEADS.items():
        assert figures._SPECS[i][1].startswith(head)
        heads = set(figures._heads(head, text, figures.fold(text), words))
        starts = {m.start() for m in figures._compiled(i).finditer(text)}
        assert starts <= heads
        assert figures._compiled(i).pattern.startswith(head)
