#!/bin/sh
# bench/csv_speed.sh — how fast petlua.csv reads and writes, next to `wc -l`.
#
#   sh bench/csv_speed.sh              about 100 MB
#   MB=20 sh bench/csv_speed.sh        a smaller file
#
# Writes a generated CSV (petition-like rows: quoted text with commas, quotes
# and line breaks, numbers, dates) with petlua.csv.writer, then reads it back
# several ways, each timed once with a warm page cache:
#   wc -l                     the floor: every byte looked at once
#   C core (csvr_next)        libcsv and the row queue alone, no Lua
#   rows()                    petlua.csv.rows, one Lua table per row
#   rows() numbers=true       the same, numbers converted
#   python3 csv.reader        for comparison
# and writes it again with csv.write from rows in memory (timed inside).
# and prints MB/s (10^6 bytes) and peak memory (max RSS) for each.
set -eu
cd "$(dirname "$0")/.."
MB=${MB:-100}
PETLUA=${PETLUA:-./petlua}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/petlua-csv-speed.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CSV="$WORK/big.csv"
[ -x "$PETLUA" ] || make build >/dev/null

# Rows of about 272 bytes; enough of them for MB megabytes.
ROWS=$((MB * 1000000 / 272))

# time_cmd LABEL BYTES CMD...: runs CMD, prints LABEL, seconds, MB/s, max RSS.
# BYTES may be @FILE: the size of FILE once CMD has run.
time_cmd() {
    label=$1 bytes=$2; shift 2
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err"
        read -r secs rss <"$WORK/time"
    else
        start=$(date +%s.%N)
        "$@" >"$WORK/out" 2>"$WORK/err"
        secs=$(echo "$(date +%s.%N) - $start" | bc)
        rss=0
    fi
    case "$bytes" in @*) bytes=$(wc -c <"${bytes#@}") ;; esac
    awk -v l="$label" -v s="$secs" -v b="$bytes" -v r="$rss" -v o="$(head -c 60 "$WORK/out")" \
        'BEGIN { printf "%-26s %7.2f s %8.1f MB/s %8.1f MB RSS   %s\n", l, s, (s > 0 ? b / 1e6 / s : 0), r / 1024, o }'
}

cat >"$WORK/gen.lua" <<'EOF'
local path, n = arg[1], tonumber(arg[2])
local topics = {"Foreign affairs", "Health", "Environment, climate", "Justice", "Taxation"}
local w = petlua.csv.writer(path, {"id", "topic", "presented", "signatures", "late", "text"})
local text = 'We, the undersigned, "citizens" of Canada, call upon the Government to:\n'
  .. "1. Do one thing; 2. Do another, sooner; 3. Report back within 45 days."
  .. " Petitioners also ask that the House consider the matter at its earliest convenience"
for i = 1, n do
  w:write{id = "e-" .. i, topic = topics[i % 5 + 1],
          presented = string.format("2021-%02d-%02d", i % 12 + 1, i % 28 + 1),
          signatures = i % 5000, late = i % 3 == 0, text = text}
end
w:close()
print(n .. " rows")
EOF

# csv.write of rows already in memory, timed inside (os.clock: CPU seconds),
# so reading and building the rows is not counted.
cat >"$WORK/write.lua" <<'EOF'
local src, dst = arg[1], arg[2]
local rows = petlua.csv.read(src)
local t0 = os.clock()
petlua.csv.write(dst, rows)
local secs = os.clock() - t0
local f = io.open(dst, "rb")
local bytes = f:seek("end")
f:close()
print(string.format("%-26s %7.2f s %8.1f MB/s   (%d rows in memory, CPU time)", "write (csv.write)",
  secs, bytes / 1e6 / secs, #rows))
EOF

cat >"$WORK/core.c" <<'EOF'
#include <stdio.h>
#include "csvio.h"
int main(int argc, char **argv)
{
    char err[512];
    struct csv_reader *r = csvr_open(argv[argc - 1], NULL, err, sizeof err);
    if (r == NULL) { fprintf(stderr, "%s\n", err); return 1; }
    struct csv_row row;
    long rows = 0, fields = 0;
    int rc;
    while ((rc = csvr_next(r, &row)) == 1) { rows++; fields += (long)row.n; }
    if (rc < 0) fprintf(stderr, "%s\n", csvr_error(r));
    printf("%ld rows, %ld fields\n", rows, fields);
    csvr_close(r);
    return rc < 0;
}
EOF
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -o "$WORK/core" "$WORK/core.c" src/csvio.c src/outfile.c -lcsv

echo "petlua.csv speed: $ROWS rows, about $MB MB ($(nproc) cores, $(uname -m))"
time_cmd "write (writer)" "@$CSV" "$PETLUA" "$WORK/gen.lua" "$CSV" "$ROWS"
BYTES=$(wc -c <"$CSV")
echo "file: $BYTES bytes"
cat "$CSV" >/dev/null   # warm the page cache
time_cmd "wc -l" "$BYTES" wc -l "$CSV"
time_cmd "C core (csvr_next)" "$BYTES" "$WORK/core" "$CSV"
time_cmd "rows()" "$BYTES" "$PETLUA" -e "local n = 0 for r in petlua.csv.rows('$CSV') do n = n + 1 end print(n .. ' rows')"
time_cmd "rows() numbers=true" "$BYTES" "$PETLUA" -e "local n = 0 for r in petlua.csv.rows('$CSV', {numbers = true}) do n = n + r.signatures end print(n)"
"$PETLUA" "$WORK/write.lua" "$CSV" "$WORK/copy.csv"
if command -v python3 >/dev/null 2>&1; then
    time_cmd "python3 csv.reader" "$BYTES" python3 -c "
import csv, sys
n = 0
with open('$CSV', newline='') as f:
    for row in csv.reader(f): n += 1
print(n, 'rows')"
fi
