"""Skip the reading's searches in the short windows around a number where a pattern cannot match.

The reading looks at a few dozen characters before and after each number with many patterns
("almost", "per 1,000", "aged 25", "rose to"), and most windows hold a match of none of them.
Python's engine tries an anchored-at-the-end or case-insensitive pattern at every place of a
window; telling that a window cannot match is several times faster.  :class:`Guarded` puts such
a test in front of a pattern, with what :mod:`factbeat.claims.prefilter` reads from the pattern
itself: the strings one of which every match contains, a second such set from another part of
it, and, for a pattern anchored at the end, the strings one of which every match ends with.
A window the test passes is searched exactly as before, so results never change.
"""

from __future__ import annotations

import re
import sys

from factbeat.claims.prefilter import (
    _MIN_LENGTH,
    WARM_UP,
    _best,
    _c,
    _parser,
    _part_sets,
    _trie,
    fold,
    fold_afresh,
    necessary_words,
)

_CACHED_FROM = 500  # characters: shorter pieces (a sentence, a window) are folded afresh, uncached


def fold_window(text: str) -> str:
    """:func:`~factbeat.claims.prefilter.fold` for a window or a whole text: a short piece is
    folded afresh (it costs less than a look-up would save) and kept out of ``fold``'s memory,
    which holds the one story that the reading and every linking module fold."""
    return fold(text) if len(text) >= _CACHED_FROM else fold_afresh(text)


class Guarded:
    """A pattern searched only where it may match: a drop-in for the compiled pattern's ``search``
    and ``match`` on the short windows the reading looks at around each number ("the 32
    characters before it").  Most windows cannot hold a match of a given pattern, and telling so
    is a few times faster than a search that tries every place: a pattern anchored at the end
    ("… per\\s+$") can only match a window that ends, spaces aside, with one of its
    :func:`necessary_endings`, and any pattern only a window holding one of its
    :func:`necessary_words` (and one of its :func:`second_necessary_words`).  A pattern with
    none of these is always searched.  Not for a ``match`` with no end: the words would be
    looked for to the end of the text.
    """

    __slots__ = ("pattern", "_endings", "_words", "_asked")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._endings: tuple[str, ...] | None = None
        self._words: tuple[re.Pattern[str], ...] | None = None  # None: not worked out yet
        self._asked = 0

    def _work_out(self) -> None:
        """Read the pattern (three parses of it: a few milliseconds for the reading's guards,
        which a one-off check of a short story would not win back, hence :data:`WARM_UP`)."""
        endings = necessary_endings(self.pattern)
        self._endings = None if endings is None else tuple(sorted(endings))
        sets = [words for words in (necessary_words(self.pattern), second_necessary_words(self.pattern)) if words]
        self._words = tuple(re.compile(_trie(words)) for words in sets)

    def may_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """False when the pattern cannot match in ``text[pos:endpos]``."""
        if self._words is None:
            self._asked += 1
            if self._asked < WARM_UP:
                return True
            self._work_out()
        folded = text.lower() if len(text) < _CACHED_FROM and text.isascii() else fold_window(text)  # (as fold_window does, without the call)
        if self._endings is not None and not folded[pos:endpos].rstrip().endswith(self._endings):
            return False
        for words in self._words:  # noqa: SIM110 - a generator would cost more than the check
            if words.search(folded, pos, endpos) is None:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos) if self.may_match(text, pos, endpos) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos) if self.may_match(text, pos, endpos) else None


class GuardedEndings:
    """Whether any of several guarded patterns anchored at the end may match a window: one test
    of the window's ending against the endings of them all, in place of a call per pattern.
    Where it says ``False``, each pattern's own :meth:`Guarded.may_match` says so too (the
    reading asks several such patterns in turn about the same words before a number, and most
    windows end with none of their endings).  ``True`` while a pattern is not worked out yet,
    and always when one of them has no endings to test."""

    __slots__ = ("guards", "_endings")

    def __init__(self, *guards: Guarded) -> None:
        self.guards = guards
        self._endings: tuple[str, ...] | None = None  # None: not worked out yet; (): no test

    def may_match(self, text: str) -> bool:
        """False when none of the patterns can match ``text`` (a window ending where they must)."""
        endings = self._endings
        if endings is None:
            if any(g._words is None for g in self.guards):
                return True
            endings = self._endings = (() if any(g._endings is None for g in self.guards)
                                       else tuple(sorted({e for g in self.guards for e in g._endings})))  # fmt: skip
        if not endings:
            return True
        folded = text.lower() if len(text) < _CACHED_FROM and text.isascii() else fold_window(text)  # (as in Guarded)
        return folded.rstrip().endswith(endings)


def second_necessary_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Another set of :func:`necessary_words`, from another part of the pattern ("and" and the
    unit of "3 thefts and 2 robberies a day"): a window must hold one word of each."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        sets = [w for w in _part_sets(list(_parser.parse(pattern.pattern, pattern.flags)))
                if min(len(x) for x in w) >= _MIN_LENGTH]  # fmt: skip
    except Exception:  # noqa: BLE001 - anything unusual: no filter
        return None
    first = necessary_words(pattern)
    second = _best([w for w in sets if w != first])
    return None if second is None else frozenset(second)


_MAX_CLASS = 12  # a class of more characters than this tells too little to be worth testing


def necessary_endings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """For a pattern anchored at the end (every branch ends in ``$``): lower-case strings, one of
    which every match ends with, once the spaces after it are left off ("from 207 - " ends with
    "-" for ``\\bfrom\\s+[\\d,]+\\s*[-–]\\s*$``).  ``None`` for any other pattern, or when
    no such strings can be told (a class of letters or digits at the end)."""
    if _parser is None or not isinstance(pattern.pattern, str) or pattern.flags & re.MULTILINE:
        return None
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        if not _anchored_at_end(items):
            return None
        found = _ends(items, bool(pattern.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001 - anything unusual: no filter
        return None
    if found is None or found[1] or not found[0]:
        return None
    return frozenset(found[0])


def _anchored_at_end(items: list) -> bool:
    if not items:
        return False
    op, arg = items[-1]
    if op is _c.AT:
        return arg in (_c.AT_END, _c.AT_END_STRING)
    if op is _c.BRANCH:
        return all(_anchored_at_end(list(branch)) for branch in arg[1])
    if op is _c.SUBPATTERN:
        return _anchored_at_end(list(arg[-1]))
    return False


def _ends(items: list, ignore_case: bool) -> tuple[set[str], bool] | None:
    """The endings of what ``items`` match, spaces after them left off, and whether they may match
    only spaces or nothing (then what comes before them ends the text instead: its endings are
    among those returned too).  ``None``: not known."""
    endings: set[str] = set()
    i = len(items) - 1
    while i >= 0:
        op, arg = items[i]
        if op is _c.LITERAL and not chr(arg).isspace():
            first = i  # a run of letters ends the match: the run is the ending
            while first > 0 and items[first - 1][0] is _c.LITERAL and not chr(items[first - 1][1]).isspace():
                first -= 1
            run = "".join(chr(a) for _op, a in items[first : i + 1])
            if ignore_case and not all(c.isascii() or c.lower() == c.upper() for c in run):
                return None  # a cased letter outside ASCII may match letters that fold otherwise
            endings.add(fold_window(run))
            return endings, False
        found = _item_ends(op, arg, ignore_case)
        if found is None:
            return None
        endings |= found[0]
        if not found[1]:
            return endings, False
        i -= 1
    return endings, True


def _item_ends(op, arg, ignore_case: bool) -> tuple[set[str], bool] | None:
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # takes no characters
    if op is _c.LITERAL:
        return set(), True  # a space (other letters are runs, read in _ends)
    if op is _c.IN:
        return _class_ends(arg, ignore_case)
    if op is _c.BRANCH:
        endings: set[str] = set()
        blank = False
        for branch in arg[1]:
            found = _ends(list(branch), ignore_case)
            if found is None:
                return None
            endings |= found[0]
            blank = blank or found[1]
        return endings, blank
    if op is _c.SUBPATTERN:
        if arg[1] or arg[2]:
            return None  # flags changed inside: not worked out
        return _ends(list(arg[-1]), ignore_case)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        found = _ends(list(body), ignore_case)
        return None if found is None else (found[0], found[1] or low == 0)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _ends(list(arg), ignore_case)
    return None


def _class_ends(members: list, ignore_case: bool) -> tuple[set[str], bool] | None:
    """A character class: its characters other than spaces, and whether it matches a space."""
    chars: set[str] = set()
    space = False
    for op, arg in members:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE and arg[1] - arg[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif op is _c.CATEGORY and arg is _c.CATEGORY_SPACE:
            space = True
        else:
            return None  # negated, digits, letters…: too many characters to list
    if ignore_case and not all(c.isascii() or c.lower() == c.upper() for c in chars):
        return None
    chars = {c for c in chars if not c.isspace()}
    if len(chars) > _MAX_CLASS:
        return None
    return {fold_window(c) for c in chars}, space
