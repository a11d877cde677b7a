#!/usr/bin/env bash
# Wuhan independent benchmark: bench/run_district.sh with this folder's generator.
# usage: bench/independent/run.sh [RESIDENTS DIFFICULTY [SEED]]   (no args: 5000/20000 x normal/hard)
# diagnostics: GEN_ARGS="--ablate bare_district" TAG_SUFFIX=-nobare bench/independent/run.sh 5000 normal
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
export GENERATOR=contract_district.py
if [ $# -ge 2 ]; then exec "$HERE/../run_district.sh" "$HERE" "$@"; fi
for n in 5000 20000; do for d in normal hard; do "$HERE/../run_district.sh" "$HERE" "$n" "$d" 11; done; done
