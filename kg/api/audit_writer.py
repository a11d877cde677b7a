"""Group commit for the audit log: one writer thread, one connection, one fsync per batch.

Why: every person read must leave a *durable* audit row before its answer is
sent (``synchronous = FULL``: the commit fsyncs the WAL). Committing each row in
its own transaction costs one fsync and one trip through SQLite's file write
lock per request, and with ``--workers N`` the processes' writers queue on that
lock with SQLite's coarse busy-wait (sleeps of 1, 2, 5, 10 … ms). Under load that
is where person reads spent their time waiting.

How: requests hand their row to this writer and wait. The writer thread takes
whatever has queued up while the previous commit was running — one row at low
load, dozens under load — inserts them in one ``BEGIN IMMEDIATE … COMMIT`` and
only then releases every waiter. So durability is unchanged (no request is
answered before its row is on disk) but N concurrent requests cost one fsync,
not N. No artificial delay is added to gather a batch: an idle writer commits a
lone row at once.

If a batch fails, its rows are retried one by one so that only the row that
cannot be written fails (its request gets a 500 and no data, as before); the
others are still committed. ``SQLITE_BUSY`` (another process holds the write
lock) is retried here with sub-millisecond sleeps up to ``busy_timeout_s``, then
reported as ``StoreUnavailable`` (503).

Example::

    writer = AuditWriter(ledger_path)
    writer.write(row)               # from a worker thread: blocks until durable
    await writer.write_async(row)   # from the event loop: awaits until durable
    writer.close()
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kg.errors import StoreUnavailable

logger = logging.getLogger(__name__)

INSERT_SQL = (
    "INSERT INTO audit_log (at, token_name, role, department, method, route,"
    " query_keys, entity_ids, purpose, result_size, request_id, outcome)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
AuditRow = tuple[Any, ...]
"""The 12 values of ``INSERT_SQL``, in order."""


@dataclass(eq=False)
class _Pending:
    """One submitted row and how to tell its submitter the outcome."""

    row: AuditRow
    loop: asyncio.AbstractEventLoop | None = None
    future: asyncio.Future[None] | None = None
    event: threading.Event | None = None
    error: BaseException | None = field(default=None)


def _settle(batch: list[_Pending]) -> None:
    """On the submitters' event loop: resolve their futures (one wake-up per batch)."""
    for p in batch:
        assert p.future is not None
        if p.future.done():  # the request was cancelled meanwhile; the row is written anyway
            continue
        if p.error is None:
            p.future.set_result(None)
        else:
            p.future.set_exception(p.error)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


class AuditWriter:
    """Batching writer of ``audit_log`` rows; thread-safe, one per process."""

    def __init__(
        self,
        path: Path,
        *,
        max_batch: int = 500,
        busy_timeout_s: float = 10.0,
        synchronous: Literal["full", "normal"] = "full",
    ) -> None:
        self.path = path
        self.max_batch = max_batch
        self.busy_timeout_s = busy_timeout_s
        self.commits = 0
        """Transactions committed so far (tests and diagnostics: rows / commits = batch size)."""
        self.rows = 0
        """Rows committed so far."""
        try:
            # isolation_level=None: this code issues BEGIN IMMEDIATE / COMMIT itself.
            self._conn = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=0
            )
            # "full": durable on COMMIT (fsync of the WAL / journal), whatever the file's
            # default. "normal" (KG_AUDIT_SYNC, an operator's choice): the WAL is written
            # to the OS on COMMIT and fsync'd at checkpoints, so a crash of kg loses no
            # row but a power loss may lose the last ones; on this machine the fsync per
            # batch is what bounds profile throughput (docs/api.md). Busy handling is
            # ours (below), finer-grained than SQLite's sleeping handler.
            mode = "NORMAL" if synchronous == "normal" else "FULL"  # a constant, not input
            self._conn.execute("PRAGMA synchronous = " + mode)
            self._conn.execute("PRAGMA busy_timeout = 0")
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the ledger at {path}: {exc}") from exc
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._closed = False
        self._close_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="kg-audit-writer", daemon=True)
        self._thread.start()

    # --- submitting -------------------------------------------------------------------------

    def write(self, row: AuditRow) -> None:
        """Queue ``row`` and block until it is committed (or raise why it was not)."""
        pending = _Pending(row, event=threading.Event())
        self._submit(pending)
        assert pending.event is not None
        if not pending.event.wait(self.busy_timeout_s + 30):
            raise StoreUnavailable("the audit writer did not answer in time")
        if pending.error is not None:
            raise pending.error

    async def write_async(self, row: AuditRow) -> None:
        """Queue ``row`` and await its commit without holding a thread."""
        loop = asyncio.get_running_loop()
        pending = _Pending(row, loop=loop, future=loop.create_future())
        self._submit(pending)
        assert pending.future is not None
        await pending.future

    def _submit(self, pending: _Pending) -> None:
        with self._close_lock:
            if self._closed:
                raise StoreUnavailable("the audit writer is closed (the service is stopping)")
            self._queue.put(pending)

    def close(self) -> None:
        """Commit what is queued, stop the thread, close the connection. Idempotent."""
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(None)
        self._thread.join(timeout=self.busy_timeout_s + 30)
        if not self._thread.is_alive():
            self._conn.close()

    # --- the writer thread ------------------------------------------------------------------

    def _run(self) -> None:
        stop = False
        while not stop:
            first = self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            try:
                self._commit_batch(batch)
            except BaseException as exc:  # a bug here must not leave requests hanging
                logger.exception("audit writer: unexpected failure")
                for p in batch:
                    if p.error is None:
                        p.error = exc
                self._notify(batch)

    def _commit_batch(self, batch: list[_Pending]) -> None:
        try:
            self._insert([p.row for p in batch])
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = exc
            else:
                # Isolate the failing row(s): the others must still be recorded and answered.
                for p in batch:
                    try:
                        self._insert([p.row])
                    except Exception as one:
                        p.error = one
        self._notify(batch)

    def _insert(self, rows: Sequence[AuditRow]) -> None:
        """One transaction for ``rows``; durable when this returns."""
        conn = self._conn
        self._retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
        try:
            conn.executemany(INSERT_SQL, rows)
            self._retry_busy(lambda: conn.execute("COMMIT"))
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.commits += 1
        self.rows += len(rows)

    def _retry_busy(self, step: Any) -> None:
        """Run ``step`` again while another connection holds the lock, up to the timeout."""
        deadline = time.monotonic() + self.busy_timeout_s
        pause = 0.0002
        while True:
            try:
                step()
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(f"ledger busy: {exc}") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.005)

    @staticmethod
    def _notify(batch: list[_Pending]) -> None:
        """Wake every waiter of ``batch``: sync ones by event, async ones per loop, once."""
        by_loop: dict[asyncio.AbstractEventLoop, list[_Pending]] = {}
        for p in batch:
            if p.event is not None:
                p.event.set()
            elif p.loop is not None:
                by_loop.setdefault(p.loop, []).append(p)
        for loop, waiting in by_loop.items():
            try:
                loop.call_soon_threadsafe(_settle, waiting)
            except RuntimeError:  # the loop is closed: nobody is waiting any more
                pass
