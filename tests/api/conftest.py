"""Fixtures for API tests: settings in a temp KG_HOME, a token per role, clients.

The app is built with ``create_app(settings, store_factory=...)`` so nothing
reads the developer's environment; ``TestClient`` is used as a context manager
so the lifespan (open store + ledger, close them) really runs.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from pydantic import SecretStr

with warnings.catch_warnings():
    # Starlette >= 1.x warns when its TestClient runs on httpx instead of httpx2; the
    # warning is about the test transport only. Import once here, warning-free,
    # whichever of the two is installed (httpx2 belongs in the dev extras).
    warnings.filterwarnings("ignore", message=r".*install `httpx2`")
    from fastapi.testclient import TestClient as TestClient

from kg.api.app import create_app
from kg.api.db import ApiDb
from kg.api.permissions import Role
from kg.api.security import TokenStore
from kg.settings import Settings
from kg.store.graph import GraphStore
from tests.api.fakes import FakeStore

PEPPER = "q8Vn3KpZt1Lr6WbY0HsJ4cXe9GmUa2Df7Ro5NiTk"
PURPOSE = "case 2024-0117: housing subsidy review"

POLICY_TOML = """
[departments.civil_affairs]
description = "民政: assistance eligibility"
fields = ["name", "sex", "birth_date", "id_number", "dwellings"]
unmask_ids = true
unmask_phones = false

[departments.health]
description = "卫健: vaccination follow-up"
fields = ["name", "phones", "golden", "records"]
unmask_ids = false
unmask_phones = false
"""

# role label -> (role, department)
ROLES: dict[str, tuple[Role, str | None]] = {
    "admin": (Role.ADMIN, None),
    "caseworker": (Role.CASEWORKER, None),
    "loader": (Role.LOADER, None),
    "civil": (Role.DEPARTMENT, "civil_affairs"),
    "health": (Role.DEPARTMENT, "health"),
    "orphan": (Role.DEPARTMENT, "no_such_department"),
}


@pytest.fixture
def kg_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    (home / "policy.toml").write_text(POLICY_TOML, encoding="utf-8")
    return home


def make_settings(home: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "kg_home": home,
        "kg_token_pepper": SecretStr(PEPPER),
        "kg_department_policy": home / "policy.toml",
        "kg_rate_limit_per_minute": 6000.0,
        "kg_rate_limit_burst": 1000,
        "neo4j_uri": None,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings(kg_home: Path) -> Settings:
    return make_settings(kg_home)


@pytest.fixture
def tokens(settings: Settings) -> dict[str, str]:
    db = ApiDb(settings.ledger_path)
    try:
        store = TokenStore(db, PEPPER)
        return {label: store.create(label, role, dept) for label, (role, dept) in ROLES.items()}
    finally:
        db.close()


@pytest.fixture
def fake_store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def app(settings: Settings, fake_store: FakeStore) -> FastAPI:
    return create_app(settings, store_factory=lambda _s: fake_store)


@pytest.fixture
def client(app: FastAPI, tokens: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def headers(
    token: str | None = None, purpose: str | None = PURPOSE, **extra: str
) -> dict[str, str]:
    out: dict[str, str] = dict(extra)
    if token is not None:
        out["Authorization"] = f"Bearer {token}"
    if purpose is not None:
        out["X-Purpose"] = purpose
    return out


@pytest.fixture
def as_role(client: TestClient, tokens: dict[str, str]) -> Callable[..., Any]:
    """``as_role("caseworker").get(url)`` with token and purpose headers filled in."""

    class _As:
        def __init__(self, label: str, purpose: str | None) -> None:
            self.h = headers(tokens[label], purpose)

        def get(self, url: str, **kw: Any) -> Any:
            return client.get(url, headers={**self.h, **kw.pop("headers", {})}, **kw)

    return lambda label, purpose=PURPOSE: _As(label, purpose)


StoreFactory = Callable[[Settings], GraphStore]
