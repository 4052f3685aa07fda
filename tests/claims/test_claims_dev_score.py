"""Regression guard: the checker's score on the real-text development set must not drop.

The set (../shared/claims-dev, 508 published claims) is read from beside the repository, never
copied here.  The floors are the scores reached when this test was written, less a small margin;
raise them when the checker improves (benchmarks/score_claims.py prints the current figures).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from score_claims import SET, evaluate  # noqa: E402

FLOORS = {
    "passages": {"accuracy": 0.80, "false_alarms_max": 0.02},
    "articles": {"accuracy": 0.70, "false_claims_max": 10},
}


@pytest.fixture(scope="module", params=["passages", "articles"])
def scored(request):
    if not SET.is_dir():
        pytest.skip("../shared/claims-dev is not beside the repository")
    return request.param, evaluate(request.param)


def test_accuracy_does_not_drop(scored):
    part, result = scored
    assert result["accuracy"] >= FLOORS[part]["accuracy"], result["table"]


def test_no_more_false_alarms_or_invented_claims(scored):
    part, result = scored
    if part == "passages":
        assert result["false_alarms"] <= FLOORS[part]["false_alarms_max"]
    else:
        assert result["false_claims_on_nonclaims"] <= FLOORS[part]["false_claims_max"]
