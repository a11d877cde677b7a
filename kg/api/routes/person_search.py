"""``POST /v1/persons/search``: person search with the criteria in a JSON body. Preferred.

Why a POST for a read: ``GET /v1/persons?id_number=…`` puts an ID number into
the URL, and URLs end up in reverse-proxy logs, browser history and monitoring
tools that kg does not control. A body stays inside TLS and out of those logs.

Everything else is exactly the GET route — same permission, ``X-Purpose``,
audit entry, masking and department field filtering — because this route
*calls* it. Only the audit entry differs in what it names: the criteria given in
the body (names, never values) alongside ``limit`` / ``offset``. Pagination
stays in the query string (it holds nothing personal): ``next`` is the URL to
POST the same body to for the following page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response

from kg.api.models import PersonPage
from kg.api.resolution_models import PersonSearchIn, documented
from kg.api.routes.persons import SearchRead, search_persons

router = APIRouter(prefix="/persons", tags=["persons"])

_EXAMPLES = {
    "by ID number": {"value": {"id_number": "110105198503121234"}},
    "by name and birth month": {"value": {"name": "张伟", "birth_date": "1985-03"}},
}


@router.post(
    "/search",
    response_model=PersonPage,
    response_model_exclude_unset=True,
    summary="Search persons, criteria in the body (preferred: keeps ID numbers out of URLs)",
    responses=documented(200),
)
async def search_persons_post(
    request: Request,
    read: SearchRead,
    criteria: Annotated[PersonSearchIn, Body(openapi_examples=_EXAMPLES)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    """Same answer as `GET /v1/persons`: hits ranked by how they matched (id > name >
    pinyin > fuzzy), identifiers masked per role. At least one criterion is required."""
    read.audit.query_keys = list(dict.fromkeys([*criteria.given(), *read.audit.query_keys]))
    return await search_persons(
        request,
        read,
        id_number=criteria.id_number,
        name=criteria.name,
        birth_date=criteria.birth_date,
        address=criteria.address,
        limit=limit,
        offset=offset,
    )
