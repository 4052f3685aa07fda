"""Link stated shares ("one sixth", "a third of", "13 per cent of") to a part and a whole.

In order: a part/whole pair in the same sentence ("2 of London's 12, or one sixth"); the whole
named right after the share with a part beside it ("a third of the 600 cases, 200 of them");
"N of them" after a whole; else the pair in another sentence.  An adjacent sentence may be
used on any evidence but then only tentatively; a far sentence (a headline share checked
against figures paragraphs later) must share at least two content words.
"""

from __future__ import annotations

import re
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.link.candidates import STRONG, TextIndex
from factbeat.claims.link.common import MAX_LINK_DISTANCE, content_words, distance
from factbeat.claims.link.direction_only import stated_span
from factbeat.claims.link.draft import Draft
from factbeat.claims.link.frames import ShareFrame, whole_after
from factbeat.claims.link.share_search import complete, share_readings
from factbeat.claims.model import ClaimKind
from factbeat.claims.read.analyse import SentenceReading, Stated
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Role

FAR_OVERLAP = 2  # content words a far sentence must share to lend its part/whole
FAR_REACH = 12  # sentences either side searched for it (a story's paragraphs, not a whole archive)
ADJACENT_SHARE = (
    "the part and whole come from a neighbouring sentence that may be about something else"
)
_APPOSITIVE = patterns.compile(r"^(?:\s+[a-z][\w’'-]*){0,6}\s*[,(–—-]\s*(?:some|about|around|or)?\s*$")
_OF_THEM = patterns.compile(r"\s+of\s+(?:them|these|those|which|whom)\b", re.I)
_BESIDE_SHARE = patterns.compile(
    r"^(?:\s+[a-z][\w’'-]*){0,6}[\s,(–—-]+(?:(?:or|which\s+is|that\s+is|representing|equivalent\s+to"
    r"|making|i\.e\.|or\s+just|or\s+about)[\s,(–—-]*)?$",
    re.I,
)


def _part_near(
    text: str, share: Quantity, whole: Quantity, levels: list[Quantity]
) -> Quantity | None:
    """The part given beside a share: "90 burglaries, 45 per cent of the 200" (before it) or
    "a third of the 600 cases, 200 of them," (an aside after the whole)."""
    fits = [
        q
        for q in levels
        if q is not whole and not q.weak and q.compatible(whole) and q.value <= whole.value
    ]
    before = [q for q in fits if q.end <= share.phrase_start]
    if before:
        return before[-1]
    after = [q for q in fits if q.phrase_start >= whole.end]
    if after and _APPOSITIVE.match(text[whole.end : after[0].phrase_start]):
        return after[0]
    return None


def _part_of_them(text: str, share: Quantity, levels: list[Quantity]) -> dict[str, Quantity]:
    """ "Twelve shootings were recorded, two of them in the borough, a sixth of the total"."""
    for i, part in enumerate(levels):
        if part.end <= share.phrase_start and _OF_THEM.match(text, part.end):
            wholes = [
                q for q in levels[:i] if q.compatible(part) and q.value >= part.value and not q.weak
            ]
            if wholes:
                return {"part": part, "whole": wholes[-1]}
    return {}


_OF_WHICH_BEFORE = patterns.compile(r"\bof\s+(?:which|whom|these|them|those)\s*,?\s*$", re.I)
_BRACKETED_PART = patterns.compile(r"\s*\(\s*$")


def _of_which(text: str, share: Quantity, levels: list[Quantity]) -> dict[str, Quantity]:
    """ "3,900 admissions, of which 13.1% (509) were children": the whole before "of which", the
    part in brackets after the share."""
    if not _OF_WHICH_BEFORE.search(text, max(0, share.phrase_start - 20), share.phrase_start):
        return {}
    wholes = [q for q in levels if q.end <= share.phrase_start and q.kind == QuantityKind.COUNT and not q.weak]
    parts = [q for q in levels if q.start > share.end and q.kind == QuantityKind.COUNT
             and _BRACKETED_PART.fullmatch(text[share.end : q.phrase_start])]  # fmt: skip
    if not wholes or not parts or not parts[0].value <= wholes[-1].value:
        return {}
    return {"part": parts[0], "whole": wholes[-1]}


def _words_of(reading: SentenceReading, known: dict[int, set[str]]) -> set[str]:
    """:func:`content_words` of a sentence, read once per text (``known``: those read so far)."""
    found = known.get(reading.index)
    if found is None:
        found = known[reading.index] = content_words(reading.sentence.text)
    return found


def _share_elsewhere(
    readings: list[SentenceReading], reading: SentenceReading, known_words: dict[int, set[str]] | None = None
) -> tuple[ShareFrame | None, str | None]:
    """The part/whole pair in another sentence sharing most words with this one; tentative if
    it is only adjacent, not related by words.  ``known_words``: the sentences' content words
    read so far (see :func:`_words_of`)."""
    known = {} if known_words is None else known_words
    best, best_key = None, None
    for other in readings[max(0, reading.index - FAR_REACH) : reading.index + FAR_REACH + 1]:
        gap = abs(other.index - reading.index)
        if gap == 0 or all(frame.claimed for frame in other.shares):
            continue  # (no pair it could lend)
        overlap = len(_words_of(reading, known) & _words_of(other, known))
        if overlap < FAR_OVERLAP and gap > 1:
            continue
        key = (overlap >= FAR_OVERLAP, overlap, -gap)
        for frame in other.shares:
            if not frame.claimed and (best_key is None or key > best_key):
                best, best_key = frame, key
    weak = best_key is not None and not best_key[0]
    return best, ADJACENT_SHARE if weak else None


def _share_numbers(text: str, readings: list[SentenceReading], reading: SentenceReading, item: Stated,
                   known_words: dict[int, set[str]] | None = None) -> tuple[dict[str, Quantity], str | None]:  # fmt: skip
    near = [f for f in reading.shares if not f.claimed and distance(item.q, f) <= MAX_LINK_DISTANCE]
    frame = min(near, key=lambda f: distance(item.q, f)) if near else None
    if frame is None and (whole := whole_after(text, item.q, reading.levels)) is not None:
        part = _part_near(text, item.q, whole, reading.levels)
        return ({"part": part, "whole": whole} if part else {"whole": whole}), None
    if frame is None and (pair := _part_of_them(text, item.q, reading.levels)):
        return pair, None
    if frame is None and (pair := _of_which(text, item.q, reading.levels)):
        return pair, None
    tentative = None
    if frame is None:
        frame, tentative = _share_elsewhere(readings, reading, known_words)
    if frame is None:
        return {}, None
    frame.claimed = True
    return {"part": frame.part, "whole": frame.whole}, tentative


def _percents_beside_shares(text: str, reading: SentenceReading, used: set[int]) -> list[Stated]:
    """ "90 of the 200 burglaries, or 45 per cent": a percentage written right after a part/whole."""
    found = []
    stated = {id(s.q) for s in reading.stated}
    for q in reading.levels:
        if q.kind != QuantityKind.PERCENT or id(q) in used or id(q) in stated:
            continue
        if any(f.end <= q.phrase_start and _BESIDE_SHARE.match(text[f.end : q.phrase_start])
               for f in reading.shares):  # fmt: skip
            found.append(Stated(q, Role.SHARE))
    return found


_TOTAL_MARK = patterns.compile(r"\b(?:in\s+total|total\s+of|a\s+total|altogether|overall|in\s+all)\b", re.I)


def _bracketed_shares(text: str, reading: SentenceReading, used: set[int]) -> list[Stated]:
    """ "11,638 (12%) offences triggered by sexual orientation": a percentage in brackets right
    after a count is that count's share of a total told before."""
    found = []
    stated = {id(s.q) for s in reading.stated}
    for q in reading.levels:
        if q.kind != QuantityKind.PERCENT or id(q) in used or id(q) in stated:
            continue
        if not re.match(r"\s*\)", text[q.end : q.end + 3]):
            continue
        if any(p.kind == QuantityKind.COUNT and re.fullmatch(r"\s*\(\s*", text[p.end : q.phrase_start])
               for p in reading.levels):  # fmt: skip
            found.append(Stated(q, Role.SHARE))
    return found


_APPOSED_BEFORE = patterns.compile(r"\s+[a-z]+\s*,\s*$")
_OF_ALL_AFTER = patterns.compile(r"\s*,?\s*of\s+(?:all|the\s+total)\s+(?:the\s+)?(?P<noun>[a-z]+)", re.I)
_TOTAL_REACH = 6  # sentences back in which the total "of all crimes" may have been told


def _apposed_shares(text: str, readings: list[SentenceReading], reading: SentenceReading,
                    used: set[int]) -> list[Draft]:  # fmt: skip
    """ "A total of 580 offences, around four per cent, of all crimes in the county": a
    percentage set between a count and "of all crimes" is that count's share of the total the
    text gave for all crimes ("a total of 72,345 recorded crimes")."""
    drafts = []
    stated = {id(s.q) for s in reading.stated}
    for q in reading.levels:
        if q.kind != QuantityKind.PERCENT or id(q) in used or id(q) in stated:
            continue
        whole_noun = _OF_ALL_AFTER.match(text, q.end)
        parts = [p for p in reading.levels if p.kind == QuantityKind.COUNT and p.end <= q.phrase_start
                 and _APPOSED_BEFORE.fullmatch(text, p.end, q.phrase_start)]  # fmt: skip
        if not whole_noun or not parts:
            continue
        part, noun = parts[-1], whole_noun.group("noun").lower().rstrip("s")
        wholes = [w for r in readings[max(0, reading.index - _TOTAL_REACH) : reading.index + 1] for w in r.levels
                  if w.kind == QuantityKind.COUNT and w.end <= part.phrase_start and w.value > part.value
                  and w.unit == part.unit and _TOTAL_MARK.search(text, max(0, w.phrase_start - 20), w.phrase_start)
                  and noun in text[w.end : w.end + 30].lower()]  # fmt: skip
        if wholes:
            drafts.append(Draft(ClaimKind.SHARE, reading.index, q, (q.phrase_start, q.end),
                                {"part": part, "whole": wholes[-1]}))  # fmt: skip
    return drafts


def _bracketed_numbers(text: str, readings: list[SentenceReading], reading: SentenceReading,
                       share: Quantity) -> tuple[dict[str, Quantity], str | None]:  # fmt: skip
    """The part before the brackets and the total it is a share of: the nearest larger count
    before it (this sentence or the two before), one the words call a total if there is one."""
    part = next(p for p in reading.levels
                if p.kind == QuantityKind.COUNT and re.fullmatch(r"\s*\(\s*", text[p.end : share.phrase_start]))  # fmt: skip
    wholes = [q for r in readings[max(0, reading.index - 2) : reading.index + 1] for q in r.levels
              if q.kind == QuantityKind.COUNT and q.end <= part.phrase_start and q.value > part.value
              and q.unit == part.unit and not q.weak]  # fmt: skip
    if not wholes:
        return {"part": part}, None
    marked = [q for q in wholes if _TOTAL_MARK.search(text, q.end, min(len(text), q.end + 60))
              or _TOTAL_MARK.search(text, max(0, q.phrase_start - 20), q.phrase_start)]  # fmt: skip
    whole = (marked or wholes)[-1]
    return {"part": part, "whole": whole}, None if marked else ADJACENT_SHARE


def link_shares(text: str, readings: list[SentenceReading], used: set[int],
                index: TextIndex | None = None) -> list[Draft]:  # fmt: skip
    """Drafts for stated shares; ``used`` holds figures other claims already took."""
    drafts = []
    known_words: dict[int, set[str]] = {}  # the sentences' content words, read once
    drafted: set[int] = set()  # the stated figures of ``drafts[:seen]``, kept as drafts are added
    seen = 0  # (gathering them anew for each sentence grew as the square of a long text)
    for reading in readings:
        if not reading.stated and not any(q.kind == QuantityKind.PERCENT for q in reading.levels):
            continue  # the shares below are all stated or percentages
        bracketed = _bracketed_shares(text, reading, used)
        for item in bracketed:
            numbers, tentative = _bracketed_numbers(text, readings, reading, item.q)
            draft = Draft(ClaimKind.SHARE, reading.index, item.q, stated_span(item), numbers)
            draft.tentative = tentative
            drafts.append(draft)
        drafts += _apposed_shares(text, readings, reading, used)
        beside = _percents_beside_shares(text, reading, used)
        drafted.update(id(d.stated) for d in drafts[seen:])
        seen = len(drafts)
        for item in sorted(reading.stated + beside, key=lambda s: s.q.start):
            if item.role != Role.SHARE or id(item.q) in drafted:
                continue  # "only 180 (6%)": the bracketed share is drafted once
            numbers, tentative = _share_numbers(text, readings, reading, item, known_words)
            draft = Draft(ClaimKind.SHARE, reading.index, item.q, stated_span(item), numbers)
            draft.tentative = tentative
            if index is not None:
                others = share_readings(index, item)
                if others and (not complete(numbers) or tentative and others[0].score >= STRONG):
                    draft.numbers = dict(others[0].numbers)
                    draft.tentative = None if others[0].score >= STRONG else ADJACENT_SHARE
                    others = others[1:]
                draft.alternatives = [r.numbers for r in others[:10]]
            drafts.append(draft)
    return [_percent_before_its_fraction(text, d) for d in drafts]


_COUNTED = patterns.compile(r"(\d[\d,]*)\s+(?:out\s+of|of|in)\s+(?:every\s+)?(\d[\d,]*)")


def _percent_before_its_fraction(text: str, d: Draft) -> Draft:
    """ "up from 13% (32 out of 243)": the percentage is what is stated, the bracketed counts are
    the part and the whole it is worked out from (not a share checked on the percentage)."""
    q, p = d.stated, d.numbers.get("percent")
    if d.kind != ClaimKind.SHARE or q is None or p is None or p.end > q.phrase_start:
        return d
    counted = _COUNTED.fullmatch(q.text.strip())
    if not counted or not re.fullmatch(r"\s*\(\s*", text[p.end : q.phrase_start]):
        return d
    base = q.start + q.text.index(counted.group(0))
    part, whole = (Quantity(QuantityKind.COUNT, Fraction(int(counted.group(i).replace(",", ""))),
                            base + counted.start(i), base + counted.end(i), counted.group(i), sentence=q.sentence)
                   for i in (1, 2))  # fmt: skip
    return Draft(ClaimKind.SHARE, d.sentence, p, (p.phrase_start, p.end), {"part": part, "whole": whole})
