#!/usr/bin/env bash
# One independent district through kg's command line, scored against its own truth:
#   generate -> [truth check] -> kg load x5 -> kg resolve -> kg export links -> score.
# Shared by bench/independent*/run.sh: each generator is its own (written from the data
# contract alone), the way a district is run and scored is not.
# usage: bench/run_district.sh GENERATOR_DIR RESIDENTS DIFFICULTY [SEED]
#   GENERATOR_DIR holds the generator (GENERATOR: its file name, default district.py)
#   and, if it has one, truth_check.py (run on the generated data before loading).
# Env: OUTROOT (default GENERATOR_DIR/out), TAG_SUFFIX, GEN_ARGS, KEEP_KG_HOME=1 to keep
# the store (its path is then written to kg_home.txt, for kg explain).
set -u
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
PY="$ROOT/.venv/bin/python"
KG="$ROOT/.venv/bin/kg"
GEN_DIR="$(cd "$1" && pwd)"
n=$2 diff=$3 seed=${4:-11}
OUTROOT="${OUTROOT:-$GEN_DIR/out}"
tag="${n}-${diff}${TAG_SUFFIX:-}"
dir="$OUTROOT/$tag"
data="$dir/data"
export KG_HOME
KG_HOME="$(mktemp -d /tmp/kg-district-XXXX)"
rm -rf "$dir"; mkdir -p "$data"
echo "=== $(basename "$GEN_DIR") $tag (seed $seed) KG_HOME=$KG_HOME"
g0=$SECONDS
"$PY" "$GEN_DIR/${GENERATOR:-district.py}" --residents "$n" --seed "$seed" --out "$data" \
    --difficulty "$diff" ${GEN_ARGS:-} > "$dir/gen.json" || { echo "generator failed"; exit 1; }
echo "generate seconds: $((SECONDS - g0))"
if [ -f "$GEN_DIR/truth_check.py" ]; then
  "$PY" "$GEN_DIR/truth_check.py" "$data" > "$dir/truth_check.txt"
  echo "truth_check rc=$? ($(tail -n 1 "$dir/truth_check.txt"))"
fi
t0=$SECONDS
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
"$PY" "$BENCH/independent/score.py" --truth "$data/truth.csv" --links "$dir/links.csv" \
    --data "$data" --diag "$dir/diag.txt" --json "$dir/score.json" | tee "$dir/score.txt"
if [ "${KEEP_KG_HOME:-0}" = "1" ]; then echo "$KG_HOME" > "$dir/kg_home.txt"; else rm -rf "$KG_HOME"; fi
