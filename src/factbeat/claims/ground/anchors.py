"""Where a figure pattern can start, so a long story is matched only there (the same matches, sooner).

``pattern.finditer(text)`` tries the pattern at every character of the text; the figure patterns
start with ``\\b`` and an optional qualifier or a number, so Python's engine has no first character
to skip ahead by (case-insensitive letters never give it one), and a 600-word story costs about
a third of a millisecond per pattern.  :func:`prefixes` reads the pattern's own parse tree for
the first word characters every match must start with (up to three, lower case; ``#`` for an
ASCII digit), and :func:`finditer` tries the pattern only at the words of the text that start
so, in order, each from where the last match ended: since the pattern cannot match anywhere
else, the matches are exactly ``finditer``'s.  A pattern whose start the tree does not pin down
(no leading ``\\b``, a class of many letters first) gets ``None``; :class:`Anchored` then tries
it where ``str.find`` finds one of its :func:`first_strings` ("19", "20" for a year after a
look-behind), or, failing those, scans it as before.

Words with a non-ASCII character in their first three are always tried (Unicode case folding
lets ``ſ`` match ``s``, and ``\\d`` takes other scripts' digits).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from factbeat.claims import patterns
from factbeat.claims.ground.folded import case_blind, confirmed
from factbeat.claims.prefilter import fold, matches_at, places_of

_WORD = patterns.compile(r"(\w{1,3})\w*")  # a whole word, and its first three characters
_DIGITS = frozenset("0123456789")
_IS_WORD = patterns.compile(r"\w")
_KEY = 3  # characters of a word that index it
_OPEN, _EXACT, _CUT = 0, 1, 2  # a prefix still growing; ended by a non-word character; cut short (any word starting so)


class _Unknown(Exception):
    """The pattern's start is not a fixed set of word prefixes."""


def prefixes(pattern: str, flags: int = 0) -> frozenset[tuple[str, bool]] | None:
    """The (prefix, exact) pairs every match of ``pattern`` starts with, or None if not pinned down.

    ``exact``: the match's first word is the prefix itself (it was followed by a non-word
    character); otherwise the first word starts with it.  Only patterns starting with ``\\b``
    and then a word character qualify, so every match starts where a word of the text starts."""
    from re import _constants as c
    from re import _parser

    tree = _parser.parse(pattern, flags)
    items = list(tree)
    if not items or items[0] != (c.AT, c.AT_BOUNDARY):
        return None
    try:
        got = _sequence(items[1:], {("", _OPEN)})
    except _Unknown:
        return None
    if any(p == "" or not (p == "#" or _IS_WORD.match(p[0])) for p, _ in got):
        return None
    return frozenset((p, state == _EXACT) for p, state in got)


def _sequence(items, current: set) -> set:
    for op, av in items:
        if all(state != _OPEN for _, state in current):
            break
        current = _item(op, av, current)
        if len(current) > 2000:
            raise _Unknown
    return current


def _cut(current: set) -> set:
    if any(p == "" for p, _ in current):
        raise _Unknown  # nothing read yet: the match could start with anything
    return {(p, _CUT if state == _OPEN else state) for p, state in current}


def _extend(current: set, chars: set[str]) -> set:
    out = set()
    for p, state in current:
        if state != _OPEN:
            out.add((p, state))
            continue
        for ch in chars:
            if ch == "#" or (ch in _DIGITS and not p):
                out.add((p or "#", _CUT))  # a word starting with a digit is indexed as '#'
            elif _IS_WORD.match(ch):
                out.add((p + ch, _CUT) if len(p) + 1 >= _KEY else (p + ch, _OPEN))
            elif p:
                out.add((p, _EXACT))
            else:
                raise _Unknown  # a match starting with a non-word character
    return out


def _item(op, av, current: set) -> set:
    from re import _constants as c

    if op is c.LITERAL:
        return _extend(current, {chr(av).lower()})
    if op is c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is c.LITERAL:
                chars.add(chr(a).lower())
            elif (o is c.CATEGORY and a is c.CATEGORY_DIGIT) or (o is c.RANGE and a == (48, 57)):
                chars.add("#")
            elif o is c.CATEGORY and a is c.CATEGORY_SPACE:
                chars.add(" ")
            elif o is c.RANGE and a[1] - a[0] < 30 and a[1] < 128:
                chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            else:
                return _cut(current)
        return _extend(current, chars)
    if op is c.SUBPATTERN:
        return _sequence(av[3], current)
    if op is c.BRANCH:
        out: set = set()
        for branch in av[1]:
            out |= _sequence(branch, current)
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, sub = av
        once = _sequence(sub, current)
        if high != 1:
            once = _cut(once)
        return current | once if low == 0 else once
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return current  # takes no characters (leaving a condition out only lets more words be tried)
    return _cut(current)


class WordIndex:
    """A text's words by their first three characters (lower case; ``#`` for a digit), for :func:`finditer`.

    Built from one match per whole word, grouped by the three characters as written; what each
    group is filed under (lower case, ``#``, or among the words always tried) is then worked out
    once per distinct spelling rather than once per word: a story's 600 words have half as many."""

    def __init__(self, text: str) -> None:
        self._starts: dict[frozenset, list[int]] = {}  # see starts
        written: dict[str, list[int]] = {}
        for m in _WORD.finditer(text):
            key = m.group(1)
            found = written.get(key)
            if found is None:
                written[key] = [m.start()]
            else:
                found.append(m.start())
        self.always: list[int] = []
        self.by_key: dict[str, list[int]] = {}  # (each list in no particular order: see _find_starts)
        by_key = self.by_key
        for key, starts in written.items():
            if not key.isascii():
                self.always += starts
                continue
            key = "#" if key[0] in _DIGITS else key.lower()
            found = by_key.get(key)
            if found is None:
                by_key[key] = starts
            else:
                found += starts

    def starts(self, wanted: frozenset[tuple[str, bool]]) -> list[int]:
        """Where a word begins with one of the wanted prefixes, in text order.  Worked out once
        per set of prefixes: many patterns start alike (a qualifier or a number), and the
        figures, periods and areas of one story all ask.  (The list is shared: not to be changed.)"""
        known = self._starts.get(wanted)
        if known is None:
            known = self._starts[wanted] = self._find_starts(wanted)
        return known

    def _find_starts(self, wanted: frozenset[tuple[str, bool]]) -> list[int]:
        found = list(self.always)
        by_key = self.by_key
        keys, cut = _keys(wanted)
        for key in keys:
            found += by_key.get(key, ())
        if cut:  # cut short of three characters: every key starting so
            found += [at for key, starts in by_key.items() if key != "#" and key not in keys and key.startswith(cut)
                      for at in starts]
        found.sort()  # (each word is under one key, so no place comes twice)
        return found


@lru_cache(maxsize=512)
def _keys(wanted: frozenset[tuple[str, bool]]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The index keys a set of prefixes asks for, once per set (the patterns' sets are few): the
    whole keys (three characters, a shorter word exactly, ``#``), and the prefixes cut short of
    three characters, which ask every key starting with them."""
    whole = {(p, exact) for p, exact in wanted if exact or len(p) == _KEY or p == "#"}
    return frozenset(p for p, _exact in whole), tuple(sorted(p for p, _exact in wanted - whole))


ANCHORED_FROM = 2_000  # characters: a shorter text is scanned as before (deriving the prefixes costs a few ms once)
_LAST: tuple[str, WordIndex] | None = None  # the last text indexed: figures and periods read the same story


def word_index(text: str) -> WordIndex | None:
    """The text's :class:`WordIndex`, or None for a text short enough to scan whole."""
    global _LAST
    if len(text) < ANCHORED_FROM:
        return None
    last = _LAST
    if last is not None and last[0] is text:
        return last[1]
    index = WordIndex(text)
    _LAST = (text, index)
    return index


class Anchored:
    """A pattern with the prefixes its matches start with, derived on first use."""

    __slots__ = ("pattern", "_prefixes", "_strings", "_known")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self._known = False
        self._prefixes: frozenset | None = None
        self._strings: frozenset[str] | None = None

    def finditer(self, text: str, words: WordIndex | None) -> Iterator[re.Match]:
        """``self.pattern.finditer(text)``, tried only where the words allow when ``words`` is given
        (or, for a pattern not starting at a word, where one of its first strings is)."""
        if words is None:
            return self.pattern.finditer(text)
        if not self._known:
            self._prefixes = prefixes(self.pattern.pattern, self.pattern.flags)
            if self._prefixes is None:
                self._strings = first_strings(self.pattern.pattern, self.pattern.flags)
            self._known = True
        if self._prefixes is None:
            if self._strings is None:
                return self.pattern.finditer(text)
            haystack = fold(text) if self.pattern.flags & re.IGNORECASE else text
            return matches_at(self.pattern, text, places_of(haystack, self._strings))
        starts = words.starts(self._prefixes)
        blind = case_blind(self.pattern)  # tried in the text's fold without re.I where that finds the same (folded.py)
        if blind is None:
            return finditer(self.pattern, text, starts)
        return confirmed(self.pattern, text, finditer(blind, fold(text), starts))


_MAX_STRINGS = 8  # more first strings than this: one scan by the engine is as quick as finding each


def first_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The strings one of which every match of ``pattern`` starts with, after any look-behind or
    other condition at its start ("19", "20" for a year not preceded by a digit), or None when
    its start is not so pinned down.  Lower case for a case-insensitive pattern (to be found in
    the text's fold), and then only from ASCII characters, which the fold keeps where the
    pattern matches them (folded.py).  ``str.find`` goes through a story many times faster than
    the engine's scan of a pattern starting with a look-behind, which tries every place."""
    from re import _constants as c
    from re import _parser

    items = list(_parser.parse(pattern, flags))
    while items and items[0][0] in (c.AT, c.ASSERT, c.ASSERT_NOT):
        items = items[1:]  # takes no characters (leaving a condition out only lets more places be tried)
    folding = bool(flags & re.IGNORECASE)
    try:
        found, _whole = _strings(items, {""}, c)
    except _Unknown:
        return None
    if "" in found or (folding and not all(x.isascii() for x in found)):
        return None
    return frozenset(x.lower() for x in found) if folding else frozenset(found)


def _strings(items, current: set[str], c) -> tuple[set[str], bool]:
    """The strings the items read first, each grown from one of ``current``, up to the first
    element that is not a fixed character; and whether they read all the items (so what follows
    the items may grow them further).  Raises _Unknown past :data:`_MAX_STRINGS` strings."""
    for op, av in items:
        if op is c.LITERAL:
            current = {x + chr(av) for x in current}
        elif op is c.SUBPATTERN and not av[1] and not av[2]:  # (a group setting its own flags: not followed)
            current, whole = _strings(av[3], current, c)
            if not whole:
                return current, False
        elif op is c.BRANCH:
            grown: set[str] = set()
            every = True
            for branch in av[1]:
                strings, whole = _strings(branch, current, c)
                grown |= strings
                every = every and whole
            current = grown
            if not every:
                return current, False
        else:
            return current, False
        if len(current) > _MAX_STRINGS:
            raise _Unknown
    return current, True


def finditer(pattern: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (and is not empty)."""
    end = 0
    match = pattern.match
    for start in starts:
        if start < end:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            end = m.end()
