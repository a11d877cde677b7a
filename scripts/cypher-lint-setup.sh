#!/usr/bin/env bash
# Install Neo4j's Cypher linter (tools/cypher-lint: `npm ci` from its lock file), which
# tests/store/test_cypher_syntax.py runs over cypher/. Idempotent (scripts/npm-ci.sh).
# Takes ~3 s with a warm npm cache.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/npm-ci.sh tools/cypher-lint
