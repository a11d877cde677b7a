from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store.ledger import Ledger
from loaders.load import load_file
from tests.factories import police_csv, police_row


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()  # noqa: S608
            for t in ("loads", "records", "rejects", "schema_version")
        }
    finally:
        conn.close()


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger(tmp_path / "kg.sqlite") as led:
        yield led


def test_good_rows_load_and_bad_rows_are_reported(ledger: Ledger, tmp_path: Path) -> None:
    rows = [police_row(i) for i in range(1, 6)]
    rows[1] = police_row(2, 姓名="", 公民身份号码="")
    rows[3] = police_row(1, 姓名="李四")  # duplicate id of row 2
    path = police_csv(tmp_path / "p.csv", rows)
    s = load_file(ledger, "police", path)
    assert (s.rows_read, s.loaded, s.rejected, s.unchanged, s.updated) == (5, 3, 2, 0, 0)
    rejects = list(ledger.rejects(s.load_id or 0))
    assert [(r.row_no, r.record_id) for r in rejects] == [(3, "GA00002"), (5, "GA00001")]
    assert "first seen on row 2" in rejects[1].reason
    assert (
        s.reject_report and Path(s.reject_report).read_text(encoding="utf-8-sig").count("\n") == 3
    )
    assert {r.record_id for r in ledger.current_records("police")} == {
        "GA00001", "GA00003", "GA00005",
    }  # fmt: skip


def test_same_file_twice_changes_nothing(ledger: Ledger, tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(i) for i in range(1, 4)])
    first = load_file(ledger, "police", path)
    before = dump(ledger.path)
    again = load_file(ledger, "police", path)
    assert again.already_loaded_as == first.load_id and again.unchanged == 3 and again.loaded == 0
    assert dump(ledger.path) == before


def test_same_rows_in_another_order_are_unchanged(ledger: Ledger, tmp_path: Path) -> None:
    load_file(ledger, "police", police_csv(tmp_path / "a.csv", [police_row(1), police_row(2)]))
    s = load_file(ledger, "police", police_csv(tmp_path / "b.csv", [police_row(2), police_row(1)]))
    assert (s.loaded, s.unchanged, s.updated) == (0, 2, 0)


def test_changed_record_becomes_version_two(ledger: Ledger, tmp_path: Path) -> None:
    load_file(ledger, "police", police_csv(tmp_path / "a.csv", [police_row(1), police_row(2)]))
    changed = [police_row(1, 现住址="朝阳区花园社区1-1-101"), police_row(2), police_row(3)]
    s = load_file(ledger, "police", police_csv(tmp_path / "b.csv", changed))
    assert (s.loaded, s.unchanged, s.updated) == (1, 1, 1)
    versions = ledger.record_versions("police", "GA00001")
    assert [(v.version, v.is_current) for v in versions] == [(1, False), (2, True)]
    assert versions[0].record.raw["现住址"] == "朝阳区阳光小区5-3-502"
    current = {r.record_id: r for r in ledger.current_records()}
    assert current["GA00001"].raw["现住址"] == "朝阳区花园社区1-1-101"
    assert [h.load_id for h in ledger.load_history()] == [1, 2]


def test_crash_mid_file_leaves_ledger_unchanged(ledger: Ledger, tmp_path: Path) -> None:
    load_file(ledger, "police", police_csv(tmp_path / "a.csv", [police_row(1)]))
    before = dump(ledger.path)
    from loaders.headers import check_headers
    from loaders.layouts import LAYOUTS
    from loaders.rows import RowNormaliser
    from tests.factories import POLICE

    norm = RowNormaliser(LAYOUTS["police"], check_headers(POLICE, LAYOUTS["police"]))

    def items() -> Iterator[object]:
        for i in range(2, 5000):
            yield norm(i, [police_row(i)[h] for h in POLICE])
            if i == 4500:
                raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        ledger.load_records("police", "police", "x.csv", "abc", items())  # type: ignore[arg-type]
    assert dump(ledger.path) == before


def test_file_level_error_writes_nothing(ledger: Ledger, tmp_path: Path) -> None:
    before = dump(ledger.path)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    from kg.errors import FileFormatError

    with pytest.raises(FileFormatError):
        load_file(ledger, "police", bad)
    assert dump(ledger.path) == before


def test_transaction_nests_and_rolls_back(ledger: Ledger) -> None:
    with ledger.transaction() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS other (x INTEGER)")
        with pytest.raises(ValueError), ledger.transaction():
            conn.execute("INSERT INTO other VALUES (1)")
            raise ValueError
        conn.execute("INSERT INTO other VALUES (2)")
    assert ledger.connection.execute("SELECT x FROM other").fetchall() == [(2,)]
