#!/usr/bin/env bash
# The main job on a fresh machine, on the embedded store: set up, generate a synthetic
# district, load its five extracts, resolve, export the links, print a summary.
# Extra arguments go to `kg demo` (e.g. --residents 20000 --difficulty hard).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/kg demo "$@"
