"""Totals and their parts across sentences: "A total of 26,720 crimes … 14,313 … 12,407", "two of
the 17 categories … one … the remaining 14", "241 offences. This consisted of 36 …, (5), (21) …".

A figure is a candidate total when nearby figures of the same kind, two of them or a run of
three or more in reading order, add up to it.  A match makes a consistent sum claim.  A total
the words present as complete ("consisted of", "made up of") whose listed parts do not add up is
inconsistent; any other figure with no matching parts is no claim at all.
"""

from __future__ import annotations

import re
from itertools import combinations

from factbeat.claims.judge.explain import band_of
from factbeat.claims.judge.tolerance import compare
from factbeat.claims.link.candidates import TextIndex, compatible
from factbeat.claims.link.draft import Draft
from factbeat.claims.model import ClaimKind
from factbeat.claims.read.quantity import Quantity, QuantityKind

_TOTAL_WORDS = re.compile(
    r"(?:\btotal(?:\s+number)?\s+of|\bin\s+total|\baltogether|\boverall|\bcombined|\b(?:of|out\s+of)"
    r"(?:\s+the|\s+all)?)\s*$",
    re.I,
)
_COMPLETE_LIST = re.compile(r"\b(?:consist(?:ed|s)\s+of|made\s+up\s+of|compris(?:ed|es|ing)|broken\s+down\s+"
                            r"(?:as|into))\b", re.I)  # fmt: skip
_MAX_RUN = 10


def _pool(index: TextIndex, total: Quantity) -> list[Quantity]:
    return [q for q in index.levels if q is not total and compatible(q, total) and not q.weak
            and 0 <= q.sentence - total.sentence <= 2 and q.value < total.value]  # fmt: skip


def _adds_up(total: Quantity, parts: list[Quantity]) -> bool:
    added = sum(p.value for p in parts)
    return compare(added, total.value, total.decimals, band_of(total)).ok


def _runs(pool: list[Quantity]) -> list[list[Quantity]]:
    return [pool[i:j] for i in range(len(pool)) for j in range(i + 3, min(len(pool), i + _MAX_RUN) + 1)]


def link_totals(index: TextIndex, used: set[int]) -> list[Draft]:
    """Sum drafts for figures whose parts the text gives (see the module docstring)."""
    drafts = []
    for total in index.levels:
        if id(total) in used or total.kind != QuantityKind.COUNT or total.weak or total.value < 3:
            continue
        pool = [q for q in _pool(index, total) if id(q) not in used]
        before = index.text[max(0, total.phrase_start - 30) : total.phrase_start]
        marked = bool(_TOTAL_WORDS.search(before))
        found = None
        for parts in _runs(pool) + [list(p) for p in combinations(pool, 2)]:
            if _adds_up(total, parts) and (marked or len(parts) >= 3 or total.value >= 100):
                found = parts
                break
        listed = None
        if found is None:
            after = index.text[total.end : total.end + 200]
            if (m := _COMPLETE_LIST.search(after)) is not None:
                start = total.end + m.end()
                listed = [q for q in pool if q.start >= start]
                listed = listed if len(listed) >= 2 else None
        parts = found or listed
        if not parts:
            continue
        draft = Draft(ClaimKind.SUM, total.sentence, total, (total.phrase_start, total.end), parts=parts)
        draft.complete_parts = listed is not None
        drafts.append(draft)
        used.update(id(q) for q in (total, *parts))
    return drafts
