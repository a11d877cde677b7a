"""Person names → one comparable form plus its reading (pinyin) and surname split.

Why: the same person appears as 张伟, 張偉, "张 伟" or ZHANG WEI across departments,
and as 阿依古丽·买买提 with any of half a dozen middle-dot characters. Entity
resolution blocks and compares on the surname, the full simplified form and the
toneless pinyin (which also catches homophone substitutions such as 丽/莉), so all
of these must be produced the same way everywhere.

Surnames are read with their *surname* reading (单 shan, 曾 zeng, 解 xie …): pypinyin
reads a character by its most common reading, which for surnames is often wrong,
and a wrong reading would split one person across two pinyin blocks.

``normalise_name`` is called millions of times during a load and pypinyin is slow
(tens of microseconds per call), so results are memoised with ``lru_cache``;
the given-name reading is cached separately because given names repeat across
surnames.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from loaders.normalise.text import nfkc, to_simplified

__all__ = [
    "COMPOUND_SURNAMES",
    "NormName",
    "normalise_name",
    "pinyin_syllables",
    "split_surname",
    "to_simplified",
]

MIDDLE_DOT = "·"
# Every character seen (or plausible) as the separator in transliterated minority
# names, after NFKC (which already folds U+FF65 → U+30FB, U+FF0E → ".", U+0387 → U+00B7).
_DOT_CHARS = ".·‧・•∙⋅⸱᛫"
_DOT_RUN = re.compile("[" + re.escape(_DOT_CHARS) + r"]+")
_SPACE_RUN = re.compile(r"\s+")
_LATIN_WORD = re.compile(r"[a-z0-9]+")

# Compound (two-character) surnames. Readings that pypinyin gets wrong on its own are
# given explicitly in _SURNAME_READINGS below.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    "欧阳 司马 诸葛 上官 皇甫 令狐 东方 慕容 尉迟 公孙 长孙 宇文 夏侯 司徒 端木 独孤 南宫 "
    "西门 百里 呼延 申屠 澹台 公羊 太史 万俟 闻人 轩辕 钟离 宗政 濮阳 淳于 单于 赫连 拓跋 "
    "司空 公冶 仲孙 东郭 南门 羊舌 微生 梁丘 左丘 东门 第五 乐正 亓官 司寇 巫马 公西 "
    "漆雕 壤驷 公良 夹谷 宰父 谷梁 段干 子车 颛孙 鲜于 闾丘 呼衍 完颜 耶律 纳兰 爱新 "
    "叱干 贺兰 万俟 胡母 司城 北宫 东野 公叔 公伯 公门 乌孙 左人 太叔 申公 仉督".split()
)

# Surname readings (toneless, ü as v). Only characters whose surname reading differs
# from pypinyin's default, or where the default is unstable, need to be listed.
_SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "区": ("ou",),
    "解": ("xie",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "盖": ("ge",),
    "翟": ("zhai",),
    "秘": ("bi",),
    "缪": ("miao",),
    "覃": ("qin",),
    "乐": ("yue",),
    "重": ("chong",),
    "厍": ("she",),
    "句": ("gou",),
    "员": ("yun",),
    "宁": ("ning",),
    "种": ("chong",),
    "曲": ("qu",),
    "燕": ("yan",),
    "任": ("ren",),
    "华": ("hua",),
    "折": ("she",),
    "繁": ("po",),
    "召": ("shao",),
    "冼": ("xian",),
    "粘": ("nian",),
    "隗": ("wei",),
    "尉": ("yu",),
    "能": ("nai",),
    "佴": ("nai",),
    "祭": ("zhai",),
    "番": ("pan",),
    "黑": ("he",),
    "逄": ("pang",),
    "隽": ("juan",),
    "那": ("na",),
    "藏": ("zang",),
    "车": ("che",),
    "沈": ("shen",),
    "石": ("shi",),
    "柏": ("bai",),
    "褚": ("chu",),
    "薄": ("bo",),
    "莘": ("shen",),
    "相": ("xiang",),
    "应": ("ying",),
    "过": ("guo",),
    "郇": ("huan",),
    "洗": ("xian",),
    "纪": ("ji",),
    "贾": ("jia",),
    "卜": ("bu",),
    "阚": ("kan",),
    "谌": ("chen",),
    "恽": ("yun",),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"),
    "乐正": ("yue", "zheng"),
    "令狐": ("ling", "hu"),
    "仉督": ("zhang", "du"),
    "亓官": ("qi", "guan"),
    "句龙": ("gou", "long"),
}


@dataclass(frozen=True, slots=True)
class NormName:
    """A normalised person name. ``pinyin`` is space-separated; ``initials`` has no spaces."""

    raw: str
    full: str
    surname: str
    given: str
    pinyin: str
    initials: str
    minority: bool

    @property
    def pinyin_key(self) -> str:
        """The pinyin without spaces (``zhangwei``): a blocking / homophone key."""
        return self.pinyin.replace(" ", "")

    def to_json(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies and costs µs per call.
        return {
            "raw": self.raw,
            "full": self.full,
            "surname": self.surname,
            "given": self.given,
            "pinyin": self.pinyin,
            "initials": self.initials,
            "minority": self.minority,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> NormName:
        return cls(
            raw=str(d["raw"]),
            full=str(d["full"]),
            surname=str(d["surname"]),
            given=str(d["given"]),
            pinyin=str(d["pinyin"]),
            initials=str(d["initials"]),
            minority=bool(d["minority"]),
        )


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x323AF
        or 0xF900 <= cp <= 0xFAFF
        or ch == "〇"
    )


#: The characters ``_is_cjk`` accepts, as one class: a C scan instead of a call per character.
_CJK_RE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U000323af\uf900-\ufaff〇]")


def _has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def _drop_spaces(text: str) -> str:
    """Remove whitespace except a single space between two Latin letters/digits."""
    parts = _SPACE_RUN.split(text.strip())
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii():
            out += " " + part
        else:
            out += part
    return out


def _clean_full(raw: str) -> str:
    text = nfkc(raw)
    if _has_cjk(text):
        text = to_simplified(text)
        text = _DOT_RUN.sub(MIDDLE_DOT, text)
        text = _drop_spaces(text)
        # a separator dot is only meaningful between two parts of the name
        text = text.strip(MIDDLE_DOT + " ")
    else:
        text = _SPACE_RUN.sub(" ", text).strip(_DOT_CHARS + " ")
    return text


def split_surname(full: str) -> tuple[str, str]:
    """Split a simplified Han name into (surname, given): compound surnames first."""
    # A two-character name is always surname + one-character given name, even when the
    # pair spells a compound surname: nobody is registered with a surname only.
    if len(full) >= 3 and full[:2] in COMPOUND_SURNAMES:
        return full[:2], full[2:]
    return full[:1], full[1:]


@lru_cache(maxsize=1)
def _syllable_set() -> frozenset[str]:
    """All toneless pinyin syllables (ü written v), derived from pypinyin's dictionary."""
    out: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            base = unicodedata.normalize("NFD", reading)
            plain = "".join(c for c in base if not unicodedata.combining(c))
            plain = plain.replace("ü", "v").replace("ü", "v")
            if plain.isascii() and plain.isalpha():
                out.add(plain.lower())
    return frozenset(out)


@lru_cache(maxsize=50_000)
def _segment_latin(word: str) -> tuple[str, ...]:
    """Split a run of Latin letters into pinyin syllables (zhangwei → zhang wei).

    Fewest syllables wins (xian stays xian, not xi an). A word that cannot be read
    entirely as pinyin (a foreign name) is kept whole.
    """
    syllables = _syllable_set()
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            prev = best[start]
            if prev is not None and word[start:end] in syllables:
                cand = (*prev, word[start:end])
                cur = best[end]
                if cur is None or len(cand) < len(cur):
                    best[end] = cand
    result = best[n]
    return result if result is not None else (word,)


def _latin_syllables(text: str) -> list[str]:
    out: list[str] = []
    for word in _LATIN_WORD.findall(text.lower()):
        if word.isalpha():
            out.extend(_segment_latin(word))
        else:
            out.append(word)
    return out


@lru_cache(maxsize=200_000)
def _pinyin_cached(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for token in lazy_pinyin(text, style=Style.NORMAL, errors="default"):
        if token.isascii():
            # pypinyin passes non-Han runs through unchanged: letters, digits, dots
            out.extend(_latin_syllables(token))
        else:
            out.extend(ch for ch in token if _is_cjk(ch))
    return tuple(out)


def pinyin_syllables(text: str) -> list[str]:
    """Toneless pinyin syllables of ``text`` (ü as v); Latin letters lower-cased.

    Separators (spaces, middle dots, punctuation) are dropped. No surname readings:
    use ``normalise_name(...).pinyin`` for a person name.
    """
    return list(_pinyin_cached(text))


def _surname_syllables(surname: str) -> tuple[str, ...]:
    reading = _SURNAME_READINGS.get(surname)
    if reading is not None:
        return reading
    return _pinyin_cached(surname)


def _initials(syllables: tuple[str, ...] | list[str]) -> str:
    return "".join(s[0] for s in syllables if s)


@lru_cache(maxsize=200_000)
def normalise_name(raw: str | None) -> NormName | None:
    """Normalise a person name; ``None`` for a blank cell (or one holding only dots).

    >>> normalise_name("單 雄信").pinyin
    'shan xiong xin'
    """
    if raw is None:
        return None
    raw = str(raw)
    full = _clean_full(raw)
    if not full:
        return None
    if not _has_cjk(full):
        # Latin transliteration (ZHANG WEI, Zhang Wei): order and surname are unknown
        syl = tuple(_latin_syllables(full))
        return NormName(raw, full, "", full, " ".join(syl), _initials(syl), False)
    if MIDDLE_DOT in full:
        syl = _pinyin_cached(full)
        return NormName(raw, full, "", full, " ".join(syl), _initials(syl), True)
    surname, given = split_surname(full)
    syl = _surname_syllables(surname) + _pinyin_cached(given)
    return NormName(raw, full, surname, given, " ".join(syl), _initials(syl), False)
