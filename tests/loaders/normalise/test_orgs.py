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
    # public units: no enterprise legal form, core is the name minus the city
    ("朝阳区民政局", "朝阳区民政局", "朝阳区民政局", None, None, None),
    ("北京市朝阳区民政局", "北京市朝阳区民政局", "朝阳区民政局", "北京", None, None),
    ("北京市第八十中学", "北京市第八十中学", "第八十中学", "北京", None, None),
    ("朝阳医院", "朝阳医院", "朝阳医院", None, "医院", None),
    ("北京朝阳医院", "北京朝阳医院", "朝阳医院", "北京", "医院", None),
    ("朝阳区社区卫生服务中心", "朝阳区社区卫生服务中心", "朝阳区社区卫生服务中心", None, "中心",
     None),
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
