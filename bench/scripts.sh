#!/bin/sh
# bench/scripts.sh — every shipped script on 100,000 generated pages, as a
# ratio to the load alone, side by side with what an analyst would otherwise
# run (`make bench` runs it last, from bench/run.sh). Writes a section of
# bench/results.md (between the "scripts" markers; the rest is left alone).
#
#   sh bench/scripts.sh                  100,000 pages, 3 runs each
#   N=20000 RUNS=5 sh bench/scripts.sh
#
# Page cache warm (one warm-up round first), then RUNS rounds, each running
# every command once, in turn (on a shared machine a slow spell then falls on
# every command alike, not on one); the median wall time of each:
#   load            ./petlua -q -e 'petlua.load("DIR")'
#   each script     ./petlua -q scripts/NAME.lua --data DIR --out /dev/null
#                   (export: --out a CSV file; search: "drinking water")
# and from the export of those pages (export.lua --out bench/out/export-N.csv):
#   the load, response_times and topics on it, and their peers:
#   pandas          python3 bench/peer_response_times.py (groupby on the export)
#   scikit-learn    python3 bench/peer_topics.py (TfidfVectorizer on the export)
#   MinHash         python3 bench/peer_boilerplate.py (datasketch's way, numpy)
#   grep            grep -rEio '.{0,40}drinking water.{0,40}' DIR (the pages)
# Peak memory: the largest of the runs (/usr/bin/time). A peer whose Python
# module is missing is left out (make deps-bench installs python3-pandas and
# python3-sklearn).
set -eu
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-3}
QUERY=${QUERY:-drinking water}
DIR=bench/corpus/$N
OUT=bench/out
EXPORT=$OUT/export-$N.csv
mkdir -p build bench/corpus "$OUT"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (make deps-bench)" >&2; exit 1; }

if [ ! -f "bench/corpus/$N.done" ]; then
  cc -O2 -std=c11 -Wall -Wextra -o build/gen bench/gen.c
  rm -rf "$DIR"
  echo "bench: writing $N pages into $DIR"
  build/gen -n "$N" -s 2024 -o "$DIR" -truth "bench/corpus/truth-$N.csv"
  touch "bench/corpus/$N.done"
fi
./petlua -q scripts/export.lua --data "$DIR" --out "$EXPORT" 2>/dev/null

# The Python with pandas: python3, or the system's own when another python3
# (a virtual environment) comes first on PATH without Debian's packages.
PY=${PYTHON:-python3}
if ! "$PY" -c 'import pandas' 2>/dev/null && /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  PY=/usr/bin/python3
fi
has() { "$PY" -c "import $1" 2>/dev/null; }

# The commands, one "name<TAB>command" a line.
CMDS=$OUT/scripts-commands.tsv
cmd() { printf '%s\t%s\n' "$1" "$2" >>"$CMDS"; }
: >"$CMDS"
cmd load "./petlua -q -e 'petlua.load(\"$DIR\")'"
for s in response_times topics ministers sponsors timeline boilerplate; do
  cmd "$s" "./petlua -q scripts/$s.lua --data $DIR --out /dev/null"
done
cmd export "./petlua -q scripts/export.lua --data $DIR --out $OUT/export-timed.csv"
cmd search "./petlua -q scripts/search.lua '$QUERY' --data $DIR --out /dev/null"
cmd grep "grep -rEio '.{0,40}$QUERY.{0,40}' $DIR"
cmd load_csv "./petlua -q -e 'petlua.load(\"$EXPORT\")'"
cmd response_times_csv "./petlua -q scripts/response_times.lua --data $EXPORT --out /dev/null"
if has pandas; then cmd pandas "$PY bench/peer_response_times.py $EXPORT"; fi
cmd topics_csv "./petlua -q scripts/topics.lua --data $EXPORT --out /dev/null"
if has sklearn; then cmd sklearn "$PY bench/peer_topics.py $EXPORT"; fi
if has numpy; then cmd minhash "$PY bench/peer_boilerplate.py $EXPORT"; fi
echo "bench: the scripts on $N pages, $RUNS rounds"

"$PY" - "$OUT" "$N" "$RUNS" "$QUERY" <<'EOF'
import json, os, statistics, subprocess, sys, time
out, n, runs, query = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
commands = [line.rstrip("\n").split("\t", 1) for line in open(os.path.join(out, "scripts-commands.tsv"))]

def run(cmd):
    """Wall seconds and peak memory (kB) of one run; raises if it fails."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", cmd + " >/dev/null 2>/dev/null"],
                       stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("bench: failed (status %d): %s" % (p.returncode, cmd))
    return wall, int(p.stderr.split()[-1])

times = {name: [] for name, _ in commands}
mem = {name: 0 for name, _ in commands}
for r in range(runs + 1):                       # round 0 warms the page cache
    for name, cmd in commands:
        wall, kb = run(cmd)
        if r > 0:
            times[name].append(wall)
            mem[name] = max(mem[name], kb)
    if r > 0:
        print("bench: round %d of %d" % (r, runs))
med = {name: statistics.median(v) for name, v in times.items()}
json.dump({"runs": runs, "times": times, "peak_kb": mem}, open(os.path.join(out, "scripts-%d.json" % n), "w"), indent=1)
cores = os.cpu_count() or 1

def x(name, base="load"):
    return "%.2f×" % (med[name] / med[base]) if name in med and base in med else "—"

def mb(name, base="load"):
    if not mem.get(name) or not mem.get(base):
        return "—"
    return "%.2f×" % (mem[name] / mem[base])

PEERS = {"response_times": ("pandas", "pandas `groupby` on the export (`bench/peer_response_times.py`)"),
         "topics": ("sklearn", "scikit-learn `TfidfVectorizer` on the export (`bench/peer_topics.py`)"),
         "boilerplate": ("minhash", "MinHash with bands in Python and numpy on the export (`bench/peer_boilerplate.py`)"),
         "search": ("grep", "`grep -rEio '.{0,40}%s.{0,40}'` over the pages" % query)}
lines = ["<!-- scripts: begin (written by bench/scripts.sh) -->",
         "## The shipped scripts on %s pages" % format(n, ","), "",
         "Each script end to end (load, analysis, output), as a ratio to `petlua.load` of the same "
         "pages alone; peak memory as a ratio to the load's. Beside it, what an analyst would "
         "otherwise run for that question, as a ratio to the same load. %d cores, page cache warm, "
         "median of %d runs taken in turns (each round runs every command once); peak memory the "
         "largest of the runs (`/usr/bin/time`)." % (cores, runs), "",
         "| script | time ÷ load | memory ÷ load | the alternative | its time ÷ load | its memory ÷ load |",
         "|---|---:|---:|---|---:|---:|"]
for s in ["response_times", "topics", "ministers", "sponsors", "timeline", "boilerplate", "export", "search"]:
    peer, what = PEERS.get(s, (None, "—"))
    if peer and peer not in med:
        what = what + " (not installed)"
    label = "`%s`" % s + (" \"%s\"" % query if s == "search" else "")
    lines.append("| %s | %s | %s | %s | %s | %s |" % (label, x(s), mb(s), what,
                 x(peer) if peer else "—", mb(peer) if peer else "—"))
lines += ["", "From the export of those pages (`petlua export`, %.0f MB of CSV):" %
          (os.path.getsize(os.path.join(out, "export-%d.csv" % n)) / 1e6), "",
          "| command | time ÷ load of the pages | memory ÷ load of the pages |", "|---|---:|---:|",
          "| `petlua.load` of the export | %s | %s |" % (x("load_csv"), mb("load_csv")),
          "| `petlua response_times --data export.csv` | %s | %s |" % (x("response_times_csv"), mb("response_times_csv")),
          "| pandas `groupby`, the same figures | %s | %s |" % (x("pandas"), mb("pandas")),
          "| `petlua topics --data export.csv` | %s | %s |" % (x("topics_csv"), mb("topics_csv")),
          "| scikit-learn `TfidfVectorizer`, the same figures | %s | %s |" % (x("sklearn"), mb("sklearn")), "",
          "The load these are divided by: %.2f s, %.0f MB. Reproduce: `sh bench/scripts.sh` "
          "(`N=20000 RUNS=5 sh bench/scripts.sh`); every run's time in bench/out/scripts-N.json." %
          (med["load"], (mem.get("load") or 0) / 1024),
          "<!-- scripts: end -->"]
section = "\n".join(lines) + "\n"
path = "bench/results.md"
text = open(path).read() if os.path.exists(path) else ""
begin, end = "<!-- scripts: begin", "<!-- scripts: end -->\n"
if begin in text and end in text:
    a = text.index(begin)
    text = text[:a] + section + text[text.index(end, a) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
print("bench: wrote the scripts section of bench/results.md")
EOF
