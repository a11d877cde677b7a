"""Dates (birth dates, founding dates) → ISO text with an explicit precision.

Why: the registers write one date a dozen ways (``19850312``, ``1985/3/12``,
``1985年3月12日``, Excel serial ``31118``, ``1985-03-12 00:00:00``), and civil
affairs' ``出生年月`` only has year and month. The resolver compares dates at the
coarser of two precisions, so a month-only ``1985-03`` must stay distinguishable
from a full date rather than being padded to the 1st of the month.

Only dates between 1900-01-01 and today are accepted: every date here is a birth
or founding date, so a future or pre-1900 date is a typo, reported with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from loaders.normalise.text import CN_NUMERAL_CHARS, clean_text, cn_to_int

__all__ = ["EXCEL_SERIAL_REASON", "NormDate", "normalise_date"]

EXCEL_SERIAL_REASON = "excel serial"
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 in Excel's (buggy) 1900 system
_MIN_DATE = date(1900, 1, 1)

_SEP = r"\s*[-/.年]\s*"
_TIME = r"(?:\s*[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_RE = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*[日号]?{_TIME}")
_MONTH_RE = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}})\s*月?")
_YEAR_RE = re.compile(r"(\d{4})\s*年?")
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})?" + _TIME)
_FLOAT_RE = re.compile(r"\d+\.0+")
_SERIAL_RE = re.compile(r"(\d{5})(?:\.\d+)?")
_CN_DATE_RE = re.compile(
    rf"([{CN_NUMERAL_CHARS}]{{4}})年(?:([{CN_NUMERAL_CHARS}]{{1,3}})月"
    rf"(?:([{CN_NUMERAL_CHARS}]{{1,3}})[日号])?)?"
)


@dataclass(frozen=True, slots=True)
class NormDate:
    """``iso`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` per ``precision``; ``None`` if invalid."""

    raw: str
    iso: str | None
    precision: str | None  # "day" | "month" | "year" | None when invalid
    valid: bool
    reason: str | None

    def to_json(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies and costs µs per call.
        return {
            "raw": self.raw,
            "iso": self.iso,
            "precision": self.precision,
            "valid": self.valid,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> NormDate:
        return cls(
            raw=str(d["raw"]),
            iso=d.get("iso"),
            precision=d.get("precision"),
            valid=bool(d["valid"]),
            reason=d.get("reason"),
        )


def _bad(raw: str, reason: str) -> NormDate:
    return NormDate(raw, None, None, False, reason)


def _build(raw: str, year: int, month: int | None, day: int | None, note: str | None) -> NormDate:
    today = date.today()
    if month is None:
        if year < _MIN_DATE.year:
            return _bad(raw, "before 1900")
        if year > today.year:
            return _bad(raw, "in the future")
        return NormDate(raw, f"{year:04d}", "year", True, note)
    if not 1 <= month <= 12:
        return _bad(raw, "not a calendar date")
    if day is None:
        if year < _MIN_DATE.year:
            return _bad(raw, "before 1900")
        if (year, month) > (today.year, today.month):
            return _bad(raw, "in the future")
        return NormDate(raw, f"{year:04d}-{month:02d}", "month", True, note)
    try:
        d = date(year, month, day)
    except ValueError:
        return _bad(raw, "not a calendar date")
    if d < _MIN_DATE:
        return _bad(raw, "before 1900")
    if d > today:
        return _bad(raw, "in the future")
    return NormDate(raw, d.isoformat(), "day", True, note)


def _from_serial(raw: str, serial: float) -> NormDate:
    d = _EXCEL_EPOCH + timedelta(days=int(serial))
    if d < _MIN_DATE or d > date.today():
        return _bad(raw, "not a date")
    return _build(raw, d.year, d.month, d.day, EXCEL_SERIAL_REASON)


def _from_chinese(raw: str, m: re.Match[str]) -> NormDate:
    year = cn_to_int(m.group(1))
    month = cn_to_int(m.group(2)) if m.group(2) else None
    day = cn_to_int(m.group(3)) if m.group(3) else None
    if year is None or (m.group(2) and month is None) or (m.group(3) and day is None):
        return _bad(raw, "not a date")
    return _build(raw, year, month, day, None)


def normalise_date(raw: str | None) -> NormDate | None:
    """Normalise a date cell; ``None`` for a blank cell, never raises."""
    if raw is None:
        return None
    raw = str(raw)
    # Fast paths for the two forms registers mostly use (``19850312``, ``1985-03-12``):
    # clean_text and the patterns would read them exactly like this.
    if raw.isascii():
        if len(raw) == 8 and raw.isdigit():
            return _build(raw, int(raw[:4]), int(raw[4:6]), int(raw[6:]), None)
        if (
            len(raw) == 10
            and raw[4] == "-"
            and raw[7] == "-"
            and raw[:4].isdigit()
            and raw[5:7].isdigit()
            and raw[8:].isdigit()
        ):
            return _build(raw, int(raw[:4]), int(raw[5:7]), int(raw[8:]), None)
    text = clean_text(raw)
    if not text:
        return None
    if _FLOAT_RE.fullmatch(text):  # a number cell read back as float: 19850312.0, 1985.0
        text = text.split(".", 1)[0]
    if m := _COMPACT_RE.fullmatch(text):
        year, month = int(m.group(1)), int(m.group(2))
        day = int(m.group(3)) if m.group(3) else None
        return _build(raw, year, month, day, None)
    if m := _DAY_RE.fullmatch(text):
        return _build(raw, int(m.group(1)), int(m.group(2)), int(m.group(3)), None)
    if m := _MONTH_RE.fullmatch(text):
        return _build(raw, int(m.group(1)), int(m.group(2)), None, None)
    if m := _YEAR_RE.fullmatch(text):
        return _build(raw, int(m.group(1)), None, None, None)
    if m := _SERIAL_RE.fullmatch(text):
        return _from_serial(raw, float(text))
    if m := _CN_DATE_RE.fullmatch(text):
        return _from_chinese(raw, m)
    return _bad(raw, "not a date")
