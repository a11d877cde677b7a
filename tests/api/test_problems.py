"""Errors are RFC 9457 problem+json with a request id; request ids; body limit; CORS; 500s."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.errors import StoreUnavailable
from tests.api.conftest import headers, make_settings
from tests.api.fakes import ID_ZHANG, FakeStore

PROBLEM_KEYS = {"type", "title", "status", "instance", "request_id"}


def assert_problem(r: object, status: int) -> dict[str, object]:
    resp = r  # httpx.Response
    assert resp.status_code == status  # type: ignore[attr-defined]
    assert resp.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    body = resp.json()  # type: ignore[attr-defined]
    assert PROBLEM_KEYS <= set(body) and body["status"] == status
    assert body["request_id"] == resp.headers["x-request-id"]  # type: ignore[attr-defined]
    assert body["type"].startswith("urn:kg:problem:")
    return body  # type: ignore[no-any-return]


def test_unknown_route_404(client: TestClient) -> None:
    assert_problem(client.get("/v1/nowhere"), 404)


def test_wrong_method_405_keeps_allow(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.delete("/v1/persons/P1", headers=headers(tokens["admin"]))
    assert_problem(r, 405)
    assert "GET" in r.headers["allow"]


def test_validation_422_does_not_echo_input(client: TestClient, tokens: dict[str, str]) -> None:
    secret_input = ID_ZHANG + "9" * 40
    r = client.get(f"/v1/persons?id_number={secret_input}", headers=headers(tokens["admin"]))
    body = assert_problem(r, 422)
    assert body["errors"] and secret_input not in r.text
    assert body["errors"][0]["loc"] == ["query", "id_number"]  # type: ignore[index]


def test_store_unavailable_is_503_without_internals(
    client: TestClient, tokens: dict[str, str], fake_store: FakeStore
) -> None:
    fake_store.fail_with = StoreUnavailable("bolt://10.0.0.7:7687 refused: password=hunter2")
    r = client.get("/v1/persons/P1", headers=headers(tokens["admin"]))
    assert_problem(r, 503)
    assert "hunter2" not in r.text and "10.0.0.7" not in r.text
    assert_problem(client.get("/readyz"), 503)


def test_unexpected_error_is_500_without_internals(
    client: TestClient, tokens: dict[str, str], fake_store: FakeStore
) -> None:
    fake_store.fail_with = RuntimeError("SELECT * FROM secrets WHERE id_number='x'")
    r = client.get("/v1/persons/P1", headers=headers(tokens["admin"]))
    assert_problem(r, 500)
    assert "SELECT" not in r.text and "RuntimeError" not in r.text


@pytest.mark.parametrize(
    ("incoming", "echoed"),
    [("abc-DEF_1234.5:6", True), ("short", False), ("bad id with spaces!", False),
     ("x" * 129, False)],
)  # fmt: skip
def test_request_id_echo(client: TestClient, incoming: str, echoed: bool) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": incoming})
    rid = r.headers["x-request-id"]
    assert (rid == incoming) is echoed
    assert len(rid) >= 8


def test_request_ids_are_unique(client: TestClient) -> None:
    ids = {client.get("/healthz").headers["x-request-id"] for _ in range(5)}
    assert len(ids) == 5


def test_health_and_ready_need_no_token(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_body_size_limit_declared(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.post("/v1/persons", content=b"x" * (1_048_576 + 1), headers=headers(tokens["admin"]))
    assert_problem(r, 413)


def test_body_size_limit_chunked(client: TestClient, tokens: dict[str, str]) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"y" * 65_536

    r = client.post("/v1/persons", content=chunks(), headers=headers(tokens["admin"]))
    assert_problem(r, 413)


def test_small_body_passes_the_limit(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.post("/v1/persons", content=b"{}", headers=headers(tokens["admin"]))
    assert_problem(r, 405)


def test_cors_off_by_default(client: TestClient) -> None:
    r = client.options(
        "/v1/persons",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in r.headers


def test_cors_on_for_listed_origins(kg_home: Path) -> None:
    s = make_settings(kg_home, kg_cors_origins=["https://kg.district.example"])
    with TestClient(create_app(s, store_factory=lambda _: FakeStore())) as c:
        ok = c.get("/healthz", headers={"Origin": "https://kg.district.example"})
        assert ok.headers["access-control-allow-origin"] == "https://kg.district.example"
        bad = c.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in bad.headers


def test_lifespan_closes_the_store(kg_home: Path) -> None:
    store = FakeStore()
    with TestClient(create_app(make_settings(kg_home), store_factory=lambda _: store)):
        assert not store.closed
    assert store.closed
