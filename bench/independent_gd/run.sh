#!/usr/bin/env bash
# Guangzhou (天河区) independent benchmark:
#   generate -> truth check -> kg load x5 -> kg resolve -> kg export links -> score.
# usage: bench/independent_gd/run.sh [RESIDENTS DIFFICULTY [SEED]]   (no args: 2000/10000 x normal/hard)
# The generator (district.py) was written from /work/shared/data-contract.md alone.
# Env: OUTROOT (default bench/independent_gd/out), TAG_SUFFIX, GEN_ARGS, KEEP_KG_HOME=1 to keep the store.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="$ROOT/.venv/bin/python"
KG="$ROOT/.venv/bin/kg"
OUTROOT="${OUTROOT:-$HERE/out}"
mkdir -p "$OUTROOT"

run_one() {
  local n=$1 diff=$2 seed=${3:-11}
  local tag="${n}-${diff}${TAG_SUFFIX:-}"
  local dir="$OUTROOT/$tag"
  local data="$dir/data"
  export KG_HOME
  KG_HOME="$(mktemp -d /tmp/kg-indep-gd-XXXX)"
  rm -rf "$dir"; mkdir -p "$data"
  echo "=== $tag (seed $seed) KG_HOME=$KG_HOME"
  local g0=$SECONDS
  "$PY" "$HERE/district.py" --residents "$n" --seed "$seed" --out "$data" --difficulty "$diff" \
      ${GEN_ARGS:-} > "$dir/gen.json" || { echo "generator failed"; return 1; }
  echo "generate seconds: $((SECONDS - g0))"
  "$PY" "$HERE/truth_check.py" "$data" > "$dir/truth_check.txt"
  echo "truth_check rc=$? ($(tail -n 1 "$dir/truth_check.txt"))"
  local t0=$SECONDS
  for spec in police:police.csv civil_affairs:civil_affairs.xlsx family_planning:family_planning.csv \
              housing:housing.csv organisations:organisations.csv; do
    src=${spec%%:*}; file=${spec#*:}
    ( cd "$KG_HOME" && "$KG" load "$src" "$data/$file" ) > "$dir/load-$src.log" 2>&1
    echo "load $src rc=$? $(tail -n 3 "$dir/load-$src.log" | tr '\n' ' ' | cut -c1-200)"
  done
  ( cd "$KG_HOME" && "$KG" resolve ) > "$dir/resolve.log" 2>&1; echo "resolve rc=$?"
  ( cd "$KG_HOME" && "$KG" export links --out "$dir/links.csv" ) > "$dir/export.log" 2>&1
  echo "export rc=$?"
  echo "pipeline seconds: $((SECONDS - t0))"
  if [ -d "$KG_HOME/rejects" ]; then cp -r "$KG_HOME/rejects" "$dir/rejects"; fi
  "$PY" "$HERE/../independent/score.py" --truth "$data/truth.csv" --links "$dir/links.csv" \
      --data "$data" --diag "$dir/diag.txt" --json "$dir/score.json" | tee "$dir/score.txt"
  if [ "${KEEP_KG_HOME:-0}" = "1" ]; then echo "$KG_HOME" > "$dir/kg_home.txt"; else rm -rf "$KG_HOME"; fi
}

if [ $# -ge 2 ]; then
  run_one "$1" "$2" "${3:-11}"
else
  for n in 2000 10000; do for d in normal hard; do run_one $n $d 11; done; done
fi
