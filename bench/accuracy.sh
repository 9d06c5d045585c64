#!/bin/sh
# bench/accuracy.sh — how many fields petlua's parser gets right, per field, on
# a generated corpus, next to the two peers (bench/peer.py, bench/peer.lua).
#
#   sh bench/accuracy.sh [N] [SEED]       (default 5000 pages, seed 11)
#
# gen writes the pages and the true values (-truth); bench/records.lua writes one
# row per page as petlua.parse reads it; bench/accuracy.py scores each field.
# The report goes to stdout and to bench/out/accuracy-N.md.
set -eu
cd "$(dirname "$0")/.."
N=${1:-5000}
SEED=${2:-11}
OUT=bench/out/accuracy-$N
mkdir -p build "$OUT"
cc -O2 -std=c11 -Wall -Wextra -o build/gen bench/gen.c
rm -rf "$OUT/pages"
build/gen -n "$N" -s "$SEED" -o "$OUT/pages" -truth "$OUT/truth.csv"
make build >/dev/null
./petlua -q bench/records.lua "$OUT/pages" "$OUT/petlua.csv"
set -- "petlua=$OUT/petlua.csv"
python3 bench/peer.py "$OUT/pages" --pages --csv "$OUT/peer-py.csv" >/dev/null
set -- "$@" "peer.py=$OUT/peer-py.csv"
if command -v lua5.4 >/dev/null 2>&1; then
  lua5.4 bench/peer.lua "$OUT/pages" --pages --csv "$OUT/peer-lua.csv" >/dev/null
  set -- "$@" "peer.lua=$OUT/peer-lua.csv"
fi
{
  echo "# Field accuracy on $N generated pages (gen -n $N -s $SEED)"
  echo
  python3 bench/accuracy.py "$OUT/truth.csv" "$@"
  echo
  echo "## Whole pages only"
  echo
  python3 bench/accuracy.py "$OUT/truth.csv" "$@" --uncut
} | tee "bench/out/accuracy-$N.md"
