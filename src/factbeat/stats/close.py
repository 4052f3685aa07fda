"""The data verdict 'close': a stated count within the MPS's ordinary revision margin.

The Met re-issues the whole history of its monthly series at every refresh and past months move a
little each time, so a figure that was right when it was published can differ by an offence or two
from the issue of the data the store holds.  A stated count that is not the stored count but lies
within the revision margin is ``close``: distinct from ``supported`` (equal) and ``contradicted``
(further off).  This is the one rule: the grounding checker (outcome ``close``) and the figure
commands use it, and the explanation names the issue of the data compared with ("differs by 1 from
the November 2023 issue of the data; MPS revises past months at each monthly refresh").

The margin (README, "Close"): a difference of at most :data:`MARGIN_OFFENCES` offences **and** at
most :data:`MARGIN_SHARE` of the stored count.  Why both, not whichever is larger:

- revisions of a monthly series move a borough-year by a few offences, not by a share of it; a
  share alone would call 7,122 against 7,212 (two digits swapped, 1.2 % off) or a neighbouring
  year's 3,833 against 3,844 "close";
- on a small count the absolute margin alone would be too generous: 10 against 11 (9 % off) is a
  different figure, not a revision.  Barnet's 76 against the stored 75 (1 offence, 1.3 %) is close.

It applies only to series the MPS re-issues monthly (:data:`REVISED_MONTHLY`: the borough, ward and
LSOA files and the crime dashboard).  The homicide victims file lists one victim per row: a count
off by one there is a different person, not a refresh revision, so it is never ``close``.  The
margin applies to counts only (a percentage is ``close`` only when it follows from a close count,
see ``claims/ground/follows.py``), and never to a lower bound, which cannot be close to anything.
"""

from __future__ import annotations

from factbeat.stats.catalog import Catalog
from factbeat.stats.model import Figure

MARGIN_OFFENCES = 2
MARGIN_SHARE = 0.02
REVISED_MONTHLY = frozenset({
    "mps_legacy", "home_office", "ho_detailed", "mps_dashboard",
    "home_office_ward", "home_office_lsoa", "mps_dashboard_ward",
})
WHY = "MPS revises past months at each monthly refresh"


def within_revision_margin(stated: float, stored: float) -> bool:
    """True when ``stated`` differs from ``stored`` by the revision margin at most (and is not equal)."""
    difference = abs(stated - stored)
    return 0 < difference <= MARGIN_OFFENCES and difference <= MARGIN_SHARE * abs(stored)


def revised_monthly(scheme: str | None) -> bool:
    """Whether the MPS re-issues this scheme's history at each monthly refresh."""
    return scheme in REVISED_MONTHLY


def issue_label(catalog: Catalog, source_id: int) -> str:
    """'the November 2023 issue': the MPS issues a file in the month after its last month of data."""
    from datetime import date

    source = catalog.store.query("SELECT last_month, file_name FROM sources WHERE source_id = ?", [source_id])
    if not source or source[0][0] is None:
        return "the stored issue"
    last: date = source[0][0]
    issued = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return f"the {issued.strftime('%B %Y')} issue"


def figure_issue(catalog: Catalog, figure: Figure) -> str:
    """The issue of the data a figure's count comes from (the latest of its source files)."""
    sources = sorted({s["source_id"] for s in figure.sources if s.get("source_id") is not None})
    return issue_label(catalog, sources[-1]) if sources else "the stored issue"


def close_verdict(catalog: Catalog, figure: Figure, stated: float) -> dict | None:
    """``{'verdict': 'close', 'difference': ..., 'explanation': ...}`` when ``stated`` is within the
    revision margin of the figure's count, else None (equal is 'supported', further is 'contradicted').

    None too for a lower bound, an incomplete figure and a series that is not re-issued monthly.
    The explanation names the issue of the data the count comes from; when an earlier stored issue
    said exactly ``stated``, it says that too.
    """
    if figure.bound is not None or not figure.complete or not revised_monthly(figure.scheme) \
            or not within_revision_margin(stated, figure.count):
        return None
    difference = stated - figure.count
    text = (f"differs by {abs(difference):,g} from {figure_issue(catalog, figure)} of the data ({figure.count:,}); {WHY}")
    earlier = _earlier_issue_with(catalog, figure, stated)
    if earlier:
        text += f"; {earlier} said {stated:,g}"
    return {"verdict": "close", "stated": stated, "count": figure.count, "difference": difference,
            "margin": {"offences": MARGIN_OFFENCES, "share": MARGIN_SHARE}, "explanation": text}


def _earlier_issue_with(catalog: Catalog, figure: Figure, stated: float) -> str | None:
    """The earlier stored issue whose count for exactly the figure's months was ``stated``, if any."""
    from factbeat.stats.revisions import revisions

    found = revisions(catalog, figure.area, figure.measure, figure.period, figure.scheme)
    for row in found["revisions"]:
        if row["n_months"] == figure.period.n_months and row["count_then"] == stated:
            return f"an earlier issue ({row['file']})"
    return None
