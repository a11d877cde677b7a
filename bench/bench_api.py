"""HTTP API latency benchmark: person search and profile under 100 concurrent clients.

What it measures, for a district of ``--residents`` people in the embedded store:
p50 / p90 / p99 / max latency, throughput and errors of

* ``search_id``   — ``POST /v1/persons/search`` ``{"id_number": …}`` (IDs sampled from the store),
* ``profile``     — ``GET /v1/persons/{id}`` (person ids sampled from the store),
* ``search_name`` — ``POST /v1/persons/search`` ``{"name": …}`` (names sampled from the store),

each next to a baseline measured in the same run under the same concurrency:
``GET /healthz`` (no store, no token, no audit), i.e. the floor of this framework,
server and client on this machine. Ratios against it transfer between machines;
absolute milliseconds do not.

How, and why so: a real ``kg serve --workers N`` runs as a subprocess on a free
127.0.0.1 port (the production path: uvicorn, middleware, token check, audit
write), and the load generator (``bench/load_client.py``) runs in a second
process, so neither steals the other's interpreter. Traffic never leaves loopback.
The server and client CPU seconds used per scenario are read from ``/proc`` and
reported, because on a small machine the question "what limits throughput" is
mostly "who is using the cores".

The store is built (generate → load → resolve, in-process as in
``bench_pipeline.py``) only if ``--store`` holds none, so a large store built
once (1,000,000 residents takes hours at ~5k rows/s) is reused by later runs.
The bench writes into the store what any client would: one caseworker token
(revoked at the end) and one audit row per person request.

The per-token rate limit is raised through ``KG_RATE_LIMIT_PER_MINUTE`` /
``KG_RATE_LIMIT_BURST`` for the server it starts (all load uses one token); the
output says so. The token pepper is a fresh random value per run.

Usage::

    .venv/bin/python bench/bench_api.py --residents 20000 --store /tmp/kg-api-20k
    .venv/bin/python bench/bench_api.py --residents 1000000 --store /data/kg-api-1m

Writes bench/out/api.json (or ``--out FILE``) and prints a table. Every phase is
bounded in time; the server is stopped on every exit path.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from machine import machine_info

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.demo.generate import generate  # noqa: E402
from kg.pipeline import run_resolve  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.store.ledger import Ledger  # noqa: E402
from loaders.load import load_file  # noqa: E402

MARKER = "bench-api-store.json"  # written once a build finished; its absence = partial build
KG_CLI = [sys.executable, "-c", "from kg.cli import main; main()"]
LOAD_CLIENT = Path(__file__).resolve().parent / "load_client.py"
RATE_PER_MINUTE = "60000000"  # 1M req/s sustained: never reached, so never throttled
RATE_BURST = "1000000"
GOAL_P99_MS = 50.0


# --- store -----------------------------------------------------------------------------------


def build_store(store: Path, residents: int, seed: int, difficulty: str) -> dict[str, Any]:
    """Generate, load and resolve a district into ``store`` (the store's KG_HOME)."""
    store.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {"residents": residents, "seed": seed, "difficulty": difficulty}
    with tempfile.TemporaryDirectory(prefix="kg-bench-api-data-") as tmp:
        t0 = time.perf_counter()
        files = generate(Path(tmp), residents=residents, seed=seed, difficulty=difficulty)
        info["generate_s"] = round(time.perf_counter() - t0, 1)
        print(f"  generated {files.rows} rows in {info['generate_s']} s", flush=True)
        settings = Settings(kg_home=store, neo4j_uri=None)
        t0 = time.perf_counter()
        with Ledger(settings.ledger_path) as ledger:
            for source, path in files.sources().items():
                load_file(ledger, source, path)
        info["load_s"] = round(time.perf_counter() - t0, 1)
        print(f"  loaded in {info['load_s']} s", flush=True)
        t0 = time.perf_counter()
        run_resolve(settings)
        info["resolve_s"] = round(time.perf_counter() - t0, 1)
        print(f"  resolved in {info['resolve_s']} s", flush=True)
    info["built_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    (store / MARKER).write_text(json.dumps(info, indent=2), encoding="utf-8")
    return info


def ensure_store(store: Path, residents: int, seed: int, difficulty: str) -> dict[str, Any]:
    """Reuse a finished store; build one if there is none; refuse a half-built one."""
    marker = store / MARKER
    ledger = store / "kg.sqlite"
    if marker.exists():
        info: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
        if info.get("residents") != residents:
            print(
                f"  note: reusing a store of {info.get('residents')} residents "
                f"(--residents {residents} ignored)",
                flush=True,
            )
        return {**info, "reused": True}
    if ledger.exists():
        if count_persons(ledger) == 0:
            raise SystemExit(
                f"{store} holds a ledger without a resolved graph (an interrupted build?); "
                "delete it or pass another --store"
            )
        print(f"  reusing {store} (not built by this bench: residents unknown)", flush=True)
        return {"residents": None, "reused": True, "external": True}
    print(f"building a {residents}-resident store in {store} …", flush=True)
    return {**build_store(store, residents, seed, difficulty), "reused": False}


def _ro(ledger: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)


def count_persons(ledger: Path) -> int:
    with _ro(ledger) as db:
        try:
            row = db.execute("SELECT count(*) FROM g_nodes WHERE label = 'Person'").fetchone()
        except sqlite3.OperationalError:
            return 0
    return int(row[0])


def sample_persons(ledger: Path, k: int, seed: int) -> list[dict[str, Any]]:
    """``k`` persons drawn uniformly (seeded) from the stored graph: id, ID number, name."""
    db = _ro(ledger)
    try:
        ids = [r[0] for r in db.execute("SELECT id FROM g_nodes WHERE label = 'Person'")]
        chosen = random.Random(seed).sample(ids, min(k, len(ids)))
        out: list[dict[str, Any]] = []
        for i in range(0, len(chosen), 500):
            chunk = chosen[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, props FROM g_nodes WHERE id IN ({marks})"
            for pid, props in db.execute(sql, chunk):
                p = json.loads(props)
                out.append({"id": pid, "id_number": p.get("id_number"), "name": p.get("name")})
    finally:
        db.close()
    random.Random(seed + 1).shuffle(out)
    return out


# --- server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(store: Path) -> dict[str, str]:
    """The environment of ``kg token`` and ``kg serve``: this store, a fresh pepper, no limit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.pop("KG_DEPARTMENT_POLICY", None)
    env.pop("KG_CORS_ORIGINS", None)
    env.update(
        KG_HOME=str(store),
        KG_TOKEN_PEPPER=secrets.token_urlsafe(36),  # 48 characters
        KG_RATE_LIMIT_PER_MINUTE=RATE_PER_MINUTE,
        KG_RATE_LIMIT_BURST=RATE_BURST,
    )
    return env


def create_token(env: dict[str, str], name: str) -> str:
    done = subprocess.run(
        [*KG_CLI, "token", "create", "--role", "caseworker", "--name", name, "--expires", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0:
        raise SystemExit(f"kg token create failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout.strip().splitlines()[-1]


def revoke_token(env: dict[str, str], name: str) -> None:
    subprocess.run(
        [*KG_CLI, "token", "revoke", name], env=env, capture_output=True, timeout=60, check=False
    )


def wait_ready(proc: subprocess.Popen[bytes], base: str, timeout_s: float = 90) -> float:
    """Poll /readyz until 200; returns the seconds it took."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout_s:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode} before it was ready")
        try:
            if httpx.get(f"{base}/readyz", timeout=2, trust_env=False).status_code == 200:
                return time.monotonic() - t0
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"kg serve not ready after {timeout_s} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn drains and stops its workers), SIGKILL after 15 s."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


_TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu_s(root: int) -> float:
    """User + system CPU seconds of ``root`` and its live descendants (uvicorn's workers)."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / _TICK
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += cpu.get(pid, 0.0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


# --- load ------------------------------------------------------------------------------------


def scenarios(sample: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """healthz first (the floor), then the three person scenarios."""
    with_id = [p for p in sample if p["id_number"]]
    with_name = [p for p in sample if p["name"]]
    return [
        {"name": "healthz", "method": "GET", "auth": False, "requests": [{"path": "/healthz"}]},
        {
            "name": "search_id",
            "method": "POST",
            "auth": True,
            "requests": [
                {"path": "/v1/persons/search?limit=20", "json": {"id_number": p["id_number"]}}
                for p in with_id
            ],
        },
        {
            "name": "profile",
            "method": "GET",
            "auth": True,
            "requests": [{"path": f"/v1/persons/{quote(p['id'], safe='')}"} for p in sample],
        },
        {
            "name": "search_name",
            "method": "POST",
            "auth": True,
            "requests": [
                {"path": "/v1/persons/search?limit=20", "json": {"name": p["name"]}}
                for p in with_name
            ],
        },
    ]


def run_scenario(
    base: str, token: str, scenario: dict[str, Any], args: argparse.Namespace, server_pid: int
) -> dict[str, Any]:
    """One scenario in a fresh load-client process; server CPU measured around it."""
    plan = {
        "base_url": base,
        "token": token if scenario["auth"] else None,
        "purpose": "latency benchmark (bench/bench_api.py)",
        "concurrency": args.concurrency,
        "duration_s": args.duration,
        "max_requests": args.requests,
        "warmup_requests": args.warmup,
        "warmup_s": 5,
        "client": args.client,
        "scenario": scenario,
    }
    cpu0 = tree_cpu_s(server_pid)
    done = subprocess.run(
        [sys.executable, str(LOAD_CLIENT)],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        timeout=args.duration + 90,
    )
    server_cpu = tree_cpu_s(server_pid) - cpu0
    if done.returncode != 0:
        raise RuntimeError(f"load client failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    # Server CPU spans warm-up + run; scale to the run by request share (close enough).
    share = result["requests"] / max(result["requests"] + result["warmup_requests"], 1)
    wall = result["wall_s"] or 1.0
    result["server_cpu_pct"] = round(100 * server_cpu * share / wall, 0)
    result["client_cpu_pct"] = round(100 * result["client_cpu_s"] / wall, 0)
    result["distinct_inputs"] = len(scenario["requests"])
    return result


# --- report ----------------------------------------------------------------------------------


def add_ratios(results: list[dict[str, Any]]) -> None:
    base = next(r for r in results if r["name"] == "healthz")
    for r in results:
        r["p50_vs_healthz"] = round(r["p50_ms"] / base["p50_ms"], 2) if base["p50_ms"] else None
        r["p99_vs_healthz"] = round(r["p99_ms"] / base["p99_ms"], 2) if base["p99_ms"] else None
        r["rps_vs_healthz"] = round(r["throughput_rps"] / base["throughput_rps"], 3)
        r["meets_p99_goal"] = r["p99_ms"] <= GOAL_P99_MS


def table(results: list[dict[str, Any]]) -> str:
    head = (
        f"{'scenario':<12} {'n':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'req/s':>7} {'err':>4} {'p50 x':>6} {'p99 x':>6} {'rps x':>6} "
        f"{'srv cpu':>7} {'cli cpu':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r['name']:<12} {r['requests']:>6} {r['p50_ms']:>8.1f} {r['p90_ms']:>8.1f} "
            f"{r['p99_ms']:>8.1f} {r['max_ms']:>8.1f} {r['throughput_rps']:>7.0f} "
            f"{r['errors']:>4} {r['p50_vs_healthz']:>6.2f} {r['p99_vs_healthz']:>6.2f} "
            f"{r['rps_vs_healthz']:>6.3f} {r['server_cpu_pct']:>6.0f}% {r['client_cpu_pct']:>6.0f}%"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None,
                        help="KG_HOME of the store; reused if built (default: "
                        "$TMPDIR/kg-bench-api-<residents>)")  # fmt: skip
    parser.add_argument("--difficulty", choices=["normal", "hard"], default="normal")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--duration", type=float, default=20.0, help="Seconds per scenario (max).")
    parser.add_argument("--requests", type=int, default=10_000, help="Requests per scenario (max).")
    parser.add_argument("--warmup", type=int, default=300, help="Unrecorded requests first.")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw",
                        help="raw: minimal asyncio HTTP/1.1; httpx: AsyncClient")  # fmt: skip
    parser.add_argument("--samples", type=int, default=5_000, help="Persons sampled as inputs.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "api.json")
    parser.add_argument("--only", nargs="+", default=None, metavar="SCENARIO",
                        help="Only these scenarios (healthz always runs).")  # fmt: skip
    args = parser.parse_args()
    store: Path = args.store or Path(tempfile.gettempdir()) / f"kg-bench-api-{args.residents}"
    store = store.resolve()

    result: dict[str, Any] = {"machine": machine_info()}
    result["machine"]["uvicorn_loop_http"] = (
        ("uvloop" if importlib.util.find_spec("uvloop") else "asyncio")
        + "+"
        + ("httptools" if importlib.util.find_spec("httptools") else "h11")
    )
    print(f"machine: {json.dumps(result['machine'])}", flush=True)
    t0 = time.perf_counter()
    result["store"] = {"path": str(store), **ensure_store(store, args.residents, args.seed,
                                                          args.difficulty)}  # fmt: skip
    result["store"]["ready_s"] = round(time.perf_counter() - t0, 1)
    ledger = store / "kg.sqlite"
    result["store"]["persons"] = count_persons(ledger)
    result["store"]["ledger_mib"] = round(ledger.stat().st_size / 2**20, 1)
    sample = sample_persons(ledger, args.samples, args.seed)
    print(f"store: {result['store']['persons']} persons, {result['store']['ledger_mib']} MiB; "
          f"{len(sample)} sampled as inputs", flush=True)  # fmt: skip
    result["config"] = {
        "workers": args.workers,
        "concurrency": args.concurrency,
        "max_duration_s": args.duration,
        "max_requests": args.requests,
        "warmup_requests": args.warmup,
        "search_limit": 20,
        # fsync per audit batch ("full", the default) or OS-level durability ("normal")
        "audit_sync": os.environ.get("KG_AUDIT_SYNC", "full"),
        "rate_limit_raised": {
            "KG_RATE_LIMIT_PER_MINUTE": RATE_PER_MINUTE,
            "KG_RATE_LIMIT_BURST": RATE_BURST,
        },
        "client": f"bench/load_client.py --client {args.client}: asyncio, one keep-alive "
        "connection per client, closed loop, separate process",
    }
    print(f"NOTE: rate limit raised for this server only (KG_RATE_LIMIT_PER_MINUTE="
          f"{RATE_PER_MINUTE}, KG_RATE_LIMIT_BURST={RATE_BURST}) so one token's load "
          "is not throttled", flush=True)  # fmt: skip

    env = server_env(store)
    token_name = f"bench-api-{secrets.token_hex(4)}"
    token = create_token(env, token_name)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="kg-bench-api-server-", suffix=".log", delete=False)
    cmd = [*KG_CLI, "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(args.workers)]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    ok = False
    try:
        result["server_ready_s"] = round(wait_ready(proc, base), 1)
        print(f"kg serve --workers {args.workers} ready on {base} "
              f"after {result['server_ready_s']} s", flush=True)  # fmt: skip
        results: list[dict[str, Any]] = []
        chosen = [
            sc
            for sc in scenarios(sample)
            if args.only is None or sc["name"] == "healthz" or sc["name"] in args.only
        ]
        for scenario in chosen:
            print(f"  running {scenario['name']} …", flush=True)
            results.append(run_scenario(base, token, scenario, args, proc.pid))
            if proc.poll() is not None:
                raise RuntimeError(f"kg serve died during {scenario['name']}")
        add_ratios(results)
        result["scenarios"] = results
        ok = True
    finally:
        stop(proc)
        revoke_token(env, token_name)
        log.close()
        if not ok:
            tail = Path(log.name).read_text(errors="replace")[-3000:]
            print(f"--- server log tail ({log.name}) ---\n{tail}", file=sys.stderr)
        else:
            os.unlink(log.name)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print()
    print(f"{result['store']['persons']} persons, {args.workers} workers, "
          f"{args.concurrency} concurrent clients; ratios (x) against GET /healthz")  # fmt: skip
    print(table(results))
    for r in results[1:]:
        verdict = "meets" if r["meets_p99_goal"] else "MISSES"
        print(f"  {r['name']}: p99 {r['p99_ms']:.1f} ms {verdict} the {GOAL_P99_MS:.0f} ms goal")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
