"""``POST /v1/persons/search``: the GET search with its criteria in a body.

The promise is "same answer, same checks, no ID number in the URL", so most
tests compare the POST with the GET for every role.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from kg.api.db import ApiDb
from kg.settings import Settings
from tests.api.conftest import ROLES, TestClient, headers
from tests.api.fakes import ID_LI, ID_ZHANG

ALLOWED = {"admin", "caseworker", "civil", "health"}
CRITERIA: list[dict[str, Any]] = [
    {"id_number": ID_ZHANG},
    {"name": "张伟"},
    {"name": "李丽", "birth_date": "1987-06"},
    {"birth_date": "1985"},
]


def get_url(criteria: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return "/v1/persons?" + urlencode(criteria)


@pytest.mark.parametrize("criteria", CRITERIA)
@pytest.mark.parametrize("role", list(ROLES))
def test_same_answer_as_get_for_every_role(
    client: TestClient, tokens: dict[str, str], role: str, criteria: dict[str, Any]
) -> None:
    h = headers(tokens[role])
    post = client.post("/v1/persons/search", json=criteria, headers=h)
    get = client.get(get_url(criteria), headers=h)
    expected = 200 if role in ALLOWED else 403
    assert post.status_code == get.status_code == expected, post.text
    if expected == 200:
        assert post.json()["items"] == get.json()["items"]
        assert post.json()["items"], "every criterion finds someone in the fake store"
    else:
        assert post.headers["content-type"] == "application/problem+json"
        assert ID_ZHANG not in post.text and "张伟" not in post.text


def test_masking_per_role(client: TestClient, tokens: dict[str, str]) -> None:
    body = {"id_number": ID_ZHANG}
    admin = client.post("/v1/persons/search", json=body, headers=headers(tokens["admin"]))
    assert admin.json()["items"][0]["id_number"] == ID_ZHANG
    cw = client.post("/v1/persons/search", json=body, headers=headers(tokens["caseworker"]))
    assert cw.json()["items"][0]["id_number"] == ID_ZHANG[:6] + "********" + ID_ZHANG[-4:]
    # A department with unmask_ids sees them; one without does not, and gets only its fields.
    civil = client.post("/v1/persons/search", json=body, headers=headers(tokens["civil"]))
    assert civil.json()["items"][0]["id_number"] == ID_ZHANG
    health = client.post("/v1/persons/search", json=body, headers=headers(tokens["health"]))
    assert ID_ZHANG not in health.text and "id_number" not in health.json()["items"][0]


def test_needs_token_purpose_and_criteria(client: TestClient, tokens: dict[str, str]) -> None:
    body = {"name": "张伟"}
    assert client.post("/v1/persons/search", json=body, headers=headers(None)).status_code == 401
    no_purpose = client.post(
        "/v1/persons/search", json=body, headers=headers(tokens["caseworker"], None)
    )
    assert no_purpose.status_code == 400
    empty = client.post("/v1/persons/search", json={}, headers=headers(tokens["caseworker"]))
    assert empty.status_code == 400
    blank = client.post("/v1/persons/search", json={"name": " "}, headers=headers(tokens["admin"]))
    assert blank.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {"id_number": ID_ZHANG, "who": "x"},  # unknown member
        {"id_number": ID_ZHANG + "1" * 30},  # too long
        {"birth_date": "1985/03/12"},
        {"name": ["张伟"]},
        [ID_ZHANG],
    ],
)
def test_bad_bodies_are_422_without_echo(
    client: TestClient, tokens: dict[str, str], body: Any
) -> None:
    r = client.post("/v1/persons/search", json=body, headers=headers(tokens["admin"]))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert ID_ZHANG not in r.text and "1985/03/12" not in r.text


def test_audit_names_criteria_never_values(
    client: TestClient, tokens: dict[str, str], settings: Settings
) -> None:
    rid = "search-post-audit-01"
    r = client.post(
        "/v1/persons/search?limit=5",
        json={"id_number": ID_LI, "name": "李丽"},
        headers=headers(tokens["caseworker"], **{"X-Request-ID": rid}),
    )
    assert r.status_code == 200
    db = ApiDb(settings.ledger_path)
    try:
        rows = db.query("SELECT * FROM audit_log WHERE request_id = ?", (rid,))
    finally:
        db.close()
    assert len(rows) == 1
    row = dict(rows[0])
    assert (row["method"], row["route"]) == ("POST", "/v1/persons/search")
    assert json.loads(row["query_keys"]) == ["id_number", "limit", "name"]
    assert json.loads(row["entity_ids"]) == ["P2"] and row["result_size"] == 1
    assert ID_LI not in json.dumps(row, ensure_ascii=False)
    assert "李丽" not in json.dumps(row, ensure_ascii=False)


def test_pagination(client: TestClient, tokens: dict[str, str]) -> None:
    h = headers(tokens["admin"])
    first = client.post("/v1/persons/search?limit=1", json={"address": "建国路"}, headers=h).json()
    assert len(first["items"]) == 1
    assert first["next"] == "/v1/persons/search?limit=1&offset=1"
    second = client.post(first["next"], json={"address": "建国路"}, headers=h).json()
    assert second["items"] and second["items"] != first["items"]
    bad = client.post("/v1/persons/search?limit=1000", json={"name": "张伟"}, headers=h)
    assert bad.status_code == 422


def test_get_on_search_is_not_a_route_leak(client: TestClient, tokens: dict[str, str]) -> None:
    """``GET /v1/persons/search`` is a profile lookup of id "search": 404, not a search."""
    r = client.get("/v1/persons/search", headers=headers(tokens["admin"]))
    assert r.status_code == 404


NEW_OPERATIONS = [
    ("post", "/v1/persons/search", True),
    ("get", "/v1/review", True),
    ("get", "/v1/explain", False),
    ("get", "/v1/entities/{entity_id}/explain", False),
    ("post", "/v1/curation", False),
    ("get", "/v1/curation", True),
]


@pytest.mark.parametrize(("method", "path", "paged"), NEW_OPERATIONS)
def test_openapi_documents_the_new_routes(
    client: TestClient, method: str, path: str, paged: bool
) -> None:
    spec = client.get("/v1/openapi.json").json()
    op = spec["paths"][path][method]
    names = {p["name"] for p in op.get("parameters", [])}
    assert "X-Purpose" in names
    if paged:
        assert {"limit", "offset"} <= names
    success = "201" if path == "/v1/curation" and method == "post" else "200"
    assert "X-Request-ID" in op["responses"][success]["headers"]
    for status in ("400", "401", "403", "422"):
        content = op["responses"][status]["content"]
        assert list(content) == ["application/problem+json"]
        assert "request_id" in content["application/problem+json"]["schema"]["properties"]
    assert op["summary"] and op.get("description")
    if method == "post":
        body = op["requestBody"]["content"]["application/json"]["schema"]
        assert "$ref" in body or body.get("properties")
    text = json.dumps(spec)
    assert "GA12863687" in text and "110105********123X" in text  # examples are published
