"""Word lists the checker reads numbers with: qualifiers, directions, units and non-claim cues.

Number words themselves come from ``text2num``; these lists hold the *surrounding* vocabulary
(the words that say "almost", "rose", "per cent", "years old") which no library provides.
Everything is a compiled regular expression or a frozenset so lookups stay cheap.
"""

from __future__ import annotations

import re
from fractions import Fraction

from factbeat.claims import patterns


def words(text: str) -> list[str]:
    """Split a whitespace-separated word list (keeps long lists readable)."""
    return text.split()


def _alternation(words: str) -> str:
    """A regex alternation from whitespace-separated phrases, longest first (``_`` = space)."""
    phrases = sorted((w.replace("_", r"\s+") for w in words.split()), key=len, reverse=True)
    return "(?:" + "|".join(phrases) + ")"


# Qualifier phrase -> band name (see tolerance.BANDS and docs/claims.md).
QUALIFIERS: dict[str, str] = {}
for _band, _phrases in {
    "above": "more_than over above in_excess_of upwards_of greater_than higher_than well_over "
    "well_above exceeding over_a more_than_a",
    "just_above": "just_over just_above slightly_more_than slightly_over a_little_over "
    "a_little_more_than just_more_than",
    "almost": "almost nearly approaching not_quite just_shy_of close_on virtually all_but "
    "almost_a nearly_a",
    "just_below": "just_under just_below slightly_less_than slightly_fewer_than a_little_under "
    "just_short_of slightly_under just_less_than",
    "below": "less_than fewer_than under below lower_than",
    "at_least": "at_least no_fewer_than no_less_than a_minimum_of at_a_minimum",
    "at_most": "up_to at_most no_more_than a_maximum_of as_many_as",
    "about": "about around roughly approximately approx approx. some circa c. an_estimated "
    "estimated close_to in_the_region_of round_about getting_on_for almost_exactly "
    "about_a around_a roughly_a",
}.items():
    for _phrase in _phrases.split():
        QUALIFIERS[_phrase.replace("_", " ")] = _band

QUALIFIER_BEFORE = patterns.compile(
    r"(?:^|(?<=[\s(\"“‘']))(?P<q>"
    + _alternation(" ".join(k.replace(" ", "_") for k in QUALIFIERS))
    + r")\s+(?:an?\s+|the\s+)?$",
    re.I,
)

UP_VERB_WORDS = (
    "rose rise rises risen rising increase increased increases increasing grew grow grows grown "
    "growing jumped jump jumps jumping surged surge surges surging soared soar soaring climbed "
    "climb climbs climbing spiked spike rocketed rocket rocketing leapt lept leaped leap went_up "
    "gone_up going_up goes_up go_up shot_up up hiked escalated swelled boosted"
)
DOWN_VERB_WORDS = (
    "fell fall falls fallen falling dropped drop drops dropping decreased decrease decreases "
    "decreasing declined decline declines declining reduced reduce reduces reducing cut cuts "
    "plunged plunge plummeted plummet slumped slump dipped dip dips shrank shrunk shrink tumbled dived "
    "slid slide eased went_down gone_down going_down goes_down go_down down"
)
FLAT_WORD_LIST = "unchanged flat stable steady static stayed_the_same remained_the_same"
UP_NOUN_WORDS = "rise increase jump surge growth hike leap upturn upsurge spike climb boost gain"
DOWN_NOUN_WORDS = "fall drop decrease decline reduction cut dip slump downturn dive plunge slide tumble loss"
NEUTRAL_NOUN_WORDS = "change difference swing"
UP_VERBS = _alternation(UP_VERB_WORDS)
DOWN_VERBS = _alternation(DOWN_VERB_WORDS)
FLAT_WORDS = _alternation(FLAT_WORD_LIST)
UP_NOUNS = _alternation(UP_NOUN_WORDS)
DOWN_NOUNS = _alternation(DOWN_NOUN_WORDS)
NEUTRAL_NOUNS = _alternation(NEUTRAL_NOUN_WORDS)
UP_COMPARATIVES = _alternation("more higher greater up extra additional")
DOWN_COMPARATIVES = _alternation("fewer less lower down smaller")
ADVERBS = r"(?:\w+ly\s+|by\s+|a\s+further\s+|further\s+|again\s+|only\s+|just\s+|some\s+)*"

MONTHS = words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
MONTH = r"(?:" + "|".join(MONTHS) + r")\.?"

TIME_UNITS = (
    r"(?:second|sec|minute|min|hour|hr|day|night|week|weekend|fortnight|month|year|yr|decade"
    r"|century|centuries|term|season|quarter)s?"
)
MEASURE_UNITS = (
    r"(?:ft|feet|foot|inch|inches|cm|mm|km|kms|metres?|meters?|kilometres?|kilometers?|miles?"
    r"|yards?|kg|kgs|kilos?|kilogram(?:me)?s?|grams?|grammes?|g|tonnes?|tons?|stone|lbs?|mph"
    r"|km/h|kph|degrees?|°[CF]?|litres?|liters?|ml|calibre|caliber|acres?|hectares?|sq|square)"
)

# Words that, placed just before a number, make it a label, not a quantity ("Section 60").
LABELS_ANY_CASE = frozenset(
    words(
        "section article schedule chapter clause paragraph para flat unit platform junction route "
        "room zone page block bus gate terminal channel no no. number version ftse operation "
        "category tier apartment suite box pc dc ds sgt reference ref cad junction exit"
    )
)
LABELS_TITLE_CASE = frozenset(
    words(
        "Year Top Level Stage Phase Form Band Grade Class Formula Apollo Covid COVID Radio Windows "
        "Act Bill Line Studio Fortune Forbes Forum Group Series Vol Volume Part"
    )
)
STREET_TYPES = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Way|Close|Drive|Dr|Place|Pl|Square|Sq|Gardens"
    r"|Gdns|Court|Ct|Terrace|Crescent|Cres|Hill|Grove|Park|Row|Mews|Walk|Parade|Broadway|Green"
    r"|Rise|Vale|View|Yard|Wharf|Quay|Gate)"
)
PERSON_NOUNS = (
    r"(?:man|woman|boy|girl|teenager|teen|youth|mother|father|son|daughter|pensioner|victim"
    r"|mum|dad|wife|husband|student|pupil|driver|rider|resident|suspect|defendant)"
)
SUPERLATIVES = (
    r"(?:lowest|highest|largest|biggest|smallest|worst|best|greatest|fewest|safest|most|least"
    r"|deadliest|busiest|poorest|richest|wealthiest|densest|fastest|slowest|longest|shortest"
    r"|cheapest|riskiest|worst-hit|hardest-hit|\w{2,}iest)"
)

# Words that call a change dramatic; a change told with one is a claim about its size.
DRAMATIC = patterns.compile(
    r"\b(drastic(?:ally)?|dramatic(?:ally)?|soar(?:ed|ing|s)?|surg(?:e|ed|ing|es)|rocket(?:ed|ing|s)?|"
    r"sky-?rocket(?:ed|ing)?|shot up|sharp(?:ly)?|huge|massive|spike[ds]?|spiking|explo(?:de|ded|sion)|"
    r"alarming(?:ly)?|plummet(?:ed|ing|s)?|plunge[ds]?|plunging|collapse[ds]?|steep(?:ly)?)\b",
    re.I,
)

# Minutes in each unit of time a rate is stated in ("a day", "every 15 seconds"); a month and a
# year are calendar averages of a 365-day year (RULES.md §1 counts exact days where a period is named).
MINUTES_PER = {"second": Fraction(1, 60), "minute": Fraction(1), "hour": Fraction(60),
               "day": Fraction(1440), "week": Fraction(10080), "fortnight": Fraction(20160),
               "month": Fraction(1440 * 365, 12), "year": Fraction(1440 * 365)}  # fmt: skip
