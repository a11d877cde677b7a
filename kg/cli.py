"""The ``kg`` command line: one click group, one module per command under ``kg/commands``.

Errors from the library arrive as ``KgError`` and leave as one line on stderr and the
error's exit code; no traceback reaches the user.
"""

from __future__ import annotations

import logging
import sys

import click

from kg.errors import KgError


class _KgGroup(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_KgGroup)
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool) -> None:
    """kg: one person, one record — load, resolve, export and serve a district's registers."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


# Command registration: one line per command module (keep this block sorted).
# --- commands ---


def main() -> None:
    cli()
