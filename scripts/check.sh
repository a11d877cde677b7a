#!/usr/bin/env bash
# The one command that checks everything: set-up, format check, lint, types, tests.
# Extra arguments are passed to pytest (e.g. scripts/check.sh -k loaders).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# The browser tests need Debian's Chromium, a Chinese font and the built page.
./scripts/browser-setup.sh
# Neo4j's Cypher parser and semantic analysis, for tests/store/test_cypher_syntax.py.
./scripts/cypher-lint-setup.sh
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/pytest "$@"
