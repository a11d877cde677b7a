"""Explanations: every comparison's contribution to a pair's score, against the thresholds.

Why: a case worker (or the department that owns a record) must be able to see
*why* two rows were taken for one person — "same ID, homophone name (丽/莉), same
birth date" — and why another pair was not, before trusting or correcting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from resolvers.fellegi_sunter import FSModel
from resolvers.persons.compare import (
    COMPARISONS,
    PersonFeatures,
    compare,
    hard_rule,
    shared_values,
)
from resolvers.persons.resolve import DEFAULT_THRESHOLDS, Thresholds
from resolvers.result import Contribution


@dataclass(frozen=True)
class PairExplanation:
    prior_weight: float
    contributions: tuple[Contribution, ...]
    total: float
    probability: float
    decision: str
    hard_rule: str | None
    thresholds: Thresholds

    def to_json(self) -> dict[str, Any]:
        return {
            "prior_weight": round(self.prior_weight, 3),
            "contributions": [c.to_json() for c in self.contributions],
            "total": round(self.total, 3),
            "probability": round(self.probability, 6),
            "decision": self.decision,
            "hard_rule": self.hard_rule,
            "thresholds": {
                "match": self.thresholds.match,
                "review": self.thresholds.review,
            },
        }


def _detail(name: str, a: PersonFeatures, b: PersonFeatures) -> str:
    values: dict[str, tuple[object, object]] = {
        "id": (a.id_value, b.id_value),
        "name": (a.name, b.name),
        "birth_date": (a.birth, b.birth),
        "sex": (a.sex, b.sex),
        "phone": (",".join(a.phones), ",".join(b.phones)),
        "dwelling": (",".join(a.dwellings), ",".join(b.dwellings)),
        "employer": (a.employer, b.employer),
    }
    x, y = values[name]
    return f"{x or '—'} | {y or '—'}"


def contributions(
    model: FSModel,
    levels: tuple[int, ...],
    tf_weights: dict[str, float] | None = None,
    details: dict[str, str] | None = None,
) -> tuple[Contribution, ...]:
    """Turn a stored comparison vector back into named, weighted contributions."""
    out = []
    for k, comp in enumerate(COMPARISONS):
        weight = model.weight(k, levels[k])
        tf = (tf_weights or {}).get(comp.name, 0.0)
        detail = (details or {}).get(comp.name, "")
        if tf:
            detail = f"{detail} (term-frequency adjustment {tf:+.2f})".strip()
        out.append(Contribution(comp.name, comp.levels[levels[k]], weight + tf, detail))
    return tuple(out)


def explain_pair(
    model: FSModel,
    a: PersonFeatures,
    b: PersonFeatures,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> PairExplanation:
    levels = compare(a, b)
    tf_weights: dict[str, float] = {}
    for k, comp in enumerate(COMPARISONS):
        if comp.tf and levels[k] == 0 and comp.tf in model.tf:
            tf_weights[comp.name] = model.tf[comp.tf].best_adjustment(
                shared_values(comp.name, a, b)
            )
    details = {comp.name: _detail(comp.name, a, b) for comp in COMPARISONS}
    parts = contributions(model, levels, tf_weights, details)
    total = model.prior_weight + sum(c.weight for c in parts)
    probability = 1.0 / (1.0 + 2.0 ** (-max(min(total, 60.0), -60.0)))
    rule = hard_rule(a, b)
    if rule:
        decision = "cannot-link"
    elif probability >= thresholds.match:
        decision = "match"
    elif probability >= thresholds.review:
        decision = "review"
    else:
        decision = "non-match"
    return PairExplanation(
        model.prior_weight, parts, total, probability, decision, rule, thresholds
    )
