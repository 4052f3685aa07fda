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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator

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


def fold(text: str) -> str:
    """``text`` lower-cased with the offsets kept, so that wherever a pattern matches a word
    case-insensitively, the folded text holds the word in lower case at the same place."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    folded = fold_afresh(text)
    _last = (text, folded)
    return folded


def places_of(text: str, strings: Iterable[str]) -> list[int]:
    """Where any of ``strings`` starts in ``text``, in order (a place twice if two start there).
    Found with ``str.find``, which goes through a story many times faster than the engine's scan
    for a pattern that starts with one of several characters: that looks at every character in
    turn (of a story with curly quotes in it, at tens of instructions each)."""
    found: list[int] = []
    for string in strings:
        at = text.find(string)
        while at >= 0:
            found.append(at)
            at = text.find(string, at + 1)
    return sorted(found)  # (one run in order per string: merged, not sorted afresh)


def matches_at(pattern: re.Pattern[str], text: str, places: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields when each of its matches starts at one of ``places``
    (in order; from :func:`places_of`) and none is empty: the pattern tried at those places
    only, from the end of the last match on."""
    position = 0
    for place in places:
        if place >= position and (match := pattern.match(text, place)) is not None:
            yield match
            position = match.end()


def lower_from_fold(text: str, folded: str) -> str:
    """``text.lower()``, given ``folded`` (its :func:`fold`): the same string unless the text holds
    a letter the fold maps first (İ ı ſ), so a story already folded need not be lowered again."""
    return text.lower() if "İ" in text or "ı" in text or "ſ" in text else folded


def fold_afresh(text: str) -> str:
    """:func:`fold` without its memory of the last text (for short pieces, where a look-up
    costs more than folding)."""
    if text.isascii():
        return text.lower()
    return (text.translate(_FOLD) if "İ" in text or "ı" in text or "ſ" in text else text).lower()  # translate is slow


class Prefilter:
    """Whether ``pattern`` may match within ``folded[start:end]`` (False: it cannot)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        words = necessary_words(pattern)
        self.words = words
        self._any = None if words is None else re.compile(_trie(words))

    def may_match(self, folded: str, start: int, end: int) -> bool:
        return self._any is None or self._any.search(folded, start, end) is not None


def _trie(words: frozenset[str]) -> str:
    """One pattern for a set of strings, branching letter by letter ("d(?:own)|l(?:ess|ine)"):
    the engine tries only the branch for the letter it meets, not every string in turn, and a
    string ending where a longer one goes on is taken first ("more(?:over)??"), so at each place
    the match is the shortest string starting there."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def branch(node: dict) -> str:
        ways = [re.escape(letter) + branch(node[letter]) for letter in sorted(node) if letter]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"
        return f"(?:{body})??" if "" in node else body

    return branch(tree)


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


def _best(sets: list[set[str]]) -> set[str] | None:
    best: set[str] | None = None
    for found in sets:
        best = _better(best, found)
    return best


def _sequence(items: list) -> set[str] | None:
    """A necessary set for a sequence of parsed items: the best of its literal runs and parts."""
    return _best(_part_sets(items))


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


def sentences_that_may_match(pattern: re.Pattern[str], folded: str,
                             spans: list[tuple[int, int]]) -> list[bool]:  # fmt: skip
    """:func:`may_match` for each ``(start, end)`` span at once (the sentences of a text, in
    order): the filter's strings are looked for once in the text instead of once per sentence,
    which for a 600-word story is 45 searches fewer for each pattern."""
    if not spans:
        return []
    found = _FILTERS.get(pattern)
    if found is None:
        asked = _ASKED[pattern] = _ASKED.get(pattern, 0) + len(spans)
        if asked < WARM_UP:
            return [True] * len(spans)
        found = _FILTERS[pattern] = Prefilter(pattern)
    if found.words is None:
        return [True] * len(spans)
    # The leftmost string from ``at`` on is the shortest one starting there (see _trie): if it
    # ends inside its sentence, the sentence may match and the search goes on from the next
    # one; if it runs past the sentence's end, no string starting there fits, and the search
    # goes on from the next character.  One search per sentence holding a string, none for others.
    result = [False] * len(spans)
    ends = [e for _, e in spans]
    at, hi, search = spans[0][0], spans[-1][1], found._any.search
    while (m := search(folded, at, hi)) is not None:
        place = m.start()
        i = bisect_right(ends, place)  # the first sentence ending after the place
        if i == len(spans):
            break
        start, end = spans[i]
        if place < start:
            at = start  # between sentences
        elif m.end() <= end:
            result[i] = True
            at = end
        else:
            at = place + 1
    return result


def _filter(pattern: re.Pattern[str]) -> Prefilter:
    """The pattern's filter, worked out now (for a text that asks about it many times)."""
    found = _FILTERS.get(pattern)
    if found is None:
        found = _FILTERS[pattern] = Prefilter(pattern)
    return found


# One pattern for the strings of several patterns a module asks about together (a few fixed
# tuples of module-level patterns: the dictionary stays small)
_UNIONS: dict[tuple[re.Pattern[str], ...], Scan] = {}


class Places:
    """Where a pattern's filter strings lie in one folded text, for asking about many windows of
    it ("may the pattern match in the 200 characters after this figure?") without a search per
    window.  :meth:`may_match` answers as :func:`may_match` does for the same window."""

    def __init__(self, pattern: re.Pattern[str], folded: str) -> None:
        found = _filter(pattern)  # one text asks many times: the filter is worth working out now
        if found.words is None:
            self._keep(None)  # no filter: every window may match
            return
        # at each place a string starts, the shortest one starting there (see _trie); one
        # search per place
        places, at, search = [], 0, found._any.search
        while (m := search(folded, at)) is not None:
            places.append((m.start(), m.end()))
            at = m.start() + 1
        self._keep(places)

    def _keep(self, places: list[tuple[int, int]] | None) -> None:
        self.places = places
        self.starts = [start for start, _ in places] if places is not None else []

    @classmethod
    def of_patterns(cls, patterns: tuple[re.Pattern[str], ...], folded: str) -> list[Places]:
        """``[Places(p, folded) for p in patterns]`` from one search of the text instead of one
        per pattern (each search costs about as much, whatever its strings): see :class:`Scan`."""
        scan = _UNIONS.get(patterns)
        if scan is None:
            scan = _UNIONS[patterns] = Scan(patterns)
        return scan.places(folded)

    def anywhere(self) -> bool:
        """:func:`may_match` for the whole text."""
        return self.places is None or bool(self.places)

    def sentences(self, spans: list[tuple[int, int]]) -> list[bool]:
        """:func:`sentences_that_may_match` for the ``(start, end)`` spans of a text's sentences
        (in order, not overlapping): a sentence may match when a place's string lies in it."""
        if self.places is None:
            return [True] * len(spans)
        result = [False] * len(spans)
        if not self.places:
            return result  # (most patterns' words are in few stories)
        ends = [end for _, end in spans]
        for start, end in self.places:
            i = bisect_right(ends, start)  # the first sentence ending after the place
            if i < len(spans) and spans[i][0] <= start and end <= spans[i][1]:
                result[i] = True
        return result

    def may_match(self, start: int, end: int) -> bool:
        if self.places is None:
            return True
        i = bisect_left(self.starts, start)
        places = self.places
        while i < len(places) and places[i][0] < end:
            if places[i][1] <= end:
                return True
            i += 1
        return False


class Scan:
    """:meth:`Places.of_patterns` for a fixed set of patterns, prepared once: the search finds
    every place where a string of any of the patterns starts, and there each pattern whose
    strings start with the letter found there tries its own filter at that place alone, which
    gives its shortest string starting there."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        filters = [_filter(p) for p in patterns]
        words = frozenset().union(*(f.words for f in filters if f.words is not None))
        self._union = re.compile(_trie(words)) if words else None
        self._filtered = [f.words is not None for f in filters]
        # for each first letter, the (pattern's number, its filter's match) of the patterns with a string starting so
        self._by_letter: dict[str, list[tuple[int, Callable]]] = {}
        for i, f in enumerate(filters):
            for letter in sorted({w[0] for w in f.words or ()}):
                self._by_letter.setdefault(letter, []).append((i, f._any.match))

    def places(self, folded: str) -> list[Places]:
        """Each pattern's :class:`Places` in ``folded``, in the order of the patterns."""
        found: list[list[tuple[int, int]] | None] = [[] if filtered else None for filtered in self._filtered]
        if self._union is not None:
            at, search, by_letter = 0, self._union.search, self._by_letter
            while (m := search(folded, at)) is not None:
                place = m.start()
                for i, match in by_letter[folded[place]]:
                    if (own := match(folded, place)) is not None:
                        found[i].append((place, own.end()))
                at = place + 1
        result = []
        for places in found:
            one = Places.__new__(Places)
            one._keep(places)
            result.append(one)
        return result
