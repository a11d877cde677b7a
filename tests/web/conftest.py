"""Fixtures for the browser test: the tools it needs, a demo store, a live ``kg serve``.

Why a real server (and not TestClient): the test drives Debian's chromium through
Playwright against the page exactly as a caseworker's browser gets it — built
bundle, CSP headers, bearer tokens, ``X-Purpose`` — so it starts ``kg serve`` on
127.0.0.1 with a free port against a ~500-resident demo store built in a tmp dir.

Missing tools (chromium, node, Playwright) fail the test with a clear message when
``CI=true`` (CI must install them: ``scripts/browser-setup.sh``) and skip it with
the reason elsewhere.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "web"
DIST = WEB / "dist"
ARTIFACTS = REPO / "test-artifacts" / "web"
CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SOURCES = ("police", "civil_affairs", "family_planning", "housing", "organisations")
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing_tool(message: str) -> None:
    """Fail in CI (the tools must be installed there), skip elsewhere."""
    full = f"{message} — run scripts/browser-setup.sh"
    if _in_ci():
        pytest.fail(full, pytrace=False)
    pytest.skip(full)


def _sources_newer_than_build() -> bool:
    bundle = DIST / "assets" / "app.js"
    if not (DIST / "index.html").is_file() or not bundle.is_file():
        return True
    built = bundle.stat().st_mtime
    inputs = [WEB / "index.html", WEB / "build.mjs", WEB / "package-lock.json"]
    inputs += [p for p in (WEB / "src").rglob("*") if p.is_file()]
    return any(p.stat().st_mtime > built for p in inputs)


@pytest.fixture(scope="session")
def browser_ready() -> Path:
    """chromium + Playwright present and the page built from the current sources."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        missing_tool(f"chromium not found at {CHROMIUM} (Debian: apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing_tool("the Python package 'playwright' is not installed")
    if _sources_newer_than_build():
        if shutil.which("node") is None or shutil.which("npm") is None:
            missing_tool("node/npm not found: the page (web/dist) cannot be built")
        build = subprocess.run(
            [str(REPO / "scripts" / "web-build.sh")],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if build.returncode != 0:
            pytest.fail(f"scripts/web-build.sh failed:\n{build.stdout}\n{build.stderr}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return CHROMIUM


@dataclass(frozen=True)
class DemoPerson:
    """A resolved person whose ID ends in X, living with someone who is not family."""

    id: str
    id_number: str
    id_numbers: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class LiveServer:
    url: str
    home: Path
    caseworker_token: str
    admin_token: str
    person: DemoPerson


def _build_store(home: Path) -> None:
    from kg.demo.generate import generate
    from kg.pipeline import run_resolve
    from kg.settings import Settings
    from kg.store.ledger import Ledger
    from loaders.load import load_file

    files = generate(home / "data", residents=500, seed=7)
    settings = Settings(kg_home=home, neo4j_uri=None)
    with Ledger(settings.ledger_path) as ledger:
        for source in SOURCES:
            load_file(ledger, source, getattr(files, source))
    run_resolve(settings)


def _pick_person(db: Path) -> DemoPerson:
    """Read the embedded graph (docs/graph-model.md, "SQLite layout") for a good subject."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            """
            SELECT n.id, json_extract(n.props, '$.id_number'), json_extract(n.props, '$.name'),
                   json_extract(n.props, '$.id_numbers')
            FROM g_nodes n
            WHERE n.label = 'Person'
              AND json_extract(n.props, '$.id_number') LIKE '%X'
              AND length(json_extract(n.props, '$.id_number')) = 18
              AND json_extract(n.props, '$.record_count') >= 2
              AND EXISTS (  -- a co-resident who is not a direct relation: a click grows the graph
                SELECT 1 FROM g_rels r
                JOIN g_rels o ON o.end_id = r.end_id AND o.type = 'LIVES_AT'
                                 AND o.start_id <> r.start_id
                WHERE r.start_id = n.id AND r.type = 'LIVES_AT'
                  AND NOT EXISTS (
                    SELECT 1 FROM g_rels d
                    WHERE (d.start_id = n.id AND d.end_id = o.start_id)
                       OR (d.start_id = o.start_id AND d.end_id = n.id)))
            ORDER BY json_extract(n.props, '$.record_count') DESC, n.id
            LIMIT 1
            """
        ).fetchall()
    finally:
        con.close()
    if not rows:
        pytest.fail("the demo store has no person with an X-final ID sharing a dwelling")
    import json

    pid, id_number, name, id_numbers = rows[0]
    return DemoPerson(pid, id_number, tuple(json.loads(id_numbers or "[]")), name)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _token(env: dict[str, str], role: str, name: str) -> str:
    out = subprocess.run(
        [*KG, "token", "create", "--role", role, "--name", name],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.strip().splitlines()[0]


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"kg serve exited with {proc.returncode}:\n{log.read_text('utf-8')}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(f"kg serve did not become ready within {timeout:.0f} s")


@pytest.fixture(scope="module")
def live_server(
    browser_ready: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("webdemo")
    _build_store(home)
    person = _pick_person(home / "kg.sqlite")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_"))}
    env.update(
        KG_HOME=str(home),
        KG_TOKEN_PEPPER=secrets.token_urlsafe(48),
        KG_WEB_DIST=str(DIST),
        KG_RATE_LIMIT_PER_MINUTE="6000",
        KG_RATE_LIMIT_BURST="500",
    )
    caseworker = _token(env, "caseworker", "web-caseworker")
    admin = _token(env, "admin", "web-admin")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = home / "serve.log"
    log = log_path.open("wb")
    # The server's log goes to a file, never a pipe: a full pipe would block the server.
    proc = subprocess.Popen(
        [*KG, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_ready(url, proc, log_path)
        yield LiveServer(url, home, caseworker, admin, person)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
