"""What the graph stores' read queries return: small frozen dataclasses, store-neutral.

Why separate view types (and not raw ``Node`` dicts): the API and the CLI code
against one shape whichever store answers, and every field that identifies a
resident lives in a clearly named attribute so the API can mask it without
guessing:

* ``id_number`` / ``id_numbers`` (公民身份号码) on ``PersonRef``, ``PersonHit``,
  ``PersonProfile``, ``ConflictItem.values`` when ``field == "id_number"``;
* ``phones`` on ``PersonProfile``;
* ``golden`` entries whose field is in ``IDENTIFYING_FIELDS``;
* ``RecordView.raw`` is the verbatim source row (it holds IDs and phones in
  source columns); mask or drop it for roles that may not see raw rows;
* ``NodeView.props`` / ``EdgeView.props`` are generic: mask keys in
  ``IDENTIFYING_FIELDS``.

Every view has ``to_json()`` returning plain JSON-able dicts/lists.

Example::

    hits = store.find_persons(id_number="11010519850312001x")
    hits[0].to_json()  # {"id": "P...", "name": "张伟", ..., "match": "id", "similarity": 1.0}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

IDENTIFYING_FIELDS: frozenset[str] = frozenset(
    {"id_number", "id_numbers", "phone", "phones", "spouse_id", "owner_id", "tenant_id"}
)
"""Property / golden-field names that identify a resident: the API masks these."""

MatchKind = Literal["id", "name", "pinyin", "fuzzy", "filter"]
"""How a hit was found: ID key, exact name, same pinyin (homophone), fuzzy pinyin, or
``filter`` when only ``birth_date`` / ``address`` were given (similarity 1.0)."""


class _Json:
    """Mixin: ``to_json`` via ``dataclasses.asdict`` (nested views become dicts)."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class PersonRef(_Json):
    """A person as shown inside another view. ``id_number`` is identifying (mask it)."""

    id: str
    name: str | None
    sex: str | None
    birth_date: str | None
    id_number: str | None


@dataclass(frozen=True)
class EntityRef(_Json):
    """A non-person entity as shown inside another view (Dwelling, Organisation, Household)."""

    id: str
    label: str
    caption: str


@dataclass(frozen=True)
class PersonHit(_Json):
    """One search result. ``match`` says which rule found it; ``similarity`` is 0..1."""

    id: str
    name: str | None
    sex: str | None
    birth_date: str | None
    id_number: str | None
    match: MatchKind
    similarity: float


@dataclass(frozen=True)
class GoldenValue(_Json):
    """One candidate value of a golden-record field, with the records that claim it."""

    value: Any
    sources: list[str]
    chosen: bool


@dataclass(frozen=True)
class RecordView(_Json):
    """A source record behind an entity. ``raw`` is the verbatim row (identifying)."""

    source: str
    record_id: str
    row_no: int | None
    role: str
    version: int | None
    raw: dict[str, Any]
    issues: list[Any]


@dataclass(frozen=True)
class LinkView(_Json):
    """A relationship from the viewed entity to a non-person entity, with provenance.

    ``rel_type`` is the graph type (LIVES_AT, ...); ``role`` is the reading for
    humans (resident, registered, owner, tenant, employer, legal_rep, ...).
    """

    rel_type: str
    role: str
    entity: EntityRef
    source: str | None
    record_id: str | None
    confidence: float | None


@dataclass(frozen=True)
class PersonLink(_Json):
    """A relationship to a person, with provenance.

    ``role``: spouse / parent / child in a profile's family, resident / registered /
    owner / tenant on a dwelling, employee / legal_rep on an organisation, member on a
    household. ``relation`` is the source's own wording (与户主关系 / 家庭角色) when known.
    """

    rel_type: str
    role: str
    person: PersonRef
    source: str | None
    record_id: str | None
    confidence: float | None
    relation: str | None = None


@dataclass(frozen=True)
class HouseholdView(_Json):
    """A 户 (police 户号, kind ``hukou``) or family file (计生 家庭档案号, ``family_file``)."""

    id: str
    kind: str | None
    number: str | None
    source: str | None
    members: list[PersonLink]


@dataclass(frozen=True)
class PersonProfile(_Json):
    """Everything about one person: golden record, conflicts, records, links, family."""

    id: str
    name: str | None
    pinyin: str | None
    names: list[str]
    sex: str | None
    birth_date: str | None
    birth_dates: list[str]
    ethnicity: str | None
    id_number: str | None
    id_numbers: list[str]
    phones: list[str]
    sources: list[str]
    record_count: int | None
    golden: dict[str, list[GoldenValue]]
    conflicts: list[str]
    records: list[RecordView]
    dwellings: list[LinkView]
    employers: list[LinkView]
    organisations: list[LinkView]
    family: list[PersonLink]
    households: list[HouseholdView]


@dataclass(frozen=True)
class DwellingView(_Json):
    """A dwelling and who is linked to it, by role, plus organisations registered there."""

    id: str
    key: str | None
    address: str | None
    addresses: list[str]
    district: str | None
    community: str | None
    road: str | None
    building: str | None
    unit: str | None
    room: str | None
    precision: str | None
    residents: list[PersonLink]
    registered: list[PersonLink]
    owners: list[PersonLink]
    tenants: list[PersonLink]
    organisations: list[LinkView]
    records: list[RecordView] = field(default_factory=list)


@dataclass(frozen=True)
class OrganisationView(_Json):
    """An organisation and its people by role, plus its registered address."""

    id: str
    name: str | None
    names: list[str]
    credit_code: str | None
    credit_codes: list[str]
    core: str | None
    region: str | None
    branch: str | None
    org_type: str | None
    address: str | None
    employees: list[PersonLink]
    legal_reps: list[PersonLink]
    registered_at: list[LinkView]
    records: list[RecordView] = field(default_factory=list)


@dataclass(frozen=True)
class NodeView(_Json):
    """A node in a subgraph. ``props`` omit bulky JSON (golden, raw, issues)."""

    id: str
    label: str
    caption: str
    props: dict[str, Any]


@dataclass(frozen=True)
class EdgeView(_Json):
    type: str
    start: str
    end: str
    props: dict[str, Any]


@dataclass(frozen=True)
class Subgraph(_Json):
    """Nodes and edges around an entity or along a path. ``truncated``: the limit was hit."""

    nodes: list[NodeView]
    edges: list[EdgeView]
    truncated: bool = False


@dataclass(frozen=True)
class ConflictItem(_Json):
    """A person whose field has several distinct values (``values`` sorted)."""

    person: PersonRef
    field: str
    values: list[str]


@dataclass(frozen=True)
class SourceCoverage(_Json):
    """How many persons a source mentions, and how many only that source knows."""

    persons: int
    only_this_source: int


@dataclass(frozen=True)
class QualityReport(_Json):
    """Data-quality summary of the stored graph.

    ``conflicting_ids``: persons with more than one *valid* distinct 18-digit ID.
    ``conflicting_birth_dates``: persons with more than one distinct birth date.
    Both lists are capped (``limit``); the ``*_total`` counts are exact.
    """

    conflicting_ids: list[ConflictItem]
    conflicting_ids_total: int
    conflicting_birth_dates: list[ConflictItem]
    conflicting_birth_dates_total: int
    coverage: dict[str, SourceCoverage]
    node_counts: dict[str, int]
    rel_counts: dict[str, int]
