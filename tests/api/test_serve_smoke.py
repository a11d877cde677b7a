"""Start a real ``kg serve`` on a free local port, call it, stop it (bounded time)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from kg.api.db import ApiDb
from kg.api.permissions import Role
from kg.api.security import TokenStore
from tests.api.conftest import PEPPER


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_kg_serve_answers_and_stops(kg_home: Path) -> None:
    db = ApiDb(kg_home / "kg.sqlite")
    token = TokenStore(db, PEPPER).create("smoke", Role.LOADER)
    db.close()
    port = free_port()
    env = {**os.environ, "KG_HOME": str(kg_home), "KG_TOKEN_PEPPER": PEPPER,
           "KG_DEPARTMENT_POLICY": str(kg_home / "policy.toml")}  # fmt: skip
    env.pop("NEO4J_URI", None)
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        ready = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    ready = True
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        assert ready, "kg serve did not become ready"
        r = httpx.get(f"{base}/v1/loads", headers={"Authorization": f"Bearer {token}"}, timeout=5)
        assert r.status_code == 200 and r.json()["items"] == []
        assert "x-request-id" in r.headers and "server" not in r.headers
        assert httpx.get(f"{base}/v1/loads", timeout=5).status_code == 401
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    log = out.decode(errors="replace")
    assert token not in log
    assert "GET /v1/loads 200" in log  # kg's own access log, no query strings


def test_kg_serve_refuses_without_pepper(kg_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KG_TOKEN_PEPPER"}
    env["KG_HOME"] = str(kg_home)
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", "1"]
    done = subprocess.run(cmd, env=env, capture_output=True, timeout=30)
    assert done.returncode == 3
    assert b"KG_TOKEN_PEPPER" in done.stderr
