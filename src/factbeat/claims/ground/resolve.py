"""Which area, crime and period each figure is about: evidence weighed by role, not first match.

For every figure the candidates come from its clause, its sentence and the story so far, and each
carries a role:

* **attached** to the figure ("73 in Newham", "Westminster, with 134", "2,329 robberies in 2024");
* **subject** of the clause or sentence ("Robbery in Southwark rose ...", "In Barnet, ...");
* **comparison target** ("second only to Westminster", "than Lambeth", "behind Brent and
  Westminster", "Only Croydon and Westminster recorded more"), never the figure's own area;
* **container** ("in London", "across the capital", "of any London borough"), the area only when
  nothing more specific is named; and **source attributions** ("Metropolitan Police figures",
  "according to the Met", "the London Datastore"), never an area at all.

"The borough", "it", "its" and unnamed sentences follow the story's current subject; "the year
before" and "the same period" follow the story's current period.  Each choice says why.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from factbeat.claims import patterns
from factbeat.claims.ground import rx
from factbeat.claims.ground.figures import Figure
from factbeat.claims.ground.lexicon import NOT_DATA, area_mentions, measure_mentions, ward_mentions
from factbeat.claims.ground.when import (
    PeriodMention,
    Relative,
    period_mentions,
    relative_to_date,
    shifted,
)
from factbeat.claims.guard import Guarded
from factbeat.claims.prefilter import fold
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.periods import Period

_TARGET_BEFORE = patterns.compile(
    r"(?:\bthan(?: in)?|\bonly to|\bafter|\bbehind|\bahead of|\bcompared with|\bagainst|\bsecond-placed|"
    r"\boutside|\bthat of|\bbelow|\babove|\bovertaking|\bsuch as|\bincluding|\bexcept|\bonly|,|\band)\s+"
    r"(?:neighbouring\s+|in\s+)?$", re.I)
_ATTRIBUTION = patterns.compile(r"^(?:['’]s)?\s+(?:datastore|police (?:figures|data|statistics)|figures|data|crime dashboard|homicide)", re.I)
# Searched once per sentence with a figure, behind a test for its words (claims/guard.py): most sentences
# name no other source, and the case-blind engine would try every place of them
_OTHER_SOURCE = Guarded(patterns.compile(
    r"British Transport Police|Office for National Statistics|\bONS\b|Cycling UK|Association of British Insurers|"
    r"Transport for London|Business Improvement District|\bBID\b|[Cc]ouncil (?:says|said)|Refuge|"
    r"British Retail Consortium|Freedom of Information|City of London Police|Nationally|England and Wales|"
    r"[Cc]ouncil pays|Met says its|says (?:it|its)|survey|police said|said officers", re.I))
_ABOUT_KILLINGS = patterns.compile(r"\b(?:killed|murder(?:ed|s)?|homicides?|killings?|died|dead|stabbed to death|shot dead)\b", re.I)
_CLAUSE_BREAK = patterns.compile(r"[,;:]|\s(?:while|but|and|whereas)\s")
# Searched only in the words before a figure that can hold a match (claims/guard.py: one ending with
# one of the words, or holding 'its' / 'the borough' / 'the ward'): most hold none, and the engine
# would try every place of them
_EARLIER_BEFORE = Guarded(patterns.compile(
    r"\b(?:up from|down from|from|compared with|against|had recorded|on|times|double|twice|triple)\s+"
    r"(?:the\s+|some\s+|about\s+|around\s+)?$", re.I))
_HAD_RECORDED = patterns.compile(r"\bhad\s+recorded\b")
_POSSESSIVE = Guarded(patterns.compile(
    r"(?:^|[,;]\s+|\band\s+)(?:its|the borough['’]s|the ward['’]s)\s+(?:[\w,-]+\s+){0,5}$", re.I))


@dataclass
class Choice:
    """One resolved part of a figure, with the words it came from and why it was chosen."""

    value: object
    how: str
    words: str = ""
    moves_story: bool = True  # False for a comparison target named with its own figure
    at: tuple[int, int] | None = None  # where the words are in the story, when it matters (comparison targets)


@dataclass
class Resolved:
    """A figure with its area, measure and periods (from/to for changes), or why one is missing."""

    figure: Figure
    area: Choice | None = None
    measure: Choice | None = None  # value: Measure, or a lexicon key string when not stored
    period: Choice | None = None
    before: Choice | None = None  # the earlier period of a change
    other_area: Choice | None = None  # comparison target / the leader for 'second only to X'
    more_areas: list[Choice] = field(default_factory=list)  # further targets: 'more than Southwark and Croydon'
    combined: bool = False  # '... and Camden combined': the targets' sum
    whole_measure: Choice | None = None  # a share's whole
    whole_area: Choice | None = None
    not_data: str | None = None  # why this figure is not about the police data at all
    notes: list[str] = field(default_factory=list)


@dataclass
class _Mention:
    start: int
    end: int
    value: object
    words: str
    role: str = "subject"


class Story:
    """One story's sentences and mentions, read once; :meth:`resolve` walks its figures in order."""

    def __init__(self, text: str, sentence_spans: list[tuple[int, int]], story_date: date | None) -> None:
        self.text = text
        self.spans = sentence_spans or [(0, len(text))]
        self._starts = [s for s, _e in self.spans]
        self._ordered = all(a[1] <= b[0] for a, b in zip(self.spans, self.spans[1:], strict=False))
        self.date = story_date
        areas = area_mentions(text)
        boroughs = list(dict.fromkeys(a for _s, _e, a, _w in areas if a.kind == "borough"))
        # ('ward' in the fold first: a case-insensitive search of the whole story costs ten times more)
        wards = ward_mentions(text, boroughs) if "ward" in fold(text) and rx.search(r"\bwards?\b", text, re.I) else []
        areas = [m for m in areas if not any(ws <= m[0] < we for ws, we, _a, _w in wards)] + wards
        asides = [(m.start(), m.end()) for m in rx.finditer(r",\s+(?:which|home to|where)\b[^,.;]*,", text)]
        self.areas = [self._area_role(_Mention(s, e, a, w)) for s, e, a, w in sorted(areas, key=lambda m: m[0])
                      if not any(x <= s < y for x, y in asides)]
        asides = [(m.start(), m.end()) for m in rx.finditer(r",\s+which\b[^,.;]*,", text)]
        self.measures = _longest([_Mention(s, e, k, w) for s, e, k, w in measure_mentions(text)
                                  if not any(a <= s < b for a, b in asides)])
        teenagers = [m for m in self.measures if m.value == "teenage_homicide"]
        if teenagers and not _ABOUT_KILLINGS.search(text):  # 'teenagers' count homicide victims only in a story about killings
            for m in teenagers:
                if not _ABOUT_KILLINGS.search(m.words):
                    m.value = NOT_DATA
        self.periods: list[PeriodMention] = period_mentions(text, story_date)
        self.subject: Choice | None = None
        self.measure: Choice | None = None
        self.period: Choice | None = None
        self.london_story = False  # an earlier sentence was about London as a whole
        self.sentence_area: tuple[int, Choice] | None = None  # the last area chosen in the current sentence
        self.last_change: tuple[Choice | None, Choice | None] | None = None  # the ends of the latest change
        self.measures_seen: list[Choice] = []  # the story's crime types in the order it moved to them
        self._looking_back = False  # the figure's period is one the story looks back to ('since 2008, when')
        self._area_contrast = False  # the figure being resolved is another area's, named after it ('73 in Newham')
        self._other_source: dict[int, str | None] = {}  # sentence start -> the other source it names, if any

    # -- roles -----------------------------------------------------------------------------
    def _area_role(self, mention: _Mention) -> _Mention:
        before = self.text[max(0, mention.start - 30):mention.start]
        after = self.text[mention.end:mention.end + 20]
        if mention.value.kind == "region":
            if _ATTRIBUTION.match(after) or rx.search(r"\b(?:according to|data from|figures from)\s+(?:the\s+)?$", before, re.I):
                mention.role = "attribution"
            else:
                mention.role = "london"
            return mention
        if rx.search(r"\bwards?\s+(?:in|of)\s+(?:the\s+borough\s+of\s+)?$", before, re.I) or \
                rx.match(r"['’]s?\s+(?:\d+|[a-z]+)\s+wards\b", after, re.I):
            mention.role = "container"  # 'the most of any ward in Islington': what a ward is ranked within
        elif rx.match(r"\s+council\b", after, re.I):
            mention.role = "attribution"
        elif _TARGET_BEFORE.search(before) and (not rx.search(r"(?:^|[.!?]\s+|\b[Ii]n\s+)$", before)
                                                or rx.search(r"\bthan\s+in\s+(?:neighbouring\s+)?$", before, re.I)):
            mention.role = "target"
            if rx.search(r"(?:,|\band)\s+$", before) and not self._in_list_of_targets(mention):
                mention.role = "subject"
        return mention

    def _in_list_of_targets(self, mention: _Mention) -> bool:
        """'behind Brent and Westminster', 'Only Westminster and Camden': the second name is a target too."""
        head = self.text[max(0, mention.start - 60):mention.start]
        return bool(rx.search(r"(?:\bonly|\bbehind|\bafter|\bthan|\bahead of)\s+(?:[A-Z][\w' &-]+?\s*(?:,|,?\s+and)\s+)+$",
                              head, re.I))

    def sentence_of(self, offset: int) -> int:
        if self._ordered:  # sentences in order, none overlapping: the only one that can hold it
            index = bisect_right(self._starts, offset) - 1
            return index if index >= 0 and offset < self.spans[index][1] else len(self.spans) - 1
        for index, (start, end) in enumerate(self.spans):
            if start <= offset < end:
                return index
        return len(self.spans) - 1

    # -- the walk ----------------------------------------------------------------------------
    def resolve(self, figures: list[Figure]) -> list[Resolved]:
        out = []
        current_sentence = -1
        for figure in figures:
            sentence = self.sentence_of(figure.number_span[0])
            if sentence != current_sentence:
                self._close_sentences(current_sentence, sentence)
                current_sentence = sentence
            out.append(self._resolve_one(figure, sentence))
        return out

    def _close_sentences(self, last: int, now: int) -> None:
        """Sentences without figures still move the story's subject and crime type ('Robbery rises in X')."""
        for index in range(last + 1, now):
            s, e = self.spans[index]
            subjects = [m for m in self.areas if s <= m.start < e and m.role == "subject"]
            if subjects:
                where = "the headline" if index == 0 else f"sentence {index + 1}"
                self.subject = Choice(subjects[0].value, f"named in {where}", subjects[0].words)
            measures = [m for m in self.measures if s <= m.start < e and m.value != NOT_DATA]
            if measures:
                self.measure = Choice(measures[0].value, f"named in sentence {index + 1}", measures[0].words)
                self.measures_seen.append(self.measure)
            periods = [p for p in self.periods if s <= p.start < e and isinstance(p.value, Period)]
            if periods:
                self.period = Choice(periods[-1].value, f"named in sentence {index + 1}", periods[-1].words)

    def _resolve_one(self, figure: Figure, sentence: int) -> Resolved:
        s_start, s_end = self.spans[sentence]
        result = Resolved(figure)
        sentence_text = self.text[s_start:s_end]
        source = self._other_source.get(s_start, False)
        if source is False:  # once per sentence: its figures ask in turn
            found = _OTHER_SOURCE.search(sentence_text)
            source = self._other_source[s_start] = found.group(0) if found else None
        if source is not None:
            result.not_data = "the figure comes from another source than the police data (" + source + ")"
        result.area = self._area(figure, s_start, s_end)
        if result.area is not None and result.area.how.startswith("the story's") and self.sentence_area \
                and self.sentence_area[0] == s_start and figure.kind != "rank":
            earlier = self.sentence_area[1]
            result.area = Choice(earlier.value, f"as for the figure before it in the sentence ({earlier.words})", earlier.words)
        if result.area is not None and result.area.moves_story and figure.kind != "rank":
            self.sentence_area = (s_start, result.area)
        result.measure = self._measure(figure, s_start, s_end)
        self._area_contrast = result.area is not None and self.subject is not None and \
            result.area.value.code != self.subject.value.code and "follows the figure" in result.area.how
        self._periods(result, s_start, s_end)
        if figure.kind in ("rank", "multiple", "share", "comparison"):
            self._others(result, s_start, s_end)
        # the story moves on
        if result.area and result.area.value.kind in ("borough", "ward") and not result.area.how.startswith("the story's") \
                and result.area.moves_story:
            self.subject = result.area
        if result.measure and result.measure.value != NOT_DATA and not result.not_data and \
                not result.measure.how.startswith("the story's") and result.measure.moves_story:
            self.measure = result.measure
            self.measures_seen.append(result.measure)
        if result.area and result.area.value.kind == "region" and figure.kind != "rank" and \
                not result.area.how.startswith("the story"):
            self.london_story = True
        looking_back, self._looking_back = self._looking_back, False
        if result.period and not result.not_data and (figure.kind != "rank" or "in the claim" in result.period.how) \
                and not self._earlier_marker(figure) and not looking_back \
                and not result.period.how.startswith("'between"):
            self.period = result.period
        return result

    # -- area ----------------------------------------------------------------------------------
    def _area(self, figure: Figure, s_start: int, s_end: int) -> Choice | None:
        num_start, num_end = figure.number_span
        in_sentence = [m for m in self.areas if s_start <= m.start < s_end and m.role not in ("attribution", "container")]
        clause_head = self.text[s_start:num_start]
        if self.subject is not None and _POSSESSIVE.search(clause_head):
            # 'Its 612 burglaries were a third of the number in Hackney': the possessive names the story's subject
            return Choice(self.subject.value, f"a possessive ('its', 'the borough's'): the story's subject ({self.subject.words})",
                          self.subject.words)
        if _compares_areas(figure):
            # 'below that of Westminster', 'double the 32 recorded in Waltham Forest': the area after
            # the words is the one compared with; the figure's own area is named before (or is the story's)
            in_sentence = [m for m in in_sentence if m.end <= figure.span[0]]
        # attached after the figure in the same clause: "73 in Newham", "the 32 recorded in Waltham Forest"
        for m in in_sentence:
            if m.start >= num_end:
                between = self.text[num_end:m.start]
                if len(between) < 60 and not _CLAUSE_BREAK.search(between) and \
                        rx.search(r"\b(?:in|across|by|throughout)\s+(?:neighbouring\s+)?(?:the\s+)?$", between) and \
                        not (m.role == "london" and (figure.kind in ("rank", "share") or self._borough_before(in_sentence, num_start))):
                    if m.role == "target" and figure.kind != "count":
                        continue
                    if figure.kind == "share" and rx.search(r"\bof\s*$", figure.words):
                        break  # 'a third of the number in Hackney': the whole's area, not the part's
                    return Choice(m.value, f"'{m.words}' follows the figure in its clause", m.words,
                                  moves_story=not self._borough_before(in_sentence, num_start))
                break
        # named just before with the figure attached: "Westminster, with 134", "Enfield recorded 1,847"
        before = [m for m in in_sentence if m.end <= num_start]
        if before:
            last = before[-1]
            between = self.text[last.end:num_start]
            if figure.kind == "count" and rx.fullmatch(r"(?:['’]s?)?,?\s+(?:with|where|recorded|had|saw|has)\s+(?:[\w ]{0,30}?)?", between):
                subject = next((m for m in reversed(before[:-1]) if m.role == "subject"), None)
                if last.role == "london" and subject is not None and rx.match(r",\s+with\b", between):
                    # 'Westminster accounted for a third of thefts in the capital, with 32,836': the subject's figure
                    return Choice(subject.value, f"'{subject.words}' is the subject the figure is given for", subject.words)
                return Choice(last.value, f"'{last.words}' is named with the figure", last.words,
                              moves_story=last.role != "target")
            # a possessive total: "London's total of 12", "the capital's tally of 2,303"
            if figure.kind == "count" and rx.fullmatch(r"['’]s\s+(?:overall\s+|whole\s+)?(?:total|tally|figure|count)\s+of\s+", between):
                return Choice(last.value, f"'{last.words}' owns the total", last.words, moves_story=False)
        # second-placed X / the figure's own span names the subject
        inside = [m for m in in_sentence if figure.span[0] <= m.start < figure.span[1] and m.role != "london"]
        if figure.kind == "rank" and figure.extra.get("placed"):
            after = [m for m in in_sentence if m.start >= figure.span[1]]
            if after:
                return Choice(after[0].value, f"'{after[0].words}' is the one placed", after[0].words, moves_story=False)
        if inside and figure.kind == "rank" and not figure.extra.get("above"):
            subjects = [m for m in inside if m.role == "subject"]
            if subjects:
                return Choice(subjects[0].value, f"'{subjects[0].words}' named in the claim", subjects[0].words)
        # a London phrase attached to the figure: "a London average of 8.4", "a London-wide fall"
        if figure.kind != "rank":
            near = [m for m in in_sentence if m.role == "london" and
                    ((0 <= figure.span[0] - m.end < 4 and not rx.search(r"[:;,.]", self.text[m.end:figure.span[0]]))
                     or figure.span[0] <= m.start < figure.number_span[0])]
            if near:
                return Choice(near[0].value, f"'{near[0].words}' names the figure's area", near[0].words)
        # subject of the sentence before the figure (nearest), London only in subject position
        subjects = [m for m in before if m.role == "subject"]
        london_subject = [m for m in before if m.role == "london" and self._london_is_subject(m, s_start, in_sentence)]
        if london_subject and (not subjects or london_subject[-1].start > subjects[-1].start) and figure.kind != "rank":
            m = london_subject[-1]
            return Choice(m.value, f"'{m.words}' is the subject of the sentence", m.words)
        if subjects:
            m = subjects[-1]
            return Choice(m.value, f"'{m.words}' is the subject of the sentence", m.words)
        later = [m for m in in_sentence if m.start >= num_end and m.role == "subject" and not self._owned_by_number(m)
                 and not rx.search(r"[,;:]\s+(?:while|but|whereas|and)\s", self.text[num_end:m.start])]
        if later and (figure.kind != "rank" or self._rank_subject_after(figure, later[0])):
            return Choice(later[0].value, f"'{later[0].words}' is the subject of the sentence", later[0].words)
        # a London phrase attached to a rate or count ("a London average of 8.4", "London-wide fall")
        if figure.kind != "rank":
            londons = [m for m in in_sentence if m.role == "london"]
            near = [m for m in londons if (abs(m.end - figure.span[0]) < 4 and not rx.search(r"[:;,.]", self.text[m.end:figure.span[0]]))
                    or figure.span[0] <= m.start < figure.span[1]]
            if near:
                return Choice(near[0].value, f"'{near[0].words}' names the figure's area", near[0].words)
            if londons and self.subject is None:
                return Choice(londons[0].value, f"'{londons[0].words}' is the only area in the sentence", londons[0].words)
            if londons and not any(m.role == "subject" for m in in_sentence) and self._sentence_is_about_london(s_start, s_end):
                return Choice(londons[0].value, f"the sentence is about '{londons[0].words}'", londons[0].words)
        if self.subject is not None:
            return Choice(self.subject.value, f"the story's subject ({self.subject.words}), {self.subject.how}", self.subject.words)
        londons = [m for m in in_sentence if m.role == "london"]
        if londons and figure.kind != "rank":
            return Choice(londons[0].value, f"'{londons[0].words}' is the only area named", londons[0].words)
        if self.london_story and figure.kind != "rank":
            from factbeat.taxonomy.areas import LONDON_CODE, area_by_code

            return Choice(area_by_code(LONDON_CODE), "the story is about London as a whole, named earlier", "London")
        return None

    def _owned_by_number(self, m: _Mention) -> bool:
        """'compared with 73 in Newham': the area belongs to the number it follows, not to the sentence."""
        return bool(rx.search(r"\d[\d,]*(?:\s+[a-z]+){0,3}?\s+(?:in|across)\s+(?:neighbouring\s+)?$",
                              self.text[max(0, m.start - 50):m.start]))

    def _borough_before(self, in_sentence: list[_Mention], offset: int) -> bool:
        return any(m.role == "subject" and m.end <= offset for m in in_sentence)

    def _london_is_subject(self, m: _Mention, s_start: int, in_sentence: list[_Mention]) -> bool:
        """'Across London, ...', 'Police in London recorded', 'Hate crime in London rose': London is what is counted."""
        if any(o.role == "subject" and o.start < m.start for o in in_sentence):
            return False
        head = self.text[s_start:m.start]
        if rx.search(r"\b(?:highest|lowest|most|fewest|worst|any|second|third|only|average|rate)\b", head, re.I):
            return False
        return len(head.split()) <= 8

    def _sentence_is_about_london(self, s_start: int, s_end: int) -> bool:
        text = self.text[s_start:s_end]
        head = " ".join(text.split()[:6])
        return bool(rx.search(r"\b(?:across|throughout)\s+(?:london|the capital)\b|\blondon-wide\b|\blondoners\b", text, re.I)
                    or rx.search(r"\b(?:in\s+)?(?:london|the capital)\b", head, re.I)) \
            and not rx.search(r"\b(?:the|this|that)\s+borough\b|\bits\b|\bthe ward\b", text, re.I)

    def _rank_subject_after(self, figure: Figure, mention: _Mention) -> bool:
        return mention.start - figure.span[1] < 40

    # -- measure ----------------------------------------------------------------------------
    def _measure(self, figure: Figure, s_start: int, s_end: int) -> Choice | None:
        num_start, num_end = figure.number_span
        in_sentence = [m for m in self.measures if s_start <= m.start < s_end]
        after = [m for m in in_sentence if m.start >= num_end]
        tail = self.text[num_end:after[0].start] if after else ""
        # "N of them were robberies of personal property", "Twelve of those offences involved ..."
        of_them = rx.match(r"^\s+of\s+(?:them|which|those|these|the\s+\w+|those offences|the offences|the thefts|the victims|"
                           r"the killings|the dead)\s+(?:were|was|involved|left|died|were\s+of)\b", self.text[num_end:num_end + 40])
        if after and figure.kind in ("count", "share") and of_them:
            later = [m for m in after if m.start >= num_end + of_them.end() - 5]
            m = later[0] if later else after[0]
            gap = self.text[num_end:m.start]
            if len(gap) < 60 and not rx.search(r"[,;.]", gap):
                choice = self._choice_measure(m, f"'{m.words}' says what the figure counts")
                whole = next((w for w in reversed(in_sentence) if w.end <= num_start and w.value != NOT_DATA), None)
                combined = _combined(whole.value if whole is not None else self.measure.value if self.measure else None,
                                     m.value)
                if combined is not None:  # 'domestic abuse offences ... 925 of them involved violence with injury'
                    choice = Choice(combined, f"'{m.words}' of the {whole.words if whole else self.measure.words}", m.words)
                choice.moves_story = False  # a part of the story's crime, not a new subject
                return choice
        # "footfall rose by 5 per cent", "cycle journeys in the borough rose by 6 per cent": a change of something
        # the police data do not count, named as the change's subject
        if figure.kind in ("percent_change", "absolute_change", "multiple"):
            subject = [m for m in in_sentence if m.end <= figure.span[0]]
            if subject and subject[-1].value == NOT_DATA and len(self.text[subject[-1].end:figure.span[0]]) < 40 \
                    and not rx.search(r"[,;:]", self.text[subject[-1].end:figure.span[0]]):
                return Choice(NOT_DATA, f"'{subject[-1].words}' is what changed, not a police-recorded crime", subject[-1].words)
        # "1,100 burglary arrests": a noun the police data do not count, in the figure's noun phrase
        phrase = rx.match(r"[\w\s'-]{0,40}", self.text[num_end:]).group(0)
        for m in after:
            if m.value == NOT_DATA and m.start < num_end + len(phrase):
                return Choice(NOT_DATA, f"'{m.words}' is not a police-recorded crime", m.words)
        # the noun right after the number: "2,329 robberies", "84 gun crimes", "793 offences of violence"
        if after and figure.kind != "share" and len(tail) < 40 and rx.fullmatch(r"\s*(?:[\w'-]+\s+){0,4}?", tail) and not rx.search(r"\b(?:of|in)\s+(?:the|its)\b", tail) \
                and not rx.search(r"\b(?:in|on|to|from|than|since|during)\b", tail):
            m = after[0]
            if not (m.value == "total_crime" and m.words.lower() == "crime" and figure.kind == "rank"):
                return self._choice_measure(m, f"'{m.words}' follows the figure")
        if figure.kind == "rank" or figure.kind == "share":
            inside = [m for m in in_sentence if figure.span[0] <= m.start < figure.span[1] + 30 and m.value != NOT_DATA]
            inside = [m for m in inside if not (m.value == "total_crime" and figure.kind == "share")]
            if inside and figure.kind == "rank" and not rx.match(r"\s*(?:borough|ward)", self.text[inside[0].end:inside[0].end + 8]):
                return self._choice_measure(inside[0], f"'{inside[0].words}' is named in the claim")
        before = [m for m in in_sentence if m.end <= num_start and m.value != NOT_DATA]
        if figure.kind == "share":
            before = [m for m in before if not rx.match(r"\s*(?:in|recorded in)\s+the\s+(?:borough|ward)", self.text[m.end:m.end + 25])
                      or True]
        if before:
            m = before[-1]
            return self._choice_measure(m, f"'{m.words}' is named earlier in the sentence")
        if figure.kind == "share" and after:
            clause = rx.split(r"[,;.]", self.text[figure.span[1]:s_end], maxsplit=1)[0]
            whole = [m for m in after if m.start < figure.span[1] + len(clause) + 1 and m.value not in (NOT_DATA, "total_crime")]
            if whole and (self.measure is None or rx.search(r"\blondon|\bthe capital", clause, re.I)):
                return self._choice_measure(whole[0], f"'{whole[0].words}': a share of London's total of the same crime")
        if after and figure.kind in ("count",) and len(tail) < 40 and not _CLAUSE_BREAK.search(tail):
            m = after[0]
            return self._choice_measure(m, f"'{m.words}' follows the figure")
        if self.measure is not None:
            return Choice(self.measure.value, f"the story's crime type ({self.measure.words}), named earlier", self.measure.words)
        if figure.extra.get("overall"):
            return Choice("total_crime", "'safest': all recorded crime", figure.words)
        return None

    def _choice_measure(self, m: _Mention, how: str) -> Choice:
        if self.measure is not None and rx.search(r"\bsuch\s+$", self.text[max(0, m.start - 6):m.start], re.I):
            return Choice(self.measure.value, f"'such {m.words}': the story's crime type ({self.measure.words})", self.measure.words)
        if m.value == "total_crime" and self.measure is not None and rx.fullmatch(r"(?i)offences|such offences", m.words):
            return Choice(self.measure.value, f"the story's crime type ({self.measure.words})", self.measure.words)
        return Choice(m.value, how, m.words)

    # -- periods ----------------------------------------------------------------------------
    def _periods(self, result: Resolved, s_start: int, s_end: int) -> None:
        figure = result.figure
        num_start, num_end = figure.number_span
        in_sentence = [p for p in self.periods if s_start <= p.start < s_end]
        if "since" in figure.extra:  # 'the highest since 2008': 2008 is what it is compared with, not its period
            in_sentence = [p for p in in_sentence if not figure.span[0] <= p.start < figure.span[1]]
        if figure.kind == "multiple" and figure.extra.get("comparison") and not figure.extra.get("vs_any_other"):
            # 'three times the 550 recorded in the year to March 2022': with no area between, the period after the
            # words is the compared figure's ('double the 32 recorded in Waltham Forest in 2023' shares its year)
            in_sentence = [p for p in in_sentence if p.start < figure.span[0] or any(
                figure.span[1] <= m.start < p.start and m.role not in ("attribution", "container") for m in self.areas)]
        own = self._own_period(figure, in_sentence)
        base = self.period.value if self.period else None
        if figure.extra.get("by") == "change" and self.last_change is not None and own is None:
            result.before, result.period = self.last_change
            return
        if (figure.kind in ("percent_change", "absolute_change", "multiple") and not figure.extra.get("comparison")) or \
                figure.extra.get("by") == "change":
            self._change_periods(result, in_sentence, own)
            if figure.kind in ("percent_change", "absolute_change") and result.period is not None:
                self.last_change = (result.before, result.period)
            return
        if own is not None:
            result.period = self._period_choice(own, base, "earlier" if self._earlier_marker(figure) else "own")
            return
        if self._earlier_marker(figure) and base is not None:
            earlier = shifted(base, -1)
            if earlier is not None:
                result.period = Choice(earlier, f"the year before {base.label}", "")
                return
        in_sentence = [p for p in in_sentence if not self._period_of_earlier_figure(p)
                       and not (isinstance(p.value, Relative) and (p.value.years_back or p.value.span_years))]
        before = [p for p in in_sentence if p.end <= num_start and not isinstance(p.value, tuple)]
        after = [p for p in in_sentence if p.start >= num_end and not isinstance(p.value, tuple)]
        for p in reversed(before):
            if rx.search(r"\b(?:than(?: in)?|on|since|compared with)\s+(?:the\s+)?$", self.text[max(0, p.start - 16):p.start]):
                continue
            choice = self._period_choice(p, base, "sentence")
            if choice is not None:
                result.period = choice
                return
        for p in after:
            if rx.search(r"\b(?:than(?: in)?|on|since|compared with)\s+(?:the\s+)?$", self.text[max(0, p.start - 16):p.start]):
                continue
            choice = self._period_choice(p, base, "sentence")
            if choice is not None and not (isinstance(p.value, Relative) and p.value.years_back):
                result.period = choice
                return
        if self.period is not None:
            result.period = Choice(self.period.value, f"the story's period ({self.period.value.label}), named earlier",
                                   self.period.words)

    def _earlier_marker(self, figure: Figure) -> bool:
        head = self.text[max(0, figure.span[0] - 25):figure.number_span[0]]
        if getattr(self, "_area_contrast", False) and rx.search(r"\b(?:compared with|against|times|double|twice|triple)\s+(?:the\s+)?$", head, re.I):
            return False  # 'compared with 73 in Newham': another area in the same period, not an earlier year
        if _EARLIER_BEFORE.search(head):
            return True
        wider = self.text[max(0, figure.span[0] - 40):figure.number_span[0]]
        return "recorded" in wider and _HAD_RECORDED.search(wider) is not None  # (most figures: no 'recorded' before them)

    def _period_of_earlier_figure(self, mention: PeriodMention) -> bool:
        """'up from 2,018 in 2023': the period of the earlier figure, not of the sentence."""
        head = self.text[max(0, mention.start - 60):mention.start]
        return bool(rx.search(r"\b(?:up from|down from|from|compared with|against|on)\s+(?:the\s+|some\s+|about\s+)?[\d,]+"
                              r"(?:\s+[a-z]+){0,3}?\s+(?:in|during|recorded in)\s+(?:the\s+)?$", head, re.I))

    def _own_period(self, figure: Figure, in_sentence: list[PeriodMention]) -> PeriodMention | None:
        """A period attached to the figure: inside its words or right after it in the same clause."""
        num_end = figure.number_span[1]
        for p in in_sentence:
            if figure.span[0] <= p.start < figure.span[1]:
                return p
        for p in in_sentence:
            if p.end <= figure.number_span[0] and rx.fullmatch(r",?\s+when\s+", self.text[p.end:figure.number_span[0]]):
                if rx.search(r"\b(?:since|than in|than)\s+$", self.text[max(0, p.start - 12):p.start], re.I):
                    self._looking_back = True  # 'the highest since 2008, when 155 died': not the story's period
                return p  # "since 2008, when 155 died"
        for p in in_sentence:
            if p.start >= num_end:
                if self._period_of_earlier_figure(p) or (isinstance(p.value, Relative) and p.value.span_years):
                    continue
                between = self.text[num_end:p.start]
                if len(between) < 70 and not rx.search(r"[,;]|\b(?:up|down|rose|fell|while|and)\b", between):
                    return p
                break
        return None

    def _period_choice(self, mention: PeriodMention, base: Period | None, how: str) -> Choice | None:
        value = mention.value
        if isinstance(value, tuple):
            return Choice(value[1], f"'{mention.words}'", mention.words)
        if isinstance(value, Period):
            return Choice(value, f"'{mention.words}' in the {'claim' if how == 'own' else 'sentence'}", mention.words)
        resolved = relative_to_date(value.phrase, self.date)
        if resolved is not None:
            return Choice(resolved, f"'{mention.words}' from the story's date ({self.date.isoformat()})", mention.words)
        if value.phrase in ("last year", "this year"):
            return None
        if base is None:
            return None
        target = shifted(base, -value.years_back) if value.years_back else base
        if target is None:
            return None
        return Choice(target, f"'{mention.words}' counted from {base.label}", mention.words)

    def _change_periods(self, result: Resolved, in_sentence: list[PeriodMention], own: PeriodMention | None) -> None:
        figure = result.figure
        base = self.period.value if self.period else None
        between = next((p for p in in_sentence if isinstance(p.value, tuple)
                        and figure.span[0] <= p.start < figure.span[1] + 40
                        and not rx.search(r"[,;]", self.text[figure.span[1]:p.start])), None)
        if between is not None:
            result.before = Choice(between.value[0], f"'{between.words}'", between.words)
            result.period = Choice(between.value[1], f"'{between.words}'", between.words)
            return
        # "on 2023" / "compared with 2022" name the earlier end
        on = None
        for p in in_sentence:
            if p.start >= figure.span[1] and rx.match(r"['’]s\b", self.text[p.end:p.end + 2]) and p.start - figure.span[1] < 25:
                on = p
                break
            if p.start >= figure.span[0] and rx.search(
                    r"\b(?:on|compared with|than in|than|since|from)\s+(?:the\s+)?(?:[\d,]+\s+(?:[a-z]+\s+){0,3}?(?:in|during)\s+(?:the\s+)?)?$",
                    self.text[max(0, p.start - 50):p.start]) and p.start - figure.span[1] < 50:
                on = p
                break
        to_choice = None
        if own is not None and own is not on:
            to_choice = self._period_choice(own, base, "own")
        if to_choice is None:
            others = [p for p in in_sentence if p is not on and not (isinstance(p.value, Relative) and p.value.years_back)
                      and not isinstance(p.value, tuple) and not (isinstance(p.value, Relative) and p.value.span_years)]
            # the period of the change: its own sentence's latest period, else the story's
            # the earlier end may not resolve ("last year" in an undated story): then nothing is ruled out by it
            on_choice = self._period_choice(on, base, "own") if on is not None else None
            chosen = None
            for p in others:
                choice = self._period_choice(p, base, "sentence")
                if choice is not None and (on_choice is None or choice.value != on_choice.value):
                    chosen = choice
            to_choice = chosen
        if to_choice is None and on is not None and isinstance(on.value, Period) and base is not None and base != on.value:
            to_choice = Choice(base, f"the story's period ({base.label})", "")
        if to_choice is None and base is not None:
            to_choice = Choice(base, f"the story's period ({base.label}), named earlier", "")
        result.period = to_choice
        if on is not None:
            before = self._period_choice(on, to_choice.value if to_choice else base, "own")
            if before is not None and to_choice is not None and before.value == to_choice.value:
                before = Choice(shifted(to_choice.value, -1), f"the year before {to_choice.value.label}", on.words)
            result.before = before
            return
        if to_choice is not None:
            years = next((p.value.span_years for p in in_sentence if isinstance(p.value, Relative) and p.value.span_years), 0) or 1
            earlier = shifted(to_choice.value, -years)
            if earlier is not None:
                result.before = Choice(earlier, f"{years} year{'s' if years > 1 else ''} before {to_choice.value.label}", "")

    def _earlier_measure(self, part: Choice | None) -> Choice | None:
        """The crime type the story named before the part's ('thefts from the person' before 'phone thefts')."""
        key = part.value if part is not None else None
        return next((c for c in reversed(self.measures_seen) if c.value != key and c.value != NOT_DATA), None)

    def _standalone_whole(self, result: Resolved, s_start: int) -> None:
        """'..., more than two in three', '736 of them were phone thefts, around 55 per cent': a share that names no
        whole restates the sentence's own part and whole ('Of the 134 victims', 'of them')."""
        figure = result.figure
        head = self.text[s_start:figure.span[0]]
        of_the = rx.match(r"\s*[Oo]f\s+(?:the\s+|all\s+)?[\d,]+\s+", head)
        if of_the:
            whole = [m for m in self.measures if s_start + of_the.end() <= m.start < s_start + of_the.end() + 30
                     and m.value != NOT_DATA]
            if whole:
                result.whole_measure = Choice(whole[0].value, f"'Of the ... {whole[0].words}' is the whole", whole[0].words)
                return
        if rx.search(r"\bof\s+(?:them|those|which)\b", head, re.I):
            earlier = self._earlier_measure(result.measure)
            if earlier is not None:
                result.whole_measure = Choice(earlier.value, f"'of them': the story's {earlier.words}", earlier.words)

    # -- comparison targets, leaders and wholes ----------------------------------------------------
    def _others(self, result: Resolved, s_start: int, s_end: int) -> None:
        figure = result.figure
        targets = [m for m in self.areas if s_start <= m.start < s_end and m.role == "target" and m.start >= figure.span[0]]
        if figure.extra.get("vs_any_other"):
            return  # compared with the highest of the other boroughs, found in the data
        if _compares_areas(figure):
            own = result.area.value.code if result.area is not None else None
            after = [m for m in self.areas if figure.span[0] <= m.start < s_end and m.role not in ("attribution", "container")
                     and getattr(m.value, "code", None) != own]
            if after:
                m = after[0]
                result.other_area = Choice(m.value, f"'{m.words}' is the comparison", m.words)
                result.other_area.at = (m.start, m.end)
                for later in after[1:]:  # 'more robberies than Southwark and Croydon': each one named in the list
                    if not rx.fullmatch(r"(?:['’]s)?\s*(?:,|,?\s+and|,?\s+or)\s+(?:neighbouring\s+|in\s+)?", self.text[m.end:later.start]):
                        break
                    result.more_areas.append(Choice(later.value, f"'{later.words}' is compared with too", later.words))
                    m = later
                if result.more_areas and rx.match(r"\s+(?:combined|together|put together)\b", self.text[m.end:m.end + 16], re.I):
                    result.combined = True  # 'more than Kensington and Chelsea and Camden combined': their sum
            elif figure.kind == "multiple":  # 'three times the 550 recorded in the year to March 2022': an earlier period
                then = next((p for p in self.periods if figure.span[1] <= p.start < figure.span[1] + 60
                             and isinstance(p.value, Period) and not rx.search(r"[,;.]", self.text[figure.span[1]:p.start])),
                            None)
                if then is not None and result.period is not None and then.value != result.period.value:
                    result.before = Choice(then.value, f"'{then.words}' is the figure compared with", then.words)
            return
        if (figure.kind == "rank" or _compares_areas(figure)) and targets:
            result.other_area = Choice(targets[0].value, f"'{targets[0].words}' is the comparison", targets[0].words)
        if figure.kind == "share":
            tail = self.text[figure.span[1]:s_end]
            clause = rx.split(r"[,;.]", tail, maxsplit=1)[0]
            measures = [m for m in self.measures if figure.span[1] <= m.start < figure.span[1] + len(clause) + 1
                        and m.value != NOT_DATA]
            them = rx.match(r"\s*(?:all\s+)?(?:them|those|these|which)\s+(?:were|was|involved|are|is)\b", clause, re.I)
            if measures and them:
                # '70 per cent of them were robberies of personal property': the part is named, the whole is 'them'
                whole = next((w for w in reversed(self.measures) if w.end <= figure.span[0] and w.value != NOT_DATA
                              and w.value != measures[0].value), None)
                whole_choice = Choice(whole.value, f"'of them': {whole.words}", whole.words) if whole is not None else \
                    self._earlier_measure(Choice(measures[0].value, "", measures[0].words))
                if whole_choice is not None:
                    result.measure = Choice(measures[0].value, f"'{measures[0].words}' is the part", measures[0].words)
                    result.whole_measure = whole_choice
            elif not measures and rx.match(r"\s*(?:them|those|these)\s*$", clause, re.I):
                # 'personal property robberies made up nine in ten of them': the whole is what 'them' refers to
                earlier = self._earlier_measure(result.measure)
                if earlier is not None:
                    result.whole_measure = Choice(earlier.value, f"'of them': the story's {earlier.words}", earlier.words)
            elif measures:
                result.whole_measure = Choice(measures[0].value, f"'{measures[0].words}' is the whole", measures[0].words)
                such = rx.search(r"\bsuch\s+$", self.text[max(0, measures[0].start - 6):measures[0].start], re.I)
                earlier = self._earlier_measure(result.measure)
                if such and earlier is not None:  # 'seven in ten of all such thefts': the broader crime named before
                    result.whole_measure = Choice(earlier.value, f"'such {measures[0].words}': the story's {earlier.words}",
                                                  earlier.words)
                elif len(measures) > 1 and rx.match(r"\s*(?:all\s+)?(?:the\s+)?[\w' -]*?\b(?:were|was|involved)\b",
                                                    self.text[measures[0].start:measures[1].end]):
                    # 'more than half of all victims were killed with a knife': the whole, then the part
                    result.measure = Choice(measures[1].value, f"'{measures[1].words}' is the part", measures[1].words)
            elif rx.match(r"\s*(?:the\s+)?total\b|\s*all\s+(?:recorded\s+)?(?:crimes?|offences)\b", clause, re.I):
                result.whole_measure = Choice("total_crime", "'the total': all recorded crime", "the total")
            elif not rx.search(r"\bof\s*$", figure.words):
                self._standalone_whole(result, s_start)
            named = [m for m in self.areas if figure.span[1] <= m.start < figure.span[1] + len(clause) + 1
                     and m.value.kind in ("borough", "ward") and result.area is not None and m.value.code != result.area.value.code]
            if named:  # 'about a third of the number in Hackney'
                result.whole_area = Choice(named[0].value, f"'{named[0].words}' is the whole's area", named[0].words)
            elif rx.search(r"\blondon['’]?s?\b|\bthe capital\b|\bacross london\b", clause, re.I):
                from factbeat.taxonomy.areas import LONDON_CODE, area_by_code

                result.whole_area = Choice(area_by_code(LONDON_CODE), "the whole is London's total", "London")
            elif rx.match(r"\s*(?:of\s+)?(?:them|those)\b", clause) and self.measure is not None and \
                    self.subject is not None:
                pass


def _combined(whole: object, part: object) -> str | None:
    """The documented measure for a part of a flagged whole ('domestic abuse' + 'violence with injury'), if any."""
    from factbeat.claims.ground.lexicon import measure_for_key
    from factbeat.taxonomy.measures import Measure

    keys = [v.key if isinstance(v, Measure) else v for v in (whole, part)]
    if not all(isinstance(k, str) and k != NOT_DATA for k in keys) or keys[0] == keys[1]:
        return None
    key = f"{keys[0]}_{keys[1]}"
    return key if measure_for_key(key) is not None else None


def _compares_areas(figure: Figure) -> bool:
    """A comparison with another area ('more than Lambeth', 'twice Camden's', 'double the 32 in X')."""
    return (figure.kind == "comparison" and "since" not in figure.extra) or \
        (figure.kind == "multiple" and bool(figure.extra.get("comparison")))


def _longest(mentions: list[_Mention]) -> list[_Mention]:
    return sorted(mentions, key=lambda m: m.start)


def area_is(value: object) -> bool:
    return isinstance(value, Area)
