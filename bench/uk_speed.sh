#!/bin/sh
# bench/uk_speed.sh — how fast petlua loads the UK petitions site's JSON,
# next to reading the same bytes with `cat`.
#
#   sh bench/uk_speed.sh                 100,000 petitions, 3 runs each
#   N=20000 RUNS=5 sh bench/uk_speed.sh
#
# 1. builds the generator (build/gen_uk, bench/gen_uk.c) and writes N
#    petitions once into bench/corpus/uk-N/ (list pages of 50, single
#    documents with their signature tables, NDJSON files; kept between runs);
# 2. builds, with -O2, four readers of a folder (each file opened and read
#    through a 64 KB buffer or whole, one thread):
#      ukjson      the core: uk_read_fd on each file (the scanner and the
#                  decoder, src/jsonlite.c), petitions counted and freed
#      ukmem       the core on each file read whole: uk_read_mem (each
#                  petition decoded in place, as petlua's workers do)
#      jansson     json_loadb on every top-level value of each file, nothing
#                  kept: what decoding every byte with jansson costs at least
#      cjson       the same with cJSON, when libcjson is installed (for the
#                  choice of library; petlua does not use it)
# 3. times each, `cat` of every file to /dev/null (the floor), and petlua
#    itself loading the folder into records (./petlua -q -e
#    'petlua.load(DIR)': workers parse, the main thread builds the Lua
#    tables), with 1 thread and with every core; RUNS times each with a warm
#    page cache; keeps the median wall time, its CPU time (user + system)
#    and peak memory;
# 4. then one list page of BIG_MB megabytes (default 1024; 0 skips it), made
#    of the corpus's first list page's petitions over and over in one "data"
#    array: the core must read it in one pass holding one petition at a time
#    (its peak memory shows it), timed once against cat;
# 5. checks the core and petlua read exactly N petitions with no error, and
#    writes a section into bench/results.md (between its markers, replaced on
#    a rerun).
set -eu
cd "$(dirname "$0")/.."
N=${N:-100000}
BIG_MB=${BIG_MB:-1024}
RUNS=${RUNS:-3}
SEED=2024
DIR=bench/corpus/uk-$N
OUT=bench/out
mkdir -p build "$OUT" bench/corpus
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing; run: sudo apt-get install -y time" >&2; exit 1; }

cc -O2 -std=c11 -Wall -Wextra -o build/gen_uk bench/gen_uk.c
if [ ! -f "$DIR.done" ]; then
  rm -rf "$DIR"
  echo "bench: writing $N petitions into $DIR"
  build/gen_uk -n "$N" -s "$SEED" -o "$DIR"
  touch "$DIR.done"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/petlua-uk-speed.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The three readers share the folder walk.
cat >"$WORK/walk.h" <<'EOF'
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
static int read_one(const char *path);
static int walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) { perror(dir); return 1; }
    struct dirent *e;
    int rc = 0;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        rc |= read_one(path);
    }
    closedir(d);
    return rc;
}
/* A whole file in memory, for the decoders that want it so. */
static char *slurp(const char *path, size_t *n)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) { perror(path); exit(1); }
    char *s = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, s + got, (size_t)st.st_size - got);
        if (r <= 0) { perror(path); exit(1); }
        got += (size_t)r;
    }
    close(fd);
    s[got] = '\0';
    *n = got;
    return s;
}
EOF

cat >"$WORK/ukjson.c" <<'EOF'
#include "ukjson.h"
#include "walk.h"
static long petitions, errors, constituencies;
static int on_petition(void *ctx, struct uk_petition *p)
{
    (void)ctx;
    petitions++;
    constituencies += (long)p->n_by_constituency;
    uk_petition_free(p);
    return 0;
}
static void on_error(void *ctx, long long offset, int line, const char *msg)
{
    fprintf(stderr, "%s: byte %lld (line %d): %s\n", (const char *)ctx, offset, line, msg);
    errors++;
}
static int read_one(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return 1; }
    uk_read_fd(fd, 0, on_petition, on_error, (void *)path);
    close(fd);
    return 0;
}
int main(int argc, char **argv)
{
    int rc = walk(argv[argc - 1]);
    printf("%ld petitions, %ld constituency rows, %ld errors\n", petitions, constituencies, errors);
    return rc || errors;
}
EOF

# The same core on each file read whole into memory (uk_read_mem), as
# petlua's workers read a file: each petition is decoded in place.
cat >"$WORK/ukmem.c" <<'EOF'
#include "ukjson.h"
#include "walk.h"
static long petitions, errors;
static int on_petition(void *ctx, struct uk_petition *p)
{
    (void)ctx;
    petitions++;
    uk_petition_free(p);
    return 0;
}
static void on_error(void *ctx, long long offset, int line, const char *msg)
{
    fprintf(stderr, "%s: byte %lld (line %d): %s\n", (const char *)ctx, offset, line, msg);
    errors++;
}
static int read_one(const char *path)
{
    size_t n;
    char *s = slurp(path, &n);
    uk_read_mem(s, n, 0, on_petition, on_error, (void *)path);
    free(s);
    return 0;
}
int main(int argc, char **argv)
{
    int rc = walk(argv[argc - 1]);
    printf("%ld petitions, %ld errors\n", petitions, errors);
    return rc || errors;
}
EOF

cat >"$WORK/jansson.c" <<'EOF'
#include <jansson.h>
#include "walk.h"
static long values;
static int read_one(const char *path)
{
    size_t n, at = 0;
    char *s = slurp(path, &n);
    while (at < n) {
        while (at < n && (s[at] == '\n' || s[at] == ' ' || s[at] == '\r')) at++;
        if (at == n) break;
        json_error_t e;
        json_t *v = json_loadb(s + at, n - at, JSON_DISABLE_EOF_CHECK, &e);
        if (!v) { fprintf(stderr, "%s: %s\n", path, e.text); free(s); return 1; }
        values++;
        at += (size_t)e.position;
        json_decref(v);
    }
    free(s);
    return 0;
}
int main(int argc, char **argv)
{
    int rc = walk(argv[argc - 1]);
    printf("%ld documents\n", values);
    return rc;
}
EOF

cat >"$WORK/cjson.c" <<'EOF'
#include <cjson/cJSON.h>
#include "walk.h"
static long values;
static int read_one(const char *path)
{
    size_t n, at = 0;
    char *s = slurp(path, &n);
    while (at < n) {
        while (at < n && (s[at] == '\n' || s[at] == ' ' || s[at] == '\r')) at++;
        if (at == n) break;
        const char *end = NULL;
        cJSON *v = cJSON_ParseWithLengthOpts(s + at, n - at, &end, 0);
        if (!v) { fprintf(stderr, "%s: cJSON failed\n", path); free(s); return 1; }
        values++;
        at = (size_t)(end - s);
        cJSON_Delete(v);
    }
    free(s);
    return 0;
}
int main(int argc, char **argv)
{
    int rc = walk(argv[argc - 1]);
    printf("%ld documents\n", values);
    return rc;
}
EOF

CFLAGS="-O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -I$WORK"
cc $CFLAGS -o "$WORK/ukjson" "$WORK/ukjson.c" src/ukjson.c src/jsonlite.c src/page_arena.c src/date.c src/chars.c -lutf8proc
cc $CFLAGS -o "$WORK/ukmem" "$WORK/ukmem.c" src/ukjson.c src/jsonlite.c src/page_arena.c src/date.c src/chars.c -lutf8proc
cc $CFLAGS -o "$WORK/jansson" "$WORK/jansson.c" $(pkg-config --cflags --libs jansson)
HAVE_CJSON=0
if pkg-config --exists libcjson 2>/dev/null; then
  cc $CFLAGS -o "$WORK/cjson" "$WORK/cjson.c" $(pkg-config --cflags --libs libcjson) && HAVE_CJSON=1
fi

# Check first: the core reads every petition, and nothing is wrong.
got=$("$WORK/ukjson" "$DIR")
echo "bench: ukjson read: $got"
case "$got" in "$N petitions,"*", 0 errors") ;; *) echo "bench: expected $N petitions and no error" >&2; exit 1 ;; esac

# petlua itself: the same N records, no error.
[ -x ./petlua ] || { echo "bench: ./petlua is missing; run make first" >&2; exit 1; }
LOAD="local s = petlua.load('$DIR', {quiet = true, threads = tonumber(os.getenv('THREADS'))}) print(#s, #s.errors)"
got=$(THREADS=2 ./petlua -q -e "$LOAD")
echo "bench: petlua loaded: $got"
[ "$got" = "$N	0" ] || { echo "bench: expected $N records and no error from petlua" >&2; exit 1; }
CORES=$(nproc)

BYTES=$(find "$DIR" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')
FILES=$(find "$DIR" -type f | wc -l)

# run NAME CMD...: RUNS timed runs; prints NAME, the CPU seconds (user +
# system) and wall seconds of the run of median wall time, peak memory in MB.
run() {
  name=$1; shift
  : >"$WORK/times"
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    /usr/bin/time -f "%U %S %e %M" -o "$WORK/t" sh -c "$*" >/dev/null
    awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }' "$WORK/t" >>"$WORK/times"
    i=$((i + 1))
  done
  sort -n -k2 "$WORK/times" | awk -v n="$name" -v runs="$RUNS" 'NR == int((runs + 1) / 2) { printf "%s %s %s %.0f\n", n, $1, $2, $3 / 1024 }'
}

find "$DIR" -type f -print0 | xargs -0 cat >/dev/null      # warm the page cache
{
  run cat "find $DIR -type f -print0 | xargs -0 cat > /dev/null"
  run ukjson "$WORK/ukjson $DIR"
  run ukmem "$WORK/ukmem $DIR"
  run jansson "$WORK/jansson $DIR"
  [ "$HAVE_CJSON" = 1 ] && run cjson "$WORK/cjson $DIR"
  run petlua-1 "THREADS=1 ./petlua -q -e \"$LOAD\""
  run petlua-all "THREADS=$CORES ./petlua -q -e \"$LOAD\""
} >"$OUT/uk-speed.txt"
# One list page of BIG_MB MB.
if [ "$BIG_MB" -gt 0 ]; then
  first=$(find "$DIR" -name 'petitions.json_page_*' | sort | head -1)
  mkdir -p "$WORK/big"
  python3 - "$first" "$WORK/big/big.json" "$BIG_MB" <<'PY'
import sys
page, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = open(page, "rb").read()
head = s[:s.index(b'"data":[') + 8]
body = s[len(head):-2]                  # the page's petitions, comma separated
with open(out, "wb") as f:
    f.write(head)
    size, k = len(head), 0
    while size < mb << 20:
        if k:
            f.write(b",")
        f.write(body)
        size += len(body) + 1
        k += 1
    f.write(b"]}")
PY
  cat "$WORK/big/big.json" >/dev/null
  RUNS_SAVED=$RUNS; RUNS=1
  {
    run big-cat "cat $WORK/big/big.json > /dev/null"
    run big-ukjson "$WORK/ukjson $WORK/big"
  } >>"$OUT/uk-speed.txt"
  RUNS=$RUNS_SAVED
  "$WORK/ukjson" "$WORK/big" | sed 's/^/bench: the big page: /'
  BIG_BYTES=$(wc -c <"$WORK/big/big.json")
else
  BIG_BYTES=0
fi
cat "$OUT/uk-speed.txt"

python3 - "$OUT/uk-speed.txt" "$N" "$BYTES" "$FILES" "$RUNS" "$SEED" "$BIG_BYTES" "$CORES" <<'PY'
import re, sys
path, n, size, files, runs, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
big, cores = int(sys.argv[7]), int(sys.argv[8])
rows = {}
for line in open(path):
    name, cpu, wall, mb = line.split()
    rows[name] = (float(cpu), float(wall), mb)
cat_cpu, cat_wall = rows["cat"][0], rows["cat"][1]
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
what = {
    "cat": "`cat` of every file to /dev/null (the floor)",
    "ukjson": "the core alone, one thread, streamed: `uk_read_fd` on each file (scanner, decoder, petitions built and freed)",
    "ukmem": "the core alone, one thread, each file in memory: `uk_read_mem` (as petlua's workers read them: petitions decoded in place)",
    "jansson": "`json_loadb` on every document, nothing kept (jansson, the library the core used before)",
    "cjson": "`cJSON_ParseWithLengthOpts` on every document, nothing kept (for comparison)",
    "petlua-1": "petlua: `petlua.load` into records, 1 thread",
    "petlua-all": "petlua: `petlua.load` into records, %d threads (the default)" % cores,
}
def ratio(a, b):
    return "%.1f×" % (a / b) if b > 0 else "—"
lines = ["<!-- uk-json: begin (written by bench/uk_speed.sh) -->",
         "## UK petitions JSON: loading against reading the bytes", "",
         "%s petitions generated by `bench/gen_uk.c` (seed %s): list pages of 50, single documents with their "
         "signature tables (650 constituency rows on the larger ones), NDJSON files; %d files, %.0f MB. "
         "Page cache warm, median of %s runs by wall time; %d cores (%s), shared with other work." % (
             format(n, ","), seed, files, size / 1e6, runs, cores, cpu_model), "",
         "| reader | wall time | ÷ cat (wall) | CPU time | ÷ cat (CPU) | peak memory |",
         "|---|---:|---:|---:|---:|---:|"]
for name in ["cat", "ukjson", "ukmem", "jansson", "cjson", "petlua-1", "petlua-all"]:
    if name not in rows:
        continue
    cpu, wall, mb = rows[name]
    lines.append("| %s | %.2f s | %s | %.2f s | %s | %s MB |" % (
        what[name], wall, ratio(wall, cat_wall), cpu, ratio(cpu, cat_cpu), mb))
pw = rows["petlua-all"][1]
lines += ["", "The target of issue 19, loading within 2× of reading the bytes: petlua loads the corpus in %.1f s "
          "of wall time on %d cores, %s `cat`'s %.2f s: %s." % (
              pw, cores, ratio(pw, cat_wall), cat_wall, "met" if pw <= 2 * cat_wall else "not met")]
if big and "big-ukjson" in rows:
    cpu, wall, mb = rows["big-ukjson"]
    ccpu, cwall, cmb = rows["big-cat"]
    lines += ["", "One list page of %.0f MB (the first generated page's petitions over and over in one `data` "
              "array, one run): the core read it in %.1f s of CPU holding at most %s MB (`cat`: %.2f s, %s MB): "
              "one pass, one petition's bytes at a time." % (big / 1e6, cpu, mb, ccpu, cmb)]
lines += ["", "Reproduce: `make && sh bench/uk_speed.sh` (`N=20000 RUNS=5 sh bench/uk_speed.sh`); raw figures in "
          "bench/out/uk-speed.txt.", "<!-- uk-json: end -->", ""]
section = "\n".join(lines)
try:
    text = open("bench/results.md").read()
except FileNotFoundError:
    text = ""
m = re.search(r"<!-- uk-json: begin.*?<!-- uk-json: end -->\n?", text, re.S)
text = text[:m.start()] + section + text[m.end():] if m else text.rstrip("\n") + "\n\n" + section
open("bench/results.md", "w").write(text)
print("bench: wrote the UK section of bench/results.md")
PY
