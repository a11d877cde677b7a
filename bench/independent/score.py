#!/usr/bin/env python3
"""Pairwise precision/recall/F1 of a links export against truth.csv, per entity space,
plus a diagnostic dump (largest false-merge groups, sample of missed pairs) that
shows the raw source values behind every reference.

usage: score.py --truth DIR/truth.csv --links links.csv --data DIR [--diag FILE] [--json FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
from collections import Counter, defaultdict

SPACE = {
    "person": "persons",
    "spouse": "persons",
    "owner": "persons",
    "tenant": "persons",
    "legal_rep": "persons",
    "house": "dwellings",
    "registered_house": "dwellings",
    "employer": "organisations",
    "organisation": "organisations",
}
ID_COL = {
    "police": "记录编号",
    "civil_affairs": "编号",
    "family_planning": "档案号",
    "housing": "房屋编号",
    "organisations": "登记编号",
}
ROLE_FIELDS = {
    ("police", "person"): [
        "姓名",
        "曾用名",
        "性别",
        "出生日期",
        "公民身份号码",
        "户号",
        "与户主关系",
        "联系电话",
        "现住址",
    ],
    ("police", "house"): ["现住址"],
    ("police", "registered_house"): ["户籍地址"],
    ("police", "employer"): ["服务处所"],
    ("civil_affairs", "person"): [
        "姓名",
        "身份证号",
        "性别",
        "出生年月",
        "联系电话",
        "居住地址",
        "配偶姓名",
    ],
    ("civil_affairs", "house"): ["居住地址"],
    ("civil_affairs", "spouse"): ["配偶姓名", "配偶身份证号", "姓名", "居住地址"],
    ("family_planning", "person"): [
        "姓名",
        "身份证号",
        "性别",
        "出生日期",
        "家庭档案号",
        "家庭角色",
        "手机号码",
        "现居住地址",
    ],
    ("family_planning", "house"): ["现居住地址"],
    ("family_planning", "registered_house"): ["户籍地址"],
    ("family_planning", "employer"): ["工作单位"],
    ("housing", "house"): ["房屋地址"],
    ("housing", "owner"): ["产权人姓名", "产权人证件号码", "房屋地址"],
    ("housing", "tenant"): ["承租人姓名", "承租人证件号码", "房屋地址"],
    ("organisations", "organisation"): ["单位名称", "统一社会信用代码", "单位类型"],
    ("organisations", "legal_rep"): ["法定代表人", "法定代表人证件号码", "单位名称"],
}


def c2(n: int) -> int:
    return n * (n - 1) // 2


def read_rows(data: str) -> dict:
    rows = {}
    specs = [
        ("police", "police.csv", "gb18030"),
        ("family_planning", "family_planning.csv", "utf-8-sig"),
        ("housing", "housing.csv", "utf-8"),
        ("organisations", "organisations.csv", "utf-8"),
    ]
    for src, fn, enc in specs:
        p = os.path.join(data, fn)
        if not os.path.exists(p):
            continue
        with open(p, encoding=enc, newline="") as f:
            for r in csv.DictReader(f):
                rows[(src, r[ID_COL[src]])] = r
    p = os.path.join(data, "civil_affairs.xlsx")
    if os.path.exists(p):
        import openpyxl

        wb = openpyxl.load_workbook(p, read_only=True)
        it = wb.worksheets[0].iter_rows(values_only=True)
        hdr = [str(h) for h in next(it)]
        for vals in it:
            r = {h: ("" if v is None else str(v)) for h, v in zip(hdr, vals, strict=False)}
            rows[("civil_affairs", r["编号"])] = r
    return rows


def load_refs(path: str) -> dict:
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out[(r["source"], r["record_id"], r["role"])] = r["entity_id"]
    return out


def fmt(ref, rows, truth, pred) -> str:
    src, rid, role = ref
    r = rows.get((src, rid), {})
    vals = " | ".join(f"{k}={r.get(k, '')!s}" for k in ROLE_FIELDS.get((src, role), []))
    return (
        f"    {src}:{rid}:{role}  truth={truth.get(ref, '-')} "
        f"kg={pred.get(ref, '(missing)')}  {vals}"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--truth", required=True)
    ap.add_argument("--links", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--diag")
    ap.add_argument("--json")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    truth = load_refs(a.truth)
    pred = load_refs(a.links)
    rows = read_rows(a.data)
    rng = random.Random(a.seed)

    result = {}
    diag = []
    extra = [r for r in pred if r not in truth]
    diag.append(f"references in kg export but not in truth: {len(extra)}; examples: {extra[:10]}")
    for space in ["persons", "dwellings", "organisations"]:
        refs = [r for r in truth if SPACE[r[2]] == space]
        missing = [r for r in refs if r not in pred]
        by_t = defaultdict(list)
        by_p = defaultdict(list)
        cell = Counter()
        for r in refs:
            t = truth[r]
            by_t[t].append(r)
            if r in pred:
                p = pred[r]
                by_p[p].append(r)
                cell[(t, p)] += 1
        tp = sum(c2(n) for n in cell.values())
        tpairs = sum(c2(len(v)) for v in by_t.values())
        ppairs = sum(c2(len(v)) for v in by_p.values())
        prec = tp / ppairs if ppairs else 1.0
        rec = tp / tpairs if tpairs else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        result[space] = dict(
            precision=round(prec, 4),
            recall=round(rec, 4),
            f1=round(f1, 4),
            true_pairs=tpairs,
            pred_pairs=ppairs,
            tp=tp,
            refs=len(refs),
            missing_refs=len(missing),
            truth_entities=len(by_t),
            kg_entities=len(by_p),
        )
        # recall loss by role pair
        miss_by_roles = Counter()
        for _t, rs in by_t.items():
            for i in range(len(rs)):
                for j in range(i + 1, len(rs)):
                    x, y = rs[i], rs[j]
                    if x not in pred or y not in pred or pred[x] != pred[y]:
                        k = tuple(sorted([f"{x[0]}:{x[2]}", f"{y[0]}:{y[2]}"]))
                        miss_by_roles[k] += 1
        fm_by_roles = Counter()
        groups = []
        for p, rs in by_p.items():
            tc = Counter(truth[r] for r in rs)
            if len(tc) < 2:
                continue
            fp = c2(len(rs)) - sum(c2(n) for n in tc.values())
            groups.append((fp, p, rs))
            for i in range(len(rs)):
                for j in range(i + 1, len(rs)):
                    x, y = rs[i], rs[j]
                    if truth[x] != truth[y]:
                        fm_by_roles[tuple(sorted([f"{x[0]}:{x[2]}", f"{y[0]}:{y[2]}"]))] += 1
        groups.sort(key=lambda g: -g[0])
        result[space]["missed_pairs_by_roles"] = {
            " ~ ".join(k): v for k, v in miss_by_roles.most_common(15)
        }
        result[space]["false_pairs_by_roles"] = {
            " ~ ".join(k): v for k, v in fm_by_roles.most_common(15)
        }
        diag.append("")
        diag.append(
            f"================ {space}: P={prec:.4f} R={rec:.4f} F1={f1:.4f}  "
            f"true pairs={tpairs} kg pairs={ppairs} "
            f"tp={tp} refs={len(refs)} missing-from-export={len(missing)}"
        )
        diag.append(f"missed pairs by role pair: {dict(miss_by_roles.most_common(12))}")
        diag.append(f"false pairs by role pair: {dict(fm_by_roles.most_common(12))}")
        if missing:
            diag.append(f"-- references missing from kg export ({len(missing)}), first 15:")
            for r in missing[:15]:
                diag.append(fmt(r, rows, truth, pred))
        diag.append(f"-- {min(a.top, len(groups))} largest false-merge groups (of {len(groups)}):")
        for fp, p, rs in groups[: a.top]:
            diag.append(
                f"  kg entity {p}: {len(rs)} refs, {fp} false pairs, "
                f"truth entities {dict(Counter(truth[r] for r in rs))}"
            )
            for r in sorted(rs, key=lambda r: truth[r])[:12]:
                diag.append(fmt(r, rows, truth, pred))
        # missed pairs sample: one pair per split truth entity
        split = []
        for t, rs in by_t.items():
            ps = defaultdict(list)
            for r in rs:
                ps[pred.get(r, ("missing", r))].append(r)
            if len(ps) > 1:
                ks = list(ps)
                split.append((t, ps[ks[0]][0], ps[ks[1]][0], len(ks)))
        rng.shuffle(split)
        result[space]["split_truth_entities"] = len(split)
        diag.append(
            f"-- {min(a.top, len(split))} missed pairs "
            f"(sampled from {len(split)} split truth entities):"
        )
        for t, x, y, k in split[: a.top]:
            diag.append(f"  truth {t} split into {k} kg entities:")
            diag.append(fmt(x, rows, truth, pred))
            diag.append(fmt(y, rows, truth, pred))
    for space, m in result.items():
        print(
            f"{space:14s} P={m['precision']:.4f} R={m['recall']:.4f} F1={m['f1']:.4f}  "
            f"(true pairs {m['true_pairs']}, "
            f"kg pairs {m['pred_pairs']}, refs {m['refs']}, missing {m['missing_refs']})"
        )
    print(f"extra refs in export (not in truth): {len(extra)}")
    if a.diag:
        with open(a.diag, "w", encoding="utf-8") as f:
            f.write("\n".join(diag) + "\n")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(dict(result, extra_refs=len(extra)), f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
