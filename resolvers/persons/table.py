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

from collections.abc import Sequence
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

    def code(self, value: str | None) -> int:
        if not value:
            return -1
        found = self.codes.get(value)
        if found is None:
            found = len(self.values)
            self.codes[value] = found
            self.values.append(value)
        return found


def _slots(rows: Sequence[tuple[str, ...]], interner: Interner) -> I32:
    width = max((len(r) for r in rows), default=0) or 1
    out = np.full((len(rows), width), -1, dtype=np.int32)
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            out[i, j] = interner.code(v)
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
    """``since``: the birth date after which a person is a minor (default ``minor_since()``)."""
    n = len(features)
    since = since or minor_since()
    names, pinyins, surnames, ids, births = (Interner() for _ in range(5))
    phones, dwellings, employers = Interner(), Interner(), Interner()
    name = np.empty(n, dtype=np.int32)
    pinyin = np.empty(n, dtype=np.int32)
    surname = np.empty(n, dtype=np.int32)
    has_former = np.zeros(n, dtype=bool)
    id_code = np.empty(n, dtype=np.int32)
    id_valid = np.zeros(n, dtype=bool)
    id15 = np.zeros(n, dtype=bool)
    id18 = np.zeros(n, dtype=bool)
    id_consistent = np.ones(n, dtype=bool)
    id_foreign = np.zeros(n, dtype=bool)
    identity = np.zeros(n, dtype=bool)
    id_excel = np.zeros(n, dtype=bool)
    id_num = np.full(n, -1, dtype=np.int64)
    id_len = np.zeros(n, dtype=np.int16)
    id_digits = np.full((n, 18), 255, dtype=np.uint8)
    birth_code = np.empty(n, dtype=np.int32)
    birth_len = np.zeros(n, dtype=np.int8)
    birth_digits = np.zeros((n, 8), dtype=np.uint8)
    id_birth_digits = np.zeros((n, 8), dtype=np.uint8)
    sex = np.zeros(n, dtype=np.int8)
    employer = np.empty(n, dtype=np.int32)
    for i, f in enumerate(features):
        name[i] = names.code(f.name)
        pinyin[i] = pinyins.code(f.pinyin)
        # None and "" both mean "no surname" and compare equal, as in compare_name
        surname[i] = surnames.code(f.surname_pinyin or "\x00")
        has_former[i] = bool(f.former or f.former_pinyin)
        id_code[i] = ids.code(f.id_value)
        id_valid[i] = f.id_valid
        id15[i] = f.id_kind == "id15"
        id18[i] = f.id_kind == "id18"
        id_consistent[i] = f.id_consistent
        id_foreign[i] = f.id_foreign
        identity[i] = is_identity(f)
        if f.id_excel is not None:
            id_excel[i] = True
            id_num[i] = f.id_excel
        elif (num := id_number(f.id_value)) is not None:
            id_num[i] = num
        if f.id_value:
            id_len[i] = len(f.id_value)
            if len(f.id_value) == 18:
                digits = [_ID_DIGITS.get(c, 11) for c in f.id_value]
                id_digits[i] = digits
        birth_code[i] = births.code(f.birth)
        if f.birth:
            b = f.birth.replace("-", "")
            birth_len[i] = len(f.birth)
            birth_digits[i, : len(b)] = [ord(c) - 48 for c in b]
        if f.id_birth:
            id_birth_digits[i] = [ord(c) - 48 for c in f.id_birth.replace("-", "")]
        sex[i] = 1 if f.sex == "M" else 2 if f.sex == "F" else 0
        employer[i] = employers.code(f.employer)
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
