"""One router per resource; ``v1_routers`` are mounted under ``/v1`` by the app factory.

Phase C slots in here: ``routes/review.py`` (the resolver's review queue,
``review:read``), ``routes/curation.py`` (must-link / cannot-link, ``curation:write``,
the first POST routes — body size limit already applies) and an explain route
(``/v1/persons/{id}/explain``) — each a new module plus one line below.
"""

from __future__ import annotations

from fastapi import APIRouter

from kg.api.routes import audit, entities, graph, health, loads, persons, quality

health_router = health.router

v1_routers: list[APIRouter] = [
    persons.router,
    entities.dwellings,
    entities.organisations,
    entities.households,
    graph.router,
    quality.router,
    loads.router,
    audit.router,
]
