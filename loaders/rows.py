"""One source row → a ``SourceRecord`` (prepared for the ledger) or a ``Reject``.

Why values are kept even when invalid: a mistyped ID or a bad date is still evidence
for the resolver, so it is stored with an issue ``{"column", "reason"}``. A row is
rejected only when nothing can be done with it: ragged (cells do not line up with the
header), blank record id, or no identifying value at all (a person with neither name
nor ID, a house with no address, an organisation with neither name nor code). Record
ids repeated within one file are caught by the ledger, which can keep the ids seen so
far on disk instead of in memory.

Why per-column memo caches and pre-serialised JSON: a district register repeats the
same addresses, employers, relations and dates thousands of times, and serialising
each normalised value once (``fields_json`` is joined from cached fragments) is what
lets the loader keep up with the raw CSV reader.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from loaders.headers import HeaderMap
from loaders.layouts import REQUIRED_ANY, FieldKind, Layout, field_kind
from loaders.normalise.addresses import normalise_address
from loaders.normalise.dates import normalise_date
from loaders.normalise.family import canonical_family_role, canonical_relation
from loaders.normalise.ids import normalise_id
from loaders.normalise.names import normalise_name
from loaders.normalise.orgs import normalise_credit_code, normalise_org_name
from loaders.normalise.phones import normalise_phones
from loaders.normalise.sex import normalise_sex
from loaders.normalise.text import clean_text
from loaders.records import SourceRecord

_EXCEL_SCI = re.compile(r"^\d(?:\.\d+)?E\+?\d+$", re.IGNORECASE)
_CACHE_LIMIT = 100_000
EXCEL_ID_REASON = "ID stored as a number by Excel; digits lost"


@dataclass(frozen=True, slots=True)
class Reject:
    """A row that cannot be used; it goes to the ledger's ``rejects`` and the reject report."""

    row_no: int
    column: str | None
    reason: str
    record_id: str | None
    raw: dict[str, str]


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A ``SourceRecord`` plus its ledger serialisation, computed once where it is cheapest."""

    record: SourceRecord
    raw_json: str
    fields_json: str
    issues_json: str
    content_hash: str


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def content_hash(raw: dict[str, str], kind: str) -> str:
    """Hash of the verbatim row (sorted keys, so column order does not matter) and its kind."""
    canon = json.dumps([kind, raw], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(canon.encode(), digest_size=16).hexdigest()


def prepare(record: SourceRecord) -> PreparedRecord:
    """Serialise a record built elsewhere (tests, other importers) for the ledger."""
    return PreparedRecord(
        record,
        _dumps(record.raw),
        _dumps(record.fields),
        _dumps(record.issues),
        content_hash(record.raw, record.kind),
    )


# A column normaliser: cell text → (JSON value, its JSON text, issue reason or None).
Normalised = tuple[Any, str, str | None]


_SCALARS = (str, int, float, bool, type(None))
_FLAT_FIELDS: dict[type, tuple[str, ...] | None] = {}


def to_json(obj: Any) -> Any:
    """``obj.to_json()``, taken directly from the fields when that is provably the same.

    Why: ``dataclasses.asdict`` deep-copies and costs ~8 µs per value, a third of the
    per-row budget for unique IDs, names and phones. For a dataclass whose ``to_json``
    returned exactly its scalar fields on first use, a dict of the fields is identical;
    any non-scalar value, or a type whose ``to_json`` differs, goes through ``to_json``.
    """
    kind = type(obj)
    names = _FLAT_FIELDS.get(kind, ())
    if names == ():
        names = _learn(obj)
    if names:
        out = {n: getattr(obj, n) for n in names}
        if all(isinstance(v, _SCALARS) for v in out.values()):
            return out
    return obj.to_json()


def _learn(obj: Any) -> tuple[str, ...] | None:
    names: tuple[str, ...] | None = None
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        candidate = tuple(f.name for f in dataclasses.fields(obj))
        flat = {n: getattr(obj, n) for n in candidate}
        same = flat == obj.to_json()  # type: ignore[attr-defined]
        if same and all(isinstance(v, _SCALARS) for v in flat.values()):
            names = candidate
    _FLAT_FIELDS[type(obj)] = names
    return names


def _norm_record_id(raw: str) -> Normalised:
    value = clean_text(raw)
    return value, _dumps(value), None


def _norm_text(raw: str) -> Normalised:
    value = clean_text(raw) or None
    return value, _dumps(value), None


def _norm_obj(fn: Callable[[str], Any]) -> Callable[[str], Normalised]:
    def run(raw: str) -> Normalised:
        result = fn(raw)
        value = None if result is None else to_json(result)
        return value, _dumps(value), None

    return run


def _norm_id(raw: str) -> Normalised:
    result = normalise_id(raw)
    if result is None:
        return None, "null", None
    value = to_json(result)
    reason = None
    if _EXCEL_SCI.match(clean_text(raw)):
        reason = EXCEL_ID_REASON
    elif not result.valid:
        reason = f"invalid ID: {result.reason}"
    return value, _dumps(value), reason


def _norm_date(raw: str) -> Normalised:
    result = normalise_date(raw)
    if result is None:
        return None, "null", None
    value = to_json(result)
    return value, _dumps(value), None if result.valid else f"bad date: {result.reason}"


def _norm_credit_code(raw: str) -> Normalised:
    result = normalise_credit_code(raw)
    if result is None:
        return None, "null", None
    value = to_json(result)
    return value, _dumps(value), None if result.valid else f"invalid credit code: {result.reason}"


def _norm_phones(raw: str) -> Normalised:
    phones = normalise_phones(raw)
    if not phones:
        return None, "null", "unparseable phone"
    value = [to_json(p) for p in phones]
    bad = [p.raw for p in phones if not p.valid]
    return value, _dumps(value), f"unparseable phone: {', '.join(bad)}" if bad else None


def _norm_vocab(fn: Callable[[str], str | None], what: str) -> Callable[[str], Normalised]:
    def run(raw: str) -> Normalised:
        value = fn(raw)
        return value, _dumps(value), None if value is not None else f"unknown {what}: {raw.strip()}"

    return run


_NORMALISERS: dict[FieldKind, Callable[[str], Normalised]] = {
    "record_id": _norm_record_id,
    "text": _norm_text,
    "name": _norm_obj(normalise_name),
    "id": _norm_id,
    "date": _norm_date,
    "sex": _norm_vocab(normalise_sex, "sex value"),
    "phones": _norm_phones,
    "address": _norm_obj(normalise_address),
    "org": _norm_obj(normalise_org_name),
    "credit_code": _norm_credit_code,
    "relation": _norm_vocab(canonical_relation, "relation"),
    "family_role": _norm_vocab(canonical_family_role, "family role"),
}


def normalise_value(canonical: str, raw: str) -> Normalised:
    """Normalise one cell for a canonical field (uncached; for callers outside a load)."""
    if not raw.strip():
        return None, "null", None
    return _NORMALISERS[field_kind(canonical)](raw)


class _Column:
    """One mapped column: its position, header, canonical field and a bounded memo cache."""

    __slots__ = ("index", "header", "field", "key", "fn", "cache")

    def __init__(self, index: int, header: str, canonical: str) -> None:
        self.index = index
        self.header = header
        self.field = canonical
        self.key = _dumps(canonical) + ":"
        self.fn = _NORMALISERS[field_kind(canonical)]
        self.cache: dict[str, Normalised] = {}

    def __call__(self, raw: str) -> Normalised:
        hit = self.cache.get(raw)
        if hit is None:
            hit = self.fn(raw) if raw.strip() else (None, "null", None)
            if len(self.cache) >= _CACHE_LIMIT:
                self.cache.clear()  # a cheap bound: a cold start costs less than unbounded RAM
            self.cache[raw] = hit
        return hit


class RowNormaliser:
    """Turns the rows of one file (one header) into prepared records or rejects."""

    def __init__(self, layout: Layout, header: HeaderMap) -> None:
        self.layout = layout
        self.source = layout.source
        self.kind = layout.kind
        self.headers = header.headers
        self.width = len(self.headers)
        self.columns = [
            _Column(i, h, c)
            for i, (h, c) in enumerate(zip(header.headers, header.canonical, strict=True))
            if c is not None
        ]
        by_field = {c.field: c for c in self.columns}
        self.id_column = by_field["record_id"]
        self.required = [by_field[f] for f in REQUIRED_ANY[layout.kind] if f in by_field]

    def _raw_of(self, cells: list[str]) -> dict[str, str]:
        raw = dict(zip(self.headers, cells, strict=False))
        for pos in range(self.width, len(cells)):
            raw[f"(column {pos + 1})"] = cells[pos]
        return raw

    def __call__(self, row_no: int, cells: list[str]) -> PreparedRecord | Reject:
        if len(cells) != self.width:
            rid = cells[self.id_column.index] if len(cells) > self.id_column.index else None
            return Reject(
                row_no,
                None,
                f"ragged row: {len(cells)} cells but the header has {self.width} columns",
                clean_text(rid) or None,
                self._raw_of(cells),
            )
        raw = dict(zip(self.headers, cells, strict=True))
        record_id = clean_text(cells[self.id_column.index])
        if not record_id:
            return Reject(row_no, self.id_column.header, "blank record id", None, raw)
        if self.required and not any(cells[c.index].strip() for c in self.required):
            names = " nor ".join(c.header for c in self.required)
            return Reject(row_no, None, f"neither {names}: nothing to identify", record_id, raw)
        fields: dict[str, Any] = {}
        parts: list[str] = []
        issues: list[dict[str, str]] = []
        for col in self.columns:
            value, text, reason = col(cells[col.index])
            fields[col.field] = value
            parts.append(col.key + text)
            if reason is not None:
                issues.append({"column": col.header, "reason": reason})
        record = SourceRecord(self.source, self.kind, record_id, row_no, raw, fields, issues)
        return PreparedRecord(
            record,
            _dumps(raw),
            "{" + ",".join(parts) + "}",
            _dumps(issues) if issues else "[]",
            content_hash(raw, self.kind),
        )
