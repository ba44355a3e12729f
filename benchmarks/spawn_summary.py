"""Summarize a run of benchmarks/run-spawn.sh: one table row per figure, the target ratios with PASS/MISS.

Usage: python3 benchmarks/spawn_summary.py <results.jsonl> [env.txt]   -> Markdown on stdout
"""
from summary_common import median, read_run

ROWS = [  # (metric, variant, label)
    ("py.process.start_join_1", "spawn", "Python `Process(noop).start(); join()`, spawn"),
    ("py.process.start_join_1", "forkserver", "Python `Process(noop).start(); join()`, forkserver"),
    ("py.process.start_join_1", "fork", "Python `Process(noop).start(); join()`, fork"),
    ("mp.spawn.start_await_1", "jit-apphost", "ours, JIT apphost: `await Noop.Start(1)` (int result)"),
    ("mp.spawn.start_await_void", "jit-apphost", "ours, JIT apphost: `await Nothing.Start()` (no result)"),
    ("net.spawn.bare_noop", "jit-apphost", "bare no-op process, JIT apphost"),
    ("mp.spawn.start_await_1", "nativeaot", "ours, NativeAOT: `await Noop.Start(1)` (int result)"),
    ("mp.spawn.start_await_void", "nativeaot", "ours, NativeAOT: `await Nothing.Start()` (no result)"),
    ("net.spawn.bare_noop", "nativeaot", "bare no-op process, NativeAOT"),
]


def main():
    recs = {}
    for r in read_run():
        key = (r["metric"], r["variant"])
        if key in recs:  # several rounds: pool the values (the first round's cold start stays)
            recs[key]["values"] += r["values"]
        else:
            recs[key] = r
    for r in recs.values():
        r.update(n=len(r["values"]), min=min(r["values"]), max=max(r["values"]), median=median(r["values"]))

    print("| figure | median ms | min | max | n | first (cold) ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for metric, variant, label in ROWS:
        r = recs.get((metric, variant))
        if r is None:
            print(f"| {label} | (not measured) | | | | |")
            continue
        first = r.get("first_ms")
        first = f"{first:.1f}" if isinstance(first, (int, float)) else ""
        print(f"| {label} | **{r['median']:.2f}** | {r['min']:.2f} | {r['max']:.2f} | {r['n']} | {first} |")

    def med(metric, variant):
        r = recs.get((metric, variant))
        return r["median"] if r else None

    jit, aot = med("mp.spawn.start_await_1", "jit-apphost"), med("mp.spawn.start_await_1", "nativeaot")
    jit_bare, aot_bare = med("net.spawn.bare_noop", "jit-apphost"), med("net.spawn.bare_noop", "nativeaot")
    py_spawn, py_fs = med("py.process.start_join_1", "spawn"), med("py.process.start_join_1", "forkserver")

    print("\n| target | ratio of medians | target | verdict |")
    print("|---|---:|---:|---|")

    def ratio(label, num, den, limit, overhead=False):
        if num is None or den is None:
            why = "no Python anchors in this run" if den is None and "Python" in label else "not measured"
            print(f"| {label} | n/a ({why}) | | |")
            return
        value = (num - den) / den if overhead else num / den
        shown = f"{value:+.0%}" if overhead else f"{value:.2f}"
        limit_shown = f"<= {limit:.0%}" if overhead else f"<= {limit:g}"
        print(f"| {label} | {shown} ({num:.2f} vs {den:.2f} ms) | {limit_shown} | {'PASS' if value <= limit else 'MISS'} |")

    ratio("JIT apphost / Python spawn", jit, py_spawn, 0.5)
    ratio("NativeAOT / Python forkserver", aot, py_fs, 1.0)
    ratio("JIT overhead over the bare JIT no-op process", jit, jit_bare, 0.5, overhead=True)
    ratio("NativeAOT overhead over the bare NativeAOT no-op process", aot, aot_bare, 0.5, overhead=True)
    print("\n(ours = `await Noop.Start(1)`; overhead = (ours - bare) / bare; each ratio is of medians from this one run)")


if __name__ == "__main__":
    main()
