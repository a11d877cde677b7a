"""UnionFind and GuardedUnionFind: sets, determinism, and guards no chain can get round."""

from __future__ import annotations

import random

import pytest

from resolvers.union_find import GuardedUnionFind, UnionFind


def test_union_reports_whether_anything_changed() -> None:
    uf = UnionFind(3)
    assert uf.union(0, 1) is True
    assert uf.union(1, 0) is False
    assert uf.find(0) == uf.find(1) != uf.find(2)


@pytest.mark.parametrize(
    ("n", "unions", "expected"),
    [
        (0, [], []),
        (3, [], [[0], [1], [2]]),
        (5, [(3, 4), (1, 3)], [[0], [1, 3, 4], [2]]),
        (6, [(5, 0), (2, 4), (4, 0)], [[0, 2, 4, 5], [1], [3]]),
    ],
)
def test_components_sorted_members_ordered_by_smallest(
    n: int, unions: list[tuple[int, int]], expected: list[list[int]]
) -> None:
    uf = UnionFind(n)
    for i, j in unions:
        uf.union(i, j)
    assert uf.components() == expected


def test_components_do_not_depend_on_union_order() -> None:
    edges = [(i, (i * 7 + 3) % 200) for i in range(0, 200, 3)]
    reference = None
    for seed in range(5):
        random.Random(seed).shuffle(edges)
        uf = UnionFind(200)
        for i, j in edges:
            uf.union(i, j)
        reference = reference or uf.components()
        assert uf.components() == reference


def test_long_chain_needs_no_recursion() -> None:
    uf = UnionFind(100_000)
    for i in range(99_999):
        uf.union(i, i + 1)
    assert len(uf.components()) == 1


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError):
        UnionFind(-1)


def test_keep_apart_blocks_chains_through_third_items() -> None:
    uf = GuardedUnionFind(4)
    uf.keep_apart(0, 3)
    assert uf.try_union(0, 1) == "merged"
    assert uf.try_union(2, 3) == "merged"
    assert uf.try_union(1, 2) == "refused"
    assert uf.union(1, 2) is False
    assert uf.try_union(0, 1) == "same"
    assert uf.components() == [[0, 1], [2, 3]]


def test_labels_keep_two_identities_apart() -> None:
    uf = GuardedUnionFind(3)
    uf.label(0, "A")
    uf.label(2, "B")
    assert uf.union(0, 1)
    assert uf.label_of(1) == "A"
    assert not uf.allowed(1, 2)
    assert not uf.union(1, 2)
    assert uf.label(1, "B") is False  # the set already holds A
    assert uf.label(1, "A") is True


def test_keep_apart_on_one_set_does_nothing() -> None:
    uf = GuardedUnionFind(2)
    uf.union(0, 1)
    assert uf.keep_apart(0, 1) is False
