"""``kg curate must-link|cannot-link A B --who --why``: human decisions every resolve honours."""

from __future__ import annotations

import click

from kg.commands.refs import parse_ref
from kg.settings import get_settings
from kg.store.ledger import Ledger
from kg.store.resolution_store import ResolutionStore
from resolvers.result import Curation


def _curate(kind: str, first: str, second: str, who: str, why: str) -> None:
    a, b = parse_ref(first), parse_ref(second)
    with Ledger(get_settings().ledger_path) as ledger:
        n = ResolutionStore(ledger.connection).add_curation(Curation(kind, a, b, who, why))  # type: ignore[arg-type]
    click.echo(f"recorded {kind} #{n} between {first} and {second}; run kg resolve to apply it")


@click.group("curate")
def curate_group() -> None:
    """Record a must-link or cannot-link decision (with who and why)."""


@curate_group.command("must-link")
@click.argument("first")
@click.argument("second")
@click.option("--who", required=True, help="Who decided (recorded with the decision).")
@click.option("--why", required=True, help="Why (recorded with the decision).")
def must_link(first: str, second: str, who: str, why: str) -> None:
    """FIRST and SECOND (SOURCE:RECORD_ID[:ROLE]) are the same entity."""
    _curate("must-link", first, second, who, why)


@curate_group.command("cannot-link")
@click.argument("first")
@click.argument("second")
@click.option("--who", required=True)
@click.option("--why", required=True)
def cannot_link(first: str, second: str, who: str, why: str) -> None:
    """FIRST and SECOND are different entities."""
    _curate("cannot-link", first, second, who, why)
