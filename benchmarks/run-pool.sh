#!/usr/bin/env bash
# ProcessPool throughput, round-trip latency, start-up and worker memory with 2 workers, next to Python's
# multiprocessing.Pool (spawn, forkserver, fork; anchors/py_pool.py) measured in this same run.
# See benchmarks/PoolThroughput/README.md.
#
# Usage: benchmarks/run-pool.sh [--anchors DIR] [--reps N] [--out DIR] [--methods LIST] [--py-timeout S] [--no-build] [--no-wait] [--profile]
#   --anchors DIR     the anchor scripts (py_pool.py, _common.py); default <repo>/../shared/anchors, or $POOL_ANCHORS.
#                     Without them the Python rows and the ratios to Python are skipped.
#   --reps N          repetitions per figure, ours and Python's (default 5)
#   --out DIR         where results go (default benchmarks/results/pool-<UTC time>)
#   --methods LIST    Python start methods (default spawn,forkserver,fork)
#   --py-timeout S    bound on py_pool.py per start method (default 90 s: its forkserver Pool is known to stall)
#   --no-build        reuse the last build and publish
#   --no-wait         do not wait (at most 120 s) for the machine to be quiet before measuring
#   --profile         also run ours once more with --profile: CPU time and context switches per task, parent vs workers
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
source "$HERE/common.sh"
NAME=run-pool.sh
ANCHORS_VAR=POOL_ANCHORS
ANCHORS=${POOL_ANCHORS:-$ROOT/../shared/anchors}
REPS=5
OUT=""
METHODS=spawn,forkserver,fork
PY_TIMEOUT=90
BUILD=1
WAIT=1
PROFILE=0

script_option() {
  case "$1" in
    --methods) METHODS=$2; TAKEN=2 ;;
    --py-timeout) PY_TIMEOUT=$2; TAKEN=2 ;;
    --profile) PROFILE=1; TAKEN=1 ;;
  esac
}
parse_options "$@"

init_results pool

PROJ=$HERE/PoolThroughput/PoolThroughput.csproj
JIT_EXE=$HERE/PoolThroughput/bin/Release/net10.0/PoolThroughput
AOT_DIR=$HERE/PoolThroughput/bin/aot
AOT_EXE=$AOT_DIR/PoolThroughput

build_flavours "$PROJ" "$JIT_EXE" "$AOT_DIR" "$AOT_EXE"
prepare_anchors py_pool.py

wait_quiet 120

write_env "reps: $REPS; workers: 2"

# Ours first, then Python, then ours again would double the time: one pass each, Python in the middle so that a
# drift in the machine's state shows as a JIT/AOT difference rather than hiding in one side.
step "ours, JIT apphost: measure --reps=$REPS   (load $(load))"
"$JIT_EXE" measure --reps="$REPS" --variant=jit-apphost 2>&1 | collect "$OUT/jit.out" || echo "   failed: see $OUT/jit.out" >&2

if (( HAVE_ANCHORS )); then
  IFS=, read -r -a METHOD_LIST <<< "$METHODS"
  for m in "${METHOD_LIST[@]}"; do
    step "Python multiprocessing: py_pool.py --methods=$m --reps=$REPS (bounded to ${PY_TIMEOUT}s)   (load $(load))"
    (cd "$OUT/anchors" && timeout "$PY_TIMEOUT" "$PY" py_pool.py --methods="$m" --reps="$REPS" 2>&1) | collect "$OUT/python-$m.out" \
      || echo "   py_pool.py --methods=$m failed or did not finish within ${PY_TIMEOUT}s: its remaining figures are missing" >&2
  done
  step "Python worker memory: py_pool_rss.py --methods=$METHODS"
  "$PY" "$HERE/py_pool_rss.py" --methods="$METHODS" 2>&1 | collect "$OUT/python-rss.out"
fi

step "ours, NativeAOT: measure --reps=$REPS   (load $(load))"
"$AOT_EXE" measure --reps="$REPS" --variant=nativeaot 2>&1 | collect "$OUT/aot.out" || echo "   failed: see $OUT/aot.out" >&2
echo "load at end: $(load)" >> "$OUT/env.txt"

if (( PROFILE )); then
  for v in jit-apphost nativeaot; do
    exe=$JIT_EXE; [[ $v == nativeaot ]] && exe=$AOT_EXE
    step "profile, $v (figures from this pass are not the results above)"
    "$exe" measure --reps="$REPS" --variant="$v" --only=map,map_cs1000,apply_async,apply_sync --profile > /dev/null 2> "$OUT/profile-$v.log"
    grep '^PROFILE' "$OUT/profile-$v.log" >&2
  done
fi

"$PY" "$HERE/pool_summary.py" "$RESULTS" "$OUT/env.txt" | tee "$OUT/summary.md"
echo "(results: $OUT)" >&2
