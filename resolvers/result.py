"""What every entity space's resolver returns: clusters, the scored pairs, and why.

Why one shape for persons, dwellings and organisations: stable ids, explanations,
the review queue and the links export are written once, against this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from resolvers.mentions import MentionKey

Decision = Literal["match", "review", "non-match", "must-link", "cannot-link"]


@dataclass(frozen=True)
class Contribution:
    """One comparison's part in a pair's score: which level it reached and its weight.

    ``weight`` is a log2 Bayes factor (Fellegi–Sunter match weight): positive pulls
    towards "same entity", negative away; the pair's total is the prior plus the sum.
    """

    comparison: str
    level: str
    weight: float
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "comparison": self.comparison,
            "level": self.level,
            "weight": round(self.weight, 3),
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ScoredPair:
    a: MentionKey
    b: MentionKey
    weight: float
    probability: float
    decision: Decision
    contributions: tuple[Contribution, ...] = ()
    levels: tuple[int, ...] = ()
    """Person pairs keep only their comparison vector; ``resolvers.explain`` expands it."""
    tf_weight: float = 0.0
    note: str = ""
    """Why the resolver decided otherwise than the pair's own probability suggests
    (e.g. "weak average linkage": the pair scored as a match, the groups did not)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "weight": round(self.weight, 3),
            "probability": round(self.probability, 6),
            "decision": self.decision,
            "contributions": [c.to_json() for c in self.contributions],
        }


@dataclass
class SpaceResult:
    """Clusters of one entity space.

    ``clusters`` maps every mention key to a cluster label (an int, arbitrary but
    deterministic for the same input); stable entity ids are assigned afterwards by
    ``resolvers.stable_ids``. ``pairs`` holds the pairs worth keeping: matches, the
    review band, and pairs refused by a hard rule, with their contributions.
    """

    space: str
    clusters: dict[MentionKey, int]
    pairs: list[ScoredPair] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Curation:
    """A human decision about two mentions, honoured by every later resolve."""

    kind: Literal["must-link", "cannot-link"]
    a: MentionKey
    b: MentionKey
    who: str
    why: str
