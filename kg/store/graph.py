"""The graph store interface both stores implement, and the store-neutral helpers they share.

Why one Protocol and shared helpers: the embedded SQLite store and Neo4j must
answer every query identically (the contract suite in
``tests/store/test_graph_contract.py`` runs the same cases against both).
Everything that is not storage — snapshot validation, canonical JSON and content
hashes, which search keys a person gets, how a typed-in ID or name becomes a
key — lives here, so the two stores cannot drift apart.

Example::

    store = open_graph_store(get_settings())
    stats = store.write(snapshot)          # incremental: only changed rows touched
    hits = store.find_persons(id_number="110105198503120019")
    profile = store.person_profile(hits[0].id)
    store.close()
"""

from __future__ import annotations

import gc
import hashlib
import json
import json.encoder
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from kg.errors import ConflictError, StoreError
from kg.graph.model import NODE_LABELS, REL_TYPES, Graph, GraphSnapshot, GraphStream, Node, Rel
from kg.graph.views import (
    DwellingView,
    HouseholdView,
    OrganisationView,
    PersonHit,
    PersonProfile,
    QualityReport,
    Subgraph,
)
from loaders.normalise.ids import normalise_id
from loaders.normalise.names import normalise_name

if TYPE_CHECKING:
    from kg.settings import Settings

SEARCH_KEY_KINDS = ("id", "name", "py", "ini", "blk", "bd")
"""Search keys a person is indexed under (both stores): canonical ID, name variant,
pinyin key (homophones meet), initials and first-two-syllable block (fuzzy
candidates), birth date (narrowing and fuzzy candidates)."""


@dataclass(frozen=True)
class ChangeCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class WriteStats:
    """What one ``write`` did: per nodes and relationships, plus wall time."""

    nodes: ChangeCounts = field(default_factory=ChangeCounts)
    rels: ChangeCounts = field(default_factory=ChangeCounts)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@runtime_checkable
class GraphStore(Protocol):
    """Persistence of a ``GraphSnapshot`` and the read queries the API and CLI use.

    Reads raise ``NotFoundError`` for an unknown id (or an id of another label);
    store failures raise ``StoreError`` subclasses.
    """

    def write(self, snapshot: Graph) -> WriteStats: ...

    def find_persons(
        self,
        id_number: str | None = None,
        name: str | None = None,
        birth_date: str | None = None,
        address: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[PersonHit]: ...

    def person_profile(self, person_id: str) -> PersonProfile: ...

    def dwelling(self, dwelling_id: str) -> DwellingView: ...

    def organisation(self, organisation_id: str) -> OrganisationView: ...

    def household(self, household_id: str) -> HouseholdView: ...

    def neighbourhood(
        self, entity_id: str, hops: int = 1, limit: int = 200, include_records: bool = False
    ) -> Subgraph: ...

    def shortest_path(self, a: str, b: str, max_hops: int = 6) -> Subgraph | None: ...

    def quality(self, limit: int = 100) -> QualityReport: ...

    def entity_ids(self, label: str) -> set[str]: ...

    def dump(self) -> GraphSnapshot:
        """The whole stored graph (tests, export); reads everything, so not for the API."""
        ...

    def close(self) -> None: ...


def open_graph_store(settings: Settings) -> GraphStore:
    """Neo4j when ``NEO4J_URI`` is set, else the embedded SQLite graph in the ledger file."""
    if settings.uses_neo4j:
        from kg.store.neo4j_graph import Neo4jGraphStore

        store: GraphStore = Neo4jGraphStore.from_settings(settings)
        return store
    from kg.store.sqlite_graph import SqliteGraphStore

    return SqliteGraphStore(settings.ledger_path)


# --- snapshot canonicalisation -------------------------------------------------------------


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk write.

    Why: preparing and diffing a snapshot allocates millions of small tuples and
    dicts while the snapshot itself (millions more) is alive, so the collector's
    full passes re-traverse everything again and again — measured at about a third
    of an unchanged rewrite. Nothing here builds reference cycles; the collector
    resumes (if it was on) when the write ends, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def canonical_props(props: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values: Neo4j cannot store null, so both stores agree on absence."""
    if None not in props.values():  # the common case: one C-level scan, no copy
        return props
    return {k: v for k, v in props.items() if v is not None}


def _json_chunks() -> Callable[[Any, int], Iterable[str]]:
    """The canonical JSON encoder, built once: ``"".join(chunks(obj, 0))`` is the text.

    Why not ``json.dumps(..., sort_keys=True, ...)`` per row: ``dumps`` builds a new
    ``JSONEncoder`` on every call and goes through two Python frames before the C
    encoder runs — three quarters of the time for a small props dict. The C encoder
    made here once gives byte-identical text (same separators, key order, float
    repr, non-ASCII kept), so stored hashes stay valid across the change. The hot
    loops (``_prepared_nodes``, ``_prepared_rels``) call it and join the chunks
    themselves, without even a Python wrapper frame per row. Falls back to the
    pure-Python encoder where the C accelerator is absent.
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has the accelerator
        encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return lambda obj, _level: encoder.iterencode(obj)

    def unsupported(obj: Any) -> Any:
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")

    chunks: Callable[[Any, int], Iterable[str]] = make(
        None, unsupported, json.encoder.encode_basestring, None, ":", ",", True, False, True
    )
    return chunks


_CHUNKS = _json_chunks()
_JOIN = "".join


def props_json(props: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, no spaces, non-ASCII kept (what both stores hash and store)."""
    return _JOIN(_CHUNKS(props, 0))


def content_hash(kind: str, props_text: str) -> str:
    """Content hash of a node (kind = label) or relationship (kind = type) and its props.

    ``blake2b(kind NUL props_text)``, 16 bytes as hex; one hashlib call per row.
    """
    return hashlib.blake2b(f"{kind}\x00{props_text}".encode(), digest_size=16).hexdigest()


def rel_key(rel: Rel) -> str:
    """A relationship's identity as one string (type, start, end, source, record_id)."""
    return "\x1f".join(rel.key)


class PreparedNode(NamedTuple):
    """A validated node with its canonical props text and content hash.

    A named tuple, not a dataclass: a snapshot holds millions of these and a tuple
    is built several times faster than a frozen dataclass.
    """

    label: str
    id: str
    props: dict[str, Any]
    props_text: str
    hash: str


class PreparedRel(NamedTuple):
    """A validated relationship: identity ``key`` (see ``rel_key``), props text, hash."""

    key: str
    type: str
    start: str
    end: str
    props: dict[str, Any]
    props_text: str
    hash: str


_LABELS = frozenset(NODE_LABELS)
_TYPES = frozenset(REL_TYPES)


def prepare_snapshot(graph: Graph) -> tuple[list[PreparedNode], list[PreparedRel]]:
    """Validate and canonicalise a whole graph before any store touches it.

    Why up front: a bad snapshot (unknown label, dangling relationship, one id
    with two contents) must fail before the first row is written. Neo4j uses this
    (its write is several transactions and it digests the whole graph first); the
    SQLite store writes ``prepare_stream`` in one transaction instead, where a
    failure rolls everything back.
    """
    nodes, rels = prepare_stream(graph)
    node_list = list(nodes)
    return node_list, list(rels())


def prepare_stream(
    graph: Graph,
) -> tuple[Iterator[PreparedNode], Callable[[], Iterator[PreparedRel]]]:
    """Prepared nodes, then (call the second value once the nodes are consumed) rels.

    Validation as in ``prepare_snapshot``, row by row: what is kept is one entry per
    node id and per relationship key (to catch repeats and dangling ends), not the
    rows. A ``GraphSnapshot`` must not repeat an id or key with other content
    (``ConflictError``); a ``GraphStream`` may, and its first occurrence wins.

    Cost: this runs over every row of every write (an unchanged rewrite is all
    this plus one read of the stored hashes), so each row gets exactly one JSON
    encoding and one hash, and the loops avoid per-row helper calls.
    """
    first_wins = isinstance(graph, GraphStream)
    node_hashes: dict[str, str] = {}
    source = graph.nodes() if isinstance(graph, GraphStream) else graph.nodes
    nodes = _prepared_nodes(source, node_hashes, first_wins)

    def rels() -> Iterator[PreparedRel]:
        source = graph.rels() if isinstance(graph, GraphStream) else graph.rels
        return _prepared_rels(source, node_hashes, first_wins)

    return nodes, rels


def _prepared_nodes(
    nodes: Iterable[Node], seen: dict[str, str], first_wins: bool
) -> Iterator[PreparedNode]:
    chunks, join = _CHUNKS, _JOIN
    blake2b = hashlib.blake2b
    for n in nodes:
        label = n.label
        if label not in _LABELS:
            raise StoreError(f"unknown node label {label!r} for node {n.id!r}")
        earlier = seen.get(n.id)
        if earlier is not None and first_wins:
            continue
        props = n.props
        if None in props.values():
            props = {k: v for k, v in props.items() if v is not None}
        text = join(chunks(props, 0))
        digest = blake2b(f"{label}\x00{text}".encode(), digest_size=16).hexdigest()
        if earlier is not None:
            if earlier != digest:
                raise ConflictError(f"node id {n.id!r} appears twice with different content")
            continue
        seen[n.id] = digest
        yield PreparedNode(label, n.id, props, text, digest)


def _prepared_rels(
    rels: Iterable[Rel], nodes: dict[str, str], first_wins: bool
) -> Iterator[PreparedRel]:
    chunks, join = _CHUNKS, _JOIN
    blake2b = hashlib.blake2b
    # A stream's repeats are dropped unread, so its keys need no hash (less memory).
    seen: dict[str, str] = {}
    for r in rels:
        typ, start, end = r.type, r.start, r.end
        if typ not in _TYPES:
            raise StoreError(f"unknown relationship type {typ!r}")
        if start not in nodes:
            raise StoreError(f"{typ} refers to unknown node {start!r}")
        if end not in nodes:
            raise StoreError(f"{typ} refers to unknown node {end!r}")
        # Same string as rel_key(r), without building the tuple.
        key = (
            f"{typ}\x1f{start}\x1f{end}\x1f{r.props.get('source', '')!s}"
            f"\x1f{r.props.get('record_id', '')!s}"
        )
        earlier = seen.get(key)
        if earlier is not None and first_wins:
            continue
        props = r.props
        if None in props.values():
            props = {k: v for k, v in props.items() if v is not None}
        text = join(chunks(props, 0))
        digest = blake2b(f"{typ}\x00{text}".encode(), digest_size=16).hexdigest()
        if earlier is not None:
            if earlier != digest:
                raise ConflictError(f"relationship {r.key!r} appears twice with different props")
            continue
        seen[key] = "" if first_wins else digest
        yield PreparedRel(key, typ, start, end, props, text, digest)


def node_from_json(label: str, node_id: str, props_text: str) -> Node:
    return Node(label, node_id, json.loads(props_text))


# --- search keys ----------------------------------------------------------------------------


def normalise_query_id(raw: str) -> list[str]:
    """Stored (canonical) ID values a typed-in ID can match.

    ``normalise_id`` upgrades a 15-digit legacy number to its 18-digit form and
    canonicalises case, full-width digits and separators; the cheap form
    (NFKC, upper-case, separators dropped) is also tried so a stored value that
    ``normalise_id`` would rewrite (an invalid ID kept as evidence) still matches.
    """
    cheap = "".join(ch for ch in unicodedata.normalize("NFKC", raw).upper() if ch.isalnum())
    forms = [cheap] if cheap else []
    norm = normalise_id(raw)
    if norm is not None and norm.value and norm.value not in forms:
        forms.insert(0, norm.value)
    return forms


def name_syllables(name: str) -> tuple[str, list[str]]:
    """(simplified full name, toneless pinyin syllables) via ``normalise_name``.

    Both the write side (indexing) and the query side call this, so keys always agree.
    """
    norm = normalise_name(name)
    if norm is None:
        return "", []
    return norm.full, [s for s in norm.pinyin.split() if s]


def name_keys(name: str) -> dict[str, str]:
    """The name-derived search keys: name, pinyin key, initials, two-syllable block."""
    return dict(_name_key_items(name))


@lru_cache(maxsize=200_000)
def _name_key_items(name: str) -> tuple[tuple[str, str], ...]:
    """``name_keys`` as a hashable tuple, memoised.

    Why: names repeat heavily in a district (and every person carries its name in
    both ``name`` and ``names``); computing keys goes through OpenCC and pypinyin.
    """
    full, syl = name_syllables(name)
    keys: list[tuple[str, str]] = []
    if full:
        keys.append(("name", full))
    if syl:
        keys.append(("py", "".join(syl)))
        keys.append(("ini", "".join(s[0] for s in syl)))
        keys.append(("blk", "".join(syl[:2])))
    return tuple(keys)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def person_search_keys(props: dict[str, Any]) -> set[tuple[str, str]]:
    """Every (kind, value) a person is findable under; both stores index exactly these."""
    keys: set[tuple[str, str]] = set()
    for value in _as_list(props.get("id_numbers")) + _as_list(props.get("id_number")):
        if value:
            keys.add(("id", str(value)))
    for name in set(_as_list(props.get("names")) + _as_list(props.get("name"))):
        if name:
            keys.update(_name_key_items(str(name)))
    for py in _as_list(props.get("pinyin_keys")):
        if py:
            keys.add(("py", str(py).replace(" ", "").lower()))
    for bd in _as_list(props.get("birth_dates")) + _as_list(props.get("birth_date")):
        if bd:
            keys.add(("bd", str(bd)))
    return keys


def encode_key(kind: str, value: str) -> str:
    """One string per key (Neo4j ``SearchKey.key``)."""
    return f"{kind}:{value}"


def valid_id18(value: str) -> bool:
    """GB 11643 check: 17 digits and the right check character. Used by ``quality``."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(value[:17], weights, strict=True))
    return "10X98765432"[total % 11] == value[17]


def batched(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    """Lists of up to ``size`` items; ``islice`` fills each in C (a graph write batches
    millions of rows, and a Python append per row was measurable)."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
