"""'Did you mean' suggestions, shared by every lookup that can fail on a user's spelling."""

from __future__ import annotations

from collections.abc import Iterable

from factbeat.taxonomy.text import name_key


def suggest(text: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` choices close to ``text`` (RapidFuzz WRatio, score 75 or more: a misspelling,
    not any name sharing a few letters, so 'nonsense' suggests nothing)."""
    from rapidfuzz import fuzz, process, utils

    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(name_key(choice), choice)
    unique = list(by_key.values())
    matches = process.extract(
        name_key(text), unique, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=75
    )
    return [choice for choice, _score, _index in matches]
