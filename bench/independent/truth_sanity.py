#!/usr/bin/env python3
"""Sanity check of a generated district: identical raw reference text that the truth
assigns to different entities (would make the truth unfair)."""

import sys
from collections import defaultdict

sys.path.insert(0, __import__("os").path.dirname(__file__))
from score import SPACE, load_refs, read_rows  # noqa: E402

d = sys.argv[1]
truth = load_refs(f"{d}/truth.csv")
rows = read_rows(d)
KEY = {
    ("police", "house"): "现住址",
    ("police", "registered_house"): "户籍地址",
    ("police", "employer"): "服务处所",
    ("civil_affairs", "house"): "居住地址",
    ("family_planning", "house"): "现居住地址",
    ("family_planning", "registered_house"): "户籍地址",
    ("family_planning", "employer"): "工作单位",
    ("housing", "house"): "房屋地址",
    ("organisations", "organisation"): "单位名称",
}
PID = {
    ("police", "person"): ("姓名", "公民身份号码"),
    ("civil_affairs", "person"): ("姓名", "身份证号"),
    ("family_planning", "person"): ("姓名", "身份证号"),
    ("civil_affairs", "spouse"): ("配偶姓名", "配偶身份证号"),
    ("housing", "owner"): ("产权人姓名", "产权人证件号码"),
    ("housing", "tenant"): ("承租人姓名", "承租人证件号码"),
    ("organisations", "legal_rep"): ("法定代表人", "法定代表人证件号码"),
}
groups = defaultdict(set)
for (src, rid, role), e in truth.items():
    r = rows[(src, rid)]
    if (src, role) in KEY:
        k = (SPACE[role], r[KEY[(src, role)]].replace(" ", ""))
    else:
        n, i = PID[(src, role)]
        if not r[i]:
            continue
        k = ("persons", r[n].replace(" ", ""), r[i].replace(" ", "").replace("-", "").upper())
    groups[k].add(e)
bad = {k: v for k, v in groups.items() if len(v) > 1}
print("identical raw texts with >1 truth entity:", len(bad))
for k, v in list(bad.items())[:15]:
    print(" ", k, sorted(v))
