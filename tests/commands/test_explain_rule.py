"""``kg explain`` names the group-level rule that joined two references, even when the
rule's stored pair is with a third reference of the same person."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.explaining import explain_records
from kg.pipeline import run_resolve
from kg.settings import Settings
from kg.store.ledger import Ledger
from kg.store.resolution_store import ResolutionStore
from loaders.layouts import LAYOUTS
from loaders.load import load_file
from loaders.normalise.ids import id_check_char
from tests.factories import police_csv, police_row, write_csv


def _id(prefix17: str) -> str:
    return prefix17 + id_check_char(prefix17)


def test_a_name_only_owner_is_explained_by_the_unique_name_rule(tmp_path: Path) -> None:
    liang = _id("42011119640503744")
    rows = [
        police_row(1, 姓名="梁雪欣", 性别="女", 出生日期="1964-05-03", 公民身份号码=liang,
                   户号="H1", 现住址="洪山区吉庆里129号", 联系电话="13800000001"),
        police_row(2, 姓名="梁雪欣", 性别="女", 出生日期="1964-05-03", 公民身份号码=liang,
                   户号="H9", 现住址="洪山区吉庆里129号", 联系电话="13800000001"),
    ] + [
        police_row(10 + k, 姓名="张伟", 公民身份号码=_id(f"11010519850312{k:03d}"),
                   户号=f"H{10 + k}", 现住址=f"朝阳区阳光小区{k + 1}-1-101", 联系电话="")
        for k in range(6)
    ]  # fmt: skip
    housing = list(LAYOUTS["housing"].headers)
    owner_row = {housing[0]: "FW1", "房屋地址": "武汉市洪山区关山街323号3栋1单元701",
                 "房屋用途": "住宅", "产权人姓名": "梁雪欣"}  # fmt: skip
    settings = Settings(kg_home=tmp_path)
    with Ledger(settings.ledger_path) as ledger:
        load_file(ledger, "police", police_csv(tmp_path / "police.csv", rows))
        load_file(
            ledger,
            "housing",
            write_csv(tmp_path / "housing.csv", housing, [owner_row], encoding="utf-8"),
        )
    run_resolve(settings)

    owner = ("housing", "FW1", "owner")
    with Ledger(settings.ledger_path) as ledger:
        store = ResolutionStore(ledger.connection)
        assert store.entity_of(owner) == store.entity_of(("police", "GA00001", "person"))
        [rule] = [p for p in store.pairs_of(owner) if p["space"] == "persons"]
        assert "unique name" in rule["detail"]["note"]
        stored_with = rule["b"] if rule["a"] == owner else rule["a"]
        other = next(
            ("police", rid, "person")
            for rid in ("GA00001", "GA00002")
            if ("police", rid, "person") != tuple(stored_with)
        )
        explanation = explain_records(ledger, owner, other)
    assert explanation["same_entity"]
    assert explanation["resolver"]["via"] == [":".join(owner), ":".join(stored_with)]
    assert "unique name" in explanation["resolver"]["note"]

    result = CliRunner().invoke(
        cli, ["explain", ":".join(owner), ":".join(other)], env={"KG_HOME": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    assert "unique name" in result.output and "joined them through" in result.output


def test_a_model_fitted_by_an_earlier_version_is_not_read_by_index(tmp_path: Path) -> None:
    """A stored model whose levels differ from this version's asks for a new resolve."""
    import json

    import pytest

    from kg.errors import NotFoundError

    one = _id("11010519850312123")
    rows = [police_row(1, 公民身份号码=one), police_row(2, 公民身份号码=one)]
    settings = Settings(kg_home=tmp_path)
    with Ledger(settings.ledger_path) as ledger:
        load_file(ledger, "police", police_csv(tmp_path / "police.csv", rows))
    run_resolve(settings)
    a, b = ("police", "GA00001", "person"), ("police", "GA00002", "person")
    with Ledger(settings.ledger_path) as ledger:
        assert explain_records(ledger, a, b)["same_entity"]
        conn = ledger.connection
        stored = json.loads(conn.execute("SELECT model FROM res_models WHERE space='persons'")
                            .fetchone()[0])  # fmt: skip
        stored["levels"][0] = [lv for lv in stored["levels"][0] if lv != "same-foreign"]
        conn.execute("UPDATE res_models SET model=? WHERE space='persons'", (json.dumps(stored),))
        with pytest.raises(NotFoundError, match="earlier version of kg: run kg resolve again"):
            explain_records(ledger, a, b)
