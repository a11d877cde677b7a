"""Guards on the project itself: every CLI command is documented, every documented file exists."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "kg") -> list[str]:
    out = []
    for name, command in group.commands.items():
        out.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            out.extend(_commands(command, f"{prefix} {name}"))
    return out


def test_every_cli_command_is_in_the_readme() -> None:
    missing = [c for c in _commands(cli) if c not in README]
    assert missing == []


def test_every_doc_the_readme_names_exists() -> None:
    named = set(re.findall(r"`((?:docs|scripts|bench|loaders)/[\w./-]+)`", README))
    assert named, "the README names no files?"
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/check.sh" in ci and "./scripts/check.sh" in README
