# Shared by the run-*.sh benchmarks (sourced; it only defines functions): their common options, the results folder,
# building both .NET flavours of a benchmark, copying the Python anchors, waiting for a quiet machine, env.txt,
# collecting RESULT lines. Callers set ROOT, NAME (for messages), ANCHORS_VAR (the variable that overrides --anchors)
# and the defaults of ANCHORS, REPS, OUT (empty: the default folder), BUILD and WAIT.

step() { echo "== $*" >&2; }

# parse_options ARGS...: the options every run-*.sh takes (--anchors DIR, --reps N, --out DIR, --no-build, --no-wait,
# -h/--help), each also as --name=value. Any other goes to the script's own script_option function, called with the
# remaining arguments; it sets TAKEN to how many it used (0: not one of its options).
parse_options() {
  local args=() a
  for a in "$@"; do
    if [[ $a == --*=* ]]; then args+=("${a%%=*}" "${a#*=}"); else args+=("$a"); fi
  done
  set -- ${args[@]+"${args[@]}"}
  while (( $# > 0 )); do
    case "$1" in
      --anchors) ANCHORS=$2; shift 2 ;;
      --reps) REPS=$2; shift 2 ;;
      --out) OUT=$2; shift 2 ;;
      --no-build) BUILD=0; shift ;;
      --no-wait) WAIT=0; shift ;;
      -h|--help) awk 'NR > 1 { if (/^#/) print; else exit }' "$0"; exit 0 ;;
      *)
        TAKEN=0
        if declare -F script_option > /dev/null; then script_option "$@"; fi
        (( TAKEN > 0 )) || { echo "$NAME: unknown option $1 (see --help)" >&2; exit 2; }
        shift "$TAKEN" ;;
    esac
  done
}

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
# HAVE_ANCHORS; copies SCRIPT and _common.py to $OUT/anchors (the anchors folder may be read-only, and SCRIPT imports
# _common from its own folder).
prepare_anchors() {
  local script=$1
  PY=$(python3 -c 'import sys; print(sys.executable)')
  HAVE_ANCHORS=0
  if [[ -f $ANCHORS/$script && -f $ANCHORS/_common.py ]]; then
    HAVE_ANCHORS=1
    mkdir -p "$OUT/anchors"
    cp "$ANCHORS/$script" "$ANCHORS/_common.py" "$OUT/anchors/"
  else
    echo "$NAME: no anchors at '$ANCHORS' ($script, _common.py): the Python rows and the ratios to Python are skipped. Point --anchors (or $ANCHORS_VAR) at them." >&2
  fi
}

# wait_quiet SECONDS: unless --no-wait, waits at most SECONDS for the machine to be quiet (the anchors' wait_quiet.py).
wait_quiet() {
  if (( WAIT )) && [[ -f $ANCHORS/wait_quiet.py ]]; then
    "${PY:-python3}" "$ANCHORS/wait_quiet.py" 0.85 "$1" || true
  fi
}

# write_env LINE...: $OUT/env.txt, what a run's summary starts with: the date, the machine and its load, Python (once
# prepare_anchors set PY), .NET, the commit (with the count of uncommitted changes under runtime/ and generator/), then
# the script's own lines.
write_env() {
  {
    echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus: $(nproc); kernel: $(uname -r)"
    echo "load at start: $(load)"
    if [[ -n ${PY:-} ]]; then echo "python: $("$PY" -c 'import sys; print(sys.version.split()[0])')"; fi
    echo "dotnet: $(dotnet --version)"
    local rev dirty
    if rev=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null); then
      dirty=$(git -C "$ROOT" status --porcelain -- runtime generator 2> /dev/null | wc -l)
      echo "commit: $rev$( (( dirty > 0 )) && echo " + $dirty uncommitted change(s) under runtime/ or generator/")"
    else
      echo "commit: unknown (not a git checkout)"
    fi
    printf '%s\n' "$@"
  } > "$OUT/env.txt"
}
