"""Caveats on changes: is a change the text calls dramatic more than chance?

"76 cases, up from 67" written as "soared" is still within ordinary year-to-year variation.  For
every change claim whose two figures are counts, this attaches the exact Poisson test of
:mod:`factbeat.stats.significance` and, when dramatic words meet an ordinary change, a caveat.
"""

from __future__ import annotations

import re

from factbeat.claims.model import Claim

CHANGE_KINDS = ("percent_change", "absolute_change", "multiple")
DRAMATIC = re.compile(
    r"\b(drastic(?:ally)?|dramatic(?:ally)?|soar(?:ed|ing|s)?|surg(?:e|ed|ing|es)|rocket(?:ed|ing|s)?|"
    r"sky-?rocket(?:ed|ing)?|shot up|sharp(?:ly)?|huge|massive|spike[ds]?|spiking|explo(?:de|ded|sion)|"
    r"alarming(?:ly)?|plummet(?:ed|ing|s)?|plunge[ds]?|plunging|collapse[ds]?|steep(?:ly)?)\b",
    re.I,
)


def add_significance(claim: Claim) -> None:
    """Attach ``significance`` (and a caveat if needed) to a change claim between two counts."""
    if claim.kind.value not in CHANGE_KINDS or not {"from", "to"} <= set(claim.numbers):
        return
    before, after = claim.numbers["from"], claim.numbers["to"]
    if before < 0 or after < 0 or before != int(before) or after != int(after):
        return
    from factbeat.stats.significance import compare_counts

    result = compare_counts(int(before), int(after))
    claim.significance = result.to_dict()
    words = DRAMATIC.search(claim.text) or DRAMATIC.search(claim.sentence)
    if words and result.label.value in ("within normal variation", "too few to tell"):
        claim.caveats.append(
            f"'{words.group(0)}' describes a change from {before:g} to {after:g} that is {result.label.value} "
            f"(exact Poisson test, p = {result.p_value:.2g}); counts like these vary this much by chance"
        )
