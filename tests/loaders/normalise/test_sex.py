"""normalise_sex: every coding of sex seen in the registers."""

from __future__ import annotations

import pytest

from loaders.normalise.sex import normalise_sex


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("男", "M"),
        ("女", "F"),
        ("男性", "M"),
        ("女性", "F"),
        (" 男 ", "M"),
        ("1", "M"),
        ("2", "F"),
        ("１", "M"),
        ("２", "F"),
        ("1.0", "M"),
        ("2.0", "F"),
        ("M", "M"),
        ("F", "F"),
        ("m", "M"),
        ("f", "F"),
        ("Ｍ", "M"),
        ("male", "M"),
        ("Male", "M"),
        ("FEMALE", "F"),
        ("female", "F"),
        ("0", None),
        ("9", None),
        ("未知", None),
        ("未说明", None),
        ("未知的性别", None),
        ("不详", None),
        ("", None),
        ("   ", None),
        (None, None),
        ("3", None),
        ("x", None),
    ],
)
def test_normalise_sex(raw: str | None, expected: str | None) -> None:
    assert normalise_sex(raw) == expected
