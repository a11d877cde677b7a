"""The resolution commit (``ResolutionStore.replace``): sorted rows, rebuilt indexes, all or
nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kg.demo.generate import generate
from kg.store import resolution_store
from kg.store.ledger import Ledger
from kg.store.resolution_store import REWRITTEN_INDEXES, ResolutionStore
from loaders.load import load_file
from resolvers.pipeline import Resolution, resolve


def _indexes(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    return {r[0] for r in rows if r[0] in REWRITTEN_INDEXES}


def _state(conn: sqlite3.Connection) -> tuple[list[tuple[str, ...]], int]:
    links = conn.execute("SELECT * FROM res_links ORDER BY source, record_id, role").fetchall()
    return links, conn.execute("SELECT count(*) FROM res_pairs").fetchone()[0]


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Resolution]:
    root = tmp_path_factory.mktemp("commit")
    files = generate(root / "data", residents=300, seed=5)
    with Ledger(root / "kg.sqlite") as ledger:
        for source, path in files.sources().items():
            load_file(ledger, source, path)
        return root / "kg.sqlite", resolve(list(ledger.current_records()))


def test_every_link_and_pair_is_written_and_the_indexes_are_back(
    resolved: tuple[Path, Resolution], tmp_path: Path
) -> None:
    _, resolution = resolved
    conn = sqlite3.connect(tmp_path / "r.sqlite", isolation_level=None)
    store = ResolutionStore(conn)
    store.replace(resolution, records=1, started_at="2026-12-03T00:00:00+00:00")
    links, pairs = _state(conn)
    expected = sorted(
        (space, *key, eid) for space, a in resolution.ids.items() for key, eid in a.ids.items()
    )
    assert sorted(links) == expected
    assert pairs == sum(len(r.pairs) for r in resolution.spaces.values())
    assert _indexes(conn) == set(REWRITTEN_INDEXES)
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM res_links WHERE entity_id = ?", ("x",)
    ).fetchall()
    assert "res_links_entity" in str(plan)
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == -2000  # put back


def test_a_failure_inside_the_commit_leaves_the_previous_resolution(
    resolved: tuple[Path, Resolution], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, resolution = resolved
    conn = sqlite3.connect(tmp_path / "r.sqlite", isolation_level=None)
    store = ResolutionStore(conn)
    store.replace(resolution, records=1, started_at="2026-12-03T00:00:00+00:00")
    before = _state(conn)
    calls = 0

    def failing(space: str, p: object) -> tuple[object, ...]:
        nonlocal calls
        calls += 1
        if calls > 5:  # after the links went in and the indexes were dropped
            raise RuntimeError("disk full")
        return original(space, p)  # type: ignore[arg-type]

    original = resolution_store._pair_row
    monkeypatch.setattr(resolution_store, "_pair_row", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        store.replace(resolution, records=2, started_at="2026-12-03T01:00:00+00:00")
    assert calls > 5
    assert _state(conn) == before
    assert _indexes(conn) == set(REWRITTEN_INDEXES)
    assert conn.execute("SELECT count(*) FROM res_runs").fetchone()[0] == 1
