"""The API's SQLite connection to the ledger file, and the API's own tables.

Why the ledger file: tokens and the audit log must survive restarts and be
backed up with the data they protect; one file keeps that simple. The API owns
only ``api_tokens`` and ``audit_log``; it reads ``loads`` (written by
``kg/store/ledger.py``) and never writes any other table.

One connection per process, shared by FastAPI's worker threads behind a lock:
SQLite serialises writers anyway, and the audit insert is tiny.

``audit_log`` is append-only *in the database*: triggers abort any UPDATE or
DELETE, so neither a bug in kg nor a careless ``sqlite3`` session rewrites history.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import StoreUnavailable

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'loader', 'caseworker', 'department')),
    department  TEXT,
    created_at  TEXT NOT NULL,
    expires_at  TEXT,
    revoked_at  TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_live_name
    ON api_tokens (name) WHERE revoked_at IS NULL;

CREATE TABLE IF NOT EXISTS audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    token_name  TEXT NOT NULL,
    role        TEXT NOT NULL,
    department  TEXT,
    method      TEXT NOT NULL,
    route       TEXT NOT NULL,
    query_keys  TEXT NOT NULL,
    entity_ids  TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    result_size INTEGER NOT NULL,
    request_id  TEXT NOT NULL,
    outcome     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_token ON audit_log (token_name, at);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);

CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""


class ApiDb:
    """A locked SQLite connection to the ledger file with the API tables in place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, check_same_thread=False, timeout=10.0)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA busy_timeout = 10000")
            with self._conn:
                self._conn.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the ledger at {path}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run statements atomically; commits on success, rolls back on error."""
        with self._lock:
            try:
                with self._conn:
                    yield self._conn
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "unable to open" in str(exc):
                    raise StoreUnavailable(f"ledger busy or unreachable: {exc}") from exc
                raise

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run one parameterised SELECT and return all rows."""
        with self.transaction() as conn:
            return list(conn.execute(sql, params).fetchall())

    def has_table(self, name: str) -> bool:
        rows = self.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return bool(rows)

    def ping(self) -> bool:
        try:
            self.query("SELECT 1")
        except (sqlite3.Error, StoreUnavailable):
            return False
        return True
