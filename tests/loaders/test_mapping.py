from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import MappingError
from loaders.mapping import load_mapping, parse_mapping

EXAMPLE = Path(__file__).resolve().parents[2] / "loaders" / "mappings" / "example.toml"


def test_example_mapping_is_valid() -> None:
    layout = load_mapping(EXAMPLE)
    assert (layout.kind, layout.source, layout.format, layout.encoding) == (
        "police", "police_migrants", "csv", "gbk",
    )  # fmt: skip
    assert layout.columns["登记号"] == "record_id"
    assert layout.record_id_header == "登记号"


def test_defaults_come_from_the_kind() -> None:
    layout = parse_mapping({"kind": "civil_affairs", "columns": {"ID": "record_id", "名": "name"}})
    assert (layout.source, layout.format, layout.encoding, layout.sheet) == (
        "civil_affairs", "xlsx", None, None,
    )  # fmt: skip


def test_all_problems_reported_at_once() -> None:
    with pytest.raises(MappingError) as err:
        parse_mapping(
            {
                "kind": "police",
                "source": "Police 2",
                "encoding": "klingon",
                "sheet": 2,
                "colour": "red",
                "columns": {"a": "name", "b": "name", "c": "salary"},
            }
        )
    msg = str(err.value)
    for part in ("unknown key(s) colour", "source 'Police 2'", "unknown encoding 'klingon'",
                 "'sheet' applies to XLSX", "both map to 'name'", "'salary' is not a police field",
                 "no column maps to 'record_id'"):  # fmt: skip
        assert part in msg


def test_kind_required_and_builtin_source_guarded() -> None:
    with pytest.raises(MappingError, match="'kind' is required"):
        parse_mapping({"columns": {"a": "record_id"}})
    with pytest.raises(MappingError, match="built-in source"):
        parse_mapping({"kind": "police", "source": "housing", "columns": {"a": "record_id"}})


def test_bad_toml_is_a_mapping_error(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text('kind = "police\n', encoding="utf-8")
    with pytest.raises(MappingError, match="not valid TOML"):
        load_mapping(bad)
    with pytest.raises(MappingError, match="not found"):
        load_mapping(tmp_path / "none.toml")
