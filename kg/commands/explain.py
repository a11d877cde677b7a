"""``kg explain`` (a pair of records, or an entity) and ``kg review`` (the review band)."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from kg.commands.refs import parse_ref
from kg.explaining import explain_entity, explain_records, review_queue
from kg.settings import get_settings
from kg.store.ledger import Ledger


def _contribution_table(title: str, contributions: list[dict[str, Any]]) -> Table:
    table = Table(title=title)
    table.add_column("comparison")
    table.add_column("level")
    table.add_column("weight", justify="right")
    table.add_column("values compared")
    for c in contributions:
        table.add_row(c["comparison"], c["level"], f"{c['weight']:+.2f}", c.get("detail", ""))
    return table


@click.command("explain")
@click.argument("first")
@click.argument("second", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def explain_cmd(first: str, second: str | None, as_json: bool) -> None:
    """Why two records are (or are not) one person, or why an entity holds its records.

    FIRST and SECOND are record references SOURCE:RECORD_ID[:ROLE] (role defaults to
    person); with FIRST alone it is an entity id (P…, D…, O…).
    """
    console = Console()
    with Ledger(get_settings().ledger_path) as ledger:
        if second is None:
            result = explain_entity(ledger, first)
            if as_json:
                click.echo(json.dumps(result, ensure_ascii=False, indent=2))
                return
            console.print(f"[bold]{first}[/bold]: {len(result['members'])} references")
            for m in result["members"]:
                ref = ":".join(m["ref"])
                if not m["because"]:
                    console.print(f"  {ref}: the entity's only reference, or placed by its key")
                for b in m["because"]:
                    console.print(
                        f"  {ref} ~ {':'.join(b['with'])}  p={b['probability']:.4f} "
                        f"weight={b['weight']:+.2f} ({b['decision']})"
                    )
                    if b["contributions"]:
                        console.print(_contribution_table("", b["contributions"]))
            return
        result = explain_records(ledger, parse_ref(first), parse_ref(second))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    console.print(_contribution_table(f"{first} vs {second}", result["contributions"]))
    console.print(
        f"prior {result['prior_weight']:+.2f} + contributions = total {result['total']:+.2f} "
        f"→ probability {result['probability']:.4f}; thresholds: match ≥ "
        f"{result['thresholds']['match']}, review ≥ {result['thresholds']['review']}"
    )
    if result["hard_rule"]:
        console.print(f"hard rule: {result['hard_rule']}")
    if result.get("resolver"):
        r = result["resolver"]
        note = f" ({r['note']})" if r["note"] else ""
        if r.get("via"):
            console.print(
                f"last resolve joined them through the pair {r['via'][0]} ~ {r['via'][1]}: "
                f"{r['decision']}{note}"
            )
        else:
            console.print(f"last resolve kept this pair as: {r['decision']}{note}")
    verdict = "the same entity" if result["same_entity"] else "different entities"
    console.print(f"decision: {result['decision']}; currently resolved to {verdict}")


@click.command("review")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def review_cmd(limit: int, offset: int, as_json: bool) -> None:
    """Pairs between the review and match thresholds, for a person to decide (kg curate)."""
    with Ledger(get_settings().ledger_path) as ledger:
        items = review_queue(ledger, limit, offset)
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=2, default=list))
        return
    table = Table(title=f"review queue (from {offset}, {len(items)} shown)")
    for col in ("space", "a", "b", "probability", "why"):
        table.add_column(col)
    for item in items:
        explanation = item.get("explanation") or {}
        parts = explanation.get("contributions") or item["detail"].get("contributions") or []
        why = ", ".join(
            f"{c['comparison']} {c['level']} {c['weight']:+.1f}"
            for c in parts
            if c["level"] not in ("missing",)
        )
        table.add_row(
            item["space"],
            ":".join(item["a"]),
            ":".join(item["b"]),
            f"{item['probability']:.3f}",
            why,
        )
    Console().print(table)
