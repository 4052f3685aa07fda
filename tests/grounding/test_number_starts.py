"""The figures whose number lies in a claim's words: binary search gives what a scan of every figure gives."""

from __future__ import annotations

import random
from types import SimpleNamespace

from factbeat.claims.ground.grounding import _NumberStarts


def _scan(figures, start: int, end: int) -> list[int]:
    return [i for i, f in enumerate(figures) if start <= f.number_span[0] < end]


def test_figures_within_words_are_those_a_scan_finds():
    rng = random.Random(5)
    for _case in range(200):
        starts = [rng.randrange(0, 300) for _ in range(rng.randrange(0, 30))]
        if rng.random() < 0.7:
            starts.sort()  # text order, as find_figures gives them; else any order (the scan)
        figures = [SimpleNamespace(number_span=(s, s + rng.randrange(1, 6))) for s in starts]
        numbers = _NumberStarts(figures)
        for _claim in range(20):
            start = rng.randrange(0, 320)
            end = start + rng.randrange(0, 80)
            assert list(numbers.within(start, end)) == _scan(figures, start, end)


def test_figures_before_and_the_next_number_are_those_a_scan_finds():
    rng = random.Random(11)
    for _case in range(200):
        spans = []
        for _ in range(rng.randrange(0, 30)):
            start = rng.randrange(0, 300)
            spans.append((start, start + rng.randrange(1, 8)))
        if rng.random() < 0.7:
            spans.sort()
        figures = [SimpleNamespace(number_span=span) for span in spans]
        numbers = _NumberStarts(figures)
        for _ in range(20):
            offset = rng.randrange(0, 320)
            assert list(numbers.ending_by(offset)) == [i for i, (_s, e) in enumerate(spans) if e <= offset]
            assert numbers.first_start_from(offset) == min((s for s, _e in spans if s >= offset), default=None)
