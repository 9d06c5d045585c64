# The command line: every form of DESIGN §1, exit statuses and exact messages.
. tests/e2e/lib.sh
unset COLUMNS PETLUA_PATH PETLUA_DATA
case "$PETLUA" in /*) ;; *) PETLUA="$PWD/$PETLUA" ;; esac

# check_text FILE TEXT WHAT: the file holds exactly TEXT (and a final newline).
check_text() {
    printf '%s\n' "$2" >"$TMP/want"
    check_same "$1" "$TMP/want" "$3"
}
# check_first_line FILE TEXT WHAT
check_first_line() {
    if [ "$(head -n 1 "$1")" = "$2" ]; then ok "$3"; else
        not_ok "$3" "first line: $(head -n 1 "$1")" "want:       $2"; fi
}

# ---- help, version, usage errors --------------------------------------------

run "$PETLUA" --version
check_status 0 "--version"
check_first_line "$TMP/out" "petlua 0.1.0" "--version names petlua's version first"
check_contains "$TMP/out" "Lua 5.4." "--version names Lua's release (5.4.x)"

run "$PETLUA" -h
check_status 0 "-h"
check_first_line "$TMP/out" "usage: petlua [options] [script [args...]]" "-h prints the usage"
run "$PETLUA" --help
check_status 0 "--help"
check_contains "$TMP/out" "--list" "--help lists the options"

run "$PETLUA" --bogus
check_status 2 "an unknown option is bad usage"
check_text "$TMP/err" "petlua: unknown option '--bogus' (see petlua --help)" "unknown option: the message"

run "$PETLUA" -e
check_status 2 "-e without its argument"
check_text "$TMP/err" "petlua: option '-e' needs an argument (see petlua --help)" "missing argument: the message"

run "$PETLUA" --max-seconds 5 -e ''
check_status 2 "--max-seconds without --sandbox"
check_text "$TMP/err" "petlua: --allow-write and --max-seconds go with --sandbox" "--max-seconds alone: the message"

# ---- -e, -l, -d, -q ------------------------------------------------------------

run "$PETLUA" -e 'x = 1' -e 'x = x * 10' -e 'print(x)'
check_status 0 "-e repeated"
check_text "$TMP/out" "10" "-e runs in the order given"

run "$PETLUA" -e 'print(' 
check_status 1 "-e with a syntax error"
check_text "$TMP/err" "(command line):1: unexpected symbol near <eof>" "-e syntax error: the message"

run "$PETLUA" -e 'error("boom")'
check_status 1 "-e raising an error"
check_first_line "$TMP/err" "(command line):1: boom" "-e error: the message"

run "$PETLUA" -l petlua.show -e 'print(show.width("Montréal"))'
check_status 0 "-l with a dotted module name"
check_text "$TMP/out" "8" "-l petlua.show sets the global show"

run "$PETLUA" -l S=petlua.show -e 'print(S == require("petlua.show"))'
check_text "$TMP/out" "true" "-l S=petlua.show sets the global S"

run "$PETLUA" -l nosuchmodule -e 'print("not reached")'
check_status 1 "-l of a missing module"
check_first_line "$TMP/err" "module 'nosuchmodule' not found:" "-l missing module: the message"
check_not_contains "$TMP/out" "not reached" "-l failing stops the run"

run "$PETLUA" -d /some/where -e 'print(petlua.config.data)'
check_text "$TMP/out" "/some/where" "-d DIR sets the data folder"
PETLUA_DATA=/from/env "$PETLUA" -e 'print(petlua.config.data)' >"$TMP/out" 2>&1
check_text "$TMP/out" "/from/env" "PETLUA_DATA sets the data folder"
PETLUA_DATA=/from/env "$PETLUA" -d /flag -e 'print(petlua.config.data)' >"$TMP/out" 2>&1
check_text "$TMP/out" "/flag" "-d wins over PETLUA_DATA"
run "$PETLUA" -e 'print(petlua.config.data)'
check_text "$TMP/out" "data" "the data folder defaults to data"

run "$PETLUA" -q -e 'print(petlua.config.quiet)'
check_text "$TMP/out" "true" "-q sets quiet"

# ---- scripts: arguments, errors, exit --------------------------------------

cat >"$TMP/args.lua" <<'EOF'
print(arg[0], arg[1], arg[2], #arg, select("#", ...), ...)
print(arg[-1], arg[-2])
EOF
run "$PETLUA" -q "$TMP/args.lua" a "b c"
check_status 0 "a script with arguments"
# (under valgrind, petlua's own path is the binary behind the wrapper)
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n%s\t%s\n' "$TMP/args.lua" a "b c" 2 2 a "b c" -q \
    "${PETLUA_REAL:-$PETLUA}" >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "arg[0..n], arg[-k] and ... as lua sets them"

# Many arguments (a shell glob): each reaches the script, none overruns Lua's
# stack (room must be asked for before the pushes; valgrind sees it).
cat >"$TMP/count.lua" <<'EOF'
local n = select("#", ...)
print(n, #arg, (select(n, ...)), arg[n])
EOF
run "$PETLUA" "$TMP/count.lua" $(seq 1 5000)
check_status 0 "a script with 5,000 arguments"
check_text "$TMP/out" "$(printf '5000\t5000\t5000\t5000')" "5,000 arguments: all of them in ... and arg"
many=100000
if /bin/sh -c : $(seq 1 $many) 2>/dev/null; then
    run "$PETLUA" "$TMP/count.lua" $(seq 1 $many)
    check_text "$TMP/out" "$(printf '%s\t%s\t%s\t%s' $many $many $many $many)" "$many arguments: all of them reach the script"
else
    skip "$many arguments reach the script" "the system refuses a command line that long"
fi

run "$PETLUA" -e 'y = 5' "$TMP/args.lua" --not-an-option-of-petlua
check_status 0 "options after the script are the script's"
check_contains "$TMP/out" "--not-an-option-of-petlua" "the script sees its own options"

printf 'print(y)\n' >"$TMP/y.lua"
run "$PETLUA" -e 'y = 5' "$TMP/y.lua"
check_text "$TMP/out" "5" "-e runs before the script"

cat >"$TMP/err.lua" <<'EOF'
local function f()
  local t = nil
  return t.field
end
f()
EOF
run "$PETLUA" "$TMP/err.lua"
check_status 1 "an error in a script"
check_first_line "$TMP/err" "$TMP/err.lua:3: attempt to index a nil value (local 't')" "script error: path:LINE: message"
check_contains "$TMP/err" "stack traceback:" "script error: a traceback"
check_contains "$TMP/err" "$TMP/err.lua:5: in main chunk" "the traceback names the script's lines"

printf 'x = = 1\n' >"$TMP/syntax.lua"
run "$PETLUA" "$TMP/syntax.lua"
check_status 1 "a syntax error in a script"
check_text "$TMP/err" "$TMP/syntax.lua:1: unexpected symbol near '='" "syntax error: path:LINE: message"

run "$PETLUA" -e 'error({})'
check_status 1 "an error object that is not a string"
check_first_line "$TMP/err" "(error object is a table value)" "a table error object is named"

printf 'petlua.exit(3, "three")\n' >"$TMP/exit.lua"
run "$PETLUA" "$TMP/exit.lua"
check_status 3 "petlua.exit(3, msg)"
check_text "$TMP/err" "three" "petlua.exit prints its message on stderr"
run "$PETLUA" -e 'petlua.exit(0)'
check_status 0 "petlua.exit(0)"
run "$PETLUA" -e 'petlua.exit(1.5)'
check_status 1 "petlua.exit with a status that is not 0-255 gives 1"

run "$PETLUA" "$TMP/nope/x.lua"
check_status 2 "a script path that does not exist"
check_text "$TMP/err" "petlua: cannot open script '$TMP/nope/x.lua': No such file or directory" "missing path: the message"

run "$PETLUA" "$TMP"
check_status 2 "a folder as the script"
check_text "$TMP/err" "petlua: cannot open script '$TMP': not a regular file" "a folder: the message"

# ---- script options through petlua.args ------------------------------------

cat >"$TMP/opts.lua" <<'EOF'
-- opts: a script with options
local opt = petlua.args{
  "Options test",
  {"--n", "integer", default = 1, help = "how many"},
  common = true,
}
print(opt.n, opt.lang, opt.parliament)
EOF
run "$PETLUA" "$TMP/opts.lua" --n 3 --parliament=44
check_status 0 "a script's options"
printf '3\ten\t44\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "a script's options: the values"
run "$PETLUA" "$TMP/opts.lua" --bogus
check_status 2 "a script's unknown option"
check_text "$TMP/err" "petlua: $TMP/opts.lua: unknown option '--bogus' (see --help)" "a script's unknown option: the message"
run "$PETLUA" "$TMP/opts.lua" --parliament abc
check_status 2 "a script's bad value"
check_text "$TMP/err" "petlua: $TMP/opts.lua: bad value 'abc' for option '--parliament': an integer expected (see --help)" \
    "a script's bad value: the message"
run "$PETLUA" "$TMP/opts.lua" --lang de
check_status 2 "a script's bad --lang"
check_text "$TMP/err" "petlua: $TMP/opts.lua: bad value 'de' for option '--lang': en or fr expected (see --help)" \
    "a script's bad --lang: the message"
run "$PETLUA" "$TMP/opts.lua" --help
check_status 0 "a script's --help"
check_first_line "$TMP/out" "usage: petlua $TMP/opts.lua [options]" "a script's --help: the usage line"
check_contains "$TMP/out" "  --n N                  how many (default: 1)" "a script's --help: its option"
check_contains "$TMP/out" "  --since DATE           only petitions presented (UK: that reached the response" "a script's --help: a common option"

# ---- the script path: ./scripts, $PETLUA_PATH, --list, --help NAME ----------

mkdir -p "$TMP/s1" "$TMP/s2" "$TMP/proj/scripts"
cat >"$TMP/s1/hello.lua" <<'EOF'
-- hello: Say hello to someone
-- Usage: petlua hello NAME
--   NAME   who to greet
print("hello", ...)
EOF
printf -- '-- hello: the hidden one\nprint("hidden")\n' >"$TMP/s2/hello.lua"
printf -- '-- zeta: Last in line\nprint("zeta")\n' >"$TMP/s2/zeta.lua"
printf 'print("no comment")\n' >"$TMP/s2/bare.lua"
printf -- '-- local: From ./scripts\nprint("local", ...)\n' >"$TMP/proj/scripts/local.lua"
printf 'not lua\n' >"$TMP/s2/notes.txt"

PETLUA_PATH="$TMP/s1:$TMP/s2" "$PETLUA" hello world >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 0 "a bare name found in \$PETLUA_PATH"
printf 'hello\tworld\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "a bare name runs NAME.lua with its arguments"

PETLUA_PATH="$TMP/s1:$TMP/s2" "$PETLUA" hello.lua x >"$TMP/out" 2>&1
printf 'hello\tx\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "a bare NAME.lua is looked up too"

PETLUA_PATH="$TMP/s2" "$PETLUA" zeta >"$TMP/out" 2>&1
check_text "$TMP/out" "zeta" "a later \$PETLUA_PATH entry"

(cd "$TMP/proj" && "$PETLUA" local here) >"$TMP/out" 2>&1
printf 'local\there\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "a bare name found in ./scripts"

run "$PETLUA" nosuchscript
check_status 2 "an unknown bare name"
check_text "$TMP/err" "petlua: no script 'nosuchscript': not a file, nor nosuchscript.lua in the script path (see petlua --list)" \
    "unknown bare name: the message"

run "$PETLUA" nosuchscript.lua
check_text "$TMP/err" "petlua: no script 'nosuchscript.lua': not a file, nor nosuchscript.lua in the script path (see petlua --list)" \
    "unknown bare NAME.lua: the message"

(cd "$TMP/proj" && PETLUA_PATH="$TMP/s1:$TMP/s2" "$PETLUA" --list) >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 0 "--list"
check_contains "$TMP/out" "local              From ./scripts" "--list: ./scripts"
check_contains "$TMP/out" "hello              Say hello to someone" "--list: a \$PETLUA_PATH script and its description"
check_contains "$TMP/out" "zeta               Last in line" "--list: a later folder"
check_contains "$TMP/out" "bare               (no description)" "--list: a script without metadata"
check_not_contains "$TMP/out" "the hidden one" "--list: an earlier folder hides a later one's script of the same name"
check_not_contains "$TMP/out" "notes" "--list: only .lua files"
if [ "$(grep -c '^hello ' "$TMP/out")" -eq 1 ]; then ok "--list: a name once"; else
    not_ok "--list: a name once" "$(cat "$TMP/out")"; fi

PETLUA_PATH="$TMP/s1" "$PETLUA" --help hello >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 0 "--help NAME"
printf 'hello: Say hello to someone\nUsage: petlua hello NAME\n  NAME   who to greet\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "--help NAME prints the metadata comment"
check_not_contains "$TMP/out" "hello	" "--help NAME does not run the script"

run "$PETLUA" --help nosuchscript
check_status 2 "--help of an unknown script"
check_text "$TMP/err" "petlua: no script 'nosuchscript' in the script path (see petlua --list)" "--help unknown: the message"

# ---- stdin -------------------------------------------------------------------

printf 'print(1 + 1)\n' | "$PETLUA" >"$TMP/out" 2>&1
status=$?
check_status 0 "a program on stdin (not a terminal)"
check_text "$TMP/out" "2" "the program on stdin runs"

# options before it are not arguments of the program (they were pushed as
# its "...", and the call took the last for the chunk)
for opts in "--sandbox" "-q" "--sandbox --max-seconds 5"; do
    printf 'print(select("#", ...) + 1)\n' | "$PETLUA" $opts >"$TMP/out" 2>&1
    status=$?
    check_status 0 "petlua $opts: a program on stdin"
    check_text "$TMP/out" "1" "petlua $opts: the program on stdin runs, with no arguments"
done

printf 'print(...)\nprint(arg[0], arg[1])\n' | "$PETLUA" - a b >"$TMP/out" 2>&1
printf 'a\tb\n-\ta\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "petlua - ARGS: stdin with arguments"

printf 'error("from stdin")\n' | "$PETLUA" - >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 1 "an error in the stdin program"
check_first_line "$TMP/err" "stdin:1: from stdin" "stdin error: stdin:LINE: message"

printf 'print("not read")\n' | "$PETLUA" -e 'print("e only")' >"$TMP/out" 2>&1
check_text "$TMP/out" "e only" "with -e and no script, stdin is not read"

# ---- at exit: the state is not closed, but nothing is lost or left behind ---

mkdir "$TMP/exit"
printf 'old\n' >"$TMP/exit/kept.csv"
cat >"$TMP/exit/leave.lua" <<'LUA'
local dir = ...
local w = petlua.csv.writer(dir .. "/kept.csv", {"a"})    -- never closed
w:write{a = "new"}
local f = io.open(dir .. "/notes.txt", "w")                -- never closed
f:write("written, not closed\n")
local out = petlua.csv.writer("-", {"a"})                  -- never closed
out:write{a = "to stdout"}
if select(2, ...) == "fail" then error("stopped") end
LUA
for how in ok fail; do
    rm -f "$TMP/exit/notes.txt"
    run "$PETLUA" "$TMP/exit/leave.lua" "$TMP/exit" "$how"
    if [ "$how" = ok ]; then check_status 0 "exit: a script leaving files open"
    else check_status 1 "exit: a failing script leaving files open"; fi
    check_text "$TMP/exit/kept.csv" "old" "exit ($how): a CSV writer never closed is discarded, the old file kept"
    if [ "$(ls "$TMP/exit" | wc -l)" -eq 3 ]; then ok "exit ($how): no temporary file left behind"
    else not_ok "exit ($how): no temporary file left behind" "$(ls "$TMP/exit")"; fi
    check_text "$TMP/exit/notes.txt" "written, not closed" "exit ($how): an io file never closed is flushed"
    printf 'a\nto stdout\n' >"$TMP/want"
    check_same "$TMP/out" "$TMP/want" "exit ($how): a writer to stdout never closed is flushed"
done

# petlua without its vocabularies (a broken install) says so instead of
# loading departments and topics as printed without a word.
mkdir -p "$TMP/novocab"
cp "${PETLUA_REAL:-$PETLUA}" "$TMP/novocab/petlua"
ln -s "$PWD/lib" "$TMP/novocab/lib"
if [ -z "${VALGRIND:-}" ] && [ ! -d "$(dirname "$TMP")/share/petlua/vocab" ] && [ ! -d /usr/local/share/petlua/vocab ]; then
    run "$TMP/novocab/petlua" -e 'petlua.load("data/e-2559.txt")'
    check_status 1 "no vocabularies: an error"
    check_contains "$TMP/err" "cannot find petlua's vocabularies" "no vocabularies: the message says so"
else
    skip "no vocabularies: an error" "vocabularies are installed under the prefix, or under valgrind"
fi
