"""``/v1/persons``: search, profile and a person's households.

Every route here returns persons, so every route needs ``X-Purpose`` and writes
one audit entry naming the persons disclosed. Search lists are always masked
for non-admins (a list is for picking the right person, not for reading their
identifiers); a caseworker sees the full identifiers of the one person whose
profile they open.

Search and profile are ``async`` routes, because they are the hot path: a
lookup by ID number and a profile read run on the event loop (an indexed read
of well under a millisecond, cheaper than a hop to the thread pool and back),
the audit row is awaited from the group-commit writer without holding a thread,
and the answer is serialised once by pydantic (``json_response``) instead of
being validated a second time against ``response_model``. Searches by name,
birth date or address can scan many candidates and run in the thread pool so
they do not stall the loop. The household route stays a plain ``def``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from kg.api.deps import AuditDep, PersonRead, StoreDep, ViewDep, person_read, require
from kg.api.masking import redact
from kg.api.models import (
    HouseholdList,
    PersonHitMasked,
    PersonHitOut,
    PersonPage,
    PersonProfileMasked,
    PersonProfileOut,
)
from kg.api.permissions import Permission
from kg.api.problems import BadRequestError
from kg.api.routes._shape import (
    check_masked,
    json_response,
    next_link,
    person_ids,
    plain,
    shape,
    strip_raw,
)
from kg.graph.views import PersonHit

router = APIRouter(prefix="/persons", tags=["persons"])

SearchRead = Annotated[PersonRead, Depends(person_read(Permission.PERSONS_SEARCH))]
ProfileRead = Annotated[PersonRead, Depends(person_read(Permission.PERSONS_READ))]
PersonId = Annotated[str, Path(min_length=1, max_length=128, description="Stable person id.")]
_HIT_ALWAYS = frozenset({"id", "match", "similarity"})


@router.get(
    "",
    response_model=PersonPage,
    response_model_exclude_unset=True,
    summary="Search persons by ID number, name, birth date or address",
)
async def search_persons(
    request: Request,
    read: SearchRead,
    id_number: Annotated[str | None, Query(max_length=40, examples=["110105198503121234"])] = None,
    name: Annotated[str | None, Query(max_length=64, examples=["张伟"])] = None,
    birth_date: Annotated[
        str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["1985-03"])
    ] = None,
    address: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    """Hits ranked by how they matched (id > name > pinyin > fuzzy). Identifiers masked."""
    if not any(v and v.strip() for v in (id_number, name, birth_date, address)):
        raise BadRequestError("give at least one of id_number, name, birth_date, address")

    store, view = read.store, read.view

    def find() -> list[PersonHit]:
        return store.find_persons(
            id_number=id_number,
            name=name,
            birth_date=birth_date,
            address=address,
            limit=limit + 1,
            offset=offset,
        )

    by_id_only = bool(id_number and id_number.strip()) and not (name or birth_date or address)
    async with read.audit.aread() as entry:
        hits = find() if by_id_only else await run_in_threadpool(find)
        has_more = len(hits) > limit
        hits = hits[:limit]
        entry.found([h.id for h in hits])
    items: list[PersonHitOut] = []
    for hit in hits:
        data = plain(hit)
        if view.department is not None:
            data = view.department.filter(data, _HIT_ALWAYS)
        # Lists are masked even for caseworkers: no owner allow-list here.
        data = redact(data, view.mask)
        check_masked(view, PersonHitMasked, data)
        items.append(PersonHitOut.model_validate(data))
    page = PersonPage(
        items=items, limit=limit, offset=offset, next=next_link(request, limit, offset, has_more)
    )
    return json_response(page)


@router.get(
    "/{person_id}",
    response_model=PersonProfileOut,
    response_model_exclude_unset=True,
    summary="A person's golden record, evidence, links and family",
)
async def person_profile(person_id: PersonId, read: ProfileRead) -> Response:
    view = read.view
    async with read.audit.aread() as entry:
        profile = read.store.person_profile(person_id)
        entry.found([profile.id])
    data = plain(profile)
    if view.department is not None:
        data = view.department.filter(data, frozenset({"id"}))
        if "records" in data and not view.raw_records:
            data.pop("records")
    owner_ids = [*profile.id_numbers, *([profile.id_number] if profile.id_number else [])]
    shaped = view.redact(
        strip_raw(data, view.raw_records), owner_ids=owner_ids, owner_phones=profile.phones
    )
    if not view.principal.can(Permission.IDS_PROFILE):
        check_masked(view, PersonProfileMasked, shaped)
    return json_response(PersonProfileOut.model_validate(shaped))


@router.get(
    "/{person_id}/household",
    response_model=HouseholdList,
    dependencies=[Depends(require(Permission.PERSONS_READ, Permission.ENTITIES_READ))],
    summary="The households (户 / family files) a person belongs to, with their members",
)
def person_households(
    person_id: PersonId, store: StoreDep, view: ViewDep, audit: AuditDep
) -> HouseholdList:
    with audit.read() as entry:
        profile = store.person_profile(person_id)
        data = {
            "person_id": profile.id,
            "households": [h.to_json() for h in profile.households],
        }
        entry.found([profile.id, *person_ids(data)])
    return HouseholdList.model_validate(shape(view, data))
