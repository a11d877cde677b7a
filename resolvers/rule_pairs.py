"""Pieces shared by the rule-based resolvers (dwellings, organisations).

Why shared: both score a decided pair the same way (a fixed prior plus rule weights,
as log2 Bayes factors, so explanations read like the person model's) and both apply
curation the same way (cannot-links as guards first, then must-links).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from resolvers.mentions import MentionKey
from resolvers.result import Contribution, Curation, Decision, ScoredPair
from resolvers.union_find import GuardedUnionFind

logger = logging.getLogger(__name__)


def rule_pair(
    prior: float,
    a: MentionKey,
    b: MentionKey,
    contributions: tuple[Contribution, ...],
    decision: Decision,
) -> ScoredPair:
    total = prior + sum(c.weight for c in contributions)
    prob = 1.0 / (1.0 + math.pow(2.0, -max(min(total, 60.0), -60.0)))
    return ScoredPair(a, b, round(total, 3), prob, decision, contributions)


def apply_curation(
    uf: GuardedUnionFind,
    curated: list[tuple[Curation, int, int]],
    unit_of: dict[int, int],
    key_of: Callable[[int], MentionKey],
    pairs: list[ScoredPair],
    prior: float,
) -> int:
    """Cannot-links become guards, then must-links join (refused if they contradict one).

    ``unit_of`` maps a curated mention's index to its union-find element; returns the
    number of must-links refused.
    """
    for c, ia, ib in curated:
        if c.kind == "cannot-link":
            uf.keep_apart(unit_of[ia], unit_of[ib])
    refused = 0
    for c, ia, ib in curated:
        why = Contribution("curation", c.kind, 0.0, f"{c.who}: {c.why}")
        if c.kind == "must-link" and uf.try_union(unit_of[ia], unit_of[ib]) == "refused":
            refused += 1
            logger.warning("must-link %s ~ %s contradicts a cannot-link: not applied", c.a, c.b)
        pairs.append(rule_pair(prior, key_of(ia), key_of(ib), (why,), c.kind))
    return refused
