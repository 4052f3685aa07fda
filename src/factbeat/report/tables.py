"""Rich tables and evidence lines for the terminal.  Presentation only: no statistics here."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from factbeat.report.sentences import change_sentence, figure_sentence, rank_sentence
from factbeat.report.wording import number
from factbeat.stats.model import Change, Figure, Ranking
from factbeat.store import IngestReport


def _source_lines(sources: list[dict]) -> list[str]:
    def where(lines: str) -> str:
        return lines if lines == "all rows" else f"lines {lines}"

    return [f"  source: {s['file_name']} ({where(s['lines'])}), {s['publisher']}, {s['licence']}" for s in sources]


def print_figure(fig: Figure, console: Console) -> None:
    console.print(f"[bold]{figure_sentence(fig)}[/bold]")
    console.print(f"  definition: {fig.measure.definition}", style="dim")
    for line in _source_lines(fig.sources):
        console.print(line, style="dim")
    for note in fig.notes:
        console.print(f"  note: {note}", style="yellow")
    for other in fig.other_schemes:
        console.print(f"  also stored: {other['label']}: {number(other['count'])}"
                      f"{'' if other['complete'] else ' (incomplete)'} - ask with {other['how']}", style="cyan")


def print_change(result: Change, console: Console) -> None:
    console.print(f"[bold]{change_sentence(result)}[/bold]")
    for line in _source_lines(result.after.sources):
        console.print(line, style="dim")
    for note in result.before.notes + result.after.notes:
        console.print(f"  note: {note}", style="yellow")


def print_ranking(ranking: Ranking, console: Console) -> None:
    word = "lowest" if ranking.order == "asc" else "highest"
    force = ranking.within is not None and ranking.within.kind == "force"
    unit = f"areas of {ranking.within.name}" if force else "boroughs"
    table = Table(title=f"{ranking.measure.label}, {ranking.period.label}: {unit} by {ranking.by} (1 = {word})")
    base = ranking.measure.rate_per  # 100,000 for rare crimes: '2.1 per 100,000', not '0.0 per 1,000'
    for column in ("rank", "area" if force else "borough", "count", "population", f"per {base:,}"):
        table.add_column(column, justify="left" if column in ("borough", "area") else "right")
    for row in ranking.rows:
        rate = None if row.rate_per_1000 is None else row.rate_per_1000 * base / 1000
        table.add_row(str(row.rank), row.area.name, number(row.count), number(row.population), number(rate, 1))
    console.print(table)
    population = f"{ranking.population_source} {ranking.population_year}" if ranking.population_source else "none stored"
    console.print(f"  scheme: {ranking.scheme}; population: {population}", style="dim")
    for note in ranking.notes:
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
    table = Table(title="Stored sources")
    for column in ("id", "file", "format", "scheme", "rows", "months", "publisher", "licence", "ingested"):
        table.add_column(column)
    for s in rows:
        months = f"{str(s['first_month'])[:7]}..{str(s['last_month'])[:7]}" if s["first_month"] else ""
        table.add_row(str(s["source_id"]), s["file_name"], s["format"], s["scheme"] or "", number(s["rows_stored"]),
                      months, s["publisher"] or "", s["licence"] or "", str(s["ingested_at"])[:19])
    console.print(table)


def print_measures(rows: list[dict], console: Console) -> None:
    for m in rows:
        stored = ", ".join(m["stored_in"]) or "not in stored data"
        console.print(f"[bold]{m['name']}[/bold] ({m['key']}; {stored})")
        console.print(f"  {m['definition']}", style="dim")
        console.print(f"  aliases: {', '.join(m['aliases'])}", style="dim")


def print_coverage(result: dict, console: Console) -> None:
    """Street-level coverage: one row per force and month stored, then each force's gaps."""
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
