"""Run every benchmark in turn (each prints its own table with ratios to its in-run baseline).

    .venv/bin/python benchmarks/run.py            # startup, claims, street (1 M rows), web
    .venv/bin/python benchmarks/run.py startup claims

Benchmarks are never part of the test suite: they measure, the tests assert behaviour.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUITES = {
    "startup": ["bench_startup.py"],
    "claims": ["bench_claims.py"],
    "street": ["bench_street.py"],
    "web": ["bench_web.py", "--duration", "5"],
}


def main(names: list[str]) -> int:
    failed = 0
    for name in names or list(SUITES):
        script, *args = SUITES[name]
        print(f"\n=== {name} ({script}) ===", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script), *args]).returncode != 0
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
