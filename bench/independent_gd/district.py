#!/usr/bin/env python3
"""Seeded generator of a fictional 广州市天河区 district for an independent resolver benchmark.

Why it exists: a resolver tuned on data from its own generator learns that generator's habits.
This one was written from /work/shared/data-contract.md alone, without reading kg's resolver,
loaders or other generators, and leans on Guangdong habits the earlier (northern, Shanghai)
benchmarks did not exercise: 城中村 addresses (坊/巷/号, 之一 buildings, rooms), estates with
梯 stairwells and 座/栋 buildings, traditional characters, Cantonese surnames (区, 麦, 司徒),
港澳 residence-permit numbers, public-body short names (石牌街道办, 天河人民医院) and a clerk's
Excel (date cells, integer phones, IDs that lost digits beyond 15).

It first builds one coherent world (persons, households, dwellings, organisations), then writes
each department's partial, error-laden view of it, and a truth.csv that names the real entity
behind every reference the contract's section 2 lists.

usage: district.py --residents N --seed S --difficulty normal|hard --out DIR
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

# ------------------------------------------------------------------------------------ rates
# Per-reference probabilities in normal mode. Hard mode multiplies every entry by HARD_FACTOR
# (capped at HARD_CAP) and switches on HARD_ONLY. Entries marked "format" change how a value is
# written, not what it says; the others destroy or blur evidence. A reference never gets more
# than one evidence-destroying error ("hard error"), so every reference stays decidable.
RATES: dict[str, float] = {
    # persons: identity numbers
    "id_blank": 0.04,  # hard error
    "id_typo": 0.015,  # hard error: one digit mistyped
    "id_swap": 0.012,  # hard error: two adjacent digits swapped
    "id_legacy15": 0.06,  # format: 15-digit legacy number (persons born before 2000)
    "id_fullwidth": 0.03,  # format
    "id_separators": 0.03,  # format: spaces or hyphens inside
    "id_lower_x": 0.3,  # format: of IDs ending in X
    # persons: names, dates, sex, phones
    "name_trad": 0.10,  # format: traditional characters (港澳 persons: HK_TRAD)
    "name_homophone": 0.025,  # hard error: 丽/莉, 伟/玮 ...
    "name_space": 0.03,  # format
    "name_former": 0.02,  # hard error: a non-police source still uses the 曾用名
    "date_blank": 0.02,
    "date_typo": 0.01,  # hard error: month/day swapped or a year digit changed
    "sex_blank": 0.04,
    "sex_code": 0.2,  # format: 1/2 or M/F instead of 男/女
    "phone_blank": 0.10,
    "phone_format": 0.35,  # format: +86, spaces, hyphens, (020)
    "owner_id_blank": 0.10,  # hard error on housing owner refs (only where the name is unique)
    "tenant_id_blank": 0.15,
    "legal_rep_id_blank": 0.08,
    "spouse_id_blank": 0.20,
    # addresses (all format: the dwelling stays identifiable)
    "addr_trad": 0.05,
    "addr_fullwidth": 0.05,
    "addr_cn_numerals": 0.10,
    "addr_dash": 0.15,
    "addr_street_office": 0.10,
    "addr_spaces": 0.03,
    "addr_alt_building_word": 0.06,  # 栋 written 座 or 幢
    # organisations
    "org_variant": 0.35,  # format: another known name form (short, bracket city, 有限责任)
    "org_code_missing": 0.08,
    "org_code_typo": 0.03,
    "org_trad": 0.04,
    "org_former_name": 0.02,  # hard error: employer written with the company's old name
    # duplication inside a source (a second row for the same entity)
    "police_dup": 0.03,
    "fp_dup": 0.02,
    "housing_dup": 0.02,
    "org_dup": 0.03,
}
HARD_FACTOR = 2.5
HARD_CAP = 0.6
HARD_ONLY: dict[str, float] = {
    "id_parent_on_child": 0.04,  # a child's row carries a parent's ID
    "id_excel_float": 0.05,  # civil affairs: digit-only ID stored as a float, 15 digits kept
    "shuffle_columns": 0.7,  # per file
    "extra_columns": 0.6,  # per file: 1-2 of 备注/更新时间/数据来源
}
# Coverage and world shape: not errors, identical in both modes.
WORLD: dict[str, float] = {
    "police_cover_local": 0.97,
    "police_cover_migrant": 0.88,
    "police_cover_hk": 0.85,
    "fp_cover_local": 0.85,
    "fp_cover_migrant": 0.70,
    "housing_cover": 0.97,
    "civil_date_cell": 0.3,  # 出生年月 stored as a real Excel date
    "civil_phone_int": 0.25,  # 联系电话 stored as an integer
    "org_registered": 0.9,
}

TODAY = date(2024, 6, 30)

POLICE_COLS = [
    "记录编号", "姓名", "曾用名", "性别", "民族", "出生日期", "公民身份号码", "户号",
    "与户主关系", "户籍地址", "现住址", "服务处所", "联系电话", "人员类型",
]  # fmt: skip
CIVIL_COLS = [
    "编号", "姓名", "身份证号", "性别", "出生年月", "居住地址", "联系电话", "婚姻状况",
    "配偶姓名", "配偶身份证号", "服务类别",
]  # fmt: skip
FP_COLS = [
    "档案号", "家庭档案号", "姓名", "身份证号", "性别", "出生日期", "家庭角色",
    "现居住地址", "户籍地址", "工作单位", "手机号码",
]  # fmt: skip
HOUSING_COLS = [
    "房屋编号", "房屋地址", "房屋用途", "产权人姓名", "产权人证件号码", "承租人姓名",
    "承租人证件号码",
]  # fmt: skip
ORG_COLS = [
    "登记编号", "统一社会信用代码", "单位名称", "单位类型", "法定代表人", "法定代表人证件号码",
    "注册地址", "成立日期",
]  # fmt: skip
PLACEHOLDER_EMPLOYERS = ["无", "退休", "学生", "待业", "无业", "自由职业"]

# ------------------------------------------------------------------------------------ names
SURNAMES: dict[str, list[tuple[str, float]]] = {
    "local": [
        ("陈", 12), ("黄", 8), ("李", 7), ("梁", 6), ("林", 5), ("张", 5), ("何", 4),
        ("罗", 3), ("郭", 2), ("谢", 2), ("邓", 2.5), ("冯", 2), ("吴", 2.5), ("刘", 4),
        ("曾", 2), ("潘", 1.5), ("郑", 2), ("卢", 1.5), ("麦", 1.2), ("钟", 1.5), ("区", 0.4),
        ("欧阳", 0.4), ("司徒", 0.3), ("上官", 0.1),
    ],
    "hunan": [("刘", 4), ("李", 4), ("王", 3), ("张", 3), ("陈", 3), ("杨", 2), ("周", 2),
              ("谭", 2), ("彭", 2), ("邓", 1), ("罗", 2), ("曾", 2), ("唐", 2), ("肖", 1)],
    "guangxi": [("黄", 5), ("李", 3), ("韦", 4), ("梁", 3), ("陆", 2), ("覃", 2), ("莫", 2),
                ("蒙", 1), ("陈", 2), ("农", 1)],
    "jiangxi": [("刘", 3), ("王", 2), ("李", 2), ("张", 2), ("钟", 2), ("曾", 2), ("赖", 2),
                ("谢", 1), ("胡", 2), ("邱", 1)],
    "sichuan": [("王", 3), ("李", 3), ("张", 3), ("刘", 2), ("陈", 2), ("杨", 2), ("何", 1),
                ("罗", 1), ("蒲", 1), ("冉", 1)],
    "henan": [("王", 4), ("李", 4), ("张", 4), ("刘", 3), ("陈", 2), ("杨", 2), ("赵", 2),
              ("郭", 1), ("孙", 1), ("马", 1)],
    "gd": [("陈", 4), ("林", 3), ("黄", 3), ("吴", 2), ("蔡", 2), ("许", 2), ("郑", 2),
           ("李", 2)],
    "hk": [("陈", 5), ("李", 3), ("黄", 3), ("张", 3), ("梁", 2), ("林", 2), ("何", 2),
           ("吴", 1), ("刘", 1), ("郭", 1), ("区", 0.5), ("司徒", 0.3)],
}  # fmt: skip
GIVEN: dict[tuple[str, str], list[str]] = {
    ("男", "old"): "国强 志明 锦华 伟雄 汉华 耀华 国华 炳坤 永康 振华 德明 少华 建国 卫东 家荣 "
    "润生 锦泉 志坚 建军 国平 伟 强 明 华 荣".split(),
    ("男", "mid"): "伟强 志伟 俊杰 嘉伟 家豪 伟明 志强 健明 俊峰 文辉 浩 杰 斌 涛 勇 军 鹏 振宇 "
    "建华 国栋 海峰 晓东 立新 伟锋 志华 海涛 永辉 小明 明华".split(),
    ("男", "young"): "梓轩 浩然 子豪 俊熙 宇轩 嘉豪 梓豪 子轩 浩宇 锦程 铭轩 俊宇 思远 睿 皓轩 "
    "嘉俊 梓航 俊杰 子健 文轩".split(),
    ("女", "old"): "淑芬 秀英 桂英 美玲 少芳 丽华 凤英 惠珍 玉珍 秀珍 桂芳 淑仪 丽珍 银好 月娥 "
    "秀兰 桂兰 玉兰 带娣 秀琼".split(),
    ("女", "mid"): "丽 丽华 美玲 婷 敏 燕 颖 慧 丽娟 晓燕 婉婷 嘉欣 秀玲 小红 海燕 丽萍 艳 芳 "
    "静 玲 春梅 红梅 玉梅 丽芳 慧敏 晓红 艳红 桂华".split(),
    ("女", "young"): "嘉欣 诗琪 梓涵 晓彤 子晴 思颖 可欣 雨桐 欣怡 梓琳 诗雅 芷晴 梓晴 紫琪 晓琳 "
    "丽莎 欣妍 婉婷 颖琳 诗婷".split(),
    ("男", "hk"): "志伟 家乐 子健 国权 伟强 嘉朗 俊杰 家辉 永康 卓贤".split(),
    ("女", "hk"): "咏琪 美仪 淑仪 嘉欣 颖欣 凯琳 慧敏 嘉雯 丽珊 宝仪".split(),
}
FORMER_GIVEN = {"女": "亚妹 亚娣 亚珍 亚好 亚娟 来娣 带好".split(),
                "男": "亚强 亚明 亚华 亚福 亚仔 石头 狗仔".split()}  # fmt: skip
DOT_NAMES: dict[tuple[str, str], list[str]] = {
    ("xinjiang", "男"): "买买提·艾力 艾力·吐尔逊 阿不都热合曼·买买提 吐尔洪·卡德尔 "
    "艾尼瓦尔·阿不都 努尔买买提·吐逊".split(),
    ("xinjiang", "女"): "阿依古丽·吐尔逊 古丽努尔·艾力 热依拉·买买提 帕提古丽·阿不都 "
    "迪丽努尔·卡德尔".split(),
    ("yi", "男"): "阿苏·拉哈 吉克·曲布 沙马·拉古 阿的·木呷 俄木·子哈".split(),
    ("yi", "女"): "吉克·阿依 阿苏·阿呷 沙马·依莫 俄木·阿果".split(),
}
DOTS = "·・•．."
HOMOPHONE = dict(
    pair
    for a, b in [("丽", "莉"), ("伟", "玮"), ("华", "桦"), ("明", "铭"), ("辉", "晖"),
                 ("峰", "锋"), ("斌", "彬"), ("红", "虹"), ("志", "智"), ("燕", "艳"),
                 ("英", "瑛"), ("玲", "琳"), ("婷", "亭"), ("涛", "韬"), ("慧", "惠"),
                 ("欣", "馨"), ("琪", "淇"), ("颖", "莹"), ("嘉", "佳"), ("俊", "骏"),
                 ("浩", "灏"), ("芳", "方"), ("珍", "真")]
    for pair in ((a, b), (b, a))
)  # fmt: skip

# simplified -> traditional, only pairs whose traditional form maps back unambiguously
_T_PAIRS = (
    "陈陳黄黃张張罗羅谢謝邓鄧冯馮吴吳刘劉郑鄭卢盧麦麥钟鍾区區欧歐阳陽杨楊谭譚韦韋陆陸农農赖賴"
    "赵趙孙孫马馬许許国國强強锦錦华華伟偉汉漢卫衛东東荣榮润潤坚堅军軍杰傑辉輝涛濤鹏鵬栋棟"
    "晓曉锋鋒轩軒铭銘远遠仪儀银銀兰蘭带帶琼瓊颖穎红紅艳艷静靜乐樂权權贤賢咏詠凯凱宝寶亚亞"
    "来來头頭玮瑋桦樺晖暉洁潔韬韜莹瑩骏駿灏灝云雲凤鳳丽麗广廣号號楼樓门門园園厦廈汇匯约約"
    "边邊岗崗龙龍猎獵员員车車围圍横橫侨僑荟薈观觀寿壽体體岭嶺乡鄉镇鎮县縣组組湾灣层層铺鋪"
    "单單务務经經济濟联聯会會医醫学學处處办辦妇婦贸貿业業饮飲筑築传傳电電资資询詢责責营營"
    "运運输輸装裝饰飾设設计計网網络絡软軟烧燒腊臘厅廳馆館记記满滿顺順达達兴興丰豐鸿鴻铁鐵"
    "团團机機场場动動讯訊际際厂廠"
)
TRAD = str.maketrans(_T_PAIRS[0::2], _T_PAIRS[1::2])
FULLWIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ()",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ（）",
)
CN_DIGITS = "零一二三四五六七八九"

# ------------------------------------------------------------------------------------ places
REGIONS: dict[str, list[tuple[str, str, str, str]]] = {
    "hunan": [("430521", "湖南省", "邵阳市", "邵东县"), ("430524", "湖南省", "邵阳市", "隆回县"),
              ("431021", "湖南省", "郴州市", "桂阳县"), ("430626", "湖南省", "岳阳市", "平江县"),
              ("431121", "湖南省", "永州市", "祁阳县"),
              ("433101", "湖南省", "湘西土家族苗族自治州", "吉首市")],
    "guangxi": [("450821", "广西壮族自治区", "贵港市", "平南县"),
                ("450881", "广西壮族自治区", "贵港市", "桂平市"),
                ("450923", "广西壮族自治区", "玉林市", "博白县"),
                ("450126", "广西壮族自治区", "南宁市", "宾阳县"),
                ("451002", "广西壮族自治区", "百色市", "右江区")],
    "jiangxi": [("360731", "江西省", "赣州市", "于都县"), ("360732", "江西省", "赣州市", "兴国县"),
                ("360734", "江西省", "赣州市", "寻乌县"), ("360681", "江西省", "鹰潭市", "贵溪市")],
    "sichuan": [("511321", "四川省", "南充市", "南部县"), ("511322", "四川省", "南充市", "营山县"),
                ("510921", "四川省", "遂宁市", "蓬溪县"),
                ("513401", "四川省", "凉山彝族自治州", "西昌市"),
                ("513432", "四川省", "凉山彝族自治州", "喜德县")],
    "henan": [("411528", "河南省", "信阳市", "息县"), ("411524", "河南省", "信阳市", "商城县"),
              ("411723", "河南省", "驻马店市", "平舆县"), ("411424", "河南省", "商丘市", "柘城县")],
    "gd": [("440513", "广东省", "汕头市", "潮阳区"), ("440882", "广东省", "湛江市", "雷州市"),
           ("441403", "广东省", "梅州市", "梅县区")],
    "xinjiang": [("653101", "新疆维吾尔自治区", "喀什地区", "喀什市")],
}  # fmt: skip
PROV_SHORT = {"湖南省": "湖南", "广西壮族自治区": "广西", "江西省": "江西", "四川省": "四川",
              "河南省": "河南", "广东省": "广东", "新疆维吾尔自治区": "新疆"}  # fmt: skip
MIGRANT_MIX = [("hunan", 26), ("guangxi", 22), ("jiangxi", 14), ("sichuan", 14), ("henan", 14),
               ("gd", 8), ("xinjiang", 2)]  # fmt: skip
TOWNS = ("团山镇 石桥镇 黄土铺镇 新田乡 双江镇 白沙镇 牛马司镇 水东镇 大塘镇 龙田镇 河口镇 "
         "桥头镇 仙槎桥镇 灵官镇 长乐乡").split()  # fmt: skip
HOME_VILLAGES = ("新屋村 上塘村 下湾村 龙井村 长冲村 荷叶村 竹园村 大坪村 枫树村 杨家村 高岭村 "
                 "桐木村 马鞍村 金星村 新民村 红旗村 光明村 石门村").split()  # fmt: skip
GZ_OTHER = [("440104", "越秀区", ["东风中路", "解放北路", "中山四路", "环市东路"]),
            ("440105", "海珠区", ["江南大道中", "工业大道北", "新港西路"]),
            ("440103", "荔湾区", ["中山八路", "龙津西路", "芳村大道"])]  # fmt: skip
# 天河 roads and the 街道 each mostly lies in
ROADS = [("天河路", "天河南街道"), ("天河北路", "林和街道"), ("体育西路", "天河南街道"),
         ("体育东路", "天河南街道"), ("林和西路", "林和街道"), ("林和中路", "林和街道"),
         ("中山大道西", "石牌街道"), ("黄埔大道西", "冼村街道"), ("黄埔大道中", "车陂街道"),
         ("石牌东路", "石牌街道"), ("石牌西路", "石牌街道"), ("五山路", "五山街道"),
         ("天寿路", "沙河街道"), ("华观路", "棠下街道"), ("龙口西路", "天园街道"),
         ("员村二横路", "员村街道"), ("花城大道", "猎德街道"), ("珠江东路", "猎德街道"),
         ("华夏路", "冼村街道"), ("冼村路", "冼村街道"), ("猎德大道", "猎德街道"),
         ("科韵路", "棠下街道"), ("棠东东路", "棠下街道"), ("车陂路", "车陂街道"),
         ("岑村路", "长兴街道"), ("天源路", "龙洞街道"), ("燕岭路", "沙河街道")]  # fmt: skip
ESTATE_PREFIX = (
    "骏景 华景 侨林 龙口 汇景 南国 金海 金碧 丽景 翠湖 东方 雅怡 天誉 荔苑 海天 粤垦 "
    "兴华 柏林 怡安 华港 帝景 天銮 中怡 羊城 穗园 岭南 东风 新海 锦城 华标 名雅 逸景 "
    "宏城 荟景 美林 嘉裕 天晖 红棉 凯旋 宝翠 宏发 德欣 顺景 富盈 星汇 誉峰 时代 "
    "南雅 珠岛 明月 紫荆 棠德 云景 天朗 瑞华 新世界 翠苑 利雅 景怡 聚德 汇华"
).split()
# kind -> (weight, building label style, building word, stairwells?, floors)
ESTATE_KINDS: dict[str, tuple[float, str, str, bool, tuple[int, int]]] = {
    "花园": (4, "num", "栋", True, (8, 32)),
    "苑": (3, "letter", "栋", False, (8, 20)),
    "新城": (2, "num", "栋", True, (10, 30)),
    "大厦": (2, "tower", "", False, (15, 40)),
    "公寓": (1.5, "letter", "座", False, (20, 45)),
    "山庄": (1, "num", "栋", False, (3, 9)),
    "华庭": (1.5, "num", "座", False, (12, 33)),
}
# villages: (name, short name or "", 街道, style, 坊/街 names)
# style A: 石牌村东门坊12巷3号  B: 冼村大街新月坊5号  C: 棠下村荷光大街3巷5号
VILLAGES = [
    ("石牌村", "石牌", "石牌街道", "A", ["东门", "西门", "南门", "池岗", "大塘", "青龙"]),
    ("冼村", "", "冼村街道", "B", ["新月", "东约", "西约", "南约", "北约", "池边"]),
    ("棠下村", "棠下", "棠下街道", "C", ["荷光", "涌东", "西约", "中约", "二社", "三社"]),
    ("猎德村", "猎德", "猎德街道", "A", ["东头", "西头", "北帝", "龙母"]),
    ("车陂村", "车陂", "车陂街道", "C", ["东岳", "北围", "西约", "南约"]),
    ("岑村", "", "长兴街道", "A", ["红花岗", "上社", "下社"]),
    ("员村", "", "员村街道", "C", ["一横", "二横", "四横"]),
    ("林和村", "林和", "林和街道", "A", ["东约", "西约", "中约"]),
    ("前进村", "前进", "前进街道", "A", ["上元岗", "新围", "旧围"]),
    ("渔沙坦村", "渔沙坦", "龙洞街道", "C", ["东", "西", "新"]),
    ("珠村", "", "珠吉街道", "C", ["北约", "南约", "中约"]),
    ("黄村", "", "黄村街道", "A", ["东", "西", "大围"]),
]

# ------------------------------------------------------------------------------------ orgs
BRANDS = ("粤信 华南 天瑞 珠江 羊城 穗通 凯晟 骏达 南粤 恒丰 宏图 博雅 汇智 云帆 领航 鼎盛 瑞丰 "
          "佳和 迅捷 百越 岭峰 海德 正元 星河 银河 卓越 和谐 创新 致远 嘉禾 新航 远景 中瑞 "
          "金穗 天泓 华穗 德信 利通 宏达 鸿运 立信 明珠 东升 南方 万通 盈科 锐思 维智 安泰 "
          "启航 晨光 朗科 蓝海 千禧 优品 睿博 聚源 华越 粤港 湾区").split()  # fmt: skip
BRAND_A = (
    "粤华天珠羊穗凯骏南恒宏博汇云领鼎瑞佳迅百岭海正星银卓创致嘉新远中金德利鸿立明东万盈锐维安启晨朗"
    "蓝千优睿聚越"
)
BRAND_B = "信达通盛泰丰源智科创联兴旺隆誉辉腾宇航程远景峰"
ESTATE_A = "骏华侨龙汇金丽翠雅天荔海兴柏怡帝中锦名逸宏荟美嘉红凯宝顺富星誉南珠明紫棠云瑞利聚"
ESTATE_B = "景庭湖峰湾轩林泉城港雅翠"
INDUSTRIES = ["科技", "信息技术", "贸易", "物业管理", "餐饮管理", "物流", "建筑工程", "文化传播",
              "电子商务", "投资咨询", "装饰设计", "网络科技", "软件", "人力资源"]  # fmt: skip
SHOP_KINDS = ["烧腊店", "士多店", "茶餐厅", "五金店", "粉面店", "快餐店", "湘菜馆", "螺蛳粉店",
              "美发店", "水果店"]  # fmt: skip
SHOP_WORDS = "强记 荣记 福满 发记 明记 旺角 利源 顺兴 好运 鸿发 金记 湘味 桂香 川香 新兴 "\
    "平安 和记 添记 昌记 宝记 美味 家乐 佳佳 惠民".split()  # fmt: skip
OUTSIDE_ORGS = [
    ("广州地铁集团有限公司", ["广州地铁", "地铁集团"]),
    ("中国南方航空股份有限公司", ["南方航空", "南航", "中国南方航空公司"]),
    ("广州白云国际机场股份有限公司", ["白云机场", "白云国际机场"]),
    ("中国移动通信集团广东有限公司", ["广东移动", "中国移动广东公司"]),
    ("中国移动通信集团广东有限公司广州分公司", ["广州移动", "中国移动广州分公司"]),
    ("广州市公安局天河区分局", ["天河公安分局", "天河区公安分局"]),
    ("广州市天河区城市管理和综合执法局", ["天河区城管局", "天河城管"]),
    ("唯品会（中国）有限公司", ["唯品会", "唯品会(中国)有限公司"]),
    ("广州酷狗计算机科技有限公司", ["酷狗", "酷狗音乐"]),
]
PUBLIC_ORGS = [
    # canonical, variants, 单位类型, credit-code head, weight (staff)
    ("广州市天河区人民医院", ["天河区人民医院", "天河人民医院"], "事业单位", "12", 25),
    ("广州市天河区中医医院", ["天河区中医医院", "天河区中医院"], "事业单位", "12", 10),
    ("广州市天河区妇幼保健院", ["天河区妇幼保健院", "天河妇幼"], "事业单位", "12", 8),
    ("广州市天河中学", ["天河中学"], "事业单位", "12", 5),
    ("广州市第一一三中学", ["广州市113中学", "113中学", "一一三中"], "事业单位", "12", 5),
    ("广州市天河区华阳小学", ["天河区华阳小学", "华阳小学"], "事业单位", "12", 4),
    ("广州市天河区体育东路小学", ["天河区体育东路小学", "体育东路小学"], "事业单位", "12", 4),
    ("广州市天河区石牌小学", ["天河区石牌小学", "石牌小学"], "事业单位", "12", 3),
    ("广州市天河区棠下小学", ["天河区棠下小学", "棠下小学"], "事业单位", "12", 3),
    ("广州市天河区第一幼儿园", ["天河区第一幼儿园", "天河一幼"], "事业单位", "12", 2),
    ("广州市天河区石牌幼儿园", ["石牌幼儿园"], "事业单位", "12", 2),
]
SCHOOLS = {
    "kinder": ["广州市天河区第一幼儿园", "广州市天河区石牌幼儿园"],
    "primary": ["广州市天河区华阳小学", "广州市天河区体育东路小学", "广州市天河区石牌小学",
                "广州市天河区棠下小学"],
    "middle": ["广州市天河中学", "广州市第一一三中学"],
}  # fmt: skip

# ------------------------------------------------------------------------------------ codes
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORGCODE_W = [3, 7, 9, 10, 5, 8, 4, 2]


def id_check(s17: str) -> str:
    """GB 11643 check character, so that valid IDs are really valid and typos really fail."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(s17, ID_W, strict=True)) % 11]


def orgcode_check(s8: str) -> str:
    """GB 11714 check character of the 9-character organisation code inside a credit code."""
    c = 11 - sum(int(ch, 36) * w for ch, w in zip(s8, ORGCODE_W, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def cc_check(s17: str) -> str:
    """GB 32100 check character of a unified social credit code."""
    s = sum(CC_ALPHA.index(c) * w for c, w in zip(s17, CC_W, strict=True))
    return CC_ALPHA[(31 - s % 31) % 31]


def cn_num(n: int) -> str:
    """Chinese numeral as clerks write small numbers: 十二, 二十, 五; longer ones digit by digit."""
    if 0 < n < 10:
        return CN_DIGITS[n]
    if 10 <= n < 100:
        t, u = divmod(n, 10)
        return ("" if t == 1 else CN_DIGITS[t]) + "十" + (CN_DIGITS[u] if u else "")
    return "".join(CN_DIGITS[int(c)] for c in str(n))


# ------------------------------------------------------------------------------------ world
@dataclass
class Estate:
    """A residential estate or tower; its name and its road number each identify it alone."""

    name: str
    prefix: str
    kind: str
    road: str
    road_no: int
    road_sfx: str  # "" or 之一/之二: a different estate from the bare number
    jd: str
    style: str  # num / letter / tower
    bword: str
    stairs: int  # 0: no 梯
    floors: int
    per_floor: int
    n_bldg: int
    weight: float
    road_first: float  # how often clerks lead with the road rather than the estate name
    used: set[tuple[object, int, int]] = field(default_factory=set)


@dataclass
class VBuilding:
    """An urban-village building (握手楼): its rooms are separate dwellings."""

    village: tuple[str, str, str, str, list[str]]
    fang: str
    lane: int
    no: int
    sfx: str
    floors: int
    per_floor: int
    owner: object
    shop: bool
    whole: Dwelling | None = None  # building-level dwelling (villagers' 户籍地址)
    free: list[Dwelling] = field(default_factory=list)


@dataclass
class Dwelling:
    """One dwelling (flat, village room, shop, building, home-town house) = one truth entity."""

    did: str
    kind: str  # estate / vroom / vshop / vbldg / hometown / gzother
    parts: dict[str, Any]
    in_district: bool = True
    owner: object = None  # Person or Org
    occupants: list[Person] = field(default_factory=list)
    rented: bool = False
    tenant: Person | None = None


@dataclass
class Org:
    """An organisation; variants are the other names clerks really use for it."""

    oid: str
    kind: str
    canonical: str
    variants: list[str]
    otype: str
    code: str = ""
    weight: float = 1.0
    registered: bool = False
    legal_rep: Person | None = None
    est: date = date(2010, 1, 1)
    addr: str = ""
    former: str = ""
    brand: str = ""
    ind: str = ""


@dataclass
class Person:
    """A real person; every source row about them is a noisy view of these fields."""

    pid: str
    surname: str
    given: str
    sex: str
    birth: date
    id18: str
    origin: str
    eth: str = "汉族"
    former: str = ""
    resident: bool = True
    ptype: str = ""
    home: Dwelling | None = None
    hukou: Dwelling | None = None
    hukou_no: str = ""
    rel: str = ""
    mobile: str = ""
    landline: str = ""
    employer: object = ""  # Org, placeholder string, or ""
    spouse: Person | None = None
    marital: str = "未婚"
    parents: list[Person] = field(default_factory=list)
    hh: Household | None = None

    @property
    def name(self) -> str:
        return self.surname + self.given

    def age(self) -> int:
        return (TODAY - self.birth).days // 365


@dataclass
class Household:
    """People living together; fp_units are the 计生 family files inside it."""

    hid: int
    kind: str
    members: list[Person] = field(default_factory=list)
    home: Dwelling | None = None
    fp_units: list[tuple[Person, Person | None, list[Person]]] = field(default_factory=list)
    low_income: bool = False


def norm_name(s: str) -> str:
    """Name key used to decide whether a name-only reference is still decidable."""
    return "".join(c for c in s if c not in DOTS and not c.isspace())


class World:
    """Builds the coherent district: the ground truth every source is a partial view of."""

    def __init__(self, residents: int, rng: random.Random) -> None:
        self.rng = rng
        self.target = residents
        self.persons: list[Person] = []
        self.dwellings: list[Dwelling] = []
        self.orgs: list[Org] = []
        self.households: list[Household] = []
        self.ids: set[str] = set()
        self.mobiles: set[str] = set()
        self.codes: set[str] = set()
        self.estates: list[Estate] = []
        self.vbuildings: list[VBuilding] = []
        self.vkeys: set[tuple[str, str, int, int, str]] = set()
        self.free_rooms: list[Dwelling] = []
        self.home_keys: set[tuple[str, str, str, int, int]] = set()
        self.hometowns: dict[str, list[Dwelling]] = {}
        self.gz_keys: set[tuple[str, str, int, int]] = set()
        self.landlords: list[Person] = []
        self.villagers: list[Household] = []
        self.local_heads: list[Person] = []
        self._rep_pool: list[Person] = []
        self.hukou_seq = 0
        self.org_by_name: dict[str, Org] = {}
        self._build()

    # ---------------------------------------------------------------- primitives
    def wchoice(self, items: Sequence[tuple[str, float]]) -> str:
        return self.rng.choices([a for a, _ in items], [w for _, w in items])[0]

    def birth_for_age(self, age: int) -> date:
        d = TODAY - timedelta(days=int(age * 365.25) + self.rng.randint(0, 360))
        return d

    def make_id(self, region: str, birth: date, sex: str) -> str:
        while True:
            seq = self.rng.randint(0, 99) * 10 + self.rng.choice(
                [1, 3, 5, 7, 9] if sex == "男" else [0, 2, 4, 6, 8]
            )
            s17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            if s17 not in self.ids:
                self.ids.add(s17)
                return s17 + id_check(s17)

    def make_mobile(self) -> str:
        while True:
            head = self.rng.choice(["13", "15", "18", "17", "19"])
            m = head + str(self.rng.randint(0, 9)) + f"{self.rng.randint(0, 99999999):08d}"
            if m not in self.mobiles:
                self.mobiles.add(m)
                return m

    def make_code(self, head: str, region: str = "440106", body: str = "") -> str:
        while True:
            if not body:
                if head.startswith("9"):
                    b = "MA5" + "".join(self.rng.choice(CC_ALPHA) for _ in range(5))
                else:
                    b = "".join(self.rng.choice("0123456789") for _ in range(8))
            else:
                b = body
            oc = b + orgcode_check(b)
            s17 = head + region + oc
            code = s17 + cc_check(s17)
            if code not in self.codes:
                self.codes.add(code)
                return code
            body = ""

    def era(self, birth: date) -> str:
        return "old" if birth.year < 1965 else "mid" if birth.year < 1990 else "young"

    def given_name(self, sex: str, birth: date, origin: str, avoid: set[str]) -> str:
        pool = GIVEN[(sex, "hk")] if origin in ("hk", "mo") else GIVEN[(sex, self.era(birth))]
        weights = [1.0 / (i + 1) ** 0.8 for i in range(len(pool))]
        for _ in range(30):
            g = self.rng.choices(pool, weights)[0]
            if g not in avoid:
                return g
        return self.rng.choice(pool) + self.rng.choice("文明华英")

    def new_person(
        self,
        origin: str,
        sex: str,
        age: int,
        *,
        surname: str | None = None,
        region: str | None = None,
        resident: bool = True,
        avoid: set[str] | None = None,
        birth: date | None = None,
    ) -> Person:
        """Create a person with a valid ID whose region matches where they were registered."""
        rng = self.rng
        birth = birth or self.birth_for_age(age)
        eth = "汉族"
        if region is None:
            if origin == "local":
                region = (
                    "440106"
                    if birth.year >= 1985
                    else rng.choice(["440106", "440102", "440104", "440105"])
                )
            elif origin == "gz":
                region = rng.choice(["440104", "440105", "440103"])
            elif origin == "hk":
                region = "810000"
            elif origin == "mo":
                region = "820000"
            else:
                region = rng.choice(REGIONS[origin])[0]
        dot_kind = ""
        if origin == "xinjiang":
            dot_kind, eth = "xinjiang", "维吾尔族"
        elif region in ("513401", "513432") and rng.random() < 0.5:
            dot_kind, eth = "yi", "彝族"
        elif origin == "guangxi" and rng.random() < 0.3:
            eth = "壮族"
        elif region == "433101" and rng.random() < 0.5:
            eth = rng.choice(["土家族", "苗族"])
        if dot_kind:
            sn, gv = "", rng.choice(DOT_NAMES[(dot_kind, sex)])
        else:
            key = origin if origin in SURNAMES else "hk" if origin == "mo" else "local"
            sn = surname or self.wchoice(SURNAMES[key])
            gv = self.given_name(sex, birth, origin, avoid or set())
        p = Person(
            pid=f"P{len(self.persons) + 1:06d}",
            surname=sn,
            given=gv,
            sex=sex,
            birth=birth,
            id18=self.make_id(region, birth, sex),
            origin=origin,
            eth=eth,
            resident=resident,
        )
        if age >= 14 and rng.random() < (0.6 if age >= 75 else 0.96):
            p.mobile = self.make_mobile()
            if origin in ("hk", "mo") and rng.random() < 0.5:
                p.mobile = (
                    ("+852 " if origin == "hk" else "+853 ")
                    + rng.choice("569")
                    + (f"{rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}")
                )
        if not dot_kind and age >= 20 and rng.random() < 0.05:
            p.former = (sn or "") + rng.choice(FORMER_GIVEN[sex])
            if p.former == p.name:
                p.former = ""
        self.persons.append(p)
        return p

    # ---------------------------------------------------------------- dwellings
    def new_dwelling(self, kind: str, parts: dict[str, Any], in_district: bool = True) -> Dwelling:
        d = Dwelling(f"H{len(self.dwellings) + 1:06d}", kind, parts, in_district)
        self.dwellings.append(d)
        return d

    def make_estates(self) -> None:
        rng = self.rng
        n = max(6, self.target // 150)
        extra = [a + b for a in ESTATE_A for b in ESTATE_B]
        rng.shuffle(extra)
        prefixes = list(dict.fromkeys(ESTATE_PREFIX + extra))
        kinds = list(ESTATE_KINDS)
        road_jd = dict(ROADS)
        used_names: set[str] = set()
        used_roads: list[tuple[str, int, str]] = []
        for i in range(n):
            pre = prefixes[i]
            kind = rng.choices(kinds, [ESTATE_KINDS[k][0] for k in kinds])[0]
            if i > 3 and rng.random() < 0.08:  # sister estate: 华景新城 and 华景花园 both exist
                pre = self.estates[rng.randrange(len(self.estates))].prefix
            if pre + kind in used_names:
                kind = rng.choice([k for k in kinds if pre + k not in used_names])
            name = pre + kind
            used_names.add(name)
            _, style, bword, stairs, (f0, f1) = ESTATE_KINDS[kind]
            while True:
                road, no, sfx = rng.choice(ROADS)[0], rng.randint(1, 600), ""
                if used_roads and rng.random() < 0.1:  # 之一: a neighbour of an existing number
                    road, no, s0 = rng.choice(used_roads)
                    sfx = rng.choice(["之一", "之二"]) if s0 == "" else "X"
                if sfx != "X" and (road, no, sfx) not in used_roads:
                    break
            used_roads.append((road, no, sfx))
            jd = road_jd[road]
            self.estates.append(
                Estate(
                    name=name,
                    prefix=pre,
                    kind=kind,
                    road=road,
                    road_no=no,
                    road_sfx=sfx,
                    jd=jd,
                    style=style,
                    bword=bword,
                    stairs=rng.randint(2, 4) if stairs and rng.random() < 0.8 else 0,
                    floors=rng.randint(f0, f1),
                    per_floor=rng.randint(2, 8),
                    n_bldg=1 if style == "tower" else rng.randint(2, 14),
                    weight=rng.uniform(0.5, 3.0),
                    road_first=0.85 if kind in ("大厦", "公寓") else rng.uniform(0.1, 0.4),
                )
            )

    def estate_flat(self, estate: Estate | None = None) -> Dwelling:
        rng = self.rng
        e = estate or rng.choices(self.estates, [x.weight for x in self.estates])[0]
        for _ in range(200):
            if e.style == "tower":
                b: object = ""
            elif e.style == "letter":
                b = "ABCDEFGHJK"[rng.randrange(min(e.n_bldg, 10))]
            else:
                b = rng.randint(1, e.n_bldg)
            st = rng.randint(1, e.stairs) if e.stairs else 0
            fl = rng.randint(2, e.floors)
            k = rng.randint(1, e.per_floor)
            if (b, st, fl * 100 + k) not in e.used:
                e.used.add((b, st, fl * 100 + k))
                return self.new_dwelling(
                    "estate",
                    {"estate": e, "bldg": b, "stair": st, "floor": fl, "room": fl * 100 + k},
                )
        e.floors += 5  # estate full: it grew a few floors
        return self.estate_flat(e)

    def village_building(
        self,
        owner: object,
        shop_ok: bool = True,
        floors: tuple[int, int] = (3, 8),
        per_floor: tuple[int, int] = (1, 3),
    ) -> VBuilding:
        rng = self.rng
        v = rng.choice(VILLAGES)
        while True:
            same = [b for b in self.vbuildings if b.village is v and b.sfx == ""]
            if same and rng.random() < 0.12:  # 3号之一 next to 3号
                b0 = rng.choice(same)
                key = (v[0], b0.fang, b0.lane, b0.no, rng.choice(["之一", "之二"]))
            else:
                fang = rng.choice(v[4])
                lane = 0 if v[3] == "B" else rng.randint(1, 18)
                key = (v[0], fang, lane, rng.randint(1, 40), "")
            if key not in self.vkeys:
                break
        self.vkeys.add(key)
        vb = VBuilding(
            village=v,
            fang=key[1],
            lane=key[2],
            no=key[3],
            sfx=key[4],
            floors=rng.randint(*floors),
            per_floor=rng.randint(*per_floor),
            owner=owner,
            shop=shop_ok and rng.random() < 0.3,
        )
        self.vbuildings.append(vb)
        if vb.shop:
            d = self.new_dwelling("vshop", {"bldg": vb, "room": "shop"})
            d.owner = owner
        first = 2 if vb.shop else 1
        for fl in range(first, vb.floors + 1):
            for k in range(1, vb.per_floor + 1):
                d = self.new_dwelling("vroom", {"bldg": vb, "room": fl * 100 + k})
                d.owner = owner
                vb.free.append(d)
        self.free_rooms.extend(vb.free[:-1])  # the top room stays with the owner's family
        return vb

    def building_dwelling(self, vb: VBuilding) -> Dwelling:
        if vb.whole is None:
            vb.whole = self.new_dwelling("vbldg", {"bldg": vb, "room": None})
        return vb.whole

    def free_village_room(self) -> Dwelling:
        rng = self.rng
        while not self.free_rooms:
            r = rng.random()
            if r < 0.45 and self.villagers:
                owner: object = rng.choice(self.villagers).members[0]
            elif r < 0.9:
                if self.landlords and rng.random() < 0.5:
                    owner = rng.choice(self.landlords)
                else:
                    owner = self.new_person(
                        "local", rng.choice("男女"), rng.randint(45, 75), resident=False
                    )
                    owner.marital = "已婚"
                    self.landlords.append(owner)
            else:
                coll = [o for o in self.orgs if o.kind == "lianhe"]
                owner = rng.choice(coll)
            vb = self.village_building(owner)
            self.free_rooms.append(vb.free[-1])
        i = rng.randrange(len(self.free_rooms))
        self.free_rooms[i], self.free_rooms[-1] = self.free_rooms[-1], self.free_rooms[i]
        return self.free_rooms.pop()

    def hometown(self, origin: str, region: str) -> Dwelling:
        """Home-village address of a migrant household (its 户籍地址)."""
        rng = self.rng
        prior = self.hometowns.setdefault(region, [])
        if prior and rng.random() < 0.05:  # brothers registered in their parents' household
            return rng.choice(prior)
        reg = next(r for r in REGIONS[origin] if r[0] == region)
        while True:
            if prior and rng.random() < 0.3:  # chain migration: same village, other group
                p0 = rng.choice(prior).parts
                town, vil = str(p0["town"]), str(p0["village"])
            else:
                town, vil = rng.choice(TOWNS), rng.choice(HOME_VILLAGES)
            key = (region, town, vil, rng.randint(1, 12), rng.randint(1, 60))
            if key not in self.home_keys:
                break
        self.home_keys.add(key)
        d = self.new_dwelling(
            "hometown",
            {"prov": reg[1], "city": reg[2], "county": reg[3], "town": town, "village": vil,
             "group": key[3], "no": key[4]},
            in_district=False,
        )  # fmt: skip
        prior.append(d)
        return d

    def gz_other(self) -> Dwelling:
        rng = self.rng
        code, dist, roads = rng.choice(GZ_OTHER)
        while True:
            key = (dist, rng.choice(roads), rng.randint(1, 400), rng.randint(2, 20) * 100 + 1)
            if key not in self.gz_keys:
                break
        self.gz_keys.add(key)
        return self.new_dwelling(
            "gzother", {"district": dist, "road": key[1], "no": key[2], "room": key[3]}, False
        )

    def new_hukou_no(self) -> str:
        self.hukou_seq += 1
        return (
            f"{self.rng.randint(1, 9)}{self.hukou_seq * 7919 % 10**7:07d}{self.rng.randint(0, 9)}"
        )

    # ---------------------------------------------------------------- orgs
    def add_org(self, o: Org) -> Org:
        self.orgs.append(o)
        for nm in [o.canonical, *o.variants]:
            assert nm not in self.org_by_name, nm
            self.org_by_name[nm] = o
        return o

    def make_orgs(self) -> None:
        rng = self.rng

        def oid() -> str:
            return f"O{len(self.orgs) + 1:05d}"

        jds = sorted({jd for _, jd in ROADS} | {v[2] for v in VILLAGES})
        for jd in jds:
            self.add_org(Org(oid(), "public", f"广州市天河区人民政府{jd}办事处",
                             [f"天河区{jd}办事处", f"{jd}办事处", f"{jd}办", jd[:-1]],
                             "机关", self.make_code("11"), weight=5))  # fmt: skip
        for canon, vars_, otype, head, w in PUBLIC_ORGS:
            self.add_org(Org(oid(), "public", canon, list(vars_), otype, self.make_code(head), w))
        for v in VILLAGES:
            name, short = v[0], v[1]
            vs = [f"{name}经济联合社", f"{name}经联社", f"{name}股份合作经济联社"]
            if short:
                vs.append(f"{short}经济联合社")
            self.add_org(Org(oid(), "lianhe", f"广州市天河区{name}经济联合社", vs,
                             "农村集体经济组织", self.make_code("N2"), 3))  # fmt: skip
            if rng.random() < 0.5:  # a village group's 经济合作社 is a different body
                k = rng.randint(1, 6)
                vs2 = [f"{name}第{cn_num(k)}经济社"] + ([f"{short}{cn_num(k)}社"] if short else [])
                self.add_org(Org(oid(), "hezuo", f"广州市天河区{name}第{cn_num(k)}经济合作社",
                                 vs2, "农村集体经济组织", self.make_code("N1"), 1))  # fmt: skip
        for e in self.estates[: max(3, len(self.estates) // 2)]:
            comm = e.prefix
            if any(o.kind == "juwei" and o.brand == comm for o in self.orgs):
                continue
            self.add_org(
                Org(
                    oid(),
                    "juwei",
                    f"广州市天河区{e.jd}{comm}社区居民委员会",
                    [f"{comm}社区居民委员会", f"{comm}社区居委会", f"{comm}居委会"],
                    "基层群众性自治组织",
                    self.make_code("54"),
                    1.5,
                    brand=comm,
                )
            )
        for canon, vars_ in OUTSIDE_ORGS:
            self.add_org(Org(oid(), "outside", canon, list(vars_), "企业", weight=3))
        # companies: unique brand+industry; a few sister companies share a brand
        n_comp = max(25, self.target // 35)
        extra = [a + b for a in BRAND_A for b in BRAND_B if a != b]
        rng.shuffle(extra)
        brands = list(dict.fromkeys(BRANDS + extra))
        brand_use: Counter[str] = Counter()
        pairs: list[tuple[str, str]] = []
        for i in range(n_comp):
            if pairs and rng.random() < 0.08:
                b = rng.choice(pairs)[0]
            else:
                b = brands[i]
            ind = rng.choice([x for x in INDUSTRIES if (b, x) not in pairs])
            pairs.append((b, ind))
            brand_use[b] += 1
        for b, ind in pairs:
            form = "股份有限公司" if rng.random() < 0.12 else "有限公司"
            city = rng.choice(["front", "front_shi", "bracket"])
            forms = {
                "front": f"广州{b}{ind}{form}",
                "front_shi": f"广州市{b}{ind}{form}",
                "bracket": f"{b}{ind}（广州）{form}",
            }
            canon = forms.pop(city)
            alt_form = "有限责任公司" if form == "有限公司" else "股份公司"
            vs = list(forms.values()) + [canon.replace(form, alt_form), f"{b}{ind}"]
            if brand_use[b] == 1:
                vs.append(b)
            o = Org(
                oid(),
                "company",
                canon,
                vs,
                "股份有限公司"
                if "股份" in form
                else rng.choice(["有限责任公司", "有限责任公司(自然人投资或控股)"]),
                self.make_code("91"),
                weight=rng.paretovariate(1.3),
                brand=b,
                ind=ind,
            )
            if rng.random() < 0.08:
                old_ind = rng.choice([x for x in INDUSTRIES if x != ind and (b, x) not in pairs])
                o.former = canon.replace(ind, old_ind)
                self.org_by_name.setdefault(o.former, o)
            self.add_org(o)
        for parent in [o for o in self.orgs if o.kind == "company"]:
            if rng.random() < 0.1:
                where = rng.choice(["天河分公司", "石牌分公司", "天河营业部"])
                vs = [parent.variants[0] + where, f"{parent.brand}{parent.ind}{where}"]
                self.add_org(Org(oid(), "branch", parent.canonical + where, vs,
                                 "有限责任公司分公司", self.make_code("91"),
                                 weight=rng.uniform(1, 5), brand=parent.brand))  # fmt: skip
        used: set[str] = set()
        for _ in range(max(10, self.target // 60)):
            while True:
                nm = rng.choice(SHOP_WORDS) + rng.choice(SHOP_KINDS)
                if nm not in used:
                    break
            used.add(nm)
            vs = [f"天河区{nm}", nm] + ([nm[:-1]] if nm.endswith("士多店") else [])
            self.add_org(Org(oid(), "getihu", f"广州市天河区{nm}", vs, "个体工商户", "", 1))

    # ---------------------------------------------------------------- households
    def _build(self) -> None:
        self.make_estates()
        self.make_orgs()
        resident = 0
        kinds = [("local", 32), ("villager", 6), ("migrant", 27), ("single", 24), ("elder", 7),
                 ("hk", 3)]  # fmt: skip
        while resident < self.target:
            k = self.wchoice(kinds)
            hh = Household(len(self.households) + 1, k)
            getattr(self, f"hh_{k}")(hh)
            self.households.append(hh)
            for p in hh.members:
                p.hh = hh
            resident += len(hh.members)
        self.assign_employers()
        self.assign_legal_reps()
        self.add_vacant_and_company_flats()

    def couple(
        self, origin: str, age: int, region: str | None = None, surname: str | None = None
    ) -> tuple[Person, Person]:
        rng = self.rng
        h = self.new_person(origin, "男", age, region=region, surname=surname)
        w_origin = origin if rng.random() < 0.85 else rng.choice(["local", "hunan", "guangxi"])
        w_region = region if w_origin == origin and rng.random() < 0.7 else None
        w = self.new_person(w_origin, "女", max(18, age + rng.randint(-6, 2)), region=w_region)
        h.spouse, w.spouse = w, h
        h.marital = w.marital = rng.choices(["已婚", "初婚", "再婚"], [8, 1.5, 0.5])[0]
        return h, w

    def children(
        self, father: Person | None, mother: Person, n: int, region: str | None, max_age: int
    ) -> list[Person]:
        """Children still living at home (older ones left and are not in the district)."""
        rng = self.rng
        kids: list[Person] = []
        names = {p.given for p in (father, mother) if p}  # nobody is named after a parent
        surname = father.surname if father else mother.surname
        mom_age = mother.age()
        lo, hi = max(0, mom_age - 40), min(max_age, mom_age - 20)
        while len(kids) < n and lo <= hi:
            age = rng.randint(lo, hi)
            twins = rng.random() < 0.03
            birth = self.birth_for_age(age)
            for _ in range(2 if twins else 1):
                sex = rng.choice("男女")
                k = self.new_person(
                    mother.origin if father is None else father.origin,
                    sex,
                    age,
                    surname=surname,
                    region=region,
                    avoid=names,
                    birth=birth,
                )
                names.add(k.given)
                k.parents = [x for x in (father, mother) if x]
                kids.append(k)
        return kids

    def place(self, hh: Household, d: Dwelling, members: list[Person]) -> None:
        hh.home = d
        hh.members.extend(members)
        d.occupants.extend(members)
        for p in members:
            p.home = d

    def set_hukou(self, members: list[Person], d: Dwelling | None, rels: list[str]) -> None:
        no = self.new_hukou_no() if d is not None else ""
        for p, r in zip(members, rels, strict=True):
            p.hukou, p.hukou_no, p.rel = d, no, r

    def kid_rel(self, k: Person, grand: bool = False) -> str:
        if grand:
            return "孙子" if k.sex == "男" else "孙女"
        return "子" if k.sex == "男" else "女"

    def hh_local(self, hh: Household, origin: str = "local") -> None:
        rng = self.rng
        shape = rng.choices(["kids", "three", "single", "siblings", "couple"], [50, 18, 14, 6, 12])[
            0
        ]
        flat = self.estate_flat()
        if shape == "single":
            p = self.new_person(origin, rng.choice("男女"), rng.randint(22, 60))
            p.marital = rng.choice(["未婚", "未婚", "离婚"])
            mem, rels = [p], ["户主"]
        elif shape == "siblings":
            p = self.new_person(origin, rng.choice("男女"), rng.randint(25, 60))
            q = self.new_person(origin, rng.choice("男女"), p.age() + rng.randint(-8, 8),
                                surname=p.surname, avoid={p.given})  # fmt: skip
            mem, rels = [p, q], ["户主", "兄弟姐妹"]
        else:
            h, w = self.couple(origin, rng.randint(26, 58))
            mem, rels = [h, w], ["户主", "配偶"]
            if shape in ("kids", "three"):
                kids = self.children(h, w, rng.choices([1, 2, 3], [55, 38, 7])[0], None, 29)
                mem += kids
                rels += [self.kid_rel(k) for k in kids]
                hh.fp_units.append((h, w, kids))
            elif w.age() < 50:
                hh.fp_units.append((h, w, []))
            if shape == "three":
                gp_age = h.age() + rng.randint(24, 34)
                if gp_age < 96:
                    widowed = rng.random() < 0.3
                    gp: list[Person] = []
                    if not widowed or rng.random() < 0.4:
                        gp.append(self.new_person(origin, "男", gp_age, surname=h.surname,
                                                  avoid={h.given}))  # fmt: skip
                    if not widowed or not gp:
                        gp.append(self.new_person(origin, "女", gp_age - rng.randint(0, 5)))
                    if len(gp) == 2:
                        gp[0].spouse, gp[1].spouse = gp[1], gp[0]
                        gp[0].marital = gp[1].marital = "已婚"
                    else:
                        gp[0].marital = "丧偶"
                    h.parents = gp
                    if rng.random() < 0.5:  # grandfather heads the 户: son's wife is 其他
                        rels = ["子", "其他"] + [self.kid_rel(k, True) for k in mem[2:]]
                        mem = gp + mem
                        rels = (["户主", "配偶"] if len(gp) == 2 else ["户主"]) + rels
                    else:
                        mem += gp
                        rels += ["父亲" if g.sex == "男" else "母亲" for g in gp]
        hukou = flat if rng.random() < 0.85 else self.gz_other()
        self.set_hukou(mem, hukou, rels)
        for p in mem:
            p.ptype = "户籍人口" if hukou.in_district else "寄住人口"
        self.place(hh, flat, mem)
        flat.owner = rng.choice([p for p in mem if p.age() >= 25] or mem)
        self.local_heads.append(mem[0])
        if rng.random() < 0.5:
            ll = f"{rng.choice('83')}{rng.randint(0, 9999999):07d}"
            for p in mem:
                p.landline = ll
        hh.low_income = rng.random() < 0.04

    def hh_elder(self, hh: Household) -> None:
        rng = self.rng
        in_village = rng.random() < 0.3
        if rng.random() < 0.55:
            h, w = self.couple("local", rng.randint(62, 88))
            mem, rels = [h, w], ["户主", "配偶"]
        else:
            p = self.new_person("local", rng.choice("男女女"), rng.randint(62, 95))
            p.marital = "丧偶" if rng.random() < 0.8 else "离婚"
            mem, rels = [p], ["户主"]
        if in_village:
            vb = self.village_building(mem[0], shop_ok=False, floors=(2, 4), per_floor=(1, 1))
            home = vb.free[-1]
            hukou = self.building_dwelling(vb)
        else:
            home = self.estate_flat()
            home.owner = mem[0]
            hukou = home
        self.set_hukou(mem, hukou, rels)
        for p in mem:
            p.ptype = "户籍人口"
        self.place(hh, home, mem)
        ll = f"{rng.choice('83')}{rng.randint(0, 9999999):07d}"
        for p in mem:
            p.landline = ll
        hh.low_income = rng.random() < 0.08

    def hh_villager(self, hh: Household) -> None:
        """Village natives: own one or more 握手楼, rent rooms out, hukou at the building."""
        rng = self.rng
        h, w = self.couple(
            "local", rng.randint(30, 62), surname=rng.choice(["陈", "李", "冼", "黄", "梁"])
        )
        mem, rels = [h, w], ["户主", "配偶"]
        kids = self.children(h, w, rng.choices([1, 2, 3], [40, 45, 15])[0], "440106", 27)
        mem += kids
        rels += [self.kid_rel(k) for k in kids]
        if kids and kids[-1].age() < 19:
            hh.fp_units.append((h, w, kids))
        owner = h if rng.random() < 0.7 else w
        vb = self.village_building(owner, floors=(3, 6), per_floor=(1, 2))
        if rng.random() < 0.75:
            home = vb.free[-1]
        else:  # moved into an estate flat; the top room goes to the rental pool
            home = self.estate_flat()
            home.owner = owner
            self.free_rooms.append(vb.free[-1])
        self.set_hukou(mem, self.building_dwelling(vb), rels)
        for p in mem:
            p.ptype = "户籍人口"
        self.place(hh, home, mem)
        self.villagers.append(hh)
        self.local_heads.append(owner)
        if rng.random() < 0.4:
            ll = f"{rng.choice('83')}{rng.randint(0, 9999999):07d}"
            for p in mem:
                p.landline = ll

    def migrant_origin(self) -> tuple[str, str]:
        origin = self.wchoice([(a, float(w)) for a, w in MIGRANT_MIX])
        return origin, self.rng.choice(REGIONS[origin])[0]

    def rent(self, hh: Household, mem: list[Person], estate_p: float) -> None:
        rng = self.rng
        if rng.random() < estate_p:
            d = self.estate_flat()
            r = rng.random()
            if r < 0.6:
                if self.landlords and rng.random() < 0.4:
                    d.owner = rng.choice(self.landlords)
                else:
                    d.owner = self.new_person(rng.choice(["local", "local", "gz", "hk"]),
                                              rng.choice("男女"), rng.randint(35, 75),
                                              resident=False)  # fmt: skip
                    d.owner.marital = "已婚"
                    self.landlords.append(d.owner)
            else:
                if self.local_heads:  # a resident family's second flat
                    d.owner = rng.choice(self.local_heads)
                else:
                    d.owner = self.new_person("local", "男", 50, resident=False)
                    self.landlords.append(d.owner)
        else:
            d = self.free_village_room()
        d.rented = True
        if d.tenant is None:
            d.tenant = mem[0]
        self.place(hh, d, mem)

    def hh_migrant(self, hh: Household) -> None:
        rng = self.rng
        origin, region = self.migrant_origin()
        h, w = self.couple(origin, rng.randint(22, 48), region=region)
        mem, rels = [h, w], ["户主", "配偶"]
        kids = self.children(h, w, rng.choices([0, 1, 2], [25, 45, 30])[0], region, 17)
        mem += kids
        rels += [self.kid_rel(k) for k in kids]
        if kids or w.age() < 50:
            hh.fp_units.append((h, w, kids))
        home = self.hometown(origin, region)
        self.set_hukou(mem, home, rels)
        keep_no = rng.random() < 0.25
        for p in mem:
            p.ptype = "流动人口"
            if not keep_no:
                p.hukou_no, p.rel = "", ""
        self.rent(hh, mem, 0.3)

    def hh_single(self, hh: Household) -> None:
        """Single migrant workers; several share one rented room."""
        rng = self.rng
        n = rng.choices([1, 2, 3, 4], [40, 30, 20, 10])[0]
        mem: list[Person] = []
        for _ in range(n):
            origin, region = self.migrant_origin()
            p = self.new_person(origin, rng.choice("男男女"), rng.randint(18, 50), region=region)
            home = self.hometown(origin, region)
            p.hukou, p.ptype = home, "流动人口"
            if p.age() >= 25 and rng.random() < 0.35:  # spouse stayed at home
                s = self.new_person(origin, "女" if p.sex == "男" else "男",
                                    max(20, p.age() + rng.randint(-5, 5)), region=region,
                                    resident=False)  # fmt: skip
                p.spouse, s.spouse = s, p
                p.marital = s.marital = "已婚"
                s.hukou = home
            else:
                p.marital = "未婚" if p.age() < 30 else rng.choice(["未婚", "离婚"])
            mem.append(p)
        self.rent(hh, mem, 0.15)

    def hh_hk(self, hh: Household) -> None:
        rng = self.rng
        origin = "hk" if rng.random() < 0.75 else "mo"
        if rng.random() < 0.6:
            h, w = self.couple(origin, rng.randint(30, 70))
            mem = [h, w]
        else:
            p = self.new_person(origin, rng.choice("男女"), rng.randint(25, 70))
            p.marital = rng.choice(["未婚", "离婚"])
            mem = [p]
        for p in mem:
            p.ptype = "港澳台居民"
        if rng.random() < 0.4:
            d = self.estate_flat()
            d.owner = mem[0]
            self.place(hh, d, mem)
        else:
            self.rent(hh, mem, 1.0)

    # ---------------------------------------------------------------- employment
    def assign_employers(self) -> None:
        rng = self.rng
        pub = [o for o in self.orgs if o.kind in ("public", "juwei", "lianhe", "hezuo")]
        comp = [o for o in self.orgs if o.kind in ("company", "branch", "outside")]
        shops = [o for o in self.orgs if o.kind == "getihu"]
        school = {k: [self.org_by_name[n] for n in v] for k, v in SCHOOLS.items()}
        for p in self.persons:
            if not p.resident:
                continue
            a = p.age()
            local = p.origin in ("local", "gz")
            if a < 3:
                p.employer = ""
            elif a < 6:
                p.employer = rng.choice(school["kinder"]) if rng.random() < 0.5 else ""
            elif a < 12:
                p.employer = rng.choice(school["primary"]) if rng.random() < 0.7 else "学生"
            elif a < 18:
                p.employer = rng.choice(school["middle"]) if rng.random() < 0.6 else "学生"
            elif a < 22 and rng.random() < 0.5:
                p.employer = "学生"
            elif a >= (60 if p.sex == "男" else 55):
                p.employer = rng.choices(["退休", "无", ""], [75, 10, 15])[0]
            else:
                r = rng.random()
                if r < (0.12 if local else 0.02):
                    p.employer = rng.choices(pub, [o.weight for o in pub])[0]
                elif r < (0.72 if local else 0.55):
                    p.employer = rng.choices(comp, [o.weight for o in comp])[0]
                elif r < (0.77 if local else 0.75):
                    p.employer = rng.choice(shops)
                else:
                    p.employer = rng.choice(["自由职业", "待业", "无业", "无", ""])

    def rep_candidate(self, pred: object = None) -> Person | None:
        rng = self.rng
        if not self._rep_pool:
            self._rep_pool = [p for p in self.persons if p.resident and 28 <= p.age() <= 65]
        pool = self._rep_pool
        for _ in range(40):
            p = rng.choice(pool)
            if pred is None or pred(p):  # type: ignore[operator]
                return p
        return None

    def assign_legal_reps(self) -> None:
        rng = self.rng
        bosses: list[Person] = []
        by_brand: dict[str, Person] = {}
        for o in self.orgs:
            if o.kind == "outside":
                continue
            o.registered = rng.random() < (0.6 if o.kind == "getihu" else WORLD["org_registered"])
            o.est = date(rng.randint(1985 if o.kind != "company" else 1998, 2023),
                         rng.randint(1, 12), rng.randint(1, 28))  # fmt: skip
            rep: Person | None = None
            if o.kind == "getihu":
                rep = self.rep_candidate(lambda p: p.origin != "hk")
            elif o.kind in ("lianhe", "hezuo"):
                vill = [h.members[0] for h in self.villagers if h.members]
                rep = rng.choice(vill) if vill else self.rep_candidate()
            elif o.kind == "company" and o.brand in by_brand and rng.random() < 0.7:
                rep = by_brand[o.brand]
            elif o.kind in ("public", "juwei"):  # 主任/院长/校长: a local, resident or not
                if rng.random() < 0.6:
                    rep = self.rep_candidate(lambda p: p.origin == "local")
                else:
                    rep = self.new_person("local", rng.choice("男女"), rng.randint(40, 59),
                                          resident=False)  # fmt: skip
                    rep.marital = "已婚"
            elif rng.random() < 0.55:
                rep = self.rep_candidate()
            elif bosses and rng.random() < 0.2:
                rep = rng.choice(bosses)
            if rep is None:
                rep = self.new_person(
                    rng.choice(["local", "local", "gz", "hunan", "hk"]),
                    rng.choice("男男女"),
                    rng.randint(32, 68),
                    resident=False,
                )
                rep.marital = "已婚"
                bosses.append(rep)
            o.legal_rep = rep
            by_brand.setdefault(o.brand, rep)
            if rep.resident and rep.age() < 60 and o.kind != "lianhe":
                rep.employer = o
            f = self.estate_flat() if o.kind in ("company", "branch") else None
            if f is not None:  # office flat: the address is not a reference, so no dwelling
                self.dwellings.remove(f)
                o.addr = self.plain_estate_address(f)
            elif o.kind == "getihu":
                o.addr = f"天河区{rng.choice(VILLAGES)[0]}{rng.randint(1, 40)}号首层"
            else:
                o.addr = f"广州市天河区{rng.choice(ROADS)[0]}{rng.randint(1, 600)}号"

    def plain_estate_address(self, d: Dwelling) -> str:
        e: Estate = d.parts["estate"]
        return f"广州市天河区{e.road}{e.road_no}号{e.road_sfx}{e.name}{d.parts['room']}室"

    def add_vacant_and_company_flats(self) -> None:
        rng = self.rng
        comps = [o for o in self.orgs if o.kind in ("company", "lianhe") and o.registered]
        for _ in range(max(3, self.target // 300)):  # company flats: staff dorms, tenant unknown
            d = self.estate_flat()
            d.owner = rng.choice(comps)
            d.rented = rng.random() < 0.5
        for _ in range(max(5, self.target // 80)):  # vacant flats of absent investors
            d = self.estate_flat()
            if self.landlords and rng.random() < 0.7:
                d.owner = rng.choice(self.landlords)
            else:
                d.owner = self.new_person("local", rng.choice("男女"), rng.randint(35, 75),
                                          resident=False)  # fmt: skip
                self.landlords.append(d.owner)


# ------------------------------------------------------------------------------------ views
class Writer:
    """Renders the departments' views of the world and the truth behind every reference."""

    def __init__(self, world: World, rng: random.Random, hard: bool) -> None:
        self.w = world
        self.rng = rng
        self.hard = hard
        self.r = {k: min(HARD_CAP, v * HARD_FACTOR) if hard else v for k, v in RATES.items()}
        self.r.update({k: (v if hard else 0.0) for k, v in HARD_ONLY.items()})
        self.truth: list[tuple[str, str, str, str]] = []
        self.stats: Counter[str] = Counter()
        names: Counter[str] = Counter()
        name_date: Counter[tuple[str, date]] = Counter()
        name_ym: Counter[tuple[str, str]] = Counter()
        for p in world.persons:
            names[norm_name(p.name)] += 1
            if p.former:
                names[norm_name(p.former)] += 1
            name_date[(norm_name(p.name), p.birth)] += 1
            name_ym[(norm_name(p.name), f"{p.birth:%Y%m}")] += 1
        self.names, self.name_date, self.name_ym = names, name_date, name_ym

    def p(self, key: str) -> bool:
        return self.rng.random() < self.r[key]

    def t(self, src: str, rid: str, role: str, ent: str) -> None:
        self.truth.append((src, rid, role, ent))

    # ---------------------------------------------------------------- persons
    def name(self, p: Person, hard_err: str) -> str:
        rng = self.rng
        s = p.former if hard_err == "name_former" else p.name
        if hard_err == "name_homophone":
            g = p.given
            idx = [i for i, c in enumerate(g) if c in HOMOPHONE]
            i = rng.choice(idx)
            s = p.surname + g[:i] + HOMOPHONE[g[i]] + g[i + 1 :]
        if "·" in s and rng.random() < 0.5:
            s = s.replace("·", rng.choice(DOTS))
        if rng.random() < (0.85 if p.origin in ("hk", "mo") else self.r["name_trad"]):
            s = s.translate(TRAD)
        if self.p("name_space") and len(s) > 1:
            cut = len(p.surname) if p.surname and rng.random() < 0.6 else rng.randrange(1, len(s))
            s = s[:cut] + rng.choice([" ", "  ", "\u3000"]) + s[cut:]
        return s

    def id_text(self, base: str, p: Person | None, hard_err: str) -> str:
        rng = self.rng
        s = base
        if hard_err in ("id_typo", "id_swap"):
            for _ in range(50):
                c = list(base)
                if hard_err == "id_typo":
                    i = rng.randrange(17)
                    c[i] = rng.choice([d for d in "0123456789" if d != c[i]])
                else:
                    i = rng.randrange(16)
                    if c[i] == c[i + 1]:
                        continue
                    c[i], c[i + 1] = c[i + 1], c[i]
                cand = "".join(c)
                if cand[:17] not in self.w.ids:
                    s = cand
                    break
        elif (
            p is not None
            and p.birth.year < 1985
            and p.origin not in ("hk", "mo")
            and self.p("id_legacy15")
        ):
            return s[:6] + s[8:17]
        if s.endswith("X") and self.p("id_lower_x"):
            s = s[:-1] + "x"
        if self.p("id_separators"):
            sep = rng.choice([" ", "-"])
            s = (
                f"{s[:6]}{sep}{s[6:14]}{sep}{s[14:]}"
                if rng.random() < 0.7
                else " ".join(s[i : i + 4] for i in range(0, 18, 4))
            )
        if self.p("id_fullwidth"):
            s = s.translate(FULLWIDTH)
        return s

    def pick_hard(self, p: Person, src: str, kind: str, parent: Person | None) -> str:
        """At most one evidence-destroying error per reference, and only where decidable."""
        r = self.r
        cands: list[tuple[str, float]] = [
            ("id_blank", r["id_blank"] if kind == "full" else r[f"{kind}_id_blank"]),
            ("id_typo", r["id_typo"]),
            ("id_swap", r["id_swap"]),
            ("name_homophone", r["name_homophone"] if any(c in HOMOPHONE for c in p.given) else 0),
            ("date_typo", r["date_typo"] if kind == "full" else 0),
            ("name_former", r["name_former"] if p.former and src != "police" else 0),
            ("id_parent", r["id_parent_on_child"] if parent is not None else 0),
            ("id_excel", r["id_excel_float"] if src == "civil_affairs" and kind == "full" else 0),
        ]
        u = self.rng.random()
        for k, v in cands:
            if u < v:
                if k == "id_blank" and not self.blank_ok(p, src, kind):
                    return ""
                if k == "id_excel" and p.id18.endswith("X"):
                    return ""
                return k
            u -= v
        return ""

    def blank_ok(self, p: Person, src: str, kind: str) -> bool:
        n = norm_name(p.name)
        if kind != "full":
            return self.names[n] == 1
        if src == "civil_affairs":
            return self.name_ym[(n, f"{p.birth:%Y%m}")] == 1
        return self.name_date[(n, p.birth)] == 1

    def person_view(
        self,
        p: Person,
        src: str,
        kind: str = "full",
        parent: Person | None = None,
        force: str | None = None,
    ) -> dict[str, Any]:
        """Name, ID, date and sex of one reference to p, with at most one hard error."""
        hard_err = self.pick_hard(p, src, kind, parent) if force is None else force
        self.stats[f"{src}:{hard_err or 'none'}"] += 1
        v: dict[str, Any] = {"name": self.name(p, hard_err), "hard": hard_err}
        if hard_err == "id_blank":
            v["id"] = ""
        elif hard_err == "id_parent" and parent is not None:
            v["id"] = self.id_text(parent.id18, None, "")
        elif hard_err == "id_excel":
            v["id"] = float(int(p.id18[:15]) * 1000)
        else:
            v["id"] = self.id_text(p.id18, p, hard_err)
        if kind == "full":  # a blank date only where the ID and name are intact
            v["date"] = (
                ""
                if hard_err == "" and self.p("date_blank")
                else self.date(p.birth, hard_err == "date_typo")
            )
        v["sex"] = self.sex(p.sex)
        return v

    def date(self, d: date, typo: bool = False) -> str:
        rng = self.rng
        y, m, dd = d.year, d.month, d.day
        if typo:
            if dd <= 12 and dd != m:
                m, dd = dd, m
            else:
                y = y + rng.choice([-10, 10, -1, 1])
        f = rng.randrange(5)
        return [f"{y}{m:02d}{dd:02d}", f"{y}-{m:02d}-{dd:02d}", f"{y}/{m}/{dd}",
                f"{y}.{m:02d}.{dd:02d}", f"{y}年{m}月{dd}日"][f]  # fmt: skip

    def sex(self, s: str) -> str:
        if self.p("sex_blank"):
            return ""
        if self.p("sex_code"):
            return self.rng.choice([{"男": "1", "女": "2"}, {"男": "M", "女": "F"}])[s]
        return s

    def phone(self, p: Person, prefer_landline: bool = False) -> str:
        rng = self.rng
        if self.p("phone_blank"):
            return ""
        num = p.landline if (prefer_landline or not p.mobile) and p.landline else p.mobile
        if not num:
            return ""
        if num.startswith("+"):
            return num
        if not self.p("phone_format"):
            return num
        if len(num) == 8:
            return rng.choice([f"020-{num}", f"(020){num}", f"（020）{num}", f"020 {num}",
                               f"020{num}"])  # fmt: skip
        return rng.choice([f"+86 {num}", f"+86{num}", f"{num[:3]} {num[3:7]} {num[7:]}",
                           f"{num[:3]}-{num[3:7]}-{num[7:]}", f"86-{num}"])  # fmt: skip

    # ---------------------------------------------------------------- addresses
    PREFIXES = ["", "天河区", "广州市天河区", "广东省广州市天河区", "广州天河区", "广州市"]
    PREFIX_W = {
        "police": [5, 10, 30, 50, 3, 2],
        "civil_affairs": [30, 25, 35, 5, 5, 0],
        "family_planning": [25, 30, 35, 5, 5, 0],
        "housing": [45, 35, 15, 3, 2, 0],
    }
    ROOM_SFX = {
        "police": (["室", "房", ""], [5, 4, 1]),
        "civil_affairs": (["房", "室", ""], [3, 2, 5]),
        "family_planning": (["房", "室", ""], [5, 3, 2]),
        "housing": (["房", "室", ""], [7, 2, 1]),
    }

    def num(self, n: int, cn: bool) -> str:
        return cn_num(n) if cn else str(n)

    def address(self, d: Dwelling, src: str) -> str:
        rng = self.rng
        cn = self.p("addr_cn_numerals")
        sfx = rng.choices(*self.ROOM_SFX[src])[0]
        if d.kind in ("hometown", "gzother"):
            core = self.far_address(d, cn, sfx)
            pre = ""
        else:
            pre = rng.choices(self.PREFIXES, self.PREFIX_W[src])[0]
            core = (
                self.estate_address(d, cn, sfx)
                if d.kind == "estate"
                else self.village_address(d, cn, sfx)
            )
            jd = d.parts["estate"].jd if d.kind == "estate" else d.parts["bldg"].village[2]
            if self.p("addr_street_office") and pre in ("", "天河区", "广州市天河区"):
                pre += jd
        s = pre + (" " if pre and self.p("addr_spaces") else "") + core
        if self.p("addr_trad"):
            s = s.translate(TRAD)
        if self.p("addr_fullwidth"):
            s = s.translate(FULLWIDTH)
        return s

    def estate_address(self, d: Dwelling, cn: bool, sfx: str) -> str:
        rng = self.rng
        e: Estate = d.parts["estate"]
        b, st, fl, room = d.parts["bldg"], d.parts["stair"], d.parts["floor"], d.parts["room"]
        road = f"{e.road}{e.road_no}号{e.road_sfx}"
        u = rng.random()
        head = road if u < e.road_first * 0.5 else (road + e.name) if u < e.road_first else e.name
        if e.style == "tower":
            floor = self.num(fl, cn)
            unit = rng.choice(
                [f"{floor}楼{room}室", f"{room}室", f"{room}{sfx}", f"{floor}楼{room}"]
            )
            return head + unit
        if e.style == "num" and self.p("addr_dash"):
            unit = f"{b}-{st}-{room}" if st else f"{b}-{room}"
            return head + unit + rng.choice(["", "", sfx])
        bword = e.bword
        if self.p("addr_alt_building_word"):
            bword = {"栋": "座", "座": "栋"}[bword] if rng.random() < 0.7 else "幢"
        label = self.num(b, cn) if isinstance(b, int) else str(b)
        stair = f"{self.num(st, cn)}梯" if st else ""
        return f"{head}{label}{bword}{stair}{room}{sfx}"

    def village_address(self, d: Dwelling, cn: bool, sfx: str) -> str:
        rng = self.rng
        vb: VBuilding = d.parts["bldg"]
        vname, short, _, style, _ = vb.village
        name = short if short and rng.random() < 0.35 else vname
        no = f"{self.num(vb.no, cn and rng.random() < 0.3)}号{vb.sfx}"
        if style == "A":
            core = f"{name}{vb.fang}坊{self.num(vb.lane, cn)}巷{no}"
        elif style == "B":
            core = f"{name}大街{vb.fang}坊{no}"
        else:
            core = f"{name}{vb.fang}大街{self.num(vb.lane, cn)}巷{no}"
        room = d.parts["room"]
        if room is None:
            return core
        if room == "shop":
            return core + rng.choice(["首层", "首层铺面", "地铺"])
        return f"{core}{room}{sfx}"

    def far_address(self, d: Dwelling, cn: bool, sfx: str) -> str:
        rng = self.rng
        q = d.parts
        if d.kind == "gzother":
            pre = rng.choice(["广东省广州市", "广州市", "广州市", "广州", ""])
            return f"{pre}{q['district']}{q['road']}{q['no']}号{q['room']}{sfx or '房'}"
        prov = str(q["prov"])
        u = rng.random()
        p = prov if u < 0.7 else PROV_SHORT[prov] if u < 0.9 else ""
        city = "" if rng.random() < 0.2 and p else str(q["city"])
        g = q["group"]
        u = rng.random()
        grp = f"{g}组" if u < 0.7 else f"{cn_num(g)}组" if u < 0.92 else f"第{cn_num(g)}村民小组"
        return f"{p}{city}{q['county']}{q['town']}{q['village']}{grp}{q['no']}号"

    # ---------------------------------------------------------------- organisations
    def org_name(self, o: Org, allow_former: bool = True) -> str:
        rng = self.rng
        # the old name is only decidable because the register keeps a row under it (same code)
        if allow_former and o.former and o.registered and self.p("org_former_name"):
            s = o.former
        elif o.variants and self.p("org_variant"):
            s = rng.choice(o.variants)
        else:
            s = o.canonical
        if "（" in s and rng.random() < 0.4:
            s = s.replace("（", "(").replace("）", ")")
        if self.p("org_trad"):
            s = s.translate(TRAD)
        return s

    def employer(self, p: Person) -> tuple[str, str]:
        """Employer cell text and its truth id ('' for placeholders and blanks)."""
        e = p.employer
        if isinstance(e, Org):
            return self.org_name(e), e.oid
        if e == "退休" and self.rng.random() < 0.1:
            return "", ""
        return str(e), ""

    def code_text(self, o: Org) -> str:
        if not o.code or self.p("org_code_missing"):
            return ""
        if self.p("org_code_typo"):
            c = list(o.code)
            i = self.rng.randrange(8, 17)
            c[i] = self.rng.choice([x for x in CC_ALPHA if x != c[i]])
            return "".join(c)
        return o.code if self.rng.random() > 0.03 else o.code.lower()


# ------------------------------------------------------------------------------------ sources
def ethnicity(eth: str, rng: random.Random) -> str:
    """民族 as written: 汉族, 汉, or left blank."""
    u = rng.random()
    return eth if u < 0.8 else eth.removesuffix("族") if u < 0.95 else ""


def build_sources(w: World, wr: Writer) -> dict[str, list[dict[str, object]]]:
    """Each department's rows; truth rows are recorded by wr as each reference is written."""
    rng = wr.rng
    out: dict[str, list[dict[str, object]]] = {}
    used_ids: set[str] = set()

    def new_id(prefix: str, digits: int) -> str:
        """Random-looking record id, unique within its source as the contract requires."""
        while True:
            rid = f"{prefix}{rng.randint(10 ** (digits - 1), 10**digits - 1)}"
            if rid not in used_ids:
                used_ids.add(rid)
                return rid

    # ---------------------------------------------------------------- police
    rows: list[dict[str, object]] = []
    residents = [p for p in w.persons if p.resident]
    for p in residents:
        cover = WORLD["police_cover_hk" if p.origin in ("hk", "mo") else
                      "police_cover_local" if p.origin in ("local", "gz") else
                      "police_cover_migrant"]  # fmt: skip
        if rng.random() > cover:
            continue
        n = 2 if wr.p("police_dup") else 1
        for i in range(n):
            rid = new_id("GA", 10)
            parent = p.parents[0] if p.parents and p.age() < 18 and p.parents[0].resident else None
            old = i == 1 and p.former and rng.random() < 0.5  # old record under the old name
            v = wr.person_view(p, "police", parent=parent, force="name_former" if old else None)
            emp, emp_id = wr.employer(p)
            ph = wr.phone(p)
            if ph and p.landline and p.mobile and rng.random() < 0.06:
                ph = f"{ph}{rng.choice([',', '/', '；'])}{p.landline}"
            row = {
                "记录编号": rid,
                "姓名": v["name"],
                "曾用名": p.former if p.former and (i == 0 or rng.random() < 0.5) else "",
                "性别": v["sex"],
                "民族": ethnicity(p.eth, rng),
                "出生日期": v["date"],
                "公民身份号码": v["id"],
                "户号": p.hukou_no,
                "与户主关系": p.rel if p.hukou_no else "",
                "户籍地址": wr.address(p.hukou, "police") if p.hukou else "",
                "现住址": wr.address(p.home, "police") if p.home else "",
                "服务处所": emp,
                "联系电话": ph,
                "人员类型": p.ptype,
            }  # fmt: skip
            rows.append(row)
            wr.t("police", rid, "person", p.pid)
            if row["现住址"] and p.home:
                wr.t("police", rid, "house", p.home.did)
            if row["户籍地址"] and p.hukou:
                wr.t("police", rid, "registered_house", p.hukou.did)
            if emp_id:
                wr.t("police", rid, "employer", emp_id)
    out["police"] = rows

    # ---------------------------------------------------------------- civil affairs
    rows = []
    seq = iter(range(1, 10**7))

    def civil(p: Person, cat: str) -> None:
        rid = f"MZ{2024_000000 + next(seq) * 37 % 10**6}"
        v = wr.person_view(p, "civil_affairs")
        sp = p.spouse if p.marital in ("已婚", "初婚", "再婚") else None
        sv = wr.person_view(sp, "civil_affairs", kind="spouse") if sp else {}
        ym: object = ""
        if v["date"] != "" or rng.random() < 0.5:
            y, m = p.birth.year, p.birth.month
            if v["hard"] == "date_typo":
                y += rng.choice([-1, 1, -10, 10])
            if rng.random() < WORLD["civil_date_cell"]:
                ym = datetime(y, m, 1)
            else:
                ym = rng.choice([f"{y}-{m:02d}", f"{y}{m:02d}", f"{y}年{m}月"])
        ph: object = wr.phone(p, prefer_landline=p.age() > 60)
        if isinstance(ph, str) and rng.random() < WORLD["civil_phone_int"]:
            digits = "".join(c for c in ph if c.isdigit())
            if digits and not ph.startswith("+"):
                ph = int(digits)
        marital = p.marital
        if marital == "离婚" and rng.random() < 0.5:
            marital = "离异"
        row = {
            "编号": rid, "姓名": v["name"], "身份证号": v["id"], "性别": v["sex"], "出生年月": ym,
            "居住地址": wr.address(p.home, "civil_affairs") if p.home else "",
            "联系电话": ph, "婚姻状况": marital if rng.random() > 0.05 else "",
            "配偶姓名": sv.get("name", ""), "配偶身份证号": sv.get("id", ""), "服务类别": cat,
        }  # fmt: skip
        rows.append(row)
        wr.t("civil_affairs", rid, "person", p.pid)
        if row["居住地址"] and p.home:
            wr.t("civil_affairs", rid, "house", p.home.did)
        if sp is not None:
            wr.t("civil_affairs", rid, "spouse", sp.pid)

    for p in residents:
        a = p.age()
        if p.origin in ("hk", "mo") and rng.random() < 0.7:
            continue
        if a >= 80 and rng.random() < 0.95:
            civil(p, "高龄津贴")
        if a >= 60 and rng.random() < 0.35:
            civil(p, rng.choice(["居家养老服务", "长者饭堂", "居家养老服务"]))
        if p.hh and p.hh.low_income and a >= 18:
            civil(p, rng.choice(["最低生活保障", "低收入家庭", "特困人员供养"]))
        if rng.random() < 0.015:
            civil(p, "残疾人两项补贴")
        if p.spouse and not p.spouse.resident and rng.random() < 0.25:
            civil(p, rng.choice(["临时救助", "婚姻登记"]))
        elif p.spouse and p.spouse.resident and a < 35 and rng.random() < 0.3:
            civil(p, "婚姻登记")
    out["civil_affairs"] = rows

    # ---------------------------------------------------------------- family planning
    rows = []
    fam_no = 0
    for hh in w.households:
        for h, wf, kids in hh.fp_units:
            local = h.origin in ("local", "gz")
            if rng.random() > WORLD["fp_cover_local" if local else "fp_cover_migrant"]:
                continue
            fam_no += 1
            fid = f"44010620{fam_no * 13 % 10**6:06d}"
            head_is_wife = wf is not None and rng.random() < 0.2
            members: list[tuple[Person, str]] = []
            if wf is not None:
                members += (
                    [(wf, "户主"), (h, "配偶")] if head_is_wife else [(h, "户主"), (wf, "配偶")]
                )
            else:
                members.append((h, "户主"))
            members += [(k, "子女") for k in kids]
            for m, role in members:
                for _ in range(2 if wr.p("fp_dup") else 1):
                    rid = new_id("JS", 9)
                    par = (
                        (h if rng.random() < 0.5 else wf)
                        if role == "子女" and m.age() < 18
                        else None
                    )
                    v = wr.person_view(m, "family_planning", parent=par)
                    emp, emp_id = wr.employer(m)
                    row = {
                        "档案号": rid, "家庭档案号": fid, "姓名": v["name"], "身份证号": v["id"],
                        "性别": v["sex"], "出生日期": v["date"], "家庭角色": role,
                        "现居住地址": wr.address(m.home, "family_planning") if m.home else "",
                        "户籍地址": wr.address(m.hukou, "family_planning") if m.hukou else "",
                        "工作单位": emp, "手机号码": wr.phone(m),
                    }  # fmt: skip
                    rows.append(row)
                    wr.t("family_planning", rid, "person", m.pid)
                    if row["现居住地址"] and m.home:
                        wr.t("family_planning", rid, "house", m.home.did)
                    if row["户籍地址"] and m.hukou:
                        wr.t("family_planning", rid, "registered_house", m.hukou.did)
                    if emp_id:
                        wr.t("family_planning", rid, "employer", emp_id)
    out["family_planning"] = rows

    # ---------------------------------------------------------------- housing
    rows = []
    for d in w.dwellings:
        if not d.in_district or d.kind == "vbldg" or rng.random() > WORLD["housing_cover"]:
            continue
        for _ in range(2 if wr.p("housing_dup") else 1):
            rid = new_id("FW440106", 8)
            if d.kind == "vshop":
                use = "商铺"
            elif d.rented:
                use = rng.choice(["出租", "出租屋", "住宅"])
            elif d.occupants:
                use = rng.choice(["住宅", "自住"])
            else:
                use = rng.choice(["空置", "住宅", ""])
            hrow: dict[str, object] = {
                "房屋编号": rid, "房屋地址": wr.address(d, "housing"), "房屋用途": use,
                "产权人姓名": "", "产权人证件号码": "", "承租人姓名": "", "承租人证件号码": "",
            }  # fmt: skip
            wr.t("housing", rid, "house", d.did)
            o = d.owner
            if isinstance(o, Org):
                hrow["产权人姓名"] = wr.org_name(o, allow_former=False)
                hrow["产权人证件号码"] = wr.code_text(o)
                wr.t("housing", rid, "owner", f"P-ORG-{o.oid}")
            elif isinstance(o, Person):
                v = wr.person_view(o, "housing", kind="owner")
                hrow["产权人姓名"], hrow["产权人证件号码"] = v["name"], v["id"]
                wr.t("housing", rid, "owner", o.pid)
            ten = d.tenant if d.rented else None
            if ten is not None and rng.random() < 0.9:
                v = wr.person_view(ten, "housing", kind="tenant")
                hrow["承租人姓名"], hrow["承租人证件号码"] = v["name"], v["id"]
                wr.t("housing", rid, "tenant", ten.pid)
            rows.append(hrow)
    out["housing"] = rows

    # ---------------------------------------------------------------- organisations
    rows = []
    for o in w.orgs:
        if not o.registered:
            continue
        n = 2 if wr.p("org_dup") or o.former else 1
        for i in range(n):
            rid = new_id("DJ", 8)
            if i == 1 and o.former:  # the old registration under the old name, same code
                name, code = o.former, o.code
            else:
                name = o.canonical if rng.random() < 0.8 else wr.org_name(o, allow_former=False)
                code = o.code if o.former else wr.code_text(o)
            rep = o.legal_rep
            row = {"登记编号": rid, "统一社会信用代码": code, "单位名称": name,
                   "单位类型": o.otype, "法定代表人": "", "法定代表人证件号码": "",
                   "注册地址": o.addr, "成立日期": wr.date(o.est)}  # fmt: skip
            wr.t("organisations", rid, "organisation", o.oid)
            if rep is not None:
                v = wr.person_view(rep, "organisations", kind="legal_rep")
                row["法定代表人"], row["法定代表人证件号码"] = v["name"], v["id"]
                wr.t("organisations", rid, "legal_rep", rep.pid)
            rows.append(row)
    out["organisations"] = rows
    return out


# ------------------------------------------------------------------------------------ files
EXTRA = {
    "备注": ["", "", "", "已核实", "待核实", "电话空号", "人户分离", "网格员上报", "已核实,待复查"],
    "数据来源": ["派出所采集", "网格员采集", "部门共享", "自主申报"],
}


def layout(cols: list[str], wr: Writer) -> list[str]:
    """Hard mode: shuffled column order and extra columns the contract says to keep."""
    cols = cols[:]
    if wr.p("extra_columns"):
        extra = wr.rng.sample(["备注", "更新时间", "数据来源"], wr.rng.randint(1, 2))
        cols += extra
    if wr.p("shuffle_columns"):
        wr.rng.shuffle(cols)
    return cols


def extra_value(col: str, rng: random.Random) -> str:
    if col == "更新时间":
        t = datetime(2023, 1, 1) + timedelta(seconds=rng.randint(0, 500 * 86400))
        return f"{t:%Y-%m-%d %H:%M:%S}"
    return rng.choice(EXTRA[col])


def write_csv(path: str, cols: list[str], rows: list[dict[str, object]], enc: str,
              rng: random.Random) -> None:  # fmt: skip
    with open(path, "w", encoding=enc, newline="") as f:
        wtr = csv.writer(f)
        wtr.writerow(cols)
        for r in rows:
            wtr.writerow([r[c] if c in r else extra_value(c, rng) for c in cols])


def write_xlsx(
    path: str,
    cols: list[str],
    rows: list[dict[str, object]],
    rng: random.Random,
    extra_sheet: bool = False,
) -> None:
    """A clerk's workbook: date cells, integer phones, float IDs.

    With extra_sheet a second 统计 sheet follows the data. The contract says only the first
    sheet counts, but kg refuses such a workbook outright, which would hide every other result,
    so it is opt-in (--extra-sheet) and reported separately.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "服务对象"
    ws.append(cols)
    for i, r in enumerate(rows, start=2):
        for j, c in enumerate(cols, start=1):
            val = r[c] if c in r else extra_value(c, rng)
            cell = ws.cell(row=i, column=j, value=val if val != "" else None)
            if isinstance(val, datetime) and rng.random() < 0.6:
                cell.number_format = "yyyy-mm"
            elif isinstance(val, float):
                cell.number_format = "0.00E+00" if rng.random() < 0.5 else "General"
    if extra_sheet:
        st = wb.create_sheet("统计")
        st.append(["服务类别", "人数"])
        for k, n in Counter(str(r["服务类别"]) for r in rows).most_common():
            st.append([k, n])
    wb.save(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--residents", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--difficulty", choices=["normal", "hard"], default="normal")
    ap.add_argument("--out", required=True)
    ap.add_argument("--extra-sheet", action="store_true", help="add a 统计 sheet after the data")
    a = ap.parse_args()
    t0 = time.time()
    rng = random.Random(a.seed)
    world = World(a.residents, rng)
    wr = Writer(world, random.Random(a.seed * 7919 + (1 if a.difficulty == "hard" else 0)),
                a.difficulty == "hard")  # fmt: skip
    src = build_sources(world, wr)
    for rows in src.values():
        wr.rng.shuffle(rows)
    os.makedirs(a.out, exist_ok=True)
    specs = [("police", "police.csv", POLICE_COLS, "gb18030"),
             ("family_planning", "family_planning.csv", FP_COLS, "utf-8-sig"),
             ("housing", "housing.csv", HOUSING_COLS, "utf-8"),
             ("organisations", "organisations.csv", ORG_COLS, "utf-8")]  # fmt: skip
    layouts: dict[str, list[str]] = {}
    for name, fn, cols, enc in specs:
        layouts[name] = layout(cols, wr)
        write_csv(os.path.join(a.out, fn), layouts[name], src[name], enc, wr.rng)
    layouts["civil_affairs"] = layout(CIVIL_COLS, wr)
    write_xlsx(os.path.join(a.out, "civil_affairs.xlsx"), layouts["civil_affairs"],
               src["civil_affairs"], wr.rng, a.extra_sheet)  # fmt: skip
    with open(os.path.join(a.out, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        tw = csv.writer(f)
        tw.writerow(["source", "record_id", "role", "entity_id"])
        tw.writerows(wr.truth)
    roles = Counter(f"{s}:{r}" for s, _, r, _ in wr.truth)
    summary = {
        "residents": sum(1 for p in world.persons if p.resident),
        "persons_in_world": len(world.persons),
        "households": len(world.households),
        "dwellings": len(world.dwellings),
        "organisations": len(world.orgs),
        "rows": {k: len(v) for k, v in src.items()},
        "truth_rows": len(wr.truth),
        "truth_entities": len({e for *_, e in wr.truth}),
        "truth_by_role": dict(sorted(roles.items())),
        "hard_errors": dict(sorted(wr.stats.items())),
        "layouts": {k: v for k, v in layouts.items()},
        "difficulty": a.difficulty,
        "seed": a.seed,
        "rates": {k: round(v, 4) for k, v in wr.r.items()},
        "world": WORLD,
        "seconds": round(time.time() - t0, 2),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
