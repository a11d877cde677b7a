#!/usr/bin/env python3
"""Honesty check of a generated district: does the same raw reference text (after trivial
whitespace / full-width normalisation) map to more than one truth entity in one space?

usage: truth_check.py DIR     (DIR holds the five source files and truth.csv; always exits 0)

Keys per space:
  persons        name + ID as written, ID present (must be unambiguous)
                 ID alone (non-blank)            (intended: relative's ID on a row,
                                                  Excel-truncated IDs)
                 name alone with blank ID        (intended: namesakes)
  dwellings      address text                    (must be unambiguous, except the context
                                                  references 同户籍地址/同户籍, intended)
  organisations  name text                       (must be unambiguous)
"""

from __future__ import annotations

import csv
import os
import sys
import unicodedata
from collections import defaultdict

COLS = {  # (source, role) -> (name column, id column)
    ("police", "person"): ("姓名", "公民身份号码"),
    ("civil_affairs", "person"): ("姓名", "身份证号"),
    ("civil_affairs", "spouse"): ("配偶姓名", "配偶身份证号"),
    ("family_planning", "person"): ("姓名", "身份证号"),
    ("housing", "owner"): ("产权人姓名", "产权人证件号码"),
    ("housing", "tenant"): ("承租人姓名", "承租人证件号码"),
    ("organisations", "legal_rep"): ("法定代表人", "法定代表人证件号码"),
    ("police", "house"): ("现住址", None),
    ("police", "registered_house"): ("户籍地址", None),
    ("civil_affairs", "house"): ("居住地址", None),
    ("family_planning", "house"): ("现居住地址", None),
    ("family_planning", "registered_house"): ("户籍地址", None),
    ("housing", "house"): ("房屋地址", None),
    ("police", "employer"): ("服务处所", None),
    ("family_planning", "employer"): ("工作单位", None),
    ("organisations", "organisation"): ("单位名称", None),
}
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
IDCOL = {
    "police": "记录编号",
    "civil_affairs": "编号",
    "family_planning": "档案号",
    "housing": "房屋编号",
    "organisations": "登记编号",
}
CONTEXT_ADDR = {"同户籍地址", "同户籍地", "同户籍"}


def norm(s) -> str:
    s = "" if s is None else str(s)
    return "".join(unicodedata.normalize("NFKC", s).split()).lstrip("'").upper()


def rows(d):
    out = {}
    for src, fn, enc in [
        ("police", "police.csv", "gb18030"),
        ("family_planning", "family_planning.csv", "utf-8-sig"),
        ("housing", "housing.csv", "utf-8"),
        ("organisations", "organisations.csv", "utf-8"),
    ]:
        with open(os.path.join(d, fn), encoding=enc, newline="") as f:
            for r in csv.DictReader(f):
                out[(src, r[IDCOL[src]])] = r
    import openpyxl

    wb = openpyxl.load_workbook(os.path.join(d, "civil_affairs.xlsx"), read_only=True)
    it = wb.worksheets[0].iter_rows(values_only=True)
    hdr = [str(h) for h in next(it)]
    for v in it:
        r = {h: ("" if x is None else str(x)) for h, x in zip(hdr, v, strict=False)}
        out[("civil_affairs", r["编号"])] = r
    return out


def main():
    d = sys.argv[1]
    R = rows(d)
    keys = defaultdict(lambda: defaultdict(set))  # kind -> key -> entities
    n = 0
    with open(os.path.join(d, "truth.csv"), encoding="utf-8", newline="") as f:
        for t in csv.DictReader(f):
            n += 1
            r = R.get((t["source"], t["record_id"]))
            if r is None:
                keys["MISSING-ROW"][(t["source"], t["record_id"])].add(t["entity_id"])
                continue
            ncol, icol = COLS[(t["source"], t["role"])]
            sp = SPACE[t["role"]]
            name = norm(r.get(ncol, ""))
            if sp == "persons":
                idv = norm(r.get(icol, ""))
                if idv:
                    keys["persons name+id"][(name, idv)].add(t["entity_id"])
                    keys["persons id-only (intended: relative's ID, Excel-truncated)"][idv].add(
                        t["entity_id"]
                    )
                else:
                    keys["persons name-only, blank ID (intended: namesakes)"][name].add(
                        t["entity_id"]
                    )
            elif sp == "dwellings":
                if name in CONTEXT_ADDR:
                    keys["dwellings context refs 同户籍地址/同户籍 (intended)"][name].add(
                        t["entity_id"]
                    )
                else:
                    keys["dwellings address"][name].add(t["entity_id"])
            else:
                keys["organisations name"][name].add(t["entity_id"])
    bad = 0
    for kind in sorted(keys):
        amb = {k: v for k, v in keys[kind].items() if len(v) > 1}
        intended = "intended" in kind
        print(
            f"{kind}: {len(keys[kind])} distinct texts, {len(amb)} map to >1 entity"
            + ("" if intended else " (UNINTENDED)" if amb else "")
        )
        for k, v in sorted(amb.items(), key=lambda kv: -len(kv[1]))[:8]:
            print(f"    {k!r} -> {len(v)} entities {sorted(v)[:6]}")
        if not intended:
            bad += len(amb)
    print(f"truth_check: {n} refs; unintended ambiguous texts: {bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
