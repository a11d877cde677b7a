"""Property-based fuzzing of the API from its own OpenAPI schema: no input gives a 5xx.

Schemathesis generates requests for every operation (valid and invalid
parameters) and sends them with an admin token and a purpose, so the requests
get past authentication into the routes. Examples are bounded per operation so
the whole file runs in well under a minute.

The resolution routes (review, explain, curation) and the POST search are
fuzzed a second time over a real resolved demo district, so that generated
requests reach the resolver's explanations and the curation checks rather than
stopping at "nothing resolved yet".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from kg.api.app import create_app
from tests.api.conftest import PURPOSE, TestClient  # imported there without the httpx2 warning
from tests.api.test_explain_routes import resolved_home

RESOLUTION_PATHS = {
    "/v1/review",
    "/v1/explain",
    "/v1/entities/{entity_id}/explain",
    "/v1/curation",
    "/v1/persons/search",
}


def test_no_server_errors(app: FastAPI, tokens: dict[str, str]) -> None:
    fuzz(app, tokens["admin"], min_operations=15)


def test_resolution_routes_on_a_resolved_district(tmp_path: Path) -> None:
    resolved = resolved_home(tmp_path / "fuzz", residents=300)
    fuzz(create_app(resolved.settings), resolved.tokens["admin"], paths=RESOLUTION_PATHS)


def fuzz(
    app: FastAPI, token: str, *, paths: set[str] | None = None, min_operations: int = 1
) -> None:
    auth = {"Authorization": f"Bearer {token}", "X-Purpose": PURPOSE}
    # Run the lifespan so app.state holds the store; schemathesis then calls the same app.
    with TestClient(app):
        schema = schemathesis.openapi.from_asgi("/v1/openapi.json", app)
        operations = [cast(Any, result).ok() for result in schema.get_all_operations()]
        if paths is not None:
            operations = [op for op in operations if op.path in paths]
            assert {op.path for op in operations} == paths
        assert len(operations) >= min_operations
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
            def no_5xx(case: Any) -> None:
                case.headers = {**(case.headers or {}), **auth}
                response = case.call()
                assert response.status_code < 500, (case.path, case.query, response.text)
                if response.status_code >= 400:
                    assert response.headers["content-type"] == ["application/problem+json"]

            no_5xx()
