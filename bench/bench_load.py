"""Load throughput benchmark: the demo district's five registers through ``load_file``.

Why the demo generator (``kg.demo.generate``): how much the per-column caches help
depends on how values repeat, and only a realistic district repeats them realistically
(surnames and given names, employers, birth dates, the same flats written several
ways); unique random values would understate the caches, a tiny vocabulary overstate
them. The generator is seeded, so every checkout measures the same files.

    .venv/bin/python bench/bench_load.py                  # ~100k police rows + the others
    .venv/bin/python bench/bench_load.py --rows 1000000   # 1M police rows (slow to generate)
    .venv/bin/python bench/bench_load.py --rows 100000,1000000

Each file runs in a fresh subprocess so that peak RSS is that load's own. Reported per
file: rows/s (wall clock), CPU seconds (this process plus the normalisation workers),
peak RSS of the loading process and of the largest worker, and the ratio of the load
time to a plain read of the same file (``csv.reader`` for CSV, openpyxl read-only for
the XLSX) measured in the same run. Police is also loaded once in-process
(``KG_LOAD_WORKERS=0``) as the single-core reference. Results are printed and written
to ``bench/out/load.json`` with the machine (nproc, CPU model, load average).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine_info

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAYOUTS = ("police", "civil_affairs", "family_planning", "housing", "organisations")
SEED = 3


#: The demo generator cannot build one district this large (kg/demo/corrupt.py
#: ``_cn_number`` fails on building numbers ≥ 100 at ~1M residents), so bigger police
#: files are stitched from districts of this size with successive seeds.
SHARD = 100_000


def police_shards(data: Path, size: int) -> Path:
    """A police file of ~``size`` rows from ``size / SHARD`` demo districts, ids made unique."""
    from kg.demo.generate import generate
    from loaders.layouts import LAYOUTS as DEFS

    out = data / "police.csv"
    enc = DEFS["police"].encoding or "utf-8"
    with open(out, "w", encoding=enc, newline="") as dst:
        writer = csv.writer(dst)
        seed = SEED
        for k in range(-(-size // SHARD)):
            shard = data / f"shard-{k}"
            while True:  # the same generator bug hits some seeds even at 100k residents
                seed += 1
                try:
                    generate(shard, residents=SHARD, seed=seed)
                    break
                except IndexError:
                    continue
            with open(shard / "police.csv", encoding=enc, newline="") as src:
                reader = csv.reader(src)
                header = next(reader)
                if k == 0:
                    writer.writerow(header)
                for row in reader:
                    row[0] = f"{row[0]}-{k}"
                    writer.writerow(row)
            for f in shard.iterdir():
                f.unlink()
            shard.rmdir()
    return out


def _cpu_s() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def raw_read(source: str, path: Path) -> tuple[int, float]:
    """Data rows and seconds for the baseline: read every row, do nothing with it."""
    from loaders.layouts import LAYOUTS as DEFS

    layout = DEFS[source]
    t0 = time.perf_counter()
    n = 0
    if layout.format == "csv":
        with open(path, encoding=layout.encoding, newline="") as fh:
            for _ in csv.reader(fh):
                n += 1
    else:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        for _ in wb.worksheets[0].iter_rows(values_only=True):
            n += 1
        wb.close()
    return n - 1, time.perf_counter() - t0


def measure(source: str, path: Path, home: Path) -> dict[str, float | int | bool]:
    """Run in a child process: baseline read, then the real load; times, CPU and RSS."""
    rows, raw = raw_read(source, path)
    from kg.store.ledger import Ledger
    from loaders.load import load_file
    from loaders.parallel import default_workers

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Ledger(home / "kg.sqlite") as ledger:
        cpu0 = _cpu_s()
        t0 = time.perf_counter()
        summary = load_file(ledger, source, path)
        load = time.perf_counter() - t0
        cpu = _cpu_s() - cpu0
        t0 = time.perf_counter()
        again = load_file(ledger, source, path)
        again_s = time.perf_counter() - t0
    assert again.already_loaded_as == summary.load_id
    rows = summary.rows_read  # the baseline's count can include blank lines / empty sheet rows
    return {
        "rows": rows, "loaded": summary.loaded, "rejected": summary.rejected,
        "bytes": path.stat().st_size, "workers": default_workers(),
        "raw_read_s": raw, "load_s": load, "cpu_s": cpu,
        "rows_per_s": rows / load, "cpu_us_per_row": cpu / rows * 1e6,
        "ratio": load / raw, "same_file_again_s": again_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "rss_before_load_mb": rss0 / 1024,
    }  # fmt: skip


def _run_child(source: str, path: Path, home: Path, workers: str | None) -> dict[str, object]:
    env = dict(os.environ)
    if workers is not None:
        env["KG_LOAD_WORKERS"] = workers
    out = subprocess.run(
        [sys.executable, __file__, "--child", source, str(path), str(home)],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rows", default="100000", help="police rows (demo residents), comma list")
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--no-inprocess", action="store_true", help="skip the in-process police run")
    ap.add_argument("--data", type=Path, help="reuse/keep generated demo files under this dir")
    ap.add_argument(
        "--merge", action="store_true", help="keep load.json's results for the other sizes"
    )
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        source, path, home = args.child
        print(json.dumps(measure(source, Path(path), Path(home))))
        return
    from kg.demo.generate import generate

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.rows.split(",")):
            data = (args.data or Path(tmp)) / f"demo-{size}"
            layouts = args.layouts.split(",")
            if not (data / "police.csv").is_file():
                t0 = time.perf_counter()
                if size > 2 * SHARD:
                    police_shards(data, size)
                    layouts = ["police"]  # the other registers come with one district
                else:
                    generate(data, residents=size, seed=SEED)
                print(f"generated {size:,} residents in {time.perf_counter() - t0:.0f}s")
            elif size > 2 * SHARD:
                layouts = ["police"]
            jobs: list[tuple[str, str | None]] = [(s, None) for s in layouts]
            if jobs[0][0] == "police" and not args.no_inprocess:
                jobs.insert(1, ("police", "0"))
            for source, workers in jobs:
                path = next(data.glob(f"{source}.*"))
                home = Path(tmp) / f"home-{size}-{source}-{workers}"
                home.mkdir()
                r: dict[str, object] = {
                    "source": source, "residents": size,
                    "mode": "in-process" if workers == "0" else "default",
                    **_run_child(source, path, home, workers),
                }  # fmt: skip
                results.append(r)
                print(
                    f"{source:16} {r['mode']:10} {r['rows']:>9,} rows "
                    f"{r['rows_per_s']:>8,.0f} rows/s  cpu {r['cpu_us_per_row']:5.0f} µs/row  "
                    f"load = {r['ratio']:5.1f} × raw read  peak RSS {r['peak_rss_mb']:5.0f} MB"
                    f" (worker {r['worker_peak_rss_mb']:4.0f} MB)",
                    flush=True,
                )
    machine = machine_info()
    print(
        f"machine: {machine['nproc']} × {machine['cpu']}, Python {machine['python']}, "
        f"load average {machine['load_average']}"
    )
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.merge and (out_dir / "load.json").is_file():
        sizes = {r["residents"] for r in results}
        kept = json.loads((out_dir / "load.json").read_text()).get("results", [])
        results = [r for r in kept if r.get("residents") not in sizes] + results
    (out_dir / "load.json").write_text(
        json.dumps({"machine": machine, "results": results}, indent=2, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
