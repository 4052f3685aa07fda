"""Link rank words ("the second-highest rate", "the biggest fall", "topping the table") to the
values the text ranks, and numbered lists ("2. Armagh – 3,131") to their positions.

A rank claim is checked only among the values the passage itself gives (RULES.md §9): the
subject's value is the figure nearest the rank words (or the figure written beside the subject's
name elsewhere), the field is every figure of the same kind nearby.  Readings are tried for each
plausible subject value; the claim is consistent if one of them puts the subject at the stated
position, and unverifiable otherwise — a passage rarely lists every area, so a rank the stated
values do not confirm is not called wrong.
"""

from __future__ import annotations

import re
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.link.candidates import TextIndex, comparable, exact_value, is_average, scanned
from factbeat.claims.link.draft import Draft
from factbeat.claims.model import ClaimKind
from factbeat.claims.prefilter import fold
from factbeat.claims.read.analyse import SentenceReading
from factbeat.claims.read.quantity import Quantity, QuantityKind

_ORDINALS = {"first": 1, "next": 2, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
_UP = (r"highest|largest|biggest|greatest|most\s+(?:significant|marked|notable|dramatic|substantial)(?=\s+(?:rise|increase|jump))"
       r"|most|worst|steepest|sharpest|top")
_DOWN = r"lowest|smallest|fewest|least|safest|best"
_RANK = scanned(patterns.compile(
    r"\b(?:the\s+)?(?:(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next"
    r"|\d{1,2}(?:st|nd|rd|th))[\s-]+)?(?:(?P<up>" + _UP + r")|(?P<down>" + _DOWN + r"))\b"
    r"|\b(?P<top>topp(?:ed|ing)\s+the\s+(?:table|tables|list|league)|top\s+of\s+the\s+(?:table|list|league))"
    r"|\b(?P<only>second\s+only\s+to)\b"
    r"|\b(?P<followed>followed\s+by)\b",
    re.I,
))
# "the highest number since 2008", "the highest since 2014", "highest number in nine years", "the
# lowest on record": a record over time, not a place among the values the passage gives
_NOT_RANK_AFTER = patterns.compile(
    r"(?:\s+(?:level|number|total|figure|rate|count|amount|tally)s?)?(?:\s+\w+){0,2}?\s+(?:since\b|on\s+record\b"
    r"|ever\b|in\s+(?:\d|a\s+decade|(?:\w+\s+)?(?:years|decades)\b|living\s+memory|a\s+generation)"
    r"|for\s+(?:\d|a\s+decade|(?:\w+\s+)?(?:years|decades)\b))", re.I)
_LIST_LINE = patterns.compile(r"^[ \t>•*-]*(?P<n>\d{1,2})[.)]\s+(?P<body>[^\n]+)$", re.M)


def _position(match: re.Match[str]) -> tuple[int, int] | None:
    """(stated position, direction: +1 highest first, -1 lowest first)."""
    if match.group("top"):
        return 1, 1
    if match.group("only") or match.group("followed"):
        return 2, 1
    ordinal = (match.group("ord") or "first").lower()
    position = _ORDINALS.get(ordinal) or int(re.match(r"\d+", ordinal).group())
    return position, 1 if match.group("up") else -1


def _field(index: TextIndex, sentence: int, before: int = 1) -> list[Quantity]:
    """The values a rank is among: figures near the rank words, but not an average (the average
    of the areas is no competitor among them)."""
    return [q for q in index.figures_in(sentence - before, sentence + 2) if not is_average(index, q)]


def _place(value: int | Fraction, values: list[int | Fraction], direction: int) -> int:
    """Competition ranking: 1 + the number of values strictly better."""
    return 1 + sum(1 for v in values if (v > value if direction > 0 else v < value))


def _confirms(subject: Quantity, field: list[Quantity], position: int, direction: int,
              own_list: bool = True) -> bool:  # fmt: skip
    same = [q for q in field if q.kind == subject.kind and q.unit == subject.unit
            and q.base == subject.base or comparable(q, subject)]  # "17 per 10,000 … 17.7 incidents"
    own = [q for q in same if q.sentence == subject.sentence]
    if own_list and len(own) >= 3 and len(own) >= position:
        same = own  # "the biggest fall (7.1 %), followed by B (7 %) and C (5.4 %)": its own list
    if len(same) < 2 or len(same) < position:
        return False
    values = [abs(exact_value(q.value)) for q in same]  # (the same order: ints compare far faster than Fractions)
    return _place(abs(exact_value(subject.value)), values, direction) == position


def _subjects(index: TextIndex, match: re.Match[str], sentence: int) -> list[Quantity]:
    """Figures that may be the ranked subject's value, nearest the rank words first."""
    own = index.figures_in(sentence, sentence)
    if not own:  # "X has the highest rate. … totalled 180": the next sentence gives the value
        own = index.figures_in(sentence + 1, sentence + 1)[:2]
    if match.group("followed"):
        after = [q for q in own if q.start >= match.end()]
        return after[:1]
    nearest = sorted(own, key=lambda q: _gap(q, match))[:3]
    if nearest and _gap(nearest[0], match) <= _ATTACHED and not nearest[0].qualifier and \
            not index.separated(min(nearest[0].end, match.end()), max(nearest[0].phrase_start, match.start())):
        return nearest[:1]  # "the steepest rise, 9 per cent": the subject's value is given
    return nearest


_ATTACHED = 25  # characters: a figure this close to the rank words is the subject's own


def _gap(q: Quantity, match: re.Match[str]) -> int:
    """Characters between a figure and the rank words."""
    if q.phrase_start >= match.end():
        return q.phrase_start - match.end()
    return max(0, match.start() - q.end)


def _named_rank(index: TextIndex, reading, match: re.Match[str]) -> bool:
    """A rank phrase the read stage also found ("third-lowest"): report it even unconfirmed."""
    return any(i.q.kind == QuantityKind.RANK and i.q.start <= match.start() < i.q.end + 1
               for i in reading.stated)  # fmt: skip


def _stated(position: int, start: int, end: int, text: str, sentence: int) -> Quantity:
    return Quantity(QuantityKind.RANK, Fraction(position), start, end, text[start:end],
                    sentence=sentence)  # fmt: skip


def _rank_words(index: TextIndex) -> list[tuple[SentenceReading, list[re.Match[str]]]]:
    """The rank words of each sentence that has any, found once per text: the rank claims and
    the ordered lists both go through them.  Sentences without the pattern's words are skipped
    (claims/prefilter.py)."""
    if "rank words" not in index.memo:
        spans = [(r.sentence.start, r.sentence.end) for r in index.readings]
        maybe = index.places(_RANK).sentences(spans)
        found = [(r, list(_RANK.finditer(index.text, r.sentence.start, r.sentence.end)))
                 for r, m in zip(index.readings, maybe, strict=True) if m]  # fmt: skip
        index.memo["rank words"] = [(r, matches) for r, matches in found if matches]
    return index.memo["rank words"]


def link_ranks(index: TextIndex) -> list[Draft]:
    """Rank drafts whose position the stated values confirm (others are left unverifiable)."""
    drafts = []
    text = index.text
    for reading, matches in _rank_words(index):
        s = reading.sentence
        for match in matches:
            if _NOT_RANK_AFTER.match(text, match.end()):
                continue
            if match.group("followed"):
                continue  # "followed by": the ordered list it opens (below)
            if (match.group("up") or match.group("down") or "").lower() in ("most", "least") \
                    and not match.group("ord"):
                continue  # "the most recent figures": not a rank
            position, direction = _position(match)
            field = _field(index, s.index)
            subjects = _subjects(index, match, s.index)
            ok = any(_confirms(q, field, position, direction) for q in subjects)
            if not ok and match.group("ord"):  # "B had the second highest with 810. C is third
                wide = _field(index, s.index, before=2)  # highest with 733": the leader told before
                ok = any(_confirms(q, wide, position, direction) for q in subjects)
            if not ok and not match.group("ord") and not _named_rank(index, reading, match):
                continue  # "the highest number since records began": no field of values
            stated = _stated(position, match.start(), match.end(), text, s.index)
            draft = Draft(ClaimKind.RANK, s.index, stated, (match.start(), match.end()))
            draft.rank_confirmed = True if ok else None  # a passage rarely lists every area
            drafts.append(draft)
    return drafts + _numbered_lists(index) + _listed_ranks(index) + _bare_ordinals(index) + _than_any_other(index)


# "worse in Winnipeg than in any other big city": the top place, the values told later with the
# place names ("In Winnipeg, the index dropped from 148.53 to 119.85 … in Regina … to 105.75")
_ANY_OTHER = patterns.compile(
    r"\b(?:(?P<up>worse|higher|more|greater|larger|bigger)|(?P<down>lower|better|fewer|less|smaller))\s+in\s+"
    r"(?P<subject>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+than\s+(?:in\s+)?any\s+other\b")
_ANY_OTHER_WORDS = patterns.compile(r"any\s+other\b")  # in every match: a literal the engine finds fast
_ANY_OTHER_REACH = 8  # sentences after the words in which the places' figures may be told


def _later_figures(index: TextIndex, sentence: int) -> list[Quantity]:
    """The later figure of each change told in a sentence ("from 199.4 to 110.87")."""
    return [f.to_q for f in index.readings[sentence].frames if f.complete]


def _than_any_other(index: TextIndex) -> list[Draft]:
    """ "Burglary is higher in Leeds than in any other city": first place, confirmed when the
    place's later figure, told in a sentence naming it, tops the later figures told there and in
    the next sentence; unconfirmed otherwise (the text rarely lists every place)."""
    drafts = []
    text = index.text
    if not _ANY_OTHER_WORDS.search(text) or not _ANY_OTHER.search(text):
        return drafts  # one look at the whole text spares a look at every sentence
    for reading in index.readings:
        s = reading.sentence
        for match in _ANY_OTHER.finditer(text, s.start, s.end):
            named = re.compile(r"\b[Ii]n\s+" + re.escape(match.group("subject")) + r"\b")  # (one per place name: not kept)
            confirmed = None
            for r in index.readings[s.index + 1 : s.index + _ANY_OTHER_REACH + 1]:
                at = named.search(text, r.sentence.start, r.sentence.end)
                if at is None:
                    continue
                own = [q for q in _later_figures(index, r.index) if q.start > at.end()][:1]
                field = _later_figures(index, r.index) + _later_figures(index, r.index + 1) \
                    if r.index + 1 < len(index.readings) else _later_figures(index, r.index)
                if own and len(field) >= 2:
                    confirmed = True if _place(own[0].value, [q.value for q in field],
                                               1 if match.group("up") else -1) == 1 else None
                break
            stated = _stated(1, match.start(), match.end(), text, s.index)
            draft = Draft(ClaimKind.RANK, s.index, stated, (match.start(), match.end()))
            draft.rank_confirmed = confirmed
            drafts.append(draft)
    return drafts


_ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
# "Dundee was second at 65", "B and C were third and fourth with 62 and 60 respectively"
_BARE_ORDINAL = patterns.compile(
    r"(?:\b(?:was|were|is|are|came|come|comes|ranked|ranks|placed|sits|sat)\s+(?:in\s+)?|\b(?-i:[A-Z])[\w-]+\s+)"
    r"(?P<a>" + _ORD + r")(?:\s+and\s+(?P<b>" + _ORD + r"))?(?:\s+place)?\s*,?\s+(?:at|with|on)\s+", re.I)


# The end of every such match, in lower case: searched first, since the pattern's opening (any
# capitalised word) makes the engine try it at every word of the text
# The ordinals on their own: their places in the text, found with the other scanned words, are
# the only places where the tail can start (a test checks that the filter's words are the ordinals)
_ORDINAL_WORDS = scanned(patterns.compile(_ORD))
_BARE_ORDINAL_TAIL = patterns.compile(r"(?:" + _ORD + r")(?:\s+and\s+(?:" + _ORD + r"))?(?:\s+place)?\s*,?\s+(?:at|with|on)\s")


def _bare_ordinals(index: TextIndex) -> list[Draft]:
    """An ordinal said without "highest" of a value told with it ("Dundee was second at 65"):
    the place among the figures of the same kind around it, highest first."""
    drafts = []
    text = index.text
    folded, tail = fold(text), _BARE_ORDINAL_TAIL.match
    if not any(tail(folded, start) for start in index.places(_ORDINAL_WORDS).starts) or not _BARE_ORDINAL.search(text):
        return drafts
    for reading in index.readings:
        s = reading.sentence
        for match in _BARE_ORDINAL.finditer(text, s.start, s.end):
            ords = [g for g in ("a", "b") if match.group(g)]
            after = [q for q in index.figures_in(s.index, s.index) if q.start >= match.end()][: len(ords)]
            if len(after) != len(ords) or re.search(r"[.;:]", text[match.end() : after[-1].phrase_start]):
                continue
            field = _field(index, s.index)
            for group, q in zip(ords, after, strict=True):
                position = _ORDINALS[match.group(group).lower()]
                stated = _stated(position, match.start(group), match.end(group), text, s.index)
                draft = Draft(ClaimKind.RANK, s.index, stated, (match.start(group), q.end if len(ords) == 1
                                                                   else match.end(group)))  # fmt: skip
                draft.rank_confirmed = True if _confirms(q, field, position, 1, own_list=False) else None
                drafts.append(draft)
    return drafts


_LIST_END = patterns.compile(r"\s[–—-]\s|;|\bcompared\b|\bwhile\b|\bbut\b|\bwhereas\b", re.I)
_ITEM_LEAD = patterns.compile(r"[\s,)]*(?:and\s+|followed\s+by\s+|were\s+|was\s+|are\s+|is\s+)?", re.I)


def _listed_ranks(index: TextIndex) -> list[Draft]:
    """Positions implied by an ordered list: "A leads with 852, followed by B with 731, C with
    678 and D with 622" puts C third and D fourth; "the highest counts were A (659), B (569) and
    C (555)" puts B second and C third.  Each named item is a rank claim checked against the
    listed values (the first items are left to the rank words' own claim)."""
    drafts = []
    text = index.text
    by_sentence: dict[int, list[Quantity]] = {}
    for q in index.figures:
        by_sentence.setdefault(q.sentence, []).append(q)
    for reading, matches in _rank_words(index):
        s = reading.sentence
        own = by_sentence.get(s.index, [])
        for match in matches:
            followed = bool(match.group("followed"))
            if not followed and (match.group("ord") or not (match.group("up") or match.group("down"))):
                continue
            end = _LIST_END.search(text, match.end(), s.end)
            stop = end.start() if end else s.end
            items = [q for q in own if match.end() <= q.start < stop]
            if followed:
                leader = [q for q in own if q.end <= match.start()]
                if not leader:
                    continue
                items = [leader[-1], *items]
            if items:  # "852 crimes per 100,000, … Edinburgh with 731 per head, Aberdeen with 678"
                kinds = {items[0].kind, QuantityKind.COUNT if items[0].kind == QuantityKind.RATE else items[0].kind}
                items = [q for q in items if q.kind in kinds]
            if len(items) < (2 if followed else 3) or not _all_named(text, match.end(), items, followed):
                continue
            direction = -1 if match.group("down") else 1
            values = [abs(q.value) for q in items]
            prev_end = match.end()
            for position, q in enumerate(items, 1):
                start = _ITEM_LEAD.match(text, prev_end).end() if position > 1 else q.phrase_start
                prev_end = match.end() if followed and position == 1 else q.end
                if position == 1:
                    continue  # the leader's place is the rank words' own claim
                stated = _stated(position, start, q.end, text, s.index)
                draft = Draft(ClaimKind.RANK, s.index, stated, (start, q.end))
                draft.rank_confirmed = _place(abs(q.value), values, direction) == position
                drafts.append(draft)
    return drafts


def _all_named(text: str, start: int, items: list[Quantity], followed: bool) -> bool:
    """Every list item names what it ranks: a capitalised word between the item before (or the
    rank words) and its figure.  A "followed by" list's leader is named before the words."""
    for i, q in enumerate(items):
        if i == 0 and followed:
            continue
        lo = items[i - 1].end if i else start
        if not re.search(r"\b[A-Z][a-z]", text[lo : q.phrase_start]):
            return False
    return True


def _numbered_lists(index: TextIndex) -> list[Draft]:
    """ "1. Belfast - 8,214\n2. Armagh - 3,131": each line's number is a position."""
    text = index.text
    rows: list[tuple[int, int, int, Fraction]] = []
    for m in _LIST_LINE.finditer(text):
        figures = [q for q in index.figures if m.start("body") <= q.start < m.end("body")]
        if figures:
            rows.append((int(m.group("n")), m.start("n"), m.end("n") + 1, figures[0].value))
    if len(rows) < 3:
        return []
    values = [v for *_, v in rows]
    direction = 1 if values[0] >= values[-1] else -1
    drafts = []
    for n, start, end, value in rows:
        sentence = next((r.index for r in index.readings if r.sentence.start <= start < r.sentence.end), 0)
        draft = Draft(ClaimKind.RANK, sentence, _stated(n, start, end, text, sentence), (start, end))
        draft.rank_confirmed = _place(value, values, direction) == n
        drafts.append(draft)
    return drafts
