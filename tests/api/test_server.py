"""``kg serve`` switches Nagle off on every connection, with one worker or several."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from kg.api.server import NoDelayH11Protocol, event_loop, http_protocol
from tests.api.conftest import PEPPER
from tests.api.test_serve_smoke import free_port


async def _ok_app(scope: object, receive: object, send: object) -> None:  # pragma: no cover
    raise AssertionError("not called: the test only opens connections")


def _proto0_listener(config: uvicorn.Config) -> socket.socket:
    """A listener made the way uvicorn < 0.55 bound it for ``--workers N`` (uvicorn #3149).

    Its ``proto`` is 0, and asyncio then skips TCP_NODELAY on accepted sockets. uvicorn
    0.55 creates its listener with ``IPPROTO_TCP``; other supervisors (and older
    uvicorns, which ``pyproject.toml`` still allows) hand over this shape.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((config.host, config.port))
    assert sock.proto == 0
    return sock


def accepted_nodelay(protocol_class: type[asyncio.Protocol], *, proto0: bool) -> int:
    """TCP_NODELAY of a connection accepted on a pre-bound listener, as each worker has.

    ``proto0``: the #3149 listener shape; otherwise whatever this uvicorn's
    ``Config.bind_socket`` (what its supervisor hands to each worker) makes.
    """
    config = uvicorn.Config(_ok_app, host="127.0.0.1", port=free_port(), log_level="error")
    config.load()
    listener = _proto0_listener(config) if proto0 else config.bind_socket()

    async def scenario() -> int:
        state = ServerState()
        made: list[asyncio.Protocol] = []

        def factory() -> asyncio.Protocol:
            protocol = protocol_class(config=config, server_state=state, app_state={})  # type: ignore[call-arg]
            made.append(protocol)
            return protocol

        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, sock=listener)
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", config.port)
            for _ in range(100):
                if made and getattr(made[0], "transport", None) is not None:
                    break
                await asyncio.sleep(0.01)
            transport = made[0].transport  # type: ignore[attr-defined]
            sock = transport.get_extra_info("socket")
            value = int(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()
            return value
        finally:
            server.close()
            await server.wait_closed()

    try:
        return asyncio.run(scenario())
    finally:
        listener.close()


def test_plain_uvicorn_protocol_leaves_nagle_on_for_a_proto0_listener() -> None:
    """The control: without kg's protocol such a listener's connections keep Nagle on."""
    assert accepted_nodelay(H11Protocol, proto0=True) == 0


@pytest.mark.parametrize("proto0", [True, False], ids=["proto0-listener", "uvicorn-listener"])
def test_kg_protocol_sets_tcp_nodelay_on_accepted_connections(proto0: bool) -> None:
    assert accepted_nodelay(NoDelayH11Protocol, proto0=proto0) == 1


def test_serve_uses_the_fast_parser_and_loop_when_installed() -> None:
    assert http_protocol().startswith("kg.api.server:NoDelay")
    pytest.importorskip("httptools")
    pytest.importorskip("uvloop")
    assert http_protocol() == "kg.api.server:NoDelayHttpToolsProtocol"
    assert event_loop() == "uvloop"


def _keepalive_latencies_ms(port: int, n: int) -> list[float]:
    """``n`` sequential GET /healthz on one kept-alive connection, as a client would."""
    out: list[float] = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        request = b"GET /healthz HTTP/1.1\r\nHost: kg\r\n\r\n"
        for _ in range(n):
            t0 = time.perf_counter()
            s.sendall(request)
            data = b""
            while b"\r\n\r\n" not in data or not data.endswith(b"}"):
                chunk = s.recv(4096)
                assert chunk, "server closed the connection"
                data += chunk
            out.append((time.perf_counter() - t0) * 1000)
    return out


@pytest.mark.slow
def test_kg_serve_with_two_workers_answers_keepalive_requests_without_nagle_stalls(
    kg_home: Path,
) -> None:
    """With Nagle on, each kept-alive answer waits ~40 ms for a delayed ACK (uvicorn #3149)."""
    port = free_port()
    env = {**os.environ, "KG_HOME": str(kg_home), "KG_TOKEN_PEPPER": PEPPER,
           "KG_DEPARTMENT_POLICY": str(kg_home / "policy.toml")}  # fmt: skip
    env.pop("NEO4J_URI", None)
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", str(port),
           "--workers", "2"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("kg serve --workers 2 did not become ready")
        latencies = _keepalive_latencies_ms(port, 40)[5:]
        assert statistics.median(latencies) < 20, latencies
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
