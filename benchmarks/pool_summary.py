"""Summarize a run of benchmarks/run-pool.sh: one table row per figure (ours JIT / NativeAOT, Python per start
method), the ratios to Python's best start method per figure, and PASS/MISS per target of issue 5.

Usage: python3 benchmarks/pool_summary.py <results.jsonl> [env.txt]   -> Markdown on stdout
"""
from summary_common import by_key, fmt, read_run

PY_METHODS = ("spawn", "forkserver", "fork")
OURS = (("jit-apphost", "JIT"), ("nativeaot", "NativeAOT"))

# (our metric, Python metric, label, higher is better)
FIGURES = [
    ("mp.pool.create_close", "py.pool.create_close", "pool start-up: create + 2-task map + close", False),
    ("mp.pool.map", "py.pool.map", "map 100 000 trivial tasks, default chunking", True),
    ("mp.pool.map.cs1000", "py.pool.map.cs1000", "map 100 000, chunk size 1000", True),
    ("mp.pool.apply_async", "py.pool.apply_async", "10 000 ApplyAsync / apply_async one by one", True),
    ("mp.pool.apply_sync_latency", "py.pool.apply_sync_latency", "sequential round trip (`await ApplyAsync` / `pool.apply`)", False),
    ("mp.pool.apply_blocking_latency", "py.pool.apply_sync_latency", "sequential round trip (blocking `Apply` / `pool.apply`)", False),
    ("mp.pool.worker_rss", "py.pool.worker_rss", "RSS per worker (VmRSS)", False),
]


def main():
    recs = by_key(read_run())

    def med(metric, variant):
        r = recs.get((metric, variant))
        return r["median"] if r else None

    def best_py(metric, higher):
        got = [(med(metric, m), m) for m in PY_METHODS if med(metric, m) is not None]
        if not got:
            return None, None
        return (max if higher else min)(got)

    # 1. all medians
    print("| figure | unit | ours JIT | ours NativeAOT | Python spawn | Python forkserver | Python fork | ours / best Python (JIT, AOT) |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for ours_m, py_m, label, higher in FIGURES:
        unit = (recs.get((ours_m, "jit-apphost")) or recs.get((ours_m, "nativeaot")) or recs.get((py_m, "spawn")) or {}).get("unit", "")
        cells = [fmt(med(ours_m, v), unit) for v, _ in OURS] + [fmt(med(py_m, m), unit) for m in PY_METHODS]
        best, how = best_py(py_m, higher)
        ratios = []
        for v, _ in OURS:
            o = med(ours_m, v)
            if o is None or best is None or o == 0:
                ratios.append("n/a")
            else:
                # "times better": > 1 means ours is better, whichever way the unit goes
                ratios.append(f"{(o / best) if higher else (best / o):.2f}×")
        tail = f"{', '.join(ratios)} better (vs {how})" if best is not None else "n/a"
        print(f"| {label} | {unit} | " + " | ".join(cells) + f" | {tail} |")
    ppe = best_py("py.ppe.submit", True)
    if ppe[0] is not None:
        print(f"| (Python only) ProcessPoolExecutor.submit one by one | tasks/s | | | "
              + " | ".join(fmt(med("py.ppe.submit", m), "tasks/s") for m in PY_METHODS) + " | |")
    ppe_map = best_py("py.ppe.map.cs1000", True)
    if ppe_map[0] is not None:
        print(f"| (Python only) ProcessPoolExecutor.map chunksize=1000 | tasks/s | | | "
              + " | ".join(fmt(med("py.ppe.map.cs1000", m), "tasks/s") for m in PY_METHODS) + " | |")

    # 2. targets
    print("\n| target | flavour | measured | target | verdict |")
    print("|---|---|---|---|---|")

    def verdict(ok):
        return "n/a" if ok is None else ("PASS" if ok else "MISS")

    for v, name in OURS:
        o = med("mp.pool.map", v)
        best, how = best_py("py.pool.map", True)
        ok = None if o is None or best is None else o / best >= 3
        shown = f"{o / best:.2f}× ({fmt(o, 'tasks/s')} vs {how} {fmt(best, 'tasks/s')})" if ok is not None else "n/a"
        print(f"| map 100 000, default chunking ≥ 3× Python's best | {name} | {shown} | ≥ 3× | {verdict(ok)} |")
    for v, name in OURS:
        o = med("mp.pool.apply_async", v)
        best, how = best_py("py.pool.apply_async", True)
        ok = None if o is None or best is None else o / best >= 10
        shown = f"{o / best:.2f}× ({fmt(o, 'tasks/s')} vs {how} {fmt(best, 'tasks/s')})" if ok is not None else "n/a"
        print(f"| ApplyAsync one by one ≥ 10× Python's best | {name} | {shown} | ≥ 10× | {verdict(ok)} |")
    for metric, what in (("mp.pool.apply_sync_latency", "await ApplyAsync"), ("mp.pool.apply_blocking_latency", "blocking Apply")):
        for v, name in OURS:
            o = med(metric, v)
            if o is None:
                continue
            print(f"| single round trip ({what}) ≤ 30 µs | {name} | {o:.1f} µs | ≤ 30 µs | {verdict(o <= 30)} |")
            fork = med("py.pool.apply_sync_latency", "fork")
            best, how = best_py("py.pool.apply_sync_latency", False)
            ok = None if fork is None else fork / o >= 10
            shown = f"{fork / o:.1f}× (Python fork {fork:.0f} µs; best Python {how} {best:.0f} µs = {best / o:.1f}×)" if fork else "n/a"
            print(f"| single round trip ({what}) ≥ 10× better than Python fork | {name} | {shown} | ≥ 10× | {verdict(ok)} |")
    for v, name, py_m in (("jit-apphost", "JIT", "spawn"), ("nativeaot", "NativeAOT", "fork")):
        o, p = med("mp.pool.create_close", v), med("py.pool.create_close", py_m)
        ok = None if o is None or p is None else o <= p
        shown = f"{o:.1f} ms vs Python {py_m} {p:.1f} ms ({o / p:.2f}×)" if ok is not None else "n/a"
        print(f"| pool start-up with 2 workers ≤ Python {py_m}'s | {name} | {shown} | ≤ 1× | {verdict(ok)} |")

    # 3. memory detail
    print("\n| worker memory (median of the 2 workers, MiB) | VmRSS | Pss | RssAnon | RssFile | VmRSS after warm-up only | parent VmRSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rows = [(("mp.pool.worker_rss", v), f"ours, {name}") for v, name in OURS] + \
           [(("py.pool.worker_rss", m), f"Python {m}") for m in PY_METHODS]
    for key, label in rows:
        r = recs.get(key)
        if r is None:
            continue
        print(f"| {label} | {r['median']:.1f} | {r.get('pss_mib', float('nan')):.1f} | {r.get('rss_anon_mib', float('nan')):.1f} | "
              f"{r.get('rss_file_mib', float('nan')):.1f} | {r.get('after_warmup_rss_mib', float('nan')):.1f} | {r.get('parent_rss_mib', float('nan')):.1f} |")
    print("\n(medians of the repetitions of this one run; \"best Python\" = the best start method's median for that figure;"
          " round trips are total time / N as py_pool.py defines them)")


if __name__ == "__main__":
    main()
