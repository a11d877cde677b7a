"""Stable entity ids: the same data gives the same ids; new data keeps surviving ids.

The rule (documented for users in docs/resolution.md):

- A new entity's id is derived from its content: prefix + the first 16 hex digits
  of SHA-256 of its smallest mention key. Resolving the same data on a fresh store
  therefore gives the same ids.
- After a re-resolve, each new cluster votes for the previous ids its mentions
  carried. Votes are granted greedily, most mentions first (ties: the smaller id,
  then the smaller cluster label), each previous id to one cluster and each
  cluster one id. So:
  - an unchanged entity keeps its id;
  - a **merge** keeps the id of the part that brought the most mentions; the other
    id retires (``superseded`` lists it with its successor);
  - a **split** leaves the id with the part keeping most of the old mentions; the
    other parts get new ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from resolvers.mentions import MentionKey


def _content_id(prefix: str, key: MentionKey, taken: set[str]) -> str:
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()
    width = 16
    candidate = prefix + digest[:width]
    while candidate in taken:  # a 64-bit collision: lengthen deterministically
        width += 4
        candidate = prefix + digest[:width]
    return candidate


@dataclass
class IdAssignment:
    ids: dict[MentionKey, str]
    kept: int = 0
    created: int = 0
    superseded: dict[str, str] = field(default_factory=dict)
    """Retired previous id → the id now holding most of its mentions."""


def assign_ids(
    clusters: Mapping[MentionKey, int],
    previous: Mapping[MentionKey, str],
    prefix: str,
) -> IdAssignment:
    members: dict[int, list[MentionKey]] = defaultdict(list)
    for key, label in clusters.items():
        members[label].append(key)
    votes: list[tuple[int, str, int]] = []
    for label, keys in members.items():
        counts = Counter(previous[k] for k in keys if k in previous)
        votes.extend((n, old, label) for old, n in counts.items())
    votes.sort(key=lambda v: (-v[0], v[1], v[2]))
    label_id: dict[int, str] = {}
    used_old: set[str] = set()
    for _, old, label in votes:
        if old in used_old or label in label_id:
            continue
        label_id[label] = old
        used_old.add(old)
    taken = set(previous.values()) | used_old
    result = IdAssignment({})
    result.kept = len(label_id)
    for label in sorted(members, key=lambda lb: min(members[lb])):
        if label not in label_id:
            new_id = _content_id(prefix, min(members[label]), taken)
            taken.add(new_id)
            label_id[label] = new_id
            result.created += 1
    for label, keys in members.items():
        for k in keys:
            result.ids[k] = label_id[label]
    retired = set(previous.values()) - used_old
    successors: dict[str, Counter[str]] = defaultdict(Counter)
    for k, v in previous.items():
        if v in retired and k in result.ids:
            successors[v][result.ids[k]] += 1
    result.superseded = {old: c.most_common(1)[0][0] for old, c in successors.items()}
    return result
