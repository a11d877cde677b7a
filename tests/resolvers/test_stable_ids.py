"""Stable ids: same data same ids; merges and splits follow the documented rule."""

from __future__ import annotations

from resolvers.stable_ids import assign_ids

K = [("police", str(i), "person") for i in range(6)]


def test_fresh_ids_are_content_derived_and_repeatable() -> None:
    clusters = {K[0]: 0, K[1]: 0, K[2]: 2}
    first = assign_ids(clusters, {}, "P")
    second = assign_ids(clusters, {}, "P")
    assert first.ids == second.ids
    assert first.ids[K[0]] == first.ids[K[1]] != first.ids[K[2]]
    assert all(v.startswith("P") and len(v) == 17 for v in first.ids.values())


def test_ids_survive_new_data() -> None:
    before = assign_ids({K[0]: 0, K[1]: 0}, {}, "P").ids
    after = assign_ids({K[0]: 0, K[1]: 0, K[2]: 0, K[3]: 3}, before, "P")
    assert after.ids[K[2]] == before[K[0]]
    assert after.ids[K[3]] != before[K[0]]
    assert after.kept == 1 and after.created == 1


def test_merge_keeps_the_larger_part_and_records_the_retired_id() -> None:
    prev = {K[0]: "P-a", K[1]: "P-a", K[2]: "P-b"}
    result = assign_ids({K[0]: 0, K[1]: 0, K[2]: 0}, prev, "P")
    assert set(result.ids.values()) == {"P-a"}
    assert result.superseded == {"P-b": "P-a"}


def test_split_leaves_the_id_with_the_majority() -> None:
    prev = {K[0]: "P-a", K[1]: "P-a", K[2]: "P-a"}
    result = assign_ids({K[0]: 0, K[1]: 0, K[2]: 2}, prev, "P")
    assert result.ids[K[0]] == result.ids[K[1]] == "P-a"
    assert result.ids[K[2]] != "P-a"
