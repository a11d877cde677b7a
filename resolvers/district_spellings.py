"""District names miswritten with a homophone (燕塔区 for 雁塔区), mapped to the common form.

Why: clerks type districts by pinyin input, and a wrong character of the same sound
gives a district no register has. Rule 2 of the dwelling rules (``dwellings.py``) keeps
addresses in different districts apart, so 燕塔区电子二路15号院6-1-302 never met the
flat it names. Why learnt from the data and not a list of districts: kg knows Beijing's
districts only; in any district's registers the true spelling is the one written most.

A spelling is mapped when another district in the data sounds the same (toneless
pinyin of the whole name) and is written ``MIN_RATIO``× as often: two
real districts that sound alike are both common, and stay apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from pypinyin import lazy_pinyin

from resolvers.mentions import AddressMention

MIN_RATIO = 4
"""The common spelling is written at least this many times as often as the rare one."""


@lru_cache(maxsize=4096)
def _sound(name: str) -> str:
    return " ".join(lazy_pinyin(name))


def district_spellings(mentions: Sequence[AddressMention]) -> dict[str, str]:
    """Rare district spelling → the common one that sounds the same."""
    counts = Counter(m.address.district for m in mentions if m.address.district)
    by_sound: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        by_sound[_sound(name)].append(name)
    mapping: dict[str, str] = {}
    for group in by_sound.values():
        if len(group) < 2:
            continue
        common = max(group, key=lambda d: (counts[d], d))
        for name in group:
            if name != common and counts[common] >= MIN_RATIO * counts[name]:
                mapping[name] = common
    return mapping


def with_common_districts(
    mentions: Sequence[AddressMention], mapping: dict[str, str]
) -> Sequence[AddressMention]:
    """The mentions with each mapped district replaced (the others are the same objects)."""
    if not mapping:
        return mentions
    return [
        replace(m, address=replace(m.address, district=mapping[m.address.district]))
        if m.address.district in mapping
        else m
        for m in mentions
    ]
