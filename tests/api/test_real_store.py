"""The API over the real embedded ``SqliteGraphStore`` with a snapshot written into it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.settings import Settings
from kg.store.sqlite_graph import SqliteGraphStore
from tests.api.conftest import headers
from tests.store.graph_fixtures import ID_P1, ID_P2, ID_P6, ID_P7A, ID_P7B, base_snapshot

ALL_IDS = [ID_P1, ID_P2, ID_P6, ID_P7A, ID_P7B]


@pytest.fixture
def real(settings: Settings, tokens: dict[str, str]) -> Iterator[TestClient]:
    seed = SqliteGraphStore(settings.ledger_path)
    seed.write(base_snapshot())
    seed.close()
    app = create_app(settings, store_factory=lambda s: SqliteGraphStore(s.ledger_path))
    with TestClient(app) as c:
        yield c


def test_search_profile_and_masking(real: TestClient, tokens: dict[str, str]) -> None:
    cw = headers(tokens["caseworker"])
    hits = real.get(f"/v1/persons?id_number={ID_P1}", headers=cw).json()["items"]
    assert [h["id"] for h in hits] == ["P1"]
    assert hits[0]["id_number"] == ID_P1[:6] + "********" + ID_P1[-4:]
    r = real.get("/v1/persons/P1", headers=cw)
    assert r.status_code == 200 and r.json()["id_number"] == ID_P1
    assert ID_P2 not in r.text  # the spouse stays masked
    admin = real.get("/v1/persons/P1", headers=headers(tokens["admin"]))
    assert ID_P2 in admin.text


@pytest.mark.parametrize(
    "url",
    [
        "/v1/persons?name=张伟",
        "/v1/dwellings/D1",
        "/v1/organisations/O1",
        "/v1/graph/neighbourhood/P1?hops=2",
        "/v1/graph/path?from=P1&to=P6",
        "/v1/quality?detail=true",
    ],
)
def test_caseworker_never_sees_identifiers_in_lists(
    real: TestClient, tokens: dict[str, str], url: str
) -> None:
    r = real.get(url, headers=headers(tokens["caseworker"]))
    assert r.status_code == 200, r.text
    flat = r.text.upper()
    assert [i for i in ALL_IDS if i in flat] == []


def test_household_and_loader(real: TestClient, tokens: dict[str, str]) -> None:
    r = real.get("/v1/persons/P1/household", headers=headers(tokens["admin"]))
    assert r.status_code == 200 and r.json()["households"]
    q = real.get("/v1/quality", headers=headers(tokens["loader"], purpose=None)).json()
    assert q["node_counts"]["Person"] >= 8 and "conflicting_ids" not in q
    assert real.get("/readyz").json() == {"status": "ready"}
