# The REPL, as a person uses it: through a pseudo-terminal (tests/e2e/ptydrive.py
# types keys and waits for output), and with stdin not a terminal (petlua -i < file).
. tests/e2e/lib.sh
unset COLUMNS PETLUA_PATH PETLUA_DATA
case "$PETLUA" in /*) ;; *) PETLUA="$PWD/$PETLUA" ;; esac
export HOME="$TMP/home"
# Under ASan: libedit's own small leak at exit (see the file) is not ours.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p "$HOME"
printf 'x = 41\n' >"$TMP/setx.lua"

# drive NAME [petlua args...] < steps: one session on a terminal.
drive() {
    name=$1; shift
    TERM=xterm python3 tests/e2e/ptydrive.py "$name" -- "$PETLUA" "$@"
}

if ! command -v python3 >/dev/null 2>&1; then
    not_ok "python3 is needed to drive the REPL through a terminal (make deps installs it)"
else

drive "terminal session" <<'EOF'
prompt > 
send 1+1\r
expect \r\n2\r\n
# a function over several lines: ">> " until the chunk is complete
prompt > 
send function twice(x)\r
prompt >> 
send   return x * 2\r
prompt >> 
send end\r
prompt > 
send twice(21)\r
expect \r\n42\r\n
# Tab completes petlua's parts, though they load only when first used
prompt > 
send f = petlua.sh\t
send \r
prompt > 
send f == petlua.show\r
expect \r\ntrue\r\n
# a long loop, stopped by Ctrl-C
prompt > 
send while true do end\r
sleep 0.3
send \x03
expect interrupted
expect stack traceback:
prompt > 
send =7*6\r
expect \r\n42\r\n
prompt > 
send \x04
exit 0
EOF

hist="$HOME/.petlua_history"
if [ -f "$hist" ] && grep -qx '1+1' "$hist" && grep -qx '=7\*6' "$hist" \
   && grep -q 'function\\040twice(x)\\012' "$hist"; then
    ok "history written to \$HOME/.petlua_history (one entry per chunk, multi-line kept)"
else
    not_ok "history written to \$HOME/.petlua_history" "$(cat "$hist" 2>&1 | head -n 20)"
fi

# The history is loaded at start: Up brings back the last chunk of the session above.
drive "history loaded at start" <<'EOF'
prompt > 
send \x1b[A
expect =7*6
send \r
expect \r\n42\r\n
prompt > 
send \x04
exit 0
EOF

# help, ?name, exit and quit, as a Python user types them.
drive "help, ?name, labelled counts, exit" <<'EOF'
expect help for a guide
prompt > 
send help\r
expect ?name or help(name) prints a function's documentation
prompt > 
send ?petlua.load\r
expect paths: a file, a folder or a list of them
prompt > 
send help(petlua.text.words)\r
expect petlua.text.words(s, [{lang=, stop=, stem=, fold=}])
prompt > 
send ?no.such\r
expect no function or value named 'no.such'
prompt > 
send s = petlua.load("data")\r
prompt > 
send s:count_by("sponsor_caucus")\r
expect rows)\r\n
expect (second value: records with no sponsor_caucus)\r\n
prompt > 
send exit\r
exit 0
EOF

drive "quit leaves" <<'EOF'
prompt > 
send quit\r
exit 0
EOF

drive "exit(4) leaves with status 4" <<'EOF'
prompt > 
send exit(4)\r
exit 4
EOF

# A script's own help and exit stay its own; the bare words stay commands.
printf 'function help() return "my own help" end\nexit = 5\n' >"$TMP/own.lua"
drive "a script's help and exit are its own" -i "$TMP/own.lua" <<'EOF'
prompt > 
send help()\r
expect \r\nmy own help\r\n
prompt > 
send =exit\r
expect \r\n5\r\n
prompt > 
send help\r
expect ?name or help(name)
prompt > 
send quit()\r
exit 0
EOF

drive "Ctrl-C at the prompt drops the line" <<'EOF'
prompt > 
send print("NOT" .. "RUN")
send \x03
prompt > 
send print("R" .. "AN")\r
expect \r\nRAN\r\n
refuse NOTRUN
prompt > 
send function half(x)\r
prompt >> 
send \x03
prompt > 
send half\r
expect \r\nnil\r\n
prompt > 
send \x04
exit 0
EOF

drive "completion of globals, fields and methods" <<'EOF'
prompt > 
send s = petlua.set{}\r
prompt > 
send #s:fil\t
send {}\r
expect \r\n0\r\n
prompt > 
send g = string.forma\t
send \r
prompt > 
send g == string.format\r
expect \r\ntrue\r\n
prompt > 
send petlua.s\t
expect select
expect show
send \x03
prompt > 
send tabl\t
send .ins\t
send  == table.insert\r
expect \r\ntrue\r\n
prompt > 
send \x04
exit 0
EOF

drive "a list of rows prints as a table, a record as fields" <<'EOF'
prompt > 
send {{city = "Montréal", n = 3}, {city = "Québec", n = 12}}\r
expect city       n\r\n--------  --\r\nMontréal   3\r\nQuébec    12\r\n(2 rows)
prompt > 
send {id = "e-1", topic = "Health"}\r
expect id    = e-1\r\ntopic = Health\r\n
prompt > 
send \x04
exit 0
EOF

drive "-i: the script's globals, then the prompt" -i "$TMP/setx.lua" <<'EOF'
prompt > 
send x + 1\r
expect \r\n42\r\n
prompt > 
send os.exit(3)\r
exit 3
EOF

# Ctrl-Z at the prompt suspends petlua (the shell's job control); after fg,
# the line being typed is still there.
if [ -n "${VALGRIND:-}" ]; then
    skip "Ctrl-Z suspends, fg resumes" "a program under valgrind does not stop on SIGTSTP"
elif command -v bash >/dev/null 2>&1; then
TERM=xterm PETLUA_BIN="$PETLUA" python3 tests/e2e/ptydrive.py "Ctrl-Z suspends, fg resumes" \
    -- bash --norc --noprofile -i <<'EOF'
expect bash-
# typed as 'S''H$ ' so that the echo of this line is not taken for the prompt
send PS1='S''H$ '\r
expect SH$ 
send "$PETLUA_BIN"\r
prompt > 
send x = 
send \x1a
expect SH$ 
send fg\r
prompt x = 
send 42\r
prompt > 
send x\r
expect \r\n42\r\n
prompt > 
send \x04
expect SH$ 
send exit\r
exit 0
EOF
fi

printf 'print("looping")\nlocal n = 0\nwhile true do n = n + 1 end\n' >"$TMP/loop.lua"
drive "Ctrl-C stops a script: interrupted, a traceback, status 1" "$TMP/loop.lua" <<'EOF'
expect looping
send \x03
expect interrupted
expect in main chunk
exit 1
EOF

fi

# ---- stdin not a terminal: lines read plainly, no prompts -----------------

printf 'print(x)\n=x + 1\nx\n' | "$PETLUA" -i "$TMP/setx.lua" >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 0 "-i with stdin not a terminal"
printf '41\n42\n41\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "-i reads lines plainly and prints values"

cat >"$TMP/in" <<'EOF'
function f()
  return 3
end
f()
error("boom")
petlua.exit(3, "bye")
print("after")
{{a = 1, b = "x"}, {a = 22, b = "y"}}
{1, 2, "z"}
{id = "e-1", topic = "Health", n = 3}
{}
1, "a", nil
"plain string"
EOF
run "$PETLUA" -i <"$TMP/in"
check_status 0 "errors and petlua.exit do not end the REPL"
cat >"$TMP/want" <<'EOF'
3
after
 a  b
--  -
 1  x
22  y
(2 rows)
{1, 2, "z"}
id    = e-1
topic = Health
n     = 3
{}
1	a	nil
plain string
EOF
check_same "$TMP/out" "$TMP/want" "values printed readably"
check_contains "$TMP/err" "stdin:1: boom" "an error names stdin:LINE"
check_contains "$TMP/err" "stack traceback:" "an error has a traceback"
check_contains "$TMP/err" "bye" "petlua.exit's message is printed"

# The words read plainly too: exit ends the loop (what follows is not run).
printf 'help\n?petlua.date.days\nexit\nprint("after")\n' | "$PETLUA" -i >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 0 "exit with stdin not a terminal"
check_contains "$TMP/out" "exit, quit, exit() or Ctrl-D leaves" "help prints the guide"
check_contains "$TMP/out" "petlua.date.days(a, b) -> b - a in days" "?name prints the documentation"
check_not_contains "$TMP/out" "after" "nothing runs after exit"
printf 'x = 1\nexit(7)\n' | "$PETLUA" -i >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 7 "exit(7) with stdin not a terminal"
printf '{{a = 1}}, 3\n' | "$PETLUA" -i >"$TMP/out" 2>&1
printf 'a\n-\n1\n(1 row)\nsecond value: 3\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "a value after a table is labelled"

# 25 rows: the first 20 and the count.
printf 'local t = {} for i = 1, 25 do t[i] = {n = i} end return t\n' | "$PETLUA" -i >"$TMP/out" 2>&1
if [ "$(sed -n '22p' "$TMP/out")" = "20" ] && [ "$(tail -n 1 "$TMP/out")" = "(25 rows, first 20 shown)" ] \
   && [ "$(wc -l <"$TMP/out")" -eq 23 ]; then
    ok "a long list shows its first 20 rows and the count"
else
    not_ok "a long list shows its first 20 rows and the count" "$(cat "$TMP/out")"
fi

# A chunk left unfinished at the end of input is reported.
printf 'function g(\n' | "$PETLUA" -i >"$TMP/out" 2>"$TMP/err"
status=$?
check_status 0 "an unfinished chunk at end of input"
check_contains "$TMP/err" "stdin:1: <name> or '...' expected near <eof>" "the unfinished chunk is reported"

# With no script and stdin not a terminal, stdin is a program, not REPL lines.
printf 'local a = 2\nprint(a * 21)\n' | "$PETLUA" >"$TMP/out" 2>&1
printf '42\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "no -i, stdin not a terminal: one program"

# Started with SIGINT ignored (as a background job of a non-interactive shell
# is), the REPL on a terminal still stops a statement on Ctrl-C. No reset of
# the signal here, unlike ptydrive.py: the REPL must do it itself.
python3 - "$PETLUA" >"$TMP/out" 2>&1 <<'PY'
import os, pty, select, signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1]])
def read_for(seconds):
    out, end = b"", time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    return out
read_for(1.5)
os.write(fd, b"while true do end\r")
time.sleep(0.5)
os.write(fd, b"\x03")
print(read_for(3).decode(errors="replace"))
os.write(fd, b"\x04")
read_for(1)
PY
check_contains "$TMP/out" "interrupted" "Ctrl-C stops a statement though SIGINT was inherited ignored"
