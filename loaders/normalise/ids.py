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
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from loaders.normalise.text import nfkc

__all__ = ["NormID", "id18_json", "id_check_char", "normalise_id", "upgrade_15_to_18"]

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
        # Written out: dataclasses.asdict deep-copies and costs several µs per call.
        return {
            "raw": self.raw,
            "value": self.value,
            "valid": self.valid,
            "kind": self.kind,
            "reason": self.reason,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "region": self.region,
        }

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


# Why tables: the weighted sum of 17 digits is the hot spot of a load's ID column; a
# per-position table of digit → weight × digit turns it into 17 dict lookups.
_WEIGHTED = tuple({str(d): d * w for d in range(10)} for w in _WEIGHTS)


def id_check_char(first17: str) -> str:
    """GB 11643 check character (``0``-``9`` or ``X``) for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 ASCII digits, got {first17!r}")
    return _CHECK_MAP[_weighted_sum(first17) % 11]


def _weighted_sum(first17: str) -> int:
    t = _WEIGHTED
    f = first17
    return (
        t[0][f[0]] + t[1][f[1]] + t[2][f[2]] + t[3][f[3]] + t[4][f[4]] + t[5][f[5]]
        + t[6][f[6]] + t[7][f[7]] + t[8][f[8]] + t[9][f[9]] + t[10][f[10]] + t[11][f[11]]
        + t[12][f[12]] + t[13][f[13]] + t[14][f[14]] + t[15][f[15]] + t[16][f[16]]
    )  # fmt: skip


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


_DIGITS = frozenset("0123456789")


def _fast_id18(raw: str) -> NormID | None:
    """The common clean form: exactly 18 ASCII characters, 17 digits and a check character.

    Why: nearly every ID in a register is written this way, and for it NFKC, quote
    stripping and separator removal are all no-ops, so only the decoding is left.
    Returns None for anything else (the general path then handles it identically).
    """
    value = _clean_id18(raw)
    if value is None:
        return None
    check_ok = _CHECK_MAP[_weighted_sum(value[:17]) % 11] == value[17]
    return _decode(raw, value, "id18", value[6:14], value[16], check_ok)


def _clean_id18(raw: str) -> str | None:
    """The value of an ID in the clean form (18 ASCII characters: 17 digits and a digit
    or ``x``/``X``), the check character upper-cased; None for any other form."""
    if len(raw) != 18 or not raw.isascii() or not raw[:17].isdigit():
        return None
    last = raw[17]
    if last in _DIGITS:
        return raw
    return raw[:17] + "X" if last in "Xx" else None


_SEX_OF_DIGIT = {str(d): "M" if d % 2 else "F" for d in range(10)}
#: ``YYYYMMDD`` → ISO date, for the birth dates ``_birth_date`` accepted. Why only
#: those: "not after today" stays true once true, so a kept answer never goes stale,
#: while a date refused as in the future is asked again (it may be today by now).
_BORN: dict[str, str] = {}
_BORN_LIMIT = 100_000


def _born_iso(yyyymmdd: str) -> str | None:
    """``_birth_date(yyyymmdd).isoformat()``, or None; memoised (a district has ~40k days)."""
    iso = _BORN.get(yyyymmdd)
    if iso is None:
        born = _birth_date(yyyymmdd)
        if born is None:
            return None
        iso = born.isoformat()
        if len(_BORN) >= _BORN_LIMIT:
            _BORN.clear()  # a cheap bound, as for the loader's column caches
        _BORN[yyyymmdd] = iso
    return iso


def id18_json(raw: str) -> tuple[str, str | None] | None:
    """``(obj_json(normalise_id(raw)), its reason)`` for the clean 18-character form.

    Why: the loader stores only the JSON text, and ID numbers are unique per row, so
    no cache helps; building the ``NormID`` (and going through ``normalise_id``'s LRU
    cache, which only ever misses here) was most of the column's cost. The text is
    written field by field in ``NormID``'s order, as ``loaders.fastjson`` writes it:
    the raw cell is 18 ASCII digits (or a final ``x``/``X``), which JSON never escapes.
    None for any other form: the caller then takes ``normalise_id``.
    """
    value = _clean_id18(raw)
    if value is None:
        return None
    head = f'{{"raw":"{raw}","value":"{value}","valid":'
    iso = _born_iso(value[6:14])
    if iso is None:
        reason = "bad birth date"
        return (
            f'{head}false,"kind":"id18","reason":"{reason}","birth_date":null,"sex":null,'
            f'"region":"{value[:6]}"}}',
            reason,
        )
    tail = f'"birth_date":"{iso}","sex":"{_SEX_OF_DIGIT[value[16]]}","region":"{value[:6]}"}}'
    if _CHECK_MAP[_weighted_sum(value[:17]) % 11] == value[17]:
        return f'{head}true,"kind":"id18","reason":null,{tail}', None
    reason = "bad check character"
    return f'{head}false,"kind":"id18","reason":"{reason}",{tail}', reason


@lru_cache(maxsize=65_536)
def normalise_id(raw: str | None) -> NormID | None:
    """Normalise an ID number cell; ``None`` for a blank cell, never raises."""
    if raw is None:
        return None
    raw = str(raw)
    fast = _fast_id18(raw)
    if fast is not None:
        return fast
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
