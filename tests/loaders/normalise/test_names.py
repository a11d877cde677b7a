"""normalise_name: simplification, spaces, middle dots, surname split and readings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalise.names import (
    COMPOUND_SURNAMES,
    NormName,
    normalise_name,
    pinyin_syllables,
    split_surname,
)

# raw, full, surname, given, pinyin, initials, minority
CASES = [
    ("张伟", "张伟", "张", "伟", "zhang wei", "zw", False),
    ("張偉", "张伟", "张", "伟", "zhang wei", "zw", False),
    ("张 伟", "张伟", "张", "伟", "zhang wei", "zw", False),
    ("  张　伟 ", "张伟", "张", "伟", "zhang wei", "zw", False),
    ("王 小 明", "王小明", "王", "小明", "wang xiao ming", "wxm", False),
    ("ＬＩ Ｌｅｉ", "LI Lei", "", "LI Lei", "li lei", "ll", False),
    ("吕丽", "吕丽", "吕", "丽", "lv li", "ll", False),
    ("欧阳娜娜", "欧阳娜娜", "欧阳", "娜娜", "ou yang na na", "oynn", False),
    ("歐陽娜娜", "欧阳娜娜", "欧阳", "娜娜", "ou yang na na", "oynn", False),
    ("司马光", "司马光", "司马", "光", "si ma guang", "smg", False),
    ("诸葛亮", "诸葛亮", "诸葛", "亮", "zhu ge liang", "zgl", False),
    ("上官婉儿", "上官婉儿", "上官", "婉儿", "shang guan wan er", "sgwe", False),
    ("皇甫嵩", "皇甫嵩", "皇甫", "嵩", "huang fu song", "hfs", False),
    ("令狐冲", "令狐冲", "令狐", "冲", "ling hu chong", "lhc", False),
    ("东方明", "东方明", "东方", "明", "dong fang ming", "dfm", False),
    ("慕容复", "慕容复", "慕容", "复", "mu rong fu", "mrf", False),
    ("公孙胜", "公孙胜", "公孙", "胜", "gong sun sheng", "gss", False),
    ("宇文化及", "宇文化及", "宇文", "化及", "yu wen hua ji", "ywhj", False),
    ("夏侯惇", "夏侯惇", "夏侯", "惇", "xia hou dun", "xhd", False),
    ("司徒雷登", "司徒雷登", "司徒", "雷登", "si tu lei deng", "stld", False),
    ("端木蓉", "端木蓉", "端木", "蓉", "duan mu rong", "dmr", False),
    ("独孤求败", "独孤求败", "独孤", "求败", "du gu qiu bai", "dgqb", False),
    ("南宫明", "南宫明", "南宫", "明", "nan gong ming", "ngm", False),
    ("西门庆", "西门庆", "西门", "庆", "xi men qing", "xmq", False),
    ("呼延灼", "呼延灼", "呼延", "灼", "hu yan zhuo", "hyz", False),
    ("钟离春", "钟离春", "钟离", "春", "zhong li chun", "zlc", False),
    ("鍾離春", "钟离春", "钟离", "春", "zhong li chun", "zlc", False),
    ("轩辕明", "轩辕明", "轩辕", "明", "xuan yuan ming", "xym", False),
    ("拓跋宏", "拓跋宏", "拓跋", "宏", "tuo ba hong", "tbh", False),
    # surname readings differing from pypinyin's default reading of the character
    ("单雄信", "单雄信", "单", "雄信", "shan xiong xin", "sxx", False),
    ("曾国藩", "曾国藩", "曾", "国藩", "zeng guo fan", "zgf", False),
    ("区伟", "区伟", "区", "伟", "ou wei", "ow", False),
    ("解放", "解放", "解", "放", "xie fang", "xf", False),
    ("仇英", "仇英", "仇", "英", "qiu ying", "qy", False),
    ("朴槿惠", "朴槿惠", "朴", "槿惠", "piao jin hui", "pjh", False),
    ("查良镛", "查良镛", "查", "良镛", "zha liang yong", "zly", False),
    ("盖聂", "盖聂", "盖", "聂", "ge nie", "gn", False),
    ("翟天临", "翟天临", "翟", "天临", "zhai tian lin", "ztl", False),
    ("秘明", "秘明", "秘", "明", "bi ming", "bm", False),
    ("缪斯", "缪斯", "缪", "斯", "miao si", "ms", False),
    ("覃雪", "覃雪", "覃", "雪", "qin xue", "qx", False),
    ("乐毅", "乐毅", "乐", "毅", "yue yi", "yy", False),
    ("重华", "重华", "重", "华", "chong hua", "ch", False),
    ("厍明", "厍明", "厍", "明", "she ming", "sm", False),
    ("句明", "句明", "句", "明", "gou ming", "gm", False),
    ("员明", "员明", "员", "明", "yun ming", "ym", False),
    ("宁静", "宁静", "宁", "静", "ning jing", "nj", False),
    ("种师道", "种师道", "种", "师道", "chong shi dao", "csd", False),
    ("曲波", "曲波", "曲", "波", "qu bo", "qb", False),
    ("燕青", "燕青", "燕", "青", "yan qing", "yq", False),
    ("任盈盈", "任盈盈", "任", "盈盈", "ren ying ying", "ryy", False),
    ("华佗", "华佗", "华", "佗", "hua tuo", "ht", False),
    ("尉迟恭", "尉迟恭", "尉迟", "恭", "yu chi gong", "ycg", False),
    ("万俟卨", "万俟卨", "万俟", "卨", "mo qi xie", "mqx", False),
    ("長孫無忌", "长孙无忌", "长孙", "无忌", "zhang sun wu ji", "zswj", False),
    ("单于明", "单于明", "单于", "明", "chan yu ming", "cym", False),
    ("澹台灭明", "澹台灭明", "澹台", "灭明", "tan tai mie ming", "ttmm", False),
    # minority names: every middle-dot variant becomes U+00B7, no surname
    (
        "阿依古丽·买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽・买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽•买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽．买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽.买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽‧买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽･买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽 · 买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "阿依古丽··买买提",
        "阿依古丽·买买提",
        "",
        "阿依古丽·买买提",
        "a yi gu li mai mai ti",
        "ayglmmt",
        True,
    ),
    (
        "穆罕默德·艾力·库尔班",
        "穆罕默德·艾力·库尔班",
        "",
        "穆罕默德·艾力·库尔班",
        "mu han mo de ai li ku er ban",
        "mhmdalkeb",
        True,
    ),
    # stray dots at the ends are debris, not a separator
    ("·张伟", "张伟", "张", "伟", "zhang wei", "zw", False),
    # Latin transliterations: kept as written, pinyin read from the letters
    ("ZHANG WEI", "ZHANG WEI", "", "ZHANG WEI", "zhang wei", "zw", False),
    ("Zhang  Wei", "Zhang Wei", "", "Zhang Wei", "zhang wei", "zw", False),
    ("zhangwei", "zhangwei", "", "zhangwei", "zhang wei", "zw", False),
    ("John Smith", "John Smith", "", "John Smith", "john smith", "js", False),
]


@pytest.mark.parametrize(
    ("raw", "full", "surname", "given_", "pinyin", "initials", "minority"), CASES
)
def test_normalise_name(
    raw: str, full: str, surname: str, given_: str, pinyin: str, initials: str, minority: bool
) -> None:
    assert normalise_name(raw) == NormName(raw, full, surname, given_, pinyin, initials, minority)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000", "·", " · "])
def test_blank_is_none(raw: str | None) -> None:
    assert normalise_name(raw) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("张伟", "張偉"),
        ("张伟", "张 伟"),
        ("张丽", "张莉"),
        ("李伟", "李玮"),
        ("张伟", "ZHANG WEI"),
    ],
)
def test_variants_share_pinyin_key(a: str, b: str) -> None:
    na, nb = normalise_name(a), normalise_name(b)
    assert na is not None and nb is not None
    assert na.pinyin_key == nb.pinyin_key


def test_pinyin_key_has_no_spaces() -> None:
    n = normalise_name("欧阳娜娜")
    assert n is not None and n.pinyin_key == "ouyangnana"


def test_json_round_trip() -> None:
    n = normalise_name("阿依古丽・买买提")
    assert n is not None
    assert NormName.from_json(n.to_json()) == n
    assert set(n.to_json()) == {"raw", "full", "surname", "given", "pinyin", "initials", "minority"}


def test_two_character_compound_is_single_surname() -> None:
    assert split_surname("司马") == ("司", "马")


def test_all_compound_surnames_split() -> None:
    for surname in COMPOUND_SURNAMES:
        assert split_surname(surname + "明") == (surname, "明")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国", ["zhong", "guo"]),
        ("绿", ["lv"]),
        ("女", ["nv"]),
        ("阿依古丽·买买提", ["a", "yi", "gu", "li", "mai", "mai", "ti"]),
        ("王LEI", ["wang", "lei"]),
        ("", []),
    ],
)
def test_pinyin_syllables(text: str, expected: list[str]) -> None:
    assert pinyin_syllables(text) == expected


def test_pinyin_is_toneless_ascii() -> None:
    n = normalise_name("吕绿女")
    assert n is not None and n.pinyin.isascii() and "v" in n.pinyin


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
NAME_CHARS = st.one_of(HAN, st.sampled_from(list(" ·・•．.　")))


@given(st.text(NAME_CHARS, min_size=1, max_size=8))
def test_idempotent_on_full(raw: str) -> None:
    n = normalise_name(raw)
    if n is None:
        return
    again = normalise_name(n.full)
    assert again is not None
    assert again.full == n.full
    assert again.surname == n.surname
    assert again.pinyin == n.pinyin


@given(st.text(HAN, min_size=2, max_size=4))
def test_han_name_invariants(raw: str) -> None:
    n = normalise_name(raw)
    assert n is not None
    assert n.surname + n.given == n.full
    assert not n.minority
    syllables = n.pinyin.split(" ")
    assert len(syllables) == len(n.full)
    assert n.initials == "".join(s[0] for s in syllables)
    assert " " not in n.full


def test_traditional_to_simplified_reaches_a_fixed_point() -> None:
    # OpenCC maps 薴 → 苧 and 苧 → 苎: one pass would keep the two spellings apart
    # (found by test_idempotent_on_full)
    names = [normalise_name(x) for x in ("薴", "苧", "苎")]
    assert {n.full for n in names if n is not None} == {"苎"}
