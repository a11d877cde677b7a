"""Mentions: every reference a source row makes to a real-world entity, one per contract role.

Why mentions rather than rows: one police row names a person, two dwellings and an
employer; a civil-affairs row names a person and their spouse; a housing row a
dwelling, its owner and its tenant. The links export has one row per reference, so
the resolver works on references: each is keyed by ``(source, record_id, role)`` and
carries only what that reference says, plus the context of the row that made it
(the spouse named on a civil-affairs row lives where the subject lives; the tenant
of a flat probably lives in it) as *context* evidence, kept apart from what the
reference itself states.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from loaders.normalise.addresses import NormAddress, same_as_registered
from loaders.normalise.dates import NormDate
from loaders.normalise.ids import NormID
from loaders.normalise.names import NormName
from loaders.normalise.orgs import NormCode, NormOrgName
from loaders.normalise.phones import NormPhone

T = TypeVar("T")


class RecordLike(Protocol):
    """What mention extraction reads from a row. ``loaders.records.SourceRecord`` is one;
    so is the narrow ``(source, kind, record_id, fields)`` row ``kg resolve`` streams,
    which never decodes the raw cells."""

    @property
    def source(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def record_id(self) -> str: ...

    @property
    def fields(self) -> dict[str, Any]: ...


MentionKey = tuple[str, str, str]
"""(source, record_id, role): the unit of the links export."""

PERSON_ROLES = ("person", "spouse", "owner", "tenant", "legal_rep")
DWELLING_ROLES = ("house", "registered_house")
ORG_ROLES = ("employer", "organisation")


# Slotted: a million-resident district holds ~6.7M mentions, and a per-instance __dict__
# cost ~100-200 bytes each.
@dataclass(frozen=True, slots=True)
class PersonMention:
    """What one reference says about a person.

    ``dwellings`` name the address references (``dwelling_ref`` of their keys) that place
    the person; the resolver compares the dwellings those resolved to. For context
    roles (spouse, owner, tenant, legal_rep) they come from the naming row and are
    marked in ``context`` so explanations can say so.
    """

    key: MentionKey
    name: NormName | None
    former_names: tuple[NormName, ...] = ()
    id: NormID | None = None
    birth: NormDate | None = None
    sex: str | None = None
    phones: tuple[str, ...] = ()
    dwellings: tuple[str, ...] = ()
    employer: str | None = None
    household: str | None = None
    relation: str | None = None
    context: bool = False
    partner: MentionKey | None = None

    @property
    def birth_iso(self) -> str | None:
        """Stated birth date, else the one encoded in the ID (for 15- and 18-digit IDs)."""
        if self.birth is not None and self.birth.valid and self.birth.iso:
            return self.birth.iso
        if self.id is not None and self.id.birth_date:
            return self.id.birth_date
        return None

    @property
    def best_sex(self) -> str | None:
        if self.sex:
            return self.sex
        if self.id is not None and self.id.valid and self.id.sex:
            return self.id.sex
        return None


@dataclass(frozen=True, slots=True)
class AddressMention:
    key: MentionKey
    address: NormAddress


@dataclass(frozen=True, slots=True)
class OrgMention:
    key: MentionKey
    name: NormOrgName | None
    code: NormCode | None = None
    address: NormAddress | None = None


@dataclass
class Mentions:
    persons: list[PersonMention] = field(default_factory=list)
    addresses: list[AddressMention] = field(default_factory=list)
    orgs: list[OrgMention] = field(default_factory=list)


_PARSED: dict[tuple[type, str], Any] = {}
_PARSED_LIMIT = 2_000_000


def _parse(cls: type[T], value: dict[str, Any]) -> T:
    """``cls.from_json`` memoised on the raw text: names, addresses and employers repeat a
    lot across a district, and the same raw text always normalises the same way."""
    key = (cls, str(value.get("raw", "")))
    found = _PARSED.get(key)
    if found is None:
        found = cls.from_json(value)  # type: ignore[attr-defined]
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        _PARSED[key] = found
    return found  # type: ignore[no-any-return]


def _get(fields: dict[str, Any], name: str) -> Any:
    value = fields.get(name)
    return value if value not in ("", None, [], {}) else None


def _name(fields: dict[str, Any], name: str) -> NormName | None:
    value = _get(fields, name)
    if value is None:
        return None
    parsed = _parse(NormName, value)
    return parsed if parsed.full else None


def _id(fields: dict[str, Any], name: str) -> NormID | None:
    value = _get(fields, name)
    if value is None:
        return None
    parsed = _parse(NormID, value)
    return parsed if parsed.value else None


def _address(fields: dict[str, Any], name: str) -> NormAddress | None:
    value = _get(fields, name)
    return _parse(NormAddress, value) if value is not None else None


def _org(fields: dict[str, Any], name: str) -> NormOrgName | None:
    value = _get(fields, name)
    if value is None:
        return None
    parsed = _parse(NormOrgName, value)
    return None if parsed.placeholder or not parsed.full else parsed


def _phones(fields: dict[str, Any]) -> tuple[str, ...]:
    value = _get(fields, "phone") or []
    phones = (_parse(NormPhone, p) for p in value)
    return tuple(sorted({p.value for p in phones if p.valid and p.value}))


def _date(fields: dict[str, Any], name: str) -> NormDate | None:
    value = _get(fields, name)
    return _parse(NormDate, value) if value is not None else None


def dwelling_ref(key: MentionKey) -> str:
    """How a person reference names the address reference of its own row."""
    return "\x1f".join(key)


def mentions_of(record: RecordLike) -> Iterator[PersonMention | AddressMention | OrgMention]:
    """Every reference one row makes, per the contract's role table."""
    f = record.fields
    src, rid = record.source, record.record_id
    kind = record.kind
    if kind in ("police", "civil_affairs", "family_planning"):
        house_field = "current_address"
        house = _address(f, house_field)
        registered = _address(f, "registered_address") if kind != "civil_affairs" else None
        if house is not None and registered is not None and same_as_registered(house):
            house = registered  # 现住址 "同户籍地址": the row's own registered address
        employer = _org(f, "employer") if kind != "civil_affairs" else None
        household = None
        if kind == "police" and _get(f, "household_no"):
            household = f"police:{f['household_no']}"
        elif kind == "family_planning" and _get(f, "family_no"):
            household = f"family_planning:{f['family_no']}"
        dwellings = tuple(
            dwelling_ref((src, rid, role))
            for role, a in (("house", house), ("registered_house", registered))
            if a is not None and a.key
        )
        subject_key: MentionKey = (src, rid, "person")
        former = _name(f, "former_name")
        yield PersonMention(
            key=subject_key,
            name=_name(f, "name"),
            former_names=(former,) if former else (),
            id=_id(f, "id_number"),
            birth=_date(f, "birth_date"),
            sex=_get(f, "sex"),
            phones=_phones(f),
            dwellings=dwellings,
            employer=employer.core if employer else None,
            household=household,
            relation=_get(f, "relation") or _get(f, "family_role"),
        )
        if house is not None:
            yield AddressMention((src, rid, "house"), house)
        if registered is not None:
            yield AddressMention((src, rid, "registered_house"), registered)
        if employer is not None:
            yield OrgMention((src, rid, "employer"), employer)
        if kind == "civil_affairs":
            spouse_name, spouse_id = _name(f, "spouse_name"), _id(f, "spouse_id")
            if spouse_name is not None or spouse_id is not None:
                yield PersonMention(
                    key=(src, rid, "spouse"),
                    name=spouse_name,
                    id=spouse_id,
                    dwellings=dwellings,
                    context=True,
                    partner=subject_key,
                )
    elif kind == "housing":
        house = _address(f, "address")
        dwellings = (dwelling_ref((src, rid, "house")),) if house is not None and house.key else ()
        if house is not None:
            yield AddressMention((src, rid, "house"), house)
        for role, name_field, id_field in (
            ("owner", "owner_name", "owner_id"),
            ("tenant", "tenant_name", "tenant_id"),
        ):
            name, pid = _name(f, name_field), _id(f, id_field)
            if name is not None or pid is not None:
                yield PersonMention(
                    key=(src, rid, role),
                    name=name,
                    id=pid,
                    dwellings=dwellings,
                    context=True,
                )
    elif kind == "organisations":
        org_name = _get(f, "org_name")
        org = _parse(NormOrgName, org_name) if org_name is not None else None
        code_json = _get(f, "credit_code")
        code = _parse(NormCode, code_json) if code_json is not None else None
        address = _address(f, "address")
        if (org is not None and org.full) or (code is not None and code.value):
            yield OrgMention((src, rid, "organisation"), org, code, address)
        rep_name, rep_id = _name(f, "legal_rep_name"), _id(f, "legal_rep_id")
        if rep_name is not None or rep_id is not None:
            # The representative usually works at the unit they represent: context evidence.
            yield PersonMention(
                key=(src, rid, "legal_rep"),
                name=rep_name,
                id=rep_id,
                employer=org.core if org is not None and org.core else None,
                context=True,
            )


def collect_mentions(records: Iterable[RecordLike]) -> Mentions:
    """Split every record's references into the three entity spaces."""
    out = Mentions()
    for record in records:
        for mention in mentions_of(record):
            if isinstance(mention, PersonMention):
                out.persons.append(mention)
            elif isinstance(mention, AddressMention):
                out.addresses.append(mention)
            else:
                out.orgs.append(mention)
    _PARSED.clear()  # the mentions hold what they need; the memo is per collection
    return out
