"""Second look at dwellings, with the resolved persons as context.

Why: some address variants cannot be decided from the text alone. ``华贸中心2号楼404``
(no unit) fits 2-1-404 … 2-5-404 equally well; ``朝阳北路6号院2-5-1401`` names the
estate by its gate address instead of ``华贸中心``. The dwelling resolver rightly
leaves them apart. But once persons are resolved, the same person is often
placed at both spellings by different departments: the police row says
``华贸中心2号楼404`` and the family-planning row of the same person says
``华贸中心2-3-404``. Two address references of one person whose building, unit
and room agree (a unit missing on one side is allowed, a different stated unit or
district is not) are one dwelling.

A person's addresses are their own rows' current and registered addresses and,
for housing rows, the flats they rent. Flats they own are left out: an owner
often owns several flats, numbered alike in different estates.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence

from loaders.normalise.addresses import NormAddress
from resolvers.district_spellings import district_spellings, with_common_districts
from resolvers.mentions import AddressMention, MentionKey
from resolvers.result import Contribution, ScoredPair, SpaceResult
from resolvers.union_find import UnionFind

logger = logging.getLogger(__name__)

CONTEXT_WEIGHT = 12.0


def _person_of(key: MentionKey) -> MentionKey | None:
    source, record_id, role = key
    if source == "housing":
        return (source, record_id, "tenant") if role == "house" else None
    return (source, record_id, "person")


def _compatible(a: NormAddress, b: NormAddress) -> bool:
    if not (a.building and a.room and a.building == b.building and a.room == b.room):
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    return not (a.district and b.district and a.district != b.district)


def refine_with_persons(
    dwellings: SpaceResult,
    addresses: Sequence[AddressMention],
    person_cluster: Mapping[MentionKey, int],
    cannot_link: Sequence[tuple[MentionKey, MentionKey]] = (),
) -> SpaceResult:
    """Merge dwelling clusters that one person's compatible addresses tie together."""
    addresses = with_common_districts(addresses, district_spellings(addresses))
    labels = sorted(set(dwellings.clusters.values()))
    position = {label: i for i, label in enumerate(labels)}
    uf = UnionFind(len(labels))
    by_person: dict[int, list[AddressMention]] = defaultdict(list)
    for m in addresses:
        person = _person_of(m.key)
        if person is not None and person in person_cluster and m.address.key:
            by_person[person_cluster[person]].append(m)
    forbidden = {
        frozenset((position[dwellings.clusters[a]], position[dwellings.clusters[b]]))
        for a, b in cannot_link
        if a in dwellings.clusters and b in dwellings.clusters
    }
    # What each cluster states, so that a chain through an address without a unit cannot
    # join 2单元 to 3单元: unions are refused when the groups' stated units or districts differ.
    units: dict[int, set[str]] = defaultdict(set)
    districts: dict[int, set[str]] = defaultdict(set)
    for m in addresses:
        if m.key in dwellings.clusters:
            c = position[dwellings.clusters[m.key]]
            if m.address.unit:
                units[c].add(m.address.unit)
            if m.address.district:
                districts[c].add(m.address.district)

    def clash(ra: int, rb: int) -> bool:
        return bool(
            (units[ra] and units[rb] and units[ra] != units[rb])
            or (districts[ra] and districts[rb] and districts[ra] != districts[rb])
        )

    new_pairs: list[ScoredPair] = []
    for ms in by_person.values():
        if len(ms) < 2:
            continue
        for i, x in enumerate(ms):
            for y in ms[i + 1 :]:
                cx, cy = position[dwellings.clusters[x.key]], position[dwellings.clusters[y.key]]
                if uf.find(cx) == uf.find(cy) or not _compatible(x.address, y.address):
                    continue
                ra, rb = uf.find(cx), uf.find(cy)
                if frozenset((cx, cy)) in forbidden or clash(ra, rb):
                    continue
                uf.union(cx, cy)
                root = uf.find(cx)
                for other in (ra, rb):
                    if other != root:
                        units[root] |= units.pop(other, set())
                        districts[root] |= districts.pop(other, set())
                new_pairs.append(
                    ScoredPair(
                        a=x.key,
                        b=y.key,
                        weight=CONTEXT_WEIGHT,
                        probability=1.0 - 2.0**-CONTEXT_WEIGHT,
                        decision="match",
                        contributions=(
                            Contribution(
                                "person context",
                                "same person, same building/unit/room",
                                CONTEXT_WEIGHT,
                                f"{x.address.text} | {y.address.text}",
                            ),
                        ),
                    )
                )
    if not new_pairs:
        return dwellings
    root_label = {i: labels[uf.find(i)] for i in range(len(labels))}
    merged = {k: root_label[position[v]] for k, v in dwellings.clusters.items()}
    # keep labels canonical: the smallest old label of each merged group
    smallest: dict[int, int] = {}
    for old, new in ((v, merged[k]) for k, v in dwellings.clusters.items()):
        smallest[new] = min(smallest.get(new, old), old)
    clusters = {k: smallest[v] for k, v in merged.items()}
    stats = dict(dwellings.stats)
    stats["person_context_merges"] = len(new_pairs)
    logger.info("dwellings: %d merges from person context", len(new_pairs))
    return SpaceResult(dwellings.space, clusters, [*dwellings.pairs, *new_pairs], stats)
