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
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

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
    """Reference → (true id, predicted id) as two int64 arrays; -1 marks a singleton.

    The contingency cells, cluster sizes and pair counts are computed at the end
    with numpy (bincount / unique), so memory is 16 bytes per reference.
    """

    def __init__(self) -> None:
        self.t = array("q")
        self.p = array("q")

    def add(self, t: int | None, p: int | None) -> None:
        self.t.append(-1 if t is None else t)
        self.p.append(-1 if p is None else p)

    def scores(self) -> Scores:
        t = np.frombuffer(self.t, dtype=np.int64) if self.t else np.zeros(0, np.int64)
        p = np.frombuffer(self.p, dtype=np.int64) if self.p else np.zeros(0, np.int64)
        t_known, p_known = t >= 0, p >= 0
        t_sizes = np.bincount(t[t_known]) if t_known.any() else np.zeros(0, np.int64)
        p_sizes = np.bincount(p[p_known]) if p_known.any() else np.zeros(0, np.int64)
        both = t_known & p_known
        width = int(p.max()) + 1 if p.size else 1
        _, cells = np.unique(t[both] * width + p[both], return_counts=True)
        true_pairs, pred_pairs, correct = (_pair_sum(x) for x in (t_sizes, p_sizes, cells))
        precision = correct / pred_pairs if pred_pairs else 1.0
        recall = correct / true_pairs if true_pairs else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        missing, extra = int((~p_known).sum()), int((~t_known).sum())
        return Scores(
            precision=precision,
            recall=recall,
            f1=f1,
            references=int(t.size),
            true_entities=int((t_sizes > 0).sum()) + extra,
            predicted_clusters=int((p_sizes > 0).sum()) + missing,
            true_pairs=true_pairs,
            predicted_pairs=pred_pairs,
            correct_pairs=correct,
            missing_in_links=missing,
            extra_in_links=extra,
        )


def _pair_sum(sizes: npt.NDArray[np.int64]) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


def _rows(path: Path) -> Iterator[tuple[str, str, str]]:
    """(space, compact reference key, entity_id) for every contract-role row."""
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
                yield space, f"{row[0]}\x1f{row[1]}\x1f{row[2]}", row[3]


def evaluate(links_csv: Path, truth_csv: Path) -> dict[str, Scores]:
    """Pairwise P/R/F1 per entity space (persons, dwellings, organisations).

    Rows whose role is not a contract role are ignored; a reference repeated in a
    file keeps its first entity. Memory: one small dict entry per truth reference
    plus 16 bytes per reference (about 1.5 GiB for six million references).
    """
    truth: dict[str, int] = {}
    t_ids: dict[str, int] = {}
    for space, key, entity in _rows(truth_csv):
        if key not in truth:
            truth[key] = t_ids.setdefault(space[0] + entity, len(t_ids))
    del t_ids
    accs = {space: _Accumulator() for space in SPACES}
    p_ids: dict[str, int] = {}
    extras: set[str] = set()
    for space, key, entity in _rows(links_csv):
        t = truth.get(key)
        if t == _USED or (t is None and key in extras):
            continue  # a repeated reference
        if t is None:
            extras.add(key)
        else:
            truth[key] = _USED
        accs[space].add(t, p_ids.setdefault(space[0] + entity, len(p_ids)))
    del p_ids
    for key, t in truth.items():
        if t != _USED:
            accs[ROLE_SPACE[key.rsplit("\x1f", 1)[1]]].add(t, None)
    return {space: acc.scores() for space, acc in accs.items()}
