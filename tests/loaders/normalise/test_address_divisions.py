"""Districts, counties and prefectures anywhere in China, written with or without the
levels above them, and village groups in Chinese numerals.

Why a table of places outside Beijing: the parser must not be tuned to one city's
registers. Every row pair below is the same dwelling as a clerk elsewhere writes it.
"""

from __future__ import annotations

import pytest

from loaders.normalise.address_parts import strip_prefixes
from loaders.normalise.addresses import normalise_address
from loaders.normalise.divisions import divisions

SAME_DWELLING = [
    ("湖北省武汉市洪山区鲁磨路56号3号楼1单元501室", "洪山区鲁磨路56号3-1-501"),
    ("湖北省武汉市洪山区鲁磨路56号3号楼1单元501室", "武汉洪山区鲁磨路56号3-1-501"),
    ("湖北省武汉市洪山区鲁磨路56号3号楼1单元501室", "湖北武汉洪山区鲁磨路56号3栋1单元501"),
    ("武汉市洪山区秀湖家园1-2-1402", "洪山区秀湖家园1号楼2单元1402室"),
    ("浙江省杭州市西湖区文三路8号", "西湖区文三路8号"),
    ("武汉市江岸区建国路8号", "江岸区建国路8号"),
    ("河南省周口市太康县王集镇刘寨村5组75号", "河南周口太康县王集镇刘寨村五组75号"),
    ("河南省信阳市固始县城关镇张湾村4组58号", "信阳市固始县城关镇张湾村四村民组58号"),
    ("新疆维吾尔自治区喀什地区喀什市朱集镇新河村9组68号", "喀什市朱集镇新河村９组６８号"),
    ("重庆市万州区杨庙镇桥头村11组61号", "万州区杨庙镇桥头村十一组61号"),
    ("北京市朝阳区建国路88号5号楼3单元502室", "朝阳建国路88号5-3-502"),
]


@pytest.mark.parametrize(("a", "b"), SAME_DWELLING)
def test_the_same_dwelling_gets_one_key(a: str, b: str) -> None:
    na, nb = normalise_address(a), normalise_address(b)
    assert na is not None and nb is not None
    assert na.key == nb.key, (na.key, nb.key)
    assert na.district is not None and na.district == nb.district


@pytest.mark.parametrize(
    ("text", "district", "rest"),
    [
        ("洪山区同兴巷", "洪山区", "同兴巷"),
        ("武汉洪山区鲁磨路", "洪山区", "鲁磨路"),
        ("单县人民路", "单县", "人民路"),
        # Words that look like places but are not the district they would be cut as:
        ("阳光小区", None, "阳光小区"),
        ("花园东区", None, "花园东区"),  # 东区 is a district of 中山, but here a part
        ("南京路", None, "南京路"),  # 南京 is a prefecture, but no county follows
        ("武汉大学", None, "武汉大学"),
        ("朝阳北路", None, "朝阳北路"),
        ("市场街", None, "市场街"),
    ],
)
def test_prefix_stripping(text: str, district: str | None, rest: str) -> None:
    p, remainder = strip_prefixes(text)
    assert (p.district, remainder) == (district, rest)


def test_ambiguous_county_words_are_taken_after_a_city() -> None:
    p, rest = strip_prefixes("大同市城区新建北路")
    assert (p.city, p.district, rest) == ("大同", "城区", "新建北路")


def test_the_division_list_is_complete_enough_to_trust() -> None:
    d = divisions()
    # GB/T 2260 has about 2,800 county-level and 330 prefecture-level divisions.
    assert len(d.counties) > 2700
    assert {"洪山区", "朝阳区", "太康县", "喀什市", "万州区"} <= d.counties
    assert {"武汉市", "武汉", "喀什地区", "喀什"} <= d.prefectures
