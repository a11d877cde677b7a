"""``/v1/curation``: human must-link / cannot-link decisions, and the list of them.

Why through the API at all: the review band (``GET /v1/review``) ends in a
decision, and that decision must carry who made it and why, forever — every
later resolve honours it and explanations cite it. ``who`` is therefore the
*token's* name, never a body field (a body naming ``who`` is refused with 422).

``merge`` and ``split`` are the case-worker words for ``must-link`` and
``cannot-link`` of two records; they are stored as the latter.

Checks before anything is written: both references must be known to the last
resolution (a typo in a record id or role would otherwise be a decision the
resolver silently never meets) and lie in the same entity space. A decision
contradicting an earlier one on the same pair is refused by the store with
``CurationError`` → ``409 curation-conflict``.

``?apply=true`` re-runs the whole resolve (``kg.pipeline.run_resolve``)
synchronously and answers where both references ended up. It takes seconds to
minutes with the district's size (measured: 3.4 s for a 2,000-resident demo
district), so it is for one-off corrections; batch decisions without ``apply``
and run ``kg resolve`` once. Only one resolve runs per process at a time: a second
``apply`` meanwhile gets ``409 conflict`` rather than queueing behind it.
"""

from __future__ import annotations

import threading
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from kg.api.deps import (
    AuditDep,
    LedgerDep,
    LedgerOpener,
    PrincipalDep,
    SettingsDep,
    ViewDep,
    require,
)
from kg.api.permissions import Permission
from kg.api.problems import BadRequestError
from kg.api.resolution_models import (
    AppliedOut,
    CurationIn,
    CurationOut,
    CurationPage,
    CurationResult,
    documented,
)
from kg.api.routes._shape import next_link
from kg.api.routes.explain import MentionKey, disclosed, ref_json
from kg.errors import ConflictError, NotFoundError
from kg.pipeline import run_resolve
from kg.settings import Settings
from kg.store.ledger import Ledger
from kg.store.resolution_store import ResolutionStore
from resolvers.result import Curation

router = APIRouter(prefix="/curation", tags=["resolution"])

_resolve_lock = threading.Lock()

# The curation table belongs to ResolutionStore; it has no paged reader with
# ``created_at`` yet, so the list reads it here (parameters bound, read only).
_COLUMNS = (
    "SELECT curation_id, kind, a_source, a_record_id, a_role, b_source, b_record_id, b_role,"
    " who, why, created_at FROM curation"
)
_LIST_SQL = _COLUMNS + " ORDER BY curation_id DESC LIMIT ? OFFSET ?"
_ONE_SQL = _COLUMNS + " WHERE curation_id = ?"


def _curation_json(row: Any, store: ResolutionStore) -> dict[str, Any]:
    a, b = (row[2], row[3], row[4]), (row[5], row[6], row[7])
    return {
        "id": row[0],
        "kind": row[1],
        "a": ref_json(a, store.entity_of(a)),
        "b": ref_json(b, store.entity_of(b)),
        "who": row[8],
        "why": row[9],
        "created_at": row[10],
    }


def _check_references(ledger: Ledger, store: ResolutionStore, body: CurationIn) -> None:
    """Both references exist in the last resolution, in the same entity space."""
    entity_ids = []
    for ref in (body.a, body.b):
        if ledger.current_record(ref.source, ref.record_id) is None:
            raise NotFoundError(f"no current record {ref.source}:{ref.record_id}")
        entity_id = store.entity_of(ref.key())
        if entity_id is None:
            raise NotFoundError(
                f"record {ref.source}:{ref.record_id} has no '{ref.role}' reference in the last "
                "resolution (wrong role, or loaded since: run kg resolve first)"
            )
        entity_ids.append(entity_id)
    if entity_ids[0][:1] != entity_ids[1][:1]:
        raise BadRequestError(
            "a and b are different kinds of entity (e.g. a person and a dwelling)"
        )


def _apply(
    settings: Settings, a: MentionKey, b: MentionKey, open_ledger: LedgerOpener
) -> AppliedOut:
    """Re-resolve now (one at a time per process) and look up both references' new ids."""
    if not _resolve_lock.acquire(blocking=False):
        raise ConflictError("a resolve is already running; retry when it has finished")
    try:
        t0 = time.perf_counter()
        summary = run_resolve(settings)
        seconds = round(time.perf_counter() - t0, 3)
    finally:
        _resolve_lock.release()
    with open_ledger() as ledger:
        store = ResolutionStore(ledger.connection)
        a_id, b_id = store.entity_of(a), store.entity_of(b)
    return AppliedOut(
        run_id=summary.run_id,
        seconds=seconds,
        a_entity_id=a_id,
        b_entity_id=b_id,
        same_entity=a_id is not None and a_id == b_id,
    )


@router.post(
    "",
    status_code=201,
    response_model=CurationResult,
    dependencies=[Depends(require(Permission.CURATION_WRITE))],
    summary="Record a must-link / cannot-link (merge / split) of two records",
    responses=documented(201, 404, 409),
)
def add_curation(
    body: CurationIn,
    principal: PrincipalDep,
    settings: SettingsDep,
    open_ledger: LedgerDep,
    view: ViewDep,
    audit: AuditDep,
    apply: Annotated[
        bool,
        Query(
            description="Re-run the resolve now (slow: seconds to minutes) and return the "
            "entity ids of both records."
        ),
    ] = False,
) -> CurationResult:
    """`who` is the calling token's name. The decision is recorded first; with
    `apply=true` the resolve then runs synchronously — if it fails, the decision stays
    recorded and the next `kg resolve` applies it."""
    with audit.read() as entry:
        with open_ledger() as ledger:
            store = ResolutionStore(ledger.connection)
            _check_references(ledger, store, body)
            decision = Curation(body.stored_kind, body.a.key(), body.b.key(), principal.name,
                                body.why.strip())  # fmt: skip
            curation_id = store.add_curation(decision)
            row = ledger.connection.execute(_ONE_SQL, (curation_id,)).fetchone()
            saved = _curation_json(row, store)
        entry.found(disclosed(saved), size=1)
        applied = _apply(settings, body.a.key(), body.b.key(), open_ledger) if apply else None
        if applied is not None:
            entry.found(
                [*disclosed(saved), *(i for i in (applied.a_entity_id, applied.b_entity_id) if i)],
                size=1,
            )
    return CurationResult(curation=CurationOut.model_validate(view.redact(saved)), applied=applied)


@router.get(
    "",
    response_model=CurationPage,
    dependencies=[Depends(require(Permission.CURATION_READ))],
    summary="Recorded decisions (who, why, when), newest first",
    responses=documented(200),
)
def list_curation(
    request: Request,
    open_ledger: LedgerDep,
    view: ViewDep,
    audit: AuditDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> CurationPage:
    """Every decision with its references (and where they resolve now), who recorded it,
    why and when. Audited like a person read: the references identify residents' rows."""
    with audit.read() as entry, open_ledger() as ledger:
        store = ResolutionStore(ledger.connection)
        rows = ledger.connection.execute(_LIST_SQL, (limit + 1, offset)).fetchall()
        items = [_curation_json(r, store) for r in rows[:limit]]
        entry.found(disclosed(items), size=len(items))
    return CurationPage(
        items=[CurationOut.model_validate(i) for i in view.redact(items)],
        limit=limit,
        offset=offset,
        next=next_link(request, limit, offset, len(rows) > limit),
    )
