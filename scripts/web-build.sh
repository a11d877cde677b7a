#!/usr/bin/env bash
# Build the web page: `npm ci` from web/package-lock.json (scripts/npm-ci.sh, skipped
# while node_modules is up to date), then esbuild → web/dist (git-ignored; `kg serve`
# serves it at /app/). Takes ~5 s with a warm npm cache.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/npm-ci.sh web
cd web
node build.mjs "$@"
