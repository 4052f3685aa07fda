"""Normalising names so that the many spellings of one thing compare equal.

Publishers write "Kensington and Chelsea", "Kensington & Chelsea" and "KENSINGTON AND CHELSEA";
category names come in upper case in one vintage and title case in another.  Every lookup
goes through :func:`name_key` so those variants meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """A lower-case, accent-free, punctuation-free key: 'Kensington & Chelsea' -> 'kensington and chelsea'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.casefold().replace("&", " and ")
    return _NON_WORD.sub(" ", text).strip()
