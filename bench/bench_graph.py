"""Graph store benchmark: write throughput and read latency on a synthetic district.

Figures are reported next to a baseline measured in the same run on the same
machine (a bare ``executemany`` of the same rows into an unindexed SQLite table),
so a ratio means something on any box.

    .venv/bin/python bench/bench_graph.py                 # 100k persons
    .venv/bin/python bench/bench_graph.py --persons 1000000
    NEO4J_URI=bolt://... NEO4J_PASSWORD=... .venv/bin/python bench/bench_graph.py

Writes bench/out/graph.json (or ``--out FILE``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from machine import machine_info as machine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph.model import GraphSnapshot, Node, Rel  # noqa: E402
from kg.store.graph import prepare_snapshot  # noqa: E402
from kg.store.sqlite_graph import SqliteGraphStore  # noqa: E402
from loaders.normalise.ids import id_check_char  # noqa: E402

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉梅红志文"


def synthetic(n: int, seed: int = 7) -> GraphSnapshot:
    """N persons, N/2.5 dwellings, N/50 organisations, N/3 households, one record each."""
    rnd = random.Random(seed)
    nodes: list[Node] = []
    rels: list[Rel] = []
    n_dw, n_org, n_hh = max(1, int(n / 2.5)), max(1, n // 50), n // 3 + 1
    for d in range(n_dw):
        addr = f"北京市朝阳区建国路{d // 60 + 1}号楼{d % 6 + 1}单元{d % 60 + 101}室"
        nodes.append(Node("Dwelling", f"D{d}", {"address": addr, "addresses": [addr]}))
    for o in range(n_org):
        nodes.append(Node("Organisation", f"O{o}", {"name": f"北京华信{o}科技有限公司"}))
    for h in range(n_hh):
        nodes.append(Node("Household", f"H{h}", {"kind": "hukou", "number": f"{h:08d}"}))
    for i in range(n):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
        birth = f"{rnd.randint(1940, 2020)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        first17 = f"110105{birth.replace('-', '')}{i % 1000:03d}"
        pid, rec = f"P{i}", f"police:R{i}"
        props: dict[str, Any] = {
            "name": name,
            "names": [name],
            "id_number": first17 + id_check_char(first17),
            "id_numbers": [first17 + id_check_char(first17)],
            "birth_date": birth,
            "birth_dates": [birth],
            "sex": rnd.choice("MF"),
            "phones": [f"138{rnd.randint(0, 99999999):08d}"],
            "sources": ["police"],
            "record_count": 1,
        }
        nodes.append(Node("Person", pid, props))
        nodes.append(Node("SourceRecord", rec, {"source": "police", "record_id": f"R{i}"}))
        base = {"source": "police", "record_id": f"R{i}", "confidence": 0.95}
        rels.append(Rel("LIVES_AT", pid, f"D{rnd.randrange(n_dw)}", base))
        rels.append(Rel("MEMBER_OF", pid, f"H{i // 3}", {**base, "relation": "户主"}))
        rels.append(Rel("FROM_RECORD", pid, rec, {**base, "role": "person"}))
        if rnd.random() < 0.6:
            rels.append(Rel("WORKS_AT", pid, f"O{rnd.randrange(n_org)}", base))
    return GraphSnapshot(nodes, rels)


def changed(snapshot: GraphSnapshot, fraction: float, seed: int = 11) -> GraphSnapshot:
    rnd = random.Random(seed)
    nodes = [
        Node(n.label, n.id, {**n.props, "phones": ["13900000000"]})
        if n.label == "Person" and rnd.random() < fraction
        else n
        for n in snapshot.nodes
    ]
    return GraphSnapshot(nodes, snapshot.rels)


def baseline_rows_per_s(snapshot: GraphSnapshot, path: Path) -> tuple[float, float]:
    """(rows/s by wall clock, rows/s by process CPU time) of a bare executemany."""
    nodes, rels = prepare_snapshot(snapshot)
    node_rows = [(x.id, x.label, x.props_text, x.hash) for x in nodes]
    rel_rows = [(x.key, x.type, x.start, x.end, x.props_text, x.hash) for x in rels]
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE n (id TEXT, label TEXT, props TEXT, hash TEXT)")
    db.execute("CREATE TABLE r (key TEXT, type TEXT, s TEXT, e TEXT, props TEXT, hash TEXT)")
    t0, c0 = time.perf_counter(), time.process_time()
    db.executemany("INSERT INTO n VALUES (?,?,?,?)", node_rows)
    db.executemany("INSERT INTO r VALUES (?,?,?,?,?,?)", rel_rows)
    db.commit()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    db.close()
    rows = len(nodes) + len(rels)
    return rows / wall, rows / cpu


def timed_write(store: Any, snap: GraphSnapshot) -> tuple[Any, float]:
    """A write's stats and the process CPU seconds it took.

    CPU time next to wall time: on a shared box (other jobs on the same cores) the
    wall clock measures the neighbours as much as kg; CPU time does not.
    """
    c0 = time.process_time()
    stats = store.write(snap)
    return stats, round(time.process_time() - c0, 3)


def latency(fn: Any, args: list[Any]) -> dict[str, float]:
    times = []
    for a in args:
        t0 = time.perf_counter()
        fn(a)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p99_ms": round(times[int(len(times) * 0.99) - 1], 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=100_000)
    ap.add_argument("--lookups", type=int, default=1000)
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "out" / "graph.json", help="JSON file"
    )
    args = ap.parse_args()
    t0 = time.perf_counter()
    snap = synthetic(args.persons)
    items = len(snap.nodes) + len(snap.rels)
    out: dict[str, Any] = {"machine": machine(), "persons": args.persons, "nodes": len(snap.nodes)}
    out["rels"] = len(snap.rels)
    out["build_snapshot_s"] = round(time.perf_counter() - t0, 2)
    out["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory() as tmp:
        base, base_cpu = baseline_rows_per_s(snap, Path(tmp) / "baseline.sqlite")
        out["baseline_executemany_rows_per_s"] = round(base)
        out["baseline_executemany_rows_per_cpu_s"] = round(base_cpu)
        store = SqliteGraphStore(Path(tmp) / "kg.sqlite")
        first, first_cpu = timed_write(store, snap)
        inc_snap = changed(snap, 0.01)
        inc, inc_cpu = timed_write(store, inc_snap)
        again, again_cpu = timed_write(store, inc_snap)
        rate = items / first.seconds
        out["sqlite"] = {
            "first_load_s": first.seconds,
            "first_load_cpu_s": first_cpu,
            "first_load_items_per_s": round(rate),
            "first_load_items_per_cpu_s": round(items / first_cpu),
            "first_load_vs_baseline": round(rate / base, 3),
            "first_load_vs_baseline_cpu": round(items / first_cpu / base_cpu, 3),
            "incremental_1pct_s": inc.seconds,
            "incremental_1pct_cpu_s": inc_cpu,
            "incremental_nodes_updated": inc.nodes.updated,
            "incremental_vs_first_load": round(inc.seconds / first.seconds, 3),
            "unchanged_rewrite_s": again.seconds,
            "unchanged_rewrite_cpu_s": again_cpu,
        }
        rnd = random.Random(3)
        persons = [n for n in snap.nodes if n.label == "Person"]
        sample = [rnd.choice(persons) for _ in range(args.lookups)]
        out["sqlite"]["find_by_id"] = latency(
            lambda n: store.find_persons(id_number=n.props["id_number"]), sample
        )
        out["sqlite"]["find_by_name"] = latency(
            lambda n: store.find_persons(name=n.props["name"], limit=20), sample
        )
        out["sqlite"]["find_by_name_and_birth_date"] = latency(
            lambda n: store.find_persons(name=n.props["name"], birth_date=n.props["birth_date"]),
            sample,
        )
        out["sqlite"]["person_profile"] = latency(lambda n: store.person_profile(n.id), sample)
        store.close()
    if os.environ.get("NEO4J_URI"):
        out["neo4j"] = bench_neo4j(snap, items, base)
    else:
        out["neo4j"] = "skipped: NEO4J_URI not set"
    target: Path = args.out
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(out, ensure_ascii=False, indent=2))


def bench_neo4j(snap: GraphSnapshot, items: int, base: float) -> dict[str, Any]:
    from kg.settings import Settings
    from kg.store.neo4j_graph import Neo4jGraphStore

    store = Neo4jGraphStore.from_settings(Settings())
    store.clear()
    first = store.write(snap)
    inc = store.write(changed(snap, 0.01))
    again = store.write(changed(snap, 0.01))
    sample = random.Random(3).sample([n for n in snap.nodes if n.label == "Person"], 200)
    result = {
        "first_load_s": first.seconds,
        "first_load_items_per_s": round(items / first.seconds),
        "first_load_vs_baseline": round(items / first.seconds / base, 3),
        "incremental_1pct_s": inc.seconds,
        "unchanged_rewrite_s": again.seconds,
        "find_by_id": latency(lambda n: store.find_persons(id_number=n.props["id_number"]), sample),
        "person_profile": latency(lambda n: store.person_profile(n.id), sample),
    }
    store.close()
    return result


if __name__ == "__main__":
    main()
