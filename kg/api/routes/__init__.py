"""One router per resource; ``v1_routers`` are mounted under ``/v1`` by the app factory.

Resolution routes (phase C): ``review.py`` (the review band, ``review:read``),
``explain.py`` (pair and entity explanations, ``explain:read``), ``curation.py``
(must-link / cannot-link, ``curation:write`` / ``curation:read``) and
``person_search.py`` (``POST /v1/persons/search``: the search criteria in a body).
"""

from __future__ import annotations

from fastapi import APIRouter

from kg.api.routes import (
    audit,
    curation,
    entities,
    explain,
    graph,
    health,
    loads,
    person_search,
    persons,
    quality,
    review,
)

health_router = health.router

v1_routers: list[APIRouter] = [
    person_search.router,  # before persons: POST /persons/search is its own route
    persons.router,
    entities.dwellings,
    entities.organisations,
    entities.households,
    graph.router,
    quality.router,
    loads.router,
    audit.router,
    review.router,
    explain.router,
    curation.router,
]
