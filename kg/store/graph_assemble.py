"""Turning stored nodes and relationships into views: pure functions shared by both stores.

Why separate from the queries: these decide captions, role names, JSON decoding
of ``golden`` / ``raw`` and the quality report's shape; keeping them pure makes
the two stores' answers identical by construction.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from kg.graph.model import Node, Rel
from kg.graph.views import (
    ConflictItem,
    EdgeView,
    EntityRef,
    GoldenValue,
    LinkView,
    NodeView,
    PersonLink,
    PersonRef,
    QualityReport,
    RecordView,
    SourceCoverage,
    Subgraph,
)

Adj = tuple[str, Rel, Node]
"""(the node expanded from, the relationship, the node at the other end)."""

_BULKY = ("golden", "raw", "issues")


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def opt_int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def caption(node: Node) -> str:
    p = node.props
    if node.label == "Dwelling":
        return str(p.get("address") or p.get("key") or node.id)
    if node.label == "Household":
        return f"{p.get('kind', '')} {p.get('number', '')}".strip() or node.id
    if node.label == "SourceRecord":
        return node.id
    return str(p.get("name") or node.id)


def person_ref(node: Node) -> PersonRef:
    p = node.props
    return PersonRef(
        node.id,
        opt_str(p.get("name")),
        opt_str(p.get("sex")),
        opt_str(p.get("birth_date")),
        opt_str(p.get("id_number")),
    )


def entity_ref(node: Node) -> EntityRef:
    return EntityRef(node.id, node.label, caption(node))


def link_view(rel: Rel, role: str, other: Node) -> LinkView:
    p = rel.props
    return LinkView(
        rel.type,
        role,
        entity_ref(other),
        opt_str(p.get("source")),
        opt_str(p.get("record_id")),
        opt_float(p.get("confidence")),
    )


def person_link(rel: Rel, role: str, other: Node) -> PersonLink:
    p = rel.props
    return PersonLink(
        rel.type,
        role,
        person_ref(other),
        opt_str(p.get("source")),
        opt_str(p.get("record_id")),
        opt_float(p.get("confidence")),
        opt_str(p.get("relation")),
    )


def json_value(text: Any, default: Any) -> Any:
    if not isinstance(text, str):
        return default if text is None else text
    try:
        return json.loads(text)
    except ValueError:
        return default


def record_view(rel: Rel, rec: Node) -> RecordView:
    p = rec.props
    raw = json_value(p.get("raw"), {})
    issues = json_value(p.get("issues"), [])
    return RecordView(
        str(p.get("source", "")),
        str(p.get("record_id", "")),
        opt_int(p.get("row_no")),
        str(rel.props.get("role", "")),
        opt_int(p.get("version")),
        raw if isinstance(raw, dict) else {"value": raw},
        issues if isinstance(issues, list) else [issues],
    )


def golden_values(text: Any) -> dict[str, list[GoldenValue]]:
    data = json_value(text, {})
    out: dict[str, list[GoldenValue]] = {}
    if not isinstance(data, dict):
        return out
    for fld, values in sorted(data.items()):
        out[fld] = [
            GoldenValue(
                v.get("value"), [str(s) for s in as_list(v.get("sources"))], bool(v.get("chosen"))
            )
            for v in as_list(values)
            if isinstance(v, dict)
        ]
    return out


def adj_sort_key(item: Adj) -> tuple[str, str, str, str]:
    _, rel, other = item
    return (
        rel.type,
        other.id,
        str(rel.props.get("source", "")),
        str(rel.props.get("record_id", "")),
    )


def clean_text(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def subgraph(nodes: list[Node], rels: list[Rel], truncated: bool) -> Subgraph:
    return Subgraph(
        [
            NodeView(
                n.id, n.label, caption(n), {k: v for k, v in n.props.items() if k not in _BULKY}
            )
            for n in nodes
        ],
        [EdgeView(r.type, r.start, r.end, dict(r.props)) for r in rels],
        truncated,
    )


def build_quality_report(
    get_nodes: Callable[[list[str]], dict[str, Node]],
    ids: dict[str, list[str]],
    births: dict[str, list[str]],
    coverage_rows: Sequence[tuple[str, int, int]],
    node_counts: dict[str, int],
    rel_counts: dict[str, int],
    limit: int,
) -> QualityReport:
    """Shared tail of ``quality``: cap the conflict lists and attach person summaries."""
    id_keys = sorted(ids)[:limit]
    bd_keys = sorted(births)[:limit]
    nodes: dict[str, Node] = get_nodes(sorted(set(id_keys) | set(bd_keys)))
    return QualityReport(
        conflicting_ids=[
            ConflictItem(person_ref(nodes[p]), "id_number", sorted(set(ids[p])))
            for p in id_keys
            if p in nodes
        ],
        conflicting_ids_total=len(ids),
        conflicting_birth_dates=[
            ConflictItem(person_ref(nodes[p]), "birth_date", sorted(set(births[p])))
            for p in bd_keys
            if p in nodes
        ],
        conflicting_birth_dates_total=len(births),
        coverage={
            str(s): SourceCoverage(int(n), int(only or 0)) for s, n, only in sorted(coverage_rows)
        },
        node_counts={str(k): int(v) for k, v in sorted(node_counts.items())},
        rel_counts={str(k): int(v) for k, v in sorted(rel_counts.items())},
    )
