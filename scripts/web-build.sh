#!/usr/bin/env bash
# Build the web page: `npm ci` from web/package-lock.json, then esbuild → web/dist
# (git-ignored; `kg serve` serves it at /app/). Idempotent: npm ci is skipped while
# node_modules is newer than the lock file. Takes ~5 s with a warm npm cache.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "web-build: node and npm are required (Node.js >= 18; Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi
stamp=node_modules/.kg-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
node build.mjs "$@"
