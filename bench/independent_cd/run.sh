#!/usr/bin/env bash
# Chengdu (武侯区) independent benchmark: bench/run_district.sh with this folder's generator.
# usage: bench/independent_cd/run.sh [RESIDENTS DIFFICULTY [SEED]]   (no args: 2000/10000 x normal/hard)
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ge 2 ]; then exec "$HERE/../run_district.sh" "$HERE" "$@"; fi
for n in 2000 10000; do for d in normal hard; do "$HERE/../run_district.sh" "$HERE" "$n" "$d" 11; done; done
