"""Every route × every role: who may call what, and what each role must not see."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import ROLES, headers
from tests.api.fakes import (
    ID_LI,
    ID_LI_2,
    ID_OWNER,
    ID_ZHANG,
    LANDLINE,
    PHONE_EMERGENCY,
    PHONE_LI,
    PHONE_ZHANG,
)

PERSON_ROUTES = [
    "/v1/persons?name=张伟",
    "/v1/persons/P1",
    "/v1/persons/P1/household",
    "/v1/dwellings/D1",
    "/v1/organisations/O1",
    "/v1/households/H1",
    "/v1/graph/neighbourhood/P1?hops=2",
    "/v1/graph/path?from=P1&to=P2",
    "/v1/quality?detail=true",
]
OTHER_ROUTES = ["/v1/quality", "/v1/loads", "/v1/audit"]

A, C, L, CIV, H = "admin", "caseworker", "loader", "civil", "health"
# route -> roles that get 200; every other role gets 403.
ALLOWED: dict[str, set[str]] = {
    "/v1/persons?name=张伟": {A, C, CIV, H},
    "/v1/persons/P1": {A, C, CIV, H},
    "/v1/persons/P1/household": {A, C},
    "/v1/dwellings/D1": {A, C},
    "/v1/organisations/O1": {A, C},
    "/v1/households/H1": {A, C},
    "/v1/graph/neighbourhood/P1?hops=2": {A, C},
    "/v1/graph/path?from=P1&to=P2": {A, C},
    "/v1/quality?detail=true": {A, C},
    "/v1/quality": {A, C, L},
    "/v1/loads": {A, L},
    "/v1/audit": {A},
}

ALL_IDS = [ID_ZHANG, ID_LI, ID_LI_2, ID_OWNER]
ALL_PHONES = [PHONE_ZHANG, PHONE_LI, PHONE_EMERGENCY, "62345678"]


def leaked(text: str, values: list[str]) -> list[str]:
    """Which full identifiers occur in a response (also lower-case / separated forms)."""
    flat = text.upper().replace("-", "").replace(" ", "")
    return [v for v in values if v.upper() in flat]


@pytest.mark.parametrize("url", PERSON_ROUTES + OTHER_ROUTES)
@pytest.mark.parametrize("role", list(ROLES))
def test_role_matrix(client: TestClient, tokens: dict[str, str], url: str, role: str) -> None:
    r = client.get(url, headers=headers(tokens[role]))
    expected = 200 if role in ALLOWED[url] else 403
    assert r.status_code == expected, r.text
    if expected == 403:
        assert r.headers["content-type"] == "application/problem+json"
        assert not leaked(r.text, ALL_IDS) and "张伟" not in r.text


@pytest.mark.parametrize("url", PERSON_ROUTES + OTHER_ROUTES)
def test_no_token_is_401(client: TestClient, url: str) -> None:
    r = client.get(url, headers=headers(None))
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("url", PERSON_ROUTES)
def test_person_reads_need_a_purpose(client: TestClient, tokens: dict[str, str], url: str) -> None:
    r = client.get(url, headers=headers(tokens["admin"], purpose=None))
    assert r.status_code == 400
    body = r.json()
    assert body["status"] == 400 and "X-Purpose" in body["detail"]


@pytest.mark.parametrize("url", OTHER_ROUTES)
def test_aggregate_reads_need_no_purpose(
    client: TestClient, tokens: dict[str, str], url: str
) -> None:
    assert client.get(url, headers=headers(tokens["admin"], purpose=None)).status_code == 200


@pytest.mark.parametrize("url", PERSON_ROUTES)
def test_admin_sees_full_identifiers(client: TestClient, tokens: dict[str, str], url: str) -> None:
    r = client.get(url, headers=headers(tokens["admin"]))
    assert r.status_code == 200
    assert leaked(r.text, ALL_IDS + [PHONE_ZHANG]) or "P1" in r.text


@pytest.mark.parametrize("url", [u for u in PERSON_ROUTES if u != "/v1/persons/P1"])
def test_caseworker_lists_are_masked_everywhere(
    client: TestClient, tokens: dict[str, str], url: str
) -> None:
    r = client.get(url, headers=headers(tokens["caseworker"]))
    assert r.status_code == 200
    assert leaked(r.text, ALL_IDS + ALL_PHONES) == []
    assert "********" in r.text or "****" in r.text


def test_caseworker_profile_shows_only_the_opened_persons_identifiers(
    client: TestClient, tokens: dict[str, str]
) -> None:
    r = client.get("/v1/persons/P1", headers=headers(tokens["caseworker"]))
    assert r.status_code == 200
    body = r.json()
    assert body["id_number"] == ID_ZHANG
    assert body["phones"] == [PHONE_ZHANG]
    assert body["golden"]["id_number"][0]["value"] == ID_ZHANG
    # The spouse's ID, the emergency contact and the landline stay masked, wherever they are.
    assert leaked(r.text, [ID_LI, ID_LI_2, PHONE_LI, PHONE_EMERGENCY, "62345678"]) == []
    assert body["family"][0]["person"]["id_number"] == "110105********0024"
    civil_raw = body["records"][1]["raw"]
    assert civil_raw["配偶身份证号"] == "110105********0024"
    assert civil_raw["身份证号"] == ID_ZHANG
    assert civil_raw["联系电话"] == f"{PHONE_ZHANG}/010-****5678"
    police_raw = body["records"][0]["raw"]
    assert police_raw["紧急联系人电话"] == "137****3333"
    assert police_raw["备注"] == "配偶 李丽 110105********0024 电话 139****1111"


def test_admin_profile_is_unmasked(client: TestClient, tokens: dict[str, str]) -> None:
    body = client.get("/v1/persons/P1", headers=headers(tokens["admin"])).json()
    assert body["records"][1]["raw"]["配偶身份证号"] == ID_LI
    assert body["records"][1]["raw"]["联系电话"] == f"{PHONE_ZHANG}/{LANDLINE}"
    assert body["family"][0]["person"]["id_number"] == ID_LI


def test_search_list_masked_for_caseworker(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get(f"/v1/persons?id_number={ID_ZHANG}", headers=headers(tokens["caseworker"]))
    assert r.json()["items"] == [
        {
            "id": "P1",
            "name": "张伟",
            "sex": "M",
            "birth_date": "1985-03-12",
            "id_number": "110105********171X",
            "match": "id",
            "similarity": 1.0,
        }
    ]


def test_department_sees_only_its_fields(client: TestClient, tokens: dict[str, str]) -> None:
    civil = client.get("/v1/persons/P1", headers=headers(tokens["civil"])).json()
    assert set(civil) == {"id", "name", "sex", "birth_date", "id_number", "dwellings"}
    assert civil["id_number"] == ID_ZHANG  # civil_affairs is configured to see IDs in full
    health = client.get("/v1/persons/P1", headers=headers(tokens["health"]))
    body = health.json()
    assert set(body) == {"id", "name", "phones", "golden", "records"}
    assert body["phones"] == ["138****5678"]
    assert set(body["golden"]) == {"name", "phone"}
    assert leaked(health.text, ALL_IDS + ALL_PHONES) == []


def test_department_search_hits_are_filtered(client: TestClient, tokens: dict[str, str]) -> None:
    hits = client.get("/v1/persons?name=张伟", headers=headers(tokens["health"])).json()["items"]
    assert hits == [{"id": "P1", "name": "张伟", "match": "name", "similarity": 1.0}]
    hits = client.get("/v1/persons?name=张伟", headers=headers(tokens["civil"])).json()["items"]
    assert hits[0]["id_number"] == ID_ZHANG and "phones" not in hits[0]


def test_loader_sees_counts_but_no_person(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/v1/quality", headers=headers(tokens["loader"]))
    body = r.json()
    assert body["conflicting_ids_total"] == 1
    assert "conflicting_ids" not in body
    assert "李丽" not in r.text and leaked(r.text, ALL_IDS) == []


def test_quality_detail_masks_conflict_values(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/v1/quality?detail=true", headers=headers(tokens["caseworker"]))
    item = r.json()["conflicting_ids"][0]
    assert item["values"] == ["110105********0024", "110108********0031"]
    assert item["person"]["id"] == "P2"


def test_raw_rows_hidden_from_department_without_records_field(
    client: TestClient, tokens: dict[str, str]
) -> None:
    assert "records" not in client.get("/v1/persons/P1", headers=headers(tokens["civil"])).json()


def test_neighbourhood_records_need_raw_permission(
    client: TestClient, tokens: dict[str, str]
) -> None:
    url = "/v1/graph/neighbourhood/P1?include_records=true"
    assert client.get(url, headers=headers(tokens["caseworker"])).status_code == 200


def test_unknown_entities_are_404_problems(client: TestClient, tokens: dict[str, str]) -> None:
    for url in ["/v1/persons/NOPE", "/v1/dwellings/NOPE", "/v1/organisations/NOPE",
                "/v1/households/NOPE", "/v1/graph/neighbourhood/NOPE"]:  # fmt: skip
        r = client.get(url, headers=headers(tokens["admin"]))
        assert r.status_code == 404 and r.json()["type"] == "urn:kg:problem:not-found"


def test_no_path_is_found_false(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/v1/graph/path?from=P1&to=ZZ", headers=headers(tokens["admin"]))
    assert r.json() == {"nodes": [], "edges": [], "truncated": False, "found": False}


@pytest.mark.parametrize(
    ("query", "status"),
    [("", 400), ("?hops=0", 422), ("?hops=4", 422), ("?hops=3", 200), ("?limit=501", 422)],
)
def test_graph_bounds(client: TestClient, tokens: dict[str, str], query: str, status: int) -> None:
    url = "/v1/graph/neighbourhood/P1" + query
    h = headers(tokens["admin"], purpose=None if status == 400 else "case 1")
    assert client.get(url, headers=h).status_code == status


def test_search_needs_a_criterion(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/v1/persons", headers=headers(tokens["admin"]))
    assert r.status_code == 400


def test_search_pagination_next_link(client: TestClient, tokens: dict[str, str]) -> None:
    h = headers(tokens["admin"])
    first = client.get("/v1/persons?address=建国&limit=1", headers=h).json()
    assert [i["id"] for i in first["items"]] == ["P1"]
    assert first["next"] is not None and first["next"].startswith("/v1/persons?")
    second = client.get(first["next"], headers=h).json()
    assert [i["id"] for i in second["items"]] == ["P2"] and second["next"] is None


def test_person_household(client: TestClient, tokens: dict[str, str]) -> None:
    body = client.get("/v1/persons/P1/household", headers=headers(tokens["caseworker"])).json()
    assert body["person_id"] == "P1"
    members = body["households"][0]["members"]
    assert [m["person"]["id"] for m in members] == ["P1", "P2"]
    assert all("*" in m["person"]["id_number"] for m in members)


def _insert_loads(db_path: Any, n: int) -> None:
    import sqlite3

    from kg.store.ledger import Ledger

    Ledger(db_path).close()
    conn = sqlite3.connect(db_path)
    with conn:
        for i in range(n):
            conn.execute(
                "INSERT INTO loads (source, kind, path, sha256, started_at, finished_at, status,"
                " rows_read, loaded) VALUES (?, ?, ?, ?, ?, ?, 'ok', ?, ?)",
                ("police", "police", f"p{i}.csv", "ab" * 32, "2024-01-01", "2024-01-01", 10, 9),
            )
    conn.close()


def test_loads_history_is_paginated(
    client: TestClient, tokens: dict[str, str], settings: Any
) -> None:
    h = headers(tokens["loader"], purpose=None)
    assert client.get("/v1/loads", headers=h).json()["items"] == []
    _insert_loads(settings.ledger_path, 3)
    page = client.get("/v1/loads?limit=2", headers=h).json()
    assert [i["path"] for i in page["items"]] == ["p2.csv", "p1.csv"]
    rest = client.get(page["next"], headers=h).json()
    assert [i["path"] for i in rest["items"]] == ["p0.csv"] and rest["next"] is None


def test_openapi_documents_security_and_purpose(client: TestClient) -> None:
    spec = client.get("/v1/openapi.json").json()
    assert "HTTPBearer" in json.dumps(spec["components"]["securitySchemes"])
    params = spec["paths"]["/v1/persons/{person_id}"]["get"]["parameters"]
    assert any(p["name"] == "X-Purpose" for p in params)
