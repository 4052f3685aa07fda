"""The judging stage's fast paths give what the plain code gave: a claim's explanation is written
when first read (and is the same whenever that is), and the result types that stopped being frozen
dataclasses still compare and hash by their fields."""

from __future__ import annotations

import pytest

from factbeat.claims import check_text
from factbeat.claims.model import Claim, ClaimKind, Verdict
from factbeat.claims.read.sentences import Sentence, split_sentences
from factbeat.stats.significance import compare_counts

# Written for these tests: a change with its arithmetic, a share, a wrong change and a multiple.
STORY = (
    "Burglaries in the borough rose from 410 to 492 last year, an increase of 20 per cent.\n\n"
    "Of the 492, some 123 were in the town centre, a quarter of the total.\n\n"
    "Thefts fell from 900 to 850, a fall of 12 per cent.\n\n"
    "Robberies doubled, from 31 to 64."
)
OTHER = "Assaults went up from 1,000 to 1,100, a rise of 10%. Arrests fell by a third, from 300 to 200."


def _claim(explanation) -> Claim:
    return Claim(kind=ClaimKind.COUNT, text="76 cases", span=(0, 8), sentence_index=0, sentence="76 cases.",
                 stated="76", stated_value=76.0, verdict=Verdict.UNVERIFIABLE, explanation=explanation)  # fmt: skip


def test_a_claim_writes_its_explanation_once_and_only_when_read():
    calls = []

    def write() -> str:
        calls.append(1)
        return "a single figure (76); nothing to check it against → unverifiable"

    claim = _claim(write)
    assert not calls
    assert claim.explanation == claim.to_dict()["explanation"] == write()
    assert len(calls) == 2  # once for the claim, once for the comparison above
    assert _claim("given").explanation == "given"
    claim.explanation = "replaced"
    assert claim.explanation == "replaced"


def test_an_explanation_is_still_required():
    with pytest.raises(TypeError):
        Claim(kind=ClaimKind.COUNT, text="76", span=(0, 2), sentence_index=0, sentence="76",  # type: ignore[call-arg]
              stated="76", stated_value=76.0, verdict=Verdict.UNVERIFIABLE)  # fmt: skip


def test_explanations_read_late_are_those_read_at_once():
    at_once = [c.to_dict() for c in check_text(STORY).claims]
    later = check_text(STORY)
    check_text(OTHER)  # another text checked in between changes nothing of the first's figures
    assert [c.to_dict() for c in later.claims] == at_once
    assert {c["verdict"] for c in at_once} >= {"consistent", "inconsistent"}
    assert all(" → " in c["explanation"] or ":" in c["explanation"] for c in at_once)


def test_sentences_compare_and_hash_by_their_fields():
    first, again = split_sentences(STORY)[0], split_sentences(STORY)[0]
    assert first == again and first is not again
    assert hash(first) == hash(again) == hash((first.index, first.start, first.end, first.text))
    assert len({first, again}) == 1
    assert first == Sentence(first.index, first.start, first.end, first.text)


def test_a_change_significance_compares_and_hashes_by_its_fields():
    a, b = compare_counts(67, 76), compare_counts(67, 76)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != compare_counts(67, 77)
