"""The read side shared by both graph stores, written once over four storage primitives.

Why a shared base class: a profile, a dwelling's people by role, a search
ranking or a BFS neighbourhood must come out identical from SQLite and Neo4j.
Each store implements only index lookups and one-hop adjacency
(``_get_nodes``, ``_adjacent``, ``_persons_by_key``, ``_dwellings_by_address``);
everything above that — ranking, role names, view assembly, BFS — is here.
A store may override a method with a native query (Neo4j's ``shortestPath``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rapidfuzz import fuzz

from kg.errors import NotFoundError
from kg.graph.model import Node, Rel
from kg.graph.views import (
    DwellingView,
    HouseholdView,
    LinkView,
    MatchKind,
    OrganisationView,
    PersonHit,
    PersonLink,
    PersonProfile,
    RecordView,
    Subgraph,
)
from kg.store.graph import name_keys, name_syllables, normalise_query_id
from kg.store.graph_assemble import (
    Adj,
    adj_sort_key,
    as_list,
    clean_text,
    golden_values,
    link_view,
    opt_int,
    opt_str,
    person_link,
    record_view,
    subgraph,
)

__all__ = ["Adj", "GraphReads"]


KEY_CAP = 2000
"""Most persons read per search key. Fuzzy blocks (initials) can be large on 1M persons;
exact keys (ID, name, pinyin, birth date) stay far below it."""
FUZZY_THRESHOLD = 0.75
HOMOPHONE_SIMILARITY = 0.95
PATH_VISIT_CAP = 200_000
MAX_PATH_HOPS = 6
"""Longest path searched (Neo4j's pattern needs a literal bound: ``[*..6]``)."""
DWELLING_ROLES = {"LIVES_AT": "resident", "REGISTERED_AT": "registered", "OWNS": "owner"}
DWELLING_ROLES["RENTS"] = "tenant"
_MATCH_RANK: dict[str, int] = {"id": 0, "name": 1, "pinyin": 2, "fuzzy": 3, "filter": 4}


class GraphReads(ABC):
    """Read queries of ``GraphStore`` over the storage primitives below."""

    # --- primitives each store implements ---------------------------------------------------

    @abstractmethod
    def _get_nodes(self, ids: list[str]) -> dict[str, Node]:
        """Nodes by id (missing ids absent from the result)."""

    @abstractmethod
    def _adjacent(self, ids: list[str], include_records: bool) -> list[Adj]:
        """Every relationship touching any of ``ids`` with its other end.

        ``include_records=False`` leaves out FROM_RECORD (and so SourceRecord nodes).
        """

    @abstractmethod
    def _persons_by_key(self, kind: str, value: str, limit: int) -> list[str]:
        """Person ids indexed under a search key (see ``person_search_keys``)."""

    @abstractmethod
    def _dwellings_by_address(self, text: str, limit: int) -> list[str]:
        """Dwelling ids whose address or an address variant contains ``text``."""

    # --- helpers ----------------------------------------------------------------------------

    def _node(self, node_id: str, label: str) -> Node:
        node = self._get_nodes([node_id]).get(node_id)
        if node is None or node.label != label:
            raise NotFoundError(f"no {label} with id {node_id!r}")
        return node

    def _sorted_adjacent(self, ids: list[str], include_records: bool) -> list[Adj]:
        return sorted(self._adjacent(ids, include_records), key=adj_sort_key)

    # --- search -----------------------------------------------------------------------------

    def find_persons(
        self,
        id_number: str | None = None,
        name: str | None = None,
        birth_date: str | None = None,
        address: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[PersonHit]:
        """Persons by ID (any form), then name: exact → homophone → fuzzy pinyin.

        ``birth_date`` (ISO prefix: ``1985``, ``1985-03``, ``1985-03-12``) and
        ``address`` (substring of a linked dwelling's address) narrow the hits;
        given alone they search by themselves (``match="filter"``).
        """
        if limit <= 0:
            return []
        found: dict[str, tuple[MatchKind, float]] = {}

        def add(pid: str, match: MatchKind, sim: float) -> None:
            old = found.get(pid)
            if old is None or (_MATCH_RANK[match], -sim) < (_MATCH_RANK[old[0]], -old[1]):
                found[pid] = (match, sim)

        if id_number and id_number.strip():
            for form in normalise_query_id(id_number):
                for pid in self._persons_by_key("id", form, KEY_CAP):
                    add(pid, "id", 1.0)
        if name and name.strip() and not found:
            # An address filter is applied later, so then fuzzy candidates always count.
            wanted = offset + limit if not (address and address.strip()) else 10**9
            self._search_name(name, birth_date, add, wanted)
        if not (id_number and id_number.strip()) and not (name and name.strip()):
            if birth_date and len(birth_date) == 10:
                for pid in self._persons_by_key("bd", birth_date, KEY_CAP):
                    add(pid, "filter", 1.0)
            elif address and address.strip():
                for pid in self._persons_at_address(address):
                    add(pid, "filter", 1.0)
        nodes = self._get_nodes(sorted(found))
        hits = [n for n in nodes.values() if n.label == "Person"]
        if birth_date:
            hits = [n for n in hits if self._born(n, birth_date)]
        if address and address.strip():
            hits = self._at_address(hits, address)
        hits.sort(
            key=lambda n: (
                _MATCH_RANK[found[n.id][0]],
                -found[n.id][1],
                str(n.props.get("name", "")),
                n.id,
            )
        )
        return [
            PersonHit(
                n.id,
                opt_str(n.props.get("name")),
                opt_str(n.props.get("sex")),
                opt_str(n.props.get("birth_date")),
                opt_str(n.props.get("id_number")),
                found[n.id][0],
                round(found[n.id][1], 4),
            )
            for n in hits[offset : offset + limit]
        ]

    def _search_name(self, name: str, birth_date: str | None, add: Any, wanted: int) -> None:
        """Exact name, then homophones; fuzzy candidates only when those leave the page short.

        Fuzzy hits rank after exact and homophone hits, so when enough of those exist
        (after the birth-date narrowing) scoring fuzzy candidates cannot change the page.
        """
        strong: set[str] = set()

        def add_strong(pid: str, match: MatchKind, sim: float) -> None:
            strong.add(pid)
            add(pid, match, sim)

        keys = name_keys(name)
        if "name" in keys:
            for pid in self._persons_by_key("name", keys["name"], KEY_CAP):
                add_strong(pid, "name", 1.0)
        query_py = keys.get("py")
        if not query_py:
            return
        for pid in self._persons_by_key("py", query_py, KEY_CAP):
            add_strong(pid, "pinyin", HOMOPHONE_SIMILARITY)
        if birth_date:
            nodes = self._get_nodes(sorted(strong)).values()
            strong = {n.id for n in nodes if self._born(n, birth_date)}
        if len(strong) >= wanted:
            return
        candidates: set[str] = set()
        for kind in ("ini", "blk"):
            if kind in keys:
                candidates.update(self._persons_by_key(kind, keys[kind], KEY_CAP))
        if birth_date and len(birth_date) == 10:
            candidates.update(self._persons_by_key("bd", birth_date, KEY_CAP))
        for node in self._get_nodes(sorted(candidates)).values():
            best = 0.0
            for py in self._pinyin_keys(node):
                best = max(best, fuzz.ratio(query_py, py) / 100.0)
            if best >= FUZZY_THRESHOLD:
                add(node.id, "fuzzy", min(best, HOMOPHONE_SIMILARITY - 0.01))

    @staticmethod
    def _pinyin_keys(node: Node) -> set[str]:
        keys = {str(k).replace(" ", "").lower() for k in as_list(node.props.get("pinyin_keys"))}
        for nm in as_list(node.props.get("names")) + as_list(node.props.get("name")):
            syl = name_syllables(str(nm))[1]
            if syl:
                keys.add("".join(syl))
        return keys

    @staticmethod
    def _born(node: Node, birth_date: str) -> bool:
        dates = as_list(node.props.get("birth_dates")) + as_list(node.props.get("birth_date"))
        return any(str(d).startswith(birth_date) or birth_date.startswith(str(d)) for d in dates)

    def _persons_at_address(self, address: str) -> list[str]:
        dwellings = self._dwellings_by_address(clean_text(address), KEY_CAP)
        return sorted(
            {
                other.id
                for _, rel, other in self._adjacent(dwellings, False)
                if rel.type in DWELLING_ROLES and other.label == "Person"
            }
        )

    def _at_address(self, persons: list[Node], address: str) -> list[Node]:
        needle = clean_text(address)
        ids = [p.id for p in persons]
        keep: set[str] = set()
        for frm, rel, other in self._adjacent(ids, False):
            if rel.type in DWELLING_ROLES and other.label == "Dwelling":
                texts = as_list(other.props.get("addresses")) + as_list(other.props.get("address"))
                if any(needle in clean_text(str(t)) for t in texts):
                    keep.add(frm)
        return [p for p in persons if p.id in keep]

    # --- entity views -----------------------------------------------------------------------

    def person_profile(self, person_id: str) -> PersonProfile:
        node = self._node(person_id, "Person")
        p = node.props
        records: list[RecordView] = []
        dwellings: list[LinkView] = []
        employers: list[LinkView] = []
        organisations: list[LinkView] = []
        family: list[PersonLink] = []
        household_ids: list[str] = []
        for _, rel, other in self._sorted_adjacent([person_id], True):
            outgoing = rel.start == person_id
            if rel.type == "FROM_RECORD" and outgoing:
                records.append(record_view(rel, other))
            elif rel.type in DWELLING_ROLES and outgoing:
                dwellings.append(link_view(rel, DWELLING_ROLES[rel.type], other))
            elif rel.type == "WORKS_AT" and outgoing:
                employers.append(link_view(rel, "employer", other))
            elif rel.type == "LEGAL_REP_OF" and outgoing:
                organisations.append(link_view(rel, "legal_rep", other))
            elif rel.type == "SPOUSE_OF":
                family.append(person_link(rel, "spouse", other))
            elif rel.type == "PARENT_OF":
                family.append(person_link(rel, "child" if outgoing else "parent", other))
            elif rel.type == "MEMBER_OF" and outgoing and other.id not in household_ids:
                household_ids.append(other.id)
        records.sort(key=lambda r: (r.source, r.record_id, r.role))
        return PersonProfile(
            id=node.id,
            name=opt_str(p.get("name")),
            pinyin=opt_str(p.get("pinyin")),
            names=[str(v) for v in as_list(p.get("names"))],
            sex=opt_str(p.get("sex")),
            birth_date=opt_str(p.get("birth_date")),
            birth_dates=[str(v) for v in as_list(p.get("birth_dates"))],
            ethnicity=opt_str(p.get("ethnicity")),
            id_number=opt_str(p.get("id_number")),
            id_numbers=[str(v) for v in as_list(p.get("id_numbers"))],
            phones=[str(v) for v in as_list(p.get("phones"))],
            sources=[str(v) for v in as_list(p.get("sources"))],
            record_count=opt_int(p.get("record_count")),
            golden=golden_values(p.get("golden")),
            conflicts=[str(v) for v in as_list(p.get("conflicts"))],
            records=records,
            dwellings=dwellings,
            employers=employers,
            organisations=organisations,
            family=family,
            households=[self.household(h) for h in household_ids],
        )

    def dwelling(self, dwelling_id: str) -> DwellingView:
        node = self._node(dwelling_id, "Dwelling")
        p = node.props
        people: dict[str, list[PersonLink]] = {r: [] for r in DWELLING_ROLES.values()}
        orgs: list[LinkView] = []
        records: list[RecordView] = []
        for _, rel, other in self._sorted_adjacent([dwelling_id], True):
            if rel.type == "FROM_RECORD" and rel.start == dwelling_id:
                records.append(record_view(rel, other))
            elif rel.type in DWELLING_ROLES and other.label == "Person":
                role = DWELLING_ROLES[rel.type]
                people[role].append(person_link(rel, role, other))
            elif rel.type == "REGISTERED_AT" and other.label == "Organisation":
                orgs.append(link_view(rel, "registered", other))
        return DwellingView(
            id=node.id,
            key=opt_str(p.get("key")),
            address=opt_str(p.get("address")),
            addresses=[str(v) for v in as_list(p.get("addresses"))],
            district=opt_str(p.get("district")),
            community=opt_str(p.get("community")),
            road=opt_str(p.get("road")),
            building=opt_str(p.get("building")),
            unit=opt_str(p.get("unit")),
            room=opt_str(p.get("room")),
            precision=opt_str(p.get("precision")),
            residents=people["resident"],
            registered=people["registered"],
            owners=people["owner"],
            tenants=people["tenant"],
            organisations=orgs,
            records=sorted(records, key=lambda r: (r.source, r.record_id, r.role)),
        )

    def organisation(self, organisation_id: str) -> OrganisationView:
        node = self._node(organisation_id, "Organisation")
        p = node.props
        employees: list[PersonLink] = []
        reps: list[PersonLink] = []
        registered: list[LinkView] = []
        records: list[RecordView] = []
        for _, rel, other in self._sorted_adjacent([organisation_id], True):
            if rel.type == "FROM_RECORD" and rel.start == organisation_id:
                records.append(record_view(rel, other))
            elif rel.type == "WORKS_AT" and other.label == "Person":
                employees.append(person_link(rel, "employee", other))
            elif rel.type == "LEGAL_REP_OF" and other.label == "Person":
                reps.append(person_link(rel, "legal_rep", other))
            elif rel.type == "REGISTERED_AT" and other.label == "Dwelling":
                registered.append(link_view(rel, "registered", other))
        return OrganisationView(
            id=node.id,
            name=opt_str(p.get("name")),
            names=[str(v) for v in as_list(p.get("names"))],
            credit_code=opt_str(p.get("credit_code")),
            credit_codes=[str(v) for v in as_list(p.get("credit_codes"))],
            core=opt_str(p.get("core")),
            region=opt_str(p.get("region")),
            branch=opt_str(p.get("branch")),
            org_type=opt_str(p.get("org_type")),
            address=opt_str(p.get("address")),
            employees=employees,
            legal_reps=reps,
            registered_at=registered,
            records=sorted(records, key=lambda r: (r.source, r.record_id, r.role)),
        )

    def household(self, household_id: str) -> HouseholdView:
        node = self._node(household_id, "Household")
        members = [
            person_link(rel, "member", other)
            for _, rel, other in self._sorted_adjacent([household_id], False)
            if rel.type == "MEMBER_OF" and other.label == "Person"
        ]
        p = node.props
        return HouseholdView(
            node.id,
            opt_str(p.get("kind")),
            opt_str(p.get("number")),
            opt_str(p.get("source")),
            members,
        )

    # --- traversal --------------------------------------------------------------------------

    def neighbourhood(
        self, entity_id: str, hops: int = 1, limit: int = 200, include_records: bool = False
    ) -> Subgraph:
        """Breadth-first ring of ``hops`` (1..3) around an entity, at most ``limit`` nodes.

        Neighbours are taken in a fixed order (type, id) so a truncated answer is
        the same in every store. Edges are those traversed between kept nodes.
        """
        hops = max(1, min(3, hops))
        root = self._get_nodes([entity_id]).get(entity_id)
        if root is None:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        nodes: dict[str, Node] = {root.id: root}
        edges: dict[tuple[str, ...], Rel] = {}
        frontier = [root.id]
        truncated = False
        for _ in range(hops):
            if not frontier:
                break
            nxt: list[str] = []
            for _frm, rel, other in self._sorted_adjacent(frontier, include_records):
                if other.id not in nodes:
                    if len(nodes) >= limit:
                        truncated = True
                        continue
                    nodes[other.id] = other
                    nxt.append(other.id)
                edges[rel.key] = rel
            frontier = nxt
        return subgraph(list(nodes.values()), list(edges.values()), truncated)

    def shortest_path(self, a: str, b: str, max_hops: int = MAX_PATH_HOPS) -> Subgraph | None:
        """A shortest path between two entities (records excluded), or None beyond ``max_hops``.

        Bidirectional BFS: each side expands a whole level, the smaller frontier first.
        """
        ends = self._get_nodes([a, b])
        for end in (a, b):
            if end not in ends:
                raise NotFoundError(f"no entity with id {end!r}")
        if a == b:
            return subgraph([ends[a]], [], False)
        max_hops = min(max_hops, MAX_PATH_HOPS)
        sides: list[dict[str, tuple[int, str | None, Rel | None]]] = [
            {a: (0, None, None)},
            {b: (0, None, None)},
        ]
        frontiers = [[a], [b]]
        depth = [0, 0]
        seen_nodes: dict[str, Node] = dict(ends)
        while frontiers[0] and frontiers[1] and depth[0] + depth[1] < max_hops:
            s = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
            mine, other = sides[s], sides[1 - s]
            new: list[str] = []
            for frm, rel, node in self._sorted_adjacent(frontiers[s], False):
                if node.id not in mine:
                    mine[node.id] = (depth[s] + 1, frm, rel)
                    seen_nodes[node.id] = node
                    new.append(node.id)
            depth[s] += 1
            meets = [n for n in new if n in other]
            if meets:
                meet = min(meets, key=lambda n: (other[n][0], n))
                return self._path(sides, meet, seen_nodes)
            if sum(len(x) for x in sides) > PATH_VISIT_CAP:
                return None
            frontiers[s] = new
        return None

    @staticmethod
    def _path(
        sides: list[dict[str, tuple[int, str | None, Rel | None]]],
        meet: str,
        nodes: dict[str, Node],
    ) -> Subgraph:
        chains: list[list[tuple[str, Rel | None]]] = []
        for side in sides:
            chain: list[tuple[str, Rel | None]] = []
            cur: str | None = meet
            while cur is not None:
                _, parent, rel = side[cur]
                chain.append((cur, rel))
                cur = parent
            chains.append(chain)
        order = list(reversed(chains[0])) + chains[1][1:]
        rels = [r for _, r in chains[0] if r is not None] + [
            r for _, r in chains[1] if r is not None
        ]
        return subgraph([nodes[n] for n, _ in order], rels, False)
