"""A case-insensitive pattern tried on the story's fold, case-sensitively: the same places, sooner.

Python's engine runs a ``re.I`` pattern by lower-casing each character it compares (a call per
character in a story with curly quotes, whose text is stored two bytes a character), and the
grounding's figure phrases are tried at a hundred or more words of every story, most of them in
vain.  :func:`claims.prefilter.fold` gives the story in lower case with every offset kept, and
for a pattern whose letters are all lower case, with no part that turns ``re.I`` off, each
element matches a character exactly when it matches that character's fold without ``re.I``:
an ASCII letter also matches ``K`` (Kelvin), ``ſ``, ``İ`` and ``ı`` under ``re.I``, and the fold
maps those to ``k``, ``s``, ``i`` and ``i``; ``\\w``, ``\\d``, ``\\s`` and ``\\b`` hold for a
character exactly when they hold for its fold (checked over all of Unicode in the tests).  So
the pattern without ``re.I`` (:func:`case_blind`) matches the fold exactly where the pattern
matches the text, with the same spans.

Where it matches, the pattern itself is matched again at that place of the text
(:func:`confirmed`), so every match object callers see is the one they saw before: its groups
are the text's words, not their lower-case copies.  That second match costs as much as the
first, so this is for patterns tried at many places and matching at few.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

from factbeat.claims import patterns

_BLIND: dict[tuple[str, int], bool] = {}  # (pattern, flags) -> whether case_blind gives a pattern
_TWINS: dict[tuple[str, int], re.Pattern | None] = {}  # (pattern, flags) -> what case_blind gives


def case_blind(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` (compiled with ``re.I``) without ``re.I``, for matching the text's fold; None
    when that would not find the same places: a pattern without ``re.I`` (or with ``re.ASCII``),
    one with an upper-case or non-ASCII letter, a part that sets its own case flags
    (``(?-i:[A-Z])``), a back-reference, or anything else :func:`_blind` does not know.  Worked
    out once per pattern and process (or read back: :func:`decide`)."""
    key = (pattern.pattern, pattern.flags)
    twin = _TWINS.get(key, _UNKNOWN)
    if twin is _UNKNOWN:
        ok = _BLIND.get(key)
        if ok is None:
            ok = _BLIND[key] = _blind(*key)
        twin = _TWINS[key] = patterns.compile(key[0], key[1] & ~re.IGNORECASE) if ok else None
    return twin


_UNKNOWN = object()


def decide(name: str, sources: list[tuple[str, int]]) -> None:
    """Work out :func:`case_blind`'s answer for a group of patterns (source, flags) at once, kept
    in the user's cache per Python build (reading the grounding's figure and crime-type patterns
    costs about 25 ms), so a one-off check of a long story reads the answers back."""
    from factbeat.taxonomy.parsed_cache import computed_cached

    sources = [(source, int(flags) | re.UNICODE) for source, flags in sources]  # as re.compile gives a text pattern's
    wanted = [key for key in sources if key not in _BLIND]
    if not wanted:
        return
    cache_key = "\n".join([sys.version, *(f"{flags}:{source}" for source, flags in wanted)])
    answers = computed_cached(name, cache_key, lambda: [_blind(source, flags) for source, flags in wanted])
    _BLIND.update(zip(wanted, (bool(a) for a in answers), strict=True))


def confirmed(pattern: re.Pattern, text: str, found: Iterable[re.Match]) -> Iterator[re.Match]:
    """``pattern``'s own match at the place of each match in ``found`` (the case-blind pattern's,
    in the text's fold): the same match, with the text's words in its groups."""
    match = pattern.match
    for m in found:
        own = match(text, m.start())
        if own is not None:
            yield own


def _blind(source: str, flags: int) -> bool:
    """Whether the pattern (compiled with ``flags``) can leave ``re.I`` off in the fold: every
    element of it is one :func:`_sequence` knows to match the same there."""
    if not flags & re.IGNORECASE or flags & (re.ASCII | re.LOCALE) or not isinstance(source, str):
        return False
    try:
        from re import _constants as c
        from re import _parser
    except ImportError:  # pragma: no cover - another Python implementation: leave it as it is
        return False
    try:
        return _sequence(_parser.parse(source, flags), c)
    except Exception:  # noqa: BLE001 - anything unusual: leave it as it is
        return False


def _uncased(code: int) -> bool:
    """A pattern character that matches under ``re.I`` exactly what it matches in the fold without
    it: an ASCII character that is not an upper-case letter (checked for every character in the
    tests), or one with no case at all ('’', '–').  A lower-case letter outside ASCII need not be:
    'σ' matches 'ς' under ``re.I``, and the fold leaves 'ς' as it is."""
    ch = chr(code)
    if ch.isascii():
        return not ch.isupper()
    return ch.lower() == ch == ch.upper()


def _sequence(items, c) -> bool:
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL):
            if not _uncased(av):
                return False
        elif op is c.IN:
            for o, a in av:
                if o is c.LITERAL:
                    if not _uncased(a):
                        return False
                elif o is c.RANGE:
                    if not all(_uncased(x) for x in range(a[0], a[1] + 1)):
                        return False
                elif o not in (c.CATEGORY, c.NEGATE):
                    return False
        elif op is c.SUBPATTERN:
            _group, add_flags, del_flags, body = av
            if (add_flags | del_flags) & re.IGNORECASE or not _sequence(body, c):
                return False
        elif op is c.BRANCH:
            if not all(_sequence(branch, c) for branch in av[1]):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if not _sequence(av[2], c):
                return False
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if not _sequence(av[1], c):
                return False
        elif op not in (c.AT, c.ANY):
            return False  # back-references, conditionals and anything newer: not known to be safe
    return True
