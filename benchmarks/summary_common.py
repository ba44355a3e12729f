"""What the *_summary.py scripts share: reading a run (results.jsonl, and env.txt for the header line), medians and
number formatting."""
import json
import math
import sys

# Rates of things (not of bytes): shown in k and M.
COUNT_RATES = ("msgs/s", "ops/s", "items/s", "tasks/s")


def read_run(argv=None):
    """The RESULT records of argv[1] (results.jsonl), in order; prints the "Run: ..." line from argv[2] (env.txt) if given."""
    argv = argv or sys.argv
    with open(argv[1]) as f:
        recs = [json.loads(line) for line in (x.strip() for x in f) if line]
    if len(argv) > 2:
        with open(argv[2]) as f:
            print("Run: " + "; ".join(x.strip() for x in f if x.strip()) + "\n")
    return recs


def by_key(recs):
    """The records by (metric, variant); a later record of the same key replaces an earlier one."""
    return {(r["metric"], r["variant"]): r for r in recs}


def median(xs):
    s = sorted(x for x in xs if x is not None and not math.isnan(x))
    n = len(s)
    if n == 0:
        return None
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def fmt(x, unit=""):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if unit in COUNT_RATES:
        return f"{x / 1e6:.2f} M" if x >= 1e6 else f"{x / 1e3:.1f} k"
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"
