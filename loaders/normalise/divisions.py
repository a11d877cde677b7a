"""China's prefecture- and county-level division names (GB/T 2260), read once.

Why one module: the address parser and the organisation parser both need to know
where an administrative prefix ends (洪山区…, 浦东新区人民医院), for any city in
China, and they must agree on the names. The names come from ``data/divisions.txt``
(taken from the resources of cpca 0.5.5, MIT: names only, so no dependency on cpca
and its pandas). Lines are ``P<TAB>name`` for a prefecture and ``C<TAB>name`` for a
county-level division, in their full official form (武汉市, 洪山区, 昆山市).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Final

from loaders.normalise.text import to_simplified

_DIVISIONS_FILE: Final = Path(__file__).with_name("data") / "divisions.txt"

#: County-level names that are also ordinary words (花园东区, 矿区宿舍, 浦东新区's 新区):
#: never taken on their own at the start of a text.
AMBIGUOUS_COUNTIES: Final = frozenset({"城区", "郊区", "矿区", "东区", "西区", "新区"})
# Prefecture suffixes a clerk may leave out (武汉市 → 武汉); autonomous prefectures
# (…自治州) are never written bare, but short (凉山州 for 凉山彝族自治州).
_PREFECTURE_SUFFIXES: Final = ("市", "地区", "盟")
_ETHNIC: Final = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜"
    "|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克"
    "|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_AUTONOMOUS_TAIL_RE: Final = re.compile(f"(?:(?:{_ETHNIC})族?)+自治州")


def short_autonomous(name: str) -> str | None:
    """``凉山彝族自治州`` → ``凉山州``: the place name and 州, as clerks and people say it."""
    for i in range(2, len(name)):
        if _AUTONOMOUS_TAIL_RE.fullmatch(name, i):
            return name[:i] + "州"
    return None


class Divisions:
    """The official names, plus the bare prefecture forms clerks write.

    ``official_prefectures`` and ``counties`` are the names as the standard writes
    them; ``prefectures`` adds each prefecture without its suffix (武汉 for 武汉市).
    """

    __slots__ = ("official_prefectures", "prefectures", "counties", "longest", "official_of")

    def __init__(self, official_prefectures: frozenset[str], counties: frozenset[str]) -> None:
        bare = {
            name[: -len(suffix)]
            for name in official_prefectures
            for suffix in _PREFECTURE_SUFFIXES
            if name.endswith(suffix) and len(name) - len(suffix) >= 2
        }
        #: A short autonomous prefecture name → its official name (凉山州 → 凉山彝族自治州).
        self.official_of = {
            short: name
            for name in official_prefectures
            if (short := short_autonomous(name)) is not None and short not in official_prefectures
        }
        self.official_prefectures = official_prefectures
        self.prefectures = official_prefectures | frozenset(bare) | frozenset(self.official_of)
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
            # Addresses are matched after traditional → simplified conversion, which
            # also rewrites some place names (乾县 → 干县): both forms are the name.
            names = {name, to_simplified(name)}
            (prefectures if level == "P" else counties).update(names)
    return Divisions(frozenset(prefectures), frozenset(counties))
