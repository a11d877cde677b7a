"""The ledger: every loaded row, every version of it, and every rejected row, in SQLite.

Why SQLite with one transaction per file: a load is all of a file's good rows or
none of them, so a crash, an interrupt or an error mid-file leaves the ledger exactly
as it was and the clerk simply loads the file again. Why versions instead of updates:
the resolver's explanations cite the row as it was when it was used, and a department
correcting a record must not erase what it said before.

Other modules keep their own tables in the same file; they use ``Ledger.connection``
and ``Ledger.transaction()`` so that all writes share one connection discipline.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from kg.errors import StoreError, StoreUnavailable
from loaders.records import SourceRecord
from loaders.rows import PackedRow, PreparedRecord, Reject, prepare
from loaders.version import NORMALISER_VERSION

SCHEMA_VERSION = 1
BATCH = 2000
LOAD_CACHE_KIB = 65536

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    component TEXT PRIMARY KEY,
    version   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS loads (
    load_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL CHECK (status IN ('running', 'ok')),
    rows_read   INTEGER NOT NULL DEFAULT 0,
    loaded      INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    columns     TEXT
);
CREATE INDEX IF NOT EXISTS loads_by_sha ON loads (source, sha256);
CREATE TABLE IF NOT EXISTS records (
    source       TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    version      INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    row_no       INTEGER NOT NULL,
    raw          TEXT NOT NULL,
    fields       TEXT NOT NULL,
    issues       TEXT NOT NULL,
    load_id      INTEGER NOT NULL REFERENCES loads (load_id),
    is_current   INTEGER NOT NULL CHECK (is_current IN (0, 1)),
    PRIMARY KEY (source, record_id, version)
);
CREATE UNIQUE INDEX IF NOT EXISTS records_current
    ON records (source, record_id) WHERE is_current = 1;
CREATE INDEX IF NOT EXISTS records_by_load ON records (load_id);
CREATE TABLE IF NOT EXISTS rejects (
    load_id   INTEGER NOT NULL REFERENCES loads (load_id),
    row_no    INTEGER NOT NULL,
    "column"  TEXT,
    reason    TEXT NOT NULL,
    record_id TEXT,
    raw       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rejects_by_load ON rejects (load_id, row_no);
"""

_IDS = "(SELECT value FROM json_each(?))"
_SQL_SEEN = f"SELECT record_id, row_no FROM temp.load_seen WHERE record_id IN {_IDS}"
_SQL_CURRENT = (
    "SELECT record_id, version, content_hash FROM records "
    f"WHERE source = ? AND is_current = 1 AND record_id IN {_IDS}"
)
_SQL_INSERT = (
    "INSERT INTO records (source, record_id, version, kind, content_hash, row_no, raw, fields,"
    " issues, load_id, is_current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
)
_SQL_RETIRE = "UPDATE records SET is_current = 0 WHERE source = ? AND record_id = ? AND version = ?"
_SQL_REJECT = (
    'INSERT INTO rejects (load_id, row_no, "column", reason, record_id, raw)'
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_LOAD_COLS = (
    "load_id, source, kind, path, sha256, started_at, finished_at, status,"
    " rows_read, loaded, rejected, unchanged, updated"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class LoadInfo:
    """One row of ``loads``."""

    load_id: int
    source: str
    kind: str
    path: str
    sha256: str
    started_at: str
    finished_at: str | None
    status: str
    rows_read: int
    loaded: int
    rejected: int
    unchanged: int
    updated: int


@dataclass(frozen=True)
class LoadSummary:
    """What a load did. ``already_loaded_as`` is set when the very same file was loaded before
    (nothing was written then); ``reject_report`` is filled in by ``loaders.load``."""

    load_id: int | None
    source: str
    kind: str
    path: str
    sha256: str
    rows_read: int
    loaded: int
    rejected: int
    unchanged: int
    updated: int
    already_loaded_as: int | None = None
    reject_report: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordVersion:
    version: int
    content_hash: str
    load_id: int
    is_current: bool
    record: SourceRecord


@contextmanager
def larger_page_cache(conn: sqlite3.Connection, kib: int = LOAD_CACHE_KIB) -> Iterator[None]:
    """At least ``kib`` of page cache on ``conn`` while a bulk write runs, then as before.

    Why: with SQLite's default 2 MB, one large transaction (a file's load, a resolution's
    commit) spills dirty index pages again and again; 64 MB is bounded (memory stays flat
    in file size); for 100k police rows it took the ledger part of a load from 15–20 s to
    9–10 s wall on a busy 2-core machine.
    """
    previous = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = {min(previous, -kib)}")  # ints, not input
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {previous}")


class Ledger:
    """The SQLite ledger file. Use as a context manager; one connection per instance."""

    def __init__(self, path: Path | str, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._savepoints = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            with self.transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._conn.execute(statement)
                self._ensure_version()
                self._add_missing_columns()
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the ledger {self.path}: {exc}") from None

    # -- plumbing --------------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rollback on any exception. Nests as a savepoint."""
        conn = self._conn
        if conn.in_transaction:
            self._savepoints += 1
            name = f"kg_sp_{self._savepoints}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------------------

    def _ensure_version(self) -> None:
        row = self._conn.execute(
            "SELECT version FROM schema_version WHERE component = 'ledger'"
        ).fetchone()
        if row is None:
            self._conn.execute(
                "INSERT INTO schema_version (component, version) VALUES ('ledger', ?)",
                (SCHEMA_VERSION,),
            )
        elif row[0] > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has ledger schema {row[0]}; this kg understands {SCHEMA_VERSION}"
            )

    def _add_missing_columns(self) -> None:
        """Additive migrations of a ledger made by an earlier kg (new nullable columns)."""
        have = {r[1] for r in self._conn.execute("PRAGMA table_info(loads)")}
        if "columns" not in have:
            self._conn.execute("ALTER TABLE loads ADD COLUMN columns TEXT")

    def normaliser_version(self) -> int | None:
        """The normaliser version of the stored records; None for a store with none.

        Records loaded before kg recorded it count as version 1.
        """
        row = self._conn.execute(
            "SELECT version FROM schema_version WHERE component = 'normaliser'"
        ).fetchone()
        if row is not None:
            return int(row[0])
        return 1 if self._conn.execute("SELECT 1 FROM records LIMIT 1").fetchone() else None

    def set_normaliser_version(self, version: int) -> None:
        self._conn.execute(
            "INSERT INTO schema_version (component, version) VALUES ('normaliser', ?) "
            "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
            (version,),
        )

    def check_normaliser_version(self) -> None:
        """Refuse a store whose records were read by another normaliser version."""
        stored = self.normaliser_version()
        if stored is not None and stored != NORMALISER_VERSION:
            raise StoreError(
                f"the records in {self.path} were normalised by kg's normaliser version "
                f"{stored}; this kg reads version {NORMALISER_VERSION}: run kg renormalise "
                "first (it reads every stored row again from its raw cells)"
            )

    def load_columns(self, load_id: int) -> dict[str, str] | None:
        """The header → canonical field mapping a load used; None if not recorded."""
        row = self._conn.execute(
            "SELECT columns FROM loads WHERE load_id = ?", (load_id,)
        ).fetchone()
        return None if row is None or row[0] is None else dict(json.loads(row[0]))

    def stored_rows(
        self, after: int, limit: int
    ) -> list[tuple[int, str, str, int, int, str, str, str]]:
        """Every stored row version after ``after`` (a rowid), in rowid order:
        (rowid, source, kind, load_id, row_no, raw, fields, issues). For ``kg renormalise``."""
        return list(
            self._conn.execute(
                "SELECT rowid, source, kind, load_id, row_no, raw, fields, issues FROM records "
                "WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (after, limit),
            )
        )

    def update_normalised(self, rows: list[tuple[str, str, int]]) -> None:
        """Replace (fields, issues) of stored row versions by rowid; the raw row stays."""
        self._conn.executemany("UPDATE records SET fields = ?, issues = ? WHERE rowid = ?", rows)

    # -- loading ---------------------------------------------------------------------------

    def find_load(self, source: str, sha256: str) -> LoadInfo | None:
        """The earlier successful load of exactly this file for this source, if any."""
        row = self._conn.execute(
            f"SELECT {_LOAD_COLS} FROM loads WHERE source = ? AND sha256 = ? AND status = 'ok'"
            " ORDER BY load_id LIMIT 1",
            (source, sha256),
        ).fetchone()
        return LoadInfo(*row) if row else None

    def load_records(
        self,
        source: str,
        kind: str,
        path: str,
        sha256: str,
        items: Iterable[SourceRecord | PreparedRecord | PackedRow | Reject],
        columns: dict[str, str] | None = None,
    ) -> LoadSummary:
        """Store one file's rows in one transaction; see the module docstring for the rules.

        A record id already seen earlier in the same file is rejected (the first row wins).
        ``columns`` (header → canonical field) is recorded so ``kg renormalise`` can read
        the rows again, also those of a file loaded through a mapping.
        """
        with larger_page_cache(self._conn):
            return self._load_records(source, kind, path, sha256, items, columns)

    def _load_records(
        self,
        source: str,
        kind: str,
        path: str,
        sha256: str,
        items: Iterable[SourceRecord | PreparedRecord | PackedRow | Reject],
        columns: dict[str, str] | None,
    ) -> LoadSummary:
        with self.transaction() as conn:
            earlier = self.find_load(source, sha256)
            if earlier is not None:
                return LoadSummary(
                    None, source, kind, path, sha256, earlier.rows_read, 0, earlier.rejected,
                    earlier.rows_read - earlier.rejected, 0, already_loaded_as=earlier.load_id,
                )  # fmt: skip
            self.check_normaliser_version()
            if self.normaliser_version() is None:
                self.set_normaliser_version(NORMALISER_VERSION)
            cur = conn.execute(
                "INSERT INTO loads (source, kind, path, sha256, started_at, status, columns)"
                " VALUES (?, ?, ?, ?, ?, 'running', ?)",
                (source, kind, path, sha256, _now(), None if columns is None else _dumps(columns)),
            )
            load_id = int(cur.lastrowid or 0)
            conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS load_seen"
                " (record_id TEXT PRIMARY KEY, row_no INTEGER NOT NULL) WITHOUT ROWID"
            )
            conn.execute("DELETE FROM temp.load_seen")
            counts = _Counts()
            batch: list[PackedRow] = []
            for item in items:
                counts.read += 1
                if isinstance(item, PackedRow):
                    batch.append(item)
                elif isinstance(item, Reject):
                    self._reject(load_id, item)
                    counts.rejected += 1
                    continue
                else:
                    batch.append(_packed(item))
                if len(batch) >= BATCH:
                    self._flush(load_id, source, batch, counts)
                    batch = []
            if batch:
                self._flush(load_id, source, batch, counts)
            conn.execute("DELETE FROM temp.load_seen")
            conn.execute(
                "UPDATE loads SET finished_at = ?, status = 'ok', rows_read = ?, loaded = ?,"
                " rejected = ?, unchanged = ?, updated = ? WHERE load_id = ?",
                (_now(), counts.read, counts.loaded, counts.rejected, counts.unchanged,
                 counts.updated, load_id),
            )  # fmt: skip
        return LoadSummary(
            load_id, source, kind, path, sha256, counts.read, counts.loaded, counts.rejected,
            counts.unchanged, counts.updated,
        )  # fmt: skip

    def _reject(self, load_id: int, r: Reject) -> None:
        self._conn.execute(
            _SQL_REJECT, (load_id, r.row_no, r.column, r.reason, r.record_id, _dumps(r.raw))
        )

    def _flush(self, load_id: int, source: str, batch: list[PackedRow], counts: _Counts) -> None:
        conn = self._conn
        first: dict[str, int] = {}
        keep: list[PackedRow] = []
        for p in batch:
            rid = p.record_id
            if rid in first:
                self._duplicate(load_id, p, first[rid], counts)
            else:
                first[rid] = p.row_no
                keep.append(p)
        ids = _dumps(list(first))
        seen = dict(conn.execute(_SQL_SEEN, (ids,)).fetchall())
        if seen:
            fresh = []
            for p in keep:
                if p.record_id in seen:
                    self._duplicate(load_id, p, seen[p.record_id], counts)
                else:
                    fresh.append(p)
            keep = fresh
            ids = _dumps([p.record_id for p in keep])
        conn.executemany(
            "INSERT INTO temp.load_seen (record_id, row_no) VALUES (?, ?)",
            [(p.record_id, p.row_no) for p in keep],
        )
        current = {r[0]: (r[1], r[2]) for r in conn.execute(_SQL_CURRENT, (source, ids))}
        inserts = []
        retire = []
        for p in keep:
            version = 1
            now = current.get(p.record_id) if current else None
            if now is not None:
                if now[1] == p.content_hash:
                    counts.unchanged += 1
                    continue
                retire.append((source, p.record_id, now[0]))
                version = now[0] + 1
                counts.updated += 1
            else:
                counts.loaded += 1
            inserts.append(
                (source, p.record_id, version, p.kind, p.content_hash, p.row_no,
                 p.raw_json, p.fields_json, p.issues_json, load_id)
            )  # fmt: skip
        if retire:
            conn.executemany(_SQL_RETIRE, retire)
        conn.executemany(_SQL_INSERT, inserts)

    def _duplicate(self, load_id: int, p: PackedRow, first_row: int, counts: _Counts) -> None:
        # raw_json is exactly the JSON of the row's raw cells that a Reject stores.
        self._conn.execute(
            _SQL_REJECT,
            (load_id, p.row_no, None,
             f"record id {p.record_id} repeated: first seen on row {first_row}",
             p.record_id, p.raw_json),
        )  # fmt: skip
        counts.rejected += 1

    # -- reading ---------------------------------------------------------------------------

    def current_records(self, source: str | None = None) -> Iterator[SourceRecord]:
        """The current version of every record (of one source), ordered by source and id."""
        sql = (
            "SELECT source, kind, record_id, row_no, raw, fields, issues FROM records"
            " WHERE is_current = 1"
        )
        args: tuple[str, ...] = ()
        if source is not None:
            sql += " AND source = ?"
            args = (source,)
        for row in self._conn.execute(sql + " ORDER BY source, record_id", args):
            yield _record(row)

    def current_record(self, source: str, record_id: str) -> SourceRecord | None:
        """The current version of one record, or None if it was never loaded."""
        row = self._conn.execute(
            "SELECT source, kind, record_id, row_no, raw, fields, issues FROM records"
            " WHERE source = ? AND record_id = ? AND is_current = 1",
            (source, record_id),
        ).fetchone()
        return _record(row) if row is not None else None

    def record_versions(self, source: str, record_id: str) -> list[RecordVersion]:
        rows = self._conn.execute(
            "SELECT source, kind, record_id, row_no, raw, fields, issues, version, content_hash,"
            " load_id, is_current FROM records WHERE source = ? AND record_id = ?"
            " ORDER BY version",
            (source, record_id),
        ).fetchall()
        return [RecordVersion(r[7], r[8], r[9], bool(r[10]), _record(r[:7])) for r in rows]

    def load_history(self, source: str | None = None) -> list[LoadInfo]:
        sql = f"SELECT {_LOAD_COLS} FROM loads WHERE status = 'ok'"
        args: tuple[str, ...] = ()
        if source is not None:
            sql += " AND source = ?"
            args = (source,)
        return [LoadInfo(*r) for r in self._conn.execute(sql + " ORDER BY load_id", args)]

    def rejects(self, load_id: int) -> Iterator[Reject]:
        sql = 'SELECT row_no, "column", reason, record_id, raw FROM rejects WHERE load_id = ?'
        for row in self._conn.execute(sql + " ORDER BY row_no, rowid", (load_id,)):
            yield Reject(row[0], row[1], row[2], row[3], json.loads(row[4]))


class _Counts:
    __slots__ = ("read", "loaded", "rejected", "unchanged", "updated")

    def __init__(self) -> None:
        self.read = self.loaded = self.rejected = self.unchanged = self.updated = 0


def _packed(item: SourceRecord | PreparedRecord) -> PackedRow:
    p = item if isinstance(item, PreparedRecord) else prepare(item)
    rec = p.record
    return PackedRow(
        rec.record_id, rec.row_no, rec.kind, p.content_hash, p.raw_json, p.fields_json,
        p.issues_json,
    )  # fmt: skip


def _record(row: tuple[object, ...] | sqlite3.Row) -> SourceRecord:
    source, kind, record_id, row_no, raw, fields, issues = row
    return SourceRecord(
        str(source), str(kind), str(record_id), int(str(row_no)),
        json.loads(str(raw)), json.loads(str(fields)), json.loads(str(issues)),
    )  # fmt: skip
