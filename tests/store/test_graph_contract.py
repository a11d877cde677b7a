"""One contract suite, run against every GraphStore: SQLite always, Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConflictError, NotFoundError, StoreError
from kg.graph.model import GraphSnapshot, GraphStream, Node, Rel
from kg.store.graph import GraphStore
from kg.store.sqlite_graph import SqliteGraphStore
from tests.store import graph_fixtures as fx

NEO4J = pytest.param(
    "neo4j",
    marks=[
        pytest.mark.neo4j,
        pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI not set"),
    ],
)


def _open(kind: str, tmp_path: Path) -> GraphStore:
    if kind == "sqlite":
        return SqliteGraphStore(tmp_path / "kg.sqlite")
    from kg.settings import Settings
    from kg.store.neo4j_graph import Neo4jGraphStore

    store = Neo4jGraphStore.from_settings(Settings())
    store.clear()  # a fresh database state for every test
    return store


@pytest.fixture(params=["sqlite", NEO4J])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    store = _open(request.param, tmp_path)
    yield store
    store.close()


@pytest.fixture
def store(empty_store: GraphStore) -> GraphStore:
    empty_store.write(fx.base_snapshot())
    return empty_store


def _dump(store: GraphStore) -> tuple[list[Any], list[Any]]:
    snap = store.dump()
    nodes = sorted((n.label, n.id, sorted(n.props.items(), key=str)) for n in snap.nodes)
    rels = sorted((r.key, sorted(r.props.items(), key=str)) for r in snap.rels)
    return nodes, rels


# --- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (fx.ID_P1, "P1"),  # canonical 18 digits
        (fx.ID_P1.lower(), "P1"),  # lower-case check character x
        (fx.ID15_P6, "P6"),  # 15-digit legacy form
        ("".join(chr(ord(c) + 0xFEE0) for c in fx.ID_P1), "P1"),  # full-width digits
        (f"{fx.ID_P5[:6]} {fx.ID_P5[6:14]}-{fx.ID_P5[14:]}", "P5"),  # spaces and hyphens
        (fx.ID_P7B, "P7"),  # a person's second (conflicting) ID
    ],
)
def test_find_by_any_id_form(store: GraphStore, typed: str, expected: str) -> None:
    hits = store.find_persons(id_number=typed)
    assert [(h.id, h.match, h.similarity) for h in hits] == [(expected, "id", 1.0)]


def test_id_fixture_has_lowercase_x_case() -> None:
    assert fx.ID_P1.endswith("X")


def test_unknown_id_finds_nobody(store: GraphStore) -> None:
    assert store.find_persons(id_number="110105199901019999") == []


def test_exact_name_then_homophone(store: GraphStore) -> None:
    hits = store.find_persons(name="张伟")
    assert [(h.id, h.match) for h in hits] == [("P1", "name"), ("P5", "pinyin")]
    assert hits[1].similarity < hits[0].similarity == 1.0


def test_homophone_only(store: GraphStore) -> None:
    hits = store.find_persons(name="张卫")
    assert {h.id for h in hits} == {"P1", "P5"}
    assert {h.match for h in hits} == {"pinyin"}


def test_name_variant_and_traditional_form(store: GraphStore) -> None:
    assert [h.id for h in store.find_persons(name="李莉")] == ["P2"]
    assert [h.id for h in store.find_persons(name="張偉")][0] == "P1"


def test_fuzzy_name(store: GraphStore) -> None:
    hits = store.find_persons(name="王建华")
    assert [(h.id, h.match) for h in hits] == [("P6", "fuzzy")]
    assert 0.75 <= hits[0].similarity < 0.95


def test_minority_name_with_other_dot(store: GraphStore) -> None:
    assert [h.id for h in store.find_persons(name="阿依古丽•买买提")] == ["P8"]


def test_name_narrowed_by_birth_date_and_address(store: GraphStore) -> None:
    assert [h.id for h in store.find_persons(name="张伟", birth_date="1990-01-01")] == ["P5"]
    assert [h.id for h in store.find_persons(name="张伟", birth_date="1985")] == ["P1"]
    assert [h.id for h in store.find_persons(name="张伟", address="建国路7号楼")] == ["P5"]


def test_twins_by_birth_date_alone(store: GraphStore) -> None:
    hits = store.find_persons(birth_date="2012-09-09")
    assert [(h.id, h.match) for h in hits] == [("P4", "filter"), ("P3", "filter")]


def test_address_alone(store: GraphStore) -> None:
    assert {h.id for h in store.find_persons(address="建国路5号楼3单元")} == {
        "P1",
        "P2",
        "P3",
        "P4",
    }


def test_limit_and_offset(store: GraphStore) -> None:
    all_hits = [h.id for h in store.find_persons(address="建国路")]
    assert len(all_hits) == 6
    assert [h.id for h in store.find_persons(address="建国路", limit=2, offset=2)] == all_hits[2:4]


# --- views ------------------------------------------------------------------------------------


def test_person_profile(store: GraphStore) -> None:
    p = store.person_profile("P2")
    assert (p.name, p.sex, p.birth_date, p.id_number) == ("李丽", "F", "1987-06-01", fx.ID_P2)
    assert p.conflicts == ["birth_date"]
    assert p.birth_dates == ["1987-06-01", "1987-06-11"]
    assert [(g.value, g.chosen) for g in p.golden["birth_date"]] == [
        ("1987-06-01", True),
        ("1987-06-11", False),
    ]
    assert [(r.source, r.record_id, r.role, r.row_no) for r in p.records] == [
        ("civil_affairs", "C1", "person", 2),
        ("police", "R2", "person", 3),
    ]
    assert p.records[0].raw["出生年月"] == "1987-06"
    assert [(d.role, d.entity.id) for d in p.dwellings] == [("resident", "D1")]
    family = sorted((f.role, f.person.id, f.source) for f in p.family)
    assert family == [
        ("child", "P3", "police"),
        ("child", "P4", "police"),
        ("spouse", "P1", "civil_affairs"),
    ]
    assert [(h.id, h.kind, h.number) for h in p.households] == [("H1", "hukou", "110001")]
    members = {(m.person.id, m.relation) for m in p.households[0].members}
    assert members == {("P1", "户主"), ("P2", "配偶"), ("P3", "子"), ("P4", "子")}
    assert p.to_json()["golden"]["birth_date"][0]["sources"] == ["police:R2"]


def test_person_profile_links(store: GraphStore) -> None:
    p1 = store.person_profile("P1")
    assert sorted((d.role, d.entity.id) for d in p1.dwellings) == [
        ("registered", "D1"),
        ("resident", "D1"),
    ]
    assert [(e.entity.id, e.confidence) for e in p1.employers] == [("O1", 0.85)]
    p6 = store.person_profile("P6")
    assert [(o.role, o.entity.caption) for o in p6.organisations] == [
        ("legal_rep", "北京华信科技有限公司")
    ]
    assert [(d.role, d.entity.id) for d in p6.dwellings] == [("owner", "D2")]
    p3 = store.person_profile("P3")
    assert sorted((f.role, f.person.id) for f in p3.family) == [("parent", "P1"), ("parent", "P2")]
    p7 = store.person_profile("P7")
    assert p7.conflicts == ["id_number"] and p7.id_numbers == [fx.ID_P7A, fx.ID_P7B]


def test_profile_of_unknown_or_wrong_label(store: GraphStore) -> None:
    with pytest.raises(NotFoundError):
        store.person_profile("nope")
    with pytest.raises(NotFoundError):
        store.person_profile("D1")


def test_dwelling_people_by_role(store: GraphStore) -> None:
    d1 = store.dwelling("D1")
    assert [p.person.id for p in d1.residents] == ["P1", "P2", "P3", "P4"]
    assert [p.person.id for p in d1.registered] == ["P1"]
    d2 = store.dwelling("D2")
    assert [p.person.id for p in d2.owners] == ["P6"]
    assert [(p.person.id, p.confidence) for p in d2.tenants] == [("P5", 0.9)]
    assert d2.residents == [] and d2.records[0].role == "house"
    assert [o.entity.id for o in store.dwelling("D3").organisations] == ["O1"]


def test_organisation_people_by_role(store: GraphStore) -> None:
    o = store.organisation("O1")
    assert [p.person.id for p in o.employees] == ["P1", "P7"]
    assert [p.person.id for p in o.legal_reps] == ["P6"]
    assert [d.entity.id for d in o.registered_at] == ["D3"]
    assert {r.role for r in o.records} == {"organisation", "employer"}


def test_household(store: GraphStore) -> None:
    h = store.household("H2")
    assert (h.kind, h.number, h.source) == ("family_file", "F-77", "family_planning")
    assert [(m.person.id, m.relation) for m in h.members] == [("P6", "户主"), ("P7", "配偶")]


# --- traversal --------------------------------------------------------------------------------


def _ids(sub: Any) -> set[str]:
    return {n.id for n in sub.nodes}


def test_neighbourhood_hops(store: GraphStore) -> None:
    one = store.neighbourhood("P1", hops=1)
    assert _ids(one) == {"P1", "D1", "O1", "P2", "P3", "P4", "H1"}
    assert all(e.type != "FROM_RECORD" for e in one.edges)
    two = store.neighbourhood("P1", hops=2)
    assert _ids(two) == _ids(one) | {"P6", "P7", "D3"}
    three = store.neighbourhood("P1", hops=3)
    assert _ids(three) == _ids(two) | {"D2", "H2"}
    assert not three.truncated
    with_records = store.neighbourhood("P1", hops=1, include_records=True)
    assert {"police:R1", "civil_affairs:C1"} <= _ids(with_records)


def test_neighbourhood_limit_is_deterministic(store: GraphStore) -> None:
    sub = store.neighbourhood("P1", hops=2, limit=3)
    assert sub.truncated and len(sub.nodes) == 3
    assert sub == store.neighbourhood("P1", hops=2, limit=3)
    node_ids = _ids(sub)
    assert all(e.start in node_ids and e.end in node_ids for e in sub.edges)


def test_shortest_path(store: GraphStore) -> None:
    path = store.shortest_path("P1", "P5")
    assert path is not None
    assert [n.id for n in path.nodes] == ["P1", "O1", "P6", "D2", "P5"]
    assert [e.type for e in path.edges] == ["WORKS_AT", "LEGAL_REP_OF", "OWNS", "RENTS"]
    assert store.shortest_path("P1", "P5", max_hops=3) is None
    assert store.shortest_path("P1", "P8") is None  # P8 is linked to her record only
    same = store.shortest_path("P3", "P3")
    assert same is not None and [n.id for n in same.nodes] == ["P3"]


def test_quality(store: GraphStore) -> None:
    q = store.quality()
    assert [(c.person.id, c.values) for c in q.conflicting_ids] == [
        ("P7", sorted([fx.ID_P7A, fx.ID_P7B]))
    ]
    assert [(c.person.id, c.values) for c in q.conflicting_birth_dates] == [
        ("P2", ["1987-06-01", "1987-06-11"])
    ]
    assert q.conflicting_ids_total == 1 and q.conflicting_birth_dates_total == 1
    assert q.coverage["police"].persons == 5 and q.coverage["police"].only_this_source == 3
    assert q.coverage["family_planning"].persons == 2
    assert q.coverage["family_planning"].only_this_source == 1
    assert q.node_counts == {
        "Dwelling": 3,
        "Household": 2,
        "Organisation": 1,
        "Person": 8,
        "SourceRecord": 9,
    }
    assert q.rel_counts["FROM_RECORD"] == 15 and q.rel_counts["MEMBER_OF"] == 6
    assert store.entity_ids("Household") == {"H1", "H2"}


# --- writes -----------------------------------------------------------------------------------


def test_first_write_creates_everything(empty_store: GraphStore) -> None:
    snap = fx.base_snapshot()
    stats = empty_store.write(snap)
    assert (stats.nodes.created, stats.nodes.updated, stats.nodes.deleted) == (
        len(snap.nodes),
        0,
        0,
    )
    assert (stats.rels.created, stats.rels.unchanged) == (len(snap.rels), 0)


def test_idempotent_write(store: GraphStore) -> None:
    before = _dump(store)
    snap = fx.base_snapshot()
    stats = store.write(snap)
    assert stats.nodes.unchanged == len(snap.nodes) and stats.rels.unchanged == len(snap.rels)
    assert (stats.nodes.created, stats.nodes.updated, stats.nodes.deleted) == (0, 0, 0)
    assert (stats.rels.created, stats.rels.updated, stats.rels.deleted) == (0, 0, 0)
    assert _dump(store) == before


def test_incremental_write(store: GraphStore) -> None:
    snap = fx.changed_snapshot()
    stats = store.write(snap)
    assert (stats.nodes.created, stats.nodes.updated, stats.nodes.deleted) == (1, 1, 2)
    assert stats.nodes.unchanged == len(snap.nodes) - 2
    assert (stats.rels.created, stats.rels.updated, stats.rels.deleted) == (1, 0, 1)
    assert store.person_profile("P7").phones == ["13900001111"]
    with pytest.raises(NotFoundError):
        store.person_profile("P8")
    assert store.find_persons(name="阿依古丽·买买提") == []
    assert store.find_persons(id_number=fx.ID_P8) == []
    assert [p.person.id for p in store.dwelling("D2").tenants] == ["P5", "P9"]
    assert _dump(store) == _dump_of(snap)


def test_a_stream_writes_its_first_occurrences(empty_store: GraphStore) -> None:
    """A stream may repeat an id or key (a household met once per member): first wins."""
    snap = fx.base_snapshot()
    first_node, first_rel = snap.nodes[0], snap.rels[0]
    again = Node(first_node.label, first_node.id, {**first_node.props, "name": "又一个"})
    rel_again = Rel(first_rel.type, first_rel.start, first_rel.end, {**first_rel.props, "x": 1})
    stream = GraphStream(lambda: [*snap.nodes, again], lambda: [*snap.rels, rel_again])
    stats = empty_store.write(stream)
    assert (stats.nodes.created, stats.rels.created) == (len(snap.nodes), len(snap.rels))
    assert _dump(empty_store) == _dump_of(snap)


def test_a_snapshot_repeating_an_id_with_other_content_is_refused(store: GraphStore) -> None:
    before = _dump(store)
    snap = fx.changed_snapshot()
    first = snap.nodes[0]
    snap.nodes.append(Node(first.label, first.id, {**first.props, "name": "又一个"}))
    with pytest.raises(ConflictError, match="appears twice"):
        store.write(snap)
    assert _dump(store) == before


def test_a_bad_row_late_in_a_stream_leaves_the_store_as_it_was(store: GraphStore) -> None:
    """The SQLite store writes a stream batch by batch inside one transaction; the last
    relationship names no node, after every node was written: nothing may remain."""
    before = _dump(store)
    snap = fx.changed_snapshot()
    dangling = Rel("LIVES_AT", snap.nodes[0].id, "D-none", {"source": "police", "record_id": "x"})
    with pytest.raises(StoreError, match="unknown node"):
        store.write(GraphStream(lambda: snap.nodes, lambda: [*snap.rels, dangling]))
    assert _dump(store) == before


def _dump_of(snap: GraphSnapshot) -> tuple[list[Any], list[Any]]:
    nodes = sorted(
        (n.label, n.id, sorted(((k, v) for k, v in n.props.items() if v is not None), key=str))
        for n in snap.nodes
    )
    rels = sorted((r.key, sorted(r.props.items(), key=str)) for r in snap.rels)
    return nodes, rels


def test_stored_graph_equals_snapshot(store: GraphStore) -> None:
    assert _dump(store) == _dump_of(fx.base_snapshot())


def test_sqlite_crash_mid_write_keeps_previous_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteGraphStore(tmp_path / "kg.sqlite")
    store.write(fx.base_snapshot())
    before = (_dump(store), store.person_profile("P7"), store.find_persons(name="阿依古丽·买买提"))

    def boom(self: SqliteGraphStore, rels: Any) -> Any:
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(SqliteGraphStore, "_apply_rels", boom)
    with pytest.raises(RuntimeError, match="killed mid-write"):
        store.write(fx.changed_snapshot())
    after = (_dump(store), store.person_profile("P7"), store.find_persons(name="阿依古丽·买买提"))
    assert after == before
    monkeypatch.undo()
    assert store.write(fx.changed_snapshot()).nodes.created == 1
    store.close()


def test_sqlite_killed_process_leaves_previous_graph(tmp_path: Path) -> None:
    """A real kill: a child process dies inside the write transaction (os._exit)."""
    import subprocess
    import sys

    path = tmp_path / "kg.sqlite"
    store = SqliteGraphStore(path)
    store.write(fx.base_snapshot())
    before = _dump(store)
    store.close()
    code = (
        "import os\n"
        "from kg.store.sqlite_graph import SqliteGraphStore\n"
        "from tests.store import graph_fixtures as fx\n"
        "def die(self, rels):\n"
        "    os._exit(9)\n"
        "SqliteGraphStore._apply_rels = die\n"
        f"SqliteGraphStore({str(path)!r}).write(fx.changed_snapshot())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[2], check=False)
    assert done.returncode == 9
    reopened = SqliteGraphStore(path)
    assert _dump(reopened) == before
    reopened.close()


@pytest.mark.neo4j
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI not set")
def test_neo4j_search_keys_go_with_their_last_person(tmp_path: Path) -> None:
    """A vanished or changed person's search keys do not pile up as orphan nodes."""
    from kg.store.neo4j_graph import Neo4jGraphStore

    store = _open("neo4j", tmp_path)
    assert isinstance(store, Neo4jGraphStore)
    orphans = "MATCH (k:SearchKey) WHERE NOT EXISTS { (k)<-[:HAS_KEY]-() } RETURN count(k) AS n"
    try:
        store.write(fx.base_snapshot())
        store.write(fx.changed_snapshot())  # P8 (a unique name) vanishes, P7 changes
        records = store._driver.execute_query(orphans, database_=store.database).records
        assert records[0]["n"] == 0
        assert store.find_persons(name="阿依古丽·买买提") == []
    finally:
        store.close()
