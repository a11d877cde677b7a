"""resolve_dwellings: variant spellings of one flat meet; near-misses stay apart.

Mentions are built through the real ``normalise_address`` so these cases cover
the whole path from a register cell to a dwelling.
"""

from __future__ import annotations

import random
from typing import cast

import pytest

from loaders.normalise.addresses import normalise_address
from resolvers.dwellings import exact_key_contribution, resolve_dwellings
from resolvers.mentions import AddressMention, MentionKey
from resolvers.result import Curation, SpaceResult


def mentions(raws: list[str], source: str = "police") -> list[AddressMention]:
    out = []
    for i, raw in enumerate(raws):
        address = normalise_address(raw)
        assert address is not None
        out.append(AddressMention((source, f"r{i}", "house"), address))
    return out


def partition(result: SpaceResult) -> set[frozenset[MentionKey]]:
    groups: dict[int, set[MentionKey]] = {}
    for key, label in result.clusters.items():
        groups.setdefault(label, set()).add(key)
    return {frozenset(g) for g in groups.values()}


def raw_groups(ms: list[AddressMention], result: SpaceResult) -> set[frozenset[str]]:
    raw = {m.key: m.address.raw for m in ms}
    return {frozenset(raw[k] for k in g) for g in partition(result)}


# Each row: variant spellings of ONE dwelling (resolved alone, they form one entity).
SAME = [
    pytest.param(
        ["北京市朝阳区阳光小区5号楼3单元502室", "阳光社区5-3-502",
         "朝阳区阳光小区五号楼三单元五零二", "阳光小区５号楼３单元５０２"],
        id="prefixes-dashes-numerals-fullwidth",
    ),
    pytest.param(
        ["北京市朝阳区建国路88号5号楼3单元502室", "建国街88号5-3-502",
         "朝阳区建國路八十八号5栋3单元502"],
        id="road-suffix-traditional-numerals",
    ),
    pytest.param(
        ["北京市朝阳区建国路88号和平小区2号楼1单元101", "和平社区2-1-101", "建国路88号2-1-101"],
        id="community-and-road-tied-by-a-third-mention",
    ),
    pytest.param(["和平小区3号楼1单元202", "和平小区3号楼202"], id="missing-unit-unique"),
    pytest.param(["幸福花园7号楼2单元301", "幸福小区7-2-301"], id="alias-suffix-花园"),
    pytest.param(
        ["光明小区1-1-101", "光明小区1号楼1单元101", "光明社区1-1-101",
         "北京市朝阳区光明小区1-1-101", "光名小区1号楼1单元101"],
        id="rare-typo-of-a-common-community",
    ),
    pytest.param(["朝阳区建国路88号", "北京市朝阳区建国路88号", "建国路88号"], id="road-precision"),
    pytest.param(["阳光小区5号楼", "北京市朝阳区阳光社区5号楼"], id="building-precision"),
    pytest.param(["康桥镇星红村1组236号", "星红村236号", "星红村一组236号"],
                 id="village-group-left-out"),
    pytest.param(["宾阳县河口镇长冲村12组16号", "长冲村12组16号", "河口镇长冲村十二组16号"],
                 id="town-left-out"),
    pytest.param(["石牌大塘坊8巷23号102室", "天河区石牌大塘坊八巷23号102房"], id="village-lane"),
    pytest.param(["金花桥街道金花村8组32号", "金花桥金花村8组32号", "金花村八社32号"],
                 id="town-written-bare-before-the-village"),
    pytest.param(["西南电缆厂家属区3栋1单元1楼1号", "西南电缆厂宿舍3幢1单元101室"],
                 id="staff-housing-floor-and-door"),
]  # fmt: skip


@pytest.mark.parametrize("raws", SAME)
def test_variants_of_one_dwelling_resolve_together(raws: list[str]) -> None:
    ms = mentions(raws)
    result = resolve_dwellings(ms)
    assert len(partition(result)) == 1, raw_groups(ms, result)
    assert result.space == "dwellings"


# Each row: addresses that must be different dwellings, with the context they appear in.
APART = [
    pytest.param(["阳光小区5号楼3单元502", "阳光小区5号楼3单元503"], id="room-502-503"),
    pytest.param(["阳光小区5号楼3单元502", "阳光小区5号楼4单元502"], id="unit-3-4"),
    pytest.param(["阳光小区5号楼3单元502", "阳光小区6号楼3单元502"], id="building-5-6"),
    pytest.param(["海淀区阳光小区5号楼3单元502", "朝阳区阳光小区5号楼3单元502"], id="district"),
    pytest.param(["阳光一区5-3-502", "阳光二区5-3-502"], id="numbered-phases"),
    pytest.param(["和平小区2-1-101", "建国路88号2-1-101"], id="community-vs-road-no-evidence"),
    pytest.param(["阳光小区", "阳光小区5-3-502"], id="area-vs-room"),
    pytest.param(["阳光小区5号楼", "阳光小区5-3-502"], id="building-vs-room"),
    pytest.param(["建国路88号", "建国路90号"], id="road-number"),
    pytest.param(["海淀区建国路88号", "朝阳区建国路88号"], id="road-district"),
    pytest.param(["朝阳区", "朝阳区"], id="no-key-never-shared"),
    pytest.param(["阳光花园5-3-502", "阳光家园5-3-502"], id="two-suffixed-communities"),
    pytest.param(["宾阳县河口镇长冲村12组16号", "宾阳县龙田镇长冲村12组16号"], id="town"),
    pytest.param(["石牌大塘坊8巷23号102室", "石牌大塘坊8巷23号201室"], id="village-rooms"),
]


@pytest.mark.parametrize("raws", APART)
def test_near_misses_stay_apart(raws: list[str]) -> None:
    ms = mentions(raws)
    assert len(partition(resolve_dwellings(ms))) == len(raws)


def test_missing_unit_is_ambiguous_when_two_units_have_the_room() -> None:
    ms = mentions(["阳光小区5号楼3单元502", "阳光小区5号楼4单元502", "阳光小区5号楼502"])
    result = resolve_dwellings(ms)
    assert len(partition(result)) == 3
    reviews = [p for p in result.pairs if p.decision == "review"]
    assert {p.a for p in reviews} == {ms[2].key}
    assert len(reviews) == 2
    assert result.stats["ambiguous"] == 1
    locator = {c.level for p in reviews for c in p.contributions if c.comparison == "locator"}
    assert locator == {"unit missing"}


def test_a_house_without_its_town_is_ambiguous_when_two_towns_have_it() -> None:
    ms = mentions(["河口镇长冲村12组16号", "龙田镇长冲村12组16号", "长冲村12组16号"])
    assert len(partition(resolve_dwellings(ms))) == 3


def test_a_house_number_without_its_village_group_is_ambiguous_when_two_groups_have_it() -> None:
    ms = mentions(["星红村1组236号", "星红村2组236号", "星红村236号"])
    assert len(partition(resolve_dwellings(ms))) == 3


def test_alias_suffix_is_not_taken_when_two_suffixed_forms_exist() -> None:
    ms = mentions(["阳光花园5-3-502", "阳光家园5-3-502", "阳光小区5-3-502"])
    assert len(partition(resolve_dwellings(ms))) == 3


def test_typo_needs_a_rare_spelling() -> None:
    # 光明 and 光名 are both common: two communities, not a typo.
    raws = [f"光明小区1-1-{r}" for r in (101, 102, 201, 202)]
    raws += [f"光名小区1-1-{r}" for r in (101, 102, 201, 202)]
    ms = mentions(raws)
    assert len(partition(resolve_dwellings(ms))) == 8


def test_region_less_mention_joins_the_dominant_district_as_review() -> None:
    home = ["北京市朝阳区阳光小区5号楼3单元502室", "朝阳区阳光小区5-3-502", "朝阳区阳光社区5-3-502"]
    ms = mentions([*home, "海淀区阳光小区5-3-502", "阳光小区5-3-502"])
    result = resolve_dwellings(ms)
    groups = raw_groups(ms, result)
    assert frozenset([*home, "阳光小区5-3-502"]) in groups
    assert frozenset(["海淀区阳光小区5-3-502"]) in groups
    flagged = [p for p in result.pairs if ms[4].key in (p.a, p.b)]
    assert [p.decision for p in flagged] == ["review"]


def test_region_less_mention_stays_apart_when_no_district_dominates() -> None:
    ms = mentions(["海淀区阳光小区5-3-502", "朝阳区阳光小区5-3-502", "阳光小区5-3-502"])
    assert len(partition(resolve_dwellings(ms))) == 3


def test_fuzzy_merges_are_explained_and_exact_groups_store_no_pairs() -> None:
    ms = mentions(
        ["北京市朝阳区建国路88号和平小区2号楼1单元101", "和平社区2-1-101", "和平小区2-1-101",
         "和平小区2号楼1单元101", "建国路88号2-1-101"]
    )  # fmt: skip
    result = resolve_dwellings(ms)
    assert len(partition(result)) == 1
    # Three distinct keys+regions (和平社区/和平小区 share one): two merges decided something.
    assert len(result.pairs) == 2
    assert all(p.decision == "match" and p.probability > 0.9 for p in result.pairs)
    by_comparison = {
        c.comparison: c.level for p in result.pairs for c in p.contributions if p.a == ms[4].key
    }
    assert by_comparison["community"] == "via road"
    assert by_comparison["road"] == "same"
    assert by_comparison["locator"] == "same"
    same = exact_key_contribution(ms[1].address)
    assert (same.comparison, same.level, same.detail) == ("canonical_key", "same", "和平||2|1|101")


def test_cannot_link_splits_one_key_and_blocks_chains() -> None:
    ms = mentions(
        ["阳光小区5-3-502", "阳光社区5-3-502", "阳光小区5号楼3单元502室", "朝阳区阳光小区5-3-502"]
    )
    cut = Curation("cannot-link", ms[0].key, ms[3].key, "clerk", "different flats")
    result = resolve_dwellings(ms, [cut])
    assert result.clusters[ms[0].key] != result.clusters[ms[3].key]
    assert [p.decision for p in result.pairs if p.decision == "cannot-link"]


def test_must_link_joins_different_flats() -> None:
    ms = mentions(["阳光小区5-3-502", "阳光小区5-3-503"])
    join = Curation("must-link", ms[0].key, ms[1].key, "clerk", "one flat, two doors")
    result = resolve_dwellings(ms, [join])
    assert len(partition(result)) == 1


def test_must_link_contradicting_a_cannot_link_is_not_applied() -> None:
    ms = mentions(["阳光小区5-3-502", "阳光小区5-3-503"])
    curation = [
        Curation("cannot-link", ms[0].key, ms[1].key, "a", "no"),
        Curation("must-link", ms[1].key, ms[0].key, "b", "yes"),
    ]
    result = resolve_dwellings(ms, curation)
    assert len(partition(result)) == 2
    assert result.stats["curation_refusals"] == 1


def test_curation_naming_unknown_mentions_is_ignored() -> None:
    ms = mentions(["阳光小区5-3-502", "阳光社区5-3-502"])
    other = ("housing", "x", "house")
    result = resolve_dwellings(ms, [Curation("cannot-link", ms[0].key, other, "a", "b")])
    assert len(partition(result)) == 1


def test_shuffled_input_gives_the_same_partition() -> None:
    raws = [r for group in (*SAME, *APART) for r in cast("list[str]", group.values[0])]
    raws += ["阳光小区5号楼502", "海淀区阳光小区5-3-502", "阳光小区5-3-502"] * 2
    ms = mentions(raws)
    expected = partition(resolve_dwellings(ms))
    for seed in range(5):
        shuffled = list(ms)
        random.Random(seed).shuffle(shuffled)
        assert partition(resolve_dwellings(shuffled)) == expected


def test_every_mention_gets_a_cluster_and_empty_input_works() -> None:
    assert resolve_dwellings([]).clusters == {}
    ms = mentions(["不详", "阳光小区5-3-502"])
    assert set(resolve_dwellings(ms).clusters) == {m.key for m in ms}


def test_cannot_link_between_two_mentions_with_one_key_splits_them() -> None:
    ms = mentions(["阳光小区5-3-502", "阳光社区5-3-502", "阳光小区5号楼3单元502"])
    cut = Curation("cannot-link", ms[0].key, ms[1].key, "clerk", "two flats, one typo")
    result = resolve_dwellings(ms, [cut])
    assert result.clusters[ms[0].key] != result.clusters[ms[1].key]
    # The rest of the key group stays with the mention with the smaller key.
    assert result.clusters[ms[2].key] == result.clusters[ms[0].key]


@pytest.mark.parametrize(
    ("other_bridges", "together"),
    [(1, True), (3, False)],
    ids=["one-community-dominates-the-road", "two-communities-share-the-road"],
)
def test_road_only_address_takes_the_dominant_community_of_its_road(
    other_bridges: int, together: bool
) -> None:
    bridges = [f"建国路88号和平小区1-1-10{r}" for r in (1, 2, 3)]
    bridges += [f"建国路88号幸福小区9-9-90{r}" for r in range(1, other_bridges + 1)]
    ms = mentions([*bridges, "和平小区2-1-101", "建国路88号2-1-101"])
    result = resolve_dwellings(ms)
    same = result.clusters[ms[-1].key] == result.clusters[ms[-2].key]
    assert same is together
