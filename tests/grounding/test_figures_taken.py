"""The figures' record of the number spans kept answers as a scan of every span would."""

from __future__ import annotations

import random

from factbeat.claims.ground.figures import _Taken


def test_taken_spans_overlap_as_a_plain_scan_says():
    rng = random.Random(5)
    for _ in range(300):
        taken, plain = _Taken(), []
        for _ in range(40):
            start = rng.randrange(0, 60)
            span = (start, start + rng.choice((0, 0, 1, 2, 3, 5, 8)))  # empty spans too
            overlaps = any(s < span[1] and span[0] < e for s, e in plain)
            assert taken.overlaps(span) == overlaps, (plain, span)
            if not overlaps:
                taken.add(span)
                plain.append(span)
