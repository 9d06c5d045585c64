#!/usr/bin/env python3
"""accuracy.py — share of fields right, per field, of parsed records against gen's truth.

    python3 bench/accuracy.py TRUTH.csv [NAME=]RECORDS.csv... [--uncut]

TRUTH.csv is what `gen -truth` writes; each RECORDS.csv has one row per page
with a `source` (or `file`) column naming the page and the same field columns
(an empty cell: missing). Rows are matched by the page's file name. A truth
value "?" (a line cut in the middle) is not scored. --uncut scores only whole
pages. With several record files, one column per file, side by side; the
first miss of each field is shown for the first file.
"""
import csv
import os
import sys


def norm(v):
    v = (v or "").strip()
    return "" if v in ("nil", "NA") else v


def read_records(path):
    got = {}
    with open(path, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            got[os.path.basename(r.get("source") or r.get("file") or "")] = r
    return got


def score(truth, got, fields, uncut):
    right = {k: 0 for k in fields}
    scored = {k: 0 for k in fields}
    miss = {}
    absent = 0
    for t in truth:
        if uncut and t["cut"]:
            continue
        g = got.get(t["file"])
        if g is None:
            absent += 1
        for k in fields:
            want = t[k]
            if want == "?":
                continue
            scored[k] += 1
            have = norm(g.get(k)) if g is not None and k in g else None
            if have == want:
                right[k] += 1
            elif k not in miss:
                miss[k] = (t["file"], want, have)
    return right, scored, miss, absent


def main(argv):
    uncut = "--uncut" in argv
    args = [a for a in argv[1:] if a != "--uncut"]
    if len(args) < 2:
        sys.stderr.write(__doc__)
        return 2
    truth = list(csv.DictReader(open(args[0], encoding="utf-8")))
    fields = [k for k in truth[0] if k not in ("file", "cut", "crlf", "bom")]
    runs = []
    for a in args[1:]:
        name, _, path = a.rpartition("=")
        runs.append((name or os.path.basename(path), score(truth, read_records(path), fields, uncut)))
    pages = sum(1 for t in truth if not (uncut and t["cut"]))
    print("pages scored: %d%s" % (pages, " (whole pages only)" if uncut else " (cut values '?' not scored)"))
    print("pages without a record: " + ", ".join("%s %d" % (n, r[3]) for n, r in runs))
    print()
    print("| field | " + " | ".join(n for n, _ in runs) + " | first miss of %s (file: want / got) |" % runs[0][0])
    print("|---|" + "---:|" * len(runs) + "---|")
    totals = [[0, 0] for _ in runs]
    for k in fields:
        cells = []
        for j, (_, (right, scored, _, _)) in enumerate(runs):
            totals[j][0] += right[k]
            totals[j][1] += scored[k]
            cells.append("%.4f" % (right[k] / scored[k] if scored[k] else 1.0))
        ex = runs[0][1][2].get(k)
        exs = ("%s: %r / %r" % ex)[:100].replace("|", "\\|") if ex else ""
        print("| %s | %s | %s |" % (k, " | ".join(cells), exs))
    print("| **all fields** | " + " | ".join("%.4f" % (r / s if s else 1.0) for r, s in totals) + " | |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
