"""``/healthz`` and ``/readyz``: for the orchestrator, without credentials.

Why two: liveness says the process answers (restart it if not); readiness says
it can serve (the graph store and the ledger answer) so a load balancer holds
traffic back during start-up or a store outage. Neither returns data.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from kg.api.deps import get_state
from kg.api.models import Health
from kg.errors import KgError, StoreUnavailable

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    # async: answering must not need a free thread-pool thread (nor cost a hop to one).
    return Health(status="ok")


@router.get("/readyz", response_model=Health, summary="Readiness: store and ledger reachable")
def readyz(request: Request) -> Health:
    state = get_state(request)
    if not state.db.ping():
        raise StoreUnavailable("ledger not reachable")
    try:
        ping = getattr(state.store, "ping", None)
        if callable(ping):
            ping()
        else:
            # A cheap indexed lookup that matches nobody.
            state.store.find_persons(id_number="0", limit=1)
    except KgError as exc:
        logger.warning("readiness: store check failed: %s", type(exc).__name__)
        raise StoreUnavailable("graph store not reachable") from exc
    return Health(status="ready")
