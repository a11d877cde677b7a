"""Blocking: which person mentions are worth comparing at all.

Why several keys: any single key misses true pairs. An ID typo breaks the ID key,
a homophone breaks the name key, a birth date given only as year-month breaks
the date key. A pair is a candidate when it shares *any* key, so each key only
has to catch what the others miss. Each key family maps a mention to integer
keys (cf. dedupe's predicate functions); ``candidate_pairs`` unions their blocks.

Key families:

- ``id``: the ID value as written (valid or not);
- ``id~0..4``: the ID with one of five segments (region, year, month-day, the first
  two sequence digits, the last sequence digit + check) left out, so that two IDs one
  substitution apart always share a key, and an adjacent swap inside a segment too;
  ``id~s6/10/14/16``: the ID with the two digits at a segment boundary put in order,
  for a swap across the boundary. Why the sequence is split: left out whole, its key is
  region + birth date, a block that grows with the district (everyone born that day),
  so its pairs grew with the square of the population;
- ``xl``: the first 15 digits, for IDs Excel stored as numbers (``6.10113195409307E+17``:
  15 digits kept, the last rounded up or down): each meets the IDs whose first 15 digits
  are what it shows or one unit either side (only pairs with such a side are formed);
- ``py+y``: full-name pinyin (also of former names) + birth year (stated and
  ID-encoded): homophones and traditional forms meet here;
- ``sn+d``: surname pinyin + birth date (and its year-month): catches a wholly
  different given name only when the birth date agrees;
- ``ph``: a mobile or landline number (family phones make blocks of a few);
- ``py+dw``: name pinyin + a dwelling: the spouse, owner or tenant named only by
  name meets the resident of the same flat;
- ``dw+d``: a dwelling + birth date (stated or ID-encoded): a record whose name is
  blank meets one whose ID is blank when they live at the same flat and were born
  the same day;
- ``dw``: a dwelling, for *weak* references only (no name, or neither ID nor birth
  date — a spouse or owner named by name only): each is compared with everyone
  recorded at the same flat (blocks of ordinary references are not formed);
- ``py``: the name pinyin alone, in small blocks only (rare names): an owner or a
  legal representative named by name alone at another address is at least
  compared, and lands in the review band when the evidence is not enough.

Two identities that differ (valid 18-digit IDs, each agreeing with its row's sex and
birth date) can never be one person (hard rule 1 of ``compare.hard_rule``), so such a
pair is dropped as soon as a key forms it and is never scored. Why: in a large
district most pairs formed by the name and date keys are namesakes born the same year
or day who both carry their own ID, and they would be compared only to be refused;
they are the part of the comparisons that grows with the square of the district.
They are still evidence for EM about what a non-match looks like among candidates
(without them EM's fit moved enough to cost 2 points of recall on a small district),
so a fixed-seed sample of them (all of them up to ``APART_SAMPLE``) goes to EM, each
sampled pair standing for ``apart_weight`` dropped ones. (``kg explain`` still scores
any two records on demand.)

Oversized blocks (a placeholder ID such as all zeros, a phone shared by a whole
office, a very common name) are skipped and counted, never silently truncated.
Everything runs on the integer codes of ``FeatureTable``; per family the keys are
sorted once and pairs are read off neighbouring runs, so the cost is linear in the
number of keys plus the number of pairs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from resolvers.persons.table import I64, FeatureTable

logger = logging.getLogger(__name__)

MAX_BLOCK = {
    "id": 200,
    "id~": 60,
    "xl": 60,
    "py+y": 300,
    "sn+d": 200,
    "ph": 30,
    "py+dw": 60,
    "dw+d": 30,
    "dw": 40,
    "py": 40,
}

APART_SAMPLE = 500_000
"""At most this many dropped identity pairs are kept for EM (a fixed-seed sample)."""

_SEGMENTS = ((0, 6), (6, 10), (10, 14), (14, 16), (16, 18))
_POW11 = (11 ** np.arange(17, -1, -1, dtype=np.int64)).astype(np.int64)


@dataclass
class BlockingStats:
    keys: int = 0
    blocks: int = 0
    oversized: dict[str, int] = field(default_factory=dict)
    candidate_pairs: int = 0
    pairs_by_key: dict[str, int] = field(default_factory=dict)
    identities_apart: int = 0
    """Distinct pairs formed by a key but dropped as two different identities."""


@dataclass
class Blocking:
    """The pairs to score, and a weighted sample of the pairs dropped as two identities."""

    left: I64
    right: I64
    apart_left: I64
    apart_right: I64
    apart_weight: float
    """How many dropped pairs each sampled one stands for (1.0 when all are kept)."""
    stats: BlockingStats


Keys = tuple[str, npt.NDArray[np.int64], npt.NDArray[np.int64]]
"""(family, key values, mention indices)."""


def _id_keys(t: FeatureTable) -> Iterator[Keys]:
    present = np.nonzero(t.id_code >= 0)[0]
    yield "id", t.id_code[present].astype(np.int64), present
    rows = np.nonzero((t.id_len == 18) & ~(t.id_digits == 11).any(axis=1) & (t.id_code >= 0))[0]
    digits = t.id_digits[rows].astype(np.int64)
    for n, (start, end) in enumerate(_SEGMENTS):
        masked = digits.copy()
        masked[:, start:end] = 0
        yield f"id~{n}", masked @ _POW11, rows
    for boundary in (6, 10, 14, 16):
        swapped = digits.copy()
        lo = np.minimum(digits[:, boundary - 1], digits[:, boundary])
        hi = np.maximum(digits[:, boundary - 1], digits[:, boundary])
        swapped[:, boundary - 1], swapped[:, boundary] = lo, hi
        yield f"id~s{boundary}", swapped @ _POW11, rows


_POW10_15 = (10 ** np.arange(14, -1, -1, dtype=np.int64)).astype(np.int64)


def _excel_keys(t: FeatureTable) -> Iterator[Keys]:
    """First 15 digits of every 18-character ID, and the three values an Excel-damaged ID's
    first 15 digits may have had: its 15th digit was rounded, up or down by one unit."""
    rows = np.nonzero((t.id_len == 18) & ~(t.id_digits == 11).any(axis=1) & ~t.id_excel)[0]
    yield "xl", t.id_digits[rows, :15].astype(np.int64) @ _POW10_15, rows
    excel = np.nonzero(t.id_excel)[0]
    fifteen = t.id_num[excel] // 1000
    yield "xl", np.concatenate([fifteen - 1, fifteen, fifteen + 1]), np.tile(excel, 3)


def _year(digits: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    d = digits.astype(np.int64)
    return d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]


def _date_int(digits: npt.NDArray[np.uint8], ndigits: int) -> npt.NDArray[np.int64]:
    value = np.zeros(digits.shape[0], dtype=np.int64)
    for k in range(ndigits):
        value = value * 10 + digits[:, k]
    return value


def _pinyin_codes(t: FeatureTable) -> tuple[I64, I64]:
    """(mention index, pinyin code) for every name and former name of each mention."""
    rows = np.nonzero(t.pinyin >= 0)[0]
    idx, codes = [rows], [t.pinyin[rows].astype(np.int64)]
    extra_i: list[int] = []
    extra_c: list[int] = []
    for i in np.nonzero(t.has_former)[0].tolist():
        for p in t.features[i].former_pinyin:
            code = t.pinyins.codes.get(p)
            if code is not None:
                extra_i.append(i)
                extra_c.append(code)
    idx.append(np.asarray(extra_i, dtype=np.int64))
    codes.append(np.asarray(extra_c, dtype=np.int64))
    return np.concatenate(idx), np.concatenate(codes)


def _name_keys(t: FeatureTable) -> Iterator[Keys]:
    p_idx, p_code = _pinyin_codes(t)
    years = []
    for digits, has in (
        (t.birth_digits, t.birth_code >= 0),
        (t.id_birth_digits, t.id_birth_digits[:, 0] > 0),
    ):
        y = np.where(has, _year(digits), -1)
        years.append(y[p_idx])
    for y in years:
        ok = y >= 0
        yield "py+y", p_code[ok] * 10_000 + y[ok], p_idx[ok]
    width = t.dwellings.shape[1]
    for j in range(width):
        dw = t.dwellings[p_idx, j].astype(np.int64)
        ok = dw >= 0
        yield "py+dw", p_code[ok] * (1 << 32) + dw[ok], p_idx[ok]
    main = np.nonzero(t.pinyin >= 0)[0]
    yield "py", t.pinyin[main].astype(np.int64), main


def _surname_date_keys(t: FeatureTable) -> Iterator[Keys]:
    # Mentions without a surname (minority names) get no key here.
    rows_all = np.arange(t.n, dtype=np.int64)
    has_surname = np.array([bool(f.surname_pinyin) for f in t.features], dtype=bool)
    sn = t.surname.astype(np.int64)
    for digits, has, length in (
        (t.birth_digits, t.birth_code >= 0, t.birth_len),
        (t.id_birth_digits, t.id_birth_digits[:, 0] > 0, np.full(t.n, 10, dtype=np.int8)),
    ):
        for precision, ndig in ((10, 8), (7, 6), (4, 4)):
            rows = rows_all[has & has_surname & (length == precision)]
            value = _date_int(digits[rows], ndig)
            yield "sn+d", sn[rows] * 1_000_000_000 + value, rows
            if precision == 10:  # a year-month-only date on the other side meets this one
                ym = _date_int(digits[rows], 6)
                yield "sn+ym", sn[rows] * 1_000_000_000 + ym, rows


def _dwelling_date_keys(t: FeatureTable) -> Iterator[Keys]:
    sources = (
        (t.birth_digits, (t.birth_code >= 0) & (t.birth_len == 10)),
        (t.id_birth_digits, t.id_birth_digits[:, 0] > 0),
    )
    for digits, has in sources:
        date = _date_int(digits, 8)
        for j in range(t.dwellings.shape[1]):
            rows = np.nonzero(has & (t.dwellings[:, j] >= 0))[0]
            yield "dw+d", t.dwellings[rows, j].astype(np.int64) * 100_000_000 + date[rows], rows


def weak_mentions(t: FeatureTable) -> npt.NDArray[np.bool_]:
    """References that say too little to meet anyone through the other keys."""
    weak: npt.NDArray[np.bool_] = (t.name < 0) | ((t.id_code < 0) & (t.birth_code < 0))
    return weak


def _weak_dwelling_keys(t: FeatureTable) -> Iterator[Keys]:
    weak = weak_mentions(t)
    weak_dwellings = np.unique(t.dwellings[weak])
    weak_dwellings = weak_dwellings[weak_dwellings >= 0]
    for j in range(t.dwellings.shape[1]):
        column = t.dwellings[:, j]
        rows = np.nonzero((column >= 0) & np.isin(column, weak_dwellings))[0]
        yield "dw", column[rows].astype(np.int64), rows


def _phone_keys(t: FeatureTable) -> Iterator[Keys]:
    for j in range(t.phones.shape[1]):
        rows = np.nonzero(t.phones[:, j] >= 0)[0]
        yield "ph", t.phones[rows, j].astype(np.int64), rows


def _pairs_in_runs(keys: I64, idx: I64, cap: int) -> tuple[I64, I64, int, int]:
    """Pairs of indices sharing a key, from runs of equal keys no longer than ``cap``."""
    order = np.lexsort((idx, keys))
    k, m = keys[order], idx[order]
    if k.size:
        keep = np.ones(k.size, dtype=bool)
        keep[1:] = (k[1:] != k[:-1]) | (m[1:] != m[:-1])
        k, m = k[keep], m[keep]
    if k.size < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, 0, 0
    starts = np.concatenate([[0], np.nonzero(k[1:] != k[:-1])[0] + 1])
    sizes = np.diff(np.concatenate([starts, [k.size]]))
    run_size = np.repeat(sizes, sizes)
    oversized = int((sizes > cap).sum())
    blocks = int(((sizes >= 2) & (sizes <= cap)).sum())
    usable = (run_size >= 2) & (run_size <= cap)
    k, m = k[usable], m[usable]
    lefts: list[I64] = []
    rights: list[I64] = []
    active = np.arange(k.size - 1, dtype=np.int64)
    d = 1
    while active.size:
        active = active[active + d < k.size]
        active = active[k[active] == k[active + d]]
        if not active.size:
            break
        lefts.append(m[active])
        rights.append(m[active + d])
        d += 1
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, blocks, oversized
    return np.concatenate(lefts), np.concatenate(rights), blocks, oversized


def _month_pairs(
    t: FeatureTable,
    full: list[tuple[I64, I64]],
    keys: I64,
    idx: I64,
    left: I64,
    right: I64,
) -> tuple[I64, I64]:
    """Add to the "sn+d" pairs each year-month-only mention paired with every full-date
    mention of its surname and month, at most ``MAX_BLOCK["sn+d"]`` of them per key."""
    month_only = t.birth_len == 7
    sel = month_only[idx]
    m_keys, m_idx = keys[sel], idx[sel]
    if not full or not m_keys.size:
        return left, right
    f_keys = np.concatenate([p[0] for p in full])
    f_idx = np.concatenate([p[1] for p in full])
    order = np.argsort(f_keys, kind="stable")
    f_keys, f_idx = f_keys[order], f_idx[order]
    lo = np.searchsorted(f_keys, m_keys, side="left")
    hi = np.searchsorted(f_keys, m_keys, side="right")
    size = hi - lo
    usable = (size > 0) & (size <= MAX_BLOCK["sn+d"])
    m_idx, lo, size = m_idx[usable], lo[usable], size[usable]
    a = np.repeat(m_idx, size)
    starts = np.repeat(lo - np.cumsum(size) + size, size)
    b = f_idx[np.arange(a.size) + starts]
    keep = a != b
    a, b = a[keep], b[keep]
    return (
        np.concatenate([left, np.minimum(a, b)]),
        np.concatenate([right, np.maximum(a, b)]),
    )


def _distinct(codes: I64) -> I64:
    """Sorted distinct values. Why not ``np.unique``: numpy 2's hash-based unique is
    about ten times slower than a sort and a mask on millions of int64 pair codes."""
    codes = np.sort(codes)
    if codes.size < 2:
        return codes
    keep = np.empty(codes.size, dtype=bool)
    keep[0] = True
    np.not_equal(codes[1:], codes[:-1], out=keep[1:])
    return codes[keep]


def _identities_apart(t: FeatureTable, left: I64, right: I64) -> npt.NDArray[np.bool_]:
    """Pairs of two different checked identities: hard rule 1 keeps them apart whatever
    else agrees (15-digit IDs are left in: the rule forgives them a typo)."""
    checked: npt.NDArray[np.bool_] = t.identity & t.id18
    apart: npt.NDArray[np.bool_] = (
        checked[left] & checked[right] & (t.id_code[left] != t.id_code[right])
    )
    return apart


def candidate_pairs(t: FeatureTable) -> tuple[I64, I64, BlockingStats]:
    """All index pairs (i < j) sharing at least one blocking key, deduplicated and sorted,
    except pairs of two different identities (see ``block``)."""
    b = block(t)
    return b.left, b.right, b.stats


def block(t: FeatureTable, apart_sample: int = APART_SAMPLE) -> Blocking:
    """Candidate pairs (as ``candidate_pairs``) and a sample of the identity pairs dropped."""
    stats = BlockingStats()
    apart_chunks: list[I64] = []
    n = max(t.n, 1)
    chunks: list[I64] = []
    families = (
        _id_keys,
        _excel_keys,
        _name_keys,
        _surname_date_keys,
        _dwelling_date_keys,
        _weak_dwelling_keys,
        _phone_keys,
    )
    weak = weak_mentions(t)
    grouped: dict[str, list[tuple[I64, I64]]] = {}
    for fn in families:
        for family, keys, idx in fn(t):
            grouped.setdefault(family, []).append((keys, idx.astype(np.int64)))
    for family, parts in grouped.items():
        if family == "sn+ym":
            continue  # joined to the year-month-only "sn+d" keys, below
        keys = np.concatenate([p[0] for p in parts])
        idx = np.concatenate([p[1] for p in parts])
        stats.keys += int(keys.size)
        base = "id~" if family.startswith("id~") else family
        left, right, blocks, oversized = _pairs_in_runs(keys, idx, MAX_BLOCK[base])
        if family == "dw":  # only pairs with a weak side: the others meet through other keys
            keep = weak[left] | weak[right]
            left, right = left[keep], right[keep]
        elif family == "xl":  # only pairs with an Excel-damaged side
            keep = t.id_excel[left] | t.id_excel[right]
            left, right = left[keep], right[keep]
        elif family == "sn+d":
            # The year-month keys of full dates (``sn+ym``) share key values with the
            # year-month-only dates; of those pairs, only the ones with a year-month-only
            # side are new (two full dates meet on their own day key). Without this the
            # pairs of a (surname, month) block grow with the square of the district.
            left, right = _month_pairs(t, grouped.get("sn+ym", []), keys, idx, left, right)
        apart = _identities_apart(t, left, right)
        if apart.any():
            apart_chunks.append(left[apart] * n + right[apart])
            left, right = left[~apart], right[~apart]
        stats.blocks += blocks
        if oversized:
            stats.oversized[base] = stats.oversized.get(base, 0) + oversized
        stats.pairs_by_key[base] = stats.pairs_by_key.get(base, 0) + int(left.size)
        chunks.append(left * n + right)
    codes = _distinct(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.int64)
    stats.candidate_pairs = int(codes.size)
    dropped = _distinct(np.concatenate(apart_chunks)) if apart_chunks else codes[:0]
    stats.identities_apart = int(dropped.size)
    weight = 1.0
    if dropped.size > apart_sample:
        rng = np.random.default_rng(20261203)
        dropped = np.sort(rng.choice(dropped, size=apart_sample, replace=False))
        weight = stats.identities_apart / apart_sample
    if stats.oversized:
        logger.info("blocking skipped oversized blocks: %s", stats.oversized)
    return Blocking(codes // n, codes % n, dropped // n, dropped % n, weight, stats)
