"""Rich tables and evidence lines for the terminal.  Presentation only: no statistics here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factbeat.report.console import print_table
from factbeat.report.sentences import (
    change_sentence,
    figure_sentence,
    rank_sentence,
    share_sentence,
)
from factbeat.report.wording import compress_lines, number, places
from factbeat.stats.model import Change, Figure, Ranking, Share
from factbeat.store import IngestReport
from factbeat.taxonomy.schemes import get_scheme

if TYPE_CHECKING:
    from rich.console import Console  # or report.console.PlainConsole: both print the same


def unique(items: list[str]) -> list[str]:
    """Notes in order, each once (two figures of one change often carry the same note)."""
    return list(dict.fromkeys(items))


def source_lines(sources: list[dict]) -> list[str]:
    """One line per file: name, the lines used (long lists summarised), publisher, licence, address."""
    def where(lines: str) -> str:
        return lines if lines == "all rows" else f"lines {compress_lines(lines)}"

    return [
        f"  source: {s['file_name']} ({where(s['lines'])}), {s['publisher']}, {s['licence']}"
        + (f", {s['url']}" if s.get("url") else "")
        for s in sources
    ]


def merged_sources(*groups: list[dict]) -> list[dict]:
    """The files of several figures, each once (lines joined), for a change's two periods."""
    from factbeat.stats.provenance import line_ranges

    out: dict[int, dict] = {}
    lines: dict[int, set[int] | None] = {}
    for group in groups:
        for s in group:
            out.setdefault(s["source_id"], s)
            numbers = _line_numbers(s["lines"])
            if numbers is None or lines.get(s["source_id"], set()) is None:
                lines[s["source_id"]] = None
            else:
                lines[s["source_id"]] = lines.get(s["source_id"], set()) | numbers
    return [{**out[k], "lines": "all rows" if lines[k] is None else line_ranges(lines[k])} for k in sorted(out)]


def _line_numbers(text: str) -> set[int] | None:
    """The line numbers in '2-9, 40' (None for 'all rows', the street-level citation)."""
    if not text or not text[0].isdigit():
        return None
    numbers: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        numbers.update(range(int(first), int(last or first) + 1))
    return numbers


def _context(console: Console, fig: Figure, sources: list[dict], notes: list[str]) -> None:
    """Definition, scheme, sources and notes: what a figure needs to be quoted honestly."""
    console.print(f"  scheme: {get_scheme(fig.scheme).label}", style="dim")
    console.print(f"  definition: {fig.measure.definition}", style="dim")
    for line in source_lines(sources):
        console.print(line, style="dim")
    for note in unique(notes):
        console.print(f"  note: {note}", style="yellow")


def print_figure(fig: Figure, console: Console) -> None:
    console.print(f"[bold]{figure_sentence(fig)}[/bold]")
    _context(console, fig, fig.sources, fig.notes)
    for other in fig.other_schemes:
        console.print(f"  also stored: {other['label']}: {number(other['count'])}"
                      f"{'' if other['complete'] else ' (incomplete)'} - ask with {other['how']}", style="cyan")


def print_change(result: Change, console: Console) -> None:
    console.print(f"[bold]{change_sentence(result)}[/bold]")
    sources = merged_sources(result.before.sources, result.after.sources)
    _context(console, result.after, sources, result.notes + result.before.notes + result.after.notes)


def print_share(result: Share, console: Console) -> None:
    console.print(f"[bold]{share_sentence(result)}[/bold]")
    sources = merged_sources(result.part.sources, result.whole.sources)
    _context(console, result.part, sources, result.part.notes + result.whole.notes)


def print_ranking(ranking: Ranking, console: Console) -> None:
    word = "lowest" if ranking.order == "asc" else "highest"
    force = ranking.within is not None and ranking.within.kind == "force"
    unit = f"districts policed by {ranking.within.name}" if force else "London boroughs"
    base = ranking.measure.rate_per  # 100,000 for rare crimes: '2.1 per 100,000', not '0.0 per 1,000'
    by = f"rate per {base:,} residents" if ranking.by == "rate" else "number of offences"
    title = f"{ranking.measure.label}, {ranking.period.label}: {unit} by {by} (1 = {word})"
    columns = ["rank", "place", "district" if force else "borough", "count"]
    if ranking.by == "rate":
        columns += ["population", f"per {base:,}"]
    justify = ["left" if column in ("borough", "district", "place") else "right" for column in columns]
    named = places([row.rank for row in ranking.rows], ranking.order)
    rows = []
    for row, said in zip(ranking.rows, named, strict=True):
        cells = [str(row.rank), said, row.area.name, number(row.count)]
        if ranking.by == "rate":
            rate = None if row.rate_per_1000 is None else row.rate_per_1000 * base / 1000
            cells += [number(row.population), number(rate, 1)]
        rows.append(cells)
    print_table(console, title, columns, justify, rows)
    population = f"{ranking.population_source} {ranking.population_year}" if ranking.population_source else "none stored"
    console.print(f"  scheme: {get_scheme(ranking.scheme).label}"
                  + (f"; population: {population}" if ranking.by == "rate" else ""), style="dim")
    console.print(f"  definition: {ranking.measure.definition}", style="dim")
    for line in source_lines(ranking.sources):
        console.print(line, style="dim")
    for note in unique(ranking.notes):
        console.print(f"  note: {note}", style="yellow")


def print_rank_position(ranking: Ranking, code: str, console: Console) -> None:
    sentence = rank_sentence(ranking, code)
    if sentence:
        console.print(sentence)


def print_ingest_reports(reports: list[IngestReport], console: Console) -> None:
    """One line per file (tables wrap badly in logs): what was read, stored, refused and revised."""
    for r in reports:
        months = f", {(r.first_month or '')[:7]}..{(r.last_month or '')[:7]}" if r.first_month else ""
        style = "green" if r.status == "stored" else "dim"
        console.print(f"[{style}]{r.status:<9}[/{style}] {r.file.rsplit('/', 1)[-1]}  ({r.scheme or r.format}{months})")
        if r.status == "stored":
            console.print(f"          {number(r.rows_read)} rows read = {number(r.rows_stored)} stored + "
                          f"{number(r.rows_refused)} refused; {number(r.observations)} observations", style="dim")
        if r.values_replaced:
            console.print(f"          revised {number(r.values_replaced)} stored values ({number(r.values_changed)} changed) "
                          f"from {', '.join(r.replaced_files)}; old values kept as history", style="dim")
        if r.note:
            console.print(f"          {r.note}", style="dim")


def print_sources(rows: list[dict], console: Console) -> None:
    """Stored files in a table that fits 80 columns (file names fold); addresses listed below it."""
    from rich.table import Table

    table = Table(title="Stored sources", expand=False)
    table.add_column("#", justify="right")
    table.add_column("file", overflow="fold", ratio=3)
    table.add_column("holds", overflow="fold", ratio=2)
    table.add_column("months", no_wrap=True)
    table.add_column("rows", justify="right", no_wrap=True)
    for s in rows:
        months = f"{str(s['first_month'])[:7]}..{str(s['last_month'])[:7]}" if s["first_month"] else ""
        holds = get_scheme(s["scheme"]).label if s.get("scheme") else (s.get("kind") or s["format"])
        table.add_row(str(s["source_id"]), s["file_name"], holds, months, number(s["rows_stored"]))
    console.print(table)
    for s in rows:
        where = s.get("url") or "address not recorded"
        console.print(f"  {s['source_id']}: {s['publisher'] or 'publisher not recorded'}, "
                      f"{s['licence'] or 'licence not recorded'}; {where}", style="dim", soft_wrap=False, overflow="fold")


def print_areas(rows: list[dict], console: Console) -> None:
    """Areas in a table that fits 80 columns: name, ONS code, kind and aliases (folded)."""
    from rich.table import Table

    table = Table(title="Areas", expand=True)
    table.add_column("area", overflow="fold", ratio=3)
    table.add_column("code", overflow="fold", ratio=2)
    table.add_column("kind", no_wrap=True, min_width=8)
    table.add_column("also called", overflow="fold", ratio=4)
    for row in rows:
        table.add_row(row["name"], row["code"], row["kind"], ", ".join(row["aliases"]))
    console.print(table)


def print_measures(rows: list[dict], console: Console) -> None:
    for m in rows:
        stored = ", ".join(m["stored_in"]) or "not in stored data"
        console.print(f"[bold]{m['name']}[/bold] ({m['key']}; {stored})")
        console.print(f"  {m['definition']}", style="dim")
        console.print(f"  aliases: {', '.join(m['aliases'])}", style="dim")


def print_coverage(result: dict, console: Console) -> None:
    """Street-level coverage: one row per force and month stored, then each force's gaps."""
    from rich.table import Table

    if not result["forces"]:
        for note in result["notes"]:
            console.print(f"  note: {note}", style="yellow")
        return
    span = result["span"]
    table = Table(
        title=f"Street-level rows per force and month ({span['first']} to {span['last']}, {span['months']} months)"
    )
    for column in ("force", "month", "rows", "no location", "refused (file)", "file", "flag"):
        table.add_column(
            column,
            justify="right" if column in ("rows", "no location", "refused (file)") else "left",
        )
    for force in result["forces"]:
        for m in force["months"]:
            share = f" ({100 * m['no_location'] / m['rows']:.1f}%)" if m["rows"] else ""
            table.add_row(
                force["force"],
                m["month"],
                number(m["rows"]),
                number(m["no_location"]) + share,
                number(m["refused_in_file"]),
                m["file"],
                "low" if m["low"] else "",
            )
    console.print(table)
    summary = Table(title="Per force")
    for column in ("force", "months stored", "rows", "no location", "missing months"):
        summary.add_column(column)
    from factbeat.stats.coverage import compress_months

    for force in result["forces"]:
        summary.add_row(
            force["force"],
            f"{force['months_present']} ({force['first']}..{force['last']})",
            number(force["rows"]),
            number(force["no_location"]),
            compress_months(force["missing_months"]) or "none",
        )
    console.print(summary)
    for note in result["notes"]:
        console.print(f"  note: {note}", style="yellow")
