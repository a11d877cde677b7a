"""The caseworkers' web page (``web/``), served by ``kg serve`` at ``/app/``.

Why here and why like this: the page is static files (``web/dist``, built by
``scripts/web-build.sh``: ``npm ci`` + esbuild) that talk to ``/v1`` on the same
origin, so serving them from the API process needs no CORS and no second
server. Loading the page needs no token; every API call it makes does.

Every response under ``/app`` carries a strict Content-Security-Policy: scripts,
styles and connections from this origin only, no inline script or style, no
framing, no plugins, no ``<base>`` tricks. The page is written for it (no inline
``<script>``, no ``style=`` attributes, DOM built without ``innerHTML``), so an
injected value cannot run as script even if it ever reached the page unescaped.

Where the build is looked for: ``$KG_WEB_DIST`` if set, else ``web/dist`` next to
the ``kg`` package (the repository checkout). It is checked on every request, so
building after the server started works without a restart; until then ``/app/``
answers 503 with "page not built: run scripts/web-build.sh".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, RedirectResponse
from starlette.datastructures import MutableHeaders
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WEB_PATH: Final = "/app"
DIST_ENV: Final = "KG_WEB_DIST"
NOT_BUILT: Final = "page not built: run scripts/web-build.sh\n"

CONTENT_SECURITY_POLICY: Final = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
)

SECURITY_HEADERS: Final[dict[str, str]] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    # Asset names are not content-hashed: revalidate so a rebuilt page is picked up.
    "Cache-Control": "no-cache",
}


def default_dist() -> Path:
    """``$KG_WEB_DIST``, else ``<checkout>/web/dist``."""
    configured = os.environ.get(DIST_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "web" / "dist"


class WebPage:
    """ASGI app: the built page from ``dist`` with security headers, or a 503 if not built."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist
        self._files: StaticFiles | None = None

    def _static(self) -> StaticFiles | None:
        if not (self.dist / "index.html").is_file():
            self._files = None
            return None
        if self._files is None:
            self._files = StaticFiles(directory=self.dist, html=True, check_dir=False)
        return self._files

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        files = self._static()
        target: ASGIApp = files if files is not None else PlainTextResponse(NOT_BUILT, 503)
        await target(scope, receive, send_with_headers)


def mount_web(app: FastAPI, dist: Path | None = None) -> None:
    """Serve the page at ``/app/`` and redirect ``/`` there. Adds no ``/v1`` route."""
    page = WebPage(dist if dist is not None else default_dist())

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{WEB_PATH}/", status_code=307)

    @app.get(WEB_PATH, include_in_schema=False)
    def app_without_slash() -> RedirectResponse:
        return RedirectResponse(f"{WEB_PATH}/", status_code=307)

    app.mount(WEB_PATH, page, name="web")
