"""``kg resolve`` writes the graph as a stream (never holding it whole); what it stores
must be exactly the graph ``build_snapshot`` materialises from the same resolution."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.demo.generate import generate
from kg.graph.build import build_snapshot
from kg.pipeline import run_resolve
from kg.settings import Settings
from kg.store.ledger import Ledger
from kg.store.ledger_reads import record_briefs, record_fields
from kg.store.resolution_store import ResolutionStore
from kg.store.sqlite_graph import SqliteGraphStore
from loaders.load import load_file
from resolvers.pipeline import resolve


def _rows(snap: Any) -> tuple[list[Any], list[Any]]:
    nodes = sorted(
        (n.label, n.id, sorted((k, v) for k, v in n.props.items() if v is not None))
        for n in snap.nodes
    )
    rels = sorted((r.key, sorted(r.props.items())) for r in snap.rels)
    return nodes, rels


def test_the_streamed_graph_is_the_materialised_one(tmp_path: Path) -> None:
    files = generate(tmp_path / "data", residents=300, seed=5)
    settings = Settings(kg_home=tmp_path)
    with Ledger(settings.ledger_path) as ledger:
        for source, path in files.sources().items():
            load_file(ledger, source, path)
    run_resolve(settings)
    store = SqliteGraphStore(settings.ledger_path)
    try:
        stored = _rows(store.dump())
    finally:
        store.close()
    with Ledger(settings.ledger_path) as ledger:
        conn = ledger.connection
        previous = ResolutionStore(conn)
        again = resolve(record_fields(conn), previous.curation(), previous.previous_ids())
        expected = _rows(build_snapshot(again, record_briefs(conn)))
    households = [n for n in expected[0] if n[0] == "Household"]
    assert households and len(expected[1]) > len(expected[0])  # a graph worth comparing
    assert stored == expected
