"""``kg renormalise``: read every stored row again with this kg's normalisers.

Why a command and not an automatic step: it rewrites every stored row version (one
transaction), which on a large store takes minutes; an operator upgrading kg runs it
once, when ``kg load`` or ``kg resolve`` says the store was read by another version.
"""

from __future__ import annotations

import click
from rich.console import Console

from kg.settings import get_settings
from kg.store.ledger import Ledger
from loaders.renormalise import renormalise


@click.command("renormalise")
def renormalise_cmd() -> None:
    """Normalise every stored row again from its raw cells (after upgrading kg)."""
    console = Console(soft_wrap=True)
    with Ledger(get_settings().ledger_path) as ledger:
        summary = renormalise(ledger)
    if summary.rows == 0:
        console.print("no stored rows: nothing to do")
        return
    console.print(
        f"read {summary.rows:,} stored row versions again: {summary.changed:,} changed, "
        f"{summary.unchanged:,} unchanged; normaliser version "
        f"{summary.from_version} → {summary.to_version}. Run kg resolve next."
    )
