"""Cypher statements from the ``cypher`` package, one statement per ``.cypher`` file.

Why files and not strings in code: query text is reviewed, diffed and linted as
Cypher; values only ever travel as parameters; and labels / relationship types
(which Cypher cannot take as parameters) are chosen by picking a file from a
fixed whitelist, never by building a string.

Example::

    query("read/find_person_by_key")   # -> "MATCH (:SearchKey {key: $key}) ..."
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import LiteralString

from kg.errors import StoreError

_FOLDERS = ("schema", "write", "read")


@cache
def all_names() -> tuple[str, ...]:
    """Every statement name (``folder/stem``) shipped in the ``cypher`` package."""
    root = resources.files("cypher")
    names: list[str] = []
    for folder in _FOLDERS:
        for entry in root.joinpath(folder).iterdir():
            if entry.name.endswith(".cypher"):
                names.append(f"{folder}/{entry.name.removesuffix('.cypher')}")
    return tuple(sorted(names))


@cache
def query(name: str) -> LiteralString:
    """The text of one statement, cached; raises ``StoreError`` for an unknown name."""
    if name not in all_names():
        raise StoreError(f"unknown Cypher statement {name!r}")
    folder, stem = name.split("/", 1)
    text = resources.files("cypher").joinpath(folder, f"{stem}.cypher").read_text("utf-8")
    # The driver types query text as LiteralString to discourage string building; this
    # text comes from a shipped file, never from input, which is what that rule protects.
    return text.strip()
