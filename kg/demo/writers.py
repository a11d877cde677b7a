"""Streaming writers for the five extract formats and the truth file.

Rows are written as they are generated so that a million-resident district never
sits in memory. Each file's header is the contract header, optionally with extra
columns and a per-file column order (the contract allows both); the XLSX archive
is re-packed with fixed timestamps so the same seed gives byte-identical files.
"""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from openpyxl import Workbook

__all__ = ["HEADERS", "CsvSink", "Cell", "TruthSink", "XlsxSink"]

HEADERS: dict[str, list[str]] = {
    "police": [
        "记录编号", "姓名", "曾用名", "性别", "民族", "出生日期", "公民身份号码", "户号",
        "与户主关系", "户籍地址", "现住址", "服务处所", "联系电话", "人员类型",
    ],
    "civil_affairs": [
        "编号", "姓名", "身份证号", "性别", "出生年月", "居住地址", "联系电话", "婚姻状况",
        "配偶姓名", "配偶身份证号", "服务类别",
    ],
    "family_planning": [
        "档案号", "家庭档案号", "姓名", "身份证号", "性别", "出生日期", "家庭角色",
        "现居住地址", "户籍地址", "工作单位", "手机号码",
    ],
    "housing": [
        "房屋编号", "房屋地址", "房屋用途", "产权人姓名", "产权人证件号码", "承租人姓名",
        "承租人证件号码",
    ],
    "organisations": [
        "登记编号", "统一社会信用代码", "单位名称", "单位类型", "法定代表人",
        "法定代表人证件号码", "注册地址", "成立日期",
    ],
}  # fmt: skip

Cell = str | int | float | datetime
_FIXED_TIME = (2024, 7, 1, 0, 0, 0)
_FIXED_ISO = "2024-07-01T00:00:00Z"


class _Layout:
    """Contract columns plus extras, written in ``order`` (indices into the full row)."""

    def __init__(self, header: list[str], extras: list[str], order: list[int] | None) -> None:
        self.columns = header + extras
        self.order = order if order is not None else list(range(len(self.columns)))

    def arrange(self, row: list[Cell]) -> list[Cell]:
        return [row[i] for i in self.order]


class CsvSink:
    """A CSV extract: RFC 4180 quoting (QUOTE_MINIMAL), CRLF line ends."""

    def __init__(
        self,
        path: Path,
        header: list[str],
        encoding: str,
        extras: list[str] | None = None,
        order: list[int] | None = None,
    ) -> None:
        self.layout = _Layout(header, extras or [], order)
        self.fh: IO[str] = path.open("w", encoding=encoding, newline="")
        self.writer = csv.writer(self.fh, quoting=csv.QUOTE_MINIMAL)
        self.writer.writerow(self.layout.arrange(list(self.layout.columns)))
        self.rows = 0

    def write(self, row: list[Cell]) -> None:
        self.writer.writerow(self.layout.arrange(row))
        self.rows += 1

    def close(self) -> None:
        self.fh.close()

    def __enter__(self) -> CsvSink:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class XlsxSink:
    """A one-sheet XLSX written in openpyxl write-only mode, then re-packed deterministically."""

    def __init__(
        self,
        path: Path,
        header: list[str],
        extras: list[str] | None = None,
        order: list[int] | None = None,
    ) -> None:
        self.path = path
        self.layout = _Layout(header, extras or [], order)
        self.wb = Workbook(write_only=True)
        self.wb.properties.created = datetime(*_FIXED_TIME)
        self.ws = self.wb.create_sheet("Sheet1")
        self.ws.append(self.layout.arrange(list(self.layout.columns)))
        self.rows = 0

    def write(self, row: list[Cell]) -> None:
        self.ws.append(self.layout.arrange(row))
        self.rows += 1

    def close(self) -> None:
        tmp = self.path.with_suffix(".tmp.xlsx")
        self.wb.save(tmp)
        _repack(tmp, self.path)
        tmp.unlink()

    def __enter__(self) -> XlsxSink:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _repack(src: Path, dst: Path) -> None:
    """Copy the archive with fixed entry times and a fixed modified date in core.xml."""
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = stamp.sub(rb"\g<1>" + _FIXED_ISO.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(item.filename, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)


class TruthSink:
    """truth.csv in the links-export format: source,record_id,role,entity_id."""

    def __init__(self, path: Path) -> None:
        self.fh: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.fh, lineterminator="\n")
        self.writer.writerow(["source", "record_id", "role", "entity_id"])
        self.rows = 0

    def add(self, source: str, record_id: str, role: str, entity_id: str) -> None:
        self.writer.writerow((source, record_id, role, entity_id))
        self.rows += 1

    def close(self) -> None:
        self.fh.close()
