"""Closed-loop HTTP load generator for ``bench/bench_api.py``; runs as its own process.

Why a separate process: a load generator sharing the server's interpreter (or the
orchestrator's) would steal its GIL and distort the very latencies it measures.
``bench_api.py`` starts this script once per scenario, feeds it a JSON plan on
stdin (stdin, not argv, because the plan carries the bearer token and argv is
visible in ``ps``) and reads one JSON result from stdout.

Model: ``concurrency`` clients (asyncio tasks, each with its own ``httpx.AsyncClient``
holding one keep-alive connection) each send a request,
wait for the answer, and send the next — a closed loop, so latency includes any
queueing inside the server. The run stops after ``max_requests`` or
``duration_s``, whichever comes first; a short unrecorded warm-up precedes it.
Only loopback is allowed: the plan is refused unless the host is 127.0.0.1.

Plan (stdin)::

    {"base_url": "http://127.0.0.1:8123", "token": "kg_…" | null, "purpose": "…",
     "concurrency": 100, "duration_s": 20, "max_requests": 10000,
     "warmup_requests": 300, "warmup_s": 5,
     "scenario": {"name": "profile", "method": "GET",
                  "requests": [{"path": "/v1/persons/P1"}, {"path": "...", "json": {...}}]}}
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import socket
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx


@dataclass
class Tally:
    """What one phase (warm-up or measured run) observed."""

    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    issued: int = 0


def percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest-rank percentile: an observed value, never an interpolation between two."""
    if not sorted_ms:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_ms)))
    return sorted_ms[rank - 1]


def summarise(tally: Tally, wall_s: float) -> dict[str, Any]:
    """Percentiles over every answered request; errors counted apart (non-2xx or transport)."""
    lat = sorted(tally.latencies_ms)
    non_2xx = sum(n for status, n in tally.statuses.items() if not 200 <= status < 300)
    errors = non_2xx + sum(tally.transport_errors.values())
    done = len(lat) + sum(tally.transport_errors.values())
    return {
        "requests": done,
        "errors": errors,
        "status_counts": {str(k): v for k, v in sorted(tally.statuses.items())},
        "transport_errors": dict(tally.transport_errors),
        "wall_s": round(wall_s, 3),
        "throughput_rps": round(done / wall_s, 1) if wall_s > 0 else None,
        "p50_ms": round(percentile(lat, 50), 2),
        "p90_ms": round(percentile(lat, 90), 2),
        "p99_ms": round(percentile(lat, 99), 2),
        "max_ms": round(lat[-1], 2) if lat else None,
        "mean_ms": round(sum(lat) / len(lat), 2) if lat else None,
    }


async def run_phase(
    clients: list[httpx.AsyncClient],
    method: str,
    requests: list[dict[str, Any]],
    max_requests: int,
    duration_s: float,
) -> tuple[Tally, float]:
    """Drive one closed loop per client until the request or time budget is spent."""
    tally = Tally()
    start = time.perf_counter()
    deadline = start + duration_s

    async def one_client(client: httpx.AsyncClient) -> None:
        while tally.issued < max_requests and time.perf_counter() < deadline:
            req = requests[tally.issued % len(requests)]
            tally.issued += 1  # single-threaded event loop: no lock needed
            t0 = time.perf_counter()
            try:
                resp = await client.request(method, req["path"], json=req.get("json"))
                await resp.aread()
            except httpx.HTTPError as exc:
                tally.transport_errors[type(exc).__name__] += 1
                continue
            tally.latencies_ms.append((time.perf_counter() - t0) * 1000)
            tally.statuses[resp.status_code] += 1

    await asyncio.gather(*(one_client(c) for c in clients))
    return tally, time.perf_counter() - start


class RawConnection:
    """A minimal HTTP/1.1 keep-alive connection over asyncio streams (``"client": "raw"``).

    Why it exists next to httpx: on a 2-core box the load generator shares the cores
    with the server, and httpx spends ~1.3 ms of CPU per request (measured), about as
    much as a kg request itself. This client spends a fraction of that, so more of the
    machine goes to the server and the figures say more about kg. It handles exactly
    what kg answers: Content-Length or chunked bodies, keep-alive, ``Connection: close``.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader, self.writer = reader, writer
        return reader, writer

    async def request(self, raw: bytes) -> int:
        """Send one pre-encoded request, read the whole answer, return the status."""
        if self.reader is None or self.writer is None:
            reader, writer = await self._connect()
        else:
            reader, writer = self.reader, self.writer
        writer.write(raw)
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip().lower()
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get("connection") == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


def encode_requests(
    method: str, requests: list[dict[str, Any]], host: str, headers: dict[str, str]
) -> list[bytes]:
    """Every request of the scenario as wire bytes, built once before the clock starts."""
    common = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    out = []
    for req in requests:
        body = b"" if req.get("json") is None else json.dumps(req["json"]).encode()
        extra = f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n" if body else ""
        line = f"{method} {req['path']} HTTP/1.1\r\nHost: {host}\r\n{common}{extra}\r\n"
        out.append(line.encode("ascii") + body)
    return out


async def run_phase_raw(
    conns: list[RawConnection], requests: list[bytes], max_requests: int, duration_s: float
) -> tuple[Tally, float]:
    """``run_phase`` for the raw client."""
    tally = Tally()
    start = time.perf_counter()
    deadline = start + duration_s

    async def one_client(conn: RawConnection) -> None:
        while tally.issued < max_requests and time.perf_counter() < deadline:
            raw = requests[tally.issued % len(requests)]
            tally.issued += 1
            t0 = time.perf_counter()
            try:
                status = await conn.request(raw)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                tally.transport_errors[type(exc).__name__] += 1
                await conn.close()
                continue
            tally.latencies_ms.append((time.perf_counter() - t0) * 1000)
            tally.statuses[status] += 1

    await asyncio.gather(*(one_client(c) for c in conns))
    return tally, time.perf_counter() - start


async def run_raw(
    plan: dict[str, Any], headers: dict[str, str]
) -> tuple[Tally, Tally, float, float]:
    """Warm-up and measured run with the raw client; returns (warm, run, wall, cpu_s)."""
    parts = urlsplit(str(plan["base_url"]))
    host, port = str(parts.hostname), int(parts.port or 80)
    scenario = plan["scenario"]
    wire = encode_requests(scenario["method"], scenario["requests"], f"{host}:{port}", headers)
    conns = [RawConnection(host, port) for _ in range(int(plan["concurrency"]))]
    try:
        warm, _ = await run_phase_raw(
            conns, wire, int(plan.get("warmup_requests", 0)), float(plan.get("warmup_s", 5))
        )
        k = warm.issued % len(wire)
        cpu0 = os.times()
        tally, wall = await run_phase_raw(
            conns, wire[k:] + wire[:k], int(plan["max_requests"]), float(plan["duration_s"])
        )
        cpu1 = os.times()
    finally:
        for conn in conns:
            await conn.close()
    return warm, tally, wall, (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)


async def run_httpx(
    plan: dict[str, Any], headers: dict[str, str]
) -> tuple[Tally, Tally, float, float]:
    """Warm-up and measured run with httpx; returns (warm, run, wall, cpu_s)."""
    scenario = plan["scenario"]
    # One AsyncClient (pool of one keep-alive connection) per simulated client: a single
    # shared pool of 100 costs the client O(pool) work per request in httpcore — measured
    # at ~14 ms CPU per request, which made the load generator the bottleneck.
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=str(plan["base_url"]),
                    headers=headers,
                    limits=limits,
                    timeout=30.0,
                    trust_env=False,
                    verify=False,
                )
            )
            for _ in range(int(plan["concurrency"]))
        ]
        warm, _ = await run_phase(
            clients,
            scenario["method"],
            scenario["requests"],
            int(plan.get("warmup_requests", 0)),
            float(plan.get("warmup_s", 5)),
        )
        # Continue where the warm-up stopped, so measured requests are not all cache-warm.
        k = warm.issued % len(scenario["requests"])
        cpu0 = os.times()
        tally, wall = await run_phase(
            clients,
            scenario["method"],
            scenario["requests"][k:] + scenario["requests"][:k],
            int(plan["max_requests"]),
            float(plan["duration_s"]),
        )
        cpu1 = os.times()
    return warm, tally, wall, (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)


async def run(plan: dict[str, Any]) -> dict[str, Any]:
    base_url = str(plan["base_url"])
    if urlsplit(base_url).hostname != "127.0.0.1":
        raise SystemExit(
            f"refusing non-loopback target {base_url!r}: this bench stays on 127.0.0.1"
        )
    headers = {"X-Purpose": str(plan.get("purpose") or "latency benchmark")}
    if plan.get("token"):
        headers["Authorization"] = f"Bearer {plan['token']}"
    client = plan.get("client", "raw")
    runner = run_raw if client == "raw" else run_httpx
    warm, tally, wall, cpu_s = await runner(plan, headers)
    out = summarise(tally, wall)
    out["name"] = plan["scenario"]["name"]
    out["client"] = client
    out["warmup_requests"] = warm.issued
    out["warmup_errors"] = sum(n for s, n in warm.statuses.items() if not 200 <= s < 300) + sum(
        warm.transport_errors.values()
    )
    out["client_cpu_s"] = round(cpu_s, 3)
    return out


def main() -> None:
    plan = json.load(sys.stdin)
    result = asyncio.run(run(plan))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
