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

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from loaders.fastjson import obj_json
from loaders.headers import HeaderMap
from loaders.layouts import REQUIRED_ANY, FieldKind, Layout, field_kind
from loaders.normalise.addresses import address_json, normalise_address
from loaders.normalise.dates import NormDate, normalise_date
from loaders.normalise.family import canonical_family_role, canonical_relation
from loaders.normalise.ids import id18_json, normalise_id
from loaders.normalise.names import normalise_name
from loaders.normalise.orgs import normalise_credit_code, normalise_org_name
from loaders.normalise.phones import NormPhone, normalise_phones
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


class PackedRow(NamedTuple):
    """What the ledger stores for one good row, without the in-memory ``SourceRecord``.

    Why: a normalisation worker process only has to send these strings back; building
    (and pickling) the record's dicts would cost more than the ledger needs.
    """

    record_id: str
    row_no: int
    kind: str
    content_hash: str
    raw_json: str
    fields_json: str
    issues_json: str


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ``json.dumps(..., ensure_ascii=False)`` encodes every string with this C function; the
# row's raw JSON and hash text are joined from it and so are byte-identical.
_esc: Callable[[str], str] = encode_basestring


def content_hash(raw: dict[str, str], kind: str) -> str:
    """Hash of the verbatim row (sorted keys, so column order does not matter) and its kind."""
    canon = json.dumps([kind, raw], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _hash(canon)


def _hash(canon: str) -> str:
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


# A cell normalised: (JSON value, its JSON text, issue reason or None).
Normalised = tuple[Any, str, str | None]
# What a column normaliser returns: (result, its JSON text, issue reason or None), where
# the result is the normaliser's own object (``NormName`` …, a list of ``NormPhone``, a
# string or None) and ``_value`` turns it into the JSON value. Why not the JSON value
# itself: a load only stores the text, and building a dict per value to throw it away
# cost a few µs per row; ``RowNormaliser.__call__`` (tests, tools) converts on demand.
Lazy = tuple[Any, str, str | None]


def to_json(obj: Any) -> Any:
    """``obj.to_json()``: kept as a function for callers that serialise any normalised value."""
    return obj.to_json()


def _value(result: Any) -> Any:
    """The JSON value of a column normaliser's result (see ``Lazy``)."""
    if result is None or type(result) is str:
        return result
    if type(result) is list:
        return [p.to_json() for p in result]
    return result.to_json()


def _str_json(value: str | None) -> str:
    return "null" if value is None else _esc(value)


def _norm_record_id(raw: str) -> Lazy:
    value = clean_text(raw)
    return value, _esc(value), None


def _norm_text(raw: str) -> Lazy:
    value = clean_text(raw) or None
    return value, _str_json(value), None


def _norm_obj(fn: Callable[[str], Any]) -> Callable[[str], Lazy]:
    def run(raw: str) -> Lazy:
        result = fn(raw)
        if result is None:
            return None, "null", None
        return result, obj_json(result), None

    return run


class _Deferred:
    """The JSON value of a cell, normalised only if asked for (see ``Lazy``).

    Why: for addresses and ID numbers the loader takes the JSON text from a fast path
    that builds no object; a caller that wants the value (``RowNormaliser.__call__``)
    gets it from the normaliser itself.
    """

    __slots__ = ("fn", "raw")

    def __init__(self, fn: Callable[[str], Any], raw: str) -> None:
        self.fn = fn
        self.raw = raw

    def to_json(self) -> Any:
        result = self.fn(self.raw)
        return None if result is None else result.to_json()


_norm_address_obj = _norm_obj(normalise_address)


def _norm_address(raw: str) -> Lazy:
    """Addresses are mostly unique: take the JSON straight from the shape cache."""
    text = address_json(raw)
    if text is None:
        return _norm_address_obj(raw)
    return _Deferred(normalise_address, raw), text, None


def _norm_id(raw: str) -> Lazy:
    fast = id18_json(raw)
    if fast is not None:  # 18 ASCII characters: never Excel's scientific form
        text, why = fast
        return _Deferred(normalise_id, raw), text, None if why is None else f"invalid ID: {why}"
    result = normalise_id(raw)
    if result is None:
        return None, "null", None
    reason = None
    if result.valid:
        pass  # a valid ID is 15 or 18 digits: never Excel's scientific form
    elif _EXCEL_SCI.match(clean_text(raw)):
        reason = EXCEL_ID_REASON
    else:
        reason = f"invalid ID: {result.reason}"
    return result, obj_json(result), reason


def _norm_date(raw: str) -> Lazy:
    return _date_lazy(normalise_date(raw))


def _date_lazy(result: NormDate | None) -> Lazy:
    if result is None:
        return None, "null", None
    return result, obj_json(result), None if result.valid else f"bad date: {result.reason}"


def _norm_month_date(raw: str) -> Lazy:
    """A date in a year-month column (出生年月): the 1st of a month is the month itself.

    Why: a spreadsheet that stores ``1985-03`` as a date cell, or an export that prints
    it as ``1985-03-01``, pads the day with 01. Read as a day that padding would
    contradict the person's real birth date; read as a month it agrees. A full date on
    any other day was written by the source and is kept as it is.
    """
    result = normalise_date(raw)
    if (
        result is not None
        and result.valid
        and result.precision == "day"
        and result.iso
        and result.iso.endswith("-01")
    ):
        result = NormDate(result.raw, result.iso[:7], "month", True, None)
    return _date_lazy(result)


def _is_month_column(header: str) -> bool:
    """出生年月 and the like: the header says the column holds a year and a month only."""
    return header.strip().endswith("年月")


def _norm_credit_code(raw: str) -> Lazy:
    result = normalise_credit_code(raw)
    if result is None:
        return None, "null", None
    reason = None if result.valid else f"invalid credit code: {result.reason}"
    return result, obj_json(result), reason


def _norm_phones(raw: str) -> Lazy:
    if len(raw) == 11 and raw[0] == "1" and raw[1] in _MOBILE_SECOND and raw.isdigit():
        if raw.isascii():
            # A bare mobile number, three cells in four: ``normalise_phones`` returns
            # exactly this one number (its own fast path), and 11 ASCII digits need no
            # JSON escaping, so the text is written here without serialising it.
            return [NormPhone(raw, raw, "mobile", True)], _MOBILE_JSON.format(raw), None
    phones = normalise_phones(raw)
    if not phones:
        return None, "null", "unparseable phone"
    text = "[" + ",".join([obj_json(p) for p in phones]) + "]"
    bad = [p.raw for p in phones if not p.valid]
    return phones, text, f"unparseable phone: {', '.join(bad)}" if bad else None


_MOBILE_SECOND = frozenset("3456789")
_MOBILE_JSON = '[{{"raw":"{0}","value":"{0}","kind":"mobile","valid":true}}]'


def _norm_vocab(fn: Callable[[str], str | None], what: str) -> Callable[[str], Lazy]:
    def run(raw: str) -> Lazy:
        value = fn(raw)
        reason = None if value is not None else f"unknown {what}: {raw.strip()}"
        return value, _str_json(value), reason

    return run


_NORMALISERS: dict[FieldKind, Callable[[str], Lazy]] = {
    "record_id": _norm_record_id,
    "text": _norm_text,
    "name": _norm_obj(normalise_name),
    "id": _norm_id,
    "date": _norm_date,
    "sex": _norm_vocab(normalise_sex, "sex value"),
    "phones": _norm_phones,
    "address": _norm_address,
    "org": _norm_obj(normalise_org_name),
    "credit_code": _norm_credit_code,
    "relation": _norm_vocab(canonical_relation, "relation"),
    "family_role": _norm_vocab(canonical_family_role, "family role"),
}


def normalise_value(canonical: str, raw: str) -> Normalised:
    """Normalise one cell for a canonical field (uncached; for callers outside a load)."""
    if not raw.strip():
        return None, "null", None
    result, text, reason = _NORMALISERS[field_kind(canonical)](raw)
    return _value(result), text, reason


_BLANK: Lazy = (None, "null", None)
#: Rows between checks of each column cache's miss rate.
_PROBE = 8192
#: A column missing its cache more often than this is not cached any further.
_MAX_MISS_RATE = 0.8


class _Column:
    """One mapped column: its position, header, canonical field and a bounded memo cache.

    Why the cache switches itself off: record ids, ID numbers, phones and most
    addresses are (nearly) unique per row, and caching them costs a dict insert per
    row and hundreds of MB for nothing; ``RowNormaliser`` checks the miss rate every
    ``_PROBE`` rows and drops the cache of a column that hardly ever hits.

    Why a date column keeps its cache whatever it missed: a date has few possible
    values (some 45,000 days since 1900), so a birth-date column misses nearly every
    row of its first few thousand and then hits two rows in three (police, 100k
    rows); judged by its start it was dropped just before it would have paid.
    """

    __slots__ = ("index", "header", "field", "key", "fn", "cache", "misses", "keep")

    def __init__(self, index: int, header: str, canonical: str) -> None:
        self.index = index
        self.header = header
        self.field = canonical
        self.key = _dumps(canonical) + ":"
        kind = field_kind(canonical)
        self.fn = (
            _norm_month_date if kind == "date" and _is_month_column(header) else _NORMALISERS[kind]
        )
        # A record id is unique in a file (a repeat is rejected): nothing to memoise.
        self.cache: dict[str, Lazy] | None = None if canonical == "record_id" else {}
        self.misses = 0
        self.keep = kind == "date"

    def __call__(self, raw: str) -> Lazy:
        cache = self.cache
        if cache is None:
            return self.fn(raw) if raw.strip() else _BLANK
        hit = cache.get(raw)
        if hit is None:
            hit = self.miss(raw)
        return hit

    def miss(self, raw: str) -> Lazy:
        """Normalise a value the cache does not hold, and remember it."""
        hit = self.fn(raw) if raw.strip() else _BLANK
        cache = self.cache
        if cache is not None:
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()  # a cheap bound: a cold start costs less than unbounded RAM
            cache[raw] = hit
            self.misses += 1
        return hit

    def review(self, rows: int) -> None:
        """Drop the cache if more than ``_MAX_MISS_RATE`` of the last ``rows`` missed."""
        if self.cache is not None and not self.keep and self.misses > rows * _MAX_MISS_RATE:
            self.cache = None
        self.misses = 0


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
        # Why precomputed pieces: the raw JSON and the content hash's canonical text are
        # joined from per-header key prefixes, in file order and in sorted-key order,
        # instead of two json.dumps calls per row. Repeated header names (which a dict
        # collapses) take the general path so the text stays exactly json.dumps's.
        self._keys = [_esc(h) + ":" for h in self.headers]
        unique = len(set(self.headers)) == self.width
        self._order = sorted(range(self.width), key=self.headers.__getitem__) if unique else None
        self._hash_head = "[" + _esc(self.kind) + ",{"
        self._id_index = self.id_column.index
        self._required_idx = [c.index for c in self.required]
        self._plan = [(c, c.index, c.key, c.header) for c in self.columns]
        self._rows = 0

    def _raw_of(self, cells: list[str]) -> dict[str, str]:
        raw = dict(zip(self.headers, cells, strict=False))
        for pos in range(self.width, len(cells)):
            raw[f"(column {pos + 1})"] = cells[pos]
        return raw

    def _check(self, row_no: int, cells: list[str]) -> Reject | str:
        """The record id of a usable row, or the ``Reject`` for an unusable one."""
        self._rows += 1
        if self._rows % _PROBE == 0:
            for col in self.columns:
                col.review(_PROBE)
        if len(cells) != self.width:
            idx = self._id_index
            rid = cells[idx] if len(cells) > idx else None
            return Reject(
                row_no,
                None,
                f"ragged row: {len(cells)} cells but the header has {self.width} columns",
                clean_text(rid) or None,
                self._raw_of(cells),
            )
        record_id = clean_text(cells[self._id_index])
        if not record_id:
            raw = dict(zip(self.headers, cells, strict=True))
            return Reject(row_no, self.id_column.header, "blank record id", None, raw)
        if self._required_idx and not any(cells[i].strip() for i in self._required_idx):
            names = " nor ".join(c.header for c in self.required)
            raw = dict(zip(self.headers, cells, strict=True))
            return Reject(row_no, None, f"neither {names}: nothing to identify", record_id, raw)
        return record_id

    def _raw_and_hash(self, cells: list[str]) -> tuple[str, str]:
        """``_dumps(raw)`` and ``content_hash(raw, kind)`` from the cells, same text."""
        order = self._order
        if order is None:
            raw = dict(zip(self.headers, cells, strict=True))
            return _dumps(raw), content_hash(raw, self.kind)
        parts = [k + _esc(c) for k, c in zip(self._keys, cells, strict=True)]
        canon = self._hash_head + ",".join([parts[i] for i in order]) + "}]"
        return "{" + ",".join(parts) + "}", _hash(canon)

    def __call__(self, row_no: int, cells: list[str]) -> PreparedRecord | Reject:
        record_id = self._check(row_no, cells)
        if isinstance(record_id, Reject):
            return record_id
        fields: dict[str, Any] = {}
        parts: list[str] = []
        issues: list[dict[str, str]] = []
        for col, index, key, header in self._plan:
            result, text, reason = col(cells[index])
            fields[col.field] = _value(result)
            parts.append(key + text)
            if reason is not None:
                issues.append({"column": header, "reason": reason})
        raw_json, digest = self._raw_and_hash(cells)
        raw = dict(zip(self.headers, cells, strict=True))
        record = SourceRecord(self.source, self.kind, record_id, row_no, raw, fields, issues)
        return PreparedRecord(
            record,
            raw_json,
            "{" + ",".join(parts) + "}",
            _dumps(issues) if issues else "[]",
            digest,
        )

    def pack(self, row_no: int, cells: list[str]) -> PackedRow | Reject:
        """``self(row_no, cells)`` reduced to what the ledger stores (no record dicts).

        Why: this is what a normalisation worker sends back to the writing process.
        """
        record_id = self._check(row_no, cells)
        if isinstance(record_id, Reject):
            return record_id
        parts: list[str] = []
        issues: list[dict[str, str]] | None = None
        for col, index, key, header in self._plan:
            # ``col(raw)`` written out: one Python call less per cell, a tenth of the
            # whole when most cells are cache hits.
            raw = cells[index]
            cache = col.cache
            hit: Lazy | None
            if cache is None:
                hit = col.fn(raw) if raw.strip() else _BLANK
            else:
                hit = cache.get(raw)
                if hit is None:
                    hit = col.miss(raw)
            _result, text, reason = hit
            parts.append(key + text)
            if reason is not None:
                if issues is None:
                    issues = []
                issues.append({"column": header, "reason": reason})
        raw_json, digest = self._raw_and_hash(cells)
        return PackedRow(
            record_id,
            row_no,
            self.kind,
            digest,
            raw_json,
            "{" + ",".join(parts) + "}",
            _dumps(issues) if issues else "[]",
        )
