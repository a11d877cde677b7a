#!/usr/bin/env python3
"""Independent synthetic district generator, written from data-contract.md alone.

District: 湖北省武汉市洪山区 (fictional streets/communities). Writes the five
extracts per the contract plus truth.csv (source,record_id,role,entity_id) for
every non-blank reference.

Error rates (normal / hard) -- see RATES below; every rate is per rendered value.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random

import openpyxl

try:
    import opencc

    _S2T = opencc.OpenCC("s2t")

    def to_trad(s: str) -> str:
        return _S2T.convert(s)
except Exception:  # pragma: no cover
    _T = str.maketrans(
        "张刘陈杨黄赵吴孙马郑谢韩冯邓萧叶苏卢钟谭陆汪贾龙顾龚钱严伟军刚杰涛斌辉鹏华飞鑫凯健俊帅宁龙建东亮丽艳娟红凤玲兰云",
        "張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇盧鍾譚陸汪賈龍顧龔錢嚴偉軍剛傑濤斌輝鵬華飛鑫凱健俊帥寧龍建東亮麗艷娟紅鳳玲蘭雲",
    )

    def to_trad(s: str) -> str:
        return s.translate(_T)


RATES = {
    # name
    "trad": (0.03, 0.08),
    "homophone": (0.02, 0.06),
    "name_space": (0.02, 0.05),
    "has_former": (0.03, 0.05),  # fraction of people with a 曾用名
    "use_former": (0.40, 0.60),  # other registers write the former name
    # ids
    "id15": (0.05, 0.12),  # of people born before 1985
    "id_fullwidth": (0.02, 0.06),
    "id_sep": (0.02, 0.06),
    "id_badcheck": (0.015, 0.04),
    "id_digit_typo": (0.0, 0.015),
    "id_lower_x": (0.4, 0.5),
    "relative_id": (0.0, 0.005),  # FP child row carries mother's ID
    # blanks (per source)
    "id_blank_police": (0.02, 0.05),
    "id_blank_civil": (0.05, 0.10),
    "id_blank_fp": (0.05, 0.12),
    "id_blank_owner": (0.10, 0.20),
    "id_blank_tenant": (0.20, 0.35),
    "id_blank_spouse": (0.15, 0.30),
    "id_blank_rep": (0.05, 0.10),
    "gender_blank": (0.03, 0.08),
    "dob_typo": (0.005, 0.02),
    "addr_blank": (0.03, 0.08),
    # addresses
    "addr_cn_num": (0.05, 0.12),
    "addr_fullwidth": (0.04, 0.10),
    "addr_suffix_swap": (0.04, 0.10),
    "addr_jiedao": (0.03, 0.10),
    "addr_trad": (0.0, 0.03),
    "addr_space": (0.02, 0.06),
    # households
    "mover": (0.08, 0.12),
    "stale_addr": (0.5, 0.6),
    "twins": (0.03, 0.06),
    "father_son_same": (0.01, 0.025),
    "common_name": (0.04, 0.08),
    "common_dob": (0.2, 0.4),
    # orgs
    "uscc_blank": (0.05, 0.12),
    "uscc_typo": (0.03, 0.06),
    "org_dup": (0.04, 0.08),
    "housing_dup": (0.02, 0.04),
}

FW = str.maketrans("0123456789", "０１２３４５６７８９")
CN_DIG = "零一二三四五六七八九"

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
SURNAME_W = [1.0 / (i + 3) for i in range(len(SURNAMES))]
COMPOUND = ["欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "慕容", "尉迟", "夏侯"]
MALE = list(
    "洋伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建峰志海文国东亮博晨轩子睿泽然航一诺梓豪家天佑嘉成祥瑞德新永兴金春生"
)
FEMALE = list(
    "芳娜敏静丽艳娟霞秀英玲桂兰红梅琳燕萍雪婷慧莉倩颖欣怡佳琪涵萱悦梦雨思可馨瑶晶璐洁露月云凤华玉珍"
)
COMMON = {
    "张": ["伟", "敏", "丽", "静", "秀英", "磊"],
    "王": ["伟", "芳", "静", "丽", "敏", "磊", "秀英"],
    "李": ["娜", "伟", "静", "强", "敏", "秀英"],
    "刘": ["洋", "伟", "芳", "丽"],
}
COMMON_DOBS = [
    dt.date(1985, 3, 12),
    dt.date(1990, 1, 1),
    dt.date(1978, 10, 1),
    dt.date(1982, 6, 15),
    dt.date(1970, 1, 1),
]
HOMO = {}
for grp in [
    "丽莉俪",
    "伟玮炜",
    "明鸣铭",
    "华桦骅",
    "静婧靖",
    "军君钧",
    "刚钢",
    "杰洁",
    "玲琳苓",
    "红虹宏",
    "芳方",
    "敏珉",
    "磊垒",
    "涛滔韬",
    "斌彬滨",
    "霞侠",
    "勇永",
    "艳燕雁",
    "娟鹃",
    "峰锋丰",
    "志智",
    "建健剑",
    "平萍苹",
    "阳洋扬",
    "鑫欣新馨",
    "辉晖",
    "文雯",
    "云芸韵",
    "婷亭",
    "颖莹盈",
    "超潮",
    "慧惠蕙",
    "梅玫",
    "林霖",
    "宇雨羽",
    "浩皓昊",
    "俊骏峻",
    "佳嘉",
    "琪琦淇",
    "思斯",
    "晨辰宸",
    "轩萱宣",
    "涵晗",
    "鹏朋",
    "飞菲",
    "凯恺",
    "帆凡",
    "兰岚",
    "英瑛",
    "倩茜",
    "瑶遥",
    "晶菁",
    "露璐鹭",
    "玉钰",
    "珍贞",
    "悦越",
    "怡宜",
    "可珂",
    "东冬",
    "博柏",
    "泽择",
    "然冉",
    "龙隆",
    "海",
    "强蔷",
    "宁凝",
    "旭煦",
    "德得",
    "祥翔",
    "春纯",
    "梦孟",
]:
    for c in grp:
        HOMO[c] = [x for x in grp if x != c]
UY_M = [
    "买买提",
    "艾力",
    "阿不都",
    "吐尔逊",
    "热合曼",
    "艾尔肯",
    "阿迪力",
    "依明",
    "库尔班",
    "努尔",
]
UY_F = ["阿依古丽", "帕提古丽", "米热古丽", "热依拉", "迪丽努尔", "古丽娜尔", "阿依努尔", "再努尔"]
UY_FATHER = ["艾力", "吐尔逊", "买买提", "阿不力孜", "玉素甫", "司马义", "肉孜", "依沙克"]
DOTS = ["·", "・", "•", "．", "."]

PROV, CITY, DIST = "湖北省", "武汉市", "洪山区"
JIEDAO = ["珞南街道", "关山街道", "狮子山街道", "张家湾街道", "梨园街道", "卓刀泉街道", "洪山街道"]
ROAD_STEMS = [
    "珞喻",
    "雄楚",
    "卓刀",
    "关山",
    "书城",
    "虎泉",
    "鲁磨",
    "南湖",
    "狮城",
    "丁字",
    "石牌",
    "杨家",
    "青年",
    "民主",
    "和平",
    "建设",
    "解放",
    "友谊",
    "光谷",
    "东湖",
    "武珞",
    "梨园",
    "广埠",
    "珞狮",
    "南望",
    "华师",
    "桂子",
    "文治",
    "晒湖",
    "宝通",
    "洪达",
    "白沙",
    "徐东",
    "团结",
    "工农",
    "幸福",
    "红旗",
    "胜利",
    "紫阳",
    "楚雄",
    "马湖",
    "花山",
    "板桥",
    "野芷",
    "青菱",
    "九峰",
    "茶山",
    "东亭",
    "三角",
    "中北",
]
LANE_STEMS = [
    "铁佛",
    "花堤",
    "大成",
    "长春",
    "蛇山",
    "黄鹤",
    "积玉",
    "同兴",
    "筷子",
    "兴隆",
    "义和",
    "怡和",
    "福寿",
    "吉庆",
]
COMM_STEMS = [
    "桂园",
    "枫林",
    "金地",
    "保利",
    "锦绣",
    "丽岛",
    "书香",
    "阳光",
    "东方",
    "紫荆",
    "梧桐",
    "银杏",
    "南湖",
    "中南",
    "水木",
    "清江",
    "华中",
    "珞珈",
    "学府",
    "博雅",
    "金色",
    "世纪",
    "名都",
    "天际",
    "万象",
    "康居",
    "兰亭",
    "香榭",
    "碧水",
    "云景",
    "翠微",
    "山水",
    "秀湖",
    "盛世",
    "华城",
    "新城",
    "明珠",
    "凯旋",
    "嘉园",
    "湖景",
    "晴川",
    "长虹",
    "百瑞",
    "汇景",
    "融创",
    "恒大",
    "泛海",
    "龙湖",
    "城开",
    "德润",
]
COMM_SUF = ["小区", "花园", "苑", "家园", "新村", "公寓", "名苑", "华庭"]
ORIGINS = [
    ("河南省", "周口市", "太康县", "411627"),
    ("河南省", "信阳市", "固始县", "411525"),
    ("湖北省", "黄冈市", "黄梅县", "421127"),
    ("湖北省", "孝感市", "云梦县", "420923"),
    ("湖南省", "邵阳市", "隆回县", "430524"),
    ("安徽省", "阜阳市", "临泉县", "341221"),
    ("四川省", "南充市", "仪陇县", "511324"),
    ("江西省", "九江市", "修水县", "360424"),
    ("湖北省", "荆州市", "监利县", "421023"),
    ("重庆市", "", "万州区", "500101"),
]
UY_ORIGIN = ("新疆维吾尔自治区", "喀什地区", "喀什市", "653101")
TOWN_STEMS = [
    "城关",
    "清集",
    "马头",
    "高朗",
    "常营",
    "板桥",
    "逊母口",
    "龙曲",
    "转楼",
    "王集",
    "杨庙",
    "独塘",
    "朱集",
    "老冢",
    "符草楼",
]
VIL_STEMS = [
    "李庄",
    "王楼",
    "张湾",
    "刘寨",
    "陈岗",
    "大周",
    "小吴",
    "后营",
    "前庄",
    "新河",
    "杨柳",
    "桥头",
    "双庙",
    "东岗",
    "西湾",
]
LOCAL_REGIONS = (
    ["420111"] * 6
    + ["420102", "420106", "420103", "420104"]
    + ["421127", "420982", "420923", "422801"]
)

INDUSTRIES = [
    "科技",
    "信息技术",
    "物流",
    "建筑工程",
    "商贸",
    "餐饮管理",
    "物业管理",
    "电子",
    "教育咨询",
    "医药",
    "房地产开发",
    "装饰工程",
    "网络科技",
    "生物科技",
    "汽车服务",
    "环保科技",
    "文化传媒",
    "食品",
    "机械设备",
    "劳务派遣",
]
ZIHAO_CH = list(
    "华信天宇鼎盛恒通金桥光博源中联新科瑞丰宏达长江楚东湖汉九州明德正和立安嘉禾凯越远景世成星辰晨同创聚力汇泰康美佳顺祥云海"
)
SHOP = ["面馆", "超市", "理发店", "五金店", "便利店", "水果店", "快餐店", "干洗店"]
ASSOC = [
    "个体劳动者协会",
    "书法家协会",
    "餐饮行业协会",
    "物流行业协会",
    "老年人体育协会",
    "志愿者协会",
]

ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
USCC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def id_check(s17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(s17, ID_W, strict=True)) % 11]


def uscc(rng: random.Random, region: str) -> str:
    org = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY"[:31]) for _ in range(8))
    # GB 11714 check on org code (digits/letters values)
    vals = [USCC_CH.index(c) if c.isdigit() else (ord(c) - 55) for c in org]
    c9 = 11 - sum(v * w for v, w in zip(vals, [3, 7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
    c9s = "X" if c9 == 10 else ("0" if c9 == 11 else str(c9))
    body = rng.choice("159") + rng.choice("123") + region + org + c9s
    chk = 31 - sum(USCC_CH.index(c) * w for c, w in zip(body, USCC_W, strict=True)) % 31
    return body + USCC_CH[0 if chk == 31 else chk]


def cn_num(n: int) -> str:
    if n < 10:
        return CN_DIG[n]
    if n < 100:
        t, u = divmod(n, 10)
        return ("" if t == 1 else CN_DIG[t]) + "十" + (CN_DIG[u] if u else "")
    if n < 1000:
        h, r = divmod(n, 100)
        s = CN_DIG[h] + "百"
        if r == 0:
            return s
        if r < 10:
            return s + "零" + CN_DIG[r]
        t, u = divmod(r, 10)
        return s + CN_DIG[t] + "十" + (CN_DIG[u] if u else "")
    return "".join(CN_DIG[int(c)] for c in str(n))


def cn_digits(n: int, zero="零") -> str:
    return "".join(zero if c == "0" else CN_DIG[int(c)] for c in str(n))


class G:
    def __init__(self, n: int, seed: int, hard: bool):
        self.n = n
        self.rng = random.Random(seed)
        self.hard = hard
        self.persons: list[dict] = []
        self.dwellings: list[dict] = []
        self.orgs: list[dict] = []
        self.used_ids: set[str] = set()
        self.truth: list[tuple] = []
        self.today = dt.date(2024, 6, 30)
        self.ablate: set[str] = set()

    def r(self, key: str) -> float:
        return RATES[key][1 if self.hard else 0]

    def p(self, key: str) -> bool:
        return self.rng.random() < self.r(key)

    # ------------------------------------------------------------ people
    def new_id(self, region: str, dob: dt.date, male: bool, seq: int | None = None) -> str:
        for _ in range(1000):
            s = seq if seq is not None else self.rng.randint(0, 499) * 2 + (1 if male else 0)
            if s % 2 != (1 if male else 0):
                s += 1
            s17 = f"{region}{dob:%Y%m%d}{s % 1000:03d}"
            idn = s17 + id_check(s17)
            if idn not in self.used_ids:
                self.used_ids.add(idn)
                return idn
            seq = None
        raise RuntimeError("id space")

    def given(self, male: bool, born: int) -> str:
        pool = MALE if male else FEMALE
        if born < 1975 and self.rng.random() < 0.45:
            return self.rng.choice(pool)
        a = self.rng.choice(pool)
        b = self.rng.choice(pool)
        while b == a:
            b = self.rng.choice(pool)
        return a + b

    def surname(self) -> str:
        # Zipf-like: 王/李/张 ~7-9% each, long tail
        return self.rng.choices(SURNAMES, SURNAME_W)[0]

    def person(
        self,
        surname: str,
        male: bool,
        dob: dt.date,
        region: str,
        *,
        eth="汉族",
        uy_father=None,
        given=None,
        migrant=False,
        resident=True,
    ) -> dict:
        pid = f"P{len(self.persons) + 1:06d}"
        if eth == "维吾尔族":
            first = self.rng.choice(UY_M if male else UY_F)
            father = uy_father or self.rng.choice(UY_FATHER)
            full = first + "·" + father
            sn = father
        else:
            if given is None:
                given = self.given(male, dob.year)
                if surname in COMMON and dob.year < 2000 and self.p("common_name"):
                    opts = [
                        g
                        for g in COMMON[surname]
                        if (g[0] in MALE) == male and (g[0] in FEMALE) != male
                    ]
                    if opts:
                        given = self.rng.choice(opts)
            full = surname + given
            sn = surname
        if eth == "汉族" and self.rng.random() < 0.04:
            eth = self.rng.choice(["土家族", "回族", "满族", "蒙古族", "苗族"])
        pr = dict(
            pid=pid,
            name=full,
            surname=sn,
            male=male,
            dob=dob,
            region=region,
            eth=eth,
            migrant=migrant,
            resident=resident,
            former=None,
            phone=None,
            employer=None,
            home=None,
            reg=None,
            hh=None,
            rel=None,
            huhao=None,
            spouse=None,
            children=[],
            mother=None,
            father=None,
        )
        pr["id"] = self.new_id(region, dob, male)
        if dob.year < 2010 and self.p("has_former") and eth != "维吾尔族":
            pr["former"] = sn + self.given(male, dob.year)
        if dob.year < 2008:
            if self.rng.random() < 0.92:
                pr["phone"] = (
                    "1"
                    + self.rng.choice(["3", "5", "8", "7", "9"])
                    + "".join(self.rng.choice("0123456789") for _ in range(9))
                )
        self.persons.append(pr)
        return pr

    def dob(self, lo: int, hi: int) -> dt.date:
        y = self.rng.randint(lo, hi)
        return dt.date(y, 1, 1) + dt.timedelta(days=self.rng.randint(0, 364))

    # ------------------------------------------------------------ places
    def build_places(self, n_units: int):
        rng = self.rng
        roads = [
            {"stem": s, "suf": rng.choice(["路", "路", "路", "街", "大街"])} for s in ROAD_STEMS
        ]
        lanes = [{"stem": s, "suf": rng.choice(["里", "巷"])} for s in LANE_STEMS]
        stems = list(COMM_STEMS)
        rng.shuffle(stems)
        comms = []
        made = 0
        used_nums: dict[str, set] = {}
        ci = 0
        while made < n_units * 0.92:
            road = rng.choice(roads)
            num = rng.randint(1, 400)
            while num in used_nums.setdefault(road["stem"], set()):
                num = rng.randint(1, 400)
            used_nums[road["stem"]].add(num)
            stem = stems[ci % len(stems)] + (
                ""
                if ci < len(stems)
                else ["二期", "三期", "四期", "五期"][min(ci // len(stems) - 1, 3)]
            )
            ci += 1
            c = {
                "name": stem + rng.choice(COMM_SUF),
                "road": road,
                "num": num,
                "jd": rng.choice(JIEDAO),
            }
            comms.append(c)
            nb = rng.randint(2, 12)
            for b in range(1, nb + 1):
                units = rng.choice([1, 2, 2, 3])
                floors = rng.choice([6, 7, 11, 18])
                per = rng.choice([2, 2, 3])
                for u in range(1, units + 1):
                    for f in range(1, floors + 1):
                        for k in range(1, per + 1):
                            self.dwellings.append(
                                dict(
                                    did=f"H{len(self.dwellings) + 1:06d}",
                                    kind="flat",
                                    c=c,
                                    b=b,
                                    u=u if units > 1 else None,
                                    room=f * 100 + k,
                                    occ=None,
                                )
                            )
                            made += 1
        # lanes: single houses
        for _ in range(int(n_units * 0.08) + 5):
            lane = rng.choice(lanes)
            num = rng.randint(1, 200)
            key = "L" + lane["stem"]
            if num in used_nums.setdefault(key, set()):
                continue
            used_nums[key].add(num)
            self.dwellings.append(
                dict(
                    did=f"H{len(self.dwellings) + 1:06d}",
                    kind="lane",
                    lane=lane,
                    num=num,
                    jd=rng.choice(JIEDAO),
                    occ=None,
                )
            )
        rng.shuffle(self.dwellings)
        self.free = list(self.dwellings)

    def origin_addr(self, origin=None) -> dict:
        o = origin or self.rng.choice(ORIGINS)
        d = dict(
            did=f"H{len(self.dwellings) + 1:06d}",
            kind="origin",
            o=o,
            town=self.rng.choice(TOWN_STEMS) + "镇",
            vil=self.rng.choice(VIL_STEMS) + "村",
            grp=self.rng.randint(1, 12),
            num=self.rng.randint(1, 80),
        )
        self.dwellings.append(d)
        return d

    def num(self, n: int, style: str, room=False) -> str:
        if style == "cn":
            return cn_digits(n, self.rng.choice(["零", "〇"])) if room or n >= 100 else cn_num(n)
        if style == "fw":
            return str(n).translate(FW)
        return str(n)

    def addr(self, d: dict) -> str:
        rng = self.rng
        style = "cn" if self.p("addr_cn_num") else ("fw" if self.p("addr_fullwidth") else "a")
        if d["kind"] == "origin":
            prov, city, county, _ = d["o"]
            x = rng.random()
            pre = (
                prov + city + county
                if x < 0.55
                else (city + county if x < 0.85 and city else county)
            )
            if rng.random() < 0.15 and prov.endswith("省"):
                pre = prov[:-1] + (city[:-1] if city.endswith("市") else city) + county
            g = cn_num(d["grp"]) if rng.random() < 0.3 else self.num(d["grp"], style)
            grp = g + rng.choice(["组", "组", "村民组"])
            if "cn_group" in self.ablate:
                grp = str(d["grp"]) + "组"  # diagnostic ablation only
            s = f"{pre}{d['town']}{d['vil']}{grp}{self.num(d['num'], style)}号"
        else:
            x = rng.random()
            pre = [PROV + CITY + DIST, CITY + DIST, DIST, "", "湖北武汉" + DIST, "武汉" + DIST][
                0
                if x < 0.25
                else 1
                if x < 0.5
                else 2
                if x < 0.75
                else 3
                if x < 0.9
                else 4
                if x < 0.95
                else 5
            ]
            if "bare_district" in self.ablate and pre in (DIST, "湖北武汉" + DIST, "武汉" + DIST):
                pre = CITY + DIST  # diagnostic ablation only
            jd = d["jd"] if d["kind"] == "lane" else d["c"]["jd"]
            if self.p("addr_jiedao"):
                pre = pre + jd
            if d["kind"] == "lane":
                suf = d["lane"]["suf"]
                if self.p("addr_suffix_swap"):
                    suf = {"里": "巷", "巷": "里"}[suf]
                s = f"{pre}{d['lane']['stem']}{suf}{self.num(d['num'], style)}号"
            else:
                c = d["c"]
                suf = c["road"]["suf"]
                if self.p("addr_suffix_swap"):
                    suf = {"路": "街", "街": "路", "大街": "路"}[suf]
                road = c["road"]["stem"] + suf
                y = rng.random()
                if y < 0.4:
                    loc = f"{road}{self.num(c['num'], style)}号{c['name']}"
                elif y < 0.65:
                    loc = f"{road}{self.num(c['num'], style)}号"
                elif y < 0.9:
                    loc = c["name"]
                else:
                    loc = f"{road}{c['name']}"
                b, u, room = d["b"], d["u"], d["room"]
                z = rng.random()
                if style == "cn":
                    bs = f"{cn_num(b)}{rng.choice(['号楼', '栋', '幢'])}"
                    us = f"{cn_num(u)}单元" if u else ""
                    rs = f"{self.num(room, 'cn', True)}{rng.choice(['室', '', '号'])}"
                    unit = bs + us + rs
                elif z < 0.35:
                    unit = (
                        f"{self.num(b, style)}号楼"
                        + (f"{self.num(u, style)}单元" if u else "")
                        + f"{self.num(room, style)}室"
                    )
                elif z < 0.55:
                    unit = (
                        f"{self.num(b, style)}栋"
                        + (f"{self.num(u, style)}单元" if u else "")
                        + f"{self.num(room, style)}"
                    )
                elif z < 0.65:
                    unit = (
                        f"{self.num(b, style)}幢"
                        + (f"{self.num(u, style)}单元" if u else "")
                        + f"{self.num(room, style)}室"
                    )
                elif z < 0.9:
                    unit = "-".join(self.num(x, style) for x in ([b, u, room] if u else [b, room]))
                else:
                    unit = (
                        f"{self.num(b, style)}号楼"
                        + (f"{self.num(u, style)}单元" if u else "")
                        + f"{self.num(room, style)}号"
                    )
                s = pre + loc + unit
            if self.p("addr_trad"):
                s = to_trad(s)
        if self.p("addr_space"):
            i = rng.randint(1, len(s) - 1)
            s = s[:i] + " " + s[i:]
        return s

    # ------------------------------------------------------------ orgs
    def build_orgs(self):
        rng = self.rng
        n = max(40, self.n // 35)
        zh_used = set()

        def zihao():
            while True:
                z = rng.choice(ZIHAO_CH) + rng.choice(ZIHAO_CH)
                if z[0] != z[1] and z not in zh_used:
                    zh_used.add(z)
                    return z

        schools = 0
        for i in range(n + n // 3):
            external = i >= n
            t = rng.random()
            o = dict(oid=f"O{len(self.orgs) + 1:05d}", external=external, emps=0)
            if t < 0.6 or external:
                z, ind = zihao(), rng.choice(INDUSTRIES)
                kind = "股份有限公司" if rng.random() < 0.08 else "有限公司"
                cityform = rng.choices(["front", "bracket", "none"], [0.7, 0.2, 0.1])[0]
                o.update(
                    kind="co",
                    z=z,
                    ind=ind,
                    lf=kind,
                    cityform=cityform,
                    type="股份有限公司" if kind == "股份有限公司" else "有限责任公司",
                    weight=rng.choice([1, 2, 5, 10, 30]),
                )
                if cityform == "front":
                    o["name"] = f"武汉{z}{ind}{kind}"
                elif cityform == "bracket":
                    o["name"] = f"{z}{ind}（武汉）{kind}"
                else:
                    o["name"] = f"{z}{ind}{kind}"
            elif t < 0.72:
                while True:
                    sz = rng.choice(SURNAMES) + rng.choice(["记", "家", "氏"]) + rng.choice(SHOP)
                    if sz not in zh_used:
                        zh_used.add(sz)
                        break
                o.update(kind="shop", z=sz, type="个体工商户", weight=1)
                o["name"] = "洪山区" + o["z"]
            elif t < 0.86:
                schools += 1
                unit = (
                    rng.choice(["第%s中学", "第%s小学", "第%s幼儿园"]) % cn_num(schools)
                    if rng.random() < 0.7
                    else rng.choice(JIEDAO)
                    + rng.choice(["社区卫生服务中心", "综合执法中队", "便民服务中心"])
                )
                if any(x.get("z") == unit for x in self.orgs):
                    unit = f"第{cn_num(schools + 20)}中学"
                o.update(kind="gov", z=unit, type="事业单位", weight=rng.choice([5, 10, 20]))
                o["name"] = "武汉市洪山区" + unit
            elif t < 0.92:
                a = rng.choice(ASSOC)
                o.update(kind="assoc", z=a, type="社会团体", weight=1)
                o["name"] = "武汉市洪山区" + a
                if any(x.get("name") == o["name"] for x in self.orgs):
                    o["z"] = zihao() + a
                    o["name"] = "武汉市洪山区" + o["z"]
            else:
                z = zihao() + rng.choice(["幼儿园", "养老院", "培训学校", "社工服务中心"])
                o.update(kind="npo", z=z, type="民办非企业单位", weight=rng.choice([1, 3]))
                o["name"] = "武汉市洪山区" + z
            o["uscc"] = uscc(rng, "420111")
            o["founded"] = self.dob(1995, 2023)
            self.orgs.append(o)

    def org_ref(self, o: dict, register=False) -> str:
        rng = self.rng
        if o["kind"] == "co":
            z, ind, lf = o["z"], o["ind"], o["lf"]
            forms = {
                "official": 0.35 if not register else 0.7,
                "front": 0.12,
                "front_shi": 0.04,
                "br_fw": 0.1,
                "br_ascii": 0.08,
                "youze": 0.1,
                "nocity": 0.08,
                "short": 0.1 if not self.hard else 0.18,
                "short_gs": 0.0 if not self.hard else 0.05,
            }
            if register:
                forms["short"] = forms["short_gs"] = 0
            f = rng.choices(list(forms), list(forms.values()))[0]
            if f == "youze":
                if lf == "有限公司":
                    lf = "有限责任公司"
                    f = rng.choice(["front", "br_fw", "nocity"])
                else:
                    f = "official"
            if f == "official":
                s = o["name"]
            elif f == "front":
                s = f"武汉{z}{ind}{lf}"
            elif f == "front_shi":
                s = f"武汉市{z}{ind}{lf}"
            elif f == "br_fw":
                s = f"{z}{ind}（武汉）{lf}"
            elif f == "br_ascii":
                s = f"{z}{ind}(武汉){lf}"
            elif f == "nocity":
                s = f"{z}{ind}{lf}"
            elif f == "short":
                s = f"{z}{ind}"
            else:
                s = f"{z}公司"
            return s
        x = rng.random()
        if x < 0.45:
            return o["name"]
        if x < 0.8:
            return "洪山区" + o["z"]
        return o["z"] if o["kind"] in ("shop", "npo") else "武汉市洪山区" + o["z"]

    # ------------------------------------------------------------ population
    def household(self, migrant: bool):
        rng = self.rng
        uy = migrant and rng.random() < (0.04 if not self.hard else 0.08)
        origin = UY_ORIGIN if uy else rng.choice(ORIGINS)
        region = (lambda: origin[3]) if migrant else (lambda: rng.choice(LOCAL_REGIONS))
        eth = "维吾尔族" if uy else "汉族"
        if rng.random() < (0.01 if not self.hard else 0.025) and not uy:
            sn = rng.choice(COMPOUND)
        else:
            sn = self.surname()
        typ = rng.choices(
            ["single", "couple", "nuclear", "three_a", "three_b", "siblings", "other"],
            [0.13, 0.2, 0.4, 0.12, 0.08, 0.03, 0.04]
            if not migrant
            else [0.3, 0.2, 0.42, 0.03, 0.0, 0.03, 0.02],
        )[0]
        members = []
        age_lo, age_hi = (1950, 1998) if not migrant else (1965, 2000)
        if typ == "three_b":
            age_lo, age_hi = 1940, 1960
        hmale = rng.random() < 0.8 or typ == "single" and rng.random() < 0.5
        hdob = self.dob(age_lo, age_hi)
        uyf = rng.choice(UY_FATHER)
        head = self.person(sn, hmale, hdob, region(), eth=eth, uy_father=uyf, migrant=migrant)
        head["rel"] = "户主"
        members.append(head)
        spouse = None
        if typ in ("couple", "nuclear", "three_a", "three_b"):
            ssn = self.surname() if not uy else None
            sdob = hdob + dt.timedelta(days=rng.randint(-1800, 1800))
            spouse = self.person(ssn or sn, not hmale, sdob, region(), eth=eth, migrant=migrant)
            spouse["rel"] = "配偶"
            head["spouse"], spouse["spouse"] = spouse, head
            members.append(spouse)
        father = head if hmale else spouse
        mother = spouse if hmale else head

        def child(parent_f, parent_m, dob=None, given=None, rel_kind="child"):
            d = dob or (parent_m or parent_f)["dob"] + dt.timedelta(
                days=rng.randint(22 * 365, 38 * 365)
            )
            if d > self.today - dt.timedelta(days=30):
                d = self.today - dt.timedelta(days=rng.randint(30, 3000))
            male = rng.random() < 0.52
            if uy:
                c = self.person(
                    sn,
                    male,
                    d,
                    region(),
                    eth=eth,
                    uy_father=(parent_f["name"].split("·")[0] if parent_f else uyf),
                    migrant=migrant,
                )
            else:
                c = self.person(
                    (parent_f or parent_m)["surname"],
                    male,
                    d,
                    region(),
                    eth=eth,
                    given=given,
                    migrant=migrant,
                )
            c["father"], c["mother"] = parent_f, parent_m
            for pp in (parent_f, parent_m):
                if pp:
                    pp["children"].append(c)
            return c

        if typ in ("nuclear", "three_a"):
            k = rng.choices([1, 2, 3], [0.6, 0.33, 0.07])[0]
            kids = []
            twin = k >= 2 and self.p("twins")
            for i in range(k):
                if twin and i == 1:
                    k0 = kids[0]
                    g = None
                    if not uy and len(k0["name"]) - len(k0["surname"]) == 2 and rng.random() < 0.6:
                        pool = MALE if rng.random() < 0.5 else FEMALE
                        g = k0["name"][len(k0["surname"])] + rng.choice(pool)
                    c = child(father, mother, dob=k0["dob"], given=g)
                else:
                    c = child(father, mother)
                if father and c["male"] and not uy and i == 0 and self.p("father_son_same"):
                    # son gets father's exact name
                    c["name"] = father["name"]
                kids.append(c)
            for c in kids:
                c["rel"] = "子" if c["male"] else "女"
                members.append(c)
            if typ == "three_a":
                pdob = head["dob"] - dt.timedelta(days=rng.randint(24 * 365, 34 * 365))
                gp = self.person(head["surname"], True, pdob, region())
                gp["rel"] = "父亲"
                members.append(gp)
                if rng.random() < 0.6:
                    gm = self.person(
                        self.surname(),
                        False,
                        pdob + dt.timedelta(days=rng.randint(-1500, 1500)),
                        region(),
                    )
                    gm["rel"] = "母亲"
                    gm["spouse"], gp["spouse"] = gp, gm
                    members.append(gm)
                gp["children"].append(head)
        elif typ == "three_b":
            son = child(father, mother)
            son["male"] = True
            # regenerate as male son
            son["rel"] = "子"
            son_sp = self.person(
                self.surname(),
                False,
                son["dob"] + dt.timedelta(days=rng.randint(-1000, 1000)),
                region(),
            )
            son_sp["rel"] = "其他"
            son["spouse"], son_sp["spouse"] = son_sp, son
            members += [son, son_sp]
            for _ in range(rng.choice([1, 1, 2])):
                g = child(son, son_sp)
                g["rel"] = "孙子" if g["male"] else "孙女"
                members.append(g)
        elif typ == "siblings":
            sib = self.person(
                sn,
                rng.random() < 0.5,
                hdob + dt.timedelta(days=rng.randint(400, 3000)),
                region(),
                eth=eth,
                migrant=migrant,
            )
            sib["rel"] = "兄弟姐妹"
            members.append(sib)
        elif typ == "other":
            o = self.person(
                self.surname(), rng.random() < 0.5, self.dob(1960, 2000), rng.choice(LOCAL_REGIONS)
            )
            o["rel"] = "其他"
            members.append(o)
        # male-son fix: ensure ID gender consistent with 'male' (three_b son)
        for m in members:
            if int(m["id"][16]) % 2 != (1 if m["male"] else 0):
                self.used_ids.discard(m["id"])
                m["id"] = self.new_id(m["id"][:6], m["dob"], m["male"])
        # common-name shared birth dates
        for m in members:
            nm = m["name"]
            if (
                m["surname"] in COMMON
                and nm[len(m["surname"]) :] in COMMON[m["surname"]]
                and m["dob"].year < 2000
                and not m["children"]
                and self.p("common_dob")
            ):
                d = rng.choice(COMMON_DOBS)
                self.used_ids.discard(m["id"])
                m["dob"] = d
                m["id"] = self.new_id(m["id"][:6], d, m["male"])
        return members, uy, origin

    def populate(self):
        rng = self.rng
        hh_list = []
        self.build_places(int(self.n / 2.6 * 1.25))
        self.build_orgs()
        count = 0
        hid = 0
        while count < self.n:
            migrant = rng.random() < 0.25
            members, uy, origin = self.household(migrant)
            hid += 1
            home = self.free.pop()
            home["occ"] = hid
            hh = dict(
                hid=hid,
                members=members,
                home=home,
                migrant=migrant,
                origin=None,
                reg=home,
                huhao=None,
                landline=None,
                moved=False,
            )
            if migrant:
                hh["origin"] = self.origin_addr(origin)
                hh["reg"] = hh["origin"]
                hh["huhao"] = (
                    "".join(rng.choice("0123456789") for _ in range(9))
                    if rng.random() < 0.4
                    else ""
                )
            else:
                hh["huhao"] = f"{rng.randint(100000, 999999)}{hid:05d}"
                if self.p("mover"):
                    old = rng.choice(self.dwellings[: len(self.dwellings)])
                    while old["kind"] == "origin" or old is home:
                        old = rng.choice(self.dwellings)
                    hh["reg"] = old
                    hh["moved"] = True
            if rng.random() < 0.3:
                hh["landline"] = "027-" + str(rng.randint(50000000, 89999999))
            for m in members:
                m["hh"] = hh
                m["home"] = home
                m["reg"] = hh["reg"]
            count += len(members)
            hh_list.append(hh)
        self.hh = hh_list
        # employment
        local = [o for o in self.orgs if not o["external"]]
        ext = [o for o in self.orgs if o["external"]]
        lw = [o["weight"] for o in local]
        for pr in self.persons:
            age = (self.today - pr["dob"]).days / 365.25
            if 18 <= age <= 62 and rng.random() < 0.75:
                o = rng.choices(local, lw)[0] if rng.random() < 0.75 else rng.choice(ext)
                pr["employer"] = o
                o["emps"] += 1
        # legal reps
        adults = [p for p in self.persons if 28 <= (self.today - p["dob"]).days / 365.25 <= 70]
        for o in self.orgs:
            if o["external"]:
                continue
            if rng.random() < 0.85:
                rep = rng.choice(adults)
            else:
                rep = self.person(
                    self.surname(),
                    rng.random() < 0.7,
                    self.dob(1955, 1990),
                    rng.choice(LOCAL_REGIONS),
                    resident=False,
                )
            o["rep"] = rep
            if rng.random() < 0.05:
                o2 = rng.choice(local)
                if "rep" not in o2:
                    o2["rep"] = rep

    # ------------------------------------------------------------ value renderers
    def v_name(self, pr: dict, allow_former=True) -> str:
        rng = self.rng
        nm = pr["name"]
        if allow_former and pr["former"] and self.p("use_former"):
            nm = pr["former"]
        if "·" in nm:
            nm = nm.replace("·", rng.choice(DOTS))
        else:
            sl = len(pr["surname"]) if nm.startswith(pr["surname"]) else 1
            if self.p("homophone"):
                idxs = [i for i in range(sl, len(nm)) if nm[i] in HOMO and HOMO[nm[i]]]
                if idxs:
                    i = rng.choice(idxs)
                    nm = nm[:i] + rng.choice(HOMO[nm[i]]) + nm[i + 1 :]
            if self.p("trad"):
                nm = to_trad(nm)
        if self.p("name_space"):
            x = rng.random()
            if x < 0.4 and len(nm) >= 2:
                i = rng.randint(1, len(nm) - 1)
                nm = nm[:i] + " " + nm[i:]
            elif x < 0.7:
                nm = " " + nm
            else:
                nm = nm + " "
        return nm

    def v_id(self, pr: dict, blank_key: str, override: str | None = None) -> str:
        rng = self.rng
        if self.p(blank_key):
            return ""
        s = override or pr["id"]
        if pr["dob"].year < 1985 and self.p("id15"):
            s = s[:6] + s[8:17]
        else:
            if self.p("id_badcheck"):
                s = s[:17] + rng.choice([c for c in "0123456789X" if c != s[17]])
            elif self.p("id_digit_typo"):
                i = rng.randint(14, 16) if rng.random() < 0.6 else rng.randint(0, 16)
                s = s[:i] + rng.choice([c for c in "0123456789" if c != s[i]]) + s[i + 1 :]
            if s.endswith("X") and self.p("id_lower_x"):
                s = s[:-1] + "x"
        if self.p("id_fullwidth"):
            s = s.translate(FW).replace("X", "Ｘ") if rng.random() < 0.8 else s.translate(FW)
        if self.p("id_sep"):
            sep = rng.choice([" ", "-"])
            if len(s) == 18:
                s = sep.join([s[:6], s[6:14], s[14:]])
            else:
                s = sep.join([s[:6], s[6:12], s[12:]])
        return s

    def v_gender(self, pr: dict, pref: str) -> str:
        if self.p("gender_blank"):
            return ""
        forms = {"cn": ("男", "女"), "num": ("1", "2"), "mf": ("M", "F")}
        f = pref if self.rng.random() < 0.7 else self.rng.choice(list(forms))
        return forms[f][0 if pr["male"] else 1]

    def v_date(self, d: dt.date) -> str:
        rng = self.rng
        if self.p("dob_typo"):
            if rng.random() < 0.5 and d.day <= 12 and d.day != d.month:
                d = dt.date(d.year, d.day, d.month)
            else:
                d = d + dt.timedelta(days=rng.choice([-1, 1, 10, -10]))
        f = rng.choices(
            ["%Y%m%d", "%Y-%m-%d", "slash", "%Y.%m.%d", "cn"], [0.3, 0.3, 0.15, 0.1, 0.15]
        )[0]
        if f == "slash":
            return f"{d.year}/{d.month}/{d.day}"
        if f == "cn":
            return f"{d.year}年{d.month}月{d.day}日"
        return d.strftime(f)

    def v_ym(self, d: dt.date) -> str:
        f = self.rng.choice(["dash", "plain", "cn"])
        return {
            "dash": f"{d.year}-{d.month:02d}",
            "plain": f"{d.year}{d.month:02d}",
            "cn": f"{d.year}年{d.month}月",
        }[f]

    def v_phone(self, pr: dict | None, hh=None) -> str:
        rng = self.rng
        ph = pr["phone"] if pr else None
        if hh and hh.get("landline") and (ph is None or rng.random() < 0.15):
            ph = hh["landline"]
        if ph is None and pr is not None:
            # child / no phone: use a parent's mobile
            for q in (pr.get("mother"), pr.get("father")):
                if q and q["phone"]:
                    ph = q["phone"]
                    break
        if not ph:
            return ""
        if ph.startswith("027-"):
            n = ph[4:]
            return rng.choice([ph, "(027)" + n, "027 " + n, "027" + n, "+86-27-" + n])
        x = rng.random()
        if x < 0.55:
            return ph
        if x < 0.65:
            return "+86" + ph
        if x < 0.75:
            return "+86 " + ph[:3] + " " + ph[3:7] + " " + ph[7:]
        if x < 0.88:
            return ph[:3] + "-" + ph[3:7] + "-" + ph[7:]
        return ph[:3] + " " + ph[3:7] + " " + ph[7:]

    def ref(self, source, rid, role, eid):
        self.truth.append((source, rid, role, eid))

    # ------------------------------------------------------------ extracts
    def write(self, out: str):
        os.makedirs(out, exist_ok=True)
        rng = self.rng
        hard = self.hard

        def order(cols, shuffle, keep_first=True):
            if not shuffle:
                return cols
            rest = cols[1:] if keep_first else cols[:]
            rng.shuffle(rest)
            return ([cols[0]] + rest) if keep_first else rest

        # ---------------- police
        rows = []
        for pr in self.persons:
            if not pr["resident"] or pr["hh"] is None:
                continue
            hh = pr["hh"]
            if rng.random() > (0.99 if not pr["migrant"] else 0.85):
                continue
            rows.append(pr)
        rng.shuffle(rows)
        cols = [
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
        extra = hard
        data = []
        for i, pr in enumerate(rows):
            rid = f"GA{420111000000 + i * 7 + 3}"
            hh = pr["hh"]
            name = self.v_name(pr, allow_former=False)
            home = "" if self.p("addr_blank") else self.addr(pr["home"])
            reg = "" if self.p("addr_blank") else self.addr(pr["reg"])
            emp = self.org_ref(pr["employer"]) if pr["employer"] else ""
            eth = pr["eth"] if rng.random() < 0.8 else pr["eth"].rstrip("族")
            typ = "流动人口" if pr["migrant"] else ("人户分离" if hh["moved"] else "户籍人口")
            rel = pr["rel"]
            if pr["migrant"] and not hh["huhao"]:
                rel = rel if rng.random() < 0.5 else ""
            row = {
                "记录编号": rid,
                "姓名": name,
                "曾用名": pr["former"] or "",
                "性别": self.v_gender(pr, "cn"),
                "民族": eth,
                "出生日期": self.v_date(pr["dob"]),
                "公民身份号码": self.v_id(pr, "id_blank_police"),
                "户号": hh["huhao"],
                "与户主关系": rel,
                "户籍地址": reg,
                "现住址": home,
                "服务处所": emp,
                "联系电话": self.v_phone(pr, hh),
                "人员类型": typ,
            }
            if extra:
                row["采集时间"] = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            data.append(row)
            self.ref("police", rid, "person", pr["pid"])
            if home:
                self.ref("police", rid, "house", pr["home"]["did"])
            if reg:
                self.ref("police", rid, "registered_house", pr["reg"]["did"])
            if emp:
                self.ref("police", rid, "employer", pr["employer"]["oid"])
        pc = order(cols + (["采集时间"] if extra else []), hard, keep_first=False)
        with open(os.path.join(out, "police.csv"), "w", encoding="gb18030", newline="") as f:
            w = csv.DictWriter(f, fieldnames=pc)
            w.writeheader()
            w.writerows(data)

        # ---------------- civil affairs
        sel = []
        for pr in self.persons:
            if pr["hh"] is None:
                continue
            age = (self.today - pr["dob"]).days / 365.25
            cat = None
            if age >= 60 and rng.random() < 0.5:
                cat = (
                    rng.choice(["高龄补贴", "居家养老服务", "高龄补贴"])
                    if age >= 80
                    else rng.choice(["居家养老服务", "老年人优待"])
                )
            elif age >= 18 and pr["hh"]["hid"] % 19 == 0:
                cat = rng.choice(["城乡低保", "临时救助", "特困供养"])
            elif age >= 18 and rng.random() < 0.02:
                cat = "残疾人两项补贴"
            elif pr["spouse"] and 22 <= age <= 40 and rng.random() < 0.06:
                cat = "结婚登记"
            if cat:
                sel.append((pr, cat))
        # marriage registrations with outsiders
        outsiders = []
        for _ in range(max(5, self.n // 400)):
            cand = rng.choice(self.persons)
            if cand["hh"] is None or cand["spouse"] is not None:
                continue
            if not 22 <= (self.today - cand["dob"]).days / 365.25 <= 45:
                continue
            o = self.person(
                self.surname(),
                not cand["male"],
                cand["dob"] + dt.timedelta(days=rng.randint(-1500, 1500)),
                rng.choice([x[3] for x in ORIGINS]),
                resident=False,
            )
            o["spouse"], cand["spouse"] = cand, o
            sel.append((cand, "结婚登记"))
            if rng.random() < 0.5:
                sel.append((o, "结婚登记"))
            outsiders.append(o)
        rng.shuffle(sel)
        cols = [
            "编号",
            "姓名",
            "身份证号",
            "性别",
            "出生年月",
            "居住地址",
            "联系电话",
            "婚姻状况",
            "配偶姓名",
            "配偶身份证号",
            "服务类别",
        ]
        data = []
        for i, (pr, cat) in enumerate(sel):
            rid = f"MZ-{2024}-{i + 1:06d}"
            hh = pr["hh"]
            d = None
            if hh is not None:
                d = hh["reg"] if (hh["moved"] and self.p("stale_addr")) else pr["home"]
            elif pr["spouse"] and pr["spouse"]["hh"]:
                d = pr["spouse"]["home"]
            addr = "" if (d is None or self.p("addr_blank")) else self.addr(d)
            sp = pr["spouse"]
            status = (
                "已婚"
                if sp
                else rng.choice(["未婚", "丧偶", "离异"])
                if (self.today - pr["dob"]).days > 365 * 25
                else "未婚"
            )
            spn = spid = ""
            if sp:
                spn = self.v_name(sp) if rng.random() < 0.95 else ""
                spid = self.v_id(sp, "id_blank_spouse")
            row = {
                "编号": rid,
                "姓名": self.v_name(pr),
                "身份证号": self.v_id(pr, "id_blank_civil"),
                "性别": self.v_gender(pr, "num"),
                "出生年月": self.v_ym(pr["dob"]),
                "居住地址": addr,
                "联系电话": self.v_phone(pr, hh),
                "婚姻状况": status,
                "配偶姓名": spn,
                "配偶身份证号": spid,
                "服务类别": cat,
            }
            data.append(row)
            self.ref("civil_affairs", rid, "person", pr["pid"])
            if addr:
                self.ref("civil_affairs", rid, "house", d["did"])
            if spn or spid:
                self.ref("civil_affairs", rid, "spouse", sp["pid"])
        cc = order(cols, hard, keep_first=True)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "服务对象"
        ws.append(cc)
        for row in data:
            ws.append([row[c] for c in cc])
        wb.save(os.path.join(out, "civil_affairs.xlsx"))

        # ---------------- family planning
        fams = []
        for hh in self.hh:
            ms = hh["members"]
            # the nuclear family: couple with children
            couples = [
                m
                for m in ms
                if m["spouse"] is not None
                and m["spouse"] in ms
                and m["children"]
                and any(c in ms for c in m["children"])
            ]
            for c in couples:
                if c["male"] or not any(x is c["spouse"] for x in couples):
                    kids = [k for k in c["children"] if k in ms]
                    youngest = max(kids, key=lambda k: k["dob"])
                    if (self.today - youngest["dob"]).days > 365 * 25:
                        continue
                    if rng.random() < 0.85:
                        fams.append((hh, c, c["spouse"], kids))
        rows = []
        for fi, (hh, a, b, kids) in enumerate(fams):
            fid = f"JT{fi * 13 + 100001}"
            if rng.random() < 0.15:
                a, b = b, a
            rows.append((hh, fid, a, "户主"))
            rows.append((hh, fid, b, "配偶"))
            for k in kids:
                rows.append((hh, fid, k, "子女"))
        rng.shuffle(rows)
        cols = [
            "档案号",
            "家庭档案号",
            "姓名",
            "身份证号",
            "性别",
            "出生日期",
            "家庭角色",
            "现居住地址",
            "户籍地址",
            "工作单位",
            "手机号码",
        ]
        data = []
        for i, (hh, fid, pr, role) in enumerate(rows):
            rid = f"JS{i + 1:07d}"
            d = hh["reg"] if (hh["moved"] and self.p("stale_addr")) else pr["home"]
            home = "" if self.p("addr_blank") else self.addr(d)
            reg = "" if rng.random() < 0.2 else self.addr(pr["reg"])
            emp = self.org_ref(pr["employer"]) if pr["employer"] else ""
            override = None
            if role == "子女" and pr["mother"] and self.p("relative_id"):
                override = pr["mother"]["id"]
            idv = self.v_id(pr, "id_blank_fp", override)
            row = {
                "档案号": rid,
                "家庭档案号": fid,
                "姓名": self.v_name(pr),
                "身份证号": idv,
                "性别": self.v_gender(pr, "mf"),
                "出生日期": self.v_date(pr["dob"]),
                "家庭角色": role,
                "现居住地址": home,
                "户籍地址": reg,
                "工作单位": emp,
                "手机号码": self.v_phone(pr, None),
            }
            data.append(row)
            self.ref("family_planning", rid, "person", pr["pid"])
            if home:
                self.ref("family_planning", rid, "house", d["did"])
            if reg:
                self.ref("family_planning", rid, "registered_house", pr["reg"]["did"])
            if emp:
                self.ref("family_planning", rid, "employer", pr["employer"]["oid"])
        fc = order(cols, True, keep_first=not hard)
        with open(
            os.path.join(out, "family_planning.csv"), "w", encoding="utf-8-sig", newline=""
        ) as f:
            w = csv.DictWriter(f, fieldnames=fc)
            w.writeheader()
            w.writerows(data)

        # ---------------- housing
        local_residents = [
            p
            for p in self.persons
            if p["hh"] is not None and not p["migrant"] and (self.today - p["dob"]).days > 365 * 30
        ]
        hrows = []
        for d in self.dwellings:
            if d["kind"] == "origin":
                continue
            if rng.random() > 0.93:
                continue
            hrows.append(d)
        occ = {h["home"]["did"]: h for h in self.hh}
        recs = []
        for d in hrows:
            hh = occ.get(d["did"])
            owner = tenant = None
            if hh is None:
                x = rng.random()
                owner = rng.choice(local_residents) if x < 0.3 else None
            elif hh["migrant"]:
                owner = rng.choice(local_residents) if rng.random() < 0.5 else None
                tenant = hh["members"][0]
            else:
                x = rng.random()
                ms = hh["members"]
                if x < 0.7:
                    owner = ms[0]
                elif x < 0.85 and len(ms) > 1 and ms[1]["rel"] == "配偶":
                    owner = ms[1]
                elif x < 0.9:
                    par = [m for m in ms if m["rel"] in ("父亲", "母亲")]
                    owner = par[0] if par else ms[0]
                else:
                    owner = None
                    tenant = ms[0]
            if owner is None and rng.random() < 0.97:
                owner = self.person(
                    self.surname(),
                    rng.random() < 0.6,
                    self.dob(1950, 1990),
                    rng.choice(LOCAL_REGIONS),
                    resident=False,
                )
            use = "住宅" if rng.random() < 0.95 else rng.choice(["商住", "商业", "办公"])
            recs.append((d, owner, tenant, use))
            if self.p("housing_dup"):
                t2 = tenant
                if tenant is None and rng.random() < 0.5:
                    t2 = None
                recs.append((d, owner, t2, use))
        rng.shuffle(recs)
        cols = [
            "房屋编号",
            "房屋地址",
            "房屋用途",
            "产权人姓名",
            "产权人证件号码",
            "承租人姓名",
            "承租人证件号码",
        ]
        data = []
        for i, (d, owner, tenant, use) in enumerate(recs):
            rid = f"FW{4201110000 + i * 3 + 1}"
            addr = self.addr(d)
            on = self.v_name(owner) if owner else ""
            oi = self.v_id(owner, "id_blank_owner") if owner else ""
            tn = self.v_name(tenant) if tenant else ""
            ti = self.v_id(tenant, "id_blank_tenant") if tenant else ""
            row = {
                "房屋编号": rid,
                "房屋地址": addr,
                "房屋用途": use,
                "产权人姓名": on,
                "产权人证件号码": oi,
                "承租人姓名": tn,
                "承租人证件号码": ti,
                "备注": rng.choice(["", "", "", "已核实", "网格员采集", "待核查"]),
            }
            data.append(row)
            self.ref("housing", rid, "house", d["did"])
            if on or oi:
                self.ref("housing", rid, "owner", owner["pid"])
            if tn or ti:
                self.ref("housing", rid, "tenant", tenant["pid"])
        hc = cols + ["备注"]
        if hard:
            hc = order(hc, True, keep_first=True)
        with open(os.path.join(out, "housing.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=hc)
            w.writeheader()
            w.writerows(data)

        # ---------------- organisations
        recs = []
        for o in self.orgs:
            if o["external"]:
                continue
            recs.append((o, False))
            if self.p("org_dup"):
                recs.append((o, True))
        rng.shuffle(recs)
        cols = [
            "登记编号",
            "统一社会信用代码",
            "单位名称",
            "单位类型",
            "法定代表人",
            "法定代表人证件号码",
            "注册地址",
            "成立日期",
        ]
        data = []
        for i, (o, dup) in enumerate(recs):
            rid = f"DJ{i + 1:05d}"
            code = o["uscc"]
            if self.p("uscc_blank"):
                code = ""
            elif self.p("uscc_typo"):
                j = rng.randint(2, 17)
                code = code[:j] + rng.choice([c for c in USCC_CH if c != code[j]]) + code[j + 1 :]
            name = self.org_ref(o, register=True) if dup else o["name"]
            rep = o.get("rep")
            rn = self.v_name(rep) if rep else ""
            ri = self.v_id(rep, "id_blank_rep") if rep else ""
            reg_addr = self.addr(
                rng.choice([d for d in self.dwellings[:50] if d["kind"] != "origin"])
            )
            row = {
                "登记编号": rid,
                "统一社会信用代码": code,
                "单位名称": name,
                "单位类型": o["type"],
                "法定代表人": rn,
                "法定代表人证件号码": ri,
                "注册地址": reg_addr,
                "成立日期": self.v_date(o["founded"]),
            }
            data.append(row)
            self.ref("organisations", rid, "organisation", o["oid"])
            if rn or ri:
                self.ref("organisations", rid, "legal_rep", rep["pid"])
        with open(os.path.join(out, "organisations.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols)
            w.writeheader()
            w.writerows(data)

        with open(os.path.join(out, "truth.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["source", "record_id", "role", "entity_id"])
            w.writerows(self.truth)
        stats = {
            "persons": len(self.persons),
            "households": len(self.hh),
            "dwellings": len(self.dwellings),
            "orgs": len(self.orgs),
            "truth_refs": len(self.truth),
            "hard": self.hard,
            "rates": {k: v[1 if self.hard else 0] for k, v in RATES.items()},
        }
        with open(os.path.join(out, "gen_stats.json"), "w") as f:
            json.dump(stats, f, ensure_ascii=False, indent=1)
        return stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--difficulty", choices=["normal", "hard"], default="normal")
    ap.add_argument(
        "--ablate", default="", help="diagnostics only: comma list of bare_district,cn_group"
    )
    a = ap.parse_args()
    g = G(a.residents, a.seed, a.difficulty == "hard")
    g.ablate = set(filter(None, a.ablate.split(",")))
    g.populate()
    print(json.dumps(g.write(a.out), ensure_ascii=False))


if __name__ == "__main__":
    main()
