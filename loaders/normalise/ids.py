"""Resident identity numbers (公民身份号码, GB 11643-1999) → canonical 18-character form.

Why: the ID number is the strongest identity evidence the registers share, but only
when it is written the same way everywhere. Extracts carry full-width digits,
spaces or hyphens inside, lower-case ``x``, Excel damage and legacy 15-digit numbers
(issued before 1999, no century, no check character). A 15-digit number is upgraded
to its 18-digit form so that both spellings of one person's ID compare equal.

An ID that fails its check is *evidence, not identity*: it is kept (``valid=False``
with a ``reason``) and, when the date part is a real date, its birth date, sex and
region are still decoded so that the resolver can use them as soft evidence for a
typo'd number.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from loaders.normalise.text import nfkc

__all__ = ["NormID", "id_check_char", "normalise_id", "upgrade_15_to_18"]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_MAP = "10X98765432"
# Separators people type inside an ID: spaces, hyphens/dashes, dots, underscores.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.·]+")
_ID18 = re.compile(r"\d{17}[\dX]")
_ID15 = re.compile(r"\d{15}")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.IGNORECASE)  # Excel: 1.10105E+17
_MIN_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class NormID:
    """A normalised ID number; ``value`` is the canonical 18-character form when known."""

    raw: str
    value: str
    valid: bool
    kind: str  # "id18" | "id15" | "other"
    reason: str | None
    birth_date: str | None
    sex: str | None
    region: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> NormID:
        return cls(
            raw=str(d["raw"]),
            value=str(d["value"]),
            valid=bool(d["valid"]),
            kind=str(d["kind"]),
            reason=d.get("reason"),
            birth_date=d.get("birth_date"),
            sex=d.get("sex"),
            region=d.get("region"),
        )


def id_check_char(first17: str) -> str:
    """GB 11643 check character (``0``-``9`` or ``X``) for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 ASCII digits, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_MAP[total % 11]


def upgrade_15_to_18(id15: str) -> str:
    """Legacy 15-digit ID → 18 digits: insert century ``19`` and append the check character.

    15-digit numbers were issued 1984–1999 to people born in the 20th century, so
    the century is always 19.
    """
    if len(id15) != 15 or not id15.isascii() or not id15.isdigit():
        raise ValueError(f"need 15 ASCII digits, got {id15!r}")
    first17 = id15[:6] + "19" + id15[6:]
    return first17 + id_check_char(first17)


def _birth_date(yyyymmdd: str) -> date | None:
    """The date if it is a real calendar date between 1900-01-01 and today."""
    try:
        d = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
    if d < _MIN_BIRTH or d > date.today():
        return None
    return d


def _clean(raw: str) -> str:
    text = nfkc(raw).strip().strip("'\"`")  # Excel's leading apostrophe, quoting debris
    if text.endswith(".0") and text[:-2].isdigit():  # a 15-digit ID read as a float
        text = text[:-2]
    return _SEPARATORS.sub("", text).upper()


def _decode(
    raw: str, value: str, kind: str, yyyymmdd: str, sex_digit: str, check_ok: bool
) -> NormID:
    region = value[:6]
    born = _birth_date(yyyymmdd)
    if born is None:
        return NormID(raw, value, False, kind, "bad birth date", None, None, region)
    sex = "M" if int(sex_digit) % 2 else "F"
    reason = None if check_ok else "bad check character"
    return NormID(raw, value, check_ok, kind, reason, born.isoformat(), sex, region)


@lru_cache(maxsize=200_000)
def normalise_id(raw: str | None) -> NormID | None:
    """Normalise an ID number cell; ``None`` for a blank cell, never raises."""
    if raw is None:
        return None
    raw = str(raw)
    if _SCIENTIFIC.fullmatch(nfkc(raw).strip()):
        value = nfkc(raw).strip().upper()
        return NormID(raw, value, False, "other", "scientific notation", None, None, None)
    value = _clean(raw)
    if not value:
        return None
    if _ID18.fullmatch(value):
        check_ok = id_check_char(value[:17]) == value[17]
        return _decode(raw, value, "id18", value[6:14], value[16], check_ok)
    if _ID15.fullmatch(value):
        decoded = _decode(raw, value, "id15", "19" + value[6:12], value[14], True)
        if not decoded.valid:
            return decoded  # keep the 15 digits as written: there is nothing to upgrade
        return NormID(
            raw,
            upgrade_15_to_18(value),
            True,
            "id15",
            None,
            decoded.birth_date,
            decoded.sex,
            decoded.region,
        )
    if not value.isascii() or not value.isalnum():
        return NormID(raw, value, False, "other", "bad characters", None, None, None)
    if len(value) in (15, 18):
        return NormID(raw, value, False, "other", "non-digit characters", None, None, None)
    return NormID(raw, value, False, "other", f"bad length {len(value)}", None, None, None)
