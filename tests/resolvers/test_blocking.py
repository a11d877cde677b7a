"""Blocking keys for mistyped IDs, and the pairs blocking never forms."""

from __future__ import annotations

import numpy as np
import pytest

from resolvers.persons.blocking import block, candidate_pairs
from resolvers.persons.table import build_table
from tests.resolvers.person_factories import features, mention, valid_id

BASE = valid_id("11010519850312123")  # region 110105, born 1985-03-12, sequence 123


def _pairs(ids: list[str], name: str | None = None) -> tuple[set[tuple[int, int]], int]:
    ms = [
        mention(f"r{i}", name=name, id_number=v, birth="1985-03-12", sex="M")
        for i, v in enumerate(ids)
    ]
    left, right, stats = candidate_pairs(build_table([features(m) for m in ms]))
    return set(zip(left.tolist(), right.tolist(), strict=True)), stats.identities_apart


def _swap(value: str, i: int) -> str:
    chars = list(value)
    chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def _substitute(value: str, i: int) -> str:
    return value[:i] + str((int(value[i]) + 5) % 10) + value[i + 1 :]


def test_one_substitution_or_swap_in_the_sequence_and_check_still_meets_the_id() -> None:
    """The sequence segment is split in two (so that its key is not "everyone born that
    day"); a typo anywhere in positions 14 to 17, or any adjacent swap there, still
    shares a key with the ID as written."""
    typos = [_substitute(BASE, i) for i in (14, 15, 16)]
    typos.append(BASE[:17] + ("0" if BASE[17] != "0" else "1"))
    typos += [_swap(BASE, i) for i in (13, 14, 15, 16) if BASE[i] != BASE[i + 1]]
    for typo in typos:
        pairs, _ = _pairs([BASE, typo])
        assert pairs == {(0, 1)}, typo


def test_two_different_identities_are_never_paired_even_with_name_and_birth_equal() -> None:
    other = valid_id("11010519850312457")
    pairs, apart = _pairs([BASE, other], name="张伟")
    assert pairs == set()
    assert apart >= 1  # formed by the name and date keys, then dropped


def test_an_id_that_is_not_an_identity_is_still_paired_by_name_and_birth() -> None:
    other = valid_id("11010519850312993")
    invalid = other[:17] + ("0" if other[17] != "0" else "1")  # wrong check character
    pairs, apart = _pairs([BASE, invalid], name="张伟")
    assert pairs == {(0, 1)}
    assert apart == 0


def test_region_and_birth_date_alone_do_not_form_a_block() -> None:
    """Two people of one district born the same day, with different sequence numbers and
    no name: no key of theirs is shared any more (the old sequence+check key was)."""
    a, b = valid_id("11010519850312123"), valid_id("11010519850312987")
    # wrong check characters: not identities, so only the keys could keep them apart
    a, b = (v[:17] + ("0" if v[17] != "0" else "1") for v in (a, b))
    pairs, _ = _pairs([a, b])
    assert pairs == set()


def test_the_dropped_identity_pairs_reach_em_as_a_weighted_sample() -> None:
    # odd sequence numbers: men's IDs, each its bearer's own (an identity)
    ids = [valid_id(f"11010519850310{k:03d}") for k in range(101, 160, 2)]
    ms = [mention(f"r{i}", name="张伟", id_number=v, sex="M") for i, v in enumerate(ids)]
    table = build_table([features(m) for m in ms])
    whole = block(table)
    assert whole.left.size == 0  # 30 namesakes born the same day, each with their own ID
    assert whole.stats.identities_apart == 30 * 29 // 2
    assert whole.apart_left.size == whole.stats.identities_apart and whole.apart_weight == 1.0
    sample = block(table, apart_sample=100)
    assert sample.apart_left.size == 100
    assert sample.apart_weight == pytest.approx(435 / 100)
    assert set(zip(sample.apart_left.tolist(), sample.apart_right.tolist(), strict=True)) <= set(
        zip(whole.apart_left.tolist(), whole.apart_right.tolist(), strict=True)
    )
    again = block(table, apart_sample=100)
    assert np.array_equal(again.apart_left, sample.apart_left)  # a fixed seed: reproducible
