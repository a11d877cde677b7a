"""``kg quality``: what a data steward chases with the source departments.

Three questions, from the two places that know the answers:

* which persons carry conflicting ID numbers or birth dates (the graph's
  ``quality()`` — the same report the API serves);
* per source, how many rows were rejected at load (the ledger's load history,
  whose ``rejected`` counts are the ``rejects`` table's rows) and how many records
  sit in the resolver's review band (``res_pairs`` with ``decision='review'``,
  ``ResolutionStore.review_queue``) — unresolved until someone curates them;
* per source, how many persons it knows and how many *only* it knows (a source
  that alone knows many persons is either the best register or out of step).

Masking and table rules: see ``kg/commands/graph_cli.py``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import click
from rich.console import Console

from kg.commands.graph_cli import (
    JSON_HELP,
    UNMASKED_HELP,
    console,
    echo_json,
    graph_store,
    masked,
    new_table,
    text,
)
from kg.settings import get_settings
from kg.store.ledger import Ledger
from kg.store.resolution_store import ResolutionStore

_ALL = 10**9  # "every review pair": review_queue pages, the report wants them all


def ledger_summary(review_sample: int) -> dict[str, Any]:
    """Per-source rejected rows and review-band records, plus the top review pairs."""
    with Ledger(get_settings().ledger_path) as ledger:
        rejected: Counter[str] = Counter()
        for load in ledger.load_history():
            rejected[load.source] += load.rejected
        review = ResolutionStore(ledger.connection).review_queue(limit=_ALL)
    in_review: dict[str, set[str]] = {}
    for pair in review:
        for source, record_id, _role in (pair["a"], pair["b"]):
            in_review.setdefault(source, set()).add(record_id)
    return {
        "rejected_rows": dict(sorted(rejected.items())),
        "review_records": {s: len(ids) for s, ids in sorted(in_review.items())},
        "review_pairs_total": len(review),
        "review_pairs": [
            {
                "space": p["space"],
                "a": ":".join(p["a"]),
                "b": ":".join(p["b"]),
                "probability": p["probability"],
            }
            for p in review[:review_sample]
        ],
    }


@click.command("quality")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 10_000))
@click.option("--unmasked", is_flag=True, help=UNMASKED_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def quality_cmd(limit: int, unmasked: bool, as_json: bool) -> None:
    """Conflicting IDs and birth dates, rejected / unresolved records, source coverage.

    --limit caps the persons and review pairs listed; the totals are always exact.
    """
    with graph_store() as store:
        report = store.quality(limit=max(limit, 1)).to_json()
    report["ledger"] = ledger_summary(limit)
    report = masked(report, unmasked)
    if as_json:
        echo_json(report)
        return
    print_quality(console(), report, limit)


def _conflicts(out: Console, title: str, items: list[dict[str, Any]], total: int, n: int) -> None:
    shown = items[:n]
    out.print(
        f"{title}: {total} persons" + (f" (first {len(shown)})" if total > len(shown) else "")
    )
    if not shown:
        return
    rows = [
        [
            i["person"]["id"],
            text(i["person"]["name"]),
            text(i["person"]["birth_date"]),
            "\n".join(i["values"]),
        ]
        for i in shown
    ]
    out.print(new_table(None, ("person id", "name", "born", "values"), rows))


def print_quality(out: Console, r: dict[str, Any], limit: int) -> None:
    ledger = r["ledger"]
    nodes = ", ".join(f"{k} {v}" for k, v in r["node_counts"].items())
    out.print(f"graph: {nodes or 'empty'}; {sum(r['rel_counts'].values())} relationships")
    _conflicts(
        out,
        "persons with conflicting ID numbers",
        r["conflicting_ids"],
        r["conflicting_ids_total"],
        limit,
    )
    _conflicts(
        out,
        "persons with conflicting birth dates",
        r["conflicting_birth_dates"],
        r["conflicting_birth_dates_total"],
        limit,
    )
    sources = sorted(
        set(r["coverage"]) | set(ledger["rejected_rows"]) | set(ledger["review_records"])
    )
    rows = []
    for s in sources:
        cov = r["coverage"].get(s, {})
        rows.append(
            [
                s,
                str(cov.get("persons", 0)),
                str(cov.get("only_this_source", 0)),
                str(ledger["rejected_rows"].get(s, 0)),
                str(ledger["review_records"].get(s, 0)),
            ]
        )
    headers = ("source", "persons", "only this source", "rejected rows", "records in review")
    out.print(new_table("per source", headers, rows))
    total = ledger["review_pairs_total"]
    out.print(f"review band: {total} pairs awaiting a decision (kg review, kg curate)")
    pairs = ledger["review_pairs"]
    if pairs:
        prows = [[p["space"], p["a"], p["b"], f"{p['probability']:.3f}"] for p in pairs]
        title = f"top {len(pairs)} review pairs" if total > len(pairs) else None
        out.print(new_table(title, ("space", "record a", "record b", "probability"), prows))
