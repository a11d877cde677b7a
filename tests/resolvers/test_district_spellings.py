"""Districts written with a homophone: read as the common spelling that sounds the same."""

from __future__ import annotations

from loaders.normalise.addresses import normalise_address
from resolvers.district_spellings import district_spellings
from resolvers.dwellings import resolve_dwellings
from resolvers.mentions import AddressMention


def _mentions(raws: list[str]) -> list[AddressMention]:
    return [
        AddressMention(("police", str(i), "house"), normalise_address(r))
        for i, r in enumerate(raws)
    ]


HOME = [f"西安市雁塔区电子二路15号院{b}号楼1单元302室" for b in range(1, 9)]


def test_a_rare_homophone_of_the_common_district_is_mapped_to_it() -> None:
    ms = _mentions([*HOME, "西安市燕塔区电子二路15号院6-1-302"])
    assert district_spellings(ms) == {"燕塔区": "雁塔区"}
    clusters = resolve_dwellings(ms).clusters
    assert clusters[("police", "8", "house")] == clusters[("police", "5", "house")]


def test_without_the_mapping_the_two_districts_would_stay_apart() -> None:
    """The same pair when the homophone is as common as the true spelling: both are taken
    as real districts (two districts that sound alike), and rule 2 keeps them apart."""
    ms = _mentions(
        [
            "西安市雁塔区电子二路15号院6号楼1单元302室",
            "西安市燕塔区电子二路15号院6号楼1单元302室",
        ]
    )
    assert district_spellings(ms) == {}
    clusters = resolve_dwellings(ms).clusters
    assert clusters[("police", "0", "house")] != clusters[("police", "1", "house")]


def test_districts_that_sound_different_are_never_mapped() -> None:
    ms = _mentions([*HOME, "西安市碑林区电子二路15号院6号楼1单元302室"])
    assert district_spellings(ms) == {}
