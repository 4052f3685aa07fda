"""Regular expressions compiled once per Python build, then loaded ready-made from the user's cache.

Python compiles a pattern in pure Python (parse, then code generation) before its C engine sees
it: a one-off ``factbeat check`` compiled over 400 patterns, about 75 ms of its CPU, a sixth of
the command.  The grounding's crime-type alternations alone (about 280 phrases) took 13 ms and its
figure phrases 15 ms.  :func:`compile` keeps what the compiler produced (the engine's code, flags
and group names: plain lists, numbers and strings) in one file per Python build in the user's
cache folder (:func:`factbeat.taxonomy.parsed_cache.cache_folder`), and builds the pattern from it
with the engine's own constructor, as :func:`re.compile` does after compiling.

Safety: a stored entry is used only for the same pattern text and flags under the same Python
build (``sys.version``) and engine (``_sre.MAGIC``), and is stored only after checking that the
pattern built from it equals the one :func:`re.compile` gave (pattern objects compare their code).
Anything unusual (no cache folder, an unreadable file, another Python) falls back to
:func:`re.compile`, so the cache can only save time, never change a match.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import threading
import zlib

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation: plain re.compile
    _sre = None

FORMAT = "1"  # bump when what is stored changes shape

_lock = threading.Lock()
_stored: dict[tuple[str, int], tuple] | None = None  # loaded on first use
_new: dict[tuple[str, int], re.Pattern] = {}  # compiled here, to store at exit


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - the same name as re.compile, on purpose
    """``re.compile(pattern, flags)``, from the cache when this Python compiled it before."""
    flags = int(flags)
    key = (pattern, flags)
    stored = _load()
    entry = stored.get(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)
        except Exception:  # noqa: BLE001 - a damaged entry: compile as usual
            pass
    compiled = re.compile(pattern, flags)
    if _sre is not None and _path() is not None:
        with _lock:
            if not _new:
                atexit.register(_save)
            _new[key] = compiled
    return compiled


def _path():
    if _sre is None:
        return None
    from factbeat.taxonomy.parsed_cache import cache_folder

    build = zlib.crc32(f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}".encode())
    return cache_folder() / f"patterns-{FORMAT}-{sys.implementation.cache_tag}-{build:08x}.marshal"


def _load() -> dict[tuple[str, int], tuple]:
    global _stored
    if _stored is None:
        found: dict = {}
        try:
            path = _path()
            if path is not None:
                found = marshal.loads(path.read_bytes())  # marshal.load(file) reads item by item: 20x slower
            if not isinstance(found, dict):
                found = {}
        except (OSError, ValueError, EOFError, TypeError):
            found = {}
        _stored = found
    return _stored


def _parts(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands the engine for this pattern: flags, code, group count,
    group names by name and by number."""
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _save() -> None:
    """Add the patterns compiled in this process to the cache file (atomically; errors ignored)."""
    with _lock:
        new = dict(_new)
        _new.clear()
    if not new:
        return
    try:
        merged = dict(_load())
        for (pattern, flags), compiled in new.items():
            parts = _parts(pattern, flags)
            if _sre.compile(pattern, *parts) == compiled:  # the same code as re.compile gave
                merged[(pattern, flags)] = parts
        import tempfile  # only when writing: with shutil and random it is 2 ms of every command's start

        path = _path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            marshal.dump(merged, tmp)
        os.replace(tmp.name, path)  # atomic: a reader sees the old file or the whole new one
    except Exception:  # noqa: BLE001 - a cache that cannot be written is skipped
        pass
