#!/usr/bin/env bash
# ProcessManager from a child: single operations (d[i] = i, then d[i], 20 000 each, timed in the child), batched
# SetMany/GetMany of 1 000 000 items, and atomic updates from 4 children, next to Python's multiprocessing.Manager()
# (anchors/py_manager.py with the fork, forkserver and spawn start methods) measured in this same run.
#
# Usage: benchmarks/run-manager.sh [--anchors DIR] [--reps N] [--out DIR] [--methods LIST] [--py-timeout S] [--no-build] [--no-wait]
#   --anchors DIR     the anchor scripts (py_manager.py, _common.py); default <repo>/../shared/anchors, or $MANAGER_ANCHORS.
#                     Without them the Python rows and the ratios to Python are skipped.
#   --reps N          repetitions per figure, ours and Python's (default 3)
#   --out DIR         where results go (default benchmarks/results/manager-<UTC time>)
#   --methods LIST    Python start methods (default fork,forkserver,spawn)
#   --py-timeout S    bound on py_manager.py per start method (default 120 s)
#   --no-build        reuse the last build and publish
#   --no-wait         do not wait (at most 120 s) for the machine to be quiet before measuring
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
source "$HERE/common.sh"
NAME=run-manager.sh
ANCHORS_VAR=MANAGER_ANCHORS
ANCHORS=${MANAGER_ANCHORS:-$ROOT/../shared/anchors}
REPS=3
OUT=""
METHODS=fork,forkserver,spawn
PY_TIMEOUT=120
BUILD=1
WAIT=1

script_option() {
  case "$1" in
    --methods) METHODS=$2; TAKEN=2 ;;
    --py-timeout) PY_TIMEOUT=$2; TAKEN=2 ;;
  esac
}
parse_options "$@"

init_results manager

PROJ=$HERE/Manager/Manager.csproj
JIT_EXE=$HERE/Manager/bin/Release/net10.0/ManagerBench
AOT_DIR=$HERE/Manager/bin/aot
AOT_EXE=$AOT_DIR/ManagerBench

build_flavours "$PROJ" "$JIT_EXE" "$AOT_DIR" "$AOT_EXE"
prepare_anchors py_manager.py

wait_quiet 120

write_env "reps: $REPS"

# Ours, Python, ours again in the other flavour: a drift in the machine's state shows as a JIT/AOT difference.
step "ours, JIT apphost: measure --reps=$REPS   (load $(load))"
"$JIT_EXE" measure --reps="$REPS" --variant=jit-apphost --only=single,batch,contended,local 2>&1 | collect "$OUT/jit.out" || echo "   failed: see $OUT/jit.out" >&2

if (( HAVE_ANCHORS )); then
  step "Python multiprocessing: py_manager.py --methods=$METHODS --reps=$REPS (bounded to ${PY_TIMEOUT}s per method)   (load $(load))"
  IFS=, read -r -a METHOD_LIST <<< "$METHODS"
  for m in "${METHOD_LIST[@]}"; do
    (cd "$OUT/anchors" && timeout "$PY_TIMEOUT" "$PY" py_manager.py --methods="$m" --reps="$REPS" 2>&1) | collect "$OUT/python-$m.out" \
      || echo "   py_manager.py --methods=$m failed or did not finish within ${PY_TIMEOUT}s: its figures are missing" >&2
  done
fi

step "ours, NativeAOT: measure --reps=$REPS   (load $(load))"
"$AOT_EXE" measure --reps="$REPS" --variant=nativeaot --only=single,batch,contended,local 2>&1 | collect "$OUT/aot.out" || echo "   failed: see $OUT/aot.out" >&2
echo "load at end: $(load)" >> "$OUT/env.txt"

"$PY" "$HERE/manager_summary.py" "$RESULTS" "$OUT/env.txt" | tee "$OUT/summary.md"
echo "(results: $OUT)" >&2
