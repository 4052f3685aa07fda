"""Claims checked against lower bounds: figures from the capped 2015-2023 dashboard copy.

A third party deleted the high-count rows of the only copy of the MPS dashboard for 2015-2016,
so a London figure for those years is a lower bound ("at least 2,303", ``Figure.bound ==
'lower'``): the borough rows present, plus ward rows where a missing borough-month has them.

**A count against a lower bound L.**  The true count is L or more, so:

- a claim the bound already puts out of reach is ``contradicted``: "1,500" or "about 1,500"
  against at least 2,303 (the words allow at most 1,575);
- "more than N", "over N", "at least N" is ``supported`` when L already exceeds N and is within
  what the words allow (L at most 1.1 N for "more than", as for any count: "more than 420" would
  not be written for 2,303).  The explanation says the figure is a lower-bound estimate from the
  capped file;
- anything else cannot be settled (``not_in_data``, saying the file gives only a lower bound).

**A change computed from lower bounds is an estimate, not a bound.**  The months missing from the
earlier year push the change up, those missing from the later year push it down, so (L2 - L1) / L1
may lie on either side of the true change.  We still call a stated change ``supported`` when

1. at most :data:`MAX_UNFILLED_SHARE` of each end's borough-months are missing with no ward rows
   to fill them (so the estimate covers nine tenths of London or more at both ends), and
2. the stated change agrees with the estimate read as "about" (within 5 % of the stated value,
   the grounding set's rule for "about"; a stated qualifier such as "more than" keeps its own band):
   a figure computed from estimates is no more precise than that.

London gun crime 2015 to 2016 gives at least 1,878 and at least 2,303 (23 and 17 of 384
borough-months unfilled): +22.6 %, +425, so a stated rise of 22 per cent, or of more than 420
offences, is supported, each saying it is an estimate from lower bounds.  An estimate never contradicts: when
the words do not agree with it, or too much is missing, the claim is ``not_in_data`` and the
explanation gives the estimate.
"""

from __future__ import annotations

import math

from factbeat.claims.ground.wording import matches

SUPPORTED, CONTRADICTED, NOT_IN_DATA = "supported", "contradicted", "not_in_data"
MAX_UNFILLED_SHARE = 0.10
_BOUND_BANDS = ("more_than", "just_over", "at_least")


def is_lower_bound(fig) -> bool:
    return getattr(fig, "bound", None) == "lower"


def unfilled_share(fig) -> float:
    """The share of the figure's borough-months missing from the capped file with no ward rows to fill them."""
    gaps = getattr(fig, "capped", None) or {}
    checked = gaps.get("borough_months_checked") or 0
    if not checked:
        return 1.0 if is_lower_bound(fig) else 0.0
    return (len(gaps.get("missing_borough_months") or []) - (gaps.get("missing_filled") or 0)) / checked


def bound_words(fig) -> str:
    """'at least 2,303 (39 of 384 borough-months missing from the capped file, 22 filled from ward rows)'."""
    if not is_lower_bound(fig):
        return f"{fig.count:,}"
    gaps = fig.capped or {}
    missing = len(gaps.get("missing_borough_months") or [])
    return (f"at least {fig.count:,} ({missing} of {gaps.get('borough_months_checked', 0)} borough-months missing from "
            f"the capped 2015-2023 file, {gaps.get('missing_filled', 0)} filled from ward rows)")


def _highest_allowed(stated: float, band: str | None) -> float:
    """The largest value the words allow (a value above it contradicts them)."""
    x = abs(stated)
    return {"more_than": 1.1 * x, "just_over": 1.05 * x, "at_least": math.inf, "about": 1.05 * x,
            "almost": x, "less_than": x}.get(band or "", x)


def judge_count(stated: float, band: str | None, fig) -> tuple[str, str]:
    """(verdict, explanation) for a stated count against a lower-bound figure."""
    lower = fig.count
    top = _highest_allowed(stated, band)
    strict_top = band in ("almost", "less_than")
    if lower > top or (strict_top and lower >= top):
        return CONTRADICTED, (f"the capped file already gives {bound_words(fig)}, more than the stated figure allows "
                              "(a lower-bound estimate)")
    if band in _BOUND_BANDS and (lower > stated or (band == "at_least" and lower >= stated)):
        return SUPPORTED, (f"a lower-bound estimate from the capped file: {bound_words(fig)}, which already "
                           f"exceeds {stated:,g}")
    return NOT_IN_DATA, (f"the capped file gives only a lower bound: {bound_words(fig)}; "
                         "the complete figure is not in the data")


def end_words(fig) -> str:
    """'at least 2,303' for a lower bound, '75' for a complete count."""
    return f"at least {fig.count:,}" if is_lower_bound(fig) else f"{fig.count:,}"


def _gaps(fig) -> str:
    gaps = getattr(fig, "capped", None) or {}
    return f"{len(gaps.get('missing_borough_months') or [])} of {gaps.get('borough_months_checked', 0)}"


def judge_change(figure, first, second, actual: float, what: str) -> tuple[str, str]:
    """(verdict, explanation) for a stated change computed from ends of which one or both are lower bounds.

    ``actual`` is the estimate in the claim's unit (per cent, or offences for an absolute change);
    ``what`` says it in words ('+22.6 %').
    """
    ends = (f"{end_words(first)} -> {end_words(second)}, with {_gaps(first)} and {_gaps(second)} borough-months missing from the "
            f"capped 2015-2023 file ({(first.capped or {}).get('missing_filled', 0)} and "
            f"{(second.capped or {}).get('missing_filled', 0)} filled from ward rows)")
    worst = max(unfilled_share(first), unfilled_share(second))
    if worst > MAX_UNFILLED_SHARE:
        return NOT_IN_DATA, (f"an estimate from lower bounds ({ends}) gives {what}, but {worst:.0%} of the "
                             "borough-months of one end are missing: too much to check a change")
    direction_ok = figure.direction is None or (figure.direction == "up") == (actual > 0) or actual == 0
    band = figure.band or "about"
    style = figure.style if figure.style in ("fraction", "multiple") else "round"
    if direction_ok and matches(figure.value, actual, band=band, style=style, decimals=figure.decimals):
        return SUPPORTED, (f"an estimate from lower bounds: {ends} gives {what}, "
                           "which agrees with the stated figure read as 'about'")
    return NOT_IN_DATA, (f"an estimate from lower bounds ({ends}) gives {what}; an estimate cannot contradict "
                         "the stated figure, and the complete figures are not in the data")
