"""``/v1/explain`` and ``/v1/entities/{id}/explain`` over a real resolved demo district.

The district (600 synthetic residents, five registers) is generated, loaded and
resolved once per module by ``resolved_home``; the API then runs over that
ledger and its embedded SQLite graph exactly as ``kg serve`` would.
``resolved_home`` is also used by the review / curation tests and the fuzz test.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kg.api.app import create_app
from kg.api.db import ApiDb
from kg.api.masking import MaskPolicy
from kg.api.routes.explain import mask_detail
from kg.api.security import TokenStore
from kg.demo.generate import generate
from kg.pipeline import run_resolve
from kg.settings import Settings
from kg.store.ledger import Ledger
from loaders.load import load_file
from tests.api.conftest import (
    PEPPER,
    POLICY_TOML,
    PURPOSE,
    ROLES,
    TestClient,
    headers,
    make_settings,
)

SOURCES = ("police", "civil_affairs", "family_planning", "housing", "organisations")
RESIDENTS = 600
DENIED = {"loader", "civil", "health", "orphan"}


@dataclass
class Resolved:
    """A resolved demo district and a token per role (token name == role label)."""

    settings: Settings
    tokens: dict[str, str]

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.settings.ledger_path)
        try:
            return list(conn.execute(sql, params).fetchall())
        finally:
            conn.close()

    def entity_of(self, key: tuple[str, str, str]) -> str | None:
        rows = self.query(
            "SELECT entity_id FROM res_links WHERE source=? AND record_id=? AND role=?", key
        )
        return str(rows[0][0]) if rows else None


def resolved_home(root: Path, residents: int = RESIDENTS) -> Resolved:
    """Generate → load the five registers → resolve, in ``root``; tokens for every role."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "policy.toml").write_text(POLICY_TOML, encoding="utf-8")
    settings = make_settings(root)
    files = generate(root / "data", residents=residents, seed=7)
    with Ledger(settings.ledger_path) as ledger:
        for source in SOURCES:
            load_file(ledger, source, getattr(files, source))
    run_resolve(settings)
    db = ApiDb(settings.ledger_path)
    try:
        store = TokenStore(db, PEPPER)
        tokens = {label: store.create(label, role, dept) for label, (role, dept) in ROLES.items()}
    finally:
        db.close()
    return Resolved(settings, tokens)


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> Resolved:
    return resolved_home(tmp_path_factory.mktemp("explain"))


@pytest.fixture(scope="module")
def api(resolved: Resolved) -> Iterator[TestClient]:
    with TestClient(create_app(resolved.settings)) as client:
        yield client


def person_entity(resolved: Resolved, *, with_phones: bool = False) -> tuple[str, list[Any]]:
    """A person entity with ≥ 2 references whose records carry ID numbers (and phones)."""
    rows = resolved.query(
        "SELECT entity_id, group_concat(source || '|' || record_id || '|' || role, ';')"
        " FROM res_links WHERE space='persons' AND role='person'"
        " GROUP BY entity_id HAVING count(*) >= 2 ORDER BY entity_id"
    )
    for entity_id, refs in rows:
        keys = [tuple(r.split("|")) for r in refs.split(";")]
        fields = [
            json.loads(
                resolved.query(
                    "SELECT fields FROM records WHERE source=? AND record_id=? AND is_current=1",
                    (k[0], k[1]),
                )[0][0]
            )
            for k in keys
        ]
        if all(f.get("id_number") for f in fields) and (
            not with_phones or all(f.get("phone") for f in fields)
        ):
            return str(entity_id), keys
    raise AssertionError("the demo has no suitable person entity")


def ref(key: Any) -> str:
    return f"{key[0]}:{key[1]}:{key[2]}"


def sensitive_values(answer: Any) -> list[str]:
    """The full ID numbers and phones in an (admin's) answer's id / phone details."""
    found: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            if v.get("comparison") in ("id", "phone") and isinstance(v.get("detail"), str):
                body = re.sub(r" \(term-frequency.*\)$", "", v["detail"])
                for side in body.split(" | "):
                    found.extend(p for p in side.split(",") if re.search(r"\d{7,}", p))
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(answer)
    return sorted(set(found))


def test_pair_explanation_shape_and_admin_sees_values(api: TestClient, resolved: Resolved) -> None:
    entity_id, keys = person_entity(resolved)
    url = f"/v1/explain?a={ref(keys[0])}&b={ref(keys[1])}"
    r = api.get(url, headers=headers(resolved.tokens["admin"]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert [c["comparison"] for c in body["contributions"]][:2] == ["id", "name"]
    assert body["thresholds"]["match"] > body["thresholds"]["review"]
    total = body["prior_weight"] + sum(c["weight"] for c in body["contributions"])
    assert body["total"] == pytest.approx(total, abs=0.01)
    assert body["a"]["entity_id"] == body["b"]["entity_id"] == entity_id
    assert body["same_entity"] is True
    assert sensitive_values(body), "the admin sees the ID numbers compared"
    assert r.headers["x-request-id"]


def test_caseworker_gets_masked_values(api: TestClient, resolved: Resolved) -> None:
    _, keys = person_entity(resolved, with_phones=True)
    url = f"/v1/explain?a={ref(keys[0])}&b={ref(keys[1])}"
    full = sensitive_values(api.get(url, headers=headers(resolved.tokens["admin"])).json())
    r = api.get(url, headers=headers(resolved.tokens["caseworker"]))
    assert r.status_code == 200, r.text
    assert full and [v for v in full if v in r.text] == []
    details = {c["comparison"]: c["detail"] for c in r.json()["contributions"]}
    assert "*" in details["id"] and "*" in details["phone"]


@pytest.mark.parametrize("role", sorted(DENIED))
def test_other_roles_are_refused(api: TestClient, resolved: Resolved, role: str) -> None:
    entity_id, keys = person_entity(resolved)
    for url in (
        f"/v1/explain?a={ref(keys[0])}&b={ref(keys[1])}",
        f"/v1/entities/{entity_id}/explain",
    ):
        r = api.get(url, headers=headers(resolved.tokens[role]))
        assert r.status_code == 403, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert keys[0][1] not in r.text


def test_purpose_and_token_required(api: TestClient, resolved: Resolved) -> None:
    entity_id, keys = person_entity(resolved)
    for url in (
        f"/v1/explain?a={ref(keys[0])}&b={ref(keys[1])}",
        f"/v1/entities/{entity_id}/explain",
    ):
        assert api.get(url, headers=headers(resolved.tokens["caseworker"], None)).status_code == 400
        assert api.get(url, headers=headers(None)).status_code == 401


def test_entity_explanation(api: TestClient, resolved: Resolved) -> None:
    entity_id, keys = person_entity(resolved, with_phones=True)
    admin = api.get(f"/v1/entities/{entity_id}/explain", headers=headers(resolved.tokens["admin"]))
    assert admin.status_code == 200, admin.text
    body = admin.json()
    assert body["entity_id"] == entity_id
    refs = {(m["ref"]["source"], m["ref"]["record_id"], m["ref"]["role"]) for m in body["members"]}
    assert set(keys) <= refs
    assert all(m["ref"]["entity_id"] == entity_id for m in body["members"])
    because = [b for m in body["members"] for b in m["because"]]
    assert because and all(b["with"]["entity_id"] == entity_id for b in because)
    assert all(b["decision"] in ("match", "must-link") for b in because)
    explained = [b["explanation"] for b in because if b["explanation"]]
    assert explained and all(e["same_entity"] for e in explained)
    full = sensitive_values(body)
    assert full
    cw = api.get(
        f"/v1/entities/{entity_id}/explain", headers=headers(resolved.tokens["caseworker"])
    )
    assert cw.status_code == 200
    assert [v for v in full if v in cw.text] == []


def test_errors_are_problems(api: TestClient, resolved: Resolved) -> None:
    admin = headers(resolved.tokens["admin"])
    cases = {
        "/v1/explain?a=police:NOPE&b=police:NOPE2": 404,
        "/v1/explain?a=police&b=police:X": 422,
        "/v1/explain?a=police:X": 422,
        "/v1/entities/Pnope/explain": 404,
    }
    for url, status in cases.items():
        r = api.get(url, headers=admin)
        assert r.status_code == status, (url, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["request_id"] == r.headers["x-request-id"]


def test_audit_names_entities_and_records(api: TestClient, resolved: Resolved) -> None:
    entity_id, keys = person_entity(resolved)
    rid = "explain-audit-0001"
    r = api.get(
        f"/v1/explain?a={ref(keys[0])}&b={ref(keys[1])}",
        headers=headers(resolved.tokens["caseworker"], **{"X-Request-ID": rid}),
    )
    assert r.status_code == 200
    log = api.get("/v1/audit?token=caseworker", headers=headers(resolved.tokens["admin"])).json()
    entry = next(e for e in log["items"] if e["request_id"] == rid)
    assert entry["route"] == "/v1/explain" and entry["purpose"] == PURPOSE
    assert entry["outcome"] == "ok" and sorted(entry["query_keys"]) == ["a", "b"]
    assert entity_id in entry["entity_ids"]
    assert f"{keys[0][0]}:{keys[0][1]}" in entry["entity_ids"]
    assert keys[0][1] not in json.dumps(entry["query_keys"])


# "values compared" strings as the resolver writes them → what a caseworker sees.
MASK_CASES = [
    ("id", "110105198503121234 | 11010519850312123X", "110105********1234 | 110105********123X"),
    ("id", "11010519850312123 | —", "110105*******2123 | —"),  # invalid 17-digit ID
    ("id", "— | —", "— | —"),
    ("phone", "13812345678,010-62345678 | 13900001111", "138****5678,010-****5678 | 139****1111"),
    ("phone", "— | 13635378542", "— | 136****8542"),
    ("name", "马萍 | 马萍 (term-frequency adjustment -0.55)",
     "马萍 | 马萍 (term-frequency adjustment -0.55)"),
    ("id", "110105198503121234 | 110105198503121234 (term-frequency adjustment +1.00)",
     "110105********1234 | 110105********1234 (term-frequency adjustment +1.00)"),
]  # fmt: skip


@pytest.mark.parametrize(("comparison", "detail", "expected"), MASK_CASES)
def test_mask_detail(comparison: str, detail: str, expected: str) -> None:
    assert mask_detail(comparison, detail, MaskPolicy()) == expected
    assert mask_detail(comparison, detail, MaskPolicy.clear()) == detail
