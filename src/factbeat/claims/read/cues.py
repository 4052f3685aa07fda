"""Fast look-ups of the words just before a number: qualifiers and direction words.

"almost", "more than", "rose sharply by", "an increase of": checking these with one big regular
expression anchored at the end of a window is slow (the engine retries every alternative at
every position).  Here the last few words of the window are split off once and looked up in
dictionaries built from the word lists in :mod:`factbeat.claims.read.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factbeat.claims import patterns
from factbeat.claims.read import lexicon as lx

_LAST_CUT = patterns.compile(
    r".*(?:,(?!\d)(?!\s*by\s+\S*$)|[;:!?()\[\]\"“”‘’—–])", re.S
)  # qualifiers never reach back across these (", by 24 per cent" keeps its verb)
_WORD = patterns.compile(r"(?:[^\s,;:!?()\[\]\"“”‘’—–]+|,(?=\d))+")  # (runs, not single characters, repeated: faster)
_ARTICLES = frozenset(("a", "an", "the"))
_FILLERS = frozenset(("further", "again", "only", "just", "some", "a", "an", "by", "also", "still",
                      # "jumped a staggering 28.9 per cent", "down by a massive 70 per cent"
                      "massive", "staggering", "whopping", "huge", "dramatic", "remarkable",
                      "astonishing", "stunning", "startling", "shocking", "alarming", "worrying",
                      "sizeable", "substantial", "hefty", "modest", "sharp", "steep", "big",
                      "record", "impressive", "incredible", "eye-watering", "mammoth"))


def _table(phrases: str, value: object) -> dict[str, object]:
    return {p.replace("_", " "): value for p in phrases.split()}


VERB_SIGNS: dict[str, int] = {**_table(lx.UP_VERB_WORDS, 1), **_table(lx.DOWN_VERB_WORDS, -1),
                              **_table(lx.FLAT_WORD_LIST, 0)}  # fmt: skip
NOUN_SIGNS: dict[str, int | None] = {**_table(lx.UP_NOUN_WORDS, 1), **_table(lx.DOWN_NOUN_WORDS, -1),
                                     **_table(lx.NEUTRAL_NOUN_WORDS, None)}  # fmt: skip
_LONGEST_QUALIFIER = max(len(q.split()) for q in lx.QUALIFIERS)
_VERB_LAST_WORDS = frozenset(v.split()[-1] for v in VERB_SIGNS)


@dataclass(slots=True)
class Word:
    """One word of a window, with its offsets in the whole text.  Read-only by convention: a
    frozen dataclass sets its fields through ``object.__setattr__``, which made building
    words a tenth of reading a text."""

    text: str
    start: int
    end: int
    lower: str  # lower case, without a trailing full stop


def _word(match: re.Match[str], offset: int = 0) -> Word:
    text = match.group()
    start, end = match.span()
    return Word(text, offset + start, offset + end, text.lower().rstrip("."))


# The windows of the text being read and their words: a number's qualifier and its change word
# are looked up from the same place, often more than once per number.  One (text, words by
# window) pair, swapped whole for the next text, so that a reader in another thread only ever
# loses the memo, never gets another text's words; holding the text keeps its id from reuse.
_tails: tuple[str, dict[tuple[int, int, int], list[Word]]] = ("", {})


def tail_words(text: str, floor: int, end: int, limit: int = 7) -> list[Word]:
    """The last ``limit`` words before ``end`` (not before ``floor``), stopping at punctuation.

    The list is shared between callers asking about the same place: do not change it.
    """
    global _tails
    memo = _tails
    if memo[0] is not text:
        memo = _tails = (text, {})
    key = (floor, end, limit)
    found = memo[1].get(key)
    if found is None:
        start = max(floor, end - 70)
        window = text[start:end]
        last_cut = _LAST_CUT.match(window)
        matches = list(_WORD.finditer(window, last_cut.end() if last_cut else 0))[-limit:]
        found = memo[1][key] = [_word(m, start) for m in matches]  # only the words kept become Words
    return found


def _phrase(lowers: list[str], i: int, k: int) -> str:
    return " ".join(lowers[i - k + 1 : i + 1])


# The last word of every qualifier and of every direction verb: a phrase can only be one of
# them if its last word is one of these, so most words are passed over after one set look-up.
_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in lx.QUALIFIERS)
# What makes a piece between spaces other than one word as it stands (see _WORD and _LAST_CUT):
# punctuation that cuts, a comma that does not join the digits of a number, and a full stop
# at its end, which a word's lower case leaves off.
_NOT_PLAIN = patterns.compile(r"[;:!?()\[\]\"“”‘’—–]|,(?!\d)|\.(?!\S)")
_ALWAYS_CUT = frozenset(";:!?()[]\"“”‘’—–")  # (a comma cuts unless "by" follows: see _LAST_CUT)


def _plain_tail(window: str, limit: int) -> list[str] | None:
    """The words :func:`tail_words` gives for ``window`` (the last ``limit``), as text, told
    without a regular expression per word or a :class:`Word` when the pieces between spaces
    they come from are plain (each is one word as it stands, its ``lower`` its lower case)
    and the piece before them, if any is taken into account, ends in a cut ("… last year, up
    from"); ``None`` when that cannot be told so."""
    pieces = window.rsplit(None, limit)
    tail = pieces[1:] if len(pieces) > limit else pieces
    if not _NOT_PLAIN.search(" ".join(tail)):
        return tail  # most often: one search for all of them
    for i in range(len(tail) - 1, -1, -1):
        piece = tail[i]
        if _NOT_PLAIN.search(piece):
            if piece[-1] in _ALWAYS_CUT or piece[-1] == "," and tail[i + 1 : i + 2] != ["by"]:
                return tail[i + 1 :]
            return None
    return tail


def _qualifier_at_end(lowers: list[str]) -> tuple[str, int] | None:
    """The qualifier ending the words ``lowers`` (or ending them but for an article), and the
    index of its first word."""
    last = len(lowers) - 1
    if last >= 0 and lowers[last] in _ARTICLES:
        last -= 1
    if last < 0 or lowers[last] not in _QUALIFIER_LAST_WORDS:
        return None
    for k in range(min(_LONGEST_QUALIFIER, last + 1), 0, -1):
        phrase = _phrase(lowers, last, k)
        if phrase in lx.QUALIFIERS:
            return phrase, last - k + 1
    return None


def _placed(window: str, offset: int, pieces: list[str], first: int) -> list[Word]:
    """``pieces[first:]`` as words, from their places in ``window`` (at ``offset`` in the text),
    of which they are the last pieces; those :func:`tail_words` would make of them."""
    words = []
    place = len(window)
    for piece in reversed(pieces[first:]):
        place = window.rindex(piece, 0, place)  # (nothing but spaces after it)
        words.append(Word(piece, offset + place, offset + place + len(piece), piece.lower()))
    return words[::-1]


def qualifier_before(text: str, floor: int, end: int) -> tuple[str, int] | None:
    """The qualifier ("almost", "more than a") ending right before ``end``, with its start."""
    start = max(floor, end - 70)
    window = text[start:end]
    # Most numbers have none: when the last piece before the number is a plain word, it is the
    # last of the window's words, and unless it can end a qualifier (or is an article) there is
    # no more to read.
    last_piece = window.rsplit(None, 1)
    if last_piece and last_piece[-1].isalpha():
        lower = last_piece[-1].lower()
        if lower not in _ARTICLES and lower not in _QUALIFIER_LAST_WORDS:
            return None
    # Else most numbers' words are still plain: told from their lower case alone (an article
    # and the longest qualifier the most words needed, the last words of a longer list).
    plain = _plain_tail(window, _LONGEST_QUALIFIER + 1)
    if plain is not None:
        found = _qualifier_at_end([piece.lower() for piece in plain])
        return None if found is None else (found[0], _placed(window, start, plain, found[1])[0].start)
    words = tail_words(text, floor, end)
    found = _qualifier_at_end([w.lower for w in words])
    return None if found is None else (found[0], words[found[1]].start)


def change_word_before(text: str, floor: int, end: int) -> tuple[int | None, Word, Word] | None:
    """The direction word that makes the next figure a change: "rose sharply by", "up",
    "an increase of".  Returns the sign (``None`` for "a change of") and the word span."""
    start = max(floor, end - 70)
    window = text[start:end]
    plain = _plain_tail(window, 7)  # (tail_words' own limit: the same words)
    if plain is not None:
        found = _change_word_at_end([piece.lower() for piece in plain], plain)
        if found is None:
            return None
        words = _placed(window, start, plain, found[1])  # Words only for the direction word
        return found[0], words[0], words[found[2] - found[1]]
    words = tail_words(text, floor, end)
    found = _change_word_at_end([w.lower for w in words], [w.text for w in words])
    return None if found is None else (found[0], words[found[1]], words[found[2]])


def _change_word_at_end(lowers: list[str], texts: list[str]) -> tuple[int | None, int, int] | None:
    """:func:`change_word_before` on the words before the figure, their lower case and text as
    written: the sign and the indices of the direction word's first and last word."""
    i = len(lowers) - 1
    if i >= 0 and lowers[i] in _ARTICLES:
        i -= 1
    if i >= 1 and lowers[i] in ("of", "or"):  # "a fall of 20 per cent"; "a fall or nearly 20 per cent"
        noun = lowers[i - 1]
        noun = noun if noun in NOUN_SIGNS else noun[:-1]
        return (NOUN_SIGNS[noun], i - 1, i - 1) if noun in NOUN_SIGNS else None
    while i >= 0 and (lowers[i] in _FILLERS or (lowers[i].endswith("ly") and len(texts[i]) > 4)):
        i -= 1
    for j in range(i, max(1, i - 3), -1):  # "the only rise was in drugs offences, by 30 per cent"
        if lowers[j] in ("in", "among", "for") and lowers[j - 1] in ("was", "were") and j >= 2:
            noun = lowers[j - 2]
            if NOUN_SIGNS.get(noun) is not None:
                return NOUN_SIGNS[noun], j - 2, j - 2
    place = i
    while place >= 1 and texts[place][:1].isupper() and i - place < 3:
        place -= 1  # "fell in Nottinghamshire by 16 per cent": a place between verb and amount
    if place < i and place >= 1 and lowers[place] in ("in", "across", "at", "for"):
        hit = _verb_at_end(lowers, place - 1)
        if hit is not None:
            return hit
    return _verb_at_end(lowers, i) if i >= 0 else None


def _verb_at_end(lowers: list[str], last: int) -> tuple[int, int, int] | None:
    """A direction verb ending at ``lowers[last]`` ("went up", "fell"): sign, first and last index."""
    if lowers[last] not in _VERB_LAST_WORDS:
        return None
    sign, k = _verb_ending(lowers, last)
    return None if sign is None else (sign, last - k + 1, last)


def direction_words(text: str, start: int, end: int) -> list[tuple[int, Word, Word]]:
    """Every direction verb or noun in ``text[start:end]``, in order, as (sign, first, last).

    Works on the words' lower-case forms and makes :class:`Word` objects only for the hits (a
    one-word hit is one object, first and last)."""
    matches = list(_WORD.finditer(text, start, end))
    lowers = [m.group().lower().rstrip(".") for m in matches]
    found = []
    for i, lower in enumerate(lowers):
        sign, k = _verb_ending(lowers, i) if lower in _VERB_LAST_WORDS else (None, 0)
        if sign is None:  # no verb: a noun, unless a neutral one ("change") or none
            sign, k = NOUN_SIGNS.get(lower.strip("'’")), 1
        if sign is not None:
            last = _word(matches[i])
            found.append((sign, _word(matches[i - k + 1]) if k > 1 else last, last))
    return found


def _verb_ending(lowers: list[str], last: int) -> tuple[int | None, int]:
    """The sign of the direction verb of 3, 2 or 1 words ending at ``lowers[last]``, and its length."""
    for k in (3, 2, 1):
        if last - k + 1 >= 0 and (sign := VERB_SIGNS.get(" ".join(lowers[last - k + 1 : last + 1]))) is not None:
            return sign, k
    return None, 0
