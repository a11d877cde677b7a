#!/usr/bin/env python3
"""Honesty check for a generated district: does any raw reference text name two truth entities?

Why: a benchmark whose truth asks the resolver to split two references that read identically is
measuring the generator, not the resolver. For each entity space this normalises the raw text
behind every truth reference (width, traditional→simplified, spaces, dot variants, ID
separators, date forms) and reports keys that map to more than one truth entity.

Tiers: BUG keys must never collide (same name+ID, same ID, same normalised address, same
organisation name or credit code); INFO keys may legitimately collide (namesakes written without
an ID), and are listed so their volume can be judged.

usage: truth_check.py DIR            (DIR holds the five source files and truth.csv)
exit status 1 when any BUG-tier collision is found.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "independent"))
from score import read_rows  # noqa: E402  (reuse the scorer's reader: same view of the files)

try:
    import opencc

    _T2S = opencc.OpenCC("t2s")

    def t2s(s: str) -> str:
        return str(_T2S.convert(s))

except ImportError:  # pragma: no cover - opencc ships with the project

    def t2s(s: str) -> str:
        return s


# (source, role) → (name column, id column, date column) for person references
PERSON_COLS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("police", "person"): ("姓名", "公民身份号码", "出生日期"),
    ("civil_affairs", "person"): ("姓名", "身份证号", "出生年月"),
    ("civil_affairs", "spouse"): ("配偶姓名", "配偶身份证号", ""),
    ("family_planning", "person"): ("姓名", "身份证号", "出生日期"),
    ("housing", "owner"): ("产权人姓名", "产权人证件号码", ""),
    ("housing", "tenant"): ("承租人姓名", "承租人证件号码", ""),
    ("organisations", "legal_rep"): ("法定代表人", "法定代表人证件号码", ""),
}
ADDRESS_COLS: dict[tuple[str, str], str] = {
    ("police", "house"): "现住址",
    ("police", "registered_house"): "户籍地址",
    ("civil_affairs", "house"): "居住地址",
    ("family_planning", "house"): "现居住地址",
    ("family_planning", "registered_house"): "户籍地址",
    ("housing", "house"): "房屋地址",
}
ORG_COLS: dict[tuple[str, str], str] = {
    ("police", "employer"): "服务处所",
    ("family_planning", "employer"): "工作单位",
    ("organisations", "organisation"): "单位名称",
}


def base(s: str) -> str:
    s = t2s(unicodedata.normalize("NFKC", s or ""))
    return "".join(c for c in s if not c.isspace())


def norm_name(s: str) -> str:
    return re.sub(r"[·・•．.]", "", base(s))


def norm_id(s: str) -> str:
    return base(s).replace("-", "").upper()


def norm_date(s: str) -> str:
    s = base(s)
    m = re.match(r"^(\d{4})\D?(\d{1,2})(?:\D?(\d{1,2}))?\D?$", s)
    if not m:
        return s
    y, mo, d = m.groups()
    return f"{y}{int(mo):02d}" + (f"{int(d):02d}" if d else "")


def norm_addr(s: str) -> str:
    s = base(s)
    for p in ("上海市", "上海", "浦东新区"):
        s = s.removeprefix(p)
    return s


CN = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_to_digits(s: str) -> str:
    """十二→12, 二十→20, 五→5 (numbers below 100, as clerks write them)."""

    def one(m: re.Match[str]) -> str:
        t = m.group(0)
        if "十" not in t:
            return "".join(str(CN[c]) for c in t)
        a, _, b = t.partition("十")
        return str((CN[a] if a else 1) * 10 + (CN[b] if b else 0))

    return re.sub(r"[一二三四五六七八九十零]+(?=号|幢|栋|座|单元|组|队|弄|支|楼)", one, s)


def strong_addr(s: str) -> str:
    """Structure key: the leading name (road/estate/village) plus every number, in order.

    Two different dwellings sharing this key would read alike to a clerk even across the
    written forms (5号楼3单元502室 vs 5-3-502, Chinese numerals, with or without town).
    """
    s = norm_addr(s)
    s = re.sub(r"^[\u4e00-\u9fff]{1,4}(街道|新镇|镇)", "", s)
    s = cn_to_digits(s)
    m = re.match(r"^(\D*)", s)
    head = m.group(1) if m else ""
    return head + "|" + ",".join(str(int(x)) for x in re.findall(r"\d+", s))


def norm_org(s: str) -> str:
    return base(s)


def strong_org(s: str) -> str:
    """Name key that ignores bracket/city placement and 有限/有限责任/股份 suffix forms."""
    s = base(s).replace("(", "").replace(")", "")
    s = s.replace("有限责任公司", "有限公司").replace("股份公司", "股份有限公司")
    return s.replace("上海市", "").replace("上海", "")


def report(title: str, keys: dict[str, set[str]], bug: bool, limit: int = 8) -> int:
    bad = {k: v for k, v in keys.items() if len(v) > 1}
    tag = "BUG " if bug else "INFO"
    print(f"[{tag}] {title}: {len(bad)} keys name >1 entity (of {len(keys)} keys)")
    for k, v in list(bad.items())[:limit]:
        print(f"         {k!r} -> {sorted(v)}")
    return len(bad) if bug else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    a = ap.parse_args()
    rows = read_rows(a.dir)
    truth: list[tuple[str, str, str, str]] = []
    with open(os.path.join(a.dir, "truth.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            truth.append((r["source"], r["record_id"], r["role"], r["entity_id"]))

    bugs = 0
    missing = [t for t in truth if (t[0], t[1]) not in rows]
    print(f"truth rows: {len(truth)}; rows not found in the source files: {len(missing)}")
    bugs += len(missing)
    dup = defaultdict(set)
    for t in truth:
        dup[(t[0], t[1], t[2])].add(t[3])
    n_dup = sum(1 for v in dup.values() if len(v) > 1)
    print(f"(source, record, role) with >1 truth entity: {n_dup}")
    bugs += n_dup

    name_id: dict[str, set[str]] = defaultdict(set)
    id_only: dict[str, set[str]] = defaultdict(set)
    name_date_noid: dict[str, set[str]] = defaultdict(set)
    name_only_noid: dict[str, set[str]] = defaultdict(set)
    addr: dict[str, set[str]] = defaultdict(set)
    addr_strong: dict[str, set[str]] = defaultdict(set)
    org_strong: dict[str, set[str]] = defaultdict(set)
    org: dict[str, set[str]] = defaultdict(set)
    code: dict[str, set[str]] = defaultdict(set)
    for src, rid, role, ent in truth:
        row = rows.get((src, rid), {})
        if (src, role) in PERSON_COLS:
            nc, ic, dc = PERSON_COLS[(src, role)]
            n, i = norm_name(row.get(nc, "")), norm_id(row.get(ic, ""))
            d = norm_date(row.get(dc, "")) if dc else ""
            if i:
                name_id[f"{n}|{i}"].add(ent)
                id_only[i].add(ent)
            elif d:
                name_date_noid[f"{n}|{d}"].add(ent)
            else:
                name_only_noid[n].add(ent)
        elif (src, role) in ADDRESS_COLS:
            text = row.get(ADDRESS_COLS[(src, role)], "")
            addr[norm_addr(text)].add(ent)
            addr_strong[strong_addr(text)].add(ent)
        elif (src, role) in ORG_COLS:
            org[norm_org(row.get(ORG_COLS[(src, role)], ""))].add(ent)
            org_strong[strong_org(row.get(ORG_COLS[(src, role)], ""))].add(ent)
            if src == "organisations" and row.get("统一社会信用代码"):
                code[norm_id(row["统一社会信用代码"])].add(ent)

    print("\n== persons")
    bugs += report("same name + same ID", name_id, True)
    bugs += report("same ID (any name)", id_only, True)
    report("same name + same birth date, no ID", name_date_noid, False)
    report("same name, no ID, no date (spouse/owner/tenant/legal_rep refs)", name_only_noid, False)
    print("\n== dwellings")
    bugs += report("same normalised address", addr, True)
    bugs += report("same structure key (name + numbers, numerals/town folded)", addr_strong, True)
    print("\n== organisations")
    bugs += report("same normalised name", org, True)
    bugs += report("same name ignoring city/bracket/suffix form", org_strong, True)
    bugs += report("same credit code", code, True)
    print(f"\nBUG-tier collisions: {bugs}")
    sys.exit(1 if bugs else 0)


if __name__ == "__main__":
    main()
