"""``/v1/audit``: the audit log, for admins (the same rows ``kg audit`` prints)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from kg.api.deps import StateDep, require
from kg.api.models import AuditOut, AuditPage
from kg.api.permissions import Permission
from kg.api.problems import BadRequestError
from kg.api.routes._shape import next_link

router = APIRouter(
    prefix="/audit", tags=["audit"], dependencies=[Depends(require(Permission.AUDIT_READ))]
)


@router.get("", response_model=AuditPage, summary="Audit entries, newest first")
def audit_log(
    request: Request,
    state: StateDep,
    token: Annotated[str | None, Query(max_length=64)] = None,
    entity: Annotated[str | None, Query(max_length=128)] = None,
    since: Annotated[str | None, Query(max_length=40, examples=["2024-05-01"])] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> AuditPage:
    if since is not None:
        try:
            datetime.fromisoformat(since)
        except ValueError as exc:
            raise BadRequestError("since must be an ISO date or date-time") from exc
    rows = state.audit.search(
        token=token, entity=entity, since=since, limit=limit + 1, offset=offset
    )
    return AuditPage(
        items=[AuditOut.model_validate(asdict(r)) for r in rows[:limit]],
        limit=limit,
        offset=offset,
        next=next_link(request, limit, offset, len(rows) > limit),
    )
