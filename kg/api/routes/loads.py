"""``/v1/loads``: the load history the ledger keeps (one row per loaded file).

Read with a parameterised SELECT on the API's own ledger connection rather than
``kg.store.ledger.Ledger``: that class holds a single-thread connection, while
FastAPI serves sync routes from a thread pool. Columns are listed explicitly so a
new ledger column never leaks into the contract unannounced.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from kg.api.deps import StateDep, require
from kg.api.models import LoadOut, LoadPage
from kg.api.permissions import Permission
from kg.api.routes._shape import next_link

router = APIRouter(
    prefix="/loads", tags=["loads"], dependencies=[Depends(require(Permission.LOADS_READ))]
)

_COLUMNS = (
    "load_id, source, kind, path, sha256, started_at, finished_at, status,"
    " rows_read, loaded, rejected, unchanged, updated"
)


@router.get("", response_model=LoadPage, summary="Load history, newest first")
def load_history(
    request: Request,
    state: StateDep,
    source: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> LoadPage:
    if not state.db.has_table("loads"):
        return LoadPage(items=[], limit=limit, offset=offset)
    rows = state.db.query(
        f"SELECT {_COLUMNS} FROM loads WHERE (?1 IS NULL OR source = ?1)"
        " ORDER BY load_id DESC LIMIT ?2 OFFSET ?3",
        (source, limit + 1, offset),
    )
    items = [LoadOut.model_validate(dict(r)) for r in rows[:limit]]
    return LoadPage(
        items=items,
        limit=limit,
        offset=offset,
        next=next_link(request, limit, offset, len(rows) > limit),
    )
