from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.errors import EncodingError, FileFormatError
from loaders.layouts import LAYOUTS
from loaders.readers import cell_text, excel_number_text, open_table
from tests.factories import CIVIL, POLICE, civil_row, police_csv, police_row, write_xlsx

EXPECTED = LAYOUTS["police"].headers


def _rows(path: Path, fmt: str = "csv", enc: str | None = "gb18030") -> list[tuple[int, list[str]]]:
    table = open_table(path, fmt, enc, expected_headers=EXPECTED)
    try:
        return list(table)
    finally:
        table.close()


def test_gb18030_csv_with_embedded_newline_counts_physical_lines(tmp_path: Path) -> None:
    path = police_csv(
        tmp_path / "p.csv",
        [police_row(1, 现住址="阳光小区\n5-3-502"), police_row(2, 姓名="欧阳娜娜")],
    )
    rows = _rows(path)
    assert [r[0] for r in rows] == [2, 4]
    assert rows[0][1][10] == "阳光小区\n5-3-502"
    assert rows[1][1][1] == "欧阳娜娜"


def test_gbk_file_reads_as_gb18030(tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(1)], encoding="gbk")
    assert _rows(path)[0][1][1] == "张伟"


def test_utf8_file_given_as_police_says_so(tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(1)], encoding="utf-8")
    with pytest.raises(EncodingError, match="not valid GB18030.*looks UTF-8"):
        _rows(path)


def test_gbk_file_given_as_utf8_names_offset_and_guess(tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(1)], encoding="gbk")
    with pytest.raises(EncodingError, match=r"byte 0 \(line 1\) is not valid UTF-8.*GB18030"):
        _rows(path, enc="utf-8")


def test_bad_byte_in_a_later_line(tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(1), police_row(2)], encoding="utf-8")
    data = path.read_bytes() + b"GA9,\xff\xfe\n"
    path.write_bytes(data)
    with pytest.raises(EncodingError, match=r"line 4"):
        _rows(path, enc="utf-8")


def test_empty_header_only_and_binary_files(tmp_path: Path) -> None:
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(FileFormatError, match="empty"):
        _rows(empty)
    header_only = police_csv(tmp_path / "h.csv", [])
    with pytest.raises(FileFormatError, match="no data rows"):
        _rows(header_only)
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02garbage\x00" * 10)
    with pytest.raises(FileFormatError, match="NUL byte"):
        _rows(binary)


def test_unclosed_quote_at_end_is_one_ragged_record(tmp_path: Path) -> None:
    path = police_csv(tmp_path / "p.csv", [police_row(1)])
    path.write_bytes(path.read_bytes() + b'GA2,"unterminated\n')
    rows = _rows(path)
    assert rows[-1][0] == 3 and len(rows[-1][1]) == 2


def test_xlsx_dates_numbers_and_mangled_ids(tmp_path: Path) -> None:
    rows = [
        civil_row(1, 出生年月=dt.datetime(1985, 3, 1), 身份证号=1.10105198503121e17),
        civil_row(
            2, 出生年月=dt.datetime(1990, 7, 12), 身份证号=110105850312123, 联系电话=13812345678
        ),
    ]
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, rows, number_formats={"出生年月": "yyyy-mm"})
    out = _rows(path, "xlsx", None)
    assert out[0][1][4] == "1985-03"
    assert out[0][1][2] == "1.10105198503121E+17"
    assert out[1][1][2] == "110105850312123"
    assert out[1][1][6] == "13812345678"


def test_cell_text_rules() -> None:
    assert cell_text(dt.datetime(1985, 3, 12), "yyyy-mm-dd") == "1985-03-12"
    assert cell_text(31118.0) == "31118"
    assert cell_text(2.5) == "2.5"
    assert excel_number_text(1.10105198503121234e17) == "1.10105198503121E+17"
    # an int came from a plain digit string in the XML: every digit is there
    assert excel_number_text(110105198503121234) == "110105198503121234"
    assert cell_text(None) == "" and cell_text(True) == "TRUE"


def test_xlsx_with_second_sheet_of_register_rows_is_refused(tmp_path: Path) -> None:
    second = [list(CIVIL), list(civil_row(9).values())]
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, [civil_row(1)], extra_sheets={"第二批": second})
    with pytest.raises(FileFormatError, match="register rows on 2 sheets.*第二批"):
        open_table(path, "xlsx", None, expected_headers=CIVIL)


def test_xlsx_with_a_summary_sheet_loads_the_first_and_says_so(tmp_path: Path) -> None:
    summary = [["服务类别", "人数"], ["低保", 12], ["高龄", 30]]
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, [civil_row(1)], extra_sheets={"统计": summary})
    table = open_table(path, "xlsx", None, expected_headers=CIVIL)
    try:
        assert [cells[0] for _, cells in table] == ["MZ00001"]
        assert len(table.notes) == 1 and "'统计' (3 rows)" in table.notes[0]
    finally:
        table.close()


def test_xlsx_with_empty_second_sheet_loads(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, [civil_row(1)], extra_sheets={"空": []})
    assert len(_rows(path, "xlsx", None)) == 1


def test_xlsx_merged_cells_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, [civil_row(1), civil_row(2)], merge="I2:I3")
    with pytest.raises(FileFormatError, match=r"merged cells \(I2:I3\)"):
        _rows(path, "xlsx", None)


def test_truncated_xlsx_and_csv_given_as_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, [civil_row(1)])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(FileFormatError, match="truncated or damaged"):
        _rows(cut, "xlsx", None)
    text = police_csv(tmp_path / "p.csv", [police_row(1)])
    with pytest.raises(FileFormatError, match="not an XLSX"):
        _rows(text, "xlsx", None)
    with pytest.raises(FileFormatError, match="ZIP archive"):
        _rows(path, "csv", "gb18030")


def test_header_row_read_from_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, [civil_row(1)])
    table = open_table(path, "xlsx", None)
    try:
        assert table.header == CIVIL and table.unit == "rows"
    finally:
        table.close()


def test_police_header_constant_matches() -> None:
    assert tuple(POLICE) == EXPECTED


def test_xlsx_row_with_blank_last_cells_is_complete(tmp_path: Path) -> None:
    """Streaming writers store no sheet size and no trailing empty cells: such a row is
    complete, not ragged (a short CSV line would be)."""
    rows = [civil_row(1), civil_row(2, 服务类别=None, 配偶身份证号=None, 配偶姓名=None)]
    path = write_xlsx(tmp_path / "c.xlsx", CIVIL, rows, write_only=True)
    out = _rows(path, "xlsx", None)
    assert [len(cells) for _n, cells in out] == [len(CIVIL), len(CIVIL)]
    assert out[1][1][CIVIL.index("服务类别")] == ""
