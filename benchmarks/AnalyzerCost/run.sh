#!/usr/bin/env bash
# AnalyzerCost: what the Multiprocessing generator + analyzers add to a full build of a project with 500 process
# targets and 2,000 ordinary methods. Builds the same generated project with and without the tooling
# (-p:WithMultiprocessingTooling=true|false), RUNS full rebuilds each (default 5), as `dotnet build` runs by default
# (compiler server warm) and with the compiler in-process, and prints medians and the ratios, plus the compiler's own
# per-analyzer/generator timing (-p:ReportAnalyzer=true) of the last "with" build.
#   usage: benchmarks/AnalyzerCost/run.sh [RUNS] [TARGETS] [ORDINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=${1:-5}; targets=${2:-500}; ordinary=${3:-2000}
work=$(mktemp -d "${TMPDIR:-/tmp}/analyzer-cost.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$work/CostProbe" "$repo" "$targets" "$ordinary"
proj="$work/CostProbe/CostProbe.csproj"

# restore and build the runtime, generator and analyzers once; the timed builds compile only the probe project
dotnet build "$proj" -p:WithMultiprocessingTooling=true -nologo -v:q >/dev/null
dotnet build "$proj" -p:WithMultiprocessingTooling=false -nologo -v:q >/dev/null

time_build() {  # $1 = true|false, $2.. extra properties; prints "wall cpu" seconds of one full rebuild of the probe project
  # the compiler runs in-process (no server, no node reuse), so its CPU time is counted: CPU time is steadier than
  # wall time on a busy machine; wall time with these settings includes the compiler's own start-up, as CI pays it
  local t
  t=$( { /usr/bin/time -f "%e %U %S" dotnet build "$proj" --no-restore --no-incremental --disable-build-servers \
        -p:BuildProjectReferences=false -p:UseSharedCompilation=false -p:WithMultiprocessingTooling="$1" "${@:2}" \
        -nologo -v:q -clp:ErrorsOnly >/dev/null; } 2>&1 | tail -1)
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' <<<"$t"
}

time_default_build() {  # $1 = true|false; prints "wall csc" seconds of one full rebuild as `dotnet build` runs by default
  # (the shared compiler server, warm): what a developer waits for, and the compiler task's share of it. UseSharedCompilation
  # is set explicitly because CI images and sandboxes often export UseSharedCompilation=false, which MSBuild reads as a property.
  local start end csc
  start=$(date +%s.%N)
  csc=$(dotnet build "$proj" --no-restore --no-incremental -p:BuildProjectReferences=false -p:UseSharedCompilation=true -p:WithMultiprocessingTooling="$1" \
    -nologo -v:q -clp:PerformanceSummary | awk '$2 == "ms" && $3 == "Csc" { print $1 / 1000 }')
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v c="$csc" 'BEGIN { printf "%.2f %.2f\n", e - s, c }'
}

median() { sort -n | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }

default_with=(); default_without=(); csc_with=(); csc_without=()
time_default_build false >/dev/null; time_default_build true >/dev/null  # warm the servers
for ((i = 0; i < runs; i++)); do
  read -r w c <<<"$(time_default_build false)"; default_without+=("$w"); csc_without+=("$c")
  read -r w c <<<"$(time_default_build true)"; default_with+=("$w"); csc_with+=("$c")
done

wall_with=(); wall_without=(); cpu_with=(); cpu_without=()
for ((i = 0; i < runs; i++)); do   # interleaved, so drift hits both alike
  read -r w c <<<"$(time_build false)"; wall_without+=("$w"); cpu_without+=("$c")
  read -r w c <<<"$(time_build true)"; wall_with+=("$w"); cpu_with+=("$c")
done
report() {  # $1 = label, $2 = name of the "without" array, $3 = name of the "with" array
  local -n a=$2 b=$3
  local m0 m1
  m0=$(printf '%s\n' "${a[@]}" | median); m1=$(printf '%s\n' "${b[@]}" | median)
  echo "$1 ($runs full rebuilds each): without ${a[*]} | with ${b[*]}"
  awk -v a="$m0" -v b="$m1" 'BEGIN { printf "  median without %s s, with %s s: ratio %.3f, overhead %+.1f%%\n", a, b, b / a, (b / a - 1) * 100 }'
}
report "wall seconds, default dotnet build (compiler server warm)" default_without default_with
report "seconds in the Csc task of those builds" csc_without csc_with
report "wall seconds, compiler in-process (no servers)" wall_without wall_with
report "CPU seconds (user+sys), compiler in-process" cpu_without cpu_with
# attribution: the generator alone (its run plus compiling what it emits) and the analyzers alone
gen=(); ana=()
for ((i = 0; i < runs; i++)); do
  read -r w c <<<"$(time_build true -p:WithMultiprocessingAnalyzers=false)"; gen+=("$c")
  read -r w c <<<"$(time_build true -p:WithMultiprocessingGenerator=false)"; ana+=("$c")
done
echo "CPU seconds, generator only: ${gen[*]} (median $(printf '%s\n' "${gen[@]}" | median)); analyzers only: ${ana[*]} (median $(printf '%s\n' "${ana[@]}" | median))"
echo "machine load while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# the compiler's own account of the tooling's time (one more "with" build, detailed verbosity, compiler server warm)
log="$work/report.log"
dotnet build "$proj" --no-restore --no-incremental -p:BuildProjectReferences=false -p:UseSharedCompilation=true -p:WithMultiprocessingTooling=true \
  -p:ReportAnalyzer=true -p:EmitCompilerGeneratedFiles=true -nologo -v:d > "$log"
echo
echo "ReportAnalyzer (with tooling), compiler's account:"
grep -E "Total (analyzer|generator) execution time|^ *[0-9.]+ +<?[0-9]+ +.*(Multiprocessing|MemoryPack)" "$log" \
  | sed -E 's/^ +//' | awk '!seen[$0]++' | head -40
echo "generated code: $(find "$work/CostProbe/obj" -path '*Multiprocessing.Generator*' -name '*.g.cs' 2>/dev/null | wc -l) files (EmitCompilerGeneratedFiles in the report build)"
