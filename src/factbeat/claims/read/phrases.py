"""Read the phrases that state a relation in words: fractions, multiples and ranks.

"one sixth", "two-thirds", "a quarter of", "half of", "one in five" (shares); "doubled",
"almost doubling", "tripled", "halved", "fourfold" (multiples); "third-lowest", "second highest"
(ranks).  Fraction and rank words are built from the ordinals ``text2num`` finds ("sixth" → 6),
so only words that are not numbers at all (half, quarter, double…) are listed here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from fractions import Fraction

from text_to_num import text2num

from factbeat.claims import patterns
from factbeat.claims.guard import fold_window
from factbeat.claims.read import lexicon as lx
from factbeat.claims.read.mentions import NumberMention
from factbeat.claims.read.quantity import Quantity, QuantityKind

_RANK_AFTER = patterns.compile(r"[\s-]+(?:most\s+|least\s+)?" + lx.SUPERLATIVES + r"\b", re.I)
_A_BEFORE = patterns.compile(r"\b(?:a|an|another|a\s+further)[\s-]$", re.I)  # "a further third (33%)"
_A_CHANGE_BEFORE = patterns.compile(r"\bby\s+(?:(?:more\s+than|almost|nearly|over|about|around|just\s+over)\s+)?an?\s$", re.I)
_FRACTION_END = patterns.compile(
    r"\s+of\b|\s*(?:[,.;:)\]—–(]|$)|\s+(?:and|or|but|from|on|since|in|to|compared|between|over"
    r"|last|this|year-on-year|higher|lower|more|fewer|less|up|down|greater|bigger|larger|smaller)\b"
)
_JOINED = patterns.compile(r"^[\s-]$")
_ONE_IN = patterns.compile(r"^\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.I)
_HALF = patterns.compile(
    r"\b(?:(?P<a>one|a)[\s-])?half\b(?=\s*[(–—]|\s+(?:of|the|its|their|all|those|these|that|his|her|our"
    r"|them|London|England|without|were|was|are|had|have)\b)(?!\s+of\s+(?:an?\s+)?(?:hour|mile|century|term|season|year|the\s+year))",
    re.I,
)
_HALF_BEFORE_EXCLUDED = patterns.compile(r"\b(?:first|second|last|latter|former|the|this|next)\s+$", re.I)
_BY_HALF = patterns.compile(r"\b(?:by|in)\s+(?:(?:almost|nearly|more\s+than|over|just\s+over|just\s+under|about"
                      r"|around|roughly|well\s+over|less\s+than|under)\s+)?half\b", re.I)  # "rose by almost half"
_CUT_BEFORE = patterns.compile(r"\b(?:cut|slashed|sliced|reduced)\s+$", re.I)
_QUARTER = patterns.compile(
    r"\b(?P<n>a|one|two|three)[\s-]quarters?\b(?!\s+of\s+(?:an?\s+)?(?:hour|mile|century))",
    re.I,
)
_MULTIPLE_VERB = patterns.compile(
    r"\b(?P<w>doubl(?:ed|ing|es)|tripl(?:ed|ing|es)|trebl(?:ed|ing|es)|quadrupl(?:ed|ing|es)"
    r"|halv(?:ed|ing|es)|halve)\b"
    r"|\b(?P<bare>double|triple|treble|quadruple|twice)\b",
    re.I,
)
_MULTIPLE_VALUES = {"doub": 2, "twic": 2, "trip": 3, "treb": 3, "quad": 4, "halv": Fraction(1, 2)}
_BARE_NEXT = patterns.compile(
    r"\s*(?:$|[,.;:)]|(?:the|that|those|its|their|his|her|what|from|to|since|in|over|on|last"
    r"|this|as|more|higher|than|previous)\b)",
    re.I,
)
_TWICE_NEXT = patterns.compile(
    r"\s+(?:as|the|that|those|its|their|what|more|higher|over|than|this|last|previous)\b", re.I
)
_WORD_FOLD = patterns.compile(r"\b(?P<n>[a-z]+)[\s-]?fold\b", re.I)


# In lower case, looked for in the folded text: a case-sensitive scan for a few words is many
# times faster than a case-insensitive one (claims/prefilter.py says why the two agree).  Every
# match of the patterns of halves, quarters, multiples and folds holds its hint.
_HALF_HINT = patterns.compile(r"half")
_QUARTER_HINT = patterns.compile(r"quarter")
_MULTIPLE_HINT = patterns.compile(r"doubl|tripl|trebl|quadrupl|halv|twice")
_FOLD_HINT = patterns.compile(r"fold")
_PHRASE_HINT = patterns.compile(
    "|".join(hint.pattern for hint in (_HALF_HINT, _QUARTER_HINT, _MULTIPLE_HINT, _FOLD_HINT))
)
_PHRASE_HINT_WORDS = tuple(_PHRASE_HINT.pattern.split("|"))  # (plain words: the hint is any of them)


def may_hold_phrase(text: str, start: int = 0, end: int | None = None) -> bool:
    """Cheap test: could ``text[start:end]`` hold a multiple or fraction said without a number word?"""
    return _holds(text, start, len(text) if end is None else end, _PHRASE_HINT)


def sentences_holding_phrases(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """:func:`may_hold_phrase` for each ``(start, end)`` span of ``text`` (its sentences, in order,
    not overlapping), told once for the whole text: a sentence holds a hint when one of the hint
    words lies wholly inside it.  The words are looked for with ``str.find``, many times faster
    over a story than the engine's scan of every character for the hint pattern, and most
    stories hold a hint in few sentences or none."""
    folded = fold_window(text)
    held = [False] * len(spans)
    starts = [start for start, _ in spans]
    for word in _PHRASE_HINT_WORDS:
        at = folded.find(word)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if i >= 0 and at + len(word) <= spans[i][1]:
                held[i] = True
            at = folded.find(word, at + 1)
    return held


def _holds(text: str, start: int, end: int, hint: re.Pattern[str]) -> bool:
    """Whether the folded ``text[start:end]`` holds ``hint``: a sentence with a doubling seldom
    has a half too, and each family's case-insensitive scan is many times the hint's."""
    return hint.search(fold_window(text), start, end) is not None


def _quantity(kind: QuantityKind, value: Fraction, start: int, end: int, text: str, index: int,
              direction: int = 0) -> Quantity:  # fmt: skip
    return Quantity(
        kind, value, start, end, text[start:end], index, direction=direction, spelled=True
    )


def _ranks_and_fractions(text: str, mentions: list[NumberMention], index: int) -> list[Quantity]:
    """Ranks ("third-lowest") and ordinal fractions ("one sixth", "two-thirds", "a fifth of")."""
    found: list[Quantity] = []
    for i, m in enumerate(mentions):
        if not m.ordinal:
            continue
        if rank := _RANK_AFTER.match(text, m.end):
            found.append(_quantity(QuantityKind.RANK, m.value, m.start, rank.end(), text, index))
            continue
        if m.value < 3 or not m.spelled and not _A_CHANGE_BEFORE.search(text, max(0, m.start - 40), m.start):
            continue  # "a 10th" only after a change ("risen by more than a 10th"), not "a 5th place"
        prev = mentions[i - 1] if i else None
        if prev and not prev.ordinal and _JOINED.match(text[prev.end : m.start]):
            if m.plural or prev.value == 1:
                value = prev.value / m.value
                found.append(
                    _quantity(QuantityKind.FRACTION, value, prev.start, m.end, text, index)
                )
        elif _A_BEFORE.search(text, max(0, m.start - 11), m.start) and _FRACTION_END.match(
            text, m.end
        ):
            start = _A_BEFORE.search(text, max(0, m.start - 11), m.start).start()
            found.append(_quantity(QuantityKind.FRACTION, 1 / m.value, start, m.end, text, index))
    return found


def _one_in(text: str, mentions: list[NumberMention], index: int) -> list[Quantity]:
    """ "one in five", "1 in 4", "one out of every three"."""
    found = []
    for first, second in zip(mentions, mentions[1:], strict=False):
        # the words between first: comparing Fractions costs more than matching them
        if first.ordinal or second.ordinal or not _ONE_IN.match(text[first.end : second.start]):
            continue
        if second.value > first.value > 0 and not 1800 <= second.value <= 2100:
            value = first.value / second.value
            found.append(
                _quantity(QuantityKind.FRACTION, value, first.start, second.end, text, index)
            )
    return found


def _halves_and_quarters(text: str, start: int, end: int, index: int) -> list[Quantity]:
    """ "half of", "a quarter of", "three quarters of", "(fell) by half"."""
    found = []
    halves = _holds(text, start, end, _HALF_HINT)
    for match in _HALF.finditer(text, start, end) if halves else ():
        if not match.group("a") and _HALF_BEFORE_EXCLUDED.search(text, start, match.start()):
            continue
        found.append(_quantity(QuantityKind.FRACTION, Fraction(1, 2), *match.span(), text, index))
    for match in _BY_HALF.finditer(text, start, end) if halves else ():
        half_start = match.end() - len("half")
        cut = _CUT_BEFORE.search(text, max(start, match.start() - 12), match.start())
        if cut and match.group().lower().startswith("in"):  # "cut in half": halved, a multiple
            found.append(_quantity(QuantityKind.MULTIPLE, Fraction(1, 2), cut.start(), match.end(), text, index, -1))
            continue
        found.append(
            _quantity(QuantityKind.FRACTION, Fraction(1, 2), half_start, match.end(), text, index)
        )
    for match in _QUARTER.finditer(text, start, end) if _holds(text, start, end, _QUARTER_HINT) else ():
        if not _FRACTION_END.match(text, match.end()):
            continue
        n = match.group("n").lower()
        count = {"a": 1, "one": 1, "two": 2, "three": 3}[n]
        found.append(
            _quantity(QuantityKind.FRACTION, Fraction(count, 4), *match.span(), text, index)
        )
    return found


def _multiples(text: str, start: int, end: int, index: int) -> list[Quantity]:
    """Multiples said with a verb or adverb ("doubled", "twice", "halved", "fourfold")."""
    found = []
    for match in _MULTIPLE_VERB.finditer(text, start, end) if _holds(text, start, end, _MULTIPLE_HINT) else ():
        word = (match.group("w") or match.group("bare")).lower()
        if match.group("bare") and not _BARE_NEXT.match(text, match.end()):
            continue
        if word == "twice" and not _TWICE_NEXT.match(text, match.end()):
            continue
        value = Fraction(_MULTIPLE_VALUES[word[:4]])
        direction = -1 if value < 1 else 1
        found.append(_quantity(QuantityKind.MULTIPLE, value, *match.span(), text, index, direction))
    for match in _WORD_FOLD.finditer(text, start, end) if _holds(text, start, end, _FOLD_HINT) else ():
        try:
            value = Fraction(text2num(match.group("n").lower(), "en"))
        except ValueError:
            continue
        found.append(_quantity(QuantityKind.MULTIPLE, value, *match.span(), text, index))
    return found


def find_phrases(
    text: str, start: int, end: int, mentions: list[NumberMention], index: int, hinted: bool | None = None
) -> list[Quantity]:
    """Fractions, multiples and ranks said in words within ``text[start:end]``.

    Overlapping readings are resolved in favour of the longest phrase.  ``hinted``:
    :func:`may_hold_phrase` of the span, when the caller knows it.
    """
    found = _ranks_and_fractions(text, mentions, index) + _one_in(text, mentions, index)
    if may_hold_phrase(text, start, end) if hinted is None else hinted:
        found += _halves_and_quarters(text, start, end, index) + _multiples(text, start, end, index)
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for q in found:
        if not kept or q.start >= kept[-1].end:
            kept.append(q)
    return kept
