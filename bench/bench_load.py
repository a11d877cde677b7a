"""Load throughput benchmark: synthetic rows of each layout through ``load_file``.

Why a self-contained generator: the numbers must be reproducible on any checkout,
and the value mix (unique IDs and phones, repeated streets, employers and dates,
a little dirt) decides how much the per-column caches can help — so it is fixed here.

    .venv/bin/python bench/bench_load.py                 # 10k, 100k, 1M police rows + others
    .venv/bin/python bench/bench_load.py --sizes 10000   # quick run

Each size runs in a fresh subprocess so that peak RSS is that load's own. The
baseline is a plain ``csv.reader`` pass over the same file (no normalisation, no
store); results are printed and written to ``bench/out/load.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉力梅琳雪"
ROADS = ["建国路", "朝阳北路", "望京街", "酒仙桥路", "光华里", "团结湖路", "三里屯路", "东四环中路"]
COMMUNITIES = ["阳光小区", "花园社区", "望京西园", "团结湖北里", "红庙北里", "八里庄南里"]
EMPLOYERS = [
    "北京华信科技有限公司",
    "华信科技（北京）有限公司",
    "朝阳区第一医院",
    "无",
    "退休",
    "北京市朝阳区教育委员会",
    "京东方科技集团股份有限公司",
    "个体",
    "学生",
    "中国银行朝阳支行",
]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
POLICE = [
    "记录编号",
    "姓名",
    "曾用名",
    "性别",
    "民族",
    "出生日期",
    "公民身份号码",
    "户号",
    "与户主关系",
    "户籍地址",
    "现住址",
    "服务处所",
    "联系电话",
    "人员类型",
]
REL = ["户主", "配偶", "子", "女", "父亲", "母亲", "之子", "长女", "妻"]


def _id(rng: random.Random, birth: str, sex: int) -> str:
    region = rng.choice(["110105", "110101", "130102", "370203", "510104"])
    seq = f"{rng.randint(0, 99):02d}{sex}"
    first17 = region + birth + seq
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def _person(rng: random.Random, i: int) -> dict[str, str]:
    y, m, d = rng.randint(1940, 2015), rng.randint(1, 12), rng.randint(1, 28)
    sex = rng.choice([1, 2])
    birth = f"{y}{m:02d}{d:02d}"
    date_form = rng.choice([birth, f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}", f"{y}年{m}月{d}日"])
    house = i // 3
    addr = (
        f"北京市朝阳区{COMMUNITIES[house % 6]}{house // 6 % 40 + 1}号楼"
        f"{house // 240 % 6 + 1}单元{house // 1440 % 20 + 1}0{house // 28800 % 4 + 1}室"
    )
    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)])
    return {
        "name": name, "sex": rng.choice(["男", "女", "1", "2"]) if sex else "",
        "birth": date_form, "id": _id(rng, birth, sex * 2 - 1 if sex == 1 else 2),
        "addr": addr, "reg": f"北京市朝阳区{ROADS[house % 8]}{house % 200 + 1}号",
        "employer": rng.choice(EMPLOYERS),
        "phone": f"1{rng.randint(3, 9)}{rng.randint(0, 10**9 - 1):09d}",
    }  # fmt: skip


def police_rows(n: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        p = _person(rng, i)
        rows.append([
            f"GA{i:09d}", p["name"], "", p["sex"], "汉族", p["birth"], p["id"], f"H{i // 3:08d}",
            REL[i % len(REL)], p["reg"], p["addr"], p["employer"], p["phone"],
            rng.choice(["户籍人口", "流动人口"]),
        ])  # fmt: skip
    return rows


def write_police(path: Path, n: int) -> None:
    with open(path, "w", encoding="gb18030", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(POLICE)
        chunk = 50_000
        for start in range(0, n, chunk):
            for row in police_rows(min(chunk, n - start), seed=start):
                row[0] = f"GA{start + int(row[0][2:]):09d}"
                out.writerow(row)


def write_other(kind: str, path: Path, n: int) -> None:
    from loaders.layouts import LAYOUTS

    rng = random.Random(11)
    layout = LAYOUTS[kind]
    rows: list[list[str]] = []
    for i in range(n):
        p = _person(rng, i)
        if kind == "family_planning":
            rows.append([f"FP{i:08d}", f"F{i // 3:07d}", p["name"], p["id"], p["sex"], p["birth"],
                         ["户主", "配偶", "子女"][i % 3], p["addr"], p["reg"], p["employer"],
                         p["phone"]])  # fmt: skip
        elif kind == "housing":
            rows.append([f"FW{i:08d}", p["addr"], "住宅", p["name"], p["id"], "", ""])
        elif kind == "organisations":
            rows.append([f"DJ{i:08d}", "", f"北京{p['name']}{i}科技有限公司", "有限责任公司",
                         p["name"], p["id"], p["reg"], p["birth"]])  # fmt: skip
        else:
            rows.append([f"MZ{i:08d}", p["name"], p["id"], p["sex"], p["birth"][:6], p["addr"],
                         p["phone"], "已婚", "", "", "低保"])  # fmt: skip
    if layout.format == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(list(layout.headers))
        for row in rows:
            ws.append(row)
        wb.save(path)
        return
    with open(path, "w", encoding=layout.encoding or "utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(layout.headers)
        out.writerows(rows)


def measure(source: str, path: Path, home: Path) -> dict[str, float]:
    """Run in a child process: baseline read, then the real load; report times and peak RSS."""
    from loaders.layouts import LAYOUTS

    layout = LAYOUTS[source]
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
    raw = time.perf_counter() - t0
    from kg.store.ledger import Ledger
    from loaders.load import load_file

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Ledger(home / "kg.sqlite") as ledger:
        t0 = time.perf_counter()
        summary = load_file(ledger, source, path)
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = load_file(ledger, source, path)
        again_s = time.perf_counter() - t0
    assert summary.loaded == n - 1, summary
    assert again.already_loaded_as == summary.load_id
    return {
        "rows": n - 1, "bytes": path.stat().st_size, "raw_read_s": raw, "load_s": load,
        "rows_per_s": (n - 1) / load, "ratio": load / raw, "same_file_again_s": again_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_load_mb": rss0 / 1024,
    }  # fmt: skip


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--others", type=int, default=20000, help="rows for each other layout")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        source, path, home = args.child
        print(json.dumps(measure(source, Path(path), Path(home))))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        jobs: list[tuple[str, int]] = [("police", int(s)) for s in args.sizes.split(",")]
        jobs += [(k, args.others) for k in ("civil_affairs", "family_planning", "housing",
                                            "organisations") if args.others]  # fmt: skip
        for source, n in jobs:
            ext = "xlsx" if source == "civil_affairs" else "csv"
            path = Path(tmp) / f"{source}-{n}.{ext}"
            (write_police if source == "police" else lambda p, k, s=source: write_other(s, p, k))(
                path, n
            )
            home = Path(tmp) / f"home-{source}-{n}"
            home.mkdir()
            out = subprocess.run(
                [sys.executable, __file__, "--child", source, str(path), str(home)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            r = {"source": source, **json.loads(out.stdout)}
            results.append(r)
            print(
                f"{source:16} {r['rows']:>9,} rows  {r['rows_per_s']:>9,.0f} rows/s  "
                f"load = {r['ratio']:4.1f} × raw csv read  peak RSS {r['peak_rss_mb']:6.0f} MB  "
                f"(again: {r['same_file_again_s']:.2f}s)",
                flush=True,
            )
            path.unlink()
    machine = {"nproc": os.cpu_count(), "cpu": _cpu(), "python": platform.python_version()}
    print(f"machine: {machine['nproc']} × {machine['cpu']}, Python {machine['python']}")
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "load.json").write_text(
        json.dumps({"machine": machine, "results": results}, indent=2, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
