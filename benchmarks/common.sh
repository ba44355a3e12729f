# Shared by the run-*.sh benchmarks (sourced; it only defines functions): the results folder, building both .NET
# flavours of a benchmark, copying the Python anchors, collecting RESULT lines. Callers set ROOT, and before the calls
# NAME (for messages), OUT (empty: the default folder), BUILD, ANCHORS and ANCHORS_VAR (the variable that overrides
# --anchors).

step() { echo "== $*" >&2; }

load() { cut -d' ' -f1-3 /proc/loadavg; }

# init_results KIND: OUT (default benchmarks/results/KIND-<UTC time>) made absolute; RESULTS, its results.jsonl, emptied.
init_results() {
  OUT=${OUT:-$ROOT/benchmarks/results/$1-$(date -u +%Y%m%dT%H%M%SZ)}
  mkdir -p "$OUT"
  OUT=$(cd "$OUT" && pwd)
  RESULTS=$OUT/results.jsonl
  : > "$RESULTS"
}

# Keep a command's whole output in $1, its RESULT lines in results.jsonl (with "pass" added when given as $2), and
# show the readable lines.
collect() {
  local pass=${2:-}
  tee -a "$1" | tee >(grep -v '^RESULT ' >&2) | grep '^RESULT ' | sed 's/^RESULT //' \
    | if [[ -n $pass ]]; then sed "s/^{/{\"pass\": \"$pass\", /"; else cat; fi >> "$RESULTS" || true
}

# build_flavours PROJECT JIT_EXE AOT_DIR AOT_EXE: dotnet build (JIT apphost) and NativeAOT publish, unless --no-build.
build_flavours() {
  local proj=$1 jit_exe=$2 aot_dir=$3 aot_exe=$4
  if (( BUILD )); then
    step "build: JIT apphost (dotnet build -c Release)"
    dotnet build "$proj" -c Release -nologo -v q > "$OUT/build-jit.log" 2>&1 || { cat "$OUT/build-jit.log" >&2; exit 1; }
    step "publish: NativeAOT (dotnet publish -c Release -r linux-x64; PublishAot is in the csproj)"
    local aot_args=()
    if ! command -v clang > /dev/null; then
      echo "   clang not found: linking with gcc (-p:CppCompilerAndLinker=gcc)" >&2
      aot_args+=(-p:CppCompilerAndLinker=gcc)
    fi
    dotnet publish "$proj" -c Release -r linux-x64 -o "$aot_dir" -nologo -v q "${aot_args[@]}" > "$OUT/publish-aot.log" 2>&1 \
      || { cat "$OUT/publish-aot.log" >&2; exit 1; }
  fi
  local exe
  for exe in "$jit_exe" "$aot_exe"; do
    [[ -x $exe ]] || { echo "$NAME: $exe is missing: run without --no-build" >&2; exit 1; }
  done
}

# prepare_anchors SCRIPT: sets PY (the real interpreter: `python3` on PATH may be a shim adding ~60 ms a launch) and
# HAVE_ANCHORS; copies SCRIPT, _common.py and wait_quiet.py to $OUT/anchors (the anchors folder may be read-only, and
# SCRIPT imports _common from its own folder).
prepare_anchors() {
  local script=$1
  PY=$(python3 -c 'import sys; print(sys.executable)')
  HAVE_ANCHORS=0
  if [[ -f $ANCHORS/$script && -f $ANCHORS/_common.py ]]; then
    HAVE_ANCHORS=1
    mkdir -p "$OUT/anchors"
    cp "$ANCHORS/$script" "$ANCHORS/_common.py" "$OUT/anchors/"
    [[ -f $ANCHORS/wait_quiet.py ]] && cp "$ANCHORS/wait_quiet.py" "$OUT/anchors/"
  else
    echo "$NAME: no anchors at '$ANCHORS' ($script, _common.py): the Python rows and the ratios to Python are skipped. Point --anchors (or $ANCHORS_VAR) at them." >&2
  fi
}
