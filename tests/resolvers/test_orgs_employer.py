"""resolve_orgs on employer cells as clerks write them: a vague legal form (公司, 集团),
a status or department, a school's official or numbered spelling, a branch's place
with or without 区, a parent left out (中国, a university) meet the unit; distinct
units (branches, organs, other numbers) stay apart."""

from __future__ import annotations

import random

import pytest

from loaders.normalise.orgs import credit_code_check_char, normalise_credit_code, normalise_org_name
from resolvers.mentions import MentionKey, OrgMention
from resolvers.orgs import resolve_orgs
from resolvers.result import SpaceResult


def code(body17: str) -> str:
    return body17 + credit_code_check_char(body17)


A = code("91510107MA6QYP11X")
B = code("91610113097711385")
C = code("12610113021855702")

Rows = list[tuple[str | None, str | None]]


def orgs(rows: Rows) -> list[OrgMention]:
    out = []
    for i, (name, credit) in enumerate(rows):
        role = "organisation" if credit else "employer"
        source = "organisations" if credit else "police"
        out.append(
            OrgMention(
                (source, f"r{i}", role),
                normalise_org_name(name) if name else None,
                normalise_credit_code(credit) if credit else None,
            )
        )
    return out


def partition(result: SpaceResult) -> set[frozenset[MentionKey]]:
    groups: dict[int, set[MentionKey]] = {}
    for key, label in result.clusters.items():
        groups.setdefault(label, set()).add(key)
    return {frozenset(g) for g in groups.values()}


SAME = [
    pytest.param(
        [("成都岷江信息技术有限公司", A), ("岷江信息技术公司", None), ("岷江信息技术", None),
         ("成都市岷江信息技术有限责任公司", None), ("岷江信息技术（成都）有限公司", None)],
        id="公司-for-有限公司",
    ),
    pytest.param(
        [("成都星河广告股份有限公司", A), ("星河广告公司", None)], id="公司-for-股份公司"
    ),
    pytest.param(
        [("绵阳蜀道医药有限公司成都分公司", A), ("绵阳蜀道医药公司成都分公司", None),
         ("绵阳蜀道医药成都分公司", None)],
        id="公司-in-a-branch",
    ),
    pytest.param(
        [("陕西华信物业管理集团有限公司", A), ("华信集团", None), ("陕西华信集团", None)],
        id="集团-for-its-group",
    ),
    pytest.param(
        [("成都市武侯区玉林小学校", A), ("玉林小学", None), ("成都市武侯区玉林小学", None),
         ("武侯区玉林小学", None)],
        id="小学校",
    ),
    pytest.param(
        [("西安电子元件厂", B), ("电子元件厂", None), ("西安电子元件厂（退休）", None),
         ("西安电子元件厂(退休)", None), ("原西安电子元件厂", None), ("西安电子元件厂退休", None),
         ("西安电子元件厂三车间", None), ("电子元件厂退休", None), ("原电子元件厂", None)],
        id="status-and-department-of-a-factory",
    ),
    pytest.param(
        [("西安市雁塔区人民医院", C), ("雁塔区人民医院", None), ("西安市雁塔区人民医院内科", None),
         ("西安市雁塔区人民医院(退休)", None), ("原雁塔区人民医院", None),
         ("西安市雁塔区人民医院护理部", None)],
        id="status-and-department-of-a-hospital",
    ),
    pytest.param(
        [("西安市第二十八中学", None), ("二十八中", None), ("西安市二十八中", None),
         ("西安市第28中学", None), ("28中", None), ("西安28中", None),
         ("西安市第二十八中学后勤", None)],
        id="numbered-school-in-digits",
    ),
    pytest.param(
        [("西安锦程机械有限公司雁塔分公司", B), ("西安锦程机械有限公司雁塔区分公司", None),
         ("锦程机械雁塔分公司", None)],
        id="branch-place-with-or-without-区",
    ),
    pytest.param(
        [("四川蜀风文化传播有限公司玉林分公司", A), ("蜀风文化传播玉林分公司", None)],
        id="branch-written-without-legal-form",
    ),
    pytest.param(
        [("成都星河火锅有限公司高升桥分公司", B), ("星河火锅高升桥分公司", None)],
        id="branch-written-without-legal-form-火锅",
    ),
    pytest.param(
        [("中国电信股份有限公司四川分公司", None), ("中国电信四川分公司", None),
         ("电信四川分公司", None)],
        id="中国-left-out",
    ),
    pytest.param([("四川大学华西医院", None), ("华西医院", None)], id="university-left-out"),
    pytest.param(
        [("西南民族大学", None), ("西南民族大学（武侯校区）", None),
         ("西南民族大学武侯校区", None)],
        id="a-campus-is-its-university",
    ),
    pytest.param(
        [("成都市第三人民医院", None), ("成都第三人民医院", None), ("市第三人民医院", None)],
        id="市-for-the-city",
    ),
    pytest.param(
        [("西安市雁塔区人民政府小寨路街道办事处", None), ("小寨路街道办", None),
         ("小寨路街办", None)],
        id="街办",
    ),
]  # fmt: skip


@pytest.mark.parametrize("rows", SAME)
def test_employer_forms_meet_their_unit(rows: Rows) -> None:
    ms = orgs(rows)
    result = resolve_orgs(ms)
    assert len(partition(result)) == 1
    assert all(p.decision == "match" for p in result.pairs)


APART = [
    pytest.param([("华信科技有限公司", None), ("华信科技股份有限公司", None)], id="有限-vs-股份"),
    pytest.param([("华信公司", None), ("华信集团", None)], id="公司-vs-集团"),
    pytest.param(
        [("华信科技有限公司", None), ("华信科技集团有限公司", None)], id="company-vs-its-group"
    ),
    pytest.param(
        [("西安电子元件厂", None), ("西安电子元件厂分厂", None)], id="factory-vs-its-branch"
    ),
    pytest.param(
        [("西安市雁塔区人民医院", None), ("西安市雁塔区人民医院分院", None)],
        id="hospital-vs-its-branch",
    ),
    pytest.param(
        [("西安锦程机械有限公司雁塔分公司", None), ("西安锦程机械有限公司长安区分公司", None),
         ("西安锦程机械有限公司", None)],
        id="two-branches-and-the-parent",
    ),
    pytest.param(
        [("西安市人民政府", None), ("西安市人民政府办公室", None)], id="government-vs-its-office"
    ),
    pytest.param([("28中", None), ("38中", None), ("28小", None)], id="other-numbers"),
    pytest.param([("中国银行", None), ("银行", None)], id="中国-before-a-bare-kind-word"),
    pytest.param(
        [("北京大学第三医院", None), ("第三医院", None)], id="a-numbered-hospital-is-not-named"
    ),
    pytest.param(
        [("陕西华信物业管理集团有限公司", None), ("北京华信集团", None)],
        id="group-in-another-region",
    ),
    pytest.param(
        [("陕西华信物业管理集团有限公司", None), ("陕西华信软件集团有限公司", None),
         ("华信集团", None)],
        id="group-with-two-candidates",
    ),
    pytest.param(
        [("原野科技有限公司", None), ("野科技有限公司", None)], id="原-starting-a-trade-name"
    ),
    pytest.param(
        [("四川大学", None), ("四川大学华西医院", None)], id="university-vs-its-hospital"
    ),
]  # fmt: skip


@pytest.mark.parametrize("rows", APART)
def test_distinct_units_stay_apart(rows: Rows) -> None:
    assert len(partition(resolve_orgs(orgs(rows)))) == len(rows)


def test_vague_company_with_two_forms_joins_the_larger_as_review() -> None:
    ms = orgs(
        [("华信科技有限公司", A), ("华信科技有限公司", None), ("华信科技股份有限公司", B),
         ("华信科技公司", None)]
    )  # fmt: skip
    result = resolve_orgs(ms)
    assert result.clusters[ms[3].key] == result.clusters[ms[0].key]
    assert result.clusters[ms[2].key] != result.clusters[ms[0].key]
    [pair] = [p for p in result.pairs if ms[3].key in (p.a, p.b)]
    assert (pair.decision, pair.contributions[0].level) == ("review", "ambiguous core")


def test_a_group_written_short_picks_the_group_among_companies() -> None:
    # 华信集团 can only be short for a group: the company 华信科技有限公司 is no candidate.
    ms = orgs(
        [("陕西华信物业管理集团有限公司", A), ("西安华信科技有限公司", B), ("华信集团", None)]
    )
    result = resolve_orgs(ms)
    assert result.clusters[ms[2].key] == result.clusters[ms[0].key]
    assert len(partition(result)) == 2


def test_parent_left_out_is_explained_as_a_prefix() -> None:
    ms = orgs([("中国电信股份有限公司四川分公司", None), ("电信四川分公司", None)])
    [pair] = resolve_orgs(ms).pairs
    assert (pair.decision, pair.contributions[0].level) == ("match", "administrative prefix")


def test_shuffled_input_gives_the_same_partition() -> None:
    rows = [r for group in (*SAME, *APART) for r in group.values[0]]  # type: ignore[attr-defined]
    ms = orgs(rows)
    expected = partition(resolve_orgs(ms))
    for seed in range(3):
        shuffled = list(ms)
        random.Random(seed).shuffle(shuffled)
        assert partition(resolve_orgs(shuffled)) == expected
