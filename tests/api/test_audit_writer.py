"""Group commit of audit rows: batched, yet no request goes on before its row is durable."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from kg.api.audit_writer import AuditRow, AuditWriter
from kg.api.db import ApiDb
from kg.errors import StoreUnavailable
from kg.settings import Settings
from tests.api.conftest import PURPOSE, headers
from tests.api.fakes import ID_ZHANG


def make_row(request_id: str, purpose: str = "case 1") -> AuditRow:
    return (
        "2026-01-01T00:00:00+00:00", "alice", "caseworker", None, "GET",
        "/v1/persons/{person_id}", "[]", '["P1"]', purpose, 1, request_id, "ok",
    )  # fmt: skip


def committed_ids(path: Path) -> set[str]:
    """Request ids of the rows another connection can see: committed ones only."""
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT request_id FROM audit_log")}
    finally:
        conn.close()


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "kg.sqlite"
    db = ApiDb(path)  # creates audit_log
    with db.transaction() as conn:
        conn.execute("PRAGMA journal_mode = WAL")  # as the real ledger
    db.close()
    yield path


class WriteLock:
    """Another connection holding the ledger's write lock, as another worker would."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    def __enter__(self) -> WriteLock:
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc: Any) -> None:
        self.conn.execute("COMMIT")
        self.conn.close()


def test_concurrent_rows_share_commits_and_nobody_returns_before_durable(ledger: Path) -> None:
    writer = AuditWriter(ledger)
    returned: dict[str, set[str]] = {}  # request id -> committed ids seen right after return
    errors: list[BaseException] = []

    def request(i: int) -> None:
        rid = f"req-{i:04d}"
        try:
            writer.write(make_row(rid))
            returned[rid] = committed_ids(ledger)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=request, args=(i,)) for i in range(40)]
    with WriteLock(ledger):
        for t in threads:
            t.start()
        time.sleep(0.5)  # every request has queued its row; none may be answered yet
        assert returned == {}
        assert committed_ids(ledger) == set()
    for t in threads:
        t.join(timeout=30)
    writer.close()
    assert errors == []
    assert len(returned) == 40
    for rid, seen in returned.items():
        assert rid in seen, f"{rid} returned before its row was committed"
    assert len(committed_ids(ledger)) == 40
    assert writer.rows == 40
    # The first row waited for the lock alone; the 39 queued behind it share one commit.
    assert writer.commits <= 2


def test_async_waiters_are_released_only_after_commit(ledger: Path) -> None:
    async def scenario() -> None:
        writer = AuditWriter(ledger)
        lock = WriteLock(ledger).__enter__()
        tasks = [asyncio.create_task(writer.write_async(make_row(f"a-{i}"))) for i in range(25)]
        await asyncio.sleep(0.3)
        assert not any(t.done() for t in tasks)
        lock.__exit__(None, None, None)
        await asyncio.wait_for(asyncio.gather(*tasks), 30)
        assert committed_ids(ledger) == {f"a-{i}" for i in range(25)}
        assert writer.commits <= 2
        writer.close()

    asyncio.run(scenario())


def test_a_failing_row_fails_alone(ledger: Path) -> None:
    conn = sqlite3.connect(ledger)
    with conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON audit_log WHEN NEW.purpose = 'refused' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    conn.close()
    writer = AuditWriter(ledger)
    outcome: dict[str, BaseException | None] = {}

    def request(rid: str, purpose: str) -> None:
        try:
            writer.write(make_row(rid, purpose))
            outcome[rid] = None
        except BaseException as exc:
            outcome[rid] = exc

    specs = [(f"ok-{i}", "case 1") for i in range(10)] + [("bad", "refused")]
    threads = [threading.Thread(target=request, args=spec) for spec in specs]
    with WriteLock(ledger):  # so that they land in one batch
        for t in threads:
            t.start()
        time.sleep(0.3)
    for t in threads:
        t.join(timeout=30)
    writer.close()
    assert isinstance(outcome["bad"], sqlite3.DatabaseError)
    assert all(outcome[f"ok-{i}"] is None for i in range(10))
    assert committed_ids(ledger) == {f"ok-{i}" for i in range(10)}


def test_busy_ledger_is_store_unavailable(ledger: Path) -> None:
    writer = AuditWriter(ledger, busy_timeout_s=0.2)
    with WriteLock(ledger), pytest.raises(StoreUnavailable):
        writer.write(make_row("r-busy"))
    writer.close()
    assert committed_ids(ledger) == set()


def test_close_commits_what_is_queued_then_refuses(ledger: Path) -> None:
    writer = AuditWriter(ledger)
    done: list[str] = []

    def request(i: int) -> None:
        writer.write(make_row(f"c-{i}"))
        done.append(f"c-{i}")

    threads = [threading.Thread(target=request, args=(i,)) for i in range(5)]
    with WriteLock(ledger):
        for t in threads:
            t.start()
        time.sleep(0.2)
        closer = threading.Thread(target=writer.close)
        closer.start()
    closer.join(timeout=30)
    for t in threads:
        t.join(timeout=30)
    assert len(done) == 5 and committed_ids(ledger) == {f"c-{i}" for i in range(5)}
    with pytest.raises(StoreUnavailable):
        writer.write(make_row("late"))


# --- through the app -----------------------------------------------------------------------


class AssertDurableOnResponse:
    """ASGI wrapper: when a person read starts its answer, its audit row must be committed."""

    def __init__(self, app: FastAPI, ledger: Path) -> None:
        self.app = app
        self.ledger = ledger
        self.checked: list[str] = []
        self.early: list[str] = []  # answers that started before their row was committed

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def checking_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                rid = dict(message["headers"])[b"x-request-id"].decode()
                if rid not in committed_ids(self.ledger):
                    self.early.append(rid)
                self.checked.append(rid)
            await send(message)

        await self.app(scope, receive, checking_send)


def test_concurrent_person_reads_are_each_durably_audited_before_answering(
    app: FastAPI, tokens: dict[str, str], settings: Settings
) -> None:
    wrapped = AssertDurableOnResponse(app, settings.ledger_path)
    h = headers(tokens["caseworker"])

    async def scenario() -> list[httpx.Response]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=wrapped)
            async with httpx.AsyncClient(transport=transport, base_url="http://kg") as client:
                reads = []
                for i in range(60):
                    rid = {"X-Request-ID": f"concurrent-{i:04d}"}
                    if i % 2:
                        reads.append(client.get("/v1/persons/P1", headers={**h, **rid}))
                    else:
                        body = {"id_number": ID_ZHANG}
                        reads.append(
                            client.post("/v1/persons/search", json=body, headers={**h, **rid})
                        )
                # Hold the commit back a while (another worker's write, a slow disk): an
                # answer that did not wait for its row would go out meanwhile and fail.
                lock = WriteLock(settings.ledger_path).__enter__()
                asyncio.get_running_loop().call_later(0.3, lock.__exit__, None, None, None)
                return list(await asyncio.gather(*reads))

    responses = asyncio.run(scenario())
    assert [r.status_code for r in responses] == [200] * 60
    expected = {f"concurrent-{i:04d}" for i in range(60)}
    assert set(wrapped.checked) == expected and wrapped.early == []
    conn = sqlite3.connect(settings.ledger_path)
    rows = conn.execute("SELECT request_id, purpose, entity_ids, outcome FROM audit_log").fetchall()
    conn.close()
    assert len(rows) == 60 and {r[0] for r in rows} == expected  # exactly one row per read
    assert all(r[1] == PURPOSE and json.loads(r[2]) == ["P1"] and r[3] == "ok" for r in rows)


@pytest.mark.parametrize(("setting", "pragma"), [("full", 2), ("normal", 1)])
def test_the_operator_chooses_fsync_or_os_durability(
    ledger: Path, setting: str, pragma: int
) -> None:
    writer = AuditWriter(ledger, synchronous=setting)  # type: ignore[arg-type]
    try:
        assert writer._conn.execute("PRAGMA synchronous").fetchone()[0] == pragma
        writer.write(make_row(f"s-{setting}"))
        assert committed_ids(ledger) == {f"s-{setting}"}
    finally:
        writer.close()


def test_the_default_is_fsync_before_the_answer() -> None:
    assert Settings().kg_audit_sync == "full"
    assert Settings(kg_audit_sync="normal").kg_audit_sync == "normal"  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        Settings(kg_audit_sync="off")  # type: ignore[call-arg]
