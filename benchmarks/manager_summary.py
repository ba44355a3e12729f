"""Summarize a run of benchmarks/run-manager.sh: one row per figure (ours JIT / NativeAOT, Python per start method),
the ratio to Python's best start method, and PASS/MISS per target of the manager issue.

Usage: python3 benchmarks/manager_summary.py <results.jsonl> [env.txt]   -> Markdown on stdout
"""
from summary_common import by_key, fmt, read_run

PY_METHODS = ("fork", "forkserver", "spawn")
OURS = (("jit-apphost", "JIT"), ("nativeaot", "NativeAOT"))

# (our metric, Python metric or None, label, higher is better)
FIGURES = [
    ("mp.manager.dict_set", "py.manager.dict_set", "child: d[i] = i x 20 000 (one round trip each)", True),
    ("mp.manager.dict_get", "py.manager.dict_get", "child: d[i] x 20 000 (one round trip each)", True),
    ("mp.manager.start", "py.manager.start", "manager start + .dict()", False),
    ("mp.manager.first_op", None, "child's first operation (connects; part of d[i] = i)", False),
    ("mp.manager.set_many", None, "child: SetMany of 1 000 000 pairs (one round trip)", True),
    ("mp.manager.get_many", None, "child: GetMany of 1 000 000 keys (one round trip)", True),
    ("mp.manager.update_contended", None, "4 children x atomic Update of one counter", True),
    ("mp.manager.local_set", None, "manager's own process: d[i] = i", True),
    ("mp.manager.local_get", None, "manager's own process: d[i]", True),
]


def main():
    recs = by_key(read_run())

    def med(metric, variant):
        r = recs.get((metric, variant))
        return r["median"] if r else None

    def best_py(metric, higher):
        got = [(med(metric, m), m) for m in PY_METHODS if metric and med(metric, m) is not None]
        if not got:
            return None, None
        return (max if higher else min)(got)

    print("| figure | unit | ours JIT | ours NativeAOT | " + " | ".join(f"Python {m}" for m in PY_METHODS) + " | ours / best Python (JIT, AOT) |")
    print("|---|---|---:|---:|" + "---:|" * len(PY_METHODS) + "---|")
    for ours_m, py_m, label, higher in FIGURES:
        unit = (recs.get((ours_m, "jit-apphost")) or recs.get((ours_m, "nativeaot")) or {}).get("unit", "")
        if not unit and py_m:
            unit = (recs.get((py_m, "fork")) or {}).get("unit", "")
        cells = [fmt(med(ours_m, v), unit) for v, _ in OURS] + [fmt(med(py_m, m), unit) if py_m else "" for m in PY_METHODS]
        best, how = best_py(py_m, higher)
        ratios = []
        for v, _ in OURS:
            o = med(ours_m, v)
            ratios.append("n/a" if o is None or best is None or o == 0 else f"{(o / best) if higher else (best / o):.1f}×")
        tail = f"{', '.join(ratios)} better (vs {how})" if best is not None else ("(no Python counterpart)" if py_m is None else "n/a")
        print(f"| {label} | {unit} | " + " | ".join(cells) + f" | {tail} |")

    print("\n| target | flavour | measured | target | verdict |")
    print("|---|---|---|---|---|")

    def verdict(ok):
        return "n/a" if ok is None else ("PASS" if ok else "MISS")

    for metric, py_m, what in (("mp.manager.dict_set", "py.manager.dict_set", "d[i] = i"), ("mp.manager.dict_get", "py.manager.dict_get", "d[i]")):
        for v, name in OURS:
            o = med(metric, v)
            best, how = best_py(py_m, True)
            ok = None if o is None or best is None else o / best >= 10
            shown = f"{o / best:.1f}× ({fmt(o, 'ops/s')} vs Python {how} {fmt(best, 'ops/s')})" if ok is not None else "n/a"
            print(f"| single operations from a child ({what}) ≥ 10× Python's best | {name} | {shown} | ≥ 10× | {verdict(ok)} |")
    for metric, what in (("mp.manager.set_many", "SetMany"), ("mp.manager.get_many", "GetMany")):
        for v, name in OURS:
            o = med(metric, v)
            ok = None if o is None else o >= 1e6
            print(f"| batched {what} of 1 000 000 items ≥ 1 M items/s | {name} | {fmt(o, 'items/s')} items/s | ≥ 1 M/s | {verdict(ok)} |")
    print("\n(medians of the repetitions of this one run; \"best Python\" = the best start method's median for that figure;"
          " every child figure is timed inside the child, as py_manager.py times its worker)")


if __name__ == "__main__":
    main()
