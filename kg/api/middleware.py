"""Pure ASGI middleware: request ids, body size limit, last-resort 500s.

Why pure ASGI and not ``BaseHTTPMiddleware``: these wrap every request, must see
every response (including errors produced by other middleware) and must not
buffer response bodies. Starlette's own 500 handler sits *outside* all user
middleware, so an unexpected exception would leave without our ``X-Request-ID``
and as ``text/plain``; ``RequestIdMiddleware`` therefore catches it itself, logs
the trace with the id, and answers a problem+json 500 that leaks nothing.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.api.problems import PROBLEM_MEDIA_TYPE, problem_body

logger = logging.getLogger(__name__)
access_logger = logging.getLogger("kg.api.access")

REQUEST_ID_HEADER = "x-request-id"
# Accept a caller's id only if it is short and harmless in logs and headers.
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value)
    return None


async def _send_problem(
    send: Send, scope: Scope, status: int, detail: str, extra_headers: list[tuple[bytes, bytes]]
) -> None:
    rid = scope.get("state", {}).get("request_id")
    body = json.dumps(
        problem_body(
            status, detail=detail, instance=scope.get("path", ""), request_id=rid, slug=None
        ),
        ensure_ascii=False,
    ).encode()
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *extra_headers,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestIdMiddleware:
    """Give every request an id, echo it on every response, and turn crashes into 500s."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, REQUEST_ID_HEADER.encode())
        text = incoming.decode("latin-1") if incoming else ""
        rid = text if _SANE_ID.match(text) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        rid_header = (REQUEST_ID_HEADER.encode(), rid.encode())
        started = False
        status = 500
        t0 = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal started, status
            if message["type"] == "http.response.start":
                started = True
                status = int(message["status"])
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != REQUEST_ID_HEADER.encode()
                ]
                message = {**message, "headers": [*headers, rid_header]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("request %s: unhandled error", rid)
            if started:
                raise
            status = 500
            await _send_problem(
                send,
                scope,
                500,
                "The server could not complete the request; quote the request_id.",
                [rid_header],
            )
        finally:
            # Access log without the query string: searches carry ID numbers and names.
            access_logger.info(
                "%s %s %d %.1fms rid=%s",
                scope.get("method", ""),
                scope.get("path", ""),
                status,
                (time.perf_counter() - t0) * 1000,
                rid,
            )


class BodySizeLimitMiddleware:
    """Refuse request bodies larger than ``max_bytes`` with 413 before the app reads them.

    A declared ``Content-Length`` is checked up front; a chunked body is read (at most
    ``max_bytes`` + one chunk) and replayed to the app, so no route ever sees more.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await _send_problem(send, scope, 400, "Content-Length is not a number.", [])
                return
            if length > self.max_bytes:
                await self._too_large(send, scope)
                return
            await self.app(scope, receive, send)
            return
        if _header(scope, b"transfer-encoding") is None:
            await self.app(scope, receive, send)
            return
        # Chunked upload: buffer up to the limit, then replay.
        chunks: list[Message] = []
        size = 0
        while True:
            message = await receive()
            chunks.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._too_large(send, scope)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return chunks.pop(0) if chunks else await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send, scope: Scope) -> None:
        await _send_problem(
            send,
            scope,
            413,
            f"The request body is larger than {self.max_bytes} bytes.",
            [(b"connection", b"close")],
        )
