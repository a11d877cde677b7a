"""EM recovers the parameters that generated the comparison vectors; TF adjustment direction."""

from __future__ import annotations

import numpy as np

from resolvers.fellegi_sunter import TermFrequencies, estimate, score


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
