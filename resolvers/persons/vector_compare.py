"""The person comparisons of ``compare.py``, computed for millions of pairs at once.

Each function returns, for index arrays ``a`` and ``b``, the same level the scalar
function gives for ``(features[a[k]], features[b[k]])``. Rare shapes that do not
vectorise cleanly (former names, IDs of unusual length or with letters other
than X) fall back to the scalar function for just those pairs, so the two can
never disagree. ``tests/resolvers/test_vector_compare.py`` checks them pair by
pair on a generated district.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import cpdist

from resolvers.fellegi_sunter import FSModel
from resolvers.persons.compare import (
    ADULT_ROLE_RULE,
    BIRTH_DIFFERENT,
    COMPARISONS,
    FOREIGN_MIN_YEARS,
    IDS_RULE,
    NAME_BIRTH_RULE,
    NAME_DIFFERENT,
    NAME_SEX_RULE,
    SEX_DIFFERENT,
    compare_id,
    compare_name,
)
from resolvers.persons.table import I64, U8, B, FeatureTable, Interner

_CHUNK = 1_000_000

#: The hard rules, in the order ``compare.hard_rule`` applies them; ``conflicts`` gives the index.
RULES: tuple[str | None, ...] = (
    None,
    IDS_RULE,
    NAME_BIRTH_RULE,
    NAME_SEX_RULE,
    ADULT_ROLE_RULE,
)
_DIGITS_OF_LEN = {10: 8, 7: 6, 4: 4}


def _id_levels(t: FeatureTable, a: I64, b: I64) -> U8:
    ca, cb = t.id_code[a], t.id_code[b]
    out = np.full(a.size, 8, dtype=np.uint8)
    present = (ca >= 0) & (cb >= 0)
    same = present & (ca == cb)
    both_valid = t.id_valid[a] & t.id_valid[b]
    legacy = t.id15[a] != t.id15[b]
    out[same & both_valid & legacy] = 1
    out[same & both_valid & ~legacy] = 0
    out[same & ~both_valid] = 2
    out[same & (t.id_foreign[a] | t.id_foreign[b])] = 7
    diff = present & ~same
    one_edit = np.zeros(a.size, dtype=bool)
    long_pairs = np.nonzero(diff & (t.id_len[a] == 18) & (t.id_len[b] == 18))[0]
    da, db = t.id_digits[a[long_pairs]], t.id_digits[b[long_pairs]]
    odd = (da == 11).any(axis=1) | (db == 11).any(axis=1)
    ne = da != db
    count = ne.sum(axis=1)
    swapped = (ne[:, :-1] & ne[:, 1:] & (da[:, :-1] == db[:, 1:]) & (da[:, 1:] == db[:, :-1])).any(
        axis=1
    )
    one_edit[long_pairs] = (count == 1) | ((count == 2) & swapped)
    fallback = np.concatenate(
        [
            long_pairs[odd],
            np.nonzero(diff & ~((t.id_len[a] == 18) & (t.id_len[b] == 18)))[0],
            np.nonzero(diff & (t.id_excel[a] | t.id_excel[b]))[0],  # few: Excel damage
        ]
    )
    rest = diff & ~one_edit
    out[diff & one_edit] = 3
    suspect = ~(t.id_consistent[a] & t.id_consistent[b])
    out[rest & suspect] = 5
    out[rest & ~suspect] = 6
    for k in fallback.tolist():  # last: the scalar definition decides these pairs
        out[k] = compare_id(t.features[int(a[k])], t.features[int(b[k])])
    return out


def _name_levels(t: FeatureTable, a: I64, b: I64) -> U8:
    na, nb = t.name[a], t.name[b]
    pa, pb = t.pinyin[a], t.pinyin[b]
    out = np.full(a.size, 5, dtype=np.uint8)
    present = (na >= 0) & (nb >= 0)
    exact = present & (na == nb)
    homophone = present & ~exact & (pa >= 0) & (pa == pb)
    out[exact] = 0
    out[homophone] = 1
    rest = present & ~exact & ~homophone
    former = rest & (t.has_former[a] | t.has_former[b])
    for k in np.nonzero(former)[0].tolist():
        out[k] = compare_name(t.features[int(a[k])], t.features[int(b[k])])
    fuzzy = np.nonzero(rest & ~former & (pa >= 0) & (pb >= 0) & (t.surname[a] == t.surname[b]))[0]
    out[rest & ~former] = 4
    if fuzzy.size:
        values = t.pinyins.values
        left = [values[i] for i in pa[fuzzy].tolist()]
        right = [values[i] for i in pb[fuzzy].tolist()]
        sim = cpdist(left, right, scorer=JaroWinkler.similarity, dtype=np.float64)
        out[fuzzy[sim >= 0.9]] = 3
    return out


def _birth_levels(t: FeatureTable, a: I64, b: I64) -> U8:
    ca, cb = t.birth_code[a], t.birth_code[b]
    la, lb = t.birth_len[a], t.birth_len[b]
    da, db = t.birth_digits[a], t.birth_digits[b]
    out = np.full(a.size, 4, dtype=np.uint8)
    present = (ca >= 0) & (cb >= 0)
    same = present & (ca == cb)
    out[same & (la == 10)] = 0
    out[same & (la != 10)] = 1
    shorter = np.minimum(la, lb)
    ndig = np.select([shorter == 10, shorter == 7, shorter == 4], [8, 6, 4], default=8)
    within = np.arange(8)[None, :] < ndig[:, None]
    digit_diffs = ((da != db) & within).sum(axis=1)
    both_day = (la == 10) & (lb == 10)
    year_eq = (da[:, :4] == db[:, :4]).all(axis=1)
    swapped_md = (
        both_day
        & year_eq
        & (da[:, 4:6] == db[:, 6:8]).all(axis=1)
        & (da[:, 6:8] == db[:, 4:6]).all(axis=1)
    )
    ym_eq = year_eq & (da[:, 4:6] == db[:, 4:6]).all(axis=1)
    day_a = da[:, 6].astype(np.int16) * 10 + da[:, 7]
    day_b = db[:, 6].astype(np.int16) * 10 + db[:, 7]
    next_day = both_day & ym_eq & (np.abs(day_a - day_b) == 1)
    near = swapped_md | next_day | (digit_diffs == 1)
    same_len = present & ~same & (la == lb)
    out[same_len & near] = 2
    out[same_len & ~near] = 3
    diff_len = present & (la != lb)
    prefix = digit_diffs == 0
    out[diff_len & prefix] = 1
    out[diff_len & ~prefix & (digit_diffs == 1)] = 2
    out[diff_len & ~prefix & (digit_diffs != 1)] = 3
    return out


def _sex_levels(t: FeatureTable, a: I64, b: I64) -> U8:
    sa, sb = t.sex[a], t.sex[b]
    out = np.where(sa == sb, 0, 1).astype(np.uint8)
    out[(sa == 0) | (sb == 0)] = 2
    return out


def _shared(slots: npt.NDArray[np.int32], a: I64, b: I64) -> tuple[U8, B, npt.NDArray[np.int32]]:
    """Level, and for the TF adjustment the matrix of shared codes (−1 where none)."""
    sa, sb = slots[a], slots[b]
    match = (sa[:, :, None] == sb[:, None, :]) & (sa[:, :, None] >= 0)
    shared = match.any(axis=(1, 2))
    missing = (sa < 0).all(axis=1) | (sb < 0).all(axis=1)
    out = np.where(shared, 0, 1).astype(np.uint8)
    out[missing] = 2
    codes = np.where(match.any(axis=2), sa, -1)
    return out, shared, codes


def _employer_levels(t: FeatureTable, a: I64, b: I64) -> U8:
    ea, eb = t.employer[a], t.employer[b]
    out = np.where(ea == eb, 0, 1).astype(np.uint8)
    out[(ea < 0) | (eb < 0)] = 2
    return _with_context(t, a, b, out)


def _with_context(t: FeatureTable, a: I64, b: I64, level: U8) -> U8:
    """shared/different/missing → CONTEXT_LEVELS, as ``compare._with_context``."""
    context = t.context[a] | t.context[b]
    out = np.where(level == 2, 3, level).astype(np.uint8)
    out[(level == 1) & ~context] = 2
    return out


def _adjustment_table(model: FSModel, name: str, interner: Interner) -> npt.NDArray[np.float64]:
    table = model.tf.get(name)
    if table is None:
        return np.zeros(len(interner.values) + 1)
    return np.array([table.adjustment(v) for v in interner.values] + [0.0])


class VectorComparer:
    """Comparison vectors and term-frequency adjustments for index pairs."""

    def __init__(self, table: FeatureTable) -> None:
        self.t = table
        self._adjust: dict[str, npt.NDArray[np.float64]] = {}

    def levels(self, a: I64, b: I64) -> U8:
        out = np.empty((a.size, len(COMPARISONS)), dtype=np.uint8)
        for start in range(0, a.size, _CHUNK):
            sa, sb = a[start : start + _CHUNK], b[start : start + _CHUNK]
            t = self.t
            out[start : start + sa.size, 0] = _id_levels(t, sa, sb)
            out[start : start + sa.size, 1] = _name_levels(t, sa, sb)
            out[start : start + sa.size, 2] = _birth_levels(t, sa, sb)
            out[start : start + sa.size, 3] = _sex_levels(t, sa, sb)
            out[start : start + sa.size, 4] = _shared(t.phones, sa, sb)[0]
            out[start : start + sa.size, 5] = _with_context(
                t, sa, sb, _shared(t.dwellings, sa, sb)[0]
            )
            out[start : start + sa.size, 6] = _employer_levels(t, sa, sb)
        return out

    def conflicts(self, a: I64, b: I64, levels: U8) -> U8:
        """Which hard rule keeps each pair apart: an index into ``RULES`` (0: none), the
        first rule that applies; ``compare.hard_rule`` is the scalar definition (as of the
        table's ``since``). ``levels`` are the pairs' comparison vectors (``levels(a, b)``)."""
        t = self.t
        ids: B = t.identity[a] & t.identity[b] & (t.id_code[a] != t.id_code[b])
        # an identity written in 15 digits (no check character) may be one typo off
        unchecked = ~t.id18[a] | ~t.id18[b]
        near = np.nonzero(ids & unchecked)[0]
        if near.size:
            da, db = t.id_digits[a[near], :17], t.id_digits[b[near], :17]
            ne = da != db
            count = ne.sum(axis=1)
            swapped = (
                ne[:, :-1] & ne[:, 1:] & (da[:, :-1] == db[:, 1:]) & (da[:, 1:] == db[:, :-1])
            ).any(axis=1)
            both = ~t.id18[a[near]] & ~t.id18[b[near]]
            typo = (count <= 1) | ((count == 2) & (swapped | both))
            ids[near[typo]] = False
        d = t.birth_digits.astype(np.int16)
        year = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
        name_birth: B = (
            (levels[:, 1] == NAME_DIFFERENT)
            & (levels[:, 2] == BIRTH_DIFFERENT)
            & (np.abs(year[a] - year[b]) >= FOREIGN_MIN_YEARS)
        )
        name_sex: B = (levels[:, 1] == NAME_DIFFERENT) & (levels[:, 3] == SEX_DIFFERENT)
        adult: B = (t.adult_role[a] & t.minor[b]) | (t.adult_role[b] & t.minor[a])
        rule = np.zeros(a.size, dtype=np.uint8)
        for code, hit in ((4, adult), (3, name_sex), (2, name_birth), (1, ids)):
            rule[hit] = code  # last written wins: the first rule in RULES order
        return rule

    def tf_adjustments(self, model: FSModel, a: I64, b: I64, levels: U8) -> npt.NDArray[np.float64]:
        """Sum over TF comparisons at their agreement level of the rarest shared value's
        adjustment (``compare.tf_adjustment`` is the scalar definition)."""
        t = self.t
        if not self._adjust:
            self._adjust = {
                "name": _adjustment_table(model, "name", t.names),
                "phone": _adjustment_table(model, "phone", t.phone_values),
                "dwelling": _adjustment_table(model, "dwelling", t.dwelling_values),
                "employer": _adjustment_table(model, "employer", t.employer_values),
            }
        total = np.zeros(a.size)
        for start in range(0, a.size, _CHUNK):
            sa, sb = a[start : start + _CHUNK], b[start : start + _CHUNK]
            lv = levels[start : start + sa.size]
            part = np.zeros(sa.size)
            name_adj = self._adjust["name"][t.name[sa]]
            part += np.where(lv[:, 1] == 0, name_adj, 0.0)
            for col, slots, key in ((4, t.phones, "phone"), (5, t.dwellings, "dwelling")):
                _, shared, codes = _shared(slots, sa, sb)
                adj = np.where(codes >= 0, self._adjust[key][codes], -np.inf).max(axis=1)
                part += np.where(shared & (lv[:, col] == 0), adj, 0.0)
            emp_adj = self._adjust["employer"][t.employer[sa]]
            part += np.where(lv[:, 6] == 0, emp_adj, 0.0)
            total[start : start + sa.size] = part
        return total
