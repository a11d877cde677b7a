"""normalise_address: components, the dwelling key across variant spellings, robustness."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.normalise.addresses import (
    NormAddress,
    _build,
    address_tokens,
    community_stem,
    normalise_address,
    road_stem,
)

FULL = "北京市朝阳区建国路88号阳光小区5号楼3单元502室"

# raw, (road, road_no, community, building, unit, floor, room), key, precision
PARSE_CASES = [
    (FULL, ("建国路", "88", "阳光小区", "5", "3", None, "502"), "阳光|建国88|5|3|502", "room"),
    ("阳光小区5号楼3单元502室", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5-3-502", (None, None, "阳光小区", "5", "3", None, "502"), "阳光||5|3|502", "room"),
    ("阳光小区5栋3单元502", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5幢3门502号", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区五号楼三单元五零二", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区五号楼三单元502", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5号楼3单元5层502", (None, None, "阳光小区", "5", "3", "5", "502"),
     "阳光||5|3|502", "room"),
    # 5楼 before a unit is the building (号楼 abbreviated); after a building it is a floor
    ("阳光小区5楼3单元502", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5号楼3单元5楼502", (None, None, "阳光小区", "5", "3", "5", "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5号楼502", (None, None, "阳光小区", "5", None, None, "502"), "阳光||5||502", "room"),
    ("阳光小区5-502", (None, None, "阳光小区", "5", None, None, "502"), "阳光||5||502", "room"),
    ("阳光小区５号楼３单元５０２室", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5#3-502", (None, None, "阳光小区", "5", "3", None, "502"), "阳光||5|3|502", "room"),
    ("阳光小区5-3-5-502", (None, None, "阳光小区", "5", "3", "5", "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区b座1203", (None, None, "阳光小区", "B", None, None, "1203"),
     "阳光||B||1203", "room"),
    ("3号院5号楼2单元101", (None, None, "3号院", "5", "2", None, "101"), "3号院||5|2|101", "room"),
    ("阳光小区5号楼3单元0502", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5号楼3单元502A", (None, None, "阳光小区", "5", "3", None, "502A"),
     "阳光||5|3|502A", "room"),
    ("阳光小区5号楼3单元0502a", (None, None, "阳光小区", "5", "3", None, "502A"),
     "阳光||5|3|502A", "room"),
    ("阳光小区3A-502", (None, None, "阳光小区", "3A", None, None, "502"), "阳光||3A||502", "room"),
    ("阳光小区5号楼3单元502室、503室", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5号楼3单元502室(东侧)", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5号楼3单元502号房", (None, None, "阳光小区", "5", "3", None, "502"),
     "阳光||5|3|502", "room"),
    ("阳光小区5号楼3单元0", (None, None, "阳光小区", "5", "3", None, "0"), "阳光||5|3|0", "room"),
    ("小堡村12号", (None, None, "小堡村", "12", None, None, None), "小堡||12||", "building"),
    ("建国路88号5号楼3单元502室", ("建国路", "88", None, "5", "3", None, "502"),
     "|建国88|5|3|502", "room"),
    ("建国路88号", ("建国路", "88", None, None, None, None, None), "|建国88|||", "road"),
    # after a unit, N号 is the flat, not the building
    ("建国路88号3单元502号", ("建国路", "88", None, None, "3", None, "502"),
     "|建国88||3|502", "room"),
    # 里 with a number then a unit: the number is a building of the residential area
    ("花家地北里5号3单元502号", (None, None, "花家地北里", "5", "3", None, "502"),
     "花家地北里||5|3|502", "room"),
    # Shanghai lanes: 弄 and 支弄 extend the road's number; the 号 after them is the building
    ("乳山路100弄5号302室", ("乳山路", "100弄", None, "5", None, None, "302"),
     "|乳山100弄|5||302", "room"),
    ("乳山路100弄5-302", ("乳山路", "100弄", None, "5", None, None, "302"),
     "|乳山100弄|5||302", "room"),
    ("乳山路一百弄五号三零二室", ("乳山路", "100弄", None, "5", None, None, "302"),
     "|乳山100弄|5||302", "room"),
    ("乳山路100弄3支弄5号302室", ("乳山路", "100弄3支弄", None, "5", None, None, "302"),
     "|乳山100弄3支弄|5||302", "room"),
    # Guangzhou: a numbered 巷 is a lane; 之N is the next door; 梯 a stairwell
    ("石牌大塘坊8巷23号102室", (None, "8巷", "石牌大塘坊", "23", None, None, "102"),
     "石牌大塘坊|8巷|23||102", "room"),
    ("车陂东岳大街1巷24号之二", ("车陂东岳大街", "1巷", None, "24之2", None, None, None),
     "|车陂东岳1巷|24之2||", "building"),
    ("猎德西头坊10巷5号之一401室", (None, "10巷", "猎德西头坊", "5之1", None, None, "401"),
     "猎德西头坊|10巷|5之1||401", "room"),
    ("天河北路233号之一", ("天河北路", "233之1", None, None, None, None, None),
     "|天河北233之1|||", "road"),
    ("红翠花园二座一梯605房", (None, None, "红翠花园", "2", "1", None, "605"),
     "红翠花园||2|1|605", "room"),
    # a tower's N楼 is its floor; an estate's is the clerk's 5号楼
    ("金海大厦10楼1001室", (None, None, "金海大厦", None, None, "10", "1001"),
     "金海大厦||||1001", "room"),
    ("石门村第一村民小组60号", (None, None, "石门村", "60", "1", None, None),
     "石门||60|1|", "building"),
    # floor + door (north-west, Sichuan): the flat's number is floor and door
    ("青松新城13号楼1单元14层2号", (None, None, "青松新城", "13", "1", "14", "1402"),
     "青松新城||13|1|1402", "room"),
    ("金桂苑6栋2单元5楼1号", (None, None, "金桂苑", "6", "2", "5", "501"),
     "金桂苑||6|2|501", "room"),
    # Sichuan: 社 is a village group, N段 a section of the road, 附N an annex
    ("金花村10社39号", (None, None, "金花村", "39", "10", None, None), "金花||39|10|", "building"),
    ("一环路南三段175号", ("一环路南3段", "175", None, None, None, None, None),
     "|一环南3段175|||", "road"),
    ("朱雀大街南段9号秦川花园3号楼1单元1201室",
     ("朱雀大街南段", "9", "秦川花园", "3", "1", None, "1201"),
     "秦川花园|朱雀南段9|3|1|1201", "room"),
    ("玉林西路42号附1号", ("玉林西路", "42之1", None, None, None, None, None),
     "|玉林西42之1|||", "road"),
    ("建国路88", ("建国路", "88", None, None, None, None, None), "|建国88|||", "road"),
    ("建国路八十八号", ("建国路", "88", None, None, None, None, None), "|建国88|||", "road"),
    ("建国路88号院5号楼", ("建国路", "88", None, "5", None, None, None), "|建国88|5||", "building"),
    ("建国路甲88号", ("建国路", "甲88", None, None, None, None, None), "|建国甲88|||", "road"),
    ("帽儿胡同12号", ("帽儿胡同", "12", None, None, None, None, None), "|帽儿12|||", "road"),
    ("建国门外大街1号", ("建国门外大街", "1", None, None, None, None, None),
     "|建国门外1|||", "road"),
    ("和平里东街11号", ("和平里东街", "11", None, None, None, None, None),
     "|和平里东11|||", "road"),
    ("阳光花园小区1号楼", (None, None, "阳光花园小区", "1", None, None, None),
     "阳光花园||1||", "building"),
    ("幸福里5号楼3单元502", (None, None, "幸福里", "5", "3", None, "502"),
     "幸福里||5|3|502", "room"),
    ("望京西园三区5号楼", (None, None, "望京西园3区", "5", None, None, None),
     "望京西园3区||5||", "building"),
    ("三里屯", (None, None, "三里屯", None, None, None, None), "三里屯||||", "area"),
    ("五道口花园1-2-301", (None, None, "五道口花园", "1", "2", None, "301"),
     "五道口花园||1|2|301", "room"),
    ("朝阳北路8号", ("朝阳北路", "8", None, None, None, None, None), "|朝阳北8|||", "road"),
    ("石景山路3号", ("石景山路", "3", None, None, None, None, None), "|石景山3|||", "road"),
    ("建国路", ("建国路", None, None, None, None, None, None), "|建国|||", "area"),
    ("阳光小区", (None, None, "阳光小区", None, None, None, None), "阳光||||", "area"),
    ("朝阳区", (None, None, None, None, None, None, None), "", "area"),
    ("不详", (None, None, None, None, None, None, None), "", "area"),
    ("--", (None, None, None, None, None, None, None), "", "area"),
    # "same as the registered address" is no place by itself (see resolvers.mentions)
    ("同户籍地址", (None, None, None, None, None, None, None), "", "area"),
    ("与户籍地一致", (None, None, None, None, None, None, None), "", "area"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "parts", "key", "precision"), PARSE_CASES)
def test_parse(raw: str, parts: tuple[str | None, ...], key: str, precision: str) -> None:
    a = normalise_address(raw)
    assert a is not None
    got = (a.road, a.road_no, a.community, a.building, a.unit, a.floor, a.room)
    assert got == parts
    assert a.key == key
    assert a.precision == precision


# raw, province, city, district, town
PREFIX_CASES = [
    (FULL, "北京", "北京", "朝阳区", None),
    ("北京朝阳区建国路88号", "北京", "北京", "朝阳区", None),
    ("朝阳建国路88号", None, None, "朝阳区", None),
    ("北京市海淀区中关村街道中关村大街1号", "北京", "北京", "海淀区", "中关村街道"),
    ("朝阳区建外街道建国路88号", None, None, "朝阳区", "建外街道"),
    ("密云县鼓楼街道1号", None, None, "密云区", "鼓楼街道"),
    ("通州区宋庄镇小堡村12号", None, None, "通州区", "宋庄镇"),
    ("上海市浦东新区世纪大道100号", "上海", "上海", "浦东新区", None),
    ("河北省石家庄市长安区中山路1号", "河北", "石家庄", "长安区", None),
    # an autonomous region compares by its short name, written in full or not
    ("广西壮族自治区南宁市青秀区民族大道1号", "广西", "南宁", "青秀区", None),
    ("广西南宁市青秀区民族大道1号", "广西", "南宁", "青秀区", None),
    ("新疆喀什地区喀什市仙槎桥镇马鞍村7组27号", "新疆", "喀什", "喀什市", "仙槎桥镇"),
    ("上海市西藏中路100号", "上海", "上海", None, None),  # a road named after a region
    ("朝阳北路8号", None, None, None, None),  # 朝阳 + 北路 is a road, not the district
    ("北京路8号", None, None, None, None),
]


@pytest.mark.parametrize(("raw", "province", "city", "district", "town"), PREFIX_CASES)
def test_prefixes(
    raw: str, province: str | None, city: str | None, district: str | None, town: str | None
) -> None:
    a = normalise_address(raw)
    assert a is not None
    assert (a.province, a.city, a.district, a.town) == (province, city, district, town)


SAME_FLAT = [
    [
        FULL,
        "北京朝阳区建国路88号阳光小区5号楼3单元502室",
        "北京市建国路88号阳光小区5号楼3单元502室",
        "朝阳区建国路88号阳光小区5-3-502",
        "朝阳建国路八十八号阳光社区五号楼三单元五零二",
        "北京朝阳区建国街88号阳光5栋3单元502",
        "建国路88号阳光小区５号楼３单元５０２室",
        "建国路88号阳光小区5#3-502",
        "北京市建国路88号阳光小区5幢3门502号",
        "建国路88号阳光小区5号楼3单元5层502",
        "建国路88号阳光小区5楼3单元0502",
        "建外街道建国路88号阳光小区5号楼3单元502室",
        "朝阳区建外街道建国里88号阳光社区5号楼3单元502室",
        "建國路88號陽光小區5號樓3單元502室",
        "北京市 朝阳区 建国路 88号 阳光小区 5号楼 3单元 502室",
        "建国巷88号(阳光小区)5号楼3单元502室",
        "建国路88号院阳光小区5号楼3单元502室",
    ],
    [
        "阳光小区5号楼3单元502室",
        "阳光社区5-3-502",
        "朝阳区阳光5-3-502",
        "北京市朝阳区阳光小区五号楼三单元五〇二室",
        "阳光小区5楼3单元502",
    ],
    ["3号院5号楼2单元101", "三号院五号楼二单元一零一", "朝阳区3号院5-2-101"],
    ["阳光小区B座1203", "阳光小区b座1203室", "阳光小区Ｂ座１２０３"],
    ["朝阳医院家属院3号楼1单元101", "朝阳区朝阳医院家属院3-1-101"],
    ["幸福里5号楼3单元502", "幸福里小区5-3-502", "幸福里社区5号楼3单元502室"],
    ["朝阳北路8号", "北京市朝阳区朝阳北路8号", "朝阳区朝阳北路八号"],
    ["建国路88号", "建国街88号", "建国大街88号", "北京朝阳建国路88号"],
    [
        "上海市浦东新区乳山路100弄5号302室",
        "上海浦东新区乳山路100弄5号302",
        "浦东新区乳山路100弄5-302",
        "乳山街一百弄五号三零二室",
        "乳山路１００弄５号３０２",
    ],
    ["花家地北里5号楼3单元502室", "花家地北里5号3单元502号", "朝阳区花家地北里5-3-502"],
    # a village group is read in any numeral and under its old name 队
    ["光新村9组101号", "光新村九队101号", "川沙新镇光新村九组101号", "光新村9村民小组101号"],
    # a one-character town and a road named after a city (德州路) keep the road
    ["唐镇杨高南路436弄34号", "杨高南路436弄34号", "上海市浦东新区唐镇杨高南路436弄34号"],
    ["德州路566弄48号", "上海市浦东新区德州路566弄48号", "浦东新区德州路566弄48号"],
    ["苏州街20号", "北京市海淀区苏州街20号", "海淀区苏州街20号"],
    ["林和东约坊１８巷２号５０１房", "林和东约坊十八巷2号501", "天河区林和东约坊18巷2号501室"],
    ["金海大厦10楼1001室", "金海大厦1001室", "金海大厦十楼1001"],
    ["石门村第一村民小组60号", "石门村一组60号", "湖南省隆回县龙田镇石门村1组60号"],
    # a village's name inside a road or neighbourhood name is written or not
    ["车陂村西约大街8巷39号201室", "车陂西约大街8巷39号201房"],
    ["猎德村西头坊７巷５号", "猎德西头坊七巷五号"],
    # after a road number, N楼 with no unit is the floor of the building at that number
    ["天河北路199号3楼304", "天河北路199号304", "天河北路一九九号3楼304室"],
    ["中山大道西200号", "中山大道西二百号"],
    # after a bare city a community ending in 小区 is not a district
    ["上海春海小区15号楼1904室", "上海市高桥镇春海小区15号1904", "春海小区15栋1904室"],
    # floor + door is the room number (北方 / 四川 registers)
    ["青松新城13楼1单元14楼2号", "青松新城13号楼1单元1402号", "青松新城13-1-1402"],
    ["家属院4号楼1单元1层1号", "家属院4号楼1单元101室", "家属院四号楼一单元一层一号"],
    ["香榭苑11-3-5-1", "香榭苑11栋3单元501号", "香榭苑11栋3单元5楼1号"],
    # 社 = 组, a village written with or without 村 before its group
    ["金花村10组39号", "金花村10社39号", "金花村十社39号", "金花10组39号"],
    ["甘家寨6组35号", "甘家寨村六组35号", "西安市雁塔区甘家寨村6组35号"],
    # an annex (附) in any of its forms, and a road's numbered section
    ["玉林西路42号附1号", "玉林西路42号附1", "玉林西路42附1号", "玉林西路四十二号附一号"],
    ["一环路南3段175号", "一环路南三段175号", "成都市武侯区一环路南三段一百七十五号"],
    ["朱雀大街南段9号秦川花园3号楼1单元1201室", "朱雀路南段9号秦川花园三号楼一单元十二层一号"],
    # a numbered road (纬二路, 太平园中2路) and an annex written after a dash
    ["纬二路12号", "纬2路12号", "西安市纬二路十二号"],
    ["太平园中二路60号5栋2单元14层5号", "太平园中2路60号5栋2单元1405室"],
    ["磨子桥路26-附1号", "磨子桥街26号附1", "磨子桥路26附1号"],
    # a residents' committee written before the estate or the street is administrative
    ["桐梓林社区银杏苑7栋1单元4楼2号", "银杏苑7栋1单元402室"],
    ["南河苑社区锦里中路156附2号", "锦里中路156号附2号"],
    # a work unit's compound: 宿舍 = 家属院 = 家属区, with or without 国营 or the city
    ["西南电缆厂宿舍3栋1单元101室", "西南电缆厂家属院3栋1单元1楼1号", "西南电缆厂家属区3-1-101"],
    ["西安仪表厂家属院5栋2单元502号", "仪表厂家属院5幢2单元502号", "西安市仪表厂宿舍5-2-502"],
    ["国营红光机械厂宿舍1栋1单元202室", "红光机械厂宿舍1栋1单元2楼2号"],
    # bungalow rows: 排 is the row, in any numeral, in 平房 or 平房区
    ["电子元件厂平房10排13号", "电子元件厂平房区十排十三号"],
]


@pytest.mark.parametrize("group", SAME_FLAT, ids=lambda g: g[0])
def test_variant_spellings_share_a_key(group: list[str]) -> None:
    keys = set()
    for raw in group:
        a = normalise_address(raw)
        assert a is not None
        keys.add(a.key)
    assert len(keys) == 1, keys
    assert "" not in keys


DIFFERENT_FLATS = [
    (FULL, "北京市朝阳区建国路88号阳光小区5号楼3单元503室"),  # room
    (FULL, "北京市朝阳区建国路88号阳光小区5号楼2单元502室"),  # unit
    (FULL, "北京市朝阳区建国路88号阳光小区6号楼3单元502室"),  # building
    (FULL, "北京市朝阳区建国路86号阳光小区5号楼3单元502室"),  # road number
    (FULL, "北京市朝阳区光华路88号阳光小区5号楼3单元502室"),  # road
    (FULL, "北京市朝阳区建国路88号阳光花园5号楼3单元502室"),  # community (花园 is a name)
    ("阳光小区5-3-502", "阳光小区5-3-503"),
    ("阳光小区5-3-502", "阳光小区5-2-502"),
    ("阳光小区5-3-502", "阳光小区6-3-502"),
    ("阳光小区A座1203", "阳光小区B座1203"),
    ("阳光小区5号楼502", "阳光小区5号楼3单元502"),  # a missing unit is not guessed
    ("建国路88号", "建国路89号"),
    ("建国路88号", "建国路甲88号"),
    ("3号院5号楼", "4号院5号楼"),
    ("望京西园三区5号楼", "望京西园四区5号楼"),
    ("乳山路100弄5号302室", "乳山路102弄5号302室"),  # lane
    ("乳山路100弄5号302室", "乳山路100弄6号302室"),  # house in the lane
    ("乳山路100弄5号302室", "乳山路100弄3支弄5号302室"),  # sub-lane
    ("星红村1组236号", "星红村2组236号"),  # village group
    ("星红村1组236号", "星红村1组237号"),
    ("石牌大塘坊8巷23号102室", "石牌大塘坊8巷23号201室"),  # rooms of a village house
    ("石牌大塘坊8巷23号102室", "石牌大塘坊9巷23号102室"),  # lane
    ("车陂东岳大街1巷24号", "车陂东岳大街1巷24号之二"),  # the next door
    ("红翠花园2栋2梯605房", "红翠花园2栋1梯605房"),  # stairwell
    ("中山大道西200号", "中山大道东200号"),  # a direction is part of the road's name
    ("金桂苑6栋2单元5楼1号", "金桂苑6栋2单元1楼1号"),  # floor + door: other floor
    ("金桂苑6栋2单元5楼1号", "金桂苑6栋2单元5楼2号"),  # other door
    ("玉林西路42号", "玉林西路42号附1号"),  # an annex is a dwelling of its own
    ("玉林西路42号附1号", "玉林西路42号附2号"),
    ("一环路南3段175号", "一环路南2段175号"),  # another section
    ("朱雀大街南段9号3号楼1单元1201室", "朱雀大街北段9号3号楼1单元1201室"),
    ("朱雀大街南段9号3号楼1单元1201室", "朱雀大街南段9号1号楼1单元1201室"),
    ("金花村10社39号", "金花村9社39号"),
    ("纬二路12号", "纬三路12号"),  # numbered roads
    ("电子元件厂平房10排13号", "电子元件厂平房11排13号"),  # another row
    ("西南电缆厂宿舍3栋1单元101室", "西北电缆厂宿舍3栋1单元101室"),  # another unit
    ("桐梓林社区银杏苑7栋1单元402室", "桐梓林社区银杏园7栋1单元402室"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT_FLATS)
def test_different_flats_have_different_keys(a: str, b: str) -> None:
    na, nb = normalise_address(a), normalise_address(b)
    assert na is not None and nb is not None
    assert na.key != nb.key


def test_all_different_flats_distinct_within_one_building() -> None:
    rooms = [
        f"阳光小区{b}号楼{u}单元{r}室" for b, u, r in itertools.product((1, 2), (1, 2), (101, 102))
    ]
    keys = {normalise_address(x).key for x in rooms}  # type: ignore[union-attr]
    assert len(keys) == len(rooms)


@pytest.mark.parametrize("raw", [None, "", "   ", "\t\n", "\u3000"])
def test_blank_is_none(raw: str | None) -> None:
    assert normalise_address(raw) is None


def test_text_is_folded_and_numerals_read() -> None:
    a = normalise_address("建國路八十八號陽光小區五號樓三單元五零二")
    assert a is not None
    assert a.text == "建国路88号阳光小区5号楼3单元502"
    assert a.raw == "建國路八十八號陽光小區五號樓三單元五零二"


def test_place_numerals_are_left_alone() -> None:
    a = normalise_address("东四十条3号")
    assert a is not None
    assert a.road == "东四十条"
    assert a.road_no == "3"


@pytest.mark.parametrize(
    ("name", "stem"),
    [("建国路", "建国"), ("建国街", "建国"), ("建国大街", "建国"), ("建国里", "建国"),
     ("建国巷", "建国"), ("帽儿胡同", "帽儿"), ("路", "路")],
)  # fmt: skip
def test_road_stem(name: str, stem: str) -> None:
    assert road_stem(name) == stem


@pytest.mark.parametrize(
    ("name", "stem"),
    [("阳光小区", "阳光"), ("阳光社区", "阳光"), ("阳光", "阳光"), ("阳光花园", "阳光花园"),
     ("阳光家园", "阳光家园"), ("阳光苑", "阳光苑"), ("阳光公寓", "阳光公寓"), ("小区", "小区")],
)  # fmt: skip
def test_community_stem(name: str, stem: str) -> None:
    assert community_stem(name) == stem


def test_address_tokens() -> None:
    a = normalise_address(FULL)
    assert a is not None
    assert address_tokens(a) == {
        "district": "朝阳区",
        "community": "阳光",
        "road": "建国",
        "road_no": "88",
        "building": "5",
        "unit": "3",
        "room": "502",
    }
    # a source with only the community and one with only the road agree on the flat parts
    b = normalise_address("阳光社区5-3-502")
    assert b is not None
    tb = address_tokens(b)
    assert tb["community"] == "阳光" and tb["room"] == "502" and "road" not in tb


@pytest.mark.parametrize("raw", [FULL, "阳光小区B座1203", "朝阳区", "不详", "建国路88号"])
def test_json_round_trip(raw: str) -> None:
    a = normalise_address(raw)
    assert a is not None
    d = a.to_json()
    assert set(d) >= {"raw", "text", "key", "precision", "building", "unit", "room"}
    assert NormAddress.from_json(d) == a


def test_frozen() -> None:
    a = normalise_address(FULL)
    assert a is not None
    with pytest.raises(AttributeError):
        a.key = "x"  # type: ignore[misc]


_ADDRESS_ALPHABET = st.sampled_from(
    list("北京市朝阳区建国路街里巷号楼栋幢座单元门层室户院小区社区花园村甲乙")
    + list("0123456789０１２３４５６７８９一二三四五六七八九十百零〇两")
    + list("-#—()（）ABab .,、/\\ \t")
)


@given(st.text())
@settings(max_examples=400)
def test_never_raises_on_any_text(raw: str) -> None:
    if raw.strip():
        _build(raw)
    a = normalise_address(raw)
    if raw.strip():
        assert a is not None
        assert a.precision in {"room", "building", "road", "area"}
        assert a == normalise_address(raw)  # deterministic


@given(st.text(alphabet=_ADDRESS_ALPHABET, max_size=40))
@settings(max_examples=600)
def test_never_raises_on_address_like_text(raw: str) -> None:
    # the parser itself, not only the safety net in normalise_address, must cope
    a = _build(raw) if raw.strip() else normalise_address(raw)
    if a is not None:
        assert isinstance(a.key, str)
        assert a.key == "" or a.key.count("|") == 4
        assert NormAddress.from_json(a.to_json()) == a
        if a.precision == "room":
            assert a.room


@given(
    st.integers(1, 40), st.integers(1, 9), st.integers(1, 30), st.integers(1, 12),
    st.sampled_from(["{b}号楼{u}单元{f}{r:02d}室", "{b}-{u}-{f}{r:02d}",
                     "{b}栋{u}单元{f}{r:02d}", "{b}#{u}-{f}{r:02d}", "{b}幢{u}门{f}{r:02d}号",
                     "{b}号楼{u}单元{f}层{f}{r:02d}"]),
)  # fmt: skip
def test_generated_flats_key_consistently(b: int, u: int, f: int, r: int, form: str) -> None:
    a = normalise_address("阳光小区" + form.format(b=b, u=u, f=f, r=r))
    assert a is not None
    assert a.key == f"阳光||{b}|{u}|{f}{r:02d}"


# The same division written two ways: the parsed prefix (which dwellings use as the
# site's region) must agree, not only the key below it.
SAME_PREFIX = [
    ("四川省凉山州越西县竹核镇新华村10组83号", "四川省凉山彝族自治州越西县竹核镇新华村10组83号"),
    ("陕西省咸阳乾县红崖乡小河塬村７组４号", "咸阳市乾县红崖乡小河塬村7组4号"),  # OpenCC: 乾 → 干
    ("雁塔区电子城街办杨家村5组31号", "雁塔区电子城街道办事处杨家村5组31号"),
    ("雁塔区电子城街道杨家村5组31号", "雁塔区电子城街办杨家村5组31号"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PREFIX)
def test_a_division_written_short_or_long_is_one_division(a: str, b: str) -> None:
    na, nb = normalise_address(a), normalise_address(b)
    assert na is not None and nb is not None
    assert (na.city, na.district, na.town, na.key) == (nb.city, nb.district, nb.town, nb.key)
    assert na.town is None or not na.town.endswith("办")


def test_short_autonomous_prefecture_names() -> None:
    from loaders.normalise.divisions import short_autonomous

    assert short_autonomous("凉山彝族自治州") == "凉山州"
    assert short_autonomous("黔东南苗族侗族自治州") == "黔东南州"
    assert short_autonomous("伊犁哈萨克自治州") == "伊犁州"
    assert short_autonomous("武汉市") is None
