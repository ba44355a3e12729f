#!/usr/bin/env bash
# ProcessQueue<T> and ProcessPipe (benchmarks/Channels): queue throughput (1 000 000 ints; 10 000 x 64 KiB), pipe
# ping-pong round trip and 1 MiB one-way stream, producer and consumer in two child processes, next to Python's
# multiprocessing Queue and Pipe (anchors/py_queue.py, py_pipe.py; spawn, forkserver, fork) and the C floors of this
# machine (anchors/c: Unix-socket and pipe ping-pong, socket/pipe stream, memcpy), all measured in this same run.
# See benchmarks/README.md, "Queue and pipe".
#
# Usage: benchmarks/run-channels.sh [--anchors DIR] [--reps N] [--py-reps N] [--floor-reps N] [--out DIR] [--methods LIST]
#                                   [--py-timeout S] [--jit-only] [--no-python] [--no-build] [--no-wait]
#   --anchors DIR     the anchors (py_queue.py, py_pipe.py, _common.py, wait_quiet.py, c/); default <repo>/../shared/anchors,
#                     or $CHANNELS_ANCHORS. Without them the Python rows, the floors and the ratios are skipped.
#   --reps N          repetitions of each of our figures, per flavour (default 5)
#   --py-reps N       repetitions of each Python figure, per start method (default 3: py_queue.py's 1 000 000 ints take
#                     ~12 s a repetition; py_queue.py + py_pipe.py take ~75 s per start method)
#   --floor-reps N    repetitions of each C floor (default 3); the ping-pong floor runs before ours and again after
#   --out DIR         where results go (default benchmarks/results/channels-<UTC time>)
#   --methods LIST    Python start methods (default forkserver,fork; spawn, never the best here once its processes run,
#                     adds ~75 s: --methods spawn,forkserver,fork for the full set)
#   --py-timeout S    bound on each Python script per start method (default 240 s)
#   --jit-only        skip the NativeAOT publish and its run
#   --no-python       skip the Python anchors (ratios to Python become n/a)
#   --no-build        reuse the last build and publish
#   --no-wait         do not wait (at most 120 s) for the machine to be quiet before measuring
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
source "$HERE/common.sh"
NAME=run-channels.sh
ANCHORS_VAR=CHANNELS_ANCHORS
ANCHORS=${CHANNELS_ANCHORS:-$ROOT/../shared/anchors}
REPS=5
PY_REPS=3
FLOOR_REPS=3
OUT=""
METHODS=forkserver,fork
PY_TIMEOUT=240
JIT_ONLY=0
PYTHON=1
BUILD=1
WAIT=1

script_option() {
  case "$1" in
    --py-reps) PY_REPS=$2; TAKEN=2 ;;
    --floor-reps) FLOOR_REPS=$2; TAKEN=2 ;;
    --methods) METHODS=$2; TAKEN=2 ;;
    --py-timeout) PY_TIMEOUT=$2; TAKEN=2 ;;
    --jit-only) JIT_ONLY=1; TAKEN=1 ;;
    --no-python) PYTHON=0; TAKEN=1 ;;
  esac
}
parse_options "$@"

init_results channels
T_START=$(date +%s)

PROJ=$HERE/Channels/Channels.csproj
JIT_EXE=$HERE/Channels/bin/Release/net10.0/Channels
AOT_DIR=$HERE/Channels/bin/aot
AOT_EXE=$AOT_DIR/Channels

# common.sh's step, with the seconds since the start (the default run should stay near 5 minutes).
step() { echo "== [$(( $(date +%s) - T_START )) s] $*" >&2; }
if (( JIT_ONLY )); then
  if (( BUILD )); then
    step "build: JIT apphost (dotnet build -c Release)"
    dotnet build "$PROJ" -c Release -nologo -v q > "$OUT/build-jit.log" 2>&1 || { cat "$OUT/build-jit.log" >&2; exit 1; }
  fi
  [[ -x $JIT_EXE ]] || { echo "$NAME: $JIT_EXE is missing: run without --no-build" >&2; exit 1; }
else
  build_flavours "$PROJ" "$JIT_EXE" "$AOT_DIR" "$AOT_EXE"
fi

# The anchors: py_queue.py (+ _common.py, wait_quiet.py) through common.sh, then py_pipe.py and a writable copy of the
# C floors, built here.
prepare_anchors py_queue.py
HAVE_FLOORS=0
if (( HAVE_ANCHORS )); then
  cp "$ANCHORS/py_pipe.py" "$OUT/anchors/"
  if [[ -d $ANCHORS/c ]] && command -v cc > /dev/null; then
    cp -r "$ANCHORS/c" "$OUT/anchors/c"
    rm -rf "$OUT/anchors/c/bin"
    if make -s -C "$OUT/anchors/c" > "$OUT/build-c.log" 2>&1; then
      HAVE_FLOORS=1
    else
      echo "$NAME: the C floors did not build (see $OUT/build-c.log): the floor rows and the ratios to them are skipped" >&2
    fi
  fi
fi
FLOOR=$OUT/anchors/c/bin

wait_quiet 120

write_env "reps: ours $REPS, $( (( PYTHON && HAVE_ANCHORS )) && echo "Python $PY_REPS per start method ($METHODS)" || echo "Python skipped"), C floors $( (( HAVE_FLOORS )) && echo "$FLOOR_REPS" || echo skipped)$( (( JIT_ONLY )) && echo "; JIT only")"

pingpong_floor() { # $1: before | after
  (( HAVE_FLOORS )) || return 0
  step "C floor: ping-pong (pingpong 100000 $FLOOR_REPS), $1 ours   (load $(load))"
  "$FLOOR/pingpong" 100000 "$FLOOR_REPS" 2>&1 | collect "$OUT/floor-pingpong-$1.out" "$1" || true
}

if (( HAVE_FLOORS )); then
  step "C floors: stream (pipe_tp 2048 $FLOOR_REPS 200000), memcpy (memcpy_bw $FLOOR_REPS)   (load $(load))"
  "$FLOOR/pipe_tp" 2048 "$FLOOR_REPS" 200000 2>&1 | collect "$OUT/floor-stream.out" || true
  "$FLOOR/memcpy_bw" "$FLOOR_REPS" 2>&1 | collect "$OUT/floor-memcpy.out" || true
fi
pingpong_floor before

# Ours, then Python, then ours NativeAOT (as run-pool.sh): a drift in the machine's state shows as a JIT/AOT difference.
step "ours, JIT apphost: measure --reps=$REPS   (load $(load))"
"$JIT_EXE" measure --reps="$REPS" --variant=jit-apphost 2>&1 | collect "$OUT/jit.out" || echo "   failed: see $OUT/jit.out" >&2

if (( HAVE_ANCHORS && PYTHON )); then
  IFS=, read -r -a METHOD_LIST <<< "$METHODS"
  for m in "${METHOD_LIST[@]}"; do
    for script in py_queue.py py_pipe.py; do
      step "Python multiprocessing: $script --methods=$m --reps=$PY_REPS (bounded to ${PY_TIMEOUT}s)   (load $(load))"
      (cd "$OUT/anchors" && timeout "$PY_TIMEOUT" "$PY" "$script" --methods="$m" --reps="$PY_REPS" 2>&1) | collect "$OUT/python-${script%.py}-$m.out" \
        || echo "   $script --methods=$m failed or did not finish within ${PY_TIMEOUT}s: its remaining figures are missing" >&2
    done
  done
fi

if (( ! JIT_ONLY )); then
  step "ours, NativeAOT: measure --reps=$REPS   (load $(load))"
  "$AOT_EXE" measure --reps="$REPS" --variant=nativeaot 2>&1 | collect "$OUT/aot.out" || echo "   failed: see $OUT/aot.out" >&2
fi
pingpong_floor after

{
  echo "load at end: $(load)"
  echo "duration: $(( $(date +%s) - T_START )) s (build included)"
} >> "$OUT/env.txt"

"$PY" "$HERE/channels_summary.py" "$RESULTS" "$OUT/env.txt" | tee "$OUT/summary.md"
echo "(results: $OUT)" >&2
