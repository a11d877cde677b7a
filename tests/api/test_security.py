"""Tokens, the pepper, 401/403, rate limits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from kg.api.app import create_app
from kg.api.db import ApiDb
from kg.api.permissions import Permission, Role, permissions_of
from kg.api.problems import RateLimitedError
from kg.api.security import RateLimiter, TokenStore, check_api_settings
from kg.errors import AuthError, ConfigError, NotFoundError
from kg.settings import Settings
from tests.api.conftest import PEPPER, headers, make_settings
from tests.api.fakes import FakeStore


@pytest.fixture
def store(settings: Settings) -> TokenStore:
    return TokenStore(ApiDb(settings.ledger_path), PEPPER)


def test_token_is_stored_hashed_and_authenticates(store: TokenStore, settings: Settings) -> None:
    secret = store.create("alice", Role.CASEWORKER, expires_days=30)
    assert secret.startswith("kg_") and len(secret) > 40
    principal = store.authenticate(secret)
    assert (principal.name, principal.role) == ("alice", Role.CASEWORKER)
    dump = "\n".join(sqlite3.connect(settings.ledger_path).iterdump())
    assert secret not in dump and secret[3:] not in dump


def test_other_pepper_cannot_check_tokens(store: TokenStore, settings: Settings) -> None:
    secret = store.create("alice", Role.ADMIN)
    other = TokenStore(ApiDb(settings.ledger_path), PEPPER[::-1])
    with pytest.raises(AuthError):
        other.authenticate(secret)


def test_revoke_and_reuse_name(store: TokenStore) -> None:
    old = store.create("bob", Role.LOADER)
    with pytest.raises(ConfigError):
        store.create("bob", Role.LOADER)
    store.revoke("bob")
    with pytest.raises(AuthError):
        store.authenticate(old)
    with pytest.raises(NotFoundError):
        store.revoke("bob")
    new = store.create("bob", Role.LOADER)
    assert store.authenticate(new).name == "bob"
    assert [t.revoked_at is not None for t in store.list()] == [True, False]


@pytest.mark.parametrize(
    ("role", "department", "days"),
    [(Role.DEPARTMENT, None, None), (Role.ADMIN, "x", None), (Role.ADMIN, None, 0)],
)
def test_create_rejects_bad_requests(
    store: TokenStore, role: Role, department: str | None, days: int | None
) -> None:
    with pytest.raises(ConfigError):
        store.create("x", role, department, days)


def test_expired_token_is_refused(store: TokenStore, settings: Settings) -> None:
    secret = store.create("old", Role.ADMIN, expires_days=1)
    conn = sqlite3.connect(settings.ledger_path)
    with conn:
        conn.execute("UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00+00:00'")
    with pytest.raises(AuthError):
        store.authenticate(secret)


@pytest.mark.parametrize(
    ("pepper", "fragment"),
    [
        (None, "not set"),
        ("", "not set"),
        ("short-but-random-Q8v", "at least 32"),
        ("changeme-changeme-changeme-changeme", "placeholder"),
        ("please-set-a-real-secret-value-here-now", "placeholder"),
        ("a" * 40, "distinct"),
    ],
)
def test_unsafe_peppers_are_refused(tmp_path: Path, pepper: str | None, fragment: str) -> None:
    s = make_settings(tmp_path, kg_token_pepper=SecretStr(pepper) if pepper is not None else None)
    problems = check_api_settings(s)
    assert any(fragment in p for p in problems), problems
    with pytest.raises(ConfigError):
        create_app(s, store_factory=lambda _s: FakeStore())


def test_wildcard_cors_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="CORS"):
        create_app(
            make_settings(tmp_path, kg_cors_origins=["*"]), store_factory=lambda _: FakeStore()
        )


def test_good_pepper_passes(settings: Settings) -> None:
    assert check_api_settings(settings) == []


def test_permission_table_is_least_privilege() -> None:
    assert permissions_of(Role.ADMIN) == frozenset(Permission)
    assert Permission.PERSONS_READ not in permissions_of(Role.LOADER)
    assert Permission.IDS_ALL not in permissions_of(Role.CASEWORKER)
    assert permissions_of(Role.DEPARTMENT) == {Permission.PERSONS_SEARCH, Permission.PERSONS_READ}
    for role in Role:
        if role is not Role.ADMIN:
            assert Permission.AUDIT_READ not in permissions_of(role)


@pytest.mark.parametrize(
    "auth",
    ["Bearer kg_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "kg_" + "a" * 300],
)
def test_bad_credentials_are_401(client: TestClient, auth: str) -> None:
    r = client.get("/v1/quality", headers={"Authorization": auth})
    assert r.status_code == 401
    assert r.json()["type"] == "urn:kg:problem:unauthorized"


def test_revoked_token_is_401_on_next_request(
    client: TestClient, tokens: dict[str, str], settings: Settings
) -> None:
    h = headers(tokens["loader"], purpose=None)
    assert client.get("/v1/quality", headers=h).status_code == 200
    TokenStore(ApiDb(settings.ledger_path), PEPPER).revoke("loader")
    assert client.get("/v1/quality", headers=h).status_code == 401


def test_rate_limiter_bucket() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    limiter.hit("a")
    limiter.hit("a")
    with pytest.raises(RateLimitedError) as err:
        limiter.hit("a")
    assert err.value.retry_after == 1
    limiter.hit("b")  # buckets are per token
    now[0] = 1.0
    limiter.hit("a")


def test_rate_limit_is_429_with_retry_after(kg_home: Path, tokens: dict[str, str]) -> None:
    s = make_settings(kg_home, kg_rate_limit_per_minute=1.0, kg_rate_limit_burst=3)
    with TestClient(create_app(s, store_factory=lambda _: FakeStore())) as c:
        h = headers(tokens["loader"], purpose=None)
        codes = [c.get("/v1/quality", headers=h).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = c.get("/v1/quality", headers=h)
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        assert r.json()["type"] == "urn:kg:problem:rate-limited"
        # another token has its own bucket
        assert c.get("/v1/audit", headers=headers(tokens["admin"])).status_code == 200
