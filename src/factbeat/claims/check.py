"""``check_text``: find every numeric claim in a text and check its arithmetic.

The pipeline: split sentences → find numbers → read each sentence (quantities, roles, frames)
→ link stated relations to figures across the text → run the arithmetic → claims in reading
order.  Nothing here raises on odd input: any text gives a (possibly empty) result.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from factbeat.claims.errors import ClaimInputError
from factbeat.claims.judge.build import build_claim
from factbeat.claims.judge.caveats import add_significance
from factbeat.claims.link.candidates import TextIndex
from factbeat.claims.link.change_search import link_changes
from factbeat.claims.link.comparisons import link_comparisons
from factbeat.claims.link.direction_only import link_direction_only
from factbeat.claims.link.draft import Draft
from factbeat.claims.link.figures import link_counts, link_rates, link_sums
from factbeat.claims.link.rank_search import link_ranks
from factbeat.claims.link.rate_search import link_rates_over_time
from factbeat.claims.link.shares import link_shares
from factbeat.claims.link.sum_search import link_totals
from factbeat.claims.link.tables import link_tables
from factbeat.claims.model import CheckResult
from factbeat.claims.read.analyse import SentenceReading, read_sentence
from factbeat.claims.read.markup import blank_inline_tags
from factbeat.claims.read.mentions import find_number_mentions
from factbeat.claims.read.sentences import split_sentences

# A sentence with more numbers than this is a table or a dump, not prose: only its first numbers
# are read, which keeps every check linear in the length of the text.
MAX_NUMBERS_PER_SENTENCE = 60


def parse_date(date: dt.date | str | None) -> dt.date | None:
    """The article date as a ``date``; accepts ``YYYY-MM-DD`` strings."""
    if date is None or isinstance(date, dt.date):
        return date.date() if isinstance(date, dt.datetime) else date
    try:
        return dt.date.fromisoformat(str(date).strip())
    except ValueError:
        raise ClaimInputError(f"invalid date {date!r}; use YYYY-MM-DD, e.g. 2017-02-10") from None


def read_text(text: str) -> list[SentenceReading]:
    """Per-sentence readings of ``text``."""
    mentions = find_number_mentions(text)
    starts = [m.start for m in mentions]
    readings = []
    for sentence in split_sentences(text):
        lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        inside = [m for m in mentions[lo:hi] if m.end <= sentence.end][:MAX_NUMBERS_PER_SENTENCE]
        readings.append(read_sentence(text, sentence, inside))
    return readings


def link_all(text: str, readings: list[SentenceReading]) -> list[Draft]:
    """Every claim in the text, linked to its figures, in the order the linking needs."""
    index = TextIndex.build(text, readings)
    drafts = link_tables(index) + link_changes(index) + link_direction_only(text, readings)
    used = {id(q) for d in drafts for q in d.used()}
    drafts += link_shares(text, readings, used, index)
    used |= {id(q) for d in drafts for q in d.used()}
    drafts += link_rates(text, readings, used) + link_rates_over_time(index)
    used |= {id(q) for d in drafts for q in d.used()}
    drafts += link_sums(text, readings, used) + link_ranks(index)
    drafts += link_totals(index, used, {id(d.stated) for d in drafts if d.stated is not None})
    used |= {id(q) for d in drafts for q in d.used()}
    taken = {d.stated_span for d in drafts}
    drafts += link_comparisons(index, taken, drafts)
    return drafts + link_counts(readings, used)


def check_text(text: str, date: dt.date | str | None = None) -> CheckResult:
    """Find each numeric claim in ``text`` and say whether its words agree with its numbers.

    ``date`` is the article date (carried on the result for resolving "last year" later).
    Claims come back in reading order; spans are offsets into ``text``.
    """
    article_date = parse_date(date)
    if not isinstance(text, str):
        raise ClaimInputError(f"expected text, got {type(text).__name__}")
    original, text = text, blank_inline_tags(text)
    readings = read_text(text)
    claims = [build_claim(d, text, readings) for d in link_all(text, readings)]
    claims.sort(key=lambda c: (c.span[0], c.span[1]))
    for claim in claims:
        add_significance(claim)
    return CheckResult(text=original, date=article_date, claims=claims)
