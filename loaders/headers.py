"""Header check: one error that names every problem, so a clerk fixes the file once.

Why all at once: a department re-exporting a file after each single complaint costs
days; the message lists every missing column, notes the unexpected ones (often the
renamed culprits) and suggests the closest expected name.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import HeaderError
from loaders.layouts import Layout

_STRIP = " \t\r\n\ufeff\u3000\u00a0"


def clean_header(name: str) -> str:
    """Strip a BOM, ASCII/full-width spaces and NBSP around a header name."""
    return name.strip(_STRIP)


@dataclass(frozen=True)
class HeaderMap:
    """The file's cleaned headers in file order and which canonical field each one feeds."""

    headers: tuple[str, ...]
    canonical: tuple[str | None, ...]  # per position; None = extra column (kept in raw)
    extra: tuple[str, ...]


def check_headers(found: Sequence[str], layout: Layout, *, where: str = "") -> HeaderMap:
    """Match a file's header row against a layout; raise one HeaderError listing all problems.

    Column order may differ and extra columns are allowed; missing, blank-named
    and duplicate columns are errors.
    """
    # A blank header (a trailing comma in the header line) gets a positional name so
    # that its cells are still kept in ``raw`` rather than dropped or colliding.
    headers = tuple(clean_header(h) or f"(column {pos})" for pos, h in enumerate(found, start=1))
    problems: list[str] = []
    seen: dict[str, int] = {}
    dups: list[str] = []
    for pos, name in enumerate(headers, start=1):
        if name in seen and name not in dups:
            dups.append(name)
        seen.setdefault(name, pos)
    if dups:
        problems.append("duplicate column(s): " + ", ".join(dups))
    expected = layout.headers
    missing = [h for h in expected if h not in seen]
    extra = tuple(h for h in headers if h not in layout.columns)
    if missing:
        hints = []
        for m in missing:
            close = difflib.get_close_matches(m, extra, n=1, cutoff=0.5)
            hints.append(f"{m} (found {close[0]!r}?)" if close else m)
        problems.append("missing column(s): " + ", ".join(hints))
    if problems:
        if extra:
            problems.append("unexpected column(s): " + ", ".join(extra))
        prefix = f"{where}: " if where else ""
        raise HeaderError(
            f"{prefix}header does not match the {layout.source} layout: " + "; ".join(problems)
        )
    canonical = tuple(layout.columns.get(h) for h in headers)
    return HeaderMap(headers, canonical, extra)
