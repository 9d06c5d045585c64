#!/usr/bin/env python3
"""accuracy.py — share of fields right, per field, of parsed records against gen's truth.

    python3 bench/accuracy.py TRUTH.csv RECORDS.csv [--uncut]

TRUTH.csv is what `gen -truth` writes; RECORDS.csv has one row per page with a
`source` (or `file`) column naming the page and the same field columns (an
empty cell: missing). Rows are matched by the page's file name. A truth value
"?" (a line cut in the middle) is not scored. --uncut scores only whole pages.
"""
import csv
import os
import sys


def norm(v):
    v = (v or "").strip()
    if v in ("nil", "NA"):
        return ""
    return v


def main(argv):
    args = [a for a in argv[1:] if a != "--uncut"]
    uncut = "--uncut" in argv
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    truth = list(csv.DictReader(open(args[0], encoding="utf-8")))
    got = {}
    with open(args[1], encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            got[os.path.basename(r.get("source") or r.get("file") or "")] = r
    fields = [k for k in truth[0] if k not in ("file", "cut", "crlf", "bom")]
    right = {k: 0 for k in fields}
    scored = {k: 0 for k in fields}
    wrong_ex = {}
    pages = missing_pages = 0
    for t in truth:
        if uncut and t["cut"]:
            continue
        pages += 1
        g = got.get(t["file"])
        if g is None:
            missing_pages += 1
        for k in fields:
            want = t[k]
            if want == "?":
                continue
            scored[k] += 1
            have = norm(g.get(k)) if g is not None and k in g else None
            if have == want:
                right[k] += 1
            elif k not in wrong_ex:
                wrong_ex[k] = (t["file"], want, have)
    print("pages scored: %d%s; pages without a record: %d" % (pages, " (whole pages only)" if uncut else "",
                                                             missing_pages))
    print("%-20s %8s %8s  %s" % ("field", "right", "share", "first miss (file: want / got)"))
    total_r = total_s = 0
    for k in fields:
        s = scored[k]
        total_r += right[k]
        total_s += s
        ex = wrong_ex.get(k)
        exs = "%s: %r / %r" % ex if ex else ""
        print("%-20s %8d %8.4f  %s" % (k, right[k], right[k] / s if s else 1.0, exs[:110]))
    print("%-20s %8d %8.4f" % ("ALL", total_r, total_r / total_s if total_s else 1.0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
