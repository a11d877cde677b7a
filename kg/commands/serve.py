"""``kg serve``: run the API with uvicorn.

Why check the configuration here as well as in the app factory: the factory
runs inside each uvicorn worker, where a ``ConfigError`` becomes a crash loop
with a traceback; checking first gives the operator one clear line and exit
code 3 before any socket is opened. uvicorn's access log is turned off because
it prints query strings (searches carry ID numbers and names); kg logs each
request itself without the query (``kg.api.access``).

The event loop is uvloop and the HTTP parser httptools when installed (both are
kg dependencies: C implementations, cheaper per request than asyncio + h11), and the
protocol classes from ``kg.api.server`` set ``TCP_NODELAY`` on every
connection, which uvicorn leaves off with ``--workers`` > 1 (issue #3149).
"""

from __future__ import annotations

import click

from kg.api.policy import load_policy
from kg.api.security import require_safe_settings
from kg.settings import get_settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; keep 127.0.0.1 behind a TLS-terminating proxy.")  # fmt: skip
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
def serve_cmd(host: str, port: int, workers: int) -> None:
    """Serve the /v1 API (refuses to start on unsafe configuration)."""
    settings = get_settings()
    require_safe_settings(settings)
    load_policy(settings.kg_department_policy)
    import copy

    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from kg.api.server import event_loop, http_protocol

    # uvicorn's own logging, plus kg's loggers (access lines, errors with request ids).
    log_config = copy.deepcopy(LOGGING_CONFIG)
    log_config["loggers"]["kg"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    uvicorn.run(
        "kg.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop=event_loop(),
        http=http_protocol(),
        access_log=False,
        proxy_headers=False,
        server_header=False,
        log_level="info",
        log_config=log_config,
    )
