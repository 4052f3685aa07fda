"""YAML data files parsed once per version of their text, then read back as JSON.

Every command reads ``data/measures.yaml``: importing PyYAML and parsing it costs 12-15 ms of
CPU, a tenth of a one-off command's budget (benchmarks/bench_startup.py), where reading the same
data back as JSON costs well under one.  The parsed form is kept in the user's cache folder
under the name, length and CRC-32 of the text, so an edited file is parsed again; a cache that
cannot be read or written is simply skipped (the YAML is then parsed as before).
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = "1"  # bump when what is cached changes shape


def cache_folder() -> Path:
    """``$FACTBEAT_CACHE``, else the platform's user cache folder (without importing platformdirs,
    which alone costs as much as the parse it saves)."""
    if env := os.environ.get("FACTBEAT_CACHE"):
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factbeat"


def load_yaml_cached(name: str, text: str) -> Any:
    """``yaml.safe_load(text)``, from the cache when this exact text was parsed before.

    Only plain JSON values may be cached (the data files hold mappings, lists, strings and
    numbers); anything else is parsed every time."""
    data = text.encode("utf-8")
    path = cache_folder() / f"{name}-{FORMAT}-{len(data)}-{zlib.crc32(data):08x}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    parsed = _parse(text)
    _store(path, parsed, lambda back: back)  # (dates or integer keys come back changed: not cached)
    return parsed


def computed_cached(name: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, a plain JSON value that depends only on ``key`` (a text), from the cache when
    it was computed before for this exact key; a value JSON does not give back unchanged is not
    cached.  For what costs a one-off command more to work out than to read back."""
    data = key.encode("utf-8")
    path = cache_folder() / f"{name}-{FORMAT}-{len(data)}-{zlib.crc32(data):08x}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and stored.get("key") == key:  # not a CRC collision
            return stored["value"]
    except (OSError, ValueError, KeyError):
        pass
    value = compute()
    _store(path, {"key": key, "value": value}, lambda back: back["value"])
    return value


def _store(path: Path, data: Any, value_of: Callable[[Any], Any]) -> None:
    """Write ``data`` as JSON to ``path`` when it reads back as the same value (``value_of``
    picks the value out of what was read), atomically: a reader sees the old file or the whole
    new one.  Any failure leaves the cache as it was: it can only save time."""
    import tempfile  # only when writing: with shutil and random it is 2 ms of every command's start

    try:
        encoded = json.dumps(data, ensure_ascii=False)
        if value_of(json.loads(encoded)) != value_of(data):
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(encoded)
        os.replace(tmp.name, path)
    except (OSError, TypeError, ValueError):
        pass


def _parse(text: str) -> Any:
    import yaml

    # libyaml's parser when PyYAML has it (about ten times faster than the pure-Python one)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
