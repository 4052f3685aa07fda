"""How much CPU each data command costs from a cold process, against a bare interpreter.

Target (issue 13): ``figure``, ``change``, ``share``, ``rank`` and ``check`` (a five-paragraph
story, grounded in the store) each at most 20x ``python -c pass`` in CPU time (user + system of
the child process), on the quick-start store: ``factbeat download all --mirror ../shared/data``
into a temporary file, built once before the clock.  ``--help`` (issue 2: under 0.5 s wall) is
kept.  The commands run in rounds, each round every command once after the baseline; reported
as medians, and each ratio as the median of the rounds' own ratios to their baseline, so a slower
machine, or a busy minute of it, does not look like a regression.

    .venv/bin/python benchmarks/bench_startup.py                  # builds the store (about a minute)
    .venv/bin/python benchmarks/bench_startup.py --db quick.duckdb --runs 9
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIRROR = ROOT.parent / "shared" / "data"
TARGET = 20.0
BASELINE = "python -c pass (baseline)"

# Written for the benchmark (five paragraphs, about a dozen claims), not copied from any article.
STORY = """\
Burglary in Barnet rose to 3,402 offences in 2016, up from 3,112 the year before, a rise of 9 per cent.

Police in Camden recorded 2,100 thefts in 2016, while Westminster had the highest rate in London.

Violence against the person in Croydon reached 8,900 offences in 2016/17, nearly double the figure of 2012.

Robbery accounted for one in five offences in Hackney last year, the borough's council said on Tuesday.

Across London, 12 of the 32 boroughs saw knife crime fall between 2015 and 2016, at a cost of £4m.
"""

COMMANDS = {
    "figure": ["figure", "Barnet", "burglary", "2016"],
    "change": ["change", "Barnet", "burglary", "2015", "2016"],
    "share": ["share", "Barnet", "burglary", "2016"],
    "rank": ["rank", "burglary", "2016"],
    "check": ["check", "{story}", "--date", "2017-02-10"],
}


def cpu_and_wall(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return usage.ru_utime + usage.ru_stime, wall


def rounds(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, list[tuple[float, float]]]:
    """``runs`` rounds, each running every command once in turn (the baseline first): a busy
    spell of this shared machine then falls on a round's baseline and commands alike, where
    timing all of one command before the next (as until session 10) put the baseline's runs and a
    command's runs minutes apart, and the ratio moved with whatever else ran in between."""
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, args in commands.items():
            samples[label].append(cpu_and_wall(args, env))
    return samples


def paired_ratio(samples: list[tuple[float, float]], baseline: list[tuple[float, float]]) -> float:
    """Median over the rounds of a command's CPU over the same round's baseline CPU."""
    return statistics.median(s[0] / b[0] for s, b in zip(samples, baseline, strict=True))


def build_store(db: Path, env: dict[str, str]) -> None:
    print(f"building the quick-start store in {db} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "factbeat.cli", "--db", str(db), "download", "all", "--mirror", str(MIRROR)],
                   env=env, check=True, stdout=subprocess.DEVNULL)


def store_description(db: Path) -> str:
    """Which store was measured: one built by this code has each borough's ward sums stored
    (store/ward_sums.py); one built before them sums the ward rows in every capped figure, which
    a grounded ``check`` asks for (about 7 % more instructions), until it is opened for writing."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()
    sums = ("ward sums stored, as this code builds it" if meta.get("ward_sums_version") else
            "no ward sums: built before them, capped gaps summed from the ward rows")
    return f"store: {db} (schema {meta.get('schema_version', '?')}; {sums})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing quick-start store (default: build one in a temp dir)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", nargs="*", choices=list(COMMANDS), help="measure only these commands")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    # As installed: compiled bytecode, as pip writes it (a checkout run with PYTHONDONTWRITEBYTECODE
    # would compile every module on every run, about 40 ms that no installed copy spends).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "quick.duckdb"
            build_store(db, env)
        story = Path(tmp) / "story.txt"
        story.write_text(STORY, encoding="utf-8")
        cli = [sys.executable, "-m", "factbeat.cli"]
        commands = {
            BASELINE: [sys.executable, "-c", "pass"],
            "factbeat --help": [*cli, "--help"],
            "import duckdb": [sys.executable, "-c", "import duckdb"],
        }
        for name in args.only or COMMANDS:
            commands[f"factbeat {COMMANDS[name][0]}"] = [*cli, "--db", str(db),
                                                         *(part.format(story=story) for part in COMMANDS[name])]
        samples = rounds(commands, env, args.runs)
        described = store_description(db)
    print(described)
    base = samples[BASELINE]
    print(f"{'command':<28} {'CPU s':>7} {'wall s':>7} {'CPU x baseline':>15}  (medians of {args.runs} rounds; "
          "the ratio is the median of each round's own)")
    ratios = {}
    for label, runs in samples.items():
        ratios[label] = paired_ratio(runs, base)
        cpu, wall = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"{label:<28} {cpu:>7.3f} {wall:>7.3f} {ratios[label]:>15.1f}")
    data = [label for label in samples if label.startswith("factbeat ") and label != "factbeat --help"]
    worst = max(ratios[label] for label in data)
    print(f"target <= {TARGET:.0f}x baseline CPU per data command: "
          f"{'met' if worst <= TARGET else 'NOT met'} (worst {worst:.1f}x)")


if __name__ == "__main__":
    main()
