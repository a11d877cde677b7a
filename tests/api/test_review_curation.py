"""``/v1/review`` and ``/v1/curation`` over a real resolved demo district.

The district is built once for the module (``resolved_home``); curation tests
then really re-resolve it, so each picks pairs of its own and they can run in
any order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kg.api.app import create_app
from kg.api.db import ApiDb
from kg.api.permissions import Role
from kg.api.security import TokenStore
from kg.pipeline import run_resolve
from tests.api.conftest import PEPPER, PURPOSE, TestClient, headers
from tests.api.test_explain_routes import Resolved, resolved_home, sensitive_values

DENIED = ("loader", "civil", "health", "orphan")


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> Resolved:
    return resolved_home(tmp_path_factory.mktemp("curation"))


@pytest.fixture(scope="module")
def api(resolved: Resolved) -> Iterator[TestClient]:
    with TestClient(create_app(resolved.settings)) as client:
        yield client


def multi_member_entities(resolved: Resolved) -> list[list[tuple[str, str, str]]]:
    """Person entities with ≥ 2 subject references, as lists of mention keys."""
    rows = resolved.query(
        "SELECT entity_id, source, record_id, role FROM res_links"
        " WHERE space='persons' AND role='person' ORDER BY entity_id, source, record_id"
    )
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for entity_id, *key in rows:
        groups.setdefault(entity_id, []).append((key[0], key[1], key[2]))
    return [keys for keys in groups.values() if len(keys) >= 2]


def side(key: tuple[str, ...]) -> dict[str, str]:
    return {"source": key[0], "record_id": key[1], "role": key[2]}


def body(kind: str, a: tuple[str, ...], b: tuple[str, ...], **extra: Any) -> Any:
    return {"kind": kind, "a": side(a), "b": side(b), "why": "case 2024-0117 checked", **extra}


def curation_count(resolved: Resolved) -> int:
    return int(resolved.query("SELECT count(*) FROM curation")[0][0])


# --- review ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 200), ("caseworker", 200)] + [(r, 403) for r in DENIED]
)
def test_review_roles(api: TestClient, resolved: Resolved, role: str, status: int) -> None:
    r = api.get("/v1/review?limit=100", headers=headers(resolved.tokens[role]))
    assert r.status_code == status, r.text
    if status == 403:
        assert r.headers["content-type"] == "application/problem+json"
        assert "record_id" not in r.text


def test_review_needs_token_and_purpose(api: TestClient, resolved: Resolved) -> None:
    assert api.get("/v1/review", headers=headers(None)).status_code == 401
    r = api.get("/v1/review", headers=headers(resolved.tokens["caseworker"], None))
    assert r.status_code == 400 and "X-Purpose" in r.json()["detail"]


def test_review_items_are_explained_and_masked(api: TestClient, resolved: Resolved) -> None:
    admin = api.get("/v1/review?limit=100", headers=headers(resolved.tokens["admin"])).json()
    persons = [i for i in admin["items"] if i["space"] == "persons"]
    assert persons and admin["next"] is None
    stored = resolved.query("SELECT count(*) FROM res_pairs WHERE decision='review'")[0][0]
    assert len(admin["items"]) == stored
    for item in persons:
        e = item["explanation"]
        assert e is not None and e["thresholds"] == {"match": 0.9, "review": 0.5}
        assert {c["comparison"] for c in e["contributions"]} >= {"id", "name", "phone"}
        assert item["a"]["entity_id"] and item["a"]["entity_id"].startswith("P")
    others = [i for i in admin["items"] if i["space"] != "persons"]
    assert others and all(i["contributions"] and i["explanation"] is None for i in others)
    full = sensitive_values(admin)
    assert full, "the review band shows the IDs compared to an admin"
    cw = api.get("/v1/review?limit=100", headers=headers(resolved.tokens["caseworker"]))
    assert [v for v in full if v in cw.text] == []
    assert len(cw.json()["items"]) == len(admin["items"])


def test_review_pagination(api: TestClient, resolved: Resolved) -> None:
    h = headers(resolved.tokens["caseworker"])
    first = api.get("/v1/review?limit=3", headers=h).json()
    assert len(first["items"]) == 3 and first["next"] == "/v1/review?limit=3&offset=3"
    second = api.get(first["next"], headers=h).json()

    def pairs(page: dict[str, Any]) -> list[tuple[str, str]]:
        return [(i["a"]["record_id"], i["b"]["record_id"]) for i in page["items"]]

    assert not set(pairs(first)) & set(pairs(second))
    assert api.get("/v1/review?limit=0", headers=h).status_code == 422


def test_review_is_audited(api: TestClient, resolved: Resolved) -> None:
    rid = "review-audit-0001"
    r = api.get(
        "/v1/review?limit=2",
        headers=headers(resolved.tokens["caseworker"], **{"X-Request-ID": rid}),
    )
    shown = [i["a"] for i in r.json()["items"]]
    log = api.get("/v1/audit?token=caseworker", headers=headers(resolved.tokens["admin"])).json()
    entry = next(e for e in log["items"] if e["request_id"] == rid)
    assert entry["route"] == "/v1/review" and entry["purpose"] == PURPOSE
    assert entry["result_size"] == 2 and entry["outcome"] == "ok"
    for a in shown:
        assert f"{a['source']}:{a['record_id']}" in entry["entity_ids"]
        assert a["entity_id"] in entry["entity_ids"]


# --- curation -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["caseworker", *DENIED])
def test_only_admin_curates(api: TestClient, resolved: Resolved, role: str) -> None:
    a, b = multi_member_entities(resolved)[-1][:2]
    before = curation_count(resolved)
    r = api.post("/v1/curation", json=body("split", a, b), headers=headers(resolved.tokens[role]))
    assert r.status_code == 403, r.text
    assert api.get("/v1/curation", headers=headers(resolved.tokens[role])).status_code == 403
    assert curation_count(resolved) == before


def test_cannot_link_is_honoured_by_resolve(api: TestClient, resolved: Resolved) -> None:
    a, b = multi_member_entities(resolved)[0][:2]
    assert resolved.entity_of(a) == resolved.entity_of(b)
    r = api.post(
        "/v1/curation?apply=true",
        json=body("split", a, b),
        headers=headers(resolved.tokens["admin"]),
    )
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["curation"]["kind"] == "cannot-link" and out["curation"]["who"] == "admin"
    applied = out["applied"]
    assert applied["same_entity"] is False and applied["seconds"] > 0
    assert applied["a_entity_id"] != applied["b_entity_id"]
    assert (resolved.entity_of(a), resolved.entity_of(b)) == (
        applied["a_entity_id"],
        applied["b_entity_id"],
    )
    # The explanation now reports them as different entities.
    ex = api.get(
        f"/v1/explain?a={':'.join(a)}&b={':'.join(b)}", headers=headers(resolved.tokens["admin"])
    ).json()
    assert ex["same_entity"] is False


def test_must_link_is_honoured_by_resolve(api: TestClient, resolved: Resolved) -> None:
    admin = headers(resolved.tokens["admin"])
    items = api.get("/v1/review?limit=100", headers=admin).json()["items"]
    pair = next(
        i for i in items
        if i["space"] == "persons" and i["a"]["entity_id"] != i["b"]["entity_id"]
        and not i["explanation"]["hard_rule"]
    )  # fmt: skip
    a = (pair["a"]["source"], pair["a"]["record_id"], pair["a"]["role"])
    b = (pair["b"]["source"], pair["b"]["record_id"], pair["b"]["role"])
    r = api.post("/v1/curation", json=body("merge", a, b), headers=admin)
    assert r.status_code == 201, r.text
    assert r.json()["curation"]["kind"] == "must-link" and r.json()["applied"] is None
    assert resolved.entity_of(a) != resolved.entity_of(b)  # recorded, not applied yet
    run_resolve(resolved.settings)
    assert resolved.entity_of(a) == resolved.entity_of(b)


def test_contradiction_is_409(api: TestClient, resolved: Resolved) -> None:
    admin = headers(resolved.tokens["admin"])
    a, b = multi_member_entities(resolved)[1][:2]
    assert (
        api.post("/v1/curation", json=body("cannot-link", a, b), headers=admin).status_code == 201
    )
    before = curation_count(resolved)
    for first, second in ((a, b), (b, a)):
        r = api.post("/v1/curation", json=body("must-link", first, second), headers=admin)
        assert r.status_code == 409, r.text
        problem = r.json()
        assert problem["type"] == "urn:kg:problem:curation-conflict"
        assert "contradicts" in problem["detail"] and problem["request_id"]
    assert curation_count(resolved) == before
    # The same decision again is not a contradiction.
    assert api.post("/v1/curation", json=body("split", a, b), headers=admin).status_code == 201


def test_who_is_the_token_name(api: TestClient, resolved: Resolved) -> None:
    db = ApiDb(resolved.settings.ledger_path)
    try:
        token = TokenStore(db, PEPPER).create("zhao.lei", Role.ADMIN, None)
    finally:
        db.close()
    a, b = multi_member_entities(resolved)[2][:2]
    h = headers(token)
    forged = api.post("/v1/curation", json=body("split", a, b, who="someone.else"), headers=h)
    assert forged.status_code == 422
    r = api.post("/v1/curation", json=body("split", a, b), headers=h)
    assert r.status_code == 201 and r.json()["curation"]["who"] == "zhao.lei"
    listed = api.get("/v1/curation?limit=1", headers=h).json()
    newest = listed["items"][0]
    assert newest["who"] == "zhao.lei" and newest["why"] == "case 2024-0117 checked"
    assert newest["created_at"] and newest["a"]["record_id"] == a[1]
    assert listed["next"] == "/v1/curation?limit=1&offset=1"


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"a": {"source": "police", "record_id": "NOPE"}}, 404),  # no such record
        ({"a": {"source": "police", "record_id": "GA1:x", "role": "owner"}}, 422),  # ':' in id
        ({"kind": "link"}, 422),
        ({"why": "   "}, 422),
        ({"why": ""}, 422),
        ({"b": None}, 422),
    ],
)
def test_bad_curation_requests(
    api: TestClient, resolved: Resolved, change: dict[str, Any], status: int
) -> None:
    a, b = multi_member_entities(resolved)[3][:2]
    payload = {**body("split", a, b), **change}
    if status == 404:
        payload["a"]["role"] = "person"
    before = curation_count(resolved)
    r = api.post("/v1/curation", json=payload, headers=headers(resolved.tokens["admin"]))
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert curation_count(resolved) == before


def test_curation_reference_checks(api: TestClient, resolved: Resolved) -> None:
    admin = headers(resolved.tokens["admin"])
    a, b = multi_member_entities(resolved)[3][:2]
    same = api.post("/v1/curation", json=body("split", a, a), headers=admin)
    assert same.status_code == 422
    wrong_role = api.post(
        "/v1/curation", json=body("split", a, (b[0], b[1], "owner")), headers=admin
    )
    assert wrong_role.status_code == 404 and "owner" in wrong_role.json()["detail"]
    house = resolved.query(
        "SELECT source, record_id, role FROM res_links WHERE space='dwellings' LIMIT 1"
    )[0]
    cross = api.post("/v1/curation", json=body("merge", a, tuple(house)), headers=admin)
    assert cross.status_code == 400 and "different kinds" in cross.json()["detail"]
    no_purpose = api.post(
        "/v1/curation", json=body("split", a, b), headers=headers(resolved.tokens["admin"], None)
    )
    assert no_purpose.status_code == 400


def test_curation_is_audited(api: TestClient, resolved: Resolved) -> None:
    a, b = multi_member_entities(resolved)[4][:2]
    rid = "curation-audit-0001"
    h = headers(resolved.tokens["admin"], **{"X-Request-ID": rid})
    assert api.post("/v1/curation", json=body("split", a, b), headers=h).status_code == 201
    log = api.get(
        "/v1/audit?token=admin&limit=20", headers=headers(resolved.tokens["admin"])
    ).json()
    entry = next(e for e in log["items"] if e["request_id"] == rid)
    assert (entry["method"], entry["route"], entry["outcome"]) == ("POST", "/v1/curation", "ok")
    assert f"{a[0]}:{a[1]}" in entry["entity_ids"] and f"{b[0]}:{b[1]}" in entry["entity_ids"]
    assert entry["purpose"] == PURPOSE
