"""The ``factbeat`` command line: parse, call the library, print.

Commands stay thin: each one opens the store through :func:`factbeat.open`, calls one API
method and prints the result with Rich, or as JSON with ``--json``.  Heavy modules are imported
inside the commands so that ``factbeat --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click


def print_json(data: Any) -> None:
    from factbeat.jsontext import dumps

    click.echo(dumps(data, indent=2, ensure_ascii=False))


def console():
    """Rich's console, or on a pipe or file a plain one that prints the same characters without
    importing Rich (report/console.py)."""
    from factbeat.report.console import console as make_console

    return make_console()


def handle_errors(func: Callable) -> Callable:
    """Turn factbeat's own errors into one clear line (exit 1); -v shows the traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from factbeat.errors import FactbeatError

        try:
            return func(*args, **kwargs)
        except FactbeatError as exc:
            if click.get_current_context().find_root().params.get("verbose"):
                raise
            raise click.ClickException(str(exc)) from None

    return wrapper


@contextlib.contextmanager
def ingest_bar(*, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich bar on stderr (so ``--json`` on stdout stays clean) fed by the library's
    ``on_progress(rows stored, rows expected)`` callback; ``None`` (no bar) when disabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("ingest"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("{task.completed:>12,.0f} rows"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    )
    task = bar.add_task("ingest", total=None, rate="")

    def on_progress(done: int, total: int) -> None:
        elapsed = bar.tasks[0].elapsed or 0.0
        rate = f"{done / elapsed:,.0f} rows/s" if elapsed > 0 else ""
        bar.update(task, completed=done, total=total or None, rate=rate)

    with bar:
        yield on_progress


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON (see docs/json.md).")(func)


def scheme_option(func: Callable) -> Callable:
    return click.option("--scheme", help="Category scheme: home_office, ho_detailed, mps_legacy or police_uk "
                        "(default: the current Home Office series where it covers the period; README).")(func)


def open_db(ctx: click.Context, read_only: bool = False):
    import factbeat

    _report_lock_waits()
    # A command that reads runs small queries, one after another: DuckDB's second thread would cost
    # more CPU coordinating than it saves (issue 13: a few per cent of a grounded check).
    fb = factbeat.open(ctx.find_root().params.get("db"), read_only=read_only, threads=1 if read_only else None)
    return _open_until_exit(fb) if read_only and _ENDS_AFTER_COMMAND else fb


# Set by main(): this process ends when the command returns (not so under CliRunner or an import).
_ENDS_AFTER_COMMAND = False
_left_open: list[Any] = []  # read-only stores whose closing the process exit does (see _leave)


@contextlib.contextmanager
def _open_until_exit(fb: Any) -> Iterator[Any]:
    """A read-only store that stays open until the process ends, if it ends without error:
    closing a DuckDB connection frees the engine's catalogue piece by piece (5 ms of a command's
    start-up), which the exit does at once; nothing is written, and readers never block readers.
    On an error, or when the process does not end at once (:func:`_leave`), it is closed."""
    try:
        yield fb
    except BaseException:
        fb.close()
        raise
    _left_open.append(fb)


def _close_left_open() -> None:
    while _left_open:
        _left_open.pop().close()


def _report_lock_waits() -> None:
    """Say on stderr when another factbeat process is writing the store and we wait for it."""
    from factbeat.store.connection import report_waits_to

    report_waits_to(lambda message: click.echo(message, err=True))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="FACTBEAT_DB", type=click.Path(dir_okay=False),
              help="DuckDB store to use (default: factbeat.duckdb in your data folder; env FACTBEAT_DB).")
@click.option("-v", "--verbose", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="factbeat")
def cli(db: str | None, verbose: bool) -> None:
    """factbeat: figures from official police-recorded crime data, and checks of printed figures.

    \b
    Example:
        factbeat download all --mirror ../shared/data
        factbeat figure Barnet "violence against the person" 2016
        factbeat rank "violence against the person" 2016 --by rate --order asc
        factbeat check story.txt --date 2017-02-10
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the files (e.g. cp1252).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (for scripts).")
@click.option("--accept-new-categories", is_flag=True,
              help="Store categories the scheme does not publish (refused by default: usually a typo).")
@click.option("--accept-shrink", is_flag=True,
              help="Let a street file replace a force-month with far fewer rows (refused by default: usually a cut file).")
@json_option
@click.pass_context
@handle_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], encoding: str, quiet: bool, accept_new_categories: bool,
           accept_shrink: bool, as_json: bool) -> None:
    """Read official data files into the store (all or nothing: an error stores none of them).

    \b
    Example:
        factbeat ingest "MPS_Borough_Level_Crime_Historic.csv" london_borough_population_2008_2024.csv
    """
    with open_db(ctx) as fb, ingest_bar(enabled=not (quiet or as_json)) as on_progress:
        reports = fb.ingest(paths, encoding=encoding, on_progress=on_progress,
                            accept_new_categories=accept_new_categories, accept_shrink=accept_shrink)
    if as_json:
        return print_json({"files": [r.to_dict() for r in reports]})
    from factbeat.report.tables import print_ingest_reports

    print_ingest_reports(reports, console())


@cli.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--mirror", envvar="FACTBEAT_MIRROR", help="Local folder or base URL laid out as <dataset>/<file> (env FACTBEAT_MIRROR).")
@json_option
@click.pass_context
@handle_errors
def download(ctx: click.Context, names: tuple[str, ...], mirror: str | None, as_json: bool) -> None:
    """Fetch official datasets by name ('all' for every one) and ingest them (all or nothing).

    \b
    Example:
        factbeat download all --mirror ../shared/data
        factbeat download mps-borough-crime-historic london-borough-population
    """
    with open_db(ctx) as fb:
        reports = fb.download(names, mirror)
    if as_json:
        return print_json({"files": [r.to_dict() for r in reports]})
    from factbeat.report.tables import print_ingest_reports

    print_ingest_reports(reports, console())


@cli.command()
@click.argument("area")
@click.argument("measure")
@click.argument("period")
@scheme_option
@click.option("--per", type=click.Choice(["1000", "100000"]), default=None,
              help="Rate per this many residents (default: 100,000 for rare crimes such as homicide and gun crime, else 1,000).")
@json_option
@click.pass_context
@handle_errors
def figure(ctx: click.Context, area: str, measure: str, period: str, scheme: str | None, per: str | None,
           as_json: bool) -> None:
    """Count of MEASURE in AREA over PERIOD, with a rate per 1,000 (per 100,000 for rare crimes) and sources.

    \b
    Example:
        factbeat figure Barnet "violence against the person" 2016
        factbeat figure "Kensington & Chelsea" burglary 2016/17 --json
        factbeat figure "Highgate, Camden" burglary 2023
        factbeat figure London "gun crime" 2016 --per 1000
    """
    with open_db(ctx, read_only=True) as fb:
        result = fb.figure(area, measure, period, scheme, per=int(per) if per else None)
    if as_json:
        return print_json(result.to_dict())
    from factbeat.report.tables import print_figure

    print_figure(result, console())


@cli.command()
@click.argument("area")
@click.argument("measure")
@click.argument("from_period")
@click.argument("to_period")
@scheme_option
@json_option
@click.pass_context
@handle_errors
def change(ctx: click.Context, area: str, measure: str, from_period: str, to_period: str, scheme: str | None, as_json: bool) -> None:
    """Change in MEASURE in AREA from FROM_PERIOD to TO_PERIOD, and whether it is more than chance.

    \b
    Example:
        factbeat change Barnet "violence against the person" 2015 2016
    """
    with open_db(ctx, read_only=True) as fb:
        result = fb.change(area, measure, from_period, to_period, scheme, with_others=as_json)  # text shows none
    if as_json:
        return print_json(result.to_dict())
    from factbeat.report.tables import print_change

    print_change(result, console())


@cli.command()
@click.argument("area")
@click.argument("measure")
@click.argument("period")
@scheme_option
@json_option
@click.pass_context
@handle_errors
def share(ctx: click.Context, area: str, measure: str, period: str, scheme: str | None, as_json: bool) -> None:
    """AREA's share of London's MEASURE over PERIOD.

    \b
    Example:
        factbeat share Barnet homicide 2016
    """
    with open_db(ctx, read_only=True) as fb:
        result = fb.share(area, measure, period, scheme, with_others=as_json)  # text shows none
    if as_json:
        return print_json(result.to_dict())
    from factbeat.report.tables import print_share

    print_share(result, console())


@cli.command(name="map")
@click.argument("measure")
@click.argument("period")
@click.option("--by", type=click.Choice(["rate", "count"]), default="rate", show_default=True)
@click.option("--highlight", metavar="BOROUGH", help="Outline this borough.")
@click.option("--png", "png", type=click.Path(dir_okay=False), help="Write the map as PNG here (default map.png).")
@click.option("--svg", "svg", type=click.Path(dir_okay=False), help="Write the map as SVG here.")
@click.option("--boundaries", type=click.Path(exists=True, dir_okay=False), help="Borough GeoJSON (default: from the mirror).")
@click.option("--mirror", envvar="FACTBEAT_MIRROR", help="Mirror folder holding london-borough-boundaries/ (env FACTBEAT_MIRROR).")
@click.option("--per", type=click.Choice(["1000", "100000"]), default=None, help="Rate per this many residents.")
@scheme_option
@json_option
@click.pass_context
@handle_errors
def map_command(ctx: click.Context, measure: str, period: str, by: str, highlight: str | None, png: str | None,
                svg: str | None, boundaries: str | None, mirror: str | None, per: str | None, scheme: str | None,
                as_json: bool) -> None:
    """Draw the boroughs' MEASURE over PERIOD as a map (offline), in quantile classes.

    \b
    Example:
        factbeat map "gun crime" 2023 --highlight Barnet --png gun-crime-2023.png --mirror ../shared/data
        factbeat map burglary 2016 --by count --svg burglary.svg
    """
    from factbeat.report.maps import to_png, to_svg

    with open_db(ctx, read_only=True) as fb:
        spec = fb.borough_map(measure, period, by=by, highlight=highlight, boundaries=boundaries, mirror=mirror,
                              per=int(per) if per else None, scheme=scheme)
    if as_json:
        return print_json(spec)
    written = []
    if svg:
        Path(svg).write_text(to_svg(spec), encoding="utf-8")
        written.append(svg)
    if png or not svg:
        target = png or "map.png"
        Path(target).write_bytes(to_png(spec))
        written.append(target)
    console().print(f"{spec['title']['text']}: map written to {', '.join(written)}")


@cli.command()
@click.argument("measure")
@click.argument("period")
@click.option("--by", type=click.Choice(["rate", "count"]), default="rate", show_default=True)
@click.option("--order", type=click.Choice(["desc", "asc"]), default="desc", show_default=True,
              help="desc: rank 1 is the highest; asc: rank 1 is the lowest.")
@click.option("--within", help="Rank the districts of a police force (e.g. 'West Yorkshire') instead of London's boroughs.")
@scheme_option
@json_option
@click.pass_context
@handle_errors
def rank(ctx: click.Context, measure: str, period: str, by: str, order: str, within: str | None, scheme: str | None,
         as_json: bool) -> None:
    """Rank the London boroughs by count or rate per 1,000 residents.

    \b
    Example:
        factbeat rank "violence against the person" 2016 --by rate --order asc
        factbeat rank burglary "July 2018" --within "West Yorkshire" --by count
    """
    with open_db(ctx, read_only=True) as fb:
        result = fb.rank(measure, period, by=by, order=order, scheme=scheme, within=within)
    if as_json:
        return print_json(result.to_dict())
    from factbeat.report.tables import print_ranking

    print_ranking(result, console())


@cli.command()
@click.argument("area")
@click.argument("measure")
@click.argument("period")
@scheme_option
@json_option
@click.pass_context
@handle_errors
def revisions(ctx: click.Context, area: str, measure: str, period: str, scheme: str | None, as_json: bool) -> None:
    """How a figure was revised: what earlier issues of the data said, against today's values.

    \b
    Example:
        factbeat revisions Barnet burglary 2022 --scheme home_office
    """
    with open_db(ctx, read_only=True) as fb:
        result = fb.revisions(area, measure, period, scheme)
    if as_json:
        return print_json(result)
    click.echo(f"{result['measure']['name']} in {result['area']['name']}, {result['period']['label']}: "
               f"{result['count_now']:,} now")
    if not result["revisions"]:
        click.echo("  no earlier values stored for these months")
    for r in result["revisions"]:
        click.echo(f"  {r['file']} said {r['count_then']:,} for {r['months']} ({r['n_months']} month{'s' if r['n_months'] != 1 else ''}); "
                   f"now {r['count_now']:,} ({r['difference']:+,}), revised by {r['replaced_by']}")


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@json_option
@click.pass_context
@handle_errors
def register(ctx: click.Context, path: str, as_json: bool) -> None:
    """Load a figures register (FOI answers, police statements) to check claims against.

    \b
    Example:
        factbeat register examples/register-barnet-firearms-2016.yaml
    """
    with open_db(ctx) as fb:
        result = fb.register(path)
    if as_json:
        return print_json(result)
    click.echo(f"{result['file']}: {result['status']}, {result['figures']} figures")


@cli.command()
@json_option
@click.pass_context
@handle_errors
def sources(ctx: click.Context, as_json: bool) -> None:
    """What is stored and where each file came from."""
    with open_db(ctx, read_only=True) as fb:
        rows = fb.sources()
    if as_json:
        return print_json({"sources": rows})
    from factbeat.report.tables import print_sources

    print_sources(rows, console())


@cli.command()
@json_option
@click.pass_context
@handle_errors
def measures(ctx: click.Context, as_json: bool) -> None:
    """The crime measures factbeat knows, their definitions and aliases."""
    with open_db(ctx) as fb:
        rows = fb.measures()
    if as_json:
        return print_json({"measures": rows})
    from factbeat.report.tables import print_measures

    print_measures(rows, console())


@cli.command()
@json_option
@click.pass_context
@handle_errors
def areas(ctx: click.Context, as_json: bool) -> None:
    """The areas factbeat knows: London, the City, the 32 boroughs, and districts and forces in stored street data."""
    from factbeat.store.connection import default_db_path
    from factbeat.taxonomy.areas import all_areas

    db = ctx.find_root().params.get("db") or default_db_path()
    if os.path.exists(db):
        with open_db(ctx, read_only=True) as fb:
            known = fb.areas()
    else:
        known = list(all_areas())
    rows = [{**a.to_dict(), "kind": a.kind, "aliases": list(a.aliases)} for a in known]
    if as_json:
        return print_json({"areas": rows})
    from factbeat.report.tables import print_areas

    print_areas(rows, console())


@cli.command()
@click.argument("source", type=click.Path(allow_dash=True))
@click.option("--date", "article_date", help="Article date (YYYY-MM-DD), to resolve 'last year'.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "markdown", "html"]), default="auto", show_default=True)
@click.option("--no-data", is_flag=True, help="Check arithmetic only; do not compare with stored data.")
@click.option("--budget", type=float, default=None, metavar="SECONDS",
              help="Stop after this many seconds (default 30) and show the claims of the sentences checked so far, "
                   "with a notice.")
@json_option
@click.pass_context
@handle_errors
def check(ctx: click.Context, source: str, article_date: str | None, fmt: str, no_data: bool,
          budget: float | None, as_json: bool) -> None:
    """Find every numeric claim in SOURCE (a file, or - for stdin) and check it.

    \b
    Example:
        factbeat check story.txt --date 2017-02-10
        cat story.html | factbeat check - --json --budget 30
    """
    from factbeat.claims import check_text, read_input
    from factbeat.claims.limits import DEFAULT_BUDGET, Budget

    clock = Budget(DEFAULT_BUDGET if budget is None else budget)  # one budget for reading, checking and grounding, started now
    text = read_input(source, fmt)
    result = check_text(text, date=article_date, budget=clock)
    if not no_data:
        _ground_claims(ctx, result)
    if as_json:
        return print_json(result.to_dict())
    from factbeat.report.claims_view import render_check

    render_check(result, console())


def _ground_claims(ctx: click.Context, result: Any) -> None:
    """Compare claims with stored data when a store exists (issue: data grounding)."""
    try:
        from factbeat.claims.ground.grounding import ground_result
    except ImportError:
        return
    from factbeat.store.connection import default_db_path

    db = ctx.find_root().params.get("db") or default_db_path()
    if not os.path.exists(db):
        return
    with open_db(ctx, read_only=True) as fb:
        ground_result(fb, result)


@cli.command("check-archive")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True))
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Output folder (a Parquet dataset; re-run to resume).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True)
@click.option("--workers", type=click.IntRange(min=1), help="Local worker processes (default: all cores).")
@click.option("--ground/--no-ground", default=None,
              help="Compare claims with the stored data (default: when the store exists).")
@click.option("--master", help="Spark master URL (default local[2]; e.g. spark://host:7077, yarn).")
@click.option("--partition-size", type=click.IntRange(min=1), help="Articles per output file (default 1000).")
@click.option("--budget", type=float, default=None, metavar="SECONDS",
              help="Seconds each article's check may take (default 30); a partial result says so in its row's notes.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (for scripts).")
@json_option
@click.pass_context
@handle_errors
def check_archive(ctx: click.Context, input_path: str, out: str, engine: str, workers: int | None,
                  ground: bool | None, master: str | None, partition_size: int | None, budget: float | None,
                  quiet: bool, as_json: bool) -> None:
    """Check every article of INPUT (JSON Lines or Parquet, file or folder) into a Parquet dataset.

    \b
    Example:
        factbeat check-archive articles.jsonl --out checked/ --no-ground
        factbeat check-archive archive/ --out checked/ --engine spark --master "local[2]"
    """
    import factbeat
    from factbeat.store import default_db_path

    db = ctx.find_root().params.get("db") or default_db_path()
    if ground is None:
        ground = os.path.exists(db)
    from factbeat.report.archive_view import ArchiveProgress, print_archive_summary

    with ArchiveProgress(enabled=not (quiet or as_json) and engine == "local") as bar:
        run = factbeat.check_archive(input_path, out, engine=engine, workers=workers, ground=ground, db=db,
                                     master=master, partition_size=partition_size, progress=bar.update,
                                     budget=10.0 if budget is None else budget)
    if as_json:
        return print_json({"output": str(run.out), "summary": run.summary})
    print_archive_summary(run.summary, console())


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (off by default).")
@click.option("--db", "serve_db", type=click.Path(dir_okay=False), help="Store to serve (same as the global --db).")
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="Requests answered at once (default 2: more only share the interpreter; raise it if many "
                   "readers send long checks at the same time).")
@click.pass_context
@handle_errors
def serve(ctx: click.Context, host: str, port: int, cors: bool, serve_db: str | None, threads: int | None) -> None:
    """Serve the JSON API and web pages (read-only) from the store.

    \b
    Example:
        factbeat serve --port 8000
    """
    from factbeat.web.server import run

    _report_lock_waits()
    run(serve_db or ctx.find_root().params.get("db"), host=host, port=port, cors=cors, threads=threads)


@cli.command()
@json_option
@click.pass_context
@handle_errors
def coverage(ctx: click.Context, as_json: bool) -> None:
    """Rows per force and month for street-level data, rows without location, and missing months."""
    with open_db(ctx, read_only=True) as fb:
        result = fb.coverage()
    if as_json:
        return print_json(result)
    from factbeat.report.tables import print_coverage

    print_coverage(result, console())


@cli.command()
@click.argument("area")
@click.option("--year", type=int, help="Calendar year (default: the latest complete year stored).")
@click.option("--measure", "measures", multiple=True, help="Crime type to include (repeatable; default: the main types).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write an HTML page with text, table and charts.")
@json_option
@click.pass_context
@handle_errors
def profile(ctx: click.Context, area: str, year: int | None, measures: tuple[str, ...], html_path: str | None, as_json: bool) -> None:
    """A short, quotable profile of AREA: counts, rates, change, rank and London comparison.

    \b
    Example:
        factbeat profile Barnet --year 2016 --html barnet.html
    """
    from factbeat.report.profile import build_profile

    with open_db(ctx, read_only=True) as fb:
        result = build_profile(fb, area, year, list(measures) or None)
        if html_path:
            from factbeat.report.profile_html import render_profile_html

            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(render_profile_html(fb, result))
    if as_json:
        return print_json(result.to_dict())
    click.echo(result.text)
    click.echo("")
    for d in result.definitions():
        click.echo(f"{d['measure']}: {d['scheme']}; population {d['population']}. {d['definition']}")
    for src in result.sources():
        click.echo(f"source: {src['file_name']}, {src['publisher']}, {src['licence']}"
                   + (f", {src['url']}" if src.get("url") else ""))
    for note in dict.fromkeys(n for m in result.measures for n in m.change.notes):
        click.echo(f"note: {note}")
    for line in result.skipped:
        click.echo(f"not included: {line}", err=True)
    if html_path:
        click.echo(f"\nwrote {html_path}", err=True)


def main() -> None:  # pragma: no cover
    """The ``factbeat`` command as installed: :func:`cli`, in a process that starts and ends cheaply.

    A one-off command spends about a tenth of its CPU in the cyclic garbage collector while its
    modules import (DuckDB, click, Rich and factbeat's own make tens of thousands of objects, none
    of them garbage), and another tenth tearing the interpreter down at exit, object by object.
    So the collector runs after every 50,000 new objects instead of 700 (it still runs: ``serve``
    and ``ingest`` live long), and a command that has finished, with its output flushed, its
    ``atexit`` handlers run and no other thread alive, leaves with :func:`os._exit`.  Output and
    exit status are exactly what :func:`cli` gives (benchmarks/bench_startup.py measures this).
    """
    import gc

    global _ENDS_AFTER_COMMAND
    gc.set_threshold(50_000, 10, 10)
    _ENDS_AFTER_COMMAND = True
    try:
        cli(prog_name="factbeat")
    except SystemExit as done:
        code = done.code
        if code is None or isinstance(code, int):
            _leave(code or 0)
        _close_left_open()
        raise  # a message to print (Python's own exit prints it), or another thread still runs
    except BaseException:
        _close_left_open()
        raise
    _leave(0)
    _close_left_open()


def _leave(code: int) -> None:  # pragma: no cover
    """End the process now, skipping the interpreter's teardown (nothing of ours needs it: stores
    written to are closed by their ``with`` blocks).  Returns without leaving if another thread still runs or
    the output cannot be flushed; the normal exit then does what it always did."""
    import atexit
    import threading

    if threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        return
    atexit._run_exitfuncs()
    os._exit(code)  # read-only stores still open (_open_until_exit) close with the process


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
