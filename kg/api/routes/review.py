"""``/v1/review``: the resolver's review band, each pair with its explanation.

Why: pairs scored between the review and match thresholds are the ones the
resolver will not decide alone; a person must look at the evidence and, through
an admin, record a must-link or cannot-link (``POST /v1/curation``). The queue
is ordered by the stored probability only so that a reviewer meets the likeliest
duplicates first — it is an order of *record pairs* for checking, not a score,
rank or flag on any resident.

Every item shows records' values (names, IDs, phones), so the route needs
``X-Purpose``, writes an audit entry naming every entity and record shown, and
masks identifiers per role with the explanation routes' masking.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from kg.api.deps import AuditDep, LedgerDep, ViewDep, require
from kg.api.permissions import Permission
from kg.api.resolution_models import ReviewItemOut, ReviewPage, documented
from kg.api.routes._shape import next_link
from kg.api.routes.explain import disclosed, mask_explanation, ref_json, shape_pair
from kg.explaining import review_queue
from kg.store.ledger import Ledger
from kg.store.resolution_store import ResolutionStore

router = APIRouter(
    prefix="/review", tags=["resolution"], dependencies=[Depends(require(Permission.REVIEW_READ))]
)


def review_items(ledger: Ledger, limit: int, offset: int) -> list[dict[str, Any]]:
    """The queue as ``ReviewItemOut`` JSON: references with their current entity ids."""
    store = ResolutionStore(ledger.connection)
    items = []
    for raw in review_queue(ledger, limit, offset):
        detail = raw.get("detail") or {}
        explanation = raw.get("explanation")
        items.append(
            {
                "space": raw["space"],
                "a": ref_json(raw["a"], store.entity_of(raw["a"])),
                "b": ref_json(raw["b"], store.entity_of(raw["b"])),
                "weight": raw["weight"],
                "probability": raw["probability"],
                "decision": raw["decision"],
                "levels": detail.get("levels") or [],
                "contributions": detail.get("contributions") or [],
                "explanation": shape_pair(explanation) if explanation else None,
            }
        )
    return items


@router.get(
    "",
    response_model=ReviewPage,
    summary="Record pairs the resolver left for a person to decide, explained",
    responses=documented(200),
)
def review(
    request: Request,
    open_ledger: LedgerDep,
    view: ViewDep,
    audit: AuditDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> ReviewPage:
    """Pairs between the review and match thresholds, most probable first. Person pairs
    carry an explanation (contributions, probability, thresholds) recomputed from the
    current records; dwelling and organisation pairs their stored contributions.
    Identifiers inside the values compared are masked per role."""
    with audit.read() as entry, open_ledger() as ledger:
        rows = review_items(ledger, limit + 1, offset)
        has_more = len(rows) > limit
        rows = rows[:limit]
        entry.found(disclosed(rows), size=len(rows))
    items = [ReviewItemOut.model_validate(i) for i in mask_explanation(view, rows)]
    return ReviewPage(
        items=items, limit=limit, offset=offset, next=next_link(request, limit, offset, has_more)
    )
