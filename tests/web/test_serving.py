"""``kg/api/web.py``: the page at /app/ with its security headers, or a clear 'not built'."""

from __future__ import annotations

import warnings
from pathlib import Path

from fastapi import FastAPI

from kg.api.web import CONTENT_SECURITY_POLICY, NOT_BUILT, mount_web

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r".*install `httpx2`")
    from fastapi.testclient import TestClient


def _client(dist: Path) -> TestClient:
    app = FastAPI()
    mount_web(app, dist)
    return TestClient(app)


def _build(dist: Path) -> None:
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text('<html lang="zh-CN"><body>一人一档</body></html>', "utf-8")
    (dist / "assets" / "app.js").write_text("export {};\n", "utf-8")


def test_not_built_answers_a_clear_message(tmp_path: Path) -> None:
    with _client(tmp_path / "dist") as client:
        r = client.get("/app/")
    assert r.status_code == 503
    assert r.text == NOT_BUILT
    assert "scripts/web-build.sh" in r.text
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_built_page_is_served_with_a_strict_csp(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _build(dist)
    with _client(dist) as client:
        page = client.get("/app/")
        script = client.get("/app/assets/app.js")
    assert page.status_code == 200
    assert "一人一档" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-frame-options"] == "DENY"
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert script.headers["content-security-policy"] == csp


def test_building_after_start_needs_no_restart(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    with _client(dist) as client:
        assert client.get("/app/").status_code == 503
        _build(dist)
        assert client.get("/app/").status_code == 200


def test_root_and_bare_path_redirect_to_the_page(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        for path in ("/", "/app"):
            r = client.get(path, follow_redirects=False)
            assert r.status_code == 307
            assert r.headers["location"] == "/app/"


def test_no_traversal_out_of_dist(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _build(dist)
    (tmp_path / "secret.txt").write_text("x", "utf-8")
    with _client(dist) as client:
        assert client.get("/app/../secret.txt").status_code == 404
        assert client.get("/app/%2e%2e/secret.txt").status_code == 404


def test_create_app_mounts_the_page(tmp_path: Path) -> None:
    from kg.api.app import create_app
    from tests.api.conftest import make_settings
    from tests.api.fakes import FakeStore

    app = create_app(
        make_settings(tmp_path, kg_department_policy=None), store_factory=lambda s: FakeStore()
    )
    paths = {getattr(r, "path", None) for r in app.routes}
    assert "/app" in paths
    assert not any(p and p.startswith("/v1/app") for p in paths)
