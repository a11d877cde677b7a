"""Text primitives shared by every normaliser: width folding, simplification, numerals.

Why one module: names, addresses and organisation names all need the same NFKC
folding (full-width digits and brackets), the same traditional → simplified map
and the same Chinese-numeral reading; doing it once keeps them consistent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_WS = re.compile(r"\s+")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # OpenCC's t2s is the maintained traditional → simplified table (phrases included).
    return opencc.OpenCC("t2s")


_is_nfkc = unicodedata.is_normalized


def nfkc(text: str) -> str:
    """Fold full-width digits, letters and punctuation to their ASCII forms."""
    if text.isascii():  # ASCII is its own NFKC form; skip the table walk
        return text
    return unicodedata.normalize("NFKC", text)


def clean_text(raw: str | None) -> str:
    """NFKC, trim and collapse runs of whitespace to one space. ``None`` becomes ``""``.

    Why the fast path: almost every cell is already clean. A printable string holds no
    whitespace other than the ASCII space, so without a space and already in NFKC form
    (a C quick-check, far cheaper than normalising) the result is the input itself.
    """
    if raw is None:
        return ""
    if type(raw) is str and raw.isprintable() and " " not in raw and _is_nfkc("NFKC", raw):
        return raw
    return _WS.sub(" ", nfkc(str(raw))).strip()


#: More passes than any chain in OpenCC's tables needs (the longest has two steps).
_MAX_PASSES = 4


@lru_cache(maxsize=100_000)
def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (張偉 → 张伟); other characters unchanged.

    Applied until nothing changes: OpenCC's table has chains (薴 → 苧 → 苎), and one
    pass would leave a name written 薴 and one written 苧 apart. A text the first pass
    leaves alone (most) costs nothing more.
    """
    if not text or text.isascii():
        return text
    convert = _converter().convert
    out = str(convert(text))
    for _ in range(_MAX_PASSES):
        if out == text:
            break
        text, out = out, str(convert(out))
    return out


def cn_to_int(text: str) -> int | None:
    """Read a Chinese numeral (五, 十二, 一百零五, 三〇二) or ASCII digits; None if not one.

    A string of bare digit characters (三〇二, 五零二) is read digit by digit as
    room numbers are written; one with 十/百/千 is read positionally.
    """
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(nfkc(text))
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    if not any(ch in _CN_UNITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            total += (current or 1) * unit
            current = 0
    return total + current
