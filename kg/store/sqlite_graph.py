"""The embedded graph store: tables prefixed ``g_`` in the ledger's SQLite file.

Why SQLite and why this layout: the default install has no server, and one file
holds the ledger and the graph. Nodes and relationships are rows with their
props as JSON and a content hash; search goes through ``g_person_keys`` (one row
per search key, primary key ``(kind, value, person_id)``), adjacency through
indexes on ``g_rels(start, type)`` and ``g_rels(end, type)``, so search and a
profile are a handful of index seeks even on a million persons.

Crash safety: ``write`` is one ``BEGIN IMMEDIATE … COMMIT`` transaction; any
failure rolls back, and a killed process leaves SQLite's journal to roll back on
the next open. Readers always see the previous or the new snapshot, never a mix.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import ConflictError, StoreError, StoreUnavailable
from kg.graph.model import Graph, GraphSnapshot, Node, Rel
from kg.graph.views import QualityReport
from kg.store.graph import (
    ChangeCounts,
    PreparedNode,
    PreparedRel,
    WriteStats,
    batched,
    gc_paused,
    node_from_json,
    person_search_keys,
    prepare_stream,
    valid_id18,
)
from kg.store.graph_assemble import Adj, build_quality_report
from kg.store.graph_reads import GraphReads

logger = logging.getLogger(__name__)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS g_nodes ("
    " id TEXT NOT NULL UNIQUE, label TEXT NOT NULL, props TEXT NOT NULL, hash TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS g_nodes_label ON g_nodes(label)",
    "CREATE TABLE IF NOT EXISTS g_rels ("
    " key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, start_id TEXT NOT NULL, end_id TEXT NOT NULL,"
    " props TEXT NOT NULL, hash TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS g_rels_start ON g_rels(start_id, type)",
    "CREATE INDEX IF NOT EXISTS g_rels_end ON g_rels(end_id, type)",
    "CREATE TABLE IF NOT EXISTS g_person_keys ("
    " kind TEXT NOT NULL, value TEXT NOT NULL, person_id TEXT NOT NULL,"
    " PRIMARY KEY (kind, value, person_id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS g_person_keys_person ON g_person_keys(person_id)",
)
# Adjacency in both directions: only the number of "?" marks is filled in, never a value.
_OUT_SQL = (
    "SELECT r.type, r.start_id, r.end_id, r.props, n.id, n.label, n.props, r.start_id"
    " FROM g_rels r JOIN g_nodes n ON n.id = r.end_id WHERE r.start_id IN ({marks}){skip}"
)
_IN_SQL = (
    "SELECT r.type, r.start_id, r.end_id, r.props, n.id, n.label, n.props, r.end_id"
    " FROM g_rels r JOIN g_nodes n ON n.id = r.start_id WHERE r.end_id IN ({marks}){skip}"
)
_INSERT_NODE = "INSERT INTO g_nodes (label, id, props, hash) VALUES (?, ?, ?, ?)"
_NODE_ROW = itemgetter(0, 1, 3, 4)  # PreparedNode (label, id, props, props_text, hash)
_UPDATE_NODE = "UPDATE g_nodes SET label = ?, props = ?, hash = ? WHERE id = ?"
_INSERT_REL = (
    "INSERT INTO g_rels (key, type, start_id, end_id, props, hash) VALUES (?, ?, ?, ?, ?, ?)"
)
_REL_ROW = itemgetter(0, 1, 2, 3, 5, 6)  # PreparedRel (key, type, start, end, props, text, hash)
_UPDATE_REL = "UPDATE g_rels SET props = ?, hash = ? WHERE key = ?"
_NODE_ID: Callable[[PreparedNode], str] = attrgetter("id")
_REL_KEY: Callable[[PreparedRel], str] = attrgetter("key")
_INSERT_KEY = "INSERT OR IGNORE INTO g_person_keys (kind, value, person_id) VALUES (?, ?, ?)"
# A first load drops these and builds them once the rows are in (same definitions as _SCHEMA).
_DROP_INDEXES = (
    "DROP INDEX IF EXISTS g_nodes_label",
    "DROP INDEX IF EXISTS g_rels_start",
    "DROP INDEX IF EXISTS g_rels_end",
    "DROP INDEX IF EXISTS g_person_keys_person",
)
_CREATE_INDEXES = tuple(stmt for stmt in _SCHEMA if stmt.startswith("CREATE INDEX"))
# 256 MiB of page cache while writing (restored afterwards): the diff reads every stored
# hash and inserts land all over the indexes; the 2 MiB default thrashes on 1M persons.
_WRITE_CACHE = "PRAGMA cache_size = -262144"
_NO_RECORDS = " AND r.type <> 'FROM_RECORD'"
_CHUNK = 500  # ids per IN (...) list: well under SQLite's 32766 parameter limit
_BATCH = 50_000  # rows per executemany: bounds the row tuples alive at once

PAUSE_ENV = "KG_TEST_PAUSE_IN_WRITE"
PAUSE_MARKER = "kg-test-hook: paused inside the graph write transaction"
PAUSE_SECONDS = 120.0


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _store_error(exc: sqlite3.Error) -> StoreError:
    if isinstance(exc, sqlite3.IntegrityError):
        return ConflictError(f"graph write broke a uniqueness rule: {exc}")
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return StoreUnavailable(f"the SQLite graph is locked by another writer: {exc}")
    return StoreError(f"SQLite graph error: {exc}")


class _TestPause:
    """Test hook for ``tests/store/test_crash_safety.py``; inert unless the variable is set.

    ``KG_TEST_PAUSE_IN_WRITE=N``: after the write's N-th ``executemany`` batch, print
    ``PAUSE_MARKER`` on stderr and sleep ``PAUSE_SECONDS`` with the transaction open,
    so the test can SIGKILL ``kg resolve`` at a known point *inside* the graph write
    (a real kill, not a simulated exception). Unset, it costs one environment
    lookup per write.
    """

    def __init__(self, after: int | None) -> None:
        self.after = after
        self.done = 0

    @classmethod
    def from_env(cls) -> _TestPause:
        raw = os.environ.get(PAUSE_ENV, "")
        return cls(int(raw) if raw.isdigit() else None)

    def batch_done(self) -> None:
        if self.after is None:
            return
        self.done += 1
        if self.done == self.after:
            sys.stderr.write(PAUSE_MARKER + "\n")
            sys.stderr.flush()
            time.sleep(PAUSE_SECONDS)


Item = TypeVar("Item", PreparedNode, PreparedRel)


def _split(
    batch: list[Item], old: dict[str, str], ident: Callable[[Item], str]
) -> tuple[list[Item], list[Item]]:
    """(new, changed) rows of a batch against the stored ``old`` id → hash, popping
    every id the batch names (what ``old`` keeps to the end vanished)."""
    if not old:
        return batch, []
    new: list[Item] = []
    changed: list[Item] = []
    pop = old.pop
    for item in batch:
        stored = pop(ident(item), None)
        if stored is None:
            new.append(item)
        elif stored != item.hash:
            changed.append(item)
    return new, changed


def _key_rows(nodes: Sequence[PreparedNode]) -> list[tuple[str, str, str]]:
    """Search-key rows for persons: the shared keys plus ``src`` (per-source coverage)."""
    rows: list[tuple[str, str, str]] = []
    for n in nodes:
        if n.label != "Person":
            continue
        keys = person_search_keys(n.props)
        sources = n.props.get("sources") or []
        keys.update(("src", str(s)) for s in (sources if isinstance(sources, list) else [sources]))
        rows.extend((kind, value, n.id) for kind, value in keys)
    return rows


class SqliteGraphStore(GraphReads):
    """``GraphStore`` on SQLite. Thread-safe through one connection and a lock."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA busy_timeout = 5000")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = OFF")
            for stmt in _SCHEMA:
                self._db.execute(stmt)
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the SQLite graph at {path}: {exc}") from exc
        self._lock = threading.RLock()
        self._bulk = False  # inside a write into an empty store (see ``write``)
        self._pause = _TestPause(None)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise _store_error(exc) from exc

    # --- write ------------------------------------------------------------------------------

    def write(self, snapshot: Graph) -> WriteStats:
        """Apply a snapshot or stream as one transaction, touching only what changed.

        The graph is prepared and written in batches of ``_BATCH`` rows: what stays
        in memory is one entry per id and key (and, for a store that already holds a
        graph, its stored hashes), never the whole graph. A bad row fails the write
        and the transaction rolls back, so the store is as it was.

        Into an empty store (a first load) the secondary indexes are dropped and
        rebuilt after the rows are in: one sort per index instead of a B-tree
        insert per row. The drop is part of the transaction, so a failed or killed
        first load leaves the empty store with its indexes, as before.
        """
        t0 = time.perf_counter()
        with gc_paused():
            stats = self._write(snapshot, t0)
        logger.info("sqlite graph write: %s", stats)
        return stats

    def _write(self, snapshot: Graph, t0: float) -> WriteStats:
        nodes, rels = prepare_stream(snapshot)
        with self._lock:
            db = self._db
            try:
                cache = int(db.execute("PRAGMA cache_size").fetchone()[0])
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _store_error(exc) from exc
            self._pause = _TestPause.from_env()
            try:
                db.execute(_WRITE_CACHE)
                self._bulk = self._is_empty()
                if self._bulk:
                    for stmt in _DROP_INDEXES:
                        db.execute(stmt)
                node_counts = self._apply_nodes(nodes)
                rel_counts = self._apply_rels(rels())
                if self._bulk:
                    for stmt in _CREATE_INDEXES:
                        db.execute(stmt)
                db.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    raise _store_error(exc) from exc
                raise
            finally:
                self._bulk = False
                self._restore_cache(cache)
        return WriteStats(node_counts, rel_counts, round(time.perf_counter() - t0, 4))

    def _rollback(self) -> None:
        try:
            self._db.execute("ROLLBACK")
        except sqlite3.Error:
            logger.exception("rollback of a failed graph write failed")

    def _restore_cache(self, pages: int) -> None:
        try:
            self._db.execute("PRAGMA cache_size = " + str(int(pages)))  # an int, not input
        except sqlite3.Error:
            logger.exception("could not restore the SQLite page cache size")

    def _is_empty(self) -> bool:
        row = self._db.execute(
            "SELECT EXISTS (SELECT 1 FROM g_nodes) OR EXISTS (SELECT 1 FROM g_rels)"
            " OR EXISTS (SELECT 1 FROM g_person_keys)"
        ).fetchone()
        return not row[0]

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """``executemany`` (rows may be a generator), then the test hook's batch count."""
        self._db.executemany(sql, rows)
        self._pause.batch_done()

    def _stored(self, sql: str) -> dict[str, str]:
        """The stored id (or key) → hash; empty for a first load, which has nothing to diff."""
        return {} if self._bulk else dict(self._db.execute(sql))

    def _apply_nodes(self, nodes: Iterable[PreparedNode]) -> ChangeCounts:
        """Diff and write nodes batch by batch; what is left of the stored ids vanished.

        Each stored id is popped when the graph names it, so after the last batch
        ``old`` holds exactly the ids that are gone (and memory shrinks as it goes).
        """
        old = self._stored("SELECT id, hash FROM g_nodes")
        total = created = updated = 0
        for batch in batched(nodes, _BATCH):
            total += len(batch)
            new, changed = _split(batch, old, _NODE_ID)
            created += len(new)
            updated += len(changed)
            if new:
                self._many(_INSERT_NODE, map(_NODE_ROW, new))
            if changed:
                self._many(_UPDATE_NODE, [(n.label, n.props_text, n.hash, n.id) for n in changed])
                self._many(
                    "DELETE FROM g_person_keys WHERE person_id = ?", [(n.id,) for n in changed]
                )
            keys = _key_rows(new + changed)
            if keys:
                self._many(_INSERT_KEY, keys)
        vanished = [(i,) for i in old]
        if vanished:
            self._many("DELETE FROM g_person_keys WHERE person_id = ?", vanished)
            self._many("DELETE FROM g_nodes WHERE id = ?", vanished)
        return ChangeCounts(created, updated, len(vanished), total - created - updated)

    def _apply_rels(self, rels: Iterable[PreparedRel]) -> ChangeCounts:
        old = self._stored("SELECT key, hash FROM g_rels")
        total = created = updated = 0
        for batch in batched(rels, _BATCH):
            total += len(batch)
            new, changed = _split(batch, old, _REL_KEY)
            created += len(new)
            updated += len(changed)
            if new:
                self._many(_INSERT_REL, map(_REL_ROW, new))
            if changed:
                self._many(_UPDATE_REL, [(r.props_text, r.hash, r.key) for r in changed])
        vanished = [(k,) for k in old]
        if vanished:
            self._many("DELETE FROM g_rels WHERE key = ?", vanished)
        return ChangeCounts(created, updated, len(vanished), total - created - updated)

    # --- primitives -------------------------------------------------------------------------

    def _get_nodes(self, ids: list[str]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        with self._read() as db:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                sql = f"SELECT id, label, props FROM g_nodes WHERE id IN ({_marks(len(chunk))})"
                for node_id, label, props in db.execute(sql, list(chunk)):
                    out[node_id] = node_from_json(label, node_id, props)
        return out

    def _adjacent(self, ids: list[str], include_records: bool) -> list[Adj]:
        out: list[Adj] = []
        skip = "" if include_records else _NO_RECORDS
        with self._read() as db:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                marks = _marks(len(chunk))
                for template in (_OUT_SQL, _IN_SQL):
                    sql = template.format(marks=marks, skip=skip)
                    for typ, start, end, rprops, nid, label, nprops, frm in db.execute(
                        sql, list(chunk)
                    ):
                        rel = Rel(typ, start, end, _loads(rprops))
                        out.append((frm, rel, node_from_json(label, nid, nprops)))
        return out

    def _persons_by_key(self, kind: str, value: str, limit: int) -> list[str]:
        with self._read() as db:
            rows = db.execute(
                "SELECT person_id FROM g_person_keys WHERE kind = ? AND value = ? LIMIT ?",
                (kind, value, limit),
            ).fetchall()
        return [r[0] for r in rows]

    def _dwellings_by_address(self, text: str, limit: int) -> list[str]:
        """Substring search over dwelling props: a label-index range scan, not a seek.

        Acceptable for an occasional address-only query; names and IDs are the fast paths.
        """
        if not text:
            return []
        out: list[str] = []
        with self._read() as db:
            rows = db.execute(
                "SELECT id, props FROM g_nodes WHERE label = 'Dwelling' AND instr(props, ?) > 0",
                (text,),
            )
            for node_id, props in rows:
                node = node_from_json("Dwelling", node_id, props)
                texts = list(node.props.get("addresses") or []) + [node.props.get("address") or ""]
                if any(text in "".join(str(t).split()) for t in texts):
                    out.append(node_id)
                    if len(out) >= limit:
                        break
        return out

    # --- whole-graph queries ----------------------------------------------------------------

    def entity_ids(self, label: str) -> set[str]:
        with self._read() as db:
            return {r[0] for r in db.execute("SELECT id FROM g_nodes WHERE label = ?", (label,))}

    def dump(self) -> GraphSnapshot:
        """The whole stored graph as a snapshot (tests, export); ordered by id / key."""
        with self._read() as db:
            nodes = [
                node_from_json(label, i, p)
                for i, label, p in db.execute("SELECT id, label, props FROM g_nodes ORDER BY id")
            ]
            rels = [
                Rel(t, s, e, _loads(p))
                for t, s, e, p in db.execute(
                    "SELECT type, start_id, end_id, props FROM g_rels ORDER BY key"
                )
            ]
        return GraphSnapshot(nodes, rels)

    def quality(self, limit: int = 100) -> QualityReport:
        with self._read() as db:
            node_counts = dict(db.execute("SELECT label, count(*) FROM g_nodes GROUP BY label"))
            rel_counts = dict(db.execute("SELECT type, count(*) FROM g_rels GROUP BY type"))
            multi: dict[str, dict[str, list[str]]] = {"id": {}, "bd": {}}
            for kind, by_person in multi.items():
                sql = (
                    "SELECT person_id, value FROM g_person_keys WHERE kind = ? AND person_id IN"
                    " (SELECT person_id FROM g_person_keys WHERE kind = ?"
                    "  GROUP BY person_id HAVING count(*) > 1) ORDER BY person_id, value"
                )
                for pid, value in db.execute(sql, (kind, kind)):
                    by_person.setdefault(pid, []).append(value)
            coverage_rows = db.execute(
                "SELECT k.value, count(*), sum(s.n = 1) FROM g_person_keys k"
                " JOIN (SELECT person_id, count(*) AS n FROM g_person_keys WHERE kind = 'src'"
                "       GROUP BY person_id) s ON s.person_id = k.person_id"
                " WHERE k.kind = 'src' GROUP BY k.value"
            ).fetchall()
        ids = {p: v for p, v in multi["id"].items() if sum(valid_id18(x) for x in v) > 1}
        ids = {p: [x for x in v if valid_id18(x)] for p, v in ids.items()}
        return self._report(ids, multi["bd"], coverage_rows, node_counts, rel_counts, limit)

    def _report(
        self,
        ids: dict[str, list[str]],
        births: dict[str, list[str]],
        coverage_rows: list[tuple[str, int, int]],
        node_counts: dict[str, int],
        rel_counts: dict[str, int],
        limit: int,
    ) -> QualityReport:
        return build_quality_report(
            self._get_nodes, ids, births, coverage_rows, node_counts, rel_counts, limit
        )


def _loads(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
