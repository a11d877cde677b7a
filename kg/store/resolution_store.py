"""The resolver's state in the ledger file: entity ids, scored pairs, models, curation.

Why in the ledger and not only in the graph: stable ids need the previous run's
mention → id map whichever graph store is configured, the links export must not
depend on a Neo4j server being up, and a resolve must be all-or-nothing — the
whole new state replaces the old one in one SQLite transaction, so a crash
mid-resolve leaves the previous resolution answering.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from kg.errors import CurationError, NotFoundError
from kg.store.ledger import larger_page_cache
from resolvers.fellegi_sunter import FSModel
from resolvers.mentions import MentionKey
from resolvers.pipeline import Resolution
from resolvers.result import Curation, ScoredPair

SCHEMA = """
CREATE TABLE IF NOT EXISTS res_runs (
    run_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    records     INTEGER NOT NULL,
    stats       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS res_links (
    space     TEXT NOT NULL,
    source    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (source, record_id, role)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS res_pairs (
    space       TEXT NOT NULL,
    a_source TEXT NOT NULL, a_record_id TEXT NOT NULL, a_role TEXT NOT NULL,
    b_source TEXT NOT NULL, b_record_id TEXT NOT NULL, b_role TEXT NOT NULL,
    weight      REAL NOT NULL,
    probability REAL NOT NULL,
    decision    TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS res_models (
    space TEXT PRIMARY KEY,
    model TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS res_superseded (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    run_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS curation (
    curation_id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('must-link', 'cannot-link')),
    a_source TEXT NOT NULL, a_record_id TEXT NOT NULL, a_role TEXT NOT NULL,
    b_source TEXT NOT NULL, b_record_id TEXT NOT NULL, b_role TEXT NOT NULL,
    who         TEXT NOT NULL,
    why         TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
"""

#: The secondary indexes of the two tables a resolve rewrites whole: dropped before the
#: rows go in and built again after (one sort each) rather than kept up to date row by
#: row, which on a million-resident district made the commit grow faster than the data.
REWRITTEN_INDEXES = {
    "res_links_entity": "CREATE INDEX IF NOT EXISTS res_links_entity ON res_links(entity_id)",
    "res_pairs_a": "CREATE INDEX IF NOT EXISTS res_pairs_a "
    "ON res_pairs(a_source, a_record_id, a_role)",
    "res_pairs_b": "CREATE INDEX IF NOT EXISTS res_pairs_b "
    "ON res_pairs(b_source, b_record_id, b_role)",
    "res_pairs_decision": "CREATE INDEX IF NOT EXISTS res_pairs_decision "
    "ON res_pairs(decision, probability)",
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ResolutionStore:
    """Reads and replaces the resolver's state inside an open ledger connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(SCHEMA)
        for sql in REWRITTEN_INDEXES.values():
            conn.execute(sql)

    # --- the previous state -----------------------------------------------------------

    def previous_ids(self) -> dict[str, dict[MentionKey, str]]:
        out: dict[str, dict[MentionKey, str]] = {}
        for space, source, record_id, role, entity_id in self.conn.execute(
            "SELECT space, source, record_id, role, entity_id FROM res_links"
        ):
            out.setdefault(space, {})[(source, record_id, role)] = entity_id
        return out

    def curation(self) -> list[Curation]:
        rows = self.conn.execute(
            "SELECT kind, a_source, a_record_id, a_role, b_source, b_record_id, b_role, who, why "
            "FROM curation ORDER BY curation_id"
        )
        return [Curation(r[0], (r[1], r[2], r[3]), (r[4], r[5], r[6]), r[7], r[8]) for r in rows]

    def add_curation(self, decision: Curation) -> int:
        """Record a decision; refuse one that contradicts an earlier decision on the same pair.

        The check and the insert run in one write transaction, so two contradicting
        decisions sent at the same moment cannot both get in.
        """
        pair = {decision.a, decision.b}
        if self.conn.in_transaction:
            self.conn.commit()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for earlier in self.curation():
                if {earlier.a, earlier.b} == pair and earlier.kind != decision.kind:
                    raise CurationError(
                        f"{decision.kind} contradicts the earlier {earlier.kind} by "
                        f"{earlier.who} ({earlier.why!r}) on the same pair"
                    )
            cur = self.conn.execute(
                "INSERT INTO curation (kind, a_source, a_record_id, a_role, b_source, "
                "b_record_id, b_role, who, why, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (decision.kind, *decision.a, *decision.b, decision.who, decision.why, _now()),
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return int(cur.lastrowid or 0)

    # --- writing a run ----------------------------------------------------------------

    def replace(self, resolution: Resolution, records: int, started_at: str) -> int:
        """Swap in a whole new resolution in one transaction; returns the run id.

        Why the links go in sorted by their key and the indexes are rebuilt: inserted in
        the resolver's order, every row lands on a random page of the table and of each
        index, and past the page cache each insert reads and writes pages of its own.
        """
        conn = self.conn
        if conn.in_transaction:
            conn.commit()
        with larger_page_cache(conn):
            return self._replace(resolution, records, started_at)

    def _replace(self, resolution: Resolution, records: int, started_at: str) -> int:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO res_runs (started_at, finished_at, records, stats) VALUES (?,?,?,?)",
                (started_at, _now(), records, json.dumps(resolution.stats, ensure_ascii=False)),
            )
            run_id = int(cur.lastrowid or 0)
            conn.execute("DELETE FROM res_links")
            conn.execute("DELETE FROM res_pairs")
            for name in REWRITTEN_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")  # a constant name, not input
            for space, assignment in resolution.ids.items():
                conn.executemany(
                    "INSERT INTO res_links VALUES (?,?,?,?,?)",
                    ((space, k[0], k[1], k[2], eid) for k, eid in sorted(assignment.ids.items())),
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO res_superseded VALUES (?,?,?)",
                    ((old, new, run_id) for old, new in assignment.superseded.items()),
                )
            for space, result in resolution.spaces.items():
                conn.executemany(
                    "INSERT INTO res_pairs VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (_pair_row(space, p) for p in result.pairs),
                )
            conn.execute(
                "INSERT OR REPLACE INTO res_models VALUES ('persons', ?)",
                (json.dumps(resolution.person_model.to_json(), ensure_ascii=False),),
            )
            for sql in REWRITTEN_INDEXES.values():
                conn.execute(sql)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return run_id

    # --- reading ----------------------------------------------------------------------

    def links(self) -> Iterator[tuple[str, str, str, str]]:
        yield from self.conn.execute(
            "SELECT source, record_id, role, entity_id FROM res_links "
            "ORDER BY source, record_id, role"
        )

    def entity_of(self, key: MentionKey) -> str | None:
        row = self.conn.execute(
            "SELECT entity_id FROM res_links WHERE source=? AND record_id=? AND role=?", key
        ).fetchone()
        return str(row[0]) if row else None

    def members(self, entity_id: str) -> list[MentionKey]:
        rows = self.conn.execute(
            "SELECT source, record_id, role FROM res_links WHERE entity_id=? "
            "ORDER BY source, record_id, role",
            (entity_id,),
        ).fetchall()
        if not rows:
            successor = self.conn.execute(
                "SELECT new_id FROM res_superseded WHERE old_id=?", (entity_id,)
            ).fetchone()
            hint = f" (merged into {successor[0]})" if successor else ""
            raise NotFoundError(f"no entity {entity_id}{hint}")
        return [(r[0], r[1], r[2]) for r in rows]

    def pairs_of(self, key: MentionKey) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM res_pairs WHERE (a_source=? AND a_record_id=? AND a_role=?) "
            "OR (b_source=? AND b_record_id=? AND b_role=?)",
            (*key, *key),
        ).fetchall()
        return [_pair_dict(r) for r in rows]

    def review_queue(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM res_pairs WHERE decision='review' "
            "ORDER BY probability DESC, a_source, a_record_id, b_source, b_record_id "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [_pair_dict(r) for r in rows]

    def model(self, space: str = "persons") -> FSModel | None:
        row = self.conn.execute("SELECT model FROM res_models WHERE space=?", (space,)).fetchone()
        return FSModel.from_json(json.loads(row[0])) if row else None

    def last_run(self) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT run_id, started_at, finished_at, records, stats FROM res_runs "
            "ORDER BY run_id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return {
            "run_id": row[0],
            "started_at": row[1],
            "finished_at": row[2],
            "records": row[3],
            "stats": json.loads(row[4]),
        }


def _pair_row(space: str, p: ScoredPair) -> tuple[Any, ...]:
    detail = {
        "levels": list(p.levels),
        "tf_weight": p.tf_weight,
        "note": p.note,
        "contributions": [c.to_json() for c in p.contributions],
    }
    return (
        space,
        *p.a,
        *p.b,
        p.weight,
        p.probability,
        p.decision,
        json.dumps(detail, ensure_ascii=False),
    )


def _pair_dict(r: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "space": r[0],
        "a": (r[1], r[2], r[3]),
        "b": (r[4], r[5], r[6]),
        "weight": r[7],
        "probability": r[8],
        "decision": r[9],
        "detail": json.loads(r[10]),
    }
