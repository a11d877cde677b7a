"""The audit log: one entry per person read, append-only, queryable."""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from kg.api.audit import AuditLog
from kg.api.db import ApiDb
from kg.settings import Settings
from tests.api.conftest import PURPOSE, headers
from tests.api.fakes import ID_ZHANG, FakeStore

READS = [
    ("/v1/persons?name=张伟", "/v1/persons", ["P1"]),
    ("/v1/persons/P1", "/v1/persons/{person_id}", ["P1"]),
    ("/v1/persons/P1/household", "/v1/persons/{person_id}/household", ["P1", "P2"]),
    ("/v1/dwellings/D1", "/v1/dwellings/{dwelling_id}", ["D1", "P1", "P2"]),
    ("/v1/organisations/O1", "/v1/organisations/{organisation_id}", ["O1", "P2", "P1"]),
    ("/v1/households/H1", "/v1/households/{household_id}", ["H1", "P1", "P2"]),
    ("/v1/graph/neighbourhood/P1", "/v1/graph/neighbourhood/{entity_id}", ["P1", "P2"]),
    ("/v1/graph/path?from=P1&to=D1", "/v1/graph/path", ["P1", "D1", "P2"]),
    ("/v1/quality?detail=true", "/v1/quality", ["P2"]),
]


def entries(settings: Settings) -> list[sqlite3.Row]:
    conn = sqlite3.connect(settings.ledger_path)
    conn.row_factory = sqlite3.Row
    return conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()


@pytest.mark.parametrize(("url", "route", "ids"), READS)
def test_every_person_read_writes_one_entry(
    client: TestClient, tokens: dict[str, str], settings: Settings, url: str, route: str,
    ids: list[str],
) -> None:  # fmt: skip
    r = client.get(url, headers=headers(tokens["caseworker"], **{"X-Request-ID": "req-12345678"}))
    assert r.status_code == 200
    rows = entries(settings)
    assert len(rows) == 1
    row = rows[0]
    assert (row["token_name"], row["role"], row["route"]) == ("caseworker", "caseworker", route)
    assert row["purpose"] == PURPOSE and row["outcome"] == "ok"
    assert row["request_id"] == "req-12345678"
    assert sorted(AuditLog(ApiDb(settings.ledger_path)).search()[0].entity_ids) == sorted(ids)


def test_query_values_are_not_logged(
    client: TestClient, tokens: dict[str, str], settings: Settings
) -> None:
    client.get(f"/v1/persons?id_number={ID_ZHANG}", headers=headers(tokens["admin"]))
    row = entries(settings)[0]
    assert row["query_keys"] == '["id_number"]'
    assert ID_ZHANG not in "|".join(str(v) for v in tuple(row))
    assert row["result_size"] == 1


def test_failed_reads_are_audited(
    client: TestClient, tokens: dict[str, str], settings: Settings
) -> None:
    assert client.get("/v1/persons/NOPE", headers=headers(tokens["admin"])).status_code == 404
    assert [r["outcome"] for r in entries(settings)] == ["error:404"]


def test_refused_reads_are_not_person_reads(
    client: TestClient, tokens: dict[str, str], settings: Settings, fake_store: FakeStore
) -> None:
    client.get("/v1/persons/P1", headers=headers(tokens["loader"]))
    client.get("/v1/persons/P1", headers=headers(tokens["admin"], purpose=None))
    assert entries(settings) == [] and fake_store.calls == []


def test_aggregate_reads_are_not_audited(
    client: TestClient, tokens: dict[str, str], settings: Settings
) -> None:
    client.get("/v1/quality", headers=headers(tokens["loader"]))
    assert entries(settings) == []


def test_audit_log_is_append_only(
    client: TestClient, tokens: dict[str, str], settings: Settings
) -> None:
    client.get("/v1/persons/P1", headers=headers(tokens["admin"]))
    conn = sqlite3.connect(settings.ledger_path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit_log SET purpose = 'nothing to see'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit_log")
    assert len(entries(settings)) == 1


def test_audit_write_failure_withholds_the_answer(
    client: TestClient, tokens: dict[str, str], settings: Settings
) -> None:
    conn = sqlite3.connect(settings.ledger_path)
    with conn:
        conn.execute(
            "CREATE TRIGGER block_insert BEFORE INSERT ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
    r = client.get("/v1/persons/P1", headers=headers(tokens["admin"]))
    assert r.status_code == 500 and ID_ZHANG not in r.text and "disk says no" not in r.text


@pytest.mark.parametrize(
    ("purpose", "stored"),
    [
        ("个案 2024-17 低保复核", "个案 2024-17 低保复核"),
        (quote("个案 2024-17 低保复核"), "个案 2024-17 低保复核"),
    ],
)
def test_purpose_in_utf8_or_percent_encoding(
    client: TestClient, tokens: dict[str, str], settings: Settings, purpose: str, stored: str
) -> None:
    raw = [(b"authorization", f"Bearer {tokens['admin']}".encode()),
           (b"x-purpose", purpose.encode("utf-8"))]  # fmt: skip
    r = client.get("/v1/persons/P1", headers=raw)
    assert r.status_code == 200
    assert entries(settings)[0]["purpose"] == stored


@pytest.mark.parametrize("purpose", ["   ", "x" * 201, "a\tb"])
def test_bad_purposes_are_400(client: TestClient, tokens: dict[str, str], purpose: str) -> None:
    r = client.get("/v1/persons/P1", headers=headers(tokens["admin"], purpose=purpose))
    assert r.status_code == 400


def test_audit_route_filters(client: TestClient, tokens: dict[str, str]) -> None:
    client.get("/v1/persons/P1", headers=headers(tokens["caseworker"]))
    client.get("/v1/persons/P2", headers=headers(tokens["admin"]))
    h = headers(tokens["admin"], purpose=None)
    by_token = client.get("/v1/audit?token=caseworker", headers=h).json()["items"]
    assert [e["entity_ids"] for e in by_token] == [["P1"]]
    by_entity = client.get("/v1/audit?entity=P2", headers=h).json()["items"]
    assert [e["token_name"] for e in by_entity] == ["admin"]
    assert client.get("/v1/audit?since=2000-01-01", headers=h).json()["items"][0]["id"] == 2
    assert client.get("/v1/audit?since=yesterday", headers=h).status_code == 400
