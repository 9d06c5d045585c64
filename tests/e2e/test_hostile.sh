# test_hostile.sh — petlua.load and the writers against hostile input: each
# case must end (timeout 20), without a crash, the bad file named in
# set.errors (or, with strict = true, the load stopped with status 1 naming
# it), the good file loaded, and no half-written output.
. tests/e2e/lib.sh
T="timeout 20"
GOOD=data/e-2559.txt
D=$(cd "$TMP" && pwd -P)/cases
mkdir -p "$D"

# load_case WHAT PATHS-LUA [OPTS-LUA]: loads, prints one line per record
# ("record ID") and per error ("error FILE LINE MESSAGE").
load_case() {
    [ -n "$HOSTILE_DEBUG" ] && echo "# case $1" >&2
    run $T "$PETLUA" -e "
      local set = petlua.load($2, {quiet = true, $3})
      for _, r in ipairs(set) do print('record ' .. r.id) end
      for _, e in ipairs(set.errors) do print('error ' .. e.file .. ' ' .. e.line .. ' ' .. e.message) end"
    [ -n "$HOSTILE_DEBUG" ] && cat "$TMP/out" >&2
    if [ "$status" -eq 0 ]; then ok "$1: loads (status 0)"; else
        not_ok "$1: loads" "status $status" "stderr: $(head -c 600 "$TMP/err")"; fi
}
# one_case NAME FILE: GOOD and FILE in a folder of their own, loaded as a folder.
one_case() {
    mkdir -p "$D/$1" && cp "$GOOD" "$D/$1/good.txt"
    load_case "$1" "'$D/$1'" "$3"
    check_contains "$TMP/out" "record e-2559" "$1: the good page is loaded"
}
reported() { # what file-path [message-part]
    check_contains "$TMP/out" "error $2 " "$1: named in set.errors"
    [ -z "$3" ] || check_contains "$TMP/out" "$3" "$1: says why"
}
reported_exactly() { # what file line message: the whole set.errors entry
    if grep -qxF -- "error $2 $3 $4" "$TMP/out"; then ok "$1: set.errors says '$3 $4'"; else
        not_ok "$1: set.errors entry" "want: error $2 $3 $4" "got: $(grep '^error' "$TMP/out")"; fi
}
no_crash_marks() { # what
    check_not_contains "$TMP/err" "Sanitizer" "$1: no sanitizer report"
    check_not_contains "$TMP/err" "Segmentation" "$1: no crash"
}

# An empty file.
mkdir -p "$D/empty" && : >"$D/empty/empty.txt"
one_case empty
reported_exactly "empty file" "$D/empty/empty.txt" 0 "empty file"
no_crash_marks "empty file"

# Random bytes (a fixed seed, so the case is the same every run).
mkdir -p "$D/random"
"$PETLUA" -e "math.randomseed(42); local t = {}; for i = 1, 65536 do t[i] = string.char(math.random(0, 255)) end
  io.open('$D/random/random.txt', 'wb'):write(table.concat(t)):close()"
one_case random
reported_exactly "random bytes" "$D/random/random.txt" 0 "not a petition page: no title line (ID (Topic))"
no_crash_marks "random bytes"

# NUL bytes inside a page: tolerated (page.h), the page still loads.
mkdir -p "$D/nul"
"$PETLUA" -e "local s = io.open('$GOOD', 'rb'):read('a')
  s = s:gsub('Original language', 'Orig\0inal language'):gsub('\n\n', '\n\0\n', 3)
  io.open('$D/nul/nul.txt', 'wb'):write(s):close()"
load_case "NUL bytes" "'$D/nul/nul.txt'"
check_contains "$TMP/out" "record e-2559" "NUL bytes: the page loads"
run $T "$PETLUA" -e "local r = petlua.load('$D/nul/nul.txt', {quiet = true})[1]
  print(r.presented, r.response_tabled, r.signed_by)"
check_contains "$TMP/out" "2021-04-21	2021-06-04	Rob Oliphant" "NUL bytes: the landmarks after them still read"
no_crash_marks "NUL bytes"

# Invalid UTF-8 inside a page: loaded, or reported; never a crash.
mkdir -p "$D/utf8"
"$PETLUA" -e "local s = io.open('$GOOD', 'rb'):read('a')
  s = s:gsub('Canadian citizens', 'Canadian \255\254 citi\192\175zens \237\160\128'):gsub('Conita', 'Con\226\130ita')
  io.open('$D/utf8/bad-utf8.txt', 'wb'):write(s):close()"
load_case "invalid UTF-8" "'$D/utf8/bad-utf8.txt'"
check_contains "$TMP/out" "record e-2559" "invalid UTF-8: the page loads"
run $T "$PETLUA" -e "local r = petlua.load('$D/utf8/bad-utf8.txt', {quiet = true})[1]
  for k, v in pairs(r) do
    local list = type(v) == 'table' and v or {v}
    for _, s in ipairs(list) do
      if type(s) == 'string' and not utf8.len(s) then print('invalid UTF-8 in ' .. k) end
    end
  end
  print(r.initiator:find('^Con') ~= nil, r.initiator:find('ita Chan$') ~= nil, r.presented)"
check_not_contains "$TMP/out" "invalid UTF-8 in" "invalid UTF-8: every field of the record is valid UTF-8"
check_contains "$TMP/out" "true	true	2021-04-21" "invalid UTF-8: the fields around the bad bytes are kept"
no_crash_marks "invalid UTF-8"

# A 30 MB file of one line: over the 16 MB default of max_bytes, reported and
# not read whole; with a higher max_bytes it is read and is not a page.
mkdir -p "$D/huge" && cp "$GOOD" "$D/huge/good.txt"
head -c 31457280 /dev/zero | tr '\0' 'x' >"$D/huge/one-line.txt"
t0=$(date +%s)
load_case "30 MB line" "'$D/huge'"
check_contains "$TMP/out" "record e-2559" "30 MB line: the good page is loaded"
reported_exactly "30 MB line" "$D/huge/one-line.txt" 0 "file is larger than the limit of 16 MB (30 MB)"
load_case "30 MB line, max_bytes 64 MB" "'$D/huge/one-line.txt'" "max_bytes = 67108864"
reported_exactly "30 MB line, max_bytes 64 MB" "$D/huge/one-line.txt" 0 "not a petition page: no title line (ID (Topic))"
[ $(( $(date +%s) - t0 )) -lt 15 ] && ok "30 MB line: both loads under 15 s" || not_ok "30 MB line: both loads under 15 s"
load_case "max_bytes below the page" "'$GOOD'" "max_bytes = 1000"
reported_exactly "max_bytes below the page" "$GOOD" 0 "file is larger than the limit of 1000 bytes (8.7 KB)"
check_not_contains "$TMP/out" "record e-2559" "max_bytes below the page: not loaded"
rm -f "$D/huge/one-line.txt"

# CRLF line ends and a byte-order mark: the same record as the original.
mkdir -p "$D/crlf"
"$PETLUA" -e "local s = io.open('$GOOD', 'rb'):read('a')
  io.open('$D/crlf/crlf.txt', 'wb'):write('\239\187\191' .. s:gsub('\n', '\r\n')):close()"
run $T "$PETLUA" -e "
  local a, b = petlua.load('$GOOD', {quiet = true})[1], petlua.load('$D/crlf/crlf.txt', {quiet = true})[1]
  for _, f in ipairs{'id', 'topic', 'presented', 'response_tabled', 'signed_by', 'prayer', 'response_text'} do
    print(f, a[f] == b[f] and 'same' or ('DIFFERENT: ' .. tostring(b[f])))
  end"
check_status 0 "CRLF + BOM: loads"
check_not_contains "$TMP/out" "DIFFERENT" "CRLF + BOM: same fields as the original"
check_contains "$TMP/out" "response_text	same" "CRLF + BOM: all fields compared"

# A page with only its title line: not a petition page.
mkdir -p "$D/title" && printf 'e-9999 (Health)\n' >"$D/title/title-only.txt"
one_case title
reported_exactly "title only" "$D/title/title-only.txt" 1 "not a petition page: a title line but no other landmark"

# An unclosed quote in a CSV file of records.
mkdir -p "$D/csv"
printf 'id,url,kind,topic\ne-1,https://x,e-petition,"Health\ne-2,https://y,e-petition,Energy\n' >"$D/csv/unclosed.csv"
one_case csv
reported "unclosed CSV quote" "$D/csv/unclosed.csv" "unclosed quote"
no_crash_marks "unclosed CSV quote"

# A folder 60 levels deep, with a page at the bottom.
deep="$D/deep"
i=0; while [ $i -lt 60 ]; do deep="$deep/d$i"; i=$((i + 1)); done
mkdir -p "$deep" && cp made-up/examples/en-e-9101.txt "$deep/page.txt"
one_case deep
check_contains "$TMP/out" "record e-9101" "60 levels deep: the bottom page is loaded"

# A symbolic-link loop: reported, the walk ends, each page loaded once.
mkdir -p "$D/loop/sub" && ln -s .. "$D/loop/sub/back"
one_case loop
reported_exactly "symlink loop" "$D/loop/sub/back" 0 "symbolic link loop: the folder is already being walked"
[ "$(grep -c "record e-2559" "$TMP/out")" -eq 1 ] && ok "symlink loop: the page loaded once" ||
    not_ok "symlink loop: the page loaded once" "$(cat "$TMP/out")"

# A dangling symbolic link.
mkdir -p "$D/dangling" && ln -s "$D/nowhere.txt" "$D/dangling/dangling.txt"
one_case dangling
reported_exactly "dangling symlink" "$D/dangling/dangling.txt" 0 "dangling symbolic link (to $D/nowhere.txt)"

# A FIFO: never opened (only regular files are), reported, no hang.
mkdir -p "$D/fifo" && mkfifo "$D/fifo/pipe.txt"
one_case fifo
reported_exactly "FIFO" "$D/fifo/pipe.txt" 0 "not a regular file (a named pipe)"

# A folder named like a page: walked as a folder.
mkdir -p "$D/named/x.txt" && cp made-up/examples/en-e-9103.txt "$D/named/x.txt/inner.txt"
one_case named
check_contains "$TMP/out" "record e-9103" "folder named x.txt: its page loaded"
check_not_contains "$TMP/out" "error $D/named/x.txt " "folder named x.txt: not an error"

# A device given by name: not opened.
load_case "device" "{'$GOOD', '/dev/null'}"
check_contains "$TMP/out" "record e-2559" "device: the good page is loaded"
reported_exactly "device" "/dev/null" 0 "not a regular file (a device)"

# A file gone between the walk and the read: provoked by naming, in a list,
# a path that does not exist (what a walk would have listed a moment before).
load_case "file gone" "{'$GOOD', '$D/gone.txt'}"
check_contains "$TMP/out" "record e-2559" "file gone: the good page is loaded"
reported_exactly "file gone" "$D/gone.txt" 0 "cannot open: No such file or directory"

# strict = true: the load stops at the bad file, status 1, naming it.
run $T "$PETLUA" -e "petlua.load('$D/title', {strict = true, quiet = true}); print('not stopped')"
check_status 1 "strict: the load stops"
check_contains "$TMP/err" "$D/title/title-only.txt" "strict: names the file"
check_not_contains "$TMP/out" "not stopped" "strict: the script went no further"

# The summary on stderr names the count of skipped files, and each (up to ten) with its reason.
run $T "$PETLUA" -e "petlua.load('$D/empty')"
check_contains "$TMP/err" "petlua: loaded 1 petition from 2 files; 1 file skipped:" "summary line on stderr"
check_contains "$TMP/err" "  $D/empty/empty.txt: empty file" "summary: the file skipped and why"
mkdir -p "$D/many"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf 'no\n' >"$D/many/n$i.txt"; done
run $T "$PETLUA" -e "petlua.load('$D/many')"
[ "$(grep -c "^  $D/many/n" "$TMP/err")" -eq 10 ] && ok "summary: ten files named" ||
    not_ok "summary: ten files named" "$(cat "$TMP/err")"
check_contains "$TMP/err" "  ... and 2 more (all in set.errors)" "summary: then a count"
mkdir -p "$D/none"
run $T "$PETLUA" -e "petlua.load('$D/none')"
check_contains "$TMP/err" "petlua: no files to load in '$D/none'" "an empty folder says so"

# Writing: a full disk, a closed pipe, and a failed write that leaves the old file.
run $T "$PETLUA" -e "petlua.csv.write('/dev/full', {{a = 1}, {a = 2}})"
check_status 1 "CSV to a full disk: a script error"
check_contains "$TMP/err" "No space left on device" "CSV to a full disk: says why"
no_crash_marks "CSV to a full disk"
run $T "$PETLUA" -e "petlua.load('$GOOD', {quiet = true}):to_csv('/dev/full')"
check_status 1 "set:to_csv to a full disk"
check_contains "$TMP/err" "No space left on device" "set:to_csv to a full disk: says why"
# The writer's status is kept in a file: a pipeline's status is its last command's.
run $T sh -c '{ "$1" -e "local rows = {}; for i = 1, 200000 do rows[i] = {n = i, s = string.rep(\"x\", 40)} end
                         petlua.csv.write(\"-\", rows)" 2>"$2"; echo "status $?" >"$2.status"; } |
              head -c 100 >/dev/null' sh "$PETLUA" "$TMP/pipe-err"
check_status 0 "CSV to a closed pipe: the pipeline ends"
check_contains "$TMP/pipe-err.status" "status 1" "CSV to a closed pipe: status 1, not killed by SIGPIPE"
check_contains "$TMP/pipe-err" "Broken pipe" "CSV to a closed pipe: says why"
# print to a closed pipe ends the script (it would otherwise print into
# nothing for ever: the process ignores SIGPIPE, so writes fail with EPIPE)
run $T sh -c '{ "$1" -e "while true do print(string.rep(\"x\", 100)) end" 2>"$2"; echo "status $?" >"$2.status"; } |
              head -c 100 >/dev/null' sh "$PETLUA" "$TMP/print-err"
check_contains "$TMP/print-err.status" "status 1" "print to a closed pipe: status 1, not a loop for ever"
check_contains "$TMP/print-err" "cannot write to standard output (Broken pipe)" "print to a closed pipe: says why"
mkdir -p "$D/write" && printf 'old\n' >"$D/write/out.csv"
run $T "$PETLUA" -e "petlua.csv.write('$D/write/out.csv', {{a = 1}, {a = {}}}, {columns = {'a'}})"
check_status 1 "a write that fails half-way raises"
[ "$(cat "$D/write/out.csv")" = old ] && ok "half-way failure: the old file is untouched" ||
    not_ok "half-way failure: the old file is untouched" "$(head -c 200 "$D/write/out.csv")"
[ "$(ls "$D/write")" = out.csv ] && ok "half-way failure: no temporary file left" ||
    not_ok "half-way failure: no temporary file left" "$(ls "$D/write")"

# An error object whose metamethods raise is reported, never a PANIC.
run $T "$PETLUA" -e 'error(setmetatable({}, {__index = function() error("inner") end}))'
check_status 1 "an error object whose __index raises"
check_not_contains "$TMP/err" "PANIC" "an error object whose __index raises: no PANIC"
run $T "$PETLUA" -e 'local bad = setmetatable({exit = 1}, {})
  getmetatable(bad).__index = function() error(bad) end
  error(bad)'
check_status 1 "an exit request whose __index raises it again"
check_not_contains "$TMP/err" "PANIC" "an exit request raising itself: no PANIC"
# The REPL prints as many results as a statement returns, or says it cannot.
printf 't = {} for i = 1, 300000 do t[i] = i end\nreturn table.unpack(t)\nprint("after")\n' >"$TMP/many.lua"
run $T "$PETLUA" -i <"$TMP/many.lua"
check_status 0 "the REPL given a statement with 300,000 results"
check_contains "$TMP/out" "after" "the REPL goes on after printing them"

# Hostile data: each is read (or refused) in about linear time; under
# `timeout` a quadratic parse would not end.
mkdir -p "$TMP/big"
{ printf 'e-1 (Health)\rOriginal language of petition: English\r'
  head -c $([ -n "${VALGRIND:-}" ] && echo 2 || echo 16)000000 /dev/zero | tr '\0' 'a' | fold -w 7 |
  tr '\n' '\r'; } >"$TMP/big/lone-cr.txt"
P="$TMP/big/lone-cr.txt" run $T "$PETLUA" \
    -e 'local s = petlua.load(os.getenv("P"), {quiet = true, max_bytes = 20e6}); print(#s, s[1] and s[1].id)'
check_status 0 "16 MB (2 under valgrind) of lines ending in lone CRs"
check_contains "$TMP/out" "1	e-1" "lone CRs: the page is read"
awk 'BEGIN { printf "<html><body>\n"; for (i = 0; i < 100000; i++) printf "<div>"; print "x" }' \
    >"$TMP/big/deep.html"
awk 'BEGIN { printf "<html><body>\n"; for (t = 0; t < 200; t++) { printf "<p";
             for (i = 0; i < 2000; i++) printf " a%d=1", i; print ">x</p>" } }' >"$TMP/big/attrs.html"
P="$TMP/big" run $T "$PETLUA" -e 'local s = petlua.load(os.getenv("P"), {quiet = true})
  for _, e in ipairs(s.errors) do print(e.file:match("[^/]*$"), e.line, e.message) end'
check_status 0 "HTML nested 100,000 deep and tags of 2,000 attributes"
check_contains "$TMP/out" "deep.html	2	HTML nested more than 1000 elements deep: not read" \
    "deep HTML: refused before it is parsed, with its line"
check_contains "$TMP/out" "attrs.html	2	HTML with a tag of more than 100 attributes: not read" \
    "many attributes: refused before it is parsed, with its line"
# A file name's control bytes are escaped in messages (strict mode raises one).
mkdir -p "$TMP/esc"
printf 'not a page\n' >"$TMP/esc/$(printf 'x\033[2Jy.txt')"
P="$TMP/esc" run $T "$PETLUA" -e 'petlua.load(os.getenv("P"), {strict = true})'
check_status 1 "strict mode: a bad file with an escape sequence in its name"
check_contains "$TMP/err" 'x\x1B[2Jy.txt: not a petition page' "strict mode: the escape sequence is shown, not sent"
if grep -q "$(printf '\033')" "$TMP/err"; then not_ok "strict mode: no raw escape byte on stderr"; else
    ok "strict mode: no raw escape byte on stderr"; fi
