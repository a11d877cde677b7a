"""Parsing record references typed on the command line: ``source:record_id[:role]``."""

from __future__ import annotations

import click

from resolvers.mentions import MentionKey


def parse_ref(text: str, default_role: str = "person") -> MentionKey:
    """``police:R0001`` → (police, R0001, person); ``housing:H1:owner`` keeps the role."""
    parts = text.split(":")
    if len(parts) == 2 and all(parts):
        return (parts[0], parts[1], default_role)
    if len(parts) == 3 and all(parts):
        return (parts[0], parts[1], parts[2])
    raise click.BadParameter(f"{text!r}: expected SOURCE:RECORD_ID or SOURCE:RECORD_ID:ROLE")
