"""A columnar view of person features, so blocking and comparison run on numpy arrays.

Why: a district of a million residents has millions of person references and
tens of millions of candidate pairs; comparing them one Python call at a time
takes tens of minutes. Here every string is interned to an integer code once,
IDs and birth dates are kept as digit matrices, and multi-valued attributes
(phones, dwellings) as fixed-width slot matrices, so each comparison is a handful
of vector operations over all pairs at once.

The scalar functions in ``compare.py`` stay the definition; ``vector_compare``
must give exactly the same levels (a test checks every pair of a demo district).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from resolvers.persons.compare import (
    PersonFeatures,
    id_number,
    is_identity,
    is_minor,
    minor_since,
)

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U8 = npt.NDArray[np.uint8]
B = npt.NDArray[np.bool_]

_ID_DIGITS = {str(d): d for d in range(10)} | {"X": 10}


class Interner:
    """Strings → dense integer codes (``-1`` for missing)."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.values: list[str] = []

    def codes_of(self, values: Sequence[str | None]) -> I32:
        """The code of each value, as an array: a new value gets the next code, in order of
        first appearance; a missing one (None or empty) is ``-1``."""
        codes = self.codes
        for v in values:
            if v and v not in codes:
                codes[v] = len(self.values)
                self.values.append(v)
        return np.fromiter(
            (codes[v] if v else -1 for v in values), dtype=np.int32, count=len(values)
        )


def _digit_matrix(values: Sequence[str], width: int, table: npt.NDArray[np.uint8]) -> U8:
    """Each string's characters mapped through ``table`` (by code point, up to 127; others
    and the padding of shorter strings map to ``table[0]``), as an ``(n, width)`` matrix."""
    if not values:
        return np.zeros((0, width), dtype=np.uint8)
    points = np.array(values, dtype=f"<U{width}").view(np.uint32).reshape(len(values), width)
    return table[np.minimum(points, 127)]


def _table_of(mapping: dict[str, int], default: int) -> npt.NDArray[np.uint8]:
    table = np.full(128, default, dtype=np.uint8)
    for ch, value in mapping.items():
        table[ord(ch)] = value
    return table


_ID_TABLE = _table_of(_ID_DIGITS, 11)
_DATE_TABLE = _table_of({str(d): d for d in range(10)}, 0)


def _bools(values: Iterable[bool], n: int) -> B:
    return np.fromiter(values, dtype=bool, count=n)


def _slots(rows: Sequence[tuple[str, ...]], interner: Interner) -> I32:
    """Multi-valued attributes as a ``(n, widest)`` matrix of codes, ``-1``-padded."""
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    width = int(lengths.max(initial=0)) or 1
    out = np.full((len(rows), width), -1, dtype=np.int32)
    codes = interner.codes_of([v for r in rows for v in r])
    if codes.size:
        starts = np.cumsum(lengths) - lengths
        row = np.repeat(np.arange(len(rows)), lengths)
        out[row, np.arange(codes.size) - starts[row]] = codes
    return out


@dataclass
class FeatureTable:
    """Features of n mentions as arrays; ``features`` keeps the originals for fallbacks."""

    features: Sequence[PersonFeatures]
    names: Interner
    pinyins: Interner
    name: I32
    pinyin: I32
    surname: I32
    has_former: B
    id_code: I32
    id_valid: B
    id15: B
    id18: B
    id_consistent: B
    id_foreign: B
    identity: B
    """``compare.is_identity``: the ID may keep two people apart."""
    id_excel: B
    """The ID was damaged by Excel (``PersonFeatures.id_excel``)."""
    id_num: I64
    """The ID as a number: an 18-character ID's value (X as 10) or an Excel-damaged ID's
    approximation; -1 for anything else."""
    adult_role: B
    """``PersonFeatures.adult_role``."""
    minor: B
    """``compare.is_minor`` as of ``since``."""
    since: str
    id_len: npt.NDArray[np.int16]
    id_digits: U8
    birth_code: I32
    birth_len: npt.NDArray[np.int8]
    birth_digits: U8
    id_birth_digits: U8
    sex: npt.NDArray[np.int8]
    phones: I32
    dwellings: I32
    employer: I32
    context: B
    phone_values: Interner
    dwelling_values: Interner
    employer_values: Interner

    @property
    def n(self) -> int:
        return len(self.features)


def build_table(features: Sequence[PersonFeatures], since: str | None = None) -> FeatureTable:
    """``since``: the birth date after which a person is a minor (default ``minor_since()``).

    Column by column rather than mention by mention: one pass per column with bulk
    interning and digit matrices read off fixed-width string arrays (a million-resident
    district has 2.3M person mentions, and per-element assignments cost seconds each).
    """
    n = len(features)
    since = since or minor_since()
    names, pinyins, surnames, ids, births = (Interner() for _ in range(5))
    phones, dwellings, employers = Interner(), Interner(), Interner()
    id_values = [f.id_value for f in features]
    id_kinds = [f.id_kind for f in features]
    name = names.codes_of([f.name for f in features])
    pinyin = pinyins.codes_of([f.pinyin for f in features])
    # None and "" both mean "no surname" and compare equal, as in compare_name
    surname = surnames.codes_of([f.surname_pinyin or "\x00" for f in features])
    has_former = _bools((bool(f.former or f.former_pinyin) for f in features), n)
    id_code = ids.codes_of(id_values)
    id_valid = _bools((f.id_valid for f in features), n)
    id15 = _bools((k == "id15" for k in id_kinds), n)
    id18 = _bools((k == "id18" for k in id_kinds), n)
    id_consistent = _bools((f.id_consistent for f in features), n)
    id_foreign = _bools((f.id_foreign for f in features), n)
    identity = _bools((is_identity(f) for f in features), n)
    id_excel = _bools((f.id_excel is not None for f in features), n)
    id_num = np.fromiter(
        (
            f.id_excel
            if f.id_excel is not None
            else -1
            if (num := id_number(f.id_value)) is None
            else num
            for f in features
        ),
        dtype=np.int64,
        count=n,
    )
    id_len = np.fromiter((len(v) if v else 0 for v in id_values), dtype=np.int16, count=n)
    id_digits = np.full((n, 18), 255, dtype=np.uint8)
    rows18 = np.nonzero(id_len == 18)[0]
    id_digits[rows18] = _digit_matrix([id_values[i] or "" for i in rows18.tolist()], 18, _ID_TABLE)
    birth_values = [f.birth for f in features]
    birth_code = births.codes_of(birth_values)
    birth_len = np.fromiter((len(b) if b else 0 for b in birth_values), dtype=np.int8, count=n)
    birth_digits = _digit_matrix(
        [b.replace("-", "") if b else "" for b in birth_values], 8, _DATE_TABLE
    )
    id_birth_digits = _digit_matrix(
        [f.id_birth.replace("-", "") if f.id_birth else "" for f in features], 8, _DATE_TABLE
    )
    sex = np.fromiter(
        (1 if f.sex == "M" else 2 if f.sex == "F" else 0 for f in features), dtype=np.int8, count=n
    )
    employer = employers.codes_of([f.employer for f in features])
    return FeatureTable(
        features=features,
        names=names,
        pinyins=pinyins,
        name=name,
        pinyin=pinyin,
        surname=surname,
        has_former=has_former,
        id_code=id_code,
        id_valid=id_valid,
        id15=id15,
        id18=id18,
        id_consistent=id_consistent,
        id_foreign=id_foreign,
        identity=identity,
        id_excel=id_excel,
        id_num=id_num,
        adult_role=np.array([f.adult_role for f in features], dtype=bool),
        minor=np.array([is_minor(f, since) for f in features], dtype=bool),
        since=since,
        id_len=id_len,
        id_digits=id_digits,
        birth_code=birth_code,
        birth_len=birth_len,
        birth_digits=birth_digits,
        id_birth_digits=id_birth_digits,
        sex=sex,
        phones=_slots([f.phones for f in features], phones),
        dwellings=_slots([f.dwellings for f in features], dwellings),
        employer=employer,
        context=np.array([f.context for f in features], dtype=bool),
        phone_values=phones,
        dwelling_values=dwellings,
        employer_values=employers,
    )


def with_dwellings(table: FeatureTable, dwellings: Sequence[tuple[str, ...]]) -> FeatureTable:
    """The same table with each mention's dwellings replaced (``dwellings[i]`` for mention i).

    Why: the person pass runs again once persons have improved the dwellings, and the
    dwellings are the only feature that changes; rebuilding every feature and column
    for that took a quarter of each pass.
    """
    features = [
        f if f.dwellings == d else replace(f, dwellings=d)
        for f, d in zip(table.features, dwellings, strict=True)
    ]
    values = Interner()
    return replace(
        table,
        features=features,
        dwellings=_slots(dwellings, values),
        dwelling_values=values,
    )
