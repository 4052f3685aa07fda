"""Regression guard: the checker's score on the real-text development set must not drop.

The set (../shared/claims-dev, 508 published claims) is read from beside the repository, never
copied here.  The floors are issue 11's targets, which the checker meets; a rule that costs any
of them fails here (benchmarks/score_claims.py prints the current figures and the misses).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from score_claims import SET, evaluate  # noqa: E402

FLOORS = {  # issue 11's targets, all met on 2026-12-01 (passages 0.957 / 0.938, articles 0.926, 5 of 197)
    "passages": {"accuracy": 0.95, "false_alarms_max": 0.02, "inconsistent_recall": 0.90},
    "articles": {"accuracy": 0.92, "false_claims_max": 5, "unmatched_max": 0.10},
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


def test_inconsistent_claims_caught_and_nothing_unmatched(scored):
    part, result = scored
    if part == "passages":
        assert result["inconsistent_recall"] >= FLOORS[part]["inconsistent_recall"], result["table"]
    else:
        share = result["unmatched_checkable_claims"] / result["checkable_claims_produced"]
        assert share <= FLOORS[part]["unmatched_max"]
