"""Fellegi–Sunter match weights estimated by EM, with term-frequency adjustment.

Why estimate rather than hand-set: how much "same birth date" is worth depends
on the district (its age pyramid, how often clerks mistype dates), and it must
work on extracts we have never seen. EM fits a two-class mixture (match /
non-match) to the comparison vectors of the candidate pairs under conditional
independence, giving for each comparison level the probabilities m (among
matches) and u (among non-matches); a level's weight is log2(m/u).

Why term frequencies: agreeing on 张伟 is weaker evidence than agreeing on 欧阳娜娜.
For a comparison with a TF table, the exact-agreement weight is adjusted by
log2(Σ_w tf_w² / tf_v): the average chance that two records share *some* value,
over the chance they share *this* one. A family phone seen on eight records
counts for less than a personal one seen twice.

Why u comes from random pairs: inside the blocked candidates, non-matches agree
on the blocking attributes by construction (two people named 张伟 born in 1985
are candidates *because* they share a name and a year), so a u estimated there
says "a shared name is worthless". The u that measures how rare an agreement is
comes from pairs drawn at random (``random_u``), as in Splink; m (how matches
look) is estimated by EM on the candidates, where the matches are; and the prior
is the population's: the candidate match rate times candidates over all pairs.

The "missing" level (always the last) has weight 0 by construction and is left
out of the estimation, and so is any level named in ``NEUTRAL_LEVELS``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

logger = logging.getLogger(__name__)

_EPS = 1e-6
TF_CLIP = 8.0

#: Levels that carry no evidence by definition, like "missing". ``same-foreign`` (an ID
#: shared with a row whose stated birth date says the number is not its own, e.g. a
#: parent's on a child's row) is evidence of a family tie, not of identity, and EM
#: cannot learn that: at random two rows almost never share a number, so u would be
#: tiny and the weight as large as an exact match's.
NEUTRAL_LEVELS: frozenset[str] = frozenset({"same-foreign"})


def neutral_levels(levels: Sequence[str]) -> list[int]:
    """Indexes of the levels of one comparison whose weight is 0: missing and neutral."""
    return [i for i, name in enumerate(levels) if name in NEUTRAL_LEVELS] + [len(levels) - 1]


@dataclass
class TermFrequencies:
    """Counts of each value of one attribute over all mentions."""

    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    sum_sq: float = 0.0

    @classmethod
    def build(cls, values: Sequence[Sequence[str]]) -> TermFrequencies:
        counts: dict[str, int] = {}
        for vs in values:
            for v in set(vs):
                counts[v] = counts.get(v, 0) + 1
        total = sum(counts.values())
        sum_sq = sum((c / total) ** 2 for c in counts.values()) if total else 0.0
        return cls(counts, total, sum_sq)

    def adjustment(self, value: str | None) -> float:
        """log2(Σ tf² / tf_v), clipped; 0 when the value or table is unknown."""
        if value is None or not self.total or self.sum_sq <= 0:
            return 0.0
        count = max(self.counts.get(value, 2), 2)
        tf = count / self.total
        return min(max(math.log2(self.sum_sq / tf), -TF_CLIP), TF_CLIP)

    def best_adjustment(self, values: Sequence[str]) -> float:
        """Of several shared values (two phones in common), the rarest one counts."""
        return max((self.adjustment(v) for v in values), default=0.0)

    def to_json(self) -> dict[str, Any]:
        return {"counts": self.counts, "total": self.total, "sum_sq": self.sum_sq}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TermFrequencies:
        return cls(dict(d["counts"]), int(d["total"]), float(d["sum_sq"]))


@dataclass
class FSModel:
    """Estimated parameters: per comparison, m and u per level, and the prior λ."""

    names: list[str]
    levels: list[list[str]]
    m: list[list[float]]
    u: list[list[float]]
    prior: float
    iterations: int = 0
    tf: dict[str, TermFrequencies] = field(default_factory=dict)

    def weight(self, k: int, level: int) -> float:
        if level in neutral_levels(self.levels[k]):
            return 0.0
        return math.log2(max(self.m[k][level], _EPS) / max(self.u[k][level], _EPS))

    def weight_table(self) -> npt.NDArray[np.float64]:
        width = max(len(lv) for lv in self.levels)
        table = np.zeros((len(self.names), width))
        for k in range(len(self.names)):
            for level in range(len(self.levels[k])):
                table[k, level] = self.weight(k, level)
        return table

    @property
    def prior_weight(self) -> float:
        return math.log2(max(self.prior, _EPS) / max(1 - self.prior, _EPS))

    def to_json(self) -> dict[str, Any]:
        return {
            "names": self.names,
            "levels": self.levels,
            "m": self.m,
            "u": self.u,
            "prior": self.prior,
            "iterations": self.iterations,
            "tf": {k: v.to_json() for k, v in self.tf.items()},
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> FSModel:
        return cls(
            names=list(d["names"]),
            levels=[list(x) for x in d["levels"]],
            m=[list(x) for x in d["m"]],
            u=[list(x) for x in d["u"]],
            prior=float(d["prior"]),
            iterations=int(d.get("iterations", 0)),
            tf={k: TermFrequencies.from_json(v) for k, v in d.get("tf", {}).items()},
        )


def _initial_m(levels: Sequence[str]) -> list[float]:
    """Agreement levels start likely among matches; EM moves them where the data says."""
    raw = [0.5**i for i in range(len(levels))]
    for i in neutral_levels(levels):
        raw[i] = 0.0
    total = sum(raw)
    return [r / total for r in raw]


def distinct_vectors(
    vectors: npt.NDArray[np.uint8],
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """The distinct rows of ``vectors`` and how many times each occurs."""
    if vectors.shape[1] > 8:  # more than fits one uint64 key: the general (slower) path
        rows, counts = np.unique(vectors, axis=0, return_counts=True)
        return rows.astype(np.uint8), counts.astype(np.int64)
    packed = np.zeros(vectors.shape[0], dtype=np.uint64)
    for k in range(vectors.shape[1]):
        packed |= vectors[:, k].astype(np.uint64) << np.uint64(8 * k)
    packed.sort()
    if packed.size:
        starts = np.concatenate([[0], np.nonzero(packed[1:] != packed[:-1])[0] + 1])
    else:
        starts = np.zeros(0, dtype=np.int64)
    keys = packed[starts]
    counts = np.diff(np.concatenate([starts, [packed.size]])).astype(np.int64)
    rows = np.stack(
        [((keys >> np.uint64(8 * k)) & np.uint64(0xFF)).astype(np.uint8)
         for k in range(vectors.shape[1])],
        axis=1,
    ) if keys.size else np.zeros((0, vectors.shape[1]), dtype=np.uint8)  # fmt: skip
    return rows, counts


def weighted_vectors(
    vectors: npt.NDArray[np.uint8], weights: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.float64]]:
    """Rows of ``vectors`` with the summed weight of the pairs with each.

    Why grouped by weight: pair weights take a handful of values (one for the scored
    pairs, one for a sample standing for many), and ``distinct_vectors`` is fast per
    group. A row may appear once per group; EM's sums are the same either way.
    """
    rows: list[npt.NDArray[np.uint8]] = []
    sums: list[npt.NDArray[np.float64]] = []
    for w in np.unique(weights):
        r, c = distinct_vectors(vectors[weights == w])
        rows.append(r)
        sums.append(c.astype(np.float64) * float(w))
    if not rows:
        return np.zeros((0, vectors.shape[1]), dtype=np.uint8), np.zeros(0)
    return np.concatenate(rows), np.concatenate(sums)


def estimate(
    vectors: npt.NDArray[np.uint8],
    names: Sequence[str],
    levels: Sequence[Sequence[str]],
    *,
    max_iterations: int = 50,
    tolerance: float = 1e-5,
    fixed_m: dict[tuple[int, int], float] | None = None,
    pair_weights: npt.NDArray[np.float64] | None = None,
) -> FSModel:
    """Fit m, u and λ to the candidate pairs' comparison vectors by EM.

    ``pair_weights``: how many candidate pairs each row stands for (default one each),
    so that a sample of a large, uniform group of pairs counts as the whole group.
    """
    n_comp = vectors.shape[1]
    n_pairs = vectors.shape[0] if pair_weights is None else float(pair_weights.sum())
    m = [_initial_m(lv) for lv in levels]
    neutral = [neutral_levels(lv) for lv in levels]
    u: list[list[float]] = []
    for k, lv in enumerate(levels):
        counts = np.bincount(vectors[:, k], weights=pair_weights, minlength=len(lv)).astype(float)[
            : len(lv)
        ]
        counts[neutral[k]] = 0.0
        total = counts.sum()
        if not total:
            counts = np.ones(len(lv))
            counts[neutral[k]] = 0.0
            total = counts.sum()
        u.append(list(counts / total))
    prior = 0.3
    iterations_run = 0
    if n_pairs == 0:
        return FSModel(list(names), [list(x) for x in levels], m, u, prior, 0)
    # EM only ever sees a pair through its comparison vector, so it runs over the
    # distinct vectors (a few thousand) weighted by how many pairs have each, not over
    # millions of pairs: the same sums, in microseconds per iteration.
    if pair_weights is None:
        patterns, counts = distinct_vectors(vectors)
        weights = counts.astype(np.float64)
    else:
        patterns, weights = weighted_vectors(vectors, pair_weights)
    onehots = [
        (patterns[:, k][:, None] == np.arange(len(levels[k]))[None, :]).astype(np.float64)
        for k in range(n_comp)
    ]
    for iteration in range(1, max_iterations + 1):
        iterations_run = iteration
        log_m = np.full(len(patterns), math.log(max(prior, _EPS)))
        log_u = np.full(len(patterns), math.log(max(1 - prior, _EPS)))
        for k in range(n_comp):
            mk = np.log(np.maximum(np.asarray(m[k]), _EPS))
            uk = np.log(np.maximum(np.asarray(u[k]), _EPS))
            mk[neutral[k]] = uk[neutral[k]] = 0.0
            log_m += mk[patterns[:, k]]
            log_u += uk[patterns[:, k]]
        post = 1.0 / (1.0 + np.exp(np.clip(log_u - log_m, -700, 700)))
        new_prior = float(weights @ post) / n_pairs
        shift = abs(new_prior - prior)
        prior = new_prior
        for k in range(n_comp):
            hm = (weights * post) @ onehots[k]
            hu = (weights * (1.0 - post)) @ onehots[k]
            hm[neutral[k]] = hu[neutral[k]] = 0.0
            new_m = hm / max(hm.sum(), _EPS)
            new_u = hu / max(hu.sum(), _EPS)
            shift = max(shift, float(np.abs(new_m - np.asarray(m[k])).max()))
            m[k], u[k] = list(new_m), list(new_u)
        if fixed_m:
            for (k, level), value in fixed_m.items():
                m[k][level] = value
        if shift < tolerance:
            break
    logger.info("EM converged after %d iterations, prior %.4f", iterations_run, prior)
    return FSModel(list(names), [list(x) for x in levels], m, u, prior, iterations_run)


def random_u(
    n: int,
    levels_of: Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64]], npt.NDArray[np.uint8]],
    levels: Sequence[Sequence[str]],
    *,
    samples: int = 400_000,
    seed: int = 20261121,
    exclude: Callable[[npt.NDArray[np.uint8]], npt.NDArray[np.bool_]] | None = None,
) -> list[list[float]]:
    """u per level from pairs drawn at random (almost all non-matches).

    ``levels_of`` gives the comparison vectors of index pairs; ``exclude`` marks
    sampled pairs that are near-certain matches (the same valid ID), so that true
    matches among the random pairs do not inflate u. Counts are smoothed by half an
    observation so a level never seen at random keeps a finite, large weight.
    """
    counts = [np.zeros(len(lv)) for lv in levels]
    if n >= 2:
        rng = np.random.default_rng(seed)
        a = rng.integers(0, n, size=samples, dtype=np.int64)
        b = rng.integers(0, n, size=samples, dtype=np.int64)
        keep = a != b
        vectors = levels_of(a[keep], b[keep])
        if exclude is not None:
            vectors = vectors[~exclude(vectors)]
        for k, lv in enumerate(levels):
            counts[k] += np.bincount(vectors[:, k], minlength=len(lv))[: len(lv)]
    u: list[list[float]] = []
    for c, lv in zip(counts, levels, strict=True):
        informative = c + 0.5
        informative[neutral_levels(lv)] = 0.0
        u.append(list(informative / informative.sum()))
    return u


def population_model(em: FSModel, u: list[list[float]], candidates: int, n: int) -> FSModel:
    """Scoring model: m from EM on the candidates, u from random pairs, population prior."""
    all_pairs = max(n * (n - 1) / 2, 1.0)
    prior = min(max(em.prior * candidates / all_pairs, 1e-12), 0.5)
    return FSModel(
        names=em.names,
        levels=em.levels,
        m=em.m,
        u=u,
        prior=prior,
        iterations=em.iterations,
        tf=em.tf,
    )


def score(
    model: FSModel,
    vectors: npt.NDArray[np.uint8],
    tf_adjust: npt.NDArray[np.float64] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Total match weight (log2 odds) and probability of each pair."""
    table = model.weight_table()
    total = np.full(vectors.shape[0], model.prior_weight)
    for k in range(vectors.shape[1]):
        total += table[k][vectors[:, k]]
    if tf_adjust is not None:
        total += tf_adjust
    probability = 1.0 / (1.0 + np.exp2(-np.clip(total, -60, 60)))
    return total, probability
