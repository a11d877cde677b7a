"""Streaming, narrow reads of the ledger's current records, for ``kg resolve``.

Why not ``Ledger.current_records()``: that builds a full ``SourceRecord`` per row, with
the raw cells, the normalised fields and the issues all decoded into Python dicts. A
resolve needs the fields once, to extract mentions, and the raw row only as text to
copy into the graph's SourceRecord nodes. Holding full records for a whole district
cost about 11 KB per row (2.2 GB for 210k rows), which alone put a million-resident
district out of reach of this machine's memory. These two passes read only what each
stage needs, one row at a time, and pass the stored JSON text through unparsed.

The two passes see the same ledger only inside one read transaction: ``kg resolve``
(``kg.pipeline.run_resolve``) opens one around both, so a load that another process
commits meanwhile is either wholly in this resolve or wholly in the next.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any, NamedTuple

from kg.graph.model import RECORD_ATTRS, RecordBrief


class RecordFields(NamedTuple):
    """What mention extraction reads from a row (``resolvers.mentions.RecordLike``)."""

    source: str
    kind: str
    record_id: str
    fields: dict[str, Any]


_CURRENT = " FROM records WHERE is_current = 1 ORDER BY source, record_id"


def has_current_records(conn: sqlite3.Connection) -> bool:
    """Whether anything has been loaded (a resolve of nothing is an input error)."""
    return conn.execute("SELECT 1 FROM records WHERE is_current = 1 LIMIT 1").fetchone() is not None


def record_fields(conn: sqlite3.Connection) -> Iterator[RecordFields]:
    """Every current record's normalised fields, ordered by source and record id."""
    loads = json.loads
    for source, kind, record_id, fields in conn.execute(
        "SELECT source, kind, record_id, fields" + _CURRENT
    ):
        yield RecordFields(source, kind, record_id, loads(fields))


def record_briefs(conn: sqlite3.Connection) -> Iterator[RecordBrief]:
    """Every current record's raw row and issues as text, ordered by source and record id.

    The attributes come out of the fields JSON inside SQLite (``json_extract``), so the
    fields document is never parsed in Python here.
    """
    sql = (
        "SELECT source, kind, record_id, row_no, raw, issues,"
        " json_extract(fields, '$.ethnicity'), json_extract(fields, '$.marital_status'),"
        " json_extract(fields, '$.person_type'), json_extract(fields, '$.org_type')" + _CURRENT
    )
    for row in conn.execute(sql):
        attrs = {
            name: value
            for name, value in zip(RECORD_ATTRS, row[6:], strict=True)
            if isinstance(value, str) and value
        }
        yield RecordBrief(row[0], row[1], row[2], int(row[3]), row[4], row[5], attrs)
