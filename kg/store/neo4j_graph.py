"""The Neo4j 5 graph store (official driver), used when ``NEO4J_URI`` is set.

Layout: every node carries its label plus ``:KgNode`` (unique ``id`` on each
label and on ``KgNode``, so any entity is one index seek); store-internal
properties are prefixed ``kg_`` (``kg_hash`` content hash, ``kg_key`` relationship
identity, ``kg_search`` dwelling address text) and never reach the views.
Person search keys are ``(:SearchKey {key})`` nodes linked by ``HAS_KEY``:
``value IN p.id_numbers`` cannot use an index in Neo4j 5, a unique key node can.

Writes: a diff against the stored ``kg_hash`` values, sent as ``UNWIND`` batches
in ``execute_write`` transaction functions (the driver retries transient errors),
one file per label / relationship type. Order: new and changed nodes, then
relationships, then vanished relationships, then vanished nodes, bracketed by a
``(:KgMeta {id: 'state'})`` in-progress marker. See docs/graph-model.md for the
exact crash guarantee (per batch atomic, not per snapshot).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import ConfigError, ConflictError, NotFoundError, StoreError, StoreUnavailable
from kg.graph.model import NODE_LABELS, Graph, GraphSnapshot, Node, Rel
from kg.graph.views import QualityReport, Subgraph
from kg.store.cypher import query
from kg.store.graph import (
    ChangeCounts,
    PreparedNode,
    PreparedRel,
    WriteStats,
    batched,
    encode_key,
    gc_paused,
    person_search_keys,
    prepare_snapshot,
    valid_id18,
)
from kg.store.graph_assemble import Adj, build_quality_report, clean_text, subgraph
from kg.store.graph_reads import MAX_PATH_HOPS, GraphReads

if TYPE_CHECKING:
    from kg.settings import Settings

logger = logging.getLogger(__name__)

META_ID = "state"
MERGE_BATCH = 2000
CREATE_BATCH = 10_000
READ_CHUNK = 1000
SCHEMA = (
    "schema/constraint_kgnode_id",
    "schema/constraint_person_id",
    "schema/constraint_dwelling_id",
    "schema/constraint_organisation_id",
    "schema/constraint_household_id",
    "schema/constraint_sourcerecord_id",
    "schema/constraint_search_key",
    "schema/constraint_meta_id",
    "schema/index_dwelling_search_text",
    "schema/await_indexes",
)
NODE_FILES = {
    "Person": ("write/merge_person", "write/create_person"),
    "Dwelling": ("write/merge_dwelling", "write/create_dwelling"),
    "Organisation": ("write/merge_organisation", "write/create_organisation"),
    "Household": ("write/merge_household", "write/create_household"),
    "SourceRecord": ("write/merge_sourcerecord", "write/create_sourcerecord"),
}
REL_FILES = {
    "LIVES_AT": ("write/merge_rel_lives_at", "write/create_rel_lives_at"),
    "REGISTERED_AT": ("write/merge_rel_registered_at", "write/create_rel_registered_at"),
    "OWNS": ("write/merge_rel_owns", "write/create_rel_owns"),
    "RENTS": ("write/merge_rel_rents", "write/create_rel_rents"),
    "WORKS_AT": ("write/merge_rel_works_at", "write/create_rel_works_at"),
    "LEGAL_REP_OF": ("write/merge_rel_legal_rep_of", "write/create_rel_legal_rep_of"),
    "SPOUSE_OF": ("write/merge_rel_spouse_of", "write/create_rel_spouse_of"),
    "PARENT_OF": ("write/merge_rel_parent_of", "write/create_rel_parent_of"),
    "MEMBER_OF": ("write/merge_rel_member_of", "write/create_rel_member_of"),
    "FROM_RECORD": ("write/merge_rel_from_record", "write/create_rel_from_record"),
}
Steps = list[tuple[str, dict[str, Any]]]


@contextmanager
def _mapped(what: str) -> Iterator[None]:
    """Driver errors → kg's tree; nothing is swallowed."""
    try:
        yield
    except ConstraintError as exc:
        raise ConflictError(f"{what}: a uniqueness constraint was violated: {exc}") from exc
    except (ServiceUnavailable, SessionExpired) as exc:
        raise StoreUnavailable(f"{what}: Neo4j is unavailable: {exc}") from exc
    except AuthError as exc:
        raise StoreUnavailable(f"{what}: Neo4j refused the credentials: {exc}") from exc
    except (Neo4jError, DriverError) as exc:
        raise StoreError(f"{what}: Neo4j error: {exc}") from exc


def _props(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k != "id" and not k.startswith("kg_")}


def _label(labels: Sequence[str]) -> str:
    return next((lb for lb in labels if lb in NODE_LABELS), "KgNode")


def _run(tx: ManagedTransaction, steps: Steps) -> None:
    for name, params in steps:
        tx.run(query(name), params).consume()


def _node_hashes(tx: ManagedTransaction) -> dict[str, tuple[str, str]]:
    return {r["id"]: (r["hash"], r["label"]) for r in tx.run(query("read/node_hashes"))}


def _rel_hashes(tx: ManagedTransaction) -> dict[str, tuple[str, str]]:
    return {r["key"]: (r["hash"], r["start_id"]) for r in tx.run(query("read/rel_hashes"))}


def _clear_batch(tx: ManagedTransaction, limit: int) -> int:
    record = tx.run(query("write/clear_batch"), {"limit": limit}).single()
    return int(record["deleted"]) if record is not None else 0


def _node_row(n: PreparedNode) -> dict[str, Any]:
    props = {**n.props, "id": n.id, "kg_hash": n.hash}
    if n.label == "Dwelling":
        texts = list(n.props.get("addresses") or []) + [n.props.get("address") or ""]
        props["kg_search"] = "|".join(clean_text(str(t)) for t in texts if t)
    return {"id": n.id, "props": props}


def _rel_row(r: PreparedRel) -> dict[str, Any]:
    props = {**r.props, "kg_key": r.key, "kg_hash": r.hash}
    return {"start": r.start, "end": r.end, "key": r.key, "props": props}


def _key_row(n: PreparedNode) -> dict[str, Any]:
    keys = sorted(encode_key(k, v) for k, v in person_search_keys(n.props))
    return {"id": n.id, "keys": keys}


def _digest(nodes: list[PreparedNode], rels: list[PreparedRel]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for ident, digest in sorted([(n.id, n.hash) for n in nodes] + [(r.key, r.hash) for r in rels]):
        h.update(f"{ident}\x00{digest}\n".encode())
    return h.hexdigest()


class Neo4jGraphStore(GraphReads):
    """``GraphStore`` on Neo4j 5. Open with ``from_settings``; close when done."""

    def __init__(self, driver: Driver, database: str) -> None:
        self._driver = driver
        self.database = database

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jGraphStore:
        uri = settings.neo4j_uri
        if not uri:
            raise ConfigError("NEO4J_URI is not set")
        auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
        try:
            driver = GraphDatabase.driver(uri, auth=auth)
        except (ConfigurationError, ValueError) as exc:
            raise ConfigError(f"bad Neo4j settings for {uri}: {exc}") from exc
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, SessionExpired, AuthError) as exc:
            driver.close()
            raise StoreUnavailable(
                f"cannot reach Neo4j at {uri} as {settings.neo4j_user!r}: {exc}"
            ) from exc
        except (Neo4jError, DriverError) as exc:
            driver.close()
            raise StoreError(f"Neo4j at {uri} failed the connectivity check: {exc}") from exc
        store = cls(driver, settings.neo4j_database)
        try:
            store.ensure_schema()
        except BaseException:
            driver.close()
            raise
        return store

    def close(self) -> None:
        self._driver.close()

    def _session(self) -> Any:
        # Share execute_query's bookmark manager so reads after a write see that write.
        return self._driver.session(
            database=self.database,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
        )

    def ensure_schema(self) -> None:
        """Constraints and indexes (idempotent: ``IF NOT EXISTS``), then wait for them online."""
        with _mapped("schema"), self._session() as session:
            for name in SCHEMA:
                session.run(query(name)).consume()

    def _read(self, name: str, **params: Any) -> list[Any]:
        with _mapped(f"query {name}"):
            result = self._driver.execute_query(
                query(name),
                parameters_=params,
                routing_=RoutingControl.READ,
                database_=self.database,
            )
        return list(result.records)

    # --- write ------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Last completed snapshot digest and the digest of a write in progress (or None)."""
        rows = self._read("read/meta_state", meta_id=META_ID)
        row = rows[0] if rows else None
        return {
            "snapshot": row["snapshot"] if row else None,
            "in_progress": row["in_progress"] if row else None,
        }

    def write(self, snapshot: Graph) -> WriteStats:
        """Bring the stored graph to ``snapshot``, touching only what differs.

        When ``KgMeta`` says the last *completed* write was this very snapshot (same
        digest) and no write is in progress, nothing is read or written: reading
        every stored hash back over Bolt is the whole cost of an unchanged rewrite
        on millions of rows. An interrupted write (``in_progress`` set) always takes
        the full diff, so it is completed, never skipped.
        """
        t0 = time.perf_counter()
        with gc_paused():
            nodes, rels = prepare_snapshot(snapshot)
            target = _digest(nodes, rels)
        meta = {"meta_id": META_ID, "target": target}
        previous = self.state()
        if previous["in_progress"]:
            logger.warning("an earlier graph write did not finish; this write completes it")
        elif previous["snapshot"] == target:
            stats = WriteStats(
                ChangeCounts(unchanged=len(nodes)),
                ChangeCounts(unchanged=len(rels)),
                round(time.perf_counter() - t0, 4),
            )
            logger.info("neo4j graph write: snapshot already stored, nothing to do: %s", stats)
            return stats
        with _mapped("graph write"), self._session() as session:
            session.execute_write(_run, [("write/meta_begin", meta)])
            node_counts, vanished = self._write_nodes(session, nodes)
            rel_counts = self._write_rels(session, rels, vanished)
            session.execute_write(_run, [("write/meta_commit", meta)])
        stats = WriteStats(node_counts, rel_counts, round(time.perf_counter() - t0, 4))
        logger.info("neo4j graph write: %s", stats)
        return stats

    def _write_nodes(
        self, session: Any, nodes: list[PreparedNode]
    ) -> tuple[ChangeCounts, list[str]]:
        """Upsert new and changed nodes; return the counts and the ids that vanished."""
        old: dict[str, tuple[str, str]] = session.execute_read(_node_hashes)
        fresh = not old
        relabelled = [n.id for n in nodes if n.id in old and old[n.id][1] != n.label]
        for batch in batched(relabelled, MERGE_BATCH):
            session.execute_write(_run, [("write/delete_nodes", {"ids": batch})])
        # A relabelled node was just deleted (labels are not MERGE-able in place):
        # it is written again as new, and counted as updated.
        gone = set(relabelled)
        new = [n for n in nodes if n.id not in old or n.id in gone]
        changed = [n for n in nodes if n.id in old and n.id not in gone]
        changed = [n for n in changed if old[n.id][0] != n.hash]
        changed_ids = {n.id for n in changed}
        keep = {n.id for n in nodes}
        for label in NODE_LABELS:
            merge_name, create_name = NODE_FILES[label]
            todo = [n for n in new + changed if n.label == label]
            name = create_name if fresh else merge_name
            for batch in batched(todo, CREATE_BATCH if fresh else MERGE_BATCH):
                steps: Steps = [(name, {"rows": [_node_row(n) for n in batch]})]
                if label == "Person":
                    stale = [n.id for n in batch if n.id in changed_ids]
                    if stale:
                        steps.append(("write/person_keys_clear", {"ids": stale}))
                    steps.append(("write/person_keys_set", {"rows": [_key_row(n) for n in batch]}))
                session.execute_write(_run, steps)
        vanished = [i for i in old if i not in keep]
        updated = len(changed) + len(relabelled)
        created = len(new) - len(relabelled)
        unchanged = len(nodes) - len(new) - len(changed)
        return ChangeCounts(created, updated, len(vanished), unchanged), vanished

    def _write_rels(
        self, session: Any, rels: list[PreparedRel], vanished_nodes: list[str]
    ) -> ChangeCounts:
        """Upsert relationships, then delete vanished relationships and nodes (last)."""
        old: dict[str, tuple[str, str]] = session.execute_read(_rel_hashes)
        fresh = not old
        new = [r for r in rels if r.key not in old]
        changed = [r for r in rels if r.key in old and old[r.key][0] != r.hash]
        keep = {r.key for r in rels}
        vanished = [{"start": start, "key": k} for k, (_, start) in old.items() if k not in keep]
        for typ, (merge_name, create_name) in REL_FILES.items():
            todo = [r for r in new + changed if r.type == typ]
            name = create_name if fresh else merge_name
            for batch in batched(todo, CREATE_BATCH if fresh else MERGE_BATCH):
                session.execute_write(_run, [(name, {"rows": [_rel_row(r) for r in batch]})])
        # Deletions last: until they run, a crash leaves extra (old) content, never missing.
        for batch in batched(vanished, MERGE_BATCH):
            session.execute_write(_run, [("write/delete_rels", {"rows": batch})])
        for batch in batched(vanished_nodes, MERGE_BATCH):
            session.execute_write(_run, [("write/delete_nodes", {"ids": batch})])
        unchanged = len(rels) - len(new) - len(changed)
        return ChangeCounts(len(new), len(changed), len(vanished), unchanged)

    def clear(self) -> None:
        """Delete every kg node (``KgNode``, ``SearchKey``, ``KgMeta``) in bounded batches."""
        with _mapped("clear"), self._session() as session:
            while session.execute_write(_clear_batch, 10_000):
                pass

    # --- primitives -------------------------------------------------------------------------

    def _get_nodes(self, ids: list[str]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for chunk in batched(dict.fromkeys(ids), READ_CHUNK):
            for r in self._read("read/get_nodes", ids=chunk):
                out[r["id"]] = Node(_label(r["labels"]), r["id"], _props(r["props"]))
        return out

    def _adjacent(self, ids: list[str], include_records: bool) -> list[Adj]:
        out: list[Adj] = []
        for chunk in batched(dict.fromkeys(ids), READ_CHUNK):
            for r in self._read("read/adjacent", ids=chunk, records=include_records):
                rel = Rel(r["type"], r["start_id"], r["end_id"], _props(r["rel_props"]))
                other = Node(_label(r["other_labels"]), r["other_id"], _props(r["other_props"]))
                out.append((r["origin"], rel, other))
        return out

    def _persons_by_key(self, kind: str, value: str, limit: int) -> list[str]:
        rows = self._read("read/find_person_by_key", key=encode_key(kind, value), limit=limit)
        return [r["id"] for r in rows]

    def _dwellings_by_address(self, text: str, limit: int) -> list[str]:
        if not text:
            return []
        return [r["id"] for r in self._read("read/dwellings_by_address", text=text, limit=limit)]

    def shortest_path(self, a: str, b: str, max_hops: int = MAX_PATH_HOPS) -> Subgraph | None:
        """Neo4j's own ``shortestPath`` (bounded at 6 hops, records excluded)."""
        ends = self._get_nodes([a, b])
        for end in (a, b):
            if end not in ends:
                raise NotFoundError(f"no entity with id {end!r}")
        if a == b:
            return subgraph([ends[a]], [], False)
        rows = self._read("read/shortest_path", a=a, b=b)
        if not rows or len(rows[0]["rels"]) > min(max_hops, MAX_PATH_HOPS):
            return None
        nodes = [Node(_label(x["labels"]), x["id"], _props(x["props"])) for x in rows[0]["nodes"]]
        path = [
            Rel(x["type"], x["start_id"], x["end_id"], _props(x["props"])) for x in rows[0]["rels"]
        ]
        return subgraph(nodes, path, False)

    # --- whole-graph queries ----------------------------------------------------------------

    def entity_ids(self, label: str) -> set[str]:
        return {r["id"] for r in self._read("read/entity_ids", label=label)}

    def dump(self) -> GraphSnapshot:
        nodes = [
            Node(_label(r["labels"]), r["id"], _props(r["props"]))
            for r in self._read("read/dump_nodes")
        ]
        rels = [
            Rel(r["type"], r["start_id"], r["end_id"], _props(r["props"]))
            for r in self._read("read/dump_rels")
        ]
        return GraphSnapshot(nodes, rels)

    def is_empty(self) -> bool:
        rows = self._read("read/count_nodes")
        return not rows or int(rows[0]["n"]) == 0

    def quality(self, limit: int = 100) -> QualityReport:
        node_counts = {r["label"]: int(r["n"]) for r in self._read("read/quality_node_counts")}
        rel_counts = {r["type"]: int(r["n"]) for r in self._read("read/quality_rel_counts")}
        ids: dict[str, list[str]] = {}
        for r in self._read("read/quality_multi_ids"):
            valid = sorted({str(v) for v in r["vals"] if valid_id18(str(v))})
            if len(valid) > 1:
                ids[r["id"]] = valid
        births = {
            r["id"]: [str(v) for v in r["vals"]]
            for r in self._read("read/quality_multi_birth_dates")
        }
        coverage = [
            (str(r["source"]), int(r["persons"]), int(r["only_this"]))
            for r in self._read("read/quality_coverage")
        ]
        return build_quality_report(
            self._get_nodes, ids, births, coverage, node_counts, rel_counts, limit
        )
