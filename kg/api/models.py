"""What the API sends: pydantic models separate from the store's view dataclasses.

Why separate: the views (``kg.graph.views``) are the store's internal shape and may
grow; these models are the published ``/v1`` contract (additive changes only) and
carry the OpenAPI descriptions and examples. Person fields other than ``id`` are
optional because a department sees only the fields its policy allows; absent
fields are *omitted* from the JSON, not sent as null.

Identifier fields are typed ``str`` in the general models because an admin (or a
caseworker on the profile they opened) gets them in full. The ``*Masked``
variants constrain them to the masked form and are used as a last check on
answers that must be masked (``assert_masked``): if a masking bug ever let a
full ID through, the request fails with a 500 instead of leaking.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MaskedStr = Annotated[str, StringConstraints(pattern=r"^(?:[^*]{0,6}\*+[^*]{0,8}|\D*)$")]

_ID_EXAMPLE = "110105********123X"


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonRefOut(Out):
    id: str = Field(description="Stable person id.", examples=["P7f3a9c21"])
    name: str | None = Field(default=None, examples=["张伟"])
    sex: str | None = Field(default=None, examples=["M"])
    birth_date: str | None = Field(default=None, examples=["1985-03-12"])
    id_number: str | None = Field(
        default=None, description="公民身份号码, masked unless the role may see it.",
        examples=[_ID_EXAMPLE],
    )  # fmt: skip


class PersonRefMasked(PersonRefOut):
    id_number: MaskedStr | None = None


class EntityRefOut(Out):
    id: str
    label: str = Field(examples=["Dwelling"])
    caption: str = Field(examples=["朝阳区建国路5号楼3单元502室"])


class PersonHitOut(Out):
    id: str = Field(examples=["P7f3a9c21"])
    name: str | None = Field(default=None, examples=["张伟"])
    sex: str | None = None
    birth_date: str | None = None
    id_number: str | None = Field(default=None, examples=[_ID_EXAMPLE])
    match: str = Field(description="Which rule found the person: id, name, pinyin, fuzzy, filter.")
    similarity: float = Field(ge=0, le=1)


class PersonHitMasked(PersonHitOut):
    id_number: MaskedStr | None = None


class PersonPage(Out):
    """One page of search hits; follow ``next`` (a relative URL) for the following page."""

    items: list[PersonHitOut]
    limit: int
    offset: int
    next: str | None = Field(default=None, examples=["/v1/persons?name=张伟&limit=20&offset=20"])


class GoldenValueOut(Out):
    value: Any
    sources: list[str]
    chosen: bool


class RecordOut(Out):
    source: str = Field(examples=["police"])
    record_id: str
    row_no: int | None = None
    role: str
    version: int | None = None
    raw: dict[str, Any] | None = Field(
        default=None,
        description="The verbatim source row (Chinese headers); identifier columns masked "
        "per role; null for roles that may not see raw rows.",
    )
    issues: list[Any] = Field(default_factory=list)


class LinkOut(Out):
    rel_type: str = Field(examples=["LIVES_AT"])
    role: str = Field(examples=["resident"])
    entity: EntityRefOut
    source: str | None = None
    record_id: str | None = None
    confidence: float | None = None


class PersonLinkOut(Out):
    rel_type: str = Field(examples=["SPOUSE_OF"])
    role: str = Field(examples=["spouse"])
    person: PersonRefOut
    source: str | None = None
    record_id: str | None = None
    confidence: float | None = None
    relation: str | None = Field(default=None, examples=["配偶"])


class HouseholdOut(Out):
    id: str
    kind: str | None = Field(default=None, examples=["hukou"])
    number: str | None = None
    source: str | None = None
    members: list[PersonLinkOut]


class HouseholdList(Out):
    person_id: str
    households: list[HouseholdOut]


class PersonProfileOut(Out):
    """A person's golden record with its evidence. Fields absent = not allowed for the role."""

    id: str = Field(examples=["P7f3a9c21"])
    name: str | None = Field(default=None, examples=["张伟"])
    pinyin: str | None = None
    names: list[str] | None = None
    sex: str | None = None
    birth_date: str | None = None
    birth_dates: list[str] | None = None
    ethnicity: str | None = None
    id_number: str | None = Field(default=None, examples=[_ID_EXAMPLE])
    id_numbers: list[str] | None = None
    phones: list[str] | None = Field(default=None, examples=[["138****5678"]])
    sources: list[str] | None = None
    record_count: int | None = None
    golden: dict[str, list[GoldenValueOut]] | None = None
    conflicts: list[str] | None = None
    records: list[RecordOut] | None = None
    dwellings: list[LinkOut] | None = None
    employers: list[LinkOut] | None = None
    organisations: list[LinkOut] | None = None
    family: list[PersonLinkOut] | None = None
    households: list[HouseholdOut] | None = None


class PersonProfileMasked(PersonProfileOut):
    id_number: MaskedStr | None = None
    id_numbers: list[MaskedStr] | None = None
    phones: list[MaskedStr] | None = None


class DwellingOut(Out):
    id: str
    key: str | None = None
    address: str | None = Field(default=None, examples=["北京市朝阳区建国路5号楼3单元502室"])
    addresses: list[str] = Field(default_factory=list)
    district: str | None = None
    community: str | None = None
    road: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    precision: str | None = None
    residents: list[PersonLinkOut]
    registered: list[PersonLinkOut]
    owners: list[PersonLinkOut]
    tenants: list[PersonLinkOut]
    organisations: list[LinkOut]
    records: list[RecordOut] = Field(default_factory=list)


class OrganisationOut(Out):
    id: str
    name: str | None = Field(default=None, examples=["北京华信科技有限公司"])
    names: list[str] = Field(default_factory=list)
    credit_code: str | None = None
    credit_codes: list[str] = Field(default_factory=list)
    core: str | None = None
    region: str | None = None
    branch: str | None = None
    org_type: str | None = None
    address: str | None = None
    employees: list[PersonLinkOut]
    legal_reps: list[PersonLinkOut]
    registered_at: list[LinkOut]
    records: list[RecordOut] = Field(default_factory=list)


class NodeOut(Out):
    id: str
    label: str
    caption: str
    props: dict[str, Any]


class EdgeOut(Out):
    type: str
    start: str
    end: str
    props: dict[str, Any]


class SubgraphOut(Out):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    truncated: bool = False


class PathOut(SubgraphOut):
    found: bool = Field(description="False when no path within max_hops exists.")


class ConflictItemOut(Out):
    person: PersonRefOut
    field: str
    values: list[str]


class CoverageOut(Out):
    persons: int
    only_this_source: int


class QualityOut(Out):
    """Aggregate counts for everyone; the persons behind them only with ``detail=true``."""

    conflicting_ids_total: int
    conflicting_birth_dates_total: int
    coverage: dict[str, CoverageOut]
    node_counts: dict[str, int]
    rel_counts: dict[str, int]
    conflicting_ids: list[ConflictItemOut] | None = None
    conflicting_birth_dates: list[ConflictItemOut] | None = None


class LoadOut(Out):
    load_id: int
    source: str
    kind: str
    path: str
    sha256: str
    started_at: str
    finished_at: str | None = None
    status: str
    rows_read: int
    loaded: int
    rejected: int
    unchanged: int
    updated: int


class LoadPage(Out):
    items: list[LoadOut]
    limit: int
    offset: int
    next: str | None = None


class AuditOut(Out):
    id: int
    at: str
    token_name: str
    role: str
    department: str | None = None
    method: str
    route: str
    query_keys: list[str]
    entity_ids: list[str]
    purpose: str
    result_size: int
    request_id: str
    outcome: str


class AuditPage(Out):
    items: list[AuditOut]
    limit: int
    offset: int
    next: str | None = None


class Health(Out):
    status: str = Field(examples=["ok"])
