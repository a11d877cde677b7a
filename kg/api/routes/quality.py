"""``/v1/quality``: data-quality counts, and on request the persons behind them.

Why two levels: the loader needs to know *that* 37 persons carry two valid ID
numbers (a loading problem to chase with the source department); only roles
that may read persons see *who* — with ``detail=true``, a purpose and an audit
entry. Without ``detail`` no person appears in the answer, so no purpose is
needed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from kg.api.deps import OptionalAuditDep, PrincipalDep, StoreDep, ViewDep, require
from kg.api.models import QualityOut
from kg.api.permissions import Permission
from kg.api.routes._shape import person_ids, shape

router = APIRouter(
    prefix="/quality", tags=["quality"], dependencies=[Depends(require(Permission.QUALITY_READ))]
)


@router.get(
    "",
    response_model=QualityOut,
    response_model_exclude_unset=True,
    summary="Conflict counts, source coverage, node and relationship counts",
)
def quality(
    store: StoreDep,
    principal: PrincipalDep,
    view: ViewDep,
    audit: OptionalAuditDep,
    detail: Annotated[bool, Query(description="Include the persons (needs X-Purpose).")] = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> QualityOut:
    if not detail:
        data = store.quality(limit=limit).to_json()
        data.pop("conflicting_ids", None)
        data.pop("conflicting_birth_dates", None)
        return QualityOut.model_validate(data)
    principal.require(Permission.QUALITY_DETAIL)
    with audit().read() as entry:
        data = store.quality(limit=limit).to_json()
        entry.found(person_ids(data))
    return QualityOut.model_validate(shape(view, data))
