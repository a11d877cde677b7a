#!/usr/bin/env python3
"""Honesty and completeness check for a generated Guangzhou district.

Why: a benchmark whose truth asks the resolver to split two references that read identically
measures the generator, not the resolver; and a truth file that skips a reference the contract
says must be exported would punish a correct export. For every entity space this normalises
the raw text behind each truth reference (width, traditional → simplified, spaces, middle dots,
ID separators, 广东省/广州市/天河区/街道 prefixes, Chinese numerals, 房/室 endings) and reports keys
that name more than one truth entity; then it checks, row by row, that a truth row exists
exactly where the contract's section 2 says a reference exists.

Tiers: BUG keys must never collide; INFO keys may (namesakes written without an ID, a child's
row carrying a parent's ID, IDs Excel truncated to 15 digits) and are listed to judge volume.

usage: truth_check.py DIR        (DIR holds the five source files and truth.csv)
exit status 1 when any BUG-tier problem is found.
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
from score import ID_COL, read_rows  # noqa: E402  (same reader as the scorer)

try:
    import opencc

    _T2S = opencc.OpenCC("t2s")

    def t2s(s: str) -> str:
        return str(_T2S.convert(s))

except ImportError:  # pragma: no cover - opencc ships with the project

    def t2s(s: str) -> str:
        return s


HEADERS = {
    "police": "记录编号,姓名,曾用名,性别,民族,出生日期,公民身份号码,户号,与户主关系,户籍地址,"
    "现住址,服务处所,联系电话,人员类型",
    "civil_affairs": "编号,姓名,身份证号,性别,出生年月,居住地址,联系电话,婚姻状况,配偶姓名,"
    "配偶身份证号,服务类别",
    "family_planning": "档案号,家庭档案号,姓名,身份证号,性别,出生日期,家庭角色,现居住地址,户籍地址,"
    "工作单位,手机号码",
    "housing": "房屋编号,房屋地址,房屋用途,产权人姓名,产权人证件号码,承租人姓名,承租人证件号码",
    "organisations": "登记编号,统一社会信用代码,单位名称,单位类型,法定代表人,法定代表人证件号码,"
    "注册地址,成立日期",
}
EXTRA_OK = {"备注", "更新时间", "数据来源"}
PLACEHOLDERS = {"无", "退休", "学生", "待业", "无业", "自由职业"}
# (source, role) -> columns whose being non-blank means the reference exists
ROLE_COLS: dict[tuple[str, str], tuple[str, ...]] = {
    ("police", "person"): (),
    ("police", "house"): ("现住址",),
    ("police", "registered_house"): ("户籍地址",),
    ("police", "employer"): ("服务处所",),
    ("civil_affairs", "person"): (),
    ("civil_affairs", "house"): ("居住地址",),
    ("civil_affairs", "spouse"): ("配偶姓名", "配偶身份证号"),
    ("family_planning", "person"): (),
    ("family_planning", "house"): ("现居住地址",),
    ("family_planning", "registered_house"): ("户籍地址",),
    ("family_planning", "employer"): ("工作单位",),
    ("housing", "house"): ("房屋地址",),
    ("housing", "owner"): ("产权人姓名", "产权人证件号码"),
    ("housing", "tenant"): ("承租人姓名", "承租人证件号码"),
    ("organisations", "organisation"): ("单位名称", "统一社会信用代码"),
    ("organisations", "legal_rep"): ("法定代表人", "法定代表人证件号码"),
}
PERSON_COLS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("police", "person"): ("姓名", "公民身份号码", "出生日期"),
    ("civil_affairs", "person"): ("姓名", "身份证号", "出生年月"),
    ("civil_affairs", "spouse"): ("配偶姓名", "配偶身份证号", ""),
    ("family_planning", "person"): ("姓名", "身份证号", "出生日期"),
    ("housing", "owner"): ("产权人姓名", "产权人证件号码", ""),
    ("housing", "tenant"): ("承租人姓名", "承租人证件号码", ""),
    ("organisations", "legal_rep"): ("法定代表人", "法定代表人证件号码", ""),
}
ADDRESS_COLS = {k: v[0] for k, v in ROLE_COLS.items() if k[1] in ("house", "registered_house")}
ORG_COLS = {
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
    s = base(s).split("00:00:00")[0]
    m = re.match(r"^(\d{4})\D?(\d{1,2})(?:\D?(\d{1,2}))?\D?$", s)
    if not m:
        return s
    y, mo, d = m.groups()
    return f"{y}{int(mo):02d}" + (f"{int(d):02d}" if d else "")


def norm_addr(s: str) -> str:
    s = base(s)
    for p in ("广东省", "广东", "广州市", "广州", "天河区"):
        s = s.removeprefix(p)
    return re.sub(r"^[\u4e00-\u9fff]{2,3}街道", "", s)


CN = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_to_digits(s: str) -> str:
    """十二→12, 二十→20, 五→5, 一一三→113 where a unit follows (号, 栋, 梯, 巷, 组 ...)."""

    def one(m: re.Match[str]) -> str:
        t = m.group(0)
        if "十" not in t:
            return "".join(str(CN[c]) for c in t)
        a, _, b = t.partition("十")
        return str((CN[a] if a else 1) * 10 + (CN[b] if b else 0))

    s = re.sub(r"[一二三四五六七八九十零]+(?=号|栋|座|幢|梯|楼|巷|组|村民小组)", one, s)
    return re.sub(r"之([一二三四五六七八九])", lambda m: "之" + str(CN[m.group(1)]), s)


def strong_addr(s: str) -> str:
    """Structure key: leading text, then every number and building letter, in order.

    Two different dwellings sharing it would read alike to a clerk whatever the written form
    (3栋2梯1502 vs 3-2-1502, 十二巷 vs 12巷, 石牌村 vs 石牌, 座 vs 栋, with or without 房/室).
    """
    s = cn_to_digits(norm_addr(s)).replace("村民小组", "组").replace("第", "").replace("村", "")
    m = re.match(r"^[^0-9A-Z]*", s)
    head = m.group(0) if m else ""
    shop = "|shop" if re.search("首层|地铺|铺", s) else ""
    return head + "|" + ",".join(re.findall(r"\d+|[A-Z]", s[len(head) :])) + shop


def strong_org(s: str) -> str:
    """Name key that ignores bracket/city placement and 有限/有限责任/股份 suffix forms."""
    s = base(s).replace("(", "").replace(")", "")
    s = s.replace("有限责任公司", "有限公司").replace("股份公司", "股份有限公司")
    for p in ("广州市天河区", "天河区", "广州市", "广州"):
        s = s.replace(p, "")
    return s


def report(title: str, keys: dict[str, set[str]], bug: bool, limit: int = 6) -> int:
    bad = {k: v for k, v in keys.items() if len(v) > 1}
    tag = "BUG " if bug else "INFO"
    print(f"[{tag}] {title}: {len(bad)} keys name >1 entity (of {len(keys)} keys)")
    for k, v in list(bad.items())[:limit]:
        print(f"         {k!r} -> {sorted(v)}")
    return len(bad) if bug else 0


def check_headers(d: str) -> int:
    """Exact contract headers (any order, extras only from the allowed set)."""
    bad = 0
    specs = [("police", "police.csv", "gb18030"), ("family_planning", "family_planning.csv",
             "utf-8-sig"), ("housing", "housing.csv", "utf-8"),
             ("organisations", "organisations.csv", "utf-8")]  # fmt: skip
    heads: dict[str, list[str]] = {}
    for src, fn, enc in specs:
        with open(os.path.join(d, fn), encoding=enc, newline="") as f:
            heads[src] = next(csv.reader(f))
    with open(os.path.join(d, "family_planning.csv"), "rb") as fb:
        if not fb.read(3) == b"\xef\xbb\xbf":
            print("[BUG ] family_planning.csv has no UTF-8 BOM")
            bad += 1
    import openpyxl

    wb = openpyxl.load_workbook(os.path.join(d, "civil_affairs.xlsx"), read_only=True)
    heads["civil_affairs"] = [str(c) for c in next(wb.worksheets[0].iter_rows(values_only=True))]
    ids: dict[str, list[str]] = {}
    id_cols = {"police": "记录编号", "family_planning": "档案号", "housing": "房屋编号",
               "organisations": "登记编号"}  # fmt: skip
    for src, fn, enc in specs:
        with open(os.path.join(d, fn), encoding=enc, newline="") as f:
            ids[src] = [r[id_cols[src]] for r in csv.DictReader(f)]
    ws = wb.worksheets[0]
    col = heads["civil_affairs"].index("编号")
    ids["civil_affairs"] = [str(r[col]) for r in ws.iter_rows(min_row=2, values_only=True)]
    for src, v in ids.items():
        if len(v) != len(set(v)):
            print(f"[BUG ] {src}: {len(v) - len(set(v))} duplicate record ids")
            bad += 1
    for src, h in heads.items():
        want = HEADERS[src].split(",")
        extra = [c for c in h if c not in want]
        if sorted(set(want) - set(h)) or set(extra) - EXTRA_OK or len(h) != len(set(h)):
            print(f"[BUG ] {src} header {h}")
            bad += 1
        elif extra or h[: len(want)] != want:
            print(f"[INFO] {src}: shuffled/extra columns {h}")
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    a = ap.parse_args()
    bugs = check_headers(a.dir)
    rows = read_rows(a.dir)
    truth: list[tuple[str, str, str, str]] = []
    with open(os.path.join(a.dir, "truth.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            truth.append((r["source"], r["record_id"], r["role"], r["entity_id"]))

    missing = [t for t in truth if (t[0], t[1]) not in rows]
    print(f"truth rows: {len(truth)}; rows not found in the source files: {len(missing)}")
    bugs += len(missing)
    have: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for t in truth:
        have[(t[0], t[1], t[2])].add(t[3])
    n_dup = sum(1 for v in have.values() if len(v) > 1)
    print(f"(source, record, role) with >1 truth entity: {n_dup}")
    bugs += n_dup
    # completeness: a reference exists in the row  <=>  a truth row exists
    absent, spurious = [], []
    for (src, rid), row in rows.items():
        for (s2, role), cols in ROLE_COLS.items():
            if s2 != src:
                continue
            vals = [str(row.get(c, "")).strip() for c in cols]
            present = not cols or any(vals)
            if role == "employer" and vals[0] in PLACEHOLDERS:
                present = False
            if present and (src, rid, role) not in have:
                absent.append((src, rid, role, vals))
            if not present and (src, rid, role) in have:
                spurious.append((src, rid, role, vals))
    print(f"references present in a row but missing from truth: {len(absent)} {absent[:5]}")
    print(f"truth rows whose reference cells are blank/placeholder: {len(spurious)} {spurious[:5]}")
    bugs += len(absent) + len(spurious)
    per_src: dict[str, int] = defaultdict(int)
    for src, _rid in rows:
        per_src[src] += 1
    print("rows per source:", dict(per_src), "id columns:", ID_COL)

    name_id: dict[str, set[str]] = defaultdict(set)
    id_only: dict[str, set[str]] = defaultdict(set)
    name_date_noid: dict[str, set[str]] = defaultdict(set)
    name_only_noid: dict[str, set[str]] = defaultdict(set)
    addr: dict[str, set[str]] = defaultdict(set)
    addr_strong: dict[str, set[str]] = defaultdict(set)
    org: dict[str, set[str]] = defaultdict(set)
    org_strong: dict[str, set[str]] = defaultdict(set)
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
            org[base(row.get(ORG_COLS[(src, role)], ""))].add(ent)
            org_strong[strong_org(row.get(ORG_COLS[(src, role)], ""))].add(ent)
            if src == "organisations" and row.get("统一社会信用代码"):
                code[norm_id(row["统一社会信用代码"])].add(ent)

    print("\n== persons")
    bugs += report("same name + same ID", name_id, True)
    report(
        "same ID, different names (child row with a parent's ID; Excel-truncated)", id_only, False
    )
    bugs += report("same name + same birth date, no ID", name_date_noid, True)
    report("same name, no ID, no date (spouse/owner/tenant/legal_rep refs)", name_only_noid, False)
    print("\n== dwellings")
    bugs += report("same normalised address", addr, True)
    bugs += report(
        "same structure key (name + numbers, numerals/prefixes folded)", addr_strong, True
    )
    print("\n== organisations")
    bugs += report("same normalised name", org, True)
    bugs += report("same name ignoring city/bracket/suffix form", org_strong, True)
    bugs += report("same credit code", code, True)
    print(f"\nBUG-tier problems: {bugs}")
    sys.exit(1 if bugs else 0)


if __name__ == "__main__":
    main()
