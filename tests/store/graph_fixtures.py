"""A small realistic district graph, shaped like kg/graph/build.py's output.

Who is in it (why each one is there):

* 张伟 P1 + 李丽 P2, married, police household 110001 with twins 张明 P3 / 张亮 P4
  (same birth date, different IDs); all live at D1. 李丽 has two birth dates (conflict).
* 章玮 P5: a homophone of 张伟 (zhang wei); rents D2, which 王建国 P6 owns.
* 王建国 P6: registered with a 15-digit legacy ID (stored as its 18-digit upgrade);
  legal representative of 华信科技 O1; family-planning file F-77 with 陈静 P7.
* 陈静 P7: two valid distinct IDs (conflict); works at O1 like 张伟.
* 阿依古丽·买买提 P8: minority name; linked to nothing but her record (isolated).
* O1 is registered at D3.
"""

from __future__ import annotations

import json
from typing import Any

from kg.graph.model import GraphSnapshot, Node, Rel
from loaders.normalise.ids import id_check_char, upgrade_15_to_18


def id18(first17: str) -> str:
    return first17 + id_check_char(first17)


ID_P1 = id18("11010519850312171")  # check character X
ID_P2 = id18("11010519870601002")
ID_P3 = id18("11010520120909003")
ID_P4 = id18("11010520120909004")
ID_P5 = id18("11010519900101005")
ID15_P6 = "110105600505123"
ID_P6 = upgrade_15_to_18(ID15_P6)
ID_P7A = id18("11010519920202006")
ID_P7B = id18("11010819920202007")
ID_P8 = id18("65010119950707008")
ID_P9 = id18("11010520000101009")


def _golden(**fields: list[tuple[Any, list[str], bool]]) -> str:
    return json.dumps(
        {
            f: [{"value": v, "sources": s, "chosen": c} for v, s, c in values]
            for f, values in fields.items()
        },
        ensure_ascii=False,
    )


def person(
    pid: str,
    name: str,
    pinyin: str,
    sex: str,
    birth: str,
    ids: list[str],
    record: str,
    *,
    births: list[str] | None = None,
    names: list[str] | None = None,
    phones: list[str] | None = None,
    sources: list[str] | None = None,
) -> Node:
    births = births or [birth]
    names = names or [name]
    conflicts = [f for f, vals in (("id_number", ids), ("birth_date", births)) if len(vals) > 1]
    return Node(
        "Person",
        pid,
        {
            "name": name,
            "pinyin": pinyin,
            "initials": "".join(s[0] for s in pinyin.split()),
            "names": names,
            "pinyin_keys": [pinyin.replace(" ", "")],
            "id_number": ids[0] if ids else None,
            "id_numbers": ids,
            "birth_date": birth,
            "birth_dates": births,
            "sex": sex,
            "phones": phones or [],
            "ethnicity": "汉",
            "golden": _golden(
                birth_date=[(b, [record], i == 0) for i, b in enumerate(births)],
                id_number=[(v, [record], i == 0) for i, v in enumerate(ids)],
            ),
            "conflicts": conflicts,
            "sources": sources or [record.split(":")[0]],
            "record_count": 1,
        },
    )


def record(source: str, record_id: str, row_no: int, raw: dict[str, str]) -> Node:
    return Node(
        "SourceRecord",
        f"{source}:{record_id}",
        {
            "source": source,
            "record_id": record_id,
            "row_no": row_no,
            "version": 1,
            "raw": json.dumps(raw, ensure_ascii=False),
            "issues": "[]",
        },
    )


def rel(typ: str, start: str, end: str, rec: str, conf: float = 0.98, **extra: Any) -> Rel:
    source, record_id = rec.split(":", 1)
    return Rel(
        typ, start, end, {"source": source, "record_id": record_id, "confidence": conf, **extra}
    )


def dwelling(did: str, address: str, building: str, unit: str | None, room: str | None) -> Node:
    return Node(
        "Dwelling",
        did,
        {
            "key": f"建国|建国路5|{building}|{unit}|{room}",
            "address": address,
            "addresses": [address, address.replace("北京市朝阳区", "")],
            "district": "朝阳区",
            "community": "建国",
            "road": "建国路",
            "building": building,
            "unit": unit,
            "room": room,
            "precision": "room" if room else "building",
        },
    )


C1_RAW = {"编号": "C1", "姓名": "李莉", "配偶姓名": "张伟", "出生年月": "1987-06"}


def base_snapshot() -> GraphSnapshot:
    pol, cvl, fp, hs, org = "police", "civil_affairs", "family_planning", "housing", "organisations"
    nodes = [
        person(
            "P1",
            "张伟",
            "zhang wei",
            "M",
            "1985-03-12",
            [ID_P1],
            f"{pol}:R1",
            phones=["13812345678"],
            sources=[pol, cvl],
        ),
        person(
            "P2",
            "李丽",
            "li li",
            "F",
            "1987-06-01",
            [ID_P2],
            f"{pol}:R2",
            births=["1987-06-01", "1987-06-11"],
            names=["李丽", "李莉"],
            sources=[pol, cvl],
        ),
        person("P3", "张明", "zhang ming", "M", "2012-09-09", [ID_P3], f"{pol}:R3"),
        person("P4", "张亮", "zhang liang", "M", "2012-09-09", [ID_P4], f"{pol}:R4"),
        person("P5", "章玮", "zhang wei", "M", "1990-01-01", [ID_P5], f"{hs}:H2"),
        person(
            "P6",
            "王建国",
            "wang jian guo",
            "M",
            "1960-05-05",
            [ID_P6],
            f"{org}:O1",
            sources=[org, hs, fp],
        ),
        person(
            "P7", "陈静", "chen jing", "F", "1992-02-02", [ID_P7A, ID_P7B], f"{fp}:F2", sources=[fp]
        ),
        person(
            "P8",
            "阿依古丽·买买提",
            "a yi gu li mai mai ti",
            "F",
            "1995-07-07",
            [ID_P8],
            f"{pol}:R8",
        ),
        dwelling("D1", "北京市朝阳区建国路5号楼3单元502室", "5", "3", "502"),
        dwelling("D2", "北京市朝阳区建国路7号楼1单元101室", "7", "1", "101"),
        dwelling("D3", "北京市朝阳区建国路9号楼", "9", None, None),
        Node(
            "Organisation",
            "O1",
            {
                "name": "北京华信科技有限公司",
                "names": ["北京华信科技有限公司", "华信科技（北京）有限公司"],
                "credit_code": "91110105MA01ABCD1X",
                "credit_codes": ["91110105MA01ABCD1X"],
                "core": "华信科技",
                "region": "北京",
                "branch": None,
                "org_type": "有限公司",
                "address": "北京市朝阳区建国路9号楼",
            },
        ),
        Node("Household", "H1", {"kind": "hukou", "number": "110001", "source": pol}),
        Node("Household", "H2", {"kind": "family_file", "number": "F-77", "source": fp}),
        record(pol, "R1", 2, {"记录编号": "R1", "姓名": "张伟", "公民身份号码": ID_P1}),
        record(pol, "R2", 3, {"记录编号": "R2", "姓名": "李丽", "出生日期": "1987-06-01"}),
        record(pol, "R3", 4, {"记录编号": "R3", "姓名": "张明"}),
        record(pol, "R4", 5, {"记录编号": "R4", "姓名": "张亮"}),
        record(pol, "R8", 6, {"记录编号": "R8", "姓名": "阿依古丽•买买提"}),
        record(cvl, "C1", 2, C1_RAW),
        record(
            hs,
            "H2",
            3,
            {
                "房屋编号": "H2",
                "产权人姓名": "王建国",
                "产权人证件号码": ID15_P6,
                "承租人姓名": "章玮",
            },
        ),
        record(
            org,
            "O1",
            2,
            {"登记编号": "O1", "单位名称": "北京华信科技有限公司", "法定代表人": "王建国"},
        ),
        record(
            fp,
            "F2",
            2,
            {
                "档案号": "F2",
                "家庭档案号": "F-77",
                "姓名": "陈静",
                "工作单位": "华信科技（北京）有限公司",
            },
        ),
    ]
    rels = [
        rel("LIVES_AT", "P1", "D1", f"{pol}:R1"),
        rel("REGISTERED_AT", "P1", "D1", f"{pol}:R1"),
        rel("LIVES_AT", "P2", "D1", f"{pol}:R2"),
        rel("LIVES_AT", "P3", "D1", f"{pol}:R3"),
        rel("LIVES_AT", "P4", "D1", f"{pol}:R4"),
        rel("OWNS", "P6", "D2", f"{hs}:H2"),
        rel("RENTS", "P5", "D2", f"{hs}:H2", 0.9),
        rel("REGISTERED_AT", "O1", "D3", f"{org}:O1"),
        rel("WORKS_AT", "P1", "O1", f"{pol}:R1", 0.85),
        rel("WORKS_AT", "P7", "O1", f"{fp}:F2", 0.8),
        rel("LEGAL_REP_OF", "P6", "O1", f"{org}:O1"),
        rel("SPOUSE_OF", "P1", "P2", f"{cvl}:C1", 0.95),
        rel("PARENT_OF", "P1", "P3", f"{pol}:R3"),
        rel("PARENT_OF", "P1", "P4", f"{pol}:R4"),
        rel("PARENT_OF", "P2", "P3", f"{pol}:R3"),
        rel("PARENT_OF", "P2", "P4", f"{pol}:R4"),
        rel("MEMBER_OF", "P1", "H1", f"{pol}:R1", relation="户主"),
        rel("MEMBER_OF", "P2", "H1", f"{pol}:R2", relation="配偶"),
        rel("MEMBER_OF", "P3", "H1", f"{pol}:R3", relation="子"),
        rel("MEMBER_OF", "P4", "H1", f"{pol}:R4", relation="子"),
        rel("MEMBER_OF", "P6", "H2", f"{fp}:F2", relation="户主"),
        rel("MEMBER_OF", "P7", "H2", f"{fp}:F2", relation="配偶"),
        rel("FROM_RECORD", "P1", "police:R1", f"{pol}:R1", 1.0, role="person"),
        rel("FROM_RECORD", "D1", "police:R1", f"{pol}:R1", 1.0, role="house"),
        rel("FROM_RECORD", "P2", "police:R2", f"{pol}:R2", 1.0, role="person"),
        rel("FROM_RECORD", "P2", "civil_affairs:C1", f"{cvl}:C1", 0.92, role="person"),
        rel("FROM_RECORD", "P1", "civil_affairs:C1", f"{cvl}:C1", 0.9, role="spouse"),
        rel("FROM_RECORD", "P3", "police:R3", f"{pol}:R3", 1.0, role="person"),
        rel("FROM_RECORD", "P4", "police:R4", f"{pol}:R4", 1.0, role="person"),
        rel("FROM_RECORD", "P8", "police:R8", f"{pol}:R8", 1.0, role="person"),
        rel("FROM_RECORD", "D2", "housing:H2", f"{hs}:H2", 1.0, role="house"),
        rel("FROM_RECORD", "P6", "housing:H2", f"{hs}:H2", 0.97, role="owner"),
        rel("FROM_RECORD", "P5", "housing:H2", f"{hs}:H2", 0.9, role="tenant"),
        rel("FROM_RECORD", "O1", "organisations:O1", f"{org}:O1", 1.0, role="organisation"),
        rel("FROM_RECORD", "P6", "organisations:O1", f"{org}:O1", 0.97, role="legal_rep"),
        rel("FROM_RECORD", "P7", "family_planning:F2", f"{fp}:F2", 1.0, role="person"),
        rel("FROM_RECORD", "O1", "family_planning:F2", f"{fp}:F2", 0.8, role="employer"),
    ]
    return GraphSnapshot(nodes, rels)


def changed_snapshot() -> GraphSnapshot:
    """base + P7's phones changed, P8 (and her record) removed, P9 added at D2."""
    snap = base_snapshot()
    nodes: list[Node] = []
    for n in snap.nodes:
        if n.id in ("P8", "police:R8"):
            continue
        if n.id == "P7":
            n = Node(n.label, n.id, {**n.props, "phones": ["13900001111"]})
        nodes.append(n)
    nodes.append(person("P9", "刘洋", "liu yang", "M", "2000-01-01", [ID_P9], "housing:H2"))
    rels = [r for r in snap.rels if "P8" not in (r.start, r.end)]
    rels.append(rel("RENTS", "P9", "D2", "housing:H2", 0.7))
    return GraphSnapshot(nodes, rels)
