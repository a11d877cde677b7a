"""The main job's stages as functions: resolve (and write the graph), export links.

Why here and not in the CLI: ``kg resolve``, ``kg demo``, the API's curation
routes and the benchmarks all run the same stages; the CLI only adds progress
and printing.

Crash safety: the graph is written first, then the resolver's state replaces the
previous one in one ledger transaction. A crash before that commit leaves the
previous resolution in the ledger; the next run recomputes the same resolution
(same data, same previous ids) and the graph write, being idempotent, completes.
"""

from __future__ import annotations

import csv
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import InputError
from kg.graph.build import graph_stream
from kg.settings import Settings
from kg.store.graph import WriteStats, gc_paused, open_graph_store
from kg.store.ledger import Ledger
from kg.store.ledger_reads import has_current_records, record_briefs, record_fields
from kg.store.resolution_store import ResolutionStore
from resolvers.mentions import Mentions
from resolvers.persons.resolve import DEFAULT_THRESHOLDS, Thresholds
from resolvers.pipeline import resolve

logger = logging.getLogger(__name__)

T = TypeVar("T")

LINKS_HEADER = ("source", "record_id", "role", "entity_id")


@dataclass
class ResolveSummary:
    run_id: int
    records: int
    stats: dict[str, Any]
    graph: WriteStats
    seconds: dict[str, float] = field(default_factory=dict)


def run_resolve(settings: Settings, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> ResolveSummary:
    """Resolve every current record, write the graph, then commit the new resolution."""
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    with Ledger(settings.ledger_path) as ledger:
        ledger.check_normaliser_version()
        conn = ledger.connection
        store = ResolutionStore(conn)
        # One read transaction over both passes of the ledger (fields, then raw rows),
        # the curation and the previous ids: a load committed meanwhile by another
        # process is not half seen. It ends before the graph write.
        conn.execute("BEGIN")
        if not has_current_records(conn):
            conn.execute("ROLLBACK")
            raise InputError("nothing to resolve: load a source file first (kg load SOURCE FILE)")
        counted = _Counted(record_fields(conn))
        # The collector is paused while millions of long-lived mentions, features and
        # graph rows are built: its full passes would re-traverse all of them again and
        # again, and these stages build no reference cycles.
        with gc_paused():
            # The rows stream into mention extraction (reading is part of the
            # resolver's "mentions" stage); only the mentions are kept.
            resolution = resolve(counted, store.curation(), store.previous_ids(), thresholds)
            t2 = time.perf_counter()
            briefs = {(r.source, r.record_id): r for r in record_briefs(conn)}
            conn.execute("COMMIT")  # the read transaction: nothing was written
            # The graph is built as the store writes it, batch by batch, so it is never
            # held whole (it was over half the peak memory on large districts).
            stream = graph_stream(resolution, briefs)
            t3 = time.perf_counter()
            graph = open_graph_store(settings)
            try:
                graph_stats = graph.write(stream)
            finally:
                graph.close()
            # The rest of the run needs only ids, pairs and the model.
            resolution.mentions = Mentions()
            del stream, briefs
        t4 = time.perf_counter()
        run_id = store.replace(resolution, counted.n, started_at)
        t5 = time.perf_counter()
    seconds = {
        "resolve": round(t2 - t0, 3),
        "read_records": round(t3 - t2, 3),
        "build_and_write_graph": round(t4 - t3, 3),
        "commit": round(t5 - t4, 3),
    }
    logger.info("resolve run %d: %s", run_id, seconds)
    return ResolveSummary(run_id, counted.n, resolution.stats, graph_stats, seconds)


class _Counted(Iterator[T]):
    """Passes an iterator through, counting what went by (the run reports its rows)."""

    def __init__(self, inner: Iterator[T]) -> None:
        self._inner = inner
        self.n = 0

    def __next__(self) -> T:
        item = next(self._inner)
        self.n += 1
        return item


def export_links(settings: Settings, out: Path) -> int:
    """Write the contract's links CSV (UTF-8, header row); returns the number of rows."""
    with Ledger(settings.ledger_path) as ledger:
        store = ResolutionStore(ledger.connection)
        if store.last_run() is None:
            raise InputError("nothing resolved yet: run kg resolve first")
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        n = 0
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(LINKS_HEADER)
            for row in store.links():
                writer.writerow(row)
                n += 1
        tmp.replace(out)  # readers never see a half-written export
    return n
