"""canonical_relation / canonical_family_role: the closed vocabularies of the contract."""

from __future__ import annotations

import pytest

from loaders.normalise.family import (
    FAMILY_ROLES,
    RELATIONS,
    canonical_family_role,
    canonical_relation,
)

RELATION_CASES = [
    *[(r, r) for r in RELATIONS],
    ("本人", "户主"),
    ("戶主", "户主"),
    (" 户主 ", "户主"),
    ("妻", "配偶"),
    ("妻子", "配偶"),
    ("夫", "配偶"),
    ("丈夫", "配偶"),
    ("爱人", "配偶"),
    ("愛人", "配偶"),
    ("长子", "子"),
    ("次子", "子"),
    ("儿子", "子"),
    ("兒子", "子"),
    ("之子", "子"),
    ("独生子", "子"),
    ("长女", "女"),
    ("次女", "女"),
    ("女儿", "女"),
    ("之女", "女"),
    ("独生女", "女"),
    ("父", "父亲"),
    ("父亲", "父亲"),
    ("母", "母亲"),
    ("母亲", "母亲"),
    ("孙", "孙子"),
    ("孙子", "孙子"),
    ("孫子", "孙子"),
    ("孙女", "孙女"),
    ("外孙女", "孙女"),
    ("兄", "兄弟姐妹"),
    ("弟", "兄弟姐妹"),
    ("姐", "兄弟姐妹"),
    ("妹", "兄弟姐妹"),
    ("兄弟", "兄弟姐妹"),
    ("姐妹", "兄弟姐妹"),
    ("哥哥", "兄弟姐妹"),
    ("弟弟", "兄弟姐妹"),
    ("岳父", "其他"),
    ("儿媳", "其他"),
    ("女婿", "其他"),
    ("侄子", "其他"),
    ("保姆", "其他"),
    ("", None),
    ("   ", None),
    (None, None),
]


@pytest.mark.parametrize(("raw", "expected"), RELATION_CASES)
def test_canonical_relation(raw: str | None, expected: str | None) -> None:
    assert canonical_relation(raw) == expected


ROLE_CASES = [
    *[(r, r) for r in FAMILY_ROLES],
    ("本人", "户主"),
    ("子", "子女"),
    ("女", "子女"),
    ("儿子", "子女"),
    ("女儿", "子女"),
    ("长子", "子女"),
    ("次女", "子女"),
    ("夫", "配偶"),
    ("妻", "配偶"),
    ("丈夫", "配偶"),
    ("妻子", "配偶"),
    ("爱人", "配偶"),
    ("父亲", None),
    ("其他", None),
    ("保姆", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("raw", "expected"), ROLE_CASES)
def test_canonical_family_role(raw: str | None, expected: str | None) -> None:
    assert canonical_family_role(raw) == expected


def test_outputs_stay_in_vocabulary() -> None:
    words = ["户主", "妻", "长子", "次女", "父", "母", "孙", "兄", "岳母", "xyz"]
    assert {canonical_relation(w) for w in words} <= set(RELATIONS)
    assert {canonical_family_role(w) for w in words} <= {*FAMILY_ROLES, None}
