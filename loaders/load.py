"""Load one source file into the ledger: read → check header → normalise → store.

Why this order: every file-level problem (no such file, wrong encoding, a bad or
renamed header, an empty or broken workbook) is raised while opening, before the
ledger is touched; row-level problems become rejects and the good rows still load.
The rejects of a load are also written as a CSV report for the department, at
``<ledger dir>/rejects/<source>-<load_id>.csv`` (UTF-8 with BOM so that Excel opens
it), with columns row_no, column, reason, record_id, raw.

The ledger is passed in (``kg.store.ledger.Ledger``) rather than imported, so that
``loaders`` stays below ``kg.store`` in the import order.
"""

from __future__ import annotations

import csv
import dataclasses
import gc
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError, MappingError
from loaders.headers import check_headers
from loaders.layouts import LAYOUTS, Layout
from loaders.mapping import load_mapping
from loaders.parallel import Item, NormalisedRows
from loaders.readers import open_table
from loaders.rows import RowNormaliser

if TYPE_CHECKING:
    from kg.store.ledger import Ledger, LoadSummary

#: progress(done, total, unit): unit is "bytes" (CSV) or "rows" (XLSX).
Progress = Callable[[int, int, str], None]
_PROGRESS_EVERY = 2000


def resolve_layout(source: str, mapping: Path | Layout | None = None) -> Layout:
    """The layout for a source name, from the five built-ins or a mapping file."""
    if mapping is None:
        if source not in LAYOUTS:
            raise InputError(
                f"unknown source {source!r}: expected one of {', '.join(LAYOUTS)} "
                "(or describe the file with --mapping)"
            )
        return LAYOUTS[source]
    layout = mapping if isinstance(mapping, Layout) else load_mapping(mapping)
    if layout.source != source:
        raise MappingError(
            f"the mapping file stores rows as source {layout.source!r}, but {source!r} was given"
        )
    return layout


def file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def reject_report_path(ledger: Ledger, source: str, load_id: int) -> Path:
    return ledger.path.parent / "rejects" / f"{source}-{load_id}.csv"


def load_file(
    ledger: Ledger,
    source: str,
    path: Path | str,
    mapping: Path | Layout | None = None,
    progress: Progress | None = None,
) -> LoadSummary:
    """Load ``path`` as ``source``; see the module docstring. Returns what happened."""
    layout = resolve_layout(source, mapping)
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    sha = file_sha256(path)
    shown = str(path.resolve())
    if ledger.find_load(layout.source, sha) is not None:
        summary = ledger.load_records(layout.source, layout.kind, shown, sha, ())
        report = reject_report_path(ledger, layout.source, summary.already_loaded_as or 0)
        return dataclasses.replace(summary, reject_report=str(report) if report.is_file() else None)
    table = open_table(
        path,
        layout.format,
        layout.encoding,
        sheet=layout.sheet,
        expected_headers=layout.headers,
    )
    try:
        header = check_headers(table.header, layout, where=str(path))
        normalise = RowNormaliser(layout, header)
        # Why: a load allocates millions of small acyclic dicts while the normalisers'
        # caches grow; default GC thresholds then rescan those caches again and again.
        thresholds = gc.get_threshold()
        gc.set_threshold(100_000, 50, 100)
        try:
            with NormalisedRows(normalise, table) as rows:

                def items() -> Iterator[Item]:
                    for n, item in enumerate(rows, start=1):
                        yield item
                        if progress is not None and n % _PROGRESS_EVERY == 0:
                            progress(table.position(), table.total, table.unit)
                    if progress is not None:
                        progress(table.total, table.total, table.unit)

                summary = ledger.load_records(
                    layout.source, layout.kind, shown, sha, items(), dict(layout.columns)
                )
        finally:
            gc.set_threshold(*thresholds)
    finally:
        table.close()
    if table.notes:
        summary = dataclasses.replace(summary, notes=tuple(table.notes))
    if summary.rejected and summary.load_id is not None:
        report = reject_report_path(ledger, layout.source, summary.load_id)
        write_reject_report(ledger, summary.load_id, report)
        summary = dataclasses.replace(summary, reject_report=str(report))
    return summary


def write_reject_report(ledger: Ledger, load_id: int, report: Path) -> None:
    """Write a load's rejects as CSV; the raw cells go in one JSON column, header → cell."""
    report.parent.mkdir(parents=True, exist_ok=True)
    tmp = report.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["row_no", "column", "reason", "record_id", "raw"])
        for r in ledger.rejects(load_id):
            out.writerow(
                [r.row_no, r.column or "", r.reason, r.record_id or "",
                 json.dumps(r.raw, ensure_ascii=False)]
            )  # fmt: skip
    tmp.replace(report)
