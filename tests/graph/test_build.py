"""The graph build's short cuts give exactly the rows the straightforward code gave.

Why: the build's row order decides which of two repeated rows is kept (the first
wins), and confidences and ids are stored and hashed, so a faster build must not
change a single value or the order rows come in.
"""

from __future__ import annotations

import random
from pathlib import Path

from kg.demo.generate import generate
from kg.graph.build import (
    RECORD_ROLE_REL,
    _entity_index,
    _record_rels,
    _rounded,
    _row_rels,
    _sorted_mentions,
    mention_confidence,
    record_node_id,
)
from kg.graph.model import Rel
from kg.settings import Settings
from kg.store.graph import batched
from kg.store.ledger import Ledger
from kg.store.ledger_reads import record_briefs, record_fields
from loaders.load import load_file
from resolvers.mentions import MentionKey
from resolvers.pipeline import Resolution, resolve
from resolvers.stable_ids import IdAssignment


def _key(rng: random.Random) -> MentionKey:
    parts = ["a", "ab", "b", "a b", "中", "中文", "", "z"]
    return (rng.choice(parts), rng.choice(parts) + str(rng.randint(0, 3)), rng.choice(parts))


def test_mentions_sort_as_their_key_tuples() -> None:
    rng = random.Random(5)
    for _ in range(300):
        ids = {_key(rng): f"E{i}" for i in range(rng.randint(0, 40))}
        assert _sorted_mentions(ids) == sorted(ids.items())


def test_a_key_holding_a_nul_falls_back_to_sorting_tuples() -> None:
    # joined with NUL, ("a\x00", "b", …) would sort before ("a", "c", …); tuples do not
    ids = {("a\x00", "b", "r"): "E1", ("a", "c", "r"): "E2", ("a", "\x00", "r"): "E3"}
    assert _sorted_mentions(ids) == sorted(ids.items())


def test_the_entity_index_answers_as_entity_of() -> None:
    shared: MentionKey = ("s", "1", "person")
    ids = {
        "persons": IdAssignment({shared: "P1", ("s", "2", "spouse"): "P2"}),
        "dwellings": IdAssignment({shared: "D1", ("s", "1", "house"): "D2"}),
        "organisations": IdAssignment({("s", "1", "employer"): "O1", shared: "O9"}),
    }
    index = _entity_index(ids)
    resolution = Resolution(spaces={}, ids=ids, person_model=None, mentions=None)  # type: ignore[arg-type]
    for key in {k for a in ids.values() for k in a.ids} | {("s", "9", "person")}:
        assert index.get(key) == resolution.entity_of(key)


def test_rounding_once_per_mention_is_rounding_each_relationship() -> None:
    rng = random.Random(9)
    for _ in range(10_000):
        a, b = rng.random(), rng.choice([rng.random(), 1.0, 0.99995, 0.12345])
        assert min(round(a, 4), round(b, 4)) == round(min(a, b), 4)


def test_batches_are_the_items_in_order() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    assert list(batched(iter(range(6)), 3)) == [[0, 1, 2], [3, 4, 5]]


# --- the relationships of a real (small) district, against the code as first written ----


def _reference_record_rels(resolution: Resolution) -> list[Rel]:
    conf = mention_confidence(resolution)
    out: list[Rel] = []
    for space in ("persons", "dwellings", "organisations"):
        for key, eid in sorted(resolution.ids[space].ids.items()):
            target = record_node_id(key[0], key[1])
            if eid != target:
                props = {"source": key[0], "record_id": key[1]}
                props |= {"confidence": round(conf.get(key, 1.0), 4), "role": key[2]}
                out.append(Rel("FROM_RECORD", eid, target, props))
    return out


def _reference_row_rels(resolution: Resolution, by_record: dict[tuple[str, str], str]) -> list[Rel]:
    conf = mention_confidence(resolution)
    entity_of = resolution.entity_of
    out: list[Rel] = []

    def rel(rtype: str, start: str, end: str, key: MentionKey, c: float) -> None:
        if start != end:
            props = {"source": key[0], "record_id": key[1], "confidence": round(c, 4)}
            out.append(Rel(rtype, start, end, props))

    for (source, record_id), kind in sorted(by_record.items()):
        subject_key = (source, record_id, "person")
        subject = entity_of(subject_key)
        c_subject = conf.get(subject_key, 1.0)
        if subject is not None:
            for role, rtype in RECORD_ROLE_REL.items():
                target = entity_of((source, record_id, role))
                if target is not None:
                    rel(rtype, subject, target, (source, record_id, role), c_subject)
            spouse = entity_of((source, record_id, "spouse"))
            if spouse is not None:
                c = min(c_subject, conf.get((source, record_id, "spouse"), 1.0))
                rel("SPOUSE_OF", subject, spouse, subject_key, c)
        house = entity_of((source, record_id, "house"))
        if kind == "housing" and house is not None:
            for role, rtype in (("owner", "OWNS"), ("tenant", "RENTS")):
                who = entity_of((source, record_id, role))
                if who is not None:
                    key = (source, record_id, role)
                    rel(rtype, who, house, key, conf.get(key, 1.0))
        org = entity_of((source, record_id, "organisation"))
        if org is not None:
            rep = entity_of((source, record_id, "legal_rep"))
            if rep is not None:
                key = (source, record_id, "legal_rep")
                rel("LEGAL_REP_OF", rep, org, key, conf.get(key, 1.0))
    return out


def _rows(rels: list[Rel]) -> list[tuple[str, str, str, list[tuple[str, object]]]]:
    """In stream order, with the props' values and their types (1.0 is not 1)."""
    return [
        (r.type, r.start, r.end, [(k, (v, type(v).__name__)) for k, v in r.props.items()])
        for r in rels
    ]


def test_relationships_are_those_of_the_code_as_first_written(tmp_path: Path) -> None:
    files = generate(tmp_path / "data", residents=300, seed=3)
    settings = Settings(kg_home=tmp_path)
    with Ledger(settings.ledger_path) as ledger:
        for source, path in files.sources().items():
            load_file(ledger, source, path)
        resolution = resolve(record_fields(ledger.connection))
        by_record = {(r.source, r.record_id): r for r in record_briefs(ledger.connection)}
    conf = _rounded(mention_confidence(resolution))
    assert _rows(list(_record_rels(resolution.ids, conf))) == _rows(
        _reference_record_rels(resolution)
    )
    kinds = {key: r.kind for key, r in by_record.items()}
    streamed = _row_rels(_entity_index(resolution.ids), sorted(by_record.items()), conf)
    assert _rows(list(streamed)) == _rows(_reference_row_rels(resolution, kinds))
