"""resolve_orgs: credit codes, names and short names meet; near-misses stay apart.

Mentions are built through the real normalisers (``normalise_org_name``,
``normalise_credit_code``).
"""

from __future__ import annotations

import random
from typing import cast

import pytest

from loaders.normalise.orgs import (
    credit_code_check_char,
    normalise_credit_code,
    normalise_org_name,
)
from resolvers.mentions import MentionKey, OrgMention
from resolvers.orgs import exact_contribution, resolve_orgs
from resolvers.result import Curation, SpaceResult


def code(body17: str) -> str:
    return body17 + credit_code_check_char(body17)


A = code("91110105MA01ABCD1")
B = code("91110105MA01XYXW2")
C = code("91310000MA01QQQQ3")
D = code("91110108MA01RRRR4")
A_TYPO = A[:6] + ("7" if A[6] != "7" else "8") + A[7:]  # one substitution, invalid


def org(i: int, name: str | None, credit: str | None = None, role: str = "") -> OrgMention:
    role = role or ("organisation" if credit else "employer")
    source = "organisations" if role == "organisation" else "police"
    return OrgMention(
        (source, f"r{i}", role),
        normalise_org_name(name) if name else None,
        normalise_credit_code(credit) if credit else None,
    )


def orgs(rows: list[tuple[str | None, str | None]]) -> list[OrgMention]:
    return [org(i, name, credit) for i, (name, credit) in enumerate(rows)]


def partition(result: SpaceResult) -> set[frozenset[MentionKey]]:
    groups: dict[int, set[MentionKey]] = {}
    for key, label in result.clusters.items():
        groups.setdefault(label, set()).add(key)
    return {frozenset(g) for g in groups.values()}


def test_the_typo_code_really_is_invalid() -> None:
    typo = normalise_credit_code(A_TYPO)
    assert typo is not None and not typo.valid
    assert sum(x != y for x, y in zip(A, A_TYPO, strict=True)) == 1


SAME = [
    pytest.param(
        [("北京华信科技有限责任公司", A), ("华信科技（北京）有限公司", None),
         ("华信科技(北京)有限公司", None), ("华信科技", None), ("北京华信科技有限公司", None)],
        id="region-brackets-legal-form-short-name",
    ),
    pytest.param(
        [("北京华信科技有限公司", A), ("华信网络技术有限公司", A), (None, A)], id="same-code"
    ),
    pytest.param(
        [("北京华信科技有限公司", A), ("华信科技有限公司", A_TYPO)], id="code-typo-same-core"
    ),
    pytest.param(
        [("华信科技有限公司朝阳分公司", B), ("华信科技朝阳分公司", None)],
        id="branch-and-its-short-name",
    ),
    pytest.param([("华信科技有限公司", None), ("华信科技", None)], id="no-code-at-all"),
    pytest.param([("北京市朝阳区民政局", None), ("朝阳区民政局", None)], id="government-unit"),
    pytest.param(
        [("武汉力顺建筑工程有限公司", A), ("力顺建筑工程（武汉）有限公司", None),
         ("力顺公司", None), ("力顺", None)],
        id="trade-name-without-industry",
    ),
]  # fmt: skip


@pytest.mark.parametrize("rows", SAME)
def test_variants_of_one_organisation_resolve_together(
    rows: list[tuple[str | None, str | None]],
) -> None:
    result = resolve_orgs(orgs(rows))
    assert len(partition(result)) == 1
    assert result.space == "organisations"


APART = [
    pytest.param([("华信科技有限公司", None), ("华兴科技有限公司", None)], id="华信-华兴"),
    pytest.param([("华信科技", None), ("华兴科技", None)], id="华信-华兴-short"),
    pytest.param(
        [("华信科技有限公司", A), ("华信科技有限公司朝阳分公司", B)],
        id="parent-vs-branch-with-codes",
    ),
    pytest.param(
        [("华信科技有限公司", None), ("华信科技有限公司朝阳分公司", None)], id="parent-vs-branch"
    ),
    pytest.param([("北京华信科技有限公司", A), ("北京华信科技有限公司", D)], id="two-valid-codes"),
    pytest.param([("北京华信科技有限公司", None), ("上海华信科技有限公司", None)], id="regions"),
    pytest.param([("华信科技有限公司", None), ("华信科技股份有限公司", None)], id="legal-forms"),
    pytest.param([("朝阳区民政局", None), ("海淀区民政局", None)], id="district-units"),
    pytest.param([("华兴科技有限公司", A_TYPO), ("北京华信科技有限公司", A)], id="typo-other-core"),
    pytest.param(
        [("武汉力顺建筑工程有限公司", A), ("武汉力顺物流有限公司", B), ("力顺公司", None)],
        id="short-trade-name-two-candidates",
    ),
    pytest.param(
        [("武汉力顺建筑工程有限公司", A), ("力顺达公司", None)], id="longer-trade-name-is-another"
    ),
    pytest.param([("力顺建筑工程有限公司", None), ("力公司", None)], id="one-character-core"),
]  # fmt: skip


@pytest.mark.parametrize("rows", APART)
def test_near_misses_stay_apart(rows: list[tuple[str | None, str | None]]) -> None:
    assert len(partition(resolve_orgs(orgs(rows)))) == len(rows)


# Public bodies: each group is one organisation (employer fields, no codes, unless given).
PUBLIC_SAME = [
    pytest.param(
        [("上海市浦东新区人民政府塘桥街道办事处", None), ("浦东新区塘桥街道办事处", None),
         ("塘桥街道办事处", None), ("塘桥街道办", None), ("上海塘桥街道办事处", None)],
        id="街道办事处",
    ),
    pytest.param(
        [("上海市浦东新区康桥镇人民政府", None), ("浦东新区康桥镇人民政府", None),
         ("康桥镇政府", None), ("康桥镇", None)],
        id="镇人民政府",
    ),
    pytest.param(
        [("沪东九村居民委员会", None), ("沪东九村居委会", None), ("沪东九村居委", None),
         ("沪东 九村居委会", None), ("塘桥街道沪东九村居委会", None)],
        id="居民委员会",
    ),
    pytest.param(
        [("张江镇团港村村民委员会", None), ("团港村委会", None), ("团港村村民委员会", None),
         ("浦东新区张江镇团港村村委会", None)],
        id="村民委员会",
    ),
    pytest.param(
        [("上海市浦东新区陆家嘴社区卫生服务中心", None), ("陆家嘴社区卫生服务中心", None),
         ("陆家嘴社区医院", None), ("陆家嘴街道社区卫生服务中心", None)],
        id="社区卫生服务中心",
    ),
    pytest.param(
        [("上海市浦东新区人民医院", None), ("浦东新区人民医院", None), ("浦东人民医院", None)],
        id="district-shortened",
    ),
    pytest.param([("浦东新区中医医院", None), ("浦东中医院", None)], id="中医院"),
    pytest.param(
        [("上海市浦东新区公利医院", None), ("浦东新区公利医院", None), ("公利医院", None)],
        id="district-dropped",
    ),
    pytest.param([("上海市第一中学", None), ("市一中", None), ("第一中学", None)], id="市一中"),
    pytest.param([("浦东新区第一中学", None), ("浦东一中", None)], id="district-一中"),
    pytest.param(
        [("上海市公安局浦东分局塘桥派出所", None), ("浦东分局塘桥派出所", None),
         ("浦东新区公安分局塘桥派出所", None), ("塘桥派出所", None)],
        id="派出所",
    ),
    pytest.param(
        [("上海市公安局浦东分局", None), ("浦东新区公安分局", None), ("浦东公安分局", None)],
        id="公安分局",
    ),
    pytest.param([("上海市浦东新区人民法院", None), ("浦东法院", None)], id="法院"),
    pytest.param(
        [("北京市朝阳区人民政府双井街道办事处", D), ("朝阳区人民政府双井街道办事处", None),
         ("双井街道办事处", None)],
        id="another-city-with-code",
    ),
    pytest.param(
        [("武汉市洪山区民政局", None), ("洪山区民政局", None), ("民政局", None)],
        id="district-department",
    ),
    pytest.param(
        [("上海嘉星房地产开发有限公司陆家嘴分公司", None), ("嘉星房地产开发陆家嘴分公司", None),
         ("上海嘉星房地产开发陆家嘴分公司", None)],
        id="branch-without-legal-form",
    ),
    pytest.param(
        [("峨 泰", A), ("上海峨泰电子有限公司", None), ("峨泰电子", None)],
        id="register-lists-the-bare-brand",
    ),
    pytest.param(
        [("景嘉实验小学", A), ("上海市浦东新区景嘉实验小学", None), ("浦东新区景嘉实验小学", None)],
        id="register-lists-the-school-without-district",
    ),
    pytest.param(
        [("广州市天河区冼村第一经济合作社", None), ("冼村第一经济社", None)],
        id="经济社-is-经济合作社",
    ),
]  # fmt: skip


@pytest.mark.parametrize("rows", PUBLIC_SAME)
def test_public_body_forms_resolve_together(rows: list[tuple[str | None, str | None]]) -> None:
    ms = orgs(rows)
    result = resolve_orgs(ms)
    assert len(partition(result)) == 1
    # every merge is explained: each mention is an exact twin or in a stored pair
    explained = {k for p in result.pairs for k in (p.a, p.b)}
    names = [m.name.full for m in ms if m.name is not None]
    for m in ms:
        assert m.key in explained or names.count(m.name.full if m.name else "") > 1


PUBLIC_APART = [
    pytest.param([("塘桥街道办事处", None), ("花木街道办事处", None)], id="two-streets"),
    pytest.param(
        [("上海市浦东新区张江镇人民政府", None), ("张江镇团港村村民委员会", None)],
        id="village-is-not-its-town",
    ),
    pytest.param([("浦东新区人民医院", None), ("浦东新区中医医院", None)], id="人民-vs-中医"),
    pytest.param([("浦东新区人民医院", None), ("上海市浦东医院", None)], id="人民医院-vs-医院"),
    pytest.param([("第一中学", None), ("第二中学", None)], id="第一-vs-第二"),
    pytest.param(
        [("陆家嘴社区卫生服务中心", None), ("浦东新区花木社区卫生服务中心", None)],
        id="two-health-centres",
    ),
    pytest.param([("朝阳区人民医院", None), ("海淀区人民医院", None)], id="two-districts"),
    pytest.param([("朝阳区人民医院", None), ("朝阳县人民医院", None)], id="朝阳区-vs-朝阳县"),
    pytest.param(
        [("浦东新区塘桥街道办事处", None), ("闵行区塘桥街道办事处", None)],
        id="same-street-name-two-districts",
    ),
    pytest.param(
        [("张江镇团港村村委会", None), ("北蔡镇团港村村委会", None)],
        id="same-village-name-two-towns",
    ),
    pytest.param(
        [("上海市第一中学", None), ("浦东新区第一中学", None)], id="city-vs-district-school"
    ),
    pytest.param(
        [("塘桥街道办事处", None), ("塘桥社区卫生服务中心", None), ("塘桥派出所", None),
         ("塘桥镇人民政府", None)],
        id="one-place-four-kinds",
    ),
    pytest.param([("沪东九村居委会", None), ("沪东一村居委会", None)], id="九村-vs-一村"),
    pytest.param([("冼村第一经济社", None), ("冼村第二经济合作社", None)], id="第一-vs-第二-社"),
    pytest.param([("上海海事法院", None), ("浦东法院", None)], id="special-court"),
    pytest.param(
        [("上海市浦东新区塘桥街道办事处", A), ("上海市浦东新区花木街道办事处", B)], id="with-codes"
    ),
    pytest.param(
        [("峨泰", A), ("上海峨泰电子有限公司", None), ("上海峨泰物流有限公司", None)],
        id="bare-brand-two-candidates",
    ),
    pytest.param(
        [("安泰", A), ("上海安泰电子有限公司", B)], id="bare-brand-and-longer-both-registered"
    ),
    pytest.param(
        [("安泰有限公司", A), ("上海安泰电子有限公司", None)],
        id="registered-with-a-legal-form-is-its-own",
    ),
    pytest.param([("团港", None), ("团港村委会", None)], id="a-public-body-is-not-a-trade-name"),
    pytest.param(
        [("景嘉实验小学", A), ("浦东新区景嘉实验小学", B)], id="school-and-district-both-registered"
    ),
    pytest.param(
        [("景嘉实验小学", None), ("浦东新区景嘉实验小学", None), ("闵行区景嘉实验小学", None)],
        id="bare-school-two-districts",
    ),
]  # fmt: skip


@pytest.mark.parametrize("rows", PUBLIC_APART)
def test_different_public_bodies_stay_apart(rows: list[tuple[str | None, str | None]]) -> None:
    assert len(partition(resolve_orgs(orgs(rows)))) == len(rows)


def test_public_body_with_two_candidates_joins_neither_and_is_listed() -> None:
    ms = orgs(
        [("浦东新区塘桥街道办事处", None), ("闵行区塘桥街道办事处", None), ("塘桥街道办", None),
         ("塘桥街道办事处", None)]
    )  # fmt: skip
    result = resolve_orgs(ms)
    # the two bare forms are one organisation (same stated chain), apart from both districts
    assert result.clusters[ms[2].key] == result.clusters[ms[3].key]
    assert len(partition(result)) == 3
    reviews = [p for p in result.pairs if p.decision == "review"]
    assert reviews
    assert {p.contributions[0].level for p in reviews} == {"ambiguous public body"}
    assert result.stats["public_ambiguous"] >= 1


def test_public_body_join_is_explained() -> None:
    ms = orgs([("上海市浦东新区人民政府塘桥街道办事处", None), ("塘桥街道办", None)])
    [pair] = resolve_orgs(ms).pairs
    assert pair.decision == "match"
    c = pair.contributions[0]
    assert (c.comparison, c.level) == ("name", "same public body")
    assert "district 浦东新区/-" in c.detail or "district -/浦东新区" in c.detail


def test_district_left_out_is_an_administrative_prefix_join() -> None:
    ms = orgs([("上海市浦东新区公利医院", None), ("公利医院", None)])
    [pair] = resolve_orgs(ms).pairs
    assert (pair.decision, pair.contributions[0].level) == ("match", "administrative prefix")


def test_bare_brand_in_the_register_is_joined_by_the_full_name() -> None:
    ms = orgs([("安泰", A), ("上海安泰电子有限公司", None)])
    [pair] = resolve_orgs(ms).pairs
    assert (pair.decision, pair.contributions[0].level) == ("match", "part of trade name")


def test_short_name_with_two_candidates_joins_the_larger_as_review() -> None:
    ms = orgs(
        [("北京华信科技有限公司", A), ("北京华信科技有限公司", None),
         ("华信科技（北京）有限公司", None), ("上海华信科技有限公司", C), ("华信科技", None)]
    )  # fmt: skip
    result = resolve_orgs(ms)
    assert result.clusters[ms[4].key] == result.clusters[ms[0].key]
    assert result.clusters[ms[3].key] != result.clusters[ms[0].key]
    [pair] = [p for p in result.pairs if ms[4].key in (p.a, p.b)]
    assert pair.decision == "review"
    assert pair.contributions[0].level == "ambiguous core"


def test_short_name_with_one_candidate_is_a_match() -> None:
    ms = orgs([("北京华信科技有限公司", A), ("华信科技", None)])
    [pair] = resolve_orgs(ms).pairs
    assert (pair.decision, pair.contributions[0].level) == ("match", "short name")


def test_short_trade_name_join_is_explained() -> None:
    ms = orgs([("武汉力顺建筑工程有限公司", A), ("力顺公司", None)])
    [pair] = resolve_orgs(ms).pairs
    assert pair.decision == "match"
    assert pair.contributions[0].level == "part of trade name"
    assert "力顺公司" in pair.contributions[0].detail


def test_two_codes_one_name_never_chain_through_name_only_mentions() -> None:
    ms = orgs(
        [("北京华信科技有限公司", A), ("北京华信科技有限公司", D), ("北京华信科技有限公司", None),
         ("华信科技", None), ("华信科技有限公司", None)]
    )  # fmt: skip
    result = resolve_orgs(ms)
    assert result.clusters[ms[0].key] != result.clusters[ms[1].key]
    assert any(p.decision == "non-match" for p in result.pairs)
    assert len(partition(result)) == 2


def test_similar_trade_names_are_review_pairs_never_merges() -> None:
    ms = orgs([("华信科技有限公司", None), ("华兴科技有限公司", None)])
    result = resolve_orgs(ms)
    assert len(partition(result)) == 2
    [pair] = result.pairs
    assert pair.decision == "review"
    assert pair.contributions[0].comparison == "trade_name"
    assert result.stats["fuzzy_reviews"] == 1


def test_code_typo_is_explained() -> None:
    ms = orgs([("北京华信科技有限公司", A), ("华信科技有限公司", A_TYPO)])
    result = resolve_orgs(ms)
    [pair] = result.pairs
    assert pair.contributions[0].level == "one substitution"
    assert result.stats["code_typos_read"] == 1


def test_exact_groups_store_no_pairs() -> None:
    ms = orgs([("北京华信科技有限公司", A)] * 3)
    result = resolve_orgs(ms)
    assert len(partition(result)) == 1
    assert result.pairs == []
    assert exact_contribution(ms[0]).detail == f"{A} 北京华信科技有限公司"


def test_placeholder_employers_are_not_an_organisation() -> None:
    ms = orgs([("退休", None), ("退休", None)])
    assert len(partition(resolve_orgs(ms))) == 2


def test_cannot_link_splits_and_must_link_joins() -> None:
    ms = orgs(
        [("华信科技", None), ("华信科技", None), ("北京华信科技有限公司", A), ("华兴科技", None)]
    )
    curation = [
        Curation("cannot-link", ms[0].key, ms[2].key, "clerk", "another 华信"),
        Curation("must-link", ms[3].key, ms[2].key, "clerk", "renamed"),
    ]
    result = resolve_orgs(ms, curation)
    assert result.clusters[ms[0].key] != result.clusters[ms[2].key]
    assert result.clusters[ms[3].key] == result.clusters[ms[2].key]
    # The exact rule is stronger than the short-name rule: ms[1] follows its twin ms[0].
    assert result.clusters[ms[1].key] == result.clusters[ms[0].key]
    assert result.stats["curation_refusals"] == 1


def test_shuffled_input_gives_the_same_partition() -> None:
    rows = [
        r
        for group in (*SAME, *APART, *PUBLIC_SAME, *PUBLIC_APART)
        for r in cast("list[tuple[str | None, str | None]]", group.values[0])
    ]
    ms = orgs(rows)
    expected = partition(resolve_orgs(ms))
    for seed in range(5):
        shuffled = list(ms)
        random.Random(seed).shuffle(shuffled)
        assert partition(resolve_orgs(shuffled)) == expected
