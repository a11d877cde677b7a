"""Streaming readers: a file becomes ``(row_no, cells)`` pairs without ever being held whole.

Why our own chunked decoding instead of one ``io.TextIOWrapper``: decoding 1 MiB
chunks cut at a line break (a line feed never occurs inside a GB18030 or UTF-8
multi-byte sequence) is as fast, and a ``UnicodeDecodeError`` then names the exact
byte offset and line, which is what the clerk needs to find the bad export.

Rows come out as cell lists, not dicts: whether a row is ragged (more or fewer cells
than the header) is a per-row reject decided in ``loaders/rows.py``, and a dict
cannot say that. ``row_no`` is the physical line (CSV: the record's first line) or
sheet row (XLSX) where the record starts; the header is row 1.

Decisions: an XLSX workbook is read from its first sheet; another sheet holding any
value is refused (a clerk who left data there expects it to be loaded), empty extra
sheets are ignored. Merged cells are refused (the merged value belongs to several rows).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from kg.errors import EncodingError, FileFormatError

_CHUNK = 1 << 20
_MAX_LINE = 16 << 20
_ENCODING_NAMES = {"gb18030": "GB18030/GBK", "utf-8": "UTF-8", "utf-8-sig": "UTF-8"}
_MERGE_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?ref=\"([^\"]+)\"")

Row = tuple[int, list[str]]


class Table(Protocol):
    """An open source table: its header cells, its rows, and how far reading has got."""

    header: list[str]
    total: int  # progress units in the whole file (bytes for CSV, rows for XLSX)
    unit: str  # "bytes" or "rows"
    notes: list[str]  # what the load should report besides its counts

    def position(self) -> int: ...
    def __iter__(self) -> Iterator[Row]: ...
    def close(self) -> None: ...


def _enc_name(encoding: str) -> str:
    return _ENCODING_NAMES.get(codecs.lookup(encoding).name, encoding)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


class CsvTable:
    """A CSV file (RFC 4180: quoted fields, embedded line breaks) in a declared encoding."""

    unit = "bytes"

    def __init__(
        self,
        path: Path,
        encoding: str,
        expected_headers: Sequence[str] = (),
        *,
        delimiter: str = ",",
    ) -> None:
        self.path = path
        self.notes: list[str] = []
        self.encoding = codecs.lookup(encoding).name
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        try:
            self.total = os.fstat(self._file.fileno()).st_size
            self._pos = 0
            self._lines_before = 0
            self._check_start()
            self._reader = csv.reader(self._decoded_lines(), delimiter=delimiter)
            self._last_line = 0
            header = self._next_record()
            if header is None:
                raise FileFormatError(f"{path}: the file has no header line (only blank lines)")
            self._check_header_encoding(header[1], expected_headers)
            self.header = header[1]
            self._first = self._next_record()
            if self._first is None:
                raise FileFormatError(f"{path}: the file has a header but no data rows")
        except BaseException:
            self._file.close()
            raise

    def _check_start(self) -> None:
        head = self._file.read(4)
        self._file.seek(0)
        if not head:
            raise FileFormatError(f"{self.path}: the file is empty (0 bytes)")
        if head.startswith(b"PK\x03\x04"):
            raise FileFormatError(
                f"{self.path}: this is a ZIP archive (an XLSX workbook?), not a CSV text file"
            )
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise EncodingError(
                f"{self.path}: the file is UTF-16 encoded; expected {_enc_name(self.encoding)}"
            )
        if head.startswith(codecs.BOM_UTF8) and self.encoding == "gb18030":
            raise EncodingError(
                f"{self.path}: the file starts with a UTF-8 byte-order mark, so it is UTF-8; "
                f"expected {_enc_name(self.encoding)}"
            )

    def _decoded_lines(self) -> Iterator[str]:
        pending = b""
        first = True
        while True:
            chunk = self._file.read(_CHUNK)
            data = pending + chunk
            if not chunk:
                if data:
                    yield from self._decode(data, first)
                return
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                if len(data) > _MAX_LINE:
                    raise FileFormatError(
                        f"{self.path}: no line break in {len(data) >> 20} MiB from byte "
                        f"{self._pos}: not a CSV text file"
                    )
                pending = data
                continue
            pending = data[cut:]
            yield from self._decode(data[:cut], first)
            first = False

    def _decode(self, data: bytes, first: bool) -> Iterator[str]:
        nul = data.find(b"\x00")
        if nul >= 0:
            line = self._lines_before + data.count(b"\n", 0, nul) + 1
            raise FileFormatError(
                f"{self.path}: NUL byte at byte {self._pos + nul} (line {line}): "
                "binary data, not a CSV text file"
            )
        codec = "utf-8-sig" if first and self.encoding == "utf-8-sig" else self.encoding
        if codec == "utf-8-sig" and not first:
            codec = "utf-8"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise self._decode_error(data, exc) from None
        self._pos += len(data)
        self._lines_before += data.count(b"\n")
        yield from io.StringIO(text, newline="\n")

    def _decode_error(self, data: bytes, exc: UnicodeDecodeError) -> EncodingError:
        offset = self._pos + exc.start
        line = self._lines_before + data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 4].hex(" ")
        msg = (
            f"{self.path}: byte {offset} (line {line}) is not valid "
            f"{_enc_name(self.encoding)} (bytes {bad})"
        )
        for other in ("utf-8", "gb18030"):
            if codecs.lookup(other).name != self.encoding.replace("-sig", "") and _decodes(
                data, other
            ):
                msg += f"; the file looks {_enc_name(other)}-encoded"
                break
        return EncodingError(msg)

    def _check_header_encoding(self, header: list[str], expected: Sequence[str]) -> None:
        """A UTF-8 file read as GB18030 decodes without error into nonsense; catch it here."""
        from loaders.headers import clean_header

        if not expected or any(clean_header(h) in expected for h in header):
            return
        raw = ",".join(header).encode(self.encoding.replace("-sig", ""), errors="replace")
        for other in ("utf-8", "gb18030"):
            if other == self.encoding.replace("-sig", ""):
                continue
            try:
                again = raw.decode(other)
            except UnicodeDecodeError:
                continue
            if any(clean_header(h) in expected for h in again.split(",")):
                raise EncodingError(
                    f"{self.path}: the file is {_enc_name(other)}-encoded; "
                    f"expected {_enc_name(self.encoding)}"
                )

    def _next_record(self) -> Row | None:
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return None
            except csv.Error as exc:
                raise FileFormatError(
                    f"{self.path}: line {self._last_line + 1}: malformed CSV ({exc}; "
                    "an unclosed quote?)"
                ) from None
            start = self._last_line + 1
            self._last_line = self._reader.line_num
            if cells:  # a blank line is not a record
                return start, cells

    def position(self) -> int:
        return self._pos

    def __iter__(self) -> Iterator[Row]:
        if self._first is not None:
            first, self._first = self._first, None
            yield first
        while (row := self._next_record()) is not None:
            yield row

    def close(self) -> None:
        self._file.close()


def excel_number_text(value: float) -> str:
    """A number cell as text: exact digits when Excel could hold them, else Excel's display.

    Excel keeps 15 significant digits, so an 18-digit ID typed as a number is already
    damaged; its scientific form (``1.10105198503121E+17``) is kept so the loader can flag it.
    An ``int`` is different: openpyxl returns one only when the cell's XML holds a plain
    digit string (Excel writes 18-digit numbers in E-notation), so a workbook written by
    another program that stored the ID as an integer still has every digit.
    """
    if isinstance(value, int):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    if abs(value) >= 1e15:
        mantissa, exp = f"{float(value):.14E}".split("E")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}E+{int(exp):02d}" if int(exp) >= 0 else f"{mantissa}E{int(exp):03d}"
    return f"{float(value):.15g}"


def cell_text(value: Any, number_format: str = "General") -> str:
    """Render one XLSX cell value as the text a CSV export of it would carry."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return value.isoformat(sep=" ")
        if "d" not in number_format.lower():  # a month-only format such as yyyy-mm
            return f"{value.year:04d}-{value.month:02d}"
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        return excel_number_text(value)
    return str(value)


class XlsxTable:
    """The first (or a named) sheet of an XLSX workbook, streamed with openpyxl read-only."""

    unit = "rows"

    def __init__(
        self, path: Path, sheet: str | int | None = None, expected_headers: Sequence[str] = ()
    ) -> None:
        import openpyxl

        self.path = path
        self.expected_headers = frozenset(h.strip() for h in expected_headers)
        #: What the load should tell the clerk besides its counts (a sheet left out).
        self.notes: list[str] = []
        if path.stat().st_size == 0:
            raise FileFormatError(f"{path}: the file is empty (0 bytes)")
        if not zipfile.is_zipfile(path):
            with open(path, "rb") as fh:
                head = fh.read(4)
            what = "truncated or damaged" if head.startswith(b"PK") else "not an XLSX workbook"
            raise FileFormatError(f"{path}: {what} (not a valid ZIP archive)")
        try:
            # openpyxl warns about styles/extensions it ignores; values are unaffected.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError) as exc:
            raise FileFormatError(f"{path}: cannot open the XLSX workbook ({exc})") from None
        try:
            self._ws = self._pick_sheet(sheet)
            self._check_merged()
            self.total = int(self._ws.max_row or 0)
            self._done = 0
            self._source_rows: Iterator[Any] = self._ws.iter_rows(min_row=1)
            self._rows: Generator[Row, None, None] = self._iter_rows()
            first = next(self._rows, None)
            if first is None:
                raise FileFormatError(f"{path}: sheet {self._ws.title!r} is empty")
            self.header = first[1]
            self._first = next(self._rows, None)
            if self._first is None:
                raise FileFormatError(
                    f"{path}: sheet {self._ws.title!r} has a header but no data rows"
                )
        except BaseException:
            for gen in ("_rows", "_source_rows"):
                getattr(getattr(self, gen, None), "close", lambda: None)()
            self._wb.close()
            raise

    def _pick_sheet(self, sheet: str | int | None) -> Any:
        sheets = self._wb.worksheets
        names = [ws.title for ws in sheets]
        if isinstance(sheet, str):
            if sheet not in names:
                raise FileFormatError(
                    f"{self.path}: no sheet named {sheet!r} (sheets: {', '.join(names)})"
                )
            return self._wb[sheet]
        if isinstance(sheet, int):
            if not 1 <= sheet <= len(sheets):
                raise FileFormatError(
                    f"{self.path}: no sheet number {sheet} ({len(sheets)} sheets)"
                )
            return sheets[sheet - 1]
        busy: list[str] = []
        for ws in sheets[1:]:
            head, rows = self._first_row_and_count(ws)
            if not rows:
                continue
            if self._is_register(head):
                busy.append(ws.title)
            else:
                self.notes.append(
                    f"sheet {ws.title!r} ({rows} rows) does not carry the register's "
                    f"columns and was not loaded; only the first sheet, {names[0]!r}, is"
                )
        if busy:
            raise FileFormatError(
                f"{self.path}: the workbook has register rows on {len(busy) + 1} sheets "
                f"({', '.join([names[0], *busy])}); only the first sheet is loaded — "
                "move the rows onto one sheet or name the sheet in a mapping file"
            )
        return sheets[0]

    def _is_register(self, head: Sequence[object]) -> bool:
        """A sheet whose first row has two or more of the layout's headers holds register
        rows: loading only the first sheet would silently drop them. A summary, a
        legend or notes (统计, 说明) carries none of them and does not stop the load."""
        if not self.expected_headers:
            return True  # nothing to tell them apart by: every sheet with values counts
        found = {str(v).strip() for v in head if v is not None}
        return len(found & self.expected_headers) >= 2

    @staticmethod
    def _first_row_and_count(ws: Any) -> tuple[Sequence[object], int]:
        """The first row with a value, and how many rows have one."""
        head: Sequence[object] = ()
        rows = 0
        for row in ws.iter_rows(values_only=True):
            if any(v is not None and v != "" for v in row):
                if not rows:
                    head = row
                rows += 1
        return head, rows

    def _guard(self, exc: Exception) -> FileFormatError:
        return FileFormatError(f"{self.path}: the XLSX workbook is damaged ({exc})")

    def _check_merged(self) -> None:
        """Find ``<mergeCell>`` in the sheet XML by a streaming byte scan (read-only mode
        does not parse merged ranges); it sits after the cell data, so the whole part is read."""
        refs: list[str] = []
        tail = b""
        try:
            with self._wb._archive.open(self._ws._worksheet_path) as src:
                while chunk := src.read(_CHUNK):
                    data = tail + chunk
                    refs.extend(m.group(1).decode() for m in _MERGE_RE.finditer(data))
                    tail = data[-256:] if not _MERGE_RE.search(data[-256:]) else b""
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise self._guard(exc) from None
        if refs:
            shown = ", ".join(sorted(set(refs))[:5]) + (" …" if len(set(refs)) > 5 else "")
            raise FileFormatError(
                f"{self.path}: sheet {self._ws.title!r} has merged cells ({shown}); "
                "unmerge them so every row carries its own values"
            )

    def _iter_rows(self) -> Generator[Row, None, None]:
        """Rows as cell texts, trailing blanks dropped, then padded to the header's width.

        Why pad: Excel and openpyxl do not store trailing empty cells, so a row whose
        last columns are blank is shorter than the header. In a worksheet a cell's
        column is its position, so such a row is complete, not ragged as a short CSV
        line would be; only a row with values beyond the header is.
        """
        width = 0
        try:
            for row_no, cells in enumerate(self._source_rows, start=1):
                self._done = row_no
                texts = [cell_text(c.value, getattr(c, "number_format", "General")) for c in cells]
                while texts and texts[-1] == "":
                    texts.pop()
                if texts:
                    if not width:
                        width = len(texts)  # the header row
                    elif len(texts) < width:
                        texts.extend([""] * (width - len(texts)))
                    yield row_no, texts
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError) as exc:
            raise self._guard(exc) from None

    def position(self) -> int:
        return self._done

    def __iter__(self) -> Iterator[Row]:
        if self._first is not None:
            first, self._first = self._first, None
            yield first
        yield from self._rows

    def close(self) -> None:
        # Close the row generators first: the sheet XML member stays open until they end.
        self._rows.close()
        close = getattr(self._source_rows, "close", None)
        if close is not None:
            close()
        self._wb.close()


def open_table(
    path: Path,
    fmt: str,
    encoding: str | None,
    *,
    sheet: str | int | None = None,
    expected_headers: Sequence[str] = (),
) -> Table:
    """Open a source file for streaming; file-level problems raise here, before any row."""
    if not path.is_file():
        raise FileFormatError(f"{path}: no such file")
    if fmt == "xlsx":
        return XlsxTable(path, sheet, expected_headers)
    return CsvTable(path, encoding or "utf-8", expected_headers)
