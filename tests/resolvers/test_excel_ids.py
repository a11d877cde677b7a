"""An ID that Excel stored as a number keeps 15 significant digits, and still identifies.

``610113195409307686`` typed into a spreadsheet as a number reads back as
``6.10113195409307E+17`` (or, written out whole, ``610113195409307000``): the region and
the birth date survive, the 15th digit may be rounded, the rest is lost. Such a number is
evidence (its own comparison level, weighted by EM), it puts the pair in one block, and,
being no valid ID, it never keeps two people apart by the hard rule.
"""

from __future__ import annotations

import numpy as np
import pytest

from resolvers.persons.blocking import candidate_pairs
from resolvers.persons.compare import (
    ID_LEVELS,
    compare,
    compare_id,
    excel_value,
    hard_rule,
    ids_conflict,
)
from resolvers.persons.resolve import resolve_persons
from resolvers.persons.table import build_table
from resolvers.persons.vector_compare import VectorComparer
from tests.resolvers.person_factories import features, mention, valid_id

REAL = valid_id("61011319540930768")  # born 1954-09-30; 15 digits 610113195409307|68.
ROUNDED_UP = "6.10113195409308E+17"  # what Excel shows of it: the 15th digit rounded up
TRUNCATED = "6.10113195409307E+17"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6.10113195409307E+17", 610113195409307000),
        ("6.10113195409307e+17", 610113195409307000),
        ("5.1152919860522E+17", 511529198605220000),  # a trailing zero dropped
        ("6.101131954093077e+17", 610113195409307700),  # 16 digits (a float's repr)
        ("6.10113E+17", None),  # a display cut short: too little left to compare
        ("6.10113195409307E+14", None),  # not an 18-digit number
        ("610113195409307000", 610113195409307000),  # the rounded number written whole
    ],
)
def test_excel_value_reads_what_is_left(raw: str, expected: int | None) -> None:
    assert excel_value(raw, valid=False) == expected


def test_a_valid_id_ending_in_zeros_is_not_excel_damage() -> None:
    ok = next(v for n in range(200) if (v := valid_id(f"{110100 + n}19850312100")).endswith("000"))
    assert excel_value(ok, valid=True) is None


@pytest.mark.parametrize(
    ("damaged", "real", "expected"),
    [
        (TRUNCATED, REAL, "excel-prefix"),
        (ROUNDED_UP, REAL, "excel-prefix"),
        ("610113195409308000", REAL, "excel-prefix"),
        (TRUNCATED, ROUNDED_UP, "excel-prefix"),  # two damaged copies rounded apart
        (TRUNCATED, TRUNCATED, "same-invalid"),
        ("6.10113195409309E+17", REAL, "different"),  # two units off: another person
        ("6.10113195409407E+17", REAL, "different"),
        (TRUNCATED, None, "missing"),
    ],
)
def test_an_excel_damaged_id_agrees_with_the_id_it_came_from(
    damaged: str, real: str | None, expected: str
) -> None:
    a = features(mention("1", "张建国", damaged))
    b = features(mention("2", "张建国", real))
    assert ID_LEVELS[compare_id(a, b)] == expected
    assert ID_LEVELS[compare_id(b, a)] == expected


def test_the_birth_date_survives_and_a_rounding_carry_gives_none() -> None:
    assert features(mention("1", "张建国", TRUNCATED)).id_birth == "1954-09-30"
    # …0919|96… rounded up carries into the date: …0920|0; the date is then not trusted
    carried = features(mention("2", "张建国", "6.1011319540920E+17"))
    assert carried.id_birth is None and carried.birth is None


def test_two_damaged_or_one_damaged_and_one_valid_id_are_no_hard_conflict() -> None:
    other = valid_id("61011319540930123")
    for x, y in ((TRUNCATED, other), (TRUNCATED, "6.10113196001011E+17")):
        a, b = features(mention("1", "张建国", x)), features(mention("2", "张建国", y))
        assert not ids_conflict(a, b)
        assert hard_rule(a, b) is None


def test_blocking_puts_a_damaged_id_with_its_own_even_across_a_carry() -> None:
    carried_real = valid_id("61011319540919961")  # 15 digits …0919|9 → shown as …0920|0
    mentions = [
        mention(("civil_affairs", "c1", "spouse"), "张建国", TRUNCATED),
        mention("p1", "张建國", REAL),
        mention(("civil_affairs", "c2", "spouse"), "李秀英", "6.1011319540920E+17"),
        mention("p2", "李秀英", carried_real),
        mention("p3", "王芳", valid_id("11010519850312123")),
    ]
    feats = [features(m) for m in mentions]
    left, right, stats = candidate_pairs(build_table(feats))
    pairs = set(zip(left.tolist(), right.tolist(), strict=True))
    assert {(0, 1), (2, 3)} <= pairs
    assert stats.pairs_by_key.get("xl", 0) >= 2


def test_the_vectorised_levels_agree_on_damaged_ids() -> None:
    ids = [TRUNCATED, ROUNDED_UP, REAL, "610113195409307000", "6.10113195409309E+17", None]
    feats = [features(mention(str(i), "张建国", v)) for i, v in enumerate(ids)]
    comparer = VectorComparer(build_table(feats))
    a, b = np.triu_indices(len(feats), k=1)
    a, b = a.astype(np.int64), b.astype(np.int64)
    levels = comparer.levels(a, b)
    for k in range(a.size):
        assert tuple(levels[k]) == compare(feats[int(a[k])], feats[int(b[k])])


def test_a_spouse_named_with_a_damaged_id_joins_the_person() -> None:
    """Civil affairs names each spouse with an Excel-damaged ID; police holds them whole."""
    mentions, truth = [], []
    for f in range(40):
        name = "张王李赵刘陈杨黄吴周"[f % 10] + "建国秀英"[f % 4] + "明华"[f % 2]
        body = f"610113{1940 + f}{1 + f % 12:02d}{10 + f % 18:02d}{(f * 37) % 1000:03d}"
        own = valid_id(body)
        shown = f"{int(own[:15]) + (1 if int(own[15]) >= 5 else 0)}"
        damaged = f"{shown[0]}.{shown[1:]}E+17"
        flat = (f"d{f}",)
        mentions.append(mention(("police", f"p{f}", "person"), name, own, dwellings=flat))
        mentions.append(
            mention(("police", f"q{f}", "person"), name, own, phones=(f"1390000{f:04d}",))
        )
        mentions.append(
            mention(("civil_affairs", f"c{f}", "spouse"), name, damaged, dwellings=flat)
        )
        truth += [f, f, f]
    result, _ = resolve_persons(mentions, lambda k: k)
    label = [result.clusters[m.key] for m in mentions]
    for i in range(len(mentions)):
        for j in range(i + 1, len(mentions)):
            assert (label[i] == label[j]) == (truth[i] == truth[j]), (
                mentions[i].key,
                mentions[j].key,
            )
