# Shared by run-spawn.sh and run-pool.sh (sourced): build both .NET flavours of a benchmark and copy the Python anchors.
# Callers set NAME (for messages), OUT, BUILD, ANCHORS and ANCHORS_VAR (the variable that overrides --anchors).

step() { echo "== $*" >&2; }

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
