"""The whole resolution: records in, entity ids for every reference out.

Order matters: dwellings and organisations first (pure string evidence), then
persons, who use "same dwelling" and "same employer" as evidence. The result
carries everything later stages need: the links export, the scored pairs for
explanations and the review queue, the fitted person model, and statistics.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from resolvers.dwelling_context import refine_with_persons
from resolvers.dwellings import resolve_dwellings
from resolvers.fellegi_sunter import FSModel
from resolvers.mentions import (
    MentionKey,
    Mentions,
    RecordLike,
    collect_mentions,
    dwelling_ref,
)
from resolvers.orgs import resolve_orgs
from resolvers.persons.resolve import (
    DEFAULT_THRESHOLDS,
    Thresholds,
    person_table,
    resolve_persons,
)
from resolvers.persons.table import FeatureTable
from resolvers.result import Curation, SpaceResult
from resolvers.stable_ids import IdAssignment, assign_ids

logger = logging.getLogger(__name__)

SPACES = ("persons", "dwellings", "organisations")
ID_PREFIX = {"persons": "P", "dwellings": "D", "organisations": "O"}


@dataclass
class Resolution:
    spaces: dict[str, SpaceResult]
    ids: dict[str, IdAssignment]
    person_model: FSModel
    mentions: Mentions
    stats: dict[str, Any] = field(default_factory=dict)

    def entity_of(self, key: MentionKey) -> str | None:
        for space in SPACES:
            found = self.ids[space].ids.get(key)
            if found is not None:
                return found
        return None

    def links(self) -> Iterator[tuple[str, str, str, str]]:
        """(source, record_id, role, entity_id) for every reference, sorted."""
        rows: list[tuple[str, str, str, str]] = []
        for space in SPACES:
            rows.extend((k[0], k[1], k[2], eid) for k, eid in self.ids[space].ids.items())
        rows.sort()
        return iter(rows)


def resolve(
    records: Iterable[RecordLike],
    curation: Sequence[Curation] = (),
    previous: Mapping[str, Mapping[MentionKey, str]] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Resolution:
    previous = previous or {}
    t0 = time.perf_counter()
    mentions = collect_mentions(records)
    t1 = time.perf_counter()
    dwellings = resolve_dwellings(mentions.addresses, curation)
    t2 = time.perf_counter()
    orgs = resolve_orgs(mentions.orgs, curation)
    t3 = time.perf_counter()

    def persons_given(
        dwellings: SpaceResult, base: FeatureTable | None = None
    ) -> tuple[SpaceResult, FSModel, FeatureTable]:
        """Resolve persons with "same dwelling" read off the given dwelling clusters;
        given the previous pass's table (``base``), only its dwellings are recomputed."""
        label_of_ref = {dwelling_ref(k): f"d{label}" for k, label in dwellings.clusters.items()}

        def dwelling_of(ref: str) -> str:
            return label_of_ref.get(ref, ref)

        table = person_table(mentions.persons, dwelling_of, base)
        result, model = resolve_persons(
            mentions.persons, dwelling_of, curation, thresholds, table=table
        )
        return result, model, table

    persons, model, table = persons_given(dwellings)
    dwellings = refine_with_persons(
        dwellings,
        mentions.addresses,
        persons.clusters,
        [(c.a, c.b) for c in curation if c.kind == "cannot-link"],
    )
    if dwellings.stats.get("person_context_merges"):
        # Better dwellings are better evidence: one more person pass uses them.
        persons, model, _ = persons_given(dwellings, table)
    t4 = time.perf_counter()
    spaces = {"persons": persons, "dwellings": dwellings, "organisations": orgs}
    ids = {
        space: assign_ids(result.clusters, previous.get(space, {}), ID_PREFIX[space])
        for space, result in spaces.items()
    }
    t5 = time.perf_counter()
    stats = {
        "mentions": {
            "persons": len(mentions.persons),
            "dwellings": len(mentions.addresses),
            "organisations": len(mentions.orgs),
        },
        "entities": {space: len(set(a.ids.values())) for space, a in ids.items()},
        "ids_kept": {space: a.kept for space, a in ids.items()},
        "ids_created": {space: a.created for space, a in ids.items()},
        "seconds": {
            "mentions": round(t1 - t0, 3),
            "dwellings": round(t2 - t1, 3),
            "organisations": round(t3 - t2, 3),
            "persons": round(t4 - t3, 3),
            "ids": round(t5 - t4, 3),
        },
        "persons": persons.stats,
        "dwellings": dwellings.stats,
        "organisations": orgs.stats,
    }
    return Resolution(spaces, ids, model, mentions, stats)
