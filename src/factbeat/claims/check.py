"""``check_text``: find every numeric claim in a text and check its arithmetic.

The pipeline: split sentences → find numbers → read each sentence (quantities, roles, frames)
→ link stated relations to figures across the text → run the arithmetic → claims in reading
order.  Nothing here raises on odd input: any text gives a (possibly empty) result.

Every check has a wall-clock budget (:mod:`factbeat.claims.limits`): the clock is read between
sentences and between blocks of sentences, and a check that runs out returns the claims of the
sentences it finished, with a notice saying how far it got.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from operator import attrgetter

from factbeat.claims.errors import ClaimInputError
from factbeat.claims.judge.build import build_claim
from factbeat.claims.judge.caveats import add_significance
from factbeat.claims.limits import (
    DEFAULT_BUDGET,
    MAX_NUMBERS_PER_SENTENCE,
    Budget,
    blocks,
    numbers_notice,
)
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
from factbeat.claims.model import CheckResult, Claim
from factbeat.claims.read.analyse import SentenceReading, read_sentence
from factbeat.claims.read.markup import blank_inline_tags
from factbeat.claims.read.mentions import find_number_mentions
from factbeat.claims.read.phrases import sentences_holding_phrases
from factbeat.claims.read.sentences import Sentence, split_sentences

__all__ = ["check_text", "read_text", "link_all", "parse_date", "MAX_NUMBERS_PER_SENTENCE"]


def parse_date(date: dt.date | str | None) -> dt.date | None:
    """The article date as a ``date``; accepts ``YYYY-MM-DD`` strings."""
    if date is None or isinstance(date, dt.date):
        return date.date() if isinstance(date, dt.datetime) else date
    try:
        return dt.date.fromisoformat(str(date).strip())
    except ValueError:
        raise ClaimInputError(f"invalid date {date!r}; use YYYY-MM-DD, e.g. 2017-02-10") from None


def read_text(text: str, budget: Budget | None = None,
              crowded: list[tuple[int, str, int]] | None = None, *,
              sentences: list[Sentence] | None = None) -> list[SentenceReading]:
    """Per-sentence readings of ``text``, in order; fewer than its sentences if ``budget`` ran out.

    A sentence holding more than ``MAX_NUMBERS_PER_SENTENCE`` numbers is read up to there, and
    ``(sentence index, sentence, numbers found)`` goes into ``crowded`` so the result can say so.
    ``sentences`` is ``split_sentences(text)`` when the caller has it already (splitting is a
    few per cent of a check).
    """
    mentions = find_number_mentions(text)
    starts = [m.start for m in mentions]
    sentences = split_sentences(text) if sentences is None else sentences
    hinted = sentences_holding_phrases(text, [(s.start, s.end) for s in sentences])  # (told once for the text)
    readings = []
    for sentence, hint in zip(sentences, hinted, strict=True):
        if budget is not None and budget.spent():
            break
        lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        inside = [m for m in mentions[lo:hi] if m.end <= sentence.end]
        if len(inside) > MAX_NUMBERS_PER_SENTENCE and crowded is not None:
            crowded.append((sentence.index, sentence.text, len(inside)))
        readings.append(read_sentence(text, sentence, inside[:MAX_NUMBERS_PER_SENTENCE], hint))
    return readings


def link_all(text: str, readings: list[SentenceReading]) -> list[Draft]:
    """Every claim in the text, linked to its figures, in the order the linking needs."""
    index = TextIndex.build(text, readings)
    drafts = link_tables(index) + link_changes(index) + link_direction_only(text, readings)
    used = _figures(drafts)  # (each step adds its own drafts' figures: no step changes earlier drafts)
    shares = link_shares(text, readings, used, index)
    used |= _figures(shares)
    drafts += shares
    rates = link_rates(text, readings, used) + link_rates_over_time(index)
    used |= _figures(rates)
    drafts += rates
    groups = link_sums(text, readings, used) + link_ranks(index)
    drafts += groups
    totals = link_totals(index, used, {id(d.stated) for d in drafts if d.stated is not None})
    used |= _figures(groups + totals)
    drafts += totals
    taken = {d.stated_span for d in drafts}
    drafts += link_comparisons(index, taken, drafts)
    return drafts + link_counts(readings, used)


def _figures(drafts: list[Draft]) -> set[int]:
    """The ids of the figures the drafts use."""
    return {id(q) for d in drafts for q in d.used()}


def check_text(text: str, date: dt.date | str | None = None, *,
               budget: Budget | float | None = DEFAULT_BUDGET) -> CheckResult:
    """Find each numeric claim in ``text`` and say whether its words agree with its numbers.

    ``date`` is the article date (carried on the result for resolving "last year" later).
    ``budget`` is the seconds the check may take (``None``: no limit), or a :class:`Budget` to
    share with the grounding that follows; the result keeps it, so ``ground_result`` spends what
    is left of the same budget.  Claims come back in reading order; spans are offsets into ``text``.
    """
    article_date = parse_date(date)
    if not isinstance(text, str):
        raise ClaimInputError(f"expected text, got {type(text).__name__}")
    original, text = text, blank_inline_tags(text)  # offsets unchanged: tags become spaces
    clock = Budget.of(budget)
    sentences = split_sentences(text)
    result = CheckResult(text=original, date=article_date, claims=[], sentences=len(sentences), budget=clock)
    crowded: list[tuple[int, str, int]] = []
    for lo, hi in blocks([s.start for s in sentences], [s.end for s in sentences]):
        if clock.spent():
            break
        start = 0 if lo == 0 else sentences[lo].start
        end = len(text) if hi == len(sentences) else sentences[hi - 1].end
        if (start, end) == (0, len(text)):
            block, own = text, sentences
        else:
            block, own = text[start:end], _moved(sentences[lo:hi], start)
        read, whole = _check_block(block, clock, crowded, result.claims, start, lo, own)
        result.sentences_checked = hi if whole else min(lo + read, hi)
        if not whole:
            break
    result.notes += [numbers_notice(i, sentence, found) for i, sentence, found in crowded]
    if result.sentences_checked < result.sentences:
        result.notes.append(clock.notice(result.sentences_checked, result.sentences))
    return result


_span_of = attrgetter("span")


def _check_block(block: str, clock: Budget, crowded: list, claims: list[Claim], offset: int,
                 first: int, sentences: list[Sentence]) -> tuple[int, bool]:
    """Check one block of whole sentences (``offset``: where it starts in the text, ``first``:
    its first sentence's index; ``sentences``: the block's); returns the
    sentences read and whether that was all of them."""
    found: list[tuple[int, str, int]] = []
    readings = read_text(block, clock, found, sentences=sentences)
    whole = not clock.stopped or len(readings) == len(sentences)
    crowded += [(first + i, sentence, n) for i, sentence, n in found]
    built = []
    for draft in link_all(block, readings):
        claim = build_claim(draft, block, readings, offset, first)
        add_significance(claim)
        built.append(claim)
    # in reading order, block by block: a block's spans all come after the block before's, so
    # sorting each block's few claims gives the order a sort of the whole text's would, without
    # a long text's sort growing faster than the text
    built.sort(key=_span_of)  # spans are (start, end) pairs: the same order as by the two
    claims += built
    return len(readings), whole


def _moved(sentences: list[Sentence], start: int) -> list[Sentence]:
    """The text's sentences ``sentences`` as the sentences of the block starting at ``start``
    (offsets and indexes counted from the block's start): the text was split once, and splitting
    each block again was a few per cent of a long text's check."""
    return [Sentence(i, s.start - start, s.end - start, s.text) for i, s in enumerate(sentences)]
