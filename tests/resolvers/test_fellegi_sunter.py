"""EM recovers the parameters that generated the comparison vectors; TF adjustment direction."""

from __future__ import annotations

import numpy as np
import pytest

from resolvers.fellegi_sunter import TermFrequencies, distinct_vectors, estimate, score


def test_em_recovers_known_m_u_and_prior() -> None:
    rng = np.random.default_rng(7)
    n, prior = 40_000, 0.25
    m = [[0.9, 0.08, 0.02, 0.0], [0.85, 0.15, 0.0], [0.7, 0.3, 0.0]]
    u = [[0.01, 0.09, 0.9, 0.0], [0.2, 0.8, 0.0], [0.3, 0.7, 0.0]]
    is_match = rng.random(n) < prior
    cols = []
    for mk, uk in zip(m, u, strict=True):
        pm, pu = np.array(mk[:-1]), np.array(uk[:-1])
        col = np.where(
            is_match,
            rng.choice(len(pm), n, p=pm),
            rng.choice(len(pu), n, p=pu),
        )
        missing = rng.random(n) < 0.1
        col[missing] = len(mk) - 1
        cols.append(col)
    vectors = np.stack(cols, axis=1).astype(np.uint8)
    model = estimate(
        vectors, ["a", "b", "c"], [["0", "1", "2", "x"], ["0", "1", "x"], ["0", "1", "x"]]
    )
    assert abs(model.prior - prior) < 0.02
    for k in range(3):
        assert np.allclose(model.m[k][:-1], m[k][:-1], atol=0.03)
        assert np.allclose(model.u[k][:-1], u[k][:-1], atol=0.03)
    _, prob = score(model, vectors)
    accuracy = ((prob >= 0.5) == is_match).mean()
    assert accuracy > 0.95  # the Bayes limit for these parameters is ~0.96


def test_term_frequency_rare_values_count_more() -> None:
    values = [("张伟",)] * 50 + [("欧阳娜娜",)] * 2 + [(f"n{i}",) for i in range(200)]
    tf = TermFrequencies.build(values)
    assert tf.adjustment("欧阳娜娜") > 0 > tf.adjustment("张伟")
    assert tf.adjustment(None) == 0.0
    assert TermFrequencies.from_json(tf.to_json()).adjustment("张伟") == tf.adjustment("张伟")


def test_distinct_vectors_counts_every_row_once() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.integers(0, 4, (5_000, 7)).astype(np.uint8)
    rows, counts = distinct_vectors(vectors)
    expected_rows, expected_counts = np.unique(vectors, axis=0, return_counts=True)
    got = {tuple(r): int(c) for r, c in zip(rows.tolist(), counts, strict=True)}
    want = {tuple(r): int(c) for r, c in zip(expected_rows.tolist(), expected_counts, strict=True)}
    assert got == want and len(got) == len(rows)
    assert counts.sum() == len(vectors)
    empty_rows, empty_counts = distinct_vectors(np.zeros((0, 7), dtype=np.uint8))
    assert empty_rows.shape == (0, 7) and empty_counts.size == 0


def _naive_em(vectors: np.ndarray, levels: list[list[str]], iterations: int) -> tuple:
    """The textbook EM over every pair, as the reference for the compressed one."""
    from resolvers.fellegi_sunter import _initial_m

    n, n_comp = vectors.shape
    m = [np.array(_initial_m(lv)) for lv in levels]
    u = []
    for k, lv in enumerate(levels):
        c = np.bincount(vectors[:, k], minlength=len(lv)).astype(float)[: len(lv)]
        c[-1] = 0.0
        u.append(c / c.sum())
    prior = 0.3
    for _ in range(iterations):
        log_m = np.full(n, np.log(prior))
        log_u = np.full(n, np.log(1 - prior))
        for k in range(n_comp):
            mk, uk = np.log(np.maximum(m[k], 1e-6)), np.log(np.maximum(u[k], 1e-6))
            mk[-1] = uk[-1] = 0.0
            log_m += mk[vectors[:, k]]
            log_u += uk[vectors[:, k]]
        post = 1.0 / (1.0 + np.exp(log_u - log_m))
        prior = post.mean()
        for k in range(n_comp):
            hm = np.bincount(vectors[:, k], weights=post, minlength=len(levels[k]))
            hu = np.bincount(vectors[:, k], weights=1 - post, minlength=len(levels[k]))
            hm[-1] = hu[-1] = 0.0
            m[k], u[k] = hm / hm.sum(), hu / hu.sum()
    return prior, m, u


def test_em_over_distinct_vectors_equals_em_over_every_pair() -> None:
    rng = np.random.default_rng(11)
    levels = [["0", "1", "2", "x"], ["0", "1", "x"], ["0", "1", "2", "3", "x"]]
    vectors = np.stack([rng.integers(0, len(lv), 20_000) for lv in levels], axis=1).astype(np.uint8)
    model = estimate(vectors, ["a", "b", "c"], levels, max_iterations=5, tolerance=0.0)
    prior, m, u = _naive_em(vectors, levels, 5)
    assert model.iterations == 5
    assert abs(model.prior - prior) < 1e-9
    for k in range(3):
        assert np.allclose(model.m[k], m[k], atol=1e-9)
        assert np.allclose(model.u[k], u[k], atol=1e-9)


def test_a_neutral_level_weighs_nothing_and_is_left_out_of_em() -> None:
    from resolvers.fellegi_sunter import NEUTRAL_LEVELS, estimate, random_u

    levels = [("same", "same-foreign", "different", "missing")]
    assert "same-foreign" in NEUTRAL_LEVELS
    rng = np.random.default_rng(5)
    vectors = rng.choice(4, size=(5000, 1), p=[0.3, 0.2, 0.4, 0.1]).astype(np.uint8)
    model = estimate(vectors, ["x"], levels)
    assert model.m[0][1] == 0.0 and model.u[0][1] == 0.0
    assert model.weight(0, 1) == 0.0 and model.weight(0, 3) == 0.0
    assert model.weight(0, 0) != 0.0
    u = random_u(100, lambda a, b: np.ones((a.size, 1), dtype=np.uint8), levels, samples=1000)
    assert u[0][1] == 0.0 and u[0][3] == 0.0 and abs(sum(u[0]) - 1.0) < 1e-9


def test_a_weighted_pair_counts_as_that_many_copies() -> None:
    """EM on a sample whose rows stand for ``w`` pairs each fits what EM on the copies fits."""
    rng = np.random.default_rng(5)
    levels = [["0", "1", "2", "x"], ["0", "1", "x"]]
    common = rng.integers(0, 3, (3_000, 2)).astype(np.uint8)
    common[:600] = 0  # a block of agreeing (matching) pairs
    group = np.tile(np.array([[2, 1]], dtype=np.uint8), (50, 1))  # a uniform non-match group
    copies = estimate(np.concatenate([common] + [group] * 4), ["a", "b"], levels)
    weighted = estimate(
        np.concatenate([common, group]),
        ["a", "b"],
        levels,
        pair_weights=np.concatenate([np.ones(len(common)), np.full(len(group), 4.0)]),
    )
    unweighted = estimate(np.concatenate([common, group]), ["a", "b"], levels)
    assert weighted.prior == pytest.approx(copies.prior, rel=1e-9)
    for k in range(2):
        assert weighted.m[k] == pytest.approx(copies.m[k], rel=1e-9, abs=1e-12)
        assert weighted.u[k] == pytest.approx(copies.u[k], rel=1e-9, abs=1e-12)
    assert unweighted.prior != pytest.approx(copies.prior, rel=1e-6)
