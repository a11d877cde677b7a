"""Masking formats, the redaction walker, and the department policy file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.api.masking import MaskPolicy, mask_id, mask_phone, redact
from kg.api.policy import load_policy
from kg.errors import ConfigError
from tests.api.fakes import id18

CASES_ID = [
    ("11010519850312123X", "110105********123X"),
    ("11010519850312123x", "110105********123X"),
    ("１１０１０５１９８５０３１２１２３Ｘ", "110105********123X"),
    ("110105 19850312 123X", "110105********123X"),
    ("110105850312123", "110105*****2123"),
    ("1101051985", "**********"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES_ID)
def test_mask_id(raw: str, expected: str) -> None:
    assert mask_id(raw) == expected


CASES_PHONE = [
    ("13812345678", "138****5678"),
    ("+86 138-1234-5678", "138****5678"),
    ("008613812345678", "138****5678"),
    ("010-62345678", "010-****5678"),
    ("62345678", "****5678"),
    ("13812345678/13900001111", "138****5678/139****1111"),
    ("13812345678、010-62345678", "138****5678、010-****5678"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES_PHONE)
def test_mask_phone(raw: str, expected: str) -> None:
    assert mask_phone(raw) == expected


def test_redact_by_key_pattern_and_context() -> None:
    idn = id18("11010519850312171")
    data = {
        "id": "P1",
        "record_id": "110105198503121719",  # navigation ids pass through
        "id_numbers": [idn],
        "golden": {"id_number": [{"value": idn, "sources": ["police:R1"], "chosen": True}]},
        "conflict": {"field": "id_number", "values": [idn]},
        "raw": {"法定代表人证件号码": idn, "监护人手机": "13812345678", "note": f"x{idn}y"},
        "fields": {"id_number": {"raw": idn, "value": idn, "kind": "id18", "valid": True}},
    }
    out = redact(data, MaskPolicy())
    masked = "110105********171X"
    assert out["id"] == "P1" and out["record_id"] == "110105198503121719"
    assert out["id_numbers"] == [masked]
    assert out["golden"]["id_number"][0] == {"value": masked, "sources": ["police:R1"],
                                             "chosen": True}  # fmt: skip
    assert out["conflict"]["values"] == [masked]
    assert out["raw"]["法定代表人证件号码"] == masked
    assert out["raw"]["监护人手机"] == "138****5678"
    assert out["fields"]["id_number"] == {"raw": masked, "value": masked, "kind": "id18",
                                          "valid": True}  # fmt: skip
    assert idn not in str(out)


def test_clear_policy_returns_data_unchanged() -> None:
    data = {"id_number": "11010519850312123X"}
    assert redact(data, MaskPolicy.clear()) == data


def test_allow_list_keeps_only_the_owners_values() -> None:
    own, other = id18("11010519850312171"), id18("11010519870601002")
    policy = MaskPolicy().allowing([own], ["13812345678"])
    out = redact({"a": own, "b": other, "phones": ["13812345678", "13900001111"]}, policy)
    assert out == {"a": own, "b": mask_id(other), "phones": ["13812345678", "139****1111"]}


@settings(max_examples=200, deadline=None)
@given(
    body=st.from_regex(
        r"[1-6][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}", fullmatch=True
    ),
    prefix=st.text(alphabet="姓名住址：, abc", max_size=8),
    key=st.sampled_from(["备注", "extra", "公民身份号码", "x"]),
)
def test_no_id_survives_redaction_anywhere(body: str, prefix: str, key: str) -> None:
    idn = id18(body[:17])
    out = redact({"rows": [{key: prefix + idn + prefix}], "nested": {"v": [idn]}}, MaskPolicy())
    assert idn not in str(out)


@settings(max_examples=200, deadline=None)
@given(number=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), sep=st.sampled_from(["", " ", "-"]))
def test_no_mobile_survives_redaction(number: str, sep: str) -> None:
    spaced = number[:3] + sep + number[3:7] + sep + number[7:]
    out = redact({"联系人": f"电话{spaced}", "phones": [spaced]}, MaskPolicy())
    assert number not in str(out).replace(sep, "") if sep else number not in str(out)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_policy_file_is_valid() -> None:
    root = Path(__file__).resolve().parents[2]
    policy = load_policy(root / "docs" / "department-policy.example.toml")
    assert policy.rules


def test_policy_reports_every_problem_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[departments.a]\nfields = ['name', 'shoe_size']\nunmask_ids = 'yes'\n"
        "[departments.b]\nfields = ['name']\ncolour = 'red'\n",
    )
    with pytest.raises(ConfigError) as err:
        load_policy(path)
    text = str(err.value)
    assert "shoe_size" in text and "unmask_ids" in text and "colour" in text


@pytest.mark.parametrize("text", ["not toml = = =", "[other]\nx = 1\n"])
def test_policy_rejects_bad_files(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError):
        load_policy(write(tmp_path, text))


def test_missing_policy_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_policy(tmp_path / "missing.toml")


def test_no_policy_means_no_department_rules() -> None:
    assert load_policy(None).rule("civil_affairs") is None
