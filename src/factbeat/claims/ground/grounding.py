"""Check claims against stored data: which area, crime and period, is it right, and one outcome.

``ground_result`` reads the story once (:class:`~factbeat.claims.ground.resolve.Story`), finds
every figure the data can speak to (:mod:`~factbeat.claims.ground.figures`), resolves each one's
area, crime type and period by role, checks it (:mod:`~factbeat.claims.ground.checks`), and
gives every claim its ``data`` block and its ``outcome``
(:mod:`~factbeat.claims.ground.outcome`).  Claims from the read/link stages take the figure
their words contain; figures no claim covers become data-only claims (``origin: "data"``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from factbeat.claims import patterns
from factbeat.claims.ground import rx
from factbeat.claims.ground.checks import check
from factbeat.claims.ground.figures import Figure, find_figures
from factbeat.claims.ground.follows import follow_close_counts
from factbeat.claims.ground.lookups import Lookups
from factbeat.claims.ground.outcome import set_outcome
from factbeat.claims.ground.resolve import Story
from factbeat.claims.limits import (
    BLOCK_CHARS,
    DEFAULT_BUDGET,
    Budget,
    blocks,
    excerpt,
    is_stop_notice,
)
from factbeat.claims.model import CheckResult, Claim, ClaimKind, Verdict
from factbeat.claims.read.sentences import split_sentences

MAX_FIGURES = 400  # per request: a story with more is checked up to here, and says so
OUT_OF_TIME = "not checked against the data: the check's time budget ran out first"
CAPPED = f"not checked against the data: one check grounds at most {MAX_FIGURES} figures, and this story has more"

_KINDS = {
    "count": ClaimKind.COUNT, "percent_change": ClaimKind.PERCENT_CHANGE, "absolute_change": ClaimKind.ABSOLUTE_CHANGE,
    "multiple": ClaimKind.MULTIPLE, "share": ClaimKind.SHARE, "rate": ClaimKind.RATE, "rank": ClaimKind.RANK,
    "comparison": ClaimKind.COMPARISON,
}


def ground_result(fb, result: CheckResult, budget: Budget | float | None = None) -> CheckResult:
    """Fill ``data`` and ``outcome`` for every claim of ``result`` (in place), adding data-only claims.

    Only the sentences ``check_text`` finished are grounded, and at most :data:`MAX_FIGURES`
    figures.  ``budget`` defaults to what is left of the check's own (``result.budget``); the
    clock is read between figures, and when it runs out the result keeps the sentences whose
    figures were all checked, with a notice (see :mod:`factbeat.claims.limits`).
    """
    clock = Budget.of(budget if budget is not None else result.budget if result.budget is not None else DEFAULT_BUDGET)
    out_of_time = clock.spent()  # the reading used it all: say so rather than start
    text, capped_at, found = ("", None, None) if out_of_time else _grounded_text(result)
    sentences = split_sentences(text)
    spans = _Sentences([(s.start, s.end) for s in sentences])
    figures = (find_figures(text) if found is None else found)[:MAX_FIGURES]
    for figure in figures:
        _mark_rank_basis(text, spans, figure)
    catalog = getattr(fb, "catalog", None)
    if catalog is not None:
        catalog.refresh()  # learns the stored wards, so a story's ward names resolve
    story = Story(text, spans, result.date)
    resolved = story.resolve(figures)
    lookups = Lookups(fb)
    blocks = []
    for item in resolved:
        if clock.spent():
            break
        blocks.append(check(lookups, item))
    stopped_at = None
    if out_of_time:
        stopped_at = 0
        _stop_notice(result, clock, 0)
    elif len(blocks) < len(figures):
        figures, blocks, stopped_at = _stop_at_sentence(result, clock, spans, figures, blocks)
    follow_close_counts(figures[: len(blocks)], blocks)
    used: set[int] = set()
    numbers = _NumberStarts(figures)
    for claim in result.claims:
        index = _figure_for(claim, figures, used, numbers)
        if index is None:
            claim.data = _unchecked(claim, _not_reached(claim, capped_at, stopped_at))
        else:
            used.add(index)
            claim.data = blocks[index]
            if claim.kind.value == "rank":  # 'third-lowest' reads as the clause 'the third-lowest rate in London'
                start, end = _territory(text, spans, figures, index, numbers)
                claim.span = (min(claim.span[0], start), max(claim.span[1], end))
                claim.text = result.text[claim.span[0]:claim.span[1]]
            _own_words(claim, figures, index)
            figure = figures[index]
            if claim.kind.value == "count" and claim.span[1] < figure.span[1] and \
                    _YEAR_AFTER.fullmatch(result.text[claim.span[1]:figure.span[1]]):
                claim.span = (claim.span[0], figure.span[1])  # '29 in 2008': a count reads with its year
                claim.text = result.text[claim.span[0]:claim.span[1]]
            holder = _holder(figures, index)
            if claim.kind.value == "count" and holder is not None and holder.span[0] < claim.span[0]:
                claim.span = (holder.span[0], claim.span[1])  # 'Only Croydon, with 1,695': Croydon's count
                claim.text = result.text[claim.span[0]:claim.span[1]]
            target = resolved[index].other_area
            if claim.kind.value == "multiple" and target is not None and target.at is not None \
                    and 0 <= target.at[0] - claim.span[1] < 80:
                # 'three times as many as Camden': the claim reads to the area it is compared with
                claim.span = (claim.span[0], target.at[1])
                claim.text = result.text[claim.span[0]:claim.span[1]]
        set_outcome(claim)
    for claim in result.claims:
        if claim.kind.value == "comparison" and (claim.data or {}).get("verdict") == "not_in_data" and claim.origin == "text":
            _two_figures_compared(claim, figures, blocks)
            set_outcome(claim)
    _comparisons_from_their_word(result.claims)
    extra = []
    for index, (figure, block) in enumerate(zip(figures, blocks, strict=True)):
        if index in used or _covered(figure, result.claims):
            continue
        if figure.kind == "comparison" and "since" not in figure.extra and block.get("compared_with") is None:
            continue  # 'higher than Met figures suggest': no area after the words, so no comparison to check
        claim = _data_claim(text, sentences, spans, figure, block, _territory(text, spans, figures, index, numbers))
        set_outcome(claim)
        extra.append(claim)
    result.claims = _in_order(result.claims, extra)
    if capped_at is not None and stopped_at is None:
        result.notes.append(_capped_notice(result, capped_at))
    return result


def _grounded_text(result: CheckResult) -> tuple[str, int | None, list[Figure] | None]:
    """The part of the text to ground: the sentences the check finished, up to the figure after
    the :data:`MAX_FIGURES`-th (where the cap cut it, else ``None``).  Long texts are searched
    for figures one block of sentences at a time, so finding the cut stays linear.  The third
    value is ``find_figures`` of the returned text when this already found them (a text of one
    block that the cap did not cut: finding them again was a fifth of a one-paragraph check)."""
    text = result.text
    if not result.complete and result.sentences_checked < result.sentences:
        done = split_sentences(text)[:result.sentences_checked]
        text = text[:done[-1].end] if done else ""
    found = 0
    parts = _text_blocks(text)
    for start, end in parts:
        figures = find_figures(text[start:end])
        if found + len(figures) > MAX_FIGURES:
            return (text[:start + figures[MAX_FIGURES - found].span[0]], start + figures[MAX_FIGURES - found].span[0],
                    None)
        found += len(figures)
    whole = len(parts) == 1 and parts[0] == (0, len(text))
    return text, None, figures if whole else None


def _text_blocks(text: str) -> list[tuple[int, int]]:
    if len(text) <= BLOCK_CHARS:
        return [(0, len(text))]
    sentences = split_sentences(text)
    cuts = blocks([s.start for s in sentences], [s.end for s in sentences])
    return [(0 if lo == 0 else sentences[lo].start, len(text) if hi == len(sentences) else sentences[hi - 1].end)
            for lo, hi in cuts]


def _stop_at_sentence(result: CheckResult, clock: Budget, spans, figures: list[Figure], blocks: list[dict]):
    """The budget ran out among the figures: the data check keeps the sentences whose figures were
    all checked; the claims after them keep their arithmetic, and a notice says how far each got."""
    def sentence_of(figure: Figure) -> int:
        return next((i for i, (s, e) in enumerate(spans) if s <= figure.number_span[0] < e), len(spans))

    stop = sentence_of(figures[len(blocks)])
    keep = sum(1 for f in figures[:len(blocks)] if sentence_of(f) < stop)
    _stop_notice(result, clock, stop)
    return figures[:keep], blocks[:keep], spans[stop][0] if stop < len(spans) else None


def _stop_notice(result: CheckResult, clock: Budget, grounded: int) -> None:
    """One 'stopped after' notice, saying how far the data check got."""
    result.notes = [n for n in result.notes if not is_stop_notice(n)]
    result.notes.append(clock.notice(result.sentences_checked, result.sentences, grounded=grounded))


def _not_reached(claim: Claim, capped_at: int | None, stopped_at: int | None) -> str | None:
    """Why a claim has no data check, when a limit rather than its words is the reason."""
    if stopped_at is not None and claim.span[0] >= stopped_at:
        return OUT_OF_TIME
    if capped_at is not None and claim.span[0] >= capped_at:
        return CAPPED
    return None


def _capped_notice(result: CheckResult, capped_at: int) -> str:
    sentences = split_sentences(result.text)
    at = next((s for s in sentences if s.start <= capped_at < s.end), None)
    if at is None:
        return f"only the first {MAX_FIGURES} figures were checked against the data"
    after = max(result.sentences_checked - at.index - 1, 0)
    rest = f"the rest of it and the {after:,} sentence{'s' if after != 1 else ''} after it were not" if after else \
        "the rest of it was not"
    return (f"only the first {MAX_FIGURES} figures were checked against the data: they end in sentence "
            f"{at.index + 1} ({excerpt(at.text)}); {rest}")


class _Sentences(list):
    """The sentences' (start, end) spans, with the one holding an offset found by binary search
    when they come in order without overlapping (as ``split_sentences`` gives them): the figures
    of a long story each asked a scan of every sentence."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        super().__init__(spans)
        self.ordered = all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
        self.starts = [s for s, _e in spans]

    def index_at(self, offset: int) -> int | None:
        """The index of the first sentence holding ``offset``, or None."""
        if not self.ordered:
            return next((i for i, (s, e) in enumerate(self) if s <= offset < e), None)
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self[i][1] else None

    def at(self, offset: int) -> tuple[int, int] | None:
        """The first sentence holding ``offset``, or None."""
        i = self.index_at(offset)
        return None if i is None else self[i]


def _mark_rank_basis(text: str, spans: _Sentences, figure: Figure) -> None:
    """Rank by rate when the words say so ('the third-lowest rate', 'its rate ... was the highest')."""
    at = spans.at(figure.span[0])
    start, end = at if at is not None else (0, len(text))
    figure.extra["sentence"] = text[start:end]
    if figure.kind not in ("rank", "comparison") and not (figure.kind == "multiple" and figure.extra.get("comparison")):
        return
    words = figure.words.lower() + " " + text[figure.span[1]:figure.span[1] + 12].lower()
    head = text[start:figure.span[0]].lower()
    if rx.search(r"\b(?:number|total)\b", words):
        return
    if _RATE_WORDS.search(words) or (_RATE_WORDS.search(head) and not rx.search(r"\b(?:number|total)\b", head[-40:])):
        figure.extra["by_rate"] = True
    elif figure.kind != "rank" and rx.match(r"(?:\s+(?:as\s+\w+\s+as|that\s+of|than))?\s+the\s+(?:London|capital['’]?s?)\s+average",
                                            text[figure.span[1] - 1 if figure.kind == "multiple" else figure.span[0]:][:60], re.I):
        figure.extra["by_rate"] = True  # 'the London average' is London's rate


_RATE_WORDS = patterns.compile(r"\brates?\b|per 1,000|per 100,000|per head|per capita|per resident|per person", re.I)


class _NumberStarts:
    """Where each figure's number starts and ends, so that the figures whose number lies in some words
    are found by binary search when the figures come in text order (as ``find_figures`` gives them):
    each claim of a long story scanned every figure, and so did each figure's territory."""

    def __init__(self, figures: list[Figure]) -> None:
        self.starts = [f.number_span[0] for f in figures]
        self.ends = [f.number_span[1] for f in figures]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        self.ends_ordered = all(a <= b for a, b in zip(self.ends, self.ends[1:], strict=False))

    def within(self, start: int, end: int) -> Iterable[int]:
        """The indexes, in order, of the figures whose number starts in ``start`` to ``end`` (excluded)."""
        if not self.ordered:
            return [i for i, at in enumerate(self.starts) if start <= at < end]
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def ending_by(self, offset: int) -> Iterable[int]:
        """The indexes, in order, of the figures whose number ends at or before ``offset``."""
        if not self.ends_ordered:
            return [i for i, at in enumerate(self.ends) if at <= offset]
        return range(bisect_right(self.ends, offset))

    def first_start_from(self, offset: int) -> int | None:
        """The first place at or after ``offset`` where a figure's number starts, or None."""
        if not self.ordered:
            return min((at for at in self.starts if at >= offset), default=None)
        i = bisect_left(self.starts, offset)
        return self.starts[i] if i < len(self.starts) else None


_FITS = {"count": {"count"}, "percent_change": {"percent_change", "share"}, "absolute_change": {"absolute_change", "count"},
         "multiple": {"multiple"}, "share": {"share", "percent_change", "multiple"}, "rate": {"rate"}, "rank": {"rank"},
         "sum": {"count"}, "comparison": {"comparison"}}


def _figure_for(claim: Claim, figures: list[Figure], used: set[int], numbers: _NumberStarts | None = None) -> int | None:
    """The figure whose number lies in the claim's words and whose kind fits it."""
    start, end = claim.span
    inside = [i for i in (numbers or _NumberStarts(figures)).within(start, end) if i not in used]
    exact = [i for i in inside if figures[i].kind == claim.kind.value]
    if exact:
        return exact[0]
    return next((i for i in inside if figures[i].kind in _FITS.get(claim.kind.value, set())), None)


_YEAR_AFTER = patterns.compile(r"\s+(?:in|during)\s+(?:the\s+)?(?:19|20)\d\d(?:/\d\d)?")


def _holder(figures: list[Figure], index: int) -> Figure | None:
    """The 'Only X, with N, recorded more' rank whose phrase holds this figure's number, if any."""
    figure = figures[index]
    return next((f for f in _phrase_holders(figures) if f is not figure
                 and f.span[0] <= figure.number_span[0] < f.extra["phrase_end"]), None)


_HOLDERS: tuple[list, list] | None = None  # (figures, those of them with a phrase_end): the last list asked


def _phrase_holders(figures: list[Figure]) -> list[Figure]:
    """The figures with a whole phrase of their own ('Only X, with N, recorded more'), in order,
    found once per list of figures (every figure asks; a list is never changed once grounded)."""
    global _HOLDERS
    last = _HOLDERS
    if last is not None and last[0] is figures:
        return last[1]
    holders = [f for f in figures if f.extra.get("phrase_end")]
    _HOLDERS = (figures, holders)
    return holders


def _own_words(claim: Claim, figures: list[Figure], index: int) -> None:
    """'1,740 cars stolen, an increase of 95': a change read from a count that is a figure of its own starts at
    its own words, so the count and the change each keep theirs."""
    figure = figures[index]
    if claim.kind.value not in ("percent_change", "absolute_change") or not claim.span[0] < figure.span[0] < claim.span[1]:
        return
    if any(i != index and f.kind == "count" and f.number_span[0] == claim.span[0] for i, f in enumerate(figures)):
        cut = figure.span[0] - claim.span[0]
        claim.span = (figure.span[0], claim.span[1])
        claim.text = claim.text[cut:]


_HIGHER = patterns.compile(r"\b(?:higher|more|greater|above|ahead|bigger|larger|up|exceed)", re.I)
_LOWER = patterns.compile(r"\b(?:lower|fewer|less|below|behind|smaller|down)", re.I)


def _two_figures_compared(claim: Claim, figures: list[Figure], blocks: list[dict]) -> None:
    """'rose by 12 per cent, more than the London-wide rise of 4 per cent', 'above the previous peak of 29': the
    comparison of two stated figures, checked on the data's values for both (each resolved on its own)."""
    sign = 1 if _HIGHER.match(claim.stated or "") else -1 if _LOWER.match(claim.stated or "") else 0
    inside = [i for i, f in enumerate(figures) if claim.span[0] <= f.number_span[0] < claim.span[1] and f.kind != "comparison"]
    if not sign or len(inside) < 2:
        return
    first, second = figures[inside[0]], figures[inside[-1]]
    values = [_data_value(figures[i], blocks[i]) for i in (inside[0], inside[-1])]
    if first.kind != second.kind or any(v is None for v in values) or values[0] == values[1]:
        return
    ok = (values[0] > values[1]) == (sign > 0)
    a, b = (blocks[i] for i in (inside[0], inside[-1]))
    claim.data = {**a, "verdict": "supported" if ok else "contradicted", "value": {"this": values[0], "other": values[1]},
                  "says": f"the data say {values[0]:,} against {values[1]:,}", "reason": None, "alternatives": [],
                  "compared_with": b.get("area"),
                  "explanation": f"{first.words.strip()!r} is {values[0]:,} in the data and {second.words.strip()!r} "
                                 f"{values[1]:,}; stated {claim.stated!r}"}


def _data_value(figure: Figure, block: dict) -> float | None:
    """The data's value for a figure of its kind (count, change, rate), when the data have it."""
    value = block.get("value")
    if block.get("verdict") not in ("supported", "contradicted", "close") or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    for key in ("percent_change", "rate", "share", "change"):
        if isinstance(value, dict) and key in value:
            return float(value[key])
    return None


def _comparisons_from_their_word(claims: list[Claim]) -> None:
    """'Thirty were killed in 2021, more than in any year ... above the peak of 29': a comparison whose first
    figure is a claim of its own reads from its comparison word, so each figure keeps its own words."""
    for claim in claims:
        if claim.kind.value != "comparison" or not claim.stated:
            continue
        at = claim.text.find(claim.stated)
        if at <= 0 or not any(o is not claim and o.kind.value != "comparison" and o.span[0] == claim.span[0]
                              for o in claims):
            continue
        claim.span = (claim.span[0] + at, claim.span[1])
        claim.text = claim.text[at:]


def _covered(figure: Figure, claims: list[Claim]) -> bool:
    return False


def _unchecked(claim: Claim, reason: str | None = None) -> dict:
    reason = reason or f"no figure in these words ({claim.stated or claim.text!r}) that the data can check"
    return {"verdict": "not_in_data", "value": None, "reason": reason, "says": None, "area": None, "measure": None,
            "period": None, "compared_with": None, "definition": None, "source": None, "notes": [],
            "alternatives": [], "explanation": f"not in data: {reason}"}


_BOUNDARY = patterns.compile(r",(?!\d)|[;:()]|\s[-–—]\s|\s(?:while|but|whereas|though|although)\s")


def _territory(text: str, spans: _Sentences, figures: list[Figure], index: int,
               numbers: _NumberStarts | None = None) -> tuple[int, int]:
    """A data-only claim's words: its figure's phrase widened to its clause, up to the neighbouring figures.

    A reader (or a scorer) pointing at "in Barnet they fell to 842" should land on the 842 claim,
    not on a longer claim around it; a figure owns the words of its clause no other figure owns.
    """
    figure = figures[index]
    if figure.extra.get("phrase_end"):
        return figure.span[0], figure.extra["phrase_end"]
    s_start, s_end = spans.at(figure.span[0]) or (0, len(text))
    # an earlier figure owns its whole phrase ('up 10 per cent'), not just its number
    numbers = numbers or _NumberStarts(figures)
    left = max([s_start, *(f.span[1] if f.span[1] <= figure.span[0] else f.number_span[1]
                           for f in map(figures.__getitem__, numbers.ending_by(figure.number_span[0])))])
    after = numbers.first_start_from(figure.number_span[1])
    right = s_end if after is None else min(s_end, after)
    before = list(_BOUNDARY.finditer(text, left, figure.span[0]))
    start = before[-1].end() if before else left
    after = _BOUNDARY.search(text, figure.span[1], right)
    end = after.start() if after else right
    while start < figure.span[0] and text[start].isspace():
        start += 1
    holder = _holder(figures, index)
    if holder is not None:  # 'Only Croydon, with 1,695, recorded more': the count is Croydon's, named at the start
        start = holder.span[0]
    while end > figure.span[1] and text[end - 1] in " .":
        end -= 1
    return min(start, max(figure.span[0], left)), max(end, min(figure.span[1], right))


def _data_claim(text: str, sentences, spans: _Sentences, figure: Figure, block: dict, span: tuple[int, int]) -> Claim:
    at = spans.index_at(figure.span[0])
    sentence = None if at is None else sentences[at]
    return Claim(
        kind=_KINDS[figure.kind], text=text[span[0]:span[1]], span=span,
        sentence_index=sentence.index if sentence else 0, sentence=sentence.text if sentence else "",
        stated=figure.words, stated_value=figure.value, verdict=Verdict.UNVERIFIABLE,
        explanation="a figure checked against the data only (the passage gives nothing to compute it from)",
        qualifier=figure.band, direction=figure.direction, data=block, origin="data",
    )


def _in_order(claims: list[Claim], extra: list[Claim]) -> list[Claim]:
    """Reading order; a claim inside a longer claim's words is listed just before it.

    A claim's anchor is the start of the earliest claim holding its words (itself if none does);
    found by binary search over the running widest end, so thousands of claims sort quickly.
    """
    everything = [*claims, *extra]
    by_start = sorted(everything, key=lambda c: c.span[0])
    starts = [c.span[0] for c in by_start]
    widest: list[int] = []  # widest[i]: the largest end among by_start[:i + 1]
    for c in by_start:
        widest.append(max(c.span[1], widest[-1]) if widest else c.span[1])
    longest_at: dict[int, int] = {}  # start -> largest end of the claims starting there
    for c in by_start:
        longest_at[c.span[0]] = max(c.span[1], longest_at.get(c.span[0], c.span[1]))

    def key(claim: Claim):
        start, end = claim.span
        first = bisect_left(widest, end)  # the earliest claim (by start) reaching the end of this one
        held = first < len(by_start) and starts[first] < start or longest_at.get(start, end) > end
        anchor = min(start, starts[first]) if held and first < len(by_start) else start
        return (anchor, 0 if held else 1, 0 if claim.origin == "data" else 1, start)

    return sorted(everything, key=key)


__all__ = ["ground_result", "MAX_FIGURES"]
