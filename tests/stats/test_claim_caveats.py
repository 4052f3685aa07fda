"""The claim checker attaches the significance of a change and warns when dramatic words meet chance."""

from __future__ import annotations

import pytest

from factbeat.claims import check_text


@pytest.mark.parametrize(
    ("text", "label", "caveat"),
    [
        ("Gun crime soared to 76 cases in 2016, up from 67 in 2015.", "within normal variation", True),
        ("Burglaries rose by 13 per cent to 76 in 2016, up from 67 in 2015.", "within normal variation", False),
        ("Discharges went up drastically from 7 in 2015 to 32 in 2016.", "a real rise", False),
        ("Robberies plummeted from 9 to 4.", "too few to tell", True),
        ("Offences fell sharply, from 6,948 to 5,100.", "a real fall", False),
    ],
)
def test_change_claims_carry_significance(text, label, caveat):
    claim = next(c for c in check_text(text).claims if c.kind.value in ("percent_change", "absolute_change", "multiple"))
    assert claim.significance["label"] == label
    assert bool(claim.caveats) is caveat
    assert claim.to_dict()["significance"]["p_value"] is not None


def test_caveat_names_the_words_and_the_test():
    claim = check_text("Gun crime soared to 76 cases in 2016, up from 67 in 2015.").claims[0]
    assert "'soared'" in claim.caveats[0] and "exact Poisson test" in claim.caveats[0]
