"""The claim check for the web: run the checker (and data grounding) and mark up the text.

The checker is the same function ``factbeat check`` calls, so ``POST /api/check`` returns the
same JSON as ``factbeat check --json``.  Data grounding (comparing claims with the store) runs
when its module is installed, exactly as the CLI's ``_ground_claims`` does.  For the page, the
text is cut into segments at claim spans so the template can wrap each claim in a mark coloured
by its verdict; overlapping spans keep the first claim, so no character is shown twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from factbeat.api import Factbeat
from factbeat.errors import FactbeatError
from factbeat.web.errors import ParamError

MAX_TEXT_CHARS = 200_000
# Seconds per check: factbeat.claims.limits.DEFAULT_BUDGET, not imported here so that the checker
# loads on the first check, not at start-up.  One request may ask for at most a minute.
DEFAULT_BUDGET = 10.0
MAX_SERVER_BUDGET = 60.0


class CheckerUnavailable(FactbeatError):
    """The claim checker is not installed in this build."""

    status = 503


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ParamError("date", f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def run_check(fb: Factbeat, text: str, date: dt.date | None, ground: bool = True,
              budget: float = DEFAULT_BUDGET) -> Any:
    """Check ``text`` within ``budget`` seconds; ground the claims in the store when the grounding
    module exists (the same budget: what the reading leaves)."""
    if len(text) > MAX_TEXT_CHARS:
        raise ParamError("text", f"longer than {MAX_TEXT_CHARS:,} characters")
    try:
        from factbeat.claims import check_text
        from factbeat.claims.limits import Budget
    except ImportError:
        raise CheckerUnavailable("the claim checker is not available in this build") from None
    result = check_text(text, date=date, budget=Budget(budget))
    if ground:
        try:
            from factbeat.claims.ground.grounding import ground_result
        except ImportError:
            return result
        ground_result(fb, result)
    return result


def verdict_of(claim: dict) -> str:
    """The one verdict a mark is coloured by: any contradiction first, then any support.

    The arithmetic verdict (do the claim's own numbers agree?) and the data verdict (does the
    store agree?) are both shown in the claim's details; the colour takes the worst news:
    red for an inconsistent sum or a contradicting source, green when the data supports it or
    the arithmetic holds, amber when nothing could be checked.
    """
    arithmetic = claim.get("verdict") or "unverifiable"
    data = (claim.get("data") or {}).get("verdict")
    if arithmetic == "inconsistent":
        return "inconsistent"
    if data in ("contradicted", "supported"):
        return data
    return arithmetic


def segments(text: str, claims: list[dict]) -> list[dict]:
    """``text`` cut into plain and claim segments, in order (claim segments carry their index)."""
    out: list[dict] = []
    cursor = 0
    # the text's own claims are marked first; a data-only figure only where no such claim is
    taken: list[int] = []
    for origin in (True, False):
        for i in sorted(range(len(claims)), key=lambda i: (claims[i]["span"][0], -claims[i]["span"][1])):
            start, end = claims[i]["span"]
            if (claims[i].get("origin", "text") == "text") != origin or end <= start or end > len(text):
                continue
            if all(end <= claims[j]["span"][0] or claims[j]["span"][1] <= start for j in taken):
                taken.append(i)
    order = sorted(taken, key=lambda i: claims[i]["span"][0])
    for index in order:
        start, end = claims[index]["span"]
        if start < cursor:
            continue
        if start > cursor:
            out.append({"text": text[cursor:start], "claim": None})
        out.append({"text": text[start:end], "claim": index, "verdict": verdict_of(claims[index])})
        cursor = end
    if cursor < len(text):
        out.append({"text": text[cursor:], "claim": None})
    return out
