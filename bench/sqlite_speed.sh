#!/bin/sh
# bench/sqlite_speed.sh — how long set:to_sqlite takes, next to the load and
# the other exports, on the generated corpus bench/run.sh makes.
#
#   sh bench/sqlite_speed.sh              100,000 pages, 3 runs
#   N=20000 RUNS=5 sh bench/sqlite_speed.sh
#
# Makes bench/corpus/N (build/gen -n N -s 2024, as bench/run.sh does; kept
# between runs), then in one petlua process per run times, each in CPU
# seconds (os.clock: every thread of the process) and wall seconds:
#   load        petlua.load of the corpus (pages read and parsed on 2 threads)
#   to_sqlite   the database (tables, indexes, full-text index, rename)
#   to_csv      the record CSV, for comparison
#   to_csv_tidy the long-format CSV files
#   load db     petlua.load of the database written
# and prints the median of each, its ratio to the load, and the sizes.
set -eu
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-3}
SEED=2024
CORPUS=bench/corpus
PETLUA=${PETLUA:-./petlua}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/petlua-sqlite-speed.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[ -x "$PETLUA" ] || make build >/dev/null
mkdir -p build "$CORPUS"
if [ ! -f "$CORPUS/$N.done" ]; then
  cc -O2 -std=c11 -Wall -Wextra -o build/gen bench/gen.c
  echo "bench: writing $N pages into $CORPUS/$N"
  rm -rf "$CORPUS/$N"
  build/gen -n "$N" -s "$SEED" -o "$CORPUS/$N" -truth "$CORPUS/truth-$N.csv"
  touch "$CORPUS/$N.done"
fi
cat "$CORPUS/$N"/* >/dev/null 2>&1 || find "$CORPUS/$N" -type f -exec cat {} + >/dev/null

cat >"$WORK/time.lua" <<'EOF'
local corpus, work = arg[1], arg[2]
local host = require "petlua.host"
local function timed(label, fn)
  local c, w = os.clock(), host.clock()
  local v = fn()
  print(string.format("%s %.3f %.3f", label, os.clock() - c, host.clock() - w))
  return v
end
local set = timed("load", function() return petlua.load(corpus, {quiet = true}) end)
print("records " .. #set)
timed("to_sqlite", function() return set:to_sqlite(work .. "/p.db") end)
timed("to_csv", function() return set:to_csv(work .. "/p.csv") end)
timed("to_csv_tidy", function() return set:to_csv_tidy(work .. "/tidy") end)
set = nil
collectgarbage()
local back = timed("load_db", function() return petlua.load(work .. "/p.db", {quiet = true}) end)
assert(#back > 0)
EOF

echo "set:to_sqlite speed: $N generated pages, $RUNS runs ($(nproc) cores, $(uname -m), $("$PETLUA" -e 'print(require("petlua.tidy").versions()[1])'))"
: >"$WORK/all"
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/p.db" "$WORK/p.csv" "$WORK/tidy"
  "$PETLUA" "$WORK/time.lua" "$CORPUS/$N" "$WORK" >>"$WORK/all"
done
records=$(awk '$1 == "records" { print $2; exit }' "$WORK/all")
db=$(wc -c <"$WORK/p.db")
csv=$(wc -c <"$WORK/p.csv")
tidy=$(cat "$WORK/tidy"/*.csv | wc -c)
echo "records: $records; database $((db / 1000000)) MB, record CSV $((csv / 1000000)) MB, tidy CSV $((tidy / 1000000)) MB"
printf '%-12s %10s %10s %14s\n' step "cpu (s)" "wall (s)" "cpu vs load"
for step in load to_sqlite to_csv to_csv_tidy load_db; do
  awk -v s="$step" '$1 == s { print $2, $3 }' "$WORK/all" | sort -n >"$WORK/$step"
  median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
  cpu=$(cut -d' ' -f1 "$WORK/$step" | median)
  wall=$(cut -d' ' -f2 "$WORK/$step" | median)
  [ "$step" = load ] && load=$cpu
  printf '%-12s %10s %10s %13.2fx\n' "$step" "$cpu" "$wall" "$(echo "$cpu / $load" | bc -l)"
done
