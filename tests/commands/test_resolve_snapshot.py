"""A load committed by another process while ``kg resolve`` reads the ledger is either
wholly in this resolve or wholly in the next, never half seen (the resolver's pass
without it and the graph's pass with it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg.pipeline as pipeline
from kg.graph.model import RecordBrief
from kg.pipeline import run_resolve
from kg.settings import Settings
from kg.store.ledger import Ledger
from kg.store.sqlite_graph import SqliteGraphStore
from loaders.load import load_file
from tests.factories import police_csv, police_row


def test_a_load_between_the_two_passes_is_not_half_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(kg_home=tmp_path)
    with Ledger(settings.ledger_path) as ledger:
        load_file(ledger, "police", police_csv(tmp_path / "a.csv", [police_row(1)]))
    late = police_csv(tmp_path / "b.csv", [police_row(2, 姓名="李娜", 公民身份号码="", 户号="H2")])
    real_briefs = pipeline.record_briefs

    def briefs_after_a_load(conn: object) -> Iterator[RecordBrief]:
        with Ledger(settings.ledger_path) as other:  # another writer, mid-resolve
            load_file(other, "police", late)
        return real_briefs(conn)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "record_briefs", briefs_after_a_load)
    summary = run_resolve(settings)
    assert summary.records == 1
    graph = SqliteGraphStore(settings.ledger_path)
    try:
        ids = {row[0] for row in graph._db.execute("SELECT id FROM g_nodes")}
    finally:
        graph.close()
    assert "police:GA00001" in ids
    assert "police:GA00002" not in ids  # the late row waits for the next resolve

    monkeypatch.setattr(pipeline, "record_briefs", real_briefs)
    assert run_resolve(settings).records == 2
