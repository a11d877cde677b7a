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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from kg.graph.family import family_rels
from kg.graph.golden import Golden
from kg.graph.model import GraphSnapshot, GraphStream, Node, RecordBrief, Rel
from loaders.normalise.names import NormName
from resolvers.mentions import AddressMention, MentionKey, OrgMention, PersonMention
from resolvers.pipeline import SPACES, Resolution
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


def _person_node(
    pid: str, ms: Sequence[PersonMention], records: dict[tuple[str, str], RecordBrief]
) -> Node:
    """A person and its golden record, in one pass over its mentions.

    Why one pass and local names: this runs for every person of a district on every
    run (it was the largest single cost of the graph stage). The values are exactly
    what a golden record field by field and a comprehension per property give.
    """
    g = Golden()
    add = g.add
    names: list[NormName] = []  # the mentions' names first, then former names (for ``best``)
    former: list[NormName] = []
    valid_ids: set[str] = set()
    sources: set[str] = set()
    rows: set[tuple[str, str]] = set()
    for m in ms:
        source, record_id, role = m.key
        origin = record_node_id(source, record_id)
        sources.add(source)
        rows.add((source, record_id))
        subject = role == "person"
        name = m.name
        if name is not None:
            names.append(name)
            add("name", name.full, origin, 1 if subject else 0)
        for f in m.former_names:
            former.append(f)
            add("former_name", f.full, origin)
        nid = m.id
        if nid is not None and nid.value:
            if nid.valid:
                valid_ids.add(nid.value)
                add("id_number", nid.value, origin, 2 if nid.kind == "id18" else 1)
            else:
                add("id_number", nid.value, origin, 0)
        birth = m.birth
        if birth is not None and birth.valid and birth.iso:
            add("birth_date", birth.iso, origin, len(birth.iso))
        elif nid is not None and nid.valid and nid.birth_date:
            add("birth_date", nid.birth_date, origin, 10)
        sex = m.best_sex
        if sex:
            add("sex", sex, origin)
        for phone in m.phones:
            add("phone", phone, origin)
        if subject:
            rec = records.get((source, record_id))
            if rec is not None:
                attrs = rec.attrs
                for attr in ("ethnicity", "marital_status", "person_type"):
                    value = attrs.get(attr)
                    if value:
                        add(attr, value, origin)
    names.extend(former)
    best_name = g.best("name")
    best = next((n for n in names if n.full == best_name), None)
    props = {
        "name": best_name,
        "pinyin": best.pinyin if best else None,
        "initials": best.initials if best else None,
        "names": sorted({n.full for n in names}),
        "pinyin_keys": sorted({n.pinyin.replace(" ", "") for n in names if n.pinyin}),
        "id_number": g.best("id_number"),
        "id_numbers": g.all_values("id_number"),
        "valid_id_numbers": sorted(valid_ids),
        "birth_date": g.best("birth_date"),
        "birth_dates": g.all_values("birth_date"),
        "sex": g.best("sex"),
        "phones": g.all_values("phone"),
        "ethnicity": g.best("ethnicity"),
        "golden": g.to_json_text(),
        "conflicts": g.conflicts(),
        "sources": sorted(sources),
        "record_count": len(rows),
    }
    return Node("Person", pid, props)


def _dwelling_node(did: str, ms: Sequence[AddressMention]) -> Node:
    g = Golden()
    for m in ms:
        g.add("address", m.address.text or m.address.raw, record_node_id(m.key[0], m.key[1]))
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
        origin = record_node_id(m.key[0], m.key[1])
        if m.name is not None and m.name.full:
            g.add("name", m.name.full, origin, 1 if m.key[2] == "organisation" else 0)
        if m.code is not None and m.code.value:
            g.add("credit_code", m.code.value, origin, 1 if m.code.valid else 0)
        if m.key[2] == "organisation":
            rec = records.get((m.key[0], m.key[1]))
            org_type = rec.attrs.get("org_type") if rec is not None else None
            if org_type:
                g.add("org_type", org_type, origin)
            if m.address is not None:
                g.add("address", m.address.text or m.address.raw, origin)
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
            "golden": g.to_json_text(),
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
    come from two members' rows): the first occurrence wins, as ``GraphStream`` says,
    so the order rows come in is part of what the graph holds and must not change.
    """
    ids = resolution.ids
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
        conf = _rounded(mention_confidence(resolution))
        yield from _record_rels(ids, conf)
        yield from _row_rels(_entity_index(ids), sorted(by_record.items()), conf)
        yield from _household_rels(households, conf)

    return GraphStream(nodes, rels)


def _rounded(conf: dict[MentionKey, float]) -> dict[MentionKey, float]:
    """Confidences as relationships carry them (4 decimals), rounded once per mention.

    Rounding is monotone, so the smaller of two rounded confidences is the rounded
    smaller one (a spouse tie takes the weaker of its two mentions), and a mention
    with no entry reads as ``1.0``, which rounds to itself.
    """
    return {key: round(c, 4) for key, c in conf.items()}


def _entity_index(ids: dict[str, IdAssignment]) -> dict[MentionKey, str]:
    """Every mention key → its entity as ``Resolution.entity_of`` answers (the first space
    in ``SPACES`` order holding the key), in one dict: one lookup per key, not one per
    space."""
    index: dict[MentionKey, str] = {}
    for space in reversed(SPACES):
        index.update(ids[space].ids)
    return index


def _sorted_mentions(space_ids: dict[MentionKey, str]) -> list[tuple[MentionKey, str]]:
    """``sorted(space_ids.items())``, faster.

    Why: keys that share a source make tuple comparison fall back to Python's generic
    compare, and this sort was a tenth of the relationship build. A key joined with
    NUL sorts exactly as its tuple does unless a part itself holds a NUL; that is
    checked first (and the tuples sorted as before if so).
    """
    joined = ["\x00".join(key) for key in space_ids]
    if sum(j.count("\x00") for j in joined) != 2 * len(joined):
        return sorted(space_ids.items())
    items = list(space_ids.items())
    return [items[i] for i in sorted(range(len(joined)), key=joined.__getitem__)]


def _record_rels(ids: dict[str, IdAssignment], conf: dict[MentionKey, float]) -> Iterator[Rel]:
    """Every entity → the rows it came from (``conf`` rounded, as ``_rounded``)."""
    get_conf = conf.get
    for space in ("persons", "dwellings", "organisations"):
        for key, eid in _sorted_mentions(ids[space].ids):
            source, record_id, role = key
            target = record_node_id(source, record_id)
            if eid != target:
                yield Rel(
                    "FROM_RECORD",
                    eid,
                    target,
                    {
                        "source": source,
                        "record_id": record_id,
                        "confidence": get_conf(key, 1.0),
                        "role": role,
                    },
                )


def _row_rels(
    entity: dict[MentionKey, str],
    records: Iterable[tuple[tuple[str, str], RecordBrief]],
    conf: dict[MentionKey, float],
) -> Iterator[Rel]:
    """What each row says, between the entities its references resolved to.

    ``entity`` is ``_entity_index``, ``records`` in record order, ``conf`` rounded.
    No relationship from an entity to itself.
    """
    entity_of = entity.get
    get_conf = conf.get
    for (source, record_id), rec in records:
        subject_key = (source, record_id, "person")
        subject = entity_of(subject_key)
        if subject is not None:
            c_subject = get_conf(subject_key, 1.0)
            for role, rtype in RECORD_ROLE_REL.items():
                target = entity_of((source, record_id, role))
                if target is not None and target != subject:
                    yield Rel(
                        rtype,
                        subject,
                        target,
                        {"source": source, "record_id": record_id, "confidence": c_subject},
                    )
            spouse_key = (source, record_id, "spouse")
            spouse = entity_of(spouse_key)
            if spouse is not None and spouse != subject:
                yield Rel(
                    "SPOUSE_OF",
                    subject,
                    spouse,
                    {
                        "source": source,
                        "record_id": record_id,
                        "confidence": min(c_subject, get_conf(spouse_key, 1.0)),
                    },
                )
        if rec.kind == "housing":
            house = entity_of((source, record_id, "house"))
            if house is not None:
                for role, rtype in (("owner", "OWNS"), ("tenant", "RENTS")):
                    key = (source, record_id, role)
                    who = entity_of(key)
                    if who is not None and who != house:
                        yield Rel(
                            rtype,
                            who,
                            house,
                            {
                                "source": source,
                                "record_id": record_id,
                                "confidence": get_conf(key, 1.0),
                            },
                        )
        org = entity_of((source, record_id, "organisation"))
        if org is not None:
            key = (source, record_id, "legal_rep")
            rep = entity_of(key)
            if rep is not None and rep != org:
                yield Rel(
                    "LEGAL_REP_OF",
                    rep,
                    org,
                    {"source": source, "record_id": record_id, "confidence": get_conf(key, 1.0)},
                )


def _household_rels(
    households: dict[str, list[tuple[str, PersonMention]]], conf: dict[MentionKey, float]
) -> Iterator[Rel]:
    """Membership of each household and the family ties its relations imply."""
    get_conf = conf.get
    for household, members in sorted(households.items()):
        hid = household_id(household)
        for pid, pm in members:
            if pid != hid:
                yield Rel(
                    "MEMBER_OF",
                    pid,
                    hid,
                    {
                        "source": pm.key[0],
                        "record_id": pm.key[1],
                        "confidence": get_conf(pm.key, 1.0),
                        "relation": pm.relation or "",
                    },
                )
        for rtype, start, end, key in family_rels(members):
            if start != end:
                yield Rel(
                    rtype,
                    start,
                    end,
                    {
                        "source": key[0],
                        "record_id": key[1],
                        # rounded, then capped: the same as capped, then rounded
                        "confidence": min(get_conf(key, 1.0), 1.0),
                        "via": "household",
                    },
                )


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
