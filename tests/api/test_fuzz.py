"""Property-based fuzzing of the API from its own OpenAPI schema: no input gives a 5xx.

Schemathesis generates requests for every operation (valid and invalid
parameters) and sends them with an admin token and a purpose, so the requests
get past authentication into the routes. Examples are bounded per operation so
the whole file runs in well under a minute.
"""

from __future__ import annotations

from typing import Any, cast

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import PURPOSE, TestClient  # imported there without the httpx2 warning


def test_no_server_errors(app: FastAPI, tokens: dict[str, str]) -> None:
    auth = {"Authorization": f"Bearer {tokens['admin']}", "X-Purpose": PURPOSE}
    # Run the lifespan so app.state holds the store; schemathesis then calls the same app.
    with TestClient(app):
        schema = schemathesis.openapi.from_asgi("/v1/openapi.json", app)
        operations = [cast(Any, result).ok() for result in schema.get_all_operations()]
        assert len(operations) >= 10
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
