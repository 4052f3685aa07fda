"""Caveats on changes: is a change the text calls dramatic more than chance?

"76 cases, up from 67" written as "soared" is still within ordinary year-to-year variation.  For
every change claim whose two figures are counts, this attaches the exact Poisson test of
:mod:`factbeat.stats.significance` and, when dramatic words meet an ordinary change, a caveat.
"""

from __future__ import annotations

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
    result = compare_counts(int(before), int(after))
    claim.significance = result.to_dict()
    if result.label.value not in ("within normal variation", "too few to tell"):
        return
    words = DRAMATIC.search(claim.text) or DRAMATIC.search(claim.sentence)
    if words:
        claim.caveats.append(
            f"'{words.group(0)}' describes a change from {before:g} to {after:g} that is {result.label.value} "
            f"(exact Poisson test, {format_p_value(result.p_value)}); counts like these vary this much by chance"
        )
