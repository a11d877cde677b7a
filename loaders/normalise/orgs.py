"""Organisation names and unified social credit codes.

A company is written ``北京华信科技有限责任公司``, ``华信科技（北京）有限公司`` or just
``华信科技`` depending on the register. ``normalise_org_name`` separates the parts
that vary (region, legal form, brackets, width, script) from the trade name
(``core``) that identifies the company:

* ``full`` — the whole name, simplified, NFKC, brackets ``()``, the legal form in
  its canonical spelling (有限责任公司 → 有限公司, 股份有限公司 → 股份公司). The
  branch stays in ``full`` so a branch never collapses into its parent.
* ``core`` — ``full`` minus the region (front ``北京`` / ``北京市`` or bracketed
  ``(北京)``), the enterprise legal form and the branch.
* Enterprise legal forms (有限公司, 合伙企业, 个体工商户, 工作室, 事务所, 合作社 …)
  are stripped from ``core`` because sources add or drop them freely. Institution
  words (医院, 学校, 研究院, 中心, 委员会) are recorded in ``legal_form`` too but kept
  in ``core``: for an institution the word is part of the name (朝阳医院 is not
  朝阳学校). Government units (朝阳区民政局) have no legal form at all.
* The region is only a province or city (``北京``); a district in front stays in
  ``core`` because ``朝阳区民政局`` and ``海淀区民政局`` are different units.

Placeholder employers (无, 退休, 学生, 待业 …) are not organisations: they come back
with ``placeholder=True`` and an empty ``core`` so the resolver can skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, Final

from loaders.normalise.text import clean_text, nfkc, to_simplified

__all__ = [
    "NormCode",
    "NormOrgName",
    "credit_code_check_char",
    "is_placeholder_employer",
    "normalise_credit_code",
    "normalise_org_name",
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
# ``XX区/市/县``, or else the two characters before the branch word (望京分公司) unless
# they are an industry word that ends the trade name (华信科技营业部).
_INDUSTRY_END_RE: Final = re.compile(
    r"(?:科技|技术|商贸|贸易|银行|保险|证券|文化|传媒|餐饮|超市|药店|物业|实业|投资|咨询|"
    r"服务|电子|信息|网络|建设|工程|物流|快递|医药|教育|家政|装饰|汽车|地产|置业|发展)$"
)
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
        cut = max(len(before) - 2, 0)
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
    name, branch = _split_branch(full)
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
