#!/usr/bin/env python3
"""Seeded generator of a fictional district in 上海市浦东新区, written from the data contract alone.

Why it exists: the project is judged on synthetic data produced by someone else from the fixed
contract (/work/shared/data-contract.md). This generator was written without reading the
project's resolver or loaders, so that the habits it encodes are those of a Shanghai data clerk
rather than those the resolver already expects. It first builds a coherent world (residents,
households, spouses, children, dwellings, employers), then writes each department's partial
and error-laden view of that world, plus `truth.csv` naming the real entity behind every
reference a source row makes (contract section 2).

usage: python district.py --residents N --seed S --difficulty normal|hard --out DIR
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# Error rates (normal difficulty). Hard multiplies every rate by HARD_FACTOR (capped), and also
# flattens the format mixtures toward uniform, shuffles columns and adds extra columns.
# Each rate is the chance that one rendered value (or row) shows that kind of defect.
# --------------------------------------------------------------------------------------------
RATES: dict[str, float] = {
    # names
    "name_trad": 0.03,  # 张→張 etc. on the whole name
    "name_homophone": 0.02,  # 丽→莉, 伟→玮 … in the given name
    "name_space": 0.02,  # stray space inside / around the name
    "name_former_used": 0.25,  # a person with a 曾用名 is written under it in a non-police source
    "minority_no_dot": 0.03,  # 阿卜杜拉艾买提 / 阿卜杜拉 艾买提 instead of a middle dot
    # ID numbers (GB 11643)
    "id_blank": 0.03,
    "id_legacy15": 0.03,  # only for people born before 1990
    "id_fullwidth": 0.02,
    "id_separator": 0.02,  # spaces or hyphens inside
    "id_lower_x": 0.4,  # of IDs whose check char is X
    "id_typo": 0.02,  # one digit mistyped → wrong check char
    "id_swap": 0.01,  # two adjacent digits swapped
    # dates and gender
    "date_blank": 0.02,
    "date_typo": 0.02,  # stated birth date off by a typo (disagrees with the ID)
    "sex_blank": 0.03,
    # phones
    "phone_blank": 0.06,
    "phone_old": 0.5,  # a person with an old number uses it in a non-police source
    # addresses
    "addr_trad": 0.02,  # 号→號, 区→區, 楼→樓 …
    "addr_fullwidth": 0.03,
    "addr_cn_numeral": 0.05,  # 五号楼, 三单元, 十二号
    "addr_space": 0.05,
    "addr_suffix_variant": 0.01,  # 路 written as 街
    "addr_estate_alias": 0.03,  # estate written by its road+lane alias
    "addr_drop_road": 0.04,  # 1234弄56号302 with no road
    "addr_stale": 0.5,  # a person who moved shows the old dwelling in a non-police source
    # organisations
    "org_variant": 0.3,  # employer written in a non-canonical form
    "org_trad": 0.02,
    "org_space": 0.02,
    "uscc_blank": 0.05,
    "uscc_typo": 0.02,
    "employer_stale": 0.5,  # a person who changed job shows the old employer in one source
    # duplicate rows inside one source
    "police_dup": 0.03,
    "housing_dup": 0.02,
    "org_dup": 0.06,
}
HARD_FACTOR = 2.5
RATE_CAP = 0.8

TODAY = date(2024, 6, 30)
DOTS = ["·", "・", "•", "．", "."]
PLACEHOLDERS = ["无", "退休", "学生", "待业", "无业", "自由职业", "暂无"]

# --------------------------------------------------------------------------------------------
# Pools
# --------------------------------------------------------------------------------------------
SURNAMES: list[tuple[str, float]] = [
    ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 5.6), ("杨", 3.1), ("黄", 2.4),
    ("赵", 2.0), ("吴", 2.2), ("周", 2.1), ("徐", 2.2), ("孙", 1.5), ("马", 1.3), ("朱", 1.6),
    ("胡", 1.3), ("郭", 1.1), ("何", 1.1), ("高", 1.0), ("林", 1.0), ("罗", 0.9), ("郑", 0.9),
    ("梁", 0.7), ("谢", 0.8), ("宋", 0.7), ("唐", 0.8), ("许", 0.8), ("韩", 0.6), ("冯", 0.6),
    ("邓", 0.5), ("曹", 0.7), ("彭", 0.5), ("曾", 0.4), ("肖", 0.5), ("田", 0.4), ("董", 0.5),
    ("袁", 0.5), ("潘", 0.5), ("蒋", 0.6), ("蔡", 0.6), ("余", 0.4), ("杜", 0.4), ("叶", 0.6),
    ("程", 0.4), ("苏", 0.4), ("魏", 0.3), ("吕", 0.3), ("丁", 0.4), ("任", 0.3), ("沈", 1.2),
    ("顾", 1.0), ("陆", 1.0), ("钱", 0.7), ("金", 0.7), ("龚", 0.5), ("姚", 0.5), ("汤", 0.4),
    ("范", 0.4), ("倪", 0.4), ("施", 0.4), ("严", 0.3), ("奚", 0.1), ("瞿", 0.1),
    ("欧阳", 0.08), ("司马", 0.03), ("上官", 0.03), ("诸葛", 0.03), ("东方", 0.02),
    ("皇甫", 0.02), ("令狐", 0.01),
]  # fmt: skip

GIVEN: dict[tuple[str, str], list[str]] = {
    (
        "old",
        "M",
    ): "建国 建华 国强 志明 伟 强 军 勇 明 平 刚 斌 峰 华 荣 根宝 金龙 德明 国平 建平 卫东 "
    "文忠 海 林 福根 永康 国华 志刚 建军 小弟 阿四 金根 洪兴 伟民 国良".split(),
    ("old", "F"): "秀英 桂英 玉兰 秀兰 丽 芳 敏 静 红 霞 美华 凤英 桂芳 金妹 雅琴 月英 慧 萍 丽华 "
    "美芳 彩娣 小妹 玉珍 佩华 惠珍 素珍 丽娟 秀珍 凤珍 建英".split(),
    ("mid", "M"): "伟 磊 涛 超 杰 勇 军 鹏 辉 俊 斌 明 亮 浩 宇 晨 强 健 峰 文 振华 志强 晓东 俊杰 "
    "嘉伟 凯 毅 骏 昊 剑 波 晓峰 海峰 立新".split(),
    ("mid", "F"): "丽 静 婷 娟 燕 敏 颖 琳 洁 倩 晓燕 丹 佳 雯 慧 红 艳 莉 玲 芳 晶 蕾 佳怡 "
    "雪 琼 晓丽 丽娜 春燕 海燕 婧".split(),
    ("young", "M"): "子涵 浩然 宇轩 梓睿 一诺 俊熙 子墨 宇航 博文 浩宇 梓豪 皓轩 铭泽 奕辰 天佑 "
    "沐阳 思源 嘉懿 晨阳 子轩".split(),
    ("young", "F"): "欣怡 梓萱 诗涵 雨桐 思彤 梓涵 嘉怡 可馨 一诺 语嫣 紫涵 若汐 佳琪 心怡 "
    "雨欣 梦琪 静怡 欣妍 子琪 诗琪".split(),
}
GIVEN_CHARS: dict[str, str] = {
    "M": "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发"
    "武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦"
    "承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭"
    "鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘",
    "F": "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹"
    "霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵"
    "雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育"
    "滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽",
}
UYGHUR: dict[str, list[str]] = {
    "M": "阿卜杜拉 艾买提 买买提 吐尔逊 艾力 热合曼 阿不都 努尔 依明 亚森 卡德尔 玉素甫 "
    "吾斯曼 阿里木 肉孜".split(),
    "F": "古丽 阿依古丽 热依拉 帕提古丽 迪丽努尔 古丽娜尔 米日古丽 阿娜尔 布合力其 "
    "阿依努尔 祖丽菲亚".split(),
}
HOMOPHONE: dict[str, str] = {
    "丽": "莉", "莉": "丽", "伟": "玮", "玮": "伟", "静": "婧", "婧": "静", "军": "君",
    "明": "铭", "铭": "明", "玲": "琳", "琳": "玲", "红": "虹", "芳": "方", "杰": "洁",
    "涛": "韬", "斌": "彬", "燕": "艳", "艳": "燕", "佳": "嘉", "嘉": "佳", "宇": "雨",
    "晨": "辰", "辰": "晨", "欣": "馨", "萱": "轩", "华": "化", "峰": "锋", "婷": "亭",
    "怡": "仪", "浩": "皓", "梓": "子", "慧": "惠", "惠": "慧", "英": "瑛", "敏": "民",
}  # fmt: skip
TRAD: dict[str, str] = dict(
    zip(
        "张陈刘华丽杨黄赵吴孙马罗郑谢韩冯邓许叶苏卢蒋钱顾陆龚汤伟军国红兰东龙凤宝庆荣进贵兴云"
        "艳飞鹏辉涛刚杰晓颖静洁号楼区单元镇园组栋层桥场汇阳乐丰宁济门买尔热娜欧阳诸葛马"
        "责贸发实电网讯咨饮药车广装饰劳机环营设计业务专卫医疗学区务员会村长书",
        "張陳劉華麗楊黃趙吳孫馬羅鄭謝韓馮鄧許葉蘇盧蔣錢顧陸龔湯偉軍國紅蘭東龍鳳寶慶榮進貴興雲"
        "艷飛鵬輝濤剛傑曉穎靜潔號樓區單元鎮園組棟層橋場匯陽樂豐寧濟門買爾熱娜歐陽諸葛馬"
        "責貿發實電網訊諮飲藥車廣裝飾勞機環營設計業務專衛醫療學區務員會村長書",
        strict=True,
    )
)
CN_DIGITS = "零一二三四五六七八九"

# 浦东新区 streets and towns; the flag marks former 南汇 towns whose older locals carry
# the old 南汇 region codes (310225 南汇县, 310119 南汇区) in their IDs.
TOWNS: list[tuple[str, bool]] = [
    ("花木街道", False),
    ("潍坊新村街道", False),
    ("陆家嘴街道", False),
    ("塘桥街道", False),
    ("张江镇", False),
    ("北蔡镇", False),
    ("川沙新镇", False),
    ("周家渡街道", False),
    ("金杨新村街道", False),
    ("三林镇", False),
    ("高桥镇", False),
    ("周浦镇", True),
    ("洋泾街道", False),
    ("康桥镇", True),
    ("惠南镇", True),
    ("唐镇", False),
    ("上钢新村街道", False),
    ("曹路镇", False),
    ("金桥镇", False),
    ("南码头路街道", False),
    ("沪东新村街道", False),
    ("高行镇", False),
    ("新场镇", True),
    ("航头镇", True),
    ("东明路街道", False),
    ("浦兴路街道", False),
    ("祝桥镇", True),
    ("合庆镇", False),
]
REAL_ROADS = (
    "张杨 浦东南 东方 峨山 崂山 乳山 南泉 源深 民生 杨高南 锦绣 花木 蓝村 浦建 昌里 德州 云台 "
    "临沂 博山 羽山 栖霞 桃林 金杨 博兴 灵山 罗山 龙阳 芳甸 梅花 樱花 白杨 长清 上南 成山 洪山 "
    "高科西 祖冲之 郭守敬 川沙 华夏东 沔北 浦明 商城 潍坊 松林 福山 即墨 文登 荣成 昌邑"
).split()
STEM_CHARS = "丰和安宁泰康瑞兴华源锦凌鹤杨林桂莲樱云临德崮潍峨浦川沪南北东西明光春秋晨星海天绿翠湖"
ESTATE_CHARS = "锦华丽都金碧云紫竹明珠香梅兰春秋阳光晨星海天绿洲景翠湖林馨雅嘉怡景泰和润御龙凤"
NUMBERED_VILLAGE_STEMS = (
    "潍坊 崂山 峨山 临沂 上钢 浦建 东明 沪东 金杨 德州 羽山 博山 乳山 栖霞 泾东".split()
)
VILLAGE_CHARS = "七灶长丰界龙新港联合永乐红星光明勤俭友谊民主建设东风胜利向阳前进团结和平"

MIGRANT_ORIGINS: list[tuple[str, str, str, str, str, float]] = [
    # province, province short, prefecture, county, region code, weight
    ("安徽省", "安徽", "阜阳市", "临泉县", "341221", 6),
    ("安徽省", "安徽", "阜阳市", "太和县", "341222", 4),
    ("安徽省", "安徽", "六安市", "霍邱县", "341522", 3),
    ("安徽省", "安徽", "安庆市", "怀宁县", "340822", 2),
    ("河南省", "河南", "周口市", "太康县", "411627", 3),
    ("河南省", "河南", "信阳市", "固始县", "411525", 3),
    ("江苏省", "江苏", "盐城市", "阜宁县", "320923", 3),
    ("江苏省", "江苏", "南通市", "海门市", "320684", 1),
    ("四川省", "四川", "南充市", "营山县", "511322", 2),
    ("四川省", "四川", "达州市", "渠县", "511725", 2),
    ("江西省", "江西", "上饶市", "鄱阳县", "361128", 2),
    ("湖北省", "湖北", "黄冈市", "蕲春县", "421126", 1.5),
    ("浙江省", "浙江", "温州市", "苍南县", "330327", 1),
    ("山东省", "山东", "菏泽市", "曹县", "371721", 1),
    ("湖南省", "湖南", "邵阳市", "邵东县", "430521", 1),
    ("新疆维吾尔自治区", "新疆", "喀什地区", "疏附县", "653121", 1.5),
    ("新疆维吾尔自治区", "新疆", "和田地区", "墨玉县", "653222", 1.0),
]
SHANGHAI_OTHER = "310104 310105 310106 310107 310109 310110 310112 310113 310101 310115".split()

BRANDS = (
    "华信 东方 金桥 申通 宏达 恒源 博远 新亚 汇丰 永盛 天成 鼎力 锦程 联华 光明 嘉禾 瑞祥 "
    "众诚 海纳 中远 浦联 长江 东海 明珠 星辰 万通 凯达 盛世 华夏 远航 泰和 德信 新锐 卓越 "
    "云帆 金鼎 鑫源 安泰 百川 通达 宝利 润华 启明 同创 兴业 信诚 正大 腾飞 天翼 惠民"
).split()
BRAND_LOOKALIKE = {"华信": "华鑫", "宏达": "弘达", "恒源": "恒远", "金桥": "金乔", "通达": "同达"}
INDUSTRIES = (
    "科技 贸易 实业 物流 餐饮管理 信息技术 电子 建筑工程 物业管理 房地产开发 医药 汽车服务 "
    "广告 装饰工程 劳务派遣 网络科技 环保科技 机械设备 文化传媒 投资管理 企业管理咨询"
).split()
BRANCH_LOCS = ["浦东", "张江", "金桥", "陆家嘴", "川沙", "第一", "外高桥"]


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------
def pick(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """Weighted choice from (item, weight) pairs."""
    total = sum(w for _, w in options)
    x = rng.random() * total
    for item, w in options:
        x -= w
        if x < 0:
            return item
    return options[-1][0]


def cn_num(n: int) -> str:
    """Chinese numeral for 1..99 the way clerks write building and house numbers (十二, 二十一)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def fullwidth(s: str) -> str:
    """ASCII digits, X and hyphen to their full-width forms (IME left in full-width mode)."""
    return "".join(chr(ord(c) + 0xFEE0) if ("0" <= c <= "9" or c in "Xx-()") else c for c in s)


def trad(s: str) -> str:
    return "".join(TRAD.get(c, c) for c in s)


def id_check(body17: str) -> str:
    """GB 11643 check character."""
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * wi for c, wi in zip(body17, w, strict=True)) % 11]


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check(body17: str) -> str:
    """GB 32100 check character: weights 3^i mod 31 over the 31-symbol alphabet."""
    s = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(body17))
    return USCC_CHARS[(31 - s % 31) % 31]


def orgcode_check(body8: str) -> str:
    """GB 11714 organisation code check character (embedded in the USCC)."""
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * wi for c, wi in zip(body8, w, strict=True))
    c = 11 - s % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year - years, day=28)


def age(d: date) -> int:
    return TODAY.year - d.year - ((TODAY.month, TODAY.day) < (d.month, d.day))


def norm(s: str) -> str:
    """Normalisation used only to keep the generator honest (dedupe org name forms)."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not c.isspace())


# --------------------------------------------------------------------------------------------
# World model
# --------------------------------------------------------------------------------------------
@dataclass
class Person:
    pid: str
    surname: str
    given: str
    sex: str  # "M" / "F"
    birth: date
    region: str
    resident: bool
    minority_father: str = ""  # Uyghur-style names: given·father
    ethnic: str = "汉族"
    id18: str = ""
    id15: str = ""
    former: str = ""
    phone: str = ""
    old_phone: str = ""
    landline: str = ""
    home: str = ""  # dwelling id
    old_home: str = ""
    reg_home: str = ""
    hukou_no: str = ""
    relation: str = ""
    household: int = -1
    spouse: str = ""
    deceased_spouse: str = ""
    marital: str = "未婚"
    employer: str = ""
    old_employer: str = ""
    placeholder: str = ""
    migrant: bool = False
    guard: bool = False  # same-name-same-birthday namesake: never write without an ID
    person_type: str = ""

    @property
    def name(self) -> str:
        if self.minority_father:
            return self.given + "·" + self.minority_father
        return self.surname + self.given


@dataclass
class Dwelling:
    hid: str
    kind: str  # lane, xincun, building, garden, village, hometown
    town: str
    parts: dict[str, str | int]
    in_district: bool = True
    owner: str = ""  # pid or oid
    tenant: str = ""
    usage: str = "住宅"


@dataclass
class Household:
    hh: int
    kind: str
    members: list[str] = field(default_factory=list)
    home: str = ""
    reg_home: str = ""
    hukou_no: str = ""
    landline: str = ""
    migrant: bool = False
    fp_family: list[tuple[str, str]] = field(default_factory=list)  # (pid, 户主/配偶/子女)


@dataclass
class Org:
    oid: str
    kind: str
    name: str
    forms: list[str]  # honest alternative forms (deduplicated across all orgs)
    uscc: str
    org_type: str
    in_registry: bool
    founded: date
    reg_address: str
    weight: float
    rep: str = ""
    parent: str = ""
    brand: str = ""
    industry: str = ""


class Ctx:
    """Random source plus the effective rates and format mixtures for one difficulty."""

    def __init__(self, seed: int, hard: bool) -> None:
        self.rng = random.Random(seed)
        self.hard = hard
        f = HARD_FACTOR if hard else 1.0
        self.rates = {k: min(RATE_CAP, v * f) for k, v in RATES.items()}
        # "form" probabilities (stale data, X case) are not errors; do not scale them
        for k in ("name_former_used", "id_lower_x", "phone_old", "addr_stale", "employer_stale"):
            self.rates[k] = RATES[k]

    def p(self, key: str) -> bool:
        return self.rng.random() < self.rates[key]

    def form(self, options: Sequence[tuple[T, float]]) -> T:
        """Pick a format; hard mode blends the mixture halfway toward uniform."""
        if self.hard:
            total = sum(w for _, w in options)
            options = [(o, 0.5 * w / total + 0.5 / len(options)) for o, w in options]
        return pick(self.rng, options)


class World:
    """Ground truth: every person, dwelling and organisation, and how they relate."""

    def __init__(self, ctx: Ctx, residents: int) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.n = residents
        self.persons: dict[str, Person] = {}
        self.dwellings: dict[str, Dwelling] = {}
        self.orgs: dict[str, Org] = {}
        self.households: list[Household] = []
        self._used_seq: set[tuple[str, str, int]] = set()
        self._phones: set[str] = set()
        self._stems: set[str] = set()
        self._lane_nos: list[int] = []
        self._lane_blocks = 0
        n_towns = min(len(TOWNS), 4 + residents // 800)
        self.towns = TOWNS[:n_towns]
        self.roads: dict[str, list[str]] = {}
        self.containers: list[dict[str, object]] = []
        self.free: list[str] = []  # district dwellings not yet lived in
        self.hometowns: dict[str, list[str]] = {}  # region → "town|village" pool (reuse)
        self._village_nums: dict[str, set[int]] = {}
        self.district_ids: list[str] = []

    # ---------------- names and unique pools ----------------
    def unique_stem(self, chars: str) -> str:
        """A two-character name stem never used before, so that names stay unambiguous."""
        for attempt in range(3000):
            n = 2 if attempt < 300 else 3  # big districts run out of two-character stems
            stem = "".join(self.rng.choice(chars) for _ in range(n))
            if len(set(stem)) == n and stem not in self._stems:
                self._stems.add(stem)
                return stem
        raise RuntimeError("stem pool exhausted")

    def lane_no(self) -> int:
        """District-wide unique lane numbers, so `1234弄56号302` without a road stays honest."""
        if not self._lane_nos:
            lo = 11 if not self._lane_blocks else 3000 * self._lane_blocks
            self._lane_nos = list(range(lo, lo + 2989))
            self._lane_blocks += 1
            self.rng.shuffle(self._lane_nos)
        return self._lane_nos.pop()

    def surname(self, local: bool) -> str:
        if local:
            return pick(
                self.rng,
                [(s, w * (1.6 if s in "沈顾陆钱金龚姚汤倪施奚瞿" else 1.0)) for s, w in SURNAMES],
            )
        return pick(self.rng, SURNAMES)

    def given(self, sex: str, birth: date) -> str:
        era = "old" if birth.year < 1970 else ("mid" if birth.year < 2003 else "young")
        if self.rng.random() < 0.55:
            return self.rng.choice(GIVEN[(era, sex)])
        chars = GIVEN_CHARS[sex]
        if self.rng.random() < 0.25 and era != "young":
            return self.rng.choice(chars)
        return self.rng.choice(chars) + self.rng.choice(chars)

    def phone(self) -> str:
        while True:
            p = self.rng.choice(["13", "15", "18", "17", "19"]) + "".join(
                self.rng.choice("0123456789") for _ in range(9)
            )
            if p not in self._phones:
                self._phones.add(p)
                return p

    def landline(self) -> str:
        while True:
            p = self.rng.choice("5623") + "".join(self.rng.choice("0123456789") for _ in range(7))
            if p not in self._phones:
                self._phones.add(p)
                return p

    # ---------------- persons ----------------
    def person(
        self,
        sex: str,
        birth: date,
        region: str,
        *,
        surname: str | None = None,
        resident: bool = True,
        uyghur_father: str | None = None,
        local: bool = True,
    ) -> Person:
        pid = f"P{len(self.persons) + 1}"
        if uyghur_father is not None:
            p = Person(
                pid,
                "",
                self.rng.choice(UYGHUR[sex]),
                sex,
                birth,
                region,
                resident,
                minority_father=uyghur_father,
                ethnic="维吾尔族",
            )
        else:
            sn = surname or self.surname(local)
            p = Person(pid, sn, self.given(sex, birth), sex, birth, region, resident)
            if self.rng.random() < 0.02:
                p.ethnic = self.rng.choice(["回族", "满族", "朝鲜族", "蒙古族", "土家族"])
            if self.rng.random() < 0.035:
                p.former = sn + self.given(sex, birth)
                if p.former == p.name:
                    p.former = ""
        a = age(birth)
        if a >= 14 and self.rng.random() < (0.5 if a >= 75 else 0.95):
            p.phone = self.phone()
            if self.rng.random() < 0.05:
                p.old_phone = self.phone()
        self.persons[pid] = p
        return p

    def birth(self, lo: int, hi: int) -> date:
        start = years_before(TODAY, hi + 1) + timedelta(days=1)
        end = years_before(TODAY, lo)
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def child_birth(self, mother: Person) -> date:
        lo = max(mother.birth.year + 21, 1950)
        hi = min(mother.birth.year + 40, TODAY.year - 1)
        if lo > hi:
            lo = hi
        y = self.rng.randint(lo, hi)
        return date(y, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def local_region(self, town: str, birth: date) -> str:
        nanhui = dict(TOWNS).get(town, False)
        if nanhui and birth.year < 2001 and self.rng.random() < 0.5:
            return "310225"
        if nanhui and birth.year < 2009 and self.rng.random() < 0.3:
            return "310119"
        if self.rng.random() < 0.08:
            return self.rng.choice(SHANGHAI_OTHER)
        return "310115"

    def assign_ids(self) -> None:
        """Issue GB 11643 numbers after all name/birth tweaks; (region, date, seq) unique."""
        for p in self.persons.values():
            ymd = p.birth.strftime("%Y%m%d")
            while True:
                seq = self.rng.randrange(1, 999)
                if (seq % 2 == 1) != (p.sex == "M"):
                    seq += 1 if seq < 998 else -1
                key = (p.region, ymd, seq)
                if key not in self._used_seq:
                    self._used_seq.add(key)
                    break
            body = f"{p.region}{ymd}{seq:03d}"
            p.id18 = body + id_check(body)
            if p.birth.year < 1990:
                p.id15 = f"{p.region}{ymd[2:]}{seq:03d}"

    # ---------------- dwellings ----------------
    def _new_id(self) -> str:
        return f"H{len(self.dwellings) + 1}"

    def _add(self, kind: str, town: str, **parts: str | int) -> str:
        hid = self._new_id()
        self.dwellings[hid] = Dwelling(hid, kind, town, dict(parts))
        self.free.append(hid)
        self.district_ids.append(hid)
        return hid

    def road(self, town: str) -> str:
        roads = self.roads.setdefault(town, [])
        if len(roads) < 3 or self.rng.random() < 0.3:
            stem = ""
            for c in REAL_ROADS:
                if c not in self._stems:
                    stem = c
                    break
            if not stem or self.rng.random() < 0.4:
                stem = self.unique_stem(STEM_CHARS)
            self._stems.add(stem)
            roads.append(stem + "路")
        return self.rng.choice(roads)

    def build_container(self) -> None:
        """One lane, estate or village: several dwellings that differ only in room/building."""
        rng = self.rng
        town, _ = rng.choice(self.towns)
        is_town = town.endswith("镇")
        kind = pick(
            rng,
            [
                ("lane", 0.25),
                ("xincun", 0.25),
                ("building", 0.25),
                ("garden", 0.15),
                ("village", 0.2 if is_town else 0.0),
            ],
        )
        alias: dict[str, str | int] = {}
        if kind in ("xincun", "building", "garden") and rng.random() < 0.4:
            alias = {"alias_road": self.road(town), "alias_lane": self.lane_no()}
        if kind == "lane":
            road, lane = self.road(town), self.lane_no()
            subs = rng.randint(2, 4) if rng.random() < 0.2 else 0
            for h in rng.sample(range(1, 90), rng.randint(3, 8)):
                extra: dict[str, str | int] = {"sub": rng.randint(1, subs)} if subs else {}
                if rng.random() < 0.3:
                    self._add(kind, town, road=road, lane=lane, house=h, **extra)
                else:
                    rooms = [f * 100 + u for f in range(1, 4) for u in range(1, 3)]
                    for r in rng.sample(rooms, rng.randint(1, 4)):
                        self._add(kind, town, road=road, lane=lane, house=h, room=r, **extra)
        elif kind == "xincun":
            if rng.random() < 0.5:
                base = rng.choice(NUMBERED_VILLAGE_STEMS)
                name = ""
                for n in rng.sample(range(1, 10), 9):
                    cand = f"{base}{CN_DIGITS[n]}村"
                    if cand not in self._stems:
                        name = cand
                        break
                if not name:
                    name = self.unique_stem(ESTATE_CHARS) + "新村"
            else:
                name = self.unique_stem(ESTATE_CHARS) + "新村"
            self._stems.add(name)
            for b in rng.sample(range(1, 60), rng.randint(2, 5)):
                rooms = [f * 100 + u for f in range(1, 7) for u in range(1, 5)]
                for r in rng.sample(rooms, rng.randint(2, 6)):
                    self._add(kind, town, estate=name, bld=b, room=r, **alias)
        elif kind == "building":
            name = self.unique_stem(ESTATE_CHARS) + rng.choice(
                ["苑", "小区", "公寓", "家园", "佳苑", "大厦"]
            )
            self._stems.add(name)
            for b in rng.sample(range(1, 25), rng.randint(2, 4)):
                rooms = [f * 100 + u for f in range(1, 31) for u in range(1, 5)]
                for r in rng.sample(rooms, rng.randint(2, 6)):
                    self._add(kind, town, estate=name, bld=b, room=r, **alias)
        elif kind == "garden":
            name = self.unique_stem(ESTATE_CHARS) + rng.choice(["花园", "名苑", "华庭", "雅苑"])
            self._stems.add(name)
            for b in rng.sample(range(1, 30), rng.randint(2, 4)):
                for u in rng.sample(range(1, 5), rng.randint(1, 3)):
                    rooms = [f * 100 + x for f in range(1, 12) for x in range(1, 3)]
                    for r in rng.sample(rooms, rng.randint(1, 4)):
                        self._add(kind, town, estate=name, bld=b, unit=u, room=r, **alias)
        else:
            name = self.unique_stem(VILLAGE_CHARS) + "村"
            self._stems.add(name)
            nums = rng.sample(range(1, 400), rng.randint(5, 12))
            for n in nums:
                self._add(kind, town, village=name, group=rng.randint(1, 12), num=n)
        self.containers.append({"town": town, "kind": kind})

    def take_dwelling(self, prefer: Sequence[str] = ()) -> str:
        """A free district dwelling; migrants lean toward villages and old lanes."""
        while len(self.free) < 40:
            self.build_container()
        idx = self.rng.randrange(len(self.free))
        if prefer and self.rng.random() < 0.6:
            for _ in range(12):
                j = self.rng.randrange(len(self.free))
                if self.dwellings[self.free[j]].kind in prefer:
                    idx = j
                    break
        return self.free.pop(idx)

    def hometown(self, origin: tuple[str, str, str, str, str, float]) -> str:
        """A dwelling in the migrant's home county (the 户籍地址 of 来沪人员)."""
        prov, short, pref, county, region, _ = origin
        hid = self._new_id()
        pool = self.hometowns.setdefault(region, [])
        # hometown towns and villages are reused so fellow villagers share them
        if len(pool) < 3 or self.rng.random() < 0.3:
            pool.append(
                self.unique_stem(STEM_CHARS + VILLAGE_CHARS)
                + self.rng.choice(["镇", "乡"])
                + "|"
                + self.unique_stem(VILLAGE_CHARS + STEM_CHARS)
                + "村"
            )
        town, village = self.rng.choice(pool).split("|")
        num = 0
        taken = self._village_nums.setdefault(town + village, set())
        while num == 0 or num in taken:
            num = self.rng.randint(1, 300 + len(taken))
        taken.add(num)
        self.dwellings[hid] = Dwelling(
            hid,
            "hometown",
            town,
            {
                "prov": prov,
                "short": short,
                "pref": pref,
                "county": county,
                "village": village,
                "group": self.rng.randint(1, 9),
                "num": num,
            },
            in_district=False,
        )
        return hid

    # ---------------- households ----------------
    def build(self) -> None:
        target = max(int(self.n * 0.9 / 2.5), 40)
        while len(self.free) < target:
            self.build_container()
        residents = 0
        while residents < self.n:
            kind = pick(
                self.rng,
                [
                    ("family", 0.34),
                    ("three_gen", 0.10),
                    ("elderly", 0.17),
                    ("single", 0.08),
                    ("couple", 0.05),
                    ("migrant_family", 0.17),
                    ("migrant_group", 0.07),
                    ("mixed", 0.02),
                ],
            )
            hh = Household(len(self.households), kind)
            getattr(self, "_hh_" + kind)(hh)
            self.households.append(hh)
            residents += len(hh.members)
        self._finish_households()
        self._distinct_family_names()
        self._namesakes()
        self.assign_ids()
        self._stale_homes()

    def _member(self, hh: Household, p: Person, relation: str) -> None:
        p.household = hh.hh
        p.relation = relation
        hh.members.append(p.pid)

    def _marry(self, a: Person, b: Person) -> None:
        a.spouse, b.spouse = b.pid, a.pid
        a.marital = b.marital = "已婚"

    def _couple(self, lo: int, hi: int, town: str, local: bool = True) -> tuple[Person, Person]:
        hb = self.birth(lo, hi)
        husband = self.person("M", hb, self.local_region(town, hb), local=local)
        wb = hb + timedelta(days=self.rng.randint(-700, 1800))
        wb = min(wb, years_before(TODAY, 20))
        region = self.local_region(town, wb)
        if self.rng.random() < 0.1:  # married in from elsewhere, hukou moved, ID region kept
            region = pick(self.rng, [(o[4], o[5]) for o in MIGRANT_ORIGINS])
        wife = self.person("F", wb, region, local=local)
        self._marry(husband, wife)
        return husband, wife

    def _kids(self, father: Person, mother: Person, n: int, region: str) -> list[Person]:
        kids: list[Person] = []
        twins = n >= 1 and self.rng.random() < 0.04
        for i in range(n):
            if twins and i == 1:
                b = kids[0].birth
            else:
                b = self.child_birth(mother)
            sex = self.rng.choice("MF")
            if father.minority_father:
                k = self.person(sex, b, region, uyghur_father=father.given, local=False)
            else:
                sn = father.surname if self.rng.random() < 0.93 else mother.surname
                k = self.person(sex, b, region, surname=sn)
                while twins and i == 1 and k.given == kids[0].given:
                    k.given = self.given(sex, b)
            kids.append(k)
        return kids

    def _local_home(self, hh: Household) -> str:
        hh.home = self.take_dwelling()
        town = self.dwellings[hh.home].town
        hh.hukou_no = f"{self.rng.randrange(10**8, 10**9)}"
        if self.rng.random() < 0.7:
            hh.reg_home = hh.home
        else:  # 人户分离: registered at another flat in the district (often the parents')
            hh.reg_home = self.rng.choice(self.district_ids)
        if self.rng.random() < 0.35:
            hh.landline = self.landline()
        return town

    def _hh_family(self, hh: Household) -> None:
        town = self._local_home(hh)
        h, w = self._couple(28, 55, town)
        self._member(hh, h, "户主")
        self._member(hh, w, "配偶")
        n = pick(self.rng, [(0, 0.12), (1, 0.6), (2, 0.28)])
        kids = self._kids(h, w, n, "310115")
        for k in kids:
            if age(k.birth) < 18 or self.rng.random() < 0.5:
                self._member(hh, k, "子" if k.sex == "M" else "女")
            else:
                k.resident = False  # grown up and moved away
        hh.fp_family = [(h.pid, "户主"), (w.pid, "配偶")] + [
            (k.pid, "子女") for k in kids if k.pid in hh.members
        ]
        if self.rng.random() < 0.2:
            hh.fp_family[0], hh.fp_family[1] = (w.pid, "户主"), (h.pid, "配偶")

    def _hh_three_gen(self, hh: Household) -> None:
        town = self._local_home(hh)
        if self.rng.random() < 0.5:  # head is the middle generation, parents live with them
            h, w = self._couple(32, 50, town)
            self._member(hh, h, "户主")
            self._member(hh, w, "配偶")
            fb = years_before(h.birth, self.rng.randint(24, 34))
            fa = self.person("M", fb, self.local_region(town, fb), surname=h.surname)
            mb = fb + timedelta(days=self.rng.randint(-800, 1500))
            mo = self.person("F", mb, self.local_region(town, mb))
            self._marry(fa, mo)
            if self.rng.random() < 0.8:
                self._member(hh, fa, "父亲")
            else:
                fa.resident = False
                mo.spouse, fa.spouse = "", ""
                mo.marital, mo.deceased_spouse = "丧偶", fa.pid
            self._member(hh, mo, "母亲")
            kids = self._kids(h, w, self.rng.choice([1, 1, 2]), "310115")
            for k in kids:
                self._member(hh, k, "子" if k.sex == "M" else "女")
            hh.fp_family = [(h.pid, "户主"), (w.pid, "配偶")] + [(k.pid, "子女") for k in kids]
        else:  # head is the grandparent; son, daughter-in-law and grandchildren live with them
            gf, gm = self._couple(62, 85, town)
            head = gf if self.rng.random() < 0.7 else gm
            self._member(hh, head, "户主")
            other = gm if head is gf else gf
            if self.rng.random() < 0.8:
                self._member(hh, other, "配偶")
            else:
                other.resident = False
                head.spouse, other.spouse = "", ""
                head.marital, head.deceased_spouse = "丧偶", other.pid
            sb = self.child_birth(gm)
            son = self.person("M", sb, self.local_region(town, sb), surname=gf.surname)
            dib = sb + timedelta(days=self.rng.randint(-700, 1500))
            dil = self.person("F", min(dib, years_before(TODAY, 22)), "310115")
            self._marry(son, dil)
            self._member(hh, son, "子")
            self._member(hh, dil, "其他")
            kids = self._kids(son, dil, self.rng.choice([1, 1, 2]), "310115")
            for k in kids:
                self._member(hh, k, "孙子" if k.sex == "M" else "孙女")
            hh.fp_family = [(son.pid, "户主"), (dil.pid, "配偶")] + [(k.pid, "子女") for k in kids]

    def _hh_elderly(self, hh: Household) -> None:
        town = self._local_home(hh)
        h, w = self._couple(60, 92, town)
        r = self.rng.random()
        if r < 0.55:
            self._member(hh, h, "户主")
            self._member(hh, w, "配偶")
        else:
            alive, dead = (w, h) if r < 0.85 else (h, w)
            dead.resident = False
            alive.spouse = dead.spouse = ""
            alive.marital, alive.deceased_spouse = "丧偶", dead.pid
            self._member(hh, alive, "户主")
            if self.rng.random() < 0.06:  # an unmarried sibling lives with them
                sb = alive.birth + timedelta(days=self.rng.randint(-2000, 2000))
                sib = self.person(
                    self.rng.choice("MF"), sb, self.local_region(town, sb), surname=alive.surname
                )
                self._member(hh, sib, "兄弟姐妹")

    def _hh_single(self, hh: Household) -> None:
        town = self._local_home(hh)
        b = self.birth(22, 45)
        p = self.person(self.rng.choice("MF"), b, self.local_region(town, b))
        self._member(hh, p, "户主")
        r = self.rng.random()
        if r < 0.15:  # married, spouse lives and is registered outside the district
            sb = b + timedelta(days=self.rng.randint(-1500, 1500))
            sp = self.person(
                "F" if p.sex == "M" else "M", sb, self.rng.choice(SHANGHAI_OTHER), resident=False
            )
            self._marry(p, sp)
        elif r < 0.22 and age(b) > 30:
            p.marital = "离婚"

    def _hh_couple(self, hh: Household) -> None:
        town = self._local_home(hh)
        h, w = self._couple(24, 40, town)
        self._member(hh, h, "户主")
        self._member(hh, w, "配偶")

    def _origin(self) -> tuple[str, str, str, str, str, float]:
        return pick(self.rng, [(o, o[5]) for o in MIGRANT_ORIGINS])

    def _hh_migrant_family(self, hh: Household) -> None:
        hh.migrant = True
        hh.home = self.take_dwelling(prefer=("village", "lane"))
        origin = self._origin()
        hh.reg_home = self.hometown(origin)
        region = origin[4]
        hb = self.birth(24, 50)
        uyghur = region.startswith("65") and self.rng.random() < 0.8
        if uyghur:
            h = self.person("M", hb, region, uyghur_father=self.rng.choice(UYGHUR["M"]))
            w = self.person(
                "F",
                hb + timedelta(days=self.rng.randint(-300, 1500)),
                region,
                uyghur_father=self.rng.choice(UYGHUR["M"]),
            )
        else:
            h = self.person("M", hb, region, local=False)
            wr = region if self.rng.random() < 0.8 else self._origin()[4]
            w = self.person("F", hb + timedelta(days=self.rng.randint(-300, 1500)), wr, local=False)
        self._marry(h, w)
        self._member(hh, h, "户主")
        self._member(hh, w, "配偶")
        kids = self._kids(h, w, pick(self.rng, [(0, 0.25), (1, 0.45), (2, 0.3)]), region)
        for k in kids:
            if age(k.birth) < 20:
                self._member(hh, k, "子" if k.sex == "M" else "女")
            else:
                k.resident = False  # stayed in the home county
        hh.fp_family = [(h.pid, "户主"), (w.pid, "配偶")] + [
            (k.pid, "子女") for k in kids if k.pid in hh.members
        ]

    def _hh_migrant_group(self, hh: Household) -> None:
        """群租: unrelated migrants sharing a rented flat, often fellow villagers."""
        hh.migrant = True
        hh.home = self.take_dwelling(prefer=("village", "lane"))
        origin = self._origin()
        sn = self.surname(False)
        for i in range(self.rng.randint(2, 4)):
            o = origin if self.rng.random() < 0.6 else self._origin()
            sex = self.rng.choice("MMF")
            if o[4].startswith("65") and self.rng.random() < 0.8:
                father = self.rng.choice(UYGHUR["M"])
                p = self.person(sex, self.birth(19, 45), o[4], uyghur_father=father)
            else:
                p = self.person(
                    sex,
                    self.birth(19, 45),
                    o[4],
                    local=False,
                    surname=sn if self.rng.random() < 0.3 else None,
                )
            p.reg_home = self.hometown(o)
            self._member(hh, p, "户主" if i == 0 else "其他")

    def _hh_mixed(self, hh: Household) -> None:
        """Local husband, migrant wife who kept her home hukou."""
        self._hh_couple(hh)
        w = self.persons[hh.members[1]]
        o = self._origin()
        w.region = o[4]
        w.reg_home = self.hometown(o)
        w.migrant = True

    def _finish_households(self) -> None:
        for hh in self.households:
            for pid in hh.members:
                p = self.persons[pid]
                p.home = hh.home
                p.migrant = p.migrant or hh.migrant
                if not p.reg_home:
                    p.reg_home = hh.reg_home
                if not p.migrant:
                    p.hukou_no = hh.hukou_no
                    p.person_type = "户籍人口" if p.reg_home == p.home else "人户分离"
                else:
                    p.person_type = "来沪人员"
                p.landline = hh.landline

    def _distinct_family_names(self) -> None:
        """Parents, children, siblings and spouses never share a full name (naming taboo)."""
        for hh in self.households:
            related: list[Person] = []
            for pid in hh.members:
                p = self.persons[pid]
                related.append(p)
                for other in (p.spouse, p.deceased_spouse):
                    if other and self.persons[other] not in related:
                        related.append(self.persons[other])
            seen: set[str] = set()
            for p in related:
                if p.former in seen:
                    p.former = ""
                while p.name in seen or p.name == p.former:
                    if p.minority_father:
                        p.given = self.rng.choice(UYGHUR[p.sex])
                    else:
                        p.given = self.given(p.sex, p.birth)
                seen.add(p.name)
                if p.former:
                    seen.add(p.former)

    def _namesakes(self) -> None:
        """Some unrelated residents share both name and birth date (real in a big district)."""
        res = [p for p in self.persons.values() if p.resident and not p.minority_father]
        by_year: dict[tuple[str, int], list[Person]] = {}
        for p in res:
            by_year.setdefault((p.sex, p.birth.year), []).append(p)
        made = 0
        for _ in range(len(res)):
            if made >= max(2, len(res) // 200):
                break
            a = self.rng.choice(res)
            cands = by_year.get((a.sex, a.birth.year), [])
            b = self.rng.choice(cands)
            if a.household == b.household or a.guard or b.guard:
                continue
            if any(self.persons[m].name == a.name for m in self.households[b.household].members):
                continue
            b.surname, b.given, b.birth = a.surname, a.given, a.birth
            a.guard = b.guard = True
            made += 1

    def _stale_homes(self) -> None:
        for p in self.persons.values():
            if p.resident and self.rng.random() < 0.04:
                p.old_home = self.rng.choice(self.district_ids)
                if p.old_home == p.home:
                    p.old_home = ""

    # ---------------- organisations ----------------
    def _uscc(self, prefix: str, region: str) -> str:
        body8 = "".join(self.rng.choice("0123456789" if i else "MA1234567") for i in range(8))
        body = prefix + region + body8 + orgcode_check(body8)
        return body + uscc_check(body)

    def _org(
        self,
        kind: str,
        name: str,
        forms: list[str],
        uscc: str,
        org_type: str,
        in_registry: bool,
        weight: float,
    ) -> Org:
        oid = f"O{len(self.orgs) + 1}"
        founded = date(
            self.rng.randint(1985, 2023), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        town = self.rng.choice(self.towns)[0]
        roads = self.roads.get(town)
        road = self.rng.choice(roads) if roads else self.road(town)
        addr = self.rng.choice(["中国（上海）自由贸易试验区", "上海市浦东新区", "浦东新区"]) + (
            f"{road}{self.rng.randint(1, 3000)}号{self.rng.randint(1, 30)}层"
            if self.rng.random() < 0.5
            else f"{road}{self.rng.randint(1, 3000)}号{self.rng.randint(1, 9)}幢"
            f"{self.rng.randint(101, 1999)}室"
        )
        o = Org(oid, kind, name, [name, *forms], uscc, org_type, in_registry, founded, addr, weight)
        self.orgs[oid] = o
        return o

    def build_orgs(self) -> None:
        rng = self.rng
        used_towns = []
        for t, _ in self.towns:
            if any(d.town == t for d in self.dwellings.values() if d.in_district):
                used_towns.append(t)
        for t in used_towns:
            # 花木街道→花木, 川沙新镇→川沙, but 唐镇 stays 唐镇 (one-character town names)
            short = t.removesuffix("街道").removesuffix("新镇").removesuffix("镇")
            if len(short) < 2:
                short = t
            if t.endswith("街道"):
                self._org(
                    "gov",
                    f"上海市浦东新区人民政府{t}办事处",
                    [f"浦东新区{t}办事处", f"{t}办事处", f"{t}办"],
                    self._uscc("11", "310115"),
                    "机关",
                    rng.random() < 0.5,
                    3,
                )
            else:
                self._org(
                    "gov",
                    f"上海市浦东新区{t}人民政府",
                    [f"浦东新区{t}人民政府", f"{t}人民政府", f"{t}政府"],
                    self._uscc("11", "310115"),
                    "机关",
                    rng.random() < 0.5,
                    3,
                )
            self._org(
                "hospital",
                f"上海市浦东新区{short}社区卫生服务中心",
                [
                    f"浦东新区{short}社区卫生服务中心",
                    f"{short}社区卫生服务中心",
                    f"{short}社区医院",
                ],
                self._uscc("12", "310115"),
                "事业单位",
                rng.random() < 0.5,
                3,
            )
            for level in rng.sample(["小学", "中学", "幼儿园", "实验小学"], 2):
                stem = self.unique_stem(ESTATE_CHARS)
                name = f"{stem}{level}"
                self._org(
                    "school",
                    f"上海市浦东新区{name}",
                    [f"浦东新区{name}", name],
                    self._uscc("12", "310115"),
                    "事业单位",
                    rng.random() < 0.5,
                    2,
                )
        for full, forms in [
            ("上海市浦东新区人民医院", ["浦东新区人民医院", "浦东人民医院"]),
            ("上海市浦东新区公利医院", ["浦东新区公利医院", "公利医院"]),
            ("上海市浦东医院", ["浦东医院"]),
        ]:
            self._org("hospital", full, forms, self._uscc("12", "310115"), "事业单位", False, 6)
        # residents' / villagers' committees for some containers
        seen: set[str] = set()
        for d in self.dwellings.values():
            if not d.in_district:
                continue
            name = str(d.parts.get("estate") or d.parts.get("village") or "")
            if not name or name in seen or rng.random() < 0.6:
                continue
            seen.add(name)
            if d.kind == "village":
                self._org(
                    "committee",
                    f"{d.town}{name}村民委员会",
                    [f"{name}村民委员会", f"{name}委会"],
                    self._uscc("54", "310115"),
                    "基层群众性自治组织",
                    rng.random() < 0.7,
                    1,
                )
            else:
                self._org(
                    "committee",
                    f"{name}居民委员会",
                    [f"{name}居委会", f"{name}居委"],
                    self._uscc("54", "310115"),
                    "基层群众性自治组织",
                    rng.random() < 0.7,
                    1,
                )
        # companies
        n_comp = max(25, self.n // 22)
        brands = list(BRANDS)
        rng.shuffle(brands)
        taken_bi: set[tuple[str, str]] = set()
        companies: list[Org] = []
        for i in range(n_comp):
            if i < len(brands):
                brand = brands[i]
            else:
                brand = self.unique_stem(ESTATE_CHARS + STEM_CHARS)
            if companies and rng.random() < 0.1:  # same brand, different business
                brand = rng.choice(companies).brand
            if brand in BRAND_LOOKALIKE and rng.random() < 0.5:
                companies.append(self._company(BRAND_LOOKALIKE[brand], taken_bi, "310115"))
            companies.append(self._company(brand, taken_bi, "310115"))
        for c in list(companies):
            if rng.random() < 0.12:  # branches are different organisations from the parent
                for loc in rng.sample(BRANCH_LOCS, rng.choice([1, 1, 2])):
                    self._branch(c, loc)
            if rng.random() < 0.04:  # same brand+business registered in another city
                self._company(c.brand, taken_bi, "110108", twin_of=c)
        self._dedupe_forms()
        self._assign_reps()

    def _company(
        self, brand: str, taken: set[tuple[str, str]], region: str, twin_of: Org | None = None
    ) -> Org:
        rng = self.rng
        if twin_of is not None:
            ind = twin_of.industry
        else:
            ind = rng.choice(INDUSTRIES)
            while (brand, ind) in taken:
                ind = rng.choice(INDUSTRIES)
        taken.add((brand, ind))
        suffix = pick(rng, [("有限公司", 0.7), ("有限责任公司", 0.12), ("股份有限公司", 0.18)])
        city = "上海" if region.startswith("31") else "北京"
        bracketed = rng.random() < 0.2
        canon = f"{brand}{ind}（{city}）{suffix}" if bracketed else f"{city}{brand}{ind}{suffix}"
        alt_suffix = {
            "有限公司": "有限责任公司",
            "有限责任公司": "有限公司",
            "股份有限公司": "股份公司",
        }[suffix]
        forms = [
            f"{brand}{ind}（{city}）{suffix}",
            f"{brand}{ind}({city}){suffix}",
            f"{city}{brand}{ind}{suffix}",
            f"{city}市{brand}{ind}{suffix}",
            f"{city}{brand}{ind}{alt_suffix}",
            f"{brand}{ind}（{city}）{alt_suffix}",
            f"{brand}{ind}",
            f"{city}{brand}{ind}",
            brand,
        ]
        kind = "other_city" if twin_of is not None else "company"
        org_type = {
            "有限公司": "有限责任公司（自然人投资或控股）",
            "有限责任公司": "有限责任公司（自然人独资）",
            "股份有限公司": "股份有限公司（非上市、自然人投资或控股）",
        }[suffix]
        o = self._org(
            kind,
            canon,
            forms,
            self._uscc("91", region),
            org_type,
            kind == "company" and rng.random() < 0.85,
            1.0 / (1 + len(self.orgs)) ** 0.3 * (0.15 if twin_of else 4),
        )
        o.brand, o.industry = brand, ind
        return o

    def _branch(self, parent: Org, loc: str) -> None:
        brand, ind = parent.brand, parent.industry
        name = f"{parent.name}{loc}分公司"
        forms = [f"{f}{loc}分公司" for f in parent.forms[:6]] + [
            f"上海{brand}{ind}{loc}分公司",
            f"{brand}{ind}{loc}分公司",
        ]
        o = self._org(
            "branch",
            name,
            forms,
            self._uscc("91", "310115"),
            "有限责任公司分公司（自然人投资或控股）",
            self.rng.random() < 0.85,
            parent.weight * 0.5,
        )
        o.parent = parent.oid
        o.brand, o.industry = brand, ind

    def _dedupe_forms(self) -> None:
        """Drop any name form that two organisations could both be written as."""
        owners: dict[str, list[str]] = {}
        for o in self.orgs.values():
            for f in dict.fromkeys(norm(f) for f in o.forms):
                owners.setdefault(f, []).append(o.oid)
        for o in self.orgs.values():
            o.forms = [f for f in dict.fromkeys(o.forms) if len(owners[norm(f)]) == 1]
            if o.name not in o.forms:
                raise RuntimeError(f"canonical org name collides: {o.name}")

    def _assign_reps(self) -> None:
        adults = [p for p in self.persons.values() if p.resident and 28 <= age(p.birth) <= 68]
        for o in self.orgs.values():
            if o.kind == "branch" and self.rng.random() < 0.3:
                o.rep = self.orgs[o.parent].rep
            elif (o.kind == "committee" or self.rng.random() < 0.5) and adults:
                o.rep = self.rng.choice(adults).pid
            else:
                b = self.birth(30, 65)
                rp = self.person(
                    self.rng.choice("MMF"), b, self.rng.choice(SHANGHAI_OTHER), resident=False
                )
                o.rep = rp.pid
        self.issue_missing_ids()

    def issue_missing_ids(self) -> None:
        """Persons created after assign_ids (reps, landlords) get their numbers here."""
        for p in self.persons.values():
            if not p.id18:
                ymd = p.birth.strftime("%Y%m%d")
                seq = self.rng.randrange(1, 999)
                while (p.region, ymd, seq) in self._used_seq or (seq % 2 == 1) != (p.sex == "M"):
                    seq = self.rng.randrange(1, 999)
                self._used_seq.add((p.region, ymd, seq))
                body = f"{p.region}{ymd}{seq:03d}"
                p.id18 = body + id_check(body)
                if p.birth.year < 1990:
                    p.id15 = f"{p.region}{ymd[2:]}{seq:03d}"

    def assign_jobs(self) -> None:
        """Employers for working-age residents; students to local schools; placeholders."""
        orgs = list(self.orgs.values())
        weights = [o.weight * (0.3 if o.kind == "school" else 1.0) for o in orgs]
        schools = [o for o in self.orgs.values() if o.kind == "school"]
        for p in self.persons.values():
            if not p.resident:
                continue
            a = age(p.birth)
            retire = 60 if p.sex == "M" else 55
            if a < 6:
                continue
            if a < 18:
                if schools and self.rng.random() < 0.5:
                    p.employer = self.rng.choice(schools).oid
                else:
                    p.placeholder = "学生" if self.rng.random() < 0.6 else ""
            elif a < 22 and self.rng.random() < 0.6:
                p.placeholder = "学生" if self.rng.random() < 0.6 else ""
            elif a >= retire and self.rng.random() < 0.9:
                p.placeholder = "退休" if self.rng.random() < 0.7 else ""
            elif self.rng.random() < 0.8:
                p.employer = self.rng.choices(orgs, weights)[0].oid
                if self.rng.random() < 0.05:
                    p.old_employer = self.rng.choices(orgs, weights)[0].oid
                    if p.old_employer == p.employer:
                        p.old_employer = ""
            else:
                p.placeholder = self.rng.choice(["待业", "无业", "自由职业", "无", "暂无", ""])

    def assign_housing(self) -> None:
        """Owners (resident, landlord elsewhere, or a company) and tenants for each flat."""
        lived: dict[str, Household] = {hh.home: hh for hh in self.households}
        owners_pool = [
            p for p in self.persons.values() if p.resident and not p.migrant and age(p.birth) >= 35
        ]
        companies = [o for o in self.orgs.values() if o.kind == "company"]
        for hid, d in self.dwellings.items():
            if not d.in_district:
                continue
            hh = lived.get(hid)
            if hh is not None and not hh.migrant and self.rng.random() < 0.85:
                adults = [m for m in hh.members if age(self.persons[m].birth) >= 22]
                d.owner = self.rng.choice(adults[:2] or hh.members)
                continue
            r = self.rng.random()
            if r < 0.3 and owners_pool:
                d.owner = self.rng.choice(owners_pool).pid
            elif r < 0.9 or not companies:
                b = self.birth(35, 80)
                lp = self.person(
                    self.rng.choice("MF"), b, self.rng.choice(SHANGHAI_OTHER), resident=False
                )
                d.owner = lp.pid
            else:
                d.owner = self.rng.choice(companies).oid
                d.usage = self.rng.choice(["住宅", "办公", "商住"])
            if hh is not None:
                d.tenant = hh.members[0]
        self.issue_missing_ids()  # the landlords created above


# --------------------------------------------------------------------------------------------
# Rendering: one department clerk's way of writing a true value
# --------------------------------------------------------------------------------------------
class Render:
    def __init__(self, world: World) -> None:
        self.w = world
        self.c = world.ctx
        self.rng = world.rng
        self.all_ids = {p.id18 for p in world.persons.values()} | {
            p.id15 for p in world.persons.values() if p.id15
        }
        counts = Counter(p.name for p in world.persons.values())
        counts.update(p.former for p in world.persons.values() if p.former)
        self.shared_names = {n for n, k in counts.items() if k > 1}

    def needs_id(self, p: Person) -> bool:
        """A name-only reference to this person would be undecidable: always write the ID.

        Used where nothing else in the row anchors the person (landlords who live elsewhere,
        non-resident spouses, legal representatives) and the name is shared in the world.
        """
        return p.guard or p.name in self.shared_names

    # ---- names ----
    def name(self, p: Person, *, allow_former: bool = False) -> str:
        c = self.c
        if p.minority_father:
            dot = c.form([(d, w) for d, w in zip(DOTS, [0.6, 0.1, 0.1, 0.1, 0.1], strict=True)])
            if c.p("minority_no_dot"):
                dot = self.rng.choice(["", " "])
            s = p.given + dot + p.minority_father
        elif allow_former and p.former and c.p("name_former_used"):
            s = p.former
        else:
            given = p.given
            if c.p("name_homophone"):
                idx = [i for i, ch in enumerate(given) if ch in HOMOPHONE]
                if idx:
                    i = self.rng.choice(idx)
                    given = given[:i] + HOMOPHONE[given[i]] + given[i + 1 :]
            s = p.surname + given
        if c.p("name_trad"):
            s = trad(s)
        if c.p("name_space"):
            i = self.rng.randint(0, len(s))
            s = (s[:i] + self.rng.choice([" ", "  ", "\u3000"]) + s[i:]).strip(" ") or s
            if self.rng.random() < 0.3:
                s = s + " "
        return s

    # ---- IDs ----
    def pid_number(self, p: Person, *, blank_rate: float = 0.0, force: bool = False) -> str:
        c, rng = self.c, self.rng
        if not (p.guard or force) and (c.p("id_blank") or rng.random() < blank_rate):
            return ""
        s = p.id15 if p.id15 and c.p("id_legacy15") else p.id18
        if c.p("id_typo"):
            i = rng.randrange(len(s) - (1 if len(s) == 18 else 0))
            t = s[:i] + rng.choice([d for d in "0123456789" if d != s[i]]) + s[i + 1 :]
            if t not in self.all_ids:
                s = t
        elif c.p("id_swap"):
            i = rng.randrange(6, len(s) - 2)
            if s[i] != s[i + 1]:
                t = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
                if t not in self.all_ids:
                    s = t
        if s.endswith("X") and c.p("id_lower_x"):
            s = s[:-1] + "x"
        if c.p("id_separator"):
            sep = rng.choice([" ", "-"])
            s = (
                sep.join([s[:6], s[6:14], s[14:]])
                if len(s) == 18
                else sep.join([s[:6], s[6:12], s[12:]])
            )
        if c.p("id_fullwidth"):
            s = fullwidth(s)
        return s

    # ---- dates ----
    def date(self, d: date, forms: Sequence[tuple[str, float]], *, allow_typo: bool = True) -> str:
        c = self.c
        if c.p("date_blank"):
            return ""
        if allow_typo and c.p("date_typo"):
            kind = self.rng.choice(["day", "year", "month"])
            try:
                if kind == "day":
                    d = d.replace(day=max(1, min(28, d.day + self.rng.choice([-10, -1, 1, 10]))))
                elif kind == "year":
                    d = d.replace(year=d.year + self.rng.choice([-1, 1, -10]))
                else:
                    d = d.replace(month=max(1, min(12, d.month + self.rng.choice([-1, 1]))))
            except ValueError:
                pass
        f = c.form(forms)
        y, m, dd = d.year, d.month, d.day
        return {
            "ymd": f"{y}{m:02d}{dd:02d}",
            "dash": f"{y}-{m:02d}-{dd:02d}",
            "slash": f"{y}/{m}/{dd}",
            "dot": f"{y}.{m:02d}.{dd:02d}",
            "cn": f"{y}年{m}月{dd}日",
            "ym_dash": f"{y}-{m:02d}",
            "ym": f"{y}{m:02d}",
            "ym_cn": f"{y}年{m}月",
        }[f]

    def sex(self, p: Person, forms: Sequence[tuple[str, float]]) -> str:
        if self.c.p("sex_blank"):
            return ""
        f = self.c.form(forms)
        return {
            "cn": {"M": "男", "F": "女"},
            "num": {"M": "1", "F": "2"},
            "en": {"M": "M", "F": "F"},
        }[f][p.sex]

    # ---- phones ----
    def mobile(self, m: str) -> str:
        f = self.c.form(
            [
                ("plain", 0.6),
                ("p86sp", 0.08),
                ("dash", 0.1),
                ("p86", 0.07),
                ("sp", 0.08),
                ("86dash", 0.03),
            ]
        )
        return {
            "plain": m,
            "p86sp": f"+86 {m[:3]} {m[3:7]} {m[7:]}",
            "dash": f"{m[:3]}-{m[3:7]}-{m[7:]}",
            "p86": f"+86{m}",
            "sp": f"{m[:3]} {m[3:7]} {m[7:]}",
            "86dash": f"86-{m}",
        }[f]

    def land(self, n: str) -> str:
        f = self.c.form([("dash", 0.5), ("paren", 0.15), ("bare", 0.3), ("sp", 0.05)])
        return {"dash": f"021-{n}", "paren": f"(021){n}", "bare": n, "sp": f"021 {n[:4]} {n[4:]}"}[
            f
        ]

    def phone(self, p: Person, *, stale_ok: bool, prefer_land: float = 0.1) -> str:
        if self.c.p("phone_blank"):
            return ""
        num = p.phone
        if stale_ok and p.old_phone and self.c.p("phone_old"):
            num = p.old_phone
        if p.landline and (not num or self.rng.random() < prefer_land):
            return self.land(p.landline)
        return self.mobile(num) if num else ""

    # ---- addresses ----
    def address(self, hid: str) -> str:
        d = self.w.dwellings[hid]
        s = self._hometown(d) if d.kind == "hometown" else self._district(d)
        c = self.c
        if c.p("addr_fullwidth"):
            s = fullwidth(s)
        if c.p("addr_trad"):
            s = trad(s)
        return s

    def _n(self, n: int | str) -> str:
        n = int(n)
        return cn_num(n) if n < 100 and self.c.p("addr_cn_numeral") else str(n)

    def _room(self, house: str, room: int | str, arabic: int | str) -> str:
        """House/building number plus room; the dash form always uses arabic digits."""
        f = self.c.form(
            [
                ("shi", 0.45),
                ("space", 0.1),
                ("dash", 0.15),
                ("bare", 0.12),
                ("fang", 0.08),
                ("hao", 0.03),
            ]
        )
        return {
            "shi": f"{house}号{room}室",
            "space": f"{house}号 {room}",
            "dash": f"{arabic}-{room}",
            "bare": f"{house}号{room}",
            "fang": f"{house}号{room}房",
            "hao": f"{house}号{room}号",
        }[f]

    def _district(self, d: Dwelling) -> str:
        c, rng, p = self.c, self.rng, d.parts
        prefix = c.form(
            [
                ("上海市浦东新区", 0.35),
                ("上海浦东新区", 0.1),
                ("浦东新区", 0.25),
                ("", 0.22),
                ("上海市", 0.05),
                ("上海", 0.03),
            ]
        )
        town = d.town if rng.random() < (0.55 if d.kind == "village" else 0.3) else ""
        body: list[str]
        if d.kind == "lane":
            road = str(p["road"])
            if c.p("addr_suffix_variant"):
                road = road[:-1] + "街"
            lane = f"{p['lane']}弄" + (f"{self._n(p['sub'])}支弄" if "sub" in p else "")
            head = [] if c.p("addr_drop_road") else [road]
            h = self._n(p["house"])
            tail = self._room(h, p["room"], p["house"]) if "room" in p else f"{h}号"
            body = [*head, lane, tail]
        elif d.kind in ("xincun", "building", "garden"):
            estate = str(p["estate"])
            head = [estate]
            if "alias_road" in p and c.p("addr_estate_alias"):
                alias = f"{p['alias_road']}{p['alias_lane']}弄"
                head = [alias] if rng.random() < 0.6 else [alias, estate]
            b = self._n(p["bld"])
            if d.kind == "xincun":
                tail = self._room(b, p["room"], p["bld"])
            elif d.kind == "building":
                if rng.random() < 0.2:
                    tail = self._room(b, p["room"], p["bld"])
                else:
                    bw = c.form(
                        [("号楼", 0.45), ("幢", 0.2), ("栋", 0.15), ("座", 0.1), ("号", 0.1)]
                    )
                    rw = c.form([("室", 0.65), ("", 0.25), ("房", 0.1)])
                    tail = f"{b}{bw}{p['room']}{rw}"
                    if rng.random() < 0.12:
                        tail = f"{p['bld']}-{p['room']}"
            else:
                u = self._n(p["unit"])
                if rng.random() < 0.15:
                    tail = f"{p['bld']}-{p['unit']}-{p['room']}"
                else:
                    bw = c.form([("幢", 0.4), ("号楼", 0.35), ("栋", 0.15), ("号", 0.1)])
                    rw = c.form([("室", 0.6), ("", 0.3), ("房", 0.1)])
                    tail = f"{b}{bw}{u}单元{p['room']}{rw}"
            body = [*head, tail]
        else:  # village
            g = self._n(p["group"])
            gw = c.form([("组", 0.75), ("队", 0.1), ("", 0.15)])
            grp = f"{g}{gw}" if gw else ""
            body = [str(p["village"]), grp, f"{p['num']}号"]
            if not town and rng.random() < 0.5:
                town = d.town
        parts = [x for x in [prefix, town, *body] if x]
        joiner = " " if c.p("addr_space") else ""
        return joiner.join(parts)

    def _hometown(self, d: Dwelling) -> str:
        p = self.c.form([("full", 0.5), ("short", 0.2), ("county", 0.2), ("nocity", 0.1)])
        pp = d.parts
        prov = {"full": pp["prov"], "short": pp["short"], "county": "", "nocity": pp["prov"]}[p]
        pref = "" if p in ("county", "nocity") else pp["pref"]
        if p == "short":
            pref = str(pp["pref"]).removesuffix("市")
        grp = f"{self._n(pp['group'])}组" if self.rng.random() < 0.8 else ""
        parts = [f"{prov}{pref}{pp['county']}", d.town, f"{pp['village']}{grp}{pp['num']}号"]
        return (" " if self.c.p("addr_space") else "").join(x for x in parts if x)

    # ---- organisations ----
    def org_name(self, oid: str, *, registry: bool = False) -> str:
        o = self.w.orgs[oid]
        c = self.c
        s = o.name
        if len(o.forms) > 1 and (
            self.rng.random() < (0.1 if registry else 1.0) and c.p("org_variant")
        ):
            s = self.rng.choice(o.forms[1:])
        if c.p("org_trad"):
            s = trad(s)
        if c.p("org_space"):
            i = self.rng.randint(1, max(1, len(s) - 1))
            s = s[:i] + " " + s[i:]
        return s

    def uscc(self, o: Org) -> str:
        c, rng = self.c, self.rng
        if c.p("uscc_blank"):
            return ""
        s = o.uscc
        if c.p("uscc_typo"):
            i = rng.randrange(2, 18)
            s = s[:i] + rng.choice([x for x in "0123456789" if x != s[i]]) + s[i + 1 :]
        if rng.random() < 0.02 * (HARD_FACTOR if c.hard else 1):
            s = s.lower()
        return s

    def employer(self, p: Person, *, stale_ok: bool) -> tuple[str, str]:
        """(text, org id or '') for 服务处所 / 工作单位."""
        oid = p.employer
        if stale_ok and p.old_employer and self.c.p("employer_stale"):
            oid = p.old_employer
        if oid:
            if self.rng.random() < 0.08:  # clerk left it blank
                return "", ""
            return self.org_name(oid), oid
        return p.placeholder, ""


# --------------------------------------------------------------------------------------------
# Source writers
# --------------------------------------------------------------------------------------------
Row = tuple[dict[str, str], list[tuple[str, str]]]  # (cells, [(role, entity_id)])

HEADERS: dict[str, list[str]] = {
    "police": ["记录编号", "姓名", "曾用名", "性别", "民族", "出生日期", "公民身份号码", "户号",
               "与户主关系", "户籍地址", "现住址", "服务处所", "联系电话", "人员类型"],
    "civil_affairs": ["编号", "姓名", "身份证号", "性别", "出生年月", "居住地址", "联系电话",
                      "婚姻状况", "配偶姓名", "配偶身份证号", "服务类别"],
    "family_planning": ["档案号", "家庭档案号", "姓名", "身份证号", "性别", "出生日期", "家庭角色",
                        "现居住地址", "户籍地址", "工作单位", "手机号码"],
    "housing": ["房屋编号", "房屋地址", "房屋用途", "产权人姓名", "产权人证件号码", "承租人姓名",
                "承租人证件号码"],
    "organisations": ["登记编号", "统一社会信用代码", "单位名称", "单位类型", "法定代表人",
                      "法定代表人证件号码", "注册地址", "成立日期"],
}  # fmt: skip
FILES = {
    "police": ("police.csv", "gb18030"),
    "civil_affairs": ("civil_affairs.xlsx", ""),
    "family_planning": ("family_planning.csv", "utf-8-sig"),
    "housing": ("housing.csv", "utf-8"),
    "organisations": ("organisations.csv", "utf-8"),
}
ID_PREFIX = {
    "police": "GA",
    "civil_affairs": "MZ2024",
    "family_planning": "JS",
    "housing": "FW310115",
    "organisations": "DJ",
}
EXTRA_COLS = {"police": ["备注", "更新时间"], "family_planning": ["更新时间"], "housing": ["备注"]}

POLICE_DATES = [("ymd", 0.45), ("dash", 0.3), ("slash", 0.1), ("dot", 0.05), ("cn", 0.1)]
FP_DATES = [("dash", 0.4), ("slash", 0.2), ("ymd", 0.2), ("cn", 0.1), ("dot", 0.1)]
ORG_DATES = [("dash", 0.5), ("ymd", 0.2), ("cn", 0.2), ("slash", 0.1)]
CA_MONTHS = [("ym_dash", 0.5), ("ym", 0.3), ("ym_cn", 0.2)]


class Sources:
    """Writes each department's partial, error-laden view of the world."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.r = Render(world)
        self.rng = world.rng
        self.c = world.ctx

    def _home(self, p: Person, *, stale_ok: bool) -> str:
        if stale_ok and p.old_home and self.c.p("addr_stale"):
            return p.old_home
        return p.home

    def police(self) -> list[Row]:
        rows: list[Row] = []
        for p in self.w.persons.values():
            if not p.resident or self.rng.random() > (0.85 if p.migrant else 0.97):
                continue
            copies = 2 if self.c.p("police_dup") else 1
            for _ in range(copies):
                rows.append(self._police_row(p))
        return rows

    def _police_row(self, p: Person) -> Row:
        r, rng = self.r, self.rng
        refs: list[tuple[str, str]] = [("person", p.pid)]
        home = p.home if rng.random() > 0.02 else ""
        reg = p.reg_home if rng.random() > 0.03 else ""
        emp_text, emp = r.employer(p, stale_ok=False)
        if home:
            refs.append(("house", home))
        if reg:
            refs.append(("registered_house", reg))
        if emp:
            refs.append(("employer", emp))
        child = age(p.birth) < 14
        phone = r.phone(p, stale_ok=False, prefer_land=0.3)
        if child and not phone and rng.random() < 0.4:  # a parent's number
            hh = self.w.households[p.household]
            parent = self.w.persons[hh.members[0]]
            phone = r.mobile(parent.phone) if parent.phone else ""
        cells = {
            "姓名": r.name(p),
            "曾用名": p.former if p.former and rng.random() < 0.8 else "",
            "性别": r.sex(p, [("cn", 0.9), ("num", 0.08), ("en", 0.02)]),
            "民族": p.ethnic if rng.random() < 0.8 else p.ethnic.removesuffix("族"),
            "出生日期": r.date(p.birth, POLICE_DATES),
            "公民身份号码": r.pid_number(p, blank_rate=0.05 if child else 0.0),
            "户号": p.hukou_no,
            "与户主关系": p.relation if rng.random() > 0.03 else "",
            "户籍地址": r.address(reg) if reg else "",
            "现住址": r.address(home) if home else "",
            "服务处所": emp_text,
            "联系电话": phone,
            "人员类型": p.person_type,
        }
        return cells, refs

    def civil_affairs(self) -> list[Row]:
        rows: list[Row] = []
        for p in self.w.persons.values():
            if not p.resident:
                continue
            a = age(p.birth)
            cats: list[str] = []
            if a >= 60 and self.rng.random() < 0.6:
                cats.append(
                    "高龄津贴" if a >= 80 else self.rng.choice(["居家养老服务", "老年综合津贴"])
                )
                if self.rng.random() < 0.15:
                    cats.append("养老服务补贴")
            if not p.migrant and a >= 18 and self.rng.random() < 0.04:
                cats.append(self.rng.choice(["最低生活保障", "临时救助"]))
            if a >= 16 and self.rng.random() < 0.02:
                cats.append("残疾人两项补贴")
            if p.marital == "已婚" and a <= 40 and self.rng.random() < 0.25:
                cats.append("婚姻登记")
            if p.sex == "M" and a >= 45 and self.rng.random() < 0.01:
                cats.append("优抚对象")
            for cat in cats:
                rows.append(self._ca_row(p, cat))
        return rows

    def _ca_row(self, p: Person, cat: str) -> Row:
        r, rng = self.r, self.rng
        refs: list[tuple[str, str]] = [("person", p.pid)]
        home = self._home(p, stale_ok=True)
        refs.append(("house", home))
        sp_name = sp_id = ""
        if p.spouse:
            sp = self.w.persons[p.spouse]
            force = not sp.resident and r.needs_id(sp)
            sp_name = r.name(sp) if rng.random() < 0.92 else ""
            sp_id = r.pid_number(sp, blank_rate=0.25, force=force)
            if rng.random() > 0.85 and not force and sp_name:
                sp_id = ""
        elif p.deceased_spouse and rng.random() < 0.5:
            sp = self.w.persons[p.deceased_spouse]
            force = r.needs_id(sp)
            sp_name = r.name(sp)
            sp_id = r.pid_number(sp, blank_rate=0.7, force=force)
            if rng.random() > 0.4 and not force:
                sp_id = ""
        if sp_name or sp_id:
            refs.append(("spouse", p.spouse or p.deceased_spouse))
        cells = {
            "姓名": r.name(p, allow_former=True),
            "身份证号": r.pid_number(p),
            "性别": r.sex(p, [("cn", 0.95), ("num", 0.05)]),
            "出生年月": r.date(p.birth, CA_MONTHS),
            "居住地址": r.address(home),
            "联系电话": r.phone(p, stale_ok=True, prefer_land=0.5),
            "婚姻状况": p.marital if rng.random() > 0.04 else "",
            "配偶姓名": sp_name,
            "配偶身份证号": sp_id,
            "服务类别": cat,
        }
        return cells, refs

    def family_planning(self) -> list[Row]:
        rows: list[Row] = []
        fam_no = 0
        for hh in self.w.households:
            if not hh.fp_family or not any(role == "子女" for _, role in hh.fp_family):
                continue
            if self.rng.random() > (0.6 if hh.migrant else 0.8):
                continue
            fam_no += 1
            fno = f"JT{310115000000 + fam_no * 7 + self.rng.randrange(7)}"
            parents = [self.w.persons[pid] for pid, role in hh.fp_family if role != "子女"]
            for pid, role in hh.fp_family:
                p = self.w.persons[pid]
                rows.append(self._fp_row(p, role, fno, parents))
        return rows

    def _fp_row(self, p: Person, role: str, fno: str, parents: list[Person]) -> Row:
        r, rng = self.r, self.rng
        refs: list[tuple[str, str]] = [("person", p.pid)]
        home = self._home(p, stale_ok=True)
        refs.append(("house", home))
        reg = p.reg_home if rng.random() < 0.85 else ""
        if reg:
            refs.append(("registered_house", reg))
        emp_text, emp = r.employer(p, stale_ok=True)
        if emp:
            refs.append(("employer", emp))
        phone = r.phone(p, stale_ok=True)
        if not phone and role == "子女" and rng.random() < 0.6:
            par = rng.choice(parents)
            phone = r.mobile(par.phone) if par.phone else ""
        kid = age(p.birth) < 16
        cells = {
            "家庭档案号": fno,
            "姓名": r.name(p, allow_former=True),
            "身份证号": r.pid_number(p, blank_rate=0.1 if kid else 0.0),
            "性别": r.sex(p, [("cn", 0.75), ("en", 0.2), ("num", 0.05)]),
            "出生日期": r.date(p.birth, FP_DATES),
            "家庭角色": role if rng.random() > 0.02 else "",
            "现居住地址": r.address(home),
            "户籍地址": r.address(reg) if reg else "",
            "工作单位": emp_text,
            "手机号码": phone,
        }
        return cells, refs

    def housing(self) -> list[Row]:
        rows: list[Row] = []
        for hid, d in self.w.dwellings.items():
            if not d.in_district:
                continue
            copies = 2 if self.c.p("housing_dup") else 1
            for _ in range(copies):
                rows.append(self._housing_row(hid, d))
        return rows

    def _holder(self, ent: str, blank_rate: float, hid: str) -> tuple[str, str]:
        if ent.startswith("O"):
            o = self.w.orgs[ent]
            return self.r.org_name(ent, registry=True), self.r.uscc(o)
        p = self.w.persons[ent]
        force = p.home != hid and self.r.needs_id(p)  # a landlord living elsewhere
        return self.r.name(p), self.r.pid_number(p, blank_rate=blank_rate, force=force)

    def _housing_row(self, hid: str, d: Dwelling) -> Row:
        refs: list[tuple[str, str]] = [("house", hid)]
        on, oi = self._holder(d.owner, 0.1, hid) if d.owner else ("", "")
        if on or oi:
            refs.append(("owner", d.owner))
        tn = ti = ""
        if d.tenant and self.rng.random() < 0.85:
            tn, ti = self._holder(d.tenant, 0.08, hid)
            if tn or ti:
                refs.append(("tenant", d.tenant))
        cells = {
            "房屋地址": self.r.address(hid),
            "房屋用途": d.usage,
            "产权人姓名": on,
            "产权人证件号码": oi,
            "承租人姓名": tn,
            "承租人证件号码": ti,
        }
        return cells, refs

    def organisations(self) -> list[Row]:
        rows: list[Row] = []
        for o in self.w.orgs.values():
            if not o.in_registry:
                continue
            copies = 2 if self.c.p("org_dup") else 1
            for i in range(copies):
                rows.append(self._org_row(o, dup=i > 0))
        return rows

    def _org_row(self, o: Org, *, dup: bool) -> Row:
        r = self.r
        refs: list[tuple[str, str]] = [("organisation", o.oid)]
        rep_name = rep_id = ""
        if o.rep and self.rng.random() < 0.95:
            rp = self.w.persons[o.rep]
            rep_name = r.name(rp)
            rep_id = r.pid_number(rp, blank_rate=0.15, force=r.needs_id(rp))
            if rep_name or rep_id:
                refs.append(("legal_rep", o.rep))
        name = r.org_name(o.oid, registry=True)
        legal = [f for f in o.forms[1:] if f.endswith(o.name[-3:])]  # full legal names only
        if dup and legal and self.rng.random() < 0.5:
            name = self.rng.choice(legal)
        cells = {
            "统一社会信用代码": r.uscc(o) if not dup or self.rng.random() < 0.6 else "",
            "单位名称": name,
            "单位类型": o.org_type,
            "法定代表人": rep_name,
            "法定代表人证件号码": rep_id,
            "注册地址": o.reg_address,
            "成立日期": r.date(o.founded, ORG_DATES, allow_typo=False),
        }
        return cells, refs


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
def layout(ctx: Ctx, src: str) -> list[str]:
    """Header order: the contract's, or in hard mode shuffled with extra columns mixed in."""
    cols = list(HEADERS[src])
    if not ctx.hard:
        return cols
    cols += EXTRA_COLS.get(src, [])
    if src == "organisations":  # even the record id column moves
        ctx.rng.shuffle(cols)
    else:
        rest = cols[1:]
        ctx.rng.shuffle(rest)
        cols = [cols[0], *rest]
    return cols


def extra_value(ctx: Ctx, col: str) -> str:
    rng = ctx.rng
    if col == "更新时间":
        d = date(2023, 1, 1) + timedelta(days=rng.randrange(540))
        return f"{d.isoformat()} {rng.randrange(8, 19):02d}:{rng.randrange(60):02d}:00"
    return pick(
        rng,
        [
            ("", 0.8),
            ("已核实", 0.06),
            ("待核查", 0.05),
            ("已走访,信息一致", 0.05),
            ("联系不上\n需再访", 0.02),
            ('户主称"已搬离"', 0.02),
        ],
    )


def write_source(ctx: Ctx, out: str, src: str, rows: list[Row], truth: list[list[str]]) -> int:
    """Shuffle rows, number them, write the file and its truth rows."""
    ctx.rng.shuffle(rows)
    cols = layout(ctx, src)
    id_col = HEADERS[src][0]
    table: list[list[str]] = []
    seq = 0
    for cells, refs in rows:
        seq += ctx.rng.randint(1, 3)
        rid = f"{ID_PREFIX[src]}{seq:07d}"
        cells = {id_col: rid, **cells}
        table.append([cells.get(c, "") if c in cells else extra_value(ctx, c) for c in cols])
        for role, ent in refs:
            truth.append([src, rid, role, ent])
    fn, enc = FILES[src]
    path = os.path.join(out, fn)
    if enc:
        with open(path, "w", encoding=enc, newline="") as f:
            wr = csv.writer(f, lineterminator="\r\n")
            wr.writerow(cols)
            wr.writerows(table)
    else:
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("服务对象")
        ws.append(cols)
        for row in table:
            ws.append(row)
        wb.save(path)
    return len(table)


def generate(residents: int, seed: int, difficulty: str, out: str) -> dict[str, object]:
    t0 = time.time()
    ctx = Ctx(seed, difficulty == "hard")
    world = World(ctx, residents)
    world.build()
    world.build_orgs()
    world.assign_jobs()
    world.assign_housing()
    src = Sources(world)
    os.makedirs(out, exist_ok=True)
    truth: list[list[str]] = []
    counts: dict[str, int] = {}
    for name in HEADERS:
        counts[name] = write_source(ctx, out, name, getattr(src, name)(), truth)
    with open(os.path.join(out, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["source", "record_id", "role", "entity_id"])
        wr.writerows(truth)
    persons = world.persons.values()
    return {
        "residents": sum(1 for p in persons if p.resident),
        "persons_total": len(world.persons),
        "households": len(world.households),
        "dwellings_in_district": sum(1 for d in world.dwellings.values() if d.in_district),
        "dwellings_total": len(world.dwellings),
        "organisations": len(world.orgs),
        "rows": counts,
        "truth_rows": len(truth),
        "truth_by_role": dict(Counter(t[2] for t in truth)),
        "difficulty": difficulty,
        "seed": seed,
        "rates": ctx.rates,
        "seconds": round(time.time() - t0, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--residents", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--difficulty", choices=["normal", "hard"], default="normal")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    summary = generate(a.residents, a.seed, a.difficulty, a.out)
    sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
