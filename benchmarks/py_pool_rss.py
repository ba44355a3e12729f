"""Resident memory of a Python multiprocessing.Pool(2) worker, per start method, measured like PoolThroughput's
mp.pool.worker_rss: the pool is warmed (a 1 000-item map) and then runs roughly what py_pool.py runs on a warm pool
(two 100 000-item maps, 10 000 apply_async, 200 apply); then VmRSS/RssAnon/RssFile (/proc/<pid>/status) and Pss
(/proc/<pid>/smaps_rollup) of each multiprocessing.active_children() pid are read.

Prints one `RESULT {json}` line per start method (the anchors' format, anchors/_common.py emit()).
Usage: python3 benchmarks/py_pool_rss.py [--methods=spawn,forkserver,fork]
"""
import json
import multiprocessing as mp
import os
import sys


def square(x):
    return x * x


def _kib_fields(path, names):
    out = {}
    try:
        with open(path) as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in names:
                    out[key] = int(rest.split()[0]) / 1024.0
    except OSError:
        pass
    return out


def rss(pid):
    d = _kib_fields(f"/proc/{pid}/status", {"VmRSS", "RssAnon", "RssFile"})
    d.update(_kib_fields(f"/proc/{pid}/smaps_rollup", {"Pss"}))
    return d


def median(xs):
    s = sorted(xs)
    n = len(s)
    if n == 0:
        return float("nan")
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def main():
    methods = ("spawn", "forkserver", "fork")
    for a in sys.argv[1:]:
        if a.startswith("--methods="):
            methods = tuple(a.split("=", 1)[1].split(","))
    for m in methods:
        ctx = mp.get_context(m)
        with ctx.Pool(2) as pool:
            pool.map(square, range(1000))  # warm, as py_pool.py
            warm = [rss(p.pid) for p in mp.active_children()]
            pool.map(square, range(100_000))
            pool.map(square, range(100_000), chunksize=1000)
            for r in [pool.apply_async(square, (i,)) for i in range(10_000)]:
                r.get()
            for i in range(200):
                pool.apply(square, (i,))
            after = [rss(p.pid) for p in mp.active_children()]
            parent = rss(os.getpid())
        vals = [a.get("VmRSS", float("nan")) for a in after]
        rec = {
            "metric": "py.pool.worker_rss", "variant": m, "unit": "MiB",
            "values": [round(v, 3) for v in vals], "median": median(vals), "min": min(vals), "max": max(vals),
            "n": len(vals), "higher_is_better": False, "cmd": "benchmarks/py_pool_rss.py",
            "note": f"VmRSS of each of the {len(vals)} active_children() of a warm Pool(2) after maps/applies; pss/anon alongside",
            "pss_mib": median([a.get("Pss", float("nan")) for a in after]),
            "rss_anon_mib": median([a.get("RssAnon", float("nan")) for a in after]),
            "rss_file_mib": median([a.get("RssFile", float("nan")) for a in after]),
            "after_warmup_rss_mib": median([w.get("VmRSS", float("nan")) for w in warm]),
            "parent_rss_mib": parent.get("VmRSS", float("nan")),
            "python": sys.version.split()[0],
        }
        print("RESULT " + json.dumps(rec), flush=True)
        print(f"  py.pool.worker_rss {m:<12} median {rec['median']:.1f} MiB (pss {rec['pss_mib']:.1f}, anon {rec['rss_anon_mib']:.1f})",
              file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
