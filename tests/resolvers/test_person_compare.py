"""Comparison levels, table-driven: inputs and the level they must reach side by side."""

from __future__ import annotations

import pytest

from resolvers.persons.compare import (
    BIRTH_LEVELS,
    ID_LEVELS,
    NAME_LEVELS,
    compare_birth,
    compare_id,
    compare_name,
    ids_conflict,
    one_edit,
)
from tests.resolvers.person_factories import features, mention, valid_id

A = valid_id("11010519850312123")
A_TYPO = A[:10] + ("4" if A[10] != "4" else "5") + A[11:]  # one digit wrong, check now bad
A_SWAP = A[:12] + A[13] + A[12] + A[14:]
B = valid_id("11010519850312456")
LEGACY_18 = valid_id("11010519491231002")
LEGACY_15 = "110105491231002"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (A, A, "exact"),
        (A, A.lower() if A[-1] == "X" else "　".join(A[:3]) + A[3:], "exact"),
        (LEGACY_18, LEGACY_15, "legacy"),
        (A_TYPO, A_TYPO, "same-invalid"),
        (A, A_TYPO, "one-edit"),
        (A, B, "different"),
        (A, None, "missing"),
    ],
)
def test_id_levels(left: str, right: str | None, expected: str) -> None:
    a, b = features(mention("1", "张伟", left)), features(mention("2", "张伟", right))
    assert ID_LEVELS[compare_id(a, b)] == expected


def test_swap_is_one_edit_and_two_valid_ids_conflict() -> None:
    assert A_SWAP != A and one_edit(A, A_SWAP)
    assert not one_edit(A, B)
    assert ids_conflict(features(mention("1", id_number=A)), features(mention("2", id_number=B)))
    # a legacy 15-digit number has no check character: a typo in it goes unnoticed, so it
    # conflicts only with an ID more than one typo away
    assert ids_conflict(
        features(mention("1", id_number=LEGACY_15)), features(mention("2", id_number=A))
    )
    legacy_typo = LEGACY_15[:9] + "3" + LEGACY_15[10:]  # 491231 → 491233: one digit off
    assert not ids_conflict(
        features(mention("1", id_number=legacy_typo)), features(mention("2", id_number=LEGACY_18))
    )


@pytest.mark.parametrize(
    ("left", "right", "former", "expected"),
    [
        ("张伟", "張偉", None, "exact"),
        ("张 伟", "张伟", None, "exact"),
        ("阿卜杜拉·买买提", "阿卜杜拉・买买提", None, "exact"),
        ("王丽", "王莉", None, "homophone"),
        ("李伟", "李玮", None, "homophone"),
        ("王小红", "王红", "王红", "former-name"),
        ("欧阳娜娜", "欧阳娜", None, "close"),
        ("张伟", "李娜", None, "different"),
        ("张伟", None, None, "missing"),
    ],
)
def test_name_levels(left: str, right: str | None, former: str | None, expected: str) -> None:
    a = features(mention("1", left, former=former))
    b = features(mention("2", right))
    assert NAME_LEVELS[compare_name(a, b)] == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("1985-03-12", "19850312", "exact"),
        ("1985年3月12日", "1985/3/12", "exact"),
        ("1985-03", "1985-03-12", "compatible"),
        ("198503", "1985年3月", "compatible"),
        ("1985-03-12", "1985-03-13", "near"),
        ("1985-03-12", "1985-12-03", "near"),
        ("1985-03-12", "1986-03-12", "near"),
        ("1985-03-12", "1990-07-01", "different"),
        ("1985-03-12", None, "missing"),
    ],
)
def test_birth_levels(left: str, right: str | None, expected: str) -> None:
    a, b = features(mention("1", "张伟", birth=left)), features(mention("2", "张伟", birth=right))
    assert BIRTH_LEVELS[compare_birth(a, b)] == expected


def test_birth_falls_back_to_the_id() -> None:
    a = features(mention("1", "张伟", id_number=A))
    b = features(mention("2", "张伟", birth="1985-03-12"))
    assert BIRTH_LEVELS[compare_birth(a, b)] == "exact"


PARENT = valid_id("11010519850312123")


@pytest.mark.parametrize(
    ("stated", "foreign"),
    [
        ("2014-06-01", True),  # a child's row with a parent's number
        ("1985-03-12", False),  # the bearer's own
        ("1985-03-13", False),  # a slip of one day
        ("1985-12-03", False),  # day and month swapped
        ("1965-03-12", False),  # one digit of the year mistyped
        ("1985-04-11", False),  # month and day both slipped: the same year, still the bearer's
        ("1985-10-03", False),
        ("1983-07-01", True),  # two years and more: a relative's (a spouse's) number
        ("1985-03", False),  # a year-month source (civil affairs) agrees
        ("2014-06", True),
        (None, False),  # nothing stated: nothing contradicts the number
    ],
)
def test_a_number_contradicting_its_own_rows_birth_date_is_foreign(
    stated: str | None, foreign: bool
) -> None:
    assert features(mention("1", "张伟", PARENT, birth=stated)).id_foreign is foreign


def test_a_shared_foreign_number_is_neither_for_nor_against() -> None:
    parent = features(mention("1", "张伟", PARENT, birth="1985-03-12"))
    child = features(mention("2", "张浩", PARENT, birth="2014-06-01"))
    assert ID_LEVELS[compare_id(parent, child)] == "same-foreign"
    assert not ids_conflict(parent, child)
    # two rows of the bearer still agree exactly
    again = features(mention("3", "张伟", PARENT, birth="1985-03-12"))
    assert ID_LEVELS[compare_id(parent, again)] == "exact"


def test_an_organisations_credit_code_in_a_person_column_is_a_valid_identifier() -> None:
    from loaders.normalise.orgs import credit_code_check_char

    body = "91310115335273713"
    code = body + credit_code_check_char(body)
    a = features(mention(("housing", "h1", "owner"), "上海华潍房地产开发有限公司", code))
    b = features(mention(("housing", "h2", "owner"), "华潍房地产开发（上海）有限公司", code))
    assert (a.id_valid, a.id_kind) == (True, "credit")
    assert ID_LEVELS[compare_id(a, b)] == "exact"
    # not a hard conflict with anyone: only citizen IDs keep people apart
    assert not ids_conflict(a, features(mention("p1", "张伟", A)))
    # a citizen ID with a typo keeps its birth date and stays an invalid citizen ID
    assert features(mention("p2", "张伟", A_TYPO)).id_kind == "id18"


@pytest.mark.parametrize(
    ("left", "right", "rule"),
    [
        # a parent and a child with no usable number: two people whatever they share
        (("刘育芸", "1991-07-11"), ("刘子琪", "2016-06-13"), "names that share nothing"),
        (("刘育芸", "1991-07"), ("刘子琪", "2016-06-13"), "names that share nothing"),
        # twins: different names, one birth date — the model decides, not a rule
        (("唐勤嘉", "2022-05-10"), ("唐语嫣", "2022-05-10"), None),
        # a homophone, a close name or a date slip is a clerk's error, not another person
        (("王丽", "1985-03-12"), ("王莉", "1958-03-12"), None),
        (("欧阳娜娜", "1985-03-12"), ("欧阳娜", "1995-03-12"), None),
        (("张伟", "1985-03-12"), ("李娜", "1985-03-21"), None),
        (("张伟", "1985-03-12"), ("李娜", "1986-01-02"), None),  # a year apart: not enough
        (("张伟", "1985-03-12"), ("李娜", None), None),  # nothing to contradict
    ],
)
def test_names_that_share_nothing_and_birth_years_apart_are_two_people(
    left: tuple[str, str | None], right: tuple[str, str | None], rule: str | None
) -> None:
    from resolvers.persons.compare import hard_rule

    a = features(mention("1", left[0], birth=left[1]))
    b = features(mention("2", right[0], birth=right[1]))
    found = hard_rule(a, b)
    assert (found is None) if rule is None else (found is not None and rule in found)


def test_a_recorded_former_name_is_the_same_name_for_the_rule() -> None:
    from resolvers.persons.compare import hard_rule

    parent = features(mention("1", "刘育芸", birth="1991-07-11"))
    renamed = features(mention("3", "刘子琪", birth="2016-06-13", former="刘育芸"))
    assert hard_rule(parent, renamed) is None


def test_an_explanation_names_the_hard_rule_and_says_cannot_link() -> None:
    from resolvers.explain import explain_pair
    from resolvers.fellegi_sunter import FSModel
    from resolvers.persons.compare import COMPARISONS, NAME_BIRTH_RULE

    # a model under which the shared phone and flat alone would make a match
    levels = [list(c.levels) for c in COMPARISONS]
    m = [[0.9] + [0.1 / (len(lv) - 1)] * (len(lv) - 1) for lv in levels]
    u = [[0.001] + [0.999 / (len(lv) - 1)] * (len(lv) - 1) for lv in levels]
    model = FSModel([c.name for c in COMPARISONS], levels, m, u, prior=0.01)
    phone, flat = ("13800000001",), ("d1",)
    parent = features(mention("1", "刘育芸", birth="1991-07-11", phones=phone, dwellings=flat))
    child = features(mention("2", "刘子琪", birth="2016-06-13", phones=phone, dwellings=flat))
    explained = explain_pair(model, parent, child)
    assert explained.probability > 0.9  # the score alone would merge them
    assert (explained.decision, explained.hard_rule) == ("cannot-link", NAME_BIRTH_RULE)
