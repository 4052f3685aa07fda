"""The internal record of one quantity found in the text, before claims are built from it.

A ``Quantity`` is a number *with its meaning*: a count, a percentage, a fraction, a multiple…
together with the qualifier in front of it ("almost") and the spans needed to point back at the
words.  Values are exact ``Fraction`` objects so that rounding rules behave predictably.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class QuantityKind(StrEnum):
    """What a number measures."""

    COUNT = "count"  # 76 cases, £1.2m (money has unit "money")
    PERCENT = "percent"  # 13 per cent
    POINTS = "points"  # 3 percentage points
    FRACTION = "fraction"  # one sixth, a third, one in five, half
    MULTIPLE = "multiple"  # doubled, three times, fourfold
    RATE = "rate"  # 5.2 per 1,000 residents
    RANK = "rank"  # third-lowest


@dataclass(slots=True)
class Quantity:
    """A number with its unit, qualifier and location.

    ``start``/``end`` cover the whole phrase ("almost doubling", "13 per cent"); ``num_start``/
    ``num_end`` cover just the number, which is what ``Claim.number_spans`` reports.
    """

    kind: QuantityKind
    value: Fraction
    start: int
    end: int
    text: str
    sentence: int = -1
    num_start: int = -1
    num_end: int = -1
    decimals: int = 0
    qualifier: str | None = None
    qualifier_start: int | None = None
    unit: str | None = None  # "money" for counts of money; rate base as text for rates
    base: int | None = None  # rates: per how many
    direction: int = 0  # +1 / -1 for multiples and change words carried by the phrase
    weak: bool = False  # "one", "no one": used only inside an explicit from/to frame
    spelled: bool = False
    style: str = "exact"  # "word" for figures said in words ("a third"), matched within 5 %
    derived: str | None = None  # not written but worked out, e.g. "11,000 − 1,000"

    def __post_init__(self) -> None:
        if self.num_start < 0:
            self.num_start, self.num_end = self.start, self.end

    @property
    def phrase_start(self) -> int:
        """Start of the phrase including its qualifier."""
        return self.qualifier_start if self.qualifier_start is not None else self.start

    @property
    def number_span(self) -> tuple[int, int]:
        return (self.num_start, self.num_end)

    def is_value(self) -> bool:
        """A level that can sit in a from/to or part/whole frame (not a stated relation)."""
        return self.kind in (QuantityKind.COUNT, QuantityKind.PERCENT, QuantityKind.RATE)

    def compatible(self, other: Quantity) -> bool:
        """Same kind and unit, so the two can be compared ("76 cases" vs "67")."""
        return self.kind == other.kind and self.unit == other.unit and self.base == other.base
