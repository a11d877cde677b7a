"""normalise_id: GB 11643 check character, 15 → 18 upgrade, decoding and reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalise.ids import NormID, id_check_char, normalise_id, upgrade_15_to_18

# 11010519491231002X is the GB 11643 worked example (female, born 1949-12-31).
GOOD = "11010519491231002X"
GOOD_M = "110105198503121234"  # check character computed below in test_fixtures_are_valid

# raw, value, valid, kind, reason, birth_date, sex, region
CASES = [
    (GOOD, GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    ("11010519491231002x", GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    ("１１０１０５１９４９１２３１００２Ｘ", GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    ("１１０１０５１９４９１２３１００２ｘ", GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    ("110105 19491231 002X", GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    ("110105-19491231-002X", GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    ("  11010519491231002X\t", GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    ("'11010519491231002X", GOOD, True, "id18", None, "1949-12-31", "F", "110105"),
    (GOOD_M, GOOD_M, True, "id18", None, "1985-03-12", "M", "110105"),
    # legacy 15 digits: YYMMDD, century 19, upgraded to 18
    ("110105491231002", GOOD, True, "id15", None, "1949-12-31", "F", "110105"),
    ("１１０１０５４９１２３１００２", GOOD, True, "id15", None, "1949-12-31", "F", "110105"),
    ("110105 491231 002", GOOD, True, "id15", None, "1949-12-31", "F", "110105"),
    ("110105491231002.0", GOOD, True, "id15", None, "1949-12-31", "F", "110105"),
    ("110105850312123", GOOD_M, True, "id15", None, "1985-03-12", "M", "110105"),
    # a typo in the check character: invalid, but still decoded
    (
        "110105194912310021",
        "110105194912310021",
        False,
        "id18",
        "bad check character",
        "1949-12-31",
        "F",
        "110105",
    ),
    (
        "110105198503121230",
        "110105198503121230",
        False,
        "id18",
        "bad check character",
        "1985-03-12",
        "M",
        "110105",
    ),
    # date part not a real date / out of range
    (
        "110105194902300027",
        "110105194902300027",
        False,
        "id18",
        "bad birth date",
        None,
        None,
        "110105",
    ),
    (
        "110105194913010027",
        "110105194913010027",
        False,
        "id18",
        "bad birth date",
        None,
        None,
        "110105",
    ),
    (
        "110105189912310027",
        "110105189912310027",
        False,
        "id18",
        "bad birth date",
        None,
        None,
        "110105",
    ),
    (
        "110105209912310027",
        "110105209912310027",
        False,
        "id18",
        "bad birth date",
        None,
        None,
        "110105",
    ),
    ("110105491331002", "110105491331002", False, "id15", "bad birth date", None, None, "110105"),
    # wrong length, non-digits
    ("11010519491231002", "11010519491231002", False, "other", "bad length 17", None, None, None),
    (
        "1101051949123100211",
        "1101051949123100211",
        False,
        "other",
        "bad length 19",
        None,
        None,
        None,
    ),
    ("12345", "12345", False, "other", "bad length 5", None, None, None),
    (
        "1101051949123100XX",
        "1101051949123100XX",
        False,
        "other",
        "non-digit characters",
        None,
        None,
        None,
    ),
    (
        "11010519491231002Y",
        "11010519491231002Y",
        False,
        "other",
        "non-digit characters",
        None,
        None,
        None,
    ),
    ("无", "无", False, "other", "bad characters", None, None, None),
    ("1.10105E+17", "1.10105E+17", False, "other", "scientific notation", None, None, None),
]


def test_fixtures_are_valid() -> None:
    assert id_check_char(GOOD[:17]) == GOOD[17]
    assert id_check_char(GOOD_M[:17]) == GOOD_M[17]


@pytest.mark.parametrize(
    ("raw", "value", "valid", "kind", "reason", "birth_date", "sex", "region"), CASES
)
def test_normalise_id(
    raw: str,
    value: str,
    valid: bool,
    kind: str,
    reason: str | None,
    birth_date: str | None,
    sex: str | None,
    region: str | None,
) -> None:
    assert normalise_id(raw) == NormID(raw, value, valid, kind, reason, birth_date, sex, region)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000", " - "])
def test_blank_is_none(raw: str | None) -> None:
    assert normalise_id(raw) is None


def test_future_birth_date_is_bad() -> None:
    tomorrow = (date.today() + timedelta(days=1)).strftime("%Y%m%d")
    first17 = "110105" + tomorrow + "123"
    n = normalise_id(first17 + id_check_char(first17))
    assert n is not None and not n.valid and n.reason == "bad birth date"


def test_today_is_accepted() -> None:
    first17 = "110105" + date.today().strftime("%Y%m%d") + "123"
    n = normalise_id(first17 + id_check_char(first17))
    assert n is not None and n.valid


@pytest.mark.parametrize(
    ("first17", "check"),
    [("11010519491231002", "X"), ("44052418800101001", "4"), ("34052419800101001", "X")],
)
def test_id_check_char(first17: str, check: str) -> None:
    assert id_check_char(first17) == check


@pytest.mark.parametrize(
    "bad", ["1101051949123100", "1101051949123100X", "１１０１０５１９４９１２３１００２"]
)
def test_id_check_char_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        id_check_char(bad)


def test_upgrade_15_to_18() -> None:
    assert upgrade_15_to_18("110105491231002") == GOOD
    with pytest.raises(ValueError):
        upgrade_15_to_18("11010549123100")


def test_json_round_trip() -> None:
    n = normalise_id("110105194912310021")
    assert n is not None
    assert NormID.from_json(n.to_json()) == n
    assert set(n.to_json()) == {
        "raw",
        "value",
        "valid",
        "kind",
        "reason",
        "birth_date",
        "sex",
        "region",
    }


REGION = st.from_regex(r"[1-6][0-9]{5}", fullmatch=True)
BIRTH = st.dates(min_value=date(1900, 1, 1), max_value=date.today())
SEQ = st.from_regex(r"[0-9]{3}", fullmatch=True)


@given(REGION, BIRTH, SEQ)
def test_valid_prefix_plus_check_is_valid(region: str, born: date, seq: str) -> None:
    first17 = region + born.strftime("%Y%m%d") + seq
    n = normalise_id(first17 + id_check_char(first17).lower())
    assert n is not None
    assert n.valid and n.kind == "id18" and n.reason is None
    assert n.value == first17 + id_check_char(first17)
    assert n.birth_date == born.isoformat()
    assert n.sex == ("M" if int(seq[2]) % 2 else "F")
    assert n.region == region


@given(REGION, BIRTH, SEQ, st.integers(0, 16), st.integers(1, 9))
def test_one_corrupted_digit_is_invalid(
    region: str, born: date, seq: str, pos: int, delta: int
) -> None:
    first17 = region + born.strftime("%Y%m%d") + seq
    good = first17 + id_check_char(first17)
    bad = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1 :]
    n = normalise_id(bad)
    assert n is not None and not n.valid


@given(REGION, st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), SEQ)
def test_15_to_18_round_trips_birth_date(region: str, born: date, seq: str) -> None:
    id15 = region + born.strftime("%y%m%d") + seq
    n15 = normalise_id(id15)
    assert n15 is not None and n15.valid and n15.kind == "id15"
    assert n15.birth_date == born.isoformat()
    n18 = normalise_id(n15.value)
    assert n18 is not None and n18.valid and n18.kind == "id18"
    assert (n18.value, n18.birth_date, n18.sex, n18.region) == (
        n15.value,
        n15.birth_date,
        n15.sex,
        n15.region,
    )


@given(st.text(max_size=25))
def test_never_raises(raw: str) -> None:
    n = normalise_id(raw)
    assert n is None or (n.valid == (n.reason is None))


@pytest.mark.parametrize(
    "raw",
    [
        GOOD,
        "11010519491231002x",
        GOOD_M,
        "110105194912310021",  # bad check character
        "110105194913310021",  # month 13: bad birth date
        "110105189912310021",  # before 1900
        "110105299912310021",  # in the future
        "110105000000000000",
        "110105191202300021",  # 30 February
    ],
)
def test_id18_json_is_the_json_of_normalise_id(raw: str) -> None:
    """The loader's fast path writes exactly what serialising the ``NormID`` writes."""
    from loaders.fastjson import obj_json
    from loaders.normalise import ids

    ids._BORN.clear()
    for _ in range(2):  # cold and warm birth-date memo
        fast = ids.id18_json(raw)
        norm = normalise_id(raw)
        assert fast is not None and norm is not None
        assert fast == (obj_json(norm), norm.reason)
        assert (fast[1] is None) == norm.valid


@pytest.mark.parametrize(
    "raw",
    [
        "１１０１０５１９４９１２３１００２Ｘ",
        "110105 19491231 002X",
        "110105491231002",
        "",
        "11010519491231002Y",
    ],
)
def test_id18_json_leaves_every_other_form_to_normalise_id(raw: str) -> None:
    from loaders.normalise.ids import id18_json

    assert id18_json(raw) is None


def test_a_birth_date_refused_as_future_is_not_remembered() -> None:
    """Tomorrow's date is refused today, but it must be asked again: it will become valid."""
    from loaders.normalise import ids

    tomorrow = (date.today() + timedelta(days=1)).strftime("%Y%m%d")
    ids._BORN.clear()
    assert ids._born_iso(tomorrow) is None
    assert tomorrow not in ids._BORN
    assert ids._born_iso("19491231") == "1949-12-31" and "19491231" in ids._BORN


@given(st.from_regex(r"[0-9]{17}[0-9Xx]", fullmatch=True))
def test_id18_json_on_random_numbers(raw: str) -> None:
    from loaders.fastjson import obj_json
    from loaders.normalise.ids import id18_json

    norm = normalise_id(raw)
    assert norm is not None
    assert id18_json(raw) == (obj_json(norm), norm.reason)
