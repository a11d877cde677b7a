"""Builders for small source files used by the loader, ledger and CLI tests."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from loaders.layouts import LAYOUTS

POLICE = list(LAYOUTS["police"].headers)
CIVIL = list(LAYOUTS["civil_affairs"].headers)


def police_row(i: int = 1, **over: str) -> dict[str, str]:
    row = {
        "记录编号": f"GA{i:05d}", "姓名": "张伟", "曾用名": "", "性别": "男", "民族": "汉族",
        "出生日期": "1985-03-12", "公民身份号码": "110105198503121234", "户号": "H001",
        "与户主关系": "户主", "户籍地址": "北京市朝阳区建国路5号",
        "现住址": "朝阳区阳光小区5-3-502",
        "服务处所": "北京华信科技有限公司", "联系电话": "138 1234 5678", "人员类型": "户籍人口",
    }  # fmt: skip
    row.update(over)
    return row


def write_csv(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[str] | dict[str, str]],
    encoding: str = "gb18030",
) -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh)
        out.writerow(headers)
        for row in rows:
            out.writerow([row.get(h, "") for h in headers] if isinstance(row, dict) else row)
    return path


def police_csv(path: Path, rows: Sequence[dict[str, str]], encoding: str = "gb18030") -> Path:
    return write_csv(path, POLICE, rows, encoding)


def civil_row(i: int = 1, **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "编号": f"MZ{i:05d}", "姓名": "李娜", "身份证号": "110105198503121234", "性别": "女",
        "出生年月": "1985-03", "居住地址": "阳光小区5号楼3单元502室", "联系电话": "13812345678",
        "婚姻状况": "已婚", "配偶姓名": "王强", "配偶身份证号": "", "服务类别": "低保",
    }  # fmt: skip
    row.update(over)
    return row


def write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[dict[str, Any]],
    *,
    extra_sheets: dict[str, list[list[Any]]] | None = None,
    merge: str | None = None,
    number_formats: dict[str, str] | None = None,
    write_only: bool = False,
) -> Path:
    """``write_only`` writes as streaming tools do: no sheet dimension, and rows end at
    their last non-empty cell."""
    import openpyxl

    if write_only:
        stream = openpyxl.Workbook(write_only=True)
        sheet = stream.create_sheet("Sheet1")
        sheet.append(list(headers))
        for row in rows:
            sheet.append([row.get(h) for h in headers])
        stream.save(path)
        return path
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h) for h in headers])
    for col, fmt in (number_formats or {}).items():
        idx = list(headers).index(col) + 1
        for r in range(2, len(rows) + 2):
            ws.cell(row=r, column=idx).number_format = fmt
    if merge:
        ws.merge_cells(merge)
    for name, data in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for line in data:
            other.append(line)
    wb.save(path)
    return path
