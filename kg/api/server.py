"""How ``kg serve`` runs uvicorn: HTTP protocol classes that switch Nagle off.

Why: with ``--workers N`` uvicorn binds the listening socket itself and hands it
to the worker processes; that socket reports ``proto == 0`` and asyncio only sets
``TCP_NODELAY`` on accepted sockets whose ``proto`` is ``IPPROTO_TCP``. Nagle's
algorithm then holds back the body of each answer (written after its headers)
until the client's delayed ACK — ~40 ms per keep-alive request on Linux
(uvicorn issue #3149). These subclasses set ``TCP_NODELAY`` on every accepted
TCP connection themselves, whatever the worker count, event loop or uvicorn
version, so kg does not depend on when that is fixed upstream.

``http_protocol()`` picks httptools (C parser, installed with kg) and falls back
to h11; uvicorn receives it as an import string, which survives being handed
to spawned worker processes.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger(__name__)


def set_nodelay(transport: asyncio.BaseTransport) -> bool:
    """Switch Nagle off on ``transport``'s TCP socket; False if it has none (e.g. UNIX)."""
    sock = transport.get_extra_info("socket")
    if sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
        return False
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError as exc:  # the peer may already be gone; the request will fail anyway
        logger.debug("TCP_NODELAY not set: %s", exc)
        return False
    return True


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with ``TCP_NODELAY`` on every connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)


if importlib.util.find_spec("httptools") is not None:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class NoDelayHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with ``TCP_NODELAY`` on every connection."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            set_nodelay(transport)
            super().connection_made(transport)


def http_protocol() -> str:
    """The uvicorn ``http=`` import string: httptools if installed, else h11."""
    if importlib.util.find_spec("httptools") is not None:
        return f"{__name__}:NoDelayHttpToolsProtocol"
    return f"{__name__}:NoDelayH11Protocol"


def event_loop() -> str:
    """The uvicorn ``loop=`` setting: uvloop if installed (faster I/O), else asyncio."""
    return "uvloop" if importlib.util.find_spec("uvloop") is not None else "asyncio"
