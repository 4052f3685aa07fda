"""One verdict a reporter reads first: correct, wrong, close or can't check.

The data decide when they can (a figure is right or wrong against the official series, whatever
the passage's own arithmetic says, because claims are independent); when the data cannot check
a claim, wrong arithmetic in the passage still makes it wrong, and anything else cannot be
checked.  The two underlying verdicts stay in the JSON (``verdict``, ``data.verdict``).
"""

from __future__ import annotations

from factbeat.claims.model import Claim, Outcome, Verdict


def outcome_of(claim: Claim) -> tuple[Outcome, str]:
    """The outcome and a one-line reason ('the data says 2,547, up 1.6 %')."""
    data = claim.data or {}
    verdict = data.get("verdict")
    if verdict == "supported":
        return Outcome.CORRECT, data.get("explanation") or "matches the data"
    if verdict == "close":
        return Outcome.CLOSE, data.get("says") or data.get("explanation") or "a difference the size of a data revision"
    if verdict == "contradicted":
        return Outcome.WRONG, data.get("says") or data.get("explanation") or "the data say otherwise"
    if data.get("about_other_data"):
        # the figure is about something else (TfL journeys, a charity's clients): the passage's arithmetic tying it
        # to the police figures around it says nothing a reporter can use
        return Outcome.CANT_CHECK, data.get("reason") or "not about the police data"
    if claim.verdict == Verdict.INCONSISTENT:
        return Outcome.WRONG, "the passage's own figures do not give this: " + claim.explanation
    return Outcome.CANT_CHECK, data.get("reason") or "not checked against data"


def set_outcome(claim: Claim) -> None:
    claim.outcome, claim.outcome_reason = outcome_of(claim)
