"""``kg resolve`` killed (SIGKILL) inside the graph write: the store answers as before.

Design: a real ``kg resolve`` runs in a subprocess with ``KG_TEST_PAUSE_IN_WRITE=N``
(``kg/store/sqlite_graph.py``: after the write's N-th ``executemany`` batch it prints
a marker on stderr and sleeps with the transaction open). The test waits for the
marker, proves the write transaction really is open (another connection cannot
take the write lock), and SIGKILLs the process — no exception handler, no
rollback code runs; only SQLite's WAL recovery stands between the half-written
graph and the next reader. Then:

1. the store answers exactly as before the run: links export, a person profile
   and the whole graph dump are identical;
2. a second ``kg resolve`` completes, and its links export, profile and graph dump
   equal those of an uninterrupted ``kg resolve`` on a byte copy of the store taken
   before the killed run.

Two scenarios: an incremental write (a fifth source loaded after a first resolve)
and a first load into an empty graph, which drops and rebuilds the secondary
indexes inside the transaction — the kill must leave those indexes in place.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kg.demo.generate import generate
from kg.errors import InputError, NotFoundError
from kg.pipeline import export_links, run_resolve
from kg.settings import Settings
from kg.store.graph import prepare_snapshot
from kg.store.ledger import Ledger
from kg.store.neo4j_graph import Neo4jGraphStore
from kg.store.sqlite_graph import PAUSE_ENV, PAUSE_MARKER, SqliteGraphStore
from loaders.load import load_file
from tests.store import graph_fixtures as fx
from tests.store.test_neo4j_write_plan import FakeDriver, _names, _stored_state

ROOT = Path(__file__).parents[2]
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
INDEXES = {"g_nodes_label", "g_rels_start", "g_rels_end", "g_person_keys_person"}
pytestmark = pytest.mark.slow


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", PAUSE_ENV)}
    env.update(KG_HOME=str(home), PYTHONPATH=str(ROOT), **extra)
    return env


def _kg(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*KG, *args], cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done


def _answers(home: Path, person_id: str) -> dict[str, Any]:
    """What the store says: links export, one profile, and the whole graph."""
    settings = Settings(kg_home=home, neo4j_uri=None)
    links = home / "links-check.csv"
    try:
        export_links(settings, links)
        exported = links.read_text("utf-8")
    except InputError as exc:  # nothing resolved yet
        exported = str(exc)
    store = SqliteGraphStore(home / "kg.sqlite")
    try:
        try:
            profile: Any = store.person_profile(person_id).to_json()
        except NotFoundError:
            profile = None
        snap = store.dump()
    finally:
        store.close()
    return {
        "links": exported,
        "profile": profile,
        "nodes": [(n.label, n.id, n.props) for n in snap.nodes],
        "rels": [(r.type, r.start, r.end, r.props) for r in snap.rels],
    }


def _copy(src: Path, dst: Path) -> None:
    """A consistent byte copy of the store (SQLite's online backup, WAL included)."""
    dst.mkdir(parents=True)
    with sqlite3.connect(src / "kg.sqlite") as a, sqlite3.connect(dst / "kg.sqlite") as b:
        a.backup(b)
    a.close()
    b.close()


def _indexes(home: Path) -> set[str]:
    with sqlite3.connect(home / "kg.sqlite") as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    db.close()
    return {r[0] for r in rows} & INDEXES


def _write_locked(home: Path) -> bool:
    db = sqlite3.connect(home / "kg.sqlite", timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc)
    finally:
        db.close()


def _kill_inside_write(home: Path, after_batches: int) -> None:
    proc = subprocess.Popen(
        [*KG, "resolve"],
        cwd=ROOT,
        env=_env(home, **{PAUSE_ENV: str(after_batches)}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        seen: list[str] = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:  # the process ended without reaching the hook
                break
            seen.append(line)
            if PAUSE_MARKER in line:
                break
        assert seen and PAUSE_MARKER in seen[-1], f"never paused in the write: {''.join(seen)}"
        assert _write_locked(home), "the graph write transaction is not open"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def _district(home: Path, sources: tuple[str, ...]) -> dict[str, Path]:
    files = generate(home / "data", residents=600, seed=11).sources()
    with Ledger(home / "kg.sqlite") as ledger:
        for source in sources:
            load_file(ledger, source, files[source])
    return files


def _a_person(home: Path) -> str:
    store = SqliteGraphStore(home / "kg.sqlite")
    try:
        return next(
            pid
            for pid in sorted(store.entity_ids("Person"))
            if len(store.person_profile(pid).sources) >= 2
        )
    finally:
        store.close()


def _check(home: Path, tmp_path: Path, person_id: str, after_batches: int) -> None:
    reference = tmp_path / "reference"
    _copy(home, reference)
    before = _answers(home, person_id)
    _kill_inside_write(home, after_batches)
    assert _answers(home, person_id) == before
    assert _indexes(home) == INDEXES

    _kg(home, "resolve")
    _kg(reference, "resolve")
    recovered, uninterrupted = _answers(home, person_id), _answers(reference, person_id)
    assert recovered == uninterrupted
    assert recovered != before  # the run did change the graph
    assert _indexes(home) == INDEXES


def test_kill_during_incremental_write(tmp_path: Path) -> None:
    home = tmp_path / "home"
    files = _district(home, ("police", "civil_affairs", "family_planning", "housing"))
    run_resolve(Settings(kg_home=home, neo4j_uri=None))
    person_id = _a_person(home)
    with Ledger(home / "kg.sqlite") as ledger:  # the next resolve has organisations to add
        load_file(ledger, "organisations", files["organisations"])
    _check(home, tmp_path, person_id, after_batches=2)


def test_kill_during_first_load(tmp_path: Path) -> None:
    """The first write drops the secondary indexes inside its transaction: a kill
    must leave an empty graph *with* its indexes, and the retry must complete."""
    home = tmp_path / "home"
    _district(home, ("police", "civil_affairs", "family_planning", "housing", "organisations"))
    before_any = _answers(home, "P-none")
    assert before_any["nodes"] == [] and "nothing resolved yet" in before_any["links"]
    probe = tmp_path / "probe"
    _copy(home, probe)
    run_resolve(Settings(kg_home=probe, neo4j_uri=None))
    person_id = _a_person(probe)  # ids are stable: the same person in every copy
    _check(home, tmp_path, person_id, after_batches=3)


# --- Neo4j: a completed snapshot is not rewritten, an interrupted one is completed ---------


def test_neo4j_same_completed_snapshot_reads_and_writes_nothing() -> None:
    nodes, rels = prepare_snapshot(fx.base_snapshot())
    from kg.store.neo4j_graph import _digest

    state = _stored_state(fx.base_snapshot())
    state["read/meta_state"] = [{"snapshot": _digest(nodes, rels), "in_progress": None}]
    driver = FakeDriver(state)
    stats = Neo4jGraphStore(driver, "neo4j").write(fx.base_snapshot())  # type: ignore[arg-type]
    assert _names(driver) == []
    assert [n for n, _ in driver.calls] == ["read/meta_state"]  # no hash read-back either
    assert (stats.nodes.unchanged, stats.rels.unchanged) == (len(nodes), len(rels))


def test_neo4j_interrupted_write_is_completed_not_skipped() -> None:
    nodes, rels = prepare_snapshot(fx.changed_snapshot())
    from kg.store.neo4j_graph import _digest

    target = _digest(nodes, rels)
    state = _stored_state(fx.base_snapshot())  # the interrupted write got nowhere
    state["read/meta_state"] = [{"snapshot": target, "in_progress": target}]
    driver = FakeDriver(state)
    stats = Neo4jGraphStore(driver, "neo4j").write(fx.changed_snapshot())  # type: ignore[arg-type]
    names = _names(driver)
    assert names[0] == "write/meta_begin" and names[-1] == "write/meta_commit"
    assert "write/merge_person" in names and "write/delete_nodes" in names
    assert (stats.nodes.created, stats.nodes.updated, stats.nodes.deleted) == (1, 1, 2)
