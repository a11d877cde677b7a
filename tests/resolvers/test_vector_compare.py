"""The vectorised comparisons and blocking agree with the scalar definitions, pair by pair."""

from __future__ import annotations

import numpy as np

from loaders.records import SourceRecord
from resolvers.fellegi_sunter import FSModel, TermFrequencies
from resolvers.mentions import collect_mentions
from resolvers.persons.blocking import candidate_pairs
from resolvers.persons.compare import (
    COMPARISONS,
    IDS_RULE,
    PersonFeatures,
    compare,
    features_of,
    hard_rule,
    ids_conflict,
    is_identity,
    shared_values,
)
from resolvers.persons.resolve import build_tf
from resolvers.persons.table import build_table
from resolvers.persons.vector_compare import RULES, VectorComparer


def _features(records: list[SourceRecord]) -> list[PersonFeatures]:
    mentions = collect_mentions(records)
    return [features_of(m, lambda k: k) for m in mentions.persons]


def test_levels_conflicts_and_tf_match_the_scalar_functions(
    district_records: list[SourceRecord],
) -> None:
    features = _features(district_records)
    table = build_table(features)
    comparer = VectorComparer(table)
    left, right, _ = candidate_pairs(table)
    rng = np.random.default_rng(3)
    ra = rng.integers(0, len(features), 20_000)
    rb = rng.integers(0, len(features), 20_000)
    a = np.concatenate([left, ra])
    b = np.concatenate([right, rb])
    levels = comparer.levels(a, b)
    rule = comparer.conflicts(a, b, levels)
    model = FSModel(
        names=[c.name for c in COMPARISONS],
        levels=[list(c.levels) for c in COMPARISONS],
        m=[],
        u=[],
        prior=0.1,
        tf=build_tf(features),
    )
    adjust = comparer.tf_adjustments(model, a, b, levels)
    for k in range(a.size):
        fa, fb = features[int(a[k])], features[int(b[k])]
        expected = compare(fa, fb)
        assert tuple(levels[k]) == expected, (k, fa, fb)
        assert (RULES[rule[k]] == IDS_RULE) == ids_conflict(fa, fb)
        assert RULES[rule[k]] == hard_rule(fa, fb, table.since), (k, fa, fb)
        tf = 0.0
        for j, comp in enumerate(COMPARISONS):
            if comp.tf and expected[j] == 0:
                table_j: TermFrequencies = model.tf[comp.tf]
                tf += table_j.best_adjustment(shared_values(comp.name, fa, fb))
        assert abs(adjust[k] - tf) < 1e-9
    # every hard rule keeps some pair apart, so all of them were checked
    assert set(rule.tolist()) == set(range(len(RULES))), sorted(set(rule.tolist()))
    # every level of the ID, name and birth comparisons occurs, so all branches were checked
    for j in (0, 1, 2):
        seen = set(levels[:, j].tolist())
        assert len(seen) >= len(COMPARISONS[j].levels) - 1, (COMPARISONS[j].name, seen)


def test_blocking_finds_every_pair_that_shares_an_id_or_a_one_edit_id(
    district_records: list[SourceRecord],
) -> None:
    features = _features(district_records)
    left, right, stats = candidate_pairs(build_table(features))
    pairs = set(zip(left.tolist(), right.tolist(), strict=True))
    assert all(a < b for a, b in pairs)
    by_id: dict[str, list[int]] = {}
    for i, f in enumerate(features):
        if f.id_value and len(f.id_value) == 18:
            by_id.setdefault(f.id_value, []).append(i)
    for ids in by_id.values():
        for x in ids:
            for y in ids:
                if x < y:
                    assert (x, y) in pairs
    values = sorted(by_id)
    for v in values[:300]:  # every one-substitution or adjacent-swap neighbour that exists
        for w in values:
            if v != w and compare(features[by_id[v][0]], features[by_id[w][0]])[0] == 3:
                x, y = sorted((by_id[v][0], by_id[w][0]))
                both_identities = all(
                    is_identity(features[i]) and features[i].id_kind == "id18" for i in (x, y)
                )
                assert ((x, y) in pairs) != both_identities
    assert stats.candidate_pairs == len(pairs)
