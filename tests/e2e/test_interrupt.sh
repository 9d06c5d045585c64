# test_interrupt.sh — long text functions stop when asked: --max-seconds and
# Ctrl-C (SIGINT) end petlua.text.near_duplicates, petlua.text.tfidf and
# set:to_csv (each one C call that never returns to Lua until it is done)
# within a fraction of a second.
# The input: 40,000 texts made of sentences from a bank of 18, every two
# alike (for tfidf, the same texts ten times over: it reads them much faster),
# which each function takes more than ten seconds over on a test machine; the
# bounds below are a few times what a stop takes, never near that.
. tests/e2e/lib.sh

cat >"$TMP/slow.lua" <<'EOF'
local name = ...
if name == "to_csv" then   -- 3,000,000 rows of 1.5 KB, to /dev/null: seconds in C
  local rec = {id = "e-1", kind = "petition", text = string.rep("word ", 200), keywords = {"a", "b"},
    responses = {{responder = "R", text = string.rep("answer ", 100)}}}
  local set = petlua.set()
  for i = 1, 3000000 do set[i] = rec end
  io.stderr:write("calling to_csv\n")
  set:to_csv("/dev/null")
  io.stderr:write("to_csv returned\n")
  return
end
local bank = {}
for s = 1, 18 do
  local w = {}
  for k = 1, 12 do w[k] = "w" .. ((s * 7 + k * 13) % 97) end
  bank[s] = table.concat(w, " ") .. "."
end
math.randomseed(1)
local texts, pick = {}, {}
for i = 1, 40000 do
  for k = 1, 20 do pick[k] = bank[math.random(18)] end
  texts[i] = table.concat(pick, " ")
end
if name == "tfidf" then
  local n = #texts
  for i = n + 1, 10 * n do texts[i] = texts[(i - 1) % n + 1] end
end
io.stderr:write("calling " .. name .. "\n")
petlua.text[name](texts, name == "near_duplicates" and 0.7 or nil)
io.stderr:write(name .. " returned\n")
EOF

if [ -n "${VALGRIND:-}" ]; then   # about 30 times slower: seconds to make the inputs
    DEADLINE=20 STOP_BY_MS=25000 STOP_WHY="5 s after the deadline, under valgrind"
else
    DEADLINE=1 STOP_BY_MS=1800 STOP_WHY="the backstop ends it at 2000"
fi

stops() { # NAME: the function stops at --max-seconds and at SIGINT
    name=$1
    # --max-seconds: the deadline comes during the call (natively the inputs
    # take a tenth of a second to make, under valgrind seconds); it stops
    # there, not at the backstop timer BACKSTOP_GRACE later. Under valgrind
    # the two cannot be told apart by time: it must only stop soon after.
    t0=$(date +%s%N)
    run timeout 120 "$PETLUA" --sandbox --allow-write /dev --max-seconds "$DEADLINE" "$TMP/slow.lua" "$name"
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    check_status 1 "$name: --max-seconds"
    check_contains "$TMP/err" "petlua: script stopped after $DEADLINE seconds (--max-seconds)" "$name: --max-seconds: the stop message"
    check_contains "$TMP/err" "calling $name" "$name: --max-seconds: the deadline came after the call began"
    check_not_contains "$TMP/err" "$name returned" "$name: --max-seconds: it did not run to its end"
    if [ "$ms" -lt "$STOP_BY_MS" ]; then ok "$name: --max-seconds: stopped after ${ms} ms"; else
        not_ok "$name: --max-seconds: stopped in time" "took ${ms} ms, want under $STOP_BY_MS ($STOP_WHY)"; fi

    # Ctrl-C: SIGINT once the call has begun; petlua ends with "interrupted",
    # status 1, at once. (Started from Python with SIGINT at its default, as a
    # terminal starts a foreground job: a background job of this shell would
    # ignore it.)
    python3 - "$name" "$PETLUA" "$TMP/slow.lua" "$name" <<'EOF'
import signal, subprocess, sys, time
name = sys.argv[1]
p = subprocess.Popen(sys.argv[2:], stderr=subprocess.PIPE, text=True,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
line = p.stderr.readline()
if "calling " + name not in line:
    print("not ok - %s: SIGINT: the script did not start: %r" % (name, line))
    sys.exit(0)
time.sleep(0.3)
p.send_signal(signal.SIGINT)
sent = time.monotonic()
try:
    rest = p.communicate(timeout=60)[1]
except subprocess.TimeoutExpired:
    p.kill()
    print("not ok - %s: SIGINT: petlua still ran a minute later" % name)
    sys.exit(0)
took = time.monotonic() - sent
def check(good, what):
    print("%s - %s: SIGINT: %s" % ("ok" if good else "not ok", name, what))
check(p.returncode == 1, "status %d, want 1" % p.returncode)
check("interrupted" in rest, "says interrupted: %r" % rest[:200])
check(name + " returned" not in rest, "it did not run to its end")
check(took < 3, "ended %.2f s after the signal (want under 3)" % took)
EOF
}

stops near_duplicates
stops tfidf
stops to_csv
