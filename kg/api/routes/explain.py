"""``/v1/explain`` and ``/v1/entities/{id}/explain``: why records are (not) one entity.

Why these routes exist: before anyone trusts a merge — or asks an admin to undo
one — they must see the evidence: which comparisons agreed, by how much, and the
values compared. Those values *are* personal data (the two ID numbers, the two
phone lists), so these routes need ``X-Purpose``, write an audit entry naming the
entities and records shown, and mask identifiers per role.

Why masking needs help here: the "values compared" travel as one string per
comparison, ``"110105198503121234 | 11010519850312123X"``. The generic masking
pass scans free text only for ID-shaped (15/18 digits) and mobile-shaped runs,
but the resolver also compares *invalid* IDs (17 digits, letters) and
landlines. ``mask_explanation`` therefore masks the ``id`` and ``phone``
comparisons side by side with the identifier rules, then the generic pass runs
over everything else (names of curators, remarks), and ``check_details_masked``
proves the result before it is sent (a failure is a 500, never a leak).

The ledger is opened per request in the route's own thread (``LedgerDep``):
its SQLite connection is single-thread.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from kg.api.deps import AuditDep, LedgerDep, View, ViewDep, require
from kg.api.masking import MaskPolicy, redact
from kg.api.permissions import Permission
from kg.api.resolution_models import EntityExplanationOut, PairExplanationOut, documented
from kg.api.routes._shape import MaskingCheckFailed
from kg.errors import NotFoundError
from kg.explaining import explain_entity, explain_records
from kg.store.ledger import Ledger
from kg.store.resolution_store import ResolutionStore

router = APIRouter(tags=["resolution"])

MentionKey = tuple[str, str, str]

# Which comparisons carry which identifier, by the masking layer's key names.
_SENSITIVE = {"id": "id_number", "phone": "phones"}
_TF_SUFFIX = re.compile(r" \(term-frequency adjustment [^)]*\)$")
_EMPTY = ("", "—", "-")
_REF = r"^[A-Za-z0-9_.\-]{1,64}:[^\x00-\x1f\x7f:]{1,128}(:[a-z_]{1,32})?$"

RefQuery = Annotated[
    str,
    Query(
        pattern=_REF,
        description="A record reference `source:record_id[:role]` (role defaults to person).",
        examples=["police:GA12863687"],
    ),
]


def parse_ref(text: str) -> MentionKey:
    """``police:R1`` → (police, R1, person); the query pattern already checked the shape."""
    parts = text.split(":")
    return (parts[0], parts[1], parts[2] if len(parts) == 3 else "person")


def ref_json(key: Any, entity_id: str | None) -> dict[str, Any]:
    source, record_id, role = key
    return {"source": source, "record_id": record_id, "role": role, "entity_id": entity_id}


def record_ref(key: Any) -> str:
    """The graph's SourceRecord id (``source:record_id``): how audit entries name records."""
    return f"{key[0]}:{key[1]}"


# --- masking ------------------------------------------------------------------------------


def _mask_side(side: str, key: str, policy: MaskPolicy) -> str:
    if side.strip() in _EMPTY:
        return side
    if key == "phones":
        return ",".join(str(redact({key: p}, policy)[key]) for p in side.split(","))
    return str(redact({key: side}, policy)[key])


def mask_detail(comparison: str, detail: str, policy: MaskPolicy) -> str:
    """Mask both sides of an ``id`` / ``phone`` comparison's ``a | b`` detail string."""
    key = _SENSITIVE.get(comparison)
    if key is None or not detail:
        return detail
    if (key == "id_number" and policy.unmask_ids) or (key == "phones" and policy.unmask_phones):
        return detail
    m = _TF_SUFFIX.search(detail)
    body, suffix = (detail[: m.start()], m.group(0)) if m else (detail, "")
    sides = body.split(" | ")
    if len(sides) != 2:  # not the resolver's format: star every digit run rather than guess
        return re.sub(r"\d{4,}", lambda d: "*" * len(d.group(0)), detail)
    return " | ".join(_mask_side(s, key, policy) for s in sides) + suffix


def _mask_contributions(value: Any, policy: MaskPolicy) -> Any:
    if isinstance(value, dict):
        out = {k: _mask_contributions(v, policy) for k, v in value.items()}
        if isinstance(out.get("comparison"), str) and isinstance(out.get("detail"), str):
            out["detail"] = mask_detail(out["comparison"], out["detail"], policy)
        return out
    if isinstance(value, list | tuple):
        return [_mask_contributions(v, policy) for v in value]
    return value


def check_details_masked(data: Any, policy: MaskPolicy) -> None:
    """Every value of every ``id`` / ``phone`` detail must be empty, starred or short."""

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            key = _SENSITIVE.get(str(value.get("comparison")))
            detail = value.get("detail")
            if key is not None and isinstance(detail, str):
                unmasked = policy.unmask_ids if key == "id_number" else policy.unmask_phones
                body = _TF_SUFFIX.sub("", detail)
                parts = [p for side in body.split(" | ") for p in side.split(",")]
                if not unmasked and any("*" not in p and re.search(r"\d{5}", p) for p in parts):
                    raise MaskingCheckFailed("an explanation detail was not masked")
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)


def mask_explanation(view: View, data: Any) -> Any:
    """The role's masking for explanation JSON: comparison-aware, then generic, then checked."""
    policy = view.mask
    if not policy.masks_anything:
        return data
    shaped = redact(_mask_contributions(data, policy), policy)
    check_details_masked(shaped, policy)
    return shaped


# --- shaping the resolver's explanations --------------------------------------------------


def shape_pair(explanation: dict[str, Any]) -> dict[str, Any]:
    """``explain_records`` JSON → ``PairExplanationOut`` JSON (refs as objects)."""
    out = dict(explanation)
    for side in ("a", "b"):
        part = explanation[side]
        out[side] = ref_json(part["ref"], part.get("entity_id"))
    return out


def pair_explanation(ledger: Ledger, a: MentionKey, b: MentionKey) -> dict[str, Any]:
    return shape_pair(explain_records(ledger, a, b))


def entity_explanation(ledger: Ledger, entity_id: str) -> dict[str, Any]:
    """``explain_entity`` with entity ids on every reference and person pairs explained.

    Person pairs are stored as comparison vectors only; each is recomputed once
    (``explain_records``) so the answer shows the values compared, as the pair
    route does. A pair whose record changed since the run keeps ``explanation: null``.
    """
    raw = explain_entity(ledger, entity_id)
    store = ResolutionStore(ledger.connection)
    cache: dict[frozenset[MentionKey], dict[str, Any] | None] = {}

    def explained(a: MentionKey, b: MentionKey) -> dict[str, Any] | None:
        pair = frozenset((a, b))
        if pair not in cache:
            try:
                cache[pair] = pair_explanation(ledger, a, b)
            except NotFoundError:  # a record updated since the run
                cache[pair] = None
        return cache[pair]

    members = []
    for member in raw["members"]:
        key: MentionKey = tuple(member["ref"])
        because = []
        for b in member["because"]:
            other: MentionKey = tuple(b["with"])
            item = {
                "with": ref_json(other, store.entity_of(other)),
                "probability": b["probability"],
                "weight": b["weight"],
                "decision": b["decision"],
                "levels": b.get("levels") or [],
                "contributions": b.get("contributions") or [],
                "explanation": None,
            }
            if not item["contributions"] and item["levels"]:
                item["explanation"] = explained(key, other)
            because.append(item)
        members.append({"ref": ref_json(key, raw["entity_id"]), "because": because})
    return {"entity_id": raw["entity_id"], "members": members}


def disclosed(data: Any) -> list[str]:
    """Entity ids and record refs in an answer, for the audit entry."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if {"source", "record_id", "role"} <= value.keys():
                if value.get("entity_id"):
                    found.append(str(value["entity_id"]))
                found.append(f"{value['source']}:{value['record_id']}")
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return list(dict.fromkeys(found))


# --- routes -------------------------------------------------------------------------------


@router.get(
    "/explain",
    response_model=PairExplanationOut,
    dependencies=[Depends(require(Permission.EXPLAIN_READ))],
    summary="Why two person records are (or are not) one person",
    responses=documented(200, 404),
)
def explain_pair_route(
    a: RefQuery, b: RefQuery, open_ledger: LedgerDep, view: ViewDep, audit: AuditDep
) -> PairExplanationOut:
    """Every comparison's weight for the two references under the fitted model, the
    prior, the total, the probability against the match / review thresholds, any hard
    rule, and whether both resolve to one entity now. Values compared are masked per
    role (IDs `110105********123X`, phones `138****5678`)."""
    with audit.read() as entry, open_ledger() as ledger:
        data = pair_explanation(ledger, parse_ref(a), parse_ref(b))
        entry.found(disclosed(data), size=1)
    return PairExplanationOut.model_validate(mask_explanation(view, data))


@router.get(
    "/entities/{entity_id}/explain",
    response_model=EntityExplanationOut,
    response_model_by_alias=True,
    dependencies=[Depends(require(Permission.EXPLAIN_READ))],
    summary="Why each record belongs to an entity (person, dwelling, organisation)",
    responses=documented(200, 404),
)
def explain_entity_route(
    entity_id: Annotated[str, Path(min_length=1, max_length=128, examples=["Pfb2a9a300793df75"])],
    open_ledger: LedgerDep,
    view: ViewDep,
    audit: AuditDep,
) -> EntityExplanationOut:
    """For each reference of the entity, the pairs (match or must-link) that hold it
    there, with their stored probability and, for persons, the comparisons recomputed
    with the values compared (masked per role)."""
    with audit.read() as entry, open_ledger() as ledger:
        data = entity_explanation(ledger, entity_id)
        entry.found(disclosed(data), size=len(data["members"]))
    return EntityExplanationOut.model_validate(mask_explanation(view, data))
