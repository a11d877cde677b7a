"""The Neo4j write plan without a server: which statements run, in which order, with what.

Why: the contract suite needs a live Neo4j (CI); this runs everywhere and pins
the crash-safety ordering (meta marker → upserts → deletions → commit marker),
the empty-store fast path, the incremental diff and the error mapping.
"""

from __future__ import annotations

from typing import Any

import pytest
from neo4j.exceptions import ConstraintError, ServiceUnavailable

from kg.errors import ConflictError, StoreUnavailable
from kg.store.cypher import all_names, query
from kg.store.graph import prepare_snapshot
from kg.store.neo4j_graph import Neo4jGraphStore
from tests.store import graph_fixtures as fx

BY_TEXT = {query(n): n for n in all_names()}


class FakeResult:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.records = rows

    def __iter__(self) -> Any:
        return iter(self.rows)

    def consume(self) -> None:
        return None

    def single(self) -> dict[str, Any] | None:
        return self.rows[0] if self.rows else None


class FakeDriver:
    """Records every statement; answers the hash reads from ``stored``."""

    execute_query_bookmark_manager = None

    def __init__(self, stored: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.stored = stored or {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail: Exception | None = None

    def run(self, text: str, params: dict[str, Any] | None = None) -> FakeResult:
        name = BY_TEXT[text]
        if self.fail is not None and name.startswith("write/merge"):
            raise self.fail
        self.calls.append((name, params or {}))
        return FakeResult(self.stored.get(name, []))

    def session(self, **_: Any) -> FakeDriver:
        return self

    def __enter__(self) -> FakeDriver:
        return self

    def __exit__(self, *_: Any) -> None:
        return None

    def execute_write(self, fn: Any, *args: Any) -> Any:
        return fn(self, *args)

    execute_read = execute_write

    def execute_query(self, text: str, parameters_: dict[str, Any], **_: Any) -> FakeResult:
        return self.run(text, parameters_)

    def close(self) -> None:
        return None


def _names(driver: FakeDriver) -> list[str]:
    return [n for n, _ in driver.calls if n.startswith("write/")]


def _stored_state(snapshot: Any) -> dict[str, list[dict[str, Any]]]:
    nodes, rels = prepare_snapshot(snapshot)
    return {
        "read/node_hashes": [{"id": n.id, "hash": n.hash, "label": n.label} for n in nodes],
        "read/rel_hashes": [{"key": r.key, "hash": r.hash, "start_id": r.start} for r in rels],
    }


def test_first_load_uses_create_and_brackets_with_meta() -> None:
    driver = FakeDriver()
    stats = Neo4jGraphStore(driver, "neo4j").write(fx.base_snapshot())  # type: ignore[arg-type]
    names = _names(driver)
    assert names[0] == "write/meta_begin" and names[-1] == "write/meta_commit"
    assert not any(n.startswith("write/merge") or n.startswith("write/delete") for n in names)
    assert "write/create_person" in names and "write/create_rel_from_record" in names
    assert names.index("write/create_sourcerecord") < names.index("write/create_rel_lives_at")
    keys = [p for n, p in driver.calls if n == "write/person_keys_set"][0]["rows"]
    p1 = next(r for r in keys if r["id"] == "P1")
    assert f"id:{fx.ID_P1}" in p1["keys"] and "py:zhangwei" in p1["keys"]
    dwelling_rows = [p for n, p in driver.calls if n == "write/create_dwelling"][0]["rows"]
    assert "建国路5号楼3单元502室" in dwelling_rows[0]["props"]["kg_search"]
    assert stats.nodes.created == len(fx.base_snapshot().nodes)


def test_same_snapshot_again_writes_nothing_but_meta() -> None:
    driver = FakeDriver(_stored_state(fx.base_snapshot()))
    stats = Neo4jGraphStore(driver, "neo4j").write(fx.base_snapshot())  # type: ignore[arg-type]
    assert _names(driver) == ["write/meta_begin", "write/meta_commit"]
    assert stats.nodes.created == stats.nodes.updated == stats.nodes.deleted == 0


def test_incremental_merges_first_and_deletes_last() -> None:
    driver = FakeDriver(_stored_state(fx.base_snapshot()))
    stats = Neo4jGraphStore(driver, "neo4j").write(fx.changed_snapshot())  # type: ignore[arg-type]
    names = _names(driver)
    assert names == [
        "write/meta_begin",
        "write/merge_person",
        "write/person_keys_clear",
        "write/person_keys_set",
        "write/merge_rel_rents",
        "write/delete_rels",
        "write/delete_nodes",
        "write/meta_commit",
    ]
    calls = dict(driver.calls)
    assert {r["id"] for r in calls["write/merge_person"]["rows"]} == {"P7", "P9"}
    assert calls["write/person_keys_clear"]["ids"] == ["P7"]
    assert sorted(calls["write/delete_nodes"]["ids"]) == ["P8", "police:R8"]
    assert (stats.nodes.created, stats.nodes.updated, stats.nodes.deleted) == (1, 1, 2)
    assert (stats.rels.created, stats.rels.deleted) == (1, 1)


@pytest.mark.parametrize(
    ("error", "mapped"),
    [
        (ConstraintError("dup"), ConflictError),
        (ServiceUnavailable("down"), StoreUnavailable),
    ],
)
def test_driver_errors_are_mapped(error: Exception, mapped: type[Exception]) -> None:
    driver = FakeDriver(_stored_state(fx.base_snapshot()))
    driver.fail = error
    with pytest.raises(mapped):
        Neo4jGraphStore(driver, "neo4j").write(fx.changed_snapshot())  # type: ignore[arg-type]
    assert "write/meta_commit" not in _names(driver)
