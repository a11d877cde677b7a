"""``kg token create | list | revoke``: API tokens for the service.

Why the CLI (and no API route) creates tokens: issuing credentials is an
operator's act on the server, done with shell access; an admin token that can
mint more admin tokens would make one leaked token a permanent foothold.
The secret is printed once; only its peppered hash is stored.
"""

from __future__ import annotations

import click

from kg.api.db import ApiDb
from kg.api.permissions import Role
from kg.api.policy import load_policy
from kg.api.security import TokenStore, require_safe_settings
from kg.errors import ConfigError
from kg.settings import get_settings


def _store() -> tuple[TokenStore, ApiDb]:
    settings = get_settings()
    pepper = require_safe_settings(settings)
    db = ApiDb(settings.ledger_path)
    return TokenStore(db, pepper), db


@click.group("token")
def token_group() -> None:
    """Create, list and revoke API tokens."""


@token_group.command("create")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", required=True, help="Who or what holds the token (shown in the audit).")
@click.option("--department", default=None, help="Department name (role 'department' only).")
@click.option("--expires", "expires_days", type=click.IntRange(min=1), default=None,
              help="Days until the token stops working (default: never).")  # fmt: skip
def create_cmd(role: str, name: str, department: str | None, expires_days: int | None) -> None:
    """Create a token and print it once; store it now, it cannot be shown again."""
    if role == Role.DEPARTMENT.value and department:
        policy = load_policy(get_settings().kg_department_policy)
        if policy.rule(department) is None:
            raise ConfigError(
                f"department '{department}' is not in KG_DEPARTMENT_POLICY; add it there first"
            )
    store, db = _store()
    try:
        secret = store.create(name, Role(role), department, expires_days)
    finally:
        db.close()
    click.echo(secret)
    click.echo(f"token '{name}' ({role}) created; it is shown only once.", err=True)


@token_group.command("list")
def list_cmd() -> None:
    """List tokens (never their secrets)."""
    store, db = _store()
    try:
        tokens = store.list()
    finally:
        db.close()
    click.echo(
        f"{'name':<24} {'role':<11} {'department':<16} {'created':<20} {'expires':<20} state"
    )
    for t in tokens:
        state = "revoked" if t.revoked_at else "live"
        click.echo(
            f"{t.name:<24} {t.role.value:<11} {(t.department or '-'):<16} "
            f"{t.created_at[:19]:<20} {(t.expires_at or '-')[:19]:<20} {state}"
        )


@token_group.command("revoke")
@click.argument("name")
def revoke_cmd(name: str) -> None:
    """Revoke the live token NAME; it stops working on its next request."""
    store, db = _store()
    try:
        store.revoke(name)
    finally:
        db.close()
    click.echo(f"token '{name}' revoked")
