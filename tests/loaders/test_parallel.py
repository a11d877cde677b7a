"""The worker-pool path of a load must give exactly what the in-process path gives."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from kg.errors import InputError, KgError
from kg.store.ledger import Ledger
from loaders import parallel
from loaders.headers import check_headers
from loaders.layouts import LAYOUTS
from loaders.load import load_file
from loaders.parallel import NormalisedRows
from loaders.rows import PackedRow, PreparedRecord, Reject, RowNormaliser
from tests.factories import POLICE, police_csv, police_row

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


@pytest.fixture(autouse=True)
def _allow_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other tests may leave helper threads running; a load refuses to fork then, which
    # is right for a server but would hide the pool path from these tests.
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)


def _rows() -> list[dict[str, str]]:
    rows = []
    for i in range(1, 400):
        name = ["张伟", "單雄信", "阿依古丽·买买提"][i % 3]
        over = {"姓名": name, "出生日期": f"19{i % 90 + 10}0312"}
        if i % 50 == 0:
            over["公民身份号码"] = "1.10105198503121E+17"
        if i % 77 == 0:
            over["记录编号"] = ""
        rows.append(police_row(i % 350 + 1, **over))  # ids 1..50 repeat
    return rows


def _norm() -> RowNormaliser:
    return RowNormaliser(LAYOUTS["police"], check_headers(POLICE, LAYOUTS["police"]))


def _packed(item: PackedRow | PreparedRecord | Reject) -> PackedRow | Reject:
    if isinstance(item, PreparedRecord):
        r = item.record
        return PackedRow(
            r.record_id, r.row_no, r.kind, item.content_hash, item.raw_json, item.fields_json,
            item.issues_json,
        )  # fmt: skip
    return item


def test_pool_and_in_process_give_the_same_items() -> None:
    table = [(n + 2, [row[h] for h in POLICE]) for n, row in enumerate(_rows())]
    table.insert(5, (7, ["GA9", "ragged"]))
    with NormalisedRows(_norm(), table, workers=0) as rows:
        assert not rows.parallel
        expected = [_packed(x) for x in rows]
    with NormalisedRows(_norm(), table, workers=2, min_rows=10) as rows:
        assert rows.parallel
        got = list(rows)
    assert got == expected


def _dump(path: Path) -> list[object]:
    con = sqlite3.connect(path)
    try:
        recs = con.execute(
            "SELECT source, record_id, version, kind, content_hash, row_no, raw, fields, issues"
            " FROM records ORDER BY record_id, version"
        ).fetchall()
        rej = con.execute('SELECT row_no, "column", reason, record_id, raw FROM rejects').fetchall()
        loads = con.execute("SELECT rows_read, loaded, rejected, unchanged FROM loads").fetchall()
        return [recs, sorted(rej, key=repr), loads]
    finally:
        con.close()


def test_load_file_through_the_pool_stores_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = police_csv(tmp_path / "p.csv", _rows())
    monkeypatch.setenv(parallel.WORKERS_ENV, "0")
    with Ledger(tmp_path / "a" / "kg.sqlite") as a:
        one = load_file(a, "police", src)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "MIN_ROWS", 10)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    with Ledger(tmp_path / "b" / "kg.sqlite") as b:
        two = load_file(b, "police", src)
    assert (one.loaded, one.rejected) == (two.loaded, two.rejected)
    assert one.rejected > 0
    assert _dump(tmp_path / "a" / "kg.sqlite") == _dump(tmp_path / "b" / "kg.sqlite")


def test_worker_error_surfaces_with_its_type_and_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: RowNormaliser, row_no: int, cells: list[str]) -> PackedRow | Reject:
        raise InputError(f"bad row {row_no}")

    monkeypatch.setattr(RowNormaliser, "pack", boom)  # inherited by the forked workers
    table = [(n + 2, [row[h] for h in POLICE]) for n, row in enumerate(_rows())]
    with NormalisedRows(_norm(), table, workers=2, min_rows=10) as rows:
        assert rows.parallel
        with pytest.raises(InputError, match="bad row 2"):
            list(rows)


def _die(chunk: list[tuple[int, list[str]]]) -> list[object]:
    import os

    os._exit(9)  # a worker killed mid-load (out of memory, kill -9)


def test_a_dead_worker_fails_the_load_instead_of_hanging_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``multiprocessing.Pool`` replaced a dead worker and waited for ever on its chunk."""
    path = police_csv(tmp_path / "p.csv", _rows())
    monkeypatch.setattr(parallel, "_pack_chunk", _die)
    monkeypatch.setattr(parallel, "MIN_ROWS", 10)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    with Ledger(tmp_path / "kg.sqlite") as ledger:
        with pytest.raises(KgError, match="worker process died"):
            load_file(ledger, "police", path)
        assert ledger.connection.execute("SELECT count(*) FROM records").fetchone() == (0,)
