"""Explanations for people: why two records are (not) one person, why a record is in an entity.

Shared by ``kg explain`` / ``kg review`` and the API's explain and review routes.
"""

from __future__ import annotations

import logging
from typing import Any

from kg.errors import NotFoundError
from kg.store.ledger import Ledger
from kg.store.resolution_store import ResolutionStore
from resolvers.explain import explain_pair
from resolvers.fellegi_sunter import FSModel
from resolvers.mentions import (
    AddressMention,
    MentionKey,
    PersonMention,
    dwelling_ref,
    mentions_of,
)
from resolvers.persons.compare import COMPARISONS, PersonFeatures, features_of

logger = logging.getLogger(__name__)


def _person_features(ledger: Ledger, store: ResolutionStore, key: MentionKey) -> PersonFeatures:
    record = ledger.current_record(key[0], key[1])
    if record is None:
        raise NotFoundError(f"no current record {key[0]}:{key[1]}")
    mentions = list(mentions_of(record))
    person = next((m for m in mentions if isinstance(m, PersonMention) and m.key == key), None)
    if person is None:
        raise NotFoundError(f"record {key[0]}:{key[1]} names no {key[2]}")
    # Dwelling evidence compares resolved dwellings, exactly as the resolver did.
    dwelling_of = {
        dwelling_ref(m.key): store.entity_of(m.key) or dwelling_ref(m.key)
        for m in mentions
        if isinstance(m, AddressMention)
    }
    return features_of(person, lambda k: dwelling_of.get(k, k))


def _person_model(store: ResolutionStore) -> FSModel:
    """The persons model of the last resolve, if it has this version's comparison levels.

    Why the check: a model is read back by level index, so one fitted by an earlier
    version (with other levels) would name and weigh the wrong levels.
    """
    model = store.model("persons")
    if model is None:
        raise NotFoundError("no resolution yet: run kg resolve first")
    if model.levels != [list(c.levels) for c in COMPARISONS]:
        raise NotFoundError(
            "the last resolve was made by an earlier version of kg: run kg resolve again"
        )
    return model


def explain_records(ledger: Ledger, a: MentionKey, b: MentionKey) -> dict[str, Any]:
    """Every comparison's contribution for two person references, under the fitted model."""
    store = ResolutionStore(ledger.connection)
    model = _person_model(store)
    fa, fb = _person_features(ledger, store, a), _person_features(ledger, store, b)
    explanation = explain_pair(model, fa, fb).to_json()
    explanation["a"] = {"ref": list(a), "entity_id": store.entity_of(a)}
    explanation["b"] = {"ref": list(b), "entity_id": store.entity_of(b)}
    stored = next(
        (p for p in store.pairs_of(a) if {p["a"], p["b"]} == {a, b} and p["space"] == "persons"),
        None,
    )
    # What the resolver decided for this pair in the last run, which can differ from the
    # pair's own score when a group-level rule (average linkage, a conflicting ID elsewhere
    # in the group, a cannot-link) refused the merge.
    explanation["resolver"] = (
        {
            "decision": stored["decision"],
            "probability": stored["probability"],
            "note": stored["detail"].get("note", ""),
        }
        if stored is not None
        else None
    )
    entity = explanation["a"]["entity_id"]
    explanation["same_entity"] = entity is not None and entity == explanation["b"]["entity_id"]
    if stored is None and explanation["same_entity"]:
        explanation["resolver"] = _placing_rule(store, (a, b), entity)
    return explanation


def _placing_rule(
    store: ResolutionStore, refs: tuple[MentionKey, MentionKey], entity: str
) -> dict[str, Any] | None:
    """The rule that put one of ``refs`` into ``entity`` through a third reference.

    Why: a rule that joins a whole group (a name-only owner to the one bearer of the
    name) keeps one pair, with one of the person's references; asked about another,
    the explanation would otherwise show only the pair's own, low, score.
    """
    for ref in refs:
        for p in store.pairs_of(ref):
            note = p["detail"].get("note", "")
            if p["space"] != "persons" or p["decision"] != "match" or not note:
                continue
            other = p["b"] if p["a"] == ref else p["a"]
            if store.entity_of(other) == entity:
                return {
                    "decision": p["decision"],
                    "probability": p["probability"],
                    "note": note,
                    "via": [":".join(ref), ":".join(other)],
                }
    return None


def explain_entity(ledger: Ledger, entity_id: str) -> dict[str, Any]:
    """An entity's references, and for each the pairs that placed it there."""
    store = ResolutionStore(ledger.connection)
    members = store.members(entity_id)
    member_set = set(members)
    out: list[dict[str, Any]] = []
    for key in members:
        pairs = [
            p
            for p in store.pairs_of(key)
            if p["decision"] in ("match", "must-link") and {p["a"], p["b"]} <= member_set
        ]
        out.append(
            {
                "ref": list(key),
                "because": [
                    {
                        "with": list(p["b"] if p["a"] == key else p["a"]),
                        "probability": p["probability"],
                        "weight": p["weight"],
                        "decision": p["decision"],
                        "contributions": p["detail"].get("contributions") or [],
                        "levels": p["detail"].get("levels") or [],
                    }
                    for p in pairs
                ],
            }
        )
    return {"entity_id": entity_id, "members": out}


def review_queue(ledger: Ledger, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Pairs in the review band (between the thresholds), most likely first, explained."""
    store = ResolutionStore(ledger.connection)
    items = store.review_queue(limit, offset)
    model = store.model("persons")
    for item in items:
        if item["space"] == "persons" and model is not None:
            try:
                item["explanation"] = explain_records(ledger, item["a"], item["b"])
            except NotFoundError:  # a record updated since the run: show the stored vector
                item["explanation"] = None
    return items
