"""RFC 9457 problem details: the one place where errors become HTTP answers.

Why one module: library code raises ``KgError`` subclasses and never knows about
HTTP; this edge maps each class to a status, a stable ``type`` URI and a title, so
every error a client sees has the same ``application/problem+json`` shape::

    {"type": "urn:kg:problem:not-found", "title": "Not found", "status": 404,
     "detail": "person P1 does not exist", "instance": "/v1/persons/P1",
     "request_id": "3f2b..."}

Server errors (5xx) never carry the exception text (it may hold SQL, paths or
personal data); the ``request_id`` lets an operator find the full trace in the log.
FastAPI's own 422 body echoes the offending *input* by default (for example an
``id_number`` query value); the handler here keeps only location and message.

API-only errors live here as ``KgError`` subclasses so the tree stays one tree:

    KgError
    ├── AuthError                   401 (+ WWW-Authenticate: Bearer)
    │   └── PermissionDeniedError   403: authenticated but the role may not do this
    ├── BadRequestError             400: e.g. the X-Purpose header is missing
    └── RateLimitedError            429 (+ Retry-After)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (
    AuthError,
    ConfigError,
    ConflictError,
    CurationError,
    InputError,
    KgError,
    NotFoundError,
    StoreError,
    StoreUnavailable,
)

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:kg:problem:"


class PermissionDeniedError(AuthError):
    """The caller is known but its role (or department policy) does not allow this."""


class BadRequestError(KgError):
    """The request is well-formed HTTP but misses something kg requires (e.g. a purpose)."""


class RateLimitedError(KgError):
    """The token used up its request budget; ``retry_after`` is whole seconds to wait."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


# Most specific first: the first class in an exception's MRO found here wins.
_MAP: dict[type[BaseException], tuple[int, str, str]] = {
    PermissionDeniedError: (403, "forbidden", "Forbidden"),
    AuthError: (401, "unauthorized", "Unauthorized"),
    BadRequestError: (400, "bad-request", "Bad request"),
    RateLimitedError: (429, "rate-limited", "Too many requests"),
    NotFoundError: (404, "not-found", "Not found"),
    CurationError: (409, "curation-conflict", "Curation conflict"),
    ConflictError: (409, "conflict", "Conflict"),
    StoreUnavailable: (503, "store-unavailable", "Store unavailable"),
    StoreError: (500, "store-error", "Store error"),
    InputError: (422, "invalid-input", "Invalid input"),
    ConfigError: (500, "configuration", "Server misconfigured"),
    KgError: (500, "internal", "Internal error"),
}

_HTTP_SLUGS: dict[int, str] = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    422: "validation",
    429: "rate-limited",
    500: "internal",
    503: "unavailable",
}


def problem_body(
    status: int, *, detail: str | None, instance: str, request_id: str | None, slug: str | None
) -> dict[str, Any]:
    """Build the RFC 9457 members kg always sends (plus ``request_id``)."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + (slug or _HTTP_SLUGS.get(status, "error")),
        "title": title,
        "status": status,
        "instance": instance,
        "request_id": request_id,
    }
    if detail:
        body["detail"] = detail
    return body


def problem_response(
    status: int,
    *,
    request: Request,
    detail: str | None = None,
    slug: str | None = None,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> JSONResponse:
    """A ``JSONResponse`` with the problem media type; ``extra`` adds extension members."""
    body = problem_body(
        status,
        detail=detail,
        instance=request.url.path,
        request_id=request_id_of(request),
        slug=slug,
    )
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def request_id_of(request: Request) -> str | None:
    """The id the request-id middleware put into the ASGI scope state (None if absent)."""
    value = request.scope.get("state", {}).get("request_id")
    return value if isinstance(value, str) else None


def classify(exc: BaseException) -> tuple[int, str, str]:
    """Status, type slug and title for an exception (500 for anything unknown)."""
    for cls in type(exc).__mro__:
        if cls in _MAP:
            return _MAP[cls]
    return (500, "internal", "Internal error")


async def _kg_error_handler(request: Request, exc: Exception) -> JSONResponse:
    status, slug, _ = classify(exc)
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="kg"'
    if isinstance(exc, RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after)
    if status >= 500:
        # Log the real cause with the request id; the client only sees the id.
        logger.error(
            "request %s failed: %s", request_id_of(request), type(exc).__name__, exc_info=exc
        )
        detail: str | None = "The server could not complete the request; quote the request_id."
        if status == 503:
            detail = "The graph store is not reachable; try again later."
    else:
        detail = str(exc) or None
    return problem_response(status, request=request, detail=detail, slug=slug, headers=headers)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "loc": [str(part) for part in err.get("loc", ())],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        for err in exc.errors()
    ]
    return problem_response(
        422,
        request=request,
        detail="The request parameters are not valid.",
        slug="validation",
        extra={"errors": errors},
    )


async def _http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem_response(exc.status_code, request=request, detail=detail, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Register the handlers; unexpected exceptions are caught by the request-id middleware."""
    app.add_exception_handler(KgError, _kg_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
