"""Resolution → graph: persons, dwellings, organisations, households and their ties.

Why a separate build step: the resolver says which references are the same
entity; the graph also needs what the rows *say about* those entities — who
lives where, who owns and who rents, who works where, who is whose spouse or
parent, who belongs to which household — each claim traced to the row that made
it (``source``, ``record_id``) with a confidence.

Family ties: police households (户号 + 与户主关系) and family-planning files
(家庭档案号 + 家庭角色) give spouse and parent ties relative to the head of the
household; civil affairs gives spouses directly (配偶姓名/配偶身份证号), the spouse
having been resolved in the context of the row that names them.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from kg.graph.family import family_rels
from kg.graph.golden import Golden
from kg.graph.model import GraphSnapshot, GraphStream, Node, RecordBrief, Rel
from resolvers.mentions import AddressMention, MentionKey, OrgMention, PersonMention
from resolvers.pipeline import Resolution
from resolvers.stable_ids import IdAssignment

M = TypeVar("M", PersonMention, AddressMention, OrgMention)

RECORD_ROLE_REL = {
    "house": "LIVES_AT",
    "registered_house": "REGISTERED_AT",
    "employer": "WORKS_AT",
}


def household_id(household: str) -> str:
    return "H" + hashlib.sha256(household.encode("utf-8")).hexdigest()[:16]


def record_node_id(source: str, record_id: str) -> str:
    return f"{source}:{record_id}"


def mention_confidence(resolution: Resolution) -> dict[MentionKey, float]:
    """How sure the resolver is that a mention belongs to its entity: the strongest
    merge pair that placed it (1.0 for an entity of one mention)."""
    confidence: dict[MentionKey, float] = {}
    for result in resolution.spaces.values():
        for p in result.pairs:
            if p.decision in ("match", "must-link"):
                for k in (p.a, p.b):
                    confidence[k] = max(confidence.get(k, 0.0), p.probability)
    return confidence


def _person_golden(
    ms: Sequence[PersonMention], records: dict[tuple[str, str], RecordBrief]
) -> Golden:
    g = Golden()
    for m in ms:
        origin = record_node_id(m.key[0], m.key[1])
        if m.name is not None:
            g.field("name").add(m.name.full, origin, 1 if m.key[2] == "person" else 0)
        for f in m.former_names:
            g.field("former_name").add(f.full, origin)
        if m.id is not None and m.id.value:
            quality = 2 if m.id.valid and m.id.kind == "id18" else 1 if m.id.valid else 0
            g.field("id_number").add(m.id.value, origin, quality)
        if m.birth is not None and m.birth.valid and m.birth.iso:
            g.field("birth_date").add(m.birth.iso, origin, len(m.birth.iso))
        elif m.id is not None and m.id.valid and m.id.birth_date:
            g.field("birth_date").add(m.id.birth_date, origin, 10)
        if m.best_sex:
            g.field("sex").add(m.best_sex, origin)
        for phone in m.phones:
            g.field("phone").add(phone, origin)
        if m.key[2] == "person":
            rec = records.get((m.key[0], m.key[1]))
            if rec is not None:
                for name in ("ethnicity", "marital_status", "person_type"):
                    value = rec.attrs.get(name)
                    if value:
                        g.field(name).add(value, origin)
    return g


def _person_node(
    pid: str, ms: Sequence[PersonMention], records: dict[tuple[str, str], RecordBrief]
) -> Node:
    g = _person_golden(ms, records)
    names = [m.name for m in ms if m.name is not None] + [f for m in ms for f in m.former_names]
    best_name = g.best("name")
    best = next((n for n in names if n.full == best_name), None)
    valid_ids = sorted({m.id.value for m in ms if m.id is not None and m.id.valid and m.id.value})
    props = {
        "name": best_name,
        "pinyin": best.pinyin if best else None,
        "initials": best.initials if best else None,
        "names": sorted({n.full for n in names}),
        "pinyin_keys": sorted({n.pinyin.replace(" ", "") for n in names if n.pinyin}),
        "id_number": g.best("id_number"),
        "id_numbers": g.all_values("id_number"),
        "valid_id_numbers": valid_ids,
        "birth_date": g.best("birth_date"),
        "birth_dates": g.all_values("birth_date"),
        "sex": g.best("sex"),
        "phones": g.all_values("phone"),
        "ethnicity": g.best("ethnicity"),
        "golden": json.dumps(g.to_json(), ensure_ascii=False, sort_keys=True),
        "conflicts": g.conflicts(),
        "sources": sorted({m.key[0] for m in ms}),
        "record_count": len({(m.key[0], m.key[1]) for m in ms}),
    }
    return Node("Person", pid, props)


def _dwelling_node(did: str, ms: Sequence[AddressMention]) -> Node:
    g = Golden()
    for m in ms:
        g.field("address").add(m.address.text or m.address.raw, record_node_id(*m.key[:2]))
    richest = max(
        ms, key=lambda m: (m.address.precision == "room", len(m.address.text or ""), m.key)
    )
    a = richest.address
    return Node(
        "Dwelling",
        did,
        {
            "key": a.key,
            "address": g.best("address"),
            "addresses": g.all_values("address"),
            "district": a.district,
            "community": a.community,
            "road": a.road,
            "building": a.building,
            "unit": a.unit,
            "room": a.room,
            "precision": a.precision,
            "sources": sorted({m.key[0] for m in ms}),
        },
    )


def _org_node(
    oid: str, ms: Sequence[OrgMention], records: dict[tuple[str, str], RecordBrief]
) -> Node:
    g = Golden()
    for m in ms:
        origin = record_node_id(*m.key[:2])
        if m.name is not None and m.name.full:
            g.field("name").add(m.name.full, origin, 1 if m.key[2] == "organisation" else 0)
        if m.code is not None and m.code.value:
            g.field("credit_code").add(m.code.value, origin, 1 if m.code.valid else 0)
        if m.key[2] == "organisation":
            rec = records.get((m.key[0], m.key[1]))
            org_type = rec.attrs.get("org_type") if rec is not None else None
            if org_type:
                g.field("org_type").add(org_type, origin)
            if m.address is not None:
                g.field("address").add(m.address.text or m.address.raw, origin)
    best_name = g.best("name")
    named = next((m.name for m in ms if m.name is not None and m.name.full == best_name), None)
    return Node(
        "Organisation",
        oid,
        {
            "name": best_name,
            "names": g.all_values("name"),
            "credit_code": g.best("credit_code"),
            "credit_codes": g.all_values("credit_code"),
            "core": named.core if named else None,
            "region": named.region if named else None,
            "branch": named.branch if named else None,
            "org_type": g.best("org_type"),
            "address": g.best("address"),
            "golden": json.dumps(g.to_json(), ensure_ascii=False, sort_keys=True),
            "sources": sorted({m.key[0] for m in ms}),
        },
    )


def build_snapshot(resolution: Resolution, records: Iterable[RecordBrief]) -> GraphSnapshot:
    """The full graph of one resolution as lists (tests, benchmarks, small graphs).

    ``kg resolve`` writes ``graph_stream`` instead, so that no store ever holds the
    whole graph at once; this is the same graph, materialised.
    """
    by_record = {(r.source, r.record_id): r for r in records}
    stream = graph_stream(resolution, by_record)
    snap = GraphSnapshot(list(stream.nodes()), list(stream.rels()))
    _dedupe(snap)
    return snap


def graph_stream(
    resolution: Resolution, by_record: dict[tuple[str, str], RecordBrief]
) -> GraphStream:
    """The graph of one resolution, produced on demand: nodes first, then relationships.

    Why a stream: on a million residents the graph is some 17 million rows; held as
    objects (and again as prepared rows) it was more than half the run's peak memory.
    A store consumes the stream in batches instead. The stream reads ``resolution``
    (its mentions included) and ``by_record`` while it is consumed, so both must stay
    as they are until the write is done.

    Rows can repeat (a household is met once per member; the same family tie can
    come from two members' rows): the first occurrence wins, as ``GraphStream`` says.
    """
    ids = resolution.ids
    conf = mention_confidence(resolution)
    mentions = resolution.mentions
    person_ids = ids["persons"].ids

    def group(items: Iterable[M], space: str) -> list[tuple[str, list[M]]]:
        out: dict[str, list[M]] = defaultdict(list)
        entity = ids[space].ids
        for m in items:
            out[entity[m.key]].append(m)
        return sorted(out.items())

    households: dict[str, list[tuple[str, PersonMention]]] = defaultdict(list)
    for pm in mentions.persons:
        if pm.household and pm.key[2] == "person":
            households[pm.household].append((person_ids[pm.key], pm))

    def nodes() -> Iterator[Node]:
        for pid, pms in group(mentions.persons, "persons"):
            yield _person_node(pid, pms, by_record)
        for did, ams in group(mentions.addresses, "dwellings"):
            yield _dwelling_node(did, ams)
        for oid, oms in group(mentions.orgs, "organisations"):
            yield _org_node(oid, oms, by_record)
        for (source, record_id), rec in sorted(by_record.items()):
            yield Node(
                "SourceRecord",
                record_node_id(source, record_id),
                {
                    "source": source,
                    "record_id": record_id,
                    "row_no": rec.row_no,
                    "raw": rec.raw_json,
                    "issues": rec.issues_json,
                },
            )
        for household in sorted(households):
            source, number = household.split(":", 1)
            yield Node(
                "Household",
                household_id(household),
                {
                    "kind": "hukou" if source == "police" else "family_file",
                    "number": number,
                    "source": source,
                },
            )

    def rels() -> Iterator[Rel]:
        yield from _record_rels(ids, conf)
        yield from _row_rels(resolution, by_record, conf)
        for household, members in sorted(households.items()):
            hid = household_id(household)
            for pid, pm in members:
                yield from _rel(
                    "MEMBER_OF", pid, hid, pm.key, conf.get(pm.key, 1.0), relation=pm.relation or ""
                )
            for rtype, start, end, key in family_rels(members):
                c = min(conf.get(key, 1.0), 1.0)
                yield from _rel(rtype, start, end, key, c, via="household")

    return GraphStream(nodes, rels)


def _rel(
    rtype: str, start: str, end: str, key: MentionKey, confidence: float, **extra: object
) -> Iterator[Rel]:
    """The relationship a row states (none from an entity to itself)."""
    if start == end:
        return
    props: dict[str, object] = {
        "source": key[0],
        "record_id": key[1],
        "confidence": round(confidence, 4),
    }
    props.update(extra)
    yield Rel(rtype, start, end, props)


def _record_rels(ids: dict[str, IdAssignment], conf: dict[MentionKey, float]) -> Iterator[Rel]:
    """Every entity → the rows it came from."""
    for space in ("persons", "dwellings", "organisations"):
        for key, eid in sorted(ids[space].ids.items()):
            yield from _rel(
                "FROM_RECORD",
                eid,
                record_node_id(key[0], key[1]),
                key,
                conf.get(key, 1.0),
                role=key[2],
            )


def _row_rels(
    resolution: Resolution,
    by_record: dict[tuple[str, str], RecordBrief],
    conf: dict[MentionKey, float],
) -> Iterator[Rel]:
    """What each row says, between the entities its references resolved to."""
    entity_of = resolution.entity_of
    for (source, record_id), rec in sorted(by_record.items()):
        subject_key = (source, record_id, "person")
        subject = entity_of(subject_key)
        c_subject = conf.get(subject_key, 1.0)
        if subject is not None:
            for role, rtype in RECORD_ROLE_REL.items():
                target = entity_of((source, record_id, role))
                if target is not None:
                    yield from _rel(rtype, subject, target, (source, record_id, role), c_subject)
            spouse = entity_of((source, record_id, "spouse"))
            if spouse is not None:
                c = min(c_subject, conf.get((source, record_id, "spouse"), 1.0))
                yield from _rel("SPOUSE_OF", subject, spouse, subject_key, c)
        house = entity_of((source, record_id, "house"))
        if rec.kind == "housing" and house is not None:
            for role, rtype in (("owner", "OWNS"), ("tenant", "RENTS")):
                who = entity_of((source, record_id, role))
                if who is not None:
                    key = (source, record_id, role)
                    yield from _rel(rtype, who, house, key, conf.get(key, 1.0))
        org = entity_of((source, record_id, "organisation"))
        if org is not None:
            rep = entity_of((source, record_id, "legal_rep"))
            if rep is not None:
                key = (source, record_id, "legal_rep")
                yield from _rel("LEGAL_REP_OF", rep, org, key, conf.get(key, 1.0))


def _dedupe(snap: GraphSnapshot) -> None:
    """One node per id (household nodes can repeat) and one rel per (type, ends, row)."""
    seen_nodes: dict[str, Node] = {}
    for n in snap.nodes:
        seen_nodes.setdefault(n.id, n)
    snap.nodes = list(seen_nodes.values())
    seen_rels: dict[tuple[str, str, str, str, str], Rel] = {}
    for r in snap.rels:
        seen_rels.setdefault(r.key, r)
    snap.rels = list(seen_rels.values())
