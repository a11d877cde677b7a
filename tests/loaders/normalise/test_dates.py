"""normalise_date: every written form, precision, Excel serials and invalid dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalise.dates import EXCEL_SERIAL_REASON, NormDate, normalise_date

# raw, iso, precision, reason
VALID = [
    ("19850312", "1985-03-12", "day", None),
    ("1985-03-12", "1985-03-12", "day", None),
    ("1985/3/12", "1985-03-12", "day", None),
    ("1985/03/12", "1985-03-12", "day", None),
    ("1985.03.12", "1985-03-12", "day", None),
    ("1985.3.12", "1985-03-12", "day", None),
    ("1985年3月12日", "1985-03-12", "day", None),
    ("1985年03月12日", "1985-03-12", "day", None),
    ("1985年3月12号", "1985-03-12", "day", None),
    ("1985 年 3 月 12 日", "1985-03-12", "day", None),
    ("1985-3-12", "1985-03-12", "day", None),
    ("1985-03-12 00:00:00", "1985-03-12", "day", None),
    ("1985-03-12 00:00", "1985-03-12", "day", None),
    ("1985-03-12T00:00:00", "1985-03-12", "day", None),
    ("1985/3/12 0:00:00", "1985-03-12", "day", None),
    ("1985-03-12 00:00:00.000", "1985-03-12", "day", None),
    ("１９８５－０３－１２", "1985-03-12", "day", None),
    ("１９８５０３１２", "1985-03-12", "day", None),
    ("１９８５年３月１２日", "1985-03-12", "day", None),
    ("一九八五年三月十二日", "1985-03-12", "day", None),
    ("二〇〇一年十月一日", "2001-10-01", "day", None),
    ("  1985-03-12  ", "1985-03-12", "day", None),
    ("1900-01-01", "1900-01-01", "day", None),
    ("20000229", "2000-02-29", "day", None),
    ("1985-03", "1985-03", "month", None),
    ("1985-3", "1985-03", "month", None),
    ("198503", "1985-03", "month", None),
    ("1985年3月", "1985-03", "month", None),
    ("1985年03月", "1985-03", "month", None),
    ("1985/03", "1985-03", "month", None),
    ("1985.03", "1985-03", "month", None),
    ("一九八五年三月", "1985-03", "month", None),
    ("1985", "1985", "year", None),
    ("1985.0", "1985", "year", None),
    ("19850312.0", "1985-03-12", "day", None),
    ("198503.0", "1985-03", "month", None),
    ("1985年", "1985", "year", None),
    ("31118", "1985-03-12", "day", EXCEL_SERIAL_REASON),
    ("31118.0", "1985-03-12", "day", EXCEL_SERIAL_REASON),
    ("31118.75", "1985-03-12", "day", EXCEL_SERIAL_REASON),
    ("36526", "2000-01-01", "day", EXCEL_SERIAL_REASON),
]

# raw, reason
INVALID = [
    ("19850230", "not a calendar date"),
    ("1985-02-30", "not a calendar date"),
    ("19010229", "not a calendar date"),
    ("1985-13-01", "not a calendar date"),
    ("1985-00-10", "not a calendar date"),
    ("198513", "not a calendar date"),
    ("1985年13月", "not a calendar date"),
    ("2099-01-01", "in the future"),
    ("20990101", "in the future"),
    ("2099-01", "in the future"),
    ("2099", "in the future"),
    ("1899-12-31", "before 1900"),
    ("1899-12", "before 1900"),
    ("1899", "before 1900"),
    ("garbage", "not a date"),
    ("不详", "not a date"),
    ("85-03-12", "not a date"),
    ("1985312", "not a date"),
    ("99999", "not a date"),
    ("12/03/1985", "not a date"),
]


@pytest.mark.parametrize(("raw", "iso", "precision", "reason"), VALID)
def test_valid_forms(raw: str, iso: str, precision: str, reason: str | None) -> None:
    assert normalise_date(raw) == NormDate(raw, iso, precision, True, reason)


@pytest.mark.parametrize(("raw", "reason"), INVALID)
def test_invalid_forms(raw: str, reason: str) -> None:
    assert normalise_date(raw) == NormDate(raw, None, None, False, reason)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_blank_is_none(raw: str | None) -> None:
    assert normalise_date(raw) is None


def test_today_valid_tomorrow_not() -> None:
    today, tomorrow = date.today(), date.today() + timedelta(days=1)
    a = normalise_date(today.strftime("%Y%m%d"))
    b = normalise_date(tomorrow.strftime("%Y-%m-%d"))
    assert a is not None and a.valid and a.iso == today.isoformat()
    assert b is not None and not b.valid and b.reason == "in the future"


def test_json_round_trip() -> None:
    for raw in ("1985-03", "19850230", "31118"):
        d = normalise_date(raw)
        assert d is not None
        assert NormDate.from_json(d.to_json()) == d
        assert set(d.to_json()) == {"raw", "iso", "precision", "valid", "reason"}


DATES = st.dates(min_value=date(1900, 1, 1), max_value=date.today())
FORMATS = ["%Y%m%d", "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m-%d 00:00:00"]


@given(DATES, st.sampled_from(FORMATS))
def test_any_real_date_round_trips(d: date, fmt: str) -> None:
    n = normalise_date(d.strftime(fmt))
    assert n is not None and n.valid and n.precision == "day"
    assert n.iso == d.isoformat()


@given(DATES)
def test_excel_serial_round_trips(d: date) -> None:
    serial = (d - date(1899, 12, 30)).days
    if serial < 10000:  # 4-digit numbers are read as years
        return
    n = normalise_date(f"{serial}.0")
    assert n is not None and n.valid and n.iso == d.isoformat()
    assert n.reason == EXCEL_SERIAL_REASON


@given(st.text(max_size=30))
def test_never_raises(raw: str) -> None:
    n = normalise_date(raw)
    assert n is None or n.valid == (n.iso is not None)
