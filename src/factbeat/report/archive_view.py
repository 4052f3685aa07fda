"""The end-of-run summary of ``factbeat check-archive``, for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_archive_summary(summary: dict, console: Console) -> None:
    """Articles, claims, verdicts, the outlets with most inconsistent claims, and where the output is."""
    run = summary.get("this_run") or {}
    verdicts = summary["verdicts"]
    console.print(f"[bold]{summary['articles']:,} articles[/bold], {summary['claims']:,} claims: "
                  f"{verdicts['consistent']:,} consistent, {verdicts['inconsistent']:,} inconsistent, "
                  f"{verdicts['unverifiable']:,} unverifiable")
    if summary["data_verdicts"]:
        console.print("against the data: " + ", ".join(f"{n:,} {v.replace('_', ' ')}"
                                                       for v, n in summary["data_verdicts"].items()))
    if run:
        rate = run.get("articles_per_second")
        console.print(f"this run: {run['articles']:,} articles in {run['seconds']:.1f} s"
                      + (f" ({rate:,.0f} articles/s)" if rate else "")
                      + f" with the {run['engine']} engine; {run['partitions_skipped']} partitions already done")
    if summary["articles_with_errors"]:
        console.print(f"[yellow]{summary['articles_with_errors']:,} articles could not be checked[/yellow], e.g.:")
        for error in summary["first_errors"]:
            console.print(f"  {error['source']}: {error['error']}")
    if summary["outlets_most_inconsistent"]:
        table = Table(title="outlets with the most inconsistent claims", title_justify="left")
        table.add_column("outlet")
        table.add_column("inconsistent", justify="right")
        table.add_column("claims", justify="right")
        for row in summary["outlets_most_inconsistent"]:
            table.add_row(row["outlet"], f"{row['inconsistent']:,}", f"{row['claims']:,}")
        console.print(table)
    console.print(f"output: {summary['output']}/claims and {summary['output']}/articles (Parquet)")


class ArchiveProgress:
    """Rich progress on stderr: articles checked and articles per second (a no-op when disabled).

    Its ``update`` is the ``progress`` callback of :func:`factbeat.batch.check_archive`.
    """

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled

    def __enter__(self) -> ArchiveProgress:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True))
            self.bar.start()
            self.task = self.bar.add_task("articles", total=None, rate="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()

    def update(self, done: int, total: int) -> None:
        if self.enabled:
            elapsed = self.bar.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:,.0f} articles/s" if elapsed > 0 else ""
            self.bar.update(self.task, completed=done, total=total, rate=rate)
