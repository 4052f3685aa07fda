"""A linked claim before its verdict: which figures a stated relation uses, by role.

The link stage produces :class:`Draft` objects; the judge stage (``judge/build.py``) runs the
arithmetic on them.  Keeping the type here lets linking stay ignorant of verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factbeat.claims import patterns
from factbeat.claims.model import ClaimKind
from factbeat.claims.read.quantity import Quantity
from factbeat.claims.read.roles import Direction

_ADVERBS_AFTER = patterns.compile(r"(?:\s+\w+ly\b)+")


@dataclass
class Draft:
    """A claim before its verdict: the stated quantity, the figures by role, direction words."""

    kind: ClaimKind
    sentence: int
    stated: Quantity | None
    stated_span: tuple[int, int]
    numbers: dict[str, Quantity] = field(default_factory=dict)
    directions: list[Direction] = field(default_factory=list)
    parts: list[Quantity] = field(default_factory=list)
    tentative: str | None = None  # why the figures were linked on weak evidence, if they were
    # Other readings of the same words scored close to the chosen one (figures by role); the
    # judge reports a claim inconsistent only if none of them agrees either.
    alternatives: list[dict[str, Quantity]] = field(default_factory=list)
    # For each alternative, whether its reading is firm enough to stand alone; a missing entry
    # counts as firm.  A one-sided figure ("more than 50 %") agrees with almost any reading, so
    # only a firm one may confirm it.
    alternatives_firm: list[bool] = field(default_factory=list)
    rank_confirmed: bool | None = None  # ranks: did the stated values put the subject there?
    comparison: tuple[int, str | None] | None = None  # comparisons: (sign, size word class)
    rate_over_time: tuple[str, bool] | None = None  # rates over time: (unit, time per event?)
    complete_parts: bool = False  # sums: the words present the parts as the whole breakdown

    text_of_span: str = ""  # the stated words, for claims with no stated figure (comparisons)

    def used(self) -> list[Quantity]:
        return [q for q in (self.stated, *self.numbers.values(), *self.parts) if q is not None]


def stated_words_end(text: str, end: int, limit: int) -> int:
    """Extend a direction word over the adverbs that follow it ("went up drastically")."""
    match = _ADVERBS_AFTER.match(text, end, limit)
    return match.end() if match else end
