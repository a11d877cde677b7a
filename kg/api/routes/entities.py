"""``/v1/dwellings``, ``/v1/organisations``, ``/v1/households``: places and groups.

Each answer lists the persons linked to the entity (residents, owners,
employees, members), so each needs ``X-Purpose`` and is audited with the
entity's id and every person disclosed. Identifiers of those persons are
masked for every role but admin: a caseworker opens a person's profile to see
that person's own identifiers.

Three small routers in one module because they are the same shape; each keeps
its own prefix and tag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from kg.api.audit import AuditScope
from kg.api.deps import AuditDep, StoreDep, ViewDep, require
from kg.api.models import DwellingOut, HouseholdOut, OrganisationOut
from kg.api.permissions import Permission
from kg.api.routes._shape import person_ids, shape

_READ = [Depends(require(Permission.ENTITIES_READ))]
EntityId = Annotated[str, Path(min_length=1, max_length=128)]


def _audited_read(audit: AuditScope, entity_id: str, fetch: Callable[[str], Any]) -> dict[str, Any]:
    """Fetch one entity's view and audit it with every person it shows."""
    with audit.read() as entry:
        data: dict[str, Any] = fetch(entity_id).to_json()
        people = person_ids(data)
        entry.found([entity_id, *people], size=len(people))
    return data


dwellings = APIRouter(prefix="/dwellings", tags=["dwellings"], dependencies=_READ)
organisations = APIRouter(prefix="/organisations", tags=["organisations"], dependencies=_READ)
households = APIRouter(prefix="/households", tags=["households"], dependencies=_READ)


@dwellings.get("/{dwelling_id}", response_model=DwellingOut, summary="A dwelling and its people")
def get_dwelling(
    dwelling_id: EntityId, store: StoreDep, view: ViewDep, audit: AuditDep
) -> DwellingOut:
    data = _audited_read(audit, dwelling_id, store.dwelling)
    return DwellingOut.model_validate(shape(view, data))


@organisations.get(
    "/{organisation_id}", response_model=OrganisationOut, summary="An organisation and its people"
)
def get_organisation(
    organisation_id: EntityId, store: StoreDep, view: ViewDep, audit: AuditDep
) -> OrganisationOut:
    data = _audited_read(audit, organisation_id, store.organisation)
    return OrganisationOut.model_validate(shape(view, data))


@households.get(
    "/{household_id}", response_model=HouseholdOut, summary="A household (户) and its members"
)
def get_household(
    household_id: EntityId, store: StoreDep, view: ViewDep, audit: AuditDep
) -> HouseholdOut:
    data = _audited_read(audit, household_id, store.household)
    return HouseholdOut.model_validate(shape(view, data))
