"""Masking of resident identifiers in everything the API returns.

Why a walker over the finished JSON (and not per-model code): identifiers turn
up in many places — top-level ``id_number``, golden-record candidates, conflict
lists, graph node props, and verbatim source rows whose columns are Chinese
headers (公民身份号码, 配偶身份证号, 联系电话 …) including extra columns kg has
never seen. One function that every route's output passes through cannot be
forgotten by a new route. It works in three layers:

1. keys that name an identifier (``id_number``, ``phones``, ``*身份证*``,
   ``*证件号*``, ``*电话*``, ``*手机*`` …) mask their whole value, nested too;
2. ``{"field": "id_number", "values": [...]}`` (conflict items) masks ``values``;
3. every other string is scanned for ID-shaped (15/18 characters) and
   mobile-shaped runs, so an unknown column cannot leak one.

Entity ids, record ids, sources and credit codes pass through untouched so
clients can still navigate.

Formats: ``110105********123X`` (first 6, last 4) and ``138****5678``.

Example::

    redact({"id_number": "11010519850312123X"}, MaskPolicy())
    # {"id_number": "110105********123X"}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

ID_KEYS = frozenset(
    {"id_number", "id_numbers", "spouse_id", "owner_id", "tenant_id", "legal_rep_id"}
)
PHONE_KEYS = frozenset({"phone", "phones", "mobile", "telephone"})
_ID_KEY_FRAGMENTS = ("身份证", "身份号码", "证件号")
_PHONE_KEY_FRAGMENTS = ("电话", "手机", "联系方式")
# Never identifiers: navigation ids, provenance, metadata. Kept verbatim, not scanned.
PASSTHROUGH_KEYS = frozenset(
    {
        "id", "record_id", "entity_id", "start", "end", "source", "sources", "label", "type",
        "rel_type", "role", "match", "similarity", "confidence", "row_no", "version", "chosen",
        "kind", "valid", "reason", "region", "sex", "birth_date", "credit_code", "credit_codes",
        "request_id", "caption", "field", "load_id", "sha256", "status", "truncated",
    }
)  # fmt: skip

_ID_RE = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)")
_MOBILE_RE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
_SEPARATORS = re.compile(r"[\s\-]")
# Compiled once: masking runs over every string of every answer (a profile has hundreds).
_ANY_DIGIT = re.compile(r"\d")
_WHOLE_ID = re.compile(r"\d{17}[\dX]|\d{15}")
_WHOLE_MOBILE = re.compile(r"(?:\+?(?:00)?86)?1[3-9]\d{9}")


def compact(value: str) -> str:
    """NFKC, separators removed, upper case: the form identifiers are compared in."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()


def mask_id(value: str) -> str:
    """``110105********123X``; anything shorter than 15 characters is starred entirely."""
    v = compact(value)
    if len(v) >= 15:
        return v[:6] + "*" * (len(v) - 10) + v[-4:]
    return "*" * len(v)


def _mask_one_phone(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if len(digits) >= 11 and digits[-11] == "1" and re.fullmatch(r"(?:0086|86)?1\d{10}", digits):
        mobile = digits[-11:]
        return mobile[:3] + "****" + mobile[-4:]
    if "-" in number:
        area, rest = number.split("-", 1)
        rest_digits = re.sub(r"\D", "", rest)
        if len(rest_digits) > 4:
            return area + "-" + "*" * (len(rest_digits) - 4) + rest_digits[-4:]
    if len(digits) >= 8:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)


def mask_phone(value: str, allow: frozenset[str] = frozenset()) -> str:
    """``138****5678`` / ``010-****5678``; a cell holding several numbers masks each.

    Numbers in ``allow`` (compact form) are kept: a caseworker's own-profile view.
    """
    text = unicodedata.normalize("NFKC", value)
    found = False

    def sub(m: re.Match[str]) -> str:
        nonlocal found
        found = True
        number = m.group(0)
        c = compact(number)
        if c in allow or c[-11:] in allow:
            return number
        return _mask_one_phone(number)

    out = _LANDLINE_RE.sub(sub, _MOBILE_RE.sub(sub, text))
    if found:
        # Keep allowed numbers; star any other long digit run the patterns missed.
        return re.sub(
            r"\d{5,}", lambda m: m.group(0) if m.group(0) in allow else "*" * len(m.group(0)), out
        )
    return _mask_one_phone(text) if re.search(r"\d", text) else text


def id_variants(id_number: str) -> set[str]:
    """The compact forms one person's ID may appear in (18-digit and its 15-digit original)."""
    v = compact(id_number)
    out = {v}
    if len(v) == 18 and v[6:8] == "19":
        out.add(v[:6] + v[8:17])
    return out


@dataclass(frozen=True)
class MaskPolicy:
    """What to leave in clear. Default: mask everything.

    ``allow`` holds compact identifier values shown in full even when masking —
    the opened person's own IDs and phones for a caseworker's profile view.
    """

    unmask_ids: bool = False
    unmask_phones: bool = False
    allow: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def clear(cls) -> MaskPolicy:
        return cls(unmask_ids=True, unmask_phones=True)

    def allowing(self, ids: Iterable[str], phones: Iterable[str]) -> MaskPolicy:
        values: set[str] = set(self.allow)
        for i in ids:
            values |= id_variants(i)
        values |= {compact(p) for p in phones}
        values |= {c[-11:] for c in list(values) if re.fullmatch(r"\+?(?:00)?861\d{10}", c)}
        return MaskPolicy(self.unmask_ids, self.unmask_phones, frozenset(values))

    @property
    def masks_anything(self) -> bool:
        return not (self.unmask_ids and self.unmask_phones)


@lru_cache(maxsize=4096)
def _mode_for_key(key: str) -> str | None:
    """``id`` / ``phone`` / None for a JSON key; cached, as answers reuse a small set of keys."""
    lowered = key.lower()
    if lowered in ID_KEYS or any(f in key for f in _ID_KEY_FRAGMENTS):
        return "id"
    if lowered in PHONE_KEYS or any(f in key for f in _PHONE_KEY_FRAGMENTS):
        return "phone"
    return None


def _mask_string(value: str, mode: str | None, policy: MaskPolicy) -> str:
    c = compact(value)
    if c in policy.allow or not c:
        return value
    if mode == "id":
        return value if policy.unmask_ids or not _ANY_DIGIT.search(c) else mask_id(value)
    if mode == "phone":
        if policy.unmask_phones or not _ANY_DIGIT.search(c):
            return value
        return mask_phone(value, policy.allow)
    # Unknown string: a whole-cell identifier first, then identifiers inside free text.
    if _WHOLE_ID.fullmatch(c):
        return value if policy.unmask_ids else mask_id(value)
    if _WHOLE_MOBILE.fullmatch(c):
        return value if policy.unmask_phones else mask_phone(value)
    text = value
    if not policy.unmask_ids:
        text = _ID_RE.sub(lambda m: m.group(0) if compact(m.group(0)) in policy.allow
                          else mask_id(m.group(0)), text)  # fmt: skip
    if not policy.unmask_phones:
        text = _MOBILE_RE.sub(lambda m: m.group(0) if compact(m.group(0)) in policy.allow
                              else mask_phone(m.group(0)), text)  # fmt: skip
    return text


def _walk(value: Any, mode: str | None, policy: MaskPolicy) -> Any:
    cls = type(value)  # exact-type checks first: the common case, and cheaper than isinstance
    if cls is str or isinstance(value, str):
        return _mask_string(value, mode, policy)
    if cls is list or cls is tuple or isinstance(value, list | tuple):
        return [_walk(v, mode, policy) for v in value]
    if cls is dict or isinstance(value, dict):
        values_mode = None
        if isinstance(value.get("field"), str) and "values" in value:
            values_mode = _mode_for_key(value["field"])
        out: dict[Any, Any] = {}
        for k, v in value.items():
            key = str(k)
            if key in PASSTHROUGH_KEYS and not isinstance(v, dict):
                out[k] = v
                continue
            key_mode = values_mode if key == "values" and values_mode else _mode_for_key(key)
            out[k] = _walk(v, key_mode or mode, policy)
        return out
    return value


def redact(data: Any, policy: MaskPolicy) -> Any:
    """Return a copy of JSON-able ``data`` with identifiers masked as ``policy`` says."""
    if not policy.masks_anything:
        return data
    return _walk(data, None, policy)
