"""Person resolution: mentions → features → candidate pairs → EM weights → clusters.

Why persons come after dwellings and organisations: "lives at the same flat" and
"works at the same employer" are evidence only once the flat and the employer are
resolved (``5-3-502`` and ``5号楼3单元502室`` are the same place), so this stage
receives the dwelling resolution as a key → dwelling label function.

Structural cannot-links: the spouse named on a civil-affairs row is not the
row's subject; the owner and the tenant named on one housing row are two people.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from resolvers.clustering import cluster
from resolvers.fellegi_sunter import (
    FSModel,
    TermFrequencies,
    estimate,
    population_model,
    random_u,
    score,
)
from resolvers.mentions import MentionKey, PersonMention
from resolvers.persons.blocking import block
from resolvers.persons.compare import (
    COMPARISONS,
    ID_LEVELS,
    PersonFeatures,
    dwelling_labels,
    features_of,
    identities_conflict,
    identity_token,
)
from resolvers.persons.table import FeatureTable, build_table, with_dwellings
from resolvers.persons.unique_names import attach_unique_names
from resolvers.persons.vector_compare import RULES, VectorComparer
from resolvers.result import Curation, Decision, ScoredPair, SpaceResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Thresholds:
    """Probabilities that decide a pair: merge at ``match``; ``review`` ≤ p < match is listed
    for a person to decide. ``linkage`` is the average-linkage bar for growing clusters:
    the mean evidence (log2 Bayes factor without the prior) over every compared pair
    between the two groups must be at least this."""

    match: float = 0.9
    review: float = 0.5
    linkage: float = 0.0


DEFAULT_THRESHOLDS = Thresholds()

#: ID levels at which a pair drawn at random is almost surely one person: left out of u.
_SAME_ID_LEVELS = np.array([ID_LEVELS.index(x) for x in ("exact", "legacy", "excel-prefix")])


def build_tf(features: Sequence[PersonFeatures]) -> dict[str, TermFrequencies]:
    return {
        "name": TermFrequencies.build([(f.name,) if f.name else () for f in features]),
        "phone": TermFrequencies.build([f.phones for f in features]),
        "dwelling": TermFrequencies.build([f.dwellings for f in features]),
        "employer": TermFrequencies.build([(f.employer,) if f.employer else () for f in features]),
    }


def structural_cannot_links(mentions: Sequence[PersonMention]) -> list[tuple[int, int]]:
    index = {m.key: i for i, m in enumerate(mentions)}
    pairs: list[tuple[int, int]] = []
    for i, m in enumerate(mentions):
        if m.partner is not None and m.partner in index:
            pairs.append((i, index[m.partner]))
        if m.key[2] == "tenant":
            owner = index.get((m.key[0], m.key[1], "owner"))
            if owner is not None:
                pairs.append((i, owner))
    return pairs


def _curation_pairs(
    curation: Sequence[Curation], index: dict[MentionKey, int], kind: str
) -> list[tuple[int, int]]:
    return [
        (index[c.a], index[c.b])
        for c in curation
        if c.kind == kind and c.a in index and c.b in index
    ]


def person_table(
    mentions: Sequence[PersonMention],
    dwelling_of: Callable[[str], str],
    base: FeatureTable | None = None,
) -> FeatureTable:
    """The mentions' features as a table. ``base``: the table of the same mentions under
    other dwelling labels, of which only the dwellings are recomputed."""
    if base is None:
        return build_table([features_of(m, dwelling_of) for m in mentions])
    return with_dwellings(base, [dwelling_labels(m, dwelling_of) for m in mentions])


def resolve_persons(
    mentions: Sequence[PersonMention],
    dwelling_of: Callable[[str], str],
    curation: Sequence[Curation] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    table: FeatureTable | None = None,
) -> tuple[SpaceResult, FSModel]:
    """Cluster person mentions; returns the clusters, kept pairs and the fitted model.

    ``table``: ``person_table(mentions, dwelling_of)`` when the caller already has it.
    """
    started = time.perf_counter()
    if table is None:
        table = person_table(mentions, dwelling_of)
    features = table.features
    comparer = VectorComparer(table)
    blocking = block(table)
    left, right, bstats = blocking.left, blocking.right, blocking.stats
    t_block = time.perf_counter()
    vectors = comparer.levels(left, right)
    apart_vectors = comparer.levels(blocking.apart_left, blocking.apart_right)
    t_compare = time.perf_counter()
    names, levels = [c.name for c in COMPARISONS], [c.levels for c in COMPARISONS]
    # EM sees the candidates as blocking formed them: with the identity pairs it dropped
    # (a sample, each standing for apart_weight of them) as known-different evidence.
    em = estimate(
        np.concatenate([vectors, apart_vectors]),
        names,
        levels,
        pair_weights=np.concatenate(
            [np.ones(len(left)), np.full(len(apart_vectors), blocking.apart_weight)]
        ),
    )
    u = random_u(
        len(features),
        comparer.levels,
        levels,
        # the same valid ID drawn by chance is a true match, not evidence about u
        exclude=lambda v: np.isin(v[:, 0], _SAME_ID_LEVELS),
    )
    model = population_model(em, u, len(left) + bstats.identities_apart, len(features))
    model.tf = build_tf(features)
    tf_adjust = comparer.tf_adjustments(model, left, right, vectors)
    weight, prob = score(model, vectors, tf_adjust)
    rule = comparer.conflicts(left, right, vectors)
    conflict = rule > 0
    prob_for_merge = np.where(conflict, 0.0, prob)
    index = {m.key: i for i, m in enumerate(mentions)}
    cannot = structural_cannot_links(mentions) + _curation_pairs(curation, index, "cannot-link")
    identity = [identity_token(f) for f in features]
    clustering = cluster(
        len(mentions),
        left,
        right,
        weight,
        prob_for_merge,
        identity=identity,
        identity_conflict=identities_conflict,
        match_threshold=thresholds.match,
        linkage_threshold=thresholds.linkage,
        must_link=_curation_pairs(curation, index, "must-link"),
        cannot_link=cannot,
        linkage_values=np.where(conflict, -60.0, weight - model.prior_weight),
    )
    labels, attachments = attach_unique_names(features, clustering.labels, cannot, table.since)
    t_cluster = time.perf_counter()

    merged = set(clustering.merged_edges)
    in_band = (prob >= thresholds.review) & (prob < thresholds.match)
    keep = merged | set(clustering.refused_edges) | set(np.nonzero(in_band)[0].tolist())
    keep.update(np.nonzero(conflict & (prob >= thresholds.review))[0].tolist())
    refused = clustering.refused_edges
    pairs: list[ScoredPair] = []
    for k in sorted(keep):
        a, b = int(left[k]), int(right[k])
        decision: Decision
        if k in merged:
            decision = "match"
        elif conflict[k] or clustering.refused_edges.get(k) == "cannot-link":
            decision = "cannot-link"
        elif labels[a] != labels[b]:
            decision = "review"
        else:
            continue  # in the same entity through stronger pairs: nothing to decide
        pairs.append(
            ScoredPair(
                a=mentions[a].key,
                b=mentions[b].key,
                weight=float(weight[k]),
                probability=float(prob[k]),
                decision=decision,
                levels=tuple(int(x) for x in vectors[k]),
                tf_weight=float(tf_adjust[k]),
                note=(
                    "two different valid IDs"
                    if rule[k] == 1
                    else RULES[rule[k]] or refused.get(k, "")
                ),
            )
        )
    if attachments:
        a_idx = np.array([x.a for x in attachments], dtype=np.int64)
        b_idx = np.array([x.b for x in attachments], dtype=np.int64)
        a_vectors = comparer.levels(a_idx, b_idx)
        a_weight, a_prob = score(
            model, a_vectors, comparer.tf_adjustments(model, a_idx, b_idx, a_vectors)
        )
        for k, x in enumerate(attachments):
            pairs.append(
                ScoredPair(
                    a=mentions[x.a].key,
                    b=mentions[x.b].key,
                    weight=float(a_weight[k]),
                    probability=float(a_prob[k]),
                    decision="match",
                    levels=tuple(int(v) for v in a_vectors[k]),
                    note=f"unique name: the only person named {x.name}, and this reference "
                    "gives nothing but the name",
                )
            )
    clusters = {m.key: labels[i] for i, m in enumerate(mentions)}
    stats = {
        "mentions": len(mentions),
        "candidate_pairs": bstats.candidate_pairs,
        "identities_apart": bstats.identities_apart,
        "pairs_by_key": bstats.pairs_by_key,
        "oversized_blocks": bstats.oversized,
        "clusters": len(set(labels)),
        "unique_name_attachments": len(attachments),
        "em_iterations": model.iterations,
        "prior": model.prior,
        "candidate_match_rate": em.prior,
        "merges": clustering.stats.merges,
        "refused_conflict": clustering.stats.refused_conflict,
        "refused_cannot_link": clustering.stats.refused_cannot_link,
        "refused_linkage": clustering.stats.refused_linkage,
        "review_pairs": sum(1 for p in pairs if p.decision == "review"),
        "seconds": {
            "blocking": round(t_block - started, 3),
            "comparing": round(t_compare - t_block, 3),
            "scoring_clustering": round(t_cluster - t_compare, 3),
        },
    }
    logger.info("persons: %s", stats)
    return SpaceResult("persons", clusters, pairs, stats), model
