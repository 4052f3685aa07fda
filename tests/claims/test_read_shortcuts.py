"""The reading's shortcuts give what the long way gives: the words before a number told from
their plain pieces (``claims.read.cues``) and the non-claim rules screened by what follows a
number (``claims.read.nonclaims``)."""

from __future__ import annotations

import random
import re
from fractions import Fraction

from pattern_sentences import SENTENCES

from factbeat.claims.read import cues, nonclaims
from factbeat.claims.read.mentions import NumberMention, find_number_mentions

# Written for this test: punctuation, numbers, quotes and odd cases right before numbers.
EXTRA = """\
Crime rose, by 12 per cent. It fell, by a further 7, and again, by 9 in Leeds, up from 4,409.
"Almost 30" said Mr. Smith; approx. 40 (nearly 50) — about 60 – some 70: well over 80!
Arrests were made in 1,234 cases, up to 2,345, in excess of 3,456 and no fewer than 4,567.
There was a rise of 13, a fall or nearly 14, and the only increase was in thefts, by 15.
Robbery went up in Nottinghamshire by 16 and fell across Greater Manchester by 17 per cent.
It grew sharply by 18, dramatically by a staggering 19, and rocketed by a hefty 20.
Close to 21, getting on for 22, in the region of 23, a little more than 24, c. 25 and ca. 26.
The İNCREASE of 27, a ſlight fall of 28, ΑΣ 29 and the ﬁgure 30; [more than 31] ‘about 32’.
  by 33, by  34,   the 35,
up 36 down 37 the 38 a 39 an 40 was 41 of 42 or 43,44 ,45 .46 47. 48.. 49
"""
TEXT = SENTENCES + EXTRA


def _places(text: str, count: int, seed: int) -> list[tuple[int, int]]:
    """(floor, end) pairs: every number's start, and random places, with floors near and far."""
    rng = random.Random(seed)
    ends = [m.start for m in find_number_mentions(text)] + [rng.randrange(len(text) + 1) for _ in range(count)]
    return [(max(0, end - rng.choice((0, 3, 9, 20, 40, 90))), end) for end in ends for _ in range(2)]


def _tail_words_fresh(text: str, floor: int, end: int, limit: int = 7) -> list[cues.Word]:
    cues._tails = ("", {})  # no memory of another call
    return cues.tail_words(text, floor, end, limit)


def test_plain_tail_is_the_tail_words():
    for text in (TEXT, TEXT.lower(), TEXT.upper()):
        for floor, end in _places(text, 1500, 1):
            for limit in (5, 7):
                plain = cues._plain_tail(text[max(floor, end - 70) : end], limit)
                if plain is not None:
                    words = _tail_words_fresh(text, floor, end, limit)
                    assert plain == [w.text for w in words], (text[floor:end], limit)
                    assert [p.lower() for p in plain] == [w.lower for w in words]


def test_plain_tail_tells_most_windows():
    told = [cues._plain_tail(TEXT[max(f, e - 70) : e], 7) is not None for f, e in _places(TEXT, 0, 2)]
    assert sum(told) > len(told) / 2


def test_qualifier_and_change_word_as_from_the_tail_words():
    for text in (TEXT, TEXT.lower(), TEXT.upper()):
        for floor, end in _places(text, 1500, 3):
            words = _tail_words_fresh(text, floor, end)
            lowers = [w.lower for w in words]
            found = cues._qualifier_at_end(lowers)
            expected = None if found is None else (found[0], words[found[1]].start)
            cues._tails = ("", {})
            assert cues.qualifier_before(text, floor, end) == expected, text[floor:end]

            found = cues._change_word_at_end(lowers, [w.text for w in words])
            cues._tails = ("", {})
            hit = cues.change_word_before(text, floor, end)
            if found is None:
                assert hit is None, text[floor:end]
            else:
                assert hit == (found[0], words[found[1]], words[found[2]]), text[floor:end]
                assert (hit[1] is hit[2]) == (found[1] == found[2])  # one word: one object, as callers test


def test_some_qualifiers_and_change_words_are_found():
    text = "Crime rose, by 12 per cent; close to 21, and a little more than 24, up from 4,409 in Leeds."
    assert cues.qualifier_before(text, 0, text.index("21")) == ("close to", text.index("close"))
    assert cues.qualifier_before(text, 0, text.index("24")) == ("a little more than", text.index("a little"))
    sign, first, last = cues.change_word_before(text, 0, text.index("12"))
    assert (sign, first.text, first.start) == (1, "rose", text.index("rose")) and first is last


def _unscreened(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    """Every rule in order, whatever follows the number: the long way."""
    for rule, _reads_after in nonclaims.RULES:
        reason = rule(m, raw, before, after)
        if reason:
            return reason
    return None


# Written for this test: numbers that each rule, before or after, may take for no claim.
NONCLAIMS = """\
At 11am on March 3, a 25-year-old man, aged 19, was one of 30 Under 30; Smith, 45, and Jones (52).
Call 999 or 101 on 0800 555 111; a 999 call, ref 12345, flat 4, Section 60, 24 hours, 3 times.
Victims were under 25. The 1990s, 5ft, 7km, 12b Road, 10 Downing Street, from 207-348, 3-1.
1. First item 2) second; 3/4 of them, 12/05/2016, 50 per 1,000, the 2015/16 year, 1,000 FTSE.
"""


def test_why_not_a_claim_as_every_rule_in_order():
    rng = random.Random(5)
    reasons = set()
    for text in (TEXT + NONCLAIMS, (TEXT + NONCLAIMS).upper()):
        mentions = find_number_mentions(text)
        cases = [(m.start, m.end, m) for m in mentions]
        cases += [(s, s + 2, NumberMention(Fraction(rng.choice((5, 25, 999, 101, 2015))), s, s + 2))
                  for s in (rng.randrange(len(text) - 2) for _ in range(1500))]  # fmt: skip
        for start, end, m in cases:
            cut = rng.choice((0, 10))
            before, after = text[max(cut, start - 32) : start], text[end : end + rng.choice((0, 1, 5, 80))]
            raw = text[start:end]
            expected = _unscreened(m, raw, before, after)
            assert nonclaims.why_not_a_claim(m, raw, before, after) == expected, (before, raw, after)
            reasons.add(expected)
    assert len(reasons) > 12, reasons  # most rules gave their reason somewhere


def test_rules_reading_after_need_a_cue():
    """A rule that reads what follows a number gives no reason where no after-cue matches."""
    text = TEXT + NONCLAIMS
    for m in find_number_mentions(text):
        raw, before = text[m.start : m.end], text[max(0, m.start - 32) : m.start]
        for size in (0, 3, 80):
            after = text[m.end : m.end + size]
            if nonclaims._AFTER_CUE.match(after) is None:
                for rule, reads_after in nonclaims.RULES:
                    if reads_after:
                        assert rule(m, raw, before, after) is None, (rule.__name__, raw, after)


def test_the_after_cue_is_every_after_pattern():
    assert {p.flags for p in nonclaims._AFTER_CUES} == {nonclaims._AFTER_CUE.flags}
    for after in (" am", "th March", "/12", " years old", ".", " hours", " times", "s", " ft", "b",
                  " Top 10", " Downing Street", " calls", ") ", "-9", ", said", ")"):
        assert nonclaims._AFTER_CUE.match(after), after
        assert any(p.match(after) for p in nonclaims._AFTER_CUES), after
    assert not nonclaims._AFTER_CUE.match(" per cent of crimes")


def test_phrase_hints_are_in_every_match():
    """Each phrase family is scanned only where its hint is: every match holds one of the
    pattern's necessary words, and each of those holds the hint."""
    from factbeat.claims.prefilter import necessary_words
    from factbeat.claims.read import phrases

    families = ((phrases._HALF, phrases._HALF_HINT), (phrases._BY_HALF, phrases._HALF_HINT),
                (phrases._QUARTER, phrases._QUARTER_HINT), (phrases._MULTIPLE_VERB, phrases._MULTIPLE_HINT),
                (phrases._WORD_FOLD, phrases._FOLD_HINT))  # fmt: skip
    for pattern, hint in families:
        words = necessary_words(pattern)
        assert words and all(hint.search(word) for word in words), pattern.pattern[:40]
    text = "Thefts DOUBLED, robbery fell by Half, a QUARTER of cases; a threefold rise, twice as many."
    assert [q.kind for q in phrases.find_phrases(text, 0, len(text), [], 0)] == [
        "multiple", "fraction", "fraction", "multiple", "multiple"]


def test_shared_unit_of_time_found_as_without_its_hint():
    """A list's shared unit of time ("3 thefts and 2 robberies a day") is looked for only where
    "and" and a number follow a count: that finds it wherever the pattern alone does."""
    from factbeat.claims.read import quantities

    # Written for this test: lists in odd cases, and near misses.
    text = ("Eleven crimes are reported AND Four arrests are made every Minute. 3 thefts, 2 robberies "
            "and 5 burglaries a day; 12 calls And at least 4 visits per week. 9 cases and more than "
            "ſeven a year, 7 assaults and seized 3 knives each day. 40 thefts and 60 robberies in a year.")
    found = 0
    for start in range(len(text)):
        end = min(len(text), start + 160)
        expected = quantities._SHARED_PER_TIME.pattern.match(text, start, end)
        got = quantities._shared_per_time(text, start)
        assert (got and got.span()) == (expected and expected.span()), text[start : start + 40]
        found += expected is not None
    assert found > 5


def test_sentences_holding_phrases_as_a_search_per_sentence():
    from factbeat.claims.read import phrases

    text = TEXT + "It halved; a half of them, two-Quarters, FOURFOLD, twice. Halfway doubled-quarter.\n"
    rng = random.Random(8)
    for folded in (text, text.upper()):
        cuts = sorted({0, len(folded), *(rng.randrange(len(folded)) for _ in range(200))})
        spans = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if rng.random() < 0.8]  # gaps between some
        assert all(re.escape(word) == word for word in phrases._PHRASE_HINT_WORDS)  # plain words
        held = phrases.sentences_holding_phrases(folded, spans)
        assert held == [phrases.may_hold_phrase(folded, a, b) for a, b in spans]
        assert any(held) and not all(held)


def test_the_unit_cue_is_every_unit_pattern():
    """What follows each number (and random places), cut at several lengths: the one unit cue
    matches exactly where one of the unit patterns it stands for does."""
    from factbeat.claims.read import quantities

    text = TEXT + NONCLAIMS + ("12 PERCENT, 3 Percentage Points, 4 times as many, 5 per 1,000 people, "
                               "6 pounds, 7 and 8 per cent, a 9 INCREASE, 10 fold, 11 ppts, 12pc.\n")  # fmt: skip
    rng = random.Random(9)
    places = [m.end for m in find_number_mentions(text)] + [rng.randrange(len(text)) for _ in range(1500)]
    hits = 0
    for place in places:
        for size in (0, 4, 30, 80):
            after = text[place : place + size]
            expected = any(p.match(after) for p in quantities._UNIT_CUES)
            assert bool(quantities._UNIT_CUE.match(after)) == expected, after
            hits += expected
    assert hits > 40


def test_numerals_found_from_ascii_digits_as_from_all_digits():
    """The numeral scan that starts only at ASCII digits finds the same numbers in a text with no
    other digits, and a text with other digits ("３", "٤") is scanned for all of them."""
    from factbeat.claims.read import mentions

    odd = "Up −5% (-9%) to 1,234.5, 131, 045 and 20,7% - 3 – 4 from 207-348 in 2015/16 “12” ‘6’ …\n"
    for text in (TEXT, NONCLAIMS, odd, TEXT + odd):
        assert mentions._NON_ASCII_DIGIT.search(text) is None
        assert [m.span() for m in mentions._NUMERAL_ASCII.finditer(text)] == [m.span() for m in mentions._NUMERAL.finditer(text)]
    wide = "Crime rose from ３０ to ٤٥, up 12 per cent – from 7-９ “in all”."
    assert mentions._NON_ASCII_DIGIT.search(wide) is not None
    values = [m.value for m in find_number_mentions(wide)]
    assert values[:3] == [30, 45, 12]


def test_holds_range_as_the_pattern():
    from factbeat.claims.read import mentions

    assert mentions._RANGE_ANYWHERE.pattern.startswith("[" + mentions._DASHES + "]")
    rng = random.Random(10)
    text = TEXT + NONCLAIMS + "a - b, c– 5, x-\n9, the year-old 3 -  7 – –1"
    for _ in range(2000):
        a = rng.randrange(len(text))
        piece = text[a : a + rng.choice((3, 10, 60, 400))]
        assert mentions._holds_range(piece) == (mentions._RANGE_ANYWHERE.search(piece) is not None), piece


def test_number_word_candidates_as_finditer():
    """The places tried for number words give what a scan of the whole text with the candidate
    pattern gives, for word sets that are, and are not, in the text."""
    from factbeat.claims.read import mentions

    text = (TEXT + NONCLAIMS + "One hundred and twenty-one, someone's phone; and-and - -one fifth"
            " sixty-six and a half, twenty one thousand and FIVE.\n").lower()  # fmt: skip
    for words in (("one",), ("one", "fifth", "twenty", "thousand"), ("sixty", "six", "five"), ("nine",),
                  ("hundred", "one", "twenty", "thousand", "five", "sixth", "third")):  # fmt: skip
        words = frozenset(words)
        expected = [m.span() for m in mentions._candidate_pattern(words).finditer(text)]
        assert [m.span() for m in mentions._candidates(text, words)] == expected
        assert expected


def test_currency_sign_before_as_the_pattern():
    from factbeat.claims.read import quantities

    text = TEXT + NONCLAIMS + "cost £ 5, $\n6, € 7, £\u20038 ($ 9) €x 1 £"
    rng = random.Random(12)
    for end in [*range(len(text) - 60, len(text) + 1), *(rng.randrange(len(text)) for _ in range(2000))]:
        before = text[max(0, end - rng.choice((0, 1, 3, 32))) : end]
        found = quantities._CURRENCY_BEFORE.search(before)
        assert quantities._currency_sign_before(before) == (found and found.start()), before


def test_a_list_before_a_number_ends_with_a_capitalised_word():
    """Where the list pattern matches the words before a number, their last word starts with a
    capital and spaces follow it: the test the label rule makes before the pattern."""
    text = TEXT + NONCLAIMS + "Top 10 Clubs 5, in 2016 Premier\n7, 3 London  8 and 4 Leeds\t"
    rng = random.Random(13)
    matched = 0
    for end in [*range(len(text) + 1), *(rng.randrange(len(text)) for _ in range(500))]:
        before = text[max(0, end - 32) : end]
        if nonclaims._LIST_BEFORE.search(before):
            matched += 1
            last = before.rsplit(None, 1)
            assert last and last[-1][:1].isupper() and before[-1].isspace(), before
    assert matched > 5
