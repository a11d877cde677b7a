"""normalise_org_name on employer cells: what a clerk writes about the person (a status,
a department) is not part of the unit; official spellings of schools and branches."""

from __future__ import annotations

import pytest

from loaders.normalise.orgs import NormOrgName, is_placeholder_employer, normalise_org_name


def norm(raw: str) -> NormOrgName:
    n = normalise_org_name(raw)
    assert n is not None
    return n


# (employer cell, the unit it names): same full, core and qualifiers.
UNIT_OF_CELL = [
    # a status in brackets, after the name, or 原 ("formerly") in front
    ("西安电子元件厂（退休）", "西安电子元件厂"),
    ("西安电子元件厂(退休)", "西安电子元件厂"),
    ("西安电子元件厂退休", "西安电子元件厂"),
    ("西安电子元件厂退休职工", "西安电子元件厂"),
    ("西安电子元件厂(离休)", "西安电子元件厂"),
    ("原西安电子元件厂", "西安电子元件厂"),
    ("原仪表厂", "仪表厂"),
    ("原西安交通工程学院", "西安交通工程学院"),
    ("陕西省第三建筑工程公司（退休）", "陕西省第三建筑工程公司"),
    ("原陕西省第三建筑工程公司", "陕西省第三建筑工程公司"),
    ("雁塔区人民医院(退休)", "雁塔区人民医院"),
    ("（退休）西北光学仪器研究所", "西北光学仪器研究所"),
    # a department after a word that ends a unit's name
    ("西安电子元件厂三车间", "西安电子元件厂"),
    ("西安电子元件厂第二车间", "西安电子元件厂"),
    ("西安电子元件厂装配车间", "西安电子元件厂"),
    ("西安仪表厂供销科", "西安仪表厂"),
    ("陕西省第三建筑工程公司后勤处", "陕西省第三建筑工程公司"),
    ("西安市雁塔区人民医院内科", "西安市雁塔区人民医院"),
    ("西安市雁塔区人民医院护理部", "西安市雁塔区人民医院"),
    ("西安市雁塔区人民医院心血管内科", "西安市雁塔区人民医院"),
    ("西北光学仪器研究所一室", "西北光学仪器研究所"),
    ("西安交通工程学院机电系", "西安交通工程学院"),
    ("西安文理师范学院图书馆", "西安文理师范学院"),
    ("西安市第五十六中学后勤", "西安市第五十六中学"),
    ("西安市公安局雁塔分局办公室", "西安市公安局雁塔分局"),
    ("西安市雁塔区卫生健康局办公室", "西安市雁塔区卫生健康局"),
    ("华信科技有限公司财务部", "华信科技有限公司"),
    ("华信科技有限公司雁塔分公司财务部", "华信科技有限公司雁塔分公司"),
    # a school's campus
    ("西南民族大学（武侯校区）", "西南民族大学"),
    ("西南民族大学武侯校区", "西南民族大学"),
    # status and department together
    ("西安仪表厂三车间(退休)", "西安仪表厂"),
    # 小学校 / 中学校: an official spelling of 小学 / 中学
    ("成都市武侯区玉林小学校", "成都市武侯区玉林小学"),
    ("武侯区棕北中学校", "武侯区棕北中学"),
    # a numbered school written with Arabic digits
    ("28中", "二十八中"),
    ("西安28中", "西安市第二十八中学"),
    ("西安市第28中学", "西安市第二十八中学"),
    ("113中", "第一一三中学"),
    ("5小", "第五小学"),
    # a branch's place with or without its division word
    ("西安锦程机械有限公司雁塔区分公司", "西安锦程机械有限公司雁塔分公司"),
    ("华信科技有限公司朝阳区支行", "华信科技有限公司朝阳支行"),
    # the city written as 市 alone in front of a numbered body
    ("市第三人民医院", "第三人民医院"),
    # 街办: 街道办事处
    ("小寨路街办", "小寨路街道办事处"),
]  # fmt: skip


def _identity(n: NormOrgName) -> tuple[str | None, ...]:
    return (n.core, n.region, n.legal_form, n.branch, n.district, n.town)


@pytest.mark.parametrize(("cell", "unit"), UNIT_OF_CELL)
def test_employer_cell_names_its_unit(cell: str, unit: str) -> None:
    got, want = norm(cell), norm(unit)
    assert _identity(got) == _identity(want)
    assert got.raw == cell
    assert got.placeholder is False


@pytest.mark.parametrize(
    ("cell", "full"),
    [("西安电子元件厂（退休）", "西安电子元件厂"), ("原西安电子元件厂", "西安电子元件厂"),
     ("西安市雁塔区人民医院内科", "西安市雁塔区人民医院"),
     ("成都市武侯区玉林小学校", "成都市武侯区玉林小学")],
)  # fmt: skip
def test_full_is_the_unit_and_raw_keeps_the_cell(cell: str, full: str) -> None:
    n = norm(cell)
    assert (n.full, n.raw) == (full, cell)
    assert NormOrgName.from_json(n.to_json()) == n


# Names that must keep what follows the unit word: a branch, an organ of its own, a
# trade name, a place.
KEPT = [
    ("华信科技有限公司朝阳营业部", "朝阳营业部"),
    ("华信科技有限公司北京办事处", "北京办事处"),
    ("西安市雁塔区人民医院分院", "医院分院"),
    ("华信科技有限公司第一分厂", None),
    ("西安市人民政府办公室", None),
    ("中共雁塔区委办公室", None),
    ("西安电子元件厂俱乐部", None),
    ("华信医院门诊部", None),
    ("李四摄影工作室", None),
    ("西安文理师范学院附属中学", None),
    ("西安电子元件厂职工医院", None),
    ("学生公寓管理处", None),
    ("原野科技有限公司", None),
    ("原平市第一中学", None),
    ("退休职工服务中心", None),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "branch"), KEPT)
def test_names_that_are_units_themselves_are_kept_whole(raw: str, branch: str | None) -> None:
    n = norm(raw)
    assert n.full == raw
    if branch is not None:
        assert n.branch == branch


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("西安电子元件厂", "西安电子元件厂分厂"),
        ("西安市雁塔区人民医院", "西安市雁塔区人民医院分院"),
        ("西安锦程机械有限公司雁塔分公司", "西安锦程机械有限公司长安分公司"),
        ("西安锦程机械有限公司雁塔分公司", "西安锦程机械有限公司"),
        ("28中", "38中"),
        ("28中", "28小"),
        ("西安市人民政府", "西安市人民政府办公室"),
        ("原野科技有限公司", "野科技有限公司"),
        ("玉林小学", "玉林中学"),
    ],
)
def test_distinct_units_stay_distinct(a: str, b: str) -> None:
    assert _identity(norm(a)) != _identity(norm(b))


@pytest.mark.parametrize(
    ("raw", "core", "branch"),
    [("蜀风文化传播玉林分公司", "蜀风文化传播", "玉林分公司"),
     ("星河火锅高升桥分公司", "星河火锅", "高升桥分公司"),
     ("贵阳岷江文化传播成都分公司", "贵阳岷江文化传播", "成都分公司")],
)  # fmt: skip
def test_branch_without_legal_form_is_cut_after_the_industry(
    raw: str, core: str, branch: str
) -> None:
    n = norm(raw)
    assert (n.core, n.branch) == (core, branch)


def test_原_before_a_place_that_starts_with_原_is_the_place() -> None:
    n = norm("原平市第一中学")
    assert (n.district, n.core) == ("原平市", "原平第一中学")


def test_a_university_hospital_keeps_its_university() -> None:
    # 四川 is not the region here: 四川大学 is the university.
    n = norm("四川大学华西医院")
    assert (n.core, n.region) == ("四川大学华西医院", None)


@pytest.mark.parametrize(
    "raw", ["务工", "外出务工", "务工人员", "打零工", "临时工", "待岗", "学龄前", "学前", "个体"]
)
def test_a_way_of_working_is_a_placeholder(raw: str) -> None:
    assert is_placeholder_employer(raw) is True
    assert norm(raw).placeholder is True


@pytest.mark.parametrize("raw", ["务工人员服务中心", "外出务工人员服务站", "个体劳动者协会"])
def test_bodies_named_after_a_way_of_working_are_not_placeholders(raw: str) -> None:
    assert is_placeholder_employer(raw) is False
    assert norm(raw).core
