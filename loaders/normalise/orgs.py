"""Organisation names and unified social credit codes.

A company is written ``北京华信科技有限责任公司``, ``华信科技（北京）有限公司`` or just
``华信科技`` depending on the register. ``normalise_org_name`` separates the parts
that vary (region, legal form, brackets, width, script) from the trade name
(``core``) that identifies the company:

* ``full`` — the whole name, simplified, NFKC, brackets ``()``, the legal form in
  its canonical spelling (有限责任公司 → 有限公司, 股份有限公司 → 股份公司, 小学校 →
  小学). The branch stays in ``full`` so a branch never collapses into its parent.
  What an employer cell says about the person rather than the unit is left out: a
  status (西安仪表厂（退休）, 西安仪表厂退休, 原西安仪表厂) and a department
  (西安仪表厂三车间, 雁塔区人民医院内科); see the section comment above ``_unit_of``.
* ``core`` — ``full`` minus the region (front ``北京`` / ``北京市`` or bracketed
  ``(北京)``), the enterprise legal form and the branch.
* ``branch`` — the branch as written, its place in its short form (雁塔区分公司 →
  雁塔分公司).
* Enterprise legal forms (有限公司, 合伙企业, 个体工商户, 工作室, 事务所, 合作社 …)
  are stripped from ``core`` because sources add or drop them freely. Institution
  words (医院, 学校, 研究院, 中心, 委员会) are recorded in ``legal_form`` too but kept
  in ``core``: for an institution the word is part of the name (朝阳医院 is not
  朝阳学校). Government units (朝阳区民政局) have no legal form at all.
* For a company the region is only a province or city (``北京``).

Public bodies (government offices, committees, hospitals, schools, courts, police:
a name that ends with a public kind word and has no enterprise legal form) are
written with any part of their administrative chain dropped and their kind word
shortened, so they are parsed as ``[region][district][人民政府][town] place + kind``
(see the section comment above ``_parse_public``):

* ``region`` — province or prefecture (``上海``, ``武汉``: any prefecture of GB/T 2260);
  ``district`` — the county-level division as written (``浦东新区``, ``朝阳区``, from
  ``data/divisions.txt``, so any district in China; ``浦东`` from ``浦东分局``);
  ``town`` — the 街道 / 镇 / 乡 in front of a 居委会 or 村委会. All three are qualifiers
  the resolver treats like a company's city: equal, or not stated on one side.
* The kind word is canonical: 街道办 / 街道 → 街道办事处; 镇政府 / bare 镇 → 镇人民政府;
  居委会 / 居委 → 居民委员会; 村委会 / 村委 → 村民委员会; 社区医院 / 社区卫生中心 →
  社区卫生服务中心; 中医院 → 中医医院; 法院 → 人民法院; 公安局浦东分局 → 浦东公安分局;
  一中 / 第1中学 / 1中 → 第一中学; 街办 → 街道办事处. A lone 市 in front of a numbered
  body (市第三人民医院, 市一中) is the city, not stated. The kind word is the
  ``legal_form`` of a body named by its own place (``PUBLIC_KINDS``).
* ``core`` of a body named by its own place (塘桥街道办事处, 康桥镇人民政府,
  团港村民委员会, 陆家嘴社区卫生服务中心, 塘桥派出所) leaves the district out; the core
  of a body named by its district (人民医院, 民政局, 法院, schools) keeps it, in its
  short spelling, because ``朝阳区民政局`` and ``海淀区民政局`` are different units:
  浦东新区人民医院 and 浦东人民医院 → ``浦东人民医院``.

Placeholder employers (无, 退休, 学生, 待业, 务工 …) are not organisations: they come back
with ``placeholder=True`` and an empty ``core`` so the resolver can skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from typing import Any, Final

from loaders.normalise.divisions import AMBIGUOUS_COUNTIES, divisions
from loaders.normalise.text import clean_text, cn_to_int, nfkc, to_simplified

__all__ = [
    "PUBLIC_KINDS",
    "NormCode",
    "NormOrgName",
    "credit_code_check_char",
    "is_placeholder_employer",
    "normalise_credit_code",
    "normalise_org_name",
    "same_division",
    "short_division",
]


@dataclass(frozen=True, slots=True)
class NormOrgName:
    raw: str
    full: str
    core: str
    region: str | None
    legal_form: str | None
    branch: str | None
    placeholder: bool
    district: str | None = None
    town: str | None = None

    def to_json(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies and costs µs per call.
        return {
            "raw": self.raw,
            "full": self.full,
            "core": self.core,
            "region": self.region,
            "legal_form": self.legal_form,
            "branch": self.branch,
            "placeholder": self.placeholder,
            "district": self.district,
            "town": self.town,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> NormOrgName:
        values: dict[str, Any] = {n: d.get(n) for n in _ORG_NAME_FIELDS}
        for name in ("raw", "full", "core"):
            values[name] = str(values[name] or "")
        values["placeholder"] = bool(values["placeholder"])
        return cls(**values)


# Field names once (``fields()`` costs µs per call; from_json runs per distinct value).
_ORG_NAME_FIELDS: Final = tuple(f.name for f in fields(NormOrgName))


@dataclass(frozen=True, slots=True)
class NormCode:
    raw: str
    value: str
    valid: bool
    reason: str | None

    def to_json(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies and costs µs per call.
        return {
            "raw": self.raw,
            "value": self.value,
            "valid": self.valid,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> NormCode:
        return cls(
            raw=str(d.get("raw") or ""),
            value=str(d.get("value") or ""),
            valid=bool(d.get("valid")),
            reason=d.get("reason"),
        )


# --- placeholders ---------------------------------------------------------------------

PLACEHOLDER_WORDS: Final = (
    "无", "没有", "暂无", "无业", "待业", "失业", "下岗", "未就业", "无工作", "无单位",
    "无固定单位", "无固定工作", "退休", "离休", "离退休", "退休人员", "退休职工", "学生",
    "在校学生", "在校", "在读", "学龄前", "儿童", "幼儿", "婴儿", "散居", "自由职业",
    "自由职业者", "灵活就业", "个体", "个体户", "个体经营", "务农", "农民", "家务",
    "家庭主妇", "主妇", "在家", "不详", "未知", "不明", "其他", "其它", "空", "NULL",
    "NONE", "NA", "N/A", "0",
    # a way of working, not a workplace: 务工 / 外出打工 / 打零工, 待岗, 学前
    "务工", "务工人员", "打工", "外出", "零工", "打零工", "临时工", "无职业", "待岗", "学前",
    "病休", "病退", "内退", "退养", "退职",
)  # fmt: skip
# A cell made only of placeholder words (退休/无, 无（退休）) is still a placeholder.
_PLACEHOLDER_RE: Final = re.compile(
    r"^(?:"
    + "|".join(re.escape(w) for w in sorted(PLACEHOLDER_WORDS, key=len, reverse=True))
    + r")*$"
)
_PUNCT_RE: Final = re.compile(r"[\s\-—_/\\|.,，。、;；:：()（）\[\]【】<>《》\"'“”?？!！*#~`]+")


def is_placeholder_employer(raw: str | None) -> bool:
    """True for values that say "no employer" (无, 退休, 学生, -, /); blank is one too."""
    if raw is None:
        return True
    folded = _PUNCT_RE.sub("", to_simplified(clean_text(raw))).upper()
    return _PLACEHOLDER_RE.match(folded) is not None


# --- names ----------------------------------------------------------------------------

# (variant, canonical), longest variant first so 集团有限责任公司 wins over 有限公司.
_ENTERPRISE_FORMS: Final = tuple(
    sorted(
        [
            ("集团股份有限公司", "集团股份公司"), ("集团股份公司", "集团股份公司"),
            ("集团有限责任公司", "集团有限公司"), ("集团有限公司", "集团有限公司"),
            ("股份有限公司", "股份公司"), ("股份公司", "股份公司"),
            ("有限责任公司", "有限公司"), ("有限公司", "有限公司"),
            ("合伙企业(有限合伙)", "合伙企业(有限合伙)"), ("有限合伙企业", "合伙企业(有限合伙)"),
            ("(有限合伙)", "合伙企业(有限合伙)"),
            ("合伙企业(普通合伙)", "合伙企业(普通合伙)"), ("普通合伙企业", "合伙企业(普通合伙)"),
            ("(普通合伙)", "合伙企业(普通合伙)"), ("合伙企业", "合伙企业"),
            ("个人独资企业", "个人独资企业"), ("个体工商户", "个体工商户"),
            ("专业合作社", "合作社"), ("合作社", "合作社"),
            # a village group's economic co-operative (Guangdong), written short
            ("经济合作社", "经济合作社"), ("经济社", "经济合作社"),
            ("(集团)有限公司", "集团有限公司"), ("(集团)股份公司", "集团股份公司"),
            ("(集团)", "集团"), ("工作室", "工作室"), ("事务所", "事务所"),
            ("公司", "公司"), ("集团", "集团"),
        ],
        key=lambda p: len(p[0]),
        reverse=True,
    )
)  # fmt: skip
_FORM_CANON: Final = dict(_ENTERPRISE_FORMS)
_FORM_RE: Final = re.compile(r"(?:" + "|".join(re.escape(v) for v, _ in _ENTERPRISE_FORMS) + r")$")
# Canonicalise spelled-out forms wherever they stand (also before a branch suffix).
_FORM_CANON_RE: Final = re.compile(r"有限责任公司|股份有限公司")
_INSTITUTION_RE: Final = re.compile(r"(?:研究院|研究所|医院|学校|中心|委员会)$")

_BRANCH_WORDS: Final = (
    "分公司", "分店", "营业部", "分部", "办事处", "分行", "支行", "分理处", "分所",
    "分院", "分中心", "门市部", "经营部", "分厂", "分社",
)  # fmt: skip
_BRANCH_ALT = "|".join(_BRANCH_WORDS)
_BEIJING_DISTRICTS = (
    "东城|西城|朝阳|海淀|丰台|石景山|门头沟|房山|通州|顺义|昌平|大兴|怀柔|平谷|密云|延庆"
)
# Parent form + branch: greedy so the last legal form before the branch is the split.
_PARENT_BRANCH_RE: Final = re.compile(
    r"^(?P<parent>.*(?:公司|集团|合伙企业|合作社|事务所|\)))(?P<b>.+(?:" + _BRANCH_ALT + r"))$"
)
_BRANCH_END_RE: Final = re.compile(r"(?:第[一二三四五六七八九十0-9]+)?(?:" + _BRANCH_ALT + r")$")
# Without a parent form, the branch is its place word: a known district, an
# ``XX区/市/县``, nothing when an industry word ends the trade name (华信科技营业部),
# the two to four characters after the last industry word (房地产开发陆家嘴分公司),
# or else the two characters before the branch word (华信餐厅望京分店).
_INDUSTRY_WORDS: Final = (
    r"科技|技术|商贸|贸易|银行|保险|证券|文化|传媒|餐饮|超市|药店|物业|实业|投资|咨询|"
    r"服务|电子|信息|网络|建设|工程|物流|快递|医药|教育|家政|装饰|汽车|地产|置业|发展|"
    r"开发|管理|派遣|劳务|租赁|制造|设计|装修|装潢|广告|印刷|运输|货运|仓储|食品|酒店|"
    r"环保|能源|机械|设备|材料|化工|生物|制药|健康|美容|培训|软件|数据|智能|通信|电器|"
    r"五金|建材|家具|纺织|服饰|百货|营销|策划|旅游|影视|体育|安防|保安|保洁|绿化|园林|"
    r"农业|电力|燃气|供应链|机电|光电|商务|中介|经纪|包装|配送|资产|担保|评估|会计|顾问|"
    r"传播|火锅|茶业|酒业|医疗|器械|养老|家居|通讯|半导体"
)
_INDUSTRY_END_RE: Final = re.compile(r"(?:" + _INDUSTRY_WORDS + r")$")
_BRANCH_PLACE_RE: Final = re.compile(
    r"(?:(?:" + _BEIJING_DISTRICTS + r")区?|[\u4e00-\u9fff]{2}[区市县])$"
)


def _split_branch(name: str) -> tuple[str, str | None]:
    m = _PARENT_BRANCH_RE.match(name)
    if m:
        return m["parent"], m["b"]
    end = _BRANCH_END_RE.search(name)
    if end is None:
        return name, None
    before = name[: end.start()]
    place = _BRANCH_PLACE_RE.search(before)
    if place:
        cut = place.start()
    elif _INDUSTRY_END_RE.search(before):
        cut = len(before)
    else:
        # the place after the last industry word (2-4 characters), else two characters
        cut = next(
            (len(before) - n for n in (2, 3, 4) if _INDUSTRY_END_RE.search(before[:-n])),
            max(len(before) - 2, 0),
        )
    if cut < 2:  # nothing left for the parent: 分公司 alone, 望京分公司
        return name, None
    return name[:cut], name[cut:]


_PLACES: Final = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
    "深圳", "广州", "杭州", "南京", "武汉", "成都", "西安", "苏州", "厦门", "青岛", "大连",
    "沈阳", "长沙", "郑州", "济南", "合肥", "福州", "宁波", "石家庄", "廊坊", "保定",
)  # fmt: skip
_PLACE_ALT = "|".join(sorted(_PLACES, key=len, reverse=True))
# 中国 only counts in brackets: in front it is part of the name (中国银行, 中国工商银行).
_REGION_FRONT_RE: Final = re.compile(r"^(?P<r>" + _PLACE_ALT + r")(?:市|省|自治区)?")
_REGION_BRACKET_RE: Final = re.compile(r"\((?P<r>" + _PLACE_ALT + r"|中国)(?:市|省|自治区)?\)")
# Words too generic to stand alone: 北京大学 / 北京饭店 keep their region in core.
_GENERIC_CORES: Final = frozenset(
    {"大学", "饭店", "酒店", "宾馆", "医院", "银行", "中学", "小学", "学校", "学院", "公司",
     "集团", "中心", "图书馆", "博物馆", "动物园", "火车站", "站", "市"}
)  # fmt: skip

# --- public bodies --------------------------------------------------------------------
#
# A public body is named by its administrative chain plus a kind word:
# ``上海市 浦东新区 人民政府 塘桥 街道办事处``. Clerks drop any part of the chain and
# shorten the kind word (塘桥街道办, 塘桥街道办事处, 浦东新区塘桥街道办事处), so the
# chain is parsed into ``region`` (province or prefecture), ``district`` (county level,
# from the official list) and, for residents' and villagers' committees, ``town`` (the
# 街道 / 镇 / 乡 in front); the resolver treats them like the city of a company: equal
# or not stated. Two families of kinds:
#
# * *Named by their own place* (``PUBLIC_KINDS``): a 街道办事处, 镇/乡人民政府, 居民委员会,
#   村民委员会, 社区卫生服务中心, 卫生院 or 派出所 is named after a place below the
#   district, so ``core`` is that place plus the canonical kind (塘桥街道办事处,
#   康桥镇人民政府, 团港村民委员会) and the district is only a qualifier.
# * *Named by the district itself* (every other public body: 人民医院, 民政局, 人民法院,
#   公安分局, 第一中学, and also 陆家嘴中学): the district is part of the identity
#   (朝阳区人民医院 ≠ 海淀区人民医院), so ``core`` keeps it, in its short spelling
#   (浦东新区人民医院 and 浦东人民医院 → 浦东人民医院). The same body written with no
#   place at all (人民医院, 陆家嘴中学) is matched by the resolver's administrative-
#   prefix rule, which asks for exactly one candidate.

_DIVISION_SUFFIX_RE: Final = re.compile(r"(?:新区|地区|区|县|市|旗|盟)$")


@cache
def _counties() -> frozenset[str]:
    """County-level names in their official form (洪山区, 浦东新区, 昆山市), words that
    are ordinary words too left out."""
    return divisions().counties - AMBIGUOUS_COUNTIES


def short_division(name: str) -> str:
    """The everyday short form of a division: 浦东新区 → 浦东, 朝阳区 → 朝阳, 武汉市 → 武汉.

    A name that would keep a single character keeps its suffix (南县, 沙县), and an
    autonomous county or prefecture (…自治县) is never shortened.
    """
    if "自治" in name:
        return name
    m = _DIVISION_SUFFIX_RE.search(name)
    return name[: m.start()] if m is not None and m.start() >= 2 else name


def same_division(a: str | None, b: str | None) -> bool:
    """Compatible divisions: one not stated, equal, or one the other's short form
    (浦东 / 浦东新区); 朝阳区 and 朝阳县 are not."""
    return a is None or b is None or a == b or a.startswith(b) or b.startswith(a)


# After a stripped place, a road or gate word means the place was the start of a
# name (南京路街道, 南京东路街道, 朝阳门派出所), not the region, and so does 大学 (四川大学
# 华西医院 is the university's hospital); so does 场 after 市 (义乌市场监督管理局 is
# 义乌市 + 市场…, written with one 市).
_CONTINUATION_RE: Final = re.compile(r"^(?:[东西南北中]?[路街道巷弄里门桥]|大道|大街|大学)")


def _place_ends(place: str, after: str) -> bool:
    """``place`` can be cut off in front of ``after``."""
    return not _CONTINUATION_RE.match(after) and not (place.endswith("市") and after[:1] == "场")


# A name that ends with one of these (and has no enterprise legal form) is parsed as a
# public body.
_PUBLIC_END_RE: Final = re.compile(
    r"(?:政府|办事处|街道办|街道|街办|镇|乡|委员会|委会|居委|村委|局|厅|委|办公室|法院|检察院|"
    r"医院|卫生院|保健院|学校|中学|小学|[一二三四五六七八九十0-9][中小幼]|幼儿园|学院|大学|中心|"
    r"所|站|馆|队|协会|联合会|经济联合社|经济联社|经联社)$"
)
_NOT_PUBLIC_RE: Final = re.compile(r"公司|企业|合伙|合作社|个体工商户|[()]")
_CJK_STEM = r"(?P<s>[\u4e00-\u9fff0-9A-Za-z]{2,}?)"
# Kinds named by their own place: (pattern over what follows the district, canonical
# kind). A stem ending in one of the ``_NOT_A_STEM`` words is not a place name.
_OWN_PLACE_KINDS: Final = (
    # A village's collective economic organisation (Guangdong): 经济联合社, short 经联社,
    # and after the shareholding reform 股份合作经济联社; 经济合作社 is a lower level.
    (re.compile(_CJK_STEM + r"村?(?:股份合作)?(?:经济联合社|经济联社|经联社)"), "经济联合社"),
    (
        re.compile(
            _CJK_STEM
            + r"(?:街道|新镇|镇|乡)?(?:社区卫生服务中心|社区卫生中心|社区医院|卫生服务中心)"
        ),
        "社区卫生服务中心",
    ),
    (re.compile(_CJK_STEM + r"(?:镇|乡)?(?P<k>中心卫生院|卫生院)"), "卫生院"),
    (re.compile(_CJK_STEM + r"村?(?:村民委员会|村委会|村委)"), "村民委员会"),
    (re.compile(_CJK_STEM + r"(?:社区)?(?:居民委员会|居委会|居委)"), "居民委员会"),
    (re.compile(_CJK_STEM + r"(?:街道(?:办事处|办)?|街办)"), "街道办事处"),
    (re.compile(r"(?P<s>[\u4e00-\u9fff]+?)(?P<k>镇|乡)(?:人民政府|政府)"), "人民政府"),
    (re.compile(_CJK_STEM + r"(?P<k>镇|乡)"), "人民政府"),
    (
        re.compile(
            r"(?:公安局(?P<d1>[\u4e00-\u9fff]{2,}?)分局|(?P<d2>[\u4e00-\u9fff]{2,}?)公安分局"
            r"|公安分局|公安局|(?P<d3>[\u4e00-\u9fff]{2,}?)(?:公安局|分局))?"
            + _CJK_STEM
            + r"(?:街道|镇|乡)?派出所"
        ),
        "派出所",
    ),
)
PUBLIC_KINDS: Final = frozenset(
    {"社区卫生服务中心", "卫生院", "中心卫生院", "村民委员会", "居民委员会", "街道办事处",
     "镇人民政府", "乡人民政府", "派出所", "经济联合社"}
)  # fmt: skip
_NOT_A_STEM: Final = ("社区", "古", "小", "水", "街道", "人民政府", "政府")
# The 街道 / 镇 / 乡 written in front of a residents' or villagers' committee. A village
# always lies in a 镇 or 乡, so before a 村民委员会 a one-character town counts too
# (唐镇龙丰村村委会); an estate's own name may hold the character (金镇花园居委会).
_TOWN_RE: Final = re.compile(r"(?P<t>(?P<ts>[\u4e00-\u9fff]+?)(?:街道|新镇|镇|乡))(?P<r>.{4,})")
_COMMITTEES: Final = frozenset({"居民委员会", "村民委员会"})

# Kinds named by the district: spellings of the same kind word.
_SPECIAL_COURTS: Final = (
    "海事", "运输", "铁路", "知识产权", "金融", "互联网", "军事", "中级", "高级", "专门", "森林",
    "农垦", "林区", "矿区",
)  # fmt: skip
_COURT_RE: Final = re.compile(r"(?P<p>[\u4e00-\u9fff]{0,4}?)(?P<k>法院|检察院)")
_POLICE_BUREAU_RE: Final = re.compile(r"公安局(?P<d>[\u4e00-\u9fff]{2,4}?)分局")
_NUMERAL = r"[一二三四五六七八九十百零〇两0-9]+"
# 第一一三中学, 113中学, 一一三中; 第二十八中学, 28中; 第一幼儿园, 一幼: one numbered school.
_NUMBERED_SCHOOL_RE: Final = re.compile(
    r"(?P<p>[\u4e00-\u9fff]*?)(?:第?(?P<n>" + _NUMERAL + r")(?P<k>中学|小学|幼儿园)"
    r"|(?P<n2>[一二三四五六七八九十]+|[0-9]+)(?P<k2>中|小|幼))"
)
_SHORT_SCHOOL_KIND: Final = {"中": "中学", "小": "小学", "幼": "幼儿园"}
_CN_DIGIT: Final = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1..999 in Chinese numerals as schools are numbered (十一, 八十, 一百零五)."""
    if n < 10:
        return _CN_DIGIT[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGIT[tens]) + "十" + (_CN_DIGIT[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + _CN_DIGIT[rest] if rest < 10 else _cn_number(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return _CN_DIGIT[hundreds] + "百" + tail


def _own_place_kind(rest: str) -> tuple[str, str, str | None] | None:
    """(core, kind, district named inside: 公安局浦东分局…) of a body named by its place."""
    for pattern, kind in _OWN_PLACE_KINDS:
        m = pattern.fullmatch(rest)
        if m is None or m["s"].endswith(_NOT_A_STEM):
            continue
        groups = m.groupdict()
        word = kind if kind != "人民政府" else groups["k"] + kind
        if kind == "卫生院":
            word = groups["k"]
        district = groups.get("d1") or groups.get("d2") or groups.get("d3")
        return m["s"] + word, word, district
    return None


def _canonical_kind_word(rest: str) -> str:
    """The canonical spelling of a body named by its district (after the district)."""
    if rest.startswith("政府"):
        return "人民" + rest  # 区政府 / 区政府办公室
    if rest.endswith("中医院") and not rest.endswith("中医医院"):
        return rest[:-3] + "中医医院"
    if (m := _POLICE_BUREAU_RE.fullmatch(rest)) is not None:
        return short_division(m["d"]) + "公安分局"  # 公安局洪山区分局 → 洪山公安分局
    if (m := _COURT_RE.fullmatch(rest)) is not None and not m["p"].endswith(
        ("人民", *_SPECIAL_COURTS)
    ):
        return m["p"] + "人民" + m["k"]
    if (m := _NUMBERED_SCHOOL_RE.fullmatch(rest)) is not None:
        prefix = m["p"]
        if m["n2"] is not None and prefix and len(prefix) < 2 and prefix != "市":
            return rest  # 高一中, 初一中: not a numbered school
        number = cn_to_int(m["n"] or m["n2"])
        if number is None or not 0 < number < 1000:
            return rest
        kind = m["k"] or _SHORT_SCHOOL_KIND[m["k2"]]
        return ("" if prefix == "市" else prefix) + "第" + _cn_number(number) + kind
    return rest


@dataclass(frozen=True, slots=True)
class _Public:
    core: str
    region: str | None
    district: str | None
    town: str | None
    kind: str | None


def _parse_public(name: str) -> _Public | None:
    """Parse a public body (see the section comment); ``None`` when ``name`` is not one."""
    if _NOT_PUBLIC_RE.search(name) or _FORM_RE.search(name) or not _PUBLIC_END_RE.search(name):
        return None  # a company (…事务所, …集团) or not a public body's kind word
    if _BRANCH_END_RE.search(name) and not name.endswith("街道办事处"):
        return None  # a branch (…医院朝阳分院, …驻京办事处) keeps the company rules
    d = divisions()
    rest, region, district = name, None, None
    if (m := _REGION_FRONT_RE.match(rest)) is not None:
        after = rest[m.end() :]
        if len(after) >= 2 and after not in _GENERIC_CORES and _place_ends(m[0], after):
            region, rest = m["r"], after
    if (p := d.prefix_in(rest, d.official_prefectures, leave=2)) is not None:
        after = rest[len(p) :]
        if after not in _GENERIC_CORES and _place_ends(p, after):
            region, rest = short_division(p), after
    if (c := d.prefix_in(rest, _counties(), leave=2)) is not None:
        after = rest[len(c) :]
        if _place_ends(c, after):
            district, rest = c, after
    if region is None and district is None and rest.startswith("市第"):
        rest = rest[1:]  # 市第三人民医院: the city's own numbered body, the city left out
    for word in ("人民政府", "政府"):  # 浦东新区人民政府塘桥街道办事处: the district's agency
        if rest.startswith(word) and _own_place_kind(rest[len(word) :]) is not None:
            rest = rest[len(word) :]
    town: str | None = None
    own = _own_place_kind(rest)
    if (own is None or own[1] in _COMMITTEES) and (t := _TOWN_RE.fullmatch(rest)) is not None:
        inner = _own_place_kind(t["r"])
        if (
            inner is not None
            and inner[1] in _COMMITTEES
            and (len(t["ts"]) >= 2 or inner[1] == "村民委员会")
        ):
            own, town = inner, t["t"]  # 张江镇|团港村村民委员会
    if own is not None:
        core, kind, named = own
        return _Public(core, region, district or named, town, kind)
    rest = _canonical_kind_word(rest)
    core = short_division(district) + rest if district else rest
    im = _INSTITUTION_RE.search(core)
    return _Public(core, region, district, None, im.group(0) if im else None)


# --- what a clerk writes about the person ---------------------------------------------
#
# An employer cell names the unit a person works (or worked) for, and clerks add what
# is true of the person, not of the unit: a status (西安仪表厂（退休）, 西安仪表厂退休,
# 原西安仪表厂: retired from, formerly at) or a department (西安仪表厂三车间,
# 雁塔区人民医院内科, 某某学院后勤处). Both are left out of ``full``, so the employer
# meets the unit's own register row. A department is cut only after a word that ends a
# unit's name (厂, 公司, 院, 所, 大学, 学校, 局 …) and only in a department's shapes
# (N车间, …科, …处, …室, …部, …系, 后勤 …); so is a school's campus (…校区). A branch
# (分公司, 分院, 营业部, 办事处) is a unit of its own, never a department, and neither
# is a government's 办公室 (人民政府 does not end a unit here) nor a 俱乐部 or 门诊部.
# A leading 原 ("formerly") is cut when a place follows it (原西安仪表厂) or a unit
# that is not a company (原仪表厂): 原 also starts trade names (原野科技) and places
# (原平市).

_STATUS: Final = (
    r"(?:已|原)?(?:离退休|退休|离休|内退|退养|下岗|离职|退职|病退)"
    r"(?:人员|职工|干部|教师|工人|员工)?"
)
# a status, or a school's campus (西南民族大学（武侯校区）): where, not who
_STATUS_BRACKET_RE: Final = re.compile(r"\((?:" + _STATUS + r"|原|[\u4e00-\u9fff]{1,6}校区)\)")
_STATUS_END_RE: Final = re.compile(_STATUS + r"$")
_UNIT_END = r"(?:厂|公司|集团|院|所|大学|学校|中学|小学|局|办事处|中心|矿)"
_DEPARTMENT_RE: Final = re.compile(
    r"^(?P<unit>.{2,}" + _UNIT_END + r")(?P<d>"
    r"[一二三四五六七八九十0-9第]+车间|[\u4e00-\u9fff]{1,3}(?:车间|工段|班组)"
    r"|[\u4e00-\u9fff]{1,5}科|[\u4e00-\u9fff]{1,3}[处室部系]|[\u4e00-\u9fff]{1,4}校区"
    r"|后勤|食堂|保卫|财务|总务|机关|门诊|急诊|病房|图书馆|职工|员工)$"
)
_NOT_A_DEPARTMENT_RE: Final = re.compile(_BRANCH_ALT + r"|俱乐部|门诊部|工作室")
_FORMER_RE: Final = re.compile(r"^原(?P<rest>.{3,})$")
_FORMER_UNIT_END_RE: Final = re.compile(r"(?:厂|院|所|大学|学校|中学|小学|局|矿|站|场|馆|中心)$")


@cache
def _places_starting_with_former() -> tuple[str, ...]:
    """Short forms of the divisions whose name starts with 原 (原平市 → 原平)."""
    d = divisions()
    return tuple(
        sorted({short_division(n) for n in d.counties | d.official_prefectures if n[0] == "原"})
    )


def _starts_with_place(name: str) -> bool:
    d = divisions()
    return (
        _REGION_FRONT_RE.match(name) is not None
        or d.prefix_in(name, d.official_prefectures) is not None
        or d.prefix_in(name, _counties()) is not None
    )


def _unit_of(name: str) -> str:
    """``name`` without a status (退休, 原) or a department (三车间, 内科) of the person."""
    out = _STATUS_BRACKET_RE.sub("", name)
    if (m := _STATUS_END_RE.search(out)) is not None and m.start() >= 2:
        out = out[: m.start()]
    if (
        (m := _FORMER_RE.match(out)) is not None
        and not out.startswith(_places_starting_with_former())
        and (
            _starts_with_place(m["rest"])
            or (_FORMER_UNIT_END_RE.search(m["rest"]) and not _NOT_PUBLIC_RE.search(m["rest"]))
        )
    ):
        out = m["rest"]
    if (m := _DEPARTMENT_RE.match(out)) is not None and not _NOT_A_DEPARTMENT_RE.search(m["d"]):
        out = m["unit"]
    return out or name


# 小学校 / 中学校 is the official spelling of some schools (成都市武侯区玉林小学校).
_SCHOOL_SUFFIX_RE: Final = re.compile(r"(?<=[中小]学)校$")
# A branch's place is written with or without its division word: 雁塔区分公司 = 雁塔分公司.
_BRANCH_PARTS_RE: Final = re.compile(
    r"^(?P<p>.+?)(?P<w>(?:第[一二三四五六七八九十0-9]+)?(?:" + _BRANCH_ALT + r"))$"
)


def _canonical_branch(branch: str | None) -> str | None:
    if branch is None or (m := _BRANCH_PARTS_RE.match(branch)) is None:
        return branch
    return short_division(m["p"]) + m["w"]


_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
_SPACE_RE: Final = re.compile(r"\s+")


def _tidy_brackets(name: str) -> str:
    """Drop empty ``()`` and any bracket left unbalanced by the stripping above."""
    name = name.replace("()", "")
    if name.count("(") != name.count(")"):
        name = name.replace("(", "").replace(")", "")
    return name


@lru_cache(maxsize=200_000)
def _parse_org(raw: str) -> NormOrgName | None:
    cleaned = clean_text(raw)
    if not cleaned:
        return None
    if is_placeholder_employer(cleaned):
        return NormOrgName(raw, to_simplified(cleaned), "", None, None, None, True)
    full = _SPACE_RE.sub("", to_simplified(cleaned).translate(_BRACKETS))
    full = _FORM_CANON_RE.sub(
        lambda m: "有限公司" if m.group(0) == "有限责任公司" else "股份公司", full
    )
    full = _SCHOOL_SUFFIX_RE.sub("", _unit_of(full))
    public = _parse_public(full)
    if public is not None and public.core:
        return NormOrgName(
            raw, full, public.core, public.region, public.kind, None, False,
            public.district, public.town,
        )  # fmt: skip
    name, branch = _split_branch(full)
    branch = _canonical_branch(branch)
    region: str | None = None
    rm = _REGION_BRACKET_RE.search(name)
    if rm:
        region = rm["r"]
        name = name[: rm.start()] + name[rm.end() :]
    legal_form: str | None = None
    fm = _FORM_RE.search(name)
    if fm and fm.start() > 0:
        legal_form = _FORM_CANON[fm.group(0)]
        name = name[: fm.start()]
    elif (im := _INSTITUTION_RE.search(name)) is not None:
        legal_form = im.group(0)
    if region is None:
        rm = _REGION_FRONT_RE.match(name)
        rest = name[rm.end() :] if rm else ""
        if rm and len(rest) >= 2 and rest not in _GENERIC_CORES:
            region = rm["r"]
            name = rest
    core = _tidy_brackets(name) or full
    return NormOrgName(raw, full, core, region, legal_form, branch, False)


def normalise_org_name(raw: str | None) -> NormOrgName | None:
    """Split an organisation name into full / core / region / legal form / branch.

    ``None`` for a blank cell; placeholders (无, 退休 …) give ``placeholder=True``.
    Never raises.
    """
    if raw is None:
        return None
    if not isinstance(raw, str):
        raw = str(raw)
    if not raw.strip():
        return None
    try:
        return _parse_org(raw)
    except Exception:  # a normaliser never raises: keep the value unparsed
        cleaned = clean_text(raw)
        return NormOrgName(raw, cleaned, cleaned, None, None, None, False)


# --- unified social credit code (GB 32100-2015) ---------------------------------------

CREDIT_CODE_CHARS: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I O S V Z
_CODE_INDEX: Final = {c: i for i, c in enumerate(CREDIT_CODE_CHARS)}
_CODE_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CODE_SEP_RE: Final = re.compile(r"""[\s\-_.·'"]+""")  # Excel's leading ' included


def credit_code_check_char(first17: str) -> str:
    """The 18th (check) character for the first 17 characters of a credit code.

    Raises ``ValueError`` on a wrong length or a character outside the code set;
    it is a generator helper, not a normaliser.
    """
    body = first17.upper()
    if len(body) != 17:
        raise ValueError(f"need 17 characters, got {len(body)}")
    try:
        total = sum(_CODE_INDEX[c] * w for c, w in zip(body, _CODE_WEIGHTS, strict=True))
    except KeyError as exc:
        raise ValueError(f"character {exc.args[0]!r} is not in the credit code set") from exc
    check = 31 - total % 31
    return CREDIT_CODE_CHARS[0 if check == 31 else check]


def normalise_credit_code(raw: str | None) -> NormCode | None:
    """Fold and check a unified social credit code; ``None`` for a blank cell.

    Full-width characters, lower case, spaces and hyphens are folded away. A wrong
    length, a character outside the set or a wrong check character gives
    ``valid=False`` with a ``reason`` (the value is still evidence). Never raises.
    """
    if raw is None:
        return None
    text = str(raw)
    value = _CODE_SEP_RE.sub("", nfkc(text)).upper()
    if not value:
        return None
    bad = sorted({c for c in value if c not in _CODE_INDEX})
    if bad:
        return NormCode(text, value, False, f"bad character {''.join(bad)}")
    if len(value) != 18:
        return NormCode(text, value, False, f"bad length {len(value)}")
    if credit_code_check_char(value[:17]) != value[17]:
        return NormCode(text, value, False, "bad check character")
    return NormCode(text, value, True, None)
