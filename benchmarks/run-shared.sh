#!/usr/bin/env bash
# Shared-memory read bandwidth: the parent fills a 256 MiB SharedArray<long>, a child sums it in place (timed in the
# child, median of --reps passes) -> GB/s, next to memcpy of the same size: the C floor (anchors/c/memcpy_bw.c, built
# here into the output folder) and Buffer.MemoryCopy in the same .NET process. Target: child sum >= 0.5 x memcpy.
#
# Usage: benchmarks/run-shared.sh [--anchors DIR] [--reps N] [--mib N] [--out DIR] [--aot] [--no-build] [--no-wait]
#   --anchors DIR   the anchors folder (c/memcpy_bw.c, wait_quiet.py); default <repo>/../shared/anchors, or $SHARED_ANCHORS.
#                   Without it (or without a C compiler) the ratio is to Buffer.MemoryCopy only.
#   --reps N        passes per figure (default 7)
#   --mib N         array size in MiB (default 256)
#   --out DIR       where results go (default benchmarks/results/shared-<UTC time>)
#   --aot           also publish and run the NativeAOT flavour
#   --no-build      reuse the last build (and publish)
#   --no-wait       do not wait (at most 120 s) for the machine to be quiet before measuring
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
source "$HERE/common.sh"
NAME=run-shared.sh
ANCHORS_VAR=SHARED_ANCHORS
ANCHORS=${SHARED_ANCHORS:-$ROOT/../shared/anchors}
REPS=7
MIB=256
OUT=""
AOT=0
BUILD=1
WAIT=1

script_option() {
  case "$1" in
    --mib) MIB=$2; TAKEN=2 ;;
    --aot) AOT=1; TAKEN=1 ;;
  esac
}
parse_options "$@"

init_results shared

PROJ=$HERE/SharedMemory/SharedMemory.csproj
JIT_EXE=$HERE/SharedMemory/bin/Release/net10.0/SharedMemory
AOT_DIR=$HERE/SharedMemory/bin/aot
AOT_EXE=$AOT_DIR/SharedMemory

if (( AOT )); then
  build_flavours "$PROJ" "$JIT_EXE" "$AOT_DIR" "$AOT_EXE"
elif (( BUILD )); then
  step "build: JIT apphost (dotnet build -c Release)"
  dotnet build "$PROJ" -c Release -nologo -v q > "$OUT/build-jit.log" 2>&1 || { cat "$OUT/build-jit.log" >&2; exit 1; }
fi
[[ -x $JIT_EXE ]] || { echo "$NAME: $JIT_EXE is missing: run without --no-build" >&2; exit 1; }

# The C floor: built from the anchors' source into the output folder (the anchors folder may be read-only).
C_MEMCPY=""
CC=${CC:-$(command -v cc || command -v gcc || command -v clang || true)}
if [[ -f $ANCHORS/c/memcpy_bw.c && -n $CC ]]; then
  step "build: anchors/c/memcpy_bw.c ($CC -O2)"
  "$CC" -O2 -Wall -Wextra -o "$OUT/memcpy_bw" "$ANCHORS/c/memcpy_bw.c" 2> "$OUT/build-c.log" || { cat "$OUT/build-c.log" >&2; exit 1; }
else
  echo "$NAME: no C memcpy floor ('$ANCHORS/c/memcpy_bw.c' or a C compiler missing): the ratio is to Buffer.MemoryCopy. Point --anchors (or $ANCHORS_VAR) at the anchors." >&2
fi

wait_quiet 120

write_env "reps: $REPS; size: $MIB MiB" \
  "/dev/shm: $(df -h /dev/shm | tail -1)"


if [[ -x $OUT/memcpy_bw ]]; then
  step "C floor: memcpy_bw $REPS   (load $(load))"
  "$OUT/memcpy_bw" "$REPS" 2>&1 | collect "$OUT/memcpy.out"
  C_MEMCPY=$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        r = json.loads(line[7:])
        if r["variant"] == "256 MiB blocks": print(r["median"])' "$OUT/memcpy.out")
fi

ARGS=(measure --reps="$REPS" --mib="$MIB")
[[ -n $C_MEMCPY ]] && ARGS+=(--c-memcpy="$C_MEMCPY")
step "ours, JIT apphost: ${ARGS[*]}   (load $(load))"
"$JIT_EXE" "${ARGS[@]}" --variant=jit-apphost 2>&1 | collect "$OUT/jit.out"
if (( AOT )); then
  step "ours, NativeAOT: ${ARGS[*]}   (load $(load))"
  "$AOT_EXE" "${ARGS[@]}" --variant=nativeaot 2>&1 | collect "$OUT/aot.out"
fi
echo "load at end: $(load)" >> "$OUT/env.txt"

echo "(results: $OUT)" >&2
