"""``kg renormalise``: a store read by an earlier normaliser is read again from its raw
cells, all or nothing, and ``kg load`` / ``kg resolve`` refuse it until then."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreError
from kg.pipeline import run_resolve
from kg.settings import Settings, get_settings
from kg.store.ledger import Ledger
from loaders import rows as rows_module
from loaders.load import load_file
from loaders.renormalise import renormalise
from loaders.version import NORMALISER_VERSION
from tests.factories import police_csv, police_row, write_csv


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """The CLI reads KG_HOME through the cached settings: each test gets its own."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


EXAMPLE = Path(__file__).resolve().parents[2] / "loaders" / "mappings" / "example.toml"
ROWS = [
    police_row(1, 现住址="上海市浦东新区乳山路100弄5号302室"),
    police_row(2, 姓名="王丽", 现住址="川沙新镇光新村九队101号", 服务处所="塘桥街道办"),
    police_row(3, 姓名="李强", 现住址="花家地北里5号3单元502号"),
]


def _stored(ledger: Ledger) -> list[tuple[str, str, str, str]]:
    return list(
        ledger.connection.execute(
            "SELECT source, record_id, fields, issues FROM records ORDER BY source, record_id"
        )
    )


def _age(ledger: Ledger, forget_columns: bool = False) -> None:
    """Make the store look loaded by normaliser version 1: stale fields, old version."""
    with ledger.transaction() as conn:
        conn.execute("UPDATE records SET fields = '{}', issues = '[]'")
        conn.execute("DELETE FROM schema_version WHERE component = 'normaliser'")
        if forget_columns:
            conn.execute("UPDATE loads SET columns = NULL")


def _migrants(path: Path) -> Path:
    headers = ["登记号", "姓名", "性别", "身份证号码", "出生日期", "现居住地", "户籍所在地",
               "工作单位", "电话"]  # fmt: skip
    row = ["L1", "张伟", "男", "110105198503121234", "1985-03-12", "乳山路100弄5号302室",
           "唐镇杨高南路436弄34号", "康桥镇政府", "021-58881234"]  # fmt: skip
    return write_csv(path, headers, [row], encoding="gbk")


def test_a_store_read_by_an_earlier_normaliser_is_refused_then_read_again(
    tmp_path: Path,
) -> None:
    settings = Settings(kg_home=tmp_path / "old")
    fresh = tmp_path / "fresh.sqlite"
    data = police_csv(tmp_path / "police.csv", ROWS)
    migrants = _migrants(tmp_path / "migrants.csv")
    for path in (settings.ledger_path, fresh):
        with Ledger(path) as ledger:
            load_file(ledger, "police", data)
            load_file(ledger, "police_migrants", migrants, EXAMPLE)
    with Ledger(fresh) as ledger:
        expected = _stored(ledger)
        assert ledger.normaliser_version() == NORMALISER_VERSION
    with Ledger(settings.ledger_path) as ledger:
        _age(ledger)
        assert ledger.normaliser_version() == 1
        with pytest.raises(StoreError, match="normaliser version 1.*run kg renormalise"):
            load_file(ledger, "police", police_csv(tmp_path / "more.csv", [police_row(9)]))
    with pytest.raises(StoreError, match="run kg renormalise"):
        run_resolve(settings)

    result = CliRunner().invoke(cli, ["renormalise"], env={"KG_HOME": str(settings.kg_home)})
    assert result.exit_code == 0, result.output
    assert "4 stored row versions again: 4 changed" in result.output
    with Ledger(settings.ledger_path) as ledger:
        assert _stored(ledger) == expected  # the mapping-file rows included
        assert ledger.normaliser_version() == NORMALISER_VERSION
        again = renormalise(ledger)
        assert (again.rows, again.changed) == (4, 0)
        # the raw cells did not change: the same file is still "already loaded"
        assert load_file(ledger, "police", data).already_loaded_as is not None
    run_resolve(settings)


def test_a_load_from_before_kg_recorded_mappings_uses_its_sources_layout(
    tmp_path: Path,
) -> None:
    with Ledger(tmp_path / "kg.sqlite") as ledger:
        load_file(ledger, "police", police_csv(tmp_path / "police.csv", ROWS))
        expected = _stored(ledger)
        _age(ledger, forget_columns=True)
        assert renormalise(ledger).changed == 3
        assert _stored(ledger) == expected


def test_an_unrecorded_mapping_load_stops_the_run_and_changes_nothing(tmp_path: Path) -> None:
    from kg.errors import MappingError

    with Ledger(tmp_path / "kg.sqlite") as ledger:
        load_file(ledger, "police_migrants", _migrants(tmp_path / "m.csv"), EXAMPLE)
        _age(ledger, forget_columns=True)
        before = _stored(ledger)
        with pytest.raises(MappingError, match="again with --mapping into a fresh store"):
            renormalise(ledger)
        assert _stored(ledger) == before
        assert ledger.normaliser_version() == 1


def test_a_failure_midway_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Ledger(tmp_path / "kg.sqlite") as ledger:
        load_file(ledger, "police", police_csv(tmp_path / "police.csv", ROWS))
        _age(ledger)
        before = _stored(ledger)
        real = rows_module.RowNormaliser.pack
        calls = {"n": 0}

        def failing(self: rows_module.RowNormaliser, row_no: int, cells: list[str]) -> object:
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("disk on fire")
            return real(self, row_no, cells)

        monkeypatch.setattr(rows_module.RowNormaliser, "pack", failing)
        monkeypatch.setattr("loaders.renormalise.BATCH", 1)  # the first rows are written
        with pytest.raises(RuntimeError, match="disk on fire"):
            renormalise(ledger)
        assert _stored(ledger) == before
        assert ledger.normaliser_version() == 1


def test_an_empty_store_has_nothing_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["renormalise"], env={"KG_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "nothing to do" in result.output
