"""The unit every loader produces and every later stage consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceRecord:
    """One source row: verbatim cells next to their normalised canonical fields.

    ``raw`` keeps every cell exactly as read (extra columns included) so that nothing
    is lost and every entity can be traced back to what the department wrote.
    """

    source: str
    kind: str
    record_id: str
    row_no: int
    raw: dict[str, str]
    fields: dict[str, Any]
    issues: list[dict[str, str]] = field(default_factory=list)
