"""The reading's guards (``factbeat.claims.guard``) only ever skip windows a pattern cannot match."""

from __future__ import annotations

import random
import re

from pattern_sentences import SENTENCES

from factbeat.claims import guard
from factbeat.claims.guard import Guarded, fold_window, necessary_endings, second_necessary_words
from factbeat.claims.prefilter import necessary_words

# Written for this test: words of the guarded patterns in odd cases and places.

def test_necessary_endings():
    assert necessary_endings(re.compile(r"\b(?:per|for\s+every)\s+$", re.I)) == {"per", "every"}
    assert necessary_endings(re.compile(r"\bfrom\s+[\d,]+\s*[-–]\s*$")) == {"-", "–"}
    assert necessary_endings(re.compile(r"\baged?\s*$", re.I)) == {"age", "d"}  # "aged" ends with its optional d
    assert necessary_endings(re.compile(r"\bto\s+(?:the\s+)?$", re.I)) == {"to", "the"}
    assert necessary_endings(re.compile(r"(?:January|May)\.?\s+$")) == {"january", "may", "."}
    assert necessary_endings(re.compile(r"\bper\s+")) is None  # not anchored at the end
    assert necessary_endings(re.compile(r"\d+\s+$")) is None  # digits: too many to list
    assert necessary_endings(re.compile(r"\bper\s+$", re.I | re.M)) is None  # "$" at every line end
    assert necessary_endings(re.compile(r"(?:\s|\.)*$")) is None  # may match only spaces


def test_second_necessary_words():
    pattern = re.compile(r"\s+and\s+\d+(?:\s+\w+)*\s+a\s+(?:day|week)\b", re.I)
    assert {necessary_words(pattern), second_necessary_words(pattern)} == {frozenset({"and"}), frozenset({"day", "week"})}
    assert second_necessary_words(re.compile(r"\b(?:rose|fell)\s+by\b", re.I)) == {"by"}
    assert second_necessary_words(re.compile(r"\b(?:rose|fell)\b", re.I)) is None


def _read_patterns() -> list[Guarded]:
    from factbeat.claims.read import cues, mentions, nonclaims, phrases, quantities, roles

    modules = (cues, mentions, nonclaims, phrases, quantities, roles)
    return [value for module in modules for value in vars(module).values() if isinstance(value, Guarded)]


def test_guarded_patterns_find_what_their_patterns_find():
    """Every guarded pattern of the reading, on windows of many places in odd cases: the guard
    only ever skips a window its pattern cannot match."""
    guarded = _read_patterns()
    assert len(guarded) >= 10
    extra = ("Aged Under 25, 2 from 207 - 348 … İt was PER 1,000; ref: no. 12 (total of just "
             "when it was only further EXTRA Accounted For the ſame March. the over- ages 5 to 9\n")
    text = "".join(SENTENCES) + extra
    rng = random.Random(4)
    windows = [(rng.randrange(len(text)), rng.randrange(1, 90)) for _ in range(1500)]
    windows += [(i, 60) for i in range(len(text) - 60, len(text))]
    for g in guarded:
        for start, size in windows:
            window = text[max(0, start - size) : start]
            for name in ("search", "match"):
                found, expected = getattr(g, name)(window), getattr(g.pattern, name)(window)
                assert (found and found.span()) == (expected and expected.span()), (g.pattern.pattern[:40], window)
            found, expected = g.search(text, max(0, start - size), start), g.pattern.search(text, max(0, start - size), start)
            assert (found and found.span()) == (expected and expected.span()), (g.pattern.pattern[:40], window)


def test_guard_skips_windows_without_the_ending(monkeypatch):
    monkeypatch.setattr(guard, "WARM_UP", 1)
    g = Guarded(re.compile(r"\b(?:per|for\s+every)\s+$", re.I))
    assert g.search("crimes PER ") and g.search("two for  every\n")
    assert not g.may_match("crimes per head")


def test_guard_is_worked_out_after_its_warm_up():
    g = Guarded(re.compile(r"\bwarm(?:ed|ing)\s+up\b", re.I))
    for _ in range(guard.WARM_UP - 1):
        assert g.may_match("nothing here")  # not read yet: every window is searched
    assert not g.may_match("nothing here")


def test_fold_window_keeps_offsets():
    for text in ("İN the ſafest borough", "x" * 600 + "İN", "Plain Text"):
        folded = fold_window(text)
        assert len(folded) == len(text) and folded == folded.lower()


def test_guarded_endings_say_no_only_where_no_pattern_matches():
    """A group of the reading's end-anchored guarded patterns, on windows ending at many places:
    where the group says a window cannot match, none of its patterns matches it."""
    from factbeat.claims.read import nonclaims, roles

    groups = [nonclaims._BEFORE_ENDINGS, roles._EARLIER_ENDINGS,
              guard.GuardedEndings(Guarded(re.compile(r"\bper\s+$", re.I)), Guarded(re.compile(r"\bof\s*$", re.I)))]
    text = "".join(SENTENCES) + "Aged Under 25; ref: no. 12 per 1,000, compared WITH 9, years earlier, was 4 of\n"
    rng = random.Random(6)
    windows = [text[max(0, end - rng.randrange(1, 70)) : end] for end in (rng.randrange(len(text) + 1) for _ in range(3000))]
    said_no = 0
    for group in groups:
        for g in group.guards:  # (each pattern is read once asked enough)
            while g._words is None:
                g.may_match("warm up")
        for window in windows:
            if not group.may_match(window):
                said_no += 1
                assert all(g.pattern.search(window) is None for g in group.guards), window
            else:
                assert group._endings is not None
    assert said_no > len(windows)


def test_guarded_endings_wait_for_their_patterns():
    late = Guarded(re.compile(r"\bthan\s+$", re.I))
    group = guard.GuardedEndings(late)
    assert group.may_match("nothing here")  # the pattern is not worked out yet: every window may match
