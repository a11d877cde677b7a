#!/usr/bin/env python3
"""Independent test-data generator: a fictional 四川省成都市武侯区 seen by five departments.

Written only from /work/shared/data-contract.md and knowledge of how Chengdu registers look.
A coherent world is modelled first (households, twins, namesakes, migrants from other
Sichuan counties / 凉山 / 甘孜 / other provinces, movers, shared phones, work-unit compounds,
village groups at the edge of the district, companies, branches, public bodies), then each
department's partial, error-prone view of it is written.  truth.csv gives the real entity of
every reference (persons P…, dwellings H…, organisations O…).

usage: district.py --residents N --seed S --out DIR [--difficulty normal|hard]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import time
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta

REF = date(2024, 6, 30)
PROV, CITY, DIST, DCODE = "四川省", "成都市", "武侯区", "510107"

# --------------------------------------------------------------------------- rates
RATES = {
    "normal": dict(
        name_err=0.06,  # one name corruption (traditional / dialect / homophone / spacing)
        former_use=0.25,  # non-police record of someone with a 曾用名 uses the old name
        id_missing=dict(
            police=0.015, civil=0.05, fp=0.10, owner=0.06, tenant=0.30, legal=0.15, spouse=0.30
        ),
        id_typo=0.012,
        id_swap=0.008,
        id_fmt=0.03,
        id_fw=0.01,
        id_lower=0.4,
        id15_old=0.15,  # older people's legacy 15-digit number (civil, housing, legal reps)
        xl_num=0.25,  # civil-affairs IDs that went through Excel as numbers (no X)
        xl_date=0.0,  # 出生年月 turned into an Excel date cell
        birth_missing=0.03,
        birth_typo=0.0,
        gender_code=0.12,
        gender_blank=0.03,
        stale=0.5,  # mover's civil/FP record still shows the previous dwelling
        addr_cn=0.06,
        addr_fw=0.03,
        addr_space=0.03,
        addr_she=0.15,
        addr_village_comm=0.05,
        addr_fu_typo=0.0,
        addr_road_swap=0.02,
        addr_zhou=0.35,
        phone_missing=0.10,
        phone_fmt=0.30,
        phone_multi=0.0,
        phone_typo=0.0,
        org_variant=0.35,
        org_short=0.30,
        cc_missing=0.08,
        cc_typo=0.02,
        org_typo=0.0,
        dup_police=0.012,
        hukou_move_dup=0.25,
        dup_house=0.03,
        dup_org=0.04,
        rename=0.015,
        dup_fp=0.03,
        double_err=0.0,
        namesakes=0.006,
        twins=0.03,
        movers=0.10,
    ),
}
RATES["hard"] = dict(
    RATES["normal"],
    name_err=0.13,
    former_use=0.40,
    id_missing=dict(
        police=0.03, civil=0.10, fp=0.20, owner=0.12, tenant=0.45, legal=0.25, spouse=0.45
    ),
    id_typo=0.03,
    id_swap=0.02,
    id_fmt=0.06,
    id_fw=0.03,
    id15_old=0.30,
    xl_num=0.45,
    xl_date=0.10,
    birth_missing=0.06,
    birth_typo=0.01,
    gender_code=0.25,
    gender_blank=0.08,
    stale=0.7,
    addr_cn=0.15,
    addr_fw=0.08,
    addr_space=0.08,
    addr_she=0.30,
    addr_village_comm=0.12,
    addr_fu_typo=0.08,
    addr_road_swap=0.06,
    addr_zhou=0.6,
    phone_missing=0.18,
    phone_fmt=0.5,
    phone_multi=0.04,
    phone_typo=0.01,
    org_variant=0.5,
    org_short=0.45,
    cc_missing=0.18,
    cc_typo=0.05,
    org_typo=0.03,
    dup_police=0.03,
    hukou_move_dup=0.4,
    dup_house=0.06,
    dup_org=0.08,
    rename=0.03,
    dup_fp=0.06,
    double_err=0.15,
    namesakes=0.012,
    twins=0.04,
    movers=0.15,
)

# --------------------------------------------------------------------------- names
# surname:weight, Sichuan-flavoured (苟 敬 母 蒲 鲜 冉 税 幸 晏; compound 欧阳 诸葛 ...)
SURNAMES = [
    (t.split(":")[0], float(t.split(":")[1]))
    for t in (
        "王:8 李:8 张:7 刘:7 陈:7 杨:6 黄:4 赵:3 吴:3 周:4 徐:2 孙:1.5 马:2 胡:3 朱:2 郭:2 "
        "何:4 罗:4 高:2 林:2 邓:3 曾:3 彭:2.5 谢:3 唐:3 冯:2 蒋:2 肖:2.5 袁:2 付:2 雷:2 "
        "熊:1.5 廖:2 杜:2 范:1.5 文:1.5 钟:1.5 向:1.5 严:1 苟:1 敬:0.6 母:0.4 蒲:0.8 "
        "鲜:0.4 冉:0.6 税:0.3 幸:0.3 晏:0.5 程:1.2 邹:1.2 郑:1.5 苏:1.2 舒:0.8 符:0.3 "
        "洪:0.4 牛:0.3 倪:0.4 宁:0.4 兰:0.4 韩:1 任:1.5 魏:1 龚:1 汪:1 侯:0.8 姚:0.8 卢:1 "
        "邱:1 秦:0.7 江:0.8 尹:0.6 黎:0.6 易:0.8 欧阳:0.3 司马:0.15 诸葛:0.15 上官:0.1 "
        "令狐:0.08 "
    ).split()
]
GIVEN = {
    ("old", "男"): "建国 建华 国强 德明 志强 永福 德华 学文 金山 长春 文华 正刚 天明 国庆 光明 "
    "福生 树林 海清 明德 德贵 顺德 荣华 光荣 跃进 卫东 国栋 成 林 贵 全 华 明 发 德林 启明 "
    "世斌 定华 家林 继成 庆 兴才 泽民".split(),
    ("old", "女"): "淑芬 秀英 桂兰 素珍 玉兰 秀兰 桂英 淑华 玉珍 凤英 翠华 金凤 素芬 玉梅 秀珍 "
    "德芳 淑珍 桂芳 琼 芬 兰英 惠 群 玉华 秀琼 德琼 素琼 慧琼 淑琴 明珍 兰 凤 华 玉芳 "
    "正英 秀敏 银凤".split(),
    ("mid", "男"): "伟 强 军 勇 涛 斌 磊 刚 杰 鹏 波 超 兵 林 平 明 辉 华 峰 建 东 亮 俊 健 "
    "文 武 鑫 浩 建军 建平 志勇 晓东 小波 海涛 春林 红兵 德福 成 晓峰 振华 国华 永生 "
    "金龙 新 志华 正 兴 彬 敏 根 龙 飞 鸿".split(),
    ("mid", "女"): "丽 敏 静 燕 红 芳 霞 琴 玲 莉 娟 英 梅 琼 蓉 丹 萍 颖 佳 慧 晓燕 小红 "
    "春梅 丽华 红梅 雪梅 秀 晓琴 小琼 蓉蓉 兰 丽娟 晓玲 琳 珍 凤 欣 婧 洁 晴 宁 南 "
    "芬 帆 素 诗".split(),
    ("young", "男"): "子轩 浩然 宇轩 梓豪 俊杰 浩宇 子豪 皓轩 宇航 博文 一鸣 天佑 子墨 "
    "明轩 思远 家豪 晨阳 奕辰 锦程 睿 乐 浩 阳 宇 子杰 俊熙 梓睿 宇辰 铭 沐阳 "
    "景行 昊天 嘉乐 家明 泽宇 瑞 鑫 飞 斌 龙 新 林".split(),
    ("young", "女"): "子涵 梓涵 欣怡 雨桐 诗涵 一诺 可馨 思彤 语嫣 若曦 梦琪 雨欣 佳怡 "
    "欣然 紫萱 梓萱 雅琪 诗琪 思琪 心怡 蓉 婷 倩 雪 悦 玲 丽 琳 欣 静 婷婷 雨涵 "
    "梦瑶 晓雨 佳琪 芷若 锦蓉 南希".split(),
}
TWIN_PAIRS = {
    "男": [
        ("浩然", "浩宇"),
        ("子轩", "子豪"),
        ("俊杰", "俊熙"),
        ("宇航", "宇辰"),
        ("一鸣", "一帆"),
        ("嘉乐", "嘉和"),
        ("天佑", "天赐"),
    ],
    "女": [
        ("欣怡", "欣悦"),
        ("梓涵", "梓萱"),
        ("雨桐", "雨涵"),
        ("思彤", "思琪"),
        ("佳怡", "佳琪"),
        ("诗涵", "诗琪"),
        ("可馨", "可欣"),
    ],
}
YI_CLAN = (
    "阿西 吉克 沙马 海来 曲比 吉伍 阿苦 俄底 马海 勒格 "
    "的日 倮伍 阿的 吉木 木乃 拉玛 日火 阿约 吉力 瓦扎"
).split()
YI_GIVEN = {
    "男": "木呷 尔布 拉且 日者 伍呷 阿木 尔古 伍各 拉哈 达体 日哈 布哈 木果 尔哈 拉博".split(),
    "女": "阿呷 阿果 么么 尔呷 伍芝 阿支 日呷 石各 阿依 伍果 阿衣 木几 拉莫 则果".split(),
}
TIB = {
    "男": "扎西 多吉 次仁 泽仁 格桑 尼玛 达瓦 益西 四郎 降措 洛绒 仁青 登珠 贡布 邓珠 呷绒 泽翁".split(),  # noqa: E501
    "女": "卓玛 拉姆 央金 曲珍 翁姆 俄色 措姆 拉措 央宗 泽仁 格桑 四郎 德吉 白玛".split(),
}
UYG = {
    "男": [
        "买买提·吐尔逊",
        "阿不都热合曼·艾力",
        "艾力·买买提",
        "吐尔洪·阿不拉",
        "热合曼·吾斯曼",
        "玉苏甫·阿西木",
    ],
    "女": [
        "古丽米热·阿不都",
        "热依拉·买买提",
        "阿依古丽·吐尔逊",
        "帕提古丽·艾力",
        "迪丽努尔·热合曼",
    ],
}
DOTS = ["·", "・", "•", "．", "."]

# simplified -> traditional, for the characters that differ
TRAD = dict(
    (t[0], t[1])
    for t in (
        "张張 陈陳 刘劉 杨楊 黄黃 赵趙 吴吳 郑鄭 邓鄧 冯馮 蒋蔣 谢謝 罗羅 马馬 龚龔 钟鍾 "
        "严嚴 苏蘇 韩韓 卢盧 邹鄒 孙孫 许許 叶葉 贺賀 兰蘭 丽麗 伟偉 军軍 国國 华華 红紅 "
        "凤鳳 龙龍 东東 云雲 兴興 贵貴 荣榮 庆慶 宝寶 琼瓊 凯凱 杰傑 涛濤 鹏鵬 辉輝 刚剛 "
        "强強 静靜 颖穎 晓曉 诗詩 轩軒 语語 乐樂 阳陽 鸣鳴 远遠 锦錦 权權 书書 伦倫 义義 "
        "礼禮 飞飛 鹤鶴 莲蓮 银銀 铁鐵 纪紀 卫衛 进進 跃躍 继繼 丰豐 发發 达達 聪聰 颜顏 "
        "顺順 凤鳳 梦夢 瑶瑤 欢歡 学學 泽澤 "
    ).split()
)


def _pairs(s):
    out = {}
    for a, b in (p.split("/") for p in s.split()):
        out.setdefault(a, []).append(b)
        out.setdefault(b, []).append(a)
    return out


# Sichuan dialect confusions (n/l, f/h, in/ing, en/eng, an/ang, z/zh c/ch s/sh, huang/wang)
DIALECT = _pairs(
    "兰/南 玲/宁 丽/妮 刘/牛 胡/符 辉/飞 冯/洪 华/发 敏/明 琴/晴 斌/兵 金/京 琳/玲 "
    "新/星 林/凌 陈/程 珍/征 生/深 成/晨 峰/芬 芳/帆 韩/杭 周/邹 曾/郑 苏/舒 淑/素 "
    "诗/思 黄/王 龙/农"
)
HOMO = _pairs(
    "丽/莉 伟/玮 静/婧 杰/洁 军/君 红/虹 华/桦 英/瑛 玉/钰 琳/霖 涛/韬 波/博 燕/艳 "
    "娟/鹃 明/铭 欣/馨 怡/仪 梓/子 涵/含 浩/皓 琪/琦 婷/亭 蓉/容 萍/平 呷/嘎 多吉/多杰 "
    "卓玛/卓嘛 拉姆/拉木"
)

# --------------------------------------------------------------------------- geography
STREETS = [  # 街道, its 社区 (fictional), rural?
    ("玉林", ["芳草", "玉林北路", "倪家桥", "黉门街"], False),
    ("浆洗街", ["洗面桥", "锦里", "南河苑"], False),
    ("望江路", ["望江", "磨子桥", "致民路"], False),
    ("火车南站", ["桐梓林", "丽都", "科华"], False),
    ("红牌楼", ["红牌楼", "太平园", "佳灵"], False),
    ("簇桥", ["簇锦", "高碑", "七里"], True),
    ("机投桥", ["机投", "万寿"], True),
    ("金花桥", ["金花", "江安"], True),
]
ROADS = {
    "玉林": ["玉林北路", "玉林南路", "玉林西路", "倪家桥路", "玉林巷", "黉门街", "一环路南三段"],
    "浆洗街": ["浆洗街", "洗面桥街", "洗面桥横街", "武侯祠大街", "锦里中路", "南桥巷"],
    "望江路": ["望江路", "磨子桥路", "致民路", "一环路南一段", "小天竺街", "九如巷"],
    "火车南站": ["桐梓林北路", "人民南路四段", "丽都路", "科华北路", "二环路南四段"],
    "红牌楼": ["红牌楼路", "太平园中二路", "佳灵路", "二环路西一段", "高升桥路"],
    "簇桥": ["簇锦北路", "簇桥北街", "龙腾东路"],
    "机投桥": ["机投路", "万寿路", "双凤巷"],
    "金花桥": ["金花桥街", "江安路", "文昌巷"],
}
OLD_TOWN = ["玉林", "浆洗街", "望江路", "红牌楼"]
VILLAGES = {
    "簇桥": ["高碑", "七里", "簇锦"],
    "机投桥": ["万寿", "双凤", "机投"],
    "金花桥": ["金花", "江安", "文昌"],
}
EST_PRE = (
    "锦绣 芳华 蓝天 金桂 丽景 蜀锦 南苑 翠微 银杏 紫荆 桂花 望江 锦华 棕南 龙腾 双楠 "
    "长城 华兴 星辉 香榭 滨河 世纪 翡翠 阳光 春天 清水 和平 金色 锦官 青云 芙蓉 "
    "天府 玉泉 兰亭 红杉 锦苑 浣花 金沙 竹林 雅居 府河 桐林 丽阳 新城 怡和 泰和"
).split()
EST_OLD_SUF = ["小区", "新村", "苑", "小区", "苑"]
EST_NEW_SUF = ["花园", "国际", "城", "名都", "家园", "公寓", "广场", "花园", "国际"]
COMPOUNDS = [
    ("国营红光机械厂", "红光厂"),
    ("西南电缆厂", "电缆厂"),
    ("国营七八四厂", "784厂"),
    ("成都量具刃具厂", "量具厂"),
    ("四川省第三建筑工程公司", "三建公司"),
    ("锦江机床厂", "机床厂"),
    ("西南交通设计院", "交通设计院"),
    ("成都市政工程三处", "市政三处"),
    ("成都无线电一厂", "无线电一厂"),
    ("四川省地质矿产局", "地矿局"),
]
OTHER_DIST = {
    "锦江区": ["红星路三段", "东大街", "水碾河路", "静安路"],
    "青羊区": ["光华村街", "清江东路", "西御街", "草市街"],
    "金牛区": ["蜀汉路", "营门口路", "金府路", "茶店子东街"],
    "成华区": ["建设路", "府青路二段", "双林路", "猛追湾街"],
    "高新区": ["天府大道中段", "府城大道西段", "益州大道"],
    "双流区": ["棠湖西路", "东升街", "白衣上街"],
}
CD_REGIONS = [
    ("510104", 2),
    ("510105", 2),
    ("510106", 2),
    ("510108", 2),
    ("510112", 0.5),
    ("510114", 0.6),
    ("510116", 0.5),
    ("510122", 0.5),
]
OLD_CD_REGIONS = [("510102", 1), ("510103", 1), ("510104", 1), ("510105", 1), ("510106", 1)]
# county code, province, prefecture, county, group
COUNTIES = [
    ("511324", "四川省", "南充市", "仪陇县", "sc"),
    ("511321", "四川省", "南充市", "南部县", "sc"),
    ("511322", "四川省", "南充市", "营山县", "sc"),
    ("511381", "四川省", "南充市", "阆中市", "sc"),
    ("511621", "四川省", "广安市", "岳池县", "sc"),
    ("511623", "四川省", "广安市", "邻水县", "sc"),
    ("511722", "四川省", "达州市", "宣汉县", "sc"),
    ("511725", "四川省", "达州市", "渠县", "sc"),
    ("511921", "四川省", "巴中市", "通江县", "sc"),
    ("511923", "四川省", "巴中市", "平昌县", "sc"),
    ("510921", "四川省", "遂宁市", "蓬溪县", "sc"),
    ("512021", "四川省", "资阳市", "安岳县", "sc"),
    ("511025", "四川省", "内江市", "资中县", "sc"),
    ("511421", "四川省", "眉山市", "仁寿县", "sc"),
    ("510521", "四川省", "泸州市", "泸县", "sc"),
    ("510781", "四川省", "绵阳市", "江油市", "sc"),
    ("511123", "四川省", "乐山市", "犍为县", "sc"),
    ("511529", "四川省", "宜宾市", "屏山县", "sc"),
    ("513431", "四川省", "凉山彝族自治州", "昭觉县", "yi"),
    ("513432", "四川省", "凉山彝族自治州", "喜德县", "yi"),
    ("513434", "四川省", "凉山彝族自治州", "越西县", "yi"),
    ("513436", "四川省", "凉山彝族自治州", "美姑县", "yi"),
    ("513429", "四川省", "凉山彝族自治州", "布拖县", "yi"),
    ("513328", "四川省", "甘孜藏族自治州", "甘孜县", "tib"),
    ("513330", "四川省", "甘孜藏族自治州", "德格县", "tib"),
    ("513334", "四川省", "甘孜藏族自治州", "理塘县", "tib"),
    ("513231", "四川省", "阿坝藏族羌族自治州", "阿坝县", "tib"),
    ("500235", "重庆市", "", "云阳县", "cq"),
    ("500236", "重庆市", "", "奉节县", "cq"),
    ("500101", "重庆市", "", "万州区", "cq"),
    ("500228", "重庆市", "", "梁平区", "cq"),
    ("522427", "贵州省", "毕节市", "威宁彝族回族苗族自治县", "op"),
    ("530621", "云南省", "昭通市", "鲁甸县", "op"),
    ("411625", "河南省", "周口市", "郸城县", "op"),
    ("620523", "甘肃省", "天水市", "甘谷县", "op"),
    ("610323", "陕西省", "宝鸡市", "岐山县", "op"),
    ("421126", "湖北省", "黄冈市", "蕲春县", "op"),
    ("653101", "新疆维吾尔自治区", "喀什地区", "喀什市", "ug"),
]
ZHOU_ABBR = {
    "凉山彝族自治州": "凉山州",
    "甘孜藏族自治州": "甘孜州",
    "阿坝藏族羌族自治州": "阿坝州",
    "新疆维吾尔自治区": "新疆",
}
TOWN_SYL = (
    "马鞍 立山 新政 永乐 双胜 观紫 金城 日兴 复兴 土门 柳垭 大寅 度门 铜鼓 炳灵 三河 "
    "赛金 板桥 石佛 双河 龙岗 白庙 黄桷 金鸡 青龙 白鹤 回龙 兴隆 三星 高坪 新店 碧山 "
    "檬子 石梯 河西 竹核 四开 比尔 地莫 瓦洛 拖都 乐约 呷拉 色须 章谷 甲洼"
).split()
VIL_SYL = (
    "光明 胜利 团结 红星 新民 和睦 跃进 五一 金星 石桥 大湾 沙坝 梨园 桂园 柏林 花果 "
    "黄泥 杉树 白果 玉龙 向阳 建设 群力 同心 新华 龙井 天池 凤凰 长岭 水井 茶园 "
    "核桃 松林 碾盘 双桥 油坊 堰塘 庙坝 瓦房 田坝"
).split()

# --------------------------------------------------------------------------- orgs
TRADES = (
    "蜀汉 锦程 天府 蓉城 川信 锦官 芙蓉 青城 峨眉 熊猫 浣花 宽窄 太古 锦里 岷江 巴蜀 "
    "西岭 龙泉 金沙 望丛 蜀道 蓉华 川味 蜀韵 锦绣 嘉木 银河 星河 云帆 启明 恒信 鼎盛 "
    "汇通 博雅 鑫源 华川 蜀风 盛世 九州 瑞和 同创 新锐 一诺 合力 诚泰 安信 众诚 "
    "明德 智汇"
).split()
INDUSTRIES = [
    "科技",
    "网络科技",
    "信息技术",
    "餐饮管理",
    "建筑工程",
    "房地产开发",
    "物业管理",
    "商贸",
    "文化传播",
    "医药",
    "教育咨询",
    "广告",
    "劳务派遣",
    "汽车服务",
    "装饰工程",
    "物流",
    "电子",
    "火锅",
    "茶业",
    "健康管理",
]
INDIV_BIZ = [
    "冒菜馆",
    "火锅店",
    "茶馆",
    "理发店",
    "五金店",
    "便利店",
    "面馆",
    "串串香店",
    "烧烤店",
    "干洗店",
    "钟水饺店",
    "兔头店",
    "小吃店",
    "副食店",
]
INDIV_TRADE = (
    "老码头 张记 李记 王婆 玉林 陈麻婆 老妈 好再来 幺妹 胖哥 钟记 老成都 蜀香 "
    "巷子 小龙坎 谭记 刘一手 双流 川北 三哥 金牌 街坊 老灶 红油 蓉记"
).split()
OUTSIDE_ORGS = [  # name, variants (all unambiguous from the text itself)
    ("四川大学", ["四川大学"]),
    ("四川大学华西医院", ["四川大学华西医院", "华西医院"]),
    ("西南民族大学", ["西南民族大学", "西南民族大学（武侯校区）"]),
    ("成都地铁运营有限公司", ["成都地铁运营有限公司", "成都地铁运营公司", "地铁运营公司"]),
    (
        "成都市公共交通集团有限公司",
        ["成都市公共交通集团有限公司", "成都公交集团", "成都市公交集团"],
    ),
    (
        "中国电信股份有限公司成都分公司",
        ["中国电信股份有限公司成都分公司", "中国电信成都分公司", "电信成都分公司"],
    ),
    (
        "中国电信股份有限公司四川分公司",
        ["中国电信股份有限公司四川分公司", "中国电信四川分公司", "电信四川分公司"],
    ),
    (
        "国网四川省电力公司成都供电公司",
        ["国网四川省电力公司成都供电公司", "国网成都供电公司", "成都供电公司"],
    ),
    ("成都市第三人民医院", ["成都市第三人民医院", "成都第三人民医院", "市第三人民医院"]),
    (
        "成都市公安局武侯区分局",
        ["成都市公安局武侯区分局", "武侯区公安分局", "成都市公安局武侯分局"],
    ),
    ("中铁二局集团有限公司", ["中铁二局集团有限公司", "中铁二局"]),
    ("四川航空股份有限公司", ["四川航空股份有限公司", "四川航空"]),
    ("成都市第七中学", ["成都市第七中学", "成都七中", "成都市七中"]),
]
STATUS_WORDS = ["无", "无业", "待业", "退休", "务农", "个体", "自由职业", "灵活就业", "家务"]

# --------------------------------------------------------------------------- helpers
CN_DIG = "零一二三四五六七八九"
FW = str.maketrans("0123456789-()", "０１２３４５６７８９－（）")
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
OC_W = [3, 7, 9, 10, 5, 8, 4, 2]


def cn(n: int) -> str:
    if n < 10:
        return CN_DIG[n]
    if n < 20:
        return "十" + (CN_DIG[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIG[n // 10] + "十" + (CN_DIG[n % 10] if n % 10 else "")
    return str(n)


def norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split()).lower()


def id_check(b17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(b17, ID_W, strict=False)) % 11]


def cc_check(b17: str) -> str:
    s = sum(CC_CH.index(c) * w for c, w in zip(b17, CC_W, strict=False))
    return CC_CH[(31 - s % 31) % 31]


def oc_check(b8: str) -> str:
    v = lambda c: int(c) if c.isdigit() else ord(c) - 55  # noqa: E731
    c = 11 - sum(v(ch) * w for ch, w in zip(b8, OC_W, strict=False)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def wpick(R, pairs):
    items, ws = zip(*pairs, strict=False)
    return R.choices(items, ws)[0]


def age_of(b: date) -> int:
    return REF.year - b.year - ((REF.month, REF.day) < (b.month, b.day))


def rand_birth(R, lo_age, hi_age) -> date:
    start = date(REF.year - hi_age - 1, REF.month, 1) + timedelta(days=40)
    end = date(REF.year - lo_age, REF.month, 1) - timedelta(days=1)
    return start + timedelta(days=R.randint(0, max(0, (end - start).days)))


# --------------------------------------------------------------------------- model
class Person:
    __slots__ = (
        "pid",
        "sur",
        "given",
        "fixed",
        "former",
        "gender",
        "birth",
        "eth",
        "region",
        "id18",
        "phone",
        "phone2",
        "hh",
        "rel",
        "kind",
        "cur",
        "prev",
        "hukou",
        "emp",
        "spouse",
        "marital",
        "origin_dw",
        "dotted",
    )

    def __init__(self, pid):
        self.pid = pid
        self.sur = self.given = self.fixed = self.former = None
        self.phone = self.phone2 = self.hh = self.rel = self.cur = self.prev = None
        self.hukou = self.emp = self.spouse = self.origin_dw = None
        self.id18 = self.kind = self.region = self.birth = self.gender = None
        self.marital = "未婚"
        self.dotted = False
        self.eth = "汉族"

    @property
    def name(self):
        return self.fixed if self.fixed else self.sur + self.given

    @property
    def age(self):
        return age_of(self.birth)


class HH:
    __slots__ = (
        "no",
        "members",
        "kind",
        "cur",
        "hukou",
        "huhao",
        "tenure",
        "county",
        "landline",
        "prev",
    )

    def __init__(self, no, kind):
        self.no, self.kind, self.members = no, kind, []
        self.cur = self.hukou = self.huhao = self.tenure = self.county = None
        self.landline = self.prev = None


class Org:
    __slots__ = (
        "oid",
        "kind",
        "name",
        "variants",
        "reg",
        "cc",
        "typ",
        "rep",
        "addr",
        "founded",
        "size",
        "old_name",
        "street",
        "base",
    )

    def __init__(self, oid, kind, name):
        self.oid, self.kind, self.name = oid, kind, name
        self.variants = [name]
        self.reg, self.cc, self.typ, self.rep, self.addr = True, None, "", None, ""
        self.founded, self.size, self.old_name, self.street = None, 1, None, None


# --------------------------------------------------------------------------- world
class World:
    def __init__(self, n, seed, difficulty):
        self.R = random.Random(seed)
        self.N, self.hard, self.diff = n, difficulty == "hard", difficulty
        self.cfg = RATES[difficulty]
        self.persons, self.households, self.dws, self.orgs = [], [], [], []
        self.ids, self.phones, self.canon = set(), set(), {}
        self.addr_seen, self.org_seen = {}, {}
        self.truth = []
        self.stats = Counter()
        self._village_homes = []
        self.pid_seq = 0
        self.build_geo()

    # ---------------------------------------------------------------- ids & phones
    def new_person(self):
        self.pid_seq += 1
        p = Person(f"P{self.pid_seq}")
        self.persons.append(p)
        return p

    def make_id(self, p, near=None):
        R = self.R
        for _ in range(1000):
            if near is not None:
                seq = max(1, min(999, near + R.choice([1, 2, 3, -1, -2])))
            else:
                seq = R.randint(1, 999)
            if (seq % 2 == 1) != (p.gender == "男"):
                seq = seq + 1 if seq < 999 else seq - 1
            body = p.region + p.birth.strftime("%Y%m%d") + f"{seq:03d}"
            i = body + id_check(body)
            if i not in self.ids:
                self.ids.add(i)
                p.id18 = i
                return seq
            near = None
        raise RuntimeError("id space")

    def mobile(self):
        R = self.R
        while True:
            pre = R.choice(
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
                    "180",
                    "181",
                    "182",
                    "187",
                    "188",
                    "189",
                    "133",
                    "153",
                    "177",
                    "173",
                    "199",
                    "191",
                    "130",
                    "131",
                    "132",
                    "155",
                    "156",
                    "186",
                    "176",
                ]
            )
            m = pre + f"{R.randint(0, 99999999):08d}"
            if m not in self.phones:
                self.phones.add(m)
                return m

    def landline(self):
        while True:
            m = (
                self.R.choice(["85", "86", "87", "66", "61", "84"])
                + f"{self.R.randint(0, 999999):06d}"
            )
            if m not in self.phones:
                self.phones.add(m)
                return "028" + m

    # ---------------------------------------------------------------- geography
    def build_geo(self):
        R, N = self.R, self.N
        self.road_nos = {r: set() for rs in ROADS.values() for r in rs}
        self.road_street = {r: s for s, rs in ROADS.items() for r in rs}
        self.street_comm = {s: cs for s, cs, _ in STREETS}
        urban = [s for s, _, rural in STREETS if not rural]
        self.estates = []
        names = set()
        n_est = max(8, round(N / 300))
        pres = EST_PRE[:]
        R.shuffle(pres)
        i = 0
        while len(self.estates) < n_est:
            pre = pres[i % len(pres)] + (
                "" if i < len(pres) else R.choice(["新", "上", "东", "西"])
            )
            i += 1
            old = R.random() < 0.45
            name = pre + R.choice(EST_OLD_SUF if old else EST_NEW_SUF)
            if name in names:
                continue
            names.add(name)
            street = R.choice(urban) if R.random() < 0.8 else R.choice(list(ROADS))
            phases = 2 if (not old and R.random() < 0.15) else 1
            for ph in range(phases):
                e = dict(
                    name=name,
                    phase=(ph + 1) if phases > 1 else 0,
                    street=street,
                    comm=R.choice(self.street_comm[street]),
                    road=R.choice(ROADS[street]),
                    nb=R.randint(4, 16) if old else R.randint(3, 12),
                    units=R.choice([2, 2, 3, 4]) if old else R.choice([1, 1, 2, 2, 3]),
                    floors=R.choice([6, 7, 7]) if old else R.randint(11, 33),
                    doors=2 if old else R.randint(2, 6),
                    used=set(),
                )
                e["no"] = self.alloc_no(e["road"])
                self.estates.append(e)
        self.compounds = []
        for full, short in COMPOUNDS[: max(3, min(len(COMPOUNDS), N // 1200))]:
            street = R.choice(OLD_TOWN)
            road = R.choice(ROADS[street])
            self.compounds.append(
                dict(
                    full=full,
                    short=short,
                    street=street,
                    comm=R.choice(self.street_comm[street]),
                    road=road,
                    no=self.alloc_no(road),
                    nb=R.randint(3, 10),
                    units=R.choice([1, 2, 3]),
                    floors=R.choice([5, 6, 7]),
                    doors=R.choice([2, 3]),
                    used=set(),
                )
            )
        self.yards = []  # dict(road, no, street, maxfu, used)
        self.villages = []
        for st, vs in VILLAGES.items():
            for v in vs[: max(1, min(3, N // 3000 + 1))]:
                self.villages.append(
                    dict(
                        name=v + "村",
                        comm=v if v in self.street_comm[st] else None,
                        street=st,
                        used=set(),
                    )
                )
        self.county_places = {}

    def alloc_no(self, road):
        R = self.R
        while True:
            n = R.randint(1, 260)
            if n not in self.road_nos[road]:
                self.road_nos[road].add(n)
                return n

    def new_dw(self, kind, **kw):
        d = dict(hid=f"H{len(self.dws) + 1}", k=kind, **kw)
        c = self.render_canon(d)
        if norm(c) in self.canon:
            return None
        self.canon[norm(c)] = d["hid"]
        d["canon"] = c
        self.dws.append(d)
        return d

    def dw_estate(self):
        R = self.R
        while True:
            e = R.choice(self.estates)
            slot = (
                R.randint(1, e["nb"]),
                R.randint(1, e["units"]),
                R.randint(1, e["floors"]),
                R.randint(1, e["doors"]),
            )
            if slot not in e["used"]:
                e["used"].add(slot)
                b, u, f, dd = slot
                return self.new_dw("estate", e=e, b=b, u=u, f=f, d=dd)

    def dw_compound(self):
        R = self.R
        while True:
            c = R.choice(self.compounds)
            slot = (
                R.randint(1, c["nb"]),
                R.randint(1, c["units"]),
                R.randint(1, c["floors"]),
                R.randint(1, c["doors"]),
            )
            if slot not in c["used"]:
                c["used"].add(slot)
                b, u, f, dd = slot
                return self.new_dw("compound", c=c, b=b, u=u, f=f, d=dd)

    def dw_yard(self):
        R = self.R
        free = [y for y in self.yards if len(y["used"]) <= y["maxfu"]]
        if free and R.random() < 0.7:
            y = R.choice(free)
        else:
            street = R.choice(OLD_TOWN)
            road = R.choice(ROADS[street])
            y = dict(
                road=road,
                no=self.alloc_no(road),
                street=street,
                comm=R.choice(self.street_comm[street]),
                maxfu=R.randint(1, 6),
                used=set(),
            )
            self.yards.append(y)
        opts = [k for k in range(0, y["maxfu"] + 1) if k not in y["used"]]
        fu = 0 if (0 in opts and R.random() < 0.4) else R.choice([k for k in opts if k] or opts)
        y["used"].add(fu)
        return self.new_dw("yard", y=y, fu=fu)

    def dw_village(self):
        R = self.R
        while True:
            v = R.choice(self.villages)
            slot = (R.randint(1, 12), R.randint(1, 60))
            if slot not in v["used"]:
                v["used"].add(slot)
                return self.new_dw("village", v=v, g=slot[0], no=slot[1])

    def dw_district(self, weights=(0.65, 0.13, 0.10, 0.12)):
        kind = self.R.choices(["estate", "compound", "yard", "village"], weights)[0]
        return getattr(self, "dw_" + kind)()

    def dw_rural(self, county):
        R = self.R
        code, prov, pref, cty, grp = county
        places = self.county_places.setdefault(code, [])
        if len(places) < 4:
            town = R.choice(TOWN_SYL) + R.choice(["镇", "镇", "乡"])
            vil = R.choice(VIL_SYL) + "村"
            places.append((town, vil))
        town, vil = R.choice(places)
        for _ in range(100):
            d = self.new_dw(
                "rural", cty=county, town=town, vil=vil, g=R.randint(1, 12), no=R.randint(1, 99)
            )
            if d:
                return d
        raise RuntimeError("rural")

    def dw_city(self):
        R = self.R
        dist = R.choice(list(OTHER_DIST))
        for _ in range(100):
            d = self.new_dw(
                "city",
                dist=dist,
                road=R.choice(OTHER_DIST[dist]),
                no=R.randint(1, 300),
                b=R.randint(1, 20),
                u=R.randint(1, 3),
                f=R.randint(1, 30),
                d=R.randint(1, 4),
            )
            if d:
                return d
        raise RuntimeError("city")

    # ---------------------------------------------------------------- address rendering
    def render_canon(self, d):
        k = d["k"]
        if k == "estate":
            e = d["e"]
            ph = f"{cn(e['phase'])}期" if e["phase"] else ""
            return (
                f"四川省成都市武侯区{e['street']}街道{e['road']}{e['no']}号{e['name']}{ph}"
                f"{d['b']}栋{d['u']}单元{d['f']}楼{d['d']}号"
            )
        if k == "compound":
            c = d["c"]
            return (
                f"四川省成都市武侯区{c['street']}街道{c['road']}{c['no']}号{c['full']}宿舍"
                f"{d['b']}栋{d['u']}单元{d['f']}楼{d['d']}号"
            )
        if k == "yard":
            y = d["y"]
            fu = f"附{d['fu']}号" if d["fu"] else ""
            return f"四川省成都市武侯区{y['street']}街道{y['road']}{y['no']}号{fu}"
        if k == "village":
            v = d["v"]
            return f"四川省成都市武侯区{v['street']}街道{v['name']}{d['g']}组{d['no']}号"
        if k == "rural":
            code, prov, pref, cty, grp = d["cty"]
            return f"{prov}{pref}{cty}{d['town']}{d['vil']}{d['g']}组{d['no']}号"
        if k == "city":
            return (
                f"四川省成都市{d['dist']}{d['road']}{d['no']}号{d['b']}栋{d['u']}单元"
                f"{d['f']}楼{d['d']}号"
            )
        raise ValueError(k)

    PREFIX = {
        "police": [
            ("四川省成都市武侯区", 40),
            ("成都市武侯区", 30),
            ("武侯区", 12),
            ("", 12),
            ("四川成都武侯区", 3),
            ("成都武侯区", 3),
        ],
        "civil": [("四川省成都市武侯区", 10), ("成都市武侯区", 25), ("武侯区", 25), ("", 40)],
        "fp": [
            ("四川省成都市武侯区", 20),
            ("成都市武侯区", 30),
            ("武侯区", 20),
            ("", 25),
            ("成都武侯区", 5),
        ],
        "housing": [("四川省成都市武侯区", 15), ("成都市武侯区", 35), ("武侯区", 40), ("", 10)],
    }
    INNER = {
        "police": [
            ("cd", 50),
            ("room", 15),
            ("shi", 10),
            ("dash3", 8),
            ("dash4", 4),
            ("cd2", 5),
            ("haolou", 3),
            ("zhuang", 3),
            ("cn", 2),
        ],
        "civil": [
            ("cd", 35),
            ("dash3", 20),
            ("dash4", 15),
            ("room", 10),
            ("shi", 5),
            ("cn", 8),
            ("cd2", 4),
            ("zuo", 3),
        ],
        "fp": [
            ("cd", 40),
            ("room", 15),
            ("shi", 10),
            ("dash3", 12),
            ("dash4", 8),
            ("cn", 5),
            ("zhuang", 4),
            ("haolou", 3),
            ("zuo", 3),
        ],
        "housing": [("shi", 35), ("cd", 30), ("zhuang", 15), ("room", 15), ("haolou", 5)],
    }

    def road_txt(self, road):
        R, cfg = self.R, self.cfg
        r = road
        if R.random() < 0.3:
            for i, ch in enumerate(CN_DIG[1:], 1):
                if ch + "段" in r or ("西" + ch + "街") in r or ("中" + ch + "路") in r:
                    r = r.replace(ch + "段", f"{i}段").replace("西" + ch + "街", f"西{i}街")
                    r = r.replace("中" + ch + "路", f"中{i}路")
                    break
        if R.random() < cfg["addr_road_swap"] and not r.endswith("大街"):
            swapped = r[:-1] + ("街" if r.endswith("路") else "路") if r[-1] in "路街" else r
            if swapped not in self.road_street and "段" not in r and "横街" not in r:
                r = swapped
        return r

    def inner_txt(self, d, src, units):
        R, cfg = self.R, self.cfg
        b, u, f, dd = d["b"], d["u"], d["f"], d["d"]
        st = wpick(R, self.INNER[src])
        if R.random() < cfg["addr_cn"]:
            st = R.choice(["cn", "cnroom"])
        if self.hard and R.random() < 0.05:
            st = "zero"
        if units == 1 and R.random() < 0.15:
            return R.choice([f"{b}栋{f}{dd:02d}室", f"{b}栋{f}楼{dd}号", f"{b}-{f}{dd:02d}"])
        return {
            "cd": f"{b}栋{u}单元{f}楼{dd}号",
            "cd2": f"{b}栋{u}单元{f}层{dd}号",
            "room": f"{b}栋{u}单元{f}{dd:02d}号",
            "shi": f"{b}栋{u}单元{f}{dd:02d}室",
            "zhuang": f"{b}幢{u}单元{f}{dd:02d}室",
            "haolou": f"{b}号楼{u}单元{f}{dd:02d}室",
            "zuo": f"{b}座{u}单元{f}楼{dd}号",
            "dash3": f"{b}-{u}-{f}{dd:02d}" + R.choice(["", "", "号", "室"]),
            "dash4": f"{b}-{u}-{f}-{dd}" + R.choice(["", "号"]),
            "cn": f"{cn(b)}栋{cn(u)}单元{cn(f)}楼{cn(dd)}号",
            "cnroom": f"{cn(b)}栋{cn(u)}单元{f}{dd:02d}室",
            "zero": f"{b}栋{u}单元{f:02d}{dd:02d}",
        }[st]

    def render(self, d, src):
        """One department's way of writing dwelling d (never equal to another dwelling's text)."""
        R, cfg = self.R, self.cfg
        k = d["k"]
        if k in ("rural", "city"):
            t = self.render_outside(d, src)
        else:
            pre = wpick(R, self.PREFIX[src])
            t = getattr(self, "r_" + k)(d, src, pre)
        if R.random() < cfg["addr_fw"]:
            t = t.translate(FW)
        if R.random() < cfg["addr_space"]:
            i = R.randint(1, max(1, len(t) - 1))
            t = t[:i] + R.choice([" ", "  ", "　"]) + t[i:]
        n = norm(t)
        owner = self.addr_seen.get(n) or self.canon.get(n)
        if owner and owner != d["hid"]:
            self.stats["addr_render_collision_fallback"] += 1
            t = d["canon"]
        self.addr_seen[norm(t)] = d["hid"]
        return t

    def street_part(self, street, comm, p=0.25):
        R = self.R
        if R.random() >= p:
            return ""
        x = R.random()
        if x < 0.5:
            return street + "街道"
        if x < 0.8 or not comm:
            return street + "街道" + (comm + "社区" if comm else "")
        return comm + "社区"

    def r_estate(self, d, src, pre):
        R = self.R
        e = d["e"]
        name = e["name"]
        if e["phase"]:
            name += R.choice([f"{cn(e['phase'])}期", f"{e['phase']}期", f"{cn(e['phase'])}期"])
        elif R.random() < 0.05 and not name.endswith("小区"):
            name += "小区"
        road = f"{self.road_txt(e['road'])}{e['no']}号"
        mode = wpick(
            R,
            [("both", 35), ("estate", 35), ("road", 15 if src != "housing" else 40), ("comm", 10)],
        )
        if mode == "both":
            site = self.street_part(e["street"], e["comm"]) + road + name
        elif mode == "estate":
            site = self.street_part(e["street"], e["comm"]) + name
        elif mode == "road":
            site = self.street_part(e["street"], e["comm"]) + road
        else:
            site = e["comm"] + "社区" + name
        if e["phase"] and mode in ("road",) and R.random() < 0.5:
            site = road + name  # keep phase or road number, never neither
        return pre + site + self.inner_txt(d, src, e["units"])

    def r_compound(self, d, src, pre):
        R = self.R
        c = d["c"]
        nm = wpick(
            R,
            [
                (c["full"] + "宿舍", 40),
                (c["short"] + "宿舍", 25),
                (c["full"] + "家属区", 15),
                (c["full"] + "家属院", 5),
            ],
        )
        road = f"{self.road_txt(c['road'])}{c['no']}号"
        mode = wpick(R, [("both", 30), ("name", 45), ("road", 25)])
        site = {"both": road + nm, "name": nm, "road": road}[mode]
        return (
            pre
            + self.street_part(c["street"], c["comm"], 0.15)
            + site
            + self.inner_txt(d, src, c["units"])
        )

    def r_yard(self, d, src, pre):
        R, cfg = self.R, self.cfg
        y = d["y"]
        no = y["no"]
        if R.random() < cfg["addr_cn"] / 2:
            no = cn(no)
        base = f"{self.road_txt(y['road'])}{no}"
        if d["fu"]:
            fu = "付" if R.random() < cfg["addr_fu_typo"] else "附"
            tail = wpick(
                R,
                [
                    (f"号{fu}{d['fu']}号", 60),
                    (f"{fu}{d['fu']}号", 20),
                    (f"号{fu}{d['fu']}", 15),
                    (f"-{fu}{d['fu']}号", 5),
                ],
            )
        else:
            tail = "号"
        return pre + self.street_part(y["street"], y["comm"], 0.2) + base + tail

    def r_village(self, d, src, pre):
        R, cfg = self.R, self.cfg
        v = d["v"]
        g = cn(d["g"]) if R.random() < 0.25 else str(d["g"])
        grp = "社" if R.random() < cfg["addr_she"] else "组"
        vil = v["name"]
        if v["comm"] and R.random() < cfg["addr_village_comm"]:
            vil = v["comm"] + "社区"
        st = wpick(R, [(v["street"] + "街道", 50), (v["street"], 10), ("", 40)])
        return pre + st + vil + g + grp + f"{d['no']}号"

    def render_outside(self, d, src):
        R, cfg = self.R, self.cfg
        if d["k"] == "city":
            pre = wpick(R, [("四川省成都市", 40), ("成都市", 50), ("成都", 10)])
            inner = self.inner_txt(d, src if src != "housing" else "police", 3)
            return f"{pre}{d['dist']}{self.road_txt(d['road'])}{d['no']}号{inner}"
        code, prov, pref, cty, grp = d["cty"]
        if pref in ZHOU_ABBR and R.random() < cfg["addr_zhou"]:
            pref = ZHOU_ABBR[pref]
        if prov in ZHOU_ABBR and R.random() < cfg["addr_zhou"]:
            prov = ZHOU_ABBR[prov]
        lvl = wpick(R, [("full", 55), ("nopro", 20), ("county", 15), ("short", 10)])
        if prov == "重庆市":
            head = {"full": "重庆市", "nopro": "重庆市", "county": "", "short": "重庆"}[lvl] + cty
        elif lvl == "full":
            head = prov + pref + cty
        elif lvl == "nopro":
            head = pref + cty
        elif lvl == "county":
            head = (prov if R.random() < 0.5 else "") + cty
        else:
            head = prov.replace("省", "") + pref.replace("市", "") + cty
        g = cn(d["g"]) if R.random() < 0.25 else str(d["g"])
        grp = "社" if (prov == "四川省" and R.random() < cfg["addr_she"]) else "组"
        return f"{head}{d['town']}{d['vil']}{g}{grp}{d['no']}号"

    # ---------------------------------------------------------------- people
    def cohort(self, b: date):
        return "old" if b.year < 1960 else ("mid" if b.year < 1992 else "young")

    def han_name(self, p, sur=None):
        R = self.R
        p.sur = sur or wpick(R, SURNAMES)
        p.given = R.choice(GIVEN[(self.cohort(p.birth), p.gender)])

    def person(self, gender, birth, region, grp="sc", sur=None):
        R = self.R
        p = self.new_person()
        p.gender, p.birth, p.region = gender, birth, region
        if grp == "yi" and R.random() < 0.8:
            p.fixed = R.choice(YI_CLAN) + R.choice(YI_GIVEN[gender])
            p.eth = "彝族"
        elif grp == "tib" and R.random() < 0.9:
            a = R.choice(TIB["男"] + TIB["女"])
            b = R.choice(TIB[gender])
            p.fixed = a + b if a != b else a + R.choice(TIB[gender])
            p.eth = "藏族"
        elif grp == "ug":
            p.fixed = R.choice(UYG[gender])
            p.eth = "维吾尔族"
            p.dotted = True
        else:
            self.han_name(p, sur)
            if grp == "yi":
                p.eth = "彝族"
            elif grp == "tib":
                p.eth = "藏族"
            elif R.random() < 0.01:
                p.eth = R.choice(["回族", "土家族", "羌族", "苗族"])
        if p.fixed is None and R.random() < 0.05 and p.age > 10:
            q = Person("x")
            q.birth, q.gender = p.birth, p.gender
            self.han_name(q, p.sur)
            if q.given != p.given:
                p.former = q.sur + q.given
        return p

    def region_for(self, kind, birth, county=None):
        R = self.R
        if kind == "mig":
            return county[0]
        if kind == "in":
            return wpick(R, CD_REGIONS)
        if birth.year < 1985 and R.random() < 0.25:
            return R.choice(COUNTIES[:18])[0]  # hukou moved to Chengdu as an adult
        if birth.year < 1990 and R.random() < 0.25:
            return wpick(R, OLD_CD_REGIONS)
        return DCODE if R.random() < 0.75 else wpick(R, CD_REGIONS)

    def build_population(self):
        R, cfg = self.R, self.cfg
        residents = 0
        while residents < self.N:
            kind = wpick(R, [("reg", 55), ("in", 5), ("out", 3), ("mig", 37)])
            hh = HH(len(self.households) + 1, kind)
            self.households.append(hh)
            self.make_household(hh)
            residents += len(hh.members) if kind != "out" else 0
        self.resident_count = residents
        # namesakes sharing a birth date (different people, different IDs)
        adults = [p for p in self.persons if p.fixed is None and p.age >= 20 and p.sur and p.hh]
        groups = {}
        for p in adults:
            groups.setdefault((p.sur, p.gender, p.birth.year // 4), []).append(p)
        for _ in range(int(len(self.persons) * cfg["namesakes"])):
            x = R.choice(adults)
            cands = [
                q
                for q in groups[(x.sur, x.gender, x.birth.year // 4)]
                if q.hh is not x.hh and q.name != x.name
            ]
            if not cands:
                continue
            y = R.choice(cands)
            if y.rel in ("户主", "配偶") and any(
                abs(m.birth.year - x.birth.year) < 18 for m in y.hh.members if m.rel in ("子", "女")
            ):
                continue
            y.sur, y.given, y.birth = x.sur, x.given, x.birth
            y.former = None
            self.ids.discard(y.id18)
            self.make_id(y)
            self.stats["namesake_pairs"] += 1

    def make_household(self, hh):
        R, cfg = self.R, self.cfg
        kind = hh.kind
        county = None
        if kind == "mig":
            grp = wpick(R, [("sc", 62), ("cq", 12), ("op", 14), ("yi", 7), ("tib", 4), ("ug", 1)])
            county = R.choice([c for c in COUNTIES if c[4] == grp])
            hh.county = county
            typ = wpick(
                R,
                [
                    ("single", 38),
                    ("couple", 15),
                    ("couple_kids", 37),
                    ("siblings", 6),
                    ("three_gen", 4),
                ],
            )
        else:
            grp = "sc"
            typ = wpick(
                R,
                [
                    ("couple_kids", 30),
                    ("couple_old", 18),
                    ("single_old", 8),
                    ("three_gen", 16),
                    ("single", 13),
                    ("couple", 10),
                    ("single_parent", 5),
                ],
            )
        mk = lambda g, b, sur=None: self.person(  # noqa: E731
            g, b, self.region_for(kind, b, county), grp if kind == "mig" else "sc", sur
        )
        members = []

        def add(p, rel):
            p.hh, p.rel, p.kind = hh, rel, kind
            members.append(p)
            return p

        def couple(lo, hi):
            h = add(mk("男", rand_birth(R, lo, hi)), "户主")
            w = add(mk("女", rand_birth(R, max(18, h.age - 6), h.age + 3)), "配偶")
            h.spouse, w.spouse = w, h
            h.marital = w.marital = "已婚"
            if R.random() < 0.12:  # wife is the 户主
                h.rel, w.rel = "配偶", "户主"
            return h, w

        def kids(father, mother, n, rel_son="子", rel_dau="女", maxage=25, minage=0):
            lo_b = max(mother.birth.year + 20, REF.year - maxage)
            hi_b = min(REF.year - minage, mother.birth.year + 40)
            out = []
            for _ in range(n):
                y = R.randint(lo_b, hi_b) if lo_b <= hi_b else max(min(hi_b, REF.year), lo_b)
                b = date(y, R.randint(1, 12), R.randint(1, 28))
                if b > REF:
                    b = REF - timedelta(days=R.randint(30, 300))
                sur = father.sur if (father.sur and R.random() < 0.93) else (mother.sur or None)
                if R.random() < cfg["twins"] and b.year >= 1990 and not father.fixed:
                    g = R.choice(["男", "女"])
                    pair = R.choice(TWIN_PAIRS[g])
                    t1 = self.person(g, b, father.region if kind == "mig" else DCODE, "sc", sur)
                    t2 = self.person(g, b, t1.region, "sc", sur)
                    t1.given, t2.given = pair
                    t1.former = t2.former = None
                    for t in (t1, t2):
                        add(t, rel_son if g == "男" else rel_dau)
                        out.append(t)
                    seq = self.make_id(t1)
                    self.make_id(t2, near=seq)
                    self.stats["twin_pairs"] += 1
                    continue
                g = R.choice(["男", "女"])
                k = self.person(
                    g,
                    b,
                    father.region
                    if kind == "mig" and R.random() < 0.6
                    else (
                        DCODE
                        if kind in ("reg", "out")
                        else (wpick(R, CD_REGIONS) if kind == "in" else father.region)
                    ),
                    grp if kind == "mig" else "sc",
                    sur,
                )
                add(k, rel_son if g == "男" else rel_dau)
                out.append(k)
            return out

        if typ == "single":
            lo, hi = (18, 45) if kind == "mig" else (20, 60)
            s1 = add(mk(R.choice(["男", "男", "女"]), rand_birth(R, lo, hi)), "户主")
            if kind == "mig" and s1.age >= 25 and R.random() < 0.4:  # spouse stayed at home
                sp = self.person(
                    "女" if s1.gender == "男" else "男",
                    rand_birth(R, max(18, s1.age - 5), s1.age + 5),
                    s1.region,
                    grp,
                )
                sp.kind = "nonres"
                self.make_id(sp)
                s1.spouse, sp.spouse = sp, s1
                s1.marital = sp.marital = "已婚"
        elif typ == "siblings":
            a = add(mk(R.choice(["男", "女"]), rand_birth(R, 18, 32)), "户主")
            s = add(
                self.person(R.choice(["男", "女"]), rand_birth(R, 18, 32), a.region, grp, a.sur),
                "兄弟姐妹",
            )
            if a.fixed:
                s.fixed = R.choice(YI_CLAN if grp == "yi" else TIB["男"]) + (
                    R.choice(YI_GIVEN[s.gender]) if grp == "yi" else R.choice(TIB[s.gender])
                )
        elif typ == "couple":
            couple(22, 45)
        elif typ == "couple_old":
            couple(58, 92)
        elif typ == "single_old":
            p = add(mk(R.choice(["女", "女", "男"]), rand_birth(R, 65, 98)), "户主")
            p.marital = R.choice(["丧偶", "丧偶", "离婚"])
        elif typ == "single_parent":
            m = add(mk("女", rand_birth(R, 28, 50)), "户主")
            m.marital = "离婚"
            f = Person("x")
            f.sur = wpick(R, SURNAMES)
            f.fixed = None
            kids(f, m, R.choice([1, 1, 2]), maxage=17)
        elif typ == "couple_kids":
            h, w = couple(26, 55)
            kids(h, w, wpick(R, [(1, 55), (2, 38), (3, 7)]), maxage=24)
        elif typ == "three_gen":
            if R.random() < 0.5:  # elder is 户主
                if R.random() < 0.3:  # widowed grandmother heads the household
                    w = add(mk("女", rand_birth(R, 62, 92)), "户主")
                    w.marital = "丧偶"
                    h = Person("x")
                    h.sur, h.region, h.birth = wpick(R, SURNAMES), w.region, w.birth
                else:
                    h, w = couple(62, 88)
                mid = kids(h, w, 1, maxage=58, minage=26)[0]
                spouse_g = "女" if mid.gender == "男" else "男"
                sp = add(mk(spouse_g, rand_birth(R, max(22, mid.age - 5), mid.age + 5)), "其他")
                mid.spouse, sp.spouse = sp, mid
                mid.marital = sp.marital = "已婚"
                fa, mo = (mid, sp) if mid.gender == "男" else (sp, mid)
                kids(fa, mo, R.choice([1, 1, 2]), rel_son="孙子", rel_dau="孙女", maxage=18)
            else:
                h, w = couple(32, 55)
                gp = add(mk(R.choice(["女", "男"]), rand_birth(R, max(h.age + 20, 60), 96)), "母亲")
                gp.rel = "母亲" if gp.gender == "女" else "父亲"
                gp.sur = h.sur if (gp.gender == "男" and h.sur) else gp.sur
                gp.marital = "丧偶"
                kids(h, w, R.choice([1, 1, 2]), maxage=20)
        hh.members = members
        # renumber ids after removals (pid stays unique because persons list only grows)
        for p in members:
            if p.id18 is None:
                self.make_id(p)
        # dwellings
        if kind == "mig":
            hh.hukou = self.dw_rural(county)
            if R.random() < 0.2 and any(v for v in self.village_homes()):
                hh.cur = R.choice(self.village_homes())  # rents rooms in a villager's house
            else:
                hh.cur = self.dw_district((0.62, 0.10, 0.14, 0.14))
            hh.tenure = "own" if R.random() < 0.1 else "rent"
        elif kind == "in":
            hh.hukou = self.dw_city()
            hh.cur = self.dw_district()
            hh.tenure = "own" if R.random() < 0.6 else "rent"
        elif kind == "out":
            hh.hukou = self.dw_district((0.6, 0.2, 0.15, 0.05))
            hh.cur = self.dw_city()
            hh.tenure = "own"
        else:
            old = any(p.age >= 60 for p in members)
            hh.cur = self.dw_district((0.55, 0.22 if old else 0.08, 0.11, 0.12))
            hh.hukou = hh.cur
            hh.tenure = "own" if (R.random() < 0.82 or hh.cur["k"] == "village") else "rent"
            if R.random() < 0.06:  # 人户分离 inside the district: registered at a relative's
                hh.hukou = self.dw_district()
            hh.huhao = f"{R.randint(1, 999999999):09d}"
        if kind != "out" and R.random() < cfg["movers"]:
            hh.prev = self.dw_district()
            if kind == "reg" and hh.hukou is hh.cur and R.random() < 0.6:
                hh.hukou = hh.prev  # hukou never moved with them
        if hh.cur["k"] == "village" and kind == "reg":
            self._village_homes.append(hh.cur)
        for p in members:
            p.cur, p.hukou, p.prev = hh.cur, hh.hukou, hh.prev
        # phones
        if R.random() < 0.25 or any(p.age >= 70 for p in members):
            hh.landline = self.landline()
        adults = [p for p in members if p.age >= 16]
        for p in members:
            if p.age >= 16 and not (p.age >= 80 and R.random() < 0.5):
                p.phone = self.mobile()
                if R.random() < 0.12:
                    p.phone2 = self.mobile()
        for p in members:
            if p.phone is None:  # children and some very old people use a relative's phone
                others = [a for a in adults if a.phone and a is not p]
                p.phone = R.choice(others).phone if others and R.random() < 0.8 else hh.landline

    def village_homes(self):
        return self._village_homes

    # ---------------------------------------------------------------- organisations
    def cc_make(self, auth, cat, oc=None):
        R = self.R
        if oc is None:
            if auth == "9" and R.random() < 0.7:
                b8 = "MA6" + "".join(R.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(4))
                b8 = b8[:8] if len(b8) == 8 else b8 + R.choice("0123456789")
            else:
                b8 = f"{R.randint(0, 99999999):08d}"
            oc = b8 + oc_check(b8)
        b17 = auth + cat + DCODE + oc
        return b17 + cc_check(b17)

    def build_orgs(self):
        R, N = self.R, self.N
        oid = lambda: f"O{len(self.orgs) + 1}"  # noqa: E731
        used_names = set()

        def add(o):
            self.orgs.append(o)
            used_names.add(o.name)
            return o

        n_co = max(25, N // 60)
        trades = TRADES[:]
        R.shuffle(trades)
        cos = []
        used_keys = set()
        ti = 0
        while len(cos) < n_co:
            trade = trades[ti % len(trades)]
            ti += 1
            inds = R.sample(INDUSTRIES, R.choice([1, 1, 1, 2]))  # look-alikes share a trade name
            for ind in inds:
                city = wpick(R, [("成都", 60), ("四川", 25), ("bracket", 15)])
                form = "股份有限公司" if R.random() < 0.08 else "有限公司"
                if city == "bracket":
                    name = f"{trade}{ind}（成都）{form}"
                else:
                    name = f"{city}{trade}{ind}{form}"
                # 成都X有限公司 and X（成都）有限公司 are one name by the contract; 四川X is another
                key = (trade, ind, "四川" if city == "四川" else "成都")
                if name in used_names or key in used_keys:
                    continue
                used_keys.add(key)
                o = add(Org(oid(), "co", name))
                o.typ = (
                    "股份有限公司"
                    if "股份" in form
                    else R.choice(
                        [
                            "有限责任公司（自然人投资或控股）",
                            "有限责任公司（自然人独资）",
                            "其他有限责任公司",
                        ]
                    )
                )
                o.cc = self.cc_make("9", "1")
                o.size = max(1, int(R.paretovariate(1.3) * 3))
                o.street = R.choice([s for s, _, _ in STREETS])
                base = f"{trade}{ind}"
                o.base = base
                vs = [name, f"{base}{'有限责任公司' if form == '有限公司' else '股份公司'}"]
                llc = (
                    "有限责任公司" if form == "有限公司" else form
                )  # never turn a 股份 company into an LLC
                if city == "bracket":
                    vs += [f"成都{base}{form}", f"{trade}{ind}(成都){form}", f"成都市{base}{form}"]
                elif city == "成都":
                    vs += [
                        f"{base}（成都）{form}",
                        f"成都市{base}{form}",
                        f"{base}(成都){form}",
                        f"成都{base}{llc}",
                    ]
                else:
                    vs += [f"四川省{base}{form}", f"四川{base}{llc}"]
                o.variants = vs
                o.old_name = [base, f"{base}公司", (city if city != "bracket" else "成都") + base]
                cos.append(o)
        # same trade name in another city: a branch of that company registered here
        for o in R.sample(cos, max(2, len(cos) // 12)):
            trade_ind = o.base
            other = R.choice(["重庆", "绵阳", "西安", "贵阳"])
            name = f"{other}{trade_ind}有限公司成都分公司"
            if name in used_names:
                continue
            b = add(Org(oid(), "ocb", name))
            b.typ = "有限责任公司分公司"
            b.cc = self.cc_make("9", "1")
            b.size = max(1, int(R.paretovariate(1.5) * 3))
            b.variants = [
                name,
                f"{other}{trade_ind}成都分公司",
                f"{other}{trade_ind}有限责任公司成都分公司",
            ]
            b.old_name = [f"{other}{trade_ind}公司成都分公司"]
        # branches of local companies (distinct organisations)
        for o in R.sample(cos, max(3, len(cos) // 8)):
            place = R.choice(["武侯", "玉林", "桐梓林", "红牌楼", "高升桥", "簇桥", "双楠"])
            name = f"{o.name}{place}分公司"
            trade_ind = o.base
            if name in used_names:
                continue
            b = add(Org(oid(), "branch", name))
            b.typ = "有限责任公司分公司"
            b.cc = self.cc_make("9", "1")
            b.size = max(1, int(R.paretovariate(1.4) * 3))
            b.variants = [
                name,
                f"{trade_ind}{place}分公司",
                f"{o.name.replace('（成都）', '')}{place}分公司",
            ]
            b.old_name = [f"{trade_ind}{place}分公司"]
        # individual businesses (个体工商户)
        for _ in range(max(12, N // 100)):
            nm = R.choice(INDIV_TRADE) + R.choice(INDIV_BIZ)
            name = f"成都市武侯区{nm}"
            if name in used_names:
                continue
            o = add(Org(oid(), "indiv", name))
            o.typ = "个体工商户"
            o.cc = self.cc_make("9", "2")
            o.size = R.choice([1, 1, 2, 3])
            o.variants = [name, f"武侯区{nm}", nm]
            o.old_name = [nm]
        # public bodies
        for st, comms, _ in STREETS:
            o = add(Org(oid(), "gov", f"成都市武侯区人民政府{st}街道办事处"))
            o.typ, o.cc, o.size = "机关", self.cc_make("1", "1"), max(3, N // 700)
            o.variants = [o.name, f"武侯区{st}街道办事处", f"{st}街道办事处", f"{st}街道办"]
            o.old_name = [f"{st}街道办"]
            for c in comms:
                o = add(Org(oid(), "rc", f"成都市武侯区{st}街道{c}社区居民委员会"))
                o.typ, o.cc, o.size = "基层群众自治组织", self.cc_make("5", "5"), 2
                o.variants = [
                    o.name,
                    f"{c}社区居民委员会",
                    f"{c}社区居委会",
                    f"{st}街道{c}社区居委会",
                ]
                o.old_name = [f"{c}社区居委会"]
        sch = ["玉林", "棕北", "龙江路", "磨子桥", "西蜀", "簇锦", "晋阳", "金花", "高碑", "红牌楼"]
        n_sch = max(4, min(len(sch), N // 1200))
        self.schools = {"kg": [], "pri": [], "mid": []}
        for s in sch[:n_sch]:
            o = add(Org(oid(), "school", f"成都市武侯区{s}小学校"))
            o.typ, o.cc, o.size = "事业单位", self.cc_make("1", "2"), max(3, N // 500)
            o.variants = [o.name, f"成都市武侯区{s}小学", f"武侯区{s}小学", f"{s}小学"]
            o.old_name = [f"{s}小学"]
            self.schools["pri"].append(o)
        for s in sch[: max(2, n_sch // 2)]:
            o = add(Org(oid(), "school", f"成都市武侯区{s}幼儿园"))
            o.typ, o.cc, o.size = "事业单位", self.cc_make("1", "2"), max(2, N // 1500)
            o.variants = [o.name, f"武侯区{s}幼儿园", f"{s}幼儿园"]
            o.old_name = [f"{s}幼儿园"]
            self.schools["kg"].append(o)
        for num in ["四十三", "十二", "四十", "二十六"][: max(2, N // 3000)]:
            o = add(Org(oid(), "school", f"成都市第{num}中学"))
            o.typ, o.cc, o.size = "事业单位", self.cc_make("1", "2"), max(3, N // 600)
            o.variants = [o.name, f"成都{num}中", f"成都市{num}中"]
            o.old_name = [f"成都{num}中"]
            self.schools["mid"].append(o)
        for nm, vs in [
            ("成都市武侯区人民医院", ["武侯区人民医院", "成都市武侯区人民医院"]),
            ("成都市武侯区妇幼保健院", ["武侯区妇幼保健院", "成都市武侯区妇幼保健院"]),
            (
                "成都市武侯区玉林社区卫生服务中心",
                ["玉林社区卫生服务中心", "武侯区玉林社区卫生服务中心"],
            ),
            ("成都市武侯区簇桥社区卫生服务中心", ["簇桥社区卫生服务中心", "簇桥卫生服务中心"]),
        ]:
            o = add(Org(oid(), "hosp", nm))
            o.typ, o.cc, o.size = "事业单位", self.cc_make("1", "2"), max(3, N // 400)
            o.variants = [nm] + vs
            o.old_name = [vs[0]]
        for nm, vs in OUTSIDE_ORGS:
            o = add(Org(oid(), "outside", nm))
            o.reg = False
            o.size = max(4, N // 250)
            o.variants = vs
            o.old_name = [vs[-1]]
        # renamed companies: old registration row still in the file, same credit code
        self.renamed = {}
        for o in R.sample(cos, max(1, int(len(cos) * self.cfg["rename"]))):
            old = o.name.replace(o.base, o.base[:2] + "实业", 1)
            if old != o.name and old not in used_names:
                self.renamed[o.oid] = old
                used_names.add(old)
        # make every variant text unambiguous across organisations
        owner = {}
        for o in self.orgs:
            for v in set(
                o.variants + o.old_name + ([self.renamed[o.oid]] if o.oid in self.renamed else [])
            ):
                owner.setdefault(norm(v), set()).add(o.oid)
        for o in self.orgs:
            o.variants = [
                v for v in dict.fromkeys(o.variants) if len(owner[norm(v)]) == 1 or v == o.name
            ]
            o.old_name = [v for v in dict.fromkeys(o.old_name) if len(owner[norm(v)]) == 1]
        for o in self.orgs:
            for v in o.variants + o.old_name:
                self.org_seen[norm(v)] = o.oid
            if o.oid in self.renamed:
                self.org_seen[norm(self.renamed[o.oid])] = o.oid
        self.employers = [o for o in self.orgs if o.kind not in ("school",)]

    def assign_work(self):
        R = self.R
        pool = [o for o in self.employers]
        weights = [o.size for o in pool]
        for p in self.persons:
            if p.kind is None or p.cur is None and p.kind != "out":
                continue
            a = p.age
            if a < 3:
                p.emp = None
            elif a < 6:
                p.emp = R.choice(self.schools["kg"]) if R.random() < 0.7 else "学龄前"
            elif a < 12:
                p.emp = R.choice(self.schools["pri"])
            elif a < 18:
                p.emp = R.choice(self.schools["mid"]) if R.random() < 0.85 else "学生"
            elif a < 23 and R.random() < 0.5:
                p.emp = R.choice([o for o in self.orgs if o.name in ("四川大学", "西南民族大学")])
            elif a < 60:
                x = R.random()
                if x < 0.72:
                    p.emp = R.choices(pool, weights)[0]
                elif p.kind == "mig" and x < 0.85:
                    p.emp = R.choice(["个体", "务工", "灵活就业", "无"])
                else:
                    p.emp = R.choice(STATUS_WORDS)
            else:
                p.emp = (
                    R.choice(["退休", "退休", "无", None])
                    if a >= 63
                    else (R.choices(pool, weights)[0] if R.random() < 0.4 else "退休")
                )
        # 个体工商户: the keeper works there
        for o in self.orgs:
            if o.kind == "indiv":
                cand = [
                    p
                    for p in R.sample(self.persons, min(40, len(self.persons)))
                    if p.cur and 25 <= p.age < 65
                ]
                if cand:
                    rep = cand[0]
                    rep.emp = o
                    o.rep = rep

    def nonresident(self):
        R = self.R
        g = R.choice(["男", "女"])
        b = rand_birth(R, 28, 75)
        reg = wpick(R, CD_REGIONS + [("510107", 1)]) if R.random() < 0.75 else R.choice(COUNTIES)[0]
        p = self.person(g, b, reg, "sc")
        p.kind = "nonres"
        self.make_id(p)
        return p

    def assign_reps(self):
        R = self.R
        adults = [p for p in self.persons if p.cur and 30 <= p.age < 68 and p.kind != "nonres"]
        nonres = []
        for o in self.orgs:
            if not o.reg or o.rep is not None:
                continue
            if o.kind in ("co", "branch", "ocb") and R.random() < 0.55 or R.random() < 0.35:
                o.rep = R.choice(adults)
            else:
                if nonres and R.random() < 0.25:
                    o.rep = R.choice(nonres)  # the same boss behind several companies
                else:
                    o.rep = self.nonresident()
                    nonres.append(o.rep)
        self.rep_count = Counter(o.rep.pid for o in self.orgs if o.rep is not None)

    # ---------------------------------------------------------------- corrupted views
    def corrupt_name(self, name, p, kinds=None):
        R = self.R
        kinds = kinds or ["trad", "dialect", "dialect", "homo", "space"]
        for _ in range(4):
            k = R.choice(kinds)
            if k == "trad":
                idx = [i for i, c in enumerate(name) if c in TRAD]
                if idx:
                    out = list(name)
                    for i in R.sample(idx, min(len(idx), R.choice([1, 2, 3]))):
                        out[i] = TRAD[out[i]]
                    res = "".join(out)
                else:
                    continue
            elif k in ("dialect", "homo"):
                table = DIALECT if k == "dialect" else HOMO
                hits = [key for key in table if key in name]
                if not hits:
                    continue
                key = R.choice(hits)
                res = name.replace(key, R.choice(table[key]), 1)
            else:
                if p.dotted or len(name) < 2:
                    continue
                s = len(p.sur) if (p.sur and name.startswith(p.sur)) else 1
                res = name[:s] + R.choice([" ", "　", "  "]) + name[s:]
            if self.name_clash(res, p):
                continue
            self.stats["name_err_" + k] += 1
            return res
        return name

    def name_clash(self, text, p):
        """Never write a name that is another member's (twins, siblings) of the same household."""
        n = norm(text)
        return p.hh is not None and any(norm(m.name) == n for m in p.hh.members if m is not p)

    def name_view(self, p, src, err):
        R = self.R
        if p.former and src != "police" and R.random() < self.cfg["former_use"]:
            self.stats["former_name_used"] += 1
            return p.former, True
        name = p.name
        if p.dotted:
            d = R.choice(DOTS)
            name = name.replace("·", d) if R.random() < 0.7 else name.replace("·", "")
        elif p.fixed and R.random() < 0.04:
            name = name[:2] + "·" + name[2:]
        if err:
            return self.corrupt_name(name, p), True
        return name, False

    def id_view(self, p, src, clean=False, may_blank=True):
        """Returns (text, degraded)."""
        R, cfg = self.R, self.cfg
        if may_blank and R.random() < cfg["id_missing"][src]:
            self.stats["id_missing"] += 1
            return "", True
        s, bad = p.id18, False
        if (
            src in ("civil", "owner", "legal", "spouse")
            and p.birth.year < 1965
            and R.random() < cfg["id15_old"]
        ):
            s = s[:6] + s[8:17]
            self.stats["id_15digit"] += 1
        elif not clean:
            x = R.random()
            if x < cfg["id_typo"]:
                i = R.randint(6, 16)
                s = s[:i] + R.choice([c for c in "0123456789" if c != s[i]]) + s[i + 1 :]
                bad = True
                self.stats["id_typo"] += 1
            elif x < cfg["id_typo"] + cfg["id_swap"]:
                i = R.randint(10, 15)
                if s[i] != s[i + 1]:
                    s = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
                    bad = True
                    self.stats["id_transposed"] += 1
        if s.endswith("X") and R.random() < cfg["id_lower"]:
            s = s[:-1] + "x"
        if R.random() < cfg["id_fmt"]:
            if len(s) == 18:
                s = R.choice(
                    [f"{s[:6]} {s[6:14]} {s[14:]}", f"{s[:6]}-{s[6:14]}-{s[14:]}", f" {s}", f"{s} "]
                )
            self.stats["id_formatted"] += 1
        if R.random() < cfg["id_fw"]:
            s = s.translate(FW).replace("X", "Ｘ")
            self.stats["id_fullwidth"] += 1
        return s, bad

    def date_view(self, d, src):
        R = self.R
        forms = {
            "police": [("%Y%m%d", 55), ("%Y-%m-%d", 35), ("%Y/%-m/%-d", 5), ("%Y年%-m月%-d日", 5)],
            "fp": [
                ("%Y-%m-%d", 30),
                ("%Y/%-m/%-d", 25),
                ("%Y.%m.%d", 15),
                ("%Y年%-m月%-d日", 20),
                ("%Y%m%d", 10),
            ],
        }[src]
        f = wpick(R, forms)
        return d.strftime(f)

    def birth_view(self, p, src, clean=False):
        R, cfg = self.R, self.cfg
        if not clean and R.random() < cfg["birth_missing"]:
            return ""
        b = p.birth
        if not clean and R.random() < cfg["birth_typo"]:
            if b.day <= 12 and b.day != b.month:
                b = date(b.year, b.day, b.month)
            else:
                b = b.replace(day=b.day + 1 if b.day < 28 else b.day - 1)
            self.stats["birth_wrong"] += 1
        return self.date_view(b, src)

    def gender_view(self, p):
        R, cfg = self.R, self.cfg
        if R.random() < cfg["gender_blank"]:
            return ""
        if R.random() < cfg["gender_code"]:
            return R.choice([{"男": "1", "女": "2"}, {"男": "M", "女": "F"}])[p.gender]
        return p.gender

    def phone_view(self, p):
        R, cfg = self.R, self.cfg
        if R.random() < cfg["phone_missing"] or not p.phone:
            return ""
        ph = p.phone2 if (p.phone2 and R.random() < 0.4) else p.phone
        if cfg["phone_typo"] and R.random() < cfg["phone_typo"]:
            i = R.randint(3, len(ph) - 1)
            ph = ph[:i] + str((int(ph[i]) + 1) % 10) + ph[i + 1 :]
        t = ph
        if R.random() < cfg["phone_fmt"]:
            if ph.startswith("028"):
                t = R.choice(
                    [
                        f"028-{ph[3:]}",
                        f"(028){ph[3:]}",
                        ph[3:],
                        f"028 {ph[3:7]} {ph[7:]}",
                        f"+86-28-{ph[3:]}",
                    ]
                )
            else:
                t = R.choice(
                    [
                        f"{ph[:3]} {ph[3:7]} {ph[7:]}",
                        f"{ph[:3]}-{ph[3:7]}-{ph[7:]}",
                        f"+86 {ph}",
                        f"+86{ph}",
                        f"86-{ph}",
                        f"+86-{ph[:3]}-{ph[3:7]}-{ph[7:]}",
                    ]
                )
        elif ph.startswith("028"):
            t = f"028-{ph[3:]}"
        if cfg["phone_multi"] and p.phone2 and R.random() < cfg["phone_multi"] * 5:
            t = t + R.choice(["/", "、", "；", " "]) + (p.phone2 if ph == p.phone else p.phone)
        return t

    def org_view(self, o):
        R, cfg = self.R, self.cfg
        if o.oid in self.renamed and R.random() < 0.15:
            return self.renamed[o.oid]
        x = R.random()
        if x < cfg["org_short"] and o.old_name:
            t = R.choice(o.old_name)
        elif x < cfg["org_short"] + cfg["org_variant"] and len(o.variants) > 1:
            t = R.choice(o.variants[1:])
        else:
            t = o.name
        if R.random() < 0.1:
            t = t.replace("（", "(").replace("）", ")")
        if R.random() < 0.03:
            i = R.randint(1, len(t) - 1)
            t = t[:i] + " " + t[i:]
        if cfg["org_typo"] and R.random() < cfg["org_typo"]:
            t2 = "".join(TRAD.get(c, c) for c in t)
            if t2 != t:
                t = t2
        n = norm(t)
        if self.org_seen.get(n, o.oid) != o.oid:
            t = o.name
        self.org_seen.setdefault(norm(t), o.oid)
        return t

    def emp_ref(self, p, src, rid, role):
        """Text of the 服务处所/工作单位 cell plus a truth row if it names an organisation."""
        e = p.emp
        if e is None:
            return ""
        if isinstance(e, str):
            return e
        self.truth.append((src, rid, role, e.oid))
        return self.org_view(e)

    def T(self, src, rid, role, eid):
        self.truth.append((src, rid, role, eid))

    # ---------------------------------------------------------------- writers
    def person_fields(self, p, src, anchored=True):
        """Name, id, protect-flag, with an error budget: at most one strong key damaged unless
        the difficulty allows a double error (then birth date and address stay intact).
        anchored=False: nothing else on the row ties the reference to the person (a landlord
        who lives elsewhere, a company boss): the ID is then never blank and the name never
        wrong together with a damaged ID."""
        R, cfg = self.R, self.cfg
        name_err = R.random() < cfg["name_err"]
        name, nbad = self.name_view(p, src, name_err)
        double = R.random() < cfg["double_err"] and anchored
        idt, ibad = self.id_view(p, src, clean=nbad and not double, may_blank=anchored)
        if nbad and not idt and (not double or src in ("owner", "tenant", "legal", "spouse")):
            idt = p.id18
        protect = nbad and (ibad or not idt)
        return name, idt, protect

    def write_police(self, out):
        R, cfg = self.R, self.cfg
        rows = []
        seq = [0]

        def rid():
            seq[0] += 1
            return f"GA{510107000000 + seq[0] * 7 + R.randint(0, 6)}"

        def row(p, cur, hukou, typ, huhao, rel):
            r = rid()
            name, idt, protect = self.person_fields(p, "police")
            self.T("police", r, "person", p.pid)
            ht = self.render(cur, "police") if cur else ""
            if cur:
                self.T("police", r, "house", cur["hid"])
            hk = self.render(hukou, "police") if hukou else ""
            if hukou:
                self.T("police", r, "registered_house", hukou["hid"])
            eth = p.eth if R.random() < 0.8 else p.eth.rstrip("族")
            rows.append(
                {
                    "记录编号": r,
                    "姓名": name,
                    "曾用名": p.former or "",
                    "性别": self.gender_view(p),
                    "民族": eth,
                    "出生日期": self.birth_view(p, "police", clean=protect),
                    "公民身份号码": idt,
                    "户号": huhao or "",
                    "与户主关系": rel or "",
                    "户籍地址": hk,
                    "现住址": ht,
                    "服务处所": self.emp_ref(p, "police", r, "employer"),
                    "联系电话": self.phone_view(p),
                    "人员类型": typ,
                    "登记日期": (REF - timedelta(days=R.randint(10, 5000))).strftime("%Y-%m-%d"),
                }
            )

        for hh in self.households:
            for p in hh.members:
                if hh.kind == "mig" and R.random() > 0.9:
                    continue
                if hh.kind != "mig" and R.random() > 0.985:
                    continue
                typ = {"reg": "户籍人口", "out": "人户分离", "in": "人户分离", "mig": "流动人口"}[
                    hh.kind
                ]
                if hh.kind == "reg" and hh.hukou is not hh.cur:
                    typ = "人户分离"
                huhao = hh.huhao if hh.kind in ("reg", "out") else ""
                rel = p.rel if hh.kind in ("reg", "out") else (p.rel if R.random() < 0.3 else "")
                row(p, p.cur, p.hukou, typ, huhao, rel)
                # hukou moved into Chengdu: the old 流动人口 record is still there
                if (
                    hh.kind == "reg"
                    and p.region[:4] != "5101"
                    and p.age >= 25
                    and R.random() < cfg["hukou_move_dup"]
                ):
                    county = next((c for c in COUNTIES if c[0] == p.region), COUNTIES[0])
                    if p.origin_dw is None:
                        p.origin_dw = self.dw_rural(county)
                    row(p, p.prev or p.cur, p.origin_dw, "流动人口", "", "")
                    self.stats["police_old_migrant_record"] += 1
                elif R.random() < cfg["dup_police"]:
                    row(p, p.prev or p.cur, p.hukou, typ, huhao, rel)
                    self.stats["police_duplicate"] += 1
        hdr = [
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
            "登记日期",
        ]
        with open(os.path.join(out, "police.csv"), "w", encoding="gb18030", newline="") as f:
            w = csv.DictWriter(f, hdr)
            w.writeheader()
            w.writerows(rows)
        return len(rows)

    def ym_cell(self, b):
        R, cfg = self.R, self.cfg
        if R.random() < cfg["xl_date"]:
            self.stats["xlsx_date_cell"] += 1
            return datetime(b.year, b.month, 1)
        f = R.random()
        if f < 0.4:
            return f"{b.year}-{b.month:02d}"
        if f < 0.6:
            return f"{b.year}{b.month:02d}" if R.random() < 0.5 else int(f"{b.year}{b.month:02d}")
        return f"{b.year}年{b.month}月"

    def xl_id(self, t):
        """An ID cell that may have been through Excel as a number."""
        R, cfg = self.R, self.cfg
        digits = t.strip()
        if digits.isascii() and digits.isdigit() and R.random() < cfg["xl_num"]:
            if len(digits) == 15:
                self.stats["xlsx_id_number_15"] += 1
                return int(digits)
            if len(digits) == 18:
                self.stats["xlsx_id_number_18_mangled"] += 1
                v = float(f"{int(digits):.15g}")
                return v if R.random() < 0.5 else int(v)
        return t

    def write_civil(self, out):
        from openpyxl import Workbook

        R, cfg = self.R, self.cfg
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("服务对象")
        hdr = [
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
        ws.append(hdr)
        n = 0
        chosen = []
        for p in self.persons:
            if p.kind in (None, "nonres", "out") or p.cur is None:
                continue
            a = p.age
            cats = []
            if a >= 80 and p.kind != "mig" and R.random() < 0.9:
                cats.append("高龄津贴")
            if 60 <= a < 80 and R.random() < 0.12:
                cats.append("居家养老服务")
            if R.random() < 0.02 and a >= 18:
                cats.append(R.choice(["最低生活保障", "最低生活保障", "临时救助", "特困人员供养"]))
            if R.random() < 0.015:
                cats.append(R.choice(["残疾人两项补贴", "困难残疾人生活补贴"]))
            if p.marital == "已婚" and p.spouse is not None and 22 <= a <= 40 and R.random() < 0.12:
                cats.append("婚姻登记")
            for c in cats:
                chosen.append((p, c))
        # extra: a married couple where the spouse does not live here
        for p, cat in chosen:
            n += 1
            rid = f"MZ{2024000 + n:07d}"
            name, idt, protect = self.person_fields(p, "civil")
            self.T("civil_affairs", rid, "person", p.pid)
            dw = p.prev if (p.prev and R.random() < cfg["stale"]) else p.cur
            addr = self.render(dw, "civil")
            self.T("civil_affairs", rid, "house", dw["hid"])
            sp_name = sp_id = ""
            marital = p.marital
            if p.spouse is not None and R.random() < (0.95 if cat == "婚姻登记" else 0.7):
                sp = p.spouse
                sp_name, sp_id, _ = self.person_fields(sp, "spouse")
                if sp_name or sp_id:
                    self.T("civil_affairs", rid, "spouse", sp.pid)
            if R.random() < 0.1:
                marital = ""
            b = p.birth
            ym = "" if (not protect and R.random() < cfg["birth_missing"]) else self.ym_cell(b)
            ws.append(
                [
                    rid,
                    name,
                    self.xl_id(idt),
                    self.gender_view(p),
                    ym,
                    addr,
                    self.phone_view(p),
                    marital,
                    sp_name,
                    self.xl_id(sp_id) if sp_id else "",
                    cat,
                ]
            )
        wb.save(os.path.join(out, "civil_affairs.xlsx"))
        return n

    def write_fp(self, out):
        R, cfg = self.R, self.cfg
        rows = []
        fam_no = [0]
        for hh in self.households:
            if hh.kind == "out" and R.random() < 0.7:
                continue
            # nuclear units: couple + children under 18, or couple with wife 20-49
            units = []
            for p in hh.members:
                if p.spouse is not None and p.gender == "男" and p.spouse in hh.members:
                    w = p.spouse
                    ch = [
                        c
                        for c in hh.members
                        if c.age < 25
                        and c is not p
                        and c is not w
                        and c.rel
                        in (("子", "女") if p.rel in ("户主", "配偶") else ("孙子", "孙女"))
                    ]
                    if ch or 20 <= w.age <= 49:
                        units.append((p, w, ch))
            if not units:
                m = [p for p in hh.members if p.rel == "户主" and p.marital == "离婚"]
                if m:
                    units.append((None, m[0], [c for c in hh.members if c.age < 18]))
            for h, w, ch in units:
                if R.random() > 0.78:
                    continue
                reps = 2 if (hh.prev and R.random() < cfg["dup_fp"] * 5) else 1
                for rep in range(reps):
                    fam_no[0] += 1
                    fam = f"JT{510107}{fam_no[0]:06d}"
                    head = h if (h and R.random() < 0.85) else w
                    members = [m for m in (h, w) if m] + ch
                    cur = (
                        hh.prev
                        if (rep == 1 or (hh.prev and R.random() < cfg["stale"] * 0.5))
                        else hh.cur
                    )
                    for m in members:
                        if m.age >= 18 and m is not head and m not in (h, w):
                            continue
                        rid = f"{510107}{len(rows) + 1:07d}"
                        role = "户主" if m is head else ("配偶" if m in (h, w) else "子女")
                        name, idt, protect = self.person_fields(m, "fp")
                        self.T("family_planning", rid, "person", m.pid)
                        dw = cur
                        self.T("family_planning", rid, "house", dw["hid"])
                        hk = ""
                        if R.random() < 0.8:
                            hk = self.render(m.hukou, "fp")
                            self.T("family_planning", rid, "registered_house", m.hukou["hid"])
                        rows.append(
                            {
                                "档案号": rid,
                                "家庭档案号": fam,
                                "姓名": name,
                                "身份证号": idt,
                                "性别": self.gender_view(m),
                                "出生日期": self.birth_view(m, "fp", clean=protect),
                                "家庭角色": role,
                                "现居住地址": self.render(dw, "fp"),
                                "户籍地址": hk,
                                "工作单位": self.emp_ref(m, "family_planning", rid, "employer")
                                if m.age >= 16 or R.random() < 0.3
                                else "",
                                "手机号码": self.phone_view(m),
                            }
                        )
                    if rep == 1:
                        self.stats["fp_duplicate_family"] += 1
        hdr = [
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
        if self.hard:
            hdr = (
                hdr[:2]
                + ["手机号码", "姓名", "性别", "身份证号", "出生日期", "家庭角色"]
                + hdr[7:10]
            )
        with open(
            os.path.join(out, "family_planning.csv"), "w", encoding="utf-8-sig", newline=""
        ) as f:
            w = csv.DictWriter(f, hdr)
            w.writeheader()
            w.writerows(rows)
        return len(rows)

    def write_housing(self, out):
        R, cfg = self.R, self.cfg
        # who lives where
        occ, own = {}, {}
        DK = ("estate", "compound", "yard", "village")
        for hh in self.households:
            heads = (
                [m for m in hh.members if m.rel in ("户主", "配偶") and m.age >= 18]
                or [m for m in hh.members if m.age >= 18]
                or hh.members
            )

            def pick(heads=heads):
                return heads[0] if R.random() < 0.65 else R.choice(heads)

            if hh.cur["k"] in DK:
                occ.setdefault(hh.cur["hid"], []).append(hh)
                if hh.tenure == "own":
                    own.setdefault(hh.cur["hid"], pick())
            for d in (hh.hukou, hh.prev):
                if (
                    d is not None
                    and d is not hh.cur
                    and d["k"] in DK
                    and hh.kind in ("reg", "out")
                    and R.random() < 0.6
                ):
                    own.setdefault(d["hid"], pick())
        landlords_res = [
            p for p in self.persons if p.kind == "reg" and p.age >= 35 and p.rel == "户主"
        ]
        landlords_non = []
        rows = []
        district = [d for d in self.dws if d["k"] in ("estate", "compound", "yard", "village")]
        # a few vacant dwellings that only the housing register knows
        for _ in range(len(district) // 12):
            district.append(self.dw_district())

        def pick_landlord():
            if R.random() < 0.4 and landlords_res:
                return R.choice(landlords_res)
            if landlords_non and R.random() < 0.3:
                return R.choice(landlords_non)
            q = self.nonresident()
            landlords_non.append(q)
            return q

        for d in district:
            hhs = occ.get(d["hid"], [])
            tenant = None
            owner = own.get(d["hid"])
            if owner is None:
                owner = own[d["hid"]] = pick_landlord()
            renters = [h for h in hhs if owner not in h.members]
            if renters and R.random() < 0.75:
                h1 = renters[0]
                cands = [m for m in h1.members if m.age >= 18] or h1.members
                tenant = cands[0]
            use = (
                "商业"
                if (d["k"] == "yard" and d["fu"] and R.random() < 0.15)
                else ("自建房" if d["k"] == "village" else "住宅")
            )
            for dup in range(2 if R.random() < cfg["dup_house"] else 1):
                rid = f"FW{510107}{len(rows) + 1:08d}"
                self.T("housing", rid, "house", d["hid"])
                on, oi = ("", "")
                if owner is not None and R.random() < 0.97:
                    on, oi, _ = self.person_fields(
                        owner, "owner", anchored=owner.cur is d or owner.hukou is d
                    )
                    if on or oi:
                        self.T("housing", rid, "owner", owner.pid)
                tn, ti = "", ""
                if tenant is not None:
                    tn, ti, _ = self.person_fields(tenant, "tenant")
                    if tn or ti:
                        self.T("housing", rid, "tenant", tenant.pid)
                comm = (
                    (d.get("e") or d.get("c") or d.get("y") or {}).get("comm")
                    or (d["v"]["comm"] if d["k"] == "village" else "")
                    or ""
                )
                rows.append(
                    {
                        "房屋编号": rid,
                        "房屋地址": self.render(d, "housing"),
                        "房屋用途": use,
                        "产权人姓名": on,
                        "产权人证件号码": oi,
                        "承租人姓名": tn,
                        "承租人证件号码": ti,
                        "所属社区": (comm + "社区") if comm else "",
                    }
                )
                if dup:
                    self.stats["housing_duplicate"] += 1
        hdr = [
            "房屋编号",
            "房屋地址",
            "房屋用途",
            "产权人姓名",
            "产权人证件号码",
            "承租人姓名",
            "承租人证件号码",
            "所属社区",
        ]
        with open(os.path.join(out, "housing.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, hdr)
            w.writeheader()
            w.writerows(rows)
        return len(rows)

    def write_orgs(self, out):
        R, cfg = self.R, self.cfg
        rows = []

        def one(o, name, cc, rep):
            rid = f"DJ{len(rows) + 1:06d}"
            self.T("organisations", rid, "organisation", o.oid)
            rn = ri = ""
            if rep is not None:
                rn, ri, _ = self.person_fields(
                    rep, "legal", anchored=self.rep_count[rep.pid] == 1 and rep.kind == "nonres"
                )
                if rn or ri:
                    self.T("organisations", rid, "legal_rep", rep.pid)
            if o.kind in ("co", "branch", "ocb", "indiv"):
                d = R.choice(self.dws) if R.random() < 0.3 else None
                d = d if d and d["k"] in ("estate", "yard") else None
                addr = (
                    self.render(d, "housing")
                    if d
                    else (
                        f"成都市武侯区{R.choice(ROADS[R.choice(OLD_TOWN)])}{R.randint(1, 300)}号"
                        f"{R.choice(['', '', '1栋', '2栋', 'A座', 'B座'])}"
                        f"{R.randint(1, 28)}楼{R.randint(1, 20)}号"
                    )
                )
            else:
                addr = f"成都市武侯区{R.choice(ROADS[R.choice(OLD_TOWN)])}{R.randint(1, 300)}号"
            f = R.random()
            fd = o.founded
            founded = fd.strftime(R.choice(["%Y-%m-%d", "%Y%m%d", "%Y年%-m月%-d日", "%Y/%-m/%-d"]))
            rows.append(
                {
                    "登记编号": rid,
                    "统一社会信用代码": cc,
                    "单位名称": name,
                    "单位类型": o.typ,
                    "法定代表人": rn,
                    "法定代表人证件号码": ri,
                    "注册地址": addr,
                    "成立日期": founded,
                    "经营状态": "存续" if f < 0.9 else R.choice(["在业", "开业"]),
                }
            )

        def cc_view(o):
            x = R.random()
            if x < cfg["cc_missing"]:
                self.stats["cc_missing"] += 1
                return ""
            c = o.cc
            if x < cfg["cc_missing"] + cfg["cc_typo"]:
                i = R.randint(8, 16)
                c = c[:i] + R.choice([ch for ch in CC_CH if ch != c[i]]) + c[i + 1 :]
                self.stats["cc_typo"] += 1
            if R.random() < 0.03:
                c = c.lower()
            return c

        for o in self.orgs:
            if not o.reg:
                continue
            o.founded = date(
                R.randint(1985 if o.kind in ("gov", "school", "hosp", "rc") else 2000, 2023),
                R.randint(1, 12),
                R.randint(1, 28),
            )
            name = o.name if R.random() > 0.08 or len(o.variants) < 2 else o.variants[1]
            if R.random() < 0.05:
                name = name.replace("（", "(").replace("）", ")")
            if self.org_seen.get(norm(name), o.oid) != o.oid:
                name = o.name
            one(o, name, cc_view(o), o.rep)
            if o.oid in self.renamed:  # the row from before the change of name
                one(o, self.renamed[o.oid], o.cc, o.rep)
                self.stats["org_renamed"] += 1
            if R.random() < cfg["dup_org"]:
                alt = R.choice(o.variants[1:]) if len(o.variants) > 1 else o.name
                one(o, alt, cc_view(o), o.rep if R.random() < 0.7 else None)
                self.stats["org_duplicate"] += 1
        hdr = [
            "登记编号",
            "统一社会信用代码",
            "单位名称",
            "单位类型",
            "法定代表人",
            "法定代表人证件号码",
            "注册地址",
            "成立日期",
            "经营状态",
        ]
        with open(os.path.join(out, "organisations.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, hdr)
            w.writeheader()
            w.writerows(rows)
        return len(rows)

    def write_truth(self, out):
        with open(os.path.join(out, "truth.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["source", "record_id", "role", "entity_id"])
            w.writerows(self.truth)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--residents", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", required=True)
    ap.add_argument("--difficulty", choices=["normal", "hard"], default="normal")
    a = ap.parse_args()
    t0 = time.time()
    os.makedirs(a.out, exist_ok=True)
    w = World(a.residents, a.seed, a.difficulty)
    w.build_population()
    w.build_orgs()
    w.assign_work()
    w.assign_reps()
    rows = {}
    # organisations first: their registered addresses borrow (and release) estate slots
    rows["organisations"] = w.write_orgs(a.out)
    rows["police"] = w.write_police(a.out)
    rows["civil_affairs"] = w.write_civil(a.out)
    rows["family_planning"] = w.write_fp(a.out)
    rows["housing"] = w.write_housing(a.out)
    w.write_truth(a.out)
    kinds = Counter(d["k"] for d in w.dws)
    summary = {
        "district": "四川省成都市武侯区 (fictional)",
        "residents": w.resident_count,
        "persons_total": len(w.persons),
        "households": len(w.households),
        "household_kinds": dict(Counter(h.kind for h in w.households)),
        "dwellings": dict(kinds),
        "organisations": len(w.orgs),
        "rows": rows,
        "truth_rows": len(w.truth),
        "truth_by_role": dict(Counter(t[2] for t in w.truth)),
        "injected": dict(sorted(w.stats.items())),
        "difficulty": a.difficulty,
        "seed": a.seed,
        "rates": {k: v for k, v in w.cfg.items()},
        "seconds": round(time.time() - t0, 2),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
