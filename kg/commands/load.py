"""``kg load SOURCE FILE [--mapping FILE]`` and ``kg loads``.

Why a progress bar only on a terminal: scripted runs (cron, CI) capture stdout and a
redrawn bar would fill their logs; the summary table is printed either way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kg.settings import get_settings
from kg.store.ledger import Ledger, LoadSummary
from loaders.load import load_file


def _console() -> Console:
    return Console(soft_wrap=True)


@click.command("load")
@click.argument("source")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    help="TOML mapping file for a layout that is not one of the five (see docs/input-formats.md).",
)
def load_cmd(source: str, file: Path, mapping: Path | None) -> None:
    """Load FILE as SOURCE (police, civil_affairs, family_planning, housing, organisations)."""
    console = _console()
    with Ledger(get_settings().ledger_path) as ledger:
        if sys.stdout.isatty() and console.is_terminal:
            columns = [TextColumn(f"loading {file.name}"), BarColumn(), DownloadColumn()]
            with Progress(*columns, TimeRemainingColumn(), console=console) as bar:
                task = bar.add_task("load", total=None)

                def progress(done: int, total: int, unit: str) -> None:
                    bar.update(task, completed=done, total=total)

                summary = load_file(ledger, source, file, mapping, progress=progress)
        else:
            summary = load_file(ledger, source, file, mapping)
    _print_summary(console, summary)


def _print_summary(console: Console, s: LoadSummary) -> None:
    if s.already_loaded_as is not None:
        console.print(
            f"{s.path}: already loaded as load #{s.already_loaded_as}; nothing changed "
            f"({s.unchanged} rows unchanged)."
        )
    table = Table(title=f"{s.source}: {Path(s.path).name}", show_header=False)
    table.add_column("what")
    table.add_column("rows", justify="right")
    for label, value in (
        ("rows read", s.rows_read),
        ("loaded (new)", s.loaded),
        ("updated (new version)", s.updated),
        ("unchanged (already present)", s.unchanged),
        ("rejected", s.rejected),
    ):
        table.add_row(label, f"{value:,}")
    console.print(table)
    for note in s.notes:
        console.print(f"note: {note}")
    if s.reject_report:
        console.print(f"reject report: {s.reject_report}")


@click.command("loads")
@click.option("--source", help="Only this source.")
def loads_cmd(source: str | None) -> None:
    """List the files loaded so far, oldest first."""
    console = _console()
    with Ledger(get_settings().ledger_path) as ledger:
        history = ledger.load_history(source)
    table = Table(title="loads")
    for col in ("id", "source", "file", "finished", "read", "loaded", "updated", "unchanged"):
        table.add_column(col, justify="right" if col not in ("source", "file") else "left")
    table.add_column("rejected", justify="right")
    for h in history:
        table.add_row(
            str(h.load_id), h.source, Path(h.path).name, (h.finished_at or "")[:19],
            f"{h.rows_read:,}", f"{h.loaded:,}", f"{h.updated:,}", f"{h.unchanged:,}",
            f"{h.rejected:,}",
        )  # fmt: skip
    console.print(table if history else "no loads yet")
