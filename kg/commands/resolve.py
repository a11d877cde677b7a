"""``kg resolve`` and ``kg export links``: the contract's second and third steps."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kg.pipeline import ResolveSummary, export_links, run_resolve
from kg.settings import get_settings


def print_resolve_summary(summary: ResolveSummary, console: Console) -> None:
    stats = summary.stats
    table = Table(title=f"kg resolve — run {summary.run_id} over {summary.records} records")
    table.add_column("entity space")
    table.add_column("references", justify="right")
    table.add_column("entities", justify="right")
    table.add_column("ids kept", justify="right")
    table.add_column("ids new", justify="right")
    for space in ("persons", "dwellings", "organisations"):
        table.add_row(
            space,
            str(stats["mentions"][space]),
            str(stats["entities"][space]),
            str(stats["ids_kept"][space]),
            str(stats["ids_created"][space]),
        )
    console.print(table)
    p = stats["persons"]
    console.print(
        f"persons: {p['candidate_pairs']} candidate pairs compared, {p['merges']} merges, "
        f"{p['review_pairs']} pairs for review (kg review), "
        f"{p['refused_conflict']} refused for conflicting IDs, "
        f"{p['refused_linkage']} refused for weak linkage"
    )
    g = summary.graph
    console.print(
        f"graph: nodes +{g.nodes.created} ~{g.nodes.updated} -{g.nodes.deleted} "
        f"={g.nodes.unchanged}; relationships +{g.rels.created} ~{g.rels.updated} "
        f"-{g.rels.deleted} ={g.rels.unchanged}"
    )
    console.print("seconds: " + ", ".join(f"{k} {v}" for k, v in summary.seconds.items()))


@click.command("resolve")
def resolve_cmd() -> None:
    """Merge duplicates into persons, dwellings and organisations, and write the graph."""
    summary = run_resolve(get_settings())
    print_resolve_summary(summary, Console())


@click.group("export")
def export_group() -> None:
    """Write results out in the contract's formats."""


@export_group.command("links")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_links_cmd(out: Path) -> None:
    """The links CSV: source,record_id,role,entity_id for every reference."""
    n = export_links(get_settings(), out)
    click.echo(f"wrote {n} links to {out}")
