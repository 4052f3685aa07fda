"""The words London crime stories use for crime types and places, as the grounding stage reads them.

The documented measures (``data/measures.yaml``) name the broad groups; stories also name single
published categories ("robberies of personal property", "drug trafficking", "thefts of
vehicles") and things no stored file counts ("young people", "arrests", "CCTV cameras").  Each
phrase maps to a measure built from the published category names of every scheme, or to ``None``
when the figure is about something the data cannot check.  Longer phrases win.
"""

from __future__ import annotations

import re
import sys
from functools import cache

from factbeat.claims import patterns
from factbeat.claims.ground import anchors, rx
from factbeat.claims.ground.folded import case_blind, decide
from factbeat.claims.prefilter import fold
from factbeat.taxonomy.areas import Area, all_areas
from factbeat.taxonomy.measures import Measure, Selector, concept, concepts

NOT_DATA = "not_data"


def _category(key: str, label: str, **schemes: list[str]) -> Measure:
    return Measure(key=key, label=label, definition=f"The published category '{label}'.",
                   categories={s: tuple(Selector.parse(c) for c in cats) for s, cats in schemes.items()})


@cache
def _extra_measures() -> dict[str, Measure]:
    return {
        "robbery_personal": _category(
            "robbery_of_personal_property", "Robbery of personal property",
            home_office=["ROBBERY / ROBBERY OF PERSONAL PROPERTY"], mps_legacy=["Robbery / Personal Property"],
            ho_detailed=["Robbery / Robbery of Personal Property"]),
        "burglary_business": _category(
            "burglary_business_and_community", "Burglary business and community",
            home_office=["BURGLARY / BURGLARY BUSINESS AND COMMUNITY"],
            ho_detailed=["Burglary / Burglary Business and Community"]),
        "theft_person": _category(
            "theft_from_the_person", "Theft from the person", home_office=["THEFT / THEFT FROM THE PERSON"],
            ho_detailed=["Theft / Theft from Person"], mps_legacy=["Theft and Handling / Theft Person"]),
        "vehicle_theft": _category(
            "theft_of_motor_vehicles", "Theft or unauthorised taking of a motor vehicle",
            home_office=["VEHICLE OFFENCES / THEFT OR UNAUTH TAKING OF A MOTOR VEH"],
            ho_detailed=["Vehicle Offences / Theft or Taking of a Motor Vehicle"],
            mps_legacy=["Theft and Handling / Theft/Taking Of Motor Vehicle", "Theft and Handling / Theft/Taking of M/V"]),
        "theft_from_vehicle": _category(
            "theft_from_motor_vehicles", "Theft from a motor vehicle",
            mps_legacy=["Theft and Handling / Theft From Motor Vehicle", "Theft and Handling / Theft From M/V"],
            home_office=["VEHICLE OFFENCES / THEFT FROM A VEHICLE"],
            ho_detailed=["Vehicle Offences / Theft from a Motor Vehicle"]),
        "theft_and_handling": _category("theft_and_handling", "Theft and handling", mps_legacy=["Theft and Handling"]),
        "drug_trafficking": _category(
            "drug_trafficking", "Trafficking of drugs", home_office=["DRUG OFFENCES / TRAFFICKING OF DRUGS"],
            ho_detailed=["Drug Offences / Drug Trafficking"], mps_legacy=["Drugs / Drug Trafficking"]),
        "firearm_possession_only": _category(
            "possession_of_firearms_offences", "Possession of firearms offences",
            ho_detailed=["Possession of Weapons / Possession of Firearms Offences"]),
        "firearm_intent": _category(
            "possession_of_firearm_with_intent", "Possession of firearm with intent",
            ho_detailed=["Possession of Weapons / Possession of Firearm with Intent"]),
        "dwelling_burglary": _category(
            "burglary_in_a_dwelling", "Burglary in a dwelling", mps_legacy=["Burglary / Burglary in a Dwelling"],
            home_office=["BURGLARY / DOMESTIC BURGLARY", "BURGLARY / RES BURGLARY OF A HOME",
                         "BURGLARY / RES BURGLARY OF UNCONNECTED BUILDING", "BURGLARY / BURGLARY - RESIDENTIAL"]),
        "teenage_homicide": _teenage_homicide_victims(),
    }


_KILLING_METHODS = ("Knife or Sharp Implement", "Shooting", "Blunt Implement", "Physical Assault, no weapon",
                    "Other Methods of Killing", "Not known/Not Recorded")


def _teenage_homicide_victims() -> Measure:
    """Homicide victims aged 13 to 19 ('teenagers were killed'): every method, sex and domestic-abuse flag."""
    minors = [f"{sex}; 13 to 19; {abuse}" for sex in ("Male", "Female", "Unknown")
              for abuse in ("Domestic Abuse", "Not Domestic Abuse", "Unknown")]
    return Measure(key="teenage_homicide_victims", label="Homicide victims aged 13 to 19",
                   definition="Homicide victims in the age group 13 to 19 (MPS homicide victims file), by the month "
                              "the homicide was recorded.",
                   categories={"homicide_victims": tuple(Selector(m, minor) for m in _KILLING_METHODS for minor in minors)},
                   rate_per=100000)


# phrase (regex, lower case) -> measure key (a documented concept, an extra measure, or NOT_DATA)
_PHRASES: list[tuple[str, str]] = [
    (r"robber(?:y|ies) of personal property|personal property robber(?:y|ies)", "robbery_personal"),
    (r"burglar(?:y|ies) of businesses(?: and community buildings)?|business burglar(?:y|ies)", "burglary_business"),
    (r"thefts? from the person|thefts? from people|theft person", "theft_person"),
    (r"thefts? of (?:motor )?vehicles|vehicle thefts?|thefts? or unauthorised takings? of motor vehicles|"
     r"vehicles? (?:were )?stolen|stolen or driven away|cars, vans and motorbikes", "vehicle_theft"),
    (r"thefts? from (?:motor )?vehicles|thefts? from cars", "theft_from_vehicle"),
    (r"theft and handling(?: offences)?", "theft_and_handling"),
    (r"drug trafficking(?: offences)?|trafficking of drugs", "drug_trafficking"),
    (r"possess(?:ing|ion of) a firearm with intent|possession of a firearm with intent|firearm with intent", "firearm_intent"),
    (r"(?:offences of )?possess(?:ing|ion of) (?:a )?firearms?", "firearm_possession_only"),
    (r"burglar(?:y|ies) in a dwelling|residential burglar(?:y|ies)|domestic burglar(?:y|ies)", "dwelling_burglary"),
    (r"fatal (?:crimes|shootings)|killed by (?:a )?firearm|shot dead|people shot", "fatal_shootings"),
    (r"violence with injury|violent crime with injury", "violence_with_injury"),
    (r"violence against the person|violent crimes?|violence|violent offences", "violence_against_the_person"),
    (r"stalking and harassment(?: offences)?|harassment", "harassment"),
    (r"sexual offences|sex offences|sexual assaults", "sexual_offences"),
    (r"robber(?:y|ies)|muggings?", "robbery"),
    (r"burglar(?:y|ies)|break-ins", "burglary"),
    (r"shoplifting(?: offences)?|thefts? from shops", "shoplifting"),
    (r"bicycle thefts?|bike thefts?|cycle thefts?|bikes? (?:were )?(?:reported )?stolen|stolen bikes", "bicycle_theft"),
    (r"overall vehicle (?:crime|offences)|vehicle (?:crime|offences)|car crime", "vehicle_crime"),
    (r"drug offences|drugs offences|drug crimes?", "drugs"),
    (r"criminal damage(?: and arson)?|arson", "criminal_damage"),
    (r"public order offences", "public_order"),
    (r"possession of weapons|weapons? possession|weapons offences", "weapon_possession"),
    (r"knife crimes? with injury|knife crimes in which someone was injured|knife crimes? (?:that|which) left a victim injured|"
     r"left a victim injured|knife injur(?:y|ies)", "knife_crime_with_injury"),
    (r"(?:young )?knife-injury victims|knife injury victims|people aged 24 or under were hurt|aged 24 or under", "knife_injury_victims_1_24"),
    (r"knife crimes?(?: offences)?|knife offences", "knife_crime"),
    (r"lethal-barrelled firearm(?: being discharged)?|lethal barrel discharges?", "firearm_discharges"),
    (r"gun crimes?", "gun_crime"),
    (r"islamophobic(?: hate)?(?: crimes| offences)?", "islamophobic_hate_crime"),
    (r"antisemitic(?: hate)?(?: crimes| offences)?", "antisemitic_hate_crime"),
    (r"racist and religious(?: hate)?(?: crimes| offences)?", "racist_religious_hate_crime"),
    (r"hate crimes?", "hate_crime"),
    (r"domestic abuse(?: offences)?", "domestic_abuse"),
    (r"thefts? of mobile phones|mobile phones were snatched or stolen|mobile phones|phone thefts|phone snatch(?:ing|es)", "mobile_phone_theft_person"),
    (r"phone robber(?:y|ies)", "mobile_phone_robbery"),
    (r"stabbed to death|(?:were |was )?killed with a knife|(?:died after being )?attacked with a knife|stabbed|"
     r"knives were used", "fatal_stabbings"),
    (r"homicides?|homicide victims|people (?:were )?killed|killings|victims of homicide|were killed|the dead|victims|"
     r"people were killed", "homicide_victims"),
    (r"teenagers (?:were |have been )?(?:killed|murdered)|teenage (?:homicide )?victims|teenagers", "teenage_homicide"),
    (r"theft offences|thefts?", "theft"),
    (r"(?:all |recorded |overall |total )?crimes?(?! (?:dashboard|figures|data|statistics|survey|rate))", "total_crime"),
    # things the police files do not count
    (r"young people|door locks|cctv cameras|arrests|officers|women|journeys|footfall|cameras|"
     r"incidents of theft and abuse|claims|referrals|residents' survey|people felt safe|incidents had been reported|"
     r"bikes? is ever returned|law enforcement team", NOT_DATA),
]

# Series another part of factbeat adds (dashboards, homicide victims); until they are stored a
# figure about them cannot be checked.
SERIES_NOT_STORED: set[str] = set()


_GENERIC = {"crime", "crimes", "offences", "total offences", "recorded crime", "all crime", "all crimes", "violence",
            "discharges", "stealing", "drugs"}


@cache
def _phrases() -> list[tuple[str, str]]:
    """The phrases above, then every documented alias not already covered (longest first)."""
    own = list(_PHRASES[:-2])
    # longest first; among equal lengths by the words, so the patterns are the same in every run
    # (a set's order changes with the hash seed) and the compiled ones can be cached
    aliases = sorted({(a.lower(), m.key) for m in concepts() for a in m.aliases if a.lower() not in _GENERIC},
                     key=lambda pair: (-len(pair[0]), pair))
    own += [(re.escape(alias), key) for alias, key in aliases]
    return own + _PHRASES[-2:]


@cache
def _measure_sources() -> dict[str, str]:
    """One alternation per first letter: at a word start only the phrases that can begin with its letter are tried.

    Each bucket keeps the phrases in their order, so the first phrase that matches at a place wins,
    exactly as in one alternation of all ~300 phrases (which Python's engine tries one by one).
    """
    buckets: dict[str, list[str]] = {}
    for i, ((phrase, _key), letters) in enumerate(zip(_phrases(), _phrase_letters(), strict=True)):
        part = f"(?P<m{i}>(?:{phrase})\\b)"
        for letter in letters:
            buckets.setdefault(letter, []).append(part)
    return {letter: "(?:" + "|".join(parts) + ")" for letter, parts in buckets.items()}


_MEASURE_PATTERNS: dict[str, re.Pattern] = {}


def _measure_pattern(letter: str) -> re.Pattern | None:
    """The alternation for phrases starting with ``letter`` (None if none do), compiled the first
    time a story has a word starting with it (compiling all 22 took 13 ms of a one-off check)."""
    found = _MEASURE_PATTERNS.get(letter)
    if found is None:
        source = _measure_sources().get(letter)
        if source is None:
            return None
        found = _MEASURE_PATTERNS[letter] = patterns.compile(source, re.I)
    return found


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _phrase_letters() -> list[str]:
    """:func:`_first_letters` of every phrase, worked out once per phrase list and Python (the
    regex parser it runs on ~40 phrases cost a one-off check about 10 ms), then read back."""
    from factbeat.taxonomy.parsed_cache import computed_cached

    phrases = [phrase for phrase, _key in _phrases()]
    key = "\n".join([sys.version, *phrases])
    return computed_cached("phrase-letters", key, lambda: [_first_letters(p) for p in phrases])


def _first_letters(phrase: str) -> str:
    """The letters a match of ``phrase`` can start with (all of them when the parse is not simple)."""
    if phrase[:1].isascii() and phrase[:1].isalpha() and "|" not in phrase and phrase[1:2] not in ("?", "*", "{"):
        return phrase[0].lower()  # a word first (most aliases): what the parse below finds, without it (4 ms a run)
    try:
        from re import _parser as parser  # the standard library's own parser (sre_parse)
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse as parser
    try:
        first = _first_set(list(parser.parse(phrase)))
    except Exception:  # noqa: BLE001 - anything unusual falls back to every bucket
        first = None
    if first is None:
        return _ALPHABET
    return "".join(sorted({c.lower() for c in first} & set(_ALPHABET))) or _ALPHABET


def _first_set(items: list) -> set[str] | None:
    """First characters of a parsed regex sequence; None when unknown (or when it can match empty)."""
    from re import _constants as c

    out: set[str] = set()
    for op, arg in items:
        if op is c.LITERAL:
            return out | {chr(arg)}
        if op is c.IN:
            chars = {chr(a) for o, a in arg if o is c.LITERAL}
            if any(o is not c.LITERAL for o, _a in arg):
                return None
            return out | chars
        if op is c.SUBPATTERN:
            inner = _first_set(list(arg[-1]))
            return None if inner is None else out | inner
        if op is c.BRANCH:
            union: set[str] = set()
            for branch in arg[1]:
                inner = _first_set(list(branch))
                if inner is None:
                    return None
                union |= inner
            return out | union
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, body = arg
            inner = _first_set(list(body))
            if inner is None:
                return None
            out |= inner
            if low > 0:
                return out
            continue  # optional: the next item can start the match too
        if op is c.AT:
            continue
        return None
    return None  # the whole sequence can be empty


_WORD_START = patterns.compile(r"(?<![\w-])[a-z]", re.I)


def measure_for_key(key: str) -> Measure | None:
    """The measure a lexicon key names (None for NOT_DATA and series not stored here)."""
    if key == NOT_DATA:
        return None
    extra = _extra_measures()
    if key in extra:
        return extra[key]
    if key in _concept_keys():
        return concept(key)
    return None


@cache
def _concept_keys() -> frozenset[str]:
    return frozenset(m.key for m in concepts())


def measure_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, key, words) for every crime-type phrase in ``text``, longest first at each place."""
    out = []
    phrases = _phrases()
    compiled = _MEASURE_PATTERNS
    end = 0
    words = anchors.word_index(text)
    places = (m.start() for m in _WORD_START.finditer(text)) if words is None else _phrase_places(text, words)
    folded = None if words is None else fold(text)  # a long text: tried first in its fold (folded.py)
    if folded is not None:
        _buckets_decided()
    for at in places:
        if at < end:
            continue
        letter = text[at].lower()
        pattern = compiled.get(letter) or _measure_pattern(letter)
        if pattern is None:
            continue
        if folded is not None:
            blind = case_blind(pattern)
            if blind is not None and blind.match(folded, at) is None:
                continue  # no phrase here (most places): the fold tells without re.I
        m = pattern.match(text, at)
        if m is None:
            continue
        out.append((m.start(), m.end(), phrases[int(m.lastgroup[1:])][1], m.group(0)))
        end = m.end()
    return out


def _phrase_places(text: str, words: anchors.WordIndex) -> list[int]:
    """The word starts of a long ``text`` at which a crime-type phrase may begin: those whose
    first three letters begin one of the phrases (:func:`_phrase_prefixes`), about a third of
    its words.  Every other word start is one where no phrase matches, so the mentions found
    are the same as when every word is tried."""
    is_start = _WORD_START.match
    return [at for at in words.starts(_phrase_prefixes()) if is_start(text, at)]


@cache
def _phrase_prefixes() -> frozenset[tuple[str, bool]]:
    """The first letters (up to three, :func:`anchors.prefixes`) every match of a phrase bucket
    (:func:`_measure_sources`) starts with, over all buckets; worked out once per phrase list and
    Python (reading the ~300 phrases' parse trees costs about 15 ms), then read back.  A bucket
    whose start the parse does not pin down gives every word starting with its letter."""
    from factbeat.taxonomy.parsed_cache import computed_cached

    sources = _measure_sources()
    key = "\n".join([sys.version, *(f"{letter}:{source}" for letter, source in sorted(sources.items()))])

    def compute() -> list[list]:
        out: set[tuple[str, bool]] = set()
        for letter, source in sources.items():
            # a phrase is tried only at a word's start, so a '\b' before it changes none of its matches
            found = anchors.prefixes(r"\b" + source, re.I)
            out |= {(letter, False)} if found is None else found
        return sorted([prefix, exact] for prefix, exact in out)

    return frozenset((prefix, exact) for prefix, exact in computed_cached("phrase-prefixes", key, compute))


@cache
def _buckets_decided() -> None:
    """Whether each phrase bucket can be tried in the fold, read back from the user's cache."""
    decide("phrase-blind", [(source, re.I) for source in _measure_sources().values()])


@cache
def _area_pattern() -> tuple[re.Pattern, dict[str, Area]]:
    names: dict[str, Area] = {}
    london = next(a for a in all_areas() if a.kind == "region")
    for area in all_areas():
        if area.kind != "borough":
            continue
        for name in (area.name, *area.aliases):
            if len(name) > 3:
                names[name.lower()] = area
    for word in ("london", "the capital", "londoners", "london-wide", "capital", "greater london"):
        names[word] = london
    words = sorted(names, key=len, reverse=True)
    pattern = patterns.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b(?!['’]?s? (?:datastore|ambulance|fire brigade|assembly)|-based)", re.I)
    return anchors.Anchored(pattern), names


def area_mentions(text: str) -> list[tuple[int, int, Area, str]]:
    """(start, end, area, words) for every London borough or London itself named in ``text``."""
    pattern, names = _area_pattern()
    out = []
    for m in pattern.finditer(text, anchors.word_index(text)):  # a long text: tried only at the names' first letters
        word = m.group(1)
        if word.lower() in ("richmond", "kingston") and rx.match(r"\s+(?:town|upon)", text[m.end():m.end() + 6]) and \
                word.lower() == "kingston" and text[m.end():m.end() + 5] == " Town":
            continue
        if word.lower() == "london" and rx.search(r"(?:city of|city of london)\s*$", text[max(0, m.start() - 9):m.start()], re.I):
            continue
        out.append((m.start(), m.end(), names[word.lower()], word))
    return out


_CAPITALISED = patterns.compile(r"\b(?:St\.? )?[A-Z][\w'’]*(?:\s+(?:&|and|upon|on|the|[A-Z][\w'’]*))*(?:\s+[A-Z][\w'’]*)?")


def ward_mentions(text: str, boroughs: list[Area]) -> list[tuple[int, int, Area, str]]:
    """Wards named in ``text`` ('Finsbury Park ward', 'Waterloo & South Bank'), resolved within the boroughs named.

    Ward names repeat across London, so a name counts only when it fits one ward of a borough the
    story names (or one ward in all London when followed by 'ward').
    """
    out = []
    for m in _CAPITALISED.finditer(text):
        words = m.group(0)
        found_here = _ward_in(text, m.start(), words, boroughs)
        if found_here is None and " " in words and _starts_sentence(text, m.start()):
            # a sentence's first word is capitalised whatever it is: 'Neighbouring Whitechapel saw ...'
            skip = len(words.split(" ")[0]) + 1
            found_here = _ward_in(text, m.start() + skip, words[skip:], boroughs)
        if found_here is not None:
            out.append(found_here)
    return out


def _starts_sentence(text: str, start: int) -> bool:
    return not text[:start].strip() or bool(rx.search(r"[.!?:]['’\"”]?\s+$|\n\s*$", text[max(0, start - 4):start]))


def _ward_in(text: str, start: int, words: str, boroughs: list[Area]) -> tuple[int, int, Area, str] | None:
    """The ward a run of capitalised words at ``start`` begins with (longest name first), or None."""
    from factbeat.errors import UnknownNameError
    from factbeat.taxonomy.wards import resolve_small_area

    for cut in _prefixes(words):
        name = cut[:-2] if cut.endswith(("'s", "’s")) and not rx.search(r"\bSt\b", cut) else cut
        found = None
        for borough in boroughs:
            for spelling in dict.fromkeys((name, name.replace("'", "").replace("’", ""))):
                try:
                    area = resolve_small_area(spelling, borough)
                except UnknownNameError:
                    area = None
                if area is not None and area.kind == "ward":
                    found = area
                    break
            if found is not None:
                break
        if found is None and rx.match(r"\s+ward\b", text[start + len(cut):start + len(cut) + 6]):
            try:
                area = resolve_small_area(name)
                found = area if area is not None and area.kind == "ward" else None
            except UnknownNameError:
                found = None
        if found is not None:
            return (start, start + len(name), found, name)
    return None


def _prefixes(words: str) -> list[str]:
    parts = words.split(" ")
    return [" ".join(parts[:n]) for n in range(len(parts), 0, -1)]
