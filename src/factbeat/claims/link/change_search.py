"""Link stated changes ("up 13 per cent", "almost doubled", "9 more") to the figures they compare.

Every stated change is offered every reading the nearby text allows:

* an earlier/later pair of figures ("from 67 to 76", "76 in 2016 … 67 in 2015");
* a pair whose earlier figure is worked out from a stated difference ("down 1,594 crimes to
  12,934" gives an earlier 14,528);
* for a change said in words ("rose by a third", "doubled"), the precise percentage the text
  gives for the same change ("– 32.5 per cent"), which the words paraphrase.

Each reading is scored by :mod:`candidates`; the best becomes the draft, close runners-up its
alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.judge.explain import band_of
from factbeat.claims.judge.tolerance import compare
from factbeat.claims.link.candidates import (
    AGAINST,
    CONFIRM,
    STRONG,
    Reading,
    TextIndex,
    average_figure,
    comparable,
    compatibility_key,
    pair_scorer,
    refers_back,
    story_opening,
)
from factbeat.claims.link.draft import Draft
from factbeat.claims.link.frames import ChangeFrame
from factbeat.claims.model import ClaimKind
from factbeat.claims.read.analyse import Stated
from factbeat.claims.read.lexicon import words
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Direction, Marker, Role, told_as_earlier

NEAREST = 16  # figures nearest the stated words that may form its pair: bounds the search

_LEVEL_KINDS = {
    QuantityKind.POINTS: (QuantityKind.PERCENT,),
    QuantityKind.COUNT: (QuantityKind.COUNT,),
}
_ANY_LEVEL = (QuantityKind.COUNT, QuantityKind.RATE, QuantityKind.PERCENT)


def _kind_of(item: Stated) -> ClaimKind:
    q = item.q
    if q.kind == QuantityKind.MULTIPLE:
        return ClaimKind.MULTIPLE
    if q.kind in (QuantityKind.COUNT, QuantityKind.POINTS):
        return ClaimKind.ABSOLUTE_CHANGE
    return ClaimKind.PERCENT_CHANGE


def _frames(index: TextIndex) -> dict[tuple[int, int], ChangeFrame]:
    """The complete from/to frames the read stage found, by the ids of their two figures."""
    return {(id(f.from_q), id(f.to_q)): f for r in index.readings for f in r.frames if f.complete}


def _family(q: Quantity) -> str:
    """Stated changes of one family compete for the same pair: two percentages do, a percentage
    and an amount ("up 13 per cent, or 9 offences, from 67 to 76") both describe it."""
    if q.kind in (QuantityKind.COUNT, QuantityKind.POINTS):
        return "amount"
    return "multiple" if q.kind == QuantityKind.MULTIPLE else "percent"


class Families:
    """The stated changes of each family, in reading order, each with the later figure it names
    (see :func:`_anchor`), sorted out once per text since every stated change asks after its kin
    (its rivals for a pair).  They are also filed by sentence and by named figure, because a
    stated change asks only after the kin in a pair's sentence or naming one of its figures:
    going through the whole family for each grew as the square of a long text's changes."""

    def __init__(self, index: TextIndex, stated: list[Stated]) -> None:
        self.groups: dict[str, list[tuple[Stated, Quantity | None]]] = {}
        self._by_sentence: dict[str, dict[int, list[tuple[Stated, Quantity | None]]]] = {}
        self._naming: dict[str, dict[int, list[Quantity]]] = {}  # family -> id of a figure -> who names it
        for s in stated:
            family, anchor = _family(s.q), _anchor(index, s)
            self.groups.setdefault(family, []).append((s, anchor))
            self._by_sentence.setdefault(family, {}).setdefault(s.q.sentence, []).append((s, anchor))
            if anchor is not None:
                self._naming.setdefault(family, {}).setdefault(id(anchor), []).append(s.q)

    def in_sentence(self, q: Quantity, sentence: int) -> list[tuple[Stated, Quantity | None]]:
        """The stated changes of ``q``'s family told in ``sentence`` (``q``'s own included)."""
        return self._by_sentence.get(_family(q), {}).get(sentence, [])

    def naming(self, q: Quantity) -> dict[int, list[Quantity]]:
        """The stated changes of ``q``'s family (``q`` included) by the id of the later figure each names."""
        return self._naming.get(_family(q), {})


_APPOSITION = patterns.compile(r"\s*[,(–—-]?\s*(?:or\s+|which\s+is\s+|that\s+is\s+)?(?:an?\s+)?$", re.I)


def _reach(index: TextIndex, q: Quantity, a: Quantity, b: Quantity) -> float:
    """How far stated words sit from the pair they might describe, in characters: words before
    the pair ("up 13 per cent from 67 to 76") or inside it reach it; words after it only when
    set beside it ("from 67 to 76, a 13 per cent rise"), not as the next item of a list."""
    lo, hi = min(a.phrase_start, b.phrase_start), max(a.end, b.end)
    if q.end <= lo:
        return lo - q.end
    if q.phrase_start >= hi:
        gap = index.text[hi : q.phrase_start]
        return len(gap) if _APPOSITION.fullmatch(gap) else float("inf")
    return 0


def _owned_elsewhere(index: TextIndex, item: Stated,
                     families: Families) -> Callable[[Quantity, Quantity], bool]:  # fmt: skip
    """A test of whether a pair belongs to another stated change of the same family: one in the
    pair's own sentence when the stated words are in another ("up 13% from 115 to 130. …
    increased by 22%"), or one nearer the pair in the same sentence ("rose 13 per cent from
    10,438 to 11,892 while thefts … an increase of 10 per cent").  A headline, and a sentence that
    refers back ("This was up 38 per cent"), summarise figures told elsewhere and are not held to
    this.  The rivals are sorted out once per stated change and sentence: the test runs for
    every pair."""
    q = item.q
    if index.is_headline(q.sentence):
        return lambda a, b: False
    back = refers_back(index, q.sentence)
    rivals_in: dict[int, list[Stated]] = {}

    def rivals(sentence: int) -> list[Stated]:
        found = rivals_in.get(sentence)
        if found is None:  # "up almost a quarter" and "23.7 %" may tell one change
            found = rivals_in[sentence] = [s for s, _ in families.in_sentence(q, sentence)
                                           if s.q is not q and s.q.derived is None and s.q.style == q.style]  # fmt: skip
        return found

    naming = families.naming(q)  # (asked for every pair: looked up once here)

    def owned(a: Quantity, b: Quantity) -> bool:
        if a.sentence != q.sentence:
            namers = naming.get(id(b))
            if namers is not None and any(other is not q for other in namers):
                return True  # "… fell by almost 20% to 224": 224 is that change's later figure
        if a.sentence != b.sentence:
            return False
        here = rivals(a.sentence)
        if not here:
            return False
        if q.sentence != a.sentence:
            return not (back and a.sentence == q.sentence - 1)
        mine = _reach(index, q, a, b)
        return any(_reach(index, s.q, a, b) < mine for s in here)

    return owned


def _pairs(index: TextIndex, item: Stated, pool: list[Quantity],
           frames: dict[tuple[int, int], ChangeFrame],
           families: Families) -> list[Reading]:  # fmt: skip
    q = item.q
    kinds = _LEVEL_KINDS.get(q.kind, _ANY_LEVEL)
    levels = [p for p in pool if p.kind in kinds and p is not q
              and (q.kind != QuantityKind.COUNT or p.unit == q.unit)]  # fmt: skip
    if q.kind == QuantityKind.PERCENT:  # "down 1 per cent, or by 22 officers": the amount itself
        levels = [p for p in levels if not (p.kind == QuantityKind.COUNT and p.sentence == q.sentence
                                            and p.start > q.end
                                            and _SAME_CHANGE.match(index.text[q.end : p.phrase_start])
                                            and not _SET_AGAINST_NEXT.match(index.text, p.end))]  # fmt: skip
    if len(levels) > NEAREST:
        levels = sorted(levels, key=lambda p: abs(p.start - q.start))[:NEAREST]
    levels = sorted(levels, key=lambda p: p.start)
    own = [p for p in levels if p.sentence == q.sentence]
    # "an 11 per cent drop in incidents and a 15 per cent drop in victims": figures told in
    # another sentence could belong to either, so they may confirm but not contradict
    siblings = any(s.q is not q and s.q.derived is None for s, _ in families.in_sentence(q, q.sentence))
    found = []
    own_later = _anchor(index, item) if item.role == Role.CHANGE else None
    # (_change_between asks after the sentence's other stated changes: most sentences have none)
    changes_here = any(s.q is not q and s.role == Role.CHANGE for s in index.readings[q.sentence].stated)
    since = _since_year(index, q)
    told = _years_told(index, q)
    refers_to_last = refers_back(index, q.sentence)
    owned = _owned_elsewhere(index, item, families)
    score_pair = pair_scorer(index, q)
    amount = q.kind == QuantityKind.COUNT
    here = q.sentence
    keys = [compatibility_key(p) for p in levels]
    groups: dict[tuple, list[Quantity]] = {}  # figures that can be compared (see compatible), in reading order
    for key, p in zip(keys, levels, strict=True):
        groups.setdefault(key, []).append(p)
    own_like = {key: [p for p in group if p.sentence == here] for key, group in groups.items()}
    figure, phrase_start = index.figure, q.phrase_start
    for key, a in zip(keys, levels, strict=True):
        sa, ia = a.sentence, id(a)
        fa = figure(a)
        ya = fa.year
        for b in groups[key]:
            sb = b.sentence
            if b is a or abs(sa - sb) > 1:
                continue
            back = refers_to_last and sb == here - 1
            if amount and sa != here and not back:
                continue  # an amount of change pairs only with its own sentence's figures
            reading = score_pair(a, b)
            if b is own_later and fa.marker == Marker.NONE and a.end <= phrase_start \
                    and index.separated(a.end, phrase_start):
                reading.score -= 3.0  # "NY posted 225, …, while LA's fell 4 percent to 187"
            if (ia, id(b)) in frames:
                reading.score += 1.5
            if told is not None and sa != here and _labelled(ya, told[0], told[1]) \
                    and _labelled(figure(b).year, told[1], told[1]):
                reading.score += 5.0  # "up 6% in 2022 compared with 2021" … "In 2022, 605 …" "Last year, 569 …"
            if since is not None and ya is not None and ya < 2900 and abs(ya - since) > 1:
                reading.score -= 6.0  # "49 per cent higher than when … first collected in 2011": not 2018's figure
            if (sa == sb == here and changes_here and _change_between(index, item, a, b)) or owned(a, b):
                reading.score -= 6.0  # another (nearer) stated change owns this pair
            if sa == here - 2 and sb == here - 1 and _cells_above(index, q, a, b):
                reading.score = STRONG + 1.0  # "78\n120\n54% increase": a table row, one cell per line
            if sa != here and sb != here and siblings:
                reading.score = min(reading.score, STRONG - 0.5)  # whose figures are they?
            if back:
                reading.score += 2.0  # "This was up 38 per cent on …": the subject is the last figure
            elif sa != here and len(own_like[key]) > (1 if sb == here else 0):
                reading.score -= 3.0  # the stated words have figures of their own (besides b, if b is one)
            found.append(reading)
    for p in own:  # one-sided: "down 1,594 to 12,934" gives only the later figure
        if index.separated(p.phrase_start, q.end):
            continue
        score = 1.0 + (1.5 if index.marker(p) != Marker.NONE else 0.0)
        score -= min(abs(p.phrase_start - q.end), 200) / 100
        role = "from" if index.marker(p) == Marker.FROM else "to"
        found.append(Reading({role: p}, score, ["only one figure"]))
    return found


_SINCE_YEAR = patterns.compile(r"\s*(?:\S+\s+){0,3}?(?:than|since|compared\s+(?:with|to))\b[^.;\d]{0,80}?\b((?:19|20)\d\d)\b", re.I)


_YEARS_TOLD = patterns.compile(r"\s*(?:\S+\s+){0,3}?in\s+((?:19|20)\d\d)\s+(?:compared\s+(?:with|to)|than|on|over|against)\s+"
                         r"((?:19|20)\d\d)\b", re.I)


def _years_told(index: TextIndex, q: Quantity) -> tuple[int, int] | None:
    """(earlier, later) years a change names right after its figure ("up 6% in 2022 compared
    with 2021")."""
    match = _YEARS_TOLD.match(index.text, q.end, index.readings[q.sentence].sentence.end)
    if not match:
        return None
    later, earlier = int(match.group(1)), int(match.group(2))
    return (earlier, later) if earlier < later else None


def _labelled(year: int | None, wanted: int, latest: int) -> bool:
    """A figure's year label names ``wanted``: the year itself, or "last year" for the year
    before the change's later year, "this year" for the later year."""
    if year is None:
        return False
    if year < 2900:
        return year == wanted
    return (year == 2999 and wanted == latest - 1) or (year == 3000 and wanted == latest)


def _since_year(index: TextIndex, q: Quantity) -> int | None:
    """The year a change's words name as its start ("49 per cent higher than when records began
    in 2011", "up 20% since 2015"), if they name one right after the figure."""
    end = index.readings[q.sentence].sentence.end
    match = _SINCE_YEAR.match(index.text, q.end, end)
    return int(match.group(1)) if match else None


# "up 14% – 1,140 compared to 1,000": a figure set against another is a level, not the amount
_SET_AGAINST_NEXT = patterns.compile(r"\s*(?:\w+\s+){0,2}?" + AGAINST + r"\s+\d", re.I)
_SAME_CHANGE = patterns.compile(r"\s*(?:(?:,\s*)?(?:or|\(|,|–|-|—)\s*(?:by\s+|a\s+(?:rise|fall|drop|increase|decrease)"
                          r"\s+of\s+)?|by\s+)$", re.I)  # "up five per cent by 354 to 7,519"  # fmt: skip


def _cells_above(index: TextIndex, q: Quantity, a: Quantity, b: Quantity) -> bool:
    """A table flattened one cell per line: the stated change's line is right below two lines
    that hold nothing but a figure each, the earlier above the later."""
    if not (a.sentence == q.sentence - 2 and b.sentence == q.sentence - 1):
        return False
    return all(index.readings[x.sentence].sentence.text.strip() == index.text[x.phrase_start : x.end].strip()
               for x in (a, b))  # fmt: skip


def _change_between(index: TextIndex, item: Stated, a: Quantity, b: Quantity) -> bool:
    """Another stated change of the same sentence sits between the stated words and the pair:
    "dropped from 1,234 to 1,100 – a fall of 11 per cent – as officers fell by 400"."""
    q = item.q
    if a.sentence != q.sentence or b.sentence != q.sentence:
        return False
    lo = min(a.start, b.start) if q.start > max(a.start, b.start) else q.end
    hi = q.phrase_start if q.start > max(a.start, b.start) else max(a.start, b.start)
    if q.start > max(a.start, b.start):
        lo = max(a.end, b.end)
    return any(s.q is not q and s.role == Role.CHANGE and lo <= s.q.start < hi
               for s in index.readings[q.sentence].stated)  # fmt: skip


def _differences(index: TextIndex, stated_changes: list[Stated]) -> list[Stated]:
    """Stated amounts of change: "down 1,594", and "5.6 per cent or 22,876 incidents"."""
    found = [s for s in stated_changes
             if s.q.kind == QuantityKind.COUNT and s.direction is not None
             and s.direction.sign in (1, -1)]  # fmt: skip
    for s in stated_changes:
        if s.q.kind != QuantityKind.PERCENT or s.direction is None or s.direction.sign not in (1, -1):
            continue
        for level in index.readings[s.q.sentence].levels:
            gap = index.text[s.q.end : level.phrase_start]
            if level.kind == QuantityKind.COUNT and level.start > s.q.end and _SAME_CHANGE.match(gap):
                found.append(Stated(level, Role.CHANGE, s.direction))
    return found


def _derived(index: TextIndex, item: Stated, pool: list[Quantity],
             differences: list[Stated], families: Families | None = None) -> list[Reading]:  # fmt: skip
    """Earlier figures worked out as later − difference ("down 1,594 to 12,934"); ``families``
    (see :class:`Families`) holds the stated changes that may own another sentence's difference."""
    q = item.q
    found = []
    if q.kind == QuantityKind.COUNT:
        return []  # an amount of change is itself the difference; it derives nothing
    near = [d for d in differences if d is not item and abs(d.q.sentence - q.sentence) <= 2]
    own = [d for d in near if d.q.sentence == q.sentence
           and q.end <= d.q.phrase_start < q.end + 60
           and not index.separated(q.end, d.q.phrase_start)
           and not any(q.end <= f.start < d.q.phrase_start for f in index.by_sentence.get(q.sentence, ()))]  # fmt: skip
    if own:
        near = own[:1]  # "up 32% with 583 more": its own difference, no other
    if not near:
        return []  # (most stated changes: no difference told within two sentences)
    def rivals_in(sentence: int) -> bool:  # (only other sentences' rivals are asked about)
        return families is not None and any(s is not item for s, _ in families.in_sentence(q, sentence))

    for diff in near:
        if diff.q.sentence != q.sentence and rivals_in(diff.q.sentence) and not (
                index.is_headline(q.sentence) or refers_back(index, q.sentence)):
            continue  # another sentence's difference, told with that sentence's own change
        sign = diff.direction.sign if diff.direction else 0
        anchor = _anchor(index, diff)
        for level in [anchor] if anchor is not None else pool:
            if level.kind != QuantityKind.COUNT or level.unit != diff.q.unit:
                continue
            if abs(level.sentence - diff.q.sentence) > 2 or level.value == diff.q.value:
                continue
            start = level.value - sign * diff.q.value
            if start <= 0:
                continue
            earlier = Quantity(QuantityKind.COUNT, start, level.start, level.end, level.text,
                               sentence=level.sentence, decimals=level.decimals, unit=level.unit,
                               derived=f"{level.text.strip()} {'−' if sign == 1 else '+'} "
                                       f"{diff.q.text.strip()}")  # fmt: skip
            score = 1.0
            score += 2.0 if diff.q.sentence == q.sentence else 0.0
            score += 1.5 if level.sentence == q.sentence else 0.0
            score += 1.5 if index.marker(level).value == "to" else 0.0
            score -= 1.5 if index.marker(level).value == "from" else 0.0
            if level.sentence == diff.q.sentence:
                score -= min(abs(level.phrase_start - diff.q.end), 200) / 100
                if level.end <= diff.q.phrase_start and not _OTHER_SUBJECT.search(index.text, level.end, diff.q.phrase_start):
                    score += 0.5  # "3,259 offences were recorded, an increase of 641": nothing else between
            score -= abs(diff.q.sentence - q.sentence) * 0.75 + abs(level.sentence - diff.q.sentence) * 0.5
            found.append(Reading({"from": earlier, "to": level}, score, ["earlier figure derived"]))
    return found


def _anchor(index: TextIndex, diff: Stated) -> Quantity | None:
    """The later figure a stated change names itself ("down 56 crimes to 641", "fell by 20% to
    224"): a difference derives only that figure's earlier one, not any figure nearby."""
    key = ("anchor", id(diff.q))
    if key not in index.memo:
        index.memo[key] = next((level for level in index.by_sentence.get(diff.q.sentence, ())
                                if level.kind == QuantityKind.COUNT and level.start > diff.q.end
                                and index.marker(level) == Marker.TO
                                and level.phrase_start - diff.q.end < 40
                                and not index.separated(diff.q.end, level.phrase_start)), None)  # fmt: skip
    return index.memo[key]


def _paraphrased(index: TextIndex, item: Stated, changes: list[Stated]) -> list[Reading]:
    """A change in words checked against the precise percentage the text gives for it."""
    q = item.q
    if q.style == "exact" and q.kind != QuantityKind.MULTIPLE:
        return []
    if q.kind == QuantityKind.MULTIPLE:  # "almost doubled (+96 %)": only right beside it
        changes = [o for o in changes if o.q.sentence == q.sentence
                   and (abs(o.q.phrase_start - q.end) < 25
                        or _BRACKETED.match(index.text, q.end, o.q.phrase_start + 2))]  # fmt: skip
    found = []
    beside = [Stated(p, Role.LEVEL) for p in index.readings[q.sentence].levels
              if p.kind == QuantityKind.PERCENT and p.start > q.end
              and re.fullmatch(r"\s*[(–—,-]?\s*", index.text[q.end : p.phrase_start])]  # fmt: skip
    for other in [*changes, *beside]:
        p = other.q
        if other is item or p.kind != QuantityKind.PERCENT or p.style != "exact":
            continue
        gap = abs(p.sentence - q.sentence)
        if gap > 2 and not index.is_headline(q.sentence):
            continue
        same_sign = (other.direction is None or item.direction is None
                     or other.direction.sign == item.direction.sign)  # fmt: skip
        if not same_sign:
            continue
        score = 3.0 if gap == 0 else 1.5 if index.is_headline(q.sentence) else 1.0 - gap * 0.5
        if gap == 0:
            score -= min(abs(p.phrase_start - q.end), 200) / 100
        found.append(Reading({"percent": p}, score, ["the text's own percentage"]))
    return found


_PAIR_AGAINST = patterns.compile(r"[^\d.;]{0,30}?\b" + AGAINST + r"\s+", re.I)
_RATIO_GAP = patterns.compile(r"[^\d;:!?]{0,60}")
_BRACKETED = patterns.compile(r"[^()\d;]{0,40}\(\s*[+−-]?$")  # "nearly double the rate seen (+96%)"
_YEAR_IN_GAP = patterns.compile(r"\b(?:19|20)\d\d(?:[/–-]\d{2,4})?\b")
_AVERAGE_NEXT = patterns.compile(r"(?:\s+the)?(?:\s+[\w-]+){0,2}?\s+average\b", re.I)
_RATIO_TARGET = patterns.compile(r"\b(?:than|the|that\s+of|that\s+in)\b", re.I)


def _ratios(index: TextIndex, item: Stated) -> list[Reading]:
    """A multiple that compares two levels rather than two years: "13 per cent, almost double
    the national figure of seven per cent", "This is almost seven times greater than the average
    of 15 per 1,000".  The figure after the words is the one compared with; the subject's figure
    is the last one before them (or, in a sentence that refers back, the last of the one before)."""
    q = item.q
    if q.kind != QuantityKind.MULTIPLE:
        return []
    own = [p for p in index.figures_in(q.sentence, q.sentence) if p is not q]
    after = [p for p in own if p.phrase_start >= q.end]
    for a, b in zip(after, after[1:], strict=False):  # "four times as likely …: 8.1 per 100,000 against 2.0"
        if comparable(a, b) and _PAIR_AGAINST.fullmatch(index.text, a.end, b.phrase_start) \
                and not any(p.end <= q.phrase_start and comparable(p, a) for p in own):
            return [Reading({"from": b, "to": a}, STRONG + 1.0, ["a level set against another"])]
    target = after[0] if after else None
    gap = _YEAR_IN_GAP.sub("", index.text[q.end : target.phrase_start]) if target else ""
    if target is None or not _RATIO_GAP.fullmatch(gap) or not _RATIO_TARGET.search(gap):
        # "more than twice the national average": the average is told elsewhere
        if not _AVERAGE_NEXT.match(index.text, q.end):
            return []
        target = average_figure(index, q.sentence, q.end)
        if target is None or abs(target.sentence - q.sentence) > 1:
            return []  # an average told further away may be another measure's
        near = [p for p in index.figures_in(target.sentence, target.sentence) if p.end <= target.phrase_start
                and comparable(p, target)]  # fmt: skip
        if not [p for p in own if comparable(p, target)] and near:
            return [Reading({"from": target, "to": near[-1]}, STRONG - 1.0, ["compared with the average"])]
    before = [p for p in own if p.end <= q.phrase_start and comparable(p, target)
              and not index.separated(p.end, q.phrase_start)]  # fmt: skip
    if before:
        return [Reading({"from": target, "to": before[-1]}, STRONG + 1.0, ["compared with a level"])]
    if refers_back(index, q.sentence):
        earlier = [p for p in index.figures_in(q.sentence - 1, q.sentence - 1) if comparable(p, target)]
        if earlier:
            return [Reading({"from": target, "to": earlier[-1]}, STRONG, ["compared with a level"])]
    return []


def _same_later_figure(index: TextIndex, item: Stated) -> list[Reading]:
    """ "Break-ins rose by 9 per cent to 9,300 last year … Housebreakings increased from 8,537 to
    9,300": a change that names its later figure is told again, with its earlier figure, wherever
    the same later figure comes back in a from/to pair."""
    anchor = _anchor(index, item) if item.role == Role.CHANGE else None
    if anchor is None:
        return []
    if "pairs by later figure" not in index.memo:  # (one look at the text, not one per change)
        by_later: dict = {}
        for r in index.readings:
            for f in r.frames:
                if f.complete:
                    by_later.setdefault(f.to_q.value, []).append((r.index, f))
        index.memo["pairs by later figure"] = by_later
    for sentence, f in index.memo["pairs by later figure"].get(anchor.value, ()):
        if sentence != item.q.sentence and f.from_q.value != anchor.value and f.from_q.kind == anchor.kind:
            return [Reading({"from": f.from_q, "to": anchor}, STRONG + 0.5,
                            ["the same later figure told again with its earlier one"])]
    return []


_GENERIC = frozenset(words("the a an of in and to number numbers offences offence crimes crime incidents recorded "
                           "reported cases total rose fell went up down by increased decreased were was as"))
_SUBJECT = patterns.compile(r"([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3})\s*$")


def _named_later_figure(index: TextIndex, item: Stated, own_from: Quantity | None) -> list[Reading]:
    """ "transgender hate crimes went up by 32% from 1,248": a change that gives only its earlier
    figure takes as its later one the single count told a few sentences before beside the same
    distinctive word ("… and 1,651 were transgender hate crimes").  Such a reading may confirm the
    words, never contradict them."""
    q = item.q
    if own_from is None or item.direction is None:
        return []
    lead = index.text[max(index.readings[q.sentence].sentence.start, item.direction.start - 60) : item.direction.start]
    lead = re.split(r"[,;:]", lead)[-1]
    subject = _SUBJECT.search(lead)
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w-]{3,}", subject.group(1))} - _GENERIC if subject else set()
    if not words:
        return []
    shared: list[tuple[int, Quantity]] = []
    for p in index.levels_in(q.sentence - 6, q.sentence - 1):
        if p.kind != QuantityKind.COUNT or p.value == own_from.value:
            continue
        near = re.split(r"[;:]|\band\b", index.text[p.end : p.end + 60].lower())[0]
        common = len(words & set(re.findall(r"[a-z][\w-]{3,}", near)))
        if common:
            shared.append((common, p))
    shared.sort(key=lambda c: -c[0])
    if not shared or len(shared) > 1 and shared[1][0] == shared[0][0]:
        return []  # no count, or two as like it: which is it?
    return [Reading({"from": own_from, "to": shared[0][1]}, STRONG - 1.0, ["the later figure told before by its name"])]


def _later_figure_before(index: TextIndex, item: Stated) -> list[Reading]:
    """ "Ten years earlier thefts came to 3,100, so they have risen by 40 per cent since": a
    change whose sentence gives only a figure the words place in the past compares it with the
    story's current figure, the one unmarked count of the nearest sentence before that has
    counts.  Such a reading may confirm the words, never contradict them."""
    q = item.q
    sentence = index.readings[q.sentence].sentence
    earlier = [p for p in index.levels_in(q.sentence, q.sentence)
               if p.kind == QuantityKind.COUNT and told_as_earlier(p, index.text, sentence.start)]  # fmt: skip
    if len(earlier) != 1:
        return []
    for i in range(q.sentence - 1, max(-1, q.sentence - 4), -1):
        counts = [p for p in index.levels_in(i, i) if p.kind == QuantityKind.COUNT and p.unit == earlier[0].unit]
        if not counts:
            continue
        current = [p for p in counts if index.marker(p) == Marker.NONE]
        if len(current) != 1 or current[0].value == earlier[0].value:
            return []
        return [Reading({"from": earlier[0], "to": current[0]}, STRONG - 1.0,
                        ["the earlier figure's sentence compared with the current one before it"])]  # fmt: skip
    return []


def _gives_exactly(earlier: Fraction, later: Fraction, stated: Quantity, sign: int | None) -> bool:
    """Whether the change from ``earlier`` to ``later`` is the stated percentage at its written
    precision (half a unit either side) and, when ``sign`` is given, in its direction."""
    if earlier <= 0:
        return False
    change = (later - earlier) * 100 / earlier
    if sign in (1, -1) and change * sign <= 0:
        return False
    return abs(abs(change) - stated.value) <= Fraction(1, 2 * 10**stated.decimals)


_DISTANT_REACH = 12  # sentences either side in which a precise percentage's pair may be told


def _distant_exact_pair(index: TextIndex, item: Stated, differences: list[Stated] = ()) -> list[Reading]:
    """ "since March with a 23.7 per cent increase", six sentences after "from 76 to 94": a
    precise percentage (three significant figures, or a decimal) whose own sentence offers
    no firm pair is matched to a from/to pair told further off that gives exactly it, at the
    stated precision and in the stated direction.  A match that close is no coincidence; no
    match says nothing, so such a reading only ever confirms."""
    q = item.q
    if q.kind != QuantityKind.PERCENT or q.style != "exact" or q.value <= 0 or q.derived:
        return []
    digits = len(str(int(q.value))) + q.decimals if q.value >= 1 else q.decimals
    if digits < 3 and q.decimals == 0:
        return []
    sign = item.direction.sign if item.direction is not None else None
    found = []
    for r in index.readings[max(0, q.sentence - _DISTANT_REACH) : q.sentence + _DISTANT_REACH + 1]:
        for f in r.frames:
            if f.complete and not f.guessed and f.from_q.kind == f.to_q.kind \
                    and _gives_exactly(f.from_q.value, f.to_q.value, q, sign):
                found.append((abs(r.index - q.sentence), f.from_q, f.to_q))
    for diff in differences:  # "247 … a decrease of 85": the earlier figure worked out
        if diff.direction is None or diff.direction.sign not in (1, -1) or sign not in (None, diff.direction.sign) \
                or abs(diff.q.sentence - q.sentence) > _DISTANT_REACH or diff.q.sentence == q.sentence:
            continue
        for level in index.levels_in(diff.q.sentence, diff.q.sentence):
            start = level.value - diff.direction.sign * diff.q.value
            if level.kind != QuantityKind.COUNT or level.unit != diff.q.unit or level.end > diff.q.phrase_start \
                    or index.marker(level) == Marker.FROM:
                continue
            if _gives_exactly(start, level.value, q, None):
                earlier = Quantity(QuantityKind.COUNT, start, level.start, level.end, level.text, sentence=level.sentence,
                                   unit=level.unit, derived=f"{level.text.strip()} {'−' if diff.direction.sign == 1 else '+'} "
                                                            f"{diff.q.text.strip()}")  # fmt: skip
                found.append((abs(level.sentence - q.sentence), earlier, level))
    if not found:
        return []
    _gap, earlier, later = min(found, key=lambda x: x[0])
    return [Reading({"from": earlier, "to": later}, STRONG - 0.5, ["a pair told further off gives exactly this"])]


def _rates_from_counts(index: TextIndex, item: Stated) -> list[Reading]:
    """A change in percentage points of a rate the sentence gives only as counts: "offences
    rose from 42,702 to 43,100 but clear-ups dropped from 17,195 to 15,749, a fall of nearly 3
    percentage points" compares 17,195 / 42,702 with 15,749 / 43,100."""
    q = item.q
    if q.kind != QuantityKind.POINTS:
        return []
    frames = [f for f in index.readings[q.sentence].frames
              if f.complete and f.from_q.kind == f.to_q.kind == QuantityKind.COUNT]  # fmt: skip
    if len(frames) != 2:
        return []
    small, large = sorted(frames, key=lambda f: f.from_q.value + f.to_q.value)
    if not (small.from_q.value < large.from_q.value and small.to_q.value < large.to_q.value):
        return []
    rates = []
    for part, whole in ((small.from_q, large.from_q), (small.to_q, large.to_q)):
        rate = part.value / whole.value * 100
        rates.append(Quantity(QuantityKind.PERCENT, rate, part.start, part.end, part.text, sentence=part.sentence,
                              decimals=1, derived=f"{part.text.strip()} / {whole.text.strip()}"))  # fmt: skip
    return [Reading({"from": rates[0], "to": rates[1]}, STRONG + 0.5, ["rates worked out from counts"])]


def _is_addition(item: Stated) -> bool:
    """ "an extra 20", "a further 1,000": an amount added, said before the figure."""
    d = item.direction
    return (d is not None and d.end <= item.q.phrase_start
            and d.word.lower() in ("extra", "further", "additional"))  # fmt: skip


_AFTER_PAIR = patterns.compile(r"^\s*(?:\(\s*\+?|,\s*or\s+|,?\s*[–—-]\s*|;\s*|,\s*"
                         r"|[;,]?\s*(?:change|difference)\s*:\s*\+?)$", re.I)  # "2022: 150; 2023: 171; change: +14%"


def _percents_after_pairs(index: TextIndex) -> list[Stated]:
    """A bare percentage right after two figures is the change between them: "from 153 to 197
    (29%)", "down from 172, or 48%", "Humberside: 924; 971; 5%", "(83%)" after a table row."""
    found = []
    for r in index.readings:
        for q in r.levels:
            if q.kind != QuantityKind.PERCENT or q.qualifier:
                continue
            before = [p for p in r.levels if p.end <= q.phrase_start and p.kind == QuantityKind.COUNT]
            if len(before) < 2:
                continue
            gap = index.text[before[-1].end : q.phrase_start]
            if not _AFTER_PAIR.match(gap) and not re.fullmatch(r"[\s\d,;]*\(?", gap):
                continue
            marked = index.marker(before[-1]) != Marker.NONE or index.marker(before[-2]) != Marker.NONE
            if not marked and not _PAIR_JOIN.fullmatch(index.text[before[-2].end : before[-1].phrase_start]):
                continue  # "71,251 race hate crimes; 11,638 (12%) …": a share of a total, not a change
            fall = index.text[q.phrase_start - 1 : q.phrase_start] == "(" and \
                index.text[q.end : q.end + 1] == ")" and _TABLE_ROW.search(index.text, 0, q.start)
            sign = -1 if fall or q.value < 0 or index.text[q.num_start] in "-−" else None
            words = index.text[q.phrase_start : q.end]
            found.append(Stated(q, Role.CHANGE, Direction(sign, words, q.phrase_start, q.end)
                                if sign else None))  # fmt: skip
    return found


def _percents_beside_changes(index: TextIndex, stated: list[Stated]) -> list[Stated]:
    """ "up more than a third (37%) on the 315,040": a bracketed percentage right after a change
    told in words is the precise figure for the same change, with its direction."""
    found = []
    known = {id(s.q) for s in stated}
    for item in stated:
        if item.direction is None or item.q.style == "exact" and item.q.kind != QuantityKind.MULTIPLE:
            continue
        for q in index.readings[item.q.sentence].levels:
            if q.kind == QuantityKind.PERCENT and id(q) not in known and q.start > item.q.end \
                    and re.fullmatch(r"\s*\(\s*", index.text[item.q.end : q.phrase_start]):
                found.append(Stated(q, Role.CHANGE, item.direction))
    return found


_SET_AGAINST = patterns.compile(r"[^.;\d]{0,80}?\b" + AGAINST + r"\s+(?:just\s+|only\s+)?$", re.I)


_OR_BEFORE_PERCENT = patterns.compile(r"\s*,?\s*(?:or|\(|–|—|-)\s*(?:by\s+)?")


def _joined_percents(index: TextIndex, stated: list[Stated], kind: QuantityKind,
                     join: re.Pattern[str]) -> list[Stated]:  # fmt: skip
    """Percentages the words ``join`` to a stated change of ``kind`` in its sentence: the same
    change (or the same kind of change elsewhere), with that change's direction."""
    found = []
    known = {id(s.q) for s in stated}
    for item in stated:
        if item.direction is None or item.q.kind != kind:
            continue
        for q in index.readings[item.q.sentence].levels:
            if q.kind == QuantityKind.PERCENT and id(q) not in known and q.start > item.q.end \
                    and join.fullmatch(index.text, item.q.end, q.phrase_start):
                found.append(Stated(q, Role.CHANGE, item.direction))
                known.add(id(q))
                break
    return found


def _percents_after_amounts(index: TextIndex, stated: list[Stated]) -> list[Stated]:
    """ "a rise of 300, or 15 per cent": a percentage right after an amount of change, joined by
    "or" or a bracket, is the same change in relative terms."""
    return _joined_percents(index, stated, QuantityKind.COUNT, _OR_BEFORE_PERCENT)


def _percents_set_against_changes(index: TextIndex, stated: list[Stated]) -> list[Stated]:
    """ "an average rise of 15.3 per cent across England, compared to 10.7 per cent in Dorset":
    a percentage set against a stated change is the same kind of change somewhere else."""
    return _joined_percents(index, stated, QuantityKind.PERCENT, _SET_AGAINST)


_PAIR_JOIN = patterns.compile(r"[\s,;:–—-]*(?:\b(?:to|and|from|compared\s+(?:with|to)|vs\.?|versus|against|in\s+\d{4}"
                        r"|(?:19|20)\d\d(?:[/–-]\d{2,4})?)\b[\s,;:–—-]*){0,3}", re.I)  # fmt: skip
_TABLE_ROW = patterns.compile(r"(?:\d[\d,]*\s+){3,}\d[\d,]*\s*\($")


def change_readings(index: TextIndex, item: Stated) -> list[Reading]:
    """Earlier/later readings for a change told without an amount ("increased slightly"),
    best first: the same pairs and derived pairs a stated change is offered."""
    stated = [s for r in index.readings for s in r.stated if s.role == Role.CHANGE]
    pool = index.window(item.q.sentence)
    readings = _pairs(index, item, pool, _frames(index), Families(index, stated))
    readings += _derived(index, item, pool, _differences(index, stated))
    return sorted((r for r in readings if "from" in r.numbers and "to" in r.numbers),
                  key=lambda r: -r.score)  # fmt: skip


def link_changes(index: TextIndex) -> list[Draft]:
    """One draft per stated change, linked to its best reading (alternatives kept)."""
    stated = [s for r in index.readings for s in r.stated
              if s.role == Role.CHANGE or s.q.kind == QuantityKind.MULTIPLE]  # fmt: skip
    stated += _percents_after_pairs(index)
    stated += _percents_beside_changes(index, stated)
    stated += _percents_set_against_changes(index, stated)
    stated += _percents_after_amounts(index, stated)
    differences = _differences(index, stated)
    frames = _frames(index)
    families = Families(index, stated)
    windows: dict[int, list[Quantity]] = {}
    drafts = []
    for item in stated:
        pool = windows.get(item.q.sentence)
        if pool is None:  # (the same for every stated change of a sentence; never changed in place)
            pool = windows[item.q.sentence] = index.window(item.q.sentence)
        if _years_told(index, item.q) is not None:  # the years' figures may be listed in paragraphs below
            known = {id(p) for p in pool}
            pool = pool + [p for p in index.levels_in(item.q.sentence + 1, item.q.sentence + 2) if id(p) not in known]
        readings = _pairs(index, item, pool, frames, families)
        readings += _derived(index, item, pool, differences, families)
        readings += _paraphrased(index, item, stated) + _ratios(index, item) + _rates_from_counts(index, item)
        readings += _same_later_figure(index, item)
        if not any("from" in r.numbers and "to" in r.numbers and r.score >= STRONG for r in readings):
            ones = sorted((r for r in readings if r.why == ["only one figure"] and "from" in r.numbers),
                          key=lambda r: -r.score)  # fmt: skip
            own_from = ones[0].numbers["from"] if ones else None
            readings += _named_later_figure(index, item, own_from) or _later_figure_before(index, item) \
                or _distant_exact_pair(index, item, differences)
        readings.sort(key=lambda r: -r.score)
        directions = [item.direction] if item.direction is not None else []
        draft = Draft(_kind_of(item), item.q.sentence, item.q, (item.q.phrase_start, item.q.end),
                      directions=directions)  # fmt: skip
        if _is_addition(item) and not (readings and readings[0].score >= STRONG):
            drafts.append(Draft(ClaimKind.COUNT, item.q.sentence, item.q,
                                (item.q.phrase_start, item.q.end)))  # fmt: skip
            continue
        if readings:
            best = readings[0]
            draft.numbers = dict(best.numbers)
            frame = frames.get((id(best.numbers.get("from")), id(best.numbers.get("to"))))
            if frame is not None:
                frame.claimed = True
                if frame.direction is not None and frame.direction not in draft.directions:
                    draft.directions.append(frame.direction)
            others = [r for r in readings[1:12] if r.score >= CONFIRM]
            draft.alternatives = [r.numbers for r in others]
            draft.alternatives_firm = [r.score >= STRONG for r in others]
            if best.score < STRONG:
                draft.tentative = "the figures are linked on weak evidence"
        drafts.append(draft)
    _summaries_take_the_body(index, drafts)
    _amounts_follow_their_percentage(index, drafts)
    _multiples_take_their_percentage(index, drafts)
    _words_share_a_precise_change(drafts)
    _amounts_find_their_pair(index, drafts)
    return drafts


_AMOUNT_REACH = 10  # sentences either side in which an amount with no figures may find its pair


def _amounts_find_their_pair(index: TextIndex, drafts: list[Draft]) -> None:
    """ "over 30,000 more crimes were recorded in the region" … eight sentences on "from 229,590
    … to 260,024": an amount of change with no figures of its own is checked on the nearest
    pair of the same direction whose difference is of the same size.  The pair may be another
    change's, so it may confirm the amount, never contradict it — unless the amount's own later
    figure ("nearly 10,000 homes …, an increase of almost 1,000") is the pair's later one as its
    qualifier allows: then the pair is the amount's."""
    pairs = None
    for d in drafts:
        q = d.stated
        if d.kind != ClaimKind.ABSOLUTE_CHANGE or q is None or not d.directions or d.numbers.get("from"):
            continue
        sign = d.directions[0].sign
        if sign not in (1, -1) or q.value <= 0:
            continue
        if pairs is None:
            pairs = [(b.numbers["from"], b.numbers["to"]) for b in drafts
                     if not b.tentative and "from" in b.numbers and "to" in b.numbers
                     and not any(x.derived for x in b.numbers.values())]  # fmt: skip
            pairs += [(f.from_q, f.to_q) for r in index.readings for f in r.frames if f.complete and not f.guessed]
        near = []
        for earlier, later in pairs:
            difference = later.value - earlier.value
            if abs(later.sentence - q.sentence) > _AMOUNT_REACH or later.kind != QuantityKind.COUNT \
                    or difference * sign <= 0 or abs(later.sentence - q.sentence) == 0:
                continue
            if abs(abs(difference) - q.value) <= SAME_SIZE * max(abs(difference), q.value):
                near.append((abs(later.sentence - q.sentence), earlier, later))
        if near:
            _gap, earlier, later = min(near, key=lambda n: n[0])
            own_later = d.numbers.get("to")
            d.numbers = {"from": earlier, "to": later}
            d.tentative = "the pair is told sentences away and may be another change's"
            if own_later is not None and own_later.qualifier and \
                    compare(later.value, own_later.value, own_later.decimals, band_of(own_later)).ok:
                d.tentative = None  # "nearly 10,000 …, an increase of almost 1,000" … "from 8,537 to 9,300"


def _words_share_a_precise_change(drafts: list[Draft]) -> None:
    """ "Violent crime is almost a third higher than nine years ago" … "18,985 …, a 29 per cent
    rise from the 14,726": a change in words whose weakly linked pair is the very pair a precise
    percentage of the same direction, in the next or previous sentence, firmly states is told
    of that change, so the pair is firm for the words too."""
    firm = [b for b in drafts if b.kind == ClaimKind.PERCENT_CHANGE and not b.tentative and b.stated is not None
            and b.stated.style == "exact" and b.directions and "from" in b.numbers and "to" in b.numbers]  # fmt: skip
    for d in drafts:
        if not d.tentative or d.stated is None or d.stated.style == "exact" or not d.directions:
            continue
        if "from" not in d.numbers or "to" not in d.numbers:
            continue
        for b in firm:
            if abs(b.sentence - d.sentence) <= 1 and b.directions[0].sign == d.directions[0].sign \
                    and b.numbers["from"] is d.numbers["from"] and b.numbers["to"] is d.numbers["to"]:
                d.tentative = None
                break


_BRACKETED_AFTER = patterns.compile(r"(?:(?:19|20)\d\d|[^\d.;:()])*\(\s*\+?\s*")


def _multiples_take_their_percentage(index: TextIndex, drafts: list[Draft]) -> None:
    """ "nearly double the rate seen in 2019 (+96%)": a multiple told in words with the precise
    change in brackets later in its clause is checked on that percentage."""
    for d in drafts:
        q = d.stated
        if d.kind != ClaimKind.MULTIPLE or q is None:
            continue
        if not d.tentative and "from" in d.numbers and "to" in d.numbers:
            continue
        for p in index.levels_in(q.sentence, q.sentence):
            if p.kind == QuantityKind.PERCENT and p.start > q.end and p.phrase_start - q.end <= 60 \
                    and _BRACKETED_AFTER.fullmatch(index.text, q.end, p.phrase_start):
                earlier = [dict(d.numbers)] if d.numbers else []
                d.numbers = {"percent": p}
                d.alternatives = earlier + d.alternatives
                d.alternatives_firm = [False] * len(earlier) + d.alternatives_firm
                d.tentative = None
                break


def _beside(index: TextIndex, a: Quantity, b: Quantity) -> bool:
    """Two stated figures told of one subject: nothing but words between them, no other figure
    and no turn to another subject ("… 11 per cent – as officer numbers fell by 400")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = _YEAR_IN_GAP.sub("", index.text[first.end : second.phrase_start])
    return len(between) <= 80 and not _OTHER_SUBJECT.search(between)


_OTHER_SUBJECT = patterns.compile(r"\d|\b(?:as|while|whereas|but|although|though|and|with)\b", re.I)


def _amounts_follow_their_percentage(index: TextIndex, drafts: list[Draft]) -> None:
    """ "Crime fell by 5.2 per cent, meaning there were 2,593 fewer victims": an amount of change
    told beside a percentage of the same direction describes the same change, so when the
    percentage found its figures (even in the next sentence) the amount is checked on them."""
    for d in drafts:
        if d.kind != ClaimKind.ABSOLUTE_CHANGE or not d.directions or d.stated is None:
            continue
        if not d.tentative and "from" in d.numbers and "to" in d.numbers:
            continue
        sign = d.directions[0].sign
        twins = [p for p in drafts if p.kind == ClaimKind.PERCENT_CHANGE and p.sentence == d.sentence
                 and not p.tentative and "from" in p.numbers and "to" in p.numbers
                 and not any(q.derived for q in p.numbers.values())  # not worked out from this amount
                 and p.directions and p.directions[0].sign == sign]  # fmt: skip
        if len(twins) == 1 and _beside(index, twins[0].stated, d.stated):
            earlier = [dict(d.numbers)] if d.numbers else []
            d.numbers = dict(twins[0].numbers)
            d.alternatives = earlier + d.alternatives
            d.alternatives_firm = [False] * len(earlier) + d.alternatives_firm
            d.tentative = None


_BODY_REACH = 3  # sentences after the lede in which the story's change is told in figures
SAME_SIZE = Fraction(1, 4)  # a summary and the body's figure for one change differ by at most this


def _same_size(summary: Quantity, body: Quantity) -> bool:
    """Whether two stated changes are close enough to be one change told twice ("up 40%" and
    "a 38.7 per cent leap"; "nearly a fifth" and "17%"), not two changes ("22 per cent" in
    London and "13 per cent" in the borough)."""
    size = (summary.value - 1) * 100 if summary.kind == QuantityKind.MULTIPLE else summary.value
    if size <= 0 or body.value <= 0:
        return False
    return abs(size - body.value) <= SAME_SIZE * max(size, body.value)


def _amount_takes_the_body(index: TextIndex, d: Draft, drafts: list[Draft], lede: int, sign: int) -> None:
    """ "over 30,000 more crimes were recorded" in a lede, "from 229,590 … to 260,024" just after:
    the first firm pair (a linked change's, or a from/to the words mark) of the same direction
    whose difference is of the same size."""
    if not d.tentative and "from" in d.numbers and "to" in d.numbers:
        return
    q = d.stated
    pairs = [(b.sentence, b.numbers["from"], b.numbers["to"]) for b in drafts
             if not b.tentative and "from" in b.numbers and "to" in b.numbers
             and not any(x.derived for x in b.numbers.values())]  # fmt: skip
    pairs += [(f.sentence, f.from_q, f.to_q) for r in index.readings for f in r.frames
              if f.complete and not f.guessed]  # fmt: skip
    for sentence, earlier_q, later_q in sorted(pairs, key=lambda p: (p[0], p[1].start)):
        if not q.sentence < sentence <= lede + _BODY_REACH:
            continue
        difference = later_q.value - earlier_q.value
        if difference * sign <= 0 or later_q.kind != QuantityKind.COUNT:
            continue
        if abs(abs(difference) - q.value) <= SAME_SIZE * max(abs(difference), q.value):
            earlier = [dict(d.numbers)] if d.numbers else []
            d.numbers = {"from": earlier_q, "to": later_q}
            d.alternatives = earlier + d.alternatives
            d.alternatives_firm = [False] * len(earlier) + d.alternatives_firm
            d.tentative = None
            return


def _confirmed_reading(body: Draft, sign: int) -> dict[str, Quantity] | None:
    """The figures of a body's change that a summary may take: its firm pair, or — when its
    figures were linked on weak evidence — the one reading among those it weighed that its own
    precise percentage confirms ("a 38.7 per cent leap … with 2,956 cases", read against the
    4,101 told before it rather than the 765 of another comparison)."""
    readings = []
    if body.stated.style == "exact" and body.stated.kind == QuantityKind.PERCENT:
        readings = [r for r in (body.numbers, *body.alternatives) if "from" in r and "to" in r
                    and _gives_exactly(r["from"].value, r["to"].value, body.stated, sign)]  # fmt: skip
    if not readings and not body.tentative:
        readings = [body.numbers]
    if len(readings) == 1 and "from" in readings[0] and "to" in readings[0]:
        return dict(readings[0])
    return None


def _body_frame(index: TextIndex, opening: set[int], lede: int, sign: int) -> dict[str, Quantity] | None:
    """The first pair the body tells as a change of the given direction ("up from 68 in 2014"),
    for a summary when the body states no percentage of its own to compare with."""
    for r in index.readings[lede + 1 : lede + _BODY_REACH + 1]:
        for f in r.frames:
            if f.complete and not f.guessed and f.direction is not None and f.direction.sign == sign \
                    and (f.to_q.value - f.from_q.value) * sign > 0 and f.from_q.kind == f.to_q.kind == QuantityKind.COUNT:
                return {"from": f.from_q, "to": f.to_q}
    return None


def _summaries_take_the_body(index: TextIndex, drafts: list[Draft]) -> None:
    """A headline or a story's lede summarises the change the next sentences give in figures
    ("Housebreakings up 40%" … "a 38.7 per cent leap on the previous year with 2,956 cases";
    "Hate crime rose by nearly a fifth" … "an increase of 17%").  When such a summary has no firm
    reading of its own, it is checked against the first firmly linked change of the same
    direction told just after the lede — its figures, or its precise percentage."""
    opening, lede = story_opening(index)
    for d in drafts:
        q = d.stated
        if q is None or q.sentence not in opening:
            continue
        sign = d.directions[0].sign if d.directions else q.direction
        if sign not in (1, -1) or d.kind not in (ClaimKind.PERCENT_CHANGE, ClaimKind.MULTIPLE,
                                                 ClaimKind.ABSOLUTE_CHANGE):
            continue
        if d.kind == ClaimKind.ABSOLUTE_CHANGE:
            _amount_takes_the_body(index, d, drafts, lede, sign)
            continue
        if not d.tentative and "from" in d.numbers and "to" in d.numbers \
                and d.numbers["from"].sentence == d.numbers["to"].sentence == q.sentence:
            continue  # the summary's own figures (a headline's figures found in the body may be another change's)
        body = [b for b in drafts if b is not d and b.stated is not None
                and q.sentence < b.sentence <= lede + _BODY_REACH and b.kind == ClaimKind.PERCENT_CHANGE
                and b.directions and b.directions[0].sign == sign
                and (not b.tentative and "from" in b.numbers and "to" in b.numbers
                     or b.stated.style == "exact")]  # fmt: skip
        earlier = [dict(d.numbers)] if d.numbers else []
        for first in sorted(body, key=lambda b: (b.sentence, b.stated.start)):
            if not _same_size(q, first.stated):
                break  # a different change: the lede's London, the body's borough
            confirmed = _confirmed_reading(first, sign)
            if confirmed is not None:
                d.numbers = confirmed
                break
            if q.style != "exact" or q.kind == QuantityKind.MULTIPLE or (
                    q.qualifier and first.stated.style == "exact"
                    and first.stated.qualifier in (None, "about", "around", "approximately", "roughly", "some")):
                d.numbers = {"percent": first.stated}  # "nearly a fifth", "more than nine per cent": the body's "9.4%"
                break
            # a lede with no figures of its own ("by nearly 40 per cent"): the body goes on
        else:
            told = _body_frame(index, opening, lede, sign) if all(b.sentence in opening for b in body) else None
            if told is None:
                continue
            d.numbers = told  # "… up by almost 40%" … "112 … during 2015 – up from 68 in 2014"
        if not d.numbers or d.numbers == (earlier[0] if earlier else None):
            continue
        d.alternatives = earlier + d.alternatives
        d.alternatives_firm = [False] * len(earlier) + d.alternatives_firm
        d.tentative = None
