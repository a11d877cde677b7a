"""A parent's ID number on a child's row does not make parent and child one person.

Why a whole small district: the weights come from EM over the district's pairs, and
what must hold is the outcome of real scoring and clustering: family members share a
phone and a flat, so only the rule that a foreign number is no evidence keeps them
apart, while each person's own rows (with the usual slips) still join.
"""

from __future__ import annotations

import random

from resolvers.persons.resolve import resolve_persons
from tests.resolvers.person_factories import mention, valid_id

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


def _district(families: int = 60, seed: int = 3):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    mentions, truth = [], []
    for f in range(families):
        surname = SURNAMES[f % len(SURNAMES)]
        parent_name = surname + rng.choice(GIVEN) + rng.choice(GIVEN)
        child_name = surname + rng.choice(GIVEN)
        year = 1960 + f % 30
        parent_birth = f"{year}-{1 + f % 12:02d}-{1 + f % 27:02d}"
        child_birth = f"{year + 28}-{1 + (f + 5) % 12:02d}-{1 + (f + 3) % 27:02d}"
        parent_id = valid_id(f"110105{parent_birth.replace('-', '')}{100 + f:03d}")
        phone = (f"1380000{f:04d}",)
        flat = (f"d{f}",)
        rows = [
            # parent: police and family planning, both with the parent's own number
            (f"p{f}", parent_name, parent_id, parent_birth, "parent"),
            (f"fp{f}", parent_name, parent_id, parent_birth, "parent"),
            # child: no number of its own anywhere; police wrote down the parent's
            (f"c{f}", child_name, parent_id, child_birth, "child"),
            (f"fc{f}", child_name, None, child_birth, "child"),
        ]
        for rid, name, id_number, birth, who in rows:
            source = "family_planning" if rid.startswith("f") else "police"
            mentions.append(
                mention(
                    (source, rid, "person"), name, id_number, birth, phones=phone, dwellings=flat
                )
            )
            truth.append((f, who))
    return mentions, truth


def test_a_parents_number_on_a_childs_row_keeps_them_two_people() -> None:
    mentions, truth = _district()
    result, _ = resolve_persons(mentions, lambda k: k)
    label = {m.key: result.clusters[m.key] for m in mentions}
    merged_across, split_within = 0, 0
    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            b = mentions[j]
            same_truth = truth[i] == truth[j]
            same_label = label[a.key] == label[b.key]
            merged_across += same_label and not same_truth
            split_within += same_truth and not same_label
    assert merged_across == 0
    assert split_within == 0
