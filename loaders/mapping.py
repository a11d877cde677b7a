"""Mapping files: load an extract whose layout is not one of the five.

A mapping file is TOML (see ``loaders/mappings/example.toml`` and
``docs/input-formats.md``). It says which of the five kinds the rows are (so the
resolver knows their meaning), under which source name they are stored, how the file
is read, and which file header feeds which canonical field. Headers the file has but
the mapping does not name are kept in ``raw`` like any extra column.

Why validate everything before reporting: the person writing a mapping fixes all of
its problems in one go instead of one per run.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import Any

from kg.errors import MappingError
from loaders.headers import clean_header
from loaders.layouts import FIELDS_OF_KIND, LAYOUTS, REQUIRED_ANY, FileFormat, Layout

_KEYS = {"kind", "source", "format", "encoding", "sheet", "description", "columns"}
_SOURCE_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def load_mapping(path: Path) -> Layout:
    """Read and validate a mapping file; one MappingError lists every problem found."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MappingError(f"{path}: mapping file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path}: cannot read mapping file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path}: not valid TOML ({exc})") from None
    return parse_mapping(data, where=str(path))


def parse_mapping(data: dict[str, Any], *, where: str = "mapping") -> Layout:
    """Validate an already-parsed mapping document and build its ``Layout``."""
    problems: list[str] = []
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        problems.append(
            f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_KEYS))})"
        )

    kind = data.get("kind")
    base: Layout | None = None
    if kind is None:
        problems.append(f"'kind' is required: one of {', '.join(LAYOUTS)}")
    elif not isinstance(kind, str) or kind not in LAYOUTS:
        problems.append(f"kind {kind!r} is not one of {', '.join(LAYOUTS)}")
    else:
        base = LAYOUTS[kind]

    source = data.get("source", kind)
    if not isinstance(source, str) or not _SOURCE_RE.match(source):
        problems.append(f"source {source!r} must be lower-case letters, digits and _")
    elif source in LAYOUTS and source != kind:
        problems.append(f"source {source!r} is a built-in source of kind {source}, not {kind}")

    fmt = data.get("format", base.format if base else "csv")
    if fmt not in ("csv", "xlsx"):
        problems.append(f"format {fmt!r} must be 'csv' or 'xlsx'")

    encoding = data.get("encoding")
    if encoding is not None:
        if fmt == "xlsx":
            problems.append("'encoding' applies to CSV files only")
        elif not isinstance(encoding, str):
            problems.append(f"encoding {encoding!r} must be a string")
        else:
            try:
                codecs.lookup(encoding)
            except LookupError:
                problems.append(f"unknown encoding {encoding!r}")
    elif fmt == "csv":
        encoding = base.encoding if base and base.format == "csv" else "utf-8"

    sheet = data.get("sheet")
    if sheet is not None:
        if fmt != "xlsx":
            problems.append("'sheet' applies to XLSX files only")
        elif isinstance(sheet, bool) or not isinstance(sheet, str | int):
            problems.append(f"sheet {sheet!r} must be a sheet name or a 1-based number")
        elif isinstance(sheet, int) and sheet < 1:
            problems.append(f"sheet number {sheet} must be 1 or more")

    columns = _check_columns(data.get("columns"), kind if base else None, problems)
    if problems:
        raise MappingError(f"{where}: " + "; ".join(problems))
    assert isinstance(kind, str) and isinstance(source, str)
    file_format: FileFormat = "xlsx" if fmt == "xlsx" else "csv"
    return Layout(
        source=source,
        kind=kind,
        format=file_format,
        encoding=encoding if file_format == "csv" else None,
        columns=columns,
        sheet=sheet,
        description=str(data.get("description", "")),
    )


def _check_columns(columns: Any, kind: str | None, problems: list[str]) -> dict[str, str]:
    if not isinstance(columns, dict) or not columns:
        problems.append("[columns] is required: file header = canonical field")
        return {}
    allowed = FIELDS_OF_KIND[kind] if kind else ()
    out: dict[str, str] = {}
    targets: dict[str, str] = {}
    for header, field in columns.items():
        name = clean_header(header)
        if not name:
            problems.append("a column header is blank")
            continue
        if not isinstance(field, str):
            problems.append(f"column {name!r}: field {field!r} must be a string")
            continue
        if kind and field not in allowed:
            problems.append(f"column {name!r}: {field!r} is not a {kind} field")
            continue
        if field in targets:
            problems.append(f"columns {targets[field]!r} and {name!r} both map to {field!r}")
            continue
        if name in out:
            problems.append(f"column {name!r} is listed twice")
            continue
        targets[field] = name
        out[name] = field
    if kind:
        if "record_id" not in targets:
            problems.append("no column maps to 'record_id' (the source's own record id)")
        need = REQUIRED_ANY[kind]
        if not any(f in targets for f in need):
            problems.append(f"a {kind} mapping needs a column for one of: {', '.join(need)}")
    return out
