#!/usr/bin/env bash
# Install Neo4j's Cypher linter (tools/cypher-lint: `npm ci` from its lock file), which
# tests/store/test_cypher_syntax.py runs over cypher/. Idempotent: npm ci is skipped
# while node_modules is newer than the lock file. Takes ~3 s with a warm npm cache.
set -euo pipefail
cd "$(dirname "$0")/../tools/cypher-lint"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "cypher-lint-setup: node and npm are required (Node.js >= 20; Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi
stamp=node_modules/.kg-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
