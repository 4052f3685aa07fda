"""Split text into sentences, keeping character offsets into the original text.

News copy is full of full stops that do not end sentences ("Det Supt. Rose", "12.5", "11a.m.",
"St. Albans") and of sentences that end without one (headlines, captions).  The splitter
therefore breaks at paragraph breaks, and at ``.``, ``!``, ``?`` or ``…`` (plus any closing
quotes or brackets) followed by space and something that can start a sentence, unless the word
before the stop is a known abbreviation or a single initial.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from factbeat.claims import patterns
from factbeat.claims.prefilter import matches_at, places_of

# Lower-case, without the trailing full stop.
_ABBREVIATION_LIST = """
    mr mrs ms mx dr prof rev revd fr sr jr st supt ch insp det sgt sg pc dc ds dci di dsupt
    cdr cmdr cllr cllrs rt hon gov gen col lt capt maj cpl pte brig adm sen rep no nos vol
    fig figs p pp para paras art arts sec sch approx est etc vs v cf al ltd plc inc co corp bros
    dept univ assn mt ave rd jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed
    thu thur thurs fri sat sun a.m p.m e.g i.e
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())
# "[.!?…][.!?…]*" is "[.!?…]+" written so that the engine sees the set a match starts with and
# skips to the next stop at once (it tries a pattern starting with a repeat at every place).
_BOUNDARY = patterns.compile(
    r"""(?P<stop>[.!?…][.!?…]*)(?P<close>["'”’»)\]]*)(?P<space>\s+)(?=["'“‘«(\[]*[A-Z0-9£$€])"""
)
_STOPS = ".!?…"  # where a boundary starts: tried there only (see prefilter.places_of)
_GLUED = patterns.compile(r"(?<=[a-z0-9]{2})\.(?=[A-Z][a-z]{2,})")  # "in 2015.Police" (lost newline)
_GLUED_HINT = patterns.compile(r"\.[A-Z]")  # in every glued stop: a fast scan first
_PARAGRAPH = patterns.compile(r"\n\s*\n|\n(?=\s*\S)|\s\[(?:\.\.\.|…)\]\s")  # "[...]" joins excerpts
_LINE_BREAKS = patterns.compile(r"\n\s*\n|\n(?=\s*\S)")  # _PARAGRAPH without its bracket
_WORD_BEFORE = patterns.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    """A sentence: its position in the text and its ``start``/``end`` offsets.

    Read-only by convention, and hashed by its fields as a frozen one would be: a frozen
    dataclass sets each field through ``object.__setattr__``, which was a third of splitting a
    story into its (mostly one-sentence) paragraphs."""

    index: int
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, stop_at: int) -> bool:
    """True if the word ending at ``stop_at`` (just before a full stop) is an abbreviation."""
    match = _WORD_BEFORE.search(text, max(0, stop_at - 12), stop_at)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():  # an initial, "J. Smith"
        return True
    return word in ABBREVIATIONS or word.replace(".", "") in ABBREVIATIONS


def _breaks_in(text: str, start: int, end: int, stops: list[tuple[int, int]], glued: bool,
               first: int | None = None) -> list[int]:
    """Offsets within ``text[start:end]`` where one sentence ends and the next begins.

    ``stops`` are the spans of the boundary pattern's matches in the whole text, and ``glued``
    whether a glued stop may be anywhere in it.  A boundary in the paragraph is a match in the
    whole text too, with the same span (a paragraph starts after a line break, which no match
    runs across into it), so a paragraph whose first match does not end inside it has none, and
    is not searched again: most paragraphs of a story are one sentence, whose full stop matches
    only with the line break after it.  ``first`` is the index of the first stop not before
    ``start`` when the caller knows it."""
    cuts: list[int] = []
    i = bisect_left(stops, (start,)) if first is None else first
    if i == len(stops) or stops[i][1] > end:
        return cuts if not glued else _glued(text, start, end, cuts)
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.group("stop")
        if stop == "." and _is_abbreviation(text, match.start("stop")):
            continue
        if _inside_brackets(text, start, match.start("stop"), match.group("close"), end):
            continue
        cuts.append(match.end("close"))
    return cuts if not glued else _glued(text, start, end, cuts)


def _glued(text: str, start: int, end: int, cuts: list[int]) -> list[int]:
    """``cuts`` with the glued stops ("in 2015.Police") of ``text[start:end]`` added."""
    if _GLUED_HINT.search(text, start, end):  # rare: the lookbehind makes the full scan slow
        cuts.extend(m.end() for m in _GLUED.finditer(text, start, end))
        cuts.sort()
    return cuts


def _inside_brackets(text: str, start: int, stop: int, close: str, end: int) -> bool:
    """A stop inside a short bracket that closes soon after ("(total in 2012: 9; 2013? 7)") does
    not end the sentence around it."""
    if ")" in close:
        return False
    opened = text.rfind("(", max(start, stop - 200), stop)
    return opened > text.rfind(")", max(start, stop - 200), stop) and ")" in text[stop : min(end, stop + 40)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines/paragraphs of ``text``."""
    spans: list[tuple[int, int]] = []
    position = 0
    # without a bracket there is no "[...]" to join, and the line breaks alone are found many
    # times faster (a pattern that can start with any space makes the engine try every place)
    for match in (_PARAGRAPH if "[" in text else _LINE_BREAKS).finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, with surrounding whitespace trimmed from each span."""
    sentences: list[Sentence] = []
    stops = [match.span() for match in matches_at(_BOUNDARY, text, places_of(text, _STOPS))]
    glued = _GLUED_HINT.search(text) is not None
    # the first stop not before each paragraph: paragraphs come in order, so it is found by
    # walking on from the last one (a search of all the stops for each grew with the text)
    first = 0
    for para_start, para_end in _paragraphs(text):
        while first < len(stops) and stops[first][0] < para_start:
            first += 1
        cuts = _breaks_in(text, para_start, para_end, stops, glued, first)
        # most paragraphs of a story are one sentence: no lists of bounds made for them
        spans = zip([para_start, *cuts], [*cuts, para_end], strict=True) if cuts else ((para_start, para_end),)
        for start, end in spans:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                sentences.append(Sentence(len(sentences), start, end, text[start:end]))
    return sentences
