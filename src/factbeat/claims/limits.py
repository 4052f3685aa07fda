"""What bounds one check: a wall-clock budget, and the size caps, each saying what it left out.

A check must end, whatever the text: a hostile or enormous paste gets a clear partial result, not
a hang.  The budget is cooperative: the checker looks at the clock between sentences (reading),
between blocks of sentences (linking) and between figures (grounding), and stops at the first
look past the budget.  No threads, no signals: the library stays pure, and a result is always
whole sentences, in order, with a notice saying how far the check got
(``stopped after 10 s: 120 of 300 sentences checked``).

The size caps (numbers read per sentence, figures grounded per request) are not silent either:
each adds a notice naming the sentence and the count it did not check.  Notices go in
``CheckResult.notes`` (``"notes"`` in the JSON); the CLI prints them and the web page shows them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

from factbeat.claims.errors import ClaimInputError

DEFAULT_BUDGET = 30.0  # seconds per check (CLI --budget, API, batch); the web server keeps 10 (web/checkview.py)
MAX_BUDGET = 3600.0  # an hour: more is a typo, not a plan

# A sentence with more numbers than this is a table or a dump, not prose: only its first numbers
# are read, which keeps every check linear in the length of the text.
MAX_NUMBERS_PER_SENTENCE = 60

# Linking looks across sentences, and its cost grows faster than the text: a text longer than
# this is linked one block of whole sentences at a time (a news story is one block), which keeps
# a long paste linear and gives the budget a place to stop between blocks.
BLOCK_CHARS = 50_000


class Budget:
    """Seconds one check may take, counted from when the budget is made.

    ``seconds=None`` means no limit.  ``clock`` is any function returning seconds (tests pass a
    counter, so they can assert on the notice without timing anything).
    """

    def __init__(self, seconds: float | None = DEFAULT_BUDGET, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if seconds is not None:
            seconds = checked_seconds(seconds)
        self.seconds = seconds
        self.clock = clock
        self.started = clock()
        self.stopped = False

    @classmethod
    def of(cls, budget: Budget | float | None) -> Budget:
        """``budget`` as a :class:`Budget` (a number of seconds starts one now; ``None``: no limit)."""
        return budget if isinstance(budget, Budget) else cls(budget)

    def spent(self) -> bool:
        """True once the budget has run out (and from then on)."""
        if not self.stopped and self.seconds is not None and self.clock() - self.started >= self.seconds:
            self.stopped = True
        return self.stopped

    def notice(self, checked: int, total: int, grounded: int | None = None) -> str:
        """``stopped after 10 s: 120 of 300 sentences checked`` (``grounded``: how many of them
        were also checked against the data, when grounding is what ran out)."""
        text = f"stopped after {self.seconds:g} s: {checked:,} of {total:,} sentences checked"
        if grounded is not None and grounded < checked:
            text += f", the first {grounded:,} of them against the data"
        return text


def checked_seconds(seconds: float) -> float:
    """A budget in seconds, or a clear error (a budget is a positive number of seconds)."""
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        raise ClaimInputError(f"budget {seconds!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0 or value > MAX_BUDGET:
        raise ClaimInputError(f"budget {seconds!r}: give a number of seconds above 0 and at most {MAX_BUDGET:g}")
    return value


def blocks(starts: Sequence[int], ends: Sequence[int], limit: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """Sentences ``[lo, hi)`` grouped into runs of at most ``limit`` characters (a longer sentence
    is a block of its own); one block when the whole text fits."""
    out: list[tuple[int, int]] = []
    lo = 0
    for i in range(1, len(starts)):
        if ends[i] - starts[lo] > limit:
            out.append((lo, i))
            lo = i
    if starts:
        out.append((lo, len(starts)))
    return out


def excerpt(sentence: str, width: int = 40) -> str:
    """The start of a sentence, to name it in a notice."""
    text = " ".join(sentence.split())
    return repr(text if len(text) <= width else text[:width].rstrip() + "…")


def numbers_notice(index: int, sentence: str, found: int) -> str:
    """The notice for a sentence holding more numbers than :data:`MAX_NUMBERS_PER_SENTENCE`."""
    return (f"sentence {index + 1} ({excerpt(sentence)}) has {found:,} numbers: only the first "
            f"{MAX_NUMBERS_PER_SENTENCE} were checked, {found - MAX_NUMBERS_PER_SENTENCE:,} were not")


def is_stop_notice(note: str) -> bool:
    return note.startswith("stopped after ")
