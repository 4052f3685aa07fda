"""The golden cases: each sentence's claims, stated values and verdicts (see golden.txt)."""

from __future__ import annotations

import pytest
from claim_cases import all_golden_cases, describe, problems

from factbeat.claims import check_text

CASES = all_golden_cases()


def _param(case):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


def test_golden_file_has_enough_cases():
    assert len(CASES) >= 200
    assert all(case.expectations for case in CASES), "every case needs a => line"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_golden_case(case):
    claims = [c.to_dict() for c in check_text(case.text).claims]
    found = problems(case.expectations, claims)
    assert not found, f"{case.text}\n" + "; ".join(found) + "\n" + describe(claims)
