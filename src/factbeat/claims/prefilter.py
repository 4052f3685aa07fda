"""Skip a sentence quickly when a pattern cannot match in it: the words every match must contain.

Python's engine tries a case-insensitive alternation of words ("higher|more|greater|above|…")
at every place in the text: the comparison and rank patterns alone cost about 1.5 ms of a
600-word story, most of it in sentences with none of their words.  :class:`Prefilter` reads the
pattern itself (with the standard library's parser) and finds a set of strings one of which
every match contains (as RE2's prefilters do): "highest", "lowest", "followed by", … for the rank
words.  Looking for those in a lower-cased copy of the text (:func:`fold`) is one fast
case-sensitive search; only a sentence holding one of them is given to the pattern.

The set is worked out from the pattern, so it follows any edit of the pattern; when the pattern
has no such set (a branch that can match without any fixed letters), every sentence is tried.
A sentence the filter passes is searched exactly as before, so results never change: the filter
only ever says "cannot match here".
"""

from __future__ import annotations

import re
import sys

try:
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - another Python implementation: no filtering
    _parser = None

# The only characters outside ASCII that a case-insensitive ASCII letter matches (İ ı ſ K), checked
# over all of Unicode; K lower-cases to k by itself.  "İ".lower() is two characters: mapped first,
# so the folded text keeps every offset (no other character changes length when lower-cased).
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
_MIN_LENGTH = 2  # single letters would pass almost every sentence ("up" still skips three in four)


_last: tuple[str, str] = ("", "")  # the last text folded and its fold (one story is linked by several modules)
_CACHED_FROM = 500  # characters: shorter pieces (a sentence, a window) are folded afresh and kept out of the cache


def fold(text: str) -> str:
    """``text`` lower-cased with the offsets kept, so that wherever a pattern matches a word
    case-insensitively, the folded text holds the word in lower case at the same place.

    The last long text's fold is kept: the reading and every linking module ask for the same
    story's.  A short piece is folded each time (it costs less than a look-up would save), so
    that folding one does not push the story out."""
    global _last
    if len(text) < _CACHED_FROM:
        return text.lower() if text.isascii() else _fold(text)
    last = _last
    if last[0] is text:
        return last[1]
    folded = _fold(text)
    _last = (text, folded)
    return folded


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    folded = text.translate(_FOLD) if "İ" in text or "ı" in text or "ſ" in text else text  # translate is slow
    return folded.lower()


class Prefilter:
    """Whether ``pattern`` may match within ``folded[start:end]`` (False: it cannot)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        words = necessary_words(pattern)
        self.words = words
        self._any = None if words is None else re.compile("|".join(re.escape(w) for w in sorted(words)))

    def may_match(self, folded: str, start: int, end: int) -> bool:
        return self._any is None or self._any.search(folded, start, end) is not None


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

    __slots__ = ("pattern", "_endings", "_words")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        endings = necessary_endings(pattern)
        self._endings = None if endings is None else tuple(sorted(endings))
        sets = [words for words in (necessary_words(pattern), second_necessary_words(pattern)) if words]
        self._words = tuple(re.compile("|".join(re.escape(w) for w in sorted(words))) for words in sets)

    def may_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """False when the pattern cannot match in ``text[pos:endpos]``."""
        folded = text.lower() if len(text) < _CACHED_FROM and text.isascii() else fold(text)  # (as fold does, without the call)
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


_FILTERS: dict[re.Pattern[str], Prefilter] = {}
_ASKED: dict[re.Pattern[str], int] = {}
WARM_UP = 64  # places a pattern is asked about before its filter is worked out


def may_match(pattern: re.Pattern[str], folded: str, start: int, end: int) -> bool:
    """False when ``pattern`` cannot match in ``[start, end)`` of the text ``folded`` was made from
    (by :func:`fold`).  A pattern's filter is worked out once it has been asked about
    :data:`WARM_UP` times: reading a pattern costs a fraction of a millisecond (10 ms for the
    grounding's figure phrases), more than a one-off check of a short story would save."""
    found = _FILTERS.get(pattern)
    if found is None:
        asked = _ASKED[pattern] = _ASKED.get(pattern, 0) + 1
        if asked < WARM_UP:
            return True
        found = _FILTERS[pattern] = Prefilter(pattern)
    return found.may_match(folded, start, end)


def necessary_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings, one of which every match of ``pattern`` contains; ``None`` when there
    is no such set of strings at least :data:`_MIN_LENGTH` long."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        found = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - anything unusual: no filter
        return None
    if found is None or min(len(w) for w in found) < _MIN_LENGTH:
        return None
    return frozenset(found)


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective of two sets (its shortest string longer; then fewer strings)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items: list) -> set[str] | None:
    """A necessary set for a sequence of parsed items: the best of its literal runs and parts."""
    return _best(_part_sets(items))


def _best(sets: list[set[str]]) -> set[str] | None:
    best: set[str] | None = None
    for found in sets:
        best = _better(best, found)
    return best


def _part_sets(items: list) -> list[set[str]]:
    """The necessary sets of each literal run and part of a sequence (each one holds for every match)."""
    sets: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is _c.LITERAL and arg < 128:
            run += chr(arg).lower()
            continue
        if run:
            sets.append({run})
            run = ""
        if (found := _item(op, arg)) is not None:
            sets.append(found)
    if run:
        sets.append({run})
    return sets


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


def _item(op, arg) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            inner = _sequence(list(branch))
            if inner is None:
                return None  # this branch can match without any fixed string
            union |= inner
        return union
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        return _sequence(list(body)) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    return None  # classes, anchors, lookarounds, backreferences, non-ASCII literals: no fixed string


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
            endings.add(fold(run))
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
    return {fold(c) for c in chars}, space
