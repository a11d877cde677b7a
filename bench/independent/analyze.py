#!/usr/bin/env python3
"""Attribute missed / false pairs to failure patterns (post-hoc diagnosis; uses kg's
own address normaliser to show what it made of each address).

usage: analyze.py DATA_DIR LINKS_CSV
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from itertools import combinations

sys.path.insert(0, __import__("os").path.dirname(__file__))
from score import SPACE, load_refs, read_rows  # noqa: E402

try:
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    from loaders.normalise.addresses import normalise_address
except Exception:  # pragma: no cover
    normalise_address = None

ADDR_COL = {
    ("police", "house"): "现住址",
    ("police", "registered_house"): "户籍地址",
    ("civil_affairs", "house"): "居住地址",
    ("family_planning", "house"): "现居住地址",
    ("family_planning", "registered_house"): "户籍地址",
    ("housing", "house"): "房屋地址",
}
PCOL = {
    ("police", "person"): ("姓名", "公民身份号码"),
    ("civil_affairs", "person"): ("姓名", "身份证号"),
    ("family_planning", "person"): ("姓名", "身份证号"),
    ("civil_affairs", "spouse"): ("配偶姓名", "配偶身份证号"),
    ("housing", "owner"): ("产权人姓名", "产权人证件号码"),
    ("housing", "tenant"): ("承租人姓名", "承租人证件号码"),
    ("organisations", "legal_rep"): ("法定代表人", "法定代表人证件号码"),
}
# where a person reference "is" (dwelling reference on the same row)
PLACE_ROLE = {
    ("police", "person"): "house",
    ("civil_affairs", "person"): "house",
    ("civil_affairs", "spouse"): "house",
    ("family_planning", "person"): "house",
    ("housing", "owner"): "house",
    ("housing", "tenant"): "house",
}

BARE_DISTRICT = re.compile(r"(^|[^市])洪山区")


def addr_cat(a: str, b: str) -> str:
    both = a + "|" + b
    if re.search(r"[镇乡][^|]*村", both):
        if re.search(r"村[一二三四五六七八九十]+(村民)?组", both):
            return "rural: Chinese-numeral group (三组)"
        if "村民组" in both:
            return "rural: 村民组 vs 组"
        return "rural: other (province/city without 省/市)"
    if BARE_DISTRICT.search(a) or BARE_DISTRICT.search(b):
        return "bare district prefix (洪山区… / 武汉洪山区… without 市)"
    if "街道" in both:
        return "街道 (sub-district) inserted"
    if re.search(r"[一二三四五六七八九十〇零]+(号楼|栋|幢|单元)", both):
        return "Chinese numerals"
    if re.search(r"[０-９]", both):
        return "full-width digits"
    return "other"


def main():
    data, links = sys.argv[1], sys.argv[2]
    truth = load_refs(f"{data}/truth.csv")
    pred = load_refs(links)
    rows = read_rows(data)

    def cells(ref):
        return rows[(ref[0], ref[1])]

    by_t = defaultdict(list)
    for r, e in truth.items():
        by_t[(SPACE[r[2]], e)].append(r)

    def same_pred(x, y):
        return x in pred and y in pred and pred[x] == pred[y]

    # ---------------- dwellings
    cat = Counter()
    ex = defaultdict(list)
    keyeq = Counter()
    for (sp, _e), rs in by_t.items():
        if sp != "dwellings":
            continue
        for x, y in combinations(rs, 2):
            if same_pred(x, y):
                continue
            a, b = cells(x)[ADDR_COL[(x[0], x[2])]], cells(y)[ADDR_COL[(y[0], y[2])]]
            c = (
                addr_cat(a, b)
                if (x in pred and y in pred)
                else "reference missing from kg export (row rejected at load)"
            )
            cat[c] += 1
            if normalise_address:
                na, nb = normalise_address(a), normalise_address(b)
                keyeq[(c, na is not None and nb is not None and na.key == nb.key)] += 1
                kinfo = f"   kg keys: {na.key if na else None} / {nb.key if nb else None}"
            else:
                kinfo = ""
            if len(ex[c]) < 4 and (a, b) not in [(p, q) for p, q, _ in ex[c]]:
                ex[c].append((a, b, kinfo))
    total = sum(cat.values())
    print(f"== dwellings: {total} missed pairs")
    for c, n in cat.most_common():
        print(f"  {n:7d} ({n / max(total, 1):.0%})  {c}   [kg keys equal: {keyeq[(c, True)]}]")
        for a, b, k in ex[c]:
            print(f"            {a!r}  vs  {b!r}{k}")

    # ---------------- persons
    # dwelling merge state for the place of each person ref
    def place(ref):
        k = (ref[0], ref[1], PLACE_ROLE.get((ref[0], ref[2]), "house"))
        return k if k in truth else None

    pc = Counter()
    pex = defaultdict(list)
    for (sp, _e), rs in by_t.items():
        if sp != "persons":
            continue
        for x, y in combinations(rs, 2):
            if same_pred(x, y):
                continue
            (nx, ix), (ny, iy) = PCOL[(x[0], x[2])], PCOL[(y[0], y[2])]
            rx, ry = cells(x), cells(y)
            idx, idy = rx[ix].strip(), ry[iy].strip()
            namex, namey = rx[nx].replace(" ", ""), ry[ny].replace(" ", "")
            px, py = place(x), place(y)
            same_place_truth = px and py and truth[px] == truth[py]
            same_place_kg = px and py and same_pred(px, py)
            if x not in pred or y not in pred:
                c = "reference missing from kg export (its row was rejected at load)"
            elif not idx or not idy:
                if same_place_truth and not same_place_kg:
                    c = "name-only ref, same flat but kg split the flat (dwelling cascade)"
                elif same_place_truth:
                    c = "name-only ref, same flat, flat merged, still not linked"
                elif namex != namey:
                    c = "name-only ref, different address, name written differently"
                else:
                    c = (
                        "name-only ref at a different address "
                        "(owner elsewhere / stale address / spouse without address)"
                    )
            else:
                dx, dy = (
                    re.sub(
                        r"\D",
                        "",
                        idx.translate(str.maketrans("０１２３４５６７８９", "0123456789")),
                    ),
                    re.sub(
                        r"\D",
                        "",
                        idy.translate(str.maketrans("０１２３４５６７８９", "0123456789")),
                    ),
                )
                if len(dx) < 17 or len(dy) < 17:
                    c = "both IDs present, one is 15-digit legacy"
                elif dx[:17] != dy[:17]:
                    c = "both IDs present, digits differ (typo / relative's ID)"
                elif idx[-1].upper() != idy[-1].upper():
                    c = "both IDs present, check char differs"
                else:
                    c = "both IDs present and equal (after cleaning)"
            pc[c] += 1
            if len(pex[c]) < 3:
                pex[c].append(
                    (
                        x,
                        rx[nx],
                        rx[ix],
                        y,
                        ry[ny],
                        ry[iy],
                        rx.get(ADDR_COL.get((x[0], "house"), ""), ""),
                        ry.get(ADDR_COL.get((y[0], "house"), ""), ""),
                    )
                )
    total = sum(pc.values())
    print(f"\n== persons: {total} missed pairs")
    for c, n in pc.most_common():
        print(f"  {n:7d} ({n / max(total, 1):.0%})  {c}")
        for t in pex[c]:
            print(
                f"            {t[0][0]}:{t[0][1]}:{t[0][2]} {t[1]!r} {t[2]!r} @{t[6]!r}"
                f"  vs  {t[3][0]}:{t[3][1]}:{t[3][2]} {t[4]!r} {t[5]!r} @{t[7]!r}"
            )

    # false merges of persons
    fp = Counter()
    fex = []
    by_p = defaultdict(list)
    for r, e in pred.items():
        if r in truth and SPACE[r[2]] == "persons":
            by_p[e].append(r)
    for _e, rs in by_p.items():
        for x, y in combinations(rs, 2):
            if truth[x] != truth[y]:
                fp[(f"{x[0]}:{x[2]}", f"{y[0]}:{y[2]}")] += 1
                if len(fex) < 12:
                    (nx, ix), (ny, iy) = PCOL[(x[0], x[2])], PCOL[(y[0], y[2])]
                    fex.append((x, cells(x)[nx], cells(x)[ix], y, cells(y)[ny], cells(y)[iy]))
    print(f"\n== persons false pairs: {sum(fp.values())}  {dict(fp.most_common(8))}")
    for t in fex:
        print(
            f"     {t[0]} {t[1]!r} {t[2]!r} truth={truth[t[0]]}"
            f"  vs  {t[3]} {t[4]!r} {t[5]!r} truth={truth[t[3]]}"
        )

    # organisations
    ORG = {
        ("police", "employer"): "服务处所",
        ("family_planning", "employer"): "工作单位",
        ("organisations", "organisation"): "单位名称",
    }
    om = Counter()
    for (sp, _e), rs in by_t.items():
        if sp != "organisations":
            continue
        for x, y in combinations(rs, 2):
            if x not in pred or y not in pred:
                om[("(missing from export)", "")] += 1
            elif not same_pred(x, y):
                om[tuple(sorted([cells(x)[ORG[(x[0], x[2])]], cells(y)[ORG[(y[0], y[2])]]]))] += 1
    print(f"\n== organisations: {sum(om.values())} missed pairs; top text pairs:")
    for k, n in om.most_common(12):
        print(f"  {n:6d}  {k[0]!r} vs {k[1]!r}")
    ofp = Counter()
    by_p = defaultdict(list)
    for r, e in pred.items():
        if r in truth and SPACE[r[2]] == "organisations":
            by_p[e].append(r)
    for _e, rs in by_p.items():
        for x, y in combinations(rs, 2):
            if truth[x] != truth[y]:
                ofp[tuple(sorted([cells(x)[ORG[(x[0], x[2])]], cells(y)[ORG[(y[0], y[2])]]]))] += 1
    print(f"== organisations: {sum(ofp.values())} false pairs; top text pairs:")
    for k, n in ofp.most_common(12):
        print(f"  {n:6d}  {k[0]!r} vs {k[1]!r}")


if __name__ == "__main__":
    main()
