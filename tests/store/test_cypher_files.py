"""Guards on cypher/: every file is used, every name used exists, values only as parameters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.graph.model import NODE_LABELS, REL_TYPES
from kg.store import neo4j_graph
from kg.store.cypher import all_names, query

ROOT = Path(__file__).parents[2]
CODE = "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "kg" / "store").glob("*.py")))
USED = set(re.findall(r"\"((?:schema|write|read)/[a-z0-9_]+)\"", CODE))
ALLOWED_LITERALS = {"'KgNode'", "'FROM_RECORD'"}


def test_every_cypher_file_is_used_by_code() -> None:
    unused = sorted(set(all_names()) - USED)
    assert unused == []


def test_every_query_name_in_code_exists() -> None:
    assert USED, "no query names found: the guard's regex is stale"
    assert sorted(USED - set(all_names())) == []


def test_unknown_name_raises() -> None:
    with pytest.raises(StoreError, match="unknown Cypher statement"):
        query("read/no_such_query")


@pytest.mark.parametrize("name", all_names())
def test_no_interpolation_markers(name: str) -> None:
    text = query(name)
    assert not re.search(r"\{\w*\}", text), "format field like {} or {name}"
    assert "%" not in text, "printf-style marker"
    assert not re.search(r"['\"]\s*\+|\+\s*['\"]", text), "string concatenation"
    literals = set(re.findall(r"'[^']*'|\"[^\"]*\"", text))
    assert literals <= ALLOWED_LITERALS, f"literal values in query text: {literals}"


@pytest.mark.parametrize("name", all_names())
def test_one_statement_per_file(name: str) -> None:
    body = "\n".join(line for line in query(name).splitlines() if not line.strip().startswith("//"))
    assert ";" not in body.rstrip(";")
    assert body.strip()


def test_one_write_file_per_label_and_type() -> None:
    assert set(neo4j_graph.NODE_FILES) == set(NODE_LABELS)
    assert set(neo4j_graph.REL_FILES) == set(REL_TYPES)
    for label, files in neo4j_graph.NODE_FILES.items():
        for name in files:
            assert f":{label}" in query(name)
    for typ, files in neo4j_graph.REL_FILES.items():
        for name in files:
            assert re.search(rf"\[r:{typ}[ \]]", query(name))
