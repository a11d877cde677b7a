"""FastAPI dependencies as ``Annotated`` aliases: what a route needs, by name.

Why aliases (``StoreDep``, ``PrincipalDep`` …): a route's signature then reads as
its contract — which store, which caller, which purpose — and tests swap any of
them with ``app.dependency_overrides``. The objects themselves (store, ledger
connection, token store, limiter, policy) are built once in the app's lifespan
and live on ``app.state``; nothing is created at import time.

Order of checks for a person read: token (401) → rate limit (429) → permission
(403) → ``X-Purpose`` (400) → the route, whose work is recorded by ``AuditDep``.

Why every dependency is ``async def``: FastAPI runs a plain ``def`` dependency
in its thread pool, one hop per dependency, and a person read has about ten of
them. None of them blocks for long (the token check is one indexed SQLite
lookup on its own connection), so on the event loop they cost microseconds
where the thread hops cost milliseconds of CPU and scheduling per request.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kg.api.audit import AuditLog, AuditScope
from kg.api.db import ApiDb
from kg.api.masking import MaskPolicy, redact
from kg.api.permissions import Permission, Role
from kg.api.policy import DepartmentPolicy, DepartmentRule
from kg.api.problems import BadRequestError, PermissionDeniedError, request_id_of
from kg.api.security import Principal, RateLimiter, TokenStore
from kg.errors import AuthError, StoreUnavailable
from kg.settings import Settings, get_settings
from kg.store.graph import GraphStore
from kg.store.ledger import Ledger

PURPOSE_MAX = 200
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")

_bearer = HTTPBearer(
    auto_error=False,
    description="An API token from `kg token create`, sent as `Authorization: Bearer kg_…`.",
)


@dataclass
class ApiState:
    """Everything the lifespan opened; one per app."""

    store: GraphStore
    db: ApiDb
    tokens: TokenStore
    audit: AuditLog
    limiter: RateLimiter
    policy: DepartmentPolicy


def get_state(request: Request) -> ApiState:
    state = getattr(request.app.state, "kg", None)
    if not isinstance(state, ApiState):
        raise StoreUnavailable("the service is starting or stopping")
    return state


async def _state(request: Request) -> ApiState:
    return get_state(request)


StateDep = Annotated[ApiState, Depends(_state)]


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with (``create_app`` keeps them on ``app.state``).

    Why not ``Depends(get_settings)`` plus ``dependency_overrides`` for tests: with
    any override registered, FastAPI re-analyses every dependency's signature on
    every request (measured: ~4 ms of CPU per person read).
    """
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else get_settings()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


async def get_store(state: StateDep) -> GraphStore:
    return state.store


StoreDep = Annotated[GraphStore, Depends(get_store)]

LedgerOpener = Callable[[], Ledger]


async def get_ledger_opener(settings: SettingsDep) -> LedgerOpener:
    """Hand routes a way to open the ledger, not an open ledger.

    Why not a connection: ``Ledger``'s SQLite connection is bound to the thread
    that opened it, and FastAPI may run a sync dependency and the sync route in
    different pool threads. The route opens (``with open_ledger() as ledger:``)
    and closes it in its own thread; opening is cheap next to the work.
    """
    path = settings.ledger_path
    return lambda: Ledger(path)


LedgerDep = Annotated[LedgerOpener, Depends(get_ledger_opener)]


BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def authenticate(
    request: Request, state: ApiState, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    """Authenticate the bearer token (401), then charge the token's rate-limit bucket (429)."""
    if credentials is None:
        raise AuthError("an Authorization: Bearer token is required")
    principal = state.tokens.authenticate(credentials.credentials)
    state.limiter.hit(principal.name)
    request.state.principal = principal
    return principal


async def get_principal(request: Request, state: StateDep, credentials: BearerDep) -> Principal:
    return authenticate(request, state, credentials)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(*permissions: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets the request through only if the role has every permission."""

    async def check(principal: PrincipalDep) -> Principal:
        for permission in permissions:
            principal.require(permission)
        return principal

    return check


def _decode_header(value: str) -> str:
    """Header bytes arrive as latin-1; accept UTF-8 bytes or percent-encoded UTF-8."""
    try:
        text = value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        text = value
    if _PERCENT.search(text):
        text = unquote(text, errors="strict")
    return text


def parse_purpose(value: str | None) -> str:
    if value is None:
        raise BadRequestError(
            "reads that return persons need an X-Purpose header stating why (e.g. a case number)"
        )
    try:
        text = _decode_header(value).strip()
    except UnicodeDecodeError as exc:
        raise BadRequestError("X-Purpose is not valid UTF-8") from exc
    if not text:
        raise BadRequestError("X-Purpose must not be empty")
    if len(text) > PURPOSE_MAX:
        raise BadRequestError(f"X-Purpose is longer than {PURPOSE_MAX} characters")
    if not text.isprintable():
        raise BadRequestError("X-Purpose must not contain control characters")
    return text


PurposeHeader = Annotated[
    str | None,
    Header(
        alias="X-Purpose",
        description="Why you read these persons (≤ 200 characters, UTF-8 or percent-encoded); "
        "recorded in the audit log.",
        examples=["case 2024-0117: housing subsidy review"],
    ),
]


async def get_purpose(x_purpose: PurposeHeader = None) -> str:
    return parse_purpose(x_purpose)


PurposeDep = Annotated[str, Depends(get_purpose)]


def route_template(request: Request) -> str:
    """The matched route as written (``/v1/persons/{person_id}``), never the ids in it.

    Routers included with a prefix report their path without it in newer FastAPI,
    so the prefix is recovered from the request path (path params hold no ``/``).
    """
    template = getattr(request.scope.get("route"), "path", None)
    if not isinstance(template, str):
        return "(unmatched)"
    actual = request.url.path.rstrip("/").split("/")
    depth = len(template.rstrip("/").split("/")) - 1
    prefix = "/".join(actual[: len(actual) - depth]) if depth else request.url.path
    return prefix + template if not template.startswith(prefix + "/") else template


def _scope(request: Request, state: ApiState, principal: Principal, purpose: str) -> AuditScope:
    return AuditScope(
        log=state.audit,
        principal=principal,
        purpose=purpose,
        method=request.method,
        route=route_template(request),
        query_keys=list(dict.fromkeys(request.query_params.keys())),
        request_id=request_id_of(request) or "",
    )


async def get_audit(
    request: Request, state: StateDep, principal: PrincipalDep, purpose: PurposeDep
) -> AuditScope:
    return _scope(request, state, principal, purpose)


AuditDep = Annotated[AuditScope, Depends(get_audit)]


async def optional_audit(
    request: Request, state: StateDep, principal: PrincipalDep, x_purpose: PurposeHeader = None
) -> Callable[[], AuditScope]:
    """For routes that return persons only on request (``/v1/quality?detail=true``)."""
    return lambda: _scope(request, state, principal, parse_purpose(x_purpose))


OptionalAuditDep = Annotated[Callable[[], AuditScope], Depends(optional_audit)]


@dataclass(frozen=True)
class View:
    """How a principal's answers are shaped: masking, raw rows, department fields."""

    principal: Principal
    mask: MaskPolicy
    raw_records: bool
    department: DepartmentRule | None

    def redact(
        self, data: Any, *, owner_ids: Sequence[str] = (), owner_phones: Sequence[str] = ()
    ) -> Any:
        """Mask ``data``; ``owner_*`` are shown in full if the role may see its subject's own."""
        policy = self.mask
        if self.principal.can(Permission.IDS_PROFILE) and (owner_ids or owner_phones):
            policy = policy.allowing(owner_ids, owner_phones)
        return redact(data, policy)


async def get_view(principal: PrincipalDep, state: StateDep) -> View:
    return make_view(principal, state)


def make_view(principal: Principal, state: ApiState) -> View:
    """Decide masking and filtering once per request from the role and department policy."""
    if principal.can(Permission.IDS_ALL):
        return View(principal, MaskPolicy.clear(), principal.can(Permission.RAW_RECORDS), None)
    if principal.role is Role.DEPARTMENT:
        rule = state.policy.rule(principal.department)
        if rule is None:
            raise PermissionDeniedError(
                f"department '{principal.department}' has no entry in the department policy"
            )
        mask = MaskPolicy(unmask_ids=rule.unmask_ids, unmask_phones=rule.unmask_phones)
        return View(principal, mask, "records" in rule.fields, rule)
    return View(principal, MaskPolicy(), principal.can(Permission.RAW_RECORDS), None)


ViewDep = Annotated[View, Depends(get_view)]


@dataclass(frozen=True)
class PersonRead:
    """What a hot person-reading route needs — store, view, audit scope — checked at once."""

    store: GraphStore
    view: View
    audit: AuditScope


def person_read(*permissions: Permission) -> Callable[..., Awaitable[PersonRead]]:
    """One dependency doing what ``require`` + ``StoreDep`` + ``ViewDep`` + ``AuditDep`` do.

    Why: FastAPI re-solves a shared sub-dependency (state, principal) under every
    dependency that declares it before it looks at its cache — 18 dependency
    resolutions for one search — which was a large share of a search's CPU. The
    checks and their order are exactly those of the separate dependencies:
    token (401) → rate limit (429) → role (403) → department policy (403) →
    ``X-Purpose`` (400). The bearer scheme and the ``X-Purpose`` header are still
    declared here, so the OpenAPI schema is unchanged.
    """

    async def dependency(
        request: Request, credentials: BearerDep, x_purpose: PurposeHeader = None
    ) -> PersonRead:
        state = get_state(request)
        principal = authenticate(request, state, credentials)
        for permission in permissions:
            principal.require(permission)
        view = make_view(principal, state)
        purpose = parse_purpose(x_purpose)
        return PersonRead(state.store, view, _scope(request, state, principal, purpose))

    return dependency
