"""Blocking: which person mentions are worth comparing at all.

Why several keys: any single key misses true pairs. An ID typo breaks the ID key,
a homophone breaks the name key, a birth date given only as year-month breaks
the date key. A pair is a candidate when it shares *any* key, so each key only
has to catch what the others miss. Each key function maps features to a set of
strings (cf. dedupe's predicate functions); ``candidate_pairs`` unions their blocks.

Keys:

- ``id``: the ID value as written (valid or not);
- ``id~``: the ID with one of four segments left out (region, year, month-day,
  sequence+check), so that two IDs one substitution apart always share a key, and
  an adjacent swap inside a segment too; ``id~s``: the ID with the two digits at a
  segment boundary put in order, for a swap across the boundary;
- ``py+y``: full-name pinyin (also of former names) + birth year (stated and
  ID-encoded): homophones and traditional forms meet here;
- ``sn+d``: surname pinyin + birth date (or year-month): catches a wholly
  different given name only when the birth date agrees;
- ``ph``: a mobile or landline number (family phones make blocks of a few);
- ``py+dw``: name pinyin + a dwelling: the spouse, owner or tenant named only by
  name meets the resident of the same flat;
- ``py``: the name pinyin alone, in small blocks only (rare names): an owner or a
  legal representative named by name alone at another address is at least
  compared, and lands in the review band when the evidence is not enough.

Oversized blocks (a placeholder ID such as all zeros, a phone shared by a whole
office) are skipped and counted, not silently truncated.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from resolvers.persons.compare import PersonFeatures

logger = logging.getLogger(__name__)

MAX_BLOCK = {
    "id": 200,
    "id~": 60,
    "py+y": 300,
    "sn+d": 200,
    "ph": 30,
    "py+dw": 60,
    "py": 12,
}

_SEGMENTS = ((0, 6), (6, 10), (10, 14), (14, 18))


def id_keys(f: PersonFeatures) -> Iterator[str]:
    if not f.id_value:
        return
    yield "id:" + f.id_value
    v = f.id_value
    if len(v) == 18:
        for n, (start, end) in enumerate(_SEGMENTS):
            yield f"id~{n}:{v[:start]}{v[end:]}"
        for boundary in (6, 10, 14):
            pair = "".join(sorted(v[boundary - 1 : boundary + 1]))
            yield f"id~s{boundary}:{v[: boundary - 1]}{pair}{v[boundary + 1 :]}"


def name_year_keys(f: PersonFeatures) -> Iterator[str]:
    names = {p for p in (f.pinyin, *f.former_pinyin) if p}
    years = {d[:4] for d in (f.birth, f.id_birth) if d}
    for p in names:
        for y in years:
            yield f"py+y:{p}:{y}"


def surname_date_keys(f: PersonFeatures) -> Iterator[str]:
    if not f.surname_pinyin:
        return
    dates = {d for d in (f.birth, f.id_birth) if d}
    for d in dates:
        yield f"sn+d:{f.surname_pinyin}:{d}"
        if len(d) == 10:
            # a year-month-only birth date on the other side meets this one here
            yield f"sn+d:{f.surname_pinyin}:{d[:7]}"


def phone_keys(f: PersonFeatures) -> Iterator[str]:
    for p in f.phones:
        yield "ph:" + p


def name_dwelling_keys(f: PersonFeatures) -> Iterator[str]:
    names = {p for p in (f.pinyin, *f.former_pinyin) if p}
    for p in names:
        for d in f.dwellings:
            yield f"py+dw:{p}:{d}"


def name_keys(f: PersonFeatures) -> Iterator[str]:
    if f.pinyin:
        yield "py:" + f.pinyin


KEY_FUNCTIONS = (
    id_keys,
    name_year_keys,
    surname_date_keys,
    phone_keys,
    name_dwelling_keys,
    name_keys,
)


@dataclass
class BlockingStats:
    keys: int = 0
    blocks: int = 0
    oversized: dict[str, int] = field(default_factory=dict)
    candidate_pairs: int = 0
    pairs_by_key: dict[str, int] = field(default_factory=dict)


def candidate_pairs(
    features: Sequence[PersonFeatures],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], BlockingStats]:
    """All index pairs (i < j) sharing at least one blocking key, deduplicated and sorted."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        seen: set[str] = set()
        for fn in KEY_FUNCTIONS:
            for key in fn(f):
                if key not in seen:
                    seen.add(key)
                    blocks[key].append(i)
    stats = BlockingStats(keys=len(blocks))
    n = len(features)
    chunks: list[npt.NDArray[np.int64]] = []
    for key, members in blocks.items():
        size = len(members)
        if size < 2:
            continue
        family = key.split(":", 1)[0]
        family = "id~" if family.startswith("id~") else family
        if size > MAX_BLOCK[family]:
            stats.oversized[family] = stats.oversized.get(family, 0) + 1
            continue
        stats.blocks += 1
        arr = np.asarray(members, dtype=np.int64)
        ii, jj = np.triu_indices(size, k=1)
        codes = arr[ii] * n + arr[jj]
        stats.pairs_by_key[family] = stats.pairs_by_key.get(family, 0) + int(codes.size)
        chunks.append(codes)
    if not chunks:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, stats
    codes = np.unique(np.concatenate(chunks))
    stats.candidate_pairs = int(codes.size)
    if stats.oversized:
        logger.info("blocking skipped oversized blocks: %s", stats.oversized)
    return codes // n, codes % n, stats
