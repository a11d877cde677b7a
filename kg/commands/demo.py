"""``kg demo``: the main job end to end on a synthetic district, ending with a summary.

generate (five extracts + ground truth) → load each → resolve → export links →
score the links against the ground truth. Everything goes into one directory
(default ``./demo-out``), whose ``kg.sqlite`` is the embedded store; nothing
outside it is touched, so a demo never mixes with a real store.
"""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kg.commands.resolve import print_resolve_summary
from kg.demo.evaluate import evaluate
from kg.demo.generate import generate
from kg.pipeline import export_links, run_resolve
from kg.settings import Settings
from kg.store.ledger import Ledger
from loaders.load import load_file

SOURCES = ("police", "civil_affairs", "family_planning", "housing", "organisations")


@click.command("demo")
@click.option("--residents", default=5000, show_default=True, help="Size of the district.")
@click.option("--seed", default=1, show_default=True)
@click.option(
    "--difficulty", type=click.Choice(["normal", "hard"]), default="normal", show_default=True
)
@click.option(
    "--out",
    "out",
    default=Path("demo-out"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
)
def demo_cmd(residents: int, seed: int, difficulty: str, out: Path) -> None:
    """Generate a synthetic district, load, resolve, export and score it against its truth."""
    console = Console()
    out.mkdir(parents=True, exist_ok=True)
    store = out / "kg.sqlite"
    if store.exists():
        store.unlink()  # a demo starts from an empty store
    for suffix in ("-wal", "-shm"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    settings = Settings(kg_home=out, neo4j_uri=None)
    t0 = time.perf_counter()
    files = generate(out / "data", residents=residents, seed=seed, difficulty=difficulty)
    console.print(f"generated {residents} residents ({difficulty}, seed {seed}) in {out / 'data'}")
    table = Table(title="kg load")
    for col in ("source", "file", "rows", "loaded", "rejected", "unchanged", "updated"):
        table.add_column(col, justify="right" if col not in ("source", "file") else "left")
    with Ledger(settings.ledger_path) as ledger:
        for source in SOURCES:
            path: Path = getattr(files, source)
            s = load_file(ledger, source, path)
            table.add_row(
                source,
                path.name,
                str(s.rows_read),
                str(s.loaded),
                str(s.rejected),
                str(s.unchanged),
                str(s.updated),
            )
    console.print(table)
    summary = run_resolve(settings)
    print_resolve_summary(summary, console)
    links = out / "links.csv"
    n = export_links(settings, links)
    console.print(f"exported {n} links to {links}")
    scores = evaluate(links, files.truth)
    quality = Table(title="pairwise quality against the generator's ground truth")
    for col in ("entity space", "precision", "recall", "F1", "references", "true", "found"):
        quality.add_column(col, justify="right" if col != "entity space" else "left")
    for space, score in scores.items():
        quality.add_row(
            space,
            f"{score.precision:.4f}",
            f"{score.recall:.4f}",
            f"{score.f1:.4f}",
            str(score.references),
            str(score.true_entities),
            str(score.predicted_clusters),
        )
    console.print(quality)
    console.print(f"demo finished in {time.perf_counter() - t0:.1f} s; store: {store}")
