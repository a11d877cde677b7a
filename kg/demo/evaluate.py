"""Pairwise precision / recall / F1 of a links export against the ground truth.

Pairs are never enumerated: a cluster of n references holds C(n, 2) pairs, and
the pairs both sides agree on are the C(n, 2) of each cell of the contingency
table (truth entity x predicted entity). That keeps a six-million-reference
benchmark at one pass over each file and memory proportional to the truth.

References only in the truth count as predicted singletons (the resolver lost
them); references only in the links count as true singletons (the resolver
invented them): both can only lower the scores, never raise them.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ROLE_SPACE", "SPACES", "Scores", "evaluate", "score_assignments"]

ROLE_SPACE: dict[str, str] = {
    "person": "persons",
    "spouse": "persons",
    "owner": "persons",
    "tenant": "persons",
    "legal_rep": "persons",
    "house": "dwellings",
    "registered_house": "dwellings",
    "employer": "organisations",
    "organisation": "organisations",
}
SPACES = ("persons", "dwellings", "organisations")
_HEADER = ["source", "record_id", "role", "entity_id"]
_USED = -1  # truth entry already matched by a links row


@dataclass(frozen=True)
class Scores:
    """Pairwise scores of one entity space; precision/recall are 1.0 when undefined (0/0)."""

    precision: float
    recall: float
    f1: float
    references: int
    true_entities: int
    predicted_clusters: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    missing_in_links: int
    extra_in_links: int

    def to_json(self) -> dict[str, float | int]:
        return dict(self.__dict__)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score_assignments(truth: dict[str, str], predicted: dict[str, str]) -> Scores:
    """Score two reference → entity mappings of one space (small inputs, tests, tools)."""
    t_ids: dict[str, int] = {}
    p_ids: dict[str, int] = {}
    acc = _Accumulator()
    for key, entity in truth.items():
        t = t_ids.setdefault(entity, len(t_ids))
        if key in predicted:
            acc.add(t, p_ids.setdefault("\x00" + predicted[key], len(p_ids)))
        else:
            acc.add(t, None)
    for key, entity in predicted.items():
        if key not in truth:
            acc.add(None, p_ids.setdefault("\x00" + entity, len(p_ids)))
    return acc.scores()


class _Accumulator:
    """Contingency counts; ``None`` on one side marks a singleton of its own."""

    def __init__(self) -> None:
        self.cells: Counter[tuple[int, int]] = Counter()
        self.true_sizes: Counter[int] = Counter()
        self.pred_sizes: Counter[int] = Counter()
        self.refs = self.missing = self.extra = 0
        self.true_singletons = self.pred_singletons = 0

    def add(self, t: int | None, p: int | None) -> None:
        self.refs += 1
        if t is None:
            self.extra += 1
            self.true_singletons += 1
        else:
            self.true_sizes[t] += 1
        if p is None:
            self.missing += 1
            self.pred_singletons += 1
        else:
            self.pred_sizes[p] += 1
        if t is not None and p is not None:
            self.cells[(t, p)] += 1

    def scores(self) -> Scores:
        true_pairs = sum(_pairs(n) for n in self.true_sizes.values())
        pred_pairs = sum(_pairs(n) for n in self.pred_sizes.values())
        correct = sum(_pairs(n) for n in self.cells.values())
        precision = correct / pred_pairs if pred_pairs else 1.0
        recall = correct / true_pairs if true_pairs else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Scores(
            precision=precision,
            recall=recall,
            f1=f1,
            references=self.refs,
            true_entities=len(self.true_sizes) + self.true_singletons,
            predicted_clusters=len(self.pred_sizes) + self.pred_singletons,
            true_pairs=true_pairs,
            predicted_pairs=pred_pairs,
            correct_pairs=correct,
            missing_in_links=self.missing,
            extra_in_links=self.extra,
        )


def _rows(path: Path) -> Iterator[tuple[str, tuple[str, str, str], str]]:
    """(space, (source, record_id, role), entity_id) for every contract-role row."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        if header[:4] != _HEADER:
            raise ValueError(f"{path}: expected header {','.join(_HEADER)}, got {header}")
        for row in reader:
            if len(row) < 4:
                continue
            space = ROLE_SPACE.get(row[2])
            if space is not None:
                yield space, (row[0], row[1], row[2]), row[3]


def evaluate(links_csv: Path, truth_csv: Path) -> dict[str, Scores]:
    """Pairwise P/R/F1 per entity space (persons, dwellings, organisations).

    Rows whose role is not a contract role are ignored; a reference repeated in a
    file keeps its first entity. Memory: one dict entry per truth reference.
    """
    truth: dict[tuple[str, str, str], int] = {}
    t_ids: dict[tuple[str, str], int] = {}
    for space, key, entity in _rows(truth_csv):
        if key not in truth:
            truth[key] = t_ids.setdefault((space, entity), len(t_ids))
    accs = {space: _Accumulator() for space in SPACES}
    p_ids: dict[tuple[str, str], int] = {}
    extras: set[tuple[str, str, str]] = set()
    for space, key, entity in _rows(links_csv):
        t = truth.get(key)
        if t == _USED or (t is None and key in extras):
            continue  # a repeated reference
        if t is None:
            extras.add(key)
        else:
            truth[key] = _USED
        accs[space].add(t, p_ids.setdefault((space, entity), len(p_ids)))
    for key, t in truth.items():
        if t != _USED:
            accs[ROLE_SPACE[key[2]]].add(t, None)
    return {space: acc.scores() for space, acc in accs.items()}
