"""The FastAPI application factory.

Why a factory (and no module-level ``app``): tests build apps with their own
settings and a fake store; ``kg serve`` builds one per worker through
``uvicorn --factory``. Nothing is opened at import time. Configuration is checked
*before* anything is opened: an unsafe pepper, a bad department policy or a
wildcard CORS origin stops the app from being built at all (``ConfigError``).

The lifespan opens the graph store, the API's ledger connections (one for token
checks, so authentication never queues behind a slow audit-log query, and one
for everything else) and the audit log's group-commit writer, and closes them
on shutdown; routes reach them through the dependencies in ``kg.api.deps``.

Example::

    app = create_app(Settings(kg_token_pepper=...), store_factory=lambda s: FakeStore())
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import ExitStack, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kg.api.audit import AuditLog
from kg.api.audit_writer import AuditWriter
from kg.api.db import ApiDb
from kg.api.deps import ApiState
from kg.api.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from kg.api.policy import load_policy
from kg.api.problems import install_problem_handlers
from kg.api.routes import health_router, v1_routers
from kg.api.security import RateLimiter, TokenStore, require_safe_settings
from kg.api.web import mount_web
from kg.settings import Settings, get_settings
from kg.store.graph import GraphStore, open_graph_store

logger = logging.getLogger(__name__)

API_VERSION = "1.0.0"
StoreFactory = Callable[[Settings], GraphStore]


def create_app(
    settings: Settings | None = None, *, store_factory: StoreFactory | None = None
) -> FastAPI:
    """Build the app; raises ``ConfigError`` (listing every problem) on unsafe settings."""
    cfg = settings if settings is not None else get_settings()
    pepper = require_safe_settings(cfg)
    policy = load_policy(cfg.kg_department_policy)
    open_store = store_factory or open_graph_store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with ExitStack() as opened:
            db = ApiDb(cfg.ledger_path)
            opened.callback(db.close)
            auth_db = ApiDb(cfg.ledger_path)
            opened.callback(auth_db.close)
            writer = AuditWriter(cfg.ledger_path, synchronous=cfg.kg_audit_sync)
            opened.callback(writer.close)  # closed before the dbs: drains queued rows first
            store = open_store(cfg)
            opened.callback(store.close)
            app.state.kg = ApiState(
                store=store,
                db=db,
                tokens=TokenStore(auth_db, pepper),
                audit=AuditLog(db, writer),
                limiter=RateLimiter(cfg.kg_rate_limit_per_minute, cfg.kg_rate_limit_burst),
                policy=policy,
            )
            logger.info("kg API ready (store: %s)", type(store).__name__)
            try:
                yield
            finally:
                app.state.kg = None

    app = FastAPI(
        title="kg — one person, one record",
        version=API_VERSION,
        summary="Read API over the district's resolved registers. Every person read is audited.",
        lifespan=lifespan,
        openapi_url="/v1/openapi.json",
        docs_url="/v1/docs",
        redoc_url=None,
    )
    # Read by ``deps.get_app_settings``; not a dependency override (see there why).
    app.state.settings = cfg
    install_problem_handlers(app)
    app.include_router(health_router)
    for router in v1_routers:
        app.include_router(router, prefix="/v1")
    mount_web(app)  # the web page at /app/ (kg/api/web.py)

    # Added innermost first: the request id wraps everything, including 413s and CORS.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=cfg.kg_max_body_bytes)
    if cfg.kg_cors_origins:
        cors_kwargs: dict[str, Any] = {
            "allow_origins": cfg.kg_cors_origins,
            "allow_methods": ["GET", "POST"],
            "allow_headers": ["Authorization", "X-Purpose", "X-Request-ID", "Content-Type"],
            "expose_headers": ["X-Request-ID", "Retry-After"],
        }
        app.add_middleware(CORSMiddleware, **cors_kwargs)
    app.add_middleware(RequestIdMiddleware)
    return app


def app_from_env() -> FastAPI:
    """``uvicorn --factory kg.api.app:app_from_env``: settings from the environment."""
    return create_app()
