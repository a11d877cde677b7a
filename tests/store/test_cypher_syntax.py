"""Every file in cypher/ passes Neo4j's own Cypher 5 parser and semantic analysis.

Why: no Neo4j server runs here, and the recording fake driver never parses a query,
so without this a syntax error, an undefined variable, Neo4j 4 syntax or a
deprecated function would first show on the production server. The linter is
tools/cypher-lint (Neo4j's ``@neo4j-cypher/language-support``, pinned by its lock
file), installed by scripts/cypher-lint-setup.sh, which scripts/check.sh runs; a
missing node or linter fails here rather than skipping, so the check cannot
silently vanish. One node process lints all files (~8 s, most of it warming up
Neo4j's semantic analysis); each file is then its own test case. It runs with
``--strict``: errors, deprecations and every other warning (a cartesian product, a
label or relationship type the graph does not have) fail.

The second half pins what a parser cannot see: the parameters each statement
reads are exactly those ``Neo4jGraphStore`` passes (and every ``row.x`` a batch
reads is in each row), and every file is run by some code path of the store.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kg.graph.model import NODE_LABELS, REL_TYPES
from kg.store.cypher import all_names, query
from kg.store.graph import prepare_snapshot
from kg.store.neo4j_graph import Neo4jGraphStore
from tests.store import graph_fixtures as fx
from tests.store.test_neo4j_write_plan import FakeDriver

ROOT = Path(__file__).parents[2]
LINT_DIR = ROOT / "tools" / "cypher-lint"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
STAMP = LINT_DIR / "node_modules" / ".kg-installed"
FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "cypher").rglob("*.cypher"))
# Store-internal labels and types (kg/store/neo4j_graph.py) besides the graph model's.
LABELS = [*NODE_LABELS, "KgNode", "SearchKey", "KgMeta"]
TYPES = [*REL_TYPES, "HAS_KEY"]
SETUP = "run scripts/cypher-lint-setup.sh (scripts/check.sh does)"


@pytest.fixture(scope="module")
def lint_report() -> dict[str, list[str]]:
    """Diagnostics per file, from one run of tools/cypher-lint/lint.mjs over all of them."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not installed: the Cypher check needs Node.js >= 20; then {SETUP}")
    if not PACKAGE.is_file() or not STAMP.is_file():
        pytest.fail(f"Neo4j's Cypher linter is not installed in {LINT_DIR}: {SETUP}")
    lock = LINT_DIR / "package-lock.json"
    if lock.stat().st_mtime > STAMP.stat().st_mtime:
        pytest.fail(f"tools/cypher-lint/package-lock.json changed since the install: {SETUP}")
    cmd = [node, str(LINT_DIR / "lint.mjs"), "--strict"]
    cmd += ["--labels", ",".join(LABELS), "--types", ",".join(TYPES), *FILES]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if proc.returncode not in (0, 1):
        pytest.fail(f"the Cypher linter failed (exit {proc.returncode}):\n{proc.stderr}")
    report: dict[str, list[str]] = {path: [] for path in FILES}
    stray: list[str] = []
    for line in proc.stdout.splitlines():
        path = line.split(":", 1)[0]
        (report[path] if path in report else stray).append(line)
    found = any(report.values()) or bool(stray)
    assert not stray, "linter output that names no linted file:\n" + "\n".join(stray)
    assert (proc.returncode == 1) == found, f"exit {proc.returncode} vs output:\n{proc.stdout}"
    return report


def test_every_file_is_a_loadable_statement() -> None:
    assert FILES, "no .cypher files found: the glob is stale"
    # A file outside schema/, write/, read/ would be linted here but never loaded by code.
    assert sorted(f"{p.split('/')[1]}/{Path(p).stem}" for p in FILES) == sorted(all_names())


@pytest.mark.parametrize("path", FILES)
def test_neo4j_accepts(path: str, lint_report: dict[str, list[str]]) -> None:
    diagnostics = lint_report[path]
    assert not diagnostics, "Neo4j's Cypher 5 analysis reports:\n" + "\n".join(diagnostics)


# --- the parameter contract with Neo4jGraphStore ---------------------------------------------

PARAM = re.compile(r"\$(\w+)")
ROW_FIELD = re.compile(r"\brow\.(\w+)")


def _code(name: str) -> str:
    return "\n".join(ln for ln in query(name).splitlines() if not ln.strip().startswith("//"))


def _every_code_path() -> list[tuple[str, dict[str, Any]]]:
    """Every statement run (name, parameters) by the store's writes and reads, via the fake."""
    nodes, rels = prepare_snapshot(fx.base_snapshot())
    first = nodes[0]
    relabel = next(lb for lb in NODE_LABELS if lb != first.label)
    stale: dict[str, list[dict[str, Any]]] = {
        # Every node and relationship changed, one node relabelled, one of each vanished.
        "read/node_hashes": [
            {"id": n.id, "hash": "stale", "label": relabel if n is first else n.label}
            for n in nodes
        ]
        + [{"id": "gone", "hash": "x", "label": "Person"}],
        "read/rel_hashes": [{"key": r.key, "hash": "stale", "start_id": r.start} for r in rels]
        + [{"key": "gone", "hash": "x", "start_id": first.id}],
        "read/get_nodes": [
            {"id": n.id, "labels": [n.label, "KgNode"], "props": {}} for n in nodes[:2]
        ],
    }
    fresh = FakeDriver()
    Neo4jGraphStore(fresh, "neo4j").write(fx.base_snapshot())  # type: ignore[arg-type]
    driver = FakeDriver(stale)
    store = Neo4jGraphStore(driver, "neo4j")  # type: ignore[arg-type]
    store.ensure_schema()
    store.write(fx.base_snapshot())
    store.shortest_path(nodes[0].id, nodes[1].id)
    store._adjacent([first.id], True)
    store._persons_by_key("name", "张伟", 10)
    store._dwellings_by_address("建国路", 10)
    store.entity_ids("Person")
    store.dump()
    store.is_empty()
    store.quality()
    store.clear()
    return fresh.calls + driver.calls


def test_parameters_match_the_code() -> None:
    calls = _every_code_path()
    problems: list[str] = []
    for name, params in calls:
        wanted = set(PARAM.findall(_code(name)))
        if set(params) != wanted:
            problems.append(f"{name}: code passes {sorted(params)}, query reads {sorted(wanted)}")
        fields = set(ROW_FIELD.findall(_code(name)))
        for row in params.get("rows", []):
            if not fields <= set(row):
                problems.append(f"{name}: rows lack {sorted(fields - set(row))}")
                break
    assert not problems, "\n".join(problems)
    unrun = sorted(set(all_names()) - {name for name, _ in calls})
    assert unrun == [], "statements no code path of Neo4jGraphStore runs (dead, or untested)"
