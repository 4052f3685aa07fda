"""Give each number found in a sentence its meaning: count, percentage, money, rate, year…

Works on the :class:`~factbeat.claims.read.mentions.NumberMention` list of one sentence.  Units are
read from the words right after the number ("per cent", "percentage points", "times as many",
"per 1,000 residents"), currency from the symbol before it, and the qualifier ("almost", "more
than") from the words before it.  Numbers that are not claims are dropped here, with years kept
aside as context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factbeat.claims import patterns
from factbeat.claims.guard import Guarded, fold_window
from factbeat.claims.read.cues import qualifier_before
from factbeat.claims.read.mentions import NumberMention, find_number_mentions, in_range
from factbeat.claims.read.nonclaims import why_not_a_claim, year_of
from factbeat.claims.read.quantity import Quantity, QuantityKind

_PERCENT = patterns.compile(r"\s*(?:%|per[\s-]?cent\b|percent\b|pc\b|pct\b)")
_POINTS = patterns.compile(
    r"\s*(?:percentage|per[\s-]?cent(?:age)?|%)?[\s-]*points?\b|\s*ppts?\b|\s*pp\b"
)
_POINTS_AFTER_PERCENT = patterns.compile(r"[\s-]*points?\b")
_TIMES = patterns.compile(
    r"\s*times(?=\s+(?:as|more|higher|greater|larger|bigger|the|that|those|lower|fewer|less"
    r"|smaller|over|what|than|its|their|his|her|this|a|an|London|England|national)\b)"
    r"|[\s-]*fold\b|x\b"
)
_RATE = patterns.compile(
    r"(?:\s+[a-z]+){0,7}?\s+(?:per|for\s+every|in\s+every|for\s+each)\s+"
    r"(?P<base>\d[\d,]*|one\s+thousand|a\s+thousand|thousand|a\s+hundred\s+thousand|million"
    r"|head|capita|person|resident|100k|10k|1k)"
    r"(?:\s+(?:people|residents|population|inhabitants|persons|households|adults|children))?\b"
)
_RATE_BASES = {"thousand": 1000, "one thousand": 1000, "a thousand": 1000, "million": 10**6,
               "a hundred thousand": 100000, "head": 1, "capita": 1, "person": 1, "resident": 1,
               "100k": 100000, "10k": 10000, "1k": 1000}  # fmt: skip
_CURRENCY_SIGNS = "£$€"
_CURRENCY_BEFORE = patterns.compile(f"[{_CURRENCY_SIGNS}]" + r"\s*$")
# "falling by 19 and 31 per cent respectively": the unit after the last number serves each one.
_SHARED_PERCENT = patterns.compile(
    r"(?:\s*(?:,|and|or|to|and\s+by)\s*-?\d[\d.,]*)+\s*(?:%|per[\s-]?cent\b|percent\b)", re.I
)
# "a 15.9 increase", "- 30 reduction in crime over five years": a change noun right after a bare
# figure that an article or a list dash introduces is a percentage whose sign was lost in print
_LOST_PERCENT = patterns.compile(r"\s+(?:increase|rise|reduction|decrease|drop|fall|decline|jump)\b(?!\s+of\b)", re.I)
_LOST_PERCENT_BEFORE = patterns.compile(r"(?:\ban?\s+|^\s*[-•*]\s+|\n\s*[-•*]\s+)$", re.I)
# "Eleven crimes are reported and four arrests are made every minute": the unit of time after the
# last count of an "and" list serves each one, as a shared "per cent" does.
_LIST_QUALIFIER = r"(?:at\s+least\s+|more\s+than\s+|about\s+|around\s+|some\s+)?"
_LIST_NUMBER = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)"
_SHARED_PER_TIME = Guarded(patterns.compile(
    r"(?:\s+[a-z-]+){1,6}?(?:\s*,\s*" + _LIST_QUALIFIER + _LIST_NUMBER + r"(?:\s+[a-z-]+){1,6}?)*"
    r"\s+and\s+" + _LIST_QUALIFIER + _LIST_NUMBER +
    r"(?:\s+[A-Za-z-]+){0,8}?\s+(?:a|an|each|every|per)\s+(?:single\s+)?(?P<unit>day|week|month|year|hour|minute|second)\b"
    r"(?P<daily>)",
    re.I,
))
# The part every such list holds, "and" and a number after it: looked for first, in the folded
# text (a case-sensitive scan for "and" is many times faster: claims/prefilter.py says why the
# two agree), as most counts have no such list after them.
_AND_NUMBER = patterns.compile(r"and\s+" + _LIST_QUALIFIER + _LIST_NUMBER)
_LIST_COMMA = patterns.compile(r",(?!\s*" + _LIST_QUALIFIER + _LIST_NUMBER + r"\b)", re.I)
# "27 attacks a day", "more than 630 a day": a count per unit of time.
_PER_TIME = Guarded(patterns.compile(
    r"(?:\s+(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)\b)[A-Za-z-]+){0,8}?"
    r"(?<!\bin)(?<!\bfor)(?<!\bover)(?<!\bwithin)(?<!\bduring)(?<!\bthan)(?<!\bunder)"  # "in a year": a span, no rate
    r"\s+(?:a|an|each|every|per)\s+(?:single\s+)?(?P<unit>day|week|month|year|hour|minute"
    r"|second|fortnight)\b(?!\s+(?:earlier|ago|before|later|on(?!\s+average)|previously|after))"
    r"|(?:\s+[A-Za-z-]+){0,6}?\s+(?P<daily>daily|weekly|monthly|hourly)\b",
    re.I,
))
_SEMICOLON_OR_BRACKET = patterns.compile(r"[;(]")
_SPACES = patterns.compile(r"\s+")
_CURRENCY_AFTER = patterns.compile(r"\s*(?:pounds|pence|dollars|euros|p)\b")


_ONE_WORD_GAP = patterns.compile(r"^(?:%|\s*per\s*cent|\s*percent)?(?:\s+[a-z]+)?\s+$", re.I)


def _follows_number(text: str, start: int, end: int) -> bool:
    """True if a number ends just before ``end`` (at most one word between): "9 more than"."""
    mentions = find_number_mentions(text[start:end])
    if not mentions:
        return False
    last = mentions[-1]
    if not last.spelled and not last.decimals and in_range(last.value, 1800, 2100):
        return False  # "in 2016 more than 420 cases": a year, not a compared number
    return bool(_ONE_WORD_GAP.match(text[start + last.end : end]))


@dataclass
class SentenceNumbers:
    """The quantities of one sentence, the years it mentions, and what was skipped and why."""

    quantities: list[Quantity] = field(default_factory=list)
    years: list[tuple[int, int, int]] = field(default_factory=list)  # (year, start, end)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, reason)


def _rate_base(text: str) -> int:
    key = _SPACES.sub(" ", text.lower())
    return _RATE_BASES.get(key) or int(key.replace(",", ""))


# The units read from what follows a number before its unit of time: most counts have none of
# them after them ("1,200 cases"), which one pattern tells in place of seven tries.
_UNIT_CUES = (_PERCENT, _POINTS, _TIMES, _RATE, _CURRENCY_AFTER, _SHARED_PERCENT, _LOST_PERCENT)
_UNIT_CUE = patterns.compile("|".join(f"(?{'i' if p.flags & re.I else ''}:{p.pattern})" for p in _UNIT_CUES))


def _currency_sign_before(before: str) -> int | None:
    """Where :data:`_CURRENCY_BEFORE` matches in ``before`` (a sign with only spaces after it):
    told from the text's last character but spaces, where the engine would try every place."""
    sign = len(before.rstrip()) - 1  # (str.isspace and the engine's \s are the same characters)
    return sign if sign >= 0 and before[sign] in _CURRENCY_SIGNS else None


def _unit(text: str, m: NumberMention, after: str) -> tuple[QuantityKind, int, dict]:
    """Kind of the number, where its phrase ends, and extra fields (base, unit)."""
    if not _UNIT_CUE.match(after):
        return _per_time(text, m, after)
    if percent := _PERCENT.match(after):
        end = m.end + percent.end()
        if points := _POINTS_AFTER_PERCENT.match(text, end):
            return QuantityKind.POINTS, points.end(), {}
        return QuantityKind.PERCENT, end, {}
    if points := _POINTS.match(after):
        return QuantityKind.POINTS, m.end + points.end(), {}
    if times := _TIMES.match(after):
        return QuantityKind.MULTIPLE, m.end + times.end(), {}
    if rate := _RATE.match(after):
        base = _rate_base(rate.group("base"))
        return QuantityKind.RATE, m.end + rate.end(), {"base": base, "unit": f"per {base:,}"}
    if money := _CURRENCY_AFTER.match(after):
        return QuantityKind.COUNT, m.end + money.end(), {"unit": "money"}
    if _SHARED_PERCENT.match(after) and not _CURRENCY_BEFORE.search(text, max(0, m.start - 3), m.start):
        return QuantityKind.PERCENT, m.end, {}  # ("£999 and 9 per cent": money is no percentage)
    if _LOST_PERCENT.match(after) and 0 < m.value <= 100 and _LOST_PERCENT_BEFORE.search(text, max(0, m.start - 4), m.start):
        return QuantityKind.PERCENT, m.end, {}  # "a 15.9 increase", "- 30 reduction in crime": the % sign lost
    return _per_time(text, m, after)


def _per_time(text: str, m: NumberMention, after: str) -> tuple[QuantityKind, int, dict]:
    """:func:`_unit` for a count with none of the other units: "27 attacks a day", or none."""
    per = _PER_TIME.match(after) or _shared_per_time(text, m.end)
    if per and not _SEMICOLON_OR_BRACKET.search(per.group()) and not _LIST_COMMA.search(per.group()):
        unit = (per.group("unit") or per.group("daily")[:-2].replace("dai", "day")).lower()
        return QuantityKind.COUNT, m.end, {"unit": f"a {unit}"}
    return QuantityKind.COUNT, m.end, {}


def _shared_per_time(text: str, start: int) -> re.Match[str] | None:
    """The unit of time a list of counts shares ("Eleven crimes are reported and four arrests
    are made every minute"), for the count ending at ``start``."""
    end = min(len(text), start + 160)
    if _AND_NUMBER.search(fold_window(text), start, end) is None:
        return None
    return _SHARED_PER_TIME.match(text, start, end)


def qualify(q: Quantity, text: str, sentence_start: int) -> None:
    """Attach the qualifier phrase written just before the quantity, if any."""
    found = qualifier_before(text, sentence_start, q.start)
    if found is None:
        return
    phrase, start = found
    if _follows_number(text, max(sentence_start, start - 40), start):
        return  # "9 more than the 36": "more than" belongs to the 9, it does not qualify 36
    q.qualifier, q.qualifier_start = phrase, start


def read_sentence_numbers(
    text: str, start: int, end: int, mentions: list[NumberMention], index: int
) -> SentenceNumbers:
    """Classify the number mentions that fall in ``text[start:end]`` (one sentence)."""
    out = SentenceNumbers()
    consumed_until = -1
    for m in mentions:
        if m.start < consumed_until or m.ordinal:
            continue
        raw = text[m.start : m.end]
        before, after = text[max(start, m.start - 32) : m.start], text[m.end : min(end, m.end + 80)]
        year = year_of(m, raw, before, after)
        if year is not None:
            out.years.append((year, m.start, m.end))
            continue
        reason = why_not_a_claim(m, raw, before, after)
        if reason:
            out.skipped.append((m.start, m.end, reason))
            continue
        kind, phrase_end, extra = _unit(text, m, after)
        phrase_start = m.start
        sign = _currency_sign_before(before)
        if sign is not None:
            phrase_start = m.start - len(before) + sign
            extra["unit"] = "money"
        q = Quantity(kind, m.value, phrase_start, phrase_end, text[phrase_start:phrase_end],
                     index, m.start, m.end, m.decimals, spelled=m.spelled,
                     weak=m.weak and kind == QuantityKind.COUNT, **extra)  # fmt: skip
        if kind == QuantityKind.RATE:
            consumed_until = phrase_end
        qualify(q, text, start)
        out.quantities.append(q)
    return out
