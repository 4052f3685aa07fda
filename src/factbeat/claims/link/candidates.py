"""The figures a text offers to a stated relation, and how strongly its words tie them together.

Linking is a search: for each stated relation every figure in a window of nearby sentences is a
candidate input, and a candidate reading (an earlier/later pair, a part and a whole…) gets a
score from what the words say: "from"/"to" markers, the years beside each figure, whether the
figures share a sentence or a clause with the stated words, and how far apart they are.  The
best-scored reading wins; readings scored close to it are kept as alternatives, so the judge can
say when two readings of the same words disagree.  No score ever looks at the arithmetic.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.prefilter import Places, Scan, fold
from factbeat.claims.read.analyse import SentenceReading
from factbeat.claims.read.lexicon import words
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Marker

CLAUSE_BREAK = patterns.compile(r";|\s[–—-]\s|\b(?:while|whereas|but|although|meanwhile)\b", re.I)
PARAGRAPH_BREAK = patterns.compile(r"\n\s*\n|\[\.\.\.\]|\[…\]")
# PARAGRAPH_BREAK's two kinds, looked for apart: a pattern that starts with one fixed character
# is searched for with a fast scan for that character, while one that starts with either of two
# tries every place of the text (about ten times the cost for a whole story); and most stories
# hold no "[" at all.  The two kinds never overlap (one is all spaces), so together they find the
# same breaks.
_BLANK_LINE = patterns.compile(r"\n\s*\n")
_ELISION = patterns.compile(r"\[(?:\.\.\.|…)\]")
HEADLINE_REACH = 200  # a headline is checked against the first figures of the body, not all
# The words that set one figure against another ("1,140 compared to 1,000", "8.1 against 2.0")
AGAINST = r"(?:compared\s+(?:to|with)|against|versus|vs\.?)"
STRONG = 4.0  # a reading scored this high may make a claim inconsistent; below, only confirm it
CONFIRM = -1.0  # a reading scored at least this may confirm a claim, never contradict it


@dataclass(slots=True)
class Reading:
    """One way of linking a stated relation to figures: the figures by role, and its score."""

    numbers: dict[str, Quantity]
    score: float
    why: list[str] = field(default_factory=list)
    parts: list[Quantity] = field(default_factory=list)


@dataclass(slots=True)
class Figure:
    """What the pair searches ask about one level: they ask it for every pair the level is in
    (tens per stated change), so it is worked out once and looked up once per pair."""

    value: int | Fraction  # exact: a whole value as an int, which compares far faster than a Fraction
    marker: Marker
    year: int | None
    noun: str | None  # see noun_after


def exact_value(value: Fraction) -> int | Fraction:
    """The same number, as an int when it is whole (nearly every figure): comparisons give the
    same answers, at a fraction of the cost of comparing Fractions."""
    return value.numerator if value.denominator == 1 else value


_FIGURE_KINDS = (QuantityKind.COUNT, QuantityKind.PERCENT, QuantityKind.RATE)

# The patterns whose filter words (claims/prefilter.py) the searches look up in every text:
# :meth:`TextIndex.places` finds them all with one search of the text.  Each search of a whole
# story costs about as much, whatever its words, and the comparisons, ranks, totals and rates
# each made their own.
_SCANNED: list[re.Pattern[str]] = []
_SCAN: list = []  # [(the patterns, their Scan)] for the patterns registered so far


def scanned(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Register ``pattern`` for :meth:`TextIndex.places` (at import); returns it."""
    _SCANNED.append(pattern)
    return pattern


def _scan() -> tuple[tuple[re.Pattern[str], ...], Scan]:
    if not _SCAN or len(_SCAN[0][0]) != len(_SCANNED):
        todo = tuple(_SCANNED)
        _SCAN[:] = [(todo, Scan(todo))]
    return _SCAN[0]


@dataclass
class TextIndex:
    """Every figure of a text with the facts linking needs: sentence, paragraph, marker, year."""

    text: str
    readings: list[SentenceReading]
    levels: list[Quantity] = field(default_factory=list)
    figures: list[Quantity] = field(default_factory=list)  # levels, rates and stated amounts
    by_sentence: dict[int, list[Quantity]] = field(default_factory=dict)
    paragraph_of: list[int] = field(default_factory=list)
    markers: dict[int, Marker] = field(default_factory=dict)  # every level's (its keys: the levels' ids)
    signs: dict[int, int] = field(default_factory=dict)  # stated changes: +1 rise, -1 fall
    figures_by_sentence: dict[int, list[Quantity]] = field(default_factory=dict)
    values: dict[int, int | Fraction] = field(default_factory=dict)  # levels' exact values (see exact_value)
    memo: dict = field(default_factory=dict)  # facts the searches work out once per text
    latest_year: int | None = None  # the latest year the text names
    _breaks: dict[tuple[int, int], bool] = field(default_factory=dict, repr=False)
    _figures: dict[int, Figure] = field(default_factory=dict, repr=False)
    _years: dict[int, int | None] = field(default_factory=dict, repr=False)
    _refers_back: dict[int, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, text: str, readings: list[SentenceReading]) -> TextIndex:
        breaks = paragraph_breaks(text)
        index = cls(text, readings)
        index.paragraph_of = [bisect_right(breaks, r.sentence.start) for r in readings]
        index.latest_year = max((y for r in readings for y, _, _ in r.years), default=None)
        for r in readings:
            if not r.quantities:
                continue  # most sentences of a story hold no figure (nor any level or stated relation)
            levels = [q for q in r.levels if not q.weak or q.value != 0]
            index.levels.extend(levels)
            index.values.update((id(q), exact_value(q.value)) for q in levels)
            i = r.index
            index.by_sentence[i] = levels
            figures = [q for q in r.quantities if not q.weak and q.kind in _FIGURE_KINDS]
            index.figures.extend(figures)
            index.figures_by_sentence[i] = figures
            index.markers.update(r.markers)
            for item in r.stated:
                if item.direction is not None and item.direction.sign in (1, -1):
                    index.signs[id(item.q)] = item.direction.sign
        return index

    def places(self, pattern: re.Pattern[str]) -> Places:
        """Where the filter words of a :func:`scanned` pattern lie in the text, for every such
        pattern from one search of the text (on first asking); kept by the pattern's id, since
        hashing a pattern hashes its compiled code."""
        found = self.memo.get("places")
        if found is None:
            todo, scan = _scan()
            found = self.memo["places"] = {id(p): places for p, places in
                                           zip(todo, scan.places(fold(self.text)), strict=True)}  # fmt: skip
        known = found.get(id(pattern))
        if known is None:  # (a pattern not registered: looked up on its own)
            known = found[id(pattern)] = Places(pattern, fold(self.text))
        return known

    def year(self, q: Quantity) -> int | None:
        """:func:`year_beside` of a level (``None`` for any other figure), worked out on first
        asking: a third of the levels are in no candidate pair."""
        known = self._years.get(id(q), _UNASKED)
        if known is _UNASKED:
            known = None
            if id(q) in self.markers:  # a level, kept by its reading: its id stays its own
                known = self._years[id(q)] = year_beside(self.text, self.readings[q.sentence], q)
        return known

    def figures_in(self, first: int, last: int) -> list[Quantity]:
        """Figures of sentences ``first`` to ``last`` (both included), in reading order: the
        searches look near their words, so a long text costs each of them no more than a short."""
        return [q for i in range(max(0, first), last + 1) for q in self.figures_by_sentence.get(i, ())]

    def levels_in(self, first: int, last: int) -> list[Quantity]:
        """Levels of sentences ``first`` to ``last`` (both included), in reading order."""
        return [q for i in range(max(0, first), last + 1) for q in self.by_sentence.get(i, ())]

    def marker(self, q: Quantity) -> Marker:
        return self.markers.get(id(q), Marker.NONE)

    def sentence_gap(self, a: Quantity, b: Quantity) -> int:
        return abs(a.sentence - b.sentence)

    def is_headline(self, sentence: int) -> bool:
        """The first sentence when it is a line of its own (a headline or standfirst)."""
        if sentence != 0 or not self.readings:
            return False
        if "headline" not in self.memo:  # asked for every candidate pair: worked out once
            self.memo["headline"] = self._opens_with_headline()
        return self.memo["headline"]

    def _opens_with_headline(self) -> bool:
        s = self.readings[0].sentence
        body = PARAGRAPH_BREAK.sub("", s.text).rstrip()
        after = self.text[s.end : s.end + 3]
        return len(body) < 160 and ("\n" in after or not body.endswith((".", "!", "?", '"', "”")))

    def window(self, sentence: int, reach: int = 2) -> list[Quantity]:
        """Figures within ``reach`` sentences of ``sentence`` in the same paragraph or next one,
        plus, for a headline, every figure of the text."""
        if self.is_headline(sentence):
            return list(self.levels[: HEADLINE_REACH])
        para = self.paragraph_of[sentence] if sentence < len(self.paragraph_of) else 0
        near = range(max(0, sentence - reach), min(len(self.readings), sentence + reach + 1))
        return [q for i in near for q in self.by_sentence.get(i, ())
                if abs(self.paragraph_of[i] - para) <= 1]  # fmt: skip

    def figure(self, q: Quantity) -> Figure:
        """The :class:`Figure` facts of a level, worked out on first asking (a third of the
        levels are in no candidate pair)."""
        known = self._figures.get(id(q))
        if known is None:
            value = self.values.get(id(q))
            known = Figure(exact_value(q.value) if value is None else value,
                           self.markers.get(id(q), Marker.NONE), self.year(q),
                           noun_after(self.text, q))  # fmt: skip
            if id(q) in self.markers:  # a level of the text, kept by its reading: its id stays its own
                self._figures[id(q)] = known
        return known

    def separated(self, lo: int, hi: int) -> bool:
        """True if a clause boundary lies between two offsets of the same sentence."""
        if lo > hi:
            lo, hi = hi, lo
        if lo == hi:
            return False
        known = self._breaks.get((lo, hi))  # a pair is scored both ways round: each span asked twice or more
        if known is None:
            known = self._breaks[lo, hi] = CLAUSE_BREAK.search(self.text, lo, hi) is not None
        return known


def paragraph_breaks(text: str) -> list[int]:
    """Where each match of :data:`PARAGRAPH_BREAK` starts, in order (see :data:`_BLANK_LINE`)."""
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    if "[" in text:
        breaks = sorted(breaks + [m.start() for m in _ELISION.finditer(text)])
    return breaks


_UNASKED = object()
_YEAR = patterns.compile(r"\b(?:19[5-9]\d|20[0-4]\d)(?:[/–-](?:\d{2}|\d{4}))?\b")
_YEAR_WORDS = {"last year": -1, "previous year": -1, "year before": -1, "this year": 0,
               "a year earlier": -1, "a year ago": -1, "same period last year": -1}  # fmt: skip


_FIGURE_OR_BREAK = patterns.compile(r"[;]|\d")
_TURN = patterns.compile(r"\b(?:while|whereas|but|compared|against|versus)\b", re.I)


def year_beside(text: str, reading: SentenceReading, q: Quantity) -> int | None:
    """The year written right beside a figure ("67 in 2015", "2016's 76"), if any.

    Looks at most 30 characters to each side, not across another figure or a clause break;
    "last year" counts as one year before "this year".
    """
    lo = max(reading.sentence.start, q.phrase_start - 30)
    hi = min(reading.sentence.end, q.end + 40)  # "919 between April and August 2012"
    window = text[lo:hi]
    best: tuple[int, int] | None = None
    years = _YEAR.finditer(text, lo, hi) if "19" in window or "20" in window else ()  # (each year has one)
    for m in years:
        if q.num_start <= m.start() < q.num_end:
            continue
        gap = m.start() - q.end if m.start() >= q.end else q.phrase_start - m.end()
        between = text[min(q.end, m.end()) : max(q.phrase_start, m.start())]
        if _FIGURE_OR_BREAK.search(between.replace(m.group(), "")):
            continue
        if m.start() < q.phrase_start and _TURN.search(between):
            continue  # "… last year, while 130,298 were recorded in 2015": the other clause's year
        if best is None or gap < best[0]:
            best = (gap, int(m.group()[:4]))
    window = window.lower()
    if "year" not in window:
        return best[1] if best is not None else None  # (every phrase below says "year")
    for phrase, offset in _YEAR_WORDS.items():
        at = window.find(phrase)
        if at < 0:
            continue
        at += lo
        gap = at - q.end if at >= q.end else q.phrase_start - (at + len(phrase))
        if gap >= 0 and re.search(r"\d", text[min(q.end, at + len(phrase)) : max(q.phrase_start, at)]):
            continue  # another figure sits between: the phrase are its year
        if at < q.phrase_start and _TURN.search(text, at + len(phrase), q.phrase_start):
            continue
        if best is None or gap < best[0]:
            best = (gap, 3000 + offset)  # relative years: only their order matters
    return best[1] if best is not None else None


def year_order(ya: int | None, yb: int | None, latest: int | None = None) -> int:
    """+1 if the years put ``a`` before ``b``, -1 if after, 0 if unknown.  Relative years
    ("last year" 2999, "this year" 3000) compare among themselves; "this year" comes after any
    year written as a number, and "last year" after any two or more years before the latest the
    text names ("the count for 2010 … the previous year" in a story that also names 2014)."""
    if ya is None or yb is None:
        return 0
    if (ya >= 2900) == (yb >= 2900):
        return (ya < yb) - (ya > yb)
    relative, absolute, sign = (yb, ya, 1) if yb >= 2900 else (ya, yb, -1)
    if relative == 3000 or (latest is not None and absolute < latest - 1):
        return sign
    return 0


def refers_back(index: TextIndex, sentence: int) -> bool:
    """A sentence that opens with "This was", "That is", "It was": its subject is the last one."""
    if sentence <= 0 or sentence >= len(index.readings):
        return False
    known = index._refers_back.get(sentence)
    if known is None:  # (asked for every stated relation and most candidate pairs: once per sentence)
        known = index._refers_back[sentence] = bool(_REFERS_BACK.match(index.readings[sentence].sentence.text.lstrip()))
    return known


_REFERS_BACK = patterns.compile(  # "This was up 38 per cent", "The figure is …"; not "The number of thefts"
    r"(?:this|that|it|which)\b(?!\s+includ)"  # "This included …" lists parts, each with its own figures
    r"|the\s+(?:total|figure|number|rise|fall|increase|decrease)(?:['’]s|\s+(?:also|still|now))?(?:\s*,|\s+"
    r"(?:which|was|is|has|had|represents|represented|marks|marked|means|meant|equates|equated|amounts"
    r"|amounted|compares|compared)\b)",
    re.I,
)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Looser than :func:`compatible`: "a rate of 73 per 1,000 … the average of 84" compares a
    rate with a bare number that the text means in the same unit."""
    if compatible(a, b):
        return True
    rate, count = (a, b) if a.kind == QuantityKind.RATE else (b, a)
    return rate.kind == QuantityKind.RATE and count.kind == QuantityKind.COUNT and count.unit is None


def compatible(a: Quantity, b: Quantity) -> bool:
    """Two figures that can be compared: same kind, unit and rate base."""
    if a.kind != b.kind:
        return False
    if a.kind == QuantityKind.COUNT:
        return a.unit == b.unit
    return a.base == b.base or a.kind == QuantityKind.PERCENT


def compatibility_key(q: Quantity) -> tuple:
    """What :func:`compatible` compares: two figures are compatible exactly when their keys are
    equal (counts by unit, rates by base, any percentages), so figures can be grouped once."""
    if q.kind == QuantityKind.COUNT:
        return (q.kind, q.unit)
    if q.kind == QuantityKind.PERCENT:
        return (q.kind,)
    return (q.kind, q.base)


def pair_scorer(index: TextIndex, stated: Quantity) -> Callable[[Quantity, Quantity], Reading]:
    """How strongly the words make ``a`` the earlier and ``b`` the later figure of ``stated``,
    as a function of the pair ``(a, b)``: what depends on the stated figure alone is worked out once, since a change's every candidate pair is scored (each
    figure's marker, year, noun and value are looked up once per pair, as a :class:`Figure`, for
    the same reason)."""
    here, stated_start, stated_end = stated.sentence, stated.phrase_start, stated.end
    headline = index.is_headline(here)
    latest, text = index.latest_year, index.text
    sign = stated.direction or _stated_sign(index, stated)
    figures, figure = index._figures, index.figure
    none, earlier, later = Marker.NONE, Marker.FROM, Marker.TO

    def score_pair(a: Quantity, b: Quantity) -> Reading:
        why: list[str] = []
        score = 0.0
        gap = max(abs(a.sentence - here), abs(b.sentence - here))
        pair_gap = abs(a.sentence - b.sentence)
        if gap == 0:
            score += 2.0
            why.append("same sentence")
        elif not headline:
            score -= 2.0 * gap
        if pair_gap == 0:
            score += 1.0
        else:
            score -= 1.0 * pair_gap
        fa, fb = figures.get(id(a)) or figure(a), figures.get(id(b)) or figure(b)
        ma, mb = fa.marker, fb.marker
        if ma == earlier:
            score += 2.5
            why.append("earlier figure marked")
        if mb == later:
            score += 2.0
            why.append("later figure marked")
        if ma == later or mb == earlier:
            score -= 3.0
        ya, yb = fa.year, fb.year
        if mb == later and ma == none and a.start > b.start and ya is None:
            score -= 2.0  # "up 16 per cent to 5.4m, with 361,649 in the region": not its start
        order = 0 if ya is None or yb is None else year_order(ya, yb, latest)  # (most figures have no year)
        if order == 0 and pair_gap == 0 and ya is not None and yb is not None and {ya, yb} == {2999, (latest or 0) - 1}:
            order = 1 if yb == 2999 else -1  # "136,343 last year while 130,298 … in 2015" (2016 named): one sentence, two years
        if order > 0:
            score += 2.5
            why.append("years in order")
            if mb == earlier:
                score += 2.0  # "919 in 2012 compared to 1,008 this year": the years say which is later
        elif order < 0:
            score -= 3.5
        if ma == none and mb == none and (ya is None or yb is None):
            score += 0.3 if a.start < b.start else -0.3
            if pair_gap == 0 and _listed(text, a, b):
                score -= 1.5  # "23 murders, 46 attempted murders": items of a list, not two levels
        if gap == 0:
            lo = min(a.phrase_start, b.phrase_start, stated_start)
            hi = max(a.end, b.end, stated_end)
            last = a if a.end >= b.end else b
            summed_up = order > 0 and stated_start >= last.end and \
                _SUMMING_UP.fullmatch(text, last.end, stated_start) is not None
            if index.separated(lo, hi) and _break_between(index, stated, a, b) and not summed_up:
                score -= 2.0  # (not "136,343 last year while 130,298 were recorded in 2015, a 4.8% increase")
            near_a = stated_start - a.end if a.end <= stated_start else abs(a.phrase_start - stated_end)
            near_b = stated_start - b.end if b.end <= stated_start else abs(b.phrase_start - stated_end)
            score -= min(near_a, near_b, 200) / 100
        va, vb = fa.value, fb.value
        if va == vb:
            score -= 1.5
        na, nb = fa.noun, fb.noun
        if na and nb and na != nb:
            score -= 2.5  # "4,000 officers … 1,200 PCSOs": two different things
        if sign and (vb < va if sign > 0 else va < vb):
            score -= 2.5  # the words say the other way: rarely the writer's error, usually ours
        if a.qualifier or b.qualifier:
            score -= 0.5
        return Reading({"from": a, "to": b}, score, why)

    return score_pair


_NOT_NOUNS = frozenset(
    words(
    "in on at of to from by for and or a an the this that last year years were was are is had have "
    "has with between during since over under per cent percent more fewer less up down compared "
    "than as when while which who it its their his her recorded reported incidents cases offences "
    "crimes")
)


def noun_after(text: str, q: Quantity) -> str | None:
    """The word naming what a figure counts ("officers" in "4,000 officers"), if it is specific.

    Generic words ("offences", "crimes", "cases") are ignored: writers vary them freely.
    """
    m = re.match(r"\s+([A-Za-z][A-Za-z-]{2,})", text[q.end : q.end + 30])
    if not m:
        return None
    word = m.group(1).lower().rstrip("s")
    return None if word in _NOT_NOUNS or word + "s" in _NOT_NOUNS else word


_LIST_GAP = patterns.compile(r"^[^\d;:]{0,40}$")


def _listed(text: str, a: Quantity, b: Quantity) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end : second.phrase_start]
    return bool(_LIST_GAP.match(between)) and bool(re.search(r",|\band\b", between)) and not \
        re.search(r"\b(?:to|from|compared|against|versus|than|up|down|rose|fell)\b", between, re.I)


def _stated_sign(index: TextIndex, stated: Quantity) -> int:
    return index.signs.get(id(stated), 0)


_SUMMING_UP = patterns.compile(r"(?:[^\d.;]|(?:19|20)\d\d){0,40}")  # words (and years) only, right after the pair


def _break_between(index: TextIndex, stated: Quantity, a: Quantity, b: Quantity) -> bool:
    """A clause break separates the stated words from one of the pair, or the pair itself."""
    s = (stated.phrase_start + stated.end) // 2
    return any(index.separated(s, (q.phrase_start + q.end) // 2) for q in (a, b))


_AVERAGE_BEFORE = patterns.compile(
    r"\baverage(?:\s+(?:crime|offence|burglary|violence|victimisation))?(?:\s+(?:rate|figure|level|number|count|total))?"
    r"(?:\s+(?:in|for|across)\s+(?:the\s+)?\w+(?:\s+\w+)?)?\s*,?\s*(?:of|at|was|is|stood\s+at"
    r"|stands\s+at|sat\s+at|sits\s+at|:)?\s*(?:just|about|around|only|roughly)?\s*$", re.I)


def is_average(index: TextIndex, q: Quantity) -> bool:
    """A figure the text calls an average ("the national average of nine"), not one said to be
    above or below it ("well above average at 85")."""
    said = index.memo.get("average said")
    if said is None:  # (most stories never say the word: one look per text)
        said = index.memo["average said"] = "average" in fold(index.text)
    if not said:
        return False
    lo = max(0, q.phrase_start - 40)
    return bool(_AVERAGE_BEFORE.search(index.text, lo, q.phrase_start)) and \
        not _AGAINST_AVERAGE.search(index.text, lo, q.phrase_start)


_AGAINST_AVERAGE = patterns.compile(r"\b(?:above|below|than|over|under)[\s-]+(?:the\s+)?average\b[^.;\d]{0,12}$", re.I)


def average_figure(index: TextIndex, sentence: int, after: int) -> Quantity | None:
    """The figure the text calls an average ("the national average of nine per 1,000", "with the
    average at 40"), nearest ``sentence`` and earlier sentences first; in ``sentence`` itself only
    after offset ``after`` (the words comparing with it)."""
    averages = [q for q in index.figures
                if is_average(index, q) and (q.sentence != sentence or q.start > after)]
    if not averages:
        return None
    return min(averages, key=lambda q: (abs(q.sentence - sentence), q.sentence > sentence))


_LEDE_WORDS = 12  # a shorter line after a headline is a caption or a byline, not the lede


def story_opening(index: TextIndex) -> tuple[set[int], int]:
    """The sentences that summarise a story — the headline lines and the lede, the first full
    sentence of the body (photo captions and "Have your say" lines sit between) — and the lede.
    Worked out once per text: several searches ask."""
    if "opening" not in index.memo:
        index.memo["opening"] = _story_opening(index)
    return index.memo["opening"]


def _story_opening(index: TextIndex) -> tuple[set[int], int]:
    if not index.is_headline(0):
        return {0}, 0
    for r in index.readings[1:8]:
        words = r.sentence.text.split()
        if len(words) >= _LEDE_WORDS and words[-1].rstrip("\"”’'").endswith((".", "!", "?")):
            return set(range(r.index + 1)), r.index  # a headline line has no full stop
    return {0}, 0
