"""China's prefecture- and county-level division names (GB/T 2260), read once.

Why one module: the address parser and the organisation parser both need to know
where an administrative prefix ends (洪山区…, 浦东新区人民医院), for any city in
China, and they must agree on the names. The names come from ``data/divisions.txt``
(taken from the resources of cpca 0.5.5, MIT: names only, so no dependency on cpca
and its pandas). Lines are ``P<TAB>name`` for a prefecture and ``C<TAB>name`` for a
county-level division, in their full official form (武汉市, 洪山区, 昆山市).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

_DIVISIONS_FILE: Final = Path(__file__).with_name("data") / "divisions.txt"

#: County-level names that are also ordinary words (花园东区, 矿区宿舍, 浦东新区's 新区):
#: never taken on their own at the start of a text.
AMBIGUOUS_COUNTIES: Final = frozenset({"城区", "郊区", "矿区", "东区", "西区", "新区"})
# Prefecture suffixes a clerk may leave out (武汉市 → 武汉); autonomous prefectures
# (…自治州) are never written bare.
_PREFECTURE_SUFFIXES: Final = ("市", "地区", "盟")


class Divisions:
    """The official names, plus the bare prefecture forms clerks write.

    ``official_prefectures`` and ``counties`` are the names as the standard writes
    them; ``prefectures`` adds each prefecture without its suffix (武汉 for 武汉市).
    """

    __slots__ = ("official_prefectures", "prefectures", "counties", "longest")

    def __init__(self, official_prefectures: frozenset[str], counties: frozenset[str]) -> None:
        bare = {
            name[: -len(suffix)]
            for name in official_prefectures
            for suffix in _PREFECTURE_SUFFIXES
            if name.endswith(suffix) and len(name) - len(suffix) >= 2
        }
        self.official_prefectures = official_prefectures
        self.prefectures = official_prefectures | frozenset(bare)
        self.counties = counties
        self.longest = max(len(n) for n in self.prefectures | counties)

    def prefix_in(
        self, s: str, names: frozenset[str], shortest: int = 2, leave: int = 0
    ) -> str | None:
        """The longest name of ``names`` that ``s`` starts with, ``leave`` characters left."""
        for n in range(min(self.longest, len(s) - leave), shortest - 1, -1):
            if s[:n] in names:
                return s[:n]
        return None


@cache
def divisions() -> Divisions:
    """The division names, read from ``data/divisions.txt`` once per process."""
    prefectures: set[str] = set()
    counties: set[str] = set()
    with _DIVISIONS_FILE.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            level, name = line.rstrip("\n").split("\t")
            (prefectures if level == "P" else counties).add(name)
    return Divisions(frozenset(prefectures), frozenset(counties))
