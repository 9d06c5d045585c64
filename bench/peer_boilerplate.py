#!/usr/bin/env python3
"""peer_boilerplate.py — boilerplate responses as an analyst would find them
without petlua: the records' CSV (what `petlua export` writes) read with the
csv module, and MinHash with banding as the datasketch package does it,
written plainly with numpy (datasketch is not in Debian).

    python3 bench/peer_boilerplate.py RECORDS.csv [THRESHOLD]

The same rule as `petlua boilerplate` (petlua.text.near_duplicates): a
response's set is its 3-word shingles of lower-cased words (its words when it
has fewer than three); texts are taken in order, and each joins the first
group whose representative's set it shares at least THRESHOLD (default 0.5)
of (Jaccard, computed exactly), or founds a group. Which representatives are
compared is proposed by 126 MinHash functions in 42 bands of 3, so that a pair
at 0.5 shares a band with probability 0.996, as in petlua. Exact duplicates
are grouped by a dictionary first. Prints the groups of two or more, largest
first, as CSV: size, lowest similarity, ids. It is the side-by-side peer of
`petlua boilerplate` in bench/scripts.sh.
"""
import csv
import re
import sys

import numpy as np

BANDS, ROWS = 42, 3
PRIME = np.uint64((1 << 61) - 1)
MASK = np.uint64(0xFFFFFFFF)
WORD = re.compile(r"\w+")


def shingles(text):
    words = WORD.findall(text.lower())
    if len(words) < 3:
        return frozenset(words)
    return frozenset(" ".join(words[i:i + 3]) for i in range(len(words) - 2))


def band_keys(shingle_set, a, b):
    hashes = np.fromiter((hash(s) & 0xFFFFFFFF for s in shingle_set), dtype=np.uint64,
                         count=len(shingle_set))
    with np.errstate(over="ignore"):
        values = ((np.outer(hashes, a) + b) % PRIME) & MASK
    sketch = values.min(axis=0)
    return [(k, sketch[k * ROWS:(k + 1) * ROWS].tobytes()) for k in range(BANDS)]


def groups_of(texts, threshold):
    rng = np.random.RandomState(1)
    a = rng.randint(1, 1 << 61, size=BANDS * ROWS, dtype=np.uint64)
    b = rng.randint(0, 1 << 61, size=BANDS * ROWS, dtype=np.uint64)
    groups, sets, buckets, same_text = [], [], {}, {}
    for i, text in enumerate(texts):
        if text in same_text:
            groups[same_text[text]].append((i, 1.0))
            continue
        mine = shingles(text)
        if not mine:
            continue
        keys = band_keys(mine, a, b)
        candidates = sorted({g for key in keys for g in buckets.get(key, ())})
        joined = None
        for g in candidates:
            rep = sets[g]
            similarity = len(mine & rep) / len(mine | rep)
            if similarity >= threshold:
                joined = g
                groups[g].append((i, similarity))
                break
        if joined is None:
            joined = len(groups)
            groups.append([(i, 1.0)])
            sets.append(mine)
            for key in keys:
                buckets.setdefault(key, []).append(joined)
        same_text[text] = joined
    return groups


def main():
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    csv.field_size_limit(sys.maxsize)
    ids, texts = [], []
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["response_text"]:
                ids.append(row["id"])
                texts.append(row["response_text"])
    groups = [g for g in groups_of(texts, threshold) if len(g) > 1]
    groups.sort(key=lambda g: (-len(g), g[0][0]))
    out = csv.writer(sys.stdout)
    out.writerow(["size", "similarity", "ids"])
    for g in groups:
        out.writerow([len(g), round(min(s for _, s in g), 3), " ".join(ids[i] for i, _ in g)])


if __name__ == "__main__":
    main()
