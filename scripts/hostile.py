#!/usr/bin/env python3
"""Writes hostile guides too large to keep in testdata/guides into a folder.

Each is within the loader's 1 MiB cap; together with testdata/guides they
are what scripts/hostile.sh measures every command on. Deterministic: the
same files on every run.

usage: scripts/hostile.py DIR
"""
import os
import sys

CAP = 1 << 20

HEAD = """version: 1
name: Hostile
decision: {close_call: mix, margin: 1}
outcomes:
  - {id: hand, label: Hand}
  - {id: mass, label: Mass}
  - {id: mix, label: Mix}
"""
CHECKLIST = "checklist:\n  - {group: Any, items: [Check the clasp.]}\n"


def questions(n, options=2):
    out = ["questions:\n"]
    for q in range(n):
        opts = ",".join(
            "{id: o%d, label: L, points: {%s: 1}, reason: R}" % (o, "hand" if o % 2 else "mass")
            for o in range(options))
        out.append("  - {id: q%d, title: T, prompt: P, options: [%s]}\n" % (q, opts))
    return "".join(out)


def guides():
    qs = questions(2)
    # An anchored condition of 1,000 terms, reused by rules.
    terms = ",".join("q%d=o%d" % (i % 2, i % 2) for i in range(1000))
    rules = ["rules:\n  - {id: r0, when: &c {any: [%s]}, points: {hand: 1}, reason: R}\n" % terms]
    rules += ["  - {id: r%d, when: *c, points: {hand: 1}, reason: R}\n" % i for i in range(1, 1000)]
    yield "alias-condition-1000x1000", HEAD + qs + "".join(rules) + CHECKLIST

    # The same with 5,000 terms, reused until the file is full.
    terms = ",".join("q%d=o%d" % (i % 2, i % 2) for i in range(5000))
    body = HEAD + qs + "rules:\n  - {id: r0, when: &c {any: [%s]}, points: {hand: 1}, reason: R}\n" % terms
    i = 1
    while len(body) < CAP - 200:
        body += "  - {id: r%d, when: *c, points: {hand: 1}, reason: R}\n" % i
        i += 1
    yield "alias-condition-fill", body

    # One checklist group of 10,000 items, repeated 1,000 times.
    items = ",".join("x" for _ in range(10000))
    groups = "checklist:\n  - &g {group: Any, items: [%s]}\n" % items
    groups += "".join("  - *g\n" for _ in range(1000))
    yield "alias-checklist-10000x1000", HEAD + qs + groups

    # A reason of 2,000 characters repeated by every rule.
    rules = ["rules:\n  - {id: r0, when: q0=o0, points: {hand: 1}, reason: &t %s}\n" % ("w" * 2000)]
    rules += ["  - {id: r%d, when: q0=o0, points: {hand: 1}, reason: *t}\n" % i for i in range(1, 15000)]
    yield "alias-text-2000x15000", HEAD + qs + "".join(rules) + CHECKLIST

    # Nested aliases: each rule's condition repeats the one before ten
    # times, 10^9 terms in all.
    body = HEAD + qs + "rules:\n  - {id: r0, when: &c0 {any: [%s]}, points: {hand: 1}, reason: R}\n" % ",".join(["q0=o0"] * 10)
    for lv in range(1, 10):
        body += "  - {id: r%d, when: &c%d {any: [%s]}, points: {hand: 1}, reason: R}\n" % (lv, lv, ",".join("*c%d" % (lv - 1) for _ in range(10)))
    yield "alias-nested-conditions", body + CHECKLIST

    # Nothing but unknown keys, up to the cap.
    lines, n = [], 0
    while n < CAP - 100:
        line = "k%d: {a: 1, b: [x, y]}\n" % len(lines)
        lines.append(line)
        n += len(line)
    yield "unknown-keys-only", "".join(lines)

    # The densest values a file can hold: a flow list of one-letter items.
    yield "dense-flow-list", "version: 1\nquestions: [" + ",".join("a" * 1 for _ in range((CAP - 40) // 2)) + "]\n"
    yield "dense-block-list", "version: 1\nquestions:\n" + "- a\n" * ((CAP - 30) // 4)

    # Deep nesting, which yaml.v3 parses slowly.
    yield "deep-flow", "version: 1\nx: " + "[" * 20000 + "]" * 20000 + "\n"
    yield "deep-block", "version: 1\nx:\n  " + "- " * 20000 + "x\n"

    # check's own work (issue 10, item 2): 19 two-option questions and
    # 3,000 rules of 19 conditions; 2,000 two-option questions, no rules.
    rules = ["rules:\n"]
    for r in range(3000):
        terms = ",".join("q%d=o%d" % (q, (q + r) % 2) for q in range(19))
        rules.append("  - {id: r%d, when: {all: [%s]}, points: {mix: 1}, reason: R}\n" % (r, terms))
    yield "check-3000-rules", HEAD + questions(19) + "".join(rules) + CHECKLIST
    yield "check-2000-questions", HEAD + questions(2000) + CHECKLIST

    # Long conditions over many questions: every rule looks at every one.
    qn = 1000
    rules = ["rules:\n"]
    r = 0
    body = HEAD + questions(qn, 1)
    while True:
        terms = ",".join("q%d=o0" % q for q in range(qn))
        line = "  - {id: r%d, when: {all: [%s]}, points: {mix: 1}, reason: R}\n" % (r, terms)
        if len(body) + len("".join(rules)) + len(line) + len(CHECKLIST) > CAP:
            break
        rules.append(line)
        r += 1
    yield "wide-rules", body + "".join(rules) + CHECKLIST


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in guides():
        data = text.encode()
        if len(data) > CAP:
            sys.exit("%s is %d bytes, over the cap" % (name, len(data)))
        with open(os.path.join(out, name + ".yaml"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
