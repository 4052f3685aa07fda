"""Find every number written in a text, as digits or as words, with its character span.

Numerals ("1,400", "12.5", "£1.2m") are matched with a regular expression; number words
("seventy-six", "two hundred", "sixth") are left to ``text2num``'s ``find_numbers``, which works
on tokens, so we hand it tokens that remember their offsets.  What a number *means* (a year, a
percentage, an age…) is decided later, in :mod:`factbeat.claims.read.quantities`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from text_to_num import find_numbers

from factbeat.claims import patterns
from factbeat.claims.guard import fold_window
from factbeat.claims.prefilter import lower_from_fold, matches_at, places_of


def _digits(lead: str, run: str) -> str:
    """The digits: a decimal comma before a percentage ("20,7%"), thousands groups, or a plain
    run; ``lead`` and ``run`` count the digits they start with (one fewer once a digit is read)."""
    return (r"(?:\d" + lead + r",\d{1,2}(?=\s*(?:%|per[\s-]?cent\b|percent\b))"
            r"|\d" + lead + r"(?:,\d{3}|, (?=0\d\d\b)\d{3})+(?![\d])|\d" + run + ")")


# "131, 045" is 131,045 with a stray space: a group after ", " that starts with 0 is no number of
# its own (nobody writes a count as 045), so it continues the one before
# A hyphen before a number joins it to a word or a range ("COVID-19", "207-348") unless it stands
# alone as a minus sign ("(-9%)", " -9%"), which makes the number negative: a number starts with
# a minus sign after a space or bracket, or with a digit after no letter, digit or number
# punctuation.  The first character is matched before those looks back, so
# that the engine skips straight to signs and digits (a look-behind first made it try every
# place: a tenth of reading a text).
_NUMERAL = patterns.compile(r"[-−\d](?:(?<=[(\s][-−])" + _digits("{1,3}", "+")
                      + r"|(?<=\d)(?<![\w.,/:\-]\d)" + _digits("{0,2}", "*") + r")(?:\.\d+)?")
# The same, starting only at a sign or an ASCII digit: the engine tells those from a table, where
# it looks every character of the text up in Unicode's digits for "\d" (half the cost of the
# scan).  A text with no other digit ("٣", "３": :data:`_NON_ASCII_DIGIT` finds none, in a scan
# that looks up only the characters outside ASCII) has the same matches.
_NUMERAL_ASCII = patterns.compile("[-−0-9]" + _NUMERAL.pattern.removeprefix(r"[-−\d]"))
_NON_ASCII_DIGIT = patterns.compile(r"[^\x00-\x7f](?<=\d)")
_DECIMAL_COMMA = patterns.compile(r"[-−]?\d{1,3},\d{1,2}")  # "20,7%": a decimal comma, as much of Europe writes it
_SCALE = patterns.compile(r"\s*(million|billion|thousand|bn|m|k)\b", re.I)
_ORDINAL_SUFFIX = patterns.compile(r"(?:st|nd|rd|th)\b")
_ORDINAL_FIRST = frozenset("snrt")  # a suffix's first letter: a cheaper test before the pattern
_SCALES = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9, "thousand": 1000, "k": 1000}
_TOKEN = patterns.compile(r"[A-Za-z]+|\d[\d,.]*|[^\sA-Za-z\d]")
_ZERO_WORDS = patterns.compile(r"\b(?:no\s+one|no-one|nobody|none|nil)\b", re.I)
_ZERO_WORDS_FOLDED = patterns.compile(r"no\s+one|no-one|nobody|none|nil")  # in lower case, without the \b
_DOZEN = patterns.compile(r"\b(?:(half\s+a)|(a|one|two|three|four|five|six))\s+dozen\b(?!s)", re.I)
_DOZEN_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DETERMINER_BEFORE = patterns.compile(r"\b(?:the|these|those|both|all|its|their|his|her|our)\s+$", re.I)
_AND_A_HALF = patterns.compile(r"\s+and\s+a\s+half\b")


@dataclass(slots=True)
class NumberMention:
    """A number as written: value, span, precision, and how it was written."""

    value: Fraction
    start: int
    end: int
    decimals: int = 0
    spelled: bool = False
    ordinal: bool = False
    plural: bool = False
    weak: bool = False  # "one", "no one": a number only in an explicit frame


def in_range(value: Fraction, low: int | None = None, high: int | None = None) -> bool:
    """``low <= value <= high`` (a bound left out is no bound), worked in integers: Fraction's own
    comparisons go through Python-level type checks, and reading a text makes tens of thousands."""
    n, d = value.numerator, value.denominator
    return (low is None or low * d <= n) and (high is None or n <= high * d)


class _Token:
    """The token protocol ``text_to_num.find_numbers`` expects, plus character offsets."""

    __slots__ = ("start", "end", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self.start, self.end = text, start, end

    def text(self) -> str:
        return self._text

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


# Longer digit runs are identifiers or noise, not figures; they are passed over (a count of
# crimes in the world has 11 digits).  This also keeps exact arithmetic on floats finite.
MAX_DIGITS = 15


def _numerals(text: str) -> list[NumberMention]:
    """Numbers written with digits, including a following scale word ("1.2 million")."""
    found: list[NumberMention] = []
    numeral = _NUMERAL_ASCII if text.isascii() or _NON_ASCII_DIGIT.search(text) is None else _NUMERAL
    for match in numeral.finditer(text):
        digits = raw = match.group()
        if "," in raw:  # (a space is only ever in ", 045")
            if _DECIMAL_COMMA.fullmatch(raw):
                raw = raw.replace(",", ".")
            digits = raw.replace(",", "").replace(" ", "")
        if "−" in digits:
            digits = digits.replace("−", "-")
        if len(digits) > MAX_DIGITS:
            continue  # a run of digits no statistic has (an ID, a hash, noise): not a figure
        # built from whole numbers: Fraction("12.5") parses its text with a regular expression
        whole, _, part = digits.partition(".")
        numerator, decimals = int(whole + part), len(part)
        start = match.start()
        if numerator < 0:  # the sign stays in the span ("-9%": a fall); a dash before a count is punctuation
            numerator = -numerator
            start += 0 if _PERCENT_AFTER.match(text, match.end()) else 1
        value = Fraction(numerator, 10**decimals) if decimals else Fraction(numerator)
        end = match.end()
        ordinal = _ORDINAL_SUFFIX.match(text, end) if text[end : end + 1] in _ORDINAL_FIRST else None
        if ordinal and not decimals:
            found.append(NumberMention(value, start, ordinal.end(), ordinal=True))
            continue
        scale = _SCALE.match(text, end)
        if scale and not (scale.group(1).lower() == "m" and text[end : end + 1] == " "):
            value *= _SCALES[scale.group(1).lower()]
            end = scale.end()
        found.append(NumberMention(value, start, end, decimals))
    if _holds_range(text):
        for match in _RANGE_END.finditer(text):  # "from 207-348": the hyphen hides the later figure
            digits = match.group(1).replace(",", "")
            if len(digits) <= MAX_DIGITS and not (1800 <= int(digits) <= 2100 and len(digits) == 4):
                found.append(NumberMention(Fraction(digits), match.start(1), match.end(1)))
    return found


_PERCENT_AFTER = patterns.compile(r"\s*(?:%|per[\s-]?cent\b|percent\b|pc\b)", re.I)
_RANGE_END = patterns.compile(r"\bfrom\s+(?:\d{1,3}(?:,\d{3})+|\d+)\s*[-–]\s*(\d{1,3}(?:,\d{3})+|\d{3,})\b(?![.,]\d)",
                        re.I)  # fmt: skip
_RANGE_ANYWHERE = patterns.compile(r"[-–]\s*\d")  # in every range
_DASHES = "-–"  # (the characters the pattern starts with)


def _holds_range(text: str) -> bool:
    """Whether :data:`_RANGE_ANYWHERE` matches in ``text``, tried only where it can start: at the
    dashes, which :func:`places_of` finds many times faster than the engine's scan of every
    character (a story has a few, in words like "year-old")."""
    return any(_RANGE_ANYWHERE.match(text, at) for at in places_of(text, _DASHES))


@lru_cache(maxsize=50_000)
def _is_number_word(word: str) -> bool:
    """Whether text2num reads ``word`` (lower case) as a number, or part of one, on its own."""
    return bool(find_numbers([_Token(word, 0, len(word))], "en", threshold=0))


# Every byte that is not a lower-case letter, as a space: the words ("[a-z]+") of a lower-cased
# text are then the split of its ASCII bytes (any other character standing as one "?"), all
# done in C: twice as fast as a regular expression's findall.
_NOT_A_LETTER = bytes(b if ord("a") <= b <= ord("z") else ord(" ") for b in range(256))


def _words(lower: str) -> set[str]:
    """The runs of the letters a-z in ``lower``."""
    return set(lower.encode("ascii", "replace").translate(_NOT_A_LETTER).decode("ascii").split())


@lru_cache(maxsize=4096)
def _candidate_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """The words, "and" and hyphens, in lower case, for the folded text (a case-sensitive search
    finds the same places as a case-insensitive one of the text, twice as fast: see
    claims/prefilter.py)."""
    alternation = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(r"\b(?:" + alternation + r"|and)\b|-")  # (made per word set: not kept)


def _candidates(folded: str, words: frozenset[str]) -> Iterator[re.Match[str]]:
    """What ``finditer`` of the candidate pattern yields, found faster: a pattern that starts with
    a word boundary makes the engine try every place, and even one that starts with letters
    makes it look at every character.  Every match starts where one of the words, "and" or a
    hyphen does, so trying just those places gives the same matches."""
    return matches_at(_candidate_pattern(words), folded, places_of(folded, (*words, "and", "-")))


def _number_tokens(text: str) -> list[_Token]:
    """Tokens for text2num: the number words of ``text``, with "and" and hyphens between them,
    and one separator wherever anything else comes between two of them.  Keeping the token
    list this short is most of the speed of reading number words."""
    folded = fold_window(text)
    words = frozenset(w for w in _words(lower_from_fold(text, folded)) if _is_number_word(w))
    if not words:
        return []
    tokens: list[_Token] = []
    previous_end = 0
    for match in _candidates(folded, words):
        start, end = match.span()
        if tokens and text[previous_end:start].strip():
            tokens.append(_Token("|", previous_end, start))
        tokens.append(_Token(text[start:end], start, end))
        previous_end = end
    return tokens


class _Overlaps:
    """Does [start, end) overlap any of the spans?  A binary search over the spans sorted by start,
    with the furthest end seen so far: a whole text's word numbers against all its numerals in
    n log n, where testing every pair grew with the square of the text (a 1 MB story)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _e in ordered]
        self.furthest: list[int] = []
        reach = -1
        for _s, e in ordered:
            reach = max(reach, e)
            self.furthest.append(reach)

    def any(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans starting before ``end``
        return before > 0 and self.furthest[before - 1] > start


def _word_numbers(text: str, taken: list[tuple[int, int]]) -> list[NumberMention]:
    """Numbers written as words, via text2num, skipping any inside a numeral's span."""
    tokens = _number_tokens(text)
    if not tokens:
        return []
    found: list[NumberMention] = []
    overlaps = _Overlaps(taken)
    for occ in find_numbers(tokens, "en", threshold=0):
        start, end = tokens[occ.start].start, tokens[occ.end - 1].end
        if overlaps.any(start, end):
            continue
        word = text[start:end].lower()
        plural = word.endswith("s")
        if plural and not occ.is_ordinal:  # "hundreds", "thousands": vague, not a number
            continue
        value = Fraction(int(occ.value)) if occ.value == int(occ.value) else Fraction(occ.value)
        half = _AND_A_HALF.match(text, end)
        if half and not occ.is_ordinal:
            value, end = value + Fraction(1, 2), half.end()
        determiner = _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
        weak = word in ("one", "million") or (determiner is not None and value < 10)
        found.append(NumberMention(value, start, end, 0, True, occ.is_ordinal, plural, weak))
    return found


def _special_words(text: str) -> list[NumberMention]:
    """Counts text2num does not read: "a dozen", "half a dozen", and zero words ("no one")."""
    folded = fold_window(text)  # case-insensitive scans of a whole text are slow: look for the words first
    found = [NumberMention(Fraction(0), m.start(), m.end(), spelled=True, weak=True)
             for m in (_ZERO_WORDS.finditer(text) if _ZERO_WORDS_FOLDED.search(folded) else ())]  # fmt: skip
    for match in _DOZEN.finditer(text) if "dozen" in folded else ():
        count = Fraction(1, 2) if match.group(1) else _DOZEN_COUNT[match.group(2).lower()]
        found.append(NumberMention(Fraction(count) * 12, match.start(), match.end(), spelled=True))
    return found


def find_number_mentions(text: str) -> list[NumberMention]:
    """All numbers in ``text`` in reading order; overlapping readings keep the earliest found."""
    mentions = _numerals(text)
    special = _special_words(text)
    taken = [(m.start, m.end) for m in mentions + special]
    mentions += special
    mentions += _word_numbers(text, taken)
    mentions.sort(key=lambda m: (m.start, -m.end))
    result: list[NumberMention] = []
    for mention in mentions:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result
