"""Dwelling and organisation resolution benchmark on synthetic, variant-rich mentions.

Why synthetic: the figures must be reproducible on any checkout, and what makes
resolution costly — how many distinct spellings each flat or company has, how
many need fuzzy work — is fixed here by the generator, with a ground truth so
the run also reports B-cubed precision/recall.

    .venv/bin/python bench/bench_resolve_places.py                  # 100k and 1M mentions
    .venv/bin/python bench/bench_resolve_places.py --sizes 3000000 \
        --tasks dwellings_baseline dwellings --out /tmp/places_3m.json  # the district's scale

Wall and CPU seconds are both reported (with the load average): on a shared
machine the CPU time is the steadier figure. Each (size, task) runs in a fresh
subprocess so peak RSS is that task's own
(the peak is reset after the mentions are built, via /proc/self/clear_refs).
The baseline is a plain exact-key groupby of the same mentions (``NormAddress.key``;
credit code, else full name), producing the same mention → label mapping.
Results are printed and written to ``bench/out/places.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from machine import machine_info as machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.normalise.addresses import normalise_address  # noqa: E402
from loaders.normalise.orgs import (  # noqa: E402
    credit_code_check_char,
    normalise_credit_code,
    normalise_org_name,
)
from resolvers.dwellings import resolve_dwellings  # noqa: E402
from resolvers.mentions import AddressMention, MentionKey, OrgMention  # noqa: E402
from resolvers.orgs import resolve_orgs  # noqa: E402

STEM_CHARS = (
    "阳光和平幸福光明红星金色华远望京安贞团结朝晖长青锦绣翠微明珠丽都嘉禾富力恒远洋春秀松柏枫林"
)
TYPO_CHARS = "扬广禾苹辛福名虹兴今全花园往经按真困洁潮辉常青绵秀脆薇鸣株莉郁佳和副利衡样"
SUFFIXES = ["小区", "小区", "社区", "花园", "家园", "里"]
ROADS = ["建国", "朝阳北", "望京", "酒仙桥", "光华", "团结湖", "东三环中", "安立", "劲松", "双井"]
ROAD_SUFFIX = ["路", "街", "大街"]
PREFIXES = ["", "", "北京市朝阳区", "朝阳区", "北京朝阳"]
CN = "零一二三四五六七八九"
INDUSTRY = ["科技", "商贸", "餐饮", "物业", "咨询", "文化", "建设", "医药", "物流", "教育"]
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
TASKS = ("dwellings_baseline", "dwellings", "orgs_baseline", "orgs")


def _cn_digits(n: int) -> str:
    return "".join(CN[int(d)] for d in str(n))


def _locator(rng: random.Random, b: int, u: int, r: int) -> str:
    form = rng.randrange(6)
    if rng.random() < 0.02:
        return f"{b}号楼{r}"  # unit left out
    if form == 0:
        return f"{b}号楼{u}单元{r}室"
    if form == 1:
        return f"{b}-{u}-{r}"
    if form == 2:
        return f"{b}栋{u}单元{r}"
    if form == 3:
        return f"{_cn_digits(b)}号楼{_cn_digits(u)}单元{_cn_digits(r)}"
    if form == 4:
        return f"{b}号楼{u}单元{r}".translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    return f"{b}号楼{u}单元{r}号"


def address_mentions(n: int, seed: int = 11) -> tuple[list[AddressMention], list[Hashable]]:
    """``n`` mentions of ~n/8 dwellings, two register spellings per dwelling."""
    rng = random.Random(seed)
    n_dwellings = max(n // 8, 1)
    n_comm = max(n_dwellings // 300, 3)
    stems: list[str] = []
    seen: set[str] = set()
    while len(stems) < n_comm:
        stem = "".join(rng.choice(STEM_CHARS) for _ in range(rng.choice((2, 2, 3))))
        if stem not in seen:
            seen.add(stem)
            stems.append(stem)
    # Each compound has its own gate number (road + number), as in a real district.
    comms = [
        (s, rng.choice(SUFFIXES), ROADS[c % len(ROADS)], c // len(ROADS) + 1)
        for c, s in enumerate(stems)
    ]
    cache: dict[str, Any] = {}
    variants: list[list[tuple[str, Hashable]]] = []
    for d in range(n_dwellings):
        c = d % n_comm
        stem, suffix, road, road_no = comms[c]
        b, u, r = (
            rng.randint(1, 20),
            rng.randint(1, 4),
            rng.randint(1, 18) * 100 + rng.randint(1, 4),
        )
        truth: Hashable = (c, b, u, r)
        spellings = []
        for _ in range(2):
            prefix = rng.choice(PREFIXES)
            district_truth = truth
            if rng.random() < 0.01:
                prefix, district_truth = "海淀区", ("海淀", truth)
            name = stem
            if rng.random() < 0.003:
                i = rng.randrange(len(stem))
                name = stem[:i] + rng.choice(TYPO_CHARS) + stem[i + 1 :]
            written = name + (
                rng.choice(["小区", "社区", ""]) if suffix in ("小区", "社区") else suffix
            )
            road_text = f"{road}{rng.choice(ROAD_SUFFIX)}{road_no}号"
            place = rng.random()
            if place < 0.7:
                where = written
            elif place < 0.85:
                where = road_text + written
            else:
                where = road_text
            spellings.append((prefix + where + _locator(rng, b, u, r), district_truth))
        variants.append(spellings)
    mentions: list[AddressMention] = []
    truths: list[Hashable] = []
    for i in range(n):
        raw, truth = rng.choice(variants[rng.randrange(n_dwellings)])
        a = cache.get(raw)
        if a is None:
            a = cache[raw] = normalise_address(raw)
        assert a is not None
        mentions.append(AddressMention(("police", f"A{i:08d}", "house"), a))
        truths.append(truth)
    return mentions, truths


def _code(rng: random.Random) -> str:
    body = "9111010" + "".join(rng.choice(CODE_CHARS) for _ in range(10))
    return body + credit_code_check_char(body)


def org_mentions(n: int, seed: int = 13) -> tuple[list[OrgMention], list[Hashable]]:
    """``n`` mentions of ~n/20 organisations: 10% register rows (code), 90% employer fields."""
    rng = random.Random(seed)
    n_orgs = max(n // 20, 2)
    orgs: list[tuple[str, str, str, str | None]] = []
    seen: set[tuple[str, str]] = set()
    while len(orgs) < n_orgs:
        # Trade names of 2-3 characters: some are shared across regions (华信科技 in 北京 and
        # 上海), which is what makes region-less short names ambiguous.
        trade = "".join(rng.choice(STEM_CHARS) for _ in range(rng.choice((2, 3, 3))))
        core = trade + rng.choice(INDUSTRY)
        region = "北京" if rng.random() < 0.8 else rng.choice(["上海", "天津", "河北"])
        if (core, region) in seen:
            continue
        seen.add((core, region))
        branch = f"{rng.choice(['朝阳', '海淀', '望京'])}分公司" if rng.random() < 0.05 else None
        orgs.append((core, region, _code(rng), branch))
    names: dict[str, Any] = {}
    codes: dict[str, Any] = {}
    mentions: list[OrgMention] = []
    truths: list[Hashable] = []
    for i in range(n):
        o = rng.randrange(n_orgs)
        core, region, code, branch = orgs[o]
        tail = branch or ""
        if rng.random() < 0.1:
            raw = f"{region}{core}有限责任公司{tail}"
            written = code
            if rng.random() < 0.01:
                k = rng.randrange(17)
                written = code[:k] + rng.choice(CODE_CHARS.replace(code[k], "")) + code[k + 1 :]
            c = codes.get(written) or codes.setdefault(written, normalise_credit_code(written))
            role = "organisation"
        else:
            raw = rng.choice(
                [f"{region}{core}有限公司{tail}", f"{core}({region})有限公司{tail}",
                 f"{core}{tail}", f"{core}有限公司{tail}"]
            )  # fmt: skip
            c, role = None, "employer"
        name = names.get(raw) or names.setdefault(raw, normalise_org_name(raw))
        mentions.append(OrgMention(("organisations", f"O{i:08d}", role), name, c))
        truths.append(o)
    return mentions, truths


def _baseline(
    keys: Sequence[Hashable], mention_keys: Sequence[MentionKey]
) -> dict[MentionKey, int]:
    first: dict[Hashable, int] = {}
    return {
        mk: first.setdefault(k, i) for i, (k, mk) in enumerate(zip(keys, mention_keys, strict=True))
    }


def b_cubed(labels: Sequence[int], truths: Sequence[Hashable]) -> tuple[float, float]:
    """B-cubed precision and recall of ``labels`` against ``truths`` (linear time)."""
    joint = Counter(zip(labels, truths, strict=True))
    size_l, size_t = Counter(labels), Counter(truths)
    n = len(labels)
    precision = sum(c * c / size_l[lb] for (lb, _), c in joint.items()) / n
    recall = sum(c * c / size_t[t] for (_, t), c in joint.items()) / n
    return round(precision, 4), round(recall, 4)


def _rss_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(task: str, size: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    if task.startswith("dwellings"):
        mentions_a, truths = address_mentions(size)
        keys: list[Hashable] = [m.address.key or ("", i) for i, m in enumerate(mentions_a)]
        mkeys = [m.key for m in mentions_a]
    else:
        mentions_o, truths = org_mentions(size)
        keys = [
            (m.code.value if m.code is not None else "") or (m.name.full if m.name else "")
            for m in mentions_o
        ]
        mkeys = [m.key for m in mentions_o]
    generate_s = time.perf_counter() - t0
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset the peak RSS (VmHWM) to the current RSS
        reset = True
    except OSError:
        reset = False
    before = _rss_mb("VmRSS")
    t1, c1 = time.perf_counter(), time.process_time()
    extra: dict[str, Any] = {}
    if task == "dwellings":
        result = resolve_dwellings(mentions_a)
        clusters, extra = result.clusters, {"pairs": len(result.pairs), "stats": result.stats}
    elif task == "orgs":
        result = resolve_orgs(mentions_o)
        clusters, extra = result.clusters, {"pairs": len(result.pairs), "stats": result.stats}
    else:
        clusters = _baseline(keys, mkeys)
    seconds = time.perf_counter() - t1
    cpu_seconds = time.process_time() - c1
    peak = _rss_mb("VmHWM")
    labels = [clusters[k] for k in mkeys]
    precision, recall = b_cubed(labels, truths)
    return {
        "task": task,
        "mentions": size,
        "generate_s": round(generate_s, 2),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "mentions_per_s": round(size / seconds),
        "mentions_per_cpu_s": round(size / max(cpu_seconds, 1e-9)),
        "load_average": os.getloadavg(),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
        "peak_extra_mb": round(peak - before, 1),
        "peak_reset": reset,
        "entities": len(set(labels)),
        "true_entities": len(set(truths)),
        "b_cubed_precision": precision,
        "b_cubed_recall": recall,
        **extra,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--tasks", nargs="+", default=list(TASKS), choices=TASKS)
    parser.add_argument("--child", nargs=2, metavar=("TASK", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "places.json")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1])), ensure_ascii=False))
        return
    results = []
    for size in args.sizes:
        for task in args.tasks:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", task, str(size)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            results.append(row)
            print(
                f"{task:>18} {size:>9,} mentions: {row['seconds']:8.2f} s "
                f"(cpu {row['cpu_seconds']:.2f} s, load {row['load_average'][0]:.1f}) "
                f"{row['mentions_per_s']:>10,}/s  peak +{row['peak_extra_mb']:7.1f} MB  "
                f"entities {row['entities']:,}/{row['true_entities']:,}  "
                f"B3 P={row['b_cubed_precision']} R={row['b_cubed_recall']}"
            )
    by = {(r["task"], r["mentions"]): r for r in results}
    ratios = {
        f"{space}_{size}": {
            "cpu_vs_baseline": round(
                by[(space, size)]["cpu_seconds"]
                / max(by[(f"{space}_baseline", size)]["cpu_seconds"], 1e-9),
                1,
            ),
            "time_vs_baseline": round(
                by[(space, size)]["seconds"]
                / max(by[(f"{space}_baseline", size)]["seconds"], 1e-9),
                1,
            ),
            "peak_extra_mb_vs_baseline": round(
                by[(space, size)]["peak_extra_mb"]
                - by[(f"{space}_baseline", size)]["peak_extra_mb"],
                1,
            ),
        }
        for space in ("dwellings", "orgs")
        for size in args.sizes
        if (space, size) in by and (f"{space}_baseline", size) in by
    }
    out = {"machine": machine(), "results": results, "vs_baseline": ratios}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(ratios, indent=2))
    print(f"machine: {out['machine']}  → {args.out}")


if __name__ == "__main__":
    main()
