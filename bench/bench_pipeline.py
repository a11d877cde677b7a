"""Benchmark of the main job: generate → load → resolve (+ graph) → export, with quality.

Reports, for a district of ``--residents`` people:
- time per stage and peak memory (RSS of this process; the job runs in-process);
- person-pair completeness of blocking (true pairs that became candidates) and the
  number of comparisons;
- pairwise precision / recall / F1 per entity space against the generator's truth;
- every time also as a ratio to a baseline measured in the same run: reading the
  same five files with the standard library alone (csv.reader / openpyxl
  read-only), i.e. the least any loader must do.

Usage::

    .venv/bin/python bench/bench_pipeline.py --residents 100000 [--difficulty hard]

Writes bench/out/pipeline-<residents>-<difficulty>.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import openpyxl
from machine import machine_info as machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.demo.evaluate import evaluate  # noqa: E402
from kg.demo.generate import generate  # noqa: E402
from kg.pipeline import export_links, run_resolve  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.store.ledger import Ledger  # noqa: E402
from loaders.load import load_file  # noqa: E402
from resolvers.dwellings import resolve_dwellings  # noqa: E402
from resolvers.mentions import collect_mentions, dwelling_ref  # noqa: E402
from resolvers.persons.blocking import candidate_pairs  # noqa: E402
from resolvers.persons.compare import features_of  # noqa: E402
from resolvers.persons.table import build_table  # noqa: E402

PERSON_ROLES = {"person", "spouse", "owner", "tenant", "legal_rep"}


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def raw_read(files: dict[str, Path]) -> float:
    """Baseline: decode and split every file with the standard library, nothing else."""
    t0 = time.perf_counter()
    for source, path in files.items():
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path, read_only=True)
            for _ in wb.worksheets[0].iter_rows(values_only=True):
                pass
            wb.close()
        else:
            encoding = {"police": "gb18030", "family_planning": "utf-8-sig"}.get(source, "utf-8")
            with path.open(encoding=encoding, newline="") as fh:
                for _ in csv.reader(fh):
                    pass
    return time.perf_counter() - t0


def pair_completeness(ledger: Ledger, truth_csv: Path) -> dict[str, Any]:
    """Share of true same-person reference pairs that blocking made candidates."""
    mentions = collect_mentions(ledger.current_records())
    label: dict[str, str] = {}
    keys_of_label: dict[str, list[int]] = defaultdict(list)
    index = {m.key: i for i, m in enumerate(mentions.persons)}
    with truth_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["role"] in PERSON_ROLES:
                key = (row["source"], row["record_id"], row["role"])
                if key in index:
                    keys_of_label[row["entity_id"]].append(index[key])
                    label[row["entity_id"]] = row["entity_id"]
    dwellings = resolve_dwellings(mentions.addresses)
    label_of = {dwelling_ref(k): f"d{v}" for k, v in dwellings.clusters.items()}
    features = [features_of(m, lambda r: label_of.get(r, r)) for m in mentions.persons]
    left, right, stats = candidate_pairs(build_table(features))
    n = max(len(features), 1)
    candidates = set((left * n + right).tolist())
    true_pairs = found = 0
    for members in keys_of_label.values():
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                true_pairs += 1
                found += (a * n + b) in candidates
    return {
        "true_pairs": true_pairs,
        "found": found,
        "pair_completeness": found / true_pairs if true_pairs else 1.0,
        "candidate_pairs": stats.candidate_pairs,
        "reduction_ratio": 1 - stats.candidate_pairs / max(n * (n - 1) / 2, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--difficulty", choices=["normal", "hard"], default="normal")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="Keep the working directory.")
    parser.add_argument("--no-completeness", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    result: dict[str, Any] = {"machine": machine(), "residents": args.residents}
    try:
        t0 = time.perf_counter()
        files = generate(
            work / "data", residents=args.residents, seed=args.seed, difficulty=args.difficulty
        )
        result["generate_s"] = round(time.perf_counter() - t0, 2)
        sources = files.sources()
        result["rows"] = files.rows
        baseline = raw_read(sources)
        result["baseline_raw_read_s"] = round(baseline, 2)
        settings = Settings(kg_home=work, neo4j_uri=None)
        load_s: dict[str, float] = {}
        with Ledger(settings.ledger_path) as ledger:
            for source, path in sources.items():
                t = time.perf_counter()
                load_file(ledger, source, path)
                load_s[source] = round(time.perf_counter() - t, 2)
        result["load_s"] = load_s
        t = time.perf_counter()
        summary = run_resolve(settings)
        result["resolve_total_s"] = round(time.perf_counter() - t, 2)
        result["resolve_stages_s"] = summary.seconds
        result["resolver_stages_s"] = summary.stats["seconds"]
        result["person_stages_s"] = summary.stats["persons"]["seconds"]
        result["comparisons"] = summary.stats["persons"]["candidate_pairs"]
        result["entities"] = summary.stats["entities"]
        result["references"] = summary.stats["mentions"]
        t = time.perf_counter()
        links = work / "links.csv"
        result["links"] = export_links(settings, links)
        result["export_s"] = round(time.perf_counter() - t, 2)
        total = sum(load_s.values()) + result["resolve_total_s"] + result["export_s"]
        result["pipeline_s"] = round(total, 2)
        result["pipeline_vs_raw_read"] = round(total / baseline, 1) if baseline else None
        result["peak_rss_mib"] = round(peak_rss_mib(), 1)
        scores = evaluate(links, files.truth)
        result["quality"] = {k: v.to_json() for k, v in scores.items()}
        if not args.no_completeness:
            with Ledger(settings.ledger_path) as ledger:
                result["blocking"] = pair_completeness(ledger, files.truth)
    finally:
        if args.keep:
            print(f"working directory kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench" / "out" / f"pipeline-{args.residents}-{args.difficulty}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
