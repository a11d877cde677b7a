#!/usr/bin/env python3
"""Independent test-data generator: a fictional 陕西省西安市雁塔区 ("one person, one record").

Written from /work/shared/data-contract.md alone. A coherent world is modelled first
(households, twins, namesakes, migrants from Shaanxi/Gansu/Henan/Qinghai/Xinjiang/Ningxia
counties, Hui families registered in the 莲湖 old city, work-unit compounds, 城中村 plots and
their resettlement estates, companies / branches / 个体工商户 / work units), then each
department's partial, error-laden view of it.

usage: district.py --residents N --seed S --out DIR [--difficulty normal|hard]
writes DIR/{police.csv, civil_affairs.xlsx, family_planning.csv, housing.csv,
organisations.csv, truth.csv}; prints a JSON summary.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
from collections import Counter
from datetime import date, datetime, timedelta

REF = date(2024, 6, 30)

# --------------------------------------------------------------------------- rates
RATES = {
    "normal": dict(
        id_blank={
            "police": 0.004,
            "civil": 0.04,
            "fp": 0.03,
            "housing": 0.05,
            "org": 0.08,
            "spouse": 0.30,
        },
        id15={
            "police": 0.04,
            "civil": 0.35,
            "fp": 0.10,
            "housing": 0.25,
            "org": 0.15,
            "spouse": 0.35,
        },
        id_typo=0.008,
        id_transpose=0.004,
        id_fullwidth=0.01,
        id_sep=0.01,
        id_lower_x=0.5,
        id_relative_civil=0.01,
        id_mother_newborn=0.15,
        newborn_noid=0.5,
        xlsx_num=0.04,
        xlsx_apos=0.03,
        xlsx_datecell=0.0,
        name_homophone=0.015,
        name_trad=0.005,
        name_trad_old=0.04,
        name_space=0.01,
        name_former=0.15,
        name_translit=0.25,
        name_truncate=0.0,
        surname_homophone=0.1,
        date_offday=0.004,
        date_swap=0.003,
        date_lunar=0.0,
        gender_blank=0.02,
        gender_code=0.15,
        addr_fullwidth=0.02,
        addr_cn=0.04,
        addr_typo=0.004,
        addr_wrong_district=0.0,
        addr_same_reg=0.004,
        addr_stale=0.5,
        addr_suffix_swap=0.0,
        addr_group_word=0.0,
        phone_blank=0.15,
        phone_spouse=0.15,
        org_short=0.15,
        org_variant=0.15,
        org_dept=0.02,
        org_retired=0.5,
        org_code_blank=0.05,
        org_code_typo=0.01,
        org_dup=0.04,
        police_dup=0.008,
        housing_dup=0.01,
        mover=0.04,
        namesake=0.01,
        twins=0.03,
        police_missing=0.02,
    ),
    "hard": dict(
        id_blank={
            "police": 0.012,
            "civil": 0.10,
            "fp": 0.08,
            "housing": 0.12,
            "org": 0.18,
            "spouse": 0.45,
        },
        id15={
            "police": 0.08,
            "civil": 0.55,
            "fp": 0.20,
            "housing": 0.40,
            "org": 0.25,
            "spouse": 0.5,
        },
        id_typo=0.025,
        id_transpose=0.012,
        id_fullwidth=0.03,
        id_sep=0.03,
        id_lower_x=0.6,
        id_relative_civil=0.03,
        id_mother_newborn=0.3,
        newborn_noid=0.6,
        xlsx_num=0.12,
        xlsx_apos=0.06,
        xlsx_datecell=0.05,
        name_homophone=0.045,
        name_trad=0.015,
        name_trad_old=0.10,
        name_space=0.03,
        name_former=0.3,
        name_translit=0.5,
        name_truncate=0.2,
        surname_homophone=0.15,
        date_offday=0.015,
        date_swap=0.01,
        date_lunar=0.03,
        gender_blank=0.05,
        gender_code=0.3,
        addr_fullwidth=0.05,
        addr_cn=0.08,
        addr_typo=0.015,
        addr_wrong_district=0.02,
        addr_same_reg=0.02,
        addr_stale=0.7,
        addr_suffix_swap=0.05,
        addr_group_word=0.3,
        phone_blank=0.25,
        phone_spouse=0.3,
        org_short=0.3,
        org_variant=0.3,
        org_dept=0.05,
        org_retired=0.7,
        org_code_blank=0.15,
        org_code_typo=0.03,
        org_dup=0.08,
        police_dup=0.02,
        housing_dup=0.025,
        mover=0.07,
        namesake=0.02,
        twins=0.04,
        police_missing=0.04,
    ),
}

# --------------------------------------------------------------------------- vocab
CN_D = "〇一二三四五六七八九"


def cn_num(n: int) -> str:
    if n < 10:
        return "零一二三四五六七八九"[n]
    if n < 20:
        return "十" + (CN_D[n % 10] if n % 10 else "")
    if n < 100:
        return CN_D[n // 10] + "十" + (CN_D[n % 10] if n % 10 else "")
    return "".join(CN_D[int(c)] for c in str(n))


FWT = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789-()#"})


def fw(s: str) -> str:
    return s.translate(FWT)


ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_C = "10X98765432"


def id_check(s17: str) -> str:
    return ID_C[sum(int(c) * w for c, w in zip(s17, ID_W, strict=False)) % 11]


CC_A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def cc_check(s17: str) -> str:
    v = 31 - sum(CC_A.index(c) * w for c, w in zip(s17, CC_W, strict=False)) % 31
    return CC_A[0 if v == 31 else v]


def orgcode(rng) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(8))
    v = 11 - sum(int(c) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
    return body + ("X" if v == 10 else "0" if v == 11 else str(v))


HAN_SUR = (
    "王" * 14
    + "李" * 12
    + "张" * 11
    + "刘" * 10
    + "杨" * 7
    + "赵" * 5
    + "陈" * 5
    + "高" * 4
    + "郭" * 3
    + "孙" * 3
    + "何" * 2
    + "周" * 2
    + "吴" * 2
    + "徐" * 2
    + "朱" * 2
    + "胡" * 2
    + "田" * 3
    + "杜" * 3
    + "雷" * 3
    + "贾" * 2
    + "薛" * 2
    + "冯" * 2
    + "惠"
    + "党" * 2
    + "樊" * 2
    + "强"
    + "屈"
    + "寇"
    + "师"
    + "权"
    + "焦"
    + "宁"
    + "景"
    + "呼"
    + "拓"
    + "同"
    + "史" * 2
    + "任" * 2
    + "韩" * 2
    + "梁" * 2
    + "宋" * 2
    + "董" * 2
    + "曹"
    + "袁"
    + "邓"
    + "许"
    + "程"
    + "姚"
    + "范"
    + "石"
    + "秦"
    + "侯"
    + "孟"
    + "尚"
    + "鱼"
    + "晁"
    + "苏"
    + "吕"
    + "魏"
    + "卢"
    + "蒋"
    + "蔡"
    + "彭"
    + "肖"
    + "付"
    + "黄"
)
COMPOUND_SUR = ["欧阳", "司马", "上官", "呼延", "令狐", "皇甫"]
HUI_SUR = (
    "马" * 20
    + "白" * 5
    + "哈" * 2
    + "海" * 2
    + "穆" * 2
    + "沙" * 2
    + "米" * 2
    + "洪"
    + "丁" * 2
    + "金" * 2
    + "冶"
    + "妥"
    + "锁"
    + "纳"
    + "韩" * 2
    + "喇"
)

GIVEN = {
    (
        "m",
        0,
    ): (
        "建国 国庆 解放 援朝 志强 振华 德胜 福贵 有才 长生 保国 满仓 金锁 根生 "
        "忠 明 华 林 生 文 武 福 贵 义 德明 世杰 永福 玉山 成才 宝山 占奎 拴劳"
    ),
    (
        "f",
        0,
    ): (
        "秀英 桂兰 玉兰 凤英 淑珍 秀兰 桂英 翠花 玉珍 春梅 兰英 招弟 "
        "引弟 凤莲 玉梅 秀珍 彩霞 桂芳 兰芳 凤琴 巧云 玉芳 月娥 粉娥"
    ),
    (
        "m",
        1,
    ): (
        "卫东 卫国 建军 建华 红卫 向东 永红 军 伟 平 勇 刚 强 斌 涛 峰 宏 彦军 彦龙 "
        "拴劳 建平 建民 新民 小平 卫平 建荣 宏伟 海军 小军 文革 社会 红军 振东 利民 志刚"
    ),
    (
        "f",
        1,
    ): (
        "红 丽 燕 萍 芳 霞 娟 琴 敏 梅 玲 彦 红霞 丽娟 彩霞 艳 小燕 秀琴 "
        "亚莉 亚丽 晓霞 丽萍 建华 卫红 爱玲 粉霞 亚妮 小红 海燕 秋菊"
    ),
    (
        "m",
        2,
    ): (
        "磊 鹏 超 涛 浩 斌 亮 杰 俊 辉 伟 博 鑫 凯 强 阳 宁 帆 龙 波 军 建伟 "
        "晓东 海峰 小龙 文博 少华 晓军 永刚 鹏飞 文杰 晓斌 江涛 亚军 建锋"
    ),
    (
        "f",
        2,
    ): (
        "静 丽 娜 婷 敏 燕 晶 倩 洁 雪 琳 玲 芳 慧 妮 丹 蕾 璐 瑶 "
        "晓燕 丽娜 雅 婧 晓妮 亚楠 思琪 彦妮 晓丽 媛媛 婷婷 蓉 萌"
    ),
    (
        "m",
        3,
    ): (
        "子涵 浩然 宇轩 梓豪 一鸣 子轩 俊熙 博文 浩宇 宇航 皓轩 梓睿 子墨 "
        "明轩 天佑 睿 泽 晨 锦程 思远 嘉豪 奕辰 沐阳 若尘 宇泽 铭哲 星辰 翊"
    ),
    (
        "f",
        3,
    ): (
        "欣怡 梓涵 雨萱 紫涵 诗涵 可馨 思彤 佳怡 一诺 若汐 梓萱 雨桐 "
        "语嫣 子萱 佳琪 欣妍 心怡 梦瑶 雅琪 安琪 沐晴 芷若 书瑶 依诺"
    ),
}
GIVEN = {k: v.split() for k, v in GIVEN.items()}
GEN_MID = {"m": "建志文永宏晓海少小明俊家", "f": "秀丽晓亚彦雅佳思梦欣玉春"}
TWIN_PAIRS = {
    "m": [
        ("子", "豪", "杰"),
        ("浩", "然", "天"),
        ("一", "鸣", "帆"),
        ("宇", "航", "辰"),
        ("博", "文", "远"),
    ],
    "f": [
        ("欣", "悦", "然"),
        ("雨", "萱", "桐"),
        ("思", "彤", "瑶"),
        ("佳", "怡", "琪"),
        ("梓", "涵", "萌"),
    ],
    "x": [("子", "豪", "萱"), ("浩", "然", "玥"), ("一", "鸣", "诺"), ("嘉", "豪", "怡")],
}
JINGMING = {
    "m": "尔萨 穆萨 伊布拉欣 优素福 阿里 哈桑 叶海亚 达吾德 苏莱曼 尤努斯 努哈 伊斯玛仪".split(),
    "f": "法图麦 阿依莎 海底彻 麦尔彦 哈妮法 宰乃白 阿米娜 赛里麦".split(),
}
UYG = {
    "m": (
        "阿不都热合曼 买买提 艾力 吐尔逊 艾尔肯 努尔 "
        "阿卜杜拉 热合曼 亚森 依明 伊力哈木 阿里木 艾合买提"
    ).split(),
    "f": "古丽娜尔 热依拉 阿依古丽 帕提古丽 迪丽努尔 米热古丽 阿孜古丽 努尔尼沙 古再丽努尔".split(),
}
UYG_VAR = [
    ("阿不都", "阿布都"),
    ("买买提", "麦麦提"),
    ("艾力", "艾利"),
    ("吐尔逊", "吐逊"),
    ("依明", "伊明"),
    ("热依拉", "热依娜"),
    ("古丽", "孤丽"),
]
TIB_A = "才让 多杰 索南 扎西 公保 完德 旦增 更登 尕藏 桑杰".split()
TIB_B = {
    "m": "才让 多杰 扎西 加措 东智 尖措 本".split(),
    "f": "卓玛 拉毛 措 吉 央金 草 卓嘎 拉姆".split(),
}
TIB_VAR = [("才让", "才仁"), ("多杰", "多吉"), ("扎西", "扎喜"), ("加措", "嘉措"), ("尖措", "坚措")]
FORMER_PREFIX = {
    "f": ["招弟", "引弟", "改改", "转娃", "小妮", "粉粉"],
    "m": ["狗娃", "拴牢", "铁蛋", "石头", "栓柱", "根娃"],
}

TRAD = dict(
    p
    for p in (
        s.split(":")
        for s in (
            "张:張 刘:劉 陈:陳 杨:楊 赵:趙 马:馬 孙:孫 冯:馮 贾:賈 韩:韓 罗:羅 萧:蕭 "
            "许:許 邓:鄧 卫:衛 伟:偉 丽:麗 军:軍 红:紅 华:華 国:國 东:東 宝:寶 庆:慶 "
            "龙:龍 凤:鳳 兰:蘭 云:雲 艳:艷 辉:輝 刚:剛 强:強 爱:愛 凯:凱 鹏:鵬 飞:飛 "
            "杰:傑 涛:濤 晓:曉 丰:豐 进:進 长:長 荣:榮 义:義 宁:寧 贤:賢 静:靜 兴:興 "
            "汉:漢 郑:鄭 吕:呂 卢:盧 苏:蘇 谢:謝 叶:葉 闫:閆 贺:賀 汤:湯 纪:紀 齐:齊 "
            "钱:錢 黄:黃 顾:顧 惠:惠 党:黨 锁:鎖 满:滿 仓:倉 贵:貴 凤:鳳 珍:珍 兰:蘭 "
            "娟:娟 莲:蓮 梅:梅 芳:芳 杰:傑 亚:亞 丽:麗 彦:彥 浩:浩 轩:軒 鸣:鳴 萱:萱 诺:諾"
        ).split()
    )
)
HOMO = [
    g.split()
    for g in (
        "丽 莉 俐",
        "伟 玮 炜 维",
        "静 婧 靖",
        "红 宏 虹 鸿",
        "军 君 钧",
        "峰 锋 丰 枫",
        "斌 彬 滨 兵",
        "明 鸣 铭",
        "霞 侠",
        "娟 鹃",
        "芳 方",
        "燕 艳 雁",
        "刚 钢 岗",
        "建 健 剑",
        "勇 永 涌",
        "涛 韬 滔",
        "平 萍 苹",
        "林 琳 凌 霖",
        "辉 慧 晖 惠",
        "英 莹 瑛 颖",
        "欣 馨 昕 新",
        "珍 贞 桢",
        "琴 勤 芹 晴",
        "婷 亭",
        "宁 凝",
        "妮 霓",
        "娜 纳",
        "磊 蕾 雷",
        "鹏 朋",
        "浩 皓 昊",
        "杰 洁 婕",
        "博 波 柏",
        "凯 恺 楷",
        "宇 雨 羽",
        "轩 萱 宣",
        "涵 晗 含",
        "怡 仪 宜",
        "诗 思",
        "瑶 遥",
        "佳 嘉 家",
        "琪 琦 祺",
        "彤 桐",
        "华 桦",
        "志 智",
        "文 雯",
        "东 冬",
        "秀 绣",
        "梅 玫",
        "玉 钰",
        "彦 燕",
        "敏 民 珉",
        "龙 隆",
        "亮 谅",
        "晨 辰",
        "睿 锐",
        "萌 蒙",
        "倩 茜",
        "蓉 荣",
        "菊 局",
    )
]
HOMO_OF = {}
for _g in HOMO:
    for _c in _g:
        HOMO_OF.setdefault(_c, _g)
SUR_HOMO = {
    "陈": "程",
    "程": "陈",
    "张": "章",
    "刘": "柳",
    "王": "汪",
    "徐": "许",
    "许": "徐",
    "杨": "阳",
    "肖": "萧",
    "付": "傅",
}

# --------------------------------------------------------------------------- places
ROADS = [  # road, street, border district (a clerk may write it instead of 雁塔区)
    ("长安南路", "小寨路街道", None),
    ("小寨东路", "小寨路街道", None),
    ("小寨西路", "小寨路街道", None),
    ("南二环西段", "小寨路街道", "碑林区"),
    ("太白南路", "电子城街道", None),
    ("电子正街", "电子城街道", None),
    ("电子二路", "电子城街道", None),
    ("电子三路", "电子城街道", None),
    ("含光路", "长延堡街道", None),
    ("朱雀大街南段", "长延堡街道", None),
    ("翠华路", "大雁塔街道", None),
    ("雁塔西路", "大雁塔街道", None),
    ("吉祥路", "小寨路街道", None),
    ("西影路", "曲江街道", None),
    ("雁展路", "曲江街道", None),
    ("丈八东路", "丈八沟街道", None),
    ("科技路", "鱼化寨街道", "高新区"),
    ("太白北路", "小寨路街道", "碑林区"),
    ("雁塔北路", "大雁塔街道", "碑林区"),
    ("明德路", "长延堡街道", None),
    ("等驾坡路", "等驾坡街道", None),
]
EST_STEM = (
    "紫薇 枫林 翠华 含光 雁鸣 长丰 锦绣 金泰 华城 天朗 融侨 曲江 南湖 "
    "芙蓉 大唐 唐园 秦川 汉风 盛世 阳光 碧水 青松 明德 文苑 兴庆 永宁 "
    "丰庆 朱雀 太白 雁南 丈八 电子城 西影 吉祥 杏园 春晓 荣华 恒大 绿地"
).split()
EST_SUF = "小区 花园 家园 苑 新苑 华府 名居 公寓 佳园 雅苑 东苑 绿洲 新城 嘉园".split()
OUT_DIST = [
    ("未央区", "凤城八路", "凤城"),
    ("未央区", "文景路", "文景"),
    ("长安区", "韦曲南街", "韦曲"),
    ("长安区", "郭杜北街", "郭杜"),
    ("新城区", "长乐中路", "长乐"),
    ("灞桥区", "纺织城正街", "纺织"),
    ("碑林区", "东关正街", "东关"),
    ("莲湖区", "劳动路", "劳动"),
]
COMPOUNDS = [
    dict(
        org="西安电子元件厂",
        road="电子二路",
        no=15,
        suf="家属院",
        street="电子城街道",
        bung=True,
        kind="unit",
    ),
    dict(
        org="西安仪表厂",
        road="含光路",
        no=56,
        suf="家属院",
        street="长延堡街道",
        bung=True,
        kind="unit",
    ),
    dict(
        org="西安秦岭机械厂",
        road="太白南路",
        no=139,
        suf="家属院",
        street="电子城街道",
        bung=False,
        kind="unit",
    ),
    dict(
        org="西北光学仪器研究所",
        road="电子正街",
        no=28,
        suf="生活区",
        street="电子城街道",
        bung=False,
        kind="inst",
    ),
    dict(
        org="西北地质勘探研究所",
        road="雁塔西路",
        no=17,
        suf="生活区",
        street="大雁塔街道",
        bung=False,
        kind="inst",
    ),
    dict(
        org="西安交通工程学院",
        road="翠华路",
        no=105,
        suf="家属区",
        street="大雁塔街道",
        bung=False,
        kind="univ",
    ),
    dict(
        org="西安文理师范学院",
        road="长安南路",
        no=199,
        suf="家属区",
        street="小寨路街道",
        bung=True,
        kind="univ",
    ),
    dict(
        org="陕西省第三建筑工程公司",
        road="小寨西路",
        no=33,
        suf="家属院",
        street="小寨路街道",
        bung=False,
        kind="unit",
    ),
    dict(
        org="西安市雁塔区人民医院",
        road="朱雀大街南段",
        no=18,
        suf="家属院",
        street="长延堡街道",
        bung=False,
        kind="hosp",
    ),
]
VILLAGES = [  # name, street, demolished (villagers rehoused in an estate)
    ("杨家村", "小寨路街道", False),
    ("吉祥村", "小寨路街道", False),
    ("东八里村", "长延堡街道", False),
    ("西八里村", "长延堡街道", True),
    ("瓦胡同村", "电子城街道", True),
    ("甘家寨", "电子城街道", False),
    ("木塔寨", "鱼化寨街道", False),
    ("丈八东村", "丈八沟街道", False),
    ("西辛庄", "丈八沟街道", False),
    ("沙井村", "电子城街道", False),
    ("三兆村", "等驾坡街道", False),
    ("后村", "等驾坡街道", False),
]
STREET_SHORT = {
    "丈八沟街道": "丈八街办",
    "电子城街道": "电子城街办",
    "小寨路街道": "小寨路街办",
    "长延堡街道": "长延堡街办",
    "大雁塔街道": "大雁塔街办",
    "鱼化寨街道": "鱼化寨街办",
    "曲江街道": "曲江街办",
    "等驾坡街道": "等驾坡街办",
}
OLDCITY = [
    ("大学习巷", "北院门街道"),
    ("小学习巷", "北院门街道"),
    ("西羊市", "北院门街道"),
    ("大皮院", "北院门街道"),
    ("小皮院", "北院门街道"),
    ("化觉巷", "北院门街道"),
    ("北广济街", "北院门街道"),
    ("洒金桥", "青年路街道"),
    ("庙后街", "北院门街道"),
    ("麦苋街", "青年路街道"),
    ("大莲花池街", "青年路街道"),
    ("红埠街", "青年路街道"),
]
# province, city, county, region code, group word, ethnic mix, weight
ORIGINS = [
    ("陕西省", "渭南市", "蒲城县", "610526", "组", "han", 6),
    ("陕西省", "渭南市", "富平县", "610528", "组", "han", 5),
    ("陕西省", "渭南市", "大荔县", "610523", "组", "han", 4),
    ("陕西省", "咸阳市", "乾县", "610424", "组", "han", 4),
    ("陕西省", "咸阳市", "礼泉县", "610425", "组", "han", 3),
    ("陕西省", "宝鸡市", "岐山县", "610323", "组", "han", 4),
    ("陕西省", "商洛市", "商州区", "611002", "组", "han", 4),
    ("陕西省", "商洛市", "丹凤县", "611022", "组", "han", 3),
    ("陕西省", "汉中市", "城固县", "610722", "组", "han", 3),
    ("陕西省", "安康市", "汉阴县", "610921", "组", "han", 3),
    ("陕西省", "榆林市", "绥德县", "610826", "组", "han", 3),
    ("陕西省", "榆林市", "米脂县", "610827", "组", "han", 2),
    ("陕西省", "延安市", "延川县", "610622", "组", "han", 2),
    ("甘肃省", "天水市", "秦州区", "620502", "社", "han", 4),
    ("甘肃省", "天水市", "麦积区", "620503", "社", "han", 4),
    ("甘肃省", "天水市", "甘谷县", "620523", "社", "han", 4),
    ("甘肃省", "天水市", "秦安县", "620522", "社", "han", 3),
    ("甘肃省", "定西市", "通渭县", "621121", "社", "han", 3),
    ("甘肃省", "定西市", "陇西县", "621122", "社", "han", 3),
    ("甘肃省", "平凉市", "静宁县", "620826", "社", "han", 3),
    ("甘肃省", "庆阳市", "宁县", "621026", "社", "han", 3),
    ("甘肃省", "临夏回族自治州", "临夏县", "622921", "社", "hui", 3),
    ("甘肃省", "临夏回族自治州", "广河县", "622924", "社", "hui", 2),
    ("甘肃省", "临夏回族自治州", "东乡族自治县", "622926", "社", "dx", 2),
    ("河南省", "周口市", "淮阳县", "411626", "组", "han", 4),
    ("河南省", "周口市", "商水县", "411623", "组", "han", 3),
    ("河南省", "南阳市", "邓州市", "411381", "组", "han", 3),
    ("河南省", "驻马店市", "上蔡县", "411722", "组", "han", 2),
    ("河南省", "三门峡市", "灵宝市", "411282", "组", "han", 3),
    ("河南省", "洛阳市", "洛宁县", "410328", "组", "han", 2),
    ("青海省", "海东市", "化隆回族自治县", "630224", "社", "hui", 3),
    ("青海省", "海东市", "循化撒拉族自治县", "630225", "社", "salar", 1),
    ("青海省", "海南藏族自治州", "共和县", "632521", "社", "tib", 1),
    ("青海省", "黄南藏族自治州", "同仁县", "632321", "社", "tib", 1),
    ("新疆维吾尔自治区", "喀什地区", "喀什市", "653101", "组", "uyg", 1),
    ("新疆维吾尔自治区", "和田地区", "和田县", "653221", "组", "uyg", 1),
    ("宁夏回族自治区", "吴忠市", "同心县", "640324", "队", "hui", 2),
    ("宁夏回族自治区", "固原市", "原州区", "640402", "队", "hui", 1),
]
PROV_SHORT = {
    "陕西省": "陕西",
    "甘肃省": "甘肃",
    "河南省": "河南",
    "青海省": "青海",
    "新疆维吾尔自治区": "新疆",
    "宁夏回族自治区": "宁夏",
}
TOWN_A = (
    "城关 中滩 新阳 马跑泉 甘泉 社棠 洛门 安远 西川 义岗 碧玉 "
    "龙门 太平 新集 王庄 石门 红崖 高桥 杨集 关庄 三岔 古城"
).split()
VIL_A = (
    "李家 王家 张家 马家 杨家 刘家 赵家 高家 何家 陈家 柳树 杏树 "
    "梨园 石门 红崖 黑石 白土 大湾 小河 沙坡 东庄 西庄 前进 后寨"
).split()
VIL_B = "塬 坪 沟 湾 庄 河 峁 川 堡 寨 岔 梁 洼".split()
XA_REGION = ["610113"] * 11 + ["610104"] * 2 + ["610103", "610102", "610112", "610111", "610116"]
ETH_NAME = {
    "han": "汉族",
    "hui": "回族",
    "dx": "东乡族",
    "salar": "撒拉族",
    "tib": "藏族",
    "uyg": "维吾尔族",
}

# organisations
TRADES = (
    "华信 秦川 长安 大唐 汉唐 丝路 雁塔 曲江 西部 金泰 中联 天合 博远 瑞达 恒达 鼎盛 "
    "锦程 鸿运 智联 启航 古都 终南 骊山 渭水 秦岭 三秦 关中 陕南 华清 未央 乐游 兴庆 "
    "昆明 环宇 聚力 德润 宏图 睿思 凯迪 泰和 明远 卓越 天驰 众诚 同创 新锐 荣盛 远航 宝鼎"
).split()
LOOKALIKE = {
    "华信": "华鑫",
    "瑞达": "锐达",
    "鼎盛": "鼎胜",
    "博远": "博源",
    "恒达": "恒大",
    "启航": "启行",
    "天合": "天和",
    "明远": "铭远",
    "宏图": "鸿图",
    "荣盛": "荣胜",
}
INDS = (
    "科技 电子 信息技术 网络科技 软件 建筑工程 建设工程 机械 商贸 "
    "贸易 餐饮管理 物业管理 房地产开发 文化传媒 教育科技 医疗器械 "
    "生物科技 汽车服务 物流 装饰工程 劳务 环保科技 新能源 电子科技"
).split()
SHOPS = [
    ("牛肉拉面馆", "hui"),
    ("羊肉泡馍馆", "hui"),
    ("腊汁肉夹馍店", "han"),
    ("凉皮店", "han"),
    ("biangbiang面馆", "han"),
    ("便利店", "han"),
    ("烟酒店", "han"),
    ("理发店", "han"),
    ("五金建材店", "han"),
    ("手机维修部", "han"),
    ("菜店", "han"),
    ("烤肉店", "uyg"),
    ("水果店", "han"),
    ("干洗店", "han"),
    ("葫芦头泡馍馆", "han"),
]
DEPTS = {
    "unit": ["三车间", "一车间", "动力科", "供销科", "后勤处"],
    "inst": ["三室", "后勤处", "一室"],
    "univ": ["后勤处", "图书馆", "机电系", "保卫处"],
    "hosp": ["内科", "外科", "护理部", "检验科"],
    "school": ["后勤"],
    "co": [],
    "gov": ["办公室"],
}


class Record:
    def __init__(self, **kw):
        self.__dict__.update(kw)


# --------------------------------------------------------------------------- the world
class World:
    def __init__(self, n, seed, diff):
        self.n = n
        self.rng = random.Random(seed)
        self.R = RATES[diff]
        self.diff = diff
        self.persons = []
        self.dwell = []
        self.orgs = []
        self.ids = {}
        self.phones = {}
        self.hukous = []
        self.fams = []  # family-planning families
        self.stats = Counter()
        self.used_addr = {}
        self.village_plots = []

    # ---------- ids, phones
    def new_id(self, region, birth, gender, near=None):
        rng = self.rng
        for _ in range(1000):
            if near is not None:
                seq = near + rng.choice([2, 4, 6]) * rng.choice([1, -1])
                if not (1 <= seq <= 999):
                    continue
            else:
                seq = rng.randrange(1, 1000)
                if (seq % 2 == 1) != (gender == "男"):
                    seq += 1 if seq < 999 else -1
            s17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            if s17 in self.ids:
                continue
            self.ids[s17] = 1
            return s17 + id_check(s17), seq
        raise RuntimeError("id space")

    def new_mobile(self):
        rng = self.rng
        while True:
            p = rng.choice(
                [
                    "138",
                    "139",
                    "135",
                    "136",
                    "137",
                    "150",
                    "151",
                    "152",
                    "158",
                    "159",
                    "182",
                    "183",
                    "187",
                    "188",
                    "133",
                    "153",
                    "180",
                    "181",
                    "189",
                    "130",
                    "131",
                    "132",
                    "155",
                    "156",
                    "186",
                    "177",
                    "199",
                    "191",
                    "173",
                ]
            )
            s = p + "".join(rng.choice("0123456789") for _ in range(8))
            if s not in self.phones:
                self.phones[s] = 1
                return s

    def new_landline(self):
        rng = self.rng
        while True:
            s = "8" + rng.choice("2345689") + "".join(rng.choice("0123456789") for _ in range(6))
            if s not in self.phones:
                self.phones[s] = 1
                return "029" + s

    # ---------- places
    def build_places(self):
        rng = self.rng
        self.estates = []
        used_no = {}
        names = set()
        stems = EST_STEM[:]
        rng.shuffle(stems)
        n_est = max(12, min(45, self.n // 250))

        def road_no(road):
            while True:
                k = rng.randrange(1, 320)
                if (road, k) not in used_no:
                    used_no[(road, k)] = 1
                    return k

        for c in COMPOUNDS:
            used_no[(c["road"], c["no"])] = 1
        i = 0
        while len(self.estates) < n_est:
            stem = stems[i % len(stems)]
            suf = rng.choice(EST_SUF)
            i += 1
            name = stem + suf
            if name in names:
                continue
            names.add(name)
            road, street, border = rng.choice(ROADS)
            high = rng.random() < 0.6
            self.estates.append(
                Record(
                    name=name,
                    stem=stem,
                    suf=suf,
                    road=road,
                    no=road_no(road),
                    street=street,
                    border=border,
                    nb=rng.randint(4, 24),
                    nu=rng.randint(1, 3) if high else rng.randint(2, 5),
                    nf=rng.randint(18, 33) if high else rng.choice([6, 7]),
                    nd=rng.choice([2, 3, 4]) if high else 2,
                    comm=stem + "社区",
                    resettle=None,
                    taken=set(),
                )
            )
        # a stem (estate name without 小区) is only written alone when no other estate shares it
        stem_count = Counter(e.stem for e in self.estates)
        for e in self.estates:
            e.drop_ok = e.suf == "小区" and stem_count[e.stem] == 1
        # resettlement estates for demolished villages
        for v, street, demol in VILLAGES:
            if demol:
                stem = v[:-1] if v.endswith("村") else v
                nm = stem + rng.choice(["安置小区", "新苑", "家园"])
                road = rng.choice([r for r in ROADS if r[1] == street])
                self.estates.append(
                    Record(
                        name=nm,
                        stem=nm,
                        suf="",
                        road=road[0],
                        no=road_no(road[0]),
                        street=street,
                        border=None,
                        nb=12,
                        nu=2,
                        nf=rng.randint(18, 26),
                        nd=4,
                        comm=stem + "社区",
                        resettle=v,
                        taken=set(),
                        drop_ok=False,
                    )
                )
        self.outest = []
        for dist, road, stem in OUT_DIST:
            for suf in rng.sample(EST_SUF, 2):
                self.outest.append(
                    Record(
                        name=stem + suf, dist=dist, road=road, no=rng.randrange(1, 300), taken=set()
                    )
                )
        self.compounds = []
        for c in COMPOUNDS:
            self.compounds.append(
                Record(
                    **c,
                    nb=rng.randint(8, 16),
                    nu=rng.randint(2, 4),
                    nf=rng.choice([5, 6, 7]),
                    nd=rng.choice([2, 3]),
                    comm=c["org"]
                    .replace("西安市", "")
                    .replace("西安", "")
                    .replace("雁塔区", "")[:4]
                    + "社区",
                    taken=set(),
                    bt=set(),
                    flats=[],
                    orgobj=None,
                )
            )
        self.villages = [
            Record(name=v, street=s, demol=d, taken=set(), plots=[]) for v, s, d in VILLAGES
        ]
        self.oldcity = [Record(lane=lane, street=s, taken=set()) for lane, s in OLDCITY]

    def _dw(self, **kw):
        d = Record(
            hid=f"H{len(self.dwell) + 1}",
            owner=None,
            tenant=None,
            occupants=[],
            landline=None,
            **kw,
        )
        self.dwell.append(d)
        return d

    def estate_flat(self, est=None, resettle=False):
        rng = self.rng
        pool = [e for e in self.estates if (e.resettle is not None) == resettle]
        e = est or rng.choice(pool)
        while True:
            k = (
                rng.randint(1, e.nb),
                rng.randint(1, e.nu),
                rng.randint(1, e.nf),
                rng.randint(1, e.nd),
            )
            if k not in e.taken:
                e.taken.add(k)
                return self._dw(
                    kind="estate", est=e, b=k[0], u=k[1], f=k[2], d=k[3], indist=True, use="住宅"
                )

    def compound_flat(self, c=None):
        rng = self.rng
        c = c or rng.choice(self.compounds)
        if c.bung and rng.random() < 0.15:
            while True:
                k = (rng.randint(1, 12), rng.randint(1, 20))
                if k not in c.bt:
                    c.bt.add(k)
                    d = self._dw(kind="bung", comp=c, r=k[0], n=k[1], indist=True, use="住宅")
                    c.flats.append(d)
                    return d
        while True:
            k = (
                rng.randint(1, c.nb),
                rng.randint(1, c.nu),
                rng.randint(1, c.nf),
                rng.randint(1, c.nd),
            )
            if k not in c.taken:
                c.taken.add(k)
                d = self._dw(
                    kind="comp", comp=c, b=k[0], u=k[1], f=k[2], d=k[3], indist=True, use="住宅"
                )
                if rng.random() < 0.35:
                    d.landline = self.new_landline()
                c.flats.append(d)
                return d

    def village_plot(self, v=None):
        rng = self.rng
        v = v or rng.choice([x for x in self.villages if not x.demol])
        while True:
            k = (rng.randint(1, 8), rng.randint(1, 90))
            if k not in v.taken:
                v.taken.add(k)
                d = self._dw(
                    kind="vil",
                    vil=v,
                    g=k[0],
                    n=k[1],
                    indist=not v.demol,
                    use="自建房",
                    cap=rng.randint(4, 12),
                )
                v.plots.append(d)
                if not v.demol:
                    self.village_plots.append(d)
                return d

    def oldcity_house(self):
        rng = self.rng
        o = rng.choice(self.oldcity)
        while True:
            n = rng.randint(1, 160)
            if n not in o.taken:
                o.taken.add(n)
                return self._dw(kind="old", oc=o, n=n, indist=False, use="住宅")

    def out_flat(self):
        rng = self.rng
        e = rng.choice(self.outest)
        while True:
            k = (rng.randint(1, 20), rng.randint(1, 3), rng.randint(1, 30), rng.randint(1, 4))
            if k not in e.taken:
                e.taken.add(k)
                return self._dw(
                    kind="out", est=e, b=k[0], u=k[1], f=k[2], d=k[3], indist=False, use="住宅"
                )

    def rural_house(self, origin):
        rng = self.rng
        key = origin[3]
        if not hasattr(self, "rural_taken"):
            self.rural_taken = set()
        town = rng.choice(TOWN_A) + rng.choice(["镇", "镇", "乡"])
        vil = rng.choice(VIL_A) + rng.choice(VIL_B) + "村"
        while True:
            g, n = rng.randint(1, 12), rng.randint(1, 150)
            if (key, town, vil, g, n) not in self.rural_taken:
                self.rural_taken.add((key, town, vil, g, n))
                return self._dw(
                    kind="rural",
                    org_=origin,
                    town=town,
                    vil=vil,
                    g=g,
                    n=n,
                    indist=False,
                    use="住宅",
                )

    # ---------- people
    def mk_name(self, g, year, eth, surname=None, father=None):
        rng = self.rng
        era = 0 if year < 1956 else 1 if year < 1976 else 2 if year < 1996 else 3
        if eth == "uyg":
            fn = father.given_u if father is not None else rng.choice(UYG["m"])
            gn = rng.choice(UYG[g])
            return gn + "·" + fn, None, gn
        if eth == "tib":
            return rng.choice(TIB_A) + rng.choice(TIB_B[g]), None, None
        if surname is None:
            if eth in ("hui", "dx", "salar"):
                surname = rng.choice(HUI_SUR)
            elif rng.random() < 0.012:
                surname = rng.choice(COMPOUND_SUR)
            else:
                surname = rng.choice(HAN_SUR)
        r = rng.random()
        if r < 0.7:
            given = rng.choice(GIVEN[(g, era)])
        elif r < 0.85 and era >= 1:
            given = rng.choice(GEN_MID[g]) + rng.choice(
                [x for x in GIVEN[(g, era)] if len(x) == 1] or ["华"]
            )
        else:
            given = rng.choice(GIVEN[(g, era)])
        return surname + given, surname, None

    def person(
        self,
        g,
        birth,
        eth="han",
        region=None,
        surname=None,
        father=None,
        name=None,
        near=None,
        resident=True,
    ):
        rng = self.rng
        gender = "男" if g == "m" else "女"
        if name is None:
            name, sur, gu = self.mk_name(g, birth.year, eth, surname, father)
        else:
            sur, gu = surname, None
        region = region or rng.choice(XA_REGION)
        idn, seq = self.new_id(region, birth, gender, near)
        p = Record(
            pid=f"P{len(self.persons) + 1}",
            name=name,
            sur=sur,
            given_u=gu,
            g=g,
            gender=gender,
            eth=eth,
            birth=birth,
            id18=idn,
            seq=seq,
            id15=(f"{region}{birth:%y%m%d}{idn[14:17]}" if birth.year <= 1970 else None),
            former="",
            jm="",
            phone=None,
            home=None,
            reg=None,
            old_home=None,
            hno="",
            rel="",
            emp=None,
            emp_kind=None,
            spouse=None,
            mother=None,
            father=None,
            twin=None,
            namesake=False,
            resident=resident,
            kids=[],
            ptype="",
            deceased=False,
            marital="未婚",
            civil=[],
            no_name_err=False,
            relphone=None,
            hukou=None,
        )
        if (
            eth != "han"
            and eth in ("hui", "dx", "salar")
            and birth.year < 2005
            and rng.random() < 0.35
        ):
            p.jm = rng.choice(JINGMING[g])
        if eth == "han" and birth.year < 1975 and rng.random() < 0.05:
            p.former = (sur or "") + rng.choice(FORMER_PREFIX[g])
        elif eth == "han" and rng.random() < 0.015:
            p.former = (sur or "") + rng.choice(GIVEN[(g, 2)])
        if p.former == p.name:
            p.former = ""
        age = (REF - birth).days // 365
        if 16 <= age <= 80:
            p.phone = self.new_mobile() if rng.random() < (0.95 if age < 70 else 0.6) else None
        self.persons.append(p)
        return p

    def rand_birth(self, y0, y1):
        rng = self.rng
        y = rng.randint(y0, y1)
        d = date(y, 1, 1) + timedelta(days=rng.randrange(365))
        return min(d, REF - timedelta(days=20))

    def maybe_namesake(self, p):
        """copy name and birth date of an existing adult of the same sex
        (a namesake born the same day)"""
        rng = self.rng
        if p.eth != "han" or rng.random() >= self.R["namesake"] * 3:
            return p
        pool = self.adult_pool.get(p.g)
        if not pool:
            return p
        for _ in range(30):  # a namesake of about the same age
            q = pool[rng.randrange(len(pool))]
            if abs(q.birth.year - p.birth.year) <= 2 and q is not p and q is not p.spouse:
                break
        else:
            return p
        if q.twin or q.namesake or q.eth != "han":
            return p
        # re-issue p's id for the new birth date
        del self.ids[p.id18[:17]]
        p.name, p.sur, p.birth = q.name, q.sur, q.birth
        region = p.id18[:6]
        p.id18, p.seq = self.new_id(region, p.birth, p.gender)
        p.id15 = f"{region}{p.birth:%y%m%d}{p.id18[14:17]}" if p.birth.year <= 1970 else None
        p.namesake = q.namesake = True
        p.former = ""
        self.stats["namesake_pairs"] += 1
        return p

    def couple(self, y0, y1, eth, region_fn, surname=None):
        rng = self.rng
        hb = self.rand_birth(y0, y1)
        h = self.person("m", hb, eth, region_fn(), surname=surname)
        wb = (
            self.rand_birth(max(1925, hb.year - 2), min(2004, hb.year + 6))
            if hb.year < 2000
            else hb
        )
        weth = eth if rng.random() < 0.9 or eth in ("uyg", "tib") else "han"
        w = self.person("f", wb, weth, region_fn())
        if eth == "han":
            self.maybe_namesake(h)
            self.maybe_namesake(w)
        h.spouse, w.spouse = w, h
        h.marital = w.marital = rng.choice(["已婚"] * 8 + ["初婚", "再婚"])
        return h, w

    def children(self, h, w, nmax, eth, region_fn):
        rng = self.rng
        kids = []
        mb = w.birth
        nk = rng.choice([0, 1, 1, 1, 2, 2, 3][: nmax + 1 + (2 if nmax >= 2 else 0)])
        nk = min(nk, nmax)
        y = mb.year + rng.randint(21, 27)
        for _ in range(nk):
            if y > REF.year or y > mb.year + 42:
                break
            kb = self.rand_birth(y, min(y, REF.year))
            if rng.random() < self.R["twins"]:
                kids.extend(self.twins(h, w, kb, eth, region_fn))
            else:
                g = rng.choice("mf")
                kids.append(self.person(g, kb, eth, region_fn(), surname=h.sur, father=h))
            y += rng.randint(2, 6)
        for k in kids:
            k.father, k.mother = h, w
            h.kids.append(k)
            w.kids.append(k)
        return kids

    def twins(self, h, w, kb, eth, region_fn):
        rng = self.rng
        region = region_fn()
        if eth in ("uyg", "tib"):
            g1, g2 = rng.choice("mf"), rng.choice("mf")
            a = self.person(g1, kb, eth, region, father=h)
            b = self.person(g2, kb, eth, region, father=h, near=a.seq)
            if a.name == b.name:
                b.name = b.name.replace(b.name[0], "古" if g2 == "f" else "艾", 1)
        else:
            kind = rng.choice("mfx")
            base, s1, s2 = rng.choice(TWIN_PAIRS[kind])
            g1, g2 = ("m", "m") if kind == "m" else ("f", "f") if kind == "f" else ("m", "f")
            a = self.person(g1, kb, eth, region, surname=h.sur, name=h.sur + base + s1)
            b = self.person(g2, kb, eth, region, surname=h.sur, name=h.sur + base + s2, near=a.seq)
        a.twin, b.twin = b, a
        a.former = b.former = ""
        self.stats["twin_pairs"] += 1
        return [a, b]

    # ---------- households
    def new_hukou(self, reg, members, hno=None):
        self.hukou_seq = getattr(self, "hukou_seq", 0) + 1
        hk = Record(hno=hno or f"1{self.hukou_seq:08d}", reg=reg, members=members)
        self.hukous.append(hk)
        for p, rel in members:
            p.hno, p.rel, p.reg, p.hukou = hk.hno, rel, reg, hk
        return hk

    def settle(self, people, home):
        for p in people:
            p.home = home
            home.occupants.append(p)

    def build_people(self):
        rng = self.rng
        self.adult_pool = {"m": [], "f": []}
        self.elder_fams = []
        self.villagers = []
        types = [
            ("local", 24),
            ("compound", 10),
            ("elder", 12),
            ("gen3", 8),
            ("hui", 7),
            ("villager", 6),
            ("migfam", 13),
            ("migsingle", 14),
            ("minority", 2),
            ("young", 4),
        ]
        tn = [t for t, _ in types]
        tw = [w for _, w in types]
        nres = 0
        while nres < self.n:
            t = rng.choices(tn, tw)[0]
            start = len(self.persons)
            getattr(self, "f_" + t)()
            nres += sum(1 for p in self.persons[start:] if p.resident)
            for p in self.persons[-6:]:
                if p.resident and (REF.year - p.birth.year) >= 22 and not p.twin:
                    self.adult_pool[p.g].append(p)
        # 人户分离: registered in the district, living elsewhere in the city
        for _ in range(self.n // 40):
            hk = rng.choice(self.hukous[: max(1, len(self.hukous))])
            if not hk.reg.indist:
                continue
            head = hk.members[0][0]
            b = self.rand_birth(1965, 2000)
            p = self.person(rng.choice("mf"), b, "han", "610113", surname=head.sur, resident=False)
            p.ptype = "人户分离"
            p.home = self.out_flat()
            hk.members.append((p, "子" if p.g == "m" else "女"))
            p.hno, p.rel, p.reg, p.hukou = hk.hno, hk.members[-1][1], hk.reg, hk
            self.stats["persons_registered_elsewhere_living"] += 1

    def reg_for_local(self, people, home, rels, eth="han"):
        rng = self.rng
        r = rng.random()
        if eth == "hui" and r < 0.5:
            reg = self.oldcity_house()
            hno = f"2{rng.randrange(10**8):08d}" if rng.random() < 0.5 else ""
            hk = self.new_hukou(reg, list(zip(people, rels, strict=True)), hno=hno or None)
            if not hno:
                for p in people:
                    p.hno = ""
            return
        if r < 0.62 or not self.elder_fams:
            self.new_hukou(home, list(zip(people, rels, strict=True)))
            return
        if r < 0.80:
            # young family still registered in the husband's parents' 户
            # (same surname, compound flat)
            cands = [
                f
                for f in self.elder_fams[-60:]
                if f[0].sur == people[0].sur and f[0].hukou is not None
            ]
            if cands:
                ef = rng.choice(cands)
                hk = ef[0].hukou
                relmap = {
                    "户主": "子",
                    "配偶": rng.choice(["儿媳", "其他"]),
                    "子": "孙子",
                    "女": "孙女",
                }
                for p, rel in zip(people, rels, strict=True):
                    hk.members.append((p, relmap.get(rel, "其他")))
                    p.hno, p.rel, p.reg, p.hukou = hk.hno, relmap.get(rel, "其他"), hk.reg, hk
                return
        if r < 0.9:
            # separate 户 at another district dwelling (一址多户 or a flat they let out)
            reg = rng.choice(self.dwell[-400:])
            if reg.indist and reg.kind in ("estate", "comp"):
                self.new_hukou(reg, list(zip(people, rels, strict=True)))
                return
        self.new_hukou(home, list(zip(people, rels, strict=True)))

    def origin_pick(self, eth=None):
        rng = self.rng
        pool = [o for o in ORIGINS if eth is None or o[5] == eth]
        return rng.choices(pool, [o[6] for o in pool])[0]

    def employ(self, p, kind="any"):
        rng = self.rng
        age = REF.year - p.birth.year
        if age < 18 or age > 62 or rng.random() > (0.88 if kind == "mig" else 0.78):
            return
        if kind == "mig":
            pool = self.emp_pool_mig
        elif (
            kind == "unit"
            and p.home is not None
            and p.home.kind in ("comp", "bung")
            and rng.random() < 0.6
        ):
            p.emp = p.home.comp.orgobj
            p.emp_kind = "work"
            return
        else:
            pool = self.emp_pool
        p.emp = pool[rng.randrange(len(pool))]
        p.emp_kind = "work"

    def retire(self, p):
        rng = self.rng
        if p.home is not None and p.home.kind in ("comp", "bung") and rng.random() < 0.7:
            p.emp = p.home.comp.orgobj
            p.emp_kind = "retired"

    def schooling(self, kids, home):
        rng = self.rng
        for k in kids:
            a = REF.year - k.birth.year
            if 6 <= a <= 12:
                k.emp, k.emp_kind = rng.choice(self.primary), "school"
            elif 12 < a <= 18:
                k.emp, k.emp_kind = rng.choice(self.middle), "school"

    def phone_family(self, h, w, kids, elders=()):
        rng = self.rng
        for k in kids:
            if k.phone is None:
                k.relphone = w if rng.random() < 0.6 else h
        for e in elders:
            if e.phone is None or rng.random() < 0.3:
                e.relphone = h

    def f_local(self, eth="han", home=None, reg_eth="han"):
        rng = self.rng
        h, w = self.couple(
            1958,
            1996,
            eth,
            lambda: (
                rng.choice(XA_REGION)
                if eth == "han"
                else rng.choice(["610104", "610104", "610113", "610103"])
            ),
        )
        kids = self.children(
            h, w, 1 if h.birth.year < 1983 and eth == "han" else 3, eth, lambda: "610113"
        )
        home = home or (self.estate_flat() if rng.random() < 0.8 else self.compound_flat())
        ppl = [h, w] + kids
        self.settle(ppl, home)
        rels = ["户主", "配偶"] + [("子" if k.g == "m" else "女") for k in kids]
        self.reg_for_local(ppl, home, rels, eth=reg_eth)
        for p in (h, w):
            p.ptype = "户籍人口" if p.reg.indist else "人户分离"
            self.employ(p, "unit")
        for k in kids:
            k.ptype = h.ptype
            self.employ(k)
        self.schooling(kids, home)
        self.phone_family(h, w, kids)
        self.owner_of(home, rng.choice([h, h, w]))
        self.maybe_move(ppl, home)
        self.fams.append((h, w, kids, home))
        return h, w, kids

    def f_hui(self):
        self.f_local(eth="hui", reg_eth="hui")

    def f_compound(self):
        rng = self.rng
        home = self.compound_flat()
        h, w, kids = self.f_local(home=home)
        for p in (h, w):
            if rng.random() < 0.6:
                p.emp, p.emp_kind = home.comp.orgobj, "work"

    def f_young(self):
        rng = self.rng
        b = self.rand_birth(1988, 2001)
        p = self.person(rng.choice("mf"), b, "han")
        self.maybe_namesake(p)
        home = self.estate_flat()
        self.settle([p], home)
        self.reg_for_local([p], home, ["户主"])
        p.ptype = "户籍人口" if p.reg.indist else "人户分离"
        self.employ(p)
        if rng.random() < 0.6:
            self.rent(home, p)
        else:
            self.owner_of(home, p)

    def f_elder(self):
        rng = self.rng
        home = self.compound_flat() if rng.random() < 0.75 else self.estate_flat()
        h, w = self.couple(
            1926, 1958, "han" if rng.random() < 0.9 else "hui", lambda: rng.choice(XA_REGION)
        )
        ppl = [h, w]
        if rng.random() < 0.35:  # widowed: one spouse is dead
            dead, alive = (h, w) if rng.random() < 0.65 else (w, h)
            dead.deceased = True
            dead.resident = False
            alive.marital = "丧偶"
            ppl = [alive]
        self.settle(ppl, home)
        self.new_hukou(home, list(zip(ppl, ["户主", "配偶"], strict=False)))
        for p in ppl:
            p.ptype = "户籍人口"
            self.retire(p)
        # adult children living elsewhere in the district give their phones
        pool = [
            q
            for q in self.adult_pool["m"][-300:]
            if q.sur == h.sur and q.phone and q.birth.year > h.birth.year + 18
        ]
        if pool:
            c = rng.choice(pool)
            for p in ppl:
                if p.phone is None or rng.random() < 0.4:
                    p.relphone = c
        self.owner_of(home, ppl[0])
        self.elder_fams.append(ppl)

    def f_gen3(self):
        rng = self.rng
        home = self.compound_flat() if rng.random() < 0.5 else self.estate_flat()
        gh, gw = self.couple(1936, 1960, "han", lambda: rng.choice(XA_REGION))
        sb = self.rand_birth(max(gw.birth.year + 21, 1960), min(gw.birth.year + 32, 1996))
        son = self.person("m", sb, "han", "610113", surname=gh.sur)
        son.father, son.mother = gh, gw
        gh.kids.append(son)
        gw.kids.append(son)
        dil = self.person(
            "f", self.rand_birth(sb.year - 3, sb.year + 4), "han", rng.choice(XA_REGION)
        )
        self.maybe_namesake(dil)
        son.spouse, dil.spouse = dil, son
        son.marital = dil.marital = "已婚"
        kids = self.children(son, dil, 2, "han", lambda: "610113")
        ppl = [gh, gw, son, dil] + kids
        self.settle(ppl, home)
        if rng.random() < 0.5:
            rels = ["户主", "配偶", "子", "儿媳" if rng.random() < 0.6 else "其他"] + [
                ("孙子" if k.g == "m" else "孙女") for k in kids
            ]
        else:
            ppl = [son, dil, gh, gw] + kids
            rels = ["户主", "配偶", "父亲", "母亲"] + [("子" if k.g == "m" else "女") for k in kids]
        self.new_hukou(home, list(zip(ppl, rels, strict=True)))
        for p in ppl:
            p.ptype = "户籍人口"
        for p in (gh, gw):
            self.retire(p)
        for p in (son, dil):
            self.employ(p, "unit")
        self.schooling(kids, home)
        self.phone_family(son, dil, kids, (gh, gw))
        self.owner_of(home, gh if rng.random() < 0.6 else son)
        self.fams.append((son, dil, kids, home))
        self.maybe_move([son, dil] + kids, home, only_fp=True)

    def f_villager(self):
        rng = self.rng
        v = rng.choice(self.villages)
        plot = self.village_plot(v)
        h, w = self.couple(
            1950, 1992, "han", lambda: "610113", surname=rng.choice("杨杨王王张李刘赵甘马")
        )
        kids = self.children(h, w, 2, "han", lambda: "610113")
        ppl = [h, w] + kids
        if v.demol:
            est = [e for e in self.estates if e.resettle == v.name][0]
            home = self.estate_flat(est, resettle=True)
            # registration often still at the demolished plot
            reg = plot if rng.random() < 0.6 else home
        else:
            home = plot
            reg = plot
        self.settle(ppl, home)
        self.new_hukou(
            reg,
            list(
                zip(
                    ppl,
                    ["户主", "配偶"] + [("子" if k.g == "m" else "女") for k in kids],
                    strict=True,
                )
            ),
        )
        for p in ppl:
            p.ptype = "户籍人口"
        for p in (h, w):
            self.employ(p)
        for k in kids:
            self.employ(k)
        self.schooling(kids, home)
        self.phone_family(h, w, kids)
        self.owner_of(home, h)
        if v.demol:
            plot.owner = h
        self.villagers.append(h)
        self.fams.append((h, w, kids, home))

    def mig_home(self, fam=True):
        rng = self.rng
        if rng.random() < (0.55 if fam else 0.75):
            open_plots = [d for d in self.village_plots[-40:] if len(d.occupants) + 2 <= d.cap]
            if open_plots and rng.random() < 0.85:
                return rng.choice(open_plots), "plot"
            return self.village_plot(), "plot"
        if rng.random() < 0.7:
            return self.estate_flat(), "flat"
        return self.compound_flat(), "flat"

    def f_migfam(self, eth=None):
        rng = self.rng
        o = self.origin_pick(eth)
        eth = o[5]
        eth2 = "hui" if eth == "hui" else eth
        h, w = self.couple(1965, 1998, eth2, lambda: o[3])
        kids = self.children(h, w, 3 if eth != "han" else 2, eth2, lambda: o[3])
        reg = self.rural_house(o)
        home, hk = self.mig_home()
        ppl = [h, w] + kids
        self.settle(ppl, home)
        for p in ppl:
            p.reg, p.ptype, p.origin = reg, "流动人口", o
        for p, rel in zip(
            ppl, ["户主", "配偶"] + [("子" if k.g == "m" else "女") for k in kids], strict=True
        ):
            p.rel = rel if rng.random() < 0.3 else ""
        for p in (h, w):
            self.employ(p, "mig")
        self.schooling(kids, home)
        self.phone_family(h, w, kids)
        if hk == "flat":
            self.rent(home, h)
        elif home.tenant is None and rng.random() < 0.5:
            home.tenant = h
        self.fams.append((h, w, kids, home))

    def f_migsingle(self):
        rng = self.rng
        o = self.origin_pick()
        eth = o[5]
        n = rng.choice([1, 1, 1, 2])
        home, hk = self.mig_home(fam=False)
        sur = None
        ppl = []
        for i in range(n):
            p = self.person(rng.choice("mf"), self.rand_birth(1980, 2005), eth, o[3], surname=sur)
            if eth == "han":
                self.maybe_namesake(p)
            p.reg = self.rural_house(o) if i == 0 or rng.random() < 0.5 else ppl[0].reg
            if i and p.reg is ppl[0].reg:
                p.rel = "兄弟姐妹"
            p.ptype, p.origin = "流动人口", o
            self.employ(p, "mig")
            ppl.append(p)
            sur = p.sur
        self.settle(ppl, home)
        if hk == "flat":
            self.rent(home, ppl[0])
        elif home.tenant is None and rng.random() < 0.4:
            home.tenant = ppl[0]

    def f_minority(self):
        rng = self.rng
        eth = rng.choice(["uyg", "uyg", "tib", "salar", "dx"])
        if rng.random() < 0.5:
            self.f_migfam(eth)
        else:
            self.origin_pick(eth)
            o = self.origin_pick(eth)
            home, hk = self.mig_home(fam=False)
            p = self.person(rng.choice("mf"), self.rand_birth(1975, 2003), eth, o[3])
            p.reg, p.ptype, p.origin = self.rural_house(o), "流动人口", o
            self.employ(p, "mig")
            self.settle([p], home)
            if hk == "flat":
                self.rent(home, p)

    # ---------- ownership, moves
    def landlord(self):
        rng = self.rng
        if self.persons and rng.random() < 0.35:
            cands = [
                q
                for q in self.persons[-500:]
                if q.resident
                and REF.year - q.birth.year >= 35
                and q.ptype == "户籍人口"
                and q.home is not None
                and q.home.owner is not None
            ]
            if cands:
                return rng.choice(cands)
        b = self.rand_birth(1950, 1990)
        p = self.person(
            rng.choice("mf"),
            b,
            "han",
            rng.choice(XA_REGION + ["610526", "620503", "411626"]),
            resident=False,
        )
        p.home = self.out_flat()
        p.ptype = "nonres"
        self.stats["nonresident_owners"] += 1
        return p

    def owner_of(self, d, p):
        if d.owner is None:
            d.owner = p

    def rent(self, d, tenant):
        if d.owner is None:
            d.owner = self.landlord()
        if d.tenant is None:
            d.tenant = tenant

    def maybe_move(self, ppl, home, only_fp=False):
        rng = self.rng
        if rng.random() < self.R["mover"]:
            old = self.estate_flat() if rng.random() < 0.7 else self.compound_flat()
            for p in ppl:
                p.old_home = old
            old.owner = self.landlord()  # sold: a new owner
            self.stats["mover_families"] += 1

    # ---------- organisations
    def build_orgs(self):
        rng = self.rng
        orgs = self.orgs

        def add(name, kind, registered=True, **kw):
            o = Record(
                oid=f"O{len(orgs) + 1}",
                name=name,
                kind=kind,
                registered=registered,
                variants=None,
                allow_short=True,
                code=None,
                rep=None,
                dup=False,
                size=rng.paretovariate(1.2),
                **kw,
            )
            orgs.append(o)
            return o

        # work units of the compounds
        for c in self.compounds:
            tp = {
                "unit": ("全民所有制", "91"),
                "inst": ("事业单位", "12"),
                "univ": ("事业单位", "12"),
                "hosp": ("事业单位", "12"),
            }[c.kind]
            c.orgobj = add(
                c.org,
                c.kind,
                True,
                utype=tp[0],
                cpre=tp[1],
                city="西安",
                addr=f"雁塔区{c.road}{c.no}号",
            )
        # companies
        n_co = max(40, self.n // 35)
        trades = TRADES[:]
        used = set()
        self.companies = []
        for _ in range(n_co):
            t = rng.choice(trades)
            ind = rng.choice(INDS)
            r = rng.random()
            if r < 0.55:
                city, form, suf = "西安", "pre", "有限公司"
            elif r < 0.67:
                city, form, suf = "西安", "br", "有限公司"
            elif r < 0.80:
                city, form, suf = "陕西", "pre", "有限公司"
            elif r < 0.86:
                city, form, suf = "陕西", "pre", "集团有限公司"
            elif r < 0.93:
                city, form, suf = "西安", "pre", "有限责任公司"
            else:
                city, form, suf = "西安", "pre", "股份有限公司"
            key = (t, ind)
            if key in used:
                continue
            used.add(key)
            name = f"{city}{t}{ind}{suf}" if form == "pre" else f"{t}{ind}（{city}）{suf}"
            o = add(
                name,
                "co",
                True,
                trade=t,
                ind=ind,
                city=city,
                form=form,
                suf=suf,
                utype=rng.choice(
                    ["有限责任公司", "有限责任公司(自然人投资或控股)", "有限责任公司(自然人独资)"]
                )
                if "股份" not in suf
                else "股份有限公司",
                cpre="91",
                addr=self.org_addr(),
            )
            self.companies.append(o)
        # look-alikes (same industry, near-homophone trade name): distinct companies
        for o in list(self.companies):
            if (
                o.trade in LOOKALIKE
                and rng.random() < 0.5
                and (LOOKALIKE[o.trade], o.ind) not in used
            ):
                t2 = LOOKALIKE[o.trade]
                used.add((t2, o.ind))
                n2 = (
                    f"{o.city}{t2}{o.ind}{o.suf}"
                    if o.form == "pre"
                    else f"{t2}{o.ind}（{o.city}）{o.suf}"
                )
                o2 = add(
                    n2,
                    "co",
                    True,
                    trade=t2,
                    ind=o.ind,
                    city=o.city,
                    form=o.form,
                    suf=o.suf,
                    utype=o.utype,
                    cpre="91",
                    addr=self.org_addr(),
                )
                self.companies.append(o2)
                self.stats["lookalike_org_pairs"] += 1
        # same trade name in another city: distinct (employer references only)
        self.othercity = []
        for o in rng.sample(self.companies, max(3, len(self.companies) // 15)):
            if o.city not in ("西安",) or o.form != "pre":
                continue
            city2 = rng.choice(["宝鸡", "咸阳", "渭南", "兰州", "天水"])
            o2 = add(
                f"{city2}{o.trade}{o.ind}{o.suf}",
                "co",
                False,
                trade=o.trade,
                ind=o.ind,
                city=city2,
                form="pre",
                suf=o.suf,
                utype="有限责任公司",
                cpre="91",
                addr="",
            )
            o.allow_short = o2.allow_short = False
            self.othercity.append(o2)
            self.stats["same_trade_other_city_pairs"] += 1
        # '{trade}公司' only for a trade no other organisation uses
        tc = Counter(o.trade for o in orgs if getattr(o, "trade", None))
        for o in orgs:
            o.trade_unique = bool(getattr(o, "trade", None)) and tc[o.trade] == 1
        # branches (分公司): distinct organisations
        self.branches = []
        for o in rng.sample(self.companies, max(4, len(self.companies) // 9)):
            loc = rng.choice(["雁塔", "小寨", "曲江", "电子城"])
            b = add(
                f"{o.name}{loc}分公司",
                "branch",
                True,
                parent=o,
                loc=loc,
                utype="有限责任公司分公司",
                cpre="91",
                addr=self.org_addr(),
            )
            self.branches.append(b)
        # out-of-town parent with a 西安分公司 registered here
        for t in rng.sample(["中科", "宏达", "天成", "海纳", "东方", "新华"], 4):
            city = rng.choice(["北京", "上海", "深圳", "成都"])
            ind = rng.choice(INDS)
            b = add(
                f"{city}{t}{ind}有限公司西安分公司",
                "branch",
                True,
                parent=None,
                loc="西安",
                utype="有限责任公司分公司",
                cpre="91",
                addr=self.org_addr(),
                trade=t,
                ind=ind,
                city=city,
            )
            self.branches.append(b)
        # 个体工商户
        self.shops = []
        shop_names = set()
        for _ in range(max(15, self.n // 70)):
            s, se = rng.choice(SHOPS)
            sur = rng.choice(HUI_SUR) if se == "hui" else rng.choice(HAN_SUR)
            who = (
                rng.choice([f"{sur}记", f"老{sur}家", f"{sur}家", f"{sur}二"])
                if se != "uyg"
                else rng.choice(["阿里木", "买买提", "艾力"])
            )
            road = rng.choice(ROADS)[0]
            nm = f"西安市雁塔区{who}{s}"
            if nm in shop_names:
                nm = f"西安市雁塔区{who}{s}（{road}店）"
            if nm in shop_names:
                continue
            shop_names.add(nm)
            o = add(
                nm,
                "shop",
                True,
                utype="个体工商户",
                cpre="92",
                addr=f"雁塔区{road}{rng.randint(1, 300)}号",
                who=who,
                shop=s,
                se=se,
                sur=sur,
            )
            self.shops.append(o)
        # shops sharing the same 'who+shop' lose their short forms
        wc = Counter(o.who + o.shop for o in self.shops)
        for o in self.shops:
            o.allow_short = wc[o.who + o.shop] == 1
        # social organisations
        for e in rng.sample(self.estates, min(6, len(self.estates))):
            add(
                f"西安市雁塔区{e.comm}养老服务中心",
                "social",
                True,
                utype="民办非企业单位",
                cpre="52",
                addr=f"雁塔区{e.road}{e.no}号",
            )
        for a in ["秦腔艺术", "书法家", "个体劳动者", "老年体育"]:
            add(
                f"西安市雁塔区{a}协会",
                "social",
                True,
                utype="社会团体",
                cpre="51",
                addr="雁塔区" + rng.choice(ROADS)[0],
            )
        # schools, government, out-of-district employers (not in the register)
        self.middle = [
            add(f"西安市第{cn_num(k)}中学", "school", False, num=k, utype="", cpre="12")
            for k in rng.sample(range(26, 99), 6)
        ]
        self.primary = [
            add(f"西安市雁塔区{nm}小学", "pschool", False, pn=nm, utype="", cpre="12")
            for nm in ["吉祥路", "电子城", "八里村", "杨家村", "长延堡", "丈八", "含光路", "翠华路"]
        ]
        add("西安市公安局雁塔分局", "gov", False, utype="", cpre="11")
        add(
            "西安市雁塔区人民政府小寨路街道办事处",
            "gov",
            False,
            utype="",
            cpre="11",
            short=["小寨路街道办", "小寨路街办"],
        )
        add(
            "西安市雁塔区人民政府电子城街道办事处",
            "gov",
            False,
            utype="",
            cpre="11",
            short=["电子城街道办", "电子城街办"],
        )
        far = [
            add(n, "co", False, utype="", cpre="91", city="西安")
            for n in [
                "中国西电集团有限公司",
                "陕西延长石油（集团）有限责任公司",
                "西安市自来水有限公司",
                "陕西省人民医院",
                "西安交通大学第二附属医院",
                "西安铁路局西安车务段",
                "陕西汽车集团有限责任公司",
                "隆基绿能科技股份有限公司",
                "比亚迪汽车有限公司西安分公司",
            ]
        ]
        for o in far:
            o.allow_short = False
        # registration codes
        for o in orgs:
            if o.registered or rng.random() < 0.5:
                s17 = o.cpre + "610113"[:6] + orgcode(rng)
                if o.kind == "co" and o.city in ("宝鸡", "咸阳", "渭南", "兰州", "天水"):
                    s17 = (
                        o.cpre
                        + {
                            "宝鸡": "610302",
                            "咸阳": "610402",
                            "渭南": "610502",
                            "兰州": "620102",
                            "天水": "620502",
                        }[o.city]
                        + orgcode(rng)
                    )
                o.code = s17 + cc_check(s17)
            lo, hi = (1953, 1988) if o.kind in ("unit", "inst", "univ", "hosp") else (1995, 2023)
            o.founded = date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
            if o.kind == "shop":
                o.size *= 0.25  # a noodle shop has a handful of staff
        self.build_org_variants()
        # employer pools (weighted by size)
        emp = [
            o
            for o in orgs
            if o.kind
            in ("co", "branch", "shop", "unit", "inst", "univ", "hosp", "gov", "school", "social")
        ]
        w = [o.size for o in emp]
        self.emp_pool = rng.choices(emp, w, k=4000)
        mig = [
            o
            for o in orgs
            if o.kind in ("shop", "branch")
            or (
                o.kind == "co"
                and getattr(o, "ind", "")
                in (
                    "建筑工程",
                    "建设工程",
                    "劳务",
                    "物业管理",
                    "餐饮管理",
                    "物流",
                    "装饰工程",
                    "商贸",
                )
            )
        ]
        self.emp_pool_mig = rng.choices(mig, [o.size for o in mig], k=4000)

    def org_addr(self):
        rng = self.rng
        r = rng.choice(ROADS)
        return f"西安市雁塔区{r[0]}{rng.randint(1, 400)}号" + rng.choice(
            [
                "",
                f"{rng.randint(1, 30)}层",
                f"{rng.choice(self.estates).name}{rng.randint(1, 20)}号楼"
                f"{rng.randint(1, 30)}{rng.randint(1, 20):02d}室",
            ]
        )

    def build_org_variants(self):
        """every textual form an organisation may be written in, with weights; forms shared by two
        organisations are removed from both (the truth stays honest)."""
        allv = {}
        for o in self.orgs:
            v = {}  # text -> (class, weight)

            def put(t, cls, w, v=v):
                if t and t not in v:
                    v[t] = (cls, w)

            put(o.name, "full", 1.0)
            if o.kind == "co":
                if o.name.startswith(
                    (
                        "中国",
                        "陕西延长",
                        "西安市自来水",
                        "陕西省人民",
                        "西安交通大学",
                        "西安铁路",
                        "陕西汽车",
                        "隆基",
                        "比亚迪",
                    )
                ):
                    pass
                else:
                    t, ind, city, suf = o.trade, o.ind, o.city, o.suf
                    put(o.name.replace("（", "(").replace("）", ")"), "variant", 1)
                    if suf == "有限公司":
                        put(o.name.replace("有限公司", "有限责任公司"), "variant", 1)
                    elif suf == "有限责任公司":
                        put(o.name.replace("有限责任公司", "有限公司"), "variant", 1)
                    if o.form == "pre" and city in ("西安", "陕西") and "集团" not in suf:
                        put(f"{t}{ind}（{city}）{suf}", "variant", 0.6)
                        put(f"{t}{ind}({city}){suf}", "variant", 0.4)
                    if o.form == "br":
                        put(f"{city}{t}{ind}{suf}", "variant", 1)
                    if city == "西安" and o.form == "pre":
                        put(f"西安市{t}{ind}{suf}", "variant", 0.5)
                    if o.allow_short:
                        if "集团" in suf:
                            put(f"{t}集团", "short", 1)
                            put(f"{city}{t}集团", "short", 1)
                        else:
                            put(f"{t}{ind}", "short", 1)
                            put(f"{city}{t}{ind}", "short", 0.7)
                            if o.trade_unique:
                                put(f"{t}公司", "short", 0.3)
            elif o.kind == "branch":
                p = o.parent
                if p is not None:
                    put(o.name.replace("（", "(").replace("）", ")"), "variant", 1)
                    if p.allow_short:
                        put(f"{p.trade}{p.ind}{o.loc}分公司", "short", 1)
                        if p.trade_unique:
                            put(f"{p.trade}{o.loc}分公司", "short", 0.5)
                    put(
                        o.name.replace(f"{o.loc}分公司", f"{o.loc}区分公司")
                        if o.loc == "雁塔"
                        else "",
                        "variant",
                        0.5,
                    )
                else:
                    put(o.name.replace("有限公司", "有限责任公司"), "variant", 1)
                    put(f"{o.trade}{o.ind}西安分公司", "short", 1)
            elif o.kind == "shop":
                put(o.name.replace("西安市", ""), "variant", 1)
                put(o.name.replace("西安市雁塔区", "雁塔区"), "variant", 0.5)
                if o.allow_short:
                    put(o.name.replace("西安市雁塔区", ""), "short", 1.5)
            elif o.kind in ("unit", "inst", "univ", "hosp"):
                base = o.name
                for pre in ("西安市", "西安", "陕西省"):
                    if base.startswith(pre) and not base.startswith("西安市雁塔区"):
                        put(base[len(pre) :], "short", 1)
                        break
                if base.startswith("西安市雁塔区"):
                    put(base[3:], "short", 1)
                if o.kind == "unit" and base.startswith("西安") and not base.startswith("西安市"):
                    put("西安市" + base[2:], "variant", 0.4)
            elif o.kind == "school":
                k = o.num
                put(f"西安市{cn_num(k)}中", "short", 0.7)
                put(f"{cn_num(k)}中", "short", 0.8)
                put(f"{k}中", "short", 0.8)
                put(f"西安{k}中", "short", 0.5)
                put(f"西安市第{k}中学", "variant", 0.8)
            elif o.kind == "pschool":
                put(f"雁塔区{o.pn}小学", "short", 1)
                put(f"{o.pn}小学", "short", 1)
            elif o.kind == "gov":
                for s in getattr(o, "short", []):
                    put(s, "short", 1)
            elif o.kind == "social":
                put(o.name.replace("西安市", ""), "variant", 1)
            o.variants = v
            for t in v:
                allv.setdefault(norm(t), []).append(o)
        clash = 0
        for t, os_ in allv.items():
            if len({x.oid for x in os_}) > 1:
                for o in os_:
                    for k in list(o.variants):
                        if norm(k) == t and k != o.name:
                            del o.variants[k]
                            clash += 1
        self.stats["org_variant_clashes_removed"] = clash

    # ---------- legal representatives, ownership leftovers
    def finish(self):
        rng = self.rng
        residents = [p for p in self.persons if p.resident and 28 <= REF.year - p.birth.year <= 68]
        multi_reps = []
        for o in self.orgs:
            if not o.registered:
                continue
            if o.kind == "shop":
                cands = [
                    p
                    for p in residents[-3000:]
                    if (o.se == "hui") == (p.eth in ("hui", "dx", "salar")) and p.emp is None
                ]
                if o.se == "uyg":
                    cands = [p for p in residents if p.eth == "uyg"] or cands
                rep = rng.choice(cands) if cands else rng.choice(residents)
                rep.emp, rep.emp_kind = o, "work"
            elif rng.random() < 0.5:
                rep = rng.choice(residents)
                if rep.emp is None:
                    rep.emp, rep.emp_kind = o, "work"
            elif multi_reps and rng.random() < 0.25:
                rep = rng.choice(multi_reps)  # one person, legal rep of several companies
                self.stats["legal_rep_multi"] += 1
            else:
                rep = self.person(
                    rng.choice("mmmf"),
                    self.rand_birth(1955, 1990),
                    "han",
                    rng.choice(XA_REGION + ["610526", "620503"]),
                    resident=False,
                )
                rep.ptype = "nonres"
                rep.home = self.out_flat()
                multi_reps.append(rep)
            o.rep = rep
        # owners for every in-district dwelling that has none
        for d in list(self.dwell):
            if d.indist and d.owner is None:
                if (
                    d.kind == "vil"
                ):  # 城中村 plot: a villager (surname of the village) who lives elsewhere
                    vs = d.vil.name[0] if d.vil.name[1] == "家" else rng.choice(HAN_SUR)
                    p = self.person(
                        rng.choice("mmmf"),
                        self.rand_birth(1950, 1985),
                        "han",
                        "610113",
                        surname=vs,
                        resident=False,
                    )
                    p.ptype = "nonres"
                    p.home = self.estate_flat() if rng.random() < 0.5 else self.out_flat()
                    if p.home.indist:
                        p.home.owner = p
                    d.owner = p
                    self.stats["villager_landlords"] += 1
                    continue
                occ = [
                    p
                    for p in d.occupants
                    if REF.year - p.birth.year >= 25 and p.ptype != "流动人口"
                ]
                d.owner = occ[0] if occ and rng.random() < 0.5 else self.landlord()
        # a compound flat let out to migrants whose owner (a retired worker) lives with a child
        # elsewhere
        for d in self.dwell:
            if (
                d.kind in ("comp",)
                and d.tenant is not None
                and d.owner is not None
                and d.owner.ptype == "nonres"
            ):
                olds = [
                    p
                    for p in self.persons[-2000:]
                    if p.resident and p.birth.year < 1955 and p.home is not d
                ]
                if olds and rng.random() < 0.5:
                    d.owner = rng.choice(olds)
        # 民政 service categories
        for p in self.persons:
            if not p.resident:
                continue
            age = REF.year - p.birth.year
            if age >= 80 and rng.random() < 0.9:
                p.civil.append("高龄补贴")
            elif age >= 60 and rng.random() < 0.3:
                p.civil.append(rng.choice(["居家养老服务", "养老服务补贴", "老年人助餐"]))
            if rng.random() < 0.015:
                p.civil.append("残疾人两项补贴")
            if age >= 60 and p.marital == "丧偶" and rng.random() < 0.05:
                p.civil.append("特困人员供养")
        for h, w, kids, _home in self.fams:
            if rng.random() < 0.03:
                for p in [h, w] + kids:
                    if p.resident:
                        p.civil.append("城乡低保")
            if h.spouse is w and 20 <= REF.year - w.birth.year <= 35 and rng.random() < 0.08:
                h.civil.append("婚姻登记")
                w.civil.append("婚姻登记")
        for p in self.persons:
            if p.civil and p.resident:
                p.civil = p.civil[:2]


def norm(s: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", s or "").split())


# --------------------------------------------------------------------------- rendering
class Render:
    def __init__(self, W: World):
        self.W = W
        self.rng = random.Random(W.rng.random())
        self.R = W.R
        self.st = W.stats

    def hit(self, rate, tag=None):
        if self.rng.random() < rate:
            if tag:
                self.st[tag] += 1
            return True
        return False

    # ---- person identity fields
    def render_id(self, p, src, allow_relative=None, allow_major=True):
        """returns (text, kind) kind in ok/blank/typo/relative/…"""
        R, rng = self.R, self.rng
        if p is None:
            return "", "blank"
        if allow_major and self.hit(R["id_blank"][src], f"id_blank_{src}"):
            return "", "blank"
        if allow_relative is not None and allow_major:
            return allow_relative.id18, "relative"
        if p.id15 and self.hit(R["id15"][src] * (1.5 if p.birth.year < 1950 else 1.0)):
            self.st[f"id15_{src}"] += 1
            s = p.id15
            kind = "id15"
        else:
            s = p.id18
            kind = "ok"
            if self.hit(R["id_typo"], "id_typo"):
                while True:
                    i = rng.randrange(6, 18)
                    c = rng.choice("0123456789")
                    t = s[:i] + c + s[i + 1 :]
                    if t != s and (i == 17 or id_check(t[:17]) != t[17]):
                        s, kind = t, "typo"
                        break
            elif self.hit(R["id_transpose"], "id_transpose"):
                for _ in range(20):
                    i = rng.randrange(6, 16)
                    if s[i] != s[i + 1]:
                        t = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
                        if id_check(t[:17]) != t[17]:
                            s, kind = t, "transpose"
                            break
            if s.endswith("X") and rng.random() < R["id_lower_x"]:
                s = s[:-1] + "x"
        if self.hit(R["id_fullwidth"], "id_fullwidth"):
            s = fw(s).replace("X", "Ｘ").replace("x", "ｘ")
        elif self.hit(R["id_sep"], "id_separators"):
            sep = rng.choice([" ", "-", " "])
            s = s[:6] + sep + s[6:-4] + sep + s[-4:] if len(s) == 18 else s[:6] + sep + s[6:]
        return s, kind

    def render_name(self, p, id_kind, src):
        """legal name with realistic variation; name errors only when the ID is usable"""
        R, rng = self.R, self.rng
        name = p.name
        usable = id_kind in ("ok", "id15")
        if p.eth == "uyg":
            if usable and self.hit(R["name_translit"], "name_translit"):
                for a, b in UYG_VAR:
                    if a in name:
                        name = name.replace(a, b, 1)
                        break
            if (
                usable
                and src == "police"
                and len(name) > 9
                and self.hit(R["name_truncate"], "name_truncate")
            ):
                name = name[:9]
            dot = rng.choice(["·", "·", "·", ".", "•", "・", "．", "", " "])
            return name.replace("·", dot)
        if p.eth == "tib":
            if usable and self.hit(R["name_translit"], "name_translit"):
                for a, b in TIB_VAR:
                    if a in name:
                        name = name.replace(a, b, 1)
                        break
            return name
        if usable and not p.twin and not p.no_name_err:
            if (
                p.former
                and src != "police"
                and self.hit(R["name_former"] * 0.5, "name_former_used")
            ):
                name = p.former
            elif (
                p.jm
                and src == "civil"
                and p.birth.year < 1960
                and self.hit(R["name_former"] * 0.3, "name_jingming_used")
            ):
                name = (p.sur or "") + p.jm
            elif self.hit(R["name_homophone"], "name_homophone"):
                sur = p.sur or ""
                given = name[len(sur) :]
                idx = [i for i, c in enumerate(given) if c in HOMO_OF]
                if sur in SUR_HOMO and (not idx or rng.random() < R["surname_homophone"]):
                    name = SUR_HOMO[sur] + given
                elif idx:
                    i = rng.choice(idx)
                    g = HOMO_OF[given[i]]
                    c = rng.choice([x for x in g if x != given[i]])
                    name = sur + given[:i] + c + given[i + 1 :]
        old = p.birth.year < 1950
        if self.hit(R["name_trad_old"] if old else R["name_trad"], "name_traditional"):
            name = "".join(TRAD.get(c, c) for c in name)
        if self.hit(R["name_space"], "name_space"):
            k = len(p.sur or name[:1])
            name = rng.choice(
                [name[:k] + " " + name[k:], " " + name, name + " ", name[:k] + "　" + name[k:]]
            )
        return name

    def render_gender(self, p, src):
        R, rng = self.R, self.rng
        if self.hit(R["gender_blank"]):
            return ""
        if src in ("police", "housing"):
            return p.gender
        if rng.random() < R["gender_code"]:
            return rng.choice(["1", "M"]) if p.gender == "男" else rng.choice(["2", "F"])
        return p.gender

    def render_date(self, d, usable, elder=False):
        R, rng = self.R, self.rng
        if usable:
            if self.hit(R["date_offday"], "date_offday"):
                d = d + timedelta(days=rng.choice([-1, 1]))
            elif (
                d.day <= 12 and d.day != d.month and self.hit(R["date_swap"], "date_month_day_swap")
            ):
                d = date(d.year, d.day, d.month)
            elif elder and self.hit(R["date_lunar"] * 5, "date_lunar"):
                d = d - timedelta(days=rng.randint(20, 50))
        f = rng.random()
        if f < 0.35:
            return f"{d:%Y%m%d}"
        if f < 0.6:
            return f"{d:%Y-%m-%d}"
        if f < 0.72:
            return f"{d.year}/{d.month}/{d.day}"
        if f < 0.84:
            return f"{d:%Y.%m.%d}"
        return f"{d.year}年{d.month}月{d.day}日"

    def render_ym(self, d, usable):
        R, rng = self.R, self.rng
        if usable and self.hit(R["date_swap"], "ym_month_off"):
            m = d.month + rng.choice([-1, 1])
            d = date(d.year, min(12, max(1, m)), 1)
        f = rng.random()
        if f < R["xlsx_datecell"]:
            self.st["xlsx_date_cell"] += 1
            return datetime(d.year, d.month, 1)
        if f < 0.1:
            return int(f"{d:%Y%m}")
        if f < 0.45:
            return f"{d:%Y-%m}"
        if f < 0.7:
            return f"{d:%Y%m}"
        if f < 0.9:
            return f"{d.year}年{d.month}月"
        return f"{d:%Y.%m}"

    def render_phone(self, p, src):
        R, rng = self.R, self.rng
        if self.hit(R["phone_blank"]):
            return ""
        num = None
        if p.relphone is not None and p.relphone.phone:
            num = p.relphone.phone
        elif p.phone:
            num = p.phone
            if (
                p.spouse is not None
                and p.spouse.phone
                and p.g == "f"
                and rng.random() < R["phone_spouse"]
            ):
                num = p.spouse.phone
        elif p.home is not None and p.home.landline:
            num = p.home.landline
        if num is None:
            return ""
        if num.startswith("029"):
            f = rng.random()
            loc = num[3:]
            return (
                f"029-{loc}"
                if f < 0.45
                else num
                if f < 0.6
                else loc
                if f < 0.8
                else f"(029){loc}"
                if f < 0.9
                else f"029 {loc[:4]} {loc[4:]}"
            )
        f = rng.random()
        if f < 0.62:
            return num
        if f < 0.72:
            return f"+86 {num}"
        if f < 0.77:
            return f"+86{num}"
        if f < 0.88:
            return f"{num[:3]} {num[3:7]} {num[7:]}"
        if f < 0.96:
            return f"{num[:3]}-{num[3:7]}-{num[7:]}"
        return f"86-{num}"

    # ---- addresses
    def prefix(self, dist, street, src, border=None):
        R, rng = self.R, self.rng
        if dist == "雁塔区":
            if border and self.hit(R["addr_wrong_district"], "addr_wrong_district"):
                dist = border
            elif self.hit(R["addr_typo"], "addr_typo_燕塔"):
                dist = "燕塔区"
        sst = STREET_SHORT.get(street, street)
        opts = {
            "police": [
                ("陕西省西安市" + dist, 40),
                ("西安市" + dist, 28),
                (dist, 12),
                (f"西安市{dist}{street}", 8),
                ("", 7),
                ("陕西西安" + dist, 5),
            ],
            "civil": [
                (f"{dist}{street}", 25),
                (dist, 20),
                ("", 25),
                (f"西安市{dist}", 15),
                (f"{dist}{sst}", 10),
                ("西安" + dist, 5),
            ],
            "fp": [
                ("", 30),
                (dist, 25),
                (f"西安市{dist}", 25),
                (f"陕西省西安市{dist}", 10),
                (f"{dist}{street}", 10),
            ],
            "housing": [
                (f"{dist}{street}", 45),
                (f"西安市{dist}", 30),
                (dist, 15),
                (f"陕西省西安市{dist}{street}", 10),
            ],
        }[src]
        return rng.choices([o for o, _ in opts], [w for _, w in opts])[0]

    def flat(self, b, u, f, d, style, bw="号楼"):
        room = f"{f}{d:02d}"
        if style == "room":
            return f"{b}{bw}{u}单元{room}" + self.rng.choice(["室", "室", "", "号"])
        if style == "dash":
            return f"{b}-{u}-{room}"
        if style == "fd":
            return f"{b}{bw}{u}单元{f}层{d}号"
        if style == "lou":
            return f"{b}楼{u}单元{f}楼{d}号"
        if style == "cn":
            if self.rng.random() < 0.6:
                return f"{cn_num(b)}号楼{cn_num(u)}单元{cn_num(f)}层{cn_num(d)}号"
            return f"{cn_num(b)}号楼{cn_num(u)}单元{''.join(CN_D[int(c)] for c in room)}室"
        raise ValueError(style)

    def addr(self, dw, src, ctx=None):
        R, rng = self.R, self.rng
        k = dw.kind
        bw = (
            rng.choice(["号楼"] * 6 + ["栋", "幢", "#楼", "号"])
            if src != "housing"
            else rng.choice(["幢", "幢", "号楼", "栋"])
        )
        if k == "estate":
            e = dw.est
            pre = self.prefix("雁塔区", e.street, src, e.border)
            use_road = rng.random() < (0.7 if src == "housing" else 0.5)
            use_name = (not use_road) or rng.random() < 0.7
            nm = e.name
            if e.drop_ok and rng.random() < 0.4:
                nm = e.stem
            if src == "civil" and rng.random() < 0.25 and pre.endswith("街道"):
                pre += e.comm
            style = rng.choices(
                ["room", "dash", "fd", "lou", "cn"], [55, 27, 8, 5, 3 + 30 * R["addr_cn"]]
            )[0]
            if src == "housing":
                style = "room"
            if not use_name and bw == "号":
                bw = "号楼"  # '…88号5号2单元' only reads right after an estate name
            s = (
                pre
                + (f"{e.road}{e.no}号" if use_road else "")
                + (nm if use_name else "")
                + self.flat(dw.b, dw.u, dw.f, dw.d, style, bw)
            )
        elif k in ("comp", "bung"):
            c = dw.comp
            pre = self.prefix("雁塔区", c.street, src)
            org = c.org
            if org.startswith("西安市雁塔区") and pre:
                org = org[3:]
            short = org
            for p_ in ("西安市雁塔区", "西安市", "西安", "陕西省"):
                if org.startswith(p_):
                    short = org[len(p_) :] if p_ != "西安市雁塔区" else org[3:]
                    break
            suf = c.suf
            if self.hit(R["addr_suffix_swap"], "addr_compound_suffix_swap"):
                suf = rng.choice([x for x in ("家属院", "生活区", "家属区") if x != suf])
            if k == "bung":
                pb = rng.choice(["平房区", "平房"])
                r_, n_ = (
                    (cn_num(dw.r), cn_num(dw.n))
                    if rng.random() < 0.2 + R["addr_cn"]
                    else (str(dw.r), str(dw.n))
                )
                form = rng.random()
                if form < 0.45:
                    s = pre + (org if rng.random() < 0.6 else short) + pb + f"{r_}排{n_}号"
                elif form < 0.75:
                    s = pre + f"{c.road}{c.no}号" + org + suf + pb + f"{r_}排{n_}号"
                else:
                    s = pre + f"{c.road}{c.no}号院" + pb + f"{r_}排{n_}号"
            else:
                form = rng.random()
                if form < 0.35:
                    head = (org if rng.random() < 0.5 else short) + suf
                elif form < 0.65:
                    head = f"{c.road}{c.no}号" + (org if rng.random() < 0.5 else short) + suf
                else:
                    head = f"{c.road}{c.no}号院"
                    if bw == "号":
                        bw = "号楼"
                style = rng.choices(
                    ["fd", "room", "dash", "lou", "cn"], [35, 27, 15, 13, 5 + 40 * R["addr_cn"]]
                )[0]
                if src == "housing":
                    style = rng.choice(["room", "fd"])
                s = pre + head + self.flat(dw.b, dw.u, dw.f, dw.d, style, bw)
        elif k == "vil":
            v = dw.vil
            pre = self.prefix("雁塔区", v.street, src)
            if pre and not pre.endswith("街道") and rng.random() < 0.3:
                pre += rng.choice([v.street, v.street + "办事处", STREET_SHORT[v.street]])
            vn = v.name
            if not vn.endswith("村") and rng.random() < 0.4:
                vn += "村"
            g = str(dw.g)
            if rng.random() < 0.25 + R["addr_cn"]:
                g = cn_num(dw.g)
            gw = "组"
            if self.hit(R["addr_group_word"] * 0.3, "addr_group_队"):
                gw = "队"
            s = pre + vn + g + gw + f"{dw.n}号"
        elif k == "old":
            o = dw.oc
            pre = rng.choices(
                [
                    "",
                    "莲湖区",
                    "西安市莲湖区",
                    "陕西省西安市莲湖区",
                    f"莲湖区{o.street}",
                    f"西安市莲湖区{o.street}",
                ],
                [15, 25, 30, 15, 10, 5],
            )[0]
            n = cn_num(dw.n) if rng.random() < R["addr_cn"] * 2 else str(dw.n)
            s = pre + o.lane + n + "号"
        elif k == "out":
            e = dw.est
            pre = rng.choice(["西安市", "", "陕西省西安市"]) + e.dist
            style = rng.choice(["room", "dash", "room"])
            s = (
                pre
                + rng.choice([f"{e.road}{e.no}号", "", f"{e.road}{e.no}号"])
                + e.name
                + self.flat(dw.b, dw.u, dw.f, dw.d, style, bw)
            )
        elif k == "rural":
            o = dw.org_
            prov, city, county = o[0], o[1], o[2]
            r = rng.random()
            if r < 0.45:
                pc = prov + city
            elif r < 0.65:
                pc = city
            elif r < 0.85:
                pc = PROV_SHORT[prov] + city.replace("市", "")
            else:
                pc = prov + city.replace("市", "").replace("地区", "")
            gw = o[4]
            if gw != "组" and self.hit(R["addr_group_word"], "addr_group_word_组"):
                gw = "组"
            g = cn_num(dw.g) if rng.random() < 0.2 + R["addr_cn"] else str(dw.g)
            s = pc + county + dw.town + dw.vil + g + gw + f"{dw.n}号"
        else:
            raise ValueError(k)
        if self.hit(R["addr_fullwidth"], "addr_fullwidth"):
            s = fw(s)
        return s

    # ---- organisations
    def org_text(self, p):
        """the text a clerk writes for p's employer; (text, org or None)"""
        R, rng = self.R, self.rng
        o, kind = p.emp, p.emp_kind
        if o is None:
            age = REF.year - p.birth.year
            if age >= 60:
                return rng.choice(["退休", "", "", "无"]), None
            if 18 <= age < 60:
                return rng.choice(["", "", "", "无", "个体", "务工", "待业", "自由职业"]), None
            return "", None
        if kind == "retired":
            if rng.random() > R["org_retired"]:
                return rng.choice(["退休", ""]), None
            base = self.org_form(o)
            self.st["org_retired_form"] += 1
            return rng.choice([f"{base}（退休）", f"{base}(退休)", f"原{base}", f"{base}退休"]), o
        t = self.org_form(o)
        if (
            o.kind in DEPTS
            and DEPTS[o.kind]
            and t == o.name
            and self.hit(R["org_dept"], "org_department_suffix")
        ):
            t = t + rng.choice(DEPTS[o.kind])
        return t, o

    def org_form(self, o):
        R, rng = self.R, self.rng
        v = o.variants
        opts = [(o.name, 1.0)]
        for t, (cls, w) in v.items():
            if t == o.name:
                continue
            if cls == "short":
                opts.append((t, w * R["org_short"] * 3))
            else:
                opts.append((t, w * R["org_variant"] * 2))
        t = rng.choices([x for x, _ in opts], [w for _, w in opts])[0]
        if t != o.name:
            self.st["org_nonfull_name"] += 1
        return t


# --------------------------------------------------------------------------- sources
def write_all(W: World, out: str):
    R = W.R
    rd = Render(W)
    rng = rd.rng
    truth = []
    os.makedirs(out, exist_ok=True)

    def T(src, rid, role, ent):
        truth.append((src, rid, role, ent))

    persons = W.persons
    # ---------- police
    police = []
    pol_people = [p for p in persons if (p.resident or p.ptype == "人户分离") and not p.deceased]
    for p in pol_people:
        if p.ptype == "流动人口" and rng.random() < R["police_missing"]:
            rd.st["police_unregistered_migrants"] += 1
            continue
        police.append((p, "main"))
        if rng.random() < R["police_dup"] and p.birth.year < 2000:
            police.append((p, "dup"))
            rd.st["police_duplicate_person_rows"] += 1
    rng.shuffle(police)
    prow = []
    for i, (p, kind) in enumerate(police):
        rid = f"GA{610113000000 + i * 7 + 3:012d}"
        idt, ik = rd.render_id(p, "police", allow_major=kind == "main")
        name = rd.render_name(p, ik, "police") if kind == "main" else (p.former or p.name)
        former = p.former or (p.jm if rng.random() < 0.6 else "")
        if kind == "dup":
            former = "" if name == p.former else former
            if p.id15 and rng.random() < 0.6:
                idt = p.id15
        ptype = p.ptype
        home = p.home
        reg = p.reg
        hno, rel = p.hno, p.rel
        if kind == "dup":
            # a stale second registration: an old 户 never cancelled or a migrant registration
            ptype = "流动人口" if p.ptype != "流动人口" else "寄住人口"
            home = p.old_home or home
            hno = ""
            rel = ""
        if home is not None and reg is home and rd.hit(R["addr_same_reg"], "addr_同户籍地址"):
            cur = rng.choice(["同户籍地址", "同户籍地", "同户籍"])
            T("police", rid, "house", home.hid)
        elif home is not None:
            cur = rd.addr(home, "police")
            T("police", rid, "house", home.hid)
        else:
            cur = ""
        regt = rd.addr(reg, "police") if reg is not None else ""
        if reg is not None:
            T("police", rid, "registered_house", reg.hid)
        et, eo = rd.org_text(p)
        if eo is not None:
            T("police", rid, "employer", eo.oid)
        T("police", rid, "person", p.pid)
        prow.append(
            {
                "记录编号": rid,
                "姓名": name,
                "曾用名": former,
                "性别": rd.render_gender(p, "police"),
                "民族": ETH_NAME[p.eth]
                if rng.random() < 0.85
                else ETH_NAME[p.eth][:-1]
                if p.eth in ("han", "hui")
                else ETH_NAME[p.eth],
                "出生日期": rd.render_date(p.birth, ik in ("ok", "id15"), p.birth.year < 1950),
                "公民身份号码": idt,
                "户号": hno,
                "与户主关系": rel,
                "户籍地址": regt,
                "现住址": cur,
                "服务处所": et,
                "联系电话": rd.render_phone(p, "police"),
                "人员类型": ptype,
                "所属派出所": "雁塔分局"
                + rng.choice(
                    ["小寨", "电子城", "长延堡", "大雁塔", "丈八", "曲江", "等驾坡", "鱼化寨"]
                )
                + "派出所",
            }
        )
    pcols = [
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
        "所属派出所",
    ]
    with open(os.path.join(out, "police.csv"), "w", encoding="gb18030", newline="") as f:
        w = csv.DictWriter(f, pcols)
        w.writeheader()
        w.writerows(prow)

    # ---------- family planning
    fprows = []
    fp_people = []
    seqf = 0
    for h, w_, kids, home in W.fams:
        if (
            w_.deceased
            or REF.year - w_.birth.year > 52
            and not [k for k in kids if REF.year - k.birth.year <= 18]
        ):
            continue
        if rng.random() > 0.85:
            continue
        seqf += 1
        fno = f"JT{6101130000 + seqf * 3:010d}"
        head_is_w = rng.random() < 0.15
        stale = h.old_home is not None and rd.hit(R["addr_stale"])
        members = [(h, "配偶" if head_is_w else "户主"), (w_, "户主" if head_is_w else "配偶")]
        members += [(k, "子女") for k in kids if REF.year - k.birth.year <= 22 and k.home is home]
        for p, role in members:
            fp_people.append((p, role, fno, stale))
    for p in persons:  # single women of child-bearing age, own archive
        if (
            p.resident
            and p.g == "f"
            and p.spouse is None
            and 22 <= REF.year - p.birth.year <= 45
            and rng.random() < 0.15
        ):
            seqf += 1
            fp_people.append((p, "户主", f"JT{6101130000 + seqf * 3:010d}", False))
    rng.shuffle(fp_people)
    for i, (p, role, fno, stale) in enumerate(fp_people):
        rid = f"{2019 + i % 5}{i * 13 + 100007:08d}"
        age_days = (REF - p.birth).days
        rel = None
        newborn = age_days < 400
        if newborn and rng.random() < R["newborn_noid"]:
            if p.mother is not None and rng.random() < R["id_mother_newborn"] / R["newborn_noid"]:
                rel = p.mother
                rd.st["fp_newborn_with_mothers_id"] += 1
            else:
                rel = "blank"
        if rel == "blank":
            idt, ik = "", "blank"
            rd.st["fp_newborn_no_id"] += 1
        elif rel is not None:
            idt, ik = rd.render_id(p, "fp", allow_relative=rel)
        else:
            idt, ik = rd.render_id(p, "fp")
        name = rd.render_name(p, ik, "fp")
        if ik == "blank":
            stale = (
                False  # a row without ID keeps the current address (namesakes stay distinguishable)
            )
        home = p.old_home if (stale and p.old_home is not None) else p.home
        if stale and p.old_home is not None:
            rd.st["fp_stale_address"] += 1
        if (
            home is not None
            and home is p.reg
            and rd.hit(R["addr_same_reg"] * 0.5, "addr_同户籍地址")
        ):
            cur = rng.choice(["同户籍地址", "同户籍地"])
        else:
            cur = rd.addr(home, "fp") if home is not None else ""
        if home is not None:
            T("family_planning", rid, "house", home.hid)
        regt = ""
        if p.reg is not None and rng.random() < 0.8:
            regt = rd.addr(p.reg, "fp")
            T("family_planning", rid, "registered_house", p.reg.hid)
        et, eo = ("", None)
        if REF.year - p.birth.year >= 18:
            et, eo = rd.org_text(p)
            if eo is not None and p.emp_kind == "school":
                et, eo = "", None
        if eo is not None:
            T("family_planning", rid, "employer", eo.oid)
        T("family_planning", rid, "person", p.pid)
        fprows.append(
            {
                "档案号": rid,
                "家庭档案号": fno,
                "姓名": name,
                "身份证号": idt,
                "性别": rd.render_gender(p, "fp"),
                "出生日期": rd.render_date(p.birth, ik in ("ok", "id15")),
                "家庭角色": role,
                "现居住地址": cur,
                "户籍地址": regt,
                "工作单位": et,
                "手机号码": rd.render_phone(p, "fp"),
                "备注": rng.choice(
                    ["", "", "", "流动人口" if p.ptype == "流动人口" else "", "独生子女"]
                ),
            }
        )
    fcols = [
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
        "备注",
    ]
    with open(os.path.join(out, "family_planning.csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fcols)
        w.writeheader()
        w.writerows(fprows)

    # ---------- civil affairs (xlsx)
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("服务对象")
    ccols = [
        "编号",
        "服务类别",
        "姓名",
        "身份证号",
        "性别",
        "出生年月",
        "婚姻状况",
        "配偶姓名",
        "配偶身份证号",
        "居住地址",
        "联系电话",
        "所属社区",
    ]
    ws.append(ccols)
    civ = [(p, cat) for p in persons if p.resident for cat in p.civil]
    rng.shuffle(civ)
    nciv = 0
    for i, (p, cat) in enumerate(civ):
        rid = f"MZ{2020 + i % 4}{i * 7 + 1001:06d}"
        rel = None
        age = REF.year - p.birth.year
        if age >= 70 and rd.hit(R["id_relative_civil"]):
            kids = [k for k in p.kids if k.resident] or (
                [p.relphone] if p.relphone is not None and p.relphone is not p else []
            )
            if kids:
                rel = kids[0]
                rd.st["civil_relatives_id_on_row"] += 1
        idt, ik = rd.render_id(p, "civil", allow_relative=rel)
        idcell = idt
        if (
            ik in ("ok", "typo", "transpose", "relative")
            and idt.isdigit()
            and len(idt) == 18
            and rd.hit(R["xlsx_num"], "xlsx_id_number_cell_15_digits")
        ):
            idcell = int(idt[:15] + "000")
        elif idt and rd.hit(R["xlsx_apos"], "xlsx_id_leading_apostrophe"):
            idcell = "'" + idt
        elif idt.isdigit() and len(idt) == 15 and rd.hit(R["xlsx_num"], "xlsx_id15_number_cell"):
            idcell = int(idt)
        name = rd.render_name(p, ik if ik != "relative" else "x", "civil")
        stale = p.old_home is not None and rng.random() < R["addr_stale"] and ik != "blank"
        home = p.old_home if stale else p.home
        cur = rd.addr(home, "civil")
        T("civil_affairs", rid, "house", home.hid)
        T("civil_affairs", rid, "person", p.pid)
        mar = (
            p.marital
            if p.spouse is not None or p.marital == "丧偶"
            else rng.choice(["未婚", "未婚", ""])
            if age < 30
            else p.marital
        )
        sn, sid = "", ""
        sp = p.spouse
        if sp is not None and (not sp.deceased or rng.random() < 0.3) and rng.random() < 0.88:
            sid, sk = rd.render_id(sp, "spouse")
            sn = rd.render_name(sp, sk, "civil") if rng.random() < 0.93 or not sid else ""
            if sn or sid:
                T("civil_affairs", rid, "spouse", sp.pid)
        if sp is not None and sp.deceased and not sn and not sid:
            mar = "丧偶"
        ph = rd.render_phone(p, "civil")
        phcell = int(ph) if ph.isdigit() and len(ph) == 11 and rng.random() < 0.3 else ph
        ym = rd.render_ym(p.birth, ik in ("ok", "id15"))
        if isinstance(ym, datetime):
            c = WriteOnlyCell(ws, value=ym)
            c.number_format = "yyyy-mm"
            ym = c
        gcomm = (
            home.est.comm
            if home.kind == "estate"
            else home.comp.comm
            if home.kind in ("comp", "bung")
            else home.vil.name + "社区"
            if home.kind == "vil"
            else ""
        )
        ws.append(
            [
                rid,
                cat,
                name,
                idcell,
                rd.render_gender(p, "civil"),
                ym,
                mar,
                sn,
                sid,
                cur,
                phcell,
                gcomm,
            ]
        )
        nciv += 1
    wb.save(os.path.join(out, "civil_affairs.xlsx"))

    # ---------- housing
    hrows = []
    hd = [d for d in W.dwell if d.indist and rng.random() < 0.88]
    hlist = []
    for d in hd:
        hlist.append(d)
        if rd.hit(R["housing_dup"], "housing_duplicate_dwelling_rows"):
            hlist.append(d)
    rng.shuffle(hlist)
    for i, d in enumerate(hlist):
        rid = f"6101130{i * 11 + 20011:08d}"
        T("housing", rid, "house", d.hid)
        on, oi = "", ""
        if d.owner is not None:
            lives_here = d.owner.home is d or d.owner.old_home is d
            oi, ok = rd.render_id(d.owner, "housing", allow_major=lives_here)
            on = rd.render_name(d.owner, ok, "housing")
            T("housing", rid, "owner", d.owner.pid)
        tn, ti = "", ""
        if d.tenant is not None and d.tenant is not d.owner and rng.random() < 0.8:
            ti, tk = rd.render_id(d.tenant, "housing")
            tn = rd.render_name(d.tenant, tk, "housing")
            T("housing", rid, "tenant", d.tenant.pid)
        use = d.use if d.kind != "vil" else rng.choice(["自建房", "自建房", "住宅", "出租屋"])
        hrows.append(
            {
                "房屋编号": rid,
                "房屋地址": rd.addr(d, "housing"),
                "房屋用途": use,
                "产权人姓名": on,
                "产权人证件号码": oi,
                "承租人姓名": tn,
                "承租人证件号码": ti,
                "建筑面积": "" if d.kind == "vil" else f"{rng.uniform(38, 160):.2f}",
            }
        )
    hcols = [
        "房屋编号",
        "房屋地址",
        "房屋用途",
        "产权人姓名",
        "产权人证件号码",
        "承租人姓名",
        "承租人证件号码",
        "建筑面积",
    ]
    with open(os.path.join(out, "housing.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, hcols)
        w.writeheader()
        w.writerows(hrows)

    # ---------- organisations
    orows = []
    olist = []
    for o in W.orgs:
        if o.registered:
            olist.append((o, "main"))
            if rd.hit(R["org_dup"], "org_duplicate_rows"):
                olist.append((o, "dup"))
    rng.shuffle(olist)
    for i, (o, kind) in enumerate(olist):
        rid = f"DJ{i * 17 + 3001:07d}"
        code = o.code or ""
        if kind == "dup" or rd.hit(R["org_code_blank"], "org_code_blank"):
            code = ""
        elif rd.hit(R["org_code_typo"], "org_code_typo"):
            j = rng.randrange(8, 17)
            code = code[:j] + rng.choice([c for c in "0123456789" if c != code[j]]) + code[j + 1 :]
        elif rng.random() < 0.02:
            code = code.lower()
        name = o.name
        if kind == "dup":
            alts = [t for t, (cls, _) in o.variants.items() if cls == "variant"]
            name = rng.choice(alts) if alts else o.name
        T("organisations", rid, "organisation", o.oid)
        rn, ri = "", ""
        if o.rep is not None:
            ri, rk = rd.render_id(o.rep, "org")
            rn = rd.render_name(o.rep, rk, "org")
            T("organisations", rid, "legal_rep", o.rep.pid)
        fd = o.founded
        orows.append(
            {
                "登记编号": rid,
                "统一社会信用代码": code,
                "单位名称": name,
                "单位类型": o.utype,
                "法定代表人": rn,
                "法定代表人证件号码": ri,
                "注册地址": o.addr,
                "成立日期": rd.render_date(fd, True),
                "登记机关": "西安市雁塔区" + ("民政局" if o.kind == "social" else "市场监督管理局"),
            }
        )
    ocols = [
        "登记编号",
        "统一社会信用代码",
        "单位名称",
        "单位类型",
        "法定代表人",
        "法定代表人证件号码",
        "注册地址",
        "成立日期",
        "登记机关",
    ]
    with open(os.path.join(out, "organisations.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, ocols)
        w.writeheader()
        w.writerows(orows)

    with open(os.path.join(out, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "record_id", "role", "entity_id"])
        w.writerows(truth)
    return dict(
        police=len(prow),
        civil_affairs=nciv,
        family_planning=len(fprows),
        housing=len(hrows),
        organisations=len(orows),
        truth_refs=len(truth),
        truth_by_role=dict(Counter(r[2] for r in truth)),
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", required=True)
    ap.add_argument("--difficulty", choices=["normal", "hard"], default="normal")
    a = ap.parse_args()
    W = World(a.residents, a.seed, a.difficulty)
    W.build_places()
    W.build_orgs()
    W.build_people()
    W.finish()
    rows = write_all(W, a.out)
    st = W.stats
    ents = dict(
        persons=len({p.pid for p in W.persons}),
        residents=sum(1 for p in W.persons if p.resident),
        dwellings=len(W.dwell),
        organisations=len(W.orgs),
    )
    print(
        json.dumps(
            dict(
                district="陕西省西安市雁塔区",
                difficulty=a.difficulty,
                seed=a.seed,
                rows=rows,
                world=ents,
                injected=dict(sorted(st.items())),
            ),
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
