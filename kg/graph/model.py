"""The graph kg writes: nodes and relationships as plain data, independent of any store.

Why a store-neutral snapshot: the resolver's output is turned into one
``GraphSnapshot``; the SQLite and Neo4j stores each write the same snapshot, so
both answer the same queries with the same data, and an incremental write is a
diff between two snapshots.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

NODE_LABELS = ("Person", "Dwelling", "Organisation", "Household", "SourceRecord")
REL_TYPES = (
    "LIVES_AT",
    "REGISTERED_AT",
    "OWNS",
    "RENTS",
    "WORKS_AT",
    "LEGAL_REP_OF",
    "SPOUSE_OF",
    "PARENT_OF",
    "MEMBER_OF",
    "FROM_RECORD",
)


RECORD_ATTRS = ("ethnicity", "marital_status", "person_type", "org_type")
"""Normalised fields of a row that the graph shows on entities (golden attributes)."""


class RecordBrief(NamedTuple):
    """What the graph build needs of a source row: its raw cells and issues as the JSON
    text the ledger stored (passed through, never decoded and re-encoded) and the few
    normalised attributes (``RECORD_ATTRS``) the graph shows."""

    source: str
    kind: str
    record_id: str
    row_no: int
    raw_json: str
    issues_json: str
    attrs: dict[str, str]


@dataclass(frozen=True)
class Node:
    """An entity or a source record. ``props`` holds JSON-able scalars and lists of scalars."""

    label: str
    id: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rel:
    """A relationship. ``props`` always carries ``source``, ``record_id`` and ``confidence``."""

    type: str
    start: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """Identity of a relationship: the same claim from the same record is one relationship."""
        return (
            self.type,
            self.start,
            self.end,
            str(self.props.get("source", "")),
            str(self.props.get("record_id", "")),
        )


@dataclass
class GraphSnapshot:
    nodes: list[Node] = field(default_factory=list)
    rels: list[Rel] = field(default_factory=list)


@dataclass(frozen=True)
class GraphStream:
    """A graph produced on demand: ``nodes()`` then ``rels()``, each called once, in that order.

    Why beside ``GraphSnapshot``: the graph of a large district does not fit in memory
    as objects (see ``kg.graph.build.graph_stream``); a store writes a stream in
    batches and keeps only ids and keys. Unlike a snapshot, a stream may repeat a
    row: the first occurrence of an id (node) or key (relationship) wins.
    """

    nodes: Callable[[], Iterable[Node]]
    rels: Callable[[], Iterable[Rel]]


Graph = GraphSnapshot | GraphStream
"""What a store's ``write`` takes."""
