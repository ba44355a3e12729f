"""Summarize a run of benchmarks/run-channels.sh: ours (JIT, NativeAOT) next to Python's best start method and the C
floor of the same run, the ratios, PASS/MISS per target, and where each side's time went.

Usage: python3 benchmarks/channels_summary.py <results.jsonl> [env.txt]   -> Markdown on stdout
"""
from summary_common import fmt, median, read_run

OURS = (("jit-apphost", "JIT"), ("nativeaot", "NativeAOT"))
SOCKET = "AF_UNIX socketpair"


def main():
    recs = read_run()

    def rec(metric, variant):
        for r in recs:
            if r["metric"] == metric and r["variant"] == variant:
                return r
        return None

    def ours(metric, v):
        r = rec(metric, v)
        return r["median"] if r else None

    def py_best(metric, higher):
        """The best Python median over start methods (and transports) for a metric: (value, variant)."""
        got = [(r["median"], r["variant"]) for r in recs if r["metric"] == metric]
        if not got:
            return None, None
        return (max if higher else min)(got)

    def floor(metric, variant):
        """The C floor: the median of every value of every pass of this run (the ping-pong runs before and after ours)."""
        vals = [v for r in recs if r["metric"] == metric and r["variant"] == variant for v in r["values"]]
        passes = [f'{r.get("pass", "")} {r["median"]:.3g}'.strip() for r in recs if r["metric"] == metric and r["variant"] == variant]
        return median(vals), passes

    # (label, our metric, unit, higher, Python metric, floor (metric, variant) or None, target kind, target value)
    rows = [
        ("queue: 1 000 000 small ints, producer child -> consumer child", "mp.queue.small_int", "msgs/s", True,
         "py.queue.small_int", ("os.small_msgs_oneway", "pipe (64 KiB buffer)"), "py", 20),
        ("queue: 10 000 x 64 KiB byte[]", "mp.queue.64KiB.MBps", "MB/s", True,
         "py.queue.64KiB.MBps", None, "py", 2.5),
        ("pipe: ping-pong round trip, 100 000 small ints", "mp.pipe.pingpong", "us/rt", False,
         "py.pipe.pingpong", ("os.pingpong_rtt", SOCKET), "floor", 2.0),
        ("pipe: 2048 x 1 MiB, Send(byte[]) -> Receive() [Python: send_bytes -> recv_bytes()]", "mp.pipe.send_1MiB.receive", "GB/s", True,
         "py.pipe.send_bytes_1MiB", ("os.stream_1MiB_writes", SOCKET), "floor", 0.8),
        ("pipe: 2048 x 1 MiB, SendBytes -> ReceiveBytes() [Python: send_bytes -> recv_bytes()]", "mp.pipe.send_bytes_1MiB", "GB/s", True,
         "py.pipe.send_bytes_1MiB", ("os.stream_1MiB_writes", SOCKET), None, None),
        ("pipe: 2048 x 1 MiB, SendBytes -> ReceiveBytesInto(reused buffer) [Python: recv_bytes_into]", "mp.pipe.send_bytes_1MiB.into", "GB/s", True,
         "py.pipe.send_bytes_1MiB.into", ("os.stream_1MiB_writes", SOCKET), "floor", 0.8),
    ]

    # 1. all medians
    print("| figure | unit | ours JIT | ours NativeAOT | Python best (method) | C floor | ours / Python (JIT, AOT) | ours / floor (JIT, AOT) |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    for label, m, unit, higher, pym, fl, _, _ in rows:
        o = [ours(m, v) for v, _ in OURS]
        pb, pv = py_best(pym, higher)
        fv, _ = floor(*fl) if fl else (None, [])

        def better(a, b):
            # "times better": > 1 means ours is better, whichever way the unit goes
            if a is None or b is None or a == 0:
                return "n/a"
            return f"{(a / b) if higher else (b / a):.2f}×"

        def share(a, b):
            # ours relative to the floor in the floor's own sense: throughput share (≤ 1 typically), or latency multiple
            if a is None or b is None or b == 0:
                return "n/a"
            return f"{a / b:.2f}×"

        print(f"| {label} | {unit} | {fmt(o[0], unit)} | {fmt(o[1], unit)} | "
              f"{fmt(pb, unit)}{f' ({pv})' if pv else ''} | {fmt(fv, unit) if fl else '—'}{f' ({fl[1]})' if fl else ''} | "
              f"{better(o[0], pb)}, {better(o[1], pb)} | {share(o[0], fv) if fl else '—'}{', ' + share(o[1], fv) if fl else ''} |")
    q = rec("mp.queue.64KiB", "jit-apphost")
    if q:
        pb, pv = py_best("py.queue.64KiB", True)
        print(f"| (same runs) queue 64 KiB in msgs/s | msgs/s | {fmt(q['median'], 'msgs/s')} | {fmt(ours('mp.queue.64KiB', 'nativeaot'), 'msgs/s')} | "
              f"{fmt(pb, 'msgs/s')}{f' ({pv})' if pv else ''} | — | | |")

    # 2. the floors of this run
    print("\n| C floor (this run) | unit | median (all passes) | per pass |")
    print("|---|---|---:|---|")
    for metric, variant, unit in (("os.pingpong_rtt", SOCKET, "us/rt"), ("os.pingpong_rtt", "two pipes", "us/rt"),
                                  ("os.pingpong_rtt", "AF_UNIX socketpair, both on CPU0", "us/rt"),
                                  ("os.stream_1MiB_writes", SOCKET, "GB/s"), ("os.stream_1MiB_writes", "pipe (64 KiB buffer)", "GB/s"),
                                  ("os.stream_64KiB_writes", SOCKET, "GB/s"),
                                  ("os.small_msgs_oneway", "pipe (64 KiB buffer)", "msgs/s"),
                                  ("os.memcpy", "1 MiB blocks", "GB/s"), ("os.memcpy", "256 MiB blocks", "GB/s")):
        v, passes = floor(metric, variant)
        if v is not None:
            print(f"| {metric}, {variant} | {unit} | {fmt(v, unit)} | {' / '.join(passes)} |")

    # 3. targets
    print("\n| target | flavour | measured | target | verdict |")
    print("|---|---|---|---|---|")

    def verdict(ok):
        return "n/a" if ok is None else ("PASS" if ok else "MISS")

    for label, m, unit, higher, pym, fl, kind, goal in rows:
        if kind is None:
            continue
        for v, name in OURS:
            o = ours(m, v)
            if o is None:
                continue
            if kind == "py":
                pb, pv = py_best(pym, higher)
                ok = None if pb is None else o / pb >= goal
                shown = f"{o / pb:.1f}× ({fmt(o, unit)} vs Python {pv} {fmt(pb, unit)} {unit})" if pb else "n/a"
                print(f"| {label} ≥ {goal}× Python's best | {name} | {shown} | ≥ {goal}× | {verdict(ok)} |")
            elif higher:
                fv, _ = floor(*fl)
                ok = None if fv is None else o / fv >= goal
                shown = f"{o / fv:.0%} of the floor ({fmt(o, unit)} vs {fmt(fv, unit)} {unit})" if fv else "n/a"
                print(f"| {label} ≥ {goal:.0%} of the Unix-socket stream | {name} | {shown} | ≥ {goal:.0%} | {verdict(ok)} |")
            else:
                fv, _ = floor(*fl)
                ok = None if fv is None else o / fv <= goal
                shown = f"{o / fv:.2f}× the floor ({fmt(o, unit)} vs {fmt(fv, unit)} {unit})" if fv else "n/a"
                print(f"| {label} ≤ {goal}× the Unix-socket ping-pong | {name} | {shown} | ≤ {goal}× | {verdict(ok)} |")
                pb, pv = py_best(pym, higher)
                if pb:
                    print(f"| (info) {label} vs Python's best | {name} | {pb / o:.1f}× better (Python {pv} {fmt(pb, unit)} {unit}) | | |")

    # 4. where the time goes: what each child measured about itself over the timed part (medians over repetitions)
    print("\n| figure | flavour | side | wall ms | CPU share | user µs/msg | sys µs/msg | minor faults/msg | vol. switches/msg | invol. switches/msg | allocated B/msg | gen0 GCs |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, m, unit, higher, *_ in rows:
        for v, name in OURS:
            r = rec(m if m != "mp.queue.64KiB.MBps" else "mp.queue.64KiB", v)
            if r is None:
                continue
            for side in ("sender", "receiver", "ping", "pong"):
                if f"{side}_wall_ms" not in r:
                    continue

                def g(k, f="{:.3g}"):
                    x = r.get(f"{side}_{k}")
                    return "n/a" if x is None else f.format(x)
                print(f"| {label.split(',')[0].split(' [')[0]}{'' if m == 'mp.pipe.pingpong' else ' (' + m.split('.', 2)[2] + ')'} | {name} | {side} | {g('wall_ms', '{:.0f}')} | {g('cpu_share', '{:.2f}')} | "
                      f"{g('user_us_per_msg')} | {g('sys_us_per_msg')} | {g('minflt_per_msg')} | {g('vcsw_per_msg')} | {g('ivcsw_per_msg')} | "
                      f"{g('alloc_bytes_per_msg', '{:.0f}')} | {g('gc0', '{:.0f}')} |")

    print("\n(medians of the repetitions of this one run; \"Python best\" = the best start method's (and, for the pipe stream,"
          " transport's) median; the C floor is the median over all its passes in this run; ours are timed in the children:"
          " sender's stamp after the start barrier to the receiver's stamp after the last message; per-message costs are"
          " getrusage/GC deltas of each child over the timed part)")


if __name__ == "__main__":
    main()
