"""normalise_org_name, is_placeholder_employer, normalise_credit_code."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.normalise.orgs import (
    CREDIT_CODE_CHARS,
    NormCode,
    NormOrgName,
    credit_code_check_char,
    is_placeholder_employer,
    normalise_credit_code,
    normalise_org_name,
    same_division,
    short_division,
)

# raw, full, core, region, legal_form, branch
NAME_CASES = [
    ("北京华信科技有限责任公司", "北京华信科技有限公司", "华信科技", "北京", "有限公司", None),
    ("北京华信科技有限公司", "北京华信科技有限公司", "华信科技", "北京", "有限公司", None),
    ("北京市华信科技有限公司", "北京市华信科技有限公司", "华信科技", "北京", "有限公司", None),
    ("华信科技（北京）有限公司", "华信科技(北京)有限公司", "华信科技", "北京", "有限公司", None),
    ("华信科技(北京)有限公司", "华信科技(北京)有限公司", "华信科技", "北京", "有限公司", None),
    ("华信科技（北京市）有限责任公司", "华信科技(北京市)有限公司", "华信科技", "北京", "有限公司",
     None),
    ("华信科技【北京】有限公司", "华信科技(北京)有限公司", "华信科技", "北京", "有限公司", None),
    ("华信科技", "华信科技", "华信科技", None, None, None),
    (" 华信 科技 ", "华信科技", "华信科技", None, None, None),
    ("華信科技（北京）有限責任公司", "华信科技(北京)有限公司", "华信科技", "北京", "有限公司",
     None),
    ("华信科技股份有限公司", "华信科技股份公司", "华信科技", None, "股份公司", None),
    ("华信集团有限公司", "华信集团有限公司", "华信", None, "集团有限公司", None),
    ("华信（集团）有限公司", "华信(集团)有限公司", "华信", None, "集团有限公司", None),
    ("华信集团", "华信集团", "华信", None, "集团", None),
    ("北京华信投资中心(有限合伙)", "北京华信投资中心(有限合伙)", "华信投资中心", "北京",
     "合伙企业(有限合伙)", None),
    ("华信投资合伙企业（有限合伙）", "华信投资合伙企业(有限合伙)", "华信投资", None,
     "合伙企业(有限合伙)", None),
    ("张三个体工商户", "张三个体工商户", "张三", None, "个体工商户", None),
    ("李四摄影工作室", "李四摄影工作室", "李四摄影", None, "工作室", None),
    ("华信律师事务所", "华信律师事务所", "华信律师", None, "事务所", None),
    ("北京华信农业专业合作社", "北京华信农业专业合作社", "华信农业", "北京", "合作社", None),
    ("上海华信科技有限公司", "上海华信科技有限公司", "华信科技", "上海", "有限公司", None),
    ("华为技术(中国)有限公司", "华为技术(中国)有限公司", "华为技术", "中国", "有限公司", None),
    # branches: full keeps the branch, core is the parent's
    ("华信科技有限公司朝阳分公司", "华信科技有限公司朝阳分公司", "华信科技", None, "有限公司",
     "朝阳分公司"),
    ("北京华信科技有限责任公司朝阳分公司", "北京华信科技有限公司朝阳分公司", "华信科技", "北京",
     "有限公司", "朝阳分公司"),
    ("华信科技朝阳分公司", "华信科技朝阳分公司", "华信科技", None, None, "朝阳分公司"),
    ("华信科技有限公司望京营业部", "华信科技有限公司望京营业部", "华信科技", None, "有限公司",
     "望京营业部"),
    ("华信科技营业部", "华信科技营业部", "华信科技", None, None, "营业部"),
    ("华信餐厅望京分店", "华信餐厅望京分店", "华信餐厅", None, None, "望京分店"),
    ("华信科技有限公司北京办事处", "华信科技有限公司北京办事处", "华信科技", None, "有限公司",
     "北京办事处"),
    ("华信科技有限公司华北分部", "华信科技有限公司华北分部", "华信科技", None, "有限公司",
     "华北分部"),
    ("工商银行朝阳支行", "工商银行朝阳支行", "工商银行", None, None, "朝阳支行"),
    ("中国工商银行股份有限公司北京朝阳支行", "中国工商银行股份公司北京朝阳支行", "中国工商银行",
     None, "股份公司", "北京朝阳支行"),
    # public units: no enterprise legal form, core is the name minus the city, a body
    # named by its district keeps the district's short form (see PUBLIC_CASES)
    ("朝阳区民政局", "朝阳区民政局", "朝阳民政局", None, None, None),
    ("北京市朝阳区民政局", "北京市朝阳区民政局", "朝阳民政局", "北京", None, None),
    ("北京市第八十中学", "北京市第八十中学", "第八十中学", "北京", None, None),
    ("朝阳医院", "朝阳医院", "朝阳医院", None, "医院", None),
    ("北京朝阳医院", "北京朝阳医院", "朝阳医院", "北京", "医院", None),
    ("朝阳区社区卫生服务中心", "朝阳区社区卫生服务中心", "朝阳社区卫生服务中心", None, "中心",
     None),
    # a branch without its parent's legal form: the place after the last industry word
    ("嘉星房地产开发陆家嘴分公司", "嘉星房地产开发陆家嘴分公司", "嘉星房地产开发", None, None,
     "陆家嘴分公司"),
    ("上海嘉星房地产开发有限公司陆家嘴分公司", "上海嘉星房地产开发有限公司陆家嘴分公司",
     "嘉星房地产开发", "上海", "有限公司", "陆家嘴分公司"),
    ("樱春劳务派遣外高桥分公司", "樱春劳务派遣外高桥分公司", "樱春劳务派遣", None, None,
     "外高桥分公司"),
    ("西瑞环保科技浦东分公司", "西瑞环保科技浦东分公司", "西瑞环保科技", None, None, "浦东分公司"),
    ("峨 泰", "峨泰", "峨泰", None, None, None),
    ("北京大学", "北京大学", "北京大学", None, None, None),  # too generic to split
    ("北京饭店", "北京饭店", "北京饭店", None, None, None),
    ("公司", "公司", "公司", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "full", "core", "region", "legal_form", "branch"), NAME_CASES)
def test_org_name(
    raw: str,
    full: str,
    core: str,
    region: str | None,
    legal_form: str | None,
    branch: str | None,
) -> None:
    n = normalise_org_name(raw)
    assert n is not None
    assert (n.full, n.core, n.region, n.legal_form, n.branch) == (
        full,
        core,
        region,
        legal_form,
        branch,
    )
    assert n.placeholder is False
    assert n.raw == raw


SAME_CORE = [
    ["北京华信科技有限责任公司", "华信科技（北京）有限公司", "华信科技", "北京市华信科技有限公司",
     "华信科技有限公司", "華信科技有限公司", "华信科技(北京)有限责任公司"],
    ["北京朝阳医院", "朝阳医院"],
    ["北京市第八十中学", "第八十中学"],
]  # fmt: skip


@pytest.mark.parametrize("group", SAME_CORE, ids=lambda g: g[0])
def test_variants_share_core(group: list[str]) -> None:
    cores = {normalise_org_name(x).core for x in group}  # type: ignore[union-attr]
    assert len(cores) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("华信科技有限公司", "华信科技有限公司朝阳分公司"),
        ("华信科技有限公司朝阳分公司", "华信科技有限公司海淀分公司"),
    ],
)
def test_branches_stay_apart(a: str, b: str) -> None:
    na, nb = normalise_org_name(a), normalise_org_name(b)
    assert na is not None and nb is not None
    assert na.core == nb.core
    assert na.full != nb.full
    assert na.branch != nb.branch


@pytest.mark.parametrize(
    ("a", "b"),
    [("朝阳区民政局", "海淀区民政局"), ("朝阳医院", "朝阳中学"), ("华信科技", "华信商贸")],
)
def test_different_units_have_different_cores(a: str, b: str) -> None:
    assert normalise_org_name(a).core != normalise_org_name(b).core  # type: ignore[union-attr]


# Public bodies. raw, core, region, district, town, legal_form (the canonical kind).
PUBLIC_CASES = [
    # 街道办事处: the district's agency; 人民政府 of the district and the district optional
    ("上海市浦东新区人民政府塘桥街道办事处", "塘桥街道办事处", "上海", "浦东新区", None,
     "街道办事处"),
    ("浦东新区塘桥街道办事处", "塘桥街道办事处", None, "浦东新区", None, "街道办事处"),
    ("塘桥街道办事处", "塘桥街道办事处", None, None, None, "街道办事处"),
    ("塘桥街道办", "塘桥街道办事处", None, None, None, "街道办事处"),
    ("塘桥街道", "塘桥街道办事处", None, None, None, "街道办事处"),
    ("北京市朝阳区人民政府双井街道办事处", "双井街道办事处", "北京", "朝阳区", None, "街道办事处"),
    ("武汉市洪山区珞南街道办事处", "珞南街道办事处", "武汉", "洪山区", None, "街道办事处"),
    # a road in the street's name is not a city or district
    ("南京东路街道", "南京东路街道办事处", None, None, None, "街道办事处"),
    ("宝山路街道办事处", "宝山路街道办事处", None, None, None, "街道办事处"),
    # 镇 / 乡 人民政府
    ("上海市浦东新区康桥镇人民政府", "康桥镇人民政府", "上海", "浦东新区", None, "镇人民政府"),
    ("康桥镇政府", "康桥镇人民政府", None, None, None, "镇人民政府"),
    ("康桥镇", "康桥镇人民政府", None, None, None, "镇人民政府"),
    ("唐镇人民政府", "唐镇人民政府", None, None, None, "镇人民政府"),
    ("湖北省武汉市江夏区山坡乡人民政府", "山坡乡人民政府", "武汉", "江夏区", None, "乡人民政府"),
    ("山坡乡政府", "山坡乡人民政府", None, None, None, "乡人民政府"),
    # 居民委员会 / 村民委员会, with the 街道 / 镇 in front as ``town``
    ("沪东九村居民委员会", "沪东九村居民委员会", None, None, None, "居民委员会"),
    ("沪东九村居委会", "沪东九村居民委员会", None, None, None, "居民委员会"),
    ("沪东九村居委", "沪东九村居民委员会", None, None, None, "居民委员会"),
    ("沪东九村社区居委会", "沪东九村居民委员会", None, None, None, "居民委员会"),
    ("塘桥街道沪东九村居委会", "沪东九村居民委员会", None, None, "塘桥街道", "居民委员会"),
    ("张江镇团港村村民委员会", "团港村民委员会", None, None, "张江镇", "村民委员会"),
    ("浦东新区张江镇团港村村民委员会", "团港村民委员会", None, "浦东新区", "张江镇", "村民委员会"),
    ("团港村委会", "团港村民委员会", None, None, None, "村民委员会"),
    ("团港村村委会", "团港村民委员会", None, None, None, "村民委员会"),
    ("唐镇龙丰村村民委员会", "龙丰村民委员会", None, None, "唐镇", "村民委员会"),
    # an estate's own name may hold 镇: not a town
    ("金镇花园居委会", "金镇花园居民委员会", None, None, None, "居民委员会"),
    # 社区卫生服务中心 and its short forms; 街道 / 镇 after the place is optional
    ("上海市浦东新区陆家嘴社区卫生服务中心", "陆家嘴社区卫生服务中心", "上海", "浦东新区", None,
     "社区卫生服务中心"),
    ("陆家嘴社区医院", "陆家嘴社区卫生服务中心", None, None, None, "社区卫生服务中心"),
    ("陆家嘴街道社区卫生服务中心", "陆家嘴社区卫生服务中心", None, None, None, "社区卫生服务中心"),
    ("陆家嘴社区卫生中心", "陆家嘴社区卫生服务中心", None, None, None, "社区卫生服务中心"),
    ("康桥镇卫生院", "康桥卫生院", None, None, None, "卫生院"),
    # 派出所: the 分局 names the district
    ("上海市公安局浦东分局塘桥派出所", "塘桥派出所", "上海", "浦东", None, "派出所"),
    ("浦东新区公安分局塘桥派出所", "塘桥派出所", None, "浦东新区", None, "派出所"),
    ("塘桥派出所", "塘桥派出所", None, None, None, "派出所"),
    # bodies named by their district: the district's short form stays in core
    ("上海市浦东新区人民医院", "浦东人民医院", "上海", "浦东新区", None, "医院"),
    ("浦东新区人民医院", "浦东人民医院", None, "浦东新区", None, "医院"),
    ("浦东人民医院", "浦东人民医院", None, None, None, "医院"),
    ("上海市浦东医院", "浦东医院", "上海", None, None, "医院"),
    ("浦东新区中医医院", "浦东中医医院", None, "浦东新区", None, "医院"),
    ("浦东中医院", "浦东中医医院", None, None, None, "医院"),
    ("朝阳区人民医院", "朝阳人民医院", None, "朝阳区", None, "医院"),
    ("朝阳县人民医院", "朝阳人民医院", None, "朝阳县", None, "医院"),
    ("浦东新区人民政府", "浦东人民政府", None, "浦东新区", None, None),
    ("浦东新区政府", "浦东人民政府", None, "浦东新区", None, None),
    ("上海市浦东新区人民法院", "浦东人民法院", "上海", "浦东新区", None, None),
    ("浦东法院", "浦东人民法院", None, None, None, None),
    ("上海海事法院", "海事法院", "上海", None, None, None),  # a special court keeps its name
    ("上海市公安局浦东分局", "浦东公安分局", "上海", None, None, None),
    ("浦东新区公安分局", "浦东公安分局", None, "浦东新区", None, None),
    ("武汉市公安局洪山区分局", "洪山公安分局", "武汉", None, None, None),
    ("洪山区公安分局", "洪山公安分局", None, "洪山区", None, None),
    ("湖北省武汉市洪山区民政局", "洪山民政局", "武汉", "洪山区", None, None),
    ("北京市朝阳区双井小学", "朝阳双井小学", "北京", "朝阳区", None, None),
    # numbered schools: 第一中学 / 一中 / 第1中学
    ("上海市第一中学", "第一中学", "上海", None, None, None),
    ("市一中", "第一中学", None, None, None, None),
    ("第1中学", "第一中学", None, None, None, None),
    # a number of several digits, written digit by digit or in Arabic, with or without 第
    ("广州市第一一三中学", "第一百一十三中学", "广州", None, None, None),
    ("113中学", "第一百一十三中学", None, None, None, None),
    ("一一三中", "第一百一十三中学", None, None, None, None),
    # kindergartens: 一幼 = 第一幼儿园
    ("天河一幼", "天河第一幼儿园", None, None, None, None),
    ("广州市天河区第一幼儿园", "天河第一幼儿园", "广州", "天河区", None, None),
    # Guangdong village collectives: 经济联合社 / 经联社 / 股份合作经济联社, 村 optional
    ("林和村股份合作经济联社", "林和经济联合社", None, None, None, "经济联合社"),
    ("广州市天河区林和村经济联合社", "林和经济联合社", "广州", "天河区", None, "经济联合社"),
    ("猎德村经联社", "猎德经济联合社", None, None, None, "经济联合社"),
    ("浦东新区第一中学", "浦东第一中学", None, "浦东新区", None, None),
    ("浦东一中", "浦东第一中学", None, None, None, None),
    ("二小", "第二小学", None, None, None, None),
    ("北京市第八十中学", "第八十中学", "北京", None, None, None),
    # names that are not public bodies keep the company rules
    ("北京大学", "北京大学", None, None, None, None),
    ("上海中学", "上海中学", None, None, None, None),
    # one 市 written for two: 义乌市 + 市场监督管理局
    ("义乌市市场监督管理局", "义乌市场监督管理局", None, "义乌市", None, None),
    ("义乌市场监督管理局", "义乌市场监督管理局", None, None, None, None),
    ("华信律师事务所", "华信律师", None, None, None, "事务所"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "core", "region", "district", "town", "kind"), PUBLIC_CASES)
def test_public_body(
    raw: str,
    core: str,
    region: str | None,
    district: str | None,
    town: str | None,
    kind: str | None,
) -> None:
    n = normalise_org_name(raw)
    assert n is not None
    assert (n.core, n.region, n.district, n.town, n.legal_form) == (
        core,
        region,
        district,
        town,
        kind,
    )
    assert n.branch is None
    assert NormOrgName.from_json(n.to_json()) == n


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("塘桥街道办事处", "花木街道办事处"),
        ("张江镇人民政府", "张江镇团港村村民委员会"),  # a village is not its town's government
        ("浦东新区人民医院", "浦东新区中医医院"),
        ("浦东新区人民医院", "上海市浦东医院"),
        ("第一中学", "第二中学"),
        ("一中", "一小"),
        ("陆家嘴社区卫生服务中心", "花木社区卫生服务中心"),
        ("朝阳区人民医院", "海淀区人民医院"),
        ("塘桥街道办事处", "塘桥社区卫生服务中心"),
        ("塘桥派出所", "塘桥街道办事处"),
        ("沪东九村居委会", "沪东一村居委会"),
        ("陆家嘴社区卫生服务中心", "陆家嘴社区卫生服务站"),
        ("上海海事法院", "上海市浦东新区人民法院"),
        ("康桥镇卫生院", "康桥镇中心卫生院"),
    ],
)
def test_different_public_bodies_have_different_cores(a: str, b: str) -> None:
    assert normalise_org_name(a).core != normalise_org_name(b).core  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "short"),
    [("浦东新区", "浦东"), ("朝阳区", "朝阳"), ("武汉市", "武汉"), ("昆山市", "昆山"),
     ("南县", "南县"), ("大厂回族自治县", "大厂回族自治县"), ("阿里地区", "阿里")],
)  # fmt: skip
def test_short_division(name: str, short: str) -> None:
    assert short_division(name) == short


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("浦东新区", "浦东", True), ("浦东新区", None, True), ("朝阳区", "朝阳县", False),
     ("朝阳区", "海淀区", False)],
)  # fmt: skip
def test_same_division(a: str | None, b: str | None, same: bool) -> None:
    assert same_division(a, b) is same
    assert same_division(b, a) is same


def test_old_stored_json_without_district_still_reads() -> None:
    n = normalise_org_name("塘桥街道办")
    assert n is not None
    old = {k: v for k, v in n.to_json().items() if k not in ("district", "town")}
    back = NormOrgName.from_json(old)
    assert back.district is None and back.town is None and back.core == n.core


PLACEHOLDERS = [
    "无", "没有", "退休", "离休", "学生", "在校学生", "待业", "无业", "失业", "自由职业", "个体",
    "务农", "农民", "家务", "家庭主妇", "不详", "暂无", "无固定单位", "-", "/", "空", "--", "—",
    "无（退休）", "退休/无", " 无 ", "無", "NULL", "null", "n/a", "？", "个体户",
]  # fmt: skip


@pytest.mark.parametrize("raw", PLACEHOLDERS)
def test_placeholder_employers(raw: str) -> None:
    assert is_placeholder_employer(raw) is True
    n = normalise_org_name(raw)
    assert n is not None
    assert n.placeholder is True
    assert n.core == ""


@pytest.mark.parametrize(
    "raw",
    ["华信科技", "无锡华信科技有限公司", "退休职工服务中心", "学生公寓管理处", "个体工商户协会"],
)
def test_real_names_are_not_placeholders(raw: str) -> None:
    assert is_placeholder_employer(raw) is False
    n = normalise_org_name(raw)
    assert n is not None and n.placeholder is False and n.core


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_blank(raw: str | None) -> None:
    assert normalise_org_name(raw) is None
    assert normalise_credit_code(raw) is None
    assert is_placeholder_employer(raw) is True


# 91350100M000100Y43 is the worked example quoted with GB 32100-2015.
GOOD_CODE = "91350100M000100Y43"

# raw, value, valid, reason
CODE_CASES = [
    (GOOD_CODE, GOOD_CODE, True, None),
    ("91350100m000100y43", GOOD_CODE, True, None),
    ("９１３５０１００Ｍ０００１００Ｙ４３", GOOD_CODE, True, None),
    ("９１３５０１００ｍ０００１００ｙ４３", GOOD_CODE, True, None),
    ("9135 0100 M000 100Y 43", GOOD_CODE, True, None),
    ("91350100-M000100Y4-3", GOOD_CODE, True, None),
    (" 91350100M000100Y43\t", GOOD_CODE, True, None),
    ("'91350100M000100Y43", GOOD_CODE, True, None),
    ("91350100M000100Y44", "91350100M000100Y44", False, "bad check character"),
    ("91350100M000100Y4", "91350100M000100Y4", False, "bad length 17"),
    ("91350100M000100Y433", "91350100M000100Y433", False, "bad length 19"),
    ("9135010OM000100Y43", "9135010OM000100Y43", False, "bad character O"),
    ("91350100I000100Y43", "91350100I000100Y43", False, "bad character I"),
    ("9135010SM00Z100Y43", "9135010SM00Z100Y43", False, "bad character SZ"),
    ("无", "无", False, "bad character 无"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "reason"), CODE_CASES)
def test_credit_code(raw: str, value: str, valid: bool, reason: str | None) -> None:
    c = normalise_credit_code(raw)
    assert c is not None
    assert (c.value, c.valid, c.reason) == (value, valid, reason)
    assert c.raw == raw


def test_check_char_of_worked_example() -> None:
    assert credit_code_check_char(GOOD_CODE[:17]) == "3"
    assert credit_code_check_char(GOOD_CODE[:17].lower()) == "3"


def test_check_char_31_becomes_0() -> None:
    # find a body whose weighted sum is 0 mod 31: the check value 31 must map to "0"
    body = "0" * 17
    assert credit_code_check_char(body) == "0"


@pytest.mark.parametrize("bad", ["", "9135", "91350100M000100Y4X", "9135010OM000100Y4"])
def test_check_char_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        credit_code_check_char(bad)


@given(st.text(alphabet=CREDIT_CODE_CHARS, min_size=17, max_size=17))
def test_generated_codes_validate_and_single_typos_do_not(body: str) -> None:
    code = body + credit_code_check_char(body)
    c = normalise_credit_code(code)
    assert c is not None and c.valid
    # change one character: the check character must catch it
    pos = len(body) // 2
    swapped = CREDIT_CODE_CHARS[(CREDIT_CODE_CHARS.index(code[pos]) + 1) % 31]
    typo = code[:pos] + swapped + code[pos + 1 :]
    t = normalise_credit_code(typo)
    assert t is not None and not t.valid and t.reason == "bad check character"


@pytest.mark.parametrize(
    "raw", ["北京华信科技有限责任公司朝阳分公司", "无", "朝阳医院", "华信科技（北京）有限公司"]
)
def test_org_json_round_trip(raw: str) -> None:
    n = normalise_org_name(raw)
    assert n is not None
    assert NormOrgName.from_json(n.to_json()) == n


def test_code_json_round_trip() -> None:
    for raw in (GOOD_CODE, "91350100M000100Y44"):
        c = normalise_credit_code(raw)
        assert c is not None
        assert NormCode.from_json(c.to_json()) == c


@given(st.text())
@settings(max_examples=400)
def test_never_raises(raw: str) -> None:
    n = normalise_org_name(raw)
    c = normalise_credit_code(raw)
    is_placeholder_employer(raw)
    if raw.strip():
        assert n is not None
        assert n.placeholder or n.core
    if c is not None:
        assert c.valid is (c.reason is None)


_ORG_ALPHABET = st.sampled_from(
    list("北京市华信科技有限责任公司股份集团分公司营业部朝阳区医院（）()【】合伙企业个体无退休")
)


@given(st.text(alphabet=_ORG_ALPHABET, max_size=30))
@settings(max_examples=600)
def test_never_raises_on_org_like_text(raw: str) -> None:
    from loaders.normalise.orgs import _parse_org

    n = _parse_org(raw)  # the parser itself, not only the safety net
    if n is not None:
        assert NormOrgName.from_json(n.to_json()) == n
        assert n.placeholder or n.core
