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
from kg.commands.audit import audit_cmd  # noqa: E402
from kg.commands.curate import curate_group  # noqa: E402
from kg.commands.demo import demo_cmd  # noqa: E402
from kg.commands.explain import explain_cmd, review_cmd  # noqa: E402
from kg.commands.graph_cli import dwelling_cmd, org_cmd, path_cmd  # noqa: E402
from kg.commands.load import load_cmd, loads_cmd  # noqa: E402
from kg.commands.person import person_cmd  # noqa: E402
from kg.commands.quality import quality_cmd  # noqa: E402
from kg.commands.renormalise import renormalise_cmd  # noqa: E402
from kg.commands.resolve import export_group, resolve_cmd  # noqa: E402
from kg.commands.serve import serve_cmd  # noqa: E402
from kg.commands.token import token_group  # noqa: E402

cli.add_command(audit_cmd)
cli.add_command(curate_group)
cli.add_command(demo_cmd)
cli.add_command(explain_cmd)
cli.add_command(dwelling_cmd)
cli.add_command(org_cmd)
cli.add_command(path_cmd)
cli.add_command(load_cmd)
cli.add_command(loads_cmd)
cli.add_command(person_cmd)
cli.add_command(quality_cmd)
cli.add_command(renormalise_cmd)
cli.add_command(export_group)
cli.add_command(resolve_cmd)
cli.add_command(review_cmd)
cli.add_command(serve_cmd)
cli.add_command(token_group)


def main() -> None:
    cli()
