"""How much CPU each data command costs from a cold process, against a bare interpreter.

Target (issue 13): ``figure``, ``change``, ``share``, ``rank`` and ``check`` (a five-paragraph
story, grounded in the store) each at most 20x ``python -c pass`` in CPU time (user + system of
the child process), on the quick-start store: ``factbeat download all --mirror ../shared/data``
into a temporary file, built once before the clock.  ``--help`` (issue 2: under 0.5 s wall) is
kept.  Reported as medians and as ratios to the baseline measured in the same run, so a slower
machine does not look like a regression.

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


def medians(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    samples = [cpu_and_wall(args, env) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


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
        base_cpu, base_wall = medians([sys.executable, "-c", "pass"], env, args.runs)
        rows = [("python -c pass (baseline)", base_cpu, base_wall)]
        cli = [sys.executable, "-m", "factbeat.cli"]
        rows.append(("factbeat --help", *medians([*cli, "--help"], env, args.runs)))
        rows.append(("import duckdb", *medians([sys.executable, "-c", "import duckdb"], env, args.runs)))
        for name in args.only or COMMANDS:
            command = [part.format(story=story) for part in COMMANDS[name]]
            rows.append((f"factbeat {' '.join(COMMANDS[name][:1])}", *medians([*cli, "--db", str(db), *command],
                                                                              env, args.runs)))
        described = store_description(db)
    print(described)
    print(f"{'command':<28} {'CPU s':>7} {'wall s':>7} {'CPU x baseline':>15}")
    for label, cpu, wall in rows:
        print(f"{label:<28} {cpu:>7.3f} {wall:>7.3f} {cpu / base_cpu:>15.1f}")
    worst = max(cpu for label, cpu, _w in rows[3:])
    print(f"target <= {TARGET:.0f}x baseline CPU per data command: "
          f"{'met' if worst <= TARGET * base_cpu else 'NOT met'} (worst {worst / base_cpu:.1f}x)")


if __name__ == "__main__":
    main()
