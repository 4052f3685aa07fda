"""Benchmark ``check-archive``: articles per second in one process, two processes and Spark local[2].

The corpus is generated, not copied: a seeded RNG fills templates written for this benchmark into
local-paper crime stories of about 350 words (a headline figure with its change, a breakdown by
crime type with shares, a rate, a rank, quotes, and the usual traps such as dates, ages and phone
numbers).  About one stated percentage or multiple in eight is wrong on purpose.  Corpora are
written once to ``--workdir`` (JSON Lines) and reused by later runs.

Measured, in one run so the ratios share the machine's load:

* baseline: ``check_archive(..., workers=1)``, everything in this one process;
* local engine with 2 worker processes (target: at least 1.8x the baseline);
* Spark ``local[2]``: start-up (session plus a warm-up job that starts the Python workers)
  apart from the steady rate of the main job (target: at least 1.5x the baseline);
* peak RSS of each worker process (``ru_maxrss``), at every corpus size.

Not a test: nothing is asserted, the figures are printed.

    .venv/bin/python benchmarks/bench_batch.py                          # 10 k articles
    .venv/bin/python benchmarks/bench_batch.py --articles 10000 100000  # and 100 k
    .venv/bin/python benchmarks/bench_batch.py --articles 100000 --skip baseline
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import time
from pathlib import Path

import factbeat

OUTLETS = ["Northfield Courier", "Riverside Echo", "Eastgate Gazette", "Westmoor Times", "Harbour Post",
           "Valley Chronicle", "Southbank Advertiser", "Hilltop News"]
AREAS = ["Barnet", "Croydon", "Hackney", "Lambeth", "Ealing", "Brent", "Leeds", "Bradford", "Wakefield",
         "Northfield", "Riverside", "the borough", "the district"]
CRIMES = ["burglary", "knife crime", "robbery", "vehicle crime", "shoplifting", "violent crime",
          "criminal damage", "drug offences", "theft from the person", "anti-social behaviour"]
NAMES = ["Chief Inspector Dana Marsh", "Superintendent Olu Adeyemi", "Councillor Priya Shah",
         "Detective Sergeant Ian Folau", "Inspector Mei Lin Cho"]
HEADLINES = [
    "{Crime} up in {area} as new figures published",
    "{Area}: {crime} figures show mixed picture for the year",
    "Police chief responds as {crime} rises in {area}",
    "{Crime} down in {area}, but residents still worried",
]
CHANGES = [
    "{Crime} in {area} rose from {a:,} to {b:,} in the year to March, an increase of {p} per cent.",
    "Police recorded {b:,} {crime} offences in {area} in {year}, up from {a:,} in {prev}, a rise of {p}%.",
    "{Crime} fell by {q} per cent, from {b:,} to {a:,}, according to the force's own figures.",
    "The number of offences reached {b:,} in {year}, almost {mult} the {h:,} recorded in {prev}.",
    "Reports of {crime} went up {p} per cent across the area, with {b:,} cases in the twelve months.",
]
DETAILS = [
    "{Area} accounted for {k} of the {n} {crime} offences recorded across the force area.",
    "Of the {n} incidents, {k} took place in or near the town centre, one {den}.",
    "The {crime} rate in {area} stands at {r} offences per 1,000 residents.",
    "Officers made {a2:,} arrests and seized {w} weapons during the six-week operation.",
    "There were {small} reports on a single weekend in {month}, the highest since records began.",
    "{Area} now has the {ordinal}-highest rate of {crime} of the {total} districts in the region.",
]
TRAPS = [
    "A {age}-year-old man was arrested on {day} {month} and is due to appear before magistrates.",
    "The community desk at the station is open from 10am to 4pm, Monday to Friday.",
    "Anyone with information should call 101, quoting reference {ref}, or Crimestoppers on 0800 555 111.",
    "The scheme, first launched in {prev}, was extended for a further 12 months last spring.",
    "Two men, aged {age} and {age2}, were charged and remanded in custody.",
]
QUOTES = [
    "“Every one of these numbers is a victim, and we take that seriously,” said {name}.",
    "“We have put more officers on the streets in the evenings and it is starting to show,” said {name}.",
    "{name} said the force was working with schools and youth groups to stop problems early.",
    "“People tell us they do not always report what happens, so the true picture may be worse,” said {name}.",
]
FILLER = [
    "Residents at a packed public meeting at the library called for more visible patrols.",
    "Shopkeepers on the high street said they had installed new shutters and cameras.",
    "The council said it would keep funding the youth outreach project despite budget pressures.",
    "Neighbourhood watch groups have been set up in several streets since the summer.",
    "Campaigners say the causes of crime have to be tackled long before anyone reaches a courtroom.",
    "The figures were published on Thursday as part of the force's annual performance report.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]
PARTITION_SIZE = 1000
ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def _values(rng: random.Random) -> dict:
    a = rng.randint(80, 4000)
    b = a + rng.randint(a // 20 + 1, a)
    wrong = rng.random() < 0.12  # some stories get a figure wrong
    p = round((b - a) * 100 / a) + (rng.choice([3, 5, -4, 9]) if wrong else 0)
    ratio = b / a
    mult = "double" if ratio < 1.6 and wrong or 1.8 <= ratio <= 2.2 else "treble" if 2.7 <= ratio <= 3.3 else "double"
    k = rng.randint(5, 60)
    den, share = rng.choice([("fifth", 5), ("quarter", 4), ("third", 3)])
    n = k * share + (rng.randint(1, k) if wrong else 0)
    crime, area, year = rng.choice(CRIMES), rng.choice(AREAS), rng.randint(2012, 2023)
    return dict(a=a, b=b, p=p, q=round((b - a) * 100 / b) + (2 if wrong else 0), h=b // 2 + rng.randint(0, b // 10),
                mult=mult, k=k, n=n, den=den, r=round(rng.uniform(2, 45), 1), a2=rng.randint(12, 400),
                w=rng.randint(3, 90), small=rng.randint(11, 60), month=rng.choice(MONTHS),
                ordinal=ORDINALS[rng.randint(2, 5)], total=rng.randint(8, 14), crime=crime,
                Crime=crime.capitalize(), area=area, Area=area[0].upper() + area[1:], year=year, prev=year - 1,
                age=rng.randint(16, 58), age2=rng.randint(16, 58), day=rng.randint(1, 28),
                ref=rng.randint(1000, 9999), name=rng.choice(NAMES))  # fmt: skip


def make_story(rng: random.Random, words: int = 350) -> str:
    """One local-paper crime story of about ``words`` words, one sentence or two per paragraph."""
    v = _values(rng)
    paragraphs = [rng.choice(HEADLINES).format(**v), rng.choice(CHANGES).format(**v)]
    count = sum(len(p.split()) for p in paragraphs)
    while count < words:
        roll = rng.random()
        pool = DETAILS if roll < 0.3 else CHANGES if roll < 0.4 else TRAPS if roll < 0.55 else QUOTES if roll < 0.75 else FILLER
        sentence = rng.choice(pool).format(**(_values(rng) if pool is CHANGES or rng.random() < 0.3 else v))
        if sentence in paragraphs:  # a story says each thing once
            continue
        paragraphs.append(sentence)
        count += len(sentence.split())
    return "\n\n".join(paragraphs)


def make_corpus(path: Path, articles: int, seed: int = 17) -> Path:
    """Write (once) ``articles`` generated stories as JSON Lines."""
    if path.exists():
        return path
    rng = random.Random(seed)
    temp = path.with_suffix(".tmp")
    with temp.open("w", encoding="utf-8") as handle:
        for i in range(articles):
            year = rng.randint(2013, 2024)
            row = {"id": f"story-{i:07d}", "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   "outlet": rng.choice(OUTLETS), "url": f"https://example.org/news/{i}", "text": make_story(rng)}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    temp.replace(path)
    return path


def _cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the local engine's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run(corpus: Path, out: Path, **kwargs) -> dict:
    """One run; the summary gains the CPU seconds this process and its worker processes used."""
    shutil.rmtree(out, ignore_errors=True)
    before = _cpu_seconds()
    run = factbeat.check_archive(corpus, out, partition_size=PARTITION_SIZE, **kwargs)
    run.summary["this_run"]["cpu_seconds"] = _cpu_seconds() - before
    return run.summary


def bench(corpus: Path, workdir: Path, skip: set[str], spark=None) -> dict:
    results = {}
    if "baseline" not in skip:
        results["baseline"] = _run(corpus, workdir / "out-baseline", workers=1)
    if "local2" not in skip:
        results["local2"] = _run(corpus, workdir / "out-local2", workers=2)
    if "spark" not in skip and spark is not None:
        results["spark"] = _run(corpus, workdir / "out-spark", engine="spark", spark=spark)
    return results


def bench_grounding(workdir: Path, db: Path, articles: int) -> None:
    """Articles/s in one process with and without grounding, on the same articles, alternating."""
    corpus = make_corpus(workdir / f"stories-{articles}.jsonl", articles, seed=5)
    rates: dict[str, list[float]] = {"no-ground": [], "ground": []}
    for _ in range(2):
        for name, ground in (("no-ground", False), ("ground", True)):
            summary = _run(corpus, workdir / f"out-{name}", workers=1, ground=ground, db=db)
            rates[name].append(summary["this_run"]["articles_per_second"])
            if ground:
                print(json.dumps(summary["data_verdicts"]), f"peak RSS {summary['this_run']['peak_rss_mb_per_worker']:.0f} MB")
    best = {name: max(values) for name, values in rates.items()}
    print(f"{articles} articles, one process: {best['no-ground']:.1f} articles/s without grounding, "
          f"{best['ground']:.1f} with ({best['ground'] / best['no-ground']:.2f}x)")


def start_spark(workdir: Path) -> tuple[object, float]:
    """A local[2] session with its Python workers started: the fixed cost of the Spark engine."""
    from factbeat.batch.spark import spark_session

    started = time.perf_counter()
    spark = spark_session("local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    warm = make_corpus(workdir / "warmup-40.jsonl", 40, seed=3)
    shutil.rmtree(workdir / "out-warmup", ignore_errors=True)
    factbeat.check_archive(warm, workdir / "out-warmup", engine="spark", spark=spark, partition_size=20)
    return spark, time.perf_counter() - started


def main() -> None:
    global PARTITION_SIZE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/factbeat-bench-batch"))
    parser.add_argument("--skip", nargs="*", default=[], choices=["baseline", "local2", "spark"])
    parser.add_argument("--partition-size", type=int, default=PARTITION_SIZE)
    parser.add_argument("--ground-db", type=Path, help="also time grounding on this store (one process)")
    parser.add_argument("--ground-articles", type=int, default=500)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    PARTITION_SIZE = args.partition_size
    if args.ground_db:
        return bench_grounding(args.workdir, args.ground_db, args.ground_articles)
    skip = set(args.skip)
    spark, startup = (None, None) if "spark" in skip else start_spark(args.workdir)
    if startup is not None:
        print(f"Spark local[2] start-up (session + warm-up job of 2 partitions): {startup:.1f} s", flush=True)
    rows = []
    for n in args.articles:
        corpus = make_corpus(args.workdir / f"stories-{n}.jsonl", n)
        results = bench(corpus, args.workdir, skip, spark)
        base = results.get("baseline", {}).get("this_run", {}).get("articles_per_second")
        for name, summary in results.items():
            run = summary["this_run"]
            ratio = f"{run['articles_per_second'] / base:.2f}x" if base else "-"
            cpu = run["cpu_seconds"] / run["seconds"] if name != "spark" else None  # Spark's workers are not our children
            rows.append((n, name, run["articles"], summary["claims"], run["seconds"], run["articles_per_second"],
                         ratio, run["workers"], run["peak_rss_mb_per_worker"], cpu))
            print(f"{n:>7,} {name:<9} {run['articles']:>7,} articles {summary['claims']:>8,} claims "
                  f"{run['seconds']:8.1f} s {run['articles_per_second']:7.1f} articles/s {ratio:>6} "
                  f"workers {run['workers']} peak RSS {run['peak_rss_mb_per_worker']:.0f} MB/worker", flush=True)
        print(json.dumps({name: s["verdicts"] for name, s in results.items()}), flush=True)
    print("\n| articles | run | articles/s | vs baseline | s | workers | peak RSS MB/worker | cores obtained |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n, name, _arts, _claims, secs, rate, ratio, workers, rss, cpu in rows:
        cores = f"{cpu:.2f}" if cpu is not None else "-"
        print(f"| {n:,} | {name} | {rate:,.1f} | {ratio} | {secs:,.1f} | {workers} | {rss:,.0f} | {cores} |")
    if spark is not None:
        spark.stop()


if __name__ == "__main__":
    main()
