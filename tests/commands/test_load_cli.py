from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.settings import get_settings
from tests.factories import police_csv, police_row, write_csv


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("KG_HOME", str(tmp_path / "home"))
    get_settings.cache_clear()
    yield tmp_path / "home"
    get_settings.cache_clear()


def test_load_summary_and_reject_report(home: Path, tmp_path: Path) -> None:
    rows = [police_row(1), police_row(2, 记录编号=""), police_row(3)]
    path = police_csv(tmp_path / "p.csv", rows)
    result = CliRunner().invoke(cli, ["load", "police", str(path)])
    assert result.exit_code == 0, result.output
    assert "rows read" in result.output and "rejected" in result.output
    report = home / "rejects" / "police-1.csv"
    assert report.is_file() and str(report) in result.output.replace("\n", "")
    again = CliRunner().invoke(cli, ["load", "police", str(path)])
    assert again.exit_code == 0 and "already loaded as load #1" in again.output
    history = CliRunner().invoke(cli, ["loads"])
    assert history.exit_code == 0 and "p.csv" in history.output


def test_file_level_error_is_one_line(home: Path, tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(1)], encoding="utf-8")
    result = CliRunner().invoke(cli, ["load", "police", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: ") and result.output.count("\n") == 1


def test_unknown_source_needs_mapping(home: Path, tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(1)])
    result = CliRunner().invoke(cli, ["load", "census", str(path)])
    assert result.exit_code == 2 and "unknown source 'census'" in result.output


def test_load_with_mapping(home: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        'kind = "housing"\nsource = "housing_old"\n[columns]\n"ID" = "record_id"\n'
        '"地址" = "address"\n"业主" = "owner_name"\n',
        encoding="utf-8",
    )
    path = write_csv(
        tmp_path / "h.csv",
        ["ID", "地址", "业主", "备注"],
        [["1", "建国路5号", "王五", "x"]],
        "utf-8",
    )
    result = CliRunner().invoke(cli, ["load", "housing_old", str(path), "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    from kg.store.ledger import Ledger

    with Ledger(home / "kg.sqlite") as ledger:
        (rec,) = list(ledger.current_records("housing_old"))
    assert rec.kind == "housing" and rec.raw["备注"] == "x" and rec.fields["owner_name"]
