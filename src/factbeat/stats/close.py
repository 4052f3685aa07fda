"""The data verdict 'close': a stated count within the MPS's ordinary revision margin.

The Met re-issues its whole history every month and past months move a little each time, so a
figure that was right when published can differ by an offence or two from today's data.  A
stated count that is not the stored count but lies within the revision margin below is 'close',
distinct from 'supported' (equal) and 'contradicted' (further off).

Margin (documented in the README): a difference of at most :data:`MARGIN_OFFENCES` offences or
at most :data:`MARGIN_SHARE` of the stored count, whichever is larger.  It applies to counts
only (a rate or a percentage inherits the margin of the counts it comes from, which this does
not judge), and never to a lower bound, which cannot be 'close' to anything.
"""

from __future__ import annotations

from factbeat.stats.catalog import Catalog
from factbeat.stats.model import Figure

MARGIN_OFFENCES = 2
MARGIN_SHARE = 0.02


def within_revision_margin(stated: int, stored: int) -> bool:
    """True when ``stated`` differs from ``stored`` by no more than the revision margin (and is not equal)."""
    difference = abs(stated - stored)
    return 0 < difference <= max(MARGIN_OFFENCES, MARGIN_SHARE * stored)


def issue_label(catalog: Catalog, source_id: int) -> str:
    """'the November 2023 issue': the MPS issues a file in the month after its last month of data."""
    from datetime import date

    source = catalog.store.query("SELECT last_month, file_name FROM sources WHERE source_id = ?", [source_id])
    if not source or source[0][0] is None:
        return "the stored issue"
    last: date = source[0][0]
    issued = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return f"the {issued.strftime('%B %Y')} issue"


def close_verdict(catalog: Catalog, figure: Figure, stated: int) -> dict | None:
    """``{'verdict': 'close', 'difference': ..., 'explanation': ...}`` when ``stated`` is within the
    revision margin of the figure's count, else None (equal is 'supported', further is 'contradicted').

    The explanation names the issue of the data the count comes from; when an earlier stored issue
    said exactly ``stated``, it says that too.
    """
    if figure.bound is not None or not within_revision_margin(stated, figure.count):
        return None
    sources = sorted({s["source_id"] for s in figure.sources if s.get("source_id") is not None})
    issue = issue_label(catalog, sources[-1]) if sources else "the stored issue"
    difference = stated - figure.count
    text = (f"differs by {abs(difference)} from {issue} of the data ({figure.count:,}); "
            "MPS revises past months at each monthly refresh")
    earlier = _earlier_issue_with(catalog, figure, stated)
    if earlier:
        text += f"; {earlier} said {stated:,}"
    return {"verdict": "close", "stated": stated, "count": figure.count, "difference": difference,
            "margin": {"offences": MARGIN_OFFENCES, "share": MARGIN_SHARE}, "explanation": text}


def _earlier_issue_with(catalog: Catalog, figure: Figure, stated: int) -> str | None:
    """The earlier stored issue whose count for exactly the figure's months was ``stated``, if any."""
    from factbeat.stats.revisions import revisions

    found = revisions(catalog, figure.area, figure.measure, figure.period, figure.scheme)
    for row in found["revisions"]:
        if row["n_months"] == figure.period.n_months and row["count_then"] == stated:
            return f"an earlier issue ({row['file']})"
    return None
