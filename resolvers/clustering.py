"""Constrained clustering: merge scored pairs into entities without chaining strangers.

Why not connected components: one weak link joins two large groups, and a
district has many weak links (twins share everything but the ID; a family shares
a phone and a flat; 张伟 born 1985-03-12 shares a name and a birth date with
another 张伟). Components chain them all into one "person".

What this does instead (greedy agglomerative, strongest evidence first):

1. must-link decisions are applied first;
2. pairs at or above the match threshold are taken in descending weight order;
3. a merge is refused when the two clusters would hold two conflicting
   identities (for persons: two different valid IDs, see
   ``persons.compare.identities_conflict``), or a cannot-link pair (curated, or
   structural such as a spouse and the person naming them);
4. when either side already has several members, the merge must also be backed
   by the *average* linkage value over every compared pair between them (for
   persons: the evidence, a log2 Bayes factor with the prior left out, so that a
   pair that merely says little — an owner known only by name — does not count
   against, while a pair that disagrees does): negative evidence between other
   members counts, so a single strong pair cannot drag two groups together.

The result is deterministic for the same input: ties break on mention index.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

logger = logging.getLogger(__name__)


@dataclass
class ClusterStats:
    merges: int = 0
    refused_conflict: int = 0
    refused_cannot_link: int = 0
    refused_linkage: int = 0
    must_links: int = 0


@dataclass
class Clustering:
    labels: list[int]
    merged_edges: list[int] = field(default_factory=list)
    """Indices (into the pair arrays) of the pairs whose merge built the clusters."""
    refused_edges: dict[int, str] = field(default_factory=dict)
    """Pairs above the match threshold that were not merged, with the rule that refused them."""
    stats: ClusterStats = field(default_factory=ClusterStats)


class _Adjacency:
    """Both directions of every scored pair, CSR-style, for average-linkage look-ups."""

    def __init__(
        self,
        n: int,
        left: npt.NDArray[np.int64],
        right: npt.NDArray[np.int64],
        prob: npt.NDArray[np.float64],
    ) -> None:
        src = np.concatenate([left, right])
        dst = np.concatenate([right, left])
        p = np.concatenate([prob, prob])
        order = np.argsort(src, kind="stable")
        self.dst = dst[order]
        self.prob = p[order]
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.add.at(self.indptr, src + 1, 1)
        self.indptr = np.cumsum(self.indptr)

    def neighbours(self, i: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        lo, hi = self.indptr[i], self.indptr[i + 1]
        return self.dst[lo:hi], self.prob[lo:hi]


def cluster(
    n: int,
    left: npt.NDArray[np.int64],
    right: npt.NDArray[np.int64],
    weight: npt.NDArray[np.float64],
    prob: npt.NDArray[np.float64],
    *,
    identity: Sequence[str | None],
    identity_conflict: Callable[[str, str], bool] | None = None,
    match_threshold: float,
    linkage_threshold: float,
    must_link: Sequence[tuple[int, int]] = (),
    cannot_link: Sequence[tuple[int, int]] = (),
    linkage_values: npt.NDArray[np.float64] | None = None,
) -> Clustering:
    """Cluster ``n`` items from scored pairs ``(left[k], right[k])``.

    ``identity[i]`` is item i's hard identity (a valid ID) or None; two identities that
    conflict never share a cluster, except through must-link. ``identity_conflict`` says
    which do (default: any two different ones).
    ``linkage_values`` (default: ``prob``) is what average linkage averages.
    """
    labels = list(range(n))
    # Only clusters of two or more have entries: a district's items are mostly never
    # merged, and a dict entry (with its list and set) per item cost seconds per million.
    members: dict[int, list[int]] = {}
    ids: dict[int, set[str]] = {}

    def members_of(root: int) -> list[int]:
        return members.get(root) or [root]

    def size(root: int) -> int:
        found = members.get(root)
        return len(found) if found else 1

    def ids_of(root: int) -> set[str]:
        if root in members:
            return ids.get(root, set())
        value = identity[root]
        return {value} if value else set()

    cannot: dict[int, set[int]] = {}
    for a, b in cannot_link:
        cannot.setdefault(a, set()).add(b)
        cannot.setdefault(b, set()).add(a)
    result = Clustering(labels)
    adjacency = _Adjacency(n, left, right, prob if linkage_values is None else linkage_values)

    def merge(ra: int, rb: int) -> None:
        if size(ra) < size(rb):
            ra, rb = rb, ra
        merged_ids = ids_of(ra) | ids_of(rb)
        ids.pop(rb, None)
        moved = members.pop(rb, None) or [rb]
        for x in moved:
            labels[x] = ra
        members.setdefault(ra, [ra]).extend(moved)
        if merged_ids:
            ids[ra] = merged_ids

    def ids_conflict(id_a: set[str], id_b: set[str]) -> bool:
        if identity_conflict is None:
            return id_a != id_b
        return any(identity_conflict(x, y) for x in id_a for y in id_b)

    def blocked_by_cannot(ra: int, rb: int) -> bool:
        small, other = (ra, rb) if size(ra) <= size(rb) else (rb, ra)
        return any(labels[y] == other for x in members_of(small) if x in cannot for y in cannot[x])

    def linkage(ra: int, rb: int) -> float:
        small, other = (ra, rb) if size(ra) <= size(rb) else (rb, ra)
        total, count = 0.0, 0
        for x in members_of(small):
            dst, p = adjacency.neighbours(x)
            for y, q in zip(dst.tolist(), p.tolist(), strict=True):
                if labels[y] == other:
                    total += q
                    count += 1
        return total / count if count else 0.0

    for a, b in must_link:
        ra, rb = labels[a], labels[b]
        if ra != rb:
            merge(ra, rb)
            result.stats.must_links += 1

    candidates = np.nonzero(prob >= match_threshold)[0]
    order = candidates[np.lexsort((right[candidates], left[candidates], -weight[candidates]))]
    for k in order.tolist():
        ra, rb = labels[int(left[k])], labels[int(right[k])]
        if ra == rb:
            continue
        id_a, id_b = ids_of(ra), ids_of(rb)
        if id_a and id_b and ids_conflict(id_a, id_b):
            result.stats.refused_conflict += 1
            result.refused_edges[k] = "conflicting IDs"
            continue
        if cannot and blocked_by_cannot(ra, rb):
            result.stats.refused_cannot_link += 1
            result.refused_edges[k] = "cannot-link"
            continue
        if (size(ra) > 1 or size(rb) > 1) and linkage(ra, rb) < linkage_threshold:
            result.stats.refused_linkage += 1
            result.refused_edges[k] = "weak average linkage"
            continue
        merge(ra, rb)
        result.merged_edges.append(k)
        result.stats.merges += 1
    # Canonical labels: the smallest member index of each cluster.
    smallest = {root: min(ms) for root, ms in members.items()}
    result.labels = [smallest.get(root, root) for root in labels]
    return result
