"""Caveats on changes: is a change the text calls dramatic more than chance?

"76 cases, up from 67" written as "soared" is still within ordinary year-to-year variation.  For
every change claim whose two figures are counts, this attaches the exact Poisson test of
:mod:`factbeat.stats.significance` and, when dramatic words meet an ordinary change, a caveat.
"""

from __future__ import annotations

from functools import lru_cache

from factbeat.claims.model import Claim, ClaimKind
from factbeat.claims.read.lexicon import DRAMATIC

# Imported with the module, not at each change claim: plain Python, and every story with a change needs it.
from factbeat.stats.significance import compare_counts
from factbeat.stats.small_numbers import format_p_value

MAX_EXACT = 10_000_000  # counts above this are not tested (any visible change is beyond chance)
CHANGE_KINDS = ("percent_change", "absolute_change", "multiple")
_CHANGES = frozenset(ClaimKind(kind) for kind in CHANGE_KINDS)  # every claim is asked: no .value each time


def add_significance(claim: Claim) -> None:
    """Attach ``significance`` (and a caveat if needed) to a change claim between two counts."""
    numbers = claim.numbers
    if claim.kind not in _CHANGES or "from" not in numbers or "to" not in numbers:
        return
    before, after = numbers["from"], numbers["to"]
    if before < 0 or after < 0 or before != int(before) or after != int(after):
        return
    if before + after > MAX_EXACT:
        return  # beyond the exact test's reach in a request's time; and never a small-number case
    significance, label, p_value = _tested(int(before), int(after))
    claim.significance = dict(significance)  # each claim its own: a caller may change it
    if label not in ("within normal variation", "too few to tell"):
        return
    words = DRAMATIC.search(claim.text) or DRAMATIC.search(claim.sentence)
    if words:
        claim.caveats.append(
            f"'{words.group(0)}' describes a change from {before:g} to {after:g} that is {label} "
            f"(exact Poisson test, {format_p_value(p_value)}); counts like these vary this much by chance"
        )


@lru_cache(maxsize=1024)
def _tested(before: int, after: int) -> tuple[dict, str, float]:
    """The exact test of one change as the claim shows it (its JSON, label and p-value), kept for
    the next claim on the same two counts: a story states one change several ways ("rose from 67
    to 76", "up 13 %", "nine more"), each a claim asking for the same test, and the test with its
    JSON is about as much work as the rest of judging such a claim.  Pure in two integers, and
    bounded, so it holds no text and cannot grow."""
    result = compare_counts(before, after)
    return result.to_dict(), result.label.value, result.p_value
