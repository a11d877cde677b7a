"""Pairwise scores from contingency counts, checked by hand and against brute force."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.demo.evaluate import ROLE_SPACE, evaluate, score_assignments

Row = tuple[str, str, str, str]


def _write(path: Path, rows: list[Row]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "record_id", "role", "entity_id"])
        w.writerows(rows)
    return path


def _p(rid: str, entity: str, role: str = "person") -> Row:
    return ("police", rid, role, entity)


# (name, truth rows, links rows, expected persons (precision, recall, f1), refs, true, pred)
CASES: list[tuple[str, list[Row], list[Row], tuple[float, float, float], int, int, int]] = [
    (
        "perfect",
        [_p("1", "A"), _p("2", "A"), _p("3", "B")],
        [_p("1", "x"), _p("2", "x"), _p("3", "y")],
        (1.0, 1.0, 1.0),
        3,
        2,
        2,
    ),
    (
        "all singletons predicted",  # 1 true pair, none predicted: precision undefined → 1
        [_p("1", "A"), _p("2", "A"), _p("3", "B")],
        [_p("1", "x"), _p("2", "y"), _p("3", "z")],
        (1.0, 0.0, 0.0),
        3,
        2,
        3,
    ),
    (
        "all in one cluster",  # truth {1,2,3},{4}: 3 true pairs; predicted 6 pairs, 3 right
        [_p("1", "A"), _p("2", "A"), _p("3", "A"), _p("4", "B")],
        [_p("1", "x"), _p("2", "x"), _p("3", "x"), _p("4", "x")],
        (0.5, 1.0, 2 / 3),
        4,
        2,
        1,
    ),
    (
        "split cluster",  # truth {1,2,3,4}: 6 pairs; predicted {1,2},{3,4}: 2 pairs, both right
        [_p("1", "A"), _p("2", "A"), _p("3", "A"), _p("4", "A")],
        [_p("1", "x"), _p("2", "x"), _p("3", "y"), _p("4", "y")],
        (1.0, 1 / 3, 0.5),
        4,
        1,
        2,
    ),
    (
        "missing reference is a predicted singleton",  # 3 lost: truth pairs 3, predicted 1
        [_p("1", "A"), _p("2", "A"), _p("3", "A")],
        [_p("1", "x"), _p("2", "x")],
        (1.0, 1 / 3, 0.5),
        3,
        1,
        2,
    ),
    (
        "extra reference is a true singleton",  # 9 invented and merged with 1 and 2
        [_p("1", "A"), _p("2", "A")],
        [_p("1", "x"), _p("2", "x"), _p("9", "x")],
        (1 / 3, 1.0, 0.5),
        3,
        2,
        1,
    ),
    (
        "roles and sources are distinct references",  # person and spouse of one row
        [_p("1", "A"), _p("1", "A", "spouse"), ("housing", "1", "owner", "A")],
        [_p("1", "x"), _p("1", "y", "spouse"), ("housing", "1", "owner", "x")],
        (1.0, 1 / 3, 0.5),
        3,
        1,
        2,
    ),
]


@pytest.mark.parametrize(("name", "truth", "links", "prf", "refs", "n_true", "n_pred"), CASES)
def test_hand_computed(
    tmp_path: Path,
    name: str,
    truth: list[Row],
    links: list[Row],
    prf: tuple[float, float, float],
    refs: int,
    n_true: int,
    n_pred: int,
) -> None:
    scores = evaluate(_write(tmp_path / "l.csv", links), _write(tmp_path / "t.csv", truth))
    s = scores["persons"]
    assert (s.precision, s.recall, s.f1) == pytest.approx(prf), name
    assert (s.references, s.true_entities, s.predicted_clusters) == (refs, n_true, n_pred)
    assert scores["dwellings"].references == 0 and scores["dwellings"].f1 == 1.0


def test_spaces_are_separate(tmp_path: Path) -> None:
    """The same entity id in two spaces does not make a pair across them."""
    truth = [_p("1", "E"), _p("1", "E", "house"), ("organisations", "1", "organisation", "E")]
    links = [_p("1", "Z"), _p("1", "Z", "house"), ("organisations", "1", "organisation", "Z")]
    scores = evaluate(_write(tmp_path / "l.csv", links), _write(tmp_path / "t.csv", truth))
    for space in ("persons", "dwellings", "organisations"):
        assert scores[space].references == 1
        assert scores[space].predicted_pairs == 0


def test_duplicate_rows_and_unknown_roles_are_ignored(tmp_path: Path) -> None:
    truth = [_p("1", "A"), _p("2", "A"), _p("1", "B"), ("x", "1", "nonsense", "A")]
    links = [_p("1", "x"), _p("1", "y"), _p("2", "x"), _p("5", "q"), _p("5", "x")]
    s = evaluate(_write(tmp_path / "l.csv", links), _write(tmp_path / "t.csv", truth))["persons"]
    assert (s.references, s.true_pairs, s.predicted_pairs, s.correct_pairs) == (3, 1, 1, 1)
    assert s.extra_in_links == 1


def test_bad_header(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,c,d\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected header"):
        evaluate(bad, bad)


def _brute(truth: dict[str, str], pred: dict[str, str]) -> tuple[int, int, int]:
    keys = sorted(set(truth) | set(pred))
    t = {k: truth.get(k, "t-only:" + k) for k in keys}
    p = {k: pred.get(k, "p-only:" + k) for k in keys}
    tp = pp = both = 0
    for a, b in itertools.combinations(keys, 2):
        same_t, same_p = t[a] == t[b], p[a] == p[b]
        tp += same_t
        pp += same_p
        both += same_t and same_p
    return tp, pp, both


_assign = st.dictionaries(st.integers(0, 25).map(str), st.sampled_from("ABCDE"), max_size=20)


@settings(max_examples=200, deadline=None)
@given(truth=_assign, pred=_assign)
def test_matches_brute_force(truth: dict[str, str], pred: dict[str, str]) -> None:
    s = score_assignments(truth, pred)
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == _brute(truth, pred)
    assert s.references == len(set(truth) | set(pred))


@settings(max_examples=40, deadline=None)
@given(truth=_assign, pred=_assign, role=st.sampled_from(sorted(ROLE_SPACE)))
def test_file_path_matches_in_memory(
    tmp_path_factory: pytest.TempPathFactory, truth: dict[str, str], pred: dict[str, str], role: str
) -> None:
    d = tmp_path_factory.mktemp("ev")
    t_rows = [("s", k, role, e) for k, e in truth.items()]
    l_rows = [("s", k, role, e) for k, e in pred.items()]
    got = evaluate(_write(d / "l.csv", l_rows), _write(d / "t.csv", t_rows))[ROLE_SPACE[role]]
    assert got == score_assignments(truth, pred)
