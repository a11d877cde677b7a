"""Dwellings refined by person context; public units named without their district."""

from __future__ import annotations

import pytest

from loaders.normalise.addresses import normalise_address
from loaders.normalise.orgs import normalise_org_name
from resolvers.dwelling_context import refine_with_persons
from resolvers.dwellings import resolve_dwellings
from resolvers.mentions import AddressMention, OrgMention
from resolvers.orgs import resolve_orgs


def _addr(source: str, rid: str, text: str, role: str = "house") -> AddressMention:
    parsed = normalise_address(text)
    assert parsed is not None
    return AddressMention((source, rid, role), parsed)


def _groups(clusters: dict[tuple[str, str, str], int]) -> set[frozenset[str]]:
    out: dict[int, set[str]] = {}
    for k, v in clusters.items():
        out.setdefault(v, set()).add(k[1])
    return {frozenset(g) for g in out.values()}


def test_one_persons_unitless_address_joins_their_full_one_but_never_chains_units() -> None:
    ms = [
        _addr("police", "p1", "华贸中心2号楼404"),  # no unit: ambiguous from text alone
        _addr("family_planning", "f1", "北京市朝阳区华贸中心2号楼3单元404室"),
        _addr("police", "p2", "华贸中心2号楼404"),
        _addr("family_planning", "f2", "华贸中心2号楼4单元404室"),
    ]
    base = resolve_dwellings(ms)
    assert len(set(base.clusters.values())) >= 3
    # p1 and f1 are one person; p2 and f2 another one.
    persons = {
        ("police", "p1", "person"): 1,
        ("family_planning", "f1", "person"): 1,
        ("police", "p2", "person"): 2,
        ("family_planning", "f2", "person"): 2,
    }
    refined = refine_with_persons(base, ms, persons)
    groups = _groups(refined.clusters)
    together = next(g for g in groups if "f1" in g)
    assert "f2" not in together  # unit 3 and unit 4 never meet through unit-less addresses
    assert refined.stats["person_context_merges"] >= 1
    context = [p for p in refined.pairs if p.contributions[0].comparison == "person context"]
    assert context and all(p.decision == "match" for p in context)


@pytest.mark.parametrize(
    ("names", "expected_groups"),
    [
        (["北京市朝阳区小关中学", "朝阳区小关中学", "小关中学"], 1),
        (["北京市朝阳区人民政府双井街道办事处", "双井街道办事处"], 1),
        (["朝阳区民政局", "海淀区民政局", "民政局"], 3),  # ambiguous: joins neither
        (["酒仙桥社区卫生服务中心", "卫生服务中心"], 2),  # 社区 is not a district
    ],
)
def test_units_named_without_their_district(names: list[str], expected_groups: int) -> None:
    ms = []
    for i, n in enumerate(names):
        parsed = normalise_org_name(n)
        assert parsed is not None
        ms.append(OrgMention(("police", str(i), "employer"), parsed))
    result = resolve_orgs(ms)
    assert len(set(result.clusters.values())) == expected_groups
