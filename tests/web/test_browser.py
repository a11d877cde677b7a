"""The web page in a real browser: headless Debian chromium driven by Playwright.

One caseworker journey against a live ``kg serve`` (see ``conftest.py``): sign
in → search by an ID written with spaces and a lower-case x → purpose prompt →
profile (golden record, sources, conflicts, masking) → graph expanded by a click
→ dwelling page → review queue (a caseworker may read it but not decide). Then
an admin records a must-link from the review page. A screenshot of every step
goes to ``test-artifacts/web/``.

Throughout, the test records every request the page sends and checks the
security promises: the token never appears in a URL, ID numbers never appear in
a URL, every read of a person carries ``X-Purpose``, and the CSP reports no
violation (no inline script or style sneaked in).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.web.conftest import ARTIFACTS, CHROMIUM_ARGS, LiveServer

pytestmark = pytest.mark.browser

PURPOSE = "社区走访 2024-0153"
ID_SHAPED = re.compile(r"(?<![\d*])\d{17}[\dXx](?![\d*])")
MASKED_ID = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")
PERSON_ROUTES = ("/v1/persons", "/v1/graph", "/v1/dwellings", "/v1/organisations",
                 "/v1/households", "/v1/review", "/v1/curation", "/v1/entities")  # fmt: skip


@dataclass
class Watch:
    """What the page did: requests sent, console errors, CSP violations, page errors."""

    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Content Security Policy" in m]


@pytest.fixture
def browser(browser_ready: Any) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(browser_ready), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def new_page(browser: Any, watch: Watch) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("request", lambda r: watch.requests.append((r.method, r.url, dict(r.headers))))
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    return page


def shot(page: Any, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def sign_in(page: Any, server: LiveServer, token: str) -> None:
    page.goto(f"{server.url}/")
    page.wait_for_selector("#token-input")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.fill("#token-input", token)
    page.click("#signin-button")
    page.wait_for_selector("#search-input")


def answer_purpose(page: Any) -> None:
    page.wait_for_selector("#purpose-dialog[open]")
    page.fill("#purpose-input", PURPOSE)
    page.click("#purpose-ok")
    page.wait_for_selector("#purpose-dialog:not([open])", state="attached")


def graph_node_count(page: Any) -> int:
    count: int = page.evaluate("window.cy ? window.cy.nodes().length : 0")
    assert page.get_attribute("#graph", "data-nodes") == str(count)
    return count


def click_graph_node(page: Any, node_id: str) -> None:
    """A real mouse click on the node's drawn position on the canvas."""
    page.locator("#graph").scroll_into_view_if_needed()
    point = page.evaluate(
        """(id) => {
            const n = window.cy.getElementById(id);
            const box = document.getElementById('graph').getBoundingClientRect();
            const p = n.renderedPosition();
            return {x: box.left + p.x, y: box.top + p.y};
        }""",
        node_id,
    )
    page.mouse.click(point["x"], point["y"])


def check_security(watch: Watch, server: LiveServer, ids: list[str]) -> None:
    assert not watch.page_errors, watch.page_errors
    assert not watch.csp_violations(), watch.csp_violations()
    api_calls = [(m, u, h) for m, u, h in watch.requests if "/v1/" in u]
    assert api_calls, "the page made no API call"
    for _method, url, _headers in watch.requests:
        assert server.caseworker_token not in url and server.admin_token not in url, url
        for id_number in ids:
            assert id_number not in url and id_number[:6] not in url, url
    for method, url, headers in api_calls:
        assert headers.get("authorization", "").startswith("Bearer kg_"), url
        path = url.split(server.url, 1)[1].split("?", 1)[0]
        if path.startswith(PERSON_ROUTES):
            assert headers.get("x-purpose"), f"{method} {url} sent without X-Purpose"


def test_caseworker_journey(browser: Any, live_server: LiveServer) -> None:
    server, person = live_server, live_server.person
    watch = Watch()
    page = new_page(browser, watch)

    # 1. Sign in: the token goes to sessionStorage only.
    page.goto(f"{server.url}/")
    page.wait_for_selector("#token-input")
    shot(page, "01-signin")
    sign_in(page, server, server.caseworker_token)
    assert page.evaluate("sessionStorage.getItem('kg.token')") == server.caseworker_token
    assert page.evaluate("localStorage.length") == 0
    assert server.caseworker_token not in page.url

    # 2. Search by the ID written with spaces and a lower-case x; the purpose is asked first.
    n = person.id_number
    typed = f"{n[:6]} {n[6:10]} {n[10:14]} {n[14:17]}{n[17].lower()}"
    page.fill("#search-input", typed)
    page.click("#search-button")
    page.wait_for_selector("#purpose-dialog[open]")
    shot(page, "02-purpose-prompt")
    answer_purpose(page)
    page.wait_for_selector("tr.hit")
    shot(page, "03-search-results")
    hits = page.locator("tr.hit")
    assert hits.count() >= 1
    first = hits.first
    assert first.get_attribute("data-id") == person.id
    listed_id = first.locator("td.idnum").inner_text().strip()
    assert MASKED_ID.match(listed_id), f"search list shows an unmasked ID: {listed_id!r}"
    assert listed_id[:6] == n[:6] and listed_id[-4:] == n[-4:]

    # 3. Open the profile: the purpose prompt comes again (prefilled) before anything is read.
    reads_before = sum(1 for _, u, _ in watch.requests if f"/v1/persons/{person.id}" in u)
    first.locator("a.open-person").click()
    page.wait_for_selector("#purpose-dialog[open]")
    assert page.input_value("#purpose-input") == PURPOSE
    assert sum(1 for _, u, _ in watch.requests if f"/v1/persons/{person.id}" in u) == reads_before
    answer_purpose(page)
    page.wait_for_selector("#person-summary")
    assert page.get_attribute("#person-summary", "data-id") == person.id
    assert page.inner_text("#person-summary h1").startswith(person.name)
    assert page.inner_text("#purpose-text") == PURPOSE

    # Golden record: a best value per field with its department sources.
    golden = page.locator("table.golden tr.golden-row.chosen")
    assert golden.count() >= 3
    assert page.locator("table.golden td.sources .chip").count() >= golden.count()
    body = page.inner_text("main")
    for label in ("综合档案", "公民身份号码", "来源记录", "采用"):
        assert label in body
    assert any(s in body for s in ("公安户籍", "民政", "卫健计生", "住建房屋"))
    # Conflicts are highlighted, not hidden: every alternative value is on the page.
    for row in page.locator("table.golden tr.alternative").all():
        assert "conflict" in (row.get_attribute("class") or "")
    # The verbatim source rows are shown.
    assert page.locator("article.record table.raw tr").count() >= 5
    # Masking: the only full IDs on the page are the person's own (a caseworker's
    # opened profile); everyone else's (family, household, raw rows) stays masked.
    own = {person.id_number, *person.id_numbers}
    shown = {i.upper() for i in ID_SHAPED.findall(body)}  # raw rows keep a source's 'x'

    assert shown <= own, f"IDs of other persons shown unmasked: {shown - own}"
    masked_cells = [t.strip() for t in page.locator("td.idnum").all_inner_texts()]
    assert any(MASKED_ID.match(t) for t in masked_cells), "no masked ID of a related person"

    # 4. Graph: drawn, then expanded by clicking a dwelling with other residents.
    page.wait_for_function("document.getElementById('graph')?.dataset.nodes > 1")
    page.wait_for_function("document.getElementById('graph').dataset.busy !== 'true'")
    page.locator("#graph").scroll_into_view_if_needed()
    shot(page, "04-profile")
    before = graph_node_count(page)
    labels = page.evaluate("window.cy.nodes().map(n => n.data('label'))")
    assert "Dwelling" in labels and "Person" in labels
    candidates: list[str] = page.evaluate(
        "window.cy.nodes('[label = \"Dwelling\"]').map(n => n.id())"
    )
    grown_by = None
    for node_id in candidates:
        click_graph_node(page, node_id)
        page.wait_for_function(
            "(id) => window.cy.getElementById(id).hasClass('expanded')", arg=node_id
        )
        page.wait_for_function("document.getElementById('graph').dataset.busy !== 'true'")
        if graph_node_count(page) > before:
            grown_by = node_id
            break
    assert grown_by is not None, "clicking graph nodes never added a node"
    after = graph_node_count(page)
    assert after > before
    assert page.locator("#graph-status").inner_text().startswith(f"共 {after} 个节点")
    page.locator("#graph").scroll_into_view_if_needed()
    shot(page, "05-graph-expanded", full_page=False)

    # 5. The clicked node's details panel opens its page (a dwelling, or an organisation).
    grown_label = page.evaluate("(id) => window.cy.getElementById(id).data('label')", grown_by)
    dwelling_id = grown_by
    if grown_label != "Dwelling":
        dwelling_id = page.evaluate("window.cy.nodes('[label = \"Dwelling\"]')[0].id()")
        click_graph_node(page, dwelling_id)
        page.wait_for_function("document.getElementById('graph').dataset.busy !== 'true'")
    page.wait_for_selector(f"#graph-open[href='#/dwelling/{dwelling_id}']")
    page.click("#graph-open")
    page.wait_for_selector("#dwelling-summary")
    assert page.get_attribute("#dwelling-summary", "data-id") == dwelling_id
    dwelling_text = page.inner_text("main")
    assert "居住人员" in dwelling_text and "产权人" in dwelling_text
    assert page.locator("section.card table.grid tbody tr").count() >= 2
    assert not ID_SHAPED.findall(dwelling_text), "a dwelling page showed a full ID"
    shot(page, "06-dwelling")

    # 6. Review queue: readable by a caseworker, with explanations; decisions are admin-only.
    page.click("a[data-nav='review']")
    page.wait_for_selector(".review-item, #review-empty")
    shot(page, "07-review", full_page=False)
    assert page.locator(".error-box").count() == 0, page.inner_text("main")
    review_text = page.inner_text("main")
    assert "复核队列" in review_text
    assert not ID_SHAPED.findall(review_text), "the review queue showed a full ID"
    if page.locator(".review-item").count():
        item = page.locator(".review-item").first
        assert item.locator("table.contrib tr").count() >= 2
        item.locator("button.must-link").click()
        page.wait_for_selector("#reason-dialog[open]")
        page.fill("#reason-input", "测试：核对后确认为同一人")
        page.click("#reason-ok")
        page.wait_for_selector(".review-item .curation-status .error-box")
        assert "无权" in item.locator(".curation-status").inner_text()
        item.locator(".curation-status").scroll_into_view_if_needed()
        shot(page, "08-review-caseworker-refused", full_page=False)

    check_security(watch, server, [n])


def test_admin_records_a_decision(browser: Any, live_server: LiveServer) -> None:
    server = live_server
    watch = Watch()
    page = new_page(browser, watch)
    sign_in(page, server, server.admin_token)
    page.click("a[data-nav='review']")
    answer_purpose(page)
    page.wait_for_selector(".review-item, #review-empty")
    if page.locator(".review-item").count() == 0:
        pytest.skip("the demo store's review queue is empty")
    item = page.locator(".review-item").first
    item.locator("button.must-link").click()
    page.wait_for_selector("#reason-dialog[open]")
    page.click("#reason-ok")  # empty reason: refused by the page
    assert page.is_visible("#reason-error")
    page.fill("#reason-input", "测试：电话核实为同一人")
    page.click("#reason-ok")
    page.wait_for_selector(".review-item .curation-status .ok")
    status = item.locator(".curation-status").inner_text()
    assert "已记录复核决定" in status and "web-admin" in status
    item.locator(".curation-status").scroll_into_view_if_needed()
    shot(page, "09-review-admin-recorded", full_page=False)
    posts = [h for m, u, h in watch.requests if m == "POST" and "/v1/curation" in u]
    assert len(posts) == 1 and posts[0].get("x-purpose")
    check_security(watch, server, [])


def test_sign_in_refuses_a_bad_token(browser: Any, live_server: LiveServer) -> None:
    watch = Watch()
    page = new_page(browser, watch)
    page.goto(f"{live_server.url}/app/")
    page.fill("#token-input", "kg_not-a-real-token-000000")
    page.click("#signin-button")
    page.wait_for_selector("#signin-status .error-box")
    assert "令牌无效" in page.inner_text("#signin-status")
    assert page.evaluate("sessionStorage.getItem('kg.token')") is None
    assert page.is_hidden("#nav")
    shot(page, "10-signin-refused")
    assert not watch.page_errors and not watch.csp_violations()
