"""Normalise a file's rows in worker processes while this process reads and stores them.

Why processes: normalising a row (pinyin, ID decoding, address parsing, JSON) is pure
Python and costs several times what reading the CSV and inserting into SQLite cost,
so on a multi-core machine the load is bound by one core unless the normalisation is
spread out. Threads would not help (the GIL); worker processes do.

How it stays equivalent to the in-process path:

* The parent reads the table and sends rows in chunks of ``CHUNK`` to the workers; the
  results come back in submission order (a FIFO of pending chunks), so the ledger sees
  the rows in file order and duplicate record ids resolve exactly as before.
* Workers run ``RowNormaliser.pack``, exactly what the in-process path runs, and send
  back the ``PackedRow`` fields (the JSON texts and hash the ledger stores) as plain
  tuples, or the ``Reject``; the parent turns the tuples back into ``PackedRow``. Why
  plain tuples: pickling a named tuple goes through Python-level ``__reduce__`` and
  ``__getnewargs__`` per row, several µs each, where a plain tuple is pickled in C.
* At most ``MAX_PENDING`` chunks are in flight, so memory stays flat in file size.
* An exception in a worker is re-raised in the parent by ``AsyncResult.get`` with its
  own type and message, and the ledger transaction then rolls back as for any error.
  A worker that dies (killed, out of memory) fails the load the same way: the pool
  would replace it and wait for ever on the chunk it lost, so the parent waits in
  steps of ``POLL_SECONDS`` and checks that the workers it started are alive.
* Workers are forked after the ``RowNormaliser`` is built, so they inherit it (and its
  warm caches) without pickling. Where forking is not safe or not worth it (one CPU,
  a threaded host process, a non-fork platform, a small file) rows are normalised
  in-process exactly as before.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from types import TracebackType

from kg.errors import KgError
from loaders.rows import PackedRow, PreparedRecord, Reject, RowNormaliser

Row = tuple[int, list[str]]
Item = PackedRow | PreparedRecord | Reject

#: Rows per message to a worker: large enough to amortise pickling, small enough to
#: keep both workers busy and memory low.
CHUNK = 1000
#: Chunks in flight per worker before the reader waits for the oldest result.
MAX_PENDING = 4
#: Below this many rows the pool's start-up cost is larger than what it saves.
MIN_ROWS = 20_000
#: How long the parent waits on a chunk before it checks that every worker is alive.
POLL_SECONDS = 2.0
#: ``KG_LOAD_WORKERS``: number of normalisation processes (0 or 1: in-process).
WORKERS_ENV = "KG_LOAD_WORKERS"

_normaliser: RowNormaliser | None = None


def default_workers() -> int:
    """Worker processes for a load: the CPUs this process may use, at most 4."""
    env = os.environ.get(WORKERS_ENV, "").strip()
    if env:
        try:
            return max(0, int(env))
        except ValueError:
            return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return min(cpus, 4) if cpus > 1 else 0


def _init_worker() -> None:
    # The same reasoning as in load_file: millions of small acyclic objects per load.
    gc.set_threshold(100_000, 50, 100)


def _pack_chunk(chunk: list[Row]) -> list[tuple[object, ...] | Reject]:
    normalise = _normaliser
    if normalise is None:  # pragma: no cover - only if a worker was not forked
        raise RuntimeError("normalisation worker started without a RowNormaliser")
    pack = normalise.pack
    out: list[tuple[object, ...] | Reject] = []
    for row_no, cells in chunk:
        item = pack(row_no, cells)
        out.append(tuple(item) if type(item) is PackedRow else item)
    return out


def _unpack(items: list[tuple[object, ...] | Reject]) -> Iterator[Item]:
    make = PackedRow._make
    for item in items:
        yield item if type(item) is Reject else make(item)  # type: ignore[arg-type]


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class NormalisedRows:
    """Iterate ``rows`` normalised by ``normalise``, in order; a context manager.

    ``parallel`` tells whether worker processes are used. Use as::

        with NormalisedRows(normalise, table) as items:
            ledger.load_records(..., items)
    """

    def __init__(
        self,
        normalise: RowNormaliser,
        rows: Iterable[Row],
        *,
        workers: int | None = None,
        min_rows: int | None = None,
    ) -> None:
        self._normalise = normalise
        self._rows = iter(rows)
        self._pool: Pool | None = None
        self._workers: set[int | None] = set()
        workers = default_workers() if workers is None else workers
        min_rows = MIN_ROWS if min_rows is None else min_rows
        # Peek: a file shorter than ``min_rows`` is done in-process.
        self._head: list[Row] = list(islice(self._rows, min_rows)) if workers > 1 else []
        self.parallel = workers > 1 and len(self._head) >= min_rows and _can_fork()
        if self.parallel:
            global _normaliser
            _normaliser = normalise
            try:
                ctx = multiprocessing.get_context("fork")
                self._pool = ctx.Pool(workers, initializer=_init_worker)
                # The children alive now: the pool's workers (and any other child).
                self._workers = {p.pid for p in multiprocessing.active_children()}
            finally:
                _normaliser = None
        self.workers = workers if self.parallel else 0

    def __iter__(self) -> Iterator[Item]:
        if self._pool is None:
            # ``pack``, not ``__call__``: the ledger stores only the texts, and the
            # record's dicts would be built for nothing.
            pack = self._normalise.pack
            for row_no, cells in self._head:
                yield pack(row_no, cells)
            self._head = []
            for row_no, cells in self._rows:
                yield pack(row_no, cells)
            return
        yield from self._parallel(self._pool)

    def _chunks(self) -> Iterator[list[Row]]:
        head, self._head = self._head, []
        for start in range(0, len(head), CHUNK):
            yield head[start : start + CHUNK]
        del head
        while chunk := list(islice(self._rows, CHUNK)):
            yield chunk

    def _parallel(self, pool: Pool) -> Iterator[Item]:
        pending: deque[AsyncResult[list[tuple[object, ...] | Reject]]] = deque()
        limit = MAX_PENDING * self.workers
        for chunk in self._chunks():
            pending.append(pool.apply_async(_pack_chunk, (chunk,)))
            if len(pending) >= limit:
                yield from _unpack(self._result(pending.popleft()))
        while pending:
            yield from _unpack(self._result(pending.popleft()))

    def _result(
        self, result: AsyncResult[list[tuple[object, ...] | Reject]]
    ) -> list[tuple[object, ...] | Reject]:
        """The chunk's items; a clear error, not a hang, when a worker has died."""
        while True:
            try:
                return result.get(POLL_SECONDS)
            except multiprocessing.TimeoutError:
                alive = {p.pid for p in multiprocessing.active_children()}
                if not self._workers <= alive:
                    raise KgError(
                        "a normalisation worker process died during the load (killed, or"
                        " out of memory?); nothing was stored. Run again, or set"
                        " KG_LOAD_WORKERS=0 to normalise in this process."
                    ) from None

    def close(self) -> None:
        """Stop the workers (at once: after an error their results are not wanted)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()
            pool.join()

    def __enter__(self) -> NormalisedRows:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
