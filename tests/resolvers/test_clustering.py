"""Constrained clustering: no chaining through one weak link, hard rules and curation honoured."""

from __future__ import annotations

import numpy as np

from resolvers.clustering import cluster


def run(n, pairs, identity=None, must=(), cannot=(), match=0.9, linkage=0.5):  # type: ignore[no-untyped-def]
    left = np.array([p[0] for p in pairs], dtype=np.int64)
    right = np.array([p[1] for p in pairs], dtype=np.int64)
    prob = np.array([p[2] for p in pairs], dtype=float)
    weight = np.log2(prob / (1 - prob + 1e-12) + 1e-12)
    return cluster(
        n,
        left,
        right,
        weight,
        prob,
        identity=identity or [None] * n,
        match_threshold=match,
        linkage_threshold=linkage,
        must_link=must,
        cannot_link=cannot,
    )


def groups(labels: list[int]) -> set[frozenset[int]]:
    out: dict[int, set[int]] = {}
    for i, lb in enumerate(labels):
        out.setdefault(lb, set()).add(i)
    return {frozenset(g) for g in out.values()}


def test_strong_pairs_merge_weak_do_not() -> None:
    result = run(4, [(0, 1, 0.99), (2, 3, 0.6)])
    assert groups(result.labels) == {frozenset({0, 1}), frozenset({2}), frozenset({3})}


def test_two_valid_ids_never_share_a_cluster_even_through_a_third_record() -> None:
    # 0 and 2 carry different valid IDs; 1 (no ID) matches both strongly.
    result = run(3, [(0, 1, 0.999), (1, 2, 0.99)], identity=["A", None, "B"])
    assert groups(result.labels) == {frozenset({0, 1}), frozenset({2})}
    assert result.stats.refused_conflict == 1


def test_one_strong_link_does_not_chain_two_groups_with_negative_evidence() -> None:
    # {0,1} and {2,3} are tight groups; 1~2 is strong but 0~2, 0~3, 1~3 say "different".
    pairs = [(0, 1, 0.999), (2, 3, 0.999), (1, 2, 0.95), (0, 2, 0.01), (0, 3, 0.01), (1, 3, 0.02)]
    result = run(4, pairs)
    assert groups(result.labels) == {frozenset({0, 1}), frozenset({2, 3})}
    assert result.stats.refused_linkage == 1


def test_curation_must_and_cannot_link() -> None:
    result = run(3, [(0, 1, 0.99)], cannot=[(0, 1)], must=[(1, 2)])
    assert groups(result.labels) == {frozenset({0}), frozenset({1, 2})}


def test_labels_are_deterministic_smallest_member() -> None:
    result = run(5, [(3, 4, 0.99), (1, 3, 0.99)])
    assert result.labels == [0, 1, 2, 1, 1]


def test_a_cluster_keeps_the_ids_of_a_smaller_cluster_merged_into_it() -> None:
    """{1, 0:id1} joins the larger {2, 3, 4} (no ID): the joined cluster carries id1, so
    5:id2 may not join it afterwards."""
    left = np.array([1, 2, 2, 2, 5])
    right = np.array([0, 3, 4, 1, 3])
    weight = np.array([30.0, 29.0, 28.0, 27.0, 26.0])
    result = cluster(
        6,
        left,
        right,
        weight,
        np.full(5, 0.99),
        identity=["id1", None, None, None, None, "id2"],
        match_threshold=0.5,
        linkage_threshold=0.0,
        linkage_values=weight,
    )
    assert len({result.labels[i] for i in range(5)}) == 1
    assert result.labels[5] != result.labels[0]
    assert result.refused_edges == {4: "conflicting IDs"}
