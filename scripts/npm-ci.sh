#!/usr/bin/env bash
# `npm ci` in DIR from its lock file, skipped while DIR/node_modules is newer than the
# lock file and package.json (a stamp file records the last install). Shared by
# web-build.sh (the page) and cypher-lint-setup.sh (Neo4j's Cypher linter).
# usage: scripts/npm-ci.sh DIR
set -euo pipefail
cd "$1"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "$(basename "$1"): node and npm are required (Node.js >= 20; Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi
stamp=node_modules/.kg-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
