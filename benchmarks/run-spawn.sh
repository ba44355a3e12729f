#!/usr/bin/env bash
# Spawn -> result latency of a trivial process target, next to Python multiprocessing (spawn, forkserver, fork)
# and to a bare no-op .NET process of the same kind, all measured in this one run. See benchmarks/README.md.
#
# Usage: benchmarks/run-spawn.sh [--anchors DIR] [--reps N] [--rounds R] [--out DIR] [--no-build] [--no-wait] [--profile]
#   --anchors DIR  the anchor scripts (py_process.py, _common.py); default <repo>/../shared/anchors, or $SPAWN_ANCHORS.
#                  Without them the Python rows and the ratios to Python are skipped.
#   --reps N       timed starts per row and round (default 30; the first, cold start is recorded apart)
#   --rounds R     run Python, JIT and NativeAOT R times in turn and pool the values (default 1), so that drift of
#                  a shared machine hits every row alike
#   --out DIR      where results go (default benchmarks/results/spawn-<UTC time>)
#   --no-build     reuse the last build and publish
#   --no-wait      do not wait (at most 60 s) for the machine to be quiet before measuring
#   --profile      also run the .NET rows once more with SPAWN_PROFILE probes and print where the time goes
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
source "$HERE/common.sh"
NAME=run-spawn.sh
ANCHORS_VAR=SPAWN_ANCHORS
ANCHORS=${SPAWN_ANCHORS:-$ROOT/../shared/anchors}
REPS=30
ROUNDS=1
OUT=""
BUILD=1
WAIT=1
PROFILE=0

script_option() {
  case "$1" in
    --rounds) ROUNDS=$2; TAKEN=2 ;;
    --profile) PROFILE=1; TAKEN=1 ;;
  esac
}
parse_options "$@"
if (( REPS < 30 )); then echo "run-spawn.sh: note: the target says a median of >= 30 starts; --reps $REPS is fewer" >&2; fi

init_results spawn

PROJ=$HERE/SpawnLatency/SpawnLatency.csproj
JIT_EXE=$HERE/SpawnLatency/bin/Release/net10.0/SpawnLatency
AOT_DIR=$HERE/SpawnLatency/bin/aot
AOT_EXE=$AOT_DIR/SpawnLatency
build_flavours "$PROJ" "$JIT_EXE" "$AOT_DIR" "$AOT_EXE"
prepare_anchors py_process.py

wait_quiet 60

write_env "reps: $REPS x $ROUNDS round(s)"

for (( round = 1; round <= ROUNDS; round++ )); do
  tag=""; (( ROUNDS > 1 )) && tag=" (round $round of $ROUNDS)"
  if (( HAVE_ANCHORS )); then
    step "Python multiprocessing: py_process.py --methods=spawn,forkserver,fork --reps1=$REPS --reps8=2$tag"
    (cd "$OUT/anchors" && "$PY" py_process.py --methods=spawn,forkserver,fork --reps1="$REPS" --reps8=2) \
      | collect "$OUT/python.out"
  fi
  step "ours, JIT apphost: measure $REPS (interleaved with the bare no-op process)$tag"
  "$JIT_EXE" measure "$REPS" --variant=jit-apphost | collect "$OUT/jit.out"
  step "ours, NativeAOT: measure $REPS (interleaved with the bare no-op process)$tag"
  "$AOT_EXE" measure "$REPS" --variant=nativeaot | collect "$OUT/aot.out"
done

if (( PROFILE )); then
  for v in jit-apphost nativeaot; do
    exe=$JIT_EXE; [[ $v == nativeaot ]] && exe=$AOT_EXE
    step "profile, $v (SPAWN_PROFILE probes; figures from this pass are not the results above)"
    rm -f "$OUT/profile-$v.txt"
    SPAWN_PROFILE="$OUT/profile-$v.txt" "$exe" measure "$REPS" --variant="$v" > /dev/null 2> "$OUT/profile-$v.log"
    grep -A5 '^PROFILE' "$OUT/profile-$v.log" >&2
  done
fi

"$PY" "$HERE/spawn_summary.py" "$RESULTS" "$OUT/env.txt" | tee "$OUT/summary.md"
echo "(results: $OUT)" >&2
