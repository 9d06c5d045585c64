#!/bin/sh
# bench/run.sh — petlua against the parse an analyst would write without it, side by side
# (`make bench`). Writes bench/results.md.
#
#   sh bench/run.sh                      sizes 1000 10000 20000 100000, 3 runs each
#   SIZES="1000 10000" RUNS=5 sh bench/run.sh
#
# 1. builds the corpus generator (build/gen) and writes each corpus once into
#    bench/corpus/N/ (gen -n N -s 2024; kept between runs, not in git);
# 2. for each size, with a warm page cache (hyperfine --warmup 1), times:
#      petlua     ./petlua -q -e 'petlua.load("DIR")'
#      peer.py    python3 bench/peer.py DIR     (Python 3, standard library, regexes)
#      peer.lua   lua5.4 bench/peer.lua DIR     (plain Lua 5.4, string patterns)
#      cat        every file read once, to /dev/null: the floor
#    and, on the largest corpus, scripts/response_times.lua end to end;
# 3. measures each command's peak memory once with /usr/bin/time -v;
# 4. times petlua.text.near_duplicates on the 100,000-page corpus's responses and on
#    template texts, n against 4n (bench/near_dup.sh; NEAR_DUP=0 skips it);
# 5. writes bench/results.md: the machine, the medians, the ratios, how to reproduce.
set -eu
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 20000 100000"}
RUNS=${RUNS:-3}
SEED=2024
CORPUS=bench/corpus
OUT=bench/out
mkdir -p build "$CORPUS" "$OUT"

need() {   # need COMMAND DEBIAN-PACKAGE: install it when root, else say how
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "bench: installing $2"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null
  else
    echo "bench: $1 is missing; run: sudo apt-get install -y $2" >&2
    exit 1
  fi
}
need lua5.4 lua5.4
need hyperfine hyperfine
need python3 python3
[ -x /usr/bin/time ] || need time time

cc -O2 -std=c11 -Wall -Wextra -o build/gen bench/gen.c

for n in $SIZES; do
  if [ ! -f "$CORPUS/$n.done" ]; then
    echo "bench: writing $n pages into $CORPUS/$n"
    rm -rf "$CORPUS/$n"
    build/gen -n "$n" -s "$SEED" -o "$CORPUS/$n" -truth "$CORPUS/truth-$n.csv"
    touch "$CORPUS/$n.done"
  fi
done

# petlua is timed only when it loads the smallest corpus: until petlua.load
# works, the bench still measures the peers and the floor.
first=$(echo "$SIZES" | awk '{print $1}')
largest=$(echo "$SIZES" | awk '{print $NF}')
PETLUA_OK=1
if ! ./petlua -q -e "petlua.load('$CORPUS/$first')" >"$OUT/petlua-check.txt" 2>&1; then
  PETLUA_OK=0
  echo "bench: petlua.load failed on $CORPUS/$first; petlua is left out:" >&2
  head -3 "$OUT/petlua-check.txt" >&2
fi
RT_OK=0
if [ "$PETLUA_OK" = 1 ] && [ -f scripts/response_times.lua ] &&
   ./petlua scripts/response_times.lua --data "$CORPUS/$first" --out /dev/null >"$OUT/rt-check.txt" 2>&1; then
  RT_OK=1
fi

: >"$OUT/memory.tsv"
for n in $SIZES; do
  d=$CORPUS/$n
  set --
  if [ "$PETLUA_OK" = 1 ]; then set -- "$@" -n petlua "./petlua -q -e 'petlua.load(\"$d\")'"; fi
  set -- "$@" -n peer.py "python3 bench/peer.py $d"
  set -- "$@" -n peer.lua "lua5.4 bench/peer.lua $d"
  set -- "$@" -n cat "find $d -type f -name '*.txt' -print0 | xargs -0 cat > /dev/null"
  if [ "$RT_OK" = 1 ] && [ "$n" = "$largest" ]; then
    set -- "$@" -n response_times "./petlua scripts/response_times.lua --data $d --out /dev/null"
  fi
  echo "bench: $n pages"
  hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$OUT/times-$n.json" "$@"
  # peak memory, once each (the names and commands come in pairs after -n)
  while [ $# -gt 0 ]; do
    name=$2 cmd=$3
    shift 3
    /usr/bin/time -v sh -c "$cmd" >/dev/null 2>"$OUT/mem.txt" || true
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/mem.txt")
    printf '%s\t%s\t%s\n' "$n" "$name" "$kb" >>"$OUT/memory.tsv"
  done
done

rm -f "$OUT/near_dup.md"
if [ "$PETLUA_OK" = 1 ] && [ "${NEAR_DUP:-1}" = 1 ]; then
  sh bench/near_dup.sh
fi

python3 - "$OUT" "$SIZES" "$RUNS" "$SEED" <<'EOF'
import json, os, platform, subprocess, sys
out, sizes, runs, seed = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4]

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return ""

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
mem_gb = "%.1f GB" % (int(mem.split()[0]) / 1024 / 1024) if mem != "?" else mem
osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")),
              platform.system())
memory = {}
for line in open(os.path.join(out, "memory.tsv")):
    n, name, kb = line.rstrip("\n").split("\t")
    memory[(n, name)] = int(kb) if kb else None

def ms(s):
    return "%.0f ms" % (s * 1000) if s < 10 else "%.1f s" % s

lines = ["# Benchmarks: petlua side by side", "",
         "Loading generated petition pages (every rendering, English and French; `bench/gen.c`) "
         "into records: petlua against the same parse written without petlua in Python "
         "(`bench/peer.py`, standard library and regexes) and in plain Lua 5.4 (`bench/peer.lua`, "
         "string patterns), and the floor: reading every file once (`cat` to /dev/null).", "",
         "## Machine", "",
         "- CPU: %s, %s logical cores (`nproc`)" % (cpu, sh("nproc")),
         "- Memory: %s" % mem_gb,
         "- OS: %s, kernel %s" % (osname, platform.release()),
         "- %s; %s; %s; %s" % (sh("./petlua --version | head -1") or "petlua", sh("python3 --version"),
                               sh("lua5.4 -v | cut -d' ' -f1-2"), sh("hyperfine --version")),
         "- Corpora on the local disk, page cache warm (one warm-up run), median of %s runs." % runs, ""]
for n in sizes:
    data = json.load(open(os.path.join(out, "times-%s.json" % n)))["results"]
    med = {r["command"]: r["median"] for r in data}
    size = sh("du -sh bench/corpus/%s | cut -f1" % n)
    lines += ["## %s pages (%s on disk)" % (format(int(n), ","), size), "",
              "| command | median | min | max | peak memory | ÷ petlua | ÷ cat (floor) |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for r in data:
        name = r["command"]
        kb = memory.get((n, name))
        vs_petlua = "%.2f×" % (r["median"] / med["petlua"]) if "petlua" in med else "—"
        vs_cat = "%.1f×" % (r["median"] / med["cat"]) if "cat" in med else "—"
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            name, ms(r["median"]), ms(r["min"]), ms(r["max"]),
            "%.0f MB" % (kb / 1024) if kb else "?", vs_petlua, vs_cat))
    if "petlua" in med:
        lines += ["", "petlua/peer.py = %.2f, petlua/peer.lua = %.2f, petlua/floor = %.1f." % (
            med["petlua"] / med["peer.py"], med["petlua"] / med["peer.lua"], med["petlua"] / med["cat"])]
    else:
        lines += ["", "petlua was left out: `petlua.load` did not load the corpus when this was run."]
    lines.append("")
near_dup = os.path.join(out, "near_dup.md")
if os.path.exists(near_dup):
    lines += open(near_dup).read().rstrip("\n").split("\n") + [""]
lines += ["## Commands", "",
          "- petlua: `./petlua -q -e 'petlua.load(\"DIR\")'` (walk, read, parse in C, merge languages, order)",
          "- peer.py: `python3 bench/peer.py DIR`; peer.lua: `lua5.4 bench/peer.lua DIR` (same fields, same merge)",
          "- cat: `find DIR -type f -name '*.txt' -print0 | xargs -0 cat > /dev/null`",
          "- response_times: `./petlua scripts/response_times.lua --data DIR --out /dev/null` (largest corpus)",
          "- Peak memory: `/usr/bin/time -v` (maximum resident set size), one run each.",
          "- Field accuracy of petlua and the peers against the generator's truth: `sh bench/accuracy.sh`.",
          "- near_duplicates: `sh bench/near_dup.sh` (CPU seconds of the call, `./petlua bench/near_dup.lua`;"
          " `NEAR_DUP_4X=1` writes the 400,000-page corpus for 4n).", "",
          "## Reproduce", "",
          "```", "make bench                     # or: sh bench/run.sh",
          "SIZES=\"1000 10000\" RUNS=5 sh bench/run.sh", "```", "",
          "Corpora: `build/gen -n N -s %s -o bench/corpus/N` (deterministic; delete bench/corpus/ to rebuild). "
          "Raw timings: bench/out/times-N.json (hyperfine), bench/out/memory.tsv." % seed, ""]
open("bench/results.md", "w").write("\n".join(lines))
print("bench: wrote bench/results.md")
EOF
if [ "$PETLUA_OK" = 1 ] && [ "${SCRIPTS:-1}" = 1 ]; then N=$largest RUNS=$RUNS sh bench/scripts.sh; fi  # the shipped scripts as ratios to the load (SCRIPTS=0 skips)
