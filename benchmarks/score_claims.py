"""Score the claim checker on the real-text development set (../shared/claims-dev).

Runs ``factbeat.claims.check_text`` in-process on every passage and article excerpt and scores
the result with the set's own matching rules (``tools/score.py``: a gold claim is found when a
produced claim states the same value, right when one of those has the gold verdict), then
prints the per-kind tables and the summary line, and writes them to ``benchmarks/out/``.

    .venv/bin/python benchmarks/score_claims.py            # both parts
    .venv/bin/python benchmarks/score_claims.py --misses   # also list every miss

The set's own scorer runs the CLI once per text and gives the same figures:
``python3 ../shared/claims-dev/tools/score.py --cmd ".venv/bin/factbeat check - --json --no-data"``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = (ROOT / ".." / "shared" / "claims-dev").resolve()


def load_scorer():
    """The set's own ``score`` module (matching rules and tables), loaded from ../shared."""
    spec = importlib.util.spec_from_file_location("claims_dev_score", SET / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ROOT = str(SET)
    return module


def evaluate(part: str) -> dict:
    """Summary figures, per-kind table lines and misses for ``passages`` or ``articles``."""
    from factbeat.claims import check_text

    score = load_scorer()
    if part == "passages":
        gold = score.load("passages.jsonl")
        texts = {g["passage"]: g["passage"] for g in gold}
        key, nonclaims = (lambda g: g["passage"]), ()
    else:
        gold = score.load("articles.jsonl")
        texts = {n: score.article_text(n) for n in sorted({g["article"] for g in gold})}
        key, nonclaims = (lambda g: g["article"]), score.load("nonclaims.jsonl")
    started = time.perf_counter()
    produced = {k: [c.to_dict() for c in check_text(t).claims] for k, t in texts.items()}
    seconds = time.perf_counter() - started
    stats, misses, unmatched, checkable, false_claims = score.score(gold, produced, key, nonclaims)
    a, inc, con = stats["ALL"], stats["gold-inconsistent"], stats["gold-consistent"]
    return {
        "accuracy": a["right"] / a["n"],
        "found": a["found"] / a["n"],
        "inconsistent_recall": inc["right"] / inc["n"] if inc["n"] else None,
        "false_alarms": a["false_alarm"] / con["n"] if con["n"] else None,
        "unmatched_checkable_claims": unmatched,
        "checkable_claims_produced": checkable,
        "false_claims_on_nonclaims": false_claims if part == "articles" else None,
        "texts": len(texts),
        "seconds": round(seconds, 2),
        "table": score.table(stats),
        "misses": misses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every gold claim not judged right")
    args = parser.parse_args()
    if not SET.is_dir():
        print(f"no development set at {SET}", file=sys.stderr)
        return 2
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    summary = {}
    for part in ("passages", "articles"):
        result = evaluate(part)
        print(f"== {part} ({result['texts']} texts, {result['seconds']} s)")
        print("\n".join(result["table"]))
        if args.misses:
            print("\n".join(result["misses"]))
        summary[part] = {k: v for k, v in result.items() if k not in ("table", "misses")}
    (out / "claims-dev.json").write_text(json.dumps(summary, indent=2))
    for part, fig in summary.items():
        extra = ""
        if part == "articles":
            extra = (f" false-claims {fig['false_claims_on_nonclaims']}/197"
                     f" unmatched {fig['unmatched_checkable_claims']}/{fig['checkable_claims_produced']}")
        print(f"{part}: accuracy {fig['accuracy']:.3f} found {fig['found']:.3f} inconsistent-recall "
              f"{fig['inconsistent_recall']:.3f} false-alarms {fig['false_alarms']:.3f}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
