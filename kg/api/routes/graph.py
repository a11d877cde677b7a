"""``/v1/graph``: the subgraph around an entity and the shortest path between two.

Subgraphs can contain persons, so both routes need ``X-Purpose`` and are
audited with the anchor id(s) and every Person node returned. Hop and size
limits are bounded here (1..3 hops, ≤ 500 nodes) so one request cannot walk
the whole district.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from kg.api.deps import AuditDep, StoreDep, ViewDep, require
from kg.api.models import PathOut, SubgraphOut
from kg.api.permissions import Permission
from kg.api.problems import PermissionDeniedError
from kg.api.routes._shape import person_ids, shape

router = APIRouter(
    prefix="/graph", tags=["graph"], dependencies=[Depends(require(Permission.GRAPH_READ))]
)


@router.get(
    "/neighbourhood/{entity_id}",
    response_model=SubgraphOut,
    summary="Nodes and relationships within 1-3 hops of an entity",
)
def neighbourhood(
    entity_id: Annotated[str, Path(min_length=1, max_length=128)],
    store: StoreDep,
    view: ViewDep,
    audit: AuditDep,
    hops: Annotated[int, Query(ge=1, le=3)] = 1,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    include_records: bool = False,
) -> SubgraphOut:
    if include_records and not view.raw_records:
        raise PermissionDeniedError("this role may not see source records")
    with audit.read() as entry:
        sub = store.neighbourhood(
            entity_id, hops=hops, limit=limit, include_records=include_records
        )
        data = sub.to_json()
        found = person_ids(data)
        entry.found([entity_id, *found], size=len(found))
    return SubgraphOut.model_validate(shape(view, data))


@router.get(
    "/path",
    response_model=PathOut,
    summary="The shortest path between two entities (found=false if none within max_hops)",
)
def path(
    store: StoreDep,
    view: ViewDep,
    audit: AuditDep,
    start: Annotated[str, Query(alias="from", min_length=1, max_length=128)],
    end: Annotated[str, Query(alias="to", min_length=1, max_length=128)],
    max_hops: Annotated[int, Query(ge=1, le=6)] = 6,
) -> PathOut:
    with audit.read() as entry:
        sub = store.shortest_path(start, end, max_hops=max_hops)
        data = sub.to_json() if sub is not None else {"nodes": [], "edges": []}
        found = person_ids(data)
        entry.found([start, end, *found], size=len(found))
    return PathOut.model_validate({**shape(view, data), "found": sub is not None})
