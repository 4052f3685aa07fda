"""How fast `factbeat --help` and `factbeat figure --help` answer, against a bare interpreter.

Target (issue 2): under half a second.  Reported as absolute medians and as the ratio to
`python -c pass` measured in the same run, so a slower machine does not look like a regression.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def median_seconds(args: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    baseline = median_seconds([sys.executable, "-c", "pass"])
    rows = [("python -c pass (baseline)", baseline)]
    for label, args in (
        ("factbeat --help", [sys.executable, "-m", "factbeat.cli", "--help"]),
        ("factbeat figure --help", [sys.executable, "-m", "factbeat.cli", "figure", "--help"]),
    ):
        rows.append((label, median_seconds(args)))
    print(f"{'command':<28} {'median s':>9} {'x baseline':>11}")
    for label, seconds in rows:
        print(f"{label:<28} {seconds:>9.3f} {seconds / baseline:>11.1f}")
    worst = max(s for _l, s in rows[1:])
    print(f"target < 0.5 s: {'met' if worst < 0.5 else 'NOT met'} (worst {worst:.3f} s)")


if __name__ == "__main__":
    main()
