"""Phone cells → a list of canonical numbers (mobile ``13812345678``, landline ``010-62345678``).

Why: a shared phone number is good linking evidence between departments, but
only once ``+86 138-1234-5678``, ``0086 13812345678`` and ``13812345678`` are one
value. One cell often holds several numbers (``13812345678/010-62345678``), or
numbers separated only by spaces, while spaces and hyphens also appear *inside*
a number (``010 6234 5678``). Soft separators (spaces, hyphens, dots, brackets)
are therefore resolved by grouping: the longest run of pieces that reads as one
valid number wins, and the rest of the cell is read again from there.

Extensions (``转123``, ``ext 5``, ``-8001`` after a landline) are dropped from the
value: they identify a desk, not a household. Pieces that are not a number are
kept as ``valid=False``, ``kind="other"`` with their digits, so that the loader can
report them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from loaders.normalise.text import nfkc

__all__ = ["NormPhone", "normalise_phones"]

_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE = re.compile(r"[48]00\d{7}")  # 400/800 company hotlines: real, but not a person's
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*\d{1,6}", re.IGNORECASE)
# Hard separators always end a number; anything that is not a digit, '+' or a soft
# separator (labels such as 手机: or (本人)) also ends one.
_HARD = re.compile(r"[^\d+\s\-‐‑–—.()\[\]]+")
_MOBILE_SECOND = frozenset("3456789")
_MAX_GROUP = 6  # a number is never written in more than 6 pieces (+86 138 1234 5678)


@dataclass(frozen=True, slots=True)
class NormPhone:
    """One phone number. ``kind``: ``mobile`` | ``landline`` | ``other``."""

    raw: str
    value: str
    kind: str
    valid: bool

    def to_json(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies and costs µs per call.
        return {
            "raw": self.raw,
            "value": self.value,
            "kind": self.kind,
            "valid": self.valid,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> NormPhone:
        return cls(
            raw=str(d["raw"]), value=str(d["value"]), kind=str(d["kind"]), valid=bool(d["valid"])
        )


def _landline(digits: str) -> str | None:
    """``0AA(A)NNNNNNN(N)`` → ``0AA(A)-NNNNNNN(N)``; None if it is not a landline."""
    if len(digits) < 10 or digits[0] != "0":
        return None
    if digits[1] == "1":
        if digits[2] != "0":
            return None
        area, local = digits[:3], digits[3:]
    elif digits[1] == "2":
        area, local = digits[:3], digits[3:]
    else:
        area, local = digits[:4], digits[4:]
    if not 7 <= len(local) <= 8 or local[0] in "01":
        return None
    return f"{area}-{local}"


def _classify_national(digits: str) -> tuple[str, str] | None:
    """A number without country code → (kind, value), or None."""
    if _MOBILE.fullmatch(digits):
        return "mobile", digits
    if digits.startswith("0") and _MOBILE.fullmatch(digits[1:]):
        return "mobile", digits[1:]  # mobile dialled with a trunk 0
    if (value := _landline(digits)) is not None:
        return "landline", value
    if 7 <= len(digits) <= 8 and digits[0] not in "01":
        return "landline", digits  # local number, no area code
    if _SERVICE.fullmatch(digits):
        return "other", digits
    return None


def _classify(digits: str) -> tuple[str, str] | None:
    """Digits of one candidate number → (kind, value), or None if it is not a number."""
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 9:
            rest = digits[len(prefix) :]
            if _MOBILE.fullmatch(rest):
                return "mobile", rest
            # international form drops the trunk 0 of the area code: 86-10-62345678
            landline = _landline(rest if rest.startswith("0") else "0" + rest)
            if landline is not None:
                return "landline", landline
    return _classify_national(digits)


def _tokens(piece: str) -> list[tuple[str, int, int]]:
    """Digit runs of a piece with their spans."""
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\d+", piece)]


def _read_piece(piece: str, out: list[NormPhone]) -> None:
    tokens = _tokens(piece)
    i = 0
    junk_start: int | None = None

    def flush_junk(end: int) -> None:
        nonlocal junk_start
        if junk_start is not None:
            digits = "".join(t[0] for t in tokens[junk_start:end])
            raw = piece[tokens[junk_start][1] : tokens[end - 1][2]]
            out.append(NormPhone(raw.strip(), digits, "other", False))
            junk_start = None

    while i < len(tokens):
        found: tuple[int, str, str] | None = None
        digits = ""
        for j in range(i, min(len(tokens), i + _MAX_GROUP)):
            digits += tokens[j][0]
            if len(digits) > 16:
                break
            hit = _classify(digits)
            if hit is not None:
                found = (j + 1, hit[0], hit[1])
        if found is None:
            if junk_start is None:
                junk_start = i
            i += 1
            continue
        flush_junk(i)
        end, kind, value = found
        start_pos, end_pos = tokens[i][1], tokens[end - 1][2]
        while start_pos > 0 and piece[start_pos - 1] in "+([":
            start_pos -= 1
        while end_pos < len(piece) and piece[end_pos] in ")]":
            end_pos += 1
        out.append(NormPhone(piece[start_pos:end_pos], value, kind, True))
        i = end
        # a short hyphenated tail after a landline is its extension: 010-62345678-8001
        if (
            kind == "landline"
            and i < len(tokens)
            and len(tokens[i][0]) <= 5
            and piece[tokens[i - 1][2] : tokens[i][1]].strip() in ("-", "—", "–")
        ):
            i += 1
    flush_junk(len(tokens))


def normalise_phones(raw: str | None) -> list[NormPhone]:
    """All phone numbers in a cell, in order, without duplicates; ``[]`` for a blank cell."""
    if raw is None:
        return []
    raw = str(raw)
    # Fast path: a bare 11-digit mobile, the form most cells hold; the general reader
    # would return exactly this one number.
    if len(raw) == 11 and raw[0] == "1" and raw[1] in _MOBILE_SECOND and raw.isdigit():
        if raw.isascii():
            return [NormPhone(raw, raw, "mobile", True)]
    text = _EXTENSION.sub(" ", nfkc(raw))
    out: list[NormPhone] = []
    for piece in _HARD.split(text):
        if any(ch.isdigit() for ch in piece):
            _read_piece(piece, out)
    seen: set[str] = set()
    unique: list[NormPhone] = []
    for phone in out:
        if phone.value not in seen:
            seen.add(phone.value)
            unique.append(phone)
    return unique
