"""Grounding on the London crime-news development set: the scorer's per-kind table, and speed.

Runs ``../shared/grounding-dev/score.py`` over ``factbeat check - --json`` (one process per story,
as the scorer does) and writes its table to ``benchmarks/out/grounding.txt``; then times
in-process grounding of the whole set (articles per second), against the arithmetic-only check
of the same texts measured in the same run.  Needs a store built with ``factbeat download all``
(``FACTBEAT_DB``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = (ROOT / ".." / "shared" / "grounding-dev").resolve()


def main() -> int:
    if not (SET / "score.py").is_file():
        print(f"grounding set not found at {SET}")
        return 1
    factbeat = Path(sys.executable).with_name("factbeat")
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    out = subprocess.run([sys.executable, str(SET / "score.py"), "--cmd", f"{factbeat} check - --json",
                          "--json", str(ROOT / "benchmarks" / "out" / "grounding.json")],
                         capture_output=True, text=True, check=True).stdout
    (ROOT / "benchmarks" / "out" / "grounding.txt").write_text(out, encoding="utf-8")
    print(out)
    import factbeat as fbmod
    from factbeat.claims import check_text
    from factbeat.claims.ground.grounding import ground_result

    stories = [json.loads(line) for line in (SET / "stories.jsonl").read_text(encoding="utf-8").splitlines() if line]
    with fbmod.open(os.environ.get("FACTBEAT_DB"), read_only=True) as fb:
        for story in stories:  # warm caches (rankings) once
            ground_result(fb, check_text(story["text"], date=story["date"]))
        start = time.perf_counter()
        for story in stories:
            check_text(story["text"], date=story["date"])
        arithmetic = time.perf_counter() - start
        start = time.perf_counter()
        for story in stories:
            ground_result(fb, check_text(story["text"], date=story["date"]))
        grounded = time.perf_counter() - start
    print(f"grounded {len(stories) / grounded:.0f} articles/s; arithmetic only {len(stories) / arithmetic:.0f} articles/s; "
          f"ratio {grounded / arithmetic:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
