"""The shape caches of the address parser must give exactly what parsing gives.

``_build`` and ``address_json`` read an address through a cache of its *shape* (the
text with each digit run as a slot) instead of parsing it; these tests hold both to
the plain path (``prepare`` then ``_parse`` on the address itself), on the forms that
stress the argument: runs that merge when punctuation is dropped, Chinese numerals
next to digits, letters after numbers, leading zeros, 甲/乙 prefixes, dash forms,
many runs, and text that already holds the private-use slot characters.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.fastjson import obj_json
from loaders.normalise import addresses
from loaders.normalise.addresses import NormAddress, _build, address_json, normalise_address
from loaders.normalise.text import clean_text, to_simplified

TRICKY = [
    "北京市朝阳区建国路88号阳光小区5号楼3单元502室",
    "北京市朝阳区建国路88号阳光小区7号楼1单元0301室",  # same shape, other numbers
    "朝阳建国路八十八号阳光社区5-3-502",
    "建国街88号阳光5栋3单元0502",
    "建国路5.3号",  # the dot is dropped: 5 and 3 become one run
    "阳光小区5 3单元",  # so is the space
    "朝阳5五号楼",  # a digit next to a numeral that becomes a digit
    "幸福里甲12号院3号楼2门101",
    "A座12B室",
    "12A-3-0502",
    "00号楼000单元0室",
    "三里屯5号",
    "建国路",
    "不详",
    "5号楼3单元5层502",
    "5楼3单元502",
    "建国路\ue0005号楼",  # private-use characters in the input: the plain path
    "建国路\ue1055号楼",
    "建国路\ue2105号楼",
    "-".join(str(i) for i in range(80)),  # more runs than slots
    "華信大廈3號樓2單元1203室",  # traditional characters
    "北京市海淀区中关村大街27号1101-1",
    "(朝阳)建国路{88}号",  # braces survive the str.format template
    'a"b\\c路5号',  # characters JSON escapes
    "猎德西头坊10巷5号之一401室",  # a numeral that becomes a digit next to a run
    "天河北路233号之12",  # two runs in one number
    "0之00室",  # leading zeros in each run (found by the random test)
    "车陂东岳大街1巷24号之二",
    "乳山路100弄3支弄5号302室",
    "石门村第一村民小组60号",
    "金海大厦10楼1001室",  # a tower's floor
    "红翠花园二座一梯605房",
    "青松新城13楼1单元14楼2号",  # floor + door: the flat is 1402 (a value rule)
    "雁塔区人民医院家属院4号楼1单元1层1号",
    "十一号楼一单元二层一号",
    "香榭苑11-3-5-1",
]
TRICKY += [
    "玉林西路42号附1号",  # annexes: 附 becomes 之, with and without 号, in numerals
    "玉林西路42附1号201室",
    "玉林西路四十二号附一号",
    "一环路南三段175号",  # a road's section
    "金花村十社39号",
    "第3社12号",
    "朱雀大街南段9号秦川花园3号楼1单元1201室",
    "一环路南3段175号附1号",
    "太平园中二路60号5栋2单元1405室",  # a numbered road
    "纬2路12号",
    "磨子桥路26-附1号",
    "桐梓林社区银杏苑7栋1单元402室",
]
# Shapes with a floor and a room: the flat's number may be floor + door, which depends
# on the values, so they are read by filling a template, never by a JSON template.
FLOOR_AND_ROOM = {
    "5号楼3单元5层502",
    "金海大厦10楼1001室",
    "青松新城13楼1单元14楼2号",
    "雁塔区人民医院家属院4号楼1单元1层1号",
    "十一号楼一单元二层一号",
    "香榭苑11-3-5-1",
}


def _plain(raw: str) -> NormAddress | None:
    cleaned = clean_text(raw)
    if not cleaned:
        return None
    text = addresses.prepare(to_simplified(cleaned))
    return NormAddress(raw, text, *addresses._parse(text))


def _check(raw: str) -> None:
    expected = _plain(raw)
    assert _build(raw) == expected
    text = address_json(raw)
    if text is not None:
        assert expected is not None
        assert text == obj_json(expected)


@pytest.mark.parametrize("raw", TRICKY)
def test_shape_paths_equal_the_plain_parse(raw: str) -> None:
    _check(raw)


def test_cold_and_warm_shape_caches_agree() -> None:
    addresses._SHAPES.clear()
    addresses._TEMPLATES.clear()
    addresses._RAW_SHAPES.clear()
    cold = [address_json(r) for r in TRICKY]
    warm = [address_json(r) for r in TRICKY]
    assert cold == warm
    # Only the forms the shape argument excludes take the plain path.
    plain = {r for r, t in zip(TRICKY, cold, strict=True) if t is None}
    assert plain == set(TRICKY[4:7]) | set(TRICKY[16:20]) | FLOOR_AND_ROOM


def test_a_shape_is_shared_by_addresses_that_differ_in_numbers() -> None:
    addresses._SHAPES.clear()
    a = normalise_address("阳光小区5号楼3单元502室x")
    b = normalise_address("阳光小区17号楼1单元0301室x")
    assert len(addresses._SHAPES) == 1
    assert a is not None and b is not None
    assert (b.building, b.unit, b.room, b.key) == ("17", "1", "301", "阳光||17|1|301")
    assert b.text == "阳光小区17号楼1单元0301室X"


_ALPHABET = list(
    "0123456789０１２一二三五十百零〇两号楼栋幢座单元门层室户区院组-—#ABx甲 .()（）"
    '路街里巷小区社区花园北京市朝阳区海淀幸福三里屯·、，{}"\\\ue000\ue101'
    "之弄支梯队第大厦村"
    "號樓單廣場華東門區乾發"  # traditional: address_json slots the text before simplifying
)


@given(st.lists(st.sampled_from(_ALPHABET), max_size=30).map("".join))
@settings(max_examples=1500, deadline=None)
def test_shape_paths_equal_the_plain_parse_on_random_text(raw: str) -> None:
    _check(raw)


# Every CJK character OpenCC could be asked about (the BMP blocks and the compatibility
# ideographs); the supplementary planes hold no traditional forms the tables convert.
_CJK = [
    chr(c)
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
    for c in range(lo, hi + 1)
]


def test_simplification_never_reads_or_writes_a_digit_or_a_slot() -> None:
    """What ``address_json`` relies on to take the shape before simplifying.

    Converting a text with each digit run as a slot and putting the runs back must give
    the converted text: so no conversion may start at, run across or produce an ASCII
    digit or a private-use slot character. Checked here for every character next to
    every digit and a slot, on both sides, and for the multi-character phrases the
    traditional forms of common address words make. (The keys and values of the
    installed tables were also read directly when this was written: OpenCC 1.4.2, no
    ASCII or private-use character in any of them.)
    """
    for ch in _CJK:
        text = ch + ch.join("0123456789\ue000") + ch
        s = to_simplified(ch)
        assert to_simplified(text) == s + s.join("0123456789\ue000") + s, ch


@pytest.mark.parametrize(
    "raw",
    [
        "北京市朝陽區建國路88號陽光小區5號樓3單元502室",
        "臺灣路3號乾隆大廈12樓1201室",
        "發展大街12號院3-2-1",
        "後海北沿7號",  # 後 and 後海: a phrase entry next to a run
        "裏仁巷9號",
        "１２號樓３單元",  # full-width digits fold to runs before the shape is taken
        "著名小區5號樓",
        "乾0坤1號",
    ],
)
def test_traditional_addresses_take_the_shape_before_simplifying(raw: str) -> None:
    addresses._RAW_SHAPES.clear()
    _check(raw)
    again = address_json(raw)  # warm: the unsimplified shape is now cached
    plain = _plain(raw)
    if again is not None:
        assert plain is not None and again == obj_json(plain)
