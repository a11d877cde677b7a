"""The append-only audit log of every read that returns residents.

Why: resident data is where personal information leaves the building, so each
such read records who (token name, role, department), when, which route, which
entities, the stated purpose, how many results, the request id and the outcome.
Failed reads (404, 403 after authentication) are recorded too: probing is
itself worth knowing about.

Why write *before* answering: ``AuditScope.read()`` (``aread()`` in ``async``
routes) writes when the route's work is done and before the response exists;
if the write fails the client gets a 500 and no data (fail closed). Query
values are never stored — a search by ID number logs
``query_keys=["id_number"]`` and the ids of the persons found, so the log does
not become a second copy of the identifiers it protects.

In the server the rows go through ``AuditWriter`` (``kg/api/audit_writer.py``):
concurrent requests share one commit (one fsync), and each is still answered
only after its own row is durable.

Example::

    with audit.read() as entry:
        profile = store.person_profile(person_id)
        entry.found([profile.id])
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kg.api.audit_writer import INSERT_SQL, AuditRow, AuditWriter
from kg.api.db import ApiDb
from kg.api.problems import classify
from kg.api.security import Principal


@dataclass
class AuditEntry:
    """Filled in by the route inside ``AuditScope.read()``."""

    entity_ids: list[str] = field(default_factory=list)
    result_size: int = 0

    def found(self, ids: list[str], size: int | None = None) -> None:
        self.entity_ids = list(dict.fromkeys(ids))
        self.result_size = len(ids) if size is None else size


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: str
    token_name: str
    role: str
    department: str | None
    method: str
    route: str
    query_keys: list[str]
    entity_ids: list[str]
    purpose: str
    result_size: int
    request_id: str
    outcome: str


class AuditLog:
    """Insert and query ``audit_log`` (the table's triggers forbid UPDATE and DELETE).

    With a ``writer`` (the API server) rows go through its group commit; without
    one (the CLI, tests) each row is inserted in its own transaction on ``db``.
    Either way ``write`` returns only once the row is committed.
    """

    def __init__(self, db: ApiDb, writer: AuditWriter | None = None) -> None:
        self._db = db
        self._writer = writer

    @staticmethod
    def row(
        *,
        principal: Principal,
        method: str,
        route: str,
        query_keys: list[str],
        entry: AuditEntry,
        purpose: str,
        request_id: str,
        outcome: str,
    ) -> AuditRow:
        """The values of one ``audit_log`` row (``INSERT_SQL`` order), stamped now."""
        return (
            datetime.now(UTC).isoformat(),
            principal.name,
            principal.role.value,
            principal.department,
            method,
            route,
            json.dumps(sorted(query_keys)),
            json.dumps(entry.entity_ids, ensure_ascii=False),
            purpose,
            entry.result_size,
            request_id,
            outcome,
        )

    def write(
        self,
        *,
        principal: Principal,
        method: str,
        route: str,
        query_keys: list[str],
        entry: AuditEntry,
        purpose: str,
        request_id: str,
        outcome: str,
    ) -> None:
        """Record one read; returns once it is durable."""
        self.write_row(
            self.row(
                principal=principal,
                method=method,
                route=route,
                query_keys=query_keys,
                entry=entry,
                purpose=purpose,
                request_id=request_id,
                outcome=outcome,
            )
        )

    def write_row(self, row: AuditRow) -> None:
        if self._writer is not None:
            self._writer.write(row)
            return
        with self._db.transaction() as conn:
            conn.execute(INSERT_SQL, row)

    async def write_row_async(self, row: AuditRow) -> None:
        """``write_row`` for the event loop: awaits the group commit, holds no thread."""
        if self._writer is not None:
            await self._writer.write_async(row)
            return
        self.write_row(row)

    def search(
        self,
        *,
        token: str | None = None,
        entity: str | None = None,
        since: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[AuditRecord]:
        """Newest first. Every filter is a bound parameter; absent filters match all."""
        rows = self._db.query(
            "SELECT * FROM audit_log"
            " WHERE (?1 IS NULL OR token_name = ?1)"
            " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(audit_log.entity_ids)"
            "      WHERE json_each.value = ?2))"
            " AND (?3 IS NULL OR at >= ?3)"
            " ORDER BY id DESC LIMIT ?4 OFFSET ?5",
            (token, entity, since, limit, offset),
        )
        return [
            AuditRecord(
                id=r["id"],
                at=r["at"],
                token_name=r["token_name"],
                role=r["role"],
                department=r["department"],
                method=r["method"],
                route=r["route"],
                query_keys=json.loads(r["query_keys"]),
                entity_ids=json.loads(r["entity_ids"]),
                purpose=r["purpose"],
                result_size=r["result_size"],
                request_id=r["request_id"],
                outcome=r["outcome"],
            )
            for r in rows
        ]


@dataclass
class AuditScope:
    """One request's audit context, handed to routes by the ``AuditDep`` dependency."""

    log: AuditLog
    principal: Principal
    purpose: str
    method: str
    route: str
    query_keys: list[str]
    request_id: str

    @contextmanager
    def read(self) -> Iterator[AuditEntry]:
        """Record the read whatever happens; re-raise errors after recording them."""
        entry = AuditEntry()
        try:
            yield entry
        except Exception as exc:
            self.log.write_row(self._row(entry, f"error:{classify(exc)[0]}"))
            raise
        self.log.write_row(self._row(entry, "ok"))

    @asynccontextmanager
    async def aread(self) -> AsyncIterator[AuditEntry]:
        """``read`` for ``async`` routes: the same row, awaited instead of blocking a thread."""
        entry = AuditEntry()
        try:
            yield entry
        except Exception as exc:
            await self.log.write_row_async(self._row(entry, f"error:{classify(exc)[0]}"))
            raise
        await self.log.write_row_async(self._row(entry, "ok"))

    def _row(self, entry: AuditEntry, outcome: str) -> AuditRow:
        return self.log.row(
            principal=self.principal,
            method=self.method,
            route=self.route,
            query_keys=self.query_keys,
            entry=entry,
            purpose=self.purpose,
            request_id=self.request_id,
            outcome=outcome,
        )
