"""``kg audit``: print the API's audit log (who read which persons, when, why)."""

from __future__ import annotations

from datetime import datetime

import click

from kg.api.audit import AuditLog
from kg.api.db import ApiDb
from kg.errors import ConfigError
from kg.settings import get_settings


@click.command("audit")
@click.option("--token", default=None, help="Only entries of this token name.")
@click.option("--entity", default=None, help="Only entries that name this entity id.")
@click.option("--since", default=None, help="Only entries at or after this ISO date/time.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
def audit_cmd(token: str | None, entity: str | None, since: str | None, limit: int) -> None:
    """Newest entries first, one per line."""
    if since is not None:
        try:
            datetime.fromisoformat(since)
        except ValueError as exc:
            raise ConfigError(f"--since {since!r} is not an ISO date or date-time") from exc
    db = ApiDb(get_settings().ledger_path)
    try:
        rows = AuditLog(db).search(token=token, entity=entity, since=since, limit=limit)
    finally:
        db.close()
    click.echo(
        f"{'at':<20} {'token':<16} {'role':<11} {'route':<36} {'n':>4} {'outcome':<10} "
        "purpose | entities"
    )
    for r in rows:
        ids = ",".join(r.entity_ids[:5]) + (" …" if len(r.entity_ids) > 5 else "")
        click.echo(
            f"{r.at[:19]:<20} {r.token_name:<16} {r.role:<11} {r.method + ' ' + r.route:<36} "
            f"{r.result_size:>4} {r.outcome:<10} {r.purpose} | {ids}"
        )
