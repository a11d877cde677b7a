"""``kg token``, ``kg audit`` and ``kg serve``'s refusal to start on unsafe settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api.audit import AuditEntry, AuditLog
from kg.api.db import ApiDb
from kg.api.permissions import Role
from kg.api.security import Principal, TokenStore
from kg.cli import cli
from kg.settings import get_settings
from tests.api.conftest import PEPPER


@pytest.fixture
def env(kg_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("KG_HOME", str(kg_home))
    monkeypatch.setenv("KG_TOKEN_PEPPER", PEPPER)
    monkeypatch.setenv("KG_DEPARTMENT_POLICY", str(kg_home / "policy.toml"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    get_settings.cache_clear()
    yield kg_home
    get_settings.cache_clear()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_token_lifecycle(env: Path) -> None:
    code, out, err = run("token", "create", "--role", "caseworker", "--name", "alice",
                         "--expires", "30")  # fmt: skip
    assert code == 0 and "shown only once" in err
    secret = out.strip()
    store = TokenStore(ApiDb(env / "kg.sqlite"), PEPPER)
    assert store.authenticate(secret).role is Role.CASEWORKER
    code, out, _ = run("token", "list")
    assert code == 0 and "alice" in out and "live" in out and secret not in out
    assert run("token", "revoke", "alice")[0] == 0
    assert "revoked" in run("token", "list")[1]
    assert run("token", "revoke", "alice")[0] == 5  # NotFoundError


def test_department_token_needs_a_known_department(env: Path) -> None:
    assert run("token", "create", "--role", "department", "--name", "d")[0] == 3
    args = ["token", "create", "--role", "department", "--name", "d", "--department"]
    assert run(*args, "martians")[0] == 3
    assert run(*args, "civil_affairs")[0] == 0


@pytest.mark.parametrize("pepper", ["", "too-short", "changeme" * 5])
def test_unsafe_pepper_stops_token_and_serve(
    env: Path, monkeypatch: pytest.MonkeyPatch, pepper: str
) -> None:
    monkeypatch.setenv("KG_TOKEN_PEPPER", pepper)
    get_settings.cache_clear()
    code, _, err = run("serve", "--port", "1")
    assert code == 3 and "KG_TOKEN_PEPPER" in err
    assert run("token", "create", "--role", "admin", "--name", "x")[0] == 3


def test_audit_command_prints_and_filters(env: Path) -> None:
    log = AuditLog(ApiDb(env / "kg.sqlite"))
    for name, pid in [("alice", "P1"), ("bob", "P2")]:
        log.write(
            principal=Principal(name, Role.CASEWORKER),
            method="GET",
            route="/v1/persons/{person_id}",
            query_keys=[],
            entry=AuditEntry([pid], 1),
            purpose=f"case for {pid}",
            request_id="r" * 8,
            outcome="ok",
        )
    code, out, _ = run("audit")
    assert code == 0 and "alice" in out and "bob" in out
    code, out, _ = run("audit", "--token", "alice")
    assert "case for P1" in out and "bob" not in out
    code, out, _ = run("audit", "--entity", "P2", "--since", "2000-01-01", "--limit", "5")
    assert "bob" in out and "alice" not in out
    assert run("audit", "--since", "last week")[0] == 3
