"""Link comparison words ("slightly higher than", "far lower", "in line with", "fell slightly")
to the two figures they compare.

"A is higher than B" takes A from the figures before the words and B from the first figure after
"than"/"the … of"; "with 61 and 65 respectively" supplies both in order; a verb with a size word
("increased marginally", "down significantly") compares the earlier and later figures the text
gives for it.  The judge then checks the sign and, for the size words of RULES.md §8, the gap.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from fractions import Fraction

from factbeat.claims import patterns
from factbeat.claims.link.candidates import (
    AGAINST,
    CONFIRM,
    Reading,
    TextIndex,
    average_figure,
    comparable,
    is_average,
    refers_back,
    scanned,
    story_opening,
    year_order,
)
from factbeat.claims.link.change_search import change_readings
from factbeat.claims.link.draft import Draft
from factbeat.claims.model import ClaimKind
from factbeat.claims.prefilter import fold
from factbeat.claims.read.analyse import Stated
from factbeat.claims.read.lexicon import words
from factbeat.claims.read.quantity import Quantity, QuantityKind
from factbeat.claims.read.roles import Direction, Role

SMALL = r"slightly|marginally|a\s+little|just"
LARGE = r"considerably|significantly|much|far|substantially|well"
_COMPARATIVE = (r"(?P<hi>higher|more|greater|above|ahead\s+of|bigger|larger|up|worse)"  # worse: more crime
                r"|(?P<lo>lower|fewer|less|below|behind|smaller|down)")  # fmt: skip
_PHRASE = patterns.compile(
    r"\b(?:(?:just\s+)?(?P<size>" + SMALL + "|" + LARGE + r")\s+)?(?:" + _COMPARATIVE + r")"
    r"(?:\s+than\b)?"
    r"|\b(?P<same>in\s+line\s+with|similar\s+to|the\s+same\s+as|comparable\s+(?:to|with))\b",
    re.I,
)
_NOUN = patterns.compile(
    r"\b(?P<size>slight|marginal|small|significant|considerable|substantial)\s+"
    r"(?:(?P<vup>increase|rise|growth|uptick)|(?P<vdown>drop|fall|decrease|decline|reduction|dip))\b",
    re.I,
)
_VERB = patterns.compile(
    r"\b(?P<verb>(?P<vup>increased|rose|grew|went\s+up|up)|(?P<vdown>fell|decreased|dropped|declined"
    r"|went\s+down|down|stemmed|dipped))\s+(?:only\s+)?(?P<size>" + SMALL + "|" + LARGE + r")\b"
    r"|\b(?P<size2>" + SMALL + "|" + LARGE + r")\s+(?P<verb2>(?P<vup2>increased|rose|up)"
    r"|(?P<vdown2>fell|decreased|dropped|declined|down))\b",
    re.I,
)
# "remained relatively stable, down from 6,290 to 6,270": no change to speak of (RULES.md §8 "same")
_STABLE = patterns.compile(r"\b(?:remained|stayed|was|were|has\s+been|have\s+been)\s+(?:relatively\s+|broadly\s+"
                     r"|largely\s+|fairly\s+|roughly\s+)?(?P<same>stable|steady|flat|unchanged|level)\b", re.I)  # fmt: skip
_QUALIFIES_NUMBER = patterns.compile(r"\s*(?:an?\s+)?(?:[£$€]?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                               r"twenty|thirty|forty|fifty|hundred|thousand|half|double|twice)\b)", re.I)  # fmt: skip
_THAN_TARGET = patterns.compile(r"\s*(?:than|of|on|at|with)?\b", re.I)
_RESPECTIVELY = patterns.compile(r"(?P<a>\S+)\s+and\s+(?P<b>\S+)\s+respectively", re.I)


def _sign(match: re.Match[str]) -> int | None:
    d = match.groupdict()
    if d.get("hi") or d.get("vup") or d.get("vup2"):
        return 1
    if d.get("lo") or d.get("vdown") or d.get("vdown2"):
        return -1
    return 0 if d.get("same") else None


def _size(match: re.Match[str]) -> str | None:
    d = match.groupdict()
    word = (d.get("size") or d.get("size2") or "").lower()
    if not word:
        return "same" if d.get("same") else None
    if word in ("significant", "considerable", "substantial"):
        return None  # an adjective is judged on the sign alone (RULES.md §8)
    if word in ("slight", "marginal", "small"):
        return "small"
    return "small" if re.fullmatch(SMALL, word) else "large"


def _levels(index: TextIndex, sentence: int) -> list[Quantity]:
    return index.figures_in(sentence, sentence)


def _than_pair(index: TextIndex, match: re.Match[str], sentence: int) -> tuple[Quantity, Quantity] | None:
    levels = _levels(index, sentence)
    before = [q for q in levels if q.end <= match.start()]
    after = [q for q in levels if q.start >= match.end()]
    if not before and refers_back(index, sentence):  # "That's higher than DC (16.7)"
        before = index.figures_in(sentence - 1, sentence - 1)[-1:]
    resp = _RESPECTIVELY.search(index.text, match.end(), index.readings[sentence].sentence.end)
    if resp:
        pair = [q for q in after if resp.start() <= q.start < resp.end()]
        if len(pair) == 2:
            return pair[0], pair[1]
    bracket = _BRACKET_PAIR.match(index.text, match.end())
    if bracket:  # "well above the state (438.4 against 378.7)"
        pair = [q for q in after if bracket.start(1) <= q.start < bracket.end()]
        if len(pair) == 2 and comparable(pair[0], pair[1]):
            return pair[0], pair[1]
    versus = _VERSUS_PAIR.match(index.text, match.end())
    if versus:
        pair = [q for q in after if versus.start(1) <= q.start < versus.end()]
        if len(pair) == 2 and comparable(pair[0], pair[1]):
            return pair[0], pair[1]
    if after:  # "(591; 32% fatal) is higher than … (557; 25% fatal)": the last figure like it
        alike = [q for q in before if comparable(q, after[0])
                 and not _OTHER_CLAUSE.search(index.text, q.end, match.start())]  # fmt: skip
        if alike and _SUBJECT_WITH.fullmatch(index.text, match.end(), after[0].phrase_start):
            return after[0], alike[-1]  # "152 per 100,000, with Cleveland close behind with 139"
        if alike:
            return alike[-1], after[0]
    if not after and len(before) >= 2 and _NATIONAL_NEXT.match(index.text, match.end()):
        # "5.2 per 1,000 compares with 7.9 per 1,000 nationally, lower than the national rate"
        national = [q for q in before if _NATIONAL_AFTER.match(index.text, q.end)]
        own = [q for q in before if national and q is not national[0] and comparable(q, national[0])]
        if len(national) == 1 and own:
            return own[0], national[0]
    if not before and len(after) >= 2 and comparable(after[0], after[1]):
        # "higher last December than a year before, with 83 in 2010 compared to 114 in 2011":
        # the figures follow the words, and their years say which is the subject's (the later)
        order = year_order(index.year(after[0]), index.year(after[1]), index.latest_year)
        if order:  # "lower than in 2019, when 60,100 …; this year there have been 55,800"
            return (after[1], after[0]) if order > 0 else (after[0], after[1])
    return None


# "fewer recorded offences per 1,000 people in Essex than in Suffolk": "than" a few words on
_THAN_LATER = patterns.compile(r"(?:\s+[\w,.'’-]+){1,10}?\s+(?:than|compared\s+(?:to|with))\b", re.I)


def _than_later(text: str, at: int, end: int) -> bool:
    """Whether :data:`_THAN_LATER` matches at ``at`` (within ``end``).  Tried only when "than" or
    "compared" lies in that stretch, which every match holds: failing, the pattern tries every
    way of taking one to ten words (some 13 µs for a sentence, most of the time it failed)."""
    folded = fold(text)  # (the text's own letters in lower case at the same places)
    if folded.find("than", at, end) < 0 and folded.find("compared", at, end) < 0:
        return False
    return _THAN_LATER.match(text, at, end) is not None
# "fewer bikes were stolen this year compared to last – 39 versus 33": the pair, in the words' order
_VERSUS_PAIR = patterns.compile(r"[^\d;]{0,80}?[–—:-]\s*(\d[\d,.]*)\s+(?:versus|vs\.?|against|compared\s+(?:with|to))\s+"
                          r"(\d[\d,.]*)", re.I)  # fmt: skip
_NATIONAL_NEXT = patterns.compile(r"\s+(?:the\s+)?(?:national|England(?:\s+and\s+Wales)?|regional|country)(?:['’]s)?\s+"
                            r"(?:average|rate|figure|level)\b", re.I)
_NATIONAL_AFTER = patterns.compile(r"[^\d,;.]{0,30}?\b(?:nationally|across\s+(?:England|the\s+country|the\s+UK)"
                             r"|in\s+England)\b", re.I)
_SUBJECT_WITH = patterns.compile(r"\s*(?:with|on|at)\s+", re.I)  # the words' own subject's figure follows them
_AMOUNT_BEFORE = patterns.compile(r"(?:\d[\d,.]*%?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                            r"|twenty|thirty|forty|fifty|hundred|thousand))\s*$", re.I)  # "nine more calls"
_OTHER_CLAUSE = patterns.compile(r"\b(?:while|whereas|but|although|though|meanwhile)\b|\s[–—-]\s", re.I)
_BRACKET_PAIR = patterns.compile(r"[^()\d]{0,40}\((\s*[\d.,]+)\s+(?:against|versus|vs\.?|compared\s+(?:with|to))\s+"
                           r"[\d.,]+\s*\)", re.I)  # fmt: skip


_AVERAGE_AFTER = patterns.compile(r"(?:\s+the)?(?:\s+[\w-]+){0,2}?\s+average\b", re.I)


def _average_pair(index: TextIndex, match: re.Match[str], sentence: int,
                  sign: int) -> tuple[Quantity, Quantity] | None:  # fmt: skip
    """ "above the national average", "a higher than average rate": the average is a figure the
    text gives somewhere ("the national average of nine per 1,000"), the compared figures are
    this sentence's, or the one set against the average where it is given.  With several
    figures ("above the average were A on 53, B with 48 …") the one nearest the average stands
    for all: if it is above, all are."""
    text = index.text
    if not (_AVERAGE_AFTER.match(text, match.end()) or re.search(r"average", match.group(), re.I)):
        return None
    average = average_figure(index, sentence, match.end())
    if average is None:  # "an average of 63 … the town is well above average at 85": told before the words
        average = next((q for q in reversed(index.figures_in(sentence, sentence))
                        if q.end <= match.start() and is_average(index, q)), None)  # fmt: skip
    if average is None:
        return None
    own = [q for q in index.figures_in(sentence, sentence) if q is not average
           and comparable(q, average) and not q.qualifier]  # fmt: skip
    if not own and average.sentence != sentence:
        own = [q for q in index.figures_in(average.sentence, average.sentence) if q.end <= average.phrase_start
               and comparable(q, average)][-1:]  # fmt: skip
    if not own:
        return None
    nearest = min(own, key=lambda q: q.value) if sign > 0 else max(own, key=lambda q: q.value)
    return nearest, average


def _verb_readings(index: TextIndex, stated: Quantity, sign: int) -> list[dict[str, Quantity]]:
    """Later/earlier figures of a change told by a verb or noun with a size word, best first."""
    direction = Direction(sign, stated.text, stated.start, stated.end)
    item = Stated(Quantity(QuantityKind.PERCENT, Fraction(0), stated.start, stated.end, stated.text,
                           sentence=stated.sentence), Role.CHANGE, direction)  # fmt: skip
    readings = [r for r in change_readings(index, item) if r.score >= CONFIRM]
    mine = _stems(index.readings[stated.sentence].sentence.text)

    def named(r: Reading) -> float:
        """Pairs told in another sentence rank by the words they share with the claim's ("the
        number of burglaries increased marginally" … "1,106 burglaries … compared to 1,092")."""
        there = r.numbers["to"].sentence
        if there == stated.sentence:
            return r.score
        return r.score + min(len(mine & _sentence_stems(index, there)), 2) * 0.75

    readings.sort(key=lambda r: -named(r))
    return [{"a": r.numbers["to"], "b": r.numbers["from"]} for r in readings[:8]]


BODY_REACH = 3  # sentences after the lede where a headline's change is told in figures
_NAMED_REACH = 4  # sentences back in which a change told in words may find its pair by name
_PLAIN = frozenset(words("number numbers figures police reported recorded incidents crimes offences there those these "
                         "which during period between while according compared other total"))  # fmt: skip


_TURN = patterns.compile(r"[,;]\s*(?:while|whereas|but)\b|\b(?:while|whereas)\b", re.I)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _PLAIN}


def _sentence_stems(index: TextIndex, sentence: int) -> set[str]:
    """A sentence's stems, worked out once per text (several claims compare with the same one)."""
    key = ("stems", sentence)
    if key not in index.memo:
        index.memo[key] = _stems(index.readings[sentence].sentence.text)
    return index.memo[key]


def _named_pair_before(index: TextIndex, sentence: int, match: re.Match[str]) -> list[dict[str, Quantity]]:
    """ "the number of serious assaults increased slightly between January and May", two
    paragraphs after "72 reported incidents of assault … between January and May compared to
    70 during the same period last year": a change in words with no figures of its own takes
    the nearest earlier from/to pair told with the same distinctive words (two or more shared
    stems: the crime and the period).  Such a reading may confirm, never contradict."""
    s = index.readings[sentence].sentence
    lo, hi = max(s.start, match.start() - 120), min(s.end, match.end() + 60)
    turns = list(_TURN.finditer(index.text, lo, match.start()))
    lo = turns[-1].end() if turns else lo
    turn = _TURN.search(index.text, match.end(), hi)
    hi = turn.start() if turn else hi
    mine = _stems(index.text[lo:hi])  # the claim's own clause
    for r in reversed(index.readings[max(0, sentence - _NAMED_REACH) : sentence]):
        for f in r.frames:
            if f.complete and f.from_q.value != f.to_q.value and len(mine & _sentence_stems(index, r.index)) >= 2:
                return [{"a": f.to_q, "b": f.from_q}]
    return []


def _body_change(index: TextIndex, sentence: int, sign: int,
                 linked: list[Draft]) -> tuple[dict[str, Quantity], bool] | None:  # fmt: skip
    """For a headline or lede ("Slight increase in recorded crime"), the first change of the same
    direction the body then gives with both figures, as (later, earlier), and whether that
    change was itself linked only tentatively."""
    opening, lede = story_opening(index)
    if sentence not in opening:
        return None
    for d in sorted(linked, key=lambda d: (d.sentence, d.stated_span)):
        if not sentence < d.sentence <= lede + BODY_REACH:
            continue
        if "from" not in d.numbers or "to" not in d.numbers or not d.directions:
            continue
        if d.directions[0].sign == sign and d.numbers["from"].value != d.numbers["to"].value:
            return {"a": d.numbers["to"], "b": d.numbers["from"]}, d.tentative is not None
    return None


# "is relatively low … compared to the Wales average", "among the most likely to … with 113 for
# every 1,000 compared to 82 across England": a standing against an average or a named level
_STANDING = patterns.compile(
    r"\b(?:relatively|comparatively)\s+(?:(?P<hi>high)|(?P<lo>low))\b"
    r"|\bamong\s+the\s+(?:(?P<hi2>most|highest|worst)|(?P<lo2>least|lowest|safest))\b", re.I)
_SET_AGAINST = patterns.compile(r"[^\d;]{0,60}?\b" + AGAINST + r"\s+[^\d;]{0,20}", re.I)
_INCIDENTAL = patterns.compile(r"\b(?:19|20)\d\d\b|\b(?:for\s+)?(?:every|per)\s+[\d,]+\b", re.I)  # a year, a rate's base
_AVERAGE_WORD = patterns.compile(r"\baverages?\b", re.I)


def _standing_pair(index: TextIndex, match: re.Match[str], sentence: int) -> tuple[Quantity, Quantity] | None:
    """The subject's figure and the one it stands against: a pair in the sentence set against
    each other ("113 … compared to 82"), or the sentence's figure and the average the words name."""
    s = index.readings[sentence].sentence
    own = [q for q in index.figures_in(sentence, sentence) if q.start >= match.end()]
    for a, b in zip(own, own[1:], strict=False):
        gap = _INCIDENTAL.sub("", index.text[a.end : b.phrase_start])
        if comparable(a, b) and _SET_AGAINST.fullmatch(gap):
            return a, b
    word = _AVERAGE_WORD.search(index.text, match.end(), s.end)
    if word is None:
        return None
    average = average_figure(index, sentence, word.end())
    if average is None or abs(average.sentence - sentence) > 1:
        return None
    alike = [q for q in own if q is not average and comparable(q, average) and not q.qualifier]
    return (alike[0], average) if alike else None


# "The drop was greater in Winnipeg, where … a 15 per cent drop": this change against the last
# one told before it ("a 12 per cent drop" in the province)
_CHANGE_AGAINST = patterns.compile(
    r"\b(?:the\s+)?(?:drop|fall|decrease|decline|reduction|rise|increase|jump)\s+(?:was|is|were|has\s+been)\s+"
    r"(?:even\s+|much\s+|far\s+)?(?:(?P<hi>greater|bigger|larger|steeper|sharper)|(?P<lo>smaller|less\s+steep))"
    r"\s+(?:in|for|among|at|across)\b", re.I)


def _change_against_pair(index: TextIndex, match: re.Match[str], sentence: int) -> tuple[Quantity, Quantity] | None:
    after = [q for q in index.figures_in(sentence, sentence)
             if q.start >= match.end() and q.kind == QuantityKind.PERCENT]  # fmt: skip
    before = [q for q in index.figures_in(sentence - 1, sentence - 1) if q.kind == QuantityKind.PERCENT]
    if not after or not before:
        return None
    return after[0], before[-1]


def _standings(index: TextIndex, reading, taken: list[tuple[int, int]]) -> list[Draft]:
    drafts = []
    s = reading.sentence
    for match in _CHANGE_AGAINST.finditer(index.text, s.start, s.end):
        pair = _change_against_pair(index, match, s.index)
        if pair is not None:
            draft = Draft(ClaimKind.COMPARISON, s.index, None, (match.start(), match.end()),
                          {"a": pair[0], "b": pair[1]})  # fmt: skip
            draft.comparison = (1 if match.group("hi") else -1, None)
            draft.text_of_span = match.group()
            drafts.append(draft)
    for match in _STANDING.finditer(index.text, s.start, s.end):
        if any(match.start() < e and b < match.end() for b, e in taken):
            continue
        pair = _standing_pair(index, match, s.index)
        if pair is None:
            continue
        d = match.groupdict()
        sign = 1 if d.get("hi") or d.get("hi2") else -1
        draft = Draft(ClaimKind.COMPARISON, s.index, None, (match.start(), match.end()), {"a": pair[0], "b": pair[1]})
        draft.comparison = (sign, None)
        draft.text_of_span = match.group()
        drafts.append(draft)
    return drafts


# skipped in sentences without their words: one look at the text for all of them (TextIndex.places)
_FILTERED = tuple(map(scanned, (_VERB, _NOUN, _STABLE, _PHRASE, _STANDING, _CHANGE_AGAINST)))


def link_comparisons(index: TextIndex, taken: set[tuple[int, int]],
                     linked: list[Draft] = ()) -> list[Draft]:  # fmt: skip
    """Comparison drafts with both figures found; others are left out (nothing to check).
    ``linked`` are the changes already linked, which a headline's size word may summarise."""
    drafts = []
    text = index.text
    spans = sorted(taken)
    standings = any(index.places(pattern).anywhere() and pattern.search(text)
                    for pattern in (_STANDING, _CHANGE_AGAINST))  # rare: one look at the whole text  # fmt: skip
    sentences = [(r.sentence.start, r.sentence.end) for r in index.readings]
    filtered = [(pattern, index.places(pattern).sentences(sentences)) for pattern in (_VERB, _NOUN, _STABLE, _PHRASE)]
    worth = [any(maybe) for maybe in zip(*(maybe for _, maybe in filtered), strict=True)]  # (most sentences: none)
    for i, reading in enumerate(index.readings):
        if not worth[i] and not standings:
            continue
        s = reading.sentence
        matches = [m for pattern, maybe in filtered if maybe[i] for m in pattern.finditer(text, s.start, s.end)]
        if not matches and not standings:
            continue
        # claims already made near this sentence, and the comparisons found in it so far
        near = spans[bisect_left(spans, (s.start - 1000, 0)) : bisect_left(spans, (s.end, 0))]
        if standings:
            drafts += _standings(index, reading, near)
        for match in matches:
            if any(match.start() < e and b < match.end() for b, e in near):
                continue
            if _QUALIFIES_NUMBER.match(text, match.end()):
                continue  # "more than 420": a qualifier of the number, not a comparison
            sign = _sign(match)
            if sign is None:
                continue
            stated = Quantity(QuantityKind.COUNT, 0, match.start(), match.end(), match.group(),
                              sentence=s.index)  # fmt: skip
            alternatives: list[dict[str, Quantity]] = []
            if match.re is not _PHRASE:
                found = _verb_readings(index, stated, sign)
                if match.re is _STABLE:  # "remained stable, with 108 this year": its own figures only
                    found = [f for f in found if f["a"].sentence == f["b"].sentence == s.index]
                body = _body_change(index, s.index, sign, list(linked))
                if body:
                    found = [body[0], *found]
                named = not found and match.re is _VERB
                if named:
                    found = _named_pair_before(index, s.index, match)
                pair = (found[0]["a"], found[0]["b"]) if found else None
                alternatives = found[1:]
            else:
                if _size(match) is None and not re.search(r"than|above|below|ahead|behind", match.group(), re.I) \
                        and (not _than_later(text, match.end(), s.end)
                             or _AMOUNT_BEFORE.search(text[max(s.start, match.start() - 12) : match.start()])):
                    continue  # a bare "more" or "up", or an amount ("583 more … than"), compares no two figures
                pair = _average_pair(index, match, s.index, sign) if sign else None
                pair = pair or _than_pair(index, match, s.index)
            if pair is None:
                continue
            draft = Draft(ClaimKind.COMPARISON, s.index, None, (match.start(), match.end()),
                          {"a": pair[0], "b": pair[1]})  # fmt: skip
            draft.alternatives = alternatives
            if match.re is not _PHRASE and body and body[1]:
                draft.tentative = "the body's figures for the change are linked on weak evidence"
            if match.re is _VERB and named:
                draft.tentative = "the figures are told sentences before, found by the words they share"
            draft.comparison = (sign, _size(match))
            draft.text_of_span = match.group()
            near.append((match.start(), match.end()))
            drafts.append(draft)
    return drafts
