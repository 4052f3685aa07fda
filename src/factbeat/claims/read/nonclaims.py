"""Recognise numbers that are not statistical claims: dates, times, ages, addresses, names…

"11am", "February 12", "his 18th birthday", "30 Under 30", "24 hours", "Section 60", "call 999"
all contain numbers that nobody would check against crime figures.  Each rule looks at the few
characters before and after a number and returns the reason it is not a claim, or ``None``.
Years are handled separately (:func:`year_of`) because they are kept as context for claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factbeat.claims import patterns
from factbeat.claims.guard import Guarded, GuardedEndings
from factbeat.claims.read import lexicon as lx
from factbeat.claims.read.mentions import NumberMention, in_range

_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_AFTER = patterns.compile(r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|o['’]clock\b|hrs\b|GMT\b|BST\b)|:\d\d")
_DECADE_AFTER = patterns.compile(r"['’]?s\b")
_MEASURE_AFTER = patterns.compile(r"\s*-?" + lx.MEASURE_UNITS + r"(?![\w])")
_DATE_BEFORE = Guarded(patterns.compile(r"(?:\b" + lx.MONTH + r"|\b" + _DAYS + r")\s+(?:the\s+)?$"))
_DATE_AFTER = patterns.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + lx.MONTH + r"(?![a-z])")
_SLASHED = patterns.compile(r"[/.\-]\d{1,2}[/.\-]\d{2,4}\b|/\d")
_AGE_AFTER = patterns.compile(r"[\s-]*(?:years?|yrs?)[\s-]*olds?\b|\s*(?:yo|y/o)\b")
_AGE_BEFORE = Guarded(patterns.compile(
    r"(?:\baged?|\bages|\bage\s+of|\baged\s+between|\baged\s+(?:under|over)|\bunder-|\bover-)\s*$"
    r"|\baged\s+(?:between\s+)?\d+\s*(?:and|to|-|–)\s*$"
    r"|\b(?:children|kids|people|those|anyone|youngsters|boys|girls|pupils|teenagers|men|women)"
    r"\s+(?:aged\s+)?(?:under|over|below|above)\s+$",
    re.I,
))
_WAS_UNDER_BEFORE = Guarded(patterns.compile(
    r"\b(?:was|were|is|are|being)\s+(?:under|over|below|above)\s+$", re.I
))
_AGE_END_AFTER = patterns.compile(r"\s*(?:[.,;:)!?]|$|years?\b|and\s+over\b)")
_NAME_COMMA_BEFORE = patterns.compile(r"(?:\b[A-Z][a-z]+|\b" + lx.PERSON_NOUNS + r"),\s*$")
# "John Smith (45)": a person's age; a single capitalised word is as often a place with its figure
# ("behind Northshire (55) and Eastshire (47)")
_NAME_PAREN_BEFORE = patterns.compile(r"(?:\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]+|\b" + lx.PERSON_NOUNS + r")\s*\($")
_DURATION_AFTER = patterns.compile(r"(?:\s+|-)" + lx.TIME_UNITS + r"\b(?![-\s]+old)")
_OCCASIONS_AFTER = patterns.compile(
    r"\s+times\b(?!\s+(?:as|more|higher|greater|larger|bigger|the|that|those|lower|fewer|less|smaller"
    r"|over|what|than|its|their|his|her|this|a|an)\b)|\s+occasions\b"
)
_ADDRESS_AFTER = patterns.compile(r"[a-zA-Z]?\s+(?:[A-Z][\w'’]+\s+){0,3}" + lx.STREET_TYPES + r"\b")
_LIST_AFTER = patterns.compile(r"\s+(?:[A-Z][a-z]+\s+\d|(?:list|index|club|awards?|rankings?)\b)")
_LIST_BEFORE = patterns.compile(r"\d\s+[A-Z][a-z]+\s+$")
_WORD_BEFORE = patterns.compile(r"([A-Za-z][A-Za-z.]*)\s*$")
_PHONE_BEFORE = patterns.compile(
    r"\b(?:call|calls|calling|dial|dialled|dialling|ring|phone|contact|text|on)\s+(?:police\s+)?(?:on\s+)?$"
    r"|\b0\d{2,}(?:\s+\d+)*\s+$",
    re.I,
)
_PHONE_GROUP_BEFORE = patterns.compile(r"\b0\d{2,}(?:\s+\d+)*\s+$")
_PHONE_AFTER = patterns.compile(
    r"\s*(?:calls?|number|line|service|operators?|emergency|call-?handlers?|appeal|system)\b"
)
_ARTICLE_BEFORE = patterns.compile(r"\ban?\s+$")
_REFERENCE_BEFORE = Guarded(patterns.compile(
    r"\b(?:ref(?:erence)?|cad|case\s+number|crime\s+number)\b[\s.:#]*(?:no\.?\s*|number\s*)?$", re.I
))
_RATE_BASE_BEFORE = Guarded(patterns.compile(r"\b(?:per|for\s+every|in\s+every|for\s+each)\s+$", re.I))
_LIST_ITEM_AFTER = patterns.compile(r"[.)]\s")
_RANGE_AFTER = patterns.compile(r"\s?[-–]\s?\d")
# "from 207-348": a change from one figure to another, written as a range (years excepted)
_FROM_RANGE = patterns.compile(r".*\bfrom\s+(?!(?:1[89]|20)\d\d\b)[\d,]+\s*[-–]\s*(?:\d{1,3},\d{3}|\d{3,})", re.I)
_LETTER_AFTER = patterns.compile(r"(?!(?:pc|pct|ppts?|pp)\b)[A-Za-z]")  # "2.6pc down" is a percentage

Rule = Callable[[NumberMention, str, str, str], "str | None"]

# Each rule below reads the number and the words before it, or also what follows it: a rule of
# the second kind gives a reason only when one of these matches at the start of ``after``.
_AFTER_CUES = (_TIME_AFTER, _DATE_AFTER, _SLASHED, _AGE_AFTER, _AGE_END_AFTER, _DURATION_AFTER,
               _OCCASIONS_AFTER, _DECADE_AFTER, _MEASURE_AFTER, _LETTER_AFTER, _LIST_AFTER,
               _ADDRESS_AFTER, _PHONE_AFTER, _LIST_ITEM_AFTER, _RANGE_AFTER,
               patterns.compile(r"\s*,|\)"))  # (the comma and bracket after a name's age)  # fmt: skip
# Most numbers have none of them after them: one pattern tells, in place of a dozen tries
_AFTER_CUE = patterns.compile("|".join(f"(?:{p.pattern})" for p in _AFTER_CUES))


def _time(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    return "a time of day" if _TIME_AFTER.match(after) else None


def _date_before(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    return "a date" if in_range(m.value, high=31) and _DATE_BEFORE.search(before) else None


def _date_after(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    if in_range(m.value, high=31) and _DATE_AFTER.match(after):
        return "a date"
    return "a date or fraction written with slashes" if _SLASHED.match(after) else None


def _age_before(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    return "an age" if _AGE_BEFORE.search(before) else None


def _age_after(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    if _AGE_AFTER.match(after):
        return "an age"
    # (the cheap tests first in each line: they rule out most numbers)
    if _AGE_END_AFTER.match(after) and in_range(m.value, 10) and not in_range(m.value, 100) and _WAS_UNDER_BEFORE.search(before):
        return "an age"  # "one in four victims was under 25."
    whole = "." not in raw  # "Chicago (24.1)" is a rate, "Smith (24)" an age
    if whole and after.lstrip().startswith(",") and _under_120(m) and _NAME_COMMA_BEFORE.search(before):
        return "an age after a name"
    if whole and after.startswith(")") and _under_120(m) and _NAME_PAREN_BEFORE.search(before):
        return "an age after a name"
    return None


def _under_120(m: NumberMention) -> bool:
    return not in_range(m.value, 120)  # (in integers: see in_range)


def _duration(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    if _DURATION_AFTER.match(after):
        return "a duration"
    return "how often something happened" if _OCCASIONS_AFTER.match(after) else None


def _attached(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    if _DECADE_AFTER.match(after) and not raw.startswith("£"):
        return "a decade or age group"
    if _MEASURE_AFTER.match(after):
        return "a measurement"
    if not m.spelled and _LETTER_AFTER.match(after):
        return "part of a name or code"
    return None


def _label_before(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    # the word cannot reach past the last space: searching only the last piece is the same, and
    # spares trying every place of the window
    last = before.rsplit(None, 1)
    word = _WORD_BEFORE.search(last[-1]) if last else None
    if word and (
        word.group(1).lower() in lx.LABELS_ANY_CASE or word.group(1) in lx.LABELS_TITLE_CASE
    ):
        return "a label or name"
    # (the last word a capital's and spaces after it, or no list: most numbers are passed over
    # without the pattern, which looks every character up for a digit)
    listed = last and last[-1][:1].isupper() and before[-1].isspace() and _LIST_BEFORE.search(before)
    return "part of a name" if listed else None


def _label_after(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    if _LIST_AFTER.match(after):
        return "part of a name"
    return "an address" if _ADDRESS_AFTER.match(after) else None


def _reference(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    return "a reference number" if _REFERENCE_BEFORE.search(before) else None


_SERVICE_NUMBERS = frozenset((999, 101, 111, 112))  # emergency, police non-emergency, NHS, European


def _whole(m: NumberMention) -> int | None:
    """The number as an int when it is whole (told by the fraction's parts: comparing a Fraction
    is a Python-level call, and every number of a text is asked)."""
    return m.value.numerator if m.value.denominator == 1 else None


def _service_number(m: NumberMention) -> bool:
    return _whole(m) in _SERVICE_NUMBERS


def _phone_before(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    if not m.spelled and raw.startswith("0") and len(raw) >= 3 and raw[1].isdigit():
        return "a phone number or code"
    if not m.spelled and "0" in before and _PHONE_GROUP_BEFORE.search(before):  # (every group starts with 0)
        return "part of a phone number"
    whole = _whole(m)
    if whole == 999 and not m.spelled and _ARTICLE_BEFORE.search(before):
        return "the emergency number"  # "a 999 call", "a 999 appeal"
    return "a phone number" if whole in _SERVICE_NUMBERS and _PHONE_BEFORE.search(before) else None


def _phone_after(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    return "a phone number" if _service_number(m) and _PHONE_AFTER.match(after) else None


def _rate_base(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    return "the base of a rate" if _RATE_BASE_BEFORE.search(before) else None


def _shape(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    if not before.strip() and _LIST_ITEM_AFTER.match(after):
        return "list numbering"
    if not m.spelled and _RANGE_AFTER.match(after) and not after.lstrip(" -–").startswith("fold") \
            and not _FROM_RANGE.match(before[-8:] + raw + after[:12]):
        return "a range, score or code"
    return None


# In order (the first reason given is the one kept), each with whether it reads ``after``.
RULES: tuple[tuple[Rule, bool], ...] = (
    (_time, True), (_date_before, False), (_date_after, True), (_age_before, False),
    (_age_after, True), (_duration, True), (_attached, True), (_label_before, False),
    (_label_after, True), (_reference, False), (_phone_before, False), (_phone_after, True),
    (_rate_base, False), (_shape, True),
)
# The rules that are each one search of a guarded pattern in the words before the number: a
# number whose words before it end with none of those patterns' endings is given no reason by
# them (most numbers: "up from", "were"), which one test tells.
_GUARDED_BEFORE = {_date_before: _DATE_BEFORE, _age_before: _AGE_BEFORE, _reference: _REFERENCE_BEFORE,
                   _rate_base: _RATE_BASE_BEFORE}  # fmt: skip
_BEFORE_ENDINGS = GuardedEndings(*_GUARDED_BEFORE.values())


def _in_order(after_cue: bool, guarded: bool) -> tuple[Rule, ...]:
    return tuple(rule for rule, reads_after in RULES
                 if (after_cue or not reads_after) and (guarded or rule not in _GUARDED_BEFORE))  # fmt: skip


# The rules to try, in order, by (an after-cue follows the number, its words before it may match
# a guarded pattern)
_RULES = {(after_cue, guarded): _in_order(after_cue, guarded) for after_cue in (True, False) for guarded in (True, False)}


def why_not_a_claim(m: NumberMention, raw: str, before: str, after: str) -> str | None:
    """The reason the number is not a claim ("a time of day"), or ``None`` if it may be one.

    ``before``/``after`` are the text on each side of the number, cut at its sentence.
    """
    for rule in _RULES[_AFTER_CUE.match(after) is not None, _BEFORE_ENDINGS.may_match(before)]:
        reason = rule(m, raw, before, after)
        if reason:
            return reason
    return None


_YEAR_AFTER_POSSESSIVE = patterns.compile(r"['’]s\b|\s?[-–/]\s?\d{2,4}\b")
_PREPOSITION_BEFORE = patterns.compile(
    r"\b(?:in|since|during|until|till|by|from|to|of|and|between|over|for|before|after|through"
    r"|throughout|the|early|late|mid|summer|spring|autumn|winter|year|at|than|vs|versus|or|on)\s+$",
    re.I,
)
_PLURAL_NOUN_AFTER = patterns.compile(r"\s+[a-z]+s\b(?!['’])")
_NO_YEAR = r"(?:\d{1,3}(?:,\d{3})+|\d{5,}|[1-9]\d{0,2}|1[0-7]\d\d|2[1-9]\d\d|[3-9]\d{3})(?!\d|[,.]\d)"
_NOT_YEAR_PARTNER = Guarded(patterns.compile(r"\bfrom\s+" + _NO_YEAR + r"\s+to\s+$", re.I))
_FROM_END = Guarded(patterns.compile(r"\bfrom\s+$", re.I))
_NOT_YEAR_PARTNER_AFTER = patterns.compile(r"\s+to\s+" + _NO_YEAR, re.I)


def year_of(m: NumberMention, raw: str, before: str, after: str) -> int | None:
    """The year if the number is one ("in 2016", "2015's", "2015/16"), else ``None``.

    A four-digit whole number between 1800 and 2100 is a year unless it reads as a count
    ("2016 offences were recorded": no preposition before it, a plural noun after it).
    """
    if m.spelled or m.decimals or "," in raw or m.ordinal or not in_range(m.value, 1800, 2100):
        return None
    if _NOT_YEAR_PARTNER.search(before) or (
            _FROM_END.search(before) and _NOT_YEAR_PARTNER_AFTER.match(after)):
        return None  # "from 1801 to 4293": its partner in the range is no year, so neither is it
    # (the plural noun first: without one it is a year whatever comes before it, which then
    # need not be searched)
    if not _PLURAL_NOUN_AFTER.match(after) or _YEAR_AFTER_POSSESSIVE.match(after) or _PREPOSITION_BEFORE.search(before):
        return int(m.value)
    return None
