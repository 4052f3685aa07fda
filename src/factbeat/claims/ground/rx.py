"""``re``'s module functions for the patterns written in the grounding's code, compiled once per
Python build (:func:`factbeat.claims.patterns.compile`) instead of once per process.

``re.search(r"...", text)`` compiles its pattern on first use in each process, in pure Python:
the grounding's hundred or so inline patterns cost a one-off ``factbeat check`` about 15 ms of
CPU (issue 13).  ``rx.search(r"...", text)`` is the same call, the same pattern object (the cache
checks it), loaded ready-made after the first run.  Only for patterns written in the code: a
pattern built from the text being read would grow the cache file with every story.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from factbeat.claims import patterns

_compiled: dict[tuple[str, int], re.Pattern] = {}


def _pattern(pattern: str, flags: int) -> re.Pattern:
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is None:
        found = _compiled[key] = patterns.compile(pattern, flags)
    return found


def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """The pattern object the functions below use, to keep where a pattern is built by formatting."""
    return _pattern(pattern, flags)


def search(pattern: str, string: str, flags: int = 0) -> re.Match | None:
    return _pattern(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match | None:
    return _pattern(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match | None:
    return _pattern(pattern, flags).fullmatch(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match]:
    return _pattern(pattern, flags).finditer(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list:
    return _pattern(pattern, flags).split(string, maxsplit)


def sub(pattern: str, repl: str | Callable[[re.Match], str], string: str, count: int = 0, flags: int = 0) -> str:
    return _pattern(pattern, flags).sub(repl, string, count)
