"""Totals and their parts across sentences: "A total of 26,720 crimes … 14,313 … 12,407", "two of
the 17 categories … one … the remaining 14", "241 offences. This consisted of 36 …, (5), (21) …".

A figure is a candidate total when nearby figures of the same kind, two of them or a run of
three or more in reading order, add up to it.  A match makes a consistent sum claim.  A total
the words present as complete ("consisted of", "made up of") whose listed parts do not add up is
inconsistent; any other figure with no matching parts is no claim at all.
"""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import combinations

from factbeat.claims import patterns
from factbeat.claims.judge.explain import band_of
from factbeat.claims.judge.tolerance import compare
from factbeat.claims.link.candidates import (
    TextIndex,
    compatibility_key,
    compatible,
    exact_value,
    scanned,
)
from factbeat.claims.link.draft import Draft
from factbeat.claims.link.figures import is_threshold
from factbeat.claims.model import ClaimKind
from factbeat.claims.prefilter import Places
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Role

_TOTAL_WORDS = patterns.compile(
    r"(?:\btotal(?:\s+number)?\s+of|\bin\s+total|\baltogether|\boverall|\bcombined|\b(?:of|out\s+of)"
    r"(?:\s+the|\s+all)?)\s*$",
    re.I,
)
_COMPLETE_LIST = patterns.compile(r"\b(?:consist(?:ed|s)\s+of|made\s+up\s+of|compris(?:ed|es|ing)|broken\s+down\s+"
                            r"(?:as|into))\b", re.I)  # fmt: skip
_BREAKDOWN = patterns.compile(r"\bof\s+(?:these|them|which|those)\b", re.I)
_INCLUDES = patterns.compile(r"\b(?:included\s+in\s+(?:this|that|the)\s+(?:figure|total|number)"
                       r"|th(?:is|at|e\s+total)\s+includ(?:ed|es))\b", re.I)  # fmt: skip
_LISTING = tuple(map(scanned, (_COMPLETE_LIST, _BREAKDOWN, _INCLUDES)))  # words before parts listed after a total
_TOTAL_WORDS_END = frozenset("lfrde")  # the last letter of each of those words: "total", "of", "altogether", …
_MAX_RUN = 10


def _first_match(candidates: list[tuple[re.Pattern[str], Places]], after: str, at: int) -> re.Match[str] | None:
    """The first of the ``candidates`` patterns found in ``after`` (the text from ``at``); each
    pattern's words are looked up first (claims/prefilter.py): most figures have none after."""
    for pattern, places in candidates:
        if places.may_match(at, at + len(after)):
            found = pattern.search(after)
            if found:
                return found
    return None


def _pool(index: TextIndex, total: Quantity, marked: bool = False,
          alike: list[Quantity] | None = None) -> list[Quantity]:  # fmt: skip
    """Figures that may be parts of ``total``; "one" (a weak figure) only for a total the words
    mark ("two of the 17 categories rose, one fell and the remaining 14 were stable").
    ``alike``: the levels :func:`compatible` with the total in its sentence and the two after
    (see :func:`_alike`), when the caller has them."""
    values = index.values
    value = values[id(total)]
    if alike is None:
        alike = _alike(index, total)
    near = [q for q in alike if q is not total
            and (not q.weak or marked and q.sentence == total.sentence and q.value > 0)
            and 0 <= q.sentence - total.sentence <= 2 and values[id(q)] < value]  # fmt: skip
    if len(near) > 12:
        near = sorted(near, key=lambda q: abs(q.start - total.start))[:12]
    return sorted(near, key=lambda q: q.start)


def _alike(index: TextIndex, total: Quantity) -> list[Quantity]:
    """The levels of the total's sentence and the two after that are :func:`compatible` with it
    (the total among them): its parts are drawn from these."""
    return [q for q in index.levels_in(total.sentence, total.sentence + 2) if compatible(q, total)]


def _adds_up(total: Quantity, parts: list[Quantity]) -> bool:
    added = sum(exact_value(p.value) for p in parts)  # (the same sum: whole values are added as ints, far faster)
    if band_of(total) in ("above", "at_least") and added > total.value * Fraction(11, 10):
        return False  # "more than 48,717" is no total of parts adding to 66,320
    return compare(added, total.value, total.decimals, band_of(total)).ok


def _one_thing_twice(parts: list[Quantity], paired: dict[int, int]) -> bool:
    """Parts that include both ends of one change (its earlier and its later figure)."""
    ids = {id(p) for p in parts}
    return any(paired.get(i) in ids for i in ids)


def _mixed_times(total: Quantity, parts: list[Quantity], roles: dict[int, str]) -> bool:
    """Parts that mix the earlier and later figures of changes ("from 10 to 15; … from three to
    13; … from 97 to 115": 15 + 3 + 97 is not 115), or that differ in time from the total."""
    times = {roles[id(p)] for p in parts if id(p) in roles}
    if id(total) in roles:
        times.add(roles[id(total)])
    return len(times) > 1


def _runs(pool: list[Quantity]) -> list[list[Quantity]]:
    return [pool[i:j] for i in range(len(pool)) for j in range(i + 3, min(len(pool), i + _MAX_RUN) + 1)]


def link_totals(index: TextIndex, used: set[int], stated: set[int] = frozenset()) -> list[Draft]:
    """Sum drafts for figures whose parts the text gives (see the module docstring).

    ``used`` holds figures other claims took; a total must be free, but a part may be a figure
    another claim reads as a level ("up 12%, with 14,313 crimes" is also Wrexham's part of the
    total), unless it is itself a claim's stated figure (``stated``)."""
    drafts = []
    taken = set(stated)
    paired = {id(f.from_q): id(f.to_q) for r in index.readings for f in r.frames if f.complete}
    roles = {id(q): role for r in index.readings for f in r.frames if f.complete
             for role, q in (("from", f.from_q), ("to", f.to_q))}  # fmt: skip
    windows: dict[tuple, list[Quantity]] = {}
    thresholds: dict[int, bool] = {}  # "broke the 20,000 mark" is no part: asked only of figures in a pool

    def threshold(q: Quantity) -> bool:
        known = thresholds.get(id(q))
        if known is None:
            known = thresholds[id(q)] = is_threshold(index.text, q)
        return known

    listing = None
    for total in index.levels:
        if id(total) in taken or total.kind != QuantityKind.COUNT or total.weak or index.values[id(total)] < 3:
            continue
        key = (total.sentence, compatibility_key(total))
        alike = windows.get(key)
        if alike is None:  # (the same for every total of a sentence and kind)
            alike = windows[key] = _alike(index, total)
        if len(alike) < 3:
            continue  # no two figures besides the total: no parts (the pool is drawn from these)
        before = index.text[max(0, total.phrase_start - 30) : total.phrase_start]
        marked = before.rstrip()[-1:].lower() in _TOTAL_WORDS_END and bool(_TOTAL_WORDS.search(before))
        pool = [q for q in _pool(index, total, marked, alike) if id(q) not in taken and not threshold(q)]
        if len(pool) < 2:
            continue  # neither parts that add up nor a list of them (both are drawn from the pool)
        found = None
        timed = any(id(q) in roles for q in pool)  # (no part told as a change's figure: neither test can hold)
        # two parts make only a total the words mark or one of 100 or more; a run has three or more
        pairs = [list(p) for p in combinations(pool, 2)] if marked or total.value >= 100 else []
        for parts in _runs(pool) + pairs:
            if timed and (_one_thing_twice(parts, paired) or _mixed_times(total, parts, roles)):
                continue  # "from 273 in 2015 to 304 in 2016": one count at two times, not two parts
            if _adds_up(total, parts):
                found = parts
                break
        listed, complete = None, False
        if found is None:
            if listing is None:  # (worked out for the first total that needs it)
                listing = [(pattern, index.places(pattern)) for pattern in _LISTING]
            after = index.text[total.end : total.end + 200]
            m = _first_match(listing, after, total.end)
            if m is not None and any(q.kind == QuantityKind.COUNT and total.end <= q.start < total.end + m.start()
                                     for q in index.levels):  # fmt: skip
                m = None  # "from 165 … to 241. This consisted of …": the parts are of the later figure
            if m is not None:  # "… 1,090 cases. Of these, 577 … and 520 …": parts of it, listed
                start = total.end + m.end()
                sentence = next((r.index for r in index.readings
                                 if r.sentence.start <= start < r.sentence.end), None)  # fmt: skip
                listed = [q for q in pool if q.start >= start and q.sentence == sentence]
                listed = listed if len(listed) >= 2 else None
                complete = m.re is _COMPLETE_LIST
                if listed and m.re is _INCLUDES and not _adds_up(total, listed):
                    listed = None  # what a total "includes" may overlap: only a match is telling
        parts = found or listed
        if not parts:
            continue
        draft = Draft(ClaimKind.SUM, total.sentence, total, (total.phrase_start, total.end), parts=parts)
        draft.complete_parts = complete
        drafts.append(draft)
        used.update(id(q) for q in (total, *parts))
        taken.update(id(q) for q in (total, *parts))
    return drafts + _changes_of_parts(index)


_AMOUNT_BEFORE = patterns.compile(r"(?:%|\bper\s*cent|\bpercent)\s*,?\s*(?:or\s+)?by\s+$", re.I)


def _changes_of_parts(index: TextIndex) -> list[Draft]:
    """ "a rise of 683 crimes to 16,575. Included in this figure are house burglaries, up by 354 …,
    and other burglaries, up by 329": the parts' changes add up to the total's change.  Only
    when the words say the next figures are included in it, and only a match is reported."""
    amounts = [s.q for r in index.readings for s in r.stated
               if s.role == Role.CHANGE and s.q.kind == QuantityKind.COUNT and s.direction is not None]  # fmt: skip
    text = index.text
    amounts += [q for q in index.levels if q.kind == QuantityKind.COUNT  # "up five per cent by 354"
                and text[max(0, q.phrase_start - 20) : q.phrase_start].rstrip()[-2:].lower() == "by"  # (the words end so)
                and _AMOUNT_BEFORE.search(text, max(0, q.phrase_start - 20), q.phrase_start)]  # fmt: skip
    amounts.sort(key=lambda q: q.start)
    drafts = []
    for total in amounts:
        after = index.text[total.end : total.end + 200]
        marker = _INCLUDES.search(after) or _BREAKDOWN.search(after)
        if marker is None:
            continue
        start = total.end + marker.end()
        parts = [q for q in amounts if q.start >= start and q.sentence <= total.sentence + 1
                 and q.value < total.value and q.unit == total.unit]  # fmt: skip
        if len(parts) >= 2 and _adds_up(total, parts):
            drafts.append(Draft(ClaimKind.SUM, total.sentence, total, (total.phrase_start, total.end), parts=parts))
    return drafts
