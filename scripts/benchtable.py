#!/usr/bin/env python3
"""Turn scripts/bench.sh's raw measurements into the Markdown tables that
README.md's "Performance" section keeps.

usage: benchtable.py DIR [--growth]
DIR holds firstframe.json, run-*.json (hyperfine, one per round), rss.json, sizes.json and
gobench.txt (go test -bench output), as bench.sh writes them.
"""

import glob
import json
import math
import re
import statistics
import sys

LINE = re.compile(r"^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+[\d.]+ MB/s)?(?:\s+(\d+) B/op\s+(\d+) allocs/op)?")


def go_benchmarks(path):
    """name -> (ns/op, B/op, allocs/op); the last run of a name wins."""
    out = {}
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m:
                b = int(m.group(3)) if m.group(3) else None
                a = int(m.group(4)) if m.group(4) else None
                out[m.group(1)] = (float(m.group(2)), b, a)
    return out


def pooled_runs(d):
    """command -> median, mean and stddev in seconds over every round."""
    times = {}
    for path in sorted(glob.glob(f"{d}/run-*.json")):
        for r in json.load(open(path))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
    return {c: {"median": statistics.median(t), "mean": statistics.fmean(t), "stddev": statistics.stdev(t), "n": len(t)}
            for c, t in times.items()}


def dur(ns):
    if math.isnan(ns):
        return "not measured"
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.1f} µs"
    if ns < 1e9:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e9:.2f} s"


def mb(n):
    return f"{n / 1e6:.1f} MB"


def yes(ok):
    return "yes" if ok else "**no**"


def met(value, limit):
    """yes or no against a limit; a dash for what was not measured."""
    return "—" if math.isnan(value) else yes(value <= limit)


def ratio(ours, theirs):
    return f"×{ours / theirs:.2f}"


def go_rows(gb, g, row, allocs):
    """The rows that come from go test -bench."""
    ev = g("Evaluate/default")[0]
    row("scoring one answer set, default guide (Evaluate: points, reasons, tipping points, checklist)", dur(ev),
        f"points and verdict alone: {dur(g('Score/default')[0])}; {allocs('Evaluate/default')}", "< 20 µs", met(ev, 20e3))
    tp = g("Tipping/default")[0]
    row("tipping points, default guide", dur(tp), allocs("Tipping/default"), "< 1 ms", met(tp, 1e6))
    for guide, limit, label in (("default", 1e6, "< 1 ms"), ("largest", 5e6, "< 5 ms")):
        keys = {k.split("/")[-1]: v[0] for k, v in gb.items() if k.startswith(f"ScaleKey/{guide}/")}
        if keys:
            worst = max(keys, key=keys.get)
            row(f"one key press, Update+View, {guide} guide (slowest key: {worst})", dur(keys[worst]),
                ", ".join(f"{k} {dur(v)}" for k, v in sorted(keys.items())), label, yes(keys[worst] < limit))
    pl = g("Parse/flow/q=1000,r=10000")[0]
    row("loading and validating the largest guide (1,000 q × 10 options, 10,000 rules; flow layout, 1.0 MB)", dur(pl),
        f"default guide: {dur(g('Parse/default')[0])}", "< 1 s", met(pl, 1e9))


def summary(d):
    ff = json.load(open(f"{d}/firstframe.json"))
    run = pooled_runs(d)
    rss = json.load(open(f"{d}/rss.json"))
    sizes = json.load(open(f"{d}/sizes.json"))
    gb = go_benchmarks(f"{d}/gobench.txt")
    rows = []

    def row(what, value, compare, target, ok):
        rows.append(f"| {what} | {value} | {compare} | {target} | {ok} |")

    def g(name):
        return gb.get(name, (float("nan"), None, None))

    def allocs(name):
        _, b, a = g(name)
        return f"{a} allocs, {b} B" if a is not None else ""

    if not gb:
        # bench.sh --skip-go: say so, rather than print NaN as a missed target.
        row("the Go benchmarks (scoring, tipping points, key presses, loading)", "not measured (`--skip-go`)", "", "—", "—")
    else:
        go_rows(gb, g, row, allocs)

    # First frames compare at equal frame rates: Bubble Tea draws the first
    # frame on its renderer's first tick, so the rate alone moves it.
    hello = ff.get("hello")
    beside_hello = f"; hello-world in the same pty: {hello['median_ms']:.1f} ms" if hello else ""
    for ours, bare, rate in (("jewelguide", "bare-120fps", "120 fps, as tui.Run sets it"),
                             ("jewelguide-60fps", "bare", "Bubble Tea's default 60 fps")):
        j, b = ff.get(ours), ff.get(bare)
        if j and b:
            gum = ff.get("gum")
            beside_gum = f"; `gum choose` {gum['median_ms']:.1f} ms (ours ÷ gum {ratio(j['median_ms'], gum['median_ms'])})" if gum else ""
            row(f"first frame in a pty at 80×24, {rate} (median of {j['runs']})", f"{j['median_ms']:.1f} ms",
                f"bare Bubble Tea at the same rate: {b['median_ms']:.1f} ms (ours ÷ bare {ratio(j['median_ms'], b['median_ms'])})"
                f"{beside_gum}{beside_hello}",
                "≤ bare + 1 ms", yes(j["median_ms"] <= b["median_ms"] + 1))

    jr, fl, he = run["jewelguide"], run["floor"], run["hello"]
    over = (jr["median"] - fl["median"]) * 1e3
    row(f"non-interactive run, `--answer …×7 --format json` (median of {jr['n']}; mean ± σ)",
        f"{jr['median'] * 1e3:.2f} ms; {jr['mean'] * 1e3:.2f} ± {jr['stddev'] * 1e3:.2f}",
        f"floor (same libraries, prints a line): {fl['median'] * 1e3:.2f} ms (ours ÷ floor {ratio(jr['median'], fl['median'])}); "
        f"hello-world: {he['median'] * 1e3:.2f} ms; ours over the floor: {over:.2f} ms"
        + (f" (in process, warm: the built-in guide from its build-time tree {dur(g('ParseTree')[0])}, "
           f"where parsing its text takes {dur(g('Parse/default')[0])}; evaluate, report, JSON {dur(g('ReportJSON')[0])})" if gb else ""),
        "≤ 1 ms over the floor", yes(over <= 1))
    ck = run.get("check")
    if ck:
        row(f"`check data/guide.yaml`: load, validate and walk all answer sets (median of {ck['n']})", f"{ck['median'] * 1e3:.2f} ms",
            f"over the floor: {(ck['median'] - fl['median']) * 1e3:.2f} ms (ours ÷ floor {ratio(ck['median'], fl['median'])})", "—", "—")
    row("peak RSS of that run (max of runs)", mb(rss["jewelguide"] * 1024),
        f"floor {mb(rss['floor'] * 1024)}, hello {mb(rss['hello'] * 1024)}", "< 20 MB", yes(rss["jewelguide"] * 1024 < 20e6))
    row("stripped binary (`-ldflags='-s -w'`)", mb(sizes["jewelguide"]),
        f"floor {mb(sizes['floor'])}, bare {mb(sizes['bare'])}, hello {mb(sizes['hello'])}", "< 12 MB", yes(sizes["jewelguide"] < 12e6))
    print("| measure | figure | beside it | target | met |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


def growth(d):
    gb = go_benchmarks(f"{d}/gobench.txt")
    if not gb:
        print("\nThe growth tables come from the Go benchmarks, not measured (`--skip-go`).")
        return
    qs, rs = (10, 100, 1000), (100, 1000, 10000)
    for title, prefix in (("loading and validating (flow layout)", "Parse/flow/"), ("points and verdict (Score)", "Score/"),
                          ("tipping points", "Tipping/"), ("Evaluate (all of it)", "Evaluate/")):
        cells = {(q, r): gb.get(f"{prefix}q={q},r={r}", (float("nan"),))[0] for q in qs for r in rs}
        print(f"\n{title}: time per call; in brackets, per unit of guide size (10·questions + rules)\n")
        print("| questions \\ rules | " + " | ".join(f"{r:,}" for r in rs) + " |")
        print("|---" * (len(rs) + 1) + "|")
        for q in qs:
            print(f"| {q:,} | " + " | ".join(f"{dur(cells[q, r])} ({cells[q, r] / (10 * q + r):.0f} ns)" for r in rs) + " |")
        lo, hi = cells[qs[0], rs[0]], cells[qs[-1], rs[-1]]
        print(f"\nsmallest to largest: ×{hi / lo:,.0f} for ×{(qs[-1] * rs[-1]) / (qs[0] * rs[0]):,.0f} in questions × rules, "
              f"×{(10 * qs[-1] + rs[-1]) / (10 * qs[0] + rs[0]):,.0f} in size")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    summary(sys.argv[1])
    if "--growth" in sys.argv[2:]:
        growth(sys.argv[1])
