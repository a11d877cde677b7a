"""Lexical pieces of the address parser: tables, compiled patterns and the small scanners.

``addresses.py`` owns the public result (``NormAddress``) and the state machine that
assigns numbers to building / unit / floor / room; this module owns everything that
looks at characters: the administrative prefix stripper, the Chinese-numeral rewrite
and the splitter that cuts a run of text into road and community segments.

Why lists of place names rather than one generic ``…区`` rule: a generic rule without
a city in front would eat ``阳光小区`` or ``花园东区``, and clerks everywhere write the
district without its city (``洪山区鲁磨路…``, ``武汉洪山区…``). So districts and
counties are recognised from China's official list (GB/T 2260, ``data/divisions.txt``:
every prefecture-level and county-level name), which works for any city, not only the
one a sample came from. Beijing's district words are also recognised bare, without
``区`` (``朝阳建国路…``), because a Beijing clerk writes them so; a bare word is only
taken where it cannot be the start of a road or place name (朝阳北路, 朝阳门). After a
city, the generic ``XX市XX区`` form is still stripped as a fallback.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Final

from loaders.normalise.divisions import AMBIGUOUS_COUNTIES as _AMBIGUOUS_COUNTIES
from loaders.normalise.divisions import divisions
from loaders.normalise.text import CN_NUMERAL_CHARS, cn_to_int

BEIJING_DISTRICTS: Final = (
    "东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山",
    "通州", "顺义", "昌平", "大兴", "怀柔", "平谷", "密云", "延庆",
    "宣武", "崇文",  # merged into 西城 / 东城 in 2010 but still written on old registrations
)  # fmt: skip

MUNICIPALITIES: Final = ("北京", "天津", "上海", "重庆")

PROVINCES: Final = (
    "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
    "甘肃", "青海", "台湾",
)  # fmt: skip


_CJK = r"\u4e00-\u9fff"
_DISTRICT_ALT = "|".join(sorted(BEIJING_DISTRICTS, key=len, reverse=True))

# An autonomous region is written in full (新疆维吾尔自治区, 广西壮族自治区) or by its
# short name (新疆, 广西, 内蒙古); either way the short name is what two addresses compare.
_AUTONOMOUS_SHORT: Final = ("内蒙古", "广西", "西藏", "宁夏", "新疆")
_PROVINCE_RE: Final = re.compile(
    r"^(?:(?P<muni>" + "|".join(MUNICIPALITIES) + r")市?"
    r"|(?P<prov>" + "|".join(PROVINCES) + r")省?"
    r"|(?P<auto>" + "|".join(_AUTONOMOUS_SHORT) + r")(?:[" + _CJK + r"]{0,4}?自治区)?)"
)
# A generic city is only taken when a district follows it, so ``市场街`` is never a city.
_CITY_RE: Final = re.compile(r"^(?P<city>[" + _CJK + r"]{2,4}?)市(?=[" + _CJK + r"]{1,5}?[区县市])")
_BJ_DISTRICT_RE: Final = re.compile(r"^(?P<d>" + _DISTRICT_ALT + r")(?P<suffix>区|县)?")
# Not a district: a 区 that ends a residential or functional area's name (春海小区).
_GENERIC_DISTRICT_RE: Final = re.compile(
    r"^(?P<d>[" + _CJK + r"]{1,5}?(?<![小社园片校街厂景营矿])(?:区|县|市))"
)
# A bare district word followed by one of these is the start of a road or place name
# (朝阳北路, 朝阳门, 石景山路), not the district.
_ROAD_CONTINUATION_RE: Final = re.compile(
    r"^(?:[路街道巷里门桥口]|[东西南北中][路街里门大]|大[街道])"
)
# A town of one character is written with 镇 or 乡 (唐镇, 周浦镇): 街道 and 地区 need two.
_TOWN_RE: Final = re.compile(
    r"^(?P<t>[" + _CJK + r"]{2,8}?(?:街道办事处|街道办|街办(?!公)|街道|地区办事处|地区|镇|乡)"
    r"|[" + _CJK + r"][镇乡])"
    r"(?!花园|家园|小区|社区|公寓|苑|园|城|大厦|村|路|街|大道|巷|弄)"
)

# Structural markers a number can carry. Order matters: longest first.
# 排 is a row of bungalows (平房10排13号): the row is the building, the number the door.
BUILDING_MARKS: Final = frozenset({"号楼", "栋", "幢", "座", "排", "#"})
UNIT_MARKS: Final = frozenset({"单元", "门", "梯"})  # 梯: a stairwell (2栋2梯605房)
ROOM_MARKS: Final = frozenset({"室", "户", "号房"})
# A lane (Shanghai's 乳山路100弄, 100弄3支弄; Guangzhou's 大塘坊8巷) is part of the road's
# number, not a building: the 号 after it is the building.
LANE_MARKS: Final = frozenset({"弄", "支弄", "巷"})
# A community of one tower: its 10楼 is a floor (金海大厦10楼1001室), where an estate's
# 5楼 is the clerk's short form of 5号楼.
TOWER_SUFFIXES: Final = ("大厦", "大楼", "广场", "中心", "商厦", "写字楼")
# A village group (村民小组; 生产队 is its old name; 社 in Sichuan and Gansu):
# 星红村1组236号, 光新村九队101号, 金花村10社39号.
GROUP_MARKS: Final = frozenset({"村民小组", "村民组", "小组", "组", "队", "社"})
# A numbered section of a road (一环路南三段) is part of the road's name, and so is
# the number of a numbered road (太平园中2路, 纬二路).
SECTION_MARK: Final = "段"
ROAD_NUMBER_MARKS: Final = frozenset({"路", "街"})
# A numbered works (784厂, 国营七八四厂) names a work unit: part of the community's name.
WORKS_MARK: Final = "厂"
_MARK_ALT = (
    "号楼|号院|号房|号|支弄|弄|巷|栋|幢|座|排|单元|门|梯|层|楼|室|户|区|村民小组|村民组|小组|组|队"
    "|社(?!区)|段|路(?!口)|街(?!道)|厂|#|-"
)
_LETTER_NUM = r"(?<![A-Z])[A-Z](?=[0-9]|座|栋|幢|号|楼|单元|门|室|区|弄|#|-|$)"
# A number may carry 之N (天河北路233号之一 → 233之1: the next door, a dwelling of its
# own); ``prepare`` moves the 之N in front of the marker.
TOKEN_RE: Final = re.compile(
    r"(?P<num>[0-9]+(?:之[0-9]+)?(?:[A-Z](?![A-Z]))?|" + _LETTER_NUM + r")"
    r"(?P<mark>" + _MARK_ALT + r")?"
    r"|(?P<text>[^0-9#\-A-Z]+|[A-Z]+)"
    r"|(?P<junk>[#\-])"
)

_CN = re.escape(CN_NUMERAL_CHARS)
# Chinese numerals are only read where a structural marker follows (五号楼, 三单元,
# 八十八号, a village group 五组 / 五村民组) or where they end the address after a
# marker (…三单元五零二), so place names with numerals in them (三里屯, 五道口,
# 东四十条) are left alone.
_CN_NUMERAL_RE: Final = re.compile(
    r"["
    + _CN
    + r"]+(?=号|栋|幢|座|排|单元|门|梯|层|楼|室|户|区|组|村民组|村民小组|小组|队|社(?!区)|段|之"
    r"|路(?!口)|街(?!道)|厂|支弄|弄|巷|#|-)"
    r"|(?:(?<=单元)|(?<=[门楼栋幢座层#号\-]))[" + _CN + r"]+$"
)
# 号之一 → 之1号 before other numerals are read (so 5号之一401室 keeps 1 and 401 apart),
# and 号之1 → 之1号 after, so the 之N stays with its number. Sichuan's 附 (42号附1号,
# 42号附1, 42附1号: an annex with its own door) is the same thing written another way.
_NEXT_DOOR_CN_RE: Final = re.compile(r"号之([" + _CN + r"]+)|号附([" + _CN + r"]+)(?:号|$)")
# These also match the slot character that stands for a digit run in an address shape
# (``addresses._Shape``), so a shape is prepared exactly as its addresses are.
_NEXT_DOOR_RE: Final = re.compile("号[之附]([0-9\ue000]+)号?")
_ANNEX_RE: Final = re.compile("(?<=[0-9\ue000])-?附(?=[0-9\ue000])")
# 第 before a village group's number (第一村民小组) is only the ordinal's mark.
_ORDINAL_GROUP_RE: Final = re.compile("第(?=[0-9\ue000]+(?:村民小组|村民组|小组|组|队|社))")

_CN_ANY_RE: Final = re.compile(r"[" + _CN + r"]")

# Characters dropped before parsing: brackets and list punctuation carry no structure.
_DROP_RE: Final = re.compile(r"[\s()\[\]{}【】〔〕<>《》\"'“”‘’,，;；:：、。.·]+")
_DASH_RE: Final = re.compile(r"[‐‑‒–—―−~_]+")

# 甲/乙/丙/丁 before a house number (建国路甲88号) belong to the number, not the road.
_NUMBER_PREFIXES: Final = frozenset("甲乙丙丁")
# Road suffixes, longest first. ``路口``/``道口`` are places, ``街道`` is a town.
# 段 is a road's section (朱雀大街南段, 一环路南三段): it continues the road's name.
ROAD_SUFFIXES: Final = ("大街", "胡同", "大道", "路", "街", "道", "巷", "弄", "条", "里", "段")
COMMUNITY_SUFFIXES: Final = (
    "小区", "社区", "花园", "家园", "新村", "公寓", "大厦", "宿舍", "公馆", "广场", "中心",
    "苑", "院", "村", "园", "城", "庄",
)  # fmt: skip
_SUFFIX_RE: Final = re.compile(
    r"(?P<road>大街|胡同|大道|路(?!口)|街(?!道)|道(?!口)|巷|弄|条|里|段)"
    r"|(?P<area>" + "|".join(COMMUNITY_SUFFIXES) + r")"
)
_ROAD_STEM_RE: Final = re.compile(r"(?:" + "|".join(ROAD_SUFFIXES) + r")$")
# A section after a road (南段, 南三段 → 南3段; a digit run may be a shape's slot).
_SECTION_TAIL_RE: Final = re.compile("[东西南北中]?[0-9\ue000-\ue2ff]*段$")
# 小区 and 社区 are used interchangeably by clerks (阳光小区 / 阳光社区 / 阳光), so they
# are not part of the community's identity; 花园, 家园, 苑, 公寓 … are.
_COMMUNITY_NOISE_RE: Final = re.compile(
    r"小区|社区|居委会|居民委员会|村委会|村民委员会|(?<=平房)区$"
)
_INNER_VILLAGE_RE: Final = re.compile(r"(?<=.)村(?=.)")
COMMITTEE_RE: Final = re.compile(r"[^社]{2,6}?社区(?=[^社]{2})")
# A work unit's housing compound goes by any of these (西南电缆厂宿舍 = 西南电缆厂家属院
# = 西南电缆厂家属区); a bungalow area is 平房 or 平房区.
_STAFF_HOUSING_RE: Final = re.compile(
    r"(?:家属院|家属区|家属楼|家属宿舍|职工宿舍|宿舍区|宿舍|生活区)$"
)
_STATE_OWNED: Final = ("国营", "地方国营")


def _work_unit(name: str) -> str:
    """A work unit's name as its compound is known: without 国营 and without the city
    in front (西安仪表厂家属院 = 仪表厂家属院), when three characters or more are left."""
    for mark in _STATE_OWNED:
        if name.startswith(mark) and len(name) - len(mark) >= 2:
            name = name[len(mark) :]
    d = divisions()
    city = d.prefix_in(name, d.prefectures, 2, leave=3)
    if city is not None and not city.endswith("州"):
        name = name[len(city) :]
    return name


_DIRECTIONS: Final = frozenset("东西南北中")


class Prefix:
    """The administrative parts stripped off the front of an address."""

    __slots__ = ("province", "city", "district", "town")

    def __init__(self) -> None:
        self.province: str | None = None
        self.city: str | None = None
        self.district: str | None = None
        self.town: str | None = None


Admin = tuple[str | None, str | None, str | None, str | None]  # province, city, district, town
_FIRST_DIGIT_RE: Final = re.compile(r"[0-9]")


def split_admin(s: str) -> tuple[Admin, str]:
    """``strip_prefixes`` through a cache keyed on the text before the first digit.

    The prefix never contains a digit, so only that head matters, and heads
    (``北京市朝阳区建国路``) repeat across millions of rows even when flats differ.
    """
    m = _FIRST_DIGIT_RE.search(s)
    cut = m.start() if m else len(s)
    admin, rest = _split_head(s[:cut])
    return admin, rest + s[cut:]


@lru_cache(maxsize=100_000)
def _split_head(head: str) -> tuple[Admin, str]:
    p, rest = strip_prefixes(head)
    return (p.province, p.city, p.district, p.town), rest


def strip_prefixes(s: str) -> tuple[Prefix, str]:
    """Peel province, city, district and town off the front of ``s``.

    Why strip rather than keep: the key is built below the district, and registers
    differ exactly in how much of this prefix they write.
    """
    p = Prefix()
    m = _PROVINCE_RE.match(s)
    if m and not _ROAD_CONTINUATION_RE.match(s[m.end() :]):
        if m["muni"]:
            p.province = p.city = m["muni"]
        else:
            p.province = m["prov"] or m["auto"]
        s = s[m.end() :]
    if p.city is None:
        m = _CITY_RE.match(s)
        if m:
            p.city = m["city"]
            s = s[m.end() :]
        else:
            s = _strip_prefecture(s, p)
    s = _strip_district(s, p)
    m = _TOWN_RE.match(s)
    if m:
        # 电子城街办 = 电子城街道办事处 = 电子城街道: one town, however its office is named.
        p.town = _TOWN_OFFICE_RE.sub(_town_word, m["t"])
        s = s[m.end() :]
    return p, s


_TOWN_OFFICE_RE: Final = re.compile(r"(街道办事处|街道办|街办|地区办事处)$")


def _town_word(m: re.Match[str]) -> str:
    return "地区" if m.group(1) == "地区办事处" else "街道"


_TOWN_SUFFIX_RE: Final = re.compile(r"(?:街道|镇|乡|地区)$")


def town_stem(town: str) -> str:
    """``金花桥街道`` → ``金花桥``: a town's name as a clerk may write it bare."""
    return _TOWN_SUFFIX_RE.sub("", town)


def _strip_prefecture(s: str, p: Prefix) -> str:
    """A prefecture from the official list: written in full (武汉市, 喀什地区, 恩施土家族
    苗族自治州) it is always taken; written bare (武汉, and 德州 or 苏州, whose names end in
    州 without being 自治州) only when a county follows, and never when a road suffix
    follows (德州路, 苏州街 are roads)."""
    d = divisions()
    name = d.prefix_in(s, d.prefectures)
    if name is None:
        return s
    rest = s[len(name) :]
    if _ROAD_CONTINUATION_RE.match(rest):
        return s  # 德州路, 苏州街, 杭州大街: a road named after the city
    if name.endswith(("市", "地区", "盟", "自治州")) or d.prefix_in(rest, d.counties, 2):
        name = d.official_of.get(name, name)  # 凉山州 → 凉山彝族自治州
        p.city = name.removesuffix("地区").removesuffix("市").removesuffix("盟")
        return rest
    return s


def _strip_district(s: str, p: Prefix) -> str:
    if p.city is None or p.city == "北京":
        m = _BJ_DISTRICT_RE.match(s)
        if m and (m["suffix"] or not _ROAD_CONTINUATION_RE.match(s[m.end() :])):
            p.district = m["d"] + "区"
            s = s[m.end() :]
            # 朝阳区朝阳医院… and 朝阳医院… must meet: drop the repeated bare word too.
            again = _BJ_DISTRICT_RE.match(s)
            if (
                again
                and again["d"] == m["d"]
                and not again["suffix"]
                and not _ROAD_CONTINUATION_RE.match(s[again.end() :])
            ):
                s = s[again.end() :]
            return s
    d = divisions()
    name = d.prefix_in(s, d.counties)
    if name is not None and (p.city is not None or name not in _AMBIGUOUS_COUNTIES):
        p.district = name
        return s[len(name) :]
    if p.city is not None and p.city != "北京":
        m = _GENERIC_DISTRICT_RE.match(s)
        if m:
            p.district = m["d"]
            s = s[m.end() :]
    return s


def _cn_sub(m: re.Match[str]) -> str:
    value = cn_to_int(m.group(0))
    return m.group(0) if value is None else str(value)


def _next_door_cn(m: re.Match[str]) -> str:
    value = cn_to_int(m.group(1) or m.group(2))
    return m.group(0) if value is None else f"之{value}号"


def prepare(text: str) -> str:
    """Drop punctuation, unify dashes, upper-case letters and read structural numerals."""
    s = _DASH_RE.sub("-", _DROP_RE.sub("", text)).upper()
    annex = "附" in s
    if "之" in s or annex:
        s = _NEXT_DOOR_CN_RE.sub(_next_door_cn, s)
    if _CN_ANY_RE.search(s) is not None:
        s = _CN_NUMERAL_RE.sub(_cn_sub, s)
    if annex:
        s = _ANNEX_RE.sub("之", s)
    if "之" in s or annex:
        s = _NEXT_DOOR_RE.sub(r"之\1号", s)
    if "第" in s:
        s = _ORDINAL_GROUP_RE.sub("", s)
    return s


@lru_cache(maxsize=65_536)
def segments(run: str) -> tuple[tuple[str, str], ...]:
    """Cut a digit-free run into ``("road" | "area" | "prefix", text)`` segments.

    Each segment ends at a road or community suffix; a segment that is only a
    suffix (``小区`` after ``阳光花园``) or one trailing character (``屯`` after
    ``三里``) is glued to the one before, and neighbours of the same class merge, so
    ``和平里东街`` stays one road and ``阳光花园小区`` one community. A trailing
    甲/乙/丙/丁 comes back as a ``"prefix"`` for the house number that follows.
    """
    raw: list[tuple[str, str]] = []
    start = 0
    for m in _SUFFIX_RE.finditer(run):
        piece = run[start : m.end()]
        cls = "road" if m["road"] else "area"
        if raw and piece == m.group(0):
            raw[-1] = (cls, raw[-1][1] + piece)
        else:
            raw.append((cls, piece))
        start = m.end()
    tail = run[start:]
    if tail:
        if tail in _NUMBER_PREFIXES:
            raw.append(("prefix", tail))
        elif raw and len(tail) == 1:
            cls = raw[-1][0]
            # 三里屯, 八里庄: a one-character tail makes the whole thing a place name;
            # a direction (中山大道西, 解放路北) is still the road's own name.
            if cls == "road" and tail in _DIRECTIONS:
                raw[-1] = (cls, raw[-1][1] + tail)
            else:
                raw[-1] = ("area" if cls == "road" else cls, raw[-1][1] + tail)
        else:
            raw.append(("area", tail))
    merged: list[tuple[str, str]] = []
    for cls, text in raw:
        if merged and (
            merged[-1][0] == cls
            # 员村二横路, 车陂村西约大街: a village's name in front of a road is the
            # road's name (Guangzhou's roads are named after the villages they cross).
            or (cls == "road" and merged[-1][0] == "area" and merged[-1][1].endswith("村"))
        ):
            merged[-1] = (cls, merged[-1][1] + text)
        else:
            merged.append((cls, text))
    return tuple(merged)


def road_stem(road: str) -> str:
    """``建国路`` / ``建国街`` / ``建国大街`` → ``建国``: the same road across registers.

    A 村 inside the name is left out too (车陂村西约大街 = 车陂西约大街): clerks write
    the village in a road or neighbourhood name or not.
    """
    section = _SECTION_TAIL_RE.search(road)
    if section is not None and section.start() > 0:
        # 朱雀大街南段 = 朱雀路南段: the road's stem, then its section (with its number).
        return road_stem(road[: section.start()]) + section.group(0)
    stem = _INNER_VILLAGE_RE.sub("", _ROAD_STEM_RE.sub("", road))
    return stem or road


def community_stem(community: str) -> str:
    """``阳光小区`` / ``阳光社区`` / ``阳光`` → ``阳光``; ``阳光花园`` stays ``阳光花园``.

    A 村 inside the name is left out (猎德村西头坊 = 猎德西头坊); one that ends it
    (华云新村, 马鞍村) is the name's own.
    """
    committee = COMMITTEE_RE.match(community)
    if committee is not None and community.endswith(COMMUNITY_SUFFIXES):
        # 桐梓林社区银杏苑: the residents' committee before the estate is administrative.
        community = community[committee.end() :]
    staff = _STAFF_HOUSING_RE.search(community)
    if staff is not None and staff.start() >= 2:
        community = _work_unit(community[: staff.start()]) + "宿舍"
    stem = _INNER_VILLAGE_RE.sub("", _COMMUNITY_NOISE_RE.sub("", community))
    return stem or community


def number_value(tok: str) -> str:
    """Digits without leading zeros (``0502`` → ``502``); letters are kept upper-case.

    A next-door number (``233之01``) is read run by run, as the shape cache reads it.
    Interned: a few thousand distinct numbers recur in millions of cached parses.
    """
    if "之" in tok:
        return sys.intern(
            "之".join(number_value(part) if part else part for part in tok.split("之"))
        )
    if tok[0] == "0":
        stripped = tok.lstrip("0")
        tok = stripped if stripped[:1].isdigit() else "0" + stripped
    return sys.intern(tok)
