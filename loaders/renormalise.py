"""Read every stored row again with this version's normalisers (``kg renormalise``).

Why from the raw cells: the ledger keeps each row verbatim, so a store loaded by an
earlier kg can take a normaliser's improvements without the departments' files, and
its content hashes (of the raw cells) stay valid: loading the same file afterwards
still changes nothing. All stored versions of every row are read again, so an
explanation citing an earlier version reads it as the resolver now would.

Why one transaction: a store is never half old, half new; a crash or an error leaves
it as it was, still refused by ``kg load`` and ``kg resolve`` until this succeeds.

Each row goes through the layout its load used: the header → field mapping the ledger
recorded, or, for a load from before kg recorded it, the built-in layout of its
source. A row whose headers fit neither cannot be read again and stops the run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import HeaderError, MappingError
from loaders.headers import check_headers
from loaders.layouts import LAYOUTS, Layout
from loaders.rows import PackedRow, RowNormaliser
from loaders.version import NORMALISER_VERSION

if TYPE_CHECKING:
    from kg.store.ledger import Ledger

#: Stored row versions read and written per batch.
BATCH = 5000


@dataclass(frozen=True)
class RenormaliseSummary:
    rows: int
    changed: int
    unchanged: int
    from_version: int | None
    to_version: int


class _Layouts:
    """The ``RowNormaliser`` for each (load, header order), built once."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        self._layouts: dict[int, Layout] = {}
        self._normalisers: dict[tuple[int, tuple[str, ...]], RowNormaliser] = {}

    def _layout(self, load_id: int, source: str, kind: str) -> Layout:
        layout = self._layouts.get(load_id)
        if layout is None:
            columns = self._ledger.load_columns(load_id)
            if columns is not None:
                # Only the mapping matters for reading a stored row: its file format and
                # encoding were dealt with when it was loaded.
                layout = Layout(source, kind, "csv", None, columns)
            elif source in LAYOUTS:
                layout = LAYOUTS[source]
            else:
                raise MappingError(
                    f"load #{load_id} ({source}) recorded no column mapping: load its file "
                    "again with --mapping into a fresh store"
                )
            self._layouts[load_id] = layout
        return layout

    def normaliser(
        self, load_id: int, source: str, kind: str, headers: tuple[str, ...]
    ) -> RowNormaliser:
        key = (load_id, headers)
        normaliser = self._normalisers.get(key)
        if normaliser is None:
            layout = self._layout(load_id, source, kind)
            try:
                header = check_headers(list(headers), layout, where=f"load #{load_id}")
            except HeaderError as exc:
                raise MappingError(
                    f"load #{load_id} ({source}) was loaded through a mapping kg did not "
                    f"record ({exc}): load its file again with --mapping into a fresh store"
                ) from None
            normaliser = RowNormaliser(layout, header)
            self._normalisers[key] = normaliser
        return normaliser


def renormalise(
    ledger: Ledger, progress: Callable[[int], None] | None = None
) -> RenormaliseSummary:
    """Normalise every stored row version again from its raw cells; see the module doc."""
    layouts = _Layouts(ledger)
    rows = changed = 0
    with ledger.transaction():
        before = ledger.normaliser_version()
        last = 0
        while batch := ledger.stored_rows(last, BATCH):
            updates: list[tuple[str, str, int]] = []
            for rowid, source, kind, load_id, row_no, raw_json, fields, issues in batch:
                raw: dict[str, str] = json.loads(raw_json)
                normaliser = layouts.normaliser(load_id, source, kind, tuple(raw))
                packed = normaliser.pack(row_no, list(raw.values()))
                if not isinstance(packed, PackedRow):
                    # The rules that reject a row (blank id, nothing to identify) read raw
                    # cells only, so a stored row is never rejected on a second reading.
                    raise MappingError(f"stored row {source} #{row_no}: {packed.reason}")
                if (packed.fields_json, packed.issues_json) != (fields, issues):
                    updates.append((packed.fields_json, packed.issues_json, rowid))
            ledger.update_normalised(updates)
            rows += len(batch)
            changed += len(updates)
            last = batch[-1][0]
            if progress is not None:
                progress(rows)
        if before is not None:
            ledger.set_normaliser_version(NORMALISER_VERSION)
    return RenormaliseSummary(rows, changed, rows - changed, before, NORMALISER_VERSION)
