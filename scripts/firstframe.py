#!/usr/bin/env python3
"""Time from start to first drawn screen, in a pseudo-terminal.

Each program is started in a fresh pseudo-terminal of the given size that
answers the queries a real terminal answers: the background colour (OSC 11)
and the cursor position (CSI 6n). Bubble Tea v1 asks for the background
colour in its package init and waits up to five seconds for the reply, so
a pty that stays silent measures the timeout, not the program.

The clock starts just before the program is spawned and stops when the marker text has been
read from the terminal (escape sequences removed). The programs run
alternately, round after round, so a slow patch on a shared machine hits
all of them alike. The child is killed once its frame is in.

usage: firstframe.py [--runs N] [--size COLSxROWS] [--json FILE]
                     NAME MARKER CMD [NAME MARKER CMD ...]
CMD is one argument, split like a shell would (no shell is run).
"""

import argparse
import fcntl
import json
import os
import re
import select
import shlex
import signal
import statistics
import struct
import sys
import termios
import time

# CSI and OSC sequences, plus the two-byte escapes Bubble Tea writes.
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
OSC11 = re.compile(rb"\x1b\]11;\?(?:\x07|\x1b\\)")
DSR = b"\x1b[6n"
TIMEOUT = 10.0


def one_run(argv, marker, cols, rows):
    """Start argv in a new pty; return seconds until marker is drawn."""
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
    env.pop("TMUX", None)  # tmux makes termenv skip the query we want answered
    env.pop("NO_COLOR", None)
    fd, slave = os.openpty()
    # Size the terminal before the program can ask for it.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    # posix_spawn, not fork: forking the Python interpreter costs tens of
    # milliseconds on a loaded machine, which would swamp what we measure.
    # util-linux's setsid makes the pty the child's controlling terminal
    # (-c) and execs the program: without one, termenv sees a background
    # process and skips the very query this harness exists to answer. It
    # costs every program the same one extra exec.
    t0 = time.perf_counter()
    pid = os.posix_spawnp(
        "setsid", ["setsid", "-c", *argv], env,
        file_actions=[(os.POSIX_SPAWN_DUP2, slave, 0), (os.POSIX_SPAWN_DUP2, slave, 1), (os.POSIX_SPAWN_DUP2, slave, 2)],
    )
    os.close(slave)
    raw = b""
    answered = 0
    elapsed = None
    try:
        while time.perf_counter() - t0 < TIMEOUT:
            r, _, _ = select.select([fd], [], [], 0.5)
            if not r:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break  # the child exited
            if not chunk:
                break
            raw += chunk
            # Answer every query seen so far, in order, once.
            queries = sorted(
                [(m.start(), "osc") for m in OSC11.finditer(raw)]
                + [(m.start(), "dsr") for m in re.finditer(re.escape(DSR), raw)]
            )
            for _, kind in queries[answered:]:
                if kind == "osc":
                    os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
                else:
                    os.write(fd, b"\x1b[1;1R")
            answered = len(queries)
            if marker in ANSI.sub(b"", raw):
                elapsed = time.perf_counter() - t0
                break
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        tail = ANSI.sub(b"", raw)[-300:].decode("utf-8", "replace")
        sys.exit(f"firstframe: {argv[0]}: no {marker.decode()!r} within {TIMEOUT:.0f} s; last output: {tail!r}")
    return elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--json", help="write the timings here")
    ap.add_argument("progs", nargs="+", help="NAME MARKER CMD triples")
    a = ap.parse_args()
    if len(a.progs) % 3:
        ap.error("programs come as NAME MARKER CMD triples")
    cols, rows = (int(x) for x in a.size.split("x"))
    progs = [(a.progs[i], a.progs[i + 1].encode(), shlex.split(a.progs[i + 2])) for i in range(0, len(a.progs), 3)]
    times = {name: [] for name, _, _ in progs}
    for rnd in range(a.warmup + a.runs):
        for name, marker, argv in progs:
            t = one_run(argv, marker, cols, rows)
            if rnd >= a.warmup:
                times[name].append(t)
    out = {}
    for name, ts in times.items():
        ms = [t * 1000 for t in ts]
        out[name] = {
            "median_ms": statistics.median(ms),
            "mean_ms": statistics.fmean(ms),
            "stdev_ms": statistics.stdev(ms) if len(ms) > 1 else 0.0,
            "min_ms": min(ms),
            "max_ms": max(ms),
            "runs": len(ms),
        }
        s = out[name]
        print(f"{name:24} median {s['median_ms']:7.2f} ms  mean {s['mean_ms']:7.2f} ± {s['stdev_ms']:5.2f}  min {s['min_ms']:7.2f}  max {s['max_ms']:7.2f}  ({s['runs']} runs)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
