"""normalise_phones: prefixes, separators, landlines, several numbers per cell, garbage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalise.phones import NormPhone, normalise_phones

M = "13812345678"
M2 = "13987654321"
BJ = "010-62345678"

# raw, [(value, kind, valid), ...]
CASES: list[tuple[str, list[tuple[str, str, bool]]]] = [
    # mobiles
    ("13812345678", [(M, "mobile", True)]),
    ("+8613812345678", [(M, "mobile", True)]),
    ("+86 138 1234 5678", [(M, "mobile", True)]),
    ("+86-138-1234-5678", [(M, "mobile", True)]),
    ("(+86)13812345678", [(M, "mobile", True)]),
    ("0086 13812345678", [(M, "mobile", True)]),
    ("0086-13812345678", [(M, "mobile", True)]),
    ("8613812345678", [(M, "mobile", True)]),
    ("86 13812345678", [(M, "mobile", True)]),
    ("138 1234 5678", [(M, "mobile", True)]),
    ("138-1234-5678", [(M, "mobile", True)]),
    ("138.1234.5678", [(M, "mobile", True)]),
    ("１３８１２３４５６７８", [(M, "mobile", True)]),
    ("＋８６ １３８１２３４５６７８", [(M, "mobile", True)]),
    ("013812345678", [(M, "mobile", True)]),
    ("手机:13812345678", [(M, "mobile", True)]),
    ("13812345678(本人)", [(M, "mobile", True)]),
    ("19912345678", [("19912345678", "mobile", True)]),
    # landlines
    ("010-62345678", [(BJ, "landline", True)]),
    ("01062345678", [(BJ, "landline", True)]),
    ("(010)62345678", [(BJ, "landline", True)]),
    ("（010）62345678", [(BJ, "landline", True)]),
    ("(010) 6234-5678", [(BJ, "landline", True)]),
    ("010 6234 5678", [(BJ, "landline", True)]),
    ("86-10-62345678", [(BJ, "landline", True)]),
    ("+86 10 62345678", [(BJ, "landline", True)]),
    ("0086-10-62345678", [(BJ, "landline", True)]),
    ("+86-010-62345678", [(BJ, "landline", True)]),
    ("021-6234567", [("021-6234567", "landline", True)]),
    ("0755-82345678", [("0755-82345678", "landline", True)]),
    ("0571 8888 9999", [("0571-88889999", "landline", True)]),
    ("62345678", [("62345678", "landline", True)]),
    ("6234567", [("6234567", "landline", True)]),
    # extensions are dropped
    ("010-62345678转123", [(BJ, "landline", True)]),
    ("010-62345678 转 8001", [(BJ, "landline", True)]),
    ("010-62345678-8001", [(BJ, "landline", True)]),
    ("010-62345678 ext. 12", [(BJ, "landline", True)]),
    ("010-62345678x12", [(BJ, "landline", True)]),
    ("010-62345678分机5", [(BJ, "landline", True)]),
    # several numbers in one cell
    ("13812345678/13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678,13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678;13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678、13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678，13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678；13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678 13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("138 1234 5678 139 8765 4321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678/010-62345678", [(M, "mobile", True), (BJ, "landline", True)]),
    ("010-62345678 13812345678", [(BJ, "landline", True), (M, "mobile", True)]),
    ("010 62345678 010 62345679", [(BJ, "landline", True), ("010-62345679", "landline", True)]),
    ("+86 13812345678 / +86 13987654321", [(M, "mobile", True), (M2, "mobile", True)]),
    ("13812345678/+8613812345678", [(M, "mobile", True)]),  # duplicates collapse
    # other / garbage
    ("400-123-4567", [("4001234567", "other", True)]),
    ("12345", [("12345", "other", False)]),
    ("1381234567", [("1381234567", "other", False)]),
    ("138 1234 567", [("1381234567", "other", False)]),
    ("12812345678", [("12812345678", "other", False)]),
    ("0755-12345678", [("075512345678", "other", False)]),
    ("13812345678/123", [(M, "mobile", True), ("123", "other", False)]),
    ("无", []),
    ("-", []),
    ("", []),
    ("   ", []),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalise_phones(raw: str, expected: list[tuple[str, str, bool]]) -> None:
    assert [(p.value, p.kind, p.valid) for p in normalise_phones(raw)] == expected


def test_none_is_empty() -> None:
    assert normalise_phones(None) == []


@pytest.mark.parametrize(
    ("raw", "raws"),
    [
        ("13812345678/010-62345678", ["13812345678", "010-62345678"]),
        ("(010)62345678", ["(010)62345678"]),
        ("+86 138 1234 5678", ["+86 138 1234 5678"]),
        ("138 1234 567", ["138 1234 567"]),
    ],
)
def test_raw_is_the_text_of_each_number(raw: str, raws: list[str]) -> None:
    assert [p.raw for p in normalise_phones(raw)] == raws


def test_json_round_trip() -> None:
    for p in normalise_phones("13812345678/010-62345678/123"):
        assert NormPhone.from_json(p.to_json()) == p
        assert set(p.to_json()) == {"raw", "value", "kind", "valid"}


MOBILE = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
PREFIX = st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "86", "86 "])
SPLIT = st.sampled_from(
    ["{}", "{0}{1}{2} {3}{4}{5}{6} {7}{8}{9}{10}", "{0}{1}{2}-{3}{4}{5}{6}-{7}{8}{9}{10}"]
)
SEP = st.sampled_from(["/", ",", ";", "、", "，", " ", " / "])


def _write(number: str, prefix: str, split: str) -> str:
    return prefix + (number if split == "{}" else split.format(*number))


@given(MOBILE, PREFIX, SPLIT)
def test_any_written_mobile_is_recovered(number: str, prefix: str, split: str) -> None:
    assert [
        (p.value, p.kind, p.valid) for p in normalise_phones(_write(number, prefix, split))
    ] == [(number, "mobile", True)]


@given(st.lists(MOBILE, min_size=1, max_size=4, unique=True), SEP, PREFIX, SPLIT)
def test_several_mobiles_in_one_cell(numbers: list[str], sep: str, prefix: str, split: str) -> None:
    cell = sep.join(_write(n, prefix, split) for n in numbers)
    assert [p.value for p in normalise_phones(cell)] == numbers


@given(st.text(max_size=40))
def test_never_raises(raw: str) -> None:
    for p in normalise_phones(raw):
        assert p.kind in {"mobile", "landline", "other"}
        assert p.valid or p.kind == "other"
