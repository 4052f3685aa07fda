"""Crime measures: published categories plus the words reporters use for them.

A :class:`Measure` says, per category scheme, which published categories it adds up.  Measures
come from two places: the documented concepts in ``data/measures.yaml`` (with aliases such as
'violent crime') and, for anything else, the category names actually stored, so that every
major and minor category of every scheme can be asked for by its published name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from factbeat.errors import UnknownNameError
from factbeat.taxonomy.text import name_key

ALL = "*"


@dataclass(frozen=True)
class Selector:
    """One published category (or a whole major group, or ``*`` for everything) in one scheme."""

    major: str
    minor: str | None = None

    @classmethod
    def parse(cls, text: str) -> Selector:
        major, _, minor = text.partition(" / ")
        return cls(major.strip(), minor.strip() or None)

    def matches(self, major: str, minor: str) -> bool:
        if self.major == ALL:
            return True
        if name_key(self.major) != name_key(major):
            return False
        return self.minor is None or name_key(self.minor) == name_key(minor)


@dataclass(frozen=True)
class Measure:
    """A crime measure: a label, its definition, and the categories that make it up per scheme."""

    key: str
    label: str
    definition: str
    categories: dict[str, tuple[Selector, ...]] = field(default_factory=dict, hash=False, compare=False)
    aliases: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    rate_per: int = 1000  # population base of rates: 100,000 for rare crimes (homicide, gun crime)

    @property
    def schemes(self) -> tuple[str, ...]:
        return tuple(self.categories)

    def selectors(self, scheme: str) -> tuple[Selector, ...]:
        """The categories in ``scheme``; a ward or LSOA scheme borrows its borough scheme's."""
        found = self.categories.get(scheme)
        if found is None:
            from factbeat.taxonomy.schemes import categories_scheme

            base = categories_scheme(scheme)
            found = self.categories.get(base, ()) if base else ()
        return found

    def to_dict(self, scheme: str | None = None) -> dict:
        out = {"key": self.key, "name": self.label, "definition": self.definition}
        if scheme is not None:
            out["scheme"] = scheme
            out["categories"] = [s.major + (f" / {s.minor}" if s.minor else "") for s in self.selectors(scheme)]
        return out


@cache
def concepts() -> tuple[Measure, ...]:
    """The documented measures from ``data/measures.yaml``."""
    from factbeat.taxonomy.parsed_cache import load_yaml_cached

    text = _packaged_text("data/measures.yaml")
    out = []
    for entry in load_yaml_cached("measures", text):
        categories = {
            scheme: tuple(Selector.parse(s) for s in selectors)
            for scheme, selectors in (entry.get("categories") or {}).items()
        }
        out.append(
            Measure(
                key=entry["key"],
                label=entry["label"],
                definition=" ".join(entry["definition"].split()),
                categories=categories,
                aliases=tuple(entry.get("aliases", ())),
                alternatives=tuple(entry.get("alternatives", ())),
                rate_per=int(entry.get("rate_per", 1000)),
            )
        )
    return tuple(out)


def _packaged_text(name: str) -> str:
    """A file shipped inside the package: read beside this module where it is a folder on disk
    (importing ``importlib.resources`` and the zip reader it brings costs a one-off command more
    than the read), else through ``importlib.resources`` (an installed zip, say)."""
    path = Path(__file__).resolve().parents[1] / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("factbeat").joinpath(name).read_text(encoding="utf-8")


@cache
def _alias_index() -> dict[str, Measure]:
    index: dict[str, Measure] = {}
    for measure in concepts():
        for name in (measure.key, measure.label, *measure.aliases):
            index.setdefault(name_key(name), measure)
    return index


def concept(key: str) -> Measure:
    """The documented measure with this key (e.g. 'violence_with_injury')."""
    found = _by_key().get(key)
    if found is None:
        raise UnknownNameError("measure", key)
    return found


@cache
def _by_key() -> dict[str, Measure]:
    """key -> the first documented measure with it: grounding asks a hundred times per story, and
    a scan of every measure for each was a few per cent of it."""
    index: dict[str, Measure] = {}
    for measure in concepts():
        index.setdefault(measure.key, measure)
    return index


def category_measure(scheme_categories: Iterable[tuple[str, str, str]], text: str) -> Measure | None:
    """A measure for a published category name, from the (scheme, major, minor) triples stored.

    A name that is a major group in some schemes and a minor category in others matches both
    ways, each in its own scheme.
    """
    key = name_key(text)
    found: dict[str, list[Selector]] = {}
    label = None
    for scheme, major, minor in scheme_categories:
        if name_key(major) == key:
            selector, label = Selector(major), label or major
        elif minor and name_key(minor) == key:
            selector, label = Selector(major, minor), label or minor
        else:
            continue
        if selector not in found.setdefault(scheme, []):
            found[scheme].append(selector)
    if not found:
        return None
    return Measure(
        key=key.replace(" ", "_"),
        label=label.capitalize() if label.isupper() else label,
        definition=f"The published category '{label}' as stored.",
        categories={scheme: tuple(sel) for scheme, sel in found.items()},
    )


def find_measure(text: str, scheme_categories: Sequence[tuple[str, str, str]] = ()) -> Measure | None:
    """The measure ``text`` names: a documented alias first, then a stored category name."""
    measure = _alias_index().get(name_key(text))
    if measure is not None:
        return measure
    return category_measure(scheme_categories, text)


def resolve_measure(text: str, scheme_categories: Sequence[tuple[str, str, str]] = ()) -> Measure:
    """Like :func:`find_measure`, raising :class:`UnknownNameError` with suggestions."""
    measure = find_measure(text, scheme_categories)
    if measure is None:
        from factbeat.taxonomy.suggest import suggest

        names = [m.label for m in concepts()] + [a for m in concepts() for a in m.aliases]
        names += [n for _s, major, minor in scheme_categories for n in (major, minor) if n]
        raise UnknownNameError("measure", text, suggest(text, names))
    return measure
