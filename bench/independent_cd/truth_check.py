#!/usr/bin/env python3
"""Honesty check of a generated district: does any reference text (after trivial whitespace /
full-width / case normalisation) map to more than one truth entity in the same space?

  dwellings      the address text of house / registered_house (all sources together)
  organisations  the name text of employer / organisation (all sources together)
  persons        the row's identifying fields for that role (name, ID, dates, address, ...)
Also: a valid 18-character ID naming two persons, truth rows without a reference cell,
reference cells without a truth row (non-organisation 服务处所 words such as 无业 are expected).
Always exits 0; the last line is a one-line summary.

usage: truth_check.py DIR
"""

from __future__ import annotations

import csv
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

ID_COL = {
    "police": "记录编号",
    "civil_affairs": "编号",
    "family_planning": "档案号",
    "housing": "房屋编号",
    "organisations": "登记编号",
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
# the column(s) a reference comes from, and the context used for the person key
REF_COLS = {
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
    ("organisations", "organisation"): ["单位名称", "统一社会信用代码"],
    ("organisations", "legal_rep"): ["法定代表人", "法定代表人证件号码", "单位名称"],
}
# the cells whose non-blankness makes the reference exist
PRESENCE = {
    ("police", "house"): ["现住址"],
    ("police", "registered_house"): ["户籍地址"],
    ("police", "employer"): ["服务处所"],
    ("civil_affairs", "house"): ["居住地址"],
    ("civil_affairs", "spouse"): ["配偶姓名", "配偶身份证号"],
    ("family_planning", "house"): ["现居住地址"],
    ("family_planning", "registered_house"): ["户籍地址"],
    ("family_planning", "employer"): ["工作单位"],
    ("housing", "house"): ["房屋地址"],
    ("housing", "owner"): ["产权人姓名", "产权人证件号码"],
    ("housing", "tenant"): ["承租人姓名", "承租人证件号码"],
    ("organisations", "organisation"): ["单位名称"],
    ("organisations", "legal_rep"): ["法定代表人", "法定代表人证件号码"],
}
NAME_COL = {
    ("police", "person"): "姓名",
    ("civil_affairs", "person"): "姓名",
    ("family_planning", "person"): "姓名",
    ("civil_affairs", "spouse"): "配偶姓名",
    ("housing", "owner"): "产权人姓名",
    ("housing", "tenant"): "承租人姓名",
    ("organisations", "legal_rep"): "法定代表人",
}
ID_OF = {
    ("police", "person"): "公民身份号码",
    ("civil_affairs", "person"): "身份证号",
    ("family_planning", "person"): "身份证号",
    ("civil_affairs", "spouse"): "配偶身份证号",
    ("housing", "owner"): "产权人证件号码",
    ("housing", "tenant"): "承租人证件号码",
    ("organisations", "legal_rep"): "法定代表人证件号码",
}
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def norm(s) -> str:
    return "".join(unicodedata.normalize("NFKC", "" if s is None else str(s)).split()).lower()


CN = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_to_digits(s: str) -> str:
    """二十三 -> 23 (1..99), so that Chinese numerals compare equal to digits."""

    def one(m):
        t = m.group(0)
        if "十" not in t:
            return "".join(str(CN[c]) for c in t)
        a, _, b = t.partition("十")
        return str((CN[a] if a else 1) * 10 + (CN[b] if b else 0))

    return re.sub(r"[一二三四五六七八九十零]+", one, s)


def org_equiv(s: str) -> str:
    """Contract-equivalent organisation name: city in brackets or in front, 有限责任公司."""
    t = norm(s).replace("（", "(").replace("）", ")")
    m = re.search(r"\((成都|四川|北京|重庆)\)", t)
    if m:
        t = m.group(1) + t.replace(m.group(0), "")
    return t.replace("有限责任公司", "有限公司").replace("成都市", "成都")


def dw_equiv(s: str) -> str:
    """A loose dwelling key: no 省/市/区 prefix, digits for numerals, 幢/座/号楼 -> 栋 ..."""
    t = cn_to_digits(norm(s))
    t = re.sub(r"^(四川省?)?(成都市?)?(武侯区)?", "", t)
    t = t.replace("号楼", "栋").replace("幢", "栋").replace("座", "栋").replace("层", "楼")
    return t.replace("室", "号").rstrip("号")


def valid18(s: str) -> bool:
    s = s.upper()
    if len(s) != 18 or not s[:17].isdigit():
        return False
    return "10X98765432"[sum(int(c) * w for c, w in zip(s[:17], ID_W, strict=False)) % 11] == s[17]


def read_rows(d):
    rows = {}
    for src, fn, enc in [
        ("police", "police.csv", "gb18030"),
        ("family_planning", "family_planning.csv", "utf-8-sig"),
        ("housing", "housing.csv", "utf-8"),
        ("organisations", "organisations.csv", "utf-8"),
    ]:
        with open(os.path.join(d, fn), encoding=enc, newline="") as f:
            for r in csv.DictReader(f):
                rows[(src, r[ID_COL[src]])] = r
    import openpyxl

    wb = openpyxl.load_workbook(os.path.join(d, "civil_affairs.xlsx"), read_only=True)
    it = wb.worksheets[0].iter_rows(values_only=True)
    hdr = [str(h) for h in next(it)]
    for vals in it:
        r = {h: ("" if v is None else str(v)) for h, v in zip(hdr, vals, strict=False)}
        rows[("civil_affairs", r["编号"])] = r
    return rows


def main():
    d = sys.argv[1]
    rows = read_rows(d)
    truth = {}
    with open(os.path.join(d, "truth.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            truth[(r["source"], r["record_id"], r["role"])] = r["entity_id"]
    problems = Counter()
    out = []
    # 1. id spaces
    prefix = defaultdict(set)
    for (_s, _rid, role), e in truth.items():
        prefix[SPACE[role]].add(e[:1])
    out.append(f"entity id prefixes per space: {dict((k, sorted(v)) for k, v in prefix.items())}")
    if any(len(v) != 1 for v in prefix.values()) or len(set().union(*prefix.values())) != 3:
        problems["id_space_overlap"] += 1
    # 2. truth rows point at existing, non-blank cells; non-blank cells have truth rows
    missing_row = Counter()
    for s, rid, role in truth:
        r = rows.get((s, rid))
        if r is None:
            missing_row["no such record"] += 1
            continue
        cols = PRESENCE.get((s, role))
        if cols and not any(norm(r.get(c, "")) for c in cols):
            missing_row[f"{s}:{role} blank cell"] += 1
    unlinked = Counter()
    unlinked_vals = Counter()
    for (s, rid), r in rows.items():
        for (s2, role), cols in PRESENCE.items():
            if s2 == s and any(norm(r.get(c, "")) for c in cols) and (s, rid, role) not in truth:
                unlinked[f"{s}:{role}"] += 1
                unlinked_vals[" / ".join(r.get(c, "") for c in cols)] += 1
    problems["truth_rows_without_reference"] = sum(missing_row.values())
    out.append(f"truth rows without a reference cell: {dict(missing_row)}")
    out.append(
        f"non-blank reference cells without a truth row (expected only for employer "
        f"status words): {dict(unlinked)}; values: {unlinked_vals.most_common(12)}"
    )
    problems["unlinked_non_employer"] = sum(
        v for k, v in unlinked.items() if not k.endswith("employer")
    )
    # 3. ambiguity of reference texts
    amb_lines = []
    for space in ["dwellings", "organisations", "persons"]:
        keymap = defaultdict(Counter)
        for (s, rid, role), e in truth.items():
            if SPACE[role] != space:
                continue
            r = rows.get((s, rid), {})
            cols = REF_COLS[(s, role)]
            if space == "persons":
                key = (s, role) + tuple(norm(r.get(c, "")) for c in cols)
            elif (s, role) == ("organisations", "organisation"):
                key = norm(r.get("单位名称", ""))
            else:
                key = norm(r.get(cols[0], ""))
            keymap[key][e] += 1
        amb = {k: v for k, v in keymap.items() if len(v) > 1}
        n_refs = sum(sum(v.values()) for v in amb.values())
        problems[f"ambiguous_{space}"] = len(amb)
        amb_lines.append(
            f"{space}: {len(keymap)} distinct reference texts, {len(amb)} ambiguous "
            f"({n_refs} references)"
        )
        for k, v in list(amb.items())[:10]:
            amb_lines.append(f"    {k!r} -> {dict(v)}")
    out += amb_lines
    # 3b. looser, contract-equivalent keys: organisation names that the contract calls the same
    # name must not be two organisations; loose dwelling keys are information only.
    for space, fn in [("organisations", org_equiv), ("dwellings", dw_equiv)]:
        keymap = defaultdict(Counter)
        for (s, rid, role), e in truth.items():
            if SPACE[role] != space:
                continue
            r = rows.get((s, rid), {})
            keymap[fn(r.get(REF_COLS[(s, role)][0], ""))][e] += 1
        amb = {k: v for k, v in keymap.items() if len(v) > 1}
        label = "PROBLEM" if space == "organisations" else "info"
        if space == "organisations":
            problems["equivalent_org_names"] = len(amb)
        out.append(
            f"({label}) {space} with a contract-equivalent / loose key shared by several "
            f"entities: {len(amb)} {[(k, dict(v)) for k, v in list(amb.items())[:6]]}"
        )
    # 4. valid IDs naming two persons; namesakes (information only)
    by_id, by_name = defaultdict(set), defaultdict(set)
    for (s, rid, role), e in truth.items():
        if (s, role) not in ID_OF:
            continue
        r = rows.get((s, rid), {})
        i = norm(r.get(ID_OF[(s, role)], "")).upper()
        if valid18(i):
            by_id[i].add(e)
        n = norm(r.get(NAME_COL[(s, role)], ""))
        if n:
            by_name[n].add(e)
    clash = {k: v for k, v in by_id.items() if len(v) > 1}
    problems["valid_id_two_persons"] = len(clash)
    out.append(
        f"valid 18-char IDs naming more than one person: {len(clash)} {list(clash.items())[:5]}"
    )
    ns = {k: v for k, v in by_name.items() if len(v) > 1}
    out.append(
        f"(info) written names shared by several persons (namesakes): {len(ns)}; "
        f"e.g. {[(k, len(v)) for k, v in sorted(ns.items(), key=lambda x: -len(x[1]))[:8]]}"
    )
    bad = {k: v for k, v in problems.items() if v}
    out.append(
        f"truth_check: {'OK' if not bad else 'PROBLEMS ' + str(bad)}; refs={len(truth)} "
        f"ambiguous dwellings/orgs/persons={problems['ambiguous_dwellings']}/"
        f"{problems['ambiguous_organisations']}/{problems['ambiguous_persons']}"
    )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
