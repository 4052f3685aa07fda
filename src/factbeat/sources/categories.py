"""Is a category name one its scheme publishes, and is it clean text?

A category the scheme does not know is usually a typo or a garbled cell, and storing it would
quietly move its offences out of every measure; so readers (and street ingest) refuse it, naming
it, unless the user says the new category is real (``--accept-new-categories``).  The list is
``data/categories.yaml``.  Control characters (a NUL byte, a tab, a line separator) never belong
in a name and are refused always.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from factbeat.taxonomy.text import name_key

# Unicode categories that are never part of a printed name: controls, format characters (zero
# width joiners, direction marks), private use, surrogates and line or paragraph separators.
_UNPRINTABLE = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
ACCEPT_FLAG = "--accept-new-categories"


def control_character(text: str) -> str | None:
    """The first character of ``text`` that is not printable text, shown as U+XXXX, or None."""
    for char in text:
        if unicodedata.category(char) in _UNPRINTABLE:
            return f"U+{ord(char):04X} ({unicodedata.name(char, 'control character')})"
    return None


@cache
def known_categories() -> dict[str, frozenset[tuple[str, str]]]:
    """scheme -> the (major, minor) name keys it publishes (minor '' for street crime types)."""
    import yaml

    text = resources.files("factbeat").joinpath("data/categories.yaml").read_text(encoding="utf-8")
    out = {}
    for scheme, majors in yaml.safe_load(text).items():
        pairs = set()
        for major, minors in majors.items():
            pairs.update((name_key(major), name_key(minor)) for minor in (minors or [""]))
        out[scheme] = frozenset(pairs)
    return out


def is_known(scheme: str, major: str, minor: str = "") -> bool:
    """True if ``scheme`` publishes this category (a scheme with no list accepts every name)."""
    known = known_categories().get(scheme)
    return known is None or (name_key(major), name_key(minor)) in known


def unknown_message(scheme: str, names: list[str]) -> str:
    """The refusal for categories ``scheme`` does not publish."""
    shown = "; ".join(names[:5]) + (f"; and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"{len(names)} categor{'y is' if len(names) == 1 else 'ies are'} not among the published "
            f"{scheme} categories ({shown}): a misspelt or garbled name would move offences out of "
            f"every measure; if the category is genuinely new, ingest again with {ACCEPT_FLAG}")
